"""Lesson 1.2 widget: the kings' share and their extra demands change total, verdict and whale curve."""
import json

import pytest

import kundenkit as kk
from kundenkit.widgets.customer_profit import CustomerProfitExplorer, explorer


def _descendants(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _descendants(child)


@pytest.fixture(scope="module")
def data():
    return kk.load_course_data(n_kunden=600)


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector(branche):
    box = explorer(kk.generate_customers(seed=2, n_customers=300, branche=branche))
    assert {"kk-explorer", "kk-customer-profit"} <= set(box._dom_classes)
    assert [s for s in _descendants(box) if "kk-main-control" in s._dom_classes] == [box.share]
    assert box.result.kings == 0 and box.result.total > 0
    assert "Gesamtgewinn" in box.verdict.value and "kippt der Gesamtgewinn ins Minus" in box.verdict.value
    datasets = box.chart.chart.to_dict()["datasets"].values()
    assert max(len(rows) for rows in datasets) <= 400  # two curves of at most 200 points


def test_kings_share_updates_result_verdict_and_chart(data):
    box = CustomerProfitExplorer(data)
    before_total, before_verdict, before_spec = box.result.total, box.verdict.value, json.dumps(box.chart.spec)
    box.share.value = 0.03  # three steps of the main control
    assert box.result.kings == round(0.03 * box.result.customers)
    assert box.result.total < before_total
    assert box.verdict.value != before_verdict and json.dumps(box.chart.spec) != before_spec
    box.share.value = 1.0
    assert box.result.total < 0 and "im Minus" in box.verdict.value


def test_extra_cost_and_margin_sliders_feed_the_model(data):
    box = CustomerProfitExplorer(data, kings_share=0.2)
    total = box.result.total
    box.extra_cost.value = box.extra_cost.value * 2
    assert box.result.total < total
    box.extra_cost.value = 0
    assert box.result.total == pytest.approx(box.result.total_without_kings)
    assert "bliebe der Gesamtgewinn" in box.verdict.value
    box.margin.value = 0
    assert box.result.total < 0 and "ohne Könige" in box.verdict.value


def test_only_transactions_says_what_is_missing(data):
    box = explorer(data.transaktionen, branche="Handel")
    assert box.model.missing == ("kontakte", "befragung")
    assert "Die Tabelle kontakte fehlt" in box.verdict.value


def test_transfer_record_is_saved(tmp_path, data):
    path = tmp_path / "meine_arbeit" / "1_2.csv"
    box = explorer(data, save_path=path)
    box.share.value = 0.25
    record = box.record()
    assert record["anteil_koenige"] == 0.25 and record["koenige"] == box.result.kings
    box.saver.company.value = "Muster AG"
    assert box.saver.save("neu") == path
    table = kk.read_csv(path)
    assert table["unternehmen"].iloc[0] == "Muster AG"
    assert table["gesamtgewinn_pro_jahr"].iloc[0] == pytest.approx(round(box.result.total, 2))


def test_bad_data_gets_a_german_message():
    with pytest.raises(kk.KundenkitError, match="transaktionen"):
        explorer("transaktionen.csv")


def test_verdict_compares_promoters_with_the_book_figure_and_uses_one_term(data):
    box = CustomerProfitExplorer(data)
    text = box.verdict.value
    assert "Promotoren (NPS 9–10)" in text and "bis zu 60 % profitabler" in text and "Bain" in text
    assert "Empfehler" not in text and "Promoter" not in text
    promoters = box.result.promoters
    assert kk.formatting.de_money(promoters.promoter_profit, 0) in text
    box.promoter_value.value = box.promoter_value.value * 2
    assert box.result.promoters.promoter_profit > promoters.promoter_profit and box.verdict.value != text


def test_losses_are_written_with_the_typographic_minus(data):
    box = CustomerProfitExplorer(data)
    box.share.value = 1.0
    assert box.result.total < 0
    assert f"Gesamtgewinn: {kk.formatting.MINUS}" in box.verdict.value
    assert "Gesamtgewinn: -" not in box.verdict.value
    labels = [layer for layer in box.chart.spec["layer"] if layer["mark"]["type"] == "text"]
    texts = [str(row) for name, rows in box.chart.spec["datasets"].items() for row in rows]
    assert labels and any(f"Gesamtgewinn: {kk.formatting.MINUS}" in t for t in texts)
