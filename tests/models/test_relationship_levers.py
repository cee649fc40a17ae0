"""Lesson 5.8: the course's loop of relationship quality and staff burden, with its tipping point."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit.errors import KundenkitError
from kundenkit.models import relationship_levers as m

shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
loads = st.floats(min_value=0.0, max_value=3.0, allow_nan=False)
lever_sets = st.builds(m.Levers, kommunikation=shares, wohlbefinden=shares, prozesse=shares,
                       beziehungsqualitaet=shares)


@settings(max_examples=150, deadline=None)
@given(levers=lever_sets, q0=shares, b0=shares, load=loads)
def test_stocks_stay_within_bounds(levers, q0, b0, load):
    t = m.simulate(levers, q0, b0, load)
    for column in ("beziehungsqualitaet", "belastung"):
        assert t[column].between(0.0, 1.0).all()


@settings(max_examples=150, deadline=None)
@given(levers=lever_sets, lever=st.sampled_from(m.LEVERS), low=shares, high=shares, q0=shares, b0=shares,
       load=loads)
def test_raising_a_lever_never_lowers_the_final_quality(levers, lever, low, high, q0, b0, load):
    low, high = sorted((low, high))
    final_low = m.simulate(levers.with_lever(lever, low), q0, b0, load)["beziehungsqualitaet"].iloc[-1]
    final_high = m.simulate(levers.with_lever(lever, high), q0, b0, load)["beziehungsqualitaet"].iloc[-1]
    assert final_high >= final_low - 1e-12


@settings(max_examples=60, deadline=None)
@given(q0=st.floats(min_value=0.45, max_value=0.65), load=st.floats(min_value=0.33, max_value=0.85))
def test_a_tipping_threshold_exists_in_the_default_setting(q0, load):
    # default levers and capacity; start values in the range the sample data of the five sectors give
    levers = m.Levers()
    level = m.tipping_level(levers, m.MAIN_LEVER, q0, min(load, 1.0), load)
    assert level is not None and 0 < level < 1
    below = m.simulate(levers.with_lever(m.MAIN_LEVER, max(level - 0.01, 0)), q0, min(load, 1.0), load)
    above = m.simulate(levers.with_lever(m.MAIN_LEVER, level), q0, min(load, 1.0), load)
    assert below["beziehungsqualitaet"].iloc[-1] < q0 <= above["beziehungsqualitaet"].iloc[-1]


@pytest.mark.parametrize("branche", ["Handel", "Bank", "Versicherung", "Telekommunikation", "Maschinenbau"])
def test_the_sample_data_of_every_sector_has_a_tipping_threshold(branche):
    start = m.start_values(kk.load_course_data(seed=42, branche=branche, n_kunden=600).kontakte)
    result = m.run_loop(start)
    assert result.tipping is not None and 0 < result.tipping < 1
    assert result.direction == (m.UP if result.levers.wohlbefinden >= result.tipping else m.DOWN)


def test_loop_reinforces_itself_both_ways():
    up = m.simulate(m.Levers(wohlbefinden=1.0), 0.5, 0.4, 0.4)
    down = m.simulate(m.Levers(wohlbefinden=0.0), 0.5, 0.4, 0.4)
    assert up["beziehungsqualitaet"].iloc[-1] > 0.8 and up["belastung"].iloc[-1] < 0.2
    assert down["beziehungsqualitaet"].iloc[-1] < 0.2 and down["belastung"].iloc[-1] > 0.8


def test_critical_quality_separates_rise_and_fall():
    levers, load = m.Levers(), 0.5
    critical = m.critical_quality(levers, load)
    assert critical is not None
    # start on the burden's nullcline: above the critical quality the loop rises, below it falls
    for q0, rises in ((critical + 0.03, True), (critical - 0.03, False)):
        b0 = min(1.0, m.DEFAULT_DYNAMICS.burden_gain * (0.5 + load) * (1 - q0) * (1 - 0.6 * levers.wohlbefinden))
        final = m.simulate(levers, q0, b0, load, months=120)["beziehungsqualitaet"].iloc[-1]
        assert (final > q0) == rises


def test_start_values_come_from_the_contacts():
    data = kk.load_course_data(seed=42, n_kunden=600)
    k = data.kontakte
    start = m.start_values(k, capacity=2.0)
    assert start.contacts == len(k) and start.customers == k["kunden_id"].nunique()
    assert start.quality == pytest.approx((k["bewertung"].mean() - 1) / 4)
    assert start.load == pytest.approx(2 * m.start_values(k, capacity=4.0).load)
    table = m.start_table(start)
    assert table["kontakte_je_monat"].iloc[0] == pytest.approx(start.contacts / start.years / 12)
    other = m.start_table(m.start_values(kk.load_course_data(seed=7, branche="Bank", n_kunden=600).kontakte))
    assert not np.allclose(table.to_numpy(dtype=float), other.to_numpy(dtype=float))


def test_german_errors_name_what_is_wrong():
    k = pd.DataFrame({"kunden_id": ["A"], "datum": ["01.02.2024"], "bewertung": [7]})
    with pytest.raises(KundenkitError, match="Skala 1 bis 5"):
        m.start_values(k)
    with pytest.raises(KundenkitError, match="'capacity' muss eine Zahl größer als 0"):
        m.start_values(k.assign(bewertung=3), capacity=0)
    with pytest.raises(KundenkitError, match="keinen Kontakt"):
        m.start_values(k.iloc[:0])
    with pytest.raises(KundenkitError, match="Hebel 'wohlbefinden' muss zwischen 0 und 1"):
        m.Levers(wohlbefinden=-0.1)
    with pytest.raises(KundenkitError, match="Den Hebel 'laune' gibt es nicht"):
        m.Levers().with_lever("laune", 0.5)
    with pytest.raises(KundenkitError, match="'months' muss eine ganze Zahl"):
        m.simulate(m.Levers(), 0.5, 0.5, 0.5, months=0)
