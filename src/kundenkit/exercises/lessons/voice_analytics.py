"""Exercises of lesson 3.11 "Voice Analytics – Was unsere Stimme über die Beziehung verrät".

Task a is read from the key figures of the combined approach at the course's
threshold 0,4 (:meth:`kundenkit.models.voice_analytics.Result.summary`), task b
from the comparison of the three approaches
(:func:`kundenkit.models.voice_analytics.compare_approaches`), task c from the
lesson's widget with the threshold at 0,3; task d is computed in Python.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import voice_analytics as va

THRESHOLD_C = 0.3   # the threshold task 3.11-c asks about
THRESHOLD_D = 0.5   # the score of the Python task 3.11-d


def calls(data: CustomerBase) -> pd.DataFrame:
    """The calls of the data with the features the course draws for them (as the lesson and its widget do).

    >>> import kundenkit as kk
    >>> table = calls(kk.generate_customers(seed=1, n_customers=300))
    >>> list(table.columns[-7:]) == list(va.FEATURES), table.attrs["basis"] in ("Telefon", "alle Kontakte")
    (True, True)
    """
    return va.simulate_features(va.select_calls(data.require("kontakte")), seed=data.seed)


def comparison(data: CustomerBase) -> pd.DataFrame:
    """The three approaches at the course's threshold, all weights 1."""
    return va.compare_approaches(calls(data), va.THRESHOLD)


def _escalated(data: CustomerBase) -> int:
    return int(calls(data)["eskaliert"].sum())


def _recall_combined(data: CustomerBase) -> float:
    table = comparison(data)
    return 100 * float(table.loc[table["ansatz"] == va.COMBINED, "trefferquote"].iloc[0])


def _false_alarms_low(data: CustomerBase) -> int:
    return va.evaluate(va.escalation_scores(calls(data)), THRESHOLD_C).fehlalarme


def _loud_calls(data: CustomerBase) -> int:
    return int((va.escalation_scores(calls(data))["score"] >= THRESHOLD_D).sum())


EXERCISES = [
    Exercise(
        id="3.11-a", title="Zahl der eskalierten Gespräche", kind="zahl", reference=_escalated, unit="",
        shown_decimals=0,
        hints=("Ein Gespräch gilt im Modell des Kurses als eskaliert, wenn es schlecht bewertet wurde (1 oder 2) "
               "oder der nächste Kontakt desselben Kunden innerhalb von 14 Tagen schlecht bewertet wurde. Gesucht "
               "ist ihre Zahl, egal ob eine Warnung kam.",
               "In der Tabelle der Kennzahlen über der Aufgabe steht sie in der Zeile „davon eskaliert“."),
    ),
    Exercise(
        id="3.11-b", title="Trefferquote des kombinierten Ansatzes", kind="zahl", reference=_recall_combined,
        unit="%", shown_decimals=0,
        hints=("Die Trefferquote sagt, welcher Anteil der eskalierten Gespräche eine Warnung bekommen hat: Treffer "
               "geteilt durch alle eskalierten Gespräche.",
               "In der Tabelle der drei Ansätze steht sie in der Zeile „kombiniert“, Spalte „Trefferquote“."),
    ),
    Exercise(
        id="3.11-c", title="Fehlalarme bei Schwelle 0,3", kind="zahl", reference=_false_alarms_low, unit="",
        shown_decimals=0,
        hints=("Ein Fehlalarm ist eine Warnung für ein Gespräch, das ruhig geblieben ist. Je niedriger die "
               "Schwelle, desto mehr Warnungen – auch falsche.",
               "Lassen Sie im Widget den Ansatz auf „kombiniert“ und alle Gewichte auf 1, stellen Sie die Schwelle "
               "auf 0,30 und lesen Sie im Text oder in der Matrix die Fehlalarme ab."),
    ),
    Exercise(
        id="3.11-d", title="Mit Python: Gespräche mit Score ab 0,5", optional=True, kind="zahl",
        reference=_loud_calls, unit="", shown_decimals=0,
        hints=("Gesucht ist, wie viele Gespräche beim kombinierten Ansatz (alle Gewichte 1) einen "
               "Eskalations-Score von mindestens 0,5 haben – eskaliert oder nicht.",
               "bewertet = kk.models.voice_analytics.escalation_scores(gespraeche); "
               "(bewertet['score'] >= 0.5).sum()"),
    ),
]
