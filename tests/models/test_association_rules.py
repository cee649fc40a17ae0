"""Lesson 1.3: support, confidence and lift of the rules A → B, and their promises."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import BRANCHEN, KundenkitError, generate_customers
from kundenkit.models import association_rules as ar

PRODUCTS = ["Brot", "Käse", "Wein", "Butter", "Milch"]

purchases = st.lists(st.tuples(st.integers(min_value=1, max_value=15), st.sampled_from(PRODUCTS)),
                     min_size=2, max_size=80)


def table(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kunden_id", "produkt"]).astype({"kunden_id": str})


def rules_of(rows) -> pd.DataFrame:
    return ar.association_rules(ar.basket_matrix(table(rows)))


def has_two_products(rows) -> bool:
    return len({product for _, product in rows}) >= 2


SMALL = table([(1, "Brot"), (1, "Käse"), (2, "Brot"), (3, "Brot"), (3, "Wein"), (3, "Käse"), (4, "Wein")])


def rule(rules, a, b):
    return rules[(rules["wenn"] == a) & (rules["dann"] == b)].iloc[0]


# --- the formulas on a hand-made example -------------------------------------------

def test_formulas_on_four_customers():
    rules = ar.association_rules(ar.basket_matrix(SMALL))
    r = rule(rules, "Käse", "Brot")
    assert r["anzahl"] == 2 and r["support"] == 2 / 4      # K1 and K3 bought both
    assert r["support_wenn"] == 2 / 4 and r["support_dann"] == 3 / 4
    assert r["konfidenz"] == 1.0                             # every cheese buyer bought bread
    assert r["lift"] == pytest.approx(1.0 / 0.75)
    assert len(rules) == 3 * 2                               # k products give k·(k−1) rules


def test_a_product_bought_twice_counts_once_per_basket():
    twice = pd.concat([SMALL, SMALL.iloc[[0, 1]]], ignore_index=True)
    pd.testing.assert_frame_equal(ar.basket_matrix(twice), ar.basket_matrix(SMALL))


def test_visit_baskets_split_a_customer_by_day():
    sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K1"], "produkt": ["Brot", "Käse", "Wein"],
                          "datum": ["01.03.2024", "01.03.2024", "05.03.2024"]})
    by_customer = ar.basket_matrix(sales)
    by_visit = ar.basket_matrix(sales, date_col="datum")
    assert len(by_customer) == 1 and len(by_visit) == 2
    assert by_visit.sum(axis=1).tolist() == [2, 1]
    assert ar.association_rules(by_visit).set_index(["wenn", "dann"]).loc[("Brot", "Käse"), "support"] == 0.5


def test_own_column_names_and_blank_rows():
    sales = pd.DataFrame({"kunde": ["A", "A", "B", None, "B"], "artikel": ["X", "Y", "X", "Y", " "]})
    baskets = ar.basket_matrix(sales, customer_col="kunde", product_col="artikel")
    assert baskets.index.tolist() == ["A", "B"] and baskets.columns.tolist() == ["X", "Y"]
    assert baskets.to_numpy().tolist() == [[True, True], [True, False]]


def test_rule_from_counts_agrees_with_the_data():
    rules = ar.association_rules(ar.basket_matrix(SMALL))
    from_counts = ar.rule_from_counts(4, 2, 3, 2, wenn="Käse", dann="Brot").iloc[0]
    for column in ("support", "support_wenn", "support_dann", "konfidenz", "lift"):
        assert from_counts[column] == pytest.approx(rule(rules, "Käse", "Brot")[column])


def test_best_partner_is_the_highest_lift():
    rules = ar.association_rules(ar.basket_matrix(SMALL))
    assert ar.best_partner(rules, "Wein")["dann"] == "Käse"   # lift 1.0 beats Brot's 0.67
    assert ar.best_partner(rules, "Wein", min_support=0.3) is None


def test_max_products_keeps_the_most_bought():
    rules = ar.association_rules(ar.basket_matrix(SMALL), max_products=2)
    assert set(rules["wenn"]) == {"Brot", "Käse"}            # bought by 3 and 2 customers; Wein ties with Käse


@pytest.mark.parametrize("branche", BRANCHEN)
def test_every_sector_has_a_rule_worth_teaching(branche):
    """The generator's latent interests make pairs of products go together in every sector."""
    base = generate_customers(seed=42, n_customers=2000, branche=branche)
    rules = ar.association_rules(ar.basket_matrix(base.transaktionen))
    strong = ar.filter_rules(rules, min_support=0.05, min_lift=2.0)
    assert len(strong) >= 2


# --- bad input gets a German message -------------------------------------------------

@pytest.mark.parametrize(("call", "message"), [
    (lambda: ar.basket_matrix(SMALL.rename(columns={"produkt": "artikel"})),
     r"Die Spalte 'produkt' \(Parameter product_col\) fehlt.*product_col='artikel'"),
    (lambda: ar.basket_matrix(SMALL.drop(columns="kunden_id")), r"'kunden_id' \(Parameter customer_col\)"),
    (lambda: ar.basket_matrix([1, 2]), "pandas DataFrame"),
    (lambda: ar.basket_matrix(SMALL.iloc[:0]), "keine Zeile mit Kunde"),
    (lambda: ar.basket_matrix(SMALL.assign(datum="gestern"), date_col="datum"), "Spalte 'datum', Zeile 0"),
    (lambda: ar.association_rules(ar.basket_matrix(SMALL[SMALL["produkt"] == "Brot"])), "zwei verschiedene"),
    (lambda: ar.association_rules(pd.DataFrame({"A": [2, 0], "B": [1, 1]})), "True/False oder 0/1"),
    (lambda: ar.filter_rules(ar.association_rules(ar.basket_matrix(SMALL)), min_support=5), "'min_support' ist 5"),
    (lambda: ar.filter_rules(ar.association_rules(ar.basket_matrix(SMALL)), product="Bier"),
     "Das Produkt 'Bier'.*Vorhanden sind: Brot, Käse, Wein"),
    (lambda: ar.filter_rules(SMALL), "fehlen die Spalten"),
    (lambda: ar.rule_from_counts(100, 10, 20, 30), "nicht mehr Kunden beide"),
    (lambda: ar.rule_from_counts(100, 80, 70, 10), "Mit A oder B wären es 140"),
])
def test_bad_input_gets_a_german_error(call, message):
    with pytest.raises(KundenkitError, match=message):
        call()


# --- the claims of the lesson, for any data -----------------------------------------------

@given(rows=purchases)
@settings(max_examples=150, deadline=None)
def test_measures_stay_in_their_ranges(rows):
    if not has_two_products(rows):
        return
    rules = rules_of(rows)
    assert rules["support"].between(0, 1).all() and rules["konfidenz"].between(0, 1).all()
    assert (rules["lift"] >= 0).all()
    assert (rules["support"] <= np.minimum(rules["support_wenn"], rules["support_dann"]) + 1e-12).all()


@given(rows=purchases)
@settings(max_examples=150, deadline=None)
def test_support_and_lift_do_not_depend_on_the_direction(rows):
    if not has_two_products(rows):
        return
    rules = rules_of(rows).set_index(["wenn", "dann"])
    backwards = rules.rename_axis(["dann", "wenn"]).reorder_levels(["wenn", "dann"]).reindex(rules.index)
    assert (rules["support"] == backwards["support"]).all()
    assert (rules["lift"] == backwards["lift"]).all()


@given(rows=purchases)
@settings(max_examples=150, deadline=None)
def test_confidence_times_support_of_a_is_the_support_of_both(rows):
    if not has_two_products(rows):
        return
    rules = rules_of(rows)
    assert np.allclose(rules["konfidenz"] * rules["support_wenn"], rules["support"])
    assert np.allclose(rules["lift"] * rules["support_dann"], rules["konfidenz"])


@given(rows=purchases, low=st.floats(min_value=0, max_value=1), high=st.floats(min_value=0, max_value=1))
@settings(max_examples=150, deadline=None)
def test_a_higher_minimum_support_never_adds_a_rule(rows, low, high):
    if not has_two_products(rows):
        return
    low, high = min(low, high), max(low, high)
    rules = rules_of(rows)
    kept_low = set(zip(*ar.filter_rules(rules, min_support=low)[["wenn", "dann"]].to_numpy().T))
    kept_high = set(zip(*ar.filter_rules(rules, min_support=high)[["wenn", "dann"]].to_numpy().T))
    assert kept_high <= kept_low


@given(rows=purchases)
@settings(max_examples=100, deadline=None)
def test_a_rule_disappears_exactly_above_its_support(rows):
    """The lesson's answer to "ab welcher Mindest-Unterstützung verschwindet sie?"."""
    if not has_two_products(rows):
        return
    rules = rules_of(rows)
    r = rules.iloc[0]
    at = ar.filter_rules(rules, min_support=float(r["support"]), product=r["wenn"])
    assert r["dann"] in set(at["dann"])
    above = min(float(r["support"]) + 1e-9, 1.0)
    if above > r["support"]:
        assert r["dann"] not in set(ar.filter_rules(rules, min_support=above, product=r["wenn"])["dann"])
