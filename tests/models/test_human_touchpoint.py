"""Lesson 4.21: value of the human touch (rating difference × € per point) vs the extra cost of a human contact."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import customer_profit as cp
from kundenkit.models import human_touchpoint as m


@pytest.fixture(scope="module")
def sample():
    return kk.load_course_data(seed=42, branche="Bank", n_kunden=2000)


@pytest.fixture(scope="module")
def bank_model(sample):
    return m.HumanTouchModel.from_table(sample.kontakte, assumptions=cp.assumptions_for("Bank"))


def test_counts_and_means_are_those_of_the_contacts(sample, bank_model):
    k = sample.kontakte
    human = k["kanal"].isin(m.HUMAN_CHANNELS)
    for row in bank_model.measures.itertuples():
        at = k["touchpoint"] == row.touchpoint
        assert row.kontakte_mensch == (at & human).sum() and row.kontakte_digital == (at & ~human).sum()
        if row.kontakte_mensch:
            assert row.bewertung_mensch == pytest.approx(k.loc[at & human, "bewertung"].mean(), abs=0.005)
    assert bank_model.measures[["kontakte_mensch", "kontakte_digital"]].to_numpy().sum() == len(k)


def test_extra_cost_comes_from_lesson_1_2s_contact_costs(sample, bank_model):
    a = cp.assumptions_for("Bank")
    k = sample.kontakte
    row = bank_model.measures[bank_model.measures["status"] == ""].iloc[0]
    at = k[k["touchpoint"] == row["touchpoint"]]
    cost = at["kanal"].map(a.contact_cost)
    human = at["kanal"].isin(m.HUMAN_CHANNELS)
    assert row["mehrkosten"] == pytest.approx(cost[human].mean() - cost[~human].mean(), abs=0.01)
    changed = m.HumanTouchModel.from_table(k, assumptions=cp.assumptions_for(
        "Bank", contact_costs={**a.contact_costs, "Berater": 450.0}))
    assert (changed.measures["kosten_mensch"].fillna(0) >= bank_model.measures["kosten_mensch"].fillna(0)).all()


def test_touchpoints_without_comparison_say_why(bank_model):
    status = dict(zip(bank_model.measures["touchpoint"], bank_model.measures["status"], strict=True))
    assert status["Banking-App"] == m.ONLY_DIGITAL and status["Hotline"] == m.ONLY_HUMAN
    few = m.HumanTouchModel.from_table(kk.load_course_data(seed=42, branche="Bank", n_kunden=200).kontakte,
                                       min_contacts=200)
    assert (few.evaluate(50).table["entscheidung"].isin((m.TOO_FEW, m.ONLY_HUMAN, m.ONLY_DIGITAL))).all()


def test_a_higher_value_per_point_keeps_more_humans(bank_model):
    keeps = [len(bank_model.evaluate(v).touchpoints(m.KEEP)) for v in (0, 50, 500, 5000, 50000)]
    assert keeps == sorted(keeps) and keeps[0] == 0


def test_decision_agrees_with_the_break_even(bank_model):
    for value in (0.0, 37.0, 400.0, 9000.0):
        t = bank_model.evaluate(value).table
        compared = t[t["entscheidung"].isin((m.KEEP, m.AUTOMATE))]
        assert len(compared) >= 2
        paid = compared["lohnt_ab"].notna()
        clear = paid & ((compared["lohnt_ab"] - value).abs() > 0.01)
        assert ((compared.loc[clear, "entscheidung"] == m.KEEP) == (value > compared.loc[clear, "lohnt_ab"])).all()
        assert (compared.loc[~paid & (compared["mehrkosten"] >= 0), "entscheidung"] == m.AUTOMATE).all()


@settings(max_examples=40, deadline=None)
@given(human=st.lists(st.integers(1, 5), min_size=2, max_size=30),
       digital=st.lists(st.integers(1, 5), min_size=2, max_size=30),
       value=st.floats(0, 1000), more=st.floats(0, 1000))
def test_property_keep_is_monotone_in_the_value_per_point(human, digital, value, more):
    k = pd.DataFrame({"touchpoint": "T", "kanal": ["Berater"] * len(human) + ["App"] * len(digital),
                      "bewertung": human + digital})
    model = m.HumanTouchModel.from_table(k, min_contacts=2)
    low, high = model.evaluate(value).table.iloc[0], model.evaluate(value + more).table.iloc[0]
    assert not (low["entscheidung"] == m.KEEP and high["entscheidung"] == m.AUTOMATE)
    # shown to two decimals: off by at most half a cent of a point (plus the float error of an exact half)
    assert low["unterschied"] == pytest.approx(np.mean(human) - np.mean(digital), abs=0.005 + 1e-9)
    assert low["unsicherheit"] >= 0


def test_bad_input_gets_a_german_error():
    k = pd.DataFrame({"touchpoint": ["A"], "kanal": ["App"], "bewertung": [7]})
    with pytest.raises(KundenkitError, match="Spalte 'bewertung', Zeile 0: '7' ist keine Bewertung von 1 bis 5"):
        m.HumanTouchModel.from_table(k)
    with pytest.raises(KundenkitError, match="touchpoint"):
        m.HumanTouchModel.from_table(k.drop(columns="touchpoint"))
    with pytest.raises(KundenkitError, match="sowohl bei den menschlichen"):
        m.HumanTouchModel.from_table(k.assign(bewertung=3), human_channels=["App"])
    with pytest.raises(KundenkitError, match="point_value"):
        m.HumanTouchModel.from_table(k.assign(bewertung=3)).evaluate(float("nan"))


def test_channels_outside_both_lists_are_left_out_and_named():
    k = pd.DataFrame({"touchpoint": ["A", "A", "A"], "kanal": ["Brieftaube", "App", "Filiale"],
                      "bewertung": [1, 4, 5]})
    model = m.HumanTouchModel.from_table(k, min_contacts=2)
    assert model.unassigned == ("Brieftaube",)
    assert model.measures.loc[0, ["kontakte_mensch", "kontakte_digital"]].tolist() == [1, 1]
    assert "nicht zugeordnet" in model.channel_table()["art"].tolist()
