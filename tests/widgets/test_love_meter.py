"""The Love Meter widget wires its questions to the self-test and marks the company in the chart."""
from kundenkit.charts.love_meter import YOURS
from kundenkit.models import love_meter as lm
from kundenkit.widgets.love_meter import ASK, explorer


def _marked(widget):
    spec = widget.chart.spec
    rows = next(iter(spec["datasets"].values()))
    return [row["status"] for row in rows if row["markierung"] == YOURS]


def test_starts_unanswered_with_nothing_marked_and_the_studys_shares():
    widget = explorer()
    assert widget._dom_classes[-2:] == ("kk-explorer", "kk-love-meter")
    assert widget.result is None and ASK in widget.verdict.value
    assert _marked(widget) == []
    rows = next(iter(widget.chart.spec["datasets"].values()))
    assert {row["status"]: row["anteil"] for row in rows}[lm.OPEN_MARRIAGE] == 0.59


def test_answers_place_the_company_and_redraw_verdict_and_chart():
    widget = explorer()
    for q in lm.QUESTIONS[:-1]:
        widget.questions[q.key].value = q.answers[1][0]
    assert widget.result is None
    last = lm.QUESTIONS[-1]
    widget.questions[last.key].value = last.answers[1][0]
    assert widget.result == lm.Placement(8, lm.OPEN_MARRIAGE)
    assert "<b>Offene Ehe</b>" in widget.verdict.value and "59 %" in widget.verdict.value
    assert _marked(widget) == [lm.OPEN_MARRIAGE]
    widget.questions[last.key].value = last.answers[-1][0]
    widget.questions["treue"].value = "Die meisten kaufen nur ein einziges Mal"
    assert widget.result.status == lm.ON_OFF and _marked(widget) == [lm.ON_OFF]
    assert "10 %" in widget.verdict.value
    assert widget.record()["beziehungsstatus"] == lm.ON_OFF


def test_best_answers_show_the_computed_rest_and_the_other_findings():
    widget = explorer(initial={q.key: q.answers[0][0] for q in lm.QUESTIONS})
    assert widget.result.status == lm.BETTER
    assert "26 %" in widget.verdict.value and "vom Kurs errechnet" in widget.verdict.value
    assert _marked(widget) == [lm.BETTER]
    assert "29 %" in widget.children[-1].value and "52 %" in widget.children[-1].value
