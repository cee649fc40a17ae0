"""The lesson-5.6 widget wires room to act and share of special requests to the course model and its chart."""
import pytest

import kundenkit as kk
from kundenkit.models import customer_focus as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.customer_focus import CustomerFocusExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=2024, branche="Maschinenbau", n_kunden=600)


def test_starts_at_the_rigid_script_and_marks_main_control_and_verdict(data):
    explorer = CustomerFocusExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-customer-focus" in explorer._dom_classes
    assert explorer.freedom._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert explorer.result.freedom == 0 and explorer.result.special_share == m.DEFAULT_SPECIAL_SHARE
    assert "Modell des Kurses" in explorer.children[0].value and "Abteilungen" in explorer.children[0].value


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = CustomerFocusExplorer(data)
    verdict, point = explorer.verdict.value, explorer.chart.spec["datasets"]["punkt"]
    explorer.freedom.value = 1.0
    assert explorer.result.freedom == 1.0
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["punkt"] != point
    curve = explorer.chart.spec["datasets"]["kurve"]
    explorer.special_share.value = 0.8
    assert explorer.chart.spec["datasets"]["kurve"] != curve
    explorer._on_reset()
    assert explorer.result.freedom == 0


def test_a_table_of_contacts_alone_works(data):
    explorer = CustomerFocusExplorer(data.kontakte)
    assert explorer.map.customers > 0


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = CustomerFocusExplorer(data, save_path=tmp_path / "t.csv")
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["abteilungen_mit_kundenkontakt"] == len(explorer.map.assigned_departments)
