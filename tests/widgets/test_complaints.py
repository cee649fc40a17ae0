"""The lesson-4.12 widget wires the share of quickly solved complaints and the assumptions to the model."""
import pytest

import kundenkit as kk
from kundenkit.models import complaints as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.complaints import LEVERS, NO_CHOICE, ComplaintExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, n_kunden=600)


def test_marks_main_control_and_verdict_and_labels_the_model(data):
    explorer = ComplaintExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-complaints" in explorer._dom_classes
    assert explorer.quick_share._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    note = explorer.note.value
    assert "Modell des Kurses" in note and "Annahmen des Kurses" in note and "laut TARP" in note
    assert m.REVENUE_FROM_DATA in note
    assert explorer.touchpoints.value == ("Reklamation/Umtausch",)


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = ComplaintExplorer(data)
    verdict, bars = explorer.verdict.value, explorer.chart.spec["datasets"]["balken"]
    before = explorer.result.retained_revenue
    explorer.quick_share.value = 1.0
    assert explorer.result.retained_revenue > before
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["balken"] != bars


def test_without_purchases_the_revenue_is_a_labelled_placeholder_until_the_learner_sets_it(data):
    explorer = ComplaintExplorer(data.kontakte)
    assert explorer.result.revenue_source == m.REVENUE_PLACEHOLDER and "Platzhalter" in explorer.note.value
    explorer.revenue.text.value = "2.500"
    assert explorer.result.revenue == 2500.0 and explorer.result.revenue_source == m.REVENUE_FROM_LEARNER


def test_without_complaint_touchpoints_the_learner_is_asked_and_an_empty_choice_says_what_to_do():
    data = kk.load_course_data(seed=1, branche="Telekommunikation", n_kunden=300)
    contacts = data.kontakte.assign(touchpoint=data.kontakte["touchpoint"].replace("Beschwerde", "Anliegen"))
    explorer = ComplaintExplorer(contacts)
    assert explorer.touchpoints.value == () and "Nennen Sie Ihre Beschwerde-Touchpoints" in explorer.note.value
    explorer.touchpoints.value = ()
    assert explorer.result.complainants.customers == 0 and "Wählen Sie unten die Touchpoints" in explorer.verdict.value
    explorer.touchpoints.value = ("Hotline",)
    assert explorer.result.complainants.customers > 0 and "von Ihnen gewählt" in explorer.note.value


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = ComplaintExplorer(data, save_path=tmp_path / "t.csv")
    assert explorer.first_lever is not None and explorer.first_lever.value == NO_CHOICE
    explorer.first_lever.value = LEVERS[2]
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["erster_hebel"] == LEVERS[2]
    assert record["kunden_mit_beschwerde"] == explorer.result.complainants.customers
