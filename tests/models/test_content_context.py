"""Lesson 4.3: context kinds of the contacts and the comparison of both content strategies."""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit.errors import KundenkitError
from kundenkit.models import content_context as m

counts_strategy = st.lists(st.integers(min_value=0, max_value=10_000), min_size=3, max_size=3).map(
    lambda n: pd.DataFrame({"kontext": list(m.CONTEXTS), "kontakte": n}))
share = st.floats(min_value=0, max_value=1)


@settings(max_examples=60, deadline=None)
@given(counts=counts_strategy, annoyance=share)
def test_by_context_with_known_context_beats_every_single_content(counts, annoyance):
    best_single = max(m.compare(counts, offer_annoyance=annoyance, broadcast=c).total(m.BROADCAST)
                      for c in m.CONTENTS)
    by_context = m.compare(counts, offer_annoyance=annoyance, known_share=1).total(m.BY_CONTEXT)
    assert by_context >= best_single - 1e-6


@settings(max_examples=60, deadline=None)
@given(counts=counts_strategy, annoyance=share, known=share, content=st.sampled_from(m.CONTENTS))
def test_knowing_more_context_never_hurts(counts, annoyance, known, content):
    low = m.compare(counts, offer_annoyance=annoyance, known_share=known * 0.5, broadcast=content)
    high = m.compare(counts, offer_annoyance=annoyance, known_share=known, broadcast=content)
    assert high.total(m.BY_CONTEXT) >= low.total(m.BY_CONTEXT) - 1e-6
    assert low.advantage >= -1e-6


def test_more_annoyance_hurts_the_offer_to_everyone_only():
    counts = pd.DataFrame({"kontext": list(m.CONTEXTS), "kontakte": [50, 30, 20]})
    mild, harsh = m.compare(counts, offer_annoyance=0.1), m.compare(counts, offer_annoyance=0.9)
    assert harsh.total(m.BROADCAST) == pytest.approx(mild.total(m.BROADCAST) - 0.8 * 50)
    assert harsh.total(m.BY_CONTEXT) == mild.total(m.BY_CONTEXT)


def test_counts_follow_the_learners_data_and_differ_by_sector():
    bank = m.context_counts(kk.load_course_data(seed=7, branche="Bank", n_kunden=600).kontakte)
    machines = m.context_counts(kk.load_course_data(seed=2024, branche="Maschinenbau", n_kunden=600).kontakte)
    assert bank["kontakte"].sum() > 0 and (bank["kontakte"] > 0).all()
    assert not bank["anteil"].equals(machines["anteil"])


def test_bad_inputs_raise_german_errors():
    with pytest.raises(KundenkitError, match="Spalte 'bewertung', Zeile 1"):
        m.context_kinds(pd.DataFrame({"touchpoint": ["Kasse", "Kasse"], "bewertung": [3, "gut"]}))
    with pytest.raises(KundenkitError, match="broadcast"):
        m.compare(pd.DataFrame({"kontext": ["Problem"], "kontakte": [1]}), broadcast="Werbung")
    with pytest.raises(KundenkitError, match="known_share"):
        m.compare(pd.DataFrame({"kontext": ["Problem"], "kontakte": [1]}), known_share=-0.1)
