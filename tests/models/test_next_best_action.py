"""Next best action: filters, contact policy, ranking, German reasons, and the year's simulation."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.models import next_best_action as m

TODAY = pd.Timestamp("2025-03-01")
ACTIONS = pd.DataFrame({"aktion": ["A", "B", "C", "D"], "kanal": ["E-Mail", "E-Mail", "Telefon", "Brief"],
                        "aktionswert": [20.0, 12.0, 5.0, 1.0], "gewicht": 1.0})


def policy_strategy():
    return st.builds(m.ContactPolicy, max_contacts=st.integers(0, 3), window_days=st.integers(1, 10),
                     pause_after=st.integers(1, 3), pause_days=st.integers(0, 15))


@st.composite
def world(draw):
    """Customers, propensities and a history that keeps the cap up to today (the day before is the latest)."""
    policy = draw(policy_strategy())
    n = draw(st.integers(1, 6))
    ids = [f"K{i}" for i in range(n)]
    customers = pd.DataFrame({"kunden_id": ids, "berechtigt": draw(st.lists(st.booleans(), min_size=n, max_size=n))})
    props = draw(st.lists(st.sampled_from([0.0, 0.05, 0.1, 0.3, 0.6]), min_size=4 * n, max_size=4 * n))
    propensities = pd.DataFrame({"kunden_id": np.repeat(ids, 4), "aktion": ["A", "B", "C", "D"] * n,
                                 "neigung": props,
                                 "anwendbar": draw(st.lists(st.booleans(), min_size=4 * n, max_size=4 * n)),
                                 "geeignet": draw(st.lists(st.booleans(), min_size=4 * n, max_size=4 * n))})
    rows = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(["A", "B", "C", "D"]),
                                   st.integers(0, 40), st.booleans()), max_size=40))
    history = pd.DataFrame(rows, columns=["kunden_id", "aktion", "tage_vorher", "reagiert"])
    history["datum"] = TODAY - pd.to_timedelta(history["tage_vorher"], unit="D")
    history = history.sort_values("datum", kind="stable")
    history["kanal"] = history["aktion"].map(dict(zip(ACTIONS["aktion"], ACTIONS["kanal"])))
    # Keep only contacts that respect the cap in every window (as a real history under this policy would).
    kept = []
    for _, row in history.iterrows():
        same = [r for r in kept if r["kunden_id"] == row["kunden_id"] and r["kanal"] == row["kanal"]
                and (row["datum"] - r["datum"]).days < policy.window_days]
        if len(same) < policy.max_contacts:
            kept.append(row)
    history = pd.DataFrame(kept, columns=history.columns).drop(columns="tage_vorher").reset_index(drop=True)
    return policy, customers, propensities, history


def max_in_any_window(days: list[int], window: int) -> int:
    days = sorted(days)
    return max((sum(1 for d in days if start <= d < start + window) for start in days), default=0)


def naive_paused_until(history: pd.DataFrame, customer: str, action: str, policy: m.ContactPolicy):
    """Replay one pair's history: after every N ignored contacts in a row, pause D days; a response resets."""
    rows = history[(history["kunden_id"] == customer) & (history["aktion"] == action)]
    rows = rows.sort_values(["datum", "reagiert"], kind="stable")
    count, until = 0, None
    for _, row in rows.iterrows():
        if row["reagiert"]:
            count, until = 0, None
            continue
        count += 1
        if count == policy.pause_after:
            count, until = 0, row["datum"] + pd.Timedelta(days=policy.pause_days)
    return until


@settings(max_examples=150)
@given(world())
def test_the_choice_never_exceeds_the_cap_in_any_window_and_never_takes_a_paused_action(case):
    policy, customers, propensities, history = case
    decisions = kk.next_best_action(customers, ACTIONS, policy, propensities=propensities, history=history,
                                    today=TODAY)
    assert list(decisions["kunden_id"]) == list(customers["kunden_id"])
    for _, decision in decisions.iterrows():
        if pd.isna(decision["aktion"]):
            continue
        customer, action, channel = decision["kunden_id"], decision["aktion"], decision["kanal"]
        past = history[(history["kunden_id"] == customer) & (history["kanal"] == channel)]
        days = [(d - TODAY).days for d in past["datum"]] + [0]
        assert max_in_any_window(days, policy.window_days) <= policy.max_contacts
        until = naive_paused_until(history, customer, action, policy)
        assert until is None or until < TODAY, (customer, action, until)
        assert decision["grund"] == m.CHOSEN


@settings(max_examples=100)
@given(world(), st.sampled_from(["A", "B", "C", "D"]), st.floats(1.0, 20.0))
def test_raising_an_actions_weight_never_lowers_its_share(case, action, factor):
    policy, customers, propensities, history = case
    before = kk.next_best_action(customers, ACTIONS, policy, propensities=propensities, history=history,
                                 today=TODAY)
    heavier = ACTIONS.assign(gewicht=np.where(ACTIONS["aktion"] == action, factor, 1.0))
    after = kk.next_best_action(customers, heavier, policy, propensities=propensities, history=history,
                                today=TODAY)
    assert (after["aktion"] == action).sum() >= (before["aktion"] == action).sum()
    # Nobody who got the action loses it.
    had = before["aktion"].eq(action).fillna(False).to_numpy(dtype=bool)
    assert after["aktion"].eq(action).fillna(False).to_numpy(dtype=bool)[had].all()


def test_reasons_in_german():
    customers = pd.DataFrame({"kunden_id": ["K1", "K2", "K3", "K4"], "berechtigt": [True, True, False, True]})
    propensities = pd.DataFrame({"kunden_id": ["K1", "K2", "K4"], "aktion": ["A", "A", "A"],
                                 "neigung": [0.2, 0.2, 0.2], "anwendbar": [True, True, False]})
    history = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K2", "K2"], "aktion": ["A"] * 5,
                            "datum": pd.to_datetime(["2025-02-26", "2025-02-28", "2025-02-01", "2025-02-05",
                                                     "2025-02-10"]), "reagiert": [False] * 5})
    out = kk.next_best_action(customers, ACTIONS, m.ContactPolicy(2, 7, 3, 30), propensities=propensities,
                              history=history, today=TODAY)
    assert out["grund"].tolist() == ["Kontaktgrenze erreicht: 2 E-Mails in 7 Tagen", "pausiert bis 12.03.2025",
                                     "nicht berechtigt", "keine passende Aktion"]
    assert out["aktion"].isna().all()
    # A response resets the count of ignored contacts.
    answered = history.assign(reagiert=[False, False, False, True, False])
    out = kk.next_best_action(customers, ACTIONS, m.ContactPolicy(2, 7, 3, 30), propensities=propensities,
                              history=answered, today=TODAY)
    assert out.loc[1, "aktion"] == "A" and out.loc[1, "grund"] == m.CHOSEN


def test_the_highest_priority_wins_and_ties_go_to_the_first_action():
    customers = pd.DataFrame({"kunden_id": ["K1", "K2"]})
    propensities = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K2"], "aktion": ["A", "C", "A", "C"],
                                 "neigung": [0.1, 0.5, 0.25, 1.0]})
    out = kk.next_best_action(customers, ACTIONS, propensities=propensities, today=TODAY)
    assert out["aktion"].tolist() == ["C", "A"]          # 0,5 × 5 = 2,5 > 0,1 × 20 = 2,0; 0,25 × 20 = 5 = 1,0 × 5
    assert out["priorität"].round(6).tolist() == [2.5, 5.0]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"max_contacts": -1}, "'max_contacts' ist -1"), ({"window_days": 0}, "'window_days' ist 0"),
    ({"pause_after": 1.5}, "'pause_after' ist 1.5"), ({"pause_days": True}, "'pause_days' ist True"),
])
def test_policy_errors_name_the_parameter(kwargs, message):
    with pytest.raises(KundenkitError, match=message) as error:
        m.ContactPolicy(**kwargs)
    assert error.value.parameter == next(iter(kwargs))


def test_input_errors_are_german():
    customers = pd.DataFrame({"kunden_id": ["K1"]})
    with pytest.raises(KundenkitError, match="fehlt die Spalte 'aktionswert' .Parameter value_col"):
        kk.next_best_action(customers, ACTIONS.drop(columns="aktionswert"), propensities=None)
    with pytest.raises(KundenkitError, match="Es fehlt die Neigung"):
        kk.next_best_action(customers, ACTIONS, today=TODAY)
    late = pd.DataFrame({"kunden_id": ["K1"], "aktion": ["A"], "datum": ["2025-03-05"], "reagiert": [False]})
    with pytest.raises(KundenkitError, match="nach dem Stichtag 01.03.2025"):
        kk.next_best_action(customers, ACTIONS.assign(neigung=0.1), history=late, today=TODAY)
    with pytest.raises(KundenkitError, match="zwischen 0 und 1"):
        kk.next_best_action(customers, ACTIONS.assign(neigung=12.0), today=TODAY)
    with pytest.raises(KundenkitError, match="zweimal"):
        kk.next_best_action(customers, pd.concat([ACTIONS, ACTIONS]).assign(neigung=0.1), today=TODAY)


@pytest.fixture(scope="module")
def setup_handel():
    return m.course_setup(kk.load_course_data(n_kunden=600).transaktionen)


def test_course_setup_from_the_sectors_categories():
    for branche in ("Bank", "Maschinenbau"):
        data = kk.load_course_data(seed=3, branche=branche, n_kunden=400)
        setup = m.course_setup(data.transaktionen)
        categories = set(data.transaktionen["kategorie"].astype(str))
        offers = setup.actions[setup.actions["art"] == m.OFFER]
        assert set(offers["kategorie"]) == categories
        mean = data.transaktionen.groupby("kategorie", observed=True)["betrag"].mean()
        for _, row in offers.iterrows():
            assert row["aktionswert"] == pytest.approx(mean[row["kategorie"]] * 0.2)
        assert ((setup.propensity >= 0) & (setup.propensity <= 0.3)).all()
        assert setup.customers["kunden_id"].is_unique


def test_simulation_keeps_the_cap_in_every_window_and_never_sends_a_paused_action(setup_handel):
    window, pause_after, pause_days = 10, 2, 12
    result = m.simulate_year(setup_handel, caps=(1, 2, 5), window_days=window, pause_after=pause_after,
                             pause_days=pause_days, sample=120, days=120)
    channel = result.action_channel
    for ci, cap in enumerate((1, 2, 5)):
        sent = result.log_action[:, ci, :]            # days × customers
        for k in np.unique(channel):
            on = ((sent >= 0) & (channel[np.maximum(sent, 0)] == k)).astype(int)
            sums = np.cumsum(np.vstack([np.zeros((1, on.shape[1]), int), on]), axis=0)
            in_window = sums[window:] - sums[:-window]
            assert in_window.max() <= cap
        # Replay pauses from the log.
        for customer in range(sent.shape[1]):
            streak, until = {}, {}
            for t in range(sent.shape[0]):
                action = sent[t, customer]
                if action < 0:
                    continue
                assert until.get(action, -1) < t, (cap, customer, t, action)
                if result.log_response[t, ci, customer]:
                    streak[action] = 0
                else:
                    streak[action] = streak.get(action, 0) + 1
                    if streak[action] == pause_after:
                        streak[action], until[action] = 0, t + pause_days


@settings(max_examples=15)
@given(caps=st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True), window=st.integers(1, 20))
def test_simulated_contacts_never_exceed_the_cap(setup_handel, caps, window):
    result = m.simulate_year(setup_handel, caps=caps, window_days=window, sample=40, days=60)
    channel = result.action_channel
    for ci, cap in enumerate(caps):
        sent = result.log_action[:, ci, :]
        for k in np.unique(channel):
            on = ((sent >= 0) & (channel[np.maximum(sent, 0)] == k)).astype(int)
            sums = np.cumsum(np.vstack([np.zeros((1, on.shape[1]), int), on]), axis=0)
            steps = min(window, len(on))
            assert (sums[steps:] - sums[:-steps]).max(initial=0) <= cap


def test_the_value_curve_is_an_inverted_u_and_sending_everything_loses(setup_handel):
    result = m.simulate_year(setup_handel)
    values = result.curve["wert_pro_kunde"].to_numpy()
    best = int(np.argmax(values))
    assert values[0] == 0 and 0 < best < len(values) - 1          # rises, peaks inside, falls
    assert values[-1] < 0.9 * values[best]
    contacts = result.curve["kontakte_je_kunde"].to_numpy()
    assert contacts[best] < contacts[-1]
    blast = result.blast.iloc[0]
    assert blast["kontakte_je_kunde"] > contacts[best] and blast["wert_pro_kunde"] < values[best]
    assert blast["anteil_abgemeldet"] > result.curve["anteil_abgemeldet"].iloc[best]


def test_simulation_is_seeded_and_varies_with_the_data(setup_handel):
    a = m.simulate_year(setup_handel, sample=200)
    b = m.simulate_year(setup_handel, sample=200)
    pd.testing.assert_frame_equal(a.curve, b.curve)
    other = m.course_setup(kk.load_course_data(seed=7, n_kunden=600).transaktionen)
    assert not m.simulate_year(other, sample=200).curve.equals(a.curve)


def test_weights_by_kind_change_what_the_simulation_sends(setup_handel):
    plain = m.simulate_year(setup_handel, caps=(3,), sample=200)
    thanks_first = m.simulate_year(setup_handel, caps=(3,), sample=200, weights={"Dank": 100.0, "Service": 100.0})
    thanks = np.flatnonzero(setup_handel.actions["art"].isin([m.THANKS, m.SERVICE]).to_numpy())
    # On the first day (same state for both) more customers get a service hint or a thank-you.
    assert np.isin(thanks_first.log_action[0], thanks).sum() > np.isin(plain.log_action[0], thanks).sum()
