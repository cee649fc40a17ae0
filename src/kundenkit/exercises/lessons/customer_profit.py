"""Exercises of lesson 1.2 "Profitabler Partner – Nicht König!" (course model, default assumptions of the sector).

Task a is read from the profit bridge, tasks b and c from the lesson's widget
(:func:`kundenkit.widgets.customer_profit.explorer`) with the kings' share set by
the learner; the references compute the same with the model.
"""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_profit as cp

KINGS_SHARE_B = 0.1   # the kings' share of task 1.2-b


def _model(data: CustomerBase) -> cp.ProfitModel:
    return cp.ProfitModel.from_tables(data.require("transaktionen"), data.kontakte, data.befragung,
                                      assumptions=cp.assumptions_for(data.branche))


def _total_profit(data: CustomerBase) -> float:
    return _model(data).evaluate(0.0).total


def _unprofitable_with_kings(data: CustomerBase) -> int:
    return _model(data).evaluate(KINGS_SHARE_B).unprofitable


def _affordable_kings(data: CustomerBase) -> int:
    """Most kings with a total profit of at least 0 (all customers if it never tips)."""
    result = _model(data).evaluate(0.0)
    return result.customers if result.tipping_kings is None else max(result.tipping_kings - 1, 0)


def _profit_of_top_tenth(data: CustomerBase) -> float:
    profits = cp.model_table(_model(data))["gewinn"]
    return float(profits.nlargest(len(profits) // 10).sum())


EXERCISES = [
    Exercise(
        id="1.2-a", title="Gesamtgewinn mit den Annahmen des Kurses", kind="zahl",
        reference=_total_profit, unit="€", shown_decimals=0,
        hints=("Gesucht ist der Gewinn aller Kunden zusammen in einem Jahr – noch ohne Könige, mit den "
               "Annahmen des Kurses für Ihre Branche.",
               "Die Tabelle über der Aufgabe addiert jeden Posten über alle Kunden. Die letzte Zeile "
               "„= Gewinn aller Kunden“ nennt das Ergebnis in der Spalte „Euro pro Jahr“."),
    ),
    Exercise(
        id="1.2-b", title="Unprofitable Kunden bei 10 % Königen", kind="zahl",
        reference=_unprofitable_with_kings, unit="", shown_decimals=0,
        hints=("Ein Kunde ist unprofitabel, wenn sein Gewinn unter 0 € liegt. Gefragt ist die Zahl dieser "
               "Kunden, nicht ihr Anteil.",
               "Stellen Sie im Widget über der Aufgabe den Regler „Anteil Könige an allen Kunden“ auf 10 % und "
               "lassen Sie die anderen Regler, wie sie sind. Unter den Reglern steht „unprofitable Kunden: … %“, "
               "dahinter in Klammern die Zahl."),
    ),
    Exercise(
        id="1.2-c", title="Wie viele Könige verträgt der Gewinn?", kind="zahl",
        reference=_affordable_kings, unit="", shown_decimals=0,
        hints=("Jeder König kostet mit seinen Sonderwünschen gleich viel. Gesucht ist die größte Zahl an Königen, "
               "bei der der Gesamtgewinn noch nicht im Minus ist.",
               "Der Text unter den Reglern des Widgets nennt, ab wie vielen Königen („… von … Kunden“) der "
               "Gesamtgewinn ins Minus kippt. Einer weniger geht gerade noch: Ziehen Sie 1 ab."),
    ),
    Exercise(
        id="1.2-d", title="Mit Python: Gewinn des profitabelsten Zehntels", optional=True, kind="zahl",
        reference=_profit_of_top_tenth, unit="€", shown_decimals=0,
        hints=("Sortieren Sie die Kunden nach ihrem Gewinn, den größten zuerst, und addieren Sie den Gewinn der "
               "ersten 10 % (len(kunden) // 10 Kunden, abgerundet).",
               "kunden = kk.models.customer_profit.customer_profit(transaktionen, daten.kontakte, daten.befragung, "
               "assumptions=annahmen); dann kunden.nlargest(len(kunden) // 10, 'gewinn')['gewinn'].sum()."),
    ),
]
