import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import KundenkitError, generate_customers
from kundenkit.models import trust as tr

gains = st.floats(min_value=0.01, max_value=1.0)
asymmetries = st.floats(min_value=0, max_value=20)
starts = st.floats(min_value=0, max_value=0.999)
outcome_lists = st.lists(st.booleans(), max_size=40)


def models():
    return st.builds(tr.TrustModel, gain=gains, asymmetry=asymmetries, start=starts)


@given(model=models(), outcomes=outcome_lists)
@settings(max_examples=300)
def test_trust_stays_between_zero_and_one(model, outcomes):
    path = tr.trust_path(outcomes, model)["vertrauen"]
    assert path.between(0, 1).all()


@given(model=models(), trust=st.floats(min_value=0, max_value=1))
@settings(max_examples=300)
def test_kept_promise_never_lowers_and_broken_never_raises(model, trust):
    assert model.step(trust, True) >= trust - 1e-12
    assert model.step(trust, False) <= trust + 1e-12


@given(gain=gains, low=asymmetries, extra=st.floats(min_value=0, max_value=10), start=starts,
       outcomes=outcome_lists)
@settings(max_examples=300)
def test_larger_asymmetry_never_raises_final_trust(gain, low, extra, start, outcomes):
    high = min(low + extra, 20)
    a = tr.trust_path(outcomes, tr.TrustModel(gain=gain, asymmetry=low, start=start))["vertrauen"].iloc[-1]
    b = tr.trust_path(outcomes, tr.TrustModel(gain=gain, asymmetry=high, start=start))["vertrauen"].iloc[-1]
    assert b <= a + 1e-9


@given(model=models(), n=st.integers(min_value=1, max_value=30), data=st.data())
@settings(max_examples=300)
def test_a_late_break_hurts_more_at_the_end_than_an_early_one(model, n, data):
    """With the same contacts, moving the one broken promise later never raises the final trust."""
    early = data.draw(st.integers(min_value=1, max_value=n))
    late = data.draw(st.integers(min_value=early, max_value=n))
    a = tr.break_scenario(model, contacts=n, break_at=early).final_broken
    b = tr.break_scenario(model, contacts=n, break_at=late).final_broken
    assert b <= a + 1e-9


def test_late_break_is_strictly_worse_in_the_default_model():
    first = tr.break_scenario(contacts=10, break_at=1).final_broken
    last = tr.break_scenario(contacts=10, break_at=10).final_broken
    assert last < first - 0.3


@given(model=models(), before=st.floats(min_value=0, max_value=0.99))
@settings(max_examples=200)
def test_recovery_is_the_smallest_number_of_kept_promises(model, before):
    n = tr.recovery_steps(before, model)
    path = tr.trust_path([False] + [True] * n, tr.TrustModel(model.gain, model.asymmetry, before))
    exact = float(model.step(before, False))
    for _ in range(n):
        exact = float(model.step(exact, True))
    assert exact >= before - 1e-12
    if n > 0:
        one_less = float(model.step(before, False))
        for _ in range(n - 1):
            one_less = float(model.step(one_less, True))
        assert one_less < before - 1e-12
    assert len(path) == n + 2


def test_more_asymmetry_needs_more_kept_promises():
    steps = tr.recovery_table(0.8, asymmetries=(1, 2, 3, 4, 5))["gehaltene_versprechen"].tolist()
    assert steps == sorted(steps) and steps[0] < steps[-1]


def test_a_break_counts_like_asymmetry_steps_back_of_gain_each():
    assert tr.TrustModel(gain=0.2, asymmetry=3).loss == pytest.approx(1 - 0.8 ** 3)
    assert tr.TrustModel(gain=0.2, asymmetry=1).loss == pytest.approx(0.2)   # symmetric: one step back
    assert tr.TrustModel(gain=0.5, asymmetry=5).loss == pytest.approx(1 - 0.5 ** 5)
    assert tr.trust_path([False], tr.TrustModel(gain=0.5, asymmetry=5))["vertrauen"].iloc[-1] > 0


@given(gain=st.floats(min_value=0.01, max_value=0.99), low=st.floats(min_value=0, max_value=19.5),
       extra=st.floats(min_value=0.5, max_value=20))
def test_the_loss_rises_over_the_whole_asymmetry_range(gain, low, extra):
    """No clipping: a larger asymmetry always weighs a break more heavily (issue: 5 to 10 changed nothing)."""
    high = min(low + extra, 20)
    small, large = tr.TrustModel(gain=gain, asymmetry=low).loss, tr.TrustModel(gain=gain, asymmetry=high).loss
    assert small < large < 1 or large == pytest.approx(1, abs=1e-9)


def test_every_step_of_the_widget_slider_changes_the_shown_loss():
    """At the default gain each step from 1 to 10 shows a different loss in whole percent."""
    from kundenkit.formatting import de_percent

    shown = [de_percent(tr.TrustModel(asymmetry=1 + 0.5 * i).loss) for i in range(19)]
    assert len(set(shown)) == len(shown)
    after = [tr.break_scenario(tr.TrustModel(asymmetry=1 + 0.5 * i)).after_break for i in range(19)]
    assert all(a > b for a, b in zip(after, after[1:]))


@pytest.mark.parametrize("kwargs, word", [({"gain": 0}, "'gain'"), ({"gain": 1.5}, "'gain'"),
                                         ({"asymmetry": -1}, "'asymmetry'"), ({"start": 1}, "'start'"),
                                         ({"gain": "viel"}, "Zahl")])
def test_bad_parameters_are_named_in_german(kwargs, word):
    with pytest.raises(KundenkitError, match=word):
        tr.TrustModel(**kwargs)


def test_bad_outcome_is_named():
    with pytest.raises(KundenkitError, match="Ereignis Nr. 2"):
        tr.trust_path(["gehalten", "vielleicht"])


def test_break_must_be_one_of_the_contacts():
    with pytest.raises(KundenkitError, match="'break_at'"):
        tr.break_scenario(contacts=5, break_at=6)


def contacts_table():
    return pd.DataFrame({
        "kunden_id": ["K2", "K1", "K1", "K1", "K2"],
        "datum": pd.to_datetime(["2024-05-01", "2024-03-01", "2024-01-01", "2024-02-01", "2024-01-01"]),
        "bewertung": [1, 2, 5, 3, 4],
        "touchpoint": ["Hotline", "Hotline", "Filiale", "App", "Filiale"],
    })


def test_customer_trust_follows_each_customer_in_time_order():
    table = tr.customer_trust(contacts_table()).set_index("kunden_id")
    # K1: kept (Jan), kept (Feb), broken (Mar); K2: kept (Jan), broken (May)
    k1 = tr.trust_path([True, True, False])["vertrauen"].iloc[-1]
    k2 = tr.trust_path([True, False])["vertrauen"].iloc[-1]
    assert table.loc["K1", "endvertrauen"] == pytest.approx(k1, abs=1e-3)
    assert table.loc["K2", "endvertrauen"] == pytest.approx(k2, abs=1e-3)
    assert table.loc["K1", ["kontakte", "gehalten", "gebrochen"]].tolist() == [3, 2, 1]


def test_kept_from_is_a_parameter():
    strict = tr.customer_trust(contacts_table(), kept_from=5).set_index("kunden_id")
    assert strict.loc["K1", "gehalten"] == 1 and strict.loc["K2", "gehalten"] == 0


def test_contact_trust_chains_before_and_after():
    table = tr.contact_trust(contacts_table())
    for _, group in table.groupby("kunden_id"):
        assert group["vertrauen_vorher"].iloc[0] == 0.5
        assert np.allclose(group["vertrauen_vorher"].iloc[1:].to_numpy(),
                           group["vertrauen_nachher"].iloc[:-1].to_numpy(), atol=1e-3)
    assert table["veränderung"].sum() == pytest.approx(
        (table.groupby("kunden_id")["vertrauen_nachher"].last() - 0.5).sum(), abs=0.01)


def test_custom_column_names_and_german_dates():
    frame = contacts_table().rename(columns={"kunden_id": "kunde", "bewertung": "note"})
    frame["datum"] = frame["datum"].dt.strftime("%d.%m.%Y")
    table = tr.customer_trust(frame, customer_col="kunde", rating_col="note")
    assert list(table["kunde"]) == ["K1", "K2"]


def test_missing_column_is_named():
    with pytest.raises(KundenkitError, match="'bewertung'.*rating_col"):
        tr.customer_trust(contacts_table().drop(columns="bewertung"))


def test_rating_off_the_scale_names_column_and_row():
    frame = contacts_table()
    frame.loc[3, "bewertung"] = 7
    with pytest.raises(KundenkitError, match=r"Spalte 'bewertung', Zeile 3"):
        tr.customer_trust(frame)


def test_bad_date_names_the_row():
    frame = contacts_table().astype({"datum": "object"})
    frame.loc[2, "datum"] = "gestern"
    with pytest.raises(KundenkitError, match=r"Spalte 'datum', Zeile 2"):
        tr.customer_trust(frame)


def test_bad_kept_from():
    with pytest.raises(KundenkitError, match="'kept_from'"):
        tr.customer_trust(contacts_table(), kept_from=1)


@given(seed=st.integers(0, 50), gain=gains, asymmetry=asymmetries)
@settings(max_examples=15, deadline=None)
def test_fast_evaluation_agrees_with_step_by_step_paths(seed, gain, asymmetry):
    data = generate_customers(seed=seed, n_customers=60)
    model = tr.TrustModel(gain=gain, asymmetry=asymmetry)
    table = tr.contact_trust(data.kontakte, model)
    final = tr.customer_trust(data.kontakte, model).set_index("kunden_id")["endvertrauen"]
    for customer, group in table.groupby("kunden_id"):
        path = tr.trust_path(list(group["versprechen"]), model)["vertrauen"]
        assert final[customer] == pytest.approx(path.iloc[-1], abs=1e-3)


def test_distribution_keeps_every_customer_and_share_below():
    values = np.array([0.0, 0.1, 0.49, 0.5, 0.99, 1.0])
    dist = tr.trust_distribution(values, level=0.5)
    assert dist["kunden"].sum() == len(values)
    assert dist.loc[dist["unter_schwelle"], "kunden"].sum() == 3
    assert tr.share_below(values, 0.5) == 0.5


@pytest.mark.parametrize("branche", ["Handel", "Bank", "Versicherung", "Telekommunikation", "Maschinenbau"])
def test_every_sector_has_customers_on_both_sides_of_the_level(branche):
    data = generate_customers(seed=5, n_customers=800, branche=branche)
    table = tr.customer_trust(data.kontakte)
    share = tr.share_below(table["endvertrauen"])
    assert 0.05 < share < 0.95
    assert table["kontakte"].sum() == len(data.kontakte)
