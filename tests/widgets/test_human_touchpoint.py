"""The lesson-4.21 widget wires the € value per rating point to the model and shows decisions, verdict and chart."""
import pytest

import kundenkit as kk
from kundenkit.models import human_touchpoint as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.human_touchpoint import HumanTouchExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=2024, branche="Maschinenbau", n_kunden=600)


def test_starts_at_the_course_assumption_and_marks_main_control_and_verdict(data):
    explorer = HumanTouchExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-human-touchpoint" in explorer._dom_classes
    assert explorer.point_value._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert explorer.result.point_value == m.point_value_for("Maschinenbau")
    assert "Modell des Kurses" in explorer.children[0].value and "Maschinenbau" in explorer.children[0].value


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = HumanTouchExplorer(data)
    keep = len(explorer.result.touchpoints(m.KEEP))
    explorer.point_value.value = 0
    verdict, bars = explorer.verdict.value, explorer.chart.spec["datasets"]["balken"]
    assert explorer.result.touchpoints(m.KEEP) == []
    explorer.point_value.value = explorer.point_value.max
    assert len(explorer.result.touchpoints(m.KEEP)) >= max(keep, 1)
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["balken"] != bars
    assert "Mensch behalten:" in explorer.verdict.value
    explorer._on_reset()
    assert len(explorer.result.touchpoints(m.KEEP)) == keep


def test_at_zero_every_compared_touchpoint_is_automated(data):
    explorer = HumanTouchExplorer(data, point_value=0)
    assert explorer.result.touchpoints(m.KEEP) == [] and explorer.result.savings > 0
    assert "Automatisieren:" in explorer.verdict.value


def test_a_table_of_contacts_alone_works(data):
    explorer = HumanTouchExplorer(data.kontakte, branche="Maschinenbau")
    assert explorer.result.compared >= 2


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = HumanTouchExplorer(data, save_path=tmp_path / "t.csv")
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["touchpoints_verglichen"] == explorer.result.compared


def test_chart_spec_stays_small_for_many_customers():
    explorer = HumanTouchExplorer(kk.load_course_data(seed=1, n_kunden=20_000))
    assert len(explorer.chart.spec["datasets"]["balken"]) <= 2 * len(explorer.result.table) < 100
