import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import BRANCHEN, KundenkitError, generate_customers
from kundenkit.models import customer_profit as cp

PARTS = ["deckungsbeitrag", "servicekosten", "sonderwunschkosten", "informationswert", "empfehlungswert"]
SIGNS = np.array([1, -1, -1, 1, 1])
HANDEL = cp.assumptions_for("Handel")


def tables():
    t = pd.DataFrame({"kunden_id": ["A", "A", "B", "C", "D"], "betrag": [400.0, 400.0, 100.0, 300.0, 50.0],
                      "datum": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-03-01", "2024-12-31",
                                               "2024-05-05"])})
    k = pd.DataFrame({"kunden_id": ["A", "B", "B", "B", "E"],
                      "kanal": ["App", "Telefon", "Telefon", "Filiale", "Chat"]})
    b = pd.DataFrame({"kunden_id": ["C", "C", "D"], "nps": [3, 10, 9],
                      "datum": pd.to_datetime(["2024-02-01", "2024-11-01", "2024-05-05"])})
    return t, k, b


def test_worked_example_per_customer_and_year():
    t, k, b = tables()
    table = cp.customer_profit(t, k, b, assumptions=HANDEL).set_index("kunden_id")
    assert list(table.index) == ["A", "B", "C", "D", "E"]  # E only has a contact: a pure cost
    assert table.loc["A", "deckungsbeitrag"] == pytest.approx(800 * 0.25)
    assert table.loc["B", "servicekosten"] == pytest.approx(6 + 6 + 8)
    assert table.loc["C", "antworten"] == 2 and table.loc["C", "nps"] == 10  # the latest answer counts
    assert table.loc["C", "informationswert"] == pytest.approx(2 * HANDEL.value_per_answer)
    assert table.loc["C", "promotor"] and table.loc["D", "promotor"] and not table.loc["A", "promotor"]
    assert table.loc["E", "gewinn"] == pytest.approx(-3.0)
    assert not table["koenig"].any() and (table["sonderwunschkosten"] == 0).all()


def test_kings_are_customers_with_most_contacts_per_revenue():
    t, k, b = tables()
    table = cp.customer_profit(t, k, b, assumptions=HANDEL, kings_share=0.4).set_index("kunden_id")
    # E: contacts without revenue (infinite demand), then B: 3 contacts for 100 €.
    assert list(table.sort_values("koenig_rang").index[:2]) == ["E", "B"]
    assert table["koenig"].sum() == 2 and table.loc[["E", "B"], "koenig"].all()
    assert table.loc["B", "sonderwunschkosten"] == HANDEL.extra_demand_cost


def test_without_contacts_the_smallest_revenues_become_kings():
    t, _, _ = tables()
    table = cp.customer_profit(t, assumptions=HANDEL, kings_share=0.25).set_index("kunden_id")
    assert list(table.index[table["koenig"]]) == ["D"]


def test_missing_optional_tables_count_as_zero_and_are_marked():
    t, _, _ = tables()
    table = cp.customer_profit(t, assumptions=HANDEL)
    assert (table[["servicekosten", "informationswert", "empfehlungswert"]] == 0).all().all()
    bridge = cp.profit_bridge(table)  # the table remembers what was missing
    assert bridge["hinweis"].str.contains("fehlt").sum() == 3
    model = cp.ProfitModel.from_tables(t)
    assert model.missing == ("kontakte", "befragung") and cp.channel_costs(model).empty


def test_per_year_divides_by_the_period_of_the_data():
    t = pd.DataFrame({"kunden_id": ["A", "A"], "betrag": [100.0, 100.0],
                      "datum": pd.to_datetime(["2023-01-01", "2024-12-31"])})
    assert cp.years_covered(t) == 2.0
    assert cp.customer_profit(t, assumptions=HANDEL)["umsatz"].iloc[0] == pytest.approx(100.0)


def test_channel_costs_add_up_to_the_cost_to_serve():
    data = generate_customers(seed=3, n_customers=400, branche="Versicherung")
    model = cp.ProfitModel.from_tables(data.transaktionen, data.kontakte, data.befragung,
                                       assumptions=cp.assumptions_for("Versicherung"))
    channels = cp.channel_costs(model)
    assert channels["servicekosten"].sum() == pytest.approx(model.cost_to_serve.sum(), abs=0.1)
    assert channels["servicekosten"].is_monotonic_decreasing and channels["anteil"].sum() == pytest.approx(1, abs=0.01)


def test_unknown_channel_uses_the_fallback_cost():
    t, _, _ = tables()
    k = pd.DataFrame({"kunden_id": ["A"], "kanal": ["Brieftaube"]})
    table = cp.customer_profit(t, k, assumptions=HANDEL).set_index("kunden_id")
    assert table.loc["A", "servicekosten"] == cp.OTHER_CONTACT_COST


@pytest.mark.parametrize(("call", "message"), [
    (lambda t, k, b: cp.customer_profit(t.drop(columns="betrag")), r"Spalte 'betrag' \(Parameter amount_col\)"),
    (lambda t, k, b: cp.customer_profit(t, k.rename(columns={"kanal": "weg"})), "'kanal'.*channel_col"),
    (lambda t, k, b: cp.customer_profit(t, None, b.assign(nps=[3, 11, 9])), "NPS muss zwischen 0 und 10"),
    (lambda t, k, b: cp.customer_profit(t.assign(betrag=["x", 1, 2, 3, 4])),
     "Spalte 'betrag', Zeile 0: 'x' ist keine Zahl"),
    (lambda t, k, b: cp.customer_profit(t, kings_share=1.5), "'kings_share'.*von 0 bis 1"),
    (lambda t, k, b: cp.customer_profit(t.drop(columns="datum")), "'datum'.*date_col"),
    (lambda t, k, b: cp.assumptions_for("Handel", margin=-0.1), "'margin'"),
    (lambda t, k, b: cp.assumptions_for("Handel", marge=0.1), "Unbekannte Annahme"),
    (lambda t, k, b: cp.customer_profit("keine Tabelle"), "muss ein DataFrame sein"),
])
def test_bad_input_gets_a_german_message(call, message):
    t, k, b = tables()
    with pytest.raises(KundenkitError, match=message):
        call(t, k, b)


# --- Properties ---------------------------------------------------------------------------------

ids = st.sampled_from(["K1", "K2", "K3", "K4", "K5", "K6"])
transactions = st.lists(st.tuples(ids, st.floats(min_value=-50, max_value=5000, allow_nan=False)), min_size=1,
                        max_size=25)
contacts = st.lists(st.tuples(ids, st.sampled_from(["Telefon", "App", "Außendienst", "Neu"])), max_size=25)
survey = st.lists(st.tuples(ids, st.integers(0, 10)), max_size=10)
shares = st.floats(min_value=0, max_value=1)
costs = st.floats(min_value=0, max_value=5000, allow_subnormal=False)  # a cost below 1e-308 € is no cost


def _model(tx, ct, sv, cost=250.0):
    t = pd.DataFrame(tx, columns=["kunden_id", "betrag"])
    k = pd.DataFrame(ct, columns=["kunden_id", "kanal"]) if ct else None
    b = pd.DataFrame(sv, columns=["kunden_id", "nps"]) if sv else None
    return cp.ProfitModel.from_tables(t, k, b, assumptions=cp.assumptions_for("Handel", extra_demand_cost=cost),
                                      years=1)


@given(tx=transactions, ct=contacts, sv=survey, share=shares, cost=costs)
@settings(max_examples=150)
def test_totals_are_preserved(tx, ct, sv, share, cost):
    model = _model(tx, ct, sv, cost)
    table = cp.model_table(model, share)
    parts = table[PARTS].to_numpy() @ SIGNS
    assert np.allclose(parts, table["gewinn"])
    bridge = cp.profit_bridge(table)
    assert bridge["euro_pro_jahr"].iloc[:-1].sum() == pytest.approx(bridge["euro_pro_jahr"].iloc[-1], abs=0.05)
    result = model.evaluate(share)
    assert result.total == pytest.approx(table["gewinn"].sum(), abs=1e-6)
    assert result.curve["kumulierter_gewinn"].iloc[-1] == pytest.approx(result.total, abs=0.01)
    assert result.unprofitable == cp.unprofitable_customers(table)


@given(tx=transactions, ct=contacts, sv=survey, a=shares, b=shares, cost=costs, more=st.floats(0, 5000))
@settings(max_examples=150)
def test_more_kings_or_dearer_demands_never_raise_the_total(tx, ct, sv, a, b, cost, more):
    model = _model(tx, ct, sv)
    low, high = sorted([a, b])
    assert model.evaluate(high, cost).total <= model.evaluate(low, cost).total + 1e-9
    assert model.evaluate(a, cost + more).total <= model.evaluate(a, cost).total + 1e-9
    assert model.evaluate(a, cost).unprofitable >= model.evaluate(0, cost).unprofitable


@given(tx=transactions, ct=contacts, sv=survey, cost=costs)
@settings(max_examples=100)
def test_zero_kings_leave_the_profit_unchanged(tx, ct, sv, cost):
    model = _model(tx, ct, sv)
    assert np.array_equal(model.profits(0.0, cost), model.base_profit())
    assert model.evaluate(0.0, cost).total == pytest.approx(model.evaluate(0.0, 0.0).total)


@given(tx=transactions, ct=contacts, sv=survey, cost=st.floats(min_value=1, max_value=5000))
@settings(max_examples=100)
def test_tipping_point_is_the_first_king_count_in_the_red(tx, ct, sv, cost):
    model = _model(tx, ct, sv)
    k = model.evaluate(0, cost).tipping_kings
    n = model.size
    totals = [model.evaluate(i / n, cost).total for i in range(n + 1)]
    expected = next((i for i, total in enumerate(totals) if total < 0), None)
    assert k == expected


@given(profits=st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=3000),
       points=st.integers(3, 300))
@settings(max_examples=100)
def test_whale_curve_is_small_and_keeps_start_peak_and_end(profits, points):
    curve = cp.whale_curve(profits, points)
    assert len(curve) <= points
    cumulative = np.concatenate([[0], np.cumsum(np.sort(profits)[::-1])])
    assert curve["kumulierter_gewinn"].iloc[0] == 0
    assert curve["kumulierter_gewinn"].iloc[-1] == pytest.approx(cumulative[-1], abs=0.01)
    assert curve["kumulierter_gewinn"].max() == pytest.approx(cumulative.max(), abs=0.01)
    assert curve["anteil_kunden"].is_monotonic_increasing


@pytest.mark.parametrize("branche", BRANCHEN)
def test_every_sector_profits_without_kings_and_tips_with_many(branche):
    data = generate_customers(seed=5, n_customers=1000, branche=branche)
    model = cp.ProfitModel.from_tables(data.transaktionen, data.kontakte, data.befragung,
                                       assumptions=cp.assumptions_for(branche))
    result = model.evaluate(0.0)
    assert result.total > 0
    assert 0.15 < result.tipping_share < 0.7
    assert 0 < result.unprofitable_share < 0.5
    assert model.evaluate(0.8).total < 0


@pytest.mark.parametrize("branche", BRANCHEN)
def test_default_promoter_value_is_half_a_customers_yearly_margin(branche):
    """The default tells the story "promoters are clearly more profitable" (Bain 2013: up to 60 %)."""
    data = generate_customers(seed=42, n_customers=2000, branche=branche)
    assumptions = cp.assumptions_for(branche)
    table = cp.customer_profit(data.transaktionen, data.kontakte, data.befragung, assumptions=assumptions)
    share = assumptions.value_per_promoter / table["deckungsbeitrag"].mean()
    assert 0.4 <= share <= 0.6                       # ≈ PROMOTER_VALUE_SHARE of the sample data's margin
    summary = cp.promoter_summary(table)
    assert summary.promoters > 0 and summary.uplift > 0.2
    # recommendations are a noticeable part of a promoter's profit, not a rounding error
    assert summary.referral_value / summary.promoter_profit > 0.2


def test_promoter_summary_matches_the_widget_model():
    data = generate_customers(seed=3, n_customers=800, branche="Versicherung")
    assumptions = cp.assumptions_for("Versicherung")
    table = cp.customer_profit(data.transaktionen, data.kontakte, data.befragung, assumptions=assumptions)
    model = cp.ProfitModel.from_tables(data.transaktionen, data.kontakte, data.befragung, assumptions=assumptions)
    from_table, from_model = cp.promoter_summary(table), model.evaluate().promoters
    assert from_table.promoters == from_model.promoters == int(table["promotor"].sum())
    assert from_table.uplift == pytest.approx(from_model.uplift)
    assert from_model.referral_total == pytest.approx(table["empfehlungswert"].sum())
    assert model.evaluate(value_per_promoter=0).promoters.referral_total == 0
