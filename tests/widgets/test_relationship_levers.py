"""The lesson-5.8 widget wires the four levers and the capacity to the course's loop model."""
import pytest

import kundenkit as kk
from kundenkit.models import relationship_levers as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.relationship_levers import NO_CHOICE, LoopExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, n_kunden=600)


def test_marks_main_control_and_verdict_and_labels_the_model(data):
    explorer = LoopExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-relationship-levers" in explorer._dom_classes
    assert explorer.sliders["wohlbefinden"]._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert "Modell des Kurses" in explorer.note.value and "Annahmen des Kurses" in explorer.note.value
    assert explorer.start == m.start_values(data.kontakte)


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = LoopExplorer(data)
    verdict, path = explorer.verdict.value, explorer.chart.spec["datasets"]["verlauf"]
    tipping = explorer.result.tipping
    explorer.sliders["wohlbefinden"].value = 0.0
    assert explorer.result.direction == m.DOWN and "kippt nach unten" in explorer.verdict.value
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["verlauf"] != path
    explorer.sliders["wohlbefinden"].value = 1.0
    assert explorer.result.direction == m.UP and explorer.result.tipping == tipping


def test_capacity_moves_the_start_burden(data):
    explorer = LoopExplorer(data)
    before = explorer.result.start.burden
    explorer.capacity.text.value = "2,0"
    assert explorer.start.capacity == 2.0 and explorer.result.start.burden > before


def test_the_contacts_table_alone_is_enough(data):
    assert LoopExplorer(data.kontakte).result.final_quality == LoopExplorer(data).result.final_quality


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = LoopExplorer(data, save_path=tmp_path / "t.csv")
    assert explorer.first_lever is not None and explorer.first_lever.value == NO_CHOICE
    explorer.first_lever.value = "Prozesse"
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["erster_hebel"] == "Prozesse" and record["schleife_kippt"] == explorer.result.direction
