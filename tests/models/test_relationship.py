import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import KundenkitError, generate_customers
from kundenkit.exercises import EXERCISES
from kundenkit.exercises.lessons.relationship import group_cases
from kundenkit.models import relationship as rel

rate = st.floats(min_value=0, max_value=1, allow_nan=False)
episodes = st.floats(min_value=0.2, max_value=60, allow_nan=False)
half_life = st.floats(min_value=0.1, max_value=10, allow_nan=False)
gain = st.floats(min_value=0, max_value=1, allow_nan=False)
years = st.floats(min_value=0, max_value=10, allow_nan=False)


def brute_force(recognition, f, years, gain=rel.GAIN, half_life_years=rel.HALF_LIFE_YEARS):
    """The chain step by step: episodes at 0, 1/f, ... <= years, decay in between."""
    s, last = 0.0, 0.0
    k = 0
    while k / f <= years + 1e-9:
        s *= 2 ** (-(k / f - last) / half_life_years)
        s += recognition * gain * (1 - s)
        last = k / f
        k += 1
    return s * 2 ** (-(years - last) / half_life_years)


@pytest.mark.parametrize(("r", "f", "t"), [(0.6, 12, 2), (0.95, 2.5, 3.3), (0.1, 40, 0.5), (1, 1, 0)])
def test_closed_form_matches_the_chain_step_by_step(r, f, t):
    assert rel.strength_at(t, r, f) == pytest.approx(brute_force(r, f, t), abs=1e-12)


def test_path_ends_where_strength_at_says():
    path = rel.strength_path(0.7, 3.5, years=4)
    assert path["jahr"].iloc[-1] == 4
    assert path["stärke"].iloc[-1] == pytest.approx(rel.strength_at(4, 0.7, 3.5), abs=1e-4)
    assert path["jahr"].is_monotonic_increasing


def test_path_settles_at_the_long_run_strength():
    path = rel.strength_path(0.8, 6, years=40)
    before_purchases = path["stärke"].iloc[1::2]          # rows just before the next episode
    assert before_purchases.iloc[-2] == pytest.approx(rel.long_run_strength(0.8, 6), abs=1e-3)


def test_anonymous_firm_builds_no_relationship():
    assert rel.long_run_strength(0.0, 50) == 0
    assert (rel.strength_path(0.0, 12)["stärke"] == 0).all()
    assert rel.assess(0.0, 12, 1000, 10).extra_revenue == 0


def test_tante_emma_beats_the_discounter():
    emma, discounter = (rel.long_run_strength(rate, 6) for _, rate in (rel.TANTE_EMMA, rel.DISCOUNTER))
    assert emma > 5 * discounter


@given(f=episodes, revenue=st.floats(min_value=0, max_value=1e6), cost=st.floats(min_value=0, max_value=1e5))
def test_the_anonymous_discounter_pays_nothing_for_recognising_and_loses_nothing(f, revenue, cost):
    """Who recognises nobody pays nothing for it: anonymity never shows a loss (course assumption)."""
    discounter = rel.assess(rel.DISCOUNTER[1], f, revenue, cost)
    assert rel.DISCOUNTER[1] == 0
    assert discounter.cost == 0 and discounter.extra_revenue == 0 and discounter.net == 0
    assert discounter.pays_off


def test_a_firm_that_recognises_pays_the_cost_at_any_rate():
    assert [rel.recognition_cost(r, 6.0) for r in (0.0, 0.05, 0.6, 1.0)] == [0.0, 6.0, 6.0, 6.0]
    assert rel.assess(0.05, 6, 200, 6).net < 0 < rel.assess(0.95, 6, 200, 6).net  # half-hearted loses


def test_reference_cases_show_emma_ahead_and_the_discounter_at_zero():
    cases = rel.reference_cases(6, 200, rel.default_cost(200)).set_index("fall")
    assert cases.loc["Tante Emma", "saldo"] > 0
    assert cases.loc["anonymer Discounter", ["kosten", "saldo", "mehrerlös"]].tolist() == [0, 0, 0]


@given(r=rate, delta=st.floats(min_value=0, max_value=1), f=episodes, h=half_life, g=gain, t=years)
@settings(max_examples=300)
def test_more_recognition_never_lowers_strength(r, delta, f, h, g, t):
    higher = min(r + delta, 1.0)
    kwargs = {"gain": g, "half_life_years": h}
    assert rel.long_run_strength(higher, f, **kwargs) >= rel.long_run_strength(r, f, **kwargs) - 1e-12
    assert rel.strength_at(t, higher, f, **kwargs) >= rel.strength_at(t, r, f, **kwargs) - 1e-12


@given(r=rate, f=episodes, h=half_life, g=gain, t=years)
@settings(max_examples=300)
def test_strength_stays_between_zero_and_one(r, f, h, g, t):
    kwargs = {"gain": g, "half_life_years": h}
    assert 0 <= rel.long_run_strength(r, f, **kwargs) < 1
    assert 0 <= rel.strength_at(t, r, f, **kwargs) <= 1
    path = rel.strength_path(r, f, years=max(t, 0.1), **kwargs)
    assert path["stärke"].between(0, 1).all()


@given(r=rate, f=episodes, h=half_life, shorter=st.floats(min_value=0.01, max_value=1), g=gain, t=years)
@settings(max_examples=300)
def test_more_decay_never_raises_strength(r, f, h, shorter, g, t):
    faster = h * shorter                                     # shorter half-life = more decay
    assert rel.long_run_strength(r, f, gain=g, half_life_years=faster) <= \
        rel.long_run_strength(r, f, gain=g, half_life_years=h) + 1e-12
    assert rel.strength_at(t, r, f, gain=g, half_life_years=faster) <= \
        rel.strength_at(t, r, f, gain=g, half_life_years=h) + 1e-12


@given(r=rate, f=episodes, more=st.floats(min_value=0, max_value=50), h=half_life)
def test_more_episodes_never_lower_the_long_run_strength(r, f, more, h):
    more_strength = rel.long_run_strength(r, f + more, half_life_years=h)
    assert more_strength >= rel.long_run_strength(r, f, half_life_years=h) - 1e-12


@given(f=episodes, revenue=st.floats(min_value=1, max_value=1e6), share=st.floats(min_value=0.001, max_value=0.2),
       premium=st.floats(min_value=0.01, max_value=0.3))
@settings(max_examples=300)
def test_break_even_is_where_revenue_meets_cost(f, revenue, share, premium):
    cost = revenue * share
    even = rel.break_even_recognition(cost, revenue, f, max_premium=premium)
    if math.isnan(even):
        assert rel.assess(1.0, f, revenue, cost, max_premium=premium).net < 0
        return
    assert 0 <= even <= 1
    assert rel.assess(even, f, revenue, cost, max_premium=premium).net == pytest.approx(0, abs=1e-6 * revenue)
    if even > 0.01:
        assert not rel.assess(even - 0.01, f, revenue, cost, max_premium=premium).pays_off
    if even < 0.99:
        assert rel.assess(even + 0.01, f, revenue, cost, max_premium=premium).pays_off


def test_higher_cost_needs_higher_recognition():
    low, high = (rel.break_even_recognition(c, 200, 6) for c in (4, 8))
    assert 0 < low < high < 1


def test_simulated_customers_scatter_around_the_expected_value():
    sims = rel.simulate_strength(0.5, 4, years=3, n_customers=50_000, seed=3)
    assert sims.std() > 0.05                                 # single customers differ …
    assert sims.mean() == pytest.approx(rel.strength_at(3, 0.5, 4), abs=0.005)   # … the mean does not
    again = rel.simulate_strength(0.5, 4, years=3, n_customers=50_000, seed=3)
    assert np.array_equal(sims, again)


def test_premium_curve_rises_with_recognition_and_is_capped_by_max_premium():
    curve = rel.premium_curve(6, 500, max_premium=0.08)
    assert curve["mehrerlös"].is_monotonic_increasing
    assert curve["preisaufschlag"].max() < 0.08 and curve["erkennungsrate"].iloc[[0, -1]].tolist() == [0, 1]


# --- the learner's data -------------------------------------------------------

@pytest.fixture(scope="module")
def bank():
    return generate_customers(seed=11, n_customers=600, branche="Bank")


def test_customer_rates_keep_every_purchase_and_every_euro(bank):
    rates = rel.customer_rates(bank.transaktionen, bank.kunden)
    assert rates["käufe"].sum() == len(bank.transaktionen)
    assert rates["umsatz"].sum() == pytest.approx(bank.transaktionen["betrag"].sum(), rel=1e-9)
    assert rates["kunden_id"].is_unique
    assert set(rates["segment"]) <= set(bank.kunden["segment"])


def test_customer_rates_use_the_observation_period():
    t = pd.DataFrame({"kunden_id": ["A"] * 4 + ["B"], "datum": pd.date_range("2023-01-01", periods=5, freq="180D"),
                      "betrag": [10.0] * 5})
    rates = rel.customer_rates(t, years=2).set_index("kunden_id")
    assert rates.loc["A", "käufe_pro_jahr"] == 2 and rates.loc["B", "umsatz_pro_jahr"] == 5


def test_typical_customers_have_a_row_for_all_and_each_segment(bank):
    typical = rel.typical_customers(rel.customer_rates(bank.transaktionen, bank.kunden))
    assert typical["gruppe"].iloc[0] == rel.ALL
    assert sorted(typical["gruppe"].iloc[1:]) == sorted(bank.kunden["segment"].unique())
    assert typical["kunden"].iloc[0] == typical["kunden"].iloc[1:].sum()
    without = rel.typical_customers(rel.customer_rates(bank.transaktionen))
    assert list(without["gruppe"]) == [rel.ALL]


def test_missing_column_names_the_column_and_the_fix(bank):
    with pytest.raises(KundenkitError, match=r"'betrag'.*amount_col"):
        rel.customer_rates(bank.transaktionen.drop(columns="betrag"))


def test_bad_date_names_column_and_row(bank):
    t = bank.transaktionen.head(50).copy()
    t["datum"] = t["datum"].astype(str)
    t.loc[7, "datum"] = "gestern"
    with pytest.raises(KundenkitError, match=r"Spalte 'datum', Zeile 7"):
        rel.customer_rates(t)


def test_too_short_period_asks_for_years(bank):
    t = bank.transaktionen.head(5).assign(datum=pd.Timestamp("2024-05-01"))
    with pytest.raises(KundenkitError, match="years="):
        rel.customer_rates(t)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: rel.long_run_strength(1.5, 6), "recognition"),
    (lambda: rel.strength_at(2, 0.5, 0), "episodes_per_year"),
    (lambda: rel.strength_path(0.5, 6, half_life_years=-1), "half_life_years"),
    (lambda: rel.break_even_recognition(-5, 100, 6), "cost_per_year"),
    (lambda: rel.assess(0.5, 6, "viel", 5), "revenue_per_year"),
    (lambda: rel.premium_curve(6, 100, max_premium=2), "max_premium"),
])
def test_bad_parameters_get_a_german_message_naming_them(call, name):
    with pytest.raises(KundenkitError, match=f"'{name}'"):
        call()


def test_typical_customers_need_customer_rates():
    with pytest.raises(KundenkitError, match="customer_rates"):
        rel.typical_customers(pd.DataFrame({"x": [1]}))


@pytest.mark.parametrize("branche", ["Handel", "Bank", "Versicherung", "Telekommunikation", "Maschinenbau"])
def test_every_sector_gives_a_break_even_and_exercise_answers(branche):
    data = generate_customers(seed=5, n_customers=800, branche=branche)
    typical = rel.typical_customers(rel.customer_rates(data.transaktionen, data.kunden))
    row = typical.iloc[0]
    even = rel.break_even_recognition(rel.default_cost(row["umsatz_pro_jahr"]), row["umsatz_pro_jahr"],
                                      row["käufe_pro_jahr"])
    assert 0 < even < 1
    answers = [EXERCISES[f"1.1-{x}"].reference(data) for x in "abc"]
    groups = group_cases(data).iloc[1:]  # the customer groups of the exercise table, without "Alle Kunden"
    top = groups.loc[groups["umsatz_pro_jahr"].idxmax()]
    bottom = groups.loc[groups["umsatz_pro_jahr"].idxmin()]
    assert answers[0] == top["käufe_pro_jahr"] and answers[1] == bottom["saldo"]
    # Recognising the group with the most revenue pays in every sector; no group counts twice.
    assert top["kunden"] <= answers[2] <= groups["kunden"].sum()


def test_exercise_c_counts_nobody_if_recognition_never_pays():
    # One purchase a year: at 60 % recognition the premium earns less than the cost (3 % of revenue).
    t = pd.DataFrame({"kunden_id": ["A", "A", "B", "B"], "betrag": [100.0] * 4,
                      "datum": pd.to_datetime(["2023-01-01", "2024-12-31", "2023-01-01", "2024-12-31"])})
    data = replace(generate_customers(seed=1, n_customers=5), transaktionen=t)
    assert EXERCISES["1.1-a"].reference(data) == 1.0
    assert EXERCISES["1.1-b"].reference(data) < 0
    assert EXERCISES["1.1-c"].reference(data) == 0
