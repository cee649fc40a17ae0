"""The lesson-4.6 widget wires the profit threshold and the course's assumptions to the model."""
import pytest

import kundenkit as kk
from kundenkit.models import customer_parting as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.customer_parting import PartingExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, branche="Telekommunikation", n_kunden=600)


def test_starts_at_zero_and_marks_main_control_and_verdict(data):
    explorer = PartingExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-customer-parting" in explorer._dom_classes
    assert explorer.threshold._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert explorer.result.threshold == 0.0 and explorer.result.levers == m.Levers()
    assert "Gewinn:" in explorer.verdict.value and "Umsatz:" in explorer.verdict.value
    assert "Modell des Kurses" in explorer.children[0].value


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = PartingExplorer(data)
    verdict, curves = explorer.verdict.value, explorer.chart.spec["datasets"]["kurven"]
    candidates = explorer.result.candidates
    explorer.threshold.value = explorer.threshold.max
    assert explorer.result.candidates > candidates
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["kurven"] != curves


def test_updated_spec_equals_a_fresh_chart(data):
    explorer = PartingExplorer(data)
    explorer.threshold.value = explorer.threshold.max
    explorer.fixed.value = 0.8
    assert explorer.chart.spec["datasets"] == explorer._draw().to_dict()["datasets"]


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = PartingExplorer(data, save_path=tmp_path / "t.csv")
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["kunden_getrennt"] == explorer.result.parted


def test_without_candidates_the_verdict_says_so(data):
    explorer = PartingExplorer(data)
    explorer.threshold.value = explorer.threshold.min
    assert explorer.result.candidates == 0 and "nach rechts" in explorer.verdict.value


def test_transactions_alone_are_enough(data):
    explorer = PartingExplorer(data.transaktionen, branche="Telekommunikation")
    assert "kontakte fehlt" in explorer.children[0].value
