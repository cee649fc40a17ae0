"""Lesson 4.6: profit per customer (lesson 1.2) → candidates below a threshold → repair first, part last."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import customer_parting as m
from kundenkit.models import customer_profit as cp


@pytest.fixture(scope="module")
def sample():
    return kk.load_course_data(seed=42, branche="Versicherung", n_kunden=800)


@pytest.fixture(scope="module")
def model(sample):
    return m.PartingModel.from_tables(sample.transaktionen, sample.kontakte,
                                      assumptions=cp.assumptions_for("Versicherung"))


def test_profit_is_lesson_1_2s_profit(sample, model):
    table = cp.customer_profit(sample.transaktionen, sample.kontakte, assumptions=cp.assumptions_for("Versicherung"))
    assert model.profit == pytest.approx(table["gewinn"].to_numpy())
    assert model.missing == ("befragung",)


def test_strategies_add_up_and_the_rule_is_best(model):
    r = model.evaluate(0.0)
    s = r.strategies.set_index("strategie")
    assert r.candidates == int((model.profit < 0).sum()) > 0
    assert r.repaired + r.parted == r.candidates
    assert s.loc[m.RULE, "gewinn"] == pytest.approx(r.profit_after.sum(), abs=0.01)
    assert s.loc[m.RULE, "kunden"] == model.size - r.parted
    # repairing costs no revenue without a fee; parting always does
    assert s.loc[m.REPAIR_ONLY, "aenderung_umsatz"] == 0 and s.loc[m.PART_ONLY, "aenderung_umsatz"] < 0
    best = max(s.loc[name, "gewinn"] for name in m.STRATEGIES)
    assert s.loc[m.RULE, "gewinn"] == pytest.approx(best)


def test_fixed_costs_that_stay_make_parting_rarer(model):
    low = model.evaluate(0.0, m.Levers(fixed_share=0.0))
    high = model.evaluate(0.0, m.Levers(fixed_share=1.0))
    assert high.parted < low.parted
    assert high.row(m.PART_ONLY)["aenderung_gewinn"] < low.row(m.PART_ONLY)["aenderung_gewinn"]


def test_a_fee_raises_revenue_and_profit_of_the_repaired(model):
    plain, fee = model.evaluate(0.0), model.evaluate(0.0, m.Levers(fee=2.0))
    assert fee.row(m.REPAIR_ONLY)["umsatz"] > plain.row(m.REPAIR_ONLY)["umsatz"]
    assert fee.row(m.REPAIR_ONLY)["gewinn"] > plain.row(m.REPAIR_ONLY)["gewinn"]


def test_threshold_range_contains_zero_and_is_in_steps(model):
    low, high = model.threshold_range()
    step = model.threshold_step
    assert low <= 0 <= high and (high - low) / step == pytest.approx(round((high - low) / step))


def test_per_customer_table_names_the_action(model):
    table = model.table(model.evaluate(0.0))
    assert set(table["massnahme"]) <= set(m.ACTIONS)
    assert (table.loc[table["gewinn"] >= 0, "massnahme"] == m.KEEP).all()


def test_bad_parameters_give_german_errors(model):
    with pytest.raises(KundenkitError, match="threshold.*Zahl"):
        model.evaluate("null")
    with pytest.raises(KundenkitError, match="fixed_share"):
        m.Levers(fixed_share=-0.1)
    with pytest.raises(KundenkitError, match="Levers-Objekt"):
        model.evaluate(0.0, {"fee": 1})
    with pytest.raises(KundenkitError, match="betrag"):
        m.PartingModel.from_tables(pd.DataFrame({"kunden_id": ["A"], "umsatz": [1.0]}), years=1)


def test_whale_shares_of_the_course_data(model):
    shares = m.whale_shares(model.profit)
    assert shares["kunden"].iloc[:3].sum() == model.size
    assert shares["gewinn_summe"].iloc[:3].sum() == pytest.approx(model.profit.sum(), abs=0.05)
    assert shares["anteil_gewinn"].iloc[0] > 0.2 > shares["anteil_gewinn"].iloc[2]


def test_share_of_a_loss_is_left_empty():
    assert m.whale_shares([-1.0, -2.0, 1.0])["anteil_gewinn"].isna().all()


profits = st.lists(st.tuples(st.floats(0, 5000), st.floats(0, 50), st.floats(0, 2000)), min_size=1, max_size=50)
levers = st.builds(m.Levers, shift_share=st.floats(0, 1), target_cost=st.floats(0, 20), fee=st.floats(0, 10),
                   fixed_share=st.floats(0, 1))


def _model(rows):
    revenue, contacts, cost = (np.array(v, dtype=float) for v in zip(*rows))
    t = pd.DataFrame({"kunden_id": [f"K{i}" for i in range(len(rows))], "betrag": revenue})
    base = m.PartingModel.from_tables(t, years=1)
    pm = base.profit_model
    object.__setattr__(pm, "contacts", contacts)
    object.__setattr__(pm, "cost_to_serve", cost)
    profit = pm.base_profit()
    return m.PartingModel(pm, profit, profit - (pm.revenue * pm.assumptions.margin - cost))


@settings(max_examples=60, deadline=None)
@given(profits, levers, st.floats(-500, 500), st.floats(0, 500))
def test_the_rule_never_loses_profit_and_a_higher_threshold_takes_more_candidates(rows, lv, threshold, raise_by):
    model = _model(rows)
    r = model.evaluate(threshold, lv)
    s = r.strategies.set_index("strategie")
    tol = 1e-6 * (1 + np.abs(model.profit).sum())
    assert s.loc[m.RULE, "gewinn"] >= max(s.loc[m.TODAY, "gewinn"], s.loc[m.REPAIR_ONLY, "gewinn"],
                                          s.loc[m.PART_ONLY, "gewinn"]) - 0.01 - tol
    assert s.loc[m.RULE, "umsatz"] <= s.loc[m.REPAIR_ONLY, "umsatz"] + 0.01
    assert model.evaluate(threshold + raise_by, lv).candidates >= r.candidates
