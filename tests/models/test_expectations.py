import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import BRANCHEN, KundenkitError, generate_customers
from kundenkit.models import expectations as ex

level = st.floats(min_value=1, max_value=5, allow_nan=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)
tolerance = st.floats(min_value=0, max_value=1.5, allow_nan=False)
ORDER = {ex.DISAPPOINTMENT: 0, ex.CONFIRMATION: 1, ex.DELIGHT: 2}


def contacts(ratings: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(tp, r) for tp, values in ratings.items() for r in values]
    return pd.DataFrame(rows, columns=["touchpoint", "bewertung"])


def test_experience_is_the_mean_rating_and_keeps_the_count():
    table = ex.experience(contacts({"App": [5, 4, 3], "Hotline": [1, 2]})).set_index("touchpoint")
    assert table.loc["App", "erlebnis"] == 4 and table.loc["Hotline", "erlebnis"] == 1.5
    assert table["kontakte"].sum() == 5


def test_compare_judges_by_the_zone_of_tolerance():
    table = pd.DataFrame({"touchpoint": ["A", "B", "C", "D"], "erlebnis": [2.9, 3.6, 4.0, 4.7]})
    result = ex.compare(table, expectation=3.5, tolerance=0.5)
    assert list(result["urteil"]) == ["Enttäuschung", "Bestätigung", "Bestätigung", "Begeisterung"]
    assert list(result["abweichung"].round(2)) == [-0.6, 0.1, 0.5, 1.2]


def test_compare_takes_an_expectation_per_touchpoint():
    table = pd.DataFrame({"touchpoint": ["App", "Hotline"], "erlebnis": [4.0, 3.0]})
    result = ex.compare(table, expectation={"App": 4.8, "Hotline": 2.0})
    assert list(result["urteil"]) == ["Enttäuschung", "Begeisterung"]
    with pytest.raises(KundenkitError, match="Hotline"):
        ex.compare(table, expectation={"App": 4.0})


def test_summary_sentence_counts_disappointing_touchpoints():
    table = pd.DataFrame({"touchpoint": list("ABCDEFG"), "erlebnis": [2.0, 3.0, 3.4, 3.8, 4.0, 4.3, 4.9]})
    summary = ex.summarize(ex.compare(table, expectation=4.0))
    assert summary.disappointing == ("A", "B", "C")
    assert summary.sentence(4.0) == "Bei einer Erwartung von 4,0 enttäuschen 3 von 7 Touchpoints, 1 begeistert."


def test_missing_column_names_column_and_parameter():
    with pytest.raises(KundenkitError, match=r"'note'.*rating_col="):
        ex.experience(contacts({"App": [4]}), rating_col="note")


def test_rating_off_the_scale_names_column_and_row():
    frame = contacts({"App": [4, 5, 9]})
    with pytest.raises(KundenkitError, match=r"Spalte 'bewertung', Zeile 2.*1 bis 5"):
        ex.experience(frame)


def test_bad_dates_and_parameters_give_german_errors():
    frame = contacts({"App": [4, 5]}).assign(datum=["01.02.2024", "kein Datum"])
    with pytest.raises(KundenkitError, match=r"Spalte 'datum', Zeile 1.*kein Datum"):
        ex.experience_by_period(frame)
    table = pd.DataFrame({"touchpoint": ["A"], "erlebnis": [3.0]})
    with pytest.raises(KundenkitError, match=r"'expectation'.*1 bis 5"):
        ex.compare(table, expectation=7)
    with pytest.raises(KundenkitError, match=r"'rate'.*0 bis 1"):
        ex.adapt([3.0], rate=1.5)
    with pytest.raises(KundenkitError, match="Kano-Kategorie"):
        ex.kano_satisfaction("Luxus", 0.5)


@given(x=level, better=st.floats(min_value=0, max_value=4), e=level, tol=tolerance)
@settings(max_examples=200)
def test_better_experience_never_lowers_satisfaction(x, better, e, tol):
    y = min(x + better, 5.0)
    assert ex.disconfirmation(y, e) >= ex.disconfirmation(x, e)
    assert ORDER[str(ex.judge(ex.disconfirmation(y, e), tol))] >= ORDER[str(ex.judge(ex.disconfirmation(x, e), tol))]


@given(x=level, e=level, higher=st.floats(min_value=0, max_value=4), tol=tolerance)
@settings(max_examples=200)
def test_higher_expectation_never_raises_satisfaction(x, e, higher, tol):
    f = min(e + higher, 5.0)
    table = pd.DataFrame({"touchpoint": ["A"], "erlebnis": [x]})
    low, high = ex.compare(table, expectation=e, tolerance=tol), ex.compare(table, expectation=f, tolerance=tol)
    assert high["abweichung"].iloc[0] <= low["abweichung"].iloc[0]
    assert ORDER[high["urteil"].iloc[0]] <= ORDER[low["urteil"].iloc[0]]


@given(f=share, g=share)
def test_kano_curves_are_monotone_and_keep_their_side_of_neutral(f, g):
    lo, hi = min(f, g), max(f, g)
    for category in ex.KANO_CATEGORIES:
        assert ex.kano_satisfaction(category, hi) >= ex.kano_satisfaction(category, lo)
        assert -1 <= ex.kano_satisfaction(category, f) <= 1
    assert ex.kano_satisfaction(ex.MUST_BE, f) <= 0
    assert ex.kano_satisfaction(ex.ATTRACTIVE, f) >= 0


def test_kano_end_points():
    assert ex.kano_satisfaction(ex.MUST_BE, 1.0) == 0 and ex.kano_satisfaction(ex.MUST_BE, 0.0) == -1
    assert ex.kano_satisfaction(ex.ATTRACTIVE, 0.0) == 0 and ex.kano_satisfaction(ex.ATTRACTIVE, 1.0) == 1
    assert len(ex.kano_curves(steps=11)) == 3 * 11


@given(xs=st.lists(level, min_size=1, max_size=12), e0=level, rate=share)
@settings(max_examples=200)
def test_adaptive_expectation_moves_toward_experience(xs, e0, rate):
    expected = ex.adapt(xs, initial=e0, rate=rate)
    assert expected[0] == e0
    for t in range(len(xs) - 1):
        # after period t the expectation is no farther from what was experienced, and on its side
        assert abs(expected[t + 1] - xs[t]) <= abs(expected[t] - xs[t]) + 1e-12
        assert min(expected[t], xs[t]) - 1e-12 <= expected[t + 1] <= max(expected[t], xs[t]) + 1e-12


@given(x=level, e0=level, rate=st.floats(min_value=0.05, max_value=1))
def test_constant_good_service_stops_delighting(x, e0, rate):
    """Question of the lesson: customers get used to good service, the positive gap shrinks."""
    expected = ex.adapt([x] * 40, initial=e0, rate=rate)
    gaps = np.abs(x - expected)
    assert np.all(np.diff(gaps) <= 1e-12)
    assert gaps[-1] <= abs(x - e0) * (1 - rate) ** 39 + 1e-9


def test_adaptive_compare_without_adaptation_is_compare():
    data = generate_customers(seed=3, n_customers=400, branche="Bank")
    periods = ex.experience_by_period(data.kontakte)
    fixed = ex.compare(ex.experience(data.kontakte), expectation=3.7, tolerance=0.4)
    adaptive = ex.adaptive_compare(periods, expectation=3.7, rate=0.0, tolerance=0.4)
    assert list(fixed["touchpoint"]) == list(adaptive["touchpoint"])
    assert np.allclose(fixed["erlebnis"], adaptive["erlebnis"], atol=1e-3)
    assert list(fixed["urteil"]) == list(adaptive["urteil"])
    assert adaptive["kontakte"].sum() == data.kontakte["bewertung"].notna().sum()


@pytest.mark.parametrize("branche", BRANCHEN)
def test_getting_used_to_service_shrinks_every_clear_gap(branche):
    """A lasting gap shrinks as expectations adapt; a gap near 0 may grow a little with the last period's noise."""
    periods = ex.experience_by_period(generate_customers(seed=5, n_customers=600, branche=branche).kontakte)
    fixed = ex.adaptive_compare(periods, expectation=3.5, rate=0.0)
    used = ex.adaptive_compare(periods, expectation=3.5, rate=0.5)
    clear = fixed["abweichung"].abs() > 0.1
    assert clear.sum() >= 3
    assert (used["abweichung"].abs()[clear] <= fixed["abweichung"].abs()[clear] + 1e-9).all()
    assert used["abweichung"].abs().mean() < fixed["abweichung"].abs().mean()
    assert ex.summarize(fixed).touchpoints == len(periods["touchpoint"].unique())


def test_own_values_as_periods():
    periods = ex.as_periods({"Hotline": 3.2, "Website": 4.4})
    result = ex.adaptive_compare(periods, expectation=3.5, rate=0.8)
    assert list(result["urteil"]) == ["Bestätigung", "Begeisterung"]
    with pytest.raises(KundenkitError, match="1 bis 5"):
        ex.as_periods({"Hotline": 8})
