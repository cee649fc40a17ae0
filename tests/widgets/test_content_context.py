"""The lesson-4.3 widget wires the annoyance of an offer to the model and shows verdict, table and chart."""
import pytest

import kundenkit as kk
from kundenkit.models import content_context as m
from kundenkit.transfer import FIELDS
from kundenkit.widgets.content_context import ContentContextExplorer


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(seed=7, branche="Bank", n_kunden=600)


def test_main_control_changes_result_verdict_and_chart(data):
    explorer = ContentContextExplorer(data)
    assert explorer.annoyance._dom_classes == ("kk-main-control",)
    assert "kk-verdict" in explorer.verdict._dom_classes
    verdict, rows = explorer.verdict.value, explorer.chart.spec["datasets"]["reaktionen"]
    before = explorer.result.total(m.BROADCAST)
    explorer.annoyance.value = 0.9
    assert explorer.result.total(m.BROADCAST) < before
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["reaktionen"] != rows


def test_unknown_context_leaves_no_advantage(data):
    explorer = ContentContextExplorer(data, known_share=0)
    assert explorer.result.advantage == 0 and "keinen Vorsprung" in explorer.verdict.value
    explorer.broadcast.value = m.HELP
    assert explorer.result.broadcast == m.HELP


def test_record_keys_have_transfer_labels(data):
    record = ContentContextExplorer(data).record()
    assert set(record) <= set(FIELDS) and record["vorsprung_kontext"] > 0
