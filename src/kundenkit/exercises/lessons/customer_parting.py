"""Exercises of lesson 4.6 "Weg damit – Welche Kunden muss ich eigentlich unbedingt loswerden?".

Tasks a and b are read from the table of the strategies (:func:`strategy_table`, threshold 0 €),
task c from the table of the whale curve's shares (:func:`shares_table`), task d from the lesson's
widget with no fixed costs; task e is computed in Python from the per-customer table.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_parting, customer_profit

THRESHOLD = 0.0      # € per year: a candidate is a customer who makes a loss


def lesson_model(data: CustomerBase) -> customer_parting.PartingModel:
    """Profit per customer as the lesson computes it (every table the data have).

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).size > 0
    True
    """
    return customer_parting.PartingModel.from_tables(
        data.require("transaktionen"), data.kontakte, data.befragung,
        assumptions=customer_profit.assumptions_for(data.branche))


def strategy_table(data: CustomerBase) -> pd.DataFrame:
    """The four strategies at the threshold 0 € with the course's default assumptions.

    >>> import kundenkit as kk
    >>> strategy_table(kk.generate_customers(seed=1, n_customers=300))["strategie"].iloc[0]
    'Heute'
    """
    return lesson_model(data).evaluate(THRESHOLD).strategies


def shares_table(data: CustomerBase) -> pd.DataFrame:
    """What the most and the least profitable 20 % of the customers bring (the whale curve in figures).

    >>> import kundenkit as kk
    >>> bool(shares_table(kk.generate_customers(seed=1, n_customers=300))["kunden"].iloc[-1] > 0)
    True
    """
    return customer_parting.whale_shares(lesson_model(data).profit)


def _candidates(data: CustomerBase) -> int:
    return lesson_model(data).evaluate(THRESHOLD).candidates


def _top_share(data: CustomerBase) -> float:
    return float(shares_table(data)["anteil_gewinn"].iloc[0]) * 100


def _rule_gain(data: CustomerBase) -> float:
    table = strategy_table(data)
    return float(table.loc[table["strategie"] == customer_parting.RULE, "aenderung_gewinn"].iloc[0])


def _parted_without_fixed_costs(data: CustomerBase) -> int:
    return lesson_model(data).evaluate(THRESHOLD, customer_parting.Levers(fixed_share=0.0)).parted


def _candidate_cost(data: CustomerBase) -> float:
    table = lesson_model(data).table()
    return float(table.loc[table["gewinn"] < THRESHOLD, "servicekosten"].mean())


EXERCISES = [
    Exercise(
        id="4.6-a", title="Kunden, die Verlust bringen", kind="zahl",
        reference=_candidates, unit="", shown_decimals=0,
        hints=("Gesucht sind die Kunden, die im Jahr weniger als 0 € Gewinn bringen: Sie sind die Kandidaten, "
               "wenn die Schwelle bei 0 € steht.",
               "In der Tabelle der Strategien über der Aufgabe steht die Zahl in der Zeile „Nur reparieren“, "
               "Spalte „Kunden repariert“: Dort wird jeder Kandidat repariert."),
    ),
    Exercise(
        id="4.6-b", title="Mehr Gewinn mit der Regel des Kurses", kind="zahl",
        reference=_rule_gain, unit="€", shown_decimals=0,
        hints=("Die Regel des Kurses repariert zuerst und trennt sich nur, wenn es sich trotz der bleibenden "
               "Kosten lohnt. Gesucht ist, um wie viel Euro im Jahr der Gewinn damit gegenüber heute steigt.",
               "In der Tabelle der Strategien steht der Betrag in der Zeile „Erst reparieren, dann trennen“, "
               "Spalte „Änderung Gewinn“."),
    ),
    Exercise(
        id="4.6-c", title="Anteil der profitabelsten 20 % am Gesamtgewinn", kind="zahl",
        reference=_top_share, unit="%", shown_decimals=1,
        hints=("Sortieren Sie die Kunden vom profitabelsten zum unprofitabelsten. Gesucht ist, welcher Teil des "
               "Gesamtgewinns von den ersten 20 % kommt – in Prozent.",
               "In der Tabelle der Walfischkurve steht er in der ersten Zeile, Spalte „Anteil am Gesamtgewinn“."),
    ),
    Exercise(
        id="4.6-d", title="Trennungen ohne bleibende Kosten", kind="zahl",
        reference=_parted_without_fixed_costs, unit="", shown_decimals=0,
        hints=("Nehmen Sie an, mit einem Kunden gehen auch alle seine Servicekosten. Gesucht ist, von wie vielen "
               "Kunden Sie sich dann nach der Regel des Kurses trennen würden.",
               "Schieben Sie im Widget den Regler „Trennen: Anteil der Servicekosten, der bleibt“ auf 0 % und "
               "lassen Sie die anderen Regler auf ihren Startwerten. Die Zahl steht im Satz „… reparieren, "
               "… trennen“."),
    ),
    Exercise(
        id="4.6-e", title="Mit Python: Servicekosten der Verlustkunden", optional=True, kind="zahl",
        reference=_candidate_cost, unit="€", shown_decimals=2,
        hints=("Nehmen Sie die Tabelle je Kunde, wählen Sie die Kunden mit einem Gewinn unter 0 € und rechnen Sie "
               "den Mittelwert ihrer Servicekosten im Jahr.",
               "je_kunde = modell.table(); je_kunde.loc[je_kunde['gewinn'] < 0, 'servicekosten'].mean()"),
    ),
]
