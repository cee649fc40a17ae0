"""Exercises of lesson 1.7 "Vertrauen ist der Anfang von allem" (course model, default parameters)."""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import trust


def _customers_below_half(data: CustomerBase) -> int:
    table = trust.customer_trust(data.require("kontakte"))
    return int((table["endvertrauen"] < 0.5).sum())


def _kept_after_break(data: CustomerBase) -> int:
    table = trust.customer_trust(data.require("kontakte"))
    return trust.recovery_steps(float(table["endvertrauen"].max()))


def _costliest_touchpoint(data: CustomerBase) -> str:
    contacts = trust.contact_trust(data.require("kontakte"))
    totals = contacts.groupby("touchpoint", observed=True)["veränderung"].sum()
    return str(totals.idxmin())


EXERCISES = [
    Exercise(
        id="1.7-a", title="Kunden mit wenig Vertrauen", kind="zahl",
        reference=_customers_below_half,
        hints=("Berechnen Sie customer_trust(kontakte) und zählen Sie die Zeilen mit endvertrauen < 0.5, "
             "zum Beispiel mit (tabelle['endvertrauen'] < 0.5).sum().",),
    ),
    Exercise(
        id="1.7-b", title="Gehaltene Versprechen nach einem Bruch", kind="zahl",
        reference=_kept_after_break,
        hints=("Nehmen Sie den größten Wert der Spalte 'endvertrauen' als Stand vor dem Bruch und "
             "rechnen Sie recovery_steps(stand). Das Ergebnis ist eine ganze Zahl.",),
    ),
    Exercise(
        id="1.7-c", title="Touchpoint, der am meisten Vertrauen kostet", kind="text",
        reference=_costliest_touchpoint,
        hints=("contact_trust(kontakte) liefert je Kontakt die Spalte 'veränderung'. Summieren Sie sie je "
             "Touchpoint (groupby) und nehmen Sie den Touchpoint mit der kleinsten Summe.",),
    ),
]
