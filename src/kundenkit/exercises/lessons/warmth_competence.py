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


def _largest_competence_lead(data: CustomerBase) -> str:
    table = _touchpoint_scores(data)
    lead = (table[wc.COMPETENCE] - table[wc.WARMTH]).round(6)
    return str(table.loc[lead == lead.max(), "touchpoint"].astype(str).min())


def _probability_at_coldest(data: CustomerBase) -> float:
    table = _touchpoint_scores(data).sort_values([wc.WARMTH, "touchpoint"])
    return float(table.iloc[0]["kaufwahrscheinlichkeit"])


EXERCISES = [
    Exercise(
        id="1.5-a", title="Kompetenz am meistbefragten Touchpoint", kind="zahl",
        reference=_competence_of_most_answered,
        hints=("Rechnen Sie mit scores(..., by='touchpoint'), sortieren Sie nach 'antworten' "
             "und lesen Sie den Kompetenzwert der obersten Zeile ab.",),
    ),
    Exercise(
        id="1.5-b", title="Touchpoints im Quadranten Bewunderung", kind="menge",
        reference=_admired_touchpoints,
        hints=("Wenden Sie classify(...) auf die Werte je Touchpoint an und filtern Sie nach "
             "quadrant == 'Bewunderung'. Geben Sie eine Liste der Namen an.",),
    ),
    Exercise(
        id="1.5-c", title="Größter Vorsprung der Kompetenz vor der Wärme", kind="text",
        reference=_largest_competence_lead,
        hints=("Berechnen Sie je Touchpoint kompetenz - wärme und suchen Sie den größten Wert "
             "(zum Beispiel mit .idxmax() oder sort_values).",),
    ),
    Exercise(
        id="1.5-d", title="Kaufwahrscheinlichkeit am kältesten Touchpoint", kind="zahl",
        reference=_probability_at_coldest,
        hints=("Sortieren Sie das Ergebnis von classify(...) nach 'wärme' und lesen Sie in der obersten "
             "Zeile die Spalte 'kaufwahrscheinlichkeit' ab – als Anteil, zum Beispiel 0.42.",),
    ),
]
