"""The Corporate Love Meter figures stay as cited; the course's self-test places companies consistently."""
import itertools

import pytest

from kundenkit.errors import KundenkitError
from kundenkit.models import love_meter as lm

# The figures as the course brief cites them (seed 002 and the original study).
CITED = {"offene_ehe_oder_schlimmer": 0.74, "offene_ehe": 0.59, "on_off": 0.10, "one_night_stand": 0.05,
         "emotionale_verbindung": 0.29, "nur_im_streit": 0.25, "lebendige_beziehung": 0.23, "herzen_erobern": 0.52}


def test_findings_are_exactly_the_cited_figures_each_with_a_source():
    table = lm.findings()
    assert dict(zip(table["befund"], table["anteil"])) == CITED
    assert table["quelle"].str.contains("Corporate Love Meter 2013").all()
    assert lm.RESPONDENTS == 402


def test_named_statuses_add_up_to_open_marriage_or_worse_and_the_rest_is_marked_as_computed():
    table = lm.statuses().set_index("status")
    assert table.loc[[lm.OPEN_MARRIAGE, lm.ON_OFF, lm.ONE_NIGHT], "anteil"].sum() == pytest.approx(0.74)
    assert table.loc[lm.BETTER, "anteil"] == pytest.approx(0.26)
    assert "vom Kurs errechnet" in table.loc[lm.BETTER, "quelle"]
    assert list(table.index) == list(lm.STATUSES)


def test_every_question_has_answers_from_three_to_zero_points():
    for question in lm.QUESTIONS:
        assert sorted(points for _, points in question.answers) == [0, 1, 2, 3]
        assert len({text for text, _ in question.answers}) == 4


def _rank(status):
    return lm.STATUSES.index(status)


def test_better_answers_never_place_a_company_worse():
    """Monotone over all 4**4 answer combinations: one answer one step better never lowers the status."""
    choices = [q.answers for q in lm.QUESTIONS]
    for combo in itertools.product(*choices):
        answers = {q.key: text for q, (text, _) in zip(lm.QUESTIONS, combo)}
        placed = lm.place(answers)
        assert placed.points == sum(points for _, points in combo)
        for i, q in enumerate(lm.QUESTIONS):
            position = q.answers.index(combo[i])
            if position > 0:
                better = {**answers, q.key: q.answers[position - 1][0]}
                assert _rank(lm.place(better).status) <= _rank(placed.status)


@pytest.mark.parametrize(("points", "status"), [(12, lm.BETTER), (10, lm.BETTER), (9, lm.OPEN_MARRIAGE),
                                                (6, lm.OPEN_MARRIAGE), (5, lm.ON_OFF), (3, lm.ON_OFF),
                                                (2, lm.ONE_NIGHT), (0, lm.ONE_NIGHT)])
def test_thresholds(points, status):
    combo = next(c for c in itertools.product(*[q.answers for q in lm.QUESTIONS])
                 if sum(p for _, p in c) == points)
    assert lm.place({q.key: text for q, (text, _) in zip(lm.QUESTIONS, combo)}).status == status


def test_missing_unknown_and_wrong_answers_are_explained_in_german():
    best = {q.key: q.answers[0][0] for q in lm.QUESTIONS}
    with pytest.raises(KundenkitError, match="fehlt die Antwort"):
        lm.place({k: v for k, v in best.items() if k != "treue"})
    with pytest.raises(KundenkitError, match="Unbekannte Frage"):
        lm.place({**best, "laune": "gut"})
    with pytest.raises(KundenkitError, match="Wählen Sie eine dieser Antworten"):
        lm.place({**best, "gefuehl": "vielleicht"})
