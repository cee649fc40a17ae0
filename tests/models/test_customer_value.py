"""Lesson 3.8: rfm_summary against lifetimes on the CDNOW sample, scores, CLV, value dimensions, segments."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from conftest import ROOT
from kundenkit import KundenkitError
from kundenkit.models import customer_value as m
from kundenkit.models.customer_profit import assumptions_for

CDNOW = ROOT / "tests" / "data" / "cdnow"
# name of the reference file → arguments of rfm_summary (as in tests/data/cdnow/make_reference.py)
VARIANTS = {
    "daily": {"time_unit": "D"},
    "daily_monetary": {"time_unit": "D", "monetary_value_col": "amount"},
    "weekly": {"time_unit": "W"},
    "weekly_monetary": {"time_unit": "W", "monetary_value_col": "amount"},
    "daily_monetary_end_1997_09_30": {"time_unit": "D", "monetary_value_col": "amount",
                                      "observation_period_end": "1997-09-30"},
    "weekly_monetary_end_1997_06_18": {"time_unit": "W", "monetary_value_col": "amount",
                                       "observation_period_end": "1997-06-18"},
}


@pytest.fixture(scope="module")
def cdnow():
    frame = pd.read_csv(CDNOW / "CDNOW_sample.txt", sep=r"\s+", header=None,
                        names=["master_id", "customer_id", "date", "cds", "amount"],
                        dtype={"master_id": str, "customer_id": int, "date": str})
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d")
    return frame[["customer_id", "date", "amount"]]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_rfm_summary_matches_lifetimes_on_cdnow(cdnow, name):
    expected = pd.read_csv(CDNOW / f"summary_{name}.csv")
    got = kk.rfm_summary(cdnow, "customer_id", "date", **VARIANTS[name])
    assert list(got.columns) == list(expected.columns)
    assert got["customer_id"].tolist() == expected["customer_id"].tolist()
    for col in expected.columns.drop("customer_id"):  # bit-identical, the monetary value included
        assert got[col].dtype == float
        assert np.array_equal(got[col].to_numpy(), expected[col].to_numpy(dtype=float)), col


def test_the_reference_files_are_not_trivial():
    daily = pd.read_csv(CDNOW / "summary_daily_monetary.csv")
    ended = pd.read_csv(CDNOW / "summary_daily_monetary_end_1997_09_30.csv")
    assert len(daily) == 2357 and daily["frequency"].max() > 10 and (daily["monetary_value"] == 0).any()
    assert (ended["frequency"] < daily["frequency"]).any() and (ended["T"] < daily["T"]).all()


def test_rows_are_shuffled_and_ids_are_text(cdnow):
    shuffled = cdnow.sample(frac=1, random_state=3).assign(
        customer_id=lambda f: "K" + f["customer_id"].astype(str).str.zfill(5),
        date=lambda f: f["date"].dt.strftime("%d.%m.%Y"))
    got = kk.rfm_summary(shuffled, "customer_id", "date", "amount", time_unit="W")
    expected = pd.read_csv(CDNOW / "summary_weekly_monetary.csv")
    assert got["customer_id"].tolist() == ["K" + str(i).zfill(5) for i in expected["customer_id"]]
    assert np.array_equal(got["monetary_value"], expected["monetary_value"])
    assert np.array_equal(got["T"], expected["T"])


def test_same_period_purchases_are_one_period_and_later_ones_are_dropped():
    t = pd.DataFrame({"k": ["A"] * 4, "d": pd.to_datetime(["2024-01-01 09:00", "2024-01-01 18:00", "2024-01-08",
                                                           "2024-02-01"], format="mixed"), "b": [1.0, 2.0, 4.0, 100.0]})
    got = kk.rfm_summary(t, "k", "d", "b", observation_period_end="10.01.2024")
    assert got.iloc[0][["frequency", "recency", "T", "monetary_value"]].tolist() == [1.0, 7.0, 9.0, 4.0]
    weekly = kk.rfm_summary(t, "k", "d", "b", observation_period_end="2024-01-10", time_unit="W")
    assert weekly.iloc[0][["frequency", "recency", "T", "monetary_value"]].tolist() == [1.0, 1.0, 1.0, 4.0]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"customer_id_col": "kunde"}, "fehlt die Spalte 'kunde' (Parameter customer_id_col). Vorhanden sind: "
                                   "kunden_id, datum, betrag"),
    ({"monetary_value_col": "umsatz"}, "fehlt die Spalte 'umsatz'"),
    ({"time_unit": "Q"}, "Unbekannte Zeiteinheit 'Q'"),
    ({"observation_period_end": "2020-01-01"}, "liegt vor dem ersten Kauf"),
    ({"observation_period_end": "gestern"}, "'gestern', kein Datum"),
])
def test_bad_input_gives_a_german_error(kwargs, message):
    t = pd.DataFrame({"kunden_id": ["A"], "datum": pd.to_datetime(["2024-03-01"]), "betrag": [5.0]})
    args = {"customer_id_col": "kunden_id", "datetime_col": "datum", **kwargs}
    with pytest.raises(KundenkitError) as error:
        kk.rfm_summary(t, **args)
    assert message in str(error.value)


def test_a_bad_date_or_amount_names_row_and_value():
    t = pd.DataFrame({"kunden_id": ["A", "B"], "datum": ["01.03.2024", "32.13.2024"], "betrag": ["5", "x"]})
    with pytest.raises(KundenkitError) as error:
        kk.rfm_summary(t, "kunden_id", "datum")
    assert "'32.13.2024' kein Datum (Zeile 2" in str(error.value) and error.value.spalte == "datum"
    t.loc[1, "datum"] = "02.03.2024"
    with pytest.raises(KundenkitError, match="Betrag 'x' keine Zahl"):
        kk.rfm_summary(t, "kunden_id", "datum", "betrag")


purchases = st.lists(st.tuples(st.sampled_from("ABCDEFG"), st.integers(0, 60), st.integers(0, 5000)),
                     min_size=1, max_size=80)


@given(rows=purchases, unit=st.sampled_from(["D", "W"]))
@settings(max_examples=150)
def test_rfm_summary_agrees_with_a_plain_pandas_definition(rows, unit):
    t = pd.DataFrame(rows, columns=["k", "tag", "cent"])
    t["d"] = pd.Timestamp("2024-01-03") + pd.to_timedelta(t["tag"], unit="D")
    t["b"] = t["cent"] / 100
    got = kk.rfm_summary(t, "k", "d", "b", time_unit=unit).set_index("customer_id")
    start = t["d"].dt.to_period(unit).dt.start_time
    periods = t.assign(p=start).groupby(["k", "p"])["b"].sum().reset_index()
    end = start.max()
    length = pd.Timedelta(days=7 if unit == "W" else 1)
    for k, group in periods.groupby("k"):
        row = got.loc[k]
        assert row["frequency"] == len(group) - 1
        assert row["recency"] == (group["p"].max() - group["p"].min()) / length
        assert row["T"] == (end - group["p"].min()) / length
        repeats = group.sort_values("p")["b"].iloc[1:]
        assert math.isclose(row["monetary_value"], repeats.mean() if len(repeats) else 0.0, abs_tol=1e-9)


@given(values=st.lists(st.integers(-5, 5), min_size=1, max_size=60))
def test_quintile_scores_are_monotone_and_ties_share_a_score(values):
    scores = m.quintile_scores(values)
    assert scores.min() >= 1 and scores.max() <= 5
    order = np.argsort(values, kind="stable")
    assert (np.diff(scores[order]) >= 0).all()
    for v in set(values):
        assert len(set(scores[np.array(values) == v])) == 1


def test_clv_formula_and_its_limits():
    assert m.clv(100.0, 0.8, 0.1) == pytest.approx(100 * 0.8 / 0.3)
    assert m.margin_multiple(0.0, 0.1) == 0.0
    with pytest.raises(KundenkitError, match="'discount' ist 150,0 %"):
        m.margin_multiple(0.5, 1.5)


@given(r1=st.floats(0, 0.95), r2=st.floats(0, 0.95), d=st.floats(0, 0.5))
def test_a_higher_retention_never_lowers_the_multiple(r1, r2, d):
    low, high = sorted((r1, r2))
    assert m.margin_multiple(low, d) <= m.margin_multiple(high, d) + 1e-12


@pytest.fixture(scope="module")
def base():
    return kk.generate_customers(seed=5, n_customers=800, branche="Handel")


@pytest.fixture(scope="module")
def model(base):
    return m.ValueModel.from_tables(base.transaktionen, base.kontakte, base.befragung,
                                    assumptions=assumptions_for("Handel"))


def test_values_reuse_the_profit_model_of_chapter_1(base, model):
    profit = kk.models.customer_profit.customer_profit(base.transaktionen, base.kontakte, base.befragung,
                                                       assumptions=assumptions_for("Handel")).set_index("kunden_id")
    result = model.evaluate(0.75, 0.1)
    p = profit.loc[result.customers]
    multiple = 0.75 / (1 + 0.1 - 0.75)
    np.testing.assert_allclose(result.ertrag, (p["deckungsbeitrag"] - p["servicekosten"]) * multiple)
    np.testing.assert_allclose(result.information, p["informationswert"] * multiple)
    np.testing.assert_allclose(result.referenz, p["empfehlungswert"] * multiple)
    assert (result.information > 0).any() and (result.referenz > 0).any()


def test_segments_cover_every_customer_and_revenue_alone_misranks(model):
    result = model.evaluate(top_share=0.3)
    seg = result.segments()
    assert len(seg) == 8 and seg["kunden"].sum() == model.size
    assert seg["kunden_nach_umsatz"].sum() == model.size
    assert math.isclose(seg["kundenwert"].sum(), result.total.sum(), rel_tol=1e-6)
    assert result.changed > 0 and result.top_comparison()["missed"] > 0


@given(share=st.floats(0.05, 0.95))
@settings(max_examples=30)
def test_more_high_customers_with_a_larger_share(model, share):
    small = model.evaluate(top_share=share)
    large = model.evaluate(top_share=min(share + 0.05, 1.0))
    for a, b in zip((small.ertrag,), (large.ertrag,)):
        assert m.high_flags(a, share).sum() <= m.high_flags(b, min(share + 0.05, 1.0)).sum()


def test_customer_value_table_has_rfm_scores(base):
    table = m.customer_value(base.transaktionen, base.kontakte, base.befragung)
    assert set(table["r_score"]) <= {1, 2, 3, 4, 5} and table["rfm_segment"].isin(m.RFM_SEGMENT_ORDER).all()
    summary = m.rfm_segment_summary(table)
    assert summary["kunden"].sum() == len(table)


def test_only_transactions_leaves_information_and_referral_at_zero(base):
    table = m.customer_value(base.transaktionen)
    assert (table["info_wert"] == 0).all() and (table["referenzwert"] == 0).all()
    assert set(table["segment"]) <= {"Stille Umsatzbringer", "Basiskunden"}
