"""Exercises of lesson 1.11 "Wieso haben Kunden eigentlich Erwartungen?"."""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import expectations as ex


def _disappointing_at_four(data: CustomerBase) -> int:
    table = ex.compare(ex.experience(data.require("kontakte")), expectation=4.0, tolerance=0.5)
    return len(ex.summarize(table).disappointing)


def _largest_positive_gap(data: CustomerBase) -> str:
    table = ex.compare(ex.experience(data.require("kontakte")), expectation=3.0)
    return str(table.sort_values(["abweichung", "touchpoint"], ascending=[False, True]).iloc[0]["touchpoint"])


def _gap_after_adaptation(data: CustomerBase) -> float:
    table = ex.adaptive_compare(ex.experience_by_period(data.require("kontakte")), expectation=3.0, rate=0.5)
    best = _largest_positive_gap(data)
    return float(table.loc[table["touchpoint"] == best, "abweichung"].iloc[0])


EXERCISES = [
    Exercise(
        id="1.11-a", title="Enttäuschende Touchpoints bei Erwartung 4,0", kind="zahl",
        reference=_disappointing_at_four,
        hints=("Berechnen Sie das Erlebnis je Touchpoint mit experience(kontakte) und vergleichen Sie es mit "
             "compare(..., expectation=4.0, tolerance=0.5). Zählen Sie die Zeilen mit urteil == 'Enttäuschung'.",),
    ),
    Exercise(
        id="1.11-b", title="Größte positive Abweichung bei Erwartung 3,0", kind="text",
        reference=_largest_positive_gap,
        hints=("Rechnen Sie compare(..., expectation=3.0) und sortieren Sie nach der Spalte 'abweichung' "
             "absteigend. Geben Sie den Namen des obersten Touchpoints an.",),
    ),
    Exercise(
        id="1.11-c", title="Abweichung nach Gewöhnung", kind="zahl",
        reference=_gap_after_adaptation,
        hints=("Rechnen Sie adaptive_compare(experience_by_period(kontakte), expectation=3.0, rate=0.5) "
             "und lesen Sie die 'abweichung' des Touchpoints aus Aufgabe 1.11-b ab.",),
    ),
]
