"""The transfer belongs to the learner: German labels for every saved value, sample data marked as such."""
import re
from html import escape

import pytest

import kundenkit as kk
from kundenkit.transfer import FIELDS, SAMPLE_DATA, collect_transfers, data_source


@pytest.fixture(scope="module")
def data():
    return kk.generate_customers(seed=1, n_customers=300)


def _explorers(data):
    w = kk.widgets
    return {
        "1.1": w.relationship.explorer(data.transaktionen, data.kunden), "1.1 Transfer": w.relationship.explorer(),
        "1.2": w.customer_profit.explorer(data), "1.3": w.association_rules.explorer(data.transaktionen),
        "1.3 Transfer": w.association_rules.explorer(),
        "1.4": w.lane_change.explorer(data.transaktionen, data.kontakte),
        "1.5": w.warmth_competence.explorer(), "1.7": w.trust.explorer(data.kontakte),
        "1.11": w.expectations.explorer(data.kontakte),
    }


def test_every_saved_value_has_a_german_label(data):
    w = kk.widgets
    chapter_two = {"2 NPS": w.nps.explorer(data), "2 Touchpoints": w.touchpoint_journey.explorer()}
    for lesson, explorer in {**_explorers(data), **chapter_two}.items():
        missing = set(explorer.record()) - set(FIELDS)
        assert not missing, f"{lesson}: {sorted(missing)} fehlen in transfer.FIELDS"


def test_sheet_shows_labels_and_german_values_never_raw_keys(tmp_path, data):
    explorers = _explorers(data)
    for number, (lesson, explorer) in enumerate(explorers.items(), start=1):
        kk.save_transfer({"unternehmen": "Müller & Söhne", **explorer.record()},
                         tmp_path / f"01_{int(lesson.split()[0].split('.')[1]):02d}_{number}.csv", mode="anhängen")
    table = collect_transfers(tmp_path)
    shown = " ".join(table["angabe"]) + " " + " ".join(table["wert"])
    assert "_" not in " ".join(table["angabe"])
    for english in ("True", "False", "nan"):
        assert english not in shown
    assert not re.search(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])|\d{4}-\d\d-\d\d", shown), shown


def test_sample_data_is_named_as_such(tmp_path, data):
    assert data_source(data) == SAMPLE_DATA
    base = kk.load_course_data(daten_pfad=_own_folder(tmp_path, data))
    assert data_source(base) == f"Ihre Daten aus '{tmp_path.name}'"
    assert data_source(base.transaktionen) == "Ihre Daten aus 'transaktionen.csv'"


def _own_folder(folder, data):
    kk.write_csv(data.transaktionen, folder / "transaktionen.csv")
    return folder


def test_transfers_from_sample_data_are_labelled_wherever_they_appear(tmp_path, data):
    folder = tmp_path / "transfer"
    sample = kk.widgets.customer_profit.explorer(data, save_path=folder / "01_02_partner.csv")
    assert "Beispieldaten" in sample.saver.children[0].value       # said before saving, too
    sample.saver.company.value = "Müller & Söhne"
    sample.saver.save("neu")
    own_base = kk.load_course_data(daten_pfad=_own_folder(tmp_path / "eigene", data))
    own = kk.widgets.lane_change.explorer(own_base.transaktionen, save_path=folder / "01_04_spurwechsel.csv")
    own.saver.company.value = "Müller & Söhne"
    own.saver.save("neu")
    entries = kk.widgets.relationship.explorer(save_path=folder / "01_01_beziehungen.csv")
    entries.saver.company.value = "Müller & Söhne"
    entries.saver.save("neu")
    table = collect_transfers(folder).drop_duplicates("lektion").set_index("lektion")["datenquelle"]
    assert table.to_dict() == {"1.1": "Ihre Eingaben", "1.2": SAMPLE_DATA,
                               "1.4": "Ihre Daten aus 'transaktionen.csv'"}
    sheet = kk.widgets.TransferSheet(folder)
    page = sheet.save(overwrite=False).read_text(encoding="utf-8")
    assert page.count('class="beispiel"') == 1 and escape("Ihre Daten aus 'transaktionen.csv'") in page
