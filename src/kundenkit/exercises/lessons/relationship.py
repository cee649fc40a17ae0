"""Exercises of lesson 1.1 "Was sind Beziehungen?"."""
from __future__ import annotations

import math

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import relationship as rel

RATE_B = 0.6          # recognition rate of exercise 1.1-b
YEARS_B = 2           # horizon of exercise 1.1-b


def _typical(data: CustomerBase):
    """The median customer of all customers (first row of typical_customers)."""
    return rel.typical_customers(rel.customer_rates(data.require("transaktionen"))).iloc[0]


def _median_purchases(data: CustomerBase) -> float:
    return float(_typical(data)["käufe_pro_jahr"])


def _strength_after_two_years(data: CustomerBase) -> float:
    return rel.strength_at(YEARS_B, RATE_B, _median_purchases(data))


def _break_even_percent(data: CustomerBase) -> float:
    typical = _typical(data)
    revenue = float(typical["umsatz_pro_jahr"])
    rate = rel.break_even_recognition(rel.default_cost(revenue), revenue, float(typical["käufe_pro_jahr"]))
    return 100.0 if math.isnan(rate) else 100 * rate


EXERCISES = [
    Exercise(
        id="1.1-a", title="Käufe je Kunde und Jahr", kind="zahl",
        reference=_median_purchases,
        hints=("Berechnen Sie customer_rates(transaktionen) und daraus typical_customers(...). "
             "Die Zeile 'Alle Kunden' zeigt den Median in der Spalte 'käufe_pro_jahr'.",),
    ),
    Exercise(
        id="1.1-b", title="Beziehungsstärke nach zwei Jahren", kind="zahl",
        reference=_strength_after_two_years,
        hints=("Nehmen Sie den Median aus Aufgabe 1.1-a als Käufe pro Jahr und rufen Sie "
             "strength_at(2, 0.6, käufe) auf. Die Standardannahmen des Kurses bleiben unverändert.",),
    ),
    Exercise(
        id="1.1-c", title="Ab welcher Erkennungsrate lohnt sich das Wiedererkennen?", kind="zahl",
        reference=_break_even_percent,
        hints=("Kosten = default_cost(umsatz) mit dem Median-Jahresumsatz aus typical_customers(...); dann "
             "break_even_recognition(kosten, umsatz, käufe). Das Ergebnis ist ein Anteil: mal 100 nehmen. "
             "Ist es nan, lautet die Antwort 100.",),
    ),
]
