"""Exercises of lesson 3.10 "Von Fremden und Kletten – Herr Puvogel tobt!".

Tasks a and b are read from the table of the four groups (:func:`groups_table`,
thresholds at the medians), task c from the verdict of the lesson's widget
(:func:`kundenkit.widgets.loyalty_profit.explorer`), task d from the widget with
the profit threshold at 0 €; task e is computed in Python from the per-customer table.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_profit, loyalty_profit

PROFIT_THRESHOLD_D = 0.0      # € per year: task d counts the long-standing customers who make a loss


def lesson_model(data: CustomerBase) -> loyalty_profit.LoyaltyModel:
    """Duration and profit per customer as the lesson computes them (every table the data have).

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).start_source
    'Kunde seit (Kundentabelle)'
    """
    return loyalty_profit.LoyaltyModel.from_tables(
        data.require("transaktionen"), data.kunden, data.kontakte, data.befragung,
        assumptions=customer_profit.assumptions_for(data.branche))


def groups_table(data: CustomerBase) -> pd.DataFrame:
    """The four groups at the default thresholds (the medians), the row ``Alle Kunden`` last.

    >>> import kundenkit as kk
    >>> groups_table(kk.generate_customers(seed=1, n_customers=300))["gruppe"].tolist()
    ['Fremde', 'Schmetterlinge', 'Wahre Freunde', 'Kletten', 'Alle Kunden']
    """
    return lesson_model(data).evaluate().summary


def _row(data: CustomerBase, group: str) -> pd.Series:
    table = groups_table(data)
    return table[table["gruppe"] == group].iloc[0]


def _barnacles(data: CustomerBase) -> int:
    return int(_row(data, loyalty_profit.BARNACLES)["kunden"])


def _friends_profit_share(data: CustomerBase) -> float:
    return float(_row(data, loyalty_profit.TRUE_FRIENDS)["anteil_gewinn"]) * 100


def _barnacle_share(data: CustomerBase) -> float:
    return lesson_model(data).evaluate().barnacle_share * 100


def _loss_making_barnacles(data: CustomerBase) -> int:
    model = lesson_model(data)
    duration, _ = model.default_thresholds()
    return model.evaluate(duration, PROFIT_THRESHOLD_D).count(loyalty_profit.BARNACLES)


def _barnacle_duration(data: CustomerBase) -> float:
    table = loyalty_profit.loyalty_table(lesson_model(data))
    return float(table.loc[table["gruppe"] == loyalty_profit.BARNACLES, "dauer_jahre"].mean())


EXERCISES = [
    Exercise(
        id="3.10-a", title="Zahl der Kletten", kind="zahl",
        reference=_barnacles, unit="", shown_decimals=0,
        hints=("Kletten sind Kunden, die schon lange bei Ihnen sind, aber wenig Gewinn bringen: Dauer mindestens "
               "so lang wie die Schwelle, Gewinn unter der Schwelle. Die Schwellen stehen auf dem Median.",
               "In der Tabelle der vier Gruppen über der Aufgabe steht die Zahl in der Zeile „Kletten“, "
               "Spalte „Kunden“."),
    ),
    Exercise(
        id="3.10-b", title="Anteil der wahren Freunde am Gesamtgewinn", kind="zahl",
        reference=_friends_profit_share, unit="%", shown_decimals=1,
        hints=("Gesucht ist, welcher Teil des Gewinns aller Kunden von den wahren Freunden kommt: lange dabei und "
               "profitabel. Geben Sie ihn in Prozent an.",
               "In der Tabelle der vier Gruppen steht er in der Zeile „Wahre Freunde“, Spalte „Anteil am "
               "Gesamtgewinn“."),
    ),
    Exercise(
        id="3.10-c", title="Anteil der Kletten unter den langjährigen Kunden", kind="zahl",
        reference=_barnacle_share, unit="%", shown_decimals=1,
        hints=("Langjährig sind die wahren Freunde und die Kletten zusammen. Gesucht ist, welcher Teil von ihnen "
               "Kletten sind – in Prozent.",
               "Lassen Sie die Regler des Widgets auf ihren Startwerten (Knopf „Zurück auf die Mediane“). Der Satz "
               "„Von Ihren … langjährigen Kunden sind … Kletten“ nennt den Anteil."),
    ),
    Exercise(
        id="3.10-d", title="Kletten, die Verlust bringen", kind="zahl",
        reference=_loss_making_barnacles, unit="", shown_decimals=0,
        hints=("Stellen Sie die Gewinnschwelle auf 0 €. Dann ist eine Klette ein langjähriger Kunde, der im Jahr "
               "Verlust bringt. Gesucht ist, wie viele solche Kunden es gibt.",
               "Schieben Sie im Widget den Regler „Profitabel ab“ auf 0 € und lassen Sie die Dauer auf ihrem "
               "Startwert. Die Zahl steht im Satz „Von Ihren … langjährigen Kunden sind … Kletten“ und in der "
               "Tabelle in der Zeile „Kletten“."),
    ),
    Exercise(
        id="3.10-e", title="Mit Python: Mittlere Dauer der Kletten", optional=True, kind="zahl",
        reference=_barnacle_duration, unit="", shown_decimals=2,
        hints=("Nehmen Sie die Tabelle je Kunde, wählen Sie die Zeilen der Gruppe Kletten und rechnen Sie den "
               "Mittelwert der Dauer in Jahren.",
               "je_kunde = kk.models.loyalty_profit.loyalty_table(modell); "
               "je_kunde.loc[je_kunde['gruppe'] == 'Kletten', 'dauer_jahre'].mean()"),
    ),
]
