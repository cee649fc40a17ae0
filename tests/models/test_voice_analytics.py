import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import KundenkitError, generate_customers
from kundenkit.models import screening
from kundenkit.models import voice_analytics as va


@pytest.fixture(scope="module")
def bank():
    return generate_customers(seed=5, n_customers=800, branche="Bank")


@pytest.fixture(scope="module")
def calls(bank):
    return va.simulate_features(va.select_calls(bank.kontakte), seed=5)


def contacts(rows):
    return pd.DataFrame(rows, columns=["kunden_id", "datum", "kanal", "bewertung"])


# --- calls and escalation -----------------------------------------------------------

def test_a_poor_next_contact_within_the_follow_days_escalates_the_call():
    table = va.select_calls(contacts([
        ("A", "2024-01-01", "Telefon", 4), ("A", "2024-01-10", "E-Mail", 2),     # poor follow-up after 9 days
        ("B", "2024-01-01", "Telefon", 4), ("B", "2024-02-01", "E-Mail", 1),     # too late
        ("C", "2024-01-01", "Telefon", 1),                                       # poor itself
        ("D", "2024-01-01", "Telefon", 5), ("D", "2024-01-05", "Telefon", 3),
    ]), min_calls=1).set_index("kunden_id")
    assert table.loc["A", "eskaliert"] and table.loc["A", "folgekontakt_schlecht"]
    assert not table.loc["B", "eskaliert"]
    assert table.loc["C", "eskaliert"] and not table.loc["C", "folgekontakt_schlecht"]
    assert not table.loc["D"]["eskaliert"].any()
    assert len(table) == 5   # only phone contacts are calls


def test_too_few_phone_contacts_take_all_contacts_and_say_so():
    k = contacts([("A", "2024-01-01", "Telefon", 4), ("B", "2024-01-02", "E-Mail", 3)])
    table = va.select_calls(k, min_calls=5)
    assert table.attrs["basis"] == va.ALL_CONTACTS and len(table) == 2 and table.attrs["telefon"] == 1


def test_german_dates_and_missing_ratings():
    k = contacts([("A", "01.03.2024", "Telefon", 4), ("B", "02.03.2024", "Telefon", None)])
    table = va.select_calls(k, min_calls=1)
    assert len(table) == 1 and table.attrs["ohne_bewertung"] == 1
    with pytest.raises(KundenkitError, match="kein Datum"):
        va.select_calls(contacts([("A", "morgen", "Telefon", 4)]))


def test_sector_data_have_escalated_and_calm_calls(calls):
    assert calls.attrs["basis"] == "Telefon"
    assert 0 < calls["eskaliert"].mean() < 1


# --- the simulated features ------------------------------------------------------------

def test_features_are_reproducible_and_differ_by_seed(bank):
    base = va.select_calls(bank.kontakte)
    one, again, other = (va.simulate_features(base, seed=s) for s in (1, 1, 2))
    assert one.equals(again) and not one.equals(other)
    assert one.attrs["simuliert"] and one.attrs["basis"] == base.attrs["basis"]


def test_escalated_calls_are_more_noticeable_on_average(calls):
    means = va.feature_means(calls)
    assert (means["abstand"] > 0.05).all()


def test_without_signal_the_features_carry_no_information(bank):
    flat = va.simulate_features(va.select_calls(bank.kontakte), seed=3, signal=0.0)
    assert va.feature_means(flat)["abstand"].abs().max() < 0.05


# --- score, threshold, approaches -----------------------------------------------------------

def test_combined_warns_with_fewer_false_alarms_than_single_approaches_at_equal_hits(calls):
    # At the threshold where each approach catches the same number of escalations, compare false alarms.
    truth = calls["eskaliert"].to_numpy()
    matrix = va.feature_matrix(calls)
    alarms = {}
    for approach in va.APPROACHES:
        score = va.score_array(matrix, va.check_weights(None, approach))
        cutoff = np.sort(score[truth])[::-1][int(truth.sum() * 0.5)]     # catch half of them
        alarms[approach] = screening.count(score, truth, cutoff).fehlalarme
    assert alarms[va.COMBINED] < min(alarms[va.ACOUSTIC_APPROACH], alarms[va.WORD_APPROACH])


def test_result_counts_add_up_and_match_the_grid(calls):
    scored = va.escalation_scores(calls)
    grid = va.confusion_grid(scored)
    for threshold in (0.0, 0.3, 0.45, 1.0):
        r = va.evaluate(scored, threshold)
        assert r.treffer + r.fehlalarme + r.verpasst + r.korrekt_ruhig == len(calls)
        cells = grid[np.isclose(grid["schwelle"], threshold)].set_index("feld")["anzahl"]
        assert cells["Treffer"] == r.treffer and cells["Fehlalarm"] == r.fehlalarme
    assert va.evaluate(scored, 0.0).verpasst == 0


def test_histogram_counts_every_call_once(calls):
    scored = va.escalation_scores(calls, {"pausen": 3, "stimmung": 0})
    hist = va.score_histogram(scored)
    assert hist["anzahl"].sum() == len(calls)
    assert hist.loc[hist["gespräch"] == va.ESCALATED, "anzahl"].sum() == calls["eskaliert"].sum()


def test_weights_outside_the_approach_do_not_matter(calls):
    a = va.escalation_scores(calls, {"stimmung": 3}, approach=va.ACOUSTIC_APPROACH)
    b = va.escalation_scores(calls, {"stimmung": 0}, approach=va.ACOUSTIC_APPROACH)
    assert a["score"].equals(b["score"])


def test_bad_input_gets_a_german_message(calls):
    with pytest.raises(KundenkitError, match="Ansatz 'laut'"):
        va.escalation_scores(calls, approach="laut")
    with pytest.raises(KundenkitError, match="von 0 bis 10"):
        va.escalation_scores(calls, {"pausen": -1})
    with pytest.raises(KundenkitError, match="kein Wert von 0 bis 1"):
        va.escalation_scores(calls.assign(tempo=1.5))
    with pytest.raises(KundenkitError, match="fehlt die Spalte 'stimmung'"):
        va.escalation_scores(calls.drop(columns="stimmung"))
    with pytest.raises(KundenkitError, match="leer"):
        va.select_calls(contacts([]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=60),
       st.floats(0, 1), st.floats(0, 1))
def test_a_higher_threshold_never_adds_warnings_or_hits(rows, low, high):
    low, high = sorted((low, high))
    table = pd.DataFrame(rows, columns=["score", "eskaliert"])
    a, b = va.evaluate(table, low), va.evaluate(table, high)
    assert b.warnungen <= a.warnungen and b.treffer <= a.treffer and b.verpasst >= a.verpasst
    assert 0 <= a.trefferquote <= 1 and 0 <= a.richtige_warnungen <= 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=60),
       st.lists(st.floats(0, 1), min_size=1, max_size=5))
def test_grid_agrees_with_single_counts(rows, thresholds):
    score = np.array([r[0] for r in rows])
    truth = np.array([r[1] for r in rows])
    assert screening.count_grid(score, truth, thresholds) == [screening.count(score, truth, t) for t in thresholds]
