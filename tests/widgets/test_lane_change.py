"""Lesson 1.4 widget: the threshold and horizon change the result, the verdict and the chart."""
import pytest

import kundenkit as kk
from kundenkit.models import lane_change as lc
from kundenkit.widgets.lane_change import LaneChangeExplorer, explorer


@pytest.fixture(scope="module")
def data():
    return kk.generate_customers(seed=3, n_customers=800, branche="Handel")


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector(branche):
    base = kk.generate_customers(seed=5, n_customers=400, branche=branche)
    widget = explorer(base.transaktionen, base.kontakte, kunden=base.kunden)
    assert {"kk-explorer", "kk-lane-change"} <= set(widget._dom_classes)
    assert "kk-main-control" in widget.threshold._dom_classes
    assert "rechtzeitig gesehen" in widget.verdict.value and "kk-verdict" in widget.verdict._dom_classes
    r = widget.result
    assert r.treffer + r.fehlalarme + r.verpasst + r.korrekt_ruhig == r.population == len(widget.scores)


def test_only_the_purchase_table_is_needed(data):
    widget = explorer(data.transaktionen)
    assert "ohne Kontakttabelle" in widget.verdict.value
    assert not widget.scores["schlechter_kontakt"].any()


def test_threshold_updates_result_verdict_and_chart(data):
    widget = LaneChangeExplorer(data.transaktionen, data.kontakte, kunden=data.kunden)
    before, verdict = widget.result, widget.verdict.value
    widget.threshold.value = 0.85
    after = widget.result
    assert after.threshold == pytest.approx(0.85)
    assert after.markiert <= before.markiert and after.recall <= before.recall
    assert widget.verdict.value != verdict
    assert f"<b>{after.fehlalarme}</b> Fehlalarmen" in widget.verdict.value
    assert widget.chart.params.schwelle == pytest.approx(0.85)
    assert after.treffer == lc.evaluate(widget.scores, 0.85).treffer


def test_horizon_rebuilds_the_population_and_the_chart(data):
    widget = LaneChangeExplorer(data.transaktionen)
    spec, stichtag = str(widget.chart.spec), widget.scores.attrs["stichtag"]
    widget.horizon.value = 270
    assert widget.scores.attrs["stichtag"] < stichtag
    assert str(widget.chart.spec) != spec
    assert widget.result.population == len(lc.signal_scores(data.transaktionen, horizon_days=270))


def test_caught_lane_changers_are_listed_and_the_decision_follows_the_toggles(data):
    widget = LaneChangeExplorer(data.transaktionen, data.kontakte, kunden=data.kunden)
    assert widget.customer.options, "some lane changers are caught in time"
    chosen = widget.customer.value
    assert chosen in set(widget.result.caught["kunden_id"]) and chosen in widget.caught_table.value
    widget.our_fault.value, widget.sure_advantage.value = True, False
    assert widget.decision.action == "Bremsen" and "Bremsen" in widget.decision_box.value
    widget.our_fault.value, widget.sure_advantage.value = False, True
    assert widget.decision.action == "Gas geben"
    widget.our_fault.value = True
    assert widget.decision.source == lc.COURSE and "Lesart des Kurses" in widget.decision_box.value


def test_no_caught_lane_changers_is_said_in_words(data):
    widget = LaneChangeExplorer(data.transaktionen)
    widget.threshold.value = 1.0
    widget.threshold.value = 0.0  # everybody flagged
    assert widget.result.recall == 1
    scores = widget.scores.assign(blinker=0.0)
    widget.scores = scores
    widget.threshold.value = 0.5
    assert "keinen Spurwechsler" in widget.caught_table.value and widget.customer.options == ()


def test_transfer_record_and_saver(tmp_path, data):
    path = tmp_path / "meine_arbeit" / "01_04_spurwechsel.csv"
    widget = LaneChangeExplorer(data.transaktionen, save_path=path)
    widget.threshold.value = 0.7
    record = widget.record()
    assert record["blinker_schwelle"] == 0.7 and record["treffer"] == widget.result.treffer
    assert record["entscheidung"] == widget.decision.action
    widget.saver.company.value = "Muster AG"
    assert widget.saver.save("neu") == path
    table = kk.read_csv(path)
    assert table["unternehmen"].iloc[0] == "Muster AG" and table["spurwechsler"].iloc[0] == record["spurwechsler"]


def _texts(widget):
    for child in getattr(widget, "children", ()):
        if hasattr(child, "value") and isinstance(child.value, str):
            yield child.value
        yield from _texts(child)


def test_the_matrix_is_presented_as_the_courses_tool_and_the_book_concludes_agility(data):
    widget = LaneChangeExplorer(data.transaktionen, data.kontakte, kunden=data.kunden)
    text = " ".join(_texts(widget))
    assert lc.MATRIX_NOTE in text
    assert "Werkzeug des Kurses" in lc.MATRIX_NOTE and "bis vor wenigen Jahren" in lc.MATRIX_NOTE
    assert "agil" in lc.MATRIX_NOTE and "Prototypen" in lc.MATRIX_NOTE


def test_the_top_decile_lift_says_what_it_is(data):
    widget = LaneChangeExplorer(data.transaktionen, data.kontakte, kunden=data.kunden)
    value = kk.formatting.de_number(widget.result.lift_top_decile, 1)
    assert (f"Lift im obersten Zehntel {value} (unter den 10 % mit dem höchsten Blinker-Wert sind Spurwechsler "
            f"{value}-mal so häufig") in widget.verdict.value
    assert "Lift der Regel" not in widget.verdict.value
