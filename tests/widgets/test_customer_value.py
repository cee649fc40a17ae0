"""The customer-value widget wires its sliders to the value model and redraws the segment chart."""
import numpy as np
import pandas as pd
import pytest

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.transfer import FIELDS
from kundenkit.widgets.customer_value import CustomerValueExplorer


@pytest.fixture(scope="module")
def data():
    return kk.generate_customers(seed=3, n_customers=500, branche="Versicherung")


def test_main_control_changes_segments_verdict_and_chart(data):
    explorer = CustomerValueExplorer(data)
    assert "kk-explorer" in explorer._dom_classes and "kk-customer-value" in explorer._dom_classes
    assert explorer.top_share._dom_classes == ("kk-main-control",)
    verdict, rows = explorer.verdict.value, explorer.chart.spec["datasets"]["segmente"]
    explorer.top_share.value = 0.6
    assert explorer.verdict.value != verdict and explorer.chart.spec["datasets"]["segmente"] != rows
    assert int(explorer.segments["kunden"].sum()) == explorer.model.size


def test_retention_and_discount_scale_the_value(data):
    explorer = CustomerValueExplorer(data, retention=0.5, discount=0.0)
    total = explorer.result.total.sum()
    explorer.retention.value = 0.8
    assert explorer.result.total.sum() == pytest.approx(total * 4)   # 0.8/0.2 = 4 × (0.5/0.5 = 1)
    explorer.discount.value = 0.2
    assert explorer.result.total.sum() == pytest.approx(total * 2)   # 0.8/0.4


def test_weights_of_information_and_referral_move_customers(data):
    explorer = CustomerValueExplorer(data)
    explorer.answer_value.value = 0
    explorer.promoter_value.value = 0
    assert np.all(explorer.result.information == 0) and np.all(explorer.result.referenz == 0)
    assert set(explorer.segments.loc[explorer.segments["kunden"] > 0, "wert_code"]) <= {"E--", "---"}


def test_record_has_a_label_for_every_field(data):
    record = CustomerValueExplorer(data).record()
    assert set(record) <= set(FIELDS)
    assert record["kunden"] > 0 and 0 <= record["anteil_anderes_segment"] <= 1


def test_only_transactions_says_what_is_missing(data):
    explorer = CustomerValueExplorer(data.transaktionen, branche="Versicherung")
    assert "Die Tabelle befragung fehlt" in explorer.verdict.value


def test_wrong_input_is_a_german_error():
    with pytest.raises(KundenkitError, match="nicht list"):
        CustomerValueExplorer([1, 2])
    with pytest.raises(KundenkitError, match="fehlt die Spalte 'betrag'"):
        CustomerValueExplorer(pd.DataFrame({"kunden_id": ["A"], "datum": ["01.01.2024"]}))
