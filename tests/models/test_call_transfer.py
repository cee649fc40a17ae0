"""Lesson 4.9: solve it yourself or transfer – first contact resolution, repeat contacts, cost, rating."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit.errors import KundenkitError
from kundenkit.models import call_transfer as m

shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
assumptions = st.builds(
    m.Assumptions, simple_share=shares, attempt_rate=shares, specialist_rate=shares, warm_share=shares,
    minutes_attempt=st.floats(0, 60), minutes_specialist=st.floats(0, 60), minutes_repeat_story=st.floats(0, 20),
    minutes_repeat_contact=st.floats(0, 60), penalty_transfer=st.floats(0, 2), penalty_repeat_story=st.floats(0, 2),
    penalty_repeat_contact=st.floats(0, 2))


def test_default_service_touchpoints_of_the_sectors():
    found = {b: m.ServiceModel.from_tables(kk.load_course_data(seed=3, branche=b, n_kunden=300).kontakte)
             .default_touchpoints for b in ("Handel", "Bank", "Maschinenbau")}
    assert found["Handel"] == ("Kundenservice", "Reklamation/Umtausch")
    assert found["Bank"] == ("Beschwerde", "Hotline")
    assert found["Maschinenbau"] == ("Reklamation",)
    tele = m.ServiceModel.from_tables(kk.load_course_data(seed=3, branche="Telekommunikation",
                                                          n_kunden=300).kontakte)
    assert {"Hotline", "Störungsmeldung"} <= set(tele.default_touchpoints)


def test_requests_and_mean_rating_are_counted_from_the_contacts():
    k = pd.DataFrame({"touchpoint": ["Hotline", "Hotline", "Hotline", "Kasse"], "bewertung": [5, 2, None, 1]})
    model = m.ServiceModel.from_tables(k)
    assert model.requests() == m.Requests(("Hotline",), 3, 2, 3.5)
    assert model.requests(["Hotline", "Kasse"]).requests == 4
    assert model.touchpoint_source(["Kasse"]) == m.FROM_LEARNER and model.touchpoint_source() == m.FROM_KEYWORDS
    assert math.isnan(model.requests([]).mean_rating)


def test_targeted_transfer_solves_most_in_the_first_contact_and_cold_transfers_cost_satisfaction():
    req = m.Requests(("Hotline",), 1000, 1000, 4.0)
    warm = m.evaluate(req, 0.3, m.Assumptions(warm_share=1.0))
    cold = m.evaluate(req, 0.3, m.Assumptions(warm_share=0.0))
    first = warm.table.set_index("strategie")["erstloesung"]
    assert first[m.TARGETED] == pytest.approx(0.97) and first[m.SELF] == pytest.approx(0.82)
    assert first[m.TARGETED] > first[m.ALWAYS] > first[m.SELF]
    rating_w = warm.table.set_index("strategie")["bewertung_geschaetzt"]
    rating_c = cold.table.set_index("strategie")["bewertung_geschaetzt"]
    # the title: a well-made transfer beats a poor first attempt, a cold one does not
    assert rating_w[m.TARGETED] > rating_w[m.SELF] and rating_c[m.TARGETED] < rating_c[m.SELF]


def test_break_even_warm_share_is_where_the_transfer_starts_to_pay():
    a = m.Assumptions()
    warm_from = m.transfer_pays_off(a)["warm_ab"]
    from dataclasses import replace
    assert m.transfer_pays_off(replace(a, warm_share=warm_from))["bewertung"] == pytest.approx(0, abs=1e-12)
    assert m.transfer_pays_off(replace(a, warm_share=min(warm_from + 0.1, 1)))["bewertung"] > 0
    assert math.isnan(m.transfer_pays_off(replace(a, specialist_rate=0.4))["warm_ab"])
    assert m.transfer_pays_off(replace(a, penalty_repeat_story=0.0))["warm_ab"] == 0.0


def test_answers_vary_with_seed_and_sector():
    results = set()
    for seed, branche in ((42, "Handel"), (7, "Bank"), (2024, "Maschinenbau")):
        r = m.call_transfer(kk.load_course_data(seed=seed, branche=branche, n_kunden=600).kontakte)
        results.add((r.requests.requests, round(float(r.current["servicekosten"]))))
    assert len(results) == 3


@pytest.mark.parametrize("kwargs, words", [
    ({"transfer_share": 1.5}, "transfer_share"), ({"simple_share": -0.1}, "simple_share"),
    ({"cost_per_minute": "teuer"}, "muss eine Zahl sein"), ({"minutes_wait": -1.0}, "ab 0"),
    ({"penalty_transfer": 9.0}, "penalty_transfer"), ({"touchpoints": ["Gibt es nicht"]}, "Gibt es nicht"),
    ({"warm": 1.0}, "kennt das Modell nicht"),
])
def test_bad_parameters_get_a_german_error(kwargs, words):
    k = pd.DataFrame({"touchpoint": ["Hotline"], "bewertung": [4]})
    with pytest.raises(KundenkitError, match=words):
        m.call_transfer(k, **kwargs)


def test_a_rating_off_the_scale_names_the_row():
    k = pd.DataFrame({"touchpoint": ["Hotline"] * 2, "bewertung": [4, 9]})
    with pytest.raises(KundenkitError, match="Zeile 1"):
        m.ServiceModel.from_tables(k)


@settings(max_examples=80, deadline=None)
@given(a=assumptions, t=shares)
def test_shares_stay_shares_and_repeats_complete_the_requests(a, t):
    row = m.outcome(t, a).iloc[0]
    assert -1e-9 <= row["erstloesung"] <= 1 + 1e-9
    assert row["erstloesung"] + row["wiederholkontakte"] == pytest.approx(1)
    assert row["minuten"] >= -1e-9 and row["abzug"] >= -1e-9
    r = m.evaluate(m.Requests(("H",), 500, 500, 3.0), t, a)
    assert (r.table["bewertung_geschaetzt"].between(1, 5)).all()
    assert r.current["im_ersten_kontakt_geloest"] + r.current["wiederholkontakte"] == pytest.approx(500)


@settings(max_examples=80, deadline=None)
@given(a=assumptions, t1=shares, t2=shares)
def test_first_contact_resolution_peaks_at_targeted_transfer_when_the_specialist_beats_the_attempt(a, t1, t2):
    target = a.difficult_share
    fcr = m.outcome([t1, t2, target], a)["erstloesung"].to_numpy()
    if a.specialist_rate >= a.attempt_rate:
        assert fcr[2] >= max(fcr[0], fcr[1]) - 1e-9
    low, high = sorted((t1, t2))
    if high <= target and a.specialist_rate >= a.attempt_rate:   # transferring more difficult ones never hurts
        lo, hi = m.outcome([low, high], a)["erstloesung"]
        assert hi >= lo - 1e-9


@settings(max_examples=60, deadline=None)
@given(a=assumptions, t=shares, w1=shares, w2=shares)
def test_warmer_transfers_never_lower_the_rating(a, t, w1, w2):
    from dataclasses import replace
    low, high = sorted((w1, w2))
    assert m.outcome(t, replace(a, warm_share=high))["abzug"].iloc[0] <= \
        m.outcome(t, replace(a, warm_share=low))["abzug"].iloc[0] + 1e-9


def test_curve_matches_the_policies():
    r = m.evaluate(m.Requests(("H",), 100, 100, 4.0), 0.35)
    curve = r.curve.set_index(np.round(r.curve["anteil_weiter"], 2))
    assert curve.loc[0.0, "servicekosten"] == pytest.approx(r.row(m.SELF)["servicekosten"])
    assert curve.loc[1.0, "erstloesung"] == pytest.approx(r.row(m.ALWAYS)["erstloesung"])
    assert curve.loc[0.3, "erstloesung"] == pytest.approx(r.row(m.TARGETED)["erstloesung"])
