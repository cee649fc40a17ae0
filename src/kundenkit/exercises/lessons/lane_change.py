"""Exercises of lesson 1.4 "Spurwechsel – Bitte anzeigen!"."""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import lane_change as lc

THRESHOLD_B = 0.6   # the threshold exercise 1.4-b asks about


def _scores(data: CustomerBase):
    # The contact table is optional: without it, the Blinker is the drop in purchases alone.
    return lc.signal_scores(data.require("transaktionen"), data.kontakte)


def _lane_changers(data: CustomerBase) -> int:
    return int(_scores(data)["spurwechsel"].sum())


def _precision(data: CustomerBase) -> float:
    return lc.evaluate(_scores(data), THRESHOLD_B).precision


def _lift(data: CustomerBase) -> float:
    return lc.lift_top_decile(_scores(data))


EXERCISES = [
    Exercise(
        id="1.4-a", title="Zahl der Spurwechsler", kind="zahl", reference=_lane_changers,
        hints=("Berechnen Sie die Tabelle mit lc.signal_scores(transaktionen, daten.kontakte) und zählen Sie "
             "die Zeilen mit spurwechsel == True, zum Beispiel mit tabelle['spurwechsel'].sum().",),
    ),
    Exercise(
        id="1.4-b", title="Precision bei Schwelle 0,6", kind="zahl", reference=_precision,
        hints=("lc.evaluate(tabelle, 0.6) liefert das Ergebnis; die Precision steht in .precision. "
             "Geben Sie sie als Anteil an, zum Beispiel 0.35 für 35 %.",),
    ),
    Exercise(
        id="1.4-c", title="Lift im obersten Zehntel", kind="zahl", reference=_lift,
        hints=("lc.lift_top_decile(tabelle) teilt den Anteil der Spurwechsler unter den 10 % mit dem höchsten "
             "Blinker-Wert durch ihren Anteil an allen Kunden im Blick.",),
    ),
]
