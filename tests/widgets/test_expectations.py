"""Widget of lesson 1.11: the sliders change the result, the verdict and the chart."""
import pytest

import kundenkit as kk
from kundenkit.widgets.expectations import ExpectationsExplorer, explorer


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector(branche):
    data = kk.load_course_data(branche=branche, n_kunden=400)
    widget = explorer(data.kontakte)
    assert set(widget.result["touchpoint"]) == set(data.kontakte["touchpoint"].unique())
    assert "kk-explorer" in widget._dom_classes and "kk-expectations" in widget._dom_classes
    assert widget.expectation._dom_classes == ("kk-main-control",)
    assert "Touchpoints" in widget.verdict.value


def test_expectation_slider_updates_result_verdict_and_chart():
    widget = ExpectationsExplorer(kk.load_course_data(n_kunden=500).kontakte)
    before = widget.summary
    widget.expectation.value = 5.0
    assert (widget.result["erwartung"] == 5.0).all()
    assert len(widget.summary.disappointing) >= len(before.disappointing)
    assert "Erwartung von 5,0" in widget.verdict.value
    assert widget.chart.params.erwartungen == [5.0] * len(widget.result)
    widget.tolerance.value = 1.0
    assert widget.chart.params.toleranz == 1.0


def test_chart_colours_the_touchpoints_like_the_model():
    """The chart judges with a Vega expression; it must agree with the model's verdicts."""
    import altair as alt
    import vl_convert as vlc

    from kundenkit.charts.expectations import VERDICT_COLOURS, touchpoint_chart

    widget = ExpectationsExplorer(kk.load_course_data(n_kunden=500).kontakte, expectation=3.2, rate=0.1)
    svg = vlc.vegalite_to_svg(touchpoint_chart(widget.result).to_json())
    counts = widget.result["urteil"].value_counts()
    for verdict, colour in zip(VERDICT_COLOURS.domain, VERDICT_COLOURS.range):
        # each touchpoint: one filled dot; plus one legend symbol per verdict
        assert svg.count(f'fill="{colour}" stroke="black"') == counts[verdict], verdict
    assert isinstance(alt.JupyterChart, type)


def test_adaptation_shrinks_the_gaps_and_says_so():
    widget = ExpectationsExplorer(kk.load_course_data(n_kunden=500).kontakte, expectation=2.0)
    gap = widget.result["abweichung"].abs().sum()
    widget.rate.value = 0.6
    assert widget.result["abweichung"].abs().sum() < gap
    assert "60 % Gewöhnung" in widget.verdict.value


def test_fulfilment_slider_moves_the_kano_markers():
    widget = ExpectationsExplorer(erlebnisse={"Hotline": 3.0, "Website": 4.5})
    assert widget.rate.layout.display == "none"
    widget.fulfilment.value = 0.8
    note = widget.kano_note.value
    assert "80 %" in note and "+0,60" in note and "\u22120,01" in note
    assert widget.kano.params.erfuellung == 0.8


def test_needs_data():
    with pytest.raises(kk.KundenkitError, match="erlebnisse"):
        ExpectationsExplorer()


def test_transfer_record_is_saved(tmp_path):
    path = tmp_path / "meine_arbeit" / "erwartungen.csv"
    widget = explorer(erlebnisse={"Hotline": 2.4, "Website": 4.6, "Rechnung": 3.5}, save_path=path)
    widget.expectation.value = 3.5
    record = widget.record()
    assert record["enttäuschen"] == 1 and record["begeistern"] == 1
    assert record["enttäuschende_touchpoints"] == "Hotline"
    widget.saver.company.value = "Muster AG"
    assert widget.saver.save("neu") == path
    table = kk.read_csv(path)
    assert list(table["unternehmen"]) == ["Muster AG"] and table["touchpoints"].iloc[0] == 3
