"""The next-best-action widget: the cap picks a point of the simulated curve; window and weights re-simulate."""
import pytest

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import next_best_action as m
from kundenkit.widgets.next_best_action import NextBestActionExplorer


def test_main_control_changes_verdict_and_chart():
    explorer = NextBestActionExplorer(kk.load_course_data(n_kunden=600), sample=200)
    assert "kk-explorer" in explorer._dom_classes and "kk-next-best-action" in explorer._dom_classes
    assert explorer.cap._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    verdict, rows = explorer.verdict.value, explorer.chart.spec["datasets"]["aktuell"]
    explorer.cap.value = explorer.result.best_cap()
    assert "<b>Maximum</b>" in explorer.verdict.value
    explorer.cap.value = 10 if explorer.result.best_cap() < 10 else 0
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["aktuell"] != rows
    assert explorer.chart.spec["datasets"]["aktuell"][0]["kontaktgrenze"] == explorer.cap.value


def test_window_and_weighting_pick_their_simulation():
    explorer = NextBestActionExplorer(kk.load_course_data(seed=7, branche="Bank", n_kunden=600), sample=150)
    before, verdict = explorer.result.curve.copy(), explorer.verdict.value
    explorer.window.value = 14
    assert explorer.result.window_days == 14 and not explorer.result.curve.equals(before)
    assert "in 14 Tagen" in explorer.verdict.value and explorer.verdict.value != verdict
    assert "14 Tagen" in explorer.chart.spec["title"]["subtitle"][0]
    explorer.weighting.value = "Service und Dank doppelt"
    assert explorer.weights()[m.THANKS] == 2.0 and explorer.weights()[m.OFFER] == 1.0
    # Each setting is exactly what the model simulates for it on its own.
    alone = m.simulate_year(explorer.setup, window_days=14, weights=explorer.weights(), sample=150)
    assert explorer.result.curve.equals(alone.curve)


def test_unknown_window_is_refused_in_german():
    with pytest.raises(KundenkitError, match="Zeitfenster 10 gibt es im Widget nicht"):
        NextBestActionExplorer(kk.load_course_data(n_kunden=200), window=10, sample=50)


def test_transfer_record(tmp_path):
    explorer = NextBestActionExplorer(kk.load_course_data(n_kunden=400), sample=100,
                                      save_path=tmp_path / "03_09.csv")
    record = explorer.record()
    assert record["kontaktgrenze"] == 5 and record["zeitfenster_tage"] == 30
    assert 0 <= record["beste_kontaktgrenze"] <= 10 and record["wert_beste_grenze"] >= record["wert_pro_kunde"]
