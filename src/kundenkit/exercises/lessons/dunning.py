"""Exercises of lesson 4.20 "Der heikelste Moment": hard vs partner-like dunning (course model).

Tasks a to c are read from the table of both styles (:func:`styles_table`, the course's start values and a
horizon of :data:`YEARS` years); task d is computed in Python from the late payers' open amounts.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_profit, dunning

#: Horizon of the exercises (the explorer's start value).
YEARS = 3.0


def lesson_model(data: CustomerBase) -> dunning.DunningModel:
    """Revenue and purchases per customer as the lesson computes them.

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).size > 0
    True
    """
    return dunning.DunningModel.from_tables(data.require("transaktionen"),
                                            assumptions=customer_profit.assumptions_for(data.branche))


def styles_table(data: CustomerBase) -> pd.DataFrame:
    """Both dunning styles with the course's start values over :data:`YEARS` years.

    >>> import kundenkit as kk
    >>> styles_table(kk.generate_customers(seed=1, n_customers=300))["stil"].tolist()
    ['hart', 'partnerschaftlich']
    """
    return lesson_model(data).compare(YEARS).styles


def _open(data: CustomerBase) -> float:
    return float(styles_table(data)["offener_betrag"].iloc[0])


def _value(style: str):
    def reference(data: CustomerBase) -> float:
        table = styles_table(data)
        return float(table.loc[table["stil"] == style, "wert_mahnstil"].iloc[0])
    return reference


def _mean_open(data: CustomerBase) -> float:
    return float(lesson_model(data).open_amounts(dunning.DEFAULT_LATE_SHARE).mean())


EXERCISES = [
    Exercise(
        id="4.20-a", title="Offener Betrag der säumigen Kunden", kind="zahl",
        reference=_open, unit="€", shown_decimals=0,
        hints=("Gesucht ist die Summe, die alle säumigen Kunden zusammen schulden: je Kunde eine mittlere Rechnung.",
               "In der Tabelle über der Aufgabe steht sie in der Spalte „Offener Betrag“ (in beiden Zeilen gleich)."),
    ),
    Exercise(
        id="4.20-b", title="Wert des harten Mahnstils", kind="zahl",
        reference=_value(dunning.HARD), unit="€", shown_decimals=0,
        hints=("Der Wert ist eingetriebenes Geld minus Mahnkosten plus die Marge der Kunden, die bleiben, über "
               "drei Jahre. Gesucht ist er für den harten Stil.",
               "In der Tabelle über der Aufgabe steht er in der Zeile „hart“, Spalte „Wert über den Horizont“."),
    ),
    Exercise(
        id="4.20-c", title="Wert des partnerschaftlichen Mahnstils", kind="zahl",
        reference=_value(dunning.PARTNER), unit="€", shown_decimals=0,
        hints=("Gesucht ist derselbe Wert für den partnerschaftlichen Stil; vergleichen Sie ihn danach mit dem "
               "harten.",
               "In der Tabelle über der Aufgabe steht er in der Zeile „partnerschaftlich“, Spalte „Wert über den "
               "Horizont“."),
    ),
    Exercise(
        id="4.20-d", title="Mit Python: mittlerer offener Betrag je säumigem Kunden", optional=True, kind="zahl",
        reference=_mean_open, unit="€", shown_decimals=2,
        hints=("Nehmen Sie die offenen Beträge der säumigen Kunden beim Startwert des Anteils und rechnen Sie "
               "ihren Mittelwert.",
               "modell.open_amounts(kk.models.dunning.DEFAULT_LATE_SHARE).mean()"),
    ),
]
