"""Exercises of lesson 2.10 "IMPACt als Daumenregel – Wie Touchpoints wirklich berühren" (course model).

The journey is the course's example journey of the learner's sector, rated from
the learner's contacts where the touchpoint names match
(:func:`kundenkit.models.touchpoint_journey.rate_from_contacts`). Task a is read
from the journey table, task b from the verdict of the lesson's widget, task c
from the widget with the key-touchpoint slider set by the learner.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import touchpoint_journey as tj

KEY_C = 5             # the number of key touchpoints in task 2.10-c
THRESHOLD_D = 3.0     # the threshold for Enttäuschung in task 2.10-d


def rated_journey(data: CustomerBase, **thresholds) -> pd.DataFrame:
    """The course's example journey of the data's sector, rated from its contacts where the names match.

    >>> import kundenkit as kk
    >>> journey = rated_journey(kk.generate_customers(seed=1, n_customers=200))
    >>> journey["quelle"].value_counts().to_dict()
    {'Ihre Kontakte': 6, 'Beispielreise': 2}
    """
    return tj.rate_from_contacts(tj.example_journey(data.branche), data.require("kontakte"), **thresholds)


def _touchpoints(data: CustomerBase) -> list[str]:
    return rated_journey(data)["touchpoint"].astype(str).tolist()


def _worst_touchpoint(data: CustomerBase) -> str:
    journey = rated_journey(data)
    rated = journey[journey["quelle"] == tj.FROM_CONTACTS].sort_values(["mittlere_bewertung", "touchpoint"])
    return str(rated.iloc[0]["touchpoint"])


def _average(data: CustomerBase) -> float:
    return tj.summarize(tj.evaluate(rated_journey(data))).durchschnitt


def _key_disappointing(data: CustomerBase) -> int:
    return len(tj.summarize(tj.evaluate(rated_journey(data), n_key=KEY_C)).key_disappointing)


def _disappointing_at_three(data: CustomerBase) -> int:
    journey = rated_journey(data, disappointment_below=THRESHOLD_D)
    return int((journey["bewertung"] == tj.DISAPPOINTMENT).sum())


EXERCISES = [
    Exercise(
        id="2.10-a", title="Touchpoint mit der schlechtesten mittleren Bewertung", kind="text",
        reference=_worst_touchpoint, choices=_touchpoints,
        hints=("Gesucht ist der Touchpoint der Reise, den Ihre Kunden in ihren Kontakten im Mittel am schlechtesten "
               "bewerten (Skala 1 bis 5). Es zählen nur Touchpoints, die aus Ihren Kontakten bewertet sind.",
               "Suchen Sie in der Tabelle über der Aufgabe in der Spalte „Mittlere Bewertung“ die kleinste Zahl. "
               "Zeilen ohne Zahl stammen aus der Beispielreise."),
    ),
    Exercise(
        id="2.10-b", title="Durchschnitt der Bewertungen", kind="zahl",
        reference=_average, unit="", shown_decimals=2,
        hints=("Jede Bewertung zählt als Zahl: Enttäuschung −1, OK 0, Begeisterung +1. Gesucht ist der "
               "Durchschnitt über alle bewerteten Touchpoints der Reise.",
               "Im Widget über der Aufgabe steht er im fett gedruckten Satz: „… der Durchschnitt ist …“. Ein "
               "Minus schreiben Sie mit dem Bindestrich, z. B. -0,13."),
    ),
    Exercise(
        id="2.10-c", title="Enttäuschende Schlüssel-Touchpoints bei fünf Schlüssel-Touchpoints", kind="zahl",
        reference=_key_disappointing, unit="", shown_decimals=0,
        hints=("Schlüssel-Touchpoints sind die wichtigsten Touchpoints nach den Kriterien. Gefragt ist, wie viele "
               "von ihnen enttäuschen, wenn fünf Touchpoints als Schlüssel-Touchpoints zählen.",
               "Stellen Sie im Widget den Regler „Schlüssel-Touchpoints“ auf 5 und lassen Sie die Bewertungen, wie "
               "sie sind. Zählen Sie die Namen in der roten Warnung; fehlt sie, ist die Antwort 0."),
    ),
    Exercise(
        id="2.10-d", title="Mit Python: Enttäuschungen bei strengerer Schwelle", optional=True, kind="zahl",
        reference=_disappointing_at_three, unit="", shown_decimals=0,
        hints=("Angenommen, schon eine mittlere Bewertung unter 3,0 gilt als Enttäuschung: Wie viele Touchpoints der "
               "Reise sind dann eine Enttäuschung?",
               "kk.models.touchpoint_journey.rate_from_contacts(beispiel, kontakte, disappointment_below=3.0); dann "
               "die Zeilen mit bewertung == 'Enttäuschung' zählen."),
    ),
]
