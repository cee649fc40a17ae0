"""Exercises of lesson 1.2 "Profitabler Partner – Nicht König!" (course model, default assumptions)."""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_profit as cp


def _table(data: CustomerBase, kings_share: float = 0.0):
    return cp.customer_profit(data.require("transaktionen"), data.kontakte, data.befragung,
                              assumptions=cp.assumptions_for(data.branche), kings_share=kings_share)


def _total_profit(data: CustomerBase) -> float:
    return float(_table(data)["gewinn"].sum())


def _unprofitable_with_kings(data: CustomerBase) -> int:
    return cp.unprofitable_customers(_table(data, kings_share=0.1))


def _affordable_kings(data: CustomerBase) -> int:
    """Most kings with a total profit of at least 0 (all customers if it never tips)."""
    table = _table(data)
    point = cp.tipping_point(float(table["gewinn"].sum()), len(table),
                             cp.assumptions_for(data.branche).extra_demand_cost)
    return len(table) if point is None else max(point - 1, 0)


EXERCISES = [
    Exercise(
        id="1.2-a", title="Gesamtgewinn mit den Annahmen des Kurses", kind="zahl",
        reference=_total_profit,
        hints=("Rechnen Sie customer_profit(transaktionen, kontakte, befragung, assumptions=annahmen) "
             "mit annahmen = assumptions_for(daten.branche) und summieren Sie die Spalte 'gewinn'.",),
    ),
    Exercise(
        id="1.2-b", title="Unprofitable Kunden bei 10 % Königen", kind="zahl",
        reference=_unprofitable_with_kings,
        hints=("Setzen Sie kings_share=0.1 in customer_profit(...) und zählen Sie die Kunden mit "
             "gewinn < 0, z. B. mit unprofitable_customers(tabelle).",),
    ),
    Exercise(
        id="1.2-c", title="Wie viele Könige verträgt der Gewinn?", kind="zahl",
        reference=_affordable_kings,
        hints=("Jeder König senkt den Gesamtgewinn um die Kosten seiner Sonderwünsche. "
             "tipping_point(gesamtgewinn_ohne_koenige, anzahl_kunden, annahmen.extra_demand_cost) "
             "nennt die erste Zahl an Königen im Minus; einer weniger geht gerade noch.",),
    ),
]
