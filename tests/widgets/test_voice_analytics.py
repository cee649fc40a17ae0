import time

import numpy as np
import pytest

from kundenkit import KundenkitError, generate_customers, transfer
from kundenkit.models import voice_analytics as va
from kundenkit.widgets import voice_analytics as w


@pytest.fixture(scope="module")
def data():
    return generate_customers(seed=8, n_customers=900, branche="Versicherung")


def test_threshold_changes_result_verdict_and_chart_parameter(data):
    explorer = w.explorer(data)
    before, verdict = explorer.result, explorer.verdict.value
    explorer.threshold.value = 0.25
    assert explorer.result.warnungen > before.warnungen
    assert explorer.verdict.value != verdict
    assert explorer.chart.params.schwelle == 0.25
    assert "kk-main-control" in explorer.threshold._dom_classes


def test_approach_disables_the_other_weights_and_changes_scores(data):
    explorer = w.explorer(data)
    combined = explorer.scored["score"].copy()
    explorer.approach.value = va.ACOUSTIC_APPROACH
    assert explorer.weights["stimmung"].disabled and not explorer.weights["pausen"].disabled
    assert not explorer.scored["score"].equals(combined)
    assert explorer.result.approach == va.ACOUSTIC_APPROACH


def test_weights_swap_the_chart_data(data):
    explorer = w.explorer(data)
    rows = explorer.chart.spec["datasets"]["verteilung"]
    explorer.weights["pausen"].value = 3.0
    assert explorer.chart.spec["datasets"]["verteilung"] != rows


def test_all_weights_zero_shows_a_message_and_keeps_the_result(data):
    explorer = w.explorer(data)
    explorer.approach.value = va.WORD_APPROACH
    explorer.weights["negative_wörter"].value = 0
    result = explorer.result
    explorer.weights["stimmung"].value = 0
    assert "Gewicht 0" in explorer.message.value and explorer.result == result
    explorer.weights["stimmung"].value = 1
    assert explorer.message.value == ""


def test_record_has_a_transfer_label_for_every_key(data):
    explorer = w.explorer(data)
    record = explorer.record()
    assert record["treffer"] == explorer.result.treffer
    assert all(key in transfer.FIELDS for key in record)


def test_same_seed_as_the_lesson(data):
    explorer = w.explorer(data)
    calls = va.simulate_features(va.select_calls(data.kontakte), seed=data.seed)
    assert explorer.calls.equals(calls)


def test_wrong_input():
    with pytest.raises(KundenkitError, match="kontakte"):
        w.explorer([1, 2])


def test_callbacks_are_fast():
    explorer = w.explorer(generate_customers(seed=1, n_customers=20_000, branche="Maschinenbau"))
    times = []
    for i in range(12):
        start = time.perf_counter()
        explorer.threshold.value = [0.3, 0.45][i % 2]
        explorer.weights["tempo"].value = [0.5, 2.0][i % 2]
        times.append(time.perf_counter() - start)
    assert np.percentile(times, 95) < 0.1
