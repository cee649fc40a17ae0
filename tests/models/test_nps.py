import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import nps as m

counts = st.integers(min_value=0, max_value=500)
answers = st.lists(st.one_of(st.integers(min_value=0, max_value=10), st.none()), max_size=200)


@given(d=counts, q=counts, p=counts)
@settings(max_examples=300)
def test_nps_stays_in_range_and_interval_contains_it(d, q, p):
    assume(d + q + p > 0)
    r = m.from_counts(d, q, p)
    assert -100 <= r.nps <= 100
    assert -100 <= r.low <= r.nps + 1e-9 and r.nps - 1e-9 <= r.high <= 100
    assert math.isclose(r.promoters + r.passives + r.detractors, 1)


@given(values=answers)
@settings(max_examples=300)
def test_nps_of_answers_matches_the_definition(values):
    r = m.net_promoter_score(values)
    given_answers = [v for v in values if v is not None]
    assert r.n == len(given_answers) and r.missing == len(values) - len(given_answers)
    if given_answers:
        share_p = sum(v >= 9 for v in given_answers) / len(given_answers)
        share_d = sum(v <= 6 for v in given_answers) / len(given_answers)
        assert math.isclose(r.nps, 100 * (share_p - share_d), abs_tol=1e-8)
    else:
        assert math.isnan(r.nps)


@given(d=counts, q=counts, p=counts, factor=st.integers(min_value=2, max_value=20))
@settings(max_examples=300)
def test_more_answers_with_the_same_shares_never_widen_the_interval(d, q, p, factor):
    assume(d + q + p > 0)
    small, large = m.from_counts(d, q, p), m.from_counts(d * factor, q * factor, p * factor)
    assert math.isclose(small.nps, large.nps, abs_tol=1e-9)
    assert large.high - large.low <= small.high - small.low + 1e-9
    assert large.se <= small.se + 1e-12


def test_interval_shrinks_strictly_with_n_and_matches_the_formula():
    widths = [m.from_shares(0.4, 0.3, n).margin for n in (50, 100, 400, 1600)]
    assert widths == sorted(widths, reverse=True)
    assert math.isclose(widths[0] / widths[2], 2.0 * math.sqrt(2))   # 1/√n: 8× answers, √8 narrower
    var = 0.4 + 0.3 - (0.4 - 0.3) ** 2
    assert math.isclose(m.from_shares(0.4, 0.3, 100).se, 100 * math.sqrt(var / 100))


def test_interval_agrees_with_simulation():
    """The normal approximation's standard error matches the spread of simulated surveys."""
    rng = np.random.default_rng(7)
    draws = rng.multinomial(300, [0.25, 0.35, 0.40], size=20_000)   # detractors, passives, promoters
    simulated = 100 * (draws[:, 2] - draws[:, 0]) / 300
    assert math.isclose(simulated.std(), m.from_shares(0.40, 0.25, 300).se, rel_tol=0.03)


@given(nps=st.integers(min_value=-100, max_value=100), q=st.floats(min_value=0, max_value=1),
       n=st.integers(min_value=1, max_value=5000))
@settings(max_examples=300)
def test_same_nps_keeps_the_nps_and_the_share_of_passives(nps, q, n):
    q = min(q, m.max_passives(nps))
    r = m.same_nps(nps, q, n)
    assert math.isclose(r.nps, nps, abs_tol=1e-6)
    assert math.isclose(r.passives, q, abs_tol=1e-9)
    assert min(r.promoters, r.detractors) >= 0


def test_more_passives_with_the_same_nps_narrow_the_interval():
    widths = m.same_nps_table(10, n=300, passives=(0, 0.3, 0.6, 0.9))["nps_oben"].tolist()
    assert widths == sorted(widths, reverse=True) and len(widths) == 4


@given(p=st.floats(min_value=0, max_value=1), d=st.floats(min_value=0, max_value=1),
       n=st.integers(min_value=1, max_value=3000), change=st.floats(min_value=0.5, max_value=50))
@settings(max_examples=300)
def test_answers_needed_makes_the_change_just_more_than_noise(p, d, n, change):
    assume(p + d <= 1 and m.answer_variance(p, d) > 1e-6)
    r = m.from_shares(p, d, n)
    needed = m.answers_needed(r, change)
    at = m.from_shares(p, d, needed)
    assert m.noise_band(at) <= change + 1e-6
    if needed > 1:
        assert m.noise_band(m.from_shares(p, d, needed - 1)) > change - 1e-6


def test_compare_flags_noise_and_real_change():
    small = m.compare(m.from_shares(0.5, 0.2, 100), m.from_shares(0.55, 0.2, 100))
    large = m.compare(m.from_shares(0.5, 0.2, 10_000), m.from_shares(0.55, 0.2, 10_000))
    assert small.is_noise and not large.is_noise
    assert small.low < small.difference < small.high
    assert math.isclose(small.difference, 5.0)


def test_out_of_scale_answer_names_file_column_and_line(tmp_path):
    path = tmp_path / "befragung.csv"
    path.write_text("kunden_id;datum;touchpoint;nps\nK1;01.02.2024;Shop;9\nK2;02.02.2024;Shop;k.A.\n"
                    "K3;03.02.2024;Hotline;12\n", encoding="utf-8")
    table = kk.read_csv(path)
    with pytest.raises(KundenkitError) as info:
        m.net_promoter_score(table)
    assert info.value.spalte == "nps" and info.value.zeile == 4 and "0 bis 10" in str(info.value)


def test_k_a_answers_are_left_out_and_counted(tmp_path):
    path = tmp_path / "befragung.csv"
    path.write_text("kunden_id;datum;touchpoint;nps\nK1;01.02.2024;Shop;9\nK2;02.02.2024;Shop;k.A.\n"
                    "K3;03.02.2024;Hotline;3\n", encoding="utf-8")
    table = m.nps_by_group(kk.read_csv(path))
    assert table["touchpoint"].tolist() == ["Shop", "Hotline", m.TOTAL]
    assert table["antworten"].tolist() == [1, 1, 2] and table["keine_angabe"].tolist() == [1, 0, 1]
    assert table["nps_wert"].tolist() == [100.0, -100.0, 0.0]


@pytest.mark.parametrize("bad", ["zehn", 7.5, -1])
def test_bad_answers_raise_german_errors(bad):
    with pytest.raises(KundenkitError, match="Spalte 'nps', Zeile 1"):
        m.net_promoter_score(pd.DataFrame({"nps": [9, bad]}))


@pytest.mark.parametrize("call", [
    lambda: m.from_shares(0.6, 0.5, 10), lambda: m.from_shares(0.5, 0.2, 0), lambda: m.same_nps(50, 0.6, 10),
    lambda: m.from_counts(1, 2, 2.5), lambda: m.z_value(0.3), lambda: m.answers_needed(m.from_counts(1, 1, 1), 0),
])
def test_bad_parameters_raise_german_errors(call):
    with pytest.raises(KundenkitError):
        call()


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_groups_by_touchpoint_and_country_for_every_sector(branche):
    data = kk.load_course_data(branche=branche, n_kunden=1000)
    overall = m.net_promoter_score(data.befragung)
    by_tp = m.nps_by_group(data.befragung, "touchpoint")
    by_land = m.nps_by_group(data.befragung, "land", kunden=data.kunden)
    for table in (by_tp, by_land):
        total = table.iloc[-1]
        assert total.iloc[0] == m.TOTAL and total["antworten"] == overall.n
        assert table["antworten"].iloc[:-1].sum() == overall.n
        assert math.isclose(total["nps_wert"], round(overall.nps, 1))
        assert (table["nps_unten"] <= table["nps_wert"]).all() and (table["nps_wert"] <= table["nps_oben"]).all()
        groups = table.iloc[:-1]["nps_wert"].tolist()
        assert groups == sorted(groups, reverse=True)
        assert (table["wenige_antworten"] == (table["antworten"] < m.MIN_N)).all()
    assert set(by_land["land"].iloc[:-1]) <= {"DE", "AT", "CH", "ohne Angabe"}


def test_sector_grouping_when_several_sectors_are_combined():
    parts = [kk.load_course_data(branche=b, n_kunden=300).befragung.assign(branche=b) for b in kk.BRANCHEN[:2]]
    table = m.nps_by_group(pd.concat(parts, ignore_index=True), "branche")
    assert set(table["branche"]) == {*kk.BRANCHEN[:2], m.TOTAL}
    assert m.available_groupings(pd.concat(parts, ignore_index=True)) == ["touchpoint", "branche"]


def test_group_nps_matches_the_answers_of_that_group():
    data = kk.load_course_data(n_kunden=800)
    table = m.nps_by_group(data.befragung, "touchpoint")
    first = table["touchpoint"].iloc[0]
    direct = m.net_promoter_score(data.befragung[data.befragung["touchpoint"] == first])
    assert math.isclose(table["nps_wert"].iloc[0], round(direct.nps, 1))
    assert math.isclose(table["nps_unten"].iloc[0], round(direct.low, 1))


def test_missing_grouping_column_names_the_parameter():
    with pytest.raises(KundenkitError, match="Parameter by"):
        m.nps_by_group(pd.DataFrame({"nps": [9]}), "land")

