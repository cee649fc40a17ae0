"""Exercises of lesson 4.7 "Loyalität 2.0 – Warum Service-Abos das neue Punktekonto sind".

Tasks a to d are read from the table of both options (:func:`options_table`, the sector's start values);
task e is computed in Python from the model's purchases per customer. (The break-even fee is no task: with the
start values it is 0 € in some sectors for every seed, so it would not test the learner's own data.)
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_profit, service_subscription


def lesson_model(data: CustomerBase) -> service_subscription.SubscriptionModel:
    """Revenue and purchases per customer as the lesson computes them.

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).size > 0
    True
    """
    return service_subscription.SubscriptionModel.from_tables(
        data.require("transaktionen"), assumptions=customer_profit.assumptions_for(data.branche))


def comparison(data: CustomerBase) -> service_subscription.Comparison:
    """Both options with the course's start values for the data's sector."""
    return lesson_model(data).compare(*service_subscription.defaults_for(data.branche))


def options_table(data: CustomerBase) -> pd.DataFrame:
    """Members, fees, extra margin, cost and net effect per year of both options (start values).

    >>> import kundenkit as kk
    >>> options_table(kk.generate_customers(seed=1, n_customers=300))["option"].tolist()
    ['Punkteprogramm', 'Service-Abo']
    """
    return comparison(data).options


def _net(option: str):
    def reference(data: CustomerBase) -> float:
        return float(comparison(data).row(option)["nettoeffekt"])
    return reference


def _members(data: CustomerBase) -> float:
    return float(comparison(data).row(service_subscription.SUBSCRIPTION)["mitglieder"])


def _points_cost(data: CustomerBase) -> float:
    return float(comparison(data).row(service_subscription.POINTS)["kosten"])


def _mean_purchases_of_takers(data: CustomerBase) -> float:
    m = lesson_model(data)
    s = service_subscription.defaults_for(data.branche)[1]
    return float(m.purchases[:m.takers(s.fee, s.value_per_purchase)].mean())


EXERCISES = [
    Exercise(
        id="4.7-a", title="Abonnenten bei der Startgebühr", kind="zahl",
        reference=_members, unit="", shown_decimals=0,
        hints=("Gesucht ist, wie viele Kunden das Service-Abo bei der Startgebühr abschließen: alle, für die es "
               "sich lohnt, mal den Anteil, der abschließt.",
               "In der Tabelle über der Aufgabe steht die Zahl in der Zeile „Service-Abo“, Spalte „Mitglieder“."),
    ),
    Exercise(
        id="4.7-b", title="Nettoeffekt des Punkteprogramms", kind="zahl",
        reference=_net(service_subscription.POINTS), unit="€", shown_decimals=0,
        hints=("Der Nettoeffekt ist Mehrmarge minus Kosten im Jahr. Gesucht ist er für das Punkteprogramm.",
               "In der Tabelle über der Aufgabe steht er in der Zeile „Punkteprogramm“, Spalte „Nettoeffekt“."),
    ),
    Exercise(
        id="4.7-c", title="Nettoeffekt des Service-Abos", kind="zahl",
        reference=_net(service_subscription.SUBSCRIPTION), unit="€", shown_decimals=0,
        hints=("Der Nettoeffekt ist Mehrmarge plus Gebühren minus Kosten im Jahr. Gesucht ist er für das "
               "Service-Abo; vergleichen Sie ihn danach mit dem des Punkteprogramms.",
               "In der Tabelle über der Aufgabe steht er in der Zeile „Service-Abo“, Spalte „Nettoeffekt“."),
    ),
    Exercise(
        id="4.7-d", title="Kosten des Punkteprogramms", kind="zahl",
        reference=_points_cost, unit="€", shown_decimals=0,
        hints=("Gesucht sind die Kosten des Punkteprogramms im Jahr: eingelöste Prämien und die Kosten je Mitglied.",
               "In der Tabelle über der Aufgabe stehen sie in der Zeile „Punkteprogramm“, Spalte „Kosten“."),
    ),
    Exercise(
        id="4.7-e", title="Mit Python: Käufe der Kunden, für die sich das Abo lohnt", optional=True, kind="zahl",
        reference=_mean_purchases_of_takers, unit="", shown_decimals=2,
        hints=("Nehmen Sie die Käufe je Kunde und Jahr, wählen Sie die Kunden, für die Käufe × Nutzen je Kauf "
               "mindestens die Gebühr erreicht, und rechnen Sie den Mittelwert ihrer Käufe.",
               "k = modell.purchases; k[k * abo.value_per_purchase >= abo.fee].mean()"),
    ),
]
