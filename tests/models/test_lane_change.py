import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import KundenkitError, generate_customers
from kundenkit.models import lane_change as lc

START = pd.Timestamp("2023-01-01")


def sales_table(days_by_customer: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(k, START + pd.Timedelta(days=d)) for k, days in days_by_customer.items() for d in days]
    return pd.DataFrame(rows, columns=["kunden_id", "datum"])


@pytest.fixture(scope="module")
def handel():
    return generate_customers(seed=21, n_customers=1500, branche="Handel")


@pytest.fixture(scope="module")
def scores(handel):
    return lc.signal_scores(handel.transaktionen, handel.kontakte)


# --- the signal score ----------------------------------------------------------

def test_steady_buyer_has_no_blinker_and_a_slowing_one_has():
    # Last date: day 690 → Stichtag day 510, window (420, 510], earlier period [0, 420] (421 days).
    table = lc.signal_scores(sales_table({
        "steady": list(range(0, 700, 10)),
        "slowing": list(range(0, 430, 10)) + [500],
        "silent": list(range(0, 430, 10)),
        "newcomer": [450, 480, 510, 600],
    }), horizon_days=180, window_days=90).set_index("kunden_id")
    assert table.loc["steady", "kaufrückgang"] < 0.05 and not table.loc["steady", "spurwechsel"]
    assert table.loc["slowing", "käufe_vorher"] == 43 and table.loc["slowing", "käufe_zuletzt"] == 1
    assert table.loc["slowing", "kaufrückgang"] == pytest.approx(1 - 1 / (43 * 90 / 421), abs=1e-3)
    assert table.loc["silent", "blinker"] == 1 and table.loc["silent", "spurwechsel"]
    # No earlier purchases: no rate to compare with, hence no Blinker.
    assert table.loc["newcomer", "blinker"] == 0 and not table.loc["newcomer", "spurwechsel"]


def test_population_is_customers_active_in_the_year_before_the_cutoff():
    table = lc.signal_scores(sales_table({"steady": list(range(0, 700, 10)), "gone_long_ago": [0, 20, 40],
                                          "only_after": [600, 650]}))
    assert set(table["kunden_id"]) == {"steady"}
    assert table.attrs["stichtag"] == START + pd.Timedelta(days=690 - 180)


def test_a_poor_recent_contact_adds_the_contact_weight():
    sales = sales_table({"a": list(range(0, 700, 10)), "b": list(range(0, 700, 10))})
    contacts = pd.DataFrame({"kunden_id": ["a", "b", "b"],
                             "datum": [START + pd.Timedelta(days=d) for d in (500, 500, 100)],
                             "bewertung": [1, 4, 1]})
    table = lc.signal_scores(sales, contacts, contact_weight=0.4).set_index("kunden_id")
    assert table.loc["a", "schlechter_kontakt"] and table.loc["a", "blinker"] == pytest.approx(
        table.loc["a", "kaufrückgang"] + 0.4)
    # b's poor contact lies before the window; its good one does not count.
    assert not table.loc["b", "schlechter_kontakt"]
    assert table.loc["b", "blinker"] == table.loc["b", "kaufrückgang"] < 0.05
    assert table.attrs["mit_kontakten"]


def test_learner_column_names_and_german_dates_are_accepted():
    sales = sales_table({"a": list(range(0, 700, 10))})
    own = pd.DataFrame({"Kunde": sales["kunden_id"], "Kaufdatum": sales["datum"].dt.strftime("%d.%m.%Y")})
    table = lc.signal_scores(own, customer_col="Kunde", date_col="Kaufdatum")
    assert table["kunden_id"].tolist() == ["a"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"horizon_days": 0}, "'horizon_days' ist 0"),
    ({"window_days": 2.5}, "'window_days' muss eine ganze Zahl sein"),
    ({"contact_weight": 2}, "'contact_weight' ist 2; erlaubt sind Zahlen von 0 bis 1"),
    ({"horizon_days": 650}, "Wählen Sie kürzere Zeiträume"),
])
def test_bad_parameters_get_a_german_error(kwargs, message):
    with pytest.raises(KundenkitError, match=message):
        lc.signal_scores(sales_table({"a": list(range(0, 700, 10))}), **kwargs)


def test_missing_column_and_bad_date_are_named():
    sales = sales_table({"a": [1, 2, 3]})
    with pytest.raises(KundenkitError, match="fehlt die Spalte 'kunden_id'.*customer_col="):
        lc.prepare(sales.rename(columns={"kunden_id": "id"}))
    broken = sales.astype({"datum": str})
    broken.loc[1, "datum"] = "gestern"
    with pytest.raises(KundenkitError, match="Spalte 'datum', Zeile 1: 'gestern' ist kein Datum"):
        lc.prepare(broken)
    with pytest.raises(KundenkitError, match="Tabelle kontakte fehlt die Spalte 'bewertung'"):
        lc.prepare(sales, pd.DataFrame({"kunden_id": ["a"], "datum": [START]}))


def test_evaluate_needs_the_score_table():
    with pytest.raises(KundenkitError, match="signal_scores"):
        lc.evaluate(pd.DataFrame({"kunden_id": ["a"]}))


# --- claims of the lesson on generated data --------------------------------------

@pytest.mark.parametrize("branche", ["Handel", "Bank", "Versicherung", "Telekommunikation", "Maschinenbau"])
def test_the_blinker_finds_lane_changers_better_than_chance(branche):
    data = generate_customers(seed=4, n_customers=1500, branche=branche)
    table = lc.signal_scores(data.transaktionen, data.kontakte)
    result = lc.evaluate(table, 0.5)
    base_rate = result.spurwechsler / result.population
    assert 0 < base_rate < 0.5
    assert result.precision > base_rate
    assert result.lift_top_decile > 1.2
    assert not result.caught.empty and result.caught["spurwechsel"].all()


def test_the_contact_table_is_optional_and_adds_signals(handel):
    without = lc.evaluate(lc.signal_scores(handel.transaktionen), 0.5)
    with_contacts = lc.evaluate(lc.signal_scores(handel.transaktionen, handel.kontakte), 0.5)
    assert with_contacts.population == without.population
    assert with_contacts.markiert >= without.markiert


def test_prepared_history_gives_the_same_table(handel, scores):
    history = lc.prepare(handel.transaktionen, handel.kontakte)
    pd.testing.assert_frame_equal(lc.signal_scores(history), scores)


def test_summary_and_confusion_agree(scores):
    result = lc.evaluate(scores, 0.6)
    confusion = result.confusion().set_index("feld")["anzahl"]
    assert confusion["Treffer"] == result.treffer and confusion["Fehlalarm"] == result.fehlalarme
    summary = result.summary().set_index("Kennzahl")["Wert"]
    assert summary["Treffer"] == f"{result.treffer:,}".replace(",", ".")
    assert summary["Recall"] == f"{result.recall * 100:.0f} %"
    bins = lc.leaver_histogram(scores)
    assert bins["anzahl"].sum() == result.spurwechsler
    assert bins.loc[bins["von"] >= 0.6 - 1e-9, "anzahl"].sum() == result.treffer
    grid = lc.confusion_grid(scores).query("schwelle == 0.6").set_index("feld")["anzahl"]
    assert grid.to_dict() == confusion.to_dict()


# --- properties --------------------------------------------------------------------

score_tables = st.lists(st.tuples(st.floats(0, 1, allow_nan=False), st.booleans()), min_size=0, max_size=60).map(
    lambda rows: pd.DataFrame({"kunden_id": [f"K{i}" for i in range(len(rows))],
                               "blinker": [r[0] for r in rows], "spurwechsel": [r[1] for r in rows]}))
threshold = st.floats(0, 1, allow_nan=False)


@given(table=score_tables, t=threshold)
@settings(max_examples=200, deadline=None)
def test_cells_sum_to_the_population_and_rates_stay_in_range(table, t):
    r = lc.evaluate(table, t)
    assert r.treffer + r.fehlalarme + r.verpasst + r.korrekt_ruhig == r.population == len(table)
    assert r.treffer + r.verpasst == r.spurwechsler
    assert 0 <= r.precision <= 1 and 0 <= r.recall <= 1
    assert np.isnan(r.lift_top_decile) or r.lift_top_decile >= 0
    assert len(r.caught) == r.treffer


@given(table=score_tables, a=threshold, b=threshold)
@settings(max_examples=200, deadline=None)
def test_a_higher_threshold_never_flags_more_nor_raises_recall(table, a, b):
    low, high = sorted((a, b))
    r_low, r_high = lc.evaluate(table, low), lc.evaluate(table, high)
    assert r_high.markiert <= r_low.markiert
    assert r_high.recall <= r_low.recall
    assert r_high.fehlalarme <= r_low.fehlalarme


@given(days=st.dictionaries(st.sampled_from(list("ABCDEFGH")),
                            st.lists(st.integers(0, 720), min_size=1, max_size=40), min_size=1),
       horizon=st.integers(30, 300), window=st.integers(10, 200), weight=threshold)
@settings(max_examples=80, deadline=None)
def test_scores_stay_between_zero_and_one_for_any_history(days, horizon, window, weight):
    sales = sales_table({**days, "Z": [0, 720]})  # fixes the span of the data
    table = lc.signal_scores(sales, horizon_days=horizon, window_days=window, contact_weight=weight)
    assert table["blinker"].between(0, 1).all() and table["kaufrückgang"].between(0, 1).all()
    assert (table["letzter_kauf"] <= table.attrs["stichtag"]).all()
    assert table["blinker"].is_monotonic_decreasing
    ties = table.groupby("blinker", sort=False)["letzter_kauf"]
    assert all(dates.is_monotonic_increasing for _, dates in ties)


def test_threshold_curve_is_monotone(scores):
    curve = lc.threshold_curve(scores)
    assert curve["markiert"].is_monotonic_decreasing and curve["recall"].is_monotonic_decreasing
    assert (curve[["treffer", "fehlalarme", "verpasst", "korrekt_ruhig"]].sum(axis=1) == len(scores)).all()


# --- brake or accelerate -------------------------------------------------------------

@pytest.mark.parametrize(("fault", "advantage", "action", "source"), [
    (True, False, "Bremsen", lc.BOOK), (False, True, "Gas geben", lc.BOOK),
    (True, True, "Erst bremsen, dann Gas geben", lc.COURSE), (False, False, "Blinkzeichen holen", lc.COURSE),
])
def test_decision_matrix(fault, advantage, action, source):
    decision = lc.decide(fault, advantage)
    assert (decision.action, decision.source) == (action, source)


def test_decision_needs_yes_or_no():
    with pytest.raises(KundenkitError, match="'our_fault' muss True oder False sein"):
        lc.decide("ja", True)
