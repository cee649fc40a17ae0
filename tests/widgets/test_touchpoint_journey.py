"""Widget of lesson 2.10: the ratings change memory, warning, fix list and chart; the journey is saved as CSV."""
import pytest

import kundenkit as kk
from kundenkit.models import touchpoint_journey as tj
from kundenkit.transfer import OWN_ENTRIES, SAMPLE_DATA
from kundenkit.widgets.touchpoint_journey import TouchpointJourneyExplorer, explorer


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector(branche):
    widget = explorer(branche=branche)
    assert list(widget.ratings) == tj.example_journey(branche).pipe(tj.check_journey)["touchpoint"].tolist()
    assert "kk-explorer" in widget._dom_classes and "kk-touchpoint-journey" in widget._dom_classes
    assert widget.key_count._dom_classes == ("kk-main-control",)
    assert not any("kk-main-control" in d._dom_classes for d in widget.ratings.values())
    verdict = widget.verdict.value
    widget.key_count.value += 3   # what the browser test does with the main slider
    assert widget.verdict.value != verdict
    assert "kk-verdict" in widget.verdict._dom_classes and "In Erinnerung bleibt" in widget.verdict.value
    assert tj.EXAMPLE_TITLE in widget.children[0].value


def test_rating_a_key_touchpoint_changes_memory_warning_fix_list_and_chart():
    widget = TouchpointJourneyExplorer()
    assert widget.summary.at_risk and "kk-warning" in widget.verdict.value
    assert "Reklamation/Umtausch" in widget.fix_view.value
    before = widget.summary.erinnert
    widget.ratings["Reklamation/Umtausch"].value = tj.DELIGHT
    assert not widget.summary.at_risk and "kk-warning" not in widget.verdict.value
    assert widget.summary.erinnert == before == -0.5  # Kasse still disappoints: the bad peak wins the tie
    widget.ratings["Kasse"].value = tj.OK
    assert widget.summary.erinnert == 0.5
    assert "Reklamation/Umtausch" not in widget.fix_view.value
    lines = {row["linie"]: row["wert"] for row in widget.chart.spec["datasets"]["linien"]}
    assert lines["Erinnerung (Spitze und Ende)"] == pytest.approx(widget.summary.erinnert)
    points = {row["touchpoint"]: row["bewertung"] for row in widget.chart.spec["datasets"]["reise"]}
    assert points["Reklamation/Umtausch"] == tj.DELIGHT


def test_the_memory_follows_peak_and_end_not_the_average():
    widget = TouchpointJourneyExplorer()
    for name in widget.ratings:
        widget.ratings[name].value = tj.OK
    widget.ratings["Beratung im Laden"].value = tj.DELIGHT
    assert widget.summary.erinnert == 0.5 and widget.summary.durchschnitt == pytest.approx(1 / 8)
    widget.ratings["Mundpropaganda"].value = tj.DELIGHT   # the end
    assert widget.summary.erinnert == 1.0
    widget.ratings["Mundpropaganda"].value = tj.NOT_RATED  # now the end is Reklamation/Umtausch
    assert widget.summary.rated == 7 and widget.summary.erinnert == 0.5


def test_key_count_slider_moves_the_rings_and_the_risk():
    widget = TouchpointJourneyExplorer()
    widget.key_count.value = 0
    assert widget.summary.key == () and not widget.summary.at_risk
    assert not any(row["schlüssel"] == "ja" for row in widget.chart.spec["datasets"]["reise"])
    widget.key_count.value = 8
    assert len(widget.summary.key) == 8 and set(widget.summary.key_disappointing) == {"Kasse", "Reklamation/Umtausch"}
    assert sum(bool(mark.value) for mark in widget.key_marks.values()) == 8


def test_own_journey_from_csv_and_the_sources_of_the_transfer(tmp_path):
    own = tj.example_journey("Bank")
    path = tj.write_journey(own, tmp_path / "reise.csv")
    from_file = explorer(tj.read_journey(path))
    assert not hasattr(from_file, "saver") and from_file.base["touchpoint"].iloc[0] == own["touchpoint"].iloc[0]
    widget = explorer(tj.read_journey(path), save_path=tmp_path / "t.csv")
    assert widget.saver.source == "Ihre Daten aus 'reise.csv'" and "Ihre Reise" in widget.children[0].value
    assert explorer(save_path=tmp_path / "t.csv").saver.source == SAMPLE_DATA
    assert explorer(own.copy(), save_path=tmp_path / "t.csv").saver.source == OWN_ENTRIES


def test_transfer_record_is_saved(tmp_path):
    path = tmp_path / "meine_arbeit" / "02_02_touchpoints.csv"
    widget = explorer(save_path=path)
    widget.ratings["Kasse"].value = tj.OK
    record = widget.record()
    assert record["beziehung_gefährdet"] is True and record["enttäuschte_schlüssel_touchpoints"] == \
        "Reklamation/Umtausch"
    assert record["erinnerung_spitze_ende"] == -0.5 and record["anzahl_enttäuschung"] == 1
    assert record["zuerst_beheben"].startswith("Reklamation/Umtausch")
    widget.saver.company.value = "Muster AG"
    assert widget.saver.save("neu") == path
    table = kk.read_csv(path)
    assert table["touchpoints"].iloc[0] == 8 and bool(table["beziehung_gefährdet"].iloc[0])


def test_journey_csv_is_saved_and_never_overwritten_without_asking(tmp_path):
    path = tmp_path / "meine_reise.csv"
    widget = explorer(journey_path=path)
    widget.ratings["Kasse"].value = tj.DELIGHT
    assert widget.save_journey() == path
    first = path.read_bytes()
    assert tj.read_journey(path).set_index("touchpoint").at["Kasse", "bewertung"] == tj.DELIGHT
    widget.ratings["Kasse"].value = tj.DISAPPOINTMENT
    widget.journey_button.click()
    assert widget.journey_question.layout.display == "flex" and path.read_bytes() == first
    widget.journey_cancel.click()
    assert widget.journey_question.layout.display == "none" and path.read_bytes() == first
    widget.journey_button.click()
    widget.journey_overwrite.click()
    assert tj.read_journey(path).set_index("touchpoint").at["Kasse", "bewertung"] == tj.DISAPPOINTMENT
    with pytest.raises(kk.KundenkitError, match="journey_path"):
        explorer().save_journey()


def test_a_number_in_between_survives_until_its_dropdown_changes(tmp_path):
    own = tj.example_journey().astype({"bewertung": object})
    own.loc[0, "bewertung"] = 0.25
    widget = explorer(own)
    assert widget.ratings["Bewertungsportal"].value == tj.OK
    assert widget.table.set_index("touchpoint").at["Bewertungsportal", "wert"] == 0.25
    widget.ratings["Bewertungsportal"].value = tj.DELIGHT
    assert widget.table.set_index("touchpoint").at["Bewertungsportal", "wert"] == 1.0


def test_chart_renders_with_german_labels():
    import vl_convert as vlc

    from kundenkit.charts.touchpoint_journey import journey_chart

    widget = explorer()
    svg = vlc.vegalite_to_svg(journey_chart(widget.table, widget.summary).to_json())
    for text in ("vor dem Kauf", "Empfehlung", "Enttäuschung", "Begeisterung", "Kasse",
                 "Erinnerung (Spitze und Ende) \u22120,50", "Durchschnitt \u22120,13"):
        assert text in svg, text
    assert svg.count('stroke="black" stroke-width="2.5"') == tj.DEFAULT_KEY


def test_a_journey_rated_from_contacts_keeps_its_title_in_the_explorer():
    data = kk.generate_customers(seed=5, n_customers=300)
    rated = tj.rate_from_contacts(tj.example_journey(), data.kontakte)
    widget = explorer(rated)
    assert "bewertet mit Ihren Kontakten" in widget.children[0].value
    assert {n: d.value for n, d in widget.ratings.items()} == dict(zip(rated["touchpoint"], rated["bewertung"]))
