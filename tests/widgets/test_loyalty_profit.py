"""The lesson-3.10 widget wires its two thresholds to the model and shows groups, verdict and chart."""
import pytest

import kundenkit as kk
from kundenkit.models import loyalty_profit as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.loyalty_profit import NO_CHOICE, LoyaltyExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, n_kunden=600)


def test_starts_at_the_medians_and_marks_main_control_and_verdict(data):
    explorer = LoyaltyExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-loyalty-profit" in explorer._dom_classes
    assert explorer.profit_threshold._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert (explorer.result.duration_threshold, explorer.result.profit_threshold) == \
        explorer.model.default_thresholds()
    assert "Kletten" in explorer.verdict.value and "Modell des Kurses" in explorer.children[0].value


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = LoyaltyExplorer(data)
    verdict, lines = explorer.verdict.value, explorer.chart.spec["datasets"]["schwellen"]
    barnacles = explorer.result.count(m.BARNACLES)
    explorer.profit_threshold.value = explorer.profit_threshold.max
    assert explorer.result.count(m.BARNACLES) > barnacles
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["schwellen"] != lines
    explorer._on_reset()
    assert explorer.result.count(m.BARNACLES) == barnacles


def test_transactions_only_use_the_first_purchase_and_say_so(data):
    explorer = LoyaltyExplorer(kk.CustomerBase(None, data.transaktionen, None, None, "Handel", 0, quelle="x"))
    assert explorer.model.start_source == m.SOURCE_FIRST
    note = explorer.children[0].value
    assert "ersten Kauf in Ihren Daten" in note and "kontakte fehlt" in note


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = LoyaltyExplorer(data, save_path=tmp_path / "t.csv")
    assert explorer.first_group is not None and explorer.first_group.value == NO_CHOICE
    explorer.first_group.value = m.BARNACLES
    assert "Anteil ihres Bedarfs" in explorer.treatment.value
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["erste_gruppe"] == m.BARNACLES
    assert record["kunden_kletten"] == explorer.result.count(m.BARNACLES)


def test_chart_spec_stays_small_for_many_customers():
    explorer = LoyaltyExplorer(kk.load_course_data(seed=1, n_kunden=20_000))
    assert len(explorer.chart.spec["datasets"]["zellen"]) <= 32 * 24 < 5000


def test_without_barnacles_the_verdict_says_so(data):
    explorer = LoyaltyExplorer(data)
    explorer.profit_threshold.value = explorer.profit_threshold.min
    assert explorer.result.count(m.BARNACLES) == 0 and "keiner eine Klette" in explorer.verdict.value
