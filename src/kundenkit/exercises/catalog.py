"""Every exercise of the course: what kind of answer it takes and how the reference answer is computed.

The reference answer is computed from the learner's own data (their seed,
sector or CSV), so a check is right for every variant, not only the default.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from kundenkit.data.synthetic import CustomerBase
from kundenkit.errors import KundenkitError
from kundenkit.models import warmth_competence as wc

KINDS = ("zahl", "text", "menge")


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id (``"1.5-a"``), the kind of answer, the reference and a hint.

    ``kind`` is ``"zahl"`` (a number, right to two decimals), ``"text"``
    (compared without regard to case, blanks and umlaut spelling) or ``"menge"``
    (a list whose order does not matter).
    """

    id: str
    title: str
    kind: str
    reference: Callable[[CustomerBase], Any]
    hint: str


def _touchpoint_scores(data: CustomerBase):
    return wc.classify(wc.scores(data.require("befragung"), by="touchpoint"))


def _competence_of_most_answered(data: CustomerBase) -> float:
    table = _touchpoint_scores(data).sort_values(["antworten", "touchpoint"], ascending=[False, True])
    return float(table.iloc[0][wc.COMPETENCE])


def _admired_touchpoints(data: CustomerBase) -> list[str]:
    table = _touchpoint_scores(data)
    return sorted(table.loc[table["quadrant"] == "Bewunderung", "touchpoint"].astype(str))


EXERCISES: dict[str, Exercise] = {e.id: e for e in [
    Exercise(
        id="1.5-a", title="Kompetenz am meistbefragten Touchpoint", kind="zahl",
        reference=_competence_of_most_answered,
        hint="Rechnen Sie mit scores(..., by='touchpoint'), sortieren Sie nach 'antworten' "
             "und lesen Sie den Kompetenzwert der obersten Zeile ab.",
    ),
    Exercise(
        id="1.5-b", title="Touchpoints im Quadranten Bewunderung", kind="menge",
        reference=_admired_touchpoints,
        hint="Wenden Sie classify(...) auf die Werte je Touchpoint an und filtern Sie nach "
             "quadrant == 'Bewunderung'. Geben Sie eine Liste der Namen an.",
    ),
]}


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, or a German error listing the ids that exist.

    >>> get_exercise("1.5-a").kind
    'zahl'
    >>> get_exercise("9.9")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Aufgabe '9.9' gibt es nicht. Vorhanden sind: 1.5-a, 1.5-b.
    """
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        raise KundenkitError(
            f"Die Aufgabe '{exercise_id}' gibt es nicht. Vorhanden sind: {', '.join(EXERCISES)}."
        ) from None
