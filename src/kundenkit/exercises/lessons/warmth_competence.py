"""Exercises of lesson 1.5 "Sympathisch und kompetent"."""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import warmth_competence as wc


def _touchpoint_scores(data: CustomerBase):
    return wc.classify(wc.scores(data.require("befragung"), by="touchpoint"))


def _competence_of_most_answered(data: CustomerBase) -> float:
    table = _touchpoint_scores(data).sort_values(["antworten", "touchpoint"], ascending=[False, True])
    return float(table.iloc[0][wc.COMPETENCE])


def _admired_touchpoints(data: CustomerBase) -> list[str]:
    table = _touchpoint_scores(data)
    return sorted(table.loc[table["quadrant"] == "Bewunderung", "touchpoint"].astype(str))


EXERCISES = [
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
]
