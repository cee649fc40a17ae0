"""Exercises of lesson 1.4 "Spurwechsel – Bitte anzeigen!".

The required tasks are read from the key figures at the course's threshold 0,5
(:meth:`kundenkit.models.lane_change.Evaluation.summary`) and from the table of
all thresholds (:func:`kundenkit.models.lane_change.threshold_curve`).
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import lane_change as lc

THRESHOLD_C = 0.6   # the threshold task 1.4-c asks about
THRESHOLD_D = 0.3   # the threshold of the Python task 1.4-d


def scores(data: CustomerBase) -> pd.DataFrame:
    """The Blinker table of the data (the contact table is optional: without it only the drop in purchases counts)."""
    return lc.signal_scores(data.require("transaktionen"), data.kontakte)


def _lane_changers(data: CustomerBase) -> int:
    return int(scores(data)["spurwechsel"].sum())


def _precision(data: CustomerBase) -> float:
    curve = lc.threshold_curve(scores(data))
    return 100 * float(curve.loc[(curve["schwelle"] - THRESHOLD_C).abs() < 1e-9, "precision"].iloc[0])


def _lift(data: CustomerBase) -> float:
    return lc.lift_top_decile(scores(data))


def _hits_at_low_threshold(data: CustomerBase) -> int:
    return lc.evaluate(scores(data), THRESHOLD_D).treffer


EXERCISES = [
    Exercise(
        id="1.4-a", title="Zahl der Spurwechsler", kind="zahl", reference=_lane_changers, unit="", shown_decimals=0,
        hints=("Ein Spurwechsler ist im Modell des Kurses ein Kunde, der im Jahr vor dem Stichtag gekauft hat, "
               "danach aber nichts mehr. Gesucht ist ihre Zahl, egal ob der Blinker sie gemeldet hat.",
               "In der Tabelle der Kennzahlen über der Aufgabe steht sie in der Zeile „davon Spurwechsler“."),
    ),
    Exercise(
        id="1.4-b", title="Lift im obersten Zehntel", kind="zahl", reference=_lift, unit="", shown_decimals=2,
        hints=("Der Lift vergleicht die 10 % Kunden mit dem höchsten Blinker-Wert mit allen Kunden im Blick: Wie "
               "viel mal häufiger sind unter ihnen Spurwechsler?",
               "In der Tabelle der Kennzahlen steht er in der Zeile „Lift im obersten Zehntel“."),
    ),
    Exercise(
        id="1.4-c", title="Precision bei Schwelle 0,6", kind="zahl", reference=_precision, unit="%", shown_decimals=1,
        hints=("Die Precision sagt, welcher Anteil der markierten Kunden wirklich gegangen ist: Treffer geteilt "
               "durch alle Markierten.",
               "Suchen Sie in der Tabelle der Schwellen die Zeile mit der Schwelle 0,60 und lesen Sie die Spalte "
               "„Precision“ ab, zum Beispiel 38,8 %."),
    ),
    Exercise(
        id="1.4-d", title="Mit Python: Treffer bei Schwelle 0,3", optional=True, kind="zahl",
        reference=_hits_at_low_threshold,
        unit="", shown_decimals=0,
        hints=("Treffer sind Spurwechsler, deren Blinker-Wert die Schwelle erreicht: Sie wären rechtzeitig "
               "gemeldet worden.",
               "kk.models.lane_change.evaluate(tabelle, 0.3) liefert das Ergebnis bei der Schwelle 0,3; die Zahl "
               "der Treffer steht in .treffer."),
    ),
]
