"""Lesson 4.12: complaint funnel, TARP loyalty shares as quoted, retained revenue."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit.errors import KundenkitError
from kundenkit.models import complaints as m

shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def test_tarp_figures_are_those_of_the_course_brief():
    assert m.TARP_LOYALTY[m.SMALL] == (0.37, 0.46, 0.70, 0.95)
    assert m.TARP_LOYALTY[m.LARGE] == (0.09, 0.19, 0.54, 0.82)
    assert "laut TARP" in m.TARP_SOURCE


def test_default_complaint_touchpoints_of_the_sectors():
    found = {}
    for branche in ("Handel", "Bank", "Maschinenbau", "Versicherung"):
        data = kk.load_course_data(seed=3, branche=branche, n_kunden=300)
        found[branche] = m.complaint_touchpoints(data.kontakte)
    assert found["Handel"] == ("Reklamation/Umtausch",)
    assert found["Bank"] == ("Beschwerde",)
    assert found["Maschinenbau"] == ("Reklamation",)
    assert found["Versicherung"] == ("Beschwerde",)


def test_without_complaint_touchpoints_the_learner_is_asked_to_name_them():
    data = kk.load_course_data(seed=3, branche="Versicherung", n_kunden=300)
    renamed = data.kontakte.assign(touchpoint=data.kontakte["touchpoint"].replace("Beschwerde", "Kundenanliegen"))
    model = m.ComplaintModel.from_tables(renamed)
    assert model.default_touchpoints == () and model.default_source == m.FROM_NONE
    assert model.touchpoint_source(["Kundenanliegen"]) == m.FROM_LEARNER
    bank = m.ComplaintModel.from_tables(kk.load_course_data(seed=3, branche="Bank", n_kunden=300).kontakte)
    assert bank.default_source == m.FROM_KEYWORDS


def test_last_complaint_decides_and_unrated_counts_as_not_satisfied():
    k = pd.DataFrame({"kunden_id": ["A", "A", "B", "B", "C"],
                      "touchpoint": ["Beschwerde", "Beschwerde", "Beschwerde", "Beschwerde", "Kasse"],
                      "bewertung": [5, 1, 2, 5, 5],
                      "datum": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-01",
                                               "2024-01-01"])})
    c = m.ComplaintModel.from_tables(k).complainants()
    assert (c.customers, c.satisfied, c.contacts) == (2, 0, 4)   # A's last is 1, B's last (March) is 2
    assert m.ComplaintModel.from_tables(k).complainants(satisfied_from=2).satisfied == 1
    k.loc[1, "bewertung"] = None
    c = m.ComplaintModel.from_tables(k).complainants()
    assert (c.unrated, c.satisfied) == (1, 0)


def test_revenue_comes_from_purchases_else_from_the_learner_else_the_placeholder():
    data = kk.load_course_data(seed=5, n_kunden=300)
    with_sales = m.ComplaintModel.from_tables(data.kontakte, data.transaktionen)
    assert with_sales.revenue() == (pytest.approx(m.revenue_per_customer(data.transaktionen)), m.REVENUE_FROM_DATA)
    assert with_sales.revenue(50.0) == (50.0, m.REVENUE_FROM_LEARNER)
    assert m.ComplaintModel.from_tables(data.kontakte).revenue() == (m.DEFAULT_REVENUE, m.REVENUE_PLACEHOLDER)


def test_answers_vary_with_seed_and_sector():
    results = set()
    for seed, branche in ((42, "Handel"), (7, "Bank"), (2024, "Maschinenbau")):
        data = kk.load_course_data(seed=seed, branche=branche, n_kunden=600)
        r = m.complaints(data.kontakte, data.transaktionen)
        results.add((r.complainants.customers, round(r.retained_revenue)))
    assert len(results) == 3


@pytest.mark.parametrize("kwargs, words", [
    ({"quick_share": 1.5}, "quick_share"), ({"complaint_share": 0}, "complaint_share"),
    ({"large_share": "viel"}, "muss eine Zahl sein"), ({"satisfied_from": 7}, "satisfied_from"),
    ({"touchpoints": ["Gibt es nicht"]}, "Gibt es nicht"), ({"revenue": -1.0}, "ab 0"),
])
def test_bad_parameters_get_a_german_error(kwargs, words):
    k = pd.DataFrame({"kunden_id": ["A"], "touchpoint": ["Beschwerde"], "bewertung": [4]})
    with pytest.raises(KundenkitError, match=words):
        m.complaints(k, **kwargs)


def test_a_rating_off_the_scale_names_the_row():
    k = pd.DataFrame({"kunden_id": ["A", "B"], "touchpoint": ["Beschwerde"] * 2, "bewertung": [4, 9]})
    with pytest.raises(KundenkitError, match="Zeile 1"):
        m.ComplaintModel.from_tables(k)


def _complainants(n, satisfied):
    return m.Complainants(("B",), customers=n, satisfied=min(satisfied, n), unrated=0, contacts=n, satisfied_from=4)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 5000), sat=st.integers(0, 5000), share=st.floats(0.01, 1.0), quick=shares, large=shares,
       revenue=st.floats(0, 1e6))
def test_totals_are_kept_and_shares_stay_between_the_tarp_bounds(n, sat, share, quick, large, revenue):
    r = m.funnel(_complainants(n, sat), complaint_share=share, quick_share=quick, large_share=large, revenue=revenue)
    groups = r.table.iloc[:-1]
    assert groups["kunden_im_trichter"].sum() == pytest.approx(r.dissatisfied, abs=0.5)
    assert r.dissatisfied == pytest.approx(n / share, abs=0.1)
    stay = (groups["kunden_im_trichter"] * groups["bleibequote"]).sum()
    assert r.retained == pytest.approx(stay, abs=0.05)
    assert r.retained_revenue + r.lost_revenue == pytest.approx(r.dissatisfied * revenue, rel=1e-6, abs=1e-3)
    if r.dissatisfied:
        assert min(m.TARP_LOYALTY[m.LARGE]) - 1e-9 <= r.retained_share <= max(m.TARP_LOYALTY[m.SMALL]) + 1e-9
    else:
        assert math.isnan(r.retained_share)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 5000), sat=st.integers(1, 5000), q1=shares, q2=shares, large=shares)
def test_quicker_solutions_keep_more_and_larger_problems_keep_fewer(n, sat, q1, q2, large):
    c = _complainants(n, sat)
    low, high = sorted((q1, q2))
    assert m.funnel(c, quick_share=low, large_share=large).retained <= \
        m.funnel(c, quick_share=high, large_share=large).retained + 1e-9
    assert m.funnel(c, quick_share=q1, large_share=1.0).retained <= \
        m.funnel(c, quick_share=q1, large_share=0.0).retained + 1e-9


def test_value_per_point_is_the_slope_of_the_curve():
    data = kk.load_course_data(seed=7, branche="Bank", n_kunden=600)
    model = m.ComplaintModel.from_tables(data.kontakte, data.transaktionen)
    a, b = model.evaluate(0.40), model.evaluate(0.41)
    assert b.retained_revenue - a.retained_revenue == pytest.approx(a.value_per_point, rel=1e-6)
    curve = m.quick_share_curve(a, steps=11)
    assert np.allclose(np.diff(curve["umsatz_bleibt"]), a.value_per_point * 10)
    assert curve["umsatz_bleibt"].iloc[4] == pytest.approx(a.retained_revenue)
