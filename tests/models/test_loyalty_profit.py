"""Lesson 3.10: duration × profit → Fremde, Schmetterlinge, wahre Freunde, Kletten (Reinartz & Kumar 2002)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import customer_profit as cp
from kundenkit.models import loyalty_profit as m


@pytest.fixture(scope="module")
def sample():
    return kk.load_course_data(seed=42, branche="Handel", n_kunden=800)


def test_profit_is_lesson_1_2s_profit(sample):
    model = m.LoyaltyModel.from_tables(sample.transaktionen, sample.kunden, sample.kontakte, sample.befragung,
                                       assumptions=cp.assumptions_for("Handel"))
    profit = cp.customer_profit(sample.transaktionen, sample.kontakte, sample.befragung,
                                assumptions=cp.assumptions_for("Handel")).set_index("kunden_id")["gewinn"]
    assert np.allclose(model.profit, profit.reindex(model.customers).to_numpy())
    assert model.without_purchase == len(profit) - model.size > 0


def test_duration_starts_at_kunde_seit_when_the_customer_table_is_there(sample):
    with_since = m.relationship_duration(sample.transaktionen, sample.kunden)
    without = m.relationship_duration(sample.transaktionen)
    assert (with_since["beginn_aus"] == m.SOURCE_SINCE).all()
    assert (without["beginn_aus"] == m.SOURCE_FIRST).all()
    assert (with_since["dauer_jahre"].to_numpy() >= without["dauer_jahre"].to_numpy()).all()
    assert with_since["dauer_jahre"].max() > 2.5 >= without["dauer_jahre"].max()   # the data span two years


def test_a_purchase_before_kunde_seit_moves_the_start_back():
    t = pd.DataFrame({"kunden_id": ["A", "A"], "datum": pd.to_datetime(["2020-01-01", "2022-01-01"])})
    k = pd.DataFrame({"kunden_id": ["A"], "kunde_seit": pd.to_datetime(["2021-01-01"])})
    row = m.relationship_duration(t, k).iloc[0]
    assert row["beginn"] == pd.Timestamp("2020-01-01") and row["beginn_aus"] == m.SOURCE_FIRST


def test_defaults_are_the_medians_rounded_to_the_slider_steps(sample):
    model = m.LoyaltyModel.from_tables(sample.transaktionen, sample.kunden)
    d, p = model.default_thresholds()
    assert abs(d - np.median(model.duration)) <= m.DURATION_STEP / 2 + 1e-9
    assert abs(p - np.median(model.profit)) <= model.profit_step / 2 + 1e-9
    result = model.evaluate()
    assert (result.duration_threshold, result.profit_threshold) == (d, p)
    # medians split the customers roughly in halves
    assert 0.4 < result.long_customers / model.size < 0.6


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_every_sector_has_all_four_groups_and_barnacles_among_the_long_standing(branche):
    data = kk.load_course_data(seed=3, branche=branche, n_kunden=600)
    result = m.loyalty_groups(data.transaktionen, data.kunden, data.kontakte, data.befragung,
                              assumptions=cp.assumptions_for(branche))
    assert all(result.count(g) > 0 for g in m.GROUPS)
    assert 0 < result.barnacle_share < 1


def test_transactions_alone_are_enough(sample):
    result = m.loyalty_groups(sample.transaktionen)
    assert result.summary["kunden"].iloc[-1] == sample.transaktionen["kunden_id"].nunique()


def test_share_of_a_loss_is_left_empty():
    s = m.group_summary(np.array([0, 1]), np.array([-10.0, 5.0]))
    assert s["anteil_gewinn"].isna().all() and s["gewinn_summe"].iloc[-1] == -5


def test_missing_column_and_bad_date_give_german_errors():
    with pytest.raises(KundenkitError, match="datum"):
        m.relationship_duration(pd.DataFrame({"kunden_id": ["A"], "Datum": ["1.1.2024"]}))
    with pytest.raises(KundenkitError, match="Zeile 1: 'gestern' ist kein Datum"):
        m.relationship_duration(pd.DataFrame({"kunden_id": ["A", "B"], "datum": ["01.01.2024", "gestern"]}))
    with pytest.raises(KundenkitError, match="Unbekannter Parameter 'kunde_col'"):
        m.loyalty_groups(pd.DataFrame({"kunden_id": ["A"], "betrag": [1.0], "datum": ["01.01.2024"]}),
                         kunde_col="x")


customers = st.lists(st.tuples(st.floats(0, 30), st.floats(-1000, 1000)), min_size=1, max_size=60)
thresholds = st.tuples(st.floats(0, 30), st.floats(-1000, 1000))


@settings(max_examples=60, deadline=None)
@given(customers, thresholds)
def test_groups_partition_the_customers_and_their_profit(rows, limits):
    duration, profit = (np.array(v, dtype=float) for v in zip(*rows))
    codes = m._codes(duration >= limits[0], profit >= limits[1])
    summary = m.group_summary(codes, profit)
    assert summary["kunden"].iloc[:4].sum() == len(rows) == summary["kunden"].iloc[-1]
    assert summary["gewinn_summe"].iloc[:4].sum() == pytest.approx(profit.sum(), abs=0.05)
    long = (duration >= limits[0]).sum()
    assert summary["kunden"].iloc[2] + summary["kunden"].iloc[3] == long


@settings(max_examples=60, deadline=None)
@given(customers, thresholds, st.floats(0, 500))
def test_a_higher_profit_threshold_never_makes_more_customers_profitable(rows, limits, raise_by):
    duration, profit = (np.array(v, dtype=float) for v in zip(*rows))
    groups_low = m.classify(duration, profit, limits[0], limits[1])
    groups_high = m.classify(duration, profit, limits[0], limits[1] + raise_by)
    profitable = {m.BUTTERFLIES, m.TRUE_FRIENDS}
    assert sum(g in profitable for g in groups_high) <= sum(g in profitable for g in groups_low)
    # the duration side does not move
    assert [g in (m.TRUE_FRIENDS, m.BARNACLES) for g in groups_high] == \
           [g in (m.TRUE_FRIENDS, m.BARNACLES) for g in groups_low]


def test_density_grid_counts_every_customer_once(sample):
    model = m.LoyaltyModel.from_tables(sample.transaktionen, sample.kunden, sample.kontakte)
    grid = m.density_grid(model)
    assert grid["kunden"].sum() == model.size and len(grid) <= 32 * 24
