"""The explorer of lesson 4.5: the learner's chances per stage move the weighted pipeline, the chart and the verdict."""
import time

import pandas as pd
import pytest

import kundenkit as kk
from kundenkit.errors import KundenkitError
from kundenkit.transfer import FIELDS
from kundenkit.widgets.sales_pipeline import explorer


@pytest.fixture(scope="module")
def data():
    return kk.generate_customers(seed=3, n_customers=1500, branche="Maschinenbau")


def test_sliders_start_at_the_history_and_the_verdict_says_so(data):
    box = explorer(data)
    assert box.model.weighted(box.chances()) == pytest.approx(box.model.weighted())
    assert "stimmen mit Ihrer Vergangenheit überein" in box.verdict.value


def test_moving_the_main_control_changes_verdict_chart_and_table(data):
    box = explorer(data)
    main = box.sliders[box.main_stage]
    assert "kk-main-control" in main._dom_classes
    before = (box.verdict.value, box.chart.spec["datasets"]["pipeline"], box.table_view.value)
    main.value = 0.95 if main.value < 0.5 else 0.05
    after = (box.verdict.value, box.chart.spec["datasets"]["pipeline"], box.table_view.value)
    assert all(a != b for a, b in zip(before, after))
    assert ("mehr" if main.value > 0.5 else "weniger") in box.verdict.value
    box.reset.click()
    assert "stimmen mit Ihrer Vergangenheit überein" in box.verdict.value


def test_record_has_a_label_for_every_key(data):
    record = explorer(data).record()
    assert set(record) <= set(FIELDS)
    assert record["pipeline_gewichtet_ihre"] == record["pipeline_gewichtet_geschichte"]


def test_the_table_alone_and_a_base_without_opportunities(data):
    assert explorer(data.chancen).model.closed == explorer(data).model.closed
    own = kk.CustomerBase(None, data.transaktionen, None, None, "Handel", 0, quelle="export")
    with pytest.raises(KundenkitError, match="chancen.csv"):
        explorer(own)


def test_a_change_is_quick_on_many_opportunities():
    box = explorer(kk.generate_customers(seed=1, n_customers=30_000, branche="Maschinenbau"))
    slider = box.sliders[box.main_stage]
    times = []
    for value in (0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6, 0.8, 1.0):
        start = time.perf_counter()
        slider.value = value
        times.append(time.perf_counter() - start)
    assert sorted(times)[len(times) // 2] < 0.25  # about 5 ms on a developer machine


def test_empty_own_table_is_refused():
    with pytest.raises(KundenkitError, match="keine Chance abgeschlossen"):
        explorer(pd.DataFrame({"phase": [], "status": [], "betrag": []}))
