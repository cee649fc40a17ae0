"""The lesson-4.9 widget wires the transfer share, the warm share and the assumptions to the model."""
import pytest

import kundenkit as kk
from kundenkit.transfer import FIELDS
from kundenkit.widgets.call_transfer import NO_CHOICE, STEPS, TransferExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, n_kunden=600)


def test_marks_main_control_and_verdict_and_labels_the_model(data):
    explorer = TransferExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-call-transfer" in explorer._dom_classes
    assert explorer.transfer_share._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert "Modell des Kurses" in explorer.note.value and "Annahmen des Kurses" in explorer.note.value
    assert explorer.touchpoints.value == ("Kundenservice", "Reklamation/Umtausch")


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = TransferExplorer(data)
    verdict, point = explorer.verdict.value, explorer.chart.spec["datasets"]["aktuell"]
    before = explorer.result.current["erstloesung"]
    explorer.transfer_share.value = 0.3
    assert explorer.result.current["erstloesung"] > before
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["aktuell"] != point


def test_assumptions_and_minutes_reach_the_model(data):
    explorer = TransferExplorer(data)
    cost = explorer.result.current["servicekosten"]
    explorer.numbers["cost_per_minute"].text.value = "2"
    assert explorer.result.current["servicekosten"] == pytest.approx(2 * cost)
    explorer.warm_share.value = 1.0
    assert explorer.result.assumptions.warm_share == 1.0 and "ab" in explorer.verdict.value
    explorer.touchpoints.value = ()
    assert explorer.result.requests.requests == 0 and "Wählen Sie unten die Touchpoints" in explorer.verdict.value


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = TransferExplorer(data, save_path=tmp_path / "t.csv")
    assert explorer.first_step is not None and explorer.first_step.value == NO_CHOICE
    explorer.first_step.value = STEPS[0]
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["erster_schritt"] == STEPS[0] and record["anfragen"] == explorer.result.requests.requests
