"""Widgets wire controls to models: a change of a control changes the result and the chart."""
import pytest

import kundenkit as kk
from kundenkit.widgets.overview import SectorOverview
from kundenkit.widgets.warmth_competence import YOU, WarmthCompetenceExplorer


@pytest.fixture(scope="module")
def survey():
    return kk.load_course_data(n_kunden=500).befragung


def test_explorer_recomputes_and_redraws_on_every_slider(survey):
    explorer = WarmthCompetenceExplorer(survey)
    assert explorer.result["quadrant"].iloc[0] == "Unentschieden"  # every item at 4: neither yes nor no
    for item in kk.data.synthetic.WARMTH_ITEMS + kk.data.synthetic.COMPETENCE_ITEMS:
        explorer.sliders[item].value = 6
    row = explorer.result.iloc[0]
    assert row["quadrant"] == "Bewunderung" and row["wärme"] == row["kompetenz"] == 6
    assert "Bewunderung" in explorer.verdict.value and "6,00" in explorer.verdict.value
    assert explorer.chart.params.waerme == explorer.chart.params.kompetenz == 6


def test_explorer_shows_the_touchpoints_of_the_data(survey):
    explorer = WarmthCompetenceExplorer(survey)
    spec_text = str(explorer.chart.spec)
    for touchpoint in survey["touchpoint"].unique():
        assert touchpoint in spec_text
    assert YOU in spec_text


def test_transfer_saver_asks_before_it_touches_an_existing_file(tmp_path):
    path = tmp_path / "meine_arbeit" / "transfer.csv"
    explorer = WarmthCompetenceExplorer(save_path=path)
    saver = explorer.saver
    assert saver.save("neu") is None and "Namen Ihres Unternehmens" in saver.message.value
    saver.company.value = "Muster AG"
    assert saver.save("neu") == path
    first = path.read_bytes()
    explorer.sliders["fähig"].value = 7
    assert saver.save("neu") is None
    assert saver.question.layout.display == "flex" and path.read_bytes() == first
    saver.cancel_button.click()
    assert saver.question.layout.display == "none" and path.read_bytes() == first
    saver.save_button.click()
    saver.append_button.click()
    table = kk.read_csv(path)
    assert list(table["fähig"]) == [4, 7] and list(table["unternehmen"]) == ["Muster AG"] * 2
    saver.overwrite_button.click()
    assert len(kk.read_csv(path)) == 1


def test_sector_overview_switches_data_with_the_dropdown():
    overview = SectorOverview(n_customers=300)
    handel = overview.result[0]["kategorie"].tolist()
    overview.dropdown.value = "Maschinenbau"
    assert overview.result[0]["kategorie"].tolist() != handel
    assert "Maschinenbau" in str(overview.chart.spec)


def test_sector_overview_samples_large_bases_and_remembers_each_sector():
    overview = SectorOverview(n_customers=100_000)
    assert overview.n_customers == 5000
    first = overview.result
    overview.dropdown.value = "Bank"
    overview.dropdown.value = "Handel"
    assert overview.result[0] is first[0]


def test_transfer_sheet_collects_the_lessons_and_asks_before_replacing(tmp_path):
    from kundenkit.widgets.transfer import TransferSheet

    sheet = TransferSheet(tmp_path / "meine_arbeit")
    assert sheet.table.empty and "noch keine" in sheet.table_view.value
    assert sheet.save(overwrite=False) is None and not sheet.path.exists()

    kk.save_transfer({"unternehmen": "Muster AG", "wärme": 5.25}, tmp_path / "meine_arbeit" / "01_05_x.csv")
    kk.save_transfer({"unternehmen": "Muster AG", "precision": 0.4, "gesamtgewinn_pro_jahr": -1234.5},
                     tmp_path / "meine_arbeit" / "01_04_y.csv", source="Beispieldaten")
    kk.save_transfer({"unternehmen": "Andere", "x": 1.0}, tmp_path / "meine_arbeit" / "02_01_z.csv")
    sheet.action.value = "Jeden Montag drei Stammkunden anrufen."
    path = sheet.save(overwrite=False)
    text = path.read_text(encoding="utf-8")
    assert path.name == "kapitel_01_transferblatt.html" and "size: A4" in text
    assert text.index("Lektion 1.4 – Spurwechsel – Bitte anzeigen!") < text.index("Lektion 1.5 – Sympathisch")
    assert "<td>Wärme</td><td class=\"wert\">5,25</td>" in text
    assert "Trefferquote der Warnungen (Precision)</td><td class=\"wert\">40 %" in text
    assert "−1.235 €" in text and "Muster AG" in text and "Jeden Montag drei Stammkunden anrufen." in text
    assert text.count('class="beispiel"') == 1  # only lesson 1.4's figures are sample data
    assert "Andere" not in text and "precision" not in text and "True" not in text  # chapter 2 not on this sheet
    assert sheet.action_path.read_text(encoding="utf-8") == "Jeden Montag drei Stammkunden anrufen."

    path.write_text("meine Notizen", encoding="utf-8")
    assert sheet.save(overwrite=False) is None and sheet.question.layout.display == "flex"
    assert path.read_text(encoding="utf-8") == "meine Notizen"
    sheet.overwrite_button.click()
    assert "Lektion 1.4" in path.read_text(encoding="utf-8")


def test_action_plan_collects_every_chapter_and_asks_before_replacing(tmp_path):
    from kundenkit.widgets.transfer import ActionPlan, TransferSheet

    folder = tmp_path / "transfer"
    plan = ActionPlan(folder)
    assert plan.save(overwrite=False) is None and not plan.path.exists()  # nothing to plan yet

    kk.save_transfer({"unternehmen": "Muster AG", "wärme": 5.25}, folder / "01_05_x.csv")
    kk.save_transfer({"unternehmen": "Muster AG", "kontaktgrenze": 3}, folder / "03_09_y.csv", source="Beispieldaten")
    sheet = TransferSheet(folder, kapitel=3)
    sheet.action.value = "Eine Kontaktregel über alle Kanäle einführen."
    sheet.save(overwrite=False)

    plan.refresh_button.click()
    overview = plan.overview.set_index("kapitel")
    assert overview.loc[3, "massnahme"] == "Eine Kontaktregel über alle Kanäle einführen."
    assert overview.loc[1, "lektionen_mit_transfer"] == 1 and overview.loc[2, "lektionen_mit_transfer"] == 0
    assert plan.company.value == "Muster AG" and "(noch keine Maßnahme)" in plan.overview_view.value
    text = plan.save(overwrite=False).read_text(encoding="utf-8")
    assert text.index("Kapitel 1: Wie Beziehungen zustande kommen") < text.index("Kapitel 3: Analytisches")
    assert "Kapitel 2: Strategisches" not in text.split("Ihre Maßnahmen")[1].split("</table>")[1]  # no empty chapter
    assert "Eine Kontaktregel über alle Kanäle einführen." in text and "Bis wann?" in text
    assert "<td>Wärme</td><td class=\"wert\">5,25</td>" in text and text.count('class="beispiel"') == 1

    plan.path.write_text("meine Notizen", encoding="utf-8")
    assert plan.save(overwrite=False) is None and plan.path.read_text(encoding="utf-8") == "meine Notizen"
    plan.overwrite_button.click()
    assert "Ihr Fahrplan" in plan.path.read_text(encoding="utf-8")
