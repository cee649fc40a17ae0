"""Exercises of lesson 1.5 "Sympathisch und kompetent".

The required tasks are read from one table the exercise notebook shows
(:func:`touchpoint_table`): answers, warmth, competence and the model's purchase
probability per touchpoint – without the quadrant, which the learner decides.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import warmth_competence as wc


def touchpoint_table(data: CustomerBase) -> pd.DataFrame:
    """Warmth, competence, quadrant and purchase probability per touchpoint, sorted by touchpoint."""
    return wc.classify(wc.scores(data.require("befragung"), by="touchpoint"))


def _touchpoints(data: CustomerBase) -> list[str]:
    return sorted(touchpoint_table(data)["touchpoint"].astype(str))


def _competence_of_most_answered(data: CustomerBase) -> float:
    table = touchpoint_table(data).sort_values(["antworten", "touchpoint"], ascending=[False, True])
    return float(table.iloc[0][wc.COMPETENCE])


def _admired_touchpoints(data: CustomerBase) -> list[str]:
    table = touchpoint_table(data)
    return sorted(table.loc[table["quadrant"] == "Bewunderung", "touchpoint"].astype(str))


def _largest_competence_lead(data: CustomerBase) -> str:
    table = touchpoint_table(data)
    lead = (table[wc.COMPETENCE] - table[wc.WARMTH]).round(6)
    return str(table.loc[lead == lead.max(), "touchpoint"].astype(str).min())


def _probability_at_coldest(data: CustomerBase) -> float:
    table = touchpoint_table(data).sort_values([wc.WARMTH, "touchpoint"])
    return 100 * float(table.iloc[0]["kaufwahrscheinlichkeit"])


def _share_of_admiring_answers(data: CustomerBase) -> float:
    answers = wc.classify(wc.scores(data.require("befragung")))
    return 100 * float((answers["quadrant"] == "Bewunderung").mean())


EXERCISES = [
    Exercise(
        id="1.5-a", title="Kompetenz am meistbefragten Touchpoint", kind="zahl",
        reference=_competence_of_most_answered, unit="", shown_decimals=2,
        hints=("Gesucht ist der Kompetenzwert (1 bis 7) des Touchpoints, zu dem die meisten Kunden geantwortet "
               "haben. Haben zwei Touchpoints gleich viele Antworten, gilt der im Alphabet erste.",
               "Suchen Sie in der Tabelle über der Aufgabe die größte Zahl in der Spalte „Antworten“ und lesen "
               "Sie in derselben Zeile die Spalte „Kompetenz“ ab."),
    ),
    Exercise(
        id="1.5-b", title="Touchpoints im Quadranten Bewunderung", kind="menge",
        reference=_admired_touchpoints, choices=_touchpoints,
        hints=("Bewunderung heißt: zweimal Ja. Ein Touchpoint liegt dort, wenn sowohl seine Wärme als auch seine "
               "Kompetenz über der Mitte der Skala (4) liegen. Ein Wert von genau 4 ist kein Ja.",
               "Gehen Sie die Tabelle Zeile für Zeile durch und kreuzen Sie jeden Touchpoint an, bei dem in den "
               "Spalten „Wärme“ und „Kompetenz“ beide Werte größer als 4 sind."),
    ),
    Exercise(
        id="1.5-c", title="Größter Vorsprung der Kompetenz vor der Wärme", kind="text",
        reference=_largest_competence_lead, choices=_touchpoints,
        hints=("Der Vorsprung ist Kompetenz minus Wärme. Gesucht ist der Touchpoint, bei dem die Kunden die "
               "Fähigkeiten am deutlichsten besser sehen als die Freundlichkeit.",
               "Rechnen Sie für jede Zeile der Tabelle „Kompetenz“ minus „Wärme“ und wählen Sie den Touchpoint mit "
               "dem größten Ergebnis."),
    ),
    Exercise(
        id="1.5-d", title="Kaufwahrscheinlichkeit am kältesten Touchpoint", kind="zahl",
        reference=_probability_at_coldest, unit="%", shown_decimals=1,
        hints=("Der kälteste Touchpoint ist der mit dem niedrigsten Wärmewert. Die Kaufwahrscheinlichkeit stammt "
               "aus dem Modell des Kurses, nicht aus einer Studie.",
               "Suchen Sie in der Spalte „Wärme“ den kleinsten Wert und lesen Sie in derselben Zeile die Spalte "
               "„Kaufwahrscheinlichkeit“ ab, zum Beispiel 6,5 %."),
    ),
    Exercise(
        id="1.5-e", title="Mit Python: Anteil der Antworten im Quadranten Bewunderung", optional=True, kind="zahl",
        reference=_share_of_admiring_answers, unit="%", shown_decimals=1,
        hints=("Diesmal zählt jede einzelne Antwort der Befragung, nicht der Mittelwert je Touchpoint.",
               "antworten = kk.models.warmth_competence.classify(kk.models.warmth_competence.scores(befragung)) "
               "gibt je Antwort einen Quadranten. 100 * (antworten['quadrant'] == 'Bewunderung').mean() ist der "
               "Anteil in Prozent."),
    ),
]
