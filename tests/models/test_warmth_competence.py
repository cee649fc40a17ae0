import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import KundenkitError, generate_customers
from kundenkit.data.synthetic import COMPETENCE_ITEMS, WARMTH_ITEMS
from kundenkit.models import warmth_competence as wc

score = st.floats(min_value=1, max_value=7, allow_nan=False)


def answers(warmth: int, competence: int, n: int = 1) -> pd.DataFrame:
    row = {**{i: warmth for i in WARMTH_ITEMS}, **{i: competence for i in COMPETENCE_ITEMS}}
    return pd.DataFrame([row] * n)


@pytest.mark.parametrize(("warmth", "competence", "quadrant"), [
    (6, 6, "Bewunderung"), (2, 6, "Neid"), (6, 2, "Mitleid"), (2, 2, "Verachtung"),
    (5, 3, "Mitleid"), (3, 5, "Neid"),
    # the midpoint means "neither nor": neither yes nor no, so no quadrant
    (4, 4, "Unentschieden"), (5, 4, "Unentschieden"), (4, 2, "Unentschieden"),
])
def test_quadrants_follow_the_two_questions(warmth, competence, quadrant):
    result = wc.classify(wc.scores(answers(warmth, competence)))
    assert result["quadrant"].iloc[0] == quadrant


def test_the_neutral_start_is_undecided_not_contempt():
    """All items at 4 (the widget's start) must not land on "Verachtung"."""
    row = wc.classify(wc.scores(answers(4, 4))).iloc[0]
    assert row["quadrant"] == wc.UNDECIDED != "Verachtung"
    assert "weder mit Ja noch mit Nein" in row["verhalten"]


@given(w=score, c=score)
def test_a_quadrant_needs_a_clear_answer_on_both_axes(w, c):
    quadrant = wc.classify(pd.DataFrame({wc.WARMTH: [w], wc.COMPETENCE: [c]}))["quadrant"].iloc[0]
    on_line = abs(w - wc.MIDPOINT) <= wc.TOLERANCE or abs(c - wc.MIDPOINT) <= wc.TOLERANCE
    assert (quadrant == wc.UNDECIDED) == on_line
    if quadrant == "Bewunderung":
        assert w > wc.MIDPOINT and c > wc.MIDPOINT


def test_two_yeses_are_necessary_not_sufficient():
    """Admiration means customers *consider* buying (Hafner 2019): the text must not promise a sale."""
    admiration = next(q for q in wc.QUADRANTS if q.name == "Bewunderung")
    assert "erwägen" in admiration.behaviour and "noch kein Kauf" in admiration.behaviour
    assert "Voraussetzung" in admiration.behaviour


def test_one_wording_of_the_two_questions_in_model_widget_and_chart():
    from kundenkit.charts import warmth_competence as chart
    from kundenkit.widgets.warmth_competence import WarmthCompetenceExplorer

    assert chart.WARMTH_TITLE[-1] == wc.WARMTH_QUESTION
    assert chart.COMPETENCE_TITLE[-1] == wc.COMPETENCE_QUESTION
    headings = " ".join(child.value for column in WarmthCompetenceExplorer().children[0].children
                        for child in column.children if hasattr(child, "value") and "<b>" in str(child.value))
    assert wc.WARMTH_QUESTION in headings and wc.COMPETENCE_QUESTION in headings


def test_scores_are_item_means():
    frame = answers(5, 3)
    frame.loc[0, "freundlich"] = 1
    result = wc.scores(frame)
    assert result[wc.WARMTH].iloc[0] == pytest.approx((1 + 5 + 5 + 5) / 4)
    assert result[wc.COMPETENCE].iloc[0] == 3


def test_scores_by_touchpoint_counts_answers_and_keeps_totals():
    frame = pd.concat([answers(6, 6, 3).assign(touchpoint="App"), answers(2, 3, 2).assign(touchpoint="Hotline")])
    result = wc.scores(frame, by="touchpoint").set_index("touchpoint")
    assert result.loc["App", "antworten"] == 3 and result.loc["Hotline", "antworten"] == 2
    assert result["antworten"].sum() == len(frame)
    assert result.loc["Hotline", wc.COMPETENCE] == 3


def test_missing_item_column_names_the_column():
    with pytest.raises(KundenkitError, match="'effizient'"):
        wc.scores(answers(5, 5).drop(columns="effizient"))


def test_value_off_the_scale_names_column_and_row():
    frame = answers(5, 5, 3)
    frame.loc[2, "ehrlich"] = 9
    with pytest.raises(KundenkitError, match=r"Spalte 'ehrlich', Zeile 2.*1 bis 7"):
        wc.scores(frame)


def test_classify_needs_scores():
    with pytest.raises(KundenkitError, match="scores"):
        wc.classify(answers(5, 5))


@given(w=score, c=score, delta=st.floats(min_value=0, max_value=6))
@settings(max_examples=200)
def test_probability_never_falls_when_an_axis_improves(w, c, delta):
    model = wc.PurchaseModel()
    p = model.probability(w, c)
    assert model.probability(min(w + delta, 7), c) >= p - 1e-12
    assert model.probability(w, min(c + delta, 7)) >= p - 1e-12
    assert 0 <= p <= 1


@given(low=st.floats(min_value=1, max_value=3.9), high=st.floats(min_value=4.1, max_value=7))
def test_both_yeses_beat_each_axis_alone(low, high):
    model = wc.PurchaseModel()
    assert model.probability(high, high) > model.probability(low, high)
    assert model.probability(high, high) > model.probability(high, low)


def test_warmth_pays_more_where_competence_is_high():
    """The interaction the lesson asks the learner to find (question 3)."""
    model = wc.PurchaseModel()
    gain_low = model.probability(6, 2) - model.probability(2, 2)
    gain_high = model.probability(6, 6) - model.probability(2, 6)
    assert gain_high > 2 * gain_low


@pytest.mark.parametrize("branche", ["Handel", "Bank", "Versicherung", "Telekommunikation", "Maschinenbau"])
def test_every_sector_has_admired_and_other_touchpoints(branche):
    data = generate_customers(seed=5, n_customers=800, branche=branche)
    matrix = wc.classify(wc.scores(data.befragung, by="touchpoint"))
    assert (matrix["quadrant"] == "Bewunderung").any()
    assert (matrix["quadrant"] != "Bewunderung").any()
    assert np.isclose(matrix["antworten"].sum(), len(data.befragung))
