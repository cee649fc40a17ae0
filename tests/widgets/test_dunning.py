"""The lesson-4.20 widget wires the horizon and the course's assumptions to the model."""
import pytest

import kundenkit as kk
from kundenkit.models import dunning as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.dunning import DunningExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, branche="Handel", n_kunden=600)


def test_starts_at_the_defaults_and_marks_main_control_and_verdict(data):
    explorer = DunningExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-dunning" in explorer._dom_classes
    assert explorer.years._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert explorer.styles == m.DEFAULT_STYLES
    assert "mehr bringt" in explorer.verdict.value
    assert "Modell des Kurses" in explorer.children[0].value


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = DunningExplorer(data)
    verdict, marked = explorer.verdict.value, explorer.chart.spec["datasets"]["aktuell"]
    explorer.years.value = explorer.years.max
    assert explorer.result.years == explorer.years.max
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["aktuell"] != marked


def test_updated_spec_equals_a_fresh_chart(data):
    explorer = DunningExplorer(data)
    explorer.years.value = 7.5
    explorer.hard_churn.value = 0.6
    explorer.late_share.value = 0.2
    assert explorer.chart.spec["datasets"] == explorer._draw().to_dict()["datasets"]


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = DunningExplorer(data, save_path=tmp_path / "t.csv")
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["hart_wert"] == pytest.approx(explorer.result.row(m.HARD)["wert_mahnstil"], abs=0.01)


def test_transactions_alone_are_enough(data):
    explorer = DunningExplorer(data.transaktionen, branche="Bank")
    assert explorer.model.margin == kk.models.customer_profit.assumptions_for("Bank").margin
