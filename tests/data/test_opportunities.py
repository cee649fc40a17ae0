"""The fifth table of the course data: sales opportunities (chancen), lesson 4.5."""
import time
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import kundenkit as kk
from kundenkit.data.files import load_customer_base, save_customer_base
from kundenkit.data.synthetic import BRANCHEN, OPPORTUNITY_STATUS, SECTOR_PROFILES, STAGES, generate_customers
from kundenkit.errors import KundenkitError

HEADER = "chance_id;kunden_id;angelegt_am;phase;status;betrag;abgeschlossen_am"


@pytest.fixture(scope="module")
def by_sector() -> dict[str, pd.DataFrame]:
    return {b: generate_customers(seed=5, n_customers=3000, branche=b).chancen for b in BRANCHEN}


def reached(chancen: pd.DataFrame) -> np.ndarray:
    return chancen["phase"].map(STAGES.index).to_numpy()


def test_same_seed_same_opportunities_other_seed_other_ones():
    a, b = (generate_customers(seed=8, n_customers=400, branche="Bank").chancen for _ in range(2))
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(generate_customers(seed=9, n_customers=400, branche="Bank").chancen)


def test_the_other_tables_do_not_depend_on_the_opportunities():
    """The opportunities have their own random stream: fewer of them leave the other tables as they were."""
    base = generate_customers(seed=3, n_customers=300, branche="Maschinenbau")
    profile = SECTOR_PROFILES["Maschinenbau"]
    quiet = replace(profile, segments=tuple(replace(s, opportunities_per_year=0.0) for s in profile.segments))
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(SECTOR_PROFILES, "Maschinenbau", quiet)
        without = generate_customers(seed=3, n_customers=300, branche="Maschinenbau")
    assert without.chancen.empty and not base.chancen.empty
    for name in ("kunden", "transaktionen", "kontakte", "befragung"):
        pd.testing.assert_frame_equal(getattr(base, name), getattr(without, name))


def test_volumes_fit_the_sector(by_sector):
    per_customer = {b: len(t) / 3000 for b, t in by_sector.items()}
    assert per_customer["Maschinenbau"] > per_customer["Bank"] > per_customer["Handel"]
    assert max(per_customer, key=per_customer.get) == "Maschinenbau"
    assert min(per_customer, key=per_customer.get) in {"Handel", "Telekommunikation"}
    assert all(len(t) >= 100 for t in by_sector.values())


def test_bank_opportunities_come_mostly_from_business_customers():
    base = generate_customers(seed=5, n_customers=3000, branche="Bank")
    segment = base.chancen["kunden_id"].map(base.kunden.set_index("kunden_id")["segment"])
    rate = segment.value_counts() / base.kunden["segment"].value_counts()
    assert rate["Firmenkunde"] > 5 * rate["Privatkunde"]


def test_every_status_and_stage_occurs_and_open_ones_are_recent(by_sector):
    for branche, chancen in by_sector.items():
        assert set(chancen["status"]) == set(OPPORTUNITY_STATUS), branche
        assert set(chancen["phase"]) == set(STAGES), branche
        offen = chancen[chancen["status"] == "offen"]
        assert (offen["phase"] != STAGES[-1]).all()
        assert offen["angelegt_am"].min() > pd.Timestamp("2024-12-31") - pd.Timedelta(days=730)


@pytest.mark.parametrize("branche", ["Maschinenbau", "Versicherung"])
def test_historical_advance_rates_recover_the_profile(branche):
    """Of the closed opportunities that reached a stage, the share that reached the next one."""
    chancen = generate_customers(seed=1, n_customers=20_000, branche=branche).chancen
    closed = reached(chancen[chancen["status"] != "offen"])
    rates = [(closed >= k + 1).sum() / (closed >= k).sum() for k in range(len(STAGES) - 1)]
    # Lost when the customer left shortens some runs, so the rates lie a little below the profile's.
    assert np.allclose(rates, SECTOR_PROFILES[branche].pipeline.advance, atol=0.04)


def test_closing_takes_longer_in_machine_building(by_sector):
    def cycle(chancen):
        won = chancen[chancen["status"] == "gewonnen"]
        return (won["abgeschlossen_am"] - won["angelegt_am"]).dt.days.mean()

    assert cycle(by_sector["Maschinenbau"]) > 2 * cycle(by_sector["Versicherung"])


def test_hundred_thousand_machine_builders_stay_quick():
    start = time.perf_counter()
    base = generate_customers(seed=1, n_customers=100_000, branche="Maschinenbau")
    elapsed = time.perf_counter() - start
    assert len(base.chancen) > 100_000
    assert elapsed < 8  # about 1.5 s on a developer machine; generous for shared CI runners


# --- the learner's own file ---------------------------------------------------------------------------


def test_own_folder_with_opportunities_reads_back(tmp_path):
    base = generate_customers(seed=2, n_customers=200, branche="Telekommunikation")
    save_customer_base(base, tmp_path)
    own = load_customer_base(tmp_path)
    pd.testing.assert_frame_equal(own.chancen.reset_index(drop=True), base.chancen, check_dtype=False)
    assert own.chancen["abgeschlossen_am"].dtype == "datetime64[us]"
    assert own.chancen["abgeschlossen_am"].isna().sum() == (base.chancen["status"] == "offen").sum()


def test_a_single_opportunities_file_is_recognised_by_its_columns_not_as_purchases(tmp_path):
    chancen = generate_customers(seed=2, n_customers=200, branche="Bank").chancen
    path = kk.write_csv(chancen, tmp_path / "Pipeline Export.csv")
    data = kk.load_course_data(daten_pfad=path)
    assert data.chancen is not None and data.transaktionen is None
    assert repr(data).endswith(f"Chancen {len(chancen)} Zeilen")


def test_opportunities_may_come_as_excel(tmp_path):
    chancen = generate_customers(seed=2, n_customers=200, branche="Bank").chancen
    folder = tmp_path / "crm"
    folder.mkdir()
    chancen.to_excel(folder / "chancen.xlsx", index=False)
    data = kk.load_course_data(daten_pfad=folder)
    assert len(data.require("chancen")) == len(chancen)
    assert data.chancen["phase"].tolist() == chancen["phase"].tolist()


def test_a_folder_without_opportunities_says_which_file_is_missing(tmp_path):
    save_customer_base(generate_customers(seed=2, n_customers=50), tmp_path)
    (tmp_path / "chancen.csv").unlink()
    data = kk.load_course_data(daten_pfad=tmp_path)
    with pytest.raises(KundenkitError, match="die Tabelle 'chancen' \\(Datei chancen.csv\\)"):
        data.require("chancen")


def test_a_bad_date_in_the_opportunities_names_file_line_and_column(tmp_path):
    rows = [f"C{n:06d};K{n:06d};{1 + n % 28:02d}.03.2024;Angebot;verloren;{1000 + n};{1 + n % 28:02d}.04.2024"
            for n in range(1, 40)]
    rows[14] = "C000015;K000015;31.02.2024;Angebot;verloren;1015;16.04.2024"  # line 16
    (tmp_path / "chancen.csv").write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8-sig")
    with pytest.raises(KundenkitError) as caught:
        kk.load_course_data(daten_pfad=tmp_path)
    assert (caught.value.zeile, caught.value.spalte, caught.value.wert) == (16, "angelegt_am", "31.02.2024")
    assert str(caught.value).startswith(f"In der Datei '{tmp_path / 'chancen.csv'}', Spalte 'angelegt_am', Zeile 16")
