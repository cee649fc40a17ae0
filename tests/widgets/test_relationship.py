"""The widget of lesson 1.1 wires its controls to the interaction-chain model and the chart."""
import math

import pytest

import kundenkit as kk
from kundenkit.charts.relationship import YOU
from kundenkit.models import relationship as rel
from kundenkit.widgets.relationship import RelationshipExplorer, explorer


@pytest.fixture(scope="module")
def handel():
    return kk.load_course_data(n_kunden=600)


def _case(widget, name):
    return next(row for row in widget.chart.spec["datasets"]["faelle"] if row["fall"] == name)


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector_with_its_segments(branche):
    data = kk.load_course_data(branche=branche, n_kunden=400)
    widget = explorer(data.transaktionen, data.kunden)
    assert widget._dom_classes[-2:] == ("kk-explorer", "kk-relationship")
    assert "kk-main-control" in widget.recognition._dom_classes
    assert list(widget.group.options)[0] == rel.ALL
    assert set(widget.group.options[1:]) == set(data.kunden["segment"].unique())
    assert 0 < widget.result.strength < 1 and "Erkennungsrate" in widget.verdict.value


def test_main_control_updates_result_verdict_and_chart(handel):
    widget = explorer(handel.transaktionen, handel.kunden)
    before = (widget.result.strength, widget.verdict.value, _case(widget, YOU)["mehrerlös"])
    for _ in range(3):                                     # like pressing ArrowRight three times
        widget.recognition.value = round(widget.recognition.value + widget.recognition.step, 2)
    assert widget.result.recognition == pytest.approx(0.75)
    assert widget.result.strength > before[0]
    assert widget.verdict.value != before[1] and "75 %" in widget.verdict.value
    assert _case(widget, YOU)["mehrerlös"] > before[2]
    assert {row["erkennungsrate"] for row in widget.chart.spec["datasets"]["pfade"]} >= {0.75}


def test_segment_choice_loads_the_segments_typical_customer(handel):
    widget = RelationshipExplorer(handel.transaktionen, handel.kunden)
    typical = widget.typical.set_index("gruppe")
    widget.group.value = "Premium"
    assert widget.episodes.value == pytest.approx(round(typical.loc["Premium", "käufe_pro_jahr"], 1))
    assert widget.result.revenue_per_year == pytest.approx(typical.loc["Premium", "umsatz_pro_jahr"])
    # Frequent, big customers: recognising them pays off at a lower rate than for all customers.
    widget_all = RelationshipExplorer(handel.transaktionen, handel.kunden)
    assert widget.result.break_even < widget_all.result.break_even


def test_cost_slider_moves_the_break_even_shown_in_verdict_and_chart(handel):
    widget = explorer(handel.transaktionen, handel.kunden)
    even = widget.result.break_even
    widget.cost.value = widget.cost.value * 2
    assert widget.result.break_even > even
    assert widget.chart.spec["datasets"]["schwelle"][0]["erkennungsrate"] == pytest.approx(
        round(widget.result.break_even, 4))
    widget.cost.value = widget.cost.max
    assert math.isnan(widget.result.break_even)
    assert "keiner" in widget.verdict.value and not widget.chart.spec["datasets"]["schwelle"][0]["linie"]


def test_without_data_the_widget_uses_labelled_example_values():
    widget = explorer()
    assert list(widget.group.options) == ["Ihr Unternehmen"]
    assert "Annahmen des Kurses" in widget.children[1].value


def test_transfer_record_and_save(tmp_path):
    path = tmp_path / "meine_arbeit" / "01_01_was_sind_beziehungen.csv"
    widget = explorer(save_path=path)
    widget.episodes.value = 12
    widget.revenue.value = 2400
    widget.cost.value = 50
    record = widget.record()
    assert record["käufe_pro_jahr"] == 12 and record["jahresumsatz_je_kunde"] == 2400
    assert record["gewinnschwelle_erkennungsrate"] == pytest.approx(
        rel.break_even_recognition(50, 2400, 12), abs=1e-4)
    widget.saver.company.value = "Muster AG"
    assert widget.saver.save("neu") == path
    table = kk.read_csv(path)
    assert table["unternehmen"].iloc[0] == "Muster AG" and table["kosten_je_kunde"].iloc[0] == 50


def test_revenue_typed_the_german_way_is_shown_and_used():
    widget = explorer()
    widget.revenue.text.value = "1500,5"
    assert widget.revenue.text.value == "1.500,50" and widget.result.revenue_per_year == 1500.5
    expected = rel.assess(widget.recognition.value, widget.episodes.value, 1500.5, widget.cost.value,
                          max_premium=widget.max_premium.value, gain=widget.gain,
                          half_life_years=widget.half_life.value)
    assert f"{kk.formatting.de_number(expected.extra_revenue)} €" in widget.verdict.value
    verdict = widget.verdict.value
    widget.revenue.text.value = "1.5"                      # unclear: refused, nothing recomputed
    assert widget.result.revenue_per_year == 1500.5 and widget.verdict.value == verdict
    assert "Meinen Sie 1,5?" in widget.revenue.message.value


def test_at_zero_recognition_the_verdict_shows_no_cost_and_no_loss(handel):
    widget = explorer(handel.transaktionen, handel.kunden)
    widget.recognition.value = 0.0
    assert widget.result.cost == 0 and widget.result.net == 0
    assert "keine Kosten" in widget.verdict.value and "Saldo 0,00 €" in widget.verdict.value
    discounter = _case(widget, rel.DISCOUNTER[0])
    assert discounter["erkennungsrate"] == 0 and discounter["kosten"] == 0 and discounter["mehrerlös"] == 0
    assert "anonymer Discounter (0 %): Stärke 0,00, Saldo 0,00 €" in widget.verdict.value


def test_a_loss_is_written_with_the_typographic_minus(handel):
    widget = explorer(handel.transaktionen, handel.kunden)
    widget.recognition.value = 0.05
    assert widget.result.net < 0
    assert f"Saldo {kk.formatting.MINUS}" in widget.verdict.value and "Saldo -" not in widget.verdict.value
