"""Lesson 4.20: hard vs partner-like dunning on the learner's purchases (course model)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import customer_profit as cp
from kundenkit.models import dunning as m


@pytest.fixture(scope="module")
def sample():
    return kk.load_course_data(seed=42, branche="Versicherung", n_kunden=800)


@pytest.fixture(scope="module")
def model(sample):
    return m.DunningModel.from_tables(sample.transaktionen, assumptions=cp.assumptions_for("Versicherung"))


def test_late_payers_are_the_least_frequent_buyers_with_lesson_1_2s_revenue(sample, model):
    table = cp.customer_profit(sample.transaktionen, assumptions=cp.assumptions_for("Versicherung"))
    late = model.late_payers(0.1)
    assert len(late) == round(0.1 * model.size)
    counts = sample.transaktionen.groupby("kunden_id").size()
    assert counts.loc[late].max() <= counts.drop(late).min()
    revenue = table.set_index("kunden_id")["umsatz"].loc[late].to_numpy()
    per_invoice = revenue / (counts.loc[late].to_numpy() / model.base.years)
    assert model.open_amounts(0.1) == pytest.approx(per_invoice)
    assert model.margin == cp.assumptions_for("Versicherung").margin


def test_value_adds_up(model):
    o = model.compare(years=4)
    s = o.styles.set_index("stil")
    assert s["wert_mahnstil"].to_numpy() == pytest.approx(
        (s["eingetrieben"] - s["mahnkosten"] + s["marge_gehalten"]).to_numpy())
    assert s.loc[m.HARD, "eingetrieben"] == pytest.approx(0.9 * s.loc[m.HARD, "offener_betrag"])
    assert s.loc[m.PARTNER, "kunden_bleiben"] == pytest.approx(0.9 * s.loc[m.PARTNER, "saeumige_kunden"])
    curve = o.curve[o.curve["stil"] == m.PARTNER]
    assert np.interp(4, curve["jahre"], curve["wert"]) == pytest.approx(s.loc[m.PARTNER, "wert_mahnstil"])


def test_break_even_horizon_equalises_both_styles(model):
    o = model.compare()
    assert o.break_even_years is not None and 0 < o.break_even_years < m.MAX_YEARS
    at = model.compare(years=o.break_even_years)
    assert at.advantage == pytest.approx(0, abs=1e-6 * abs(at.row(m.HARD)["wert_mahnstil"]))
    assert model.compare(years=0).better == m.HARD
    assert model.compare(years=m.MAX_YEARS).better == m.PARTNER


def test_same_churn_means_the_partner_style_never_catches_up(model):
    styles = m.with_style(m.DEFAULT_STYLES, m.PARTNER, churn=m.DEFAULT_STYLES[m.HARD].churn)
    assert model.compare(styles=styles).break_even_years is None


def test_bad_parameters_give_german_errors(model):
    with pytest.raises(KundenkitError, match="churn"):
        m.DunningStyle(churn=-0.1)
    with pytest.raises(KundenkitError, match="years"):
        model.compare(years=-1)
    with pytest.raises(KundenkitError, match="late_share"):
        model.compare(late_share=2)
    with pytest.raises(KundenkitError, match="styles"):
        model.compare(styles={"hart": m.DunningStyle()})
    with pytest.raises(KundenkitError, match="betrag"):
        m.DunningModel.from_tables(pd.DataFrame({"kunden_id": ["A"], "umsatz": [1.0]}), years=1)


buyers = st.lists(st.tuples(st.integers(1, 20), st.floats(1, 5000)), min_size=1, max_size=30)
shares = st.floats(0, 1)


@settings(max_examples=60, deadline=None)
@given(buyers, st.floats(0, 0.5), shares, shares, shares, shares, st.floats(0, 20), st.floats(0, 20))
def test_a_longer_horizon_never_lowers_the_advantage_of_keeping_customers(rows, late, churn_a, churn_b, rec_h, rec_p,
                                                                         years, more):
    ids = [f"K{i}" for i, (n, _a) in enumerate(rows) for _ in range(n)]
    amounts = [a for n, a in rows for _ in range(n)]
    model = m.DunningModel.from_tables(pd.DataFrame({"kunden_id": ids, "betrag": amounts}), years=1)
    hard_churn, partner_churn = max(churn_a, churn_b), min(churn_a, churn_b)
    styles = m.with_style(m.with_style(m.DEFAULT_STYLES, m.HARD, churn=hard_churn, recovery=rec_h),
                          m.PARTNER, churn=partner_churn, recovery=rec_p)
    short = model.compare(years, late, styles)
    longer = model.compare(years + more, late, styles)
    assert longer.advantage >= short.advantage - 1e-6 * (1 + abs(short.advantage))
    if short.break_even_years is not None and years >= short.break_even_years:
        assert longer.better == m.PARTNER or longer.advantage == pytest.approx(0, abs=1e-6)
