"""Exercises of lesson 1.11 "Wieso haben Kunden eigentlich Erwartungen?".

Task a is read from the lesson's widget (:func:`kundenkit.widgets.expectations.explorer`)
with the expectation set by the learner, tasks b and c from tables of the
comparison with a fixed and with an adapting expectation.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import expectations as ex

EXPECTATION_A = 4.0     # the expectation of task 1.11-a (tolerance and adaptation as the widget starts)
EXPECTATION_BC = 3.0    # the expectation of tasks 1.11-b and c
RATE_C = 0.5            # the adaptation per quarter of task 1.11-c
RATE_D = 0.3            # the adaptation of the Python task 1.11-d


def fixed_comparison(data: CustomerBase, expectation: float = EXPECTATION_BC) -> pd.DataFrame:
    """Experience per touchpoint against one fixed expectation, the largest positive deviation first."""
    table = ex.compare(ex.experience(data.require("kontakte")), expectation=expectation)
    return table.sort_values(["abweichung", "touchpoint"], ascending=[False, True], ignore_index=True)


def adaptive_comparison(data: CustomerBase, expectation: float = EXPECTATION_BC, rate: float = RATE_C) -> pd.DataFrame:
    """Experience per touchpoint against an expectation that learns every quarter from the last experience."""
    return ex.adaptive_compare(ex.experience_by_period(data.require("kontakte")), expectation=expectation, rate=rate)


def _touchpoints(data: CustomerBase) -> list[str]:
    return sorted(data.require("kontakte")["touchpoint"].dropna().astype(str).unique())


def _disappointing_at_four(data: CustomerBase) -> list[str]:
    table = adaptive_comparison(data, expectation=EXPECTATION_A, rate=0.0)
    return sorted(ex.summarize(table).disappointing)


def _largest_positive_gap(data: CustomerBase) -> str:
    return str(fixed_comparison(data).iloc[0]["touchpoint"])


def _gap_after_adaptation(data: CustomerBase) -> float:
    table = adaptive_comparison(data)
    return float(table.loc[table["touchpoint"] == _largest_positive_gap(data), "abweichung"].iloc[0])


def _mean_gap_with_adaptation(data: CustomerBase) -> float:
    table = adaptive_comparison(data, expectation=ex.DEFAULT_EXPECTATION, rate=RATE_D)
    return ex.summarize(table).mean_disconfirmation


EXERCISES = [
    Exercise(
        id="1.11-a", title="Enttäuschende Touchpoints bei Erwartung 4,0", kind="menge",
        reference=_disappointing_at_four, choices=_touchpoints,
        hints=("Ein Touchpoint enttäuscht, wenn das Erlebnis unter der Toleranzzone liegt: bei Erwartung 4,0 und "
               "einer Toleranzzone von ± 0,5 also unter 3,5.",
               "Stellen Sie im Widget über der Aufgabe den Regler „Erwartung“ auf 4,0; Toleranzzone (0,5) und "
               "Gewöhnung (0 %) bleiben. Unter den Reglern steht die Zeile „Enttäuschend: …“ – kreuzen Sie genau "
               "diese Touchpoints an."),
    ),
    Exercise(
        id="1.11-b", title="Größte positive Abweichung bei Erwartung 3,0", kind="text",
        reference=_largest_positive_gap, choices=_touchpoints,
        hints=("Die Abweichung ist Erlebnis minus Erwartung. Bei derselben Erwartung für alle Touchpoints liegt "
               "der am weitesten darüber, den die Kunden am besten bewerten.",
               "Die Tabelle über der Aufgabe ist nach der Abweichung sortiert, die größte zuerst. Wählen Sie den "
               "Touchpoint der obersten Zeile."),
    ),
    Exercise(
        id="1.11-c", title="Abweichung nach Gewöhnung", kind="zahl",
        reference=_gap_after_adaptation, unit="", shown_decimals=2,
        hints=("Mit Gewöhnung wächst die Erwartung nach jedem Quartal ein Stück auf das Erlebnis zu. Die "
               "Abweichung wird deshalb kleiner, auch wenn das Erlebnis gleich gut bleibt.",
               "Suchen Sie in der Tabelle mit 50 % Gewöhnung die Zeile des Touchpoints aus Aufgabe 1.11-b und "
               "lesen Sie die Spalte „Abweichung“ ab."),
    ),
    Exercise(
        id="1.11-d", title="Mit Python: Mittlere Abweichung mit Gewöhnung", optional=True, kind="zahl",
        reference=_mean_gap_with_adaptation, unit="", shown_decimals=2,
        hints=("Gesucht ist die mittlere Abweichung über alle Kontakte, wenn die Erwartung bei 3,5 beginnt und sich "
               "jedes Quartal um 30 % an das Erlebnis gewöhnt.",
               "perioden = kk.models.expectations.experience_by_period(kontakte); vergleich = "
               "kk.models.expectations.adaptive_compare(perioden, expectation=3.5, rate=0.3); dann "
               "kk.models.expectations.summarize(vergleich).mean_disconfirmation."),
    ),
]
