"""The lesson-4.7 widget wires the subscription fee and the course's assumptions to the model."""
import pytest

import kundenkit as kk
from kundenkit.models import service_subscription as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.service_subscription import SubscriptionExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=42, branche="Versicherung", n_kunden=600)


def test_starts_at_the_sectors_defaults_and_marks_main_control_and_verdict(data):
    explorer = SubscriptionExplorer(data)
    points, abo = m.defaults_for("Versicherung")
    assert "kk-explorer" in explorer._dom_classes and "kk-service-subscription" in explorer._dom_classes
    assert explorer.fee._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    assert explorer.result.subscription == abo and explorer.result.points == points
    assert "Nettoeffekt im Jahr" in explorer.verdict.value
    assert "Modell des Kurses" in explorer.children[0].value


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = SubscriptionExplorer(data)
    verdict, marked = explorer.verdict.value, explorer.chart.spec["datasets"]["aktuell"]
    members = explorer.result.row(m.SUBSCRIPTION)["mitglieder"]
    explorer.fee.value = explorer.fee.max
    assert explorer.result.row(m.SUBSCRIPTION)["mitglieder"] < members
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["aktuell"] != marked


def test_updated_spec_equals_a_fresh_chart(data):
    explorer = SubscriptionExplorer(data)
    explorer.fee.value = explorer.fee.max / 3
    explorer.redemption.value = 0.4
    explorer.value.value = explorer.value.value * 2
    assert explorer.chart.spec["datasets"] == explorer._draw().to_dict()["datasets"]


def test_record_has_a_label_for_every_key(data, tmp_path):
    explorer = SubscriptionExplorer(data, save_path=tmp_path / "t.csv")
    record = explorer.record()
    assert set(record) <= set(FIELDS), set(record) - set(FIELDS)
    assert record["abo_nettoeffekt"] == pytest.approx(explorer.result.row(m.SUBSCRIPTION)["nettoeffekt"])


def test_transactions_alone_are_enough(data):
    explorer = SubscriptionExplorer(data.transaktionen, branche="Versicherung")
    assert explorer.result.subscription == m.defaults_for("Versicherung")[1]
