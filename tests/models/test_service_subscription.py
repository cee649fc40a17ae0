"""Lesson 4.7: points programme vs paid service subscription on the learner's purchases (course model)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import customer_profit as cp
from kundenkit.models import service_subscription as m


@pytest.fixture(scope="module")
def sample():
    return kk.load_course_data(seed=42, branche="Telekommunikation", n_kunden=800)


@pytest.fixture(scope="module")
def model(sample):
    return m.SubscriptionModel.from_tables(sample.transaktionen, assumptions=cp.assumptions_for("Telekommunikation"))


def test_revenue_and_margin_are_lesson_1_2s(sample, model):
    table = cp.customer_profit(sample.transaktionen, assumptions=cp.assumptions_for("Telekommunikation"))
    by_id = table.set_index("kunden_id")["umsatz"]
    assert model.revenue == pytest.approx(by_id.loc[model.customers].to_numpy())
    assert model.margin == cp.assumptions_for("Telekommunikation").margin
    counts = sample.transaktionen.groupby("kunden_id").size() / model.years
    assert model.purchases == pytest.approx(counts.loc[model.customers].to_numpy())
    assert (np.diff(model.purchases) <= 0).all()  # most frequent buyers first


def test_options_add_up(model):
    c = model.compare(*m.defaults_for("Telekommunikation"))
    o = c.options.set_index("option")
    assert o["nettoeffekt"].to_numpy() == pytest.approx((o["gebuehren"] + o["mehrmarge"] - o["kosten"]).to_numpy(),
                                                         abs=0.02)
    assert o.loc[m.POINTS, "gebuehren"] == 0
    assert o.loc[m.SUBSCRIPTION, "gebuehren"] == pytest.approx(o.loc[m.SUBSCRIPTION, "mitglieder"] * c.subscription.fee,
                                                               abs=0.1)
    assert o.loc[m.POINTS, "mitglieder"] == pytest.approx(0.5 * model.size)


def test_subscribers_are_the_frequent_buyers(model):
    s = m.defaults_for("Telekommunikation")[1]
    takers = model.takers(s.fee, s.value_per_purchase)
    assert 0 < takers < model.size
    assert model.purchases[:takers].min() * s.value_per_purchase >= s.fee
    assert model.purchases[takers] * s.value_per_purchase < s.fee
    table = model.members(model.compare(subscription=s), top=takers + 1)
    assert table["abo_lohnt_sich"].sum() == takers


def test_break_even_fee_is_the_first_fee_without_loss(model):
    c = model.compare(*m.defaults_for("Telekommunikation"))
    abo = c.curve[c.curve["option"] == m.SUBSCRIPTION].reset_index(drop=True)
    assert c.break_even_fee is not None
    at = abo.index[abo["gebuehr"] == c.break_even_fee][0]
    assert abo.loc[at, "nettoeffekt"] >= -0.01
    if at > 0:
        assert abo.loc[at - 1, "nettoeffekt"] < 0
    assert c.best_fee == abo.loc[abo["nettoeffekt"].idxmax(), "gebuehr"]
    # the curve at the current fee is the option's net effect
    s = c.subscription
    again = model.compare(c.points, m.SubscriptionAssumptions(**{**s.__dict__, "fee": c.break_even_fee}))
    assert again.row(m.SUBSCRIPTION)["nettoeffekt"] == pytest.approx(abo.loc[at, "nettoeffekt"], abs=0.01)


def test_points_break_even_uplift_makes_the_net_effect_zero(model):
    c = model.compare(*m.defaults_for("Telekommunikation"))
    p = m.PointsAssumptions(**{**c.points.__dict__, "uplift": c.break_even_uplift})
    assert model.compare(p).row(m.POINTS)["nettoeffekt"] == pytest.approx(0, abs=0.05)
    greedy = m.PointsAssumptions(point_value=1.0)  # rewards worth 100 % of revenue
    assert model.compare(greedy).break_even_uplift is None


def test_no_value_no_subscriber_and_no_break_even(model):
    c = model.compare(subscription=m.SubscriptionAssumptions(fee=10, value_per_purchase=0))
    assert c.row(m.SUBSCRIPTION)["mitglieder"] == 0 and c.row(m.SUBSCRIPTION)["nettoeffekt"] == 0


def test_bad_parameters_give_german_errors(model):
    with pytest.raises(KundenkitError, match="uptake"):
        m.SubscriptionAssumptions(uptake=2)
    with pytest.raises(KundenkitError, match="fee.*Zahl"):
        m.SubscriptionAssumptions(fee="zehn")
    with pytest.raises(KundenkitError, match="PointsAssumptions"):
        model.compare({"fee": 1})
    with pytest.raises(KundenkitError, match="Bäckerei"):
        m.defaults_for("Bäckerei")
    with pytest.raises(KundenkitError, match="betrag"):
        m.SubscriptionModel.from_tables(pd.DataFrame({"kunden_id": ["A"], "umsatz": [1.0]}), years=1)


buyers = st.lists(st.tuples(st.integers(1, 40), st.floats(1, 500)), min_size=1, max_size=40)
abos = st.builds(m.SubscriptionAssumptions, fee=st.floats(0, 300), value_per_purchase=st.floats(0.5, 20),
                 uptake=st.floats(0, 1), cost_per_purchase=st.floats(0, 20), uplift=st.floats(0, 0.3),
                 churn_reduction=st.floats(0, 0.2))


def _model(rows):
    ids = [f"K{i}" for i, (n, _a) in enumerate(rows) for _ in range(n)]
    amounts = [a for n, a in rows for _ in range(n)]
    return m.SubscriptionModel.from_tables(pd.DataFrame({"kunden_id": ids, "betrag": amounts}), years=1)


@settings(max_examples=60, deadline=None)
@given(buyers, abos, st.floats(0, 100))
def test_a_higher_fee_never_wins_members_and_members_scale_with_uptake(rows, s, raise_by):
    model = _model(rows)
    c = model.compare(subscription=s)
    higher = model.compare(subscription=m.SubscriptionAssumptions(**{**s.__dict__, "fee": s.fee + raise_by}))
    assert higher.row(m.SUBSCRIPTION)["mitglieder"] <= c.row(m.SUBSCRIPTION)["mitglieder"] + 1e-9
    assert c.row(m.SUBSCRIPTION)["mitglieder"] == pytest.approx(
        s.uptake * model.takers(s.fee, s.value_per_purchase), abs=0.06)
    assert c.row(m.SUBSCRIPTION)["mitglieder"] <= model.size
