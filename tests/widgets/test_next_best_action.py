"""The next-best-action widget: the cap picks a point of the simulated curve; window and weights re-simulate."""
import kundenkit as kk
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


def test_window_and_weights_simulate_again():
    explorer = NextBestActionExplorer(kk.load_course_data(seed=7, branche="Bank", n_kunden=600), sample=150)
    before = explorer.result.curve.copy()
    explorer.window.value = 14
    assert explorer.result.window_days == 14 and not explorer.result.curve.equals(before)
    explorer.weight_thanks.value = 3.0
    assert explorer.weights()[m.THANKS] == 3.0


def test_transfer_record(tmp_path):
    explorer = NextBestActionExplorer(kk.load_course_data(n_kunden=400), sample=100,
                                      save_path=tmp_path / "03_09.csv")
    record = explorer.record()
    assert record["kontaktgrenze"] == 5 and record["zeitfenster_tage"] == 30
    assert 0 <= record["beste_kontaktgrenze"] <= 10 and record["wert_beste_grenze"] >= record["wert_pro_kunde"]
