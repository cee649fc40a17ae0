"""Exercises of lesson 4.12 "Beschwerden als Chance – geht das eigentlich?".

Tasks a and b are read from the table of the learner's complaints
(:func:`kundenkit.models.complaints.complaint_summary`), task c from the verdict
of the lesson's widget (:func:`kundenkit.widgets.complaints.explorer`) at its
start values, task d from the widget with "Schnell gelöst" at 100 %; task e is
computed in Python with another assumed share of complainers.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import complaints

QUICK_SHARE_D = 1.0          # task d: every satisfying solution comes quickly
COMPLAINT_SHARE_E = 0.10     # task e: only one in ten dissatisfied customers complains


def lesson_model(data: CustomerBase) -> complaints.ComplaintModel:
    """The complaint contacts (and the revenue per customer, if there are purchases) as the lesson reads them.

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).default_touchpoints
    ('Reklamation/Umtausch',)
    """
    return complaints.ComplaintModel.from_tables(data.require("kontakte"), data.transaktionen)


def summary_table(data: CustomerBase) -> pd.DataFrame:
    """The one-row table of the learner's complaints (default touchpoints, satisfied from a rating of 4).

    >>> import kundenkit as kk
    >>> int(summary_table(kk.generate_customers(seed=1, n_customers=300))["kunden_mit_beschwerde"].iloc[0]) > 0
    True
    """
    return complaints.complaint_summary(lesson_model(data))


def _complainants(data: CustomerBase) -> int:
    return int(summary_table(data)["kunden_mit_beschwerde"].iloc[0])


def _satisfied_share(data: CustomerBase) -> float:
    return float(summary_table(data)["anteil_zufrieden"].iloc[0]) * 100


def _retained_revenue(data: CustomerBase) -> float:
    return lesson_model(data).evaluate().retained_revenue


def _retained_revenue_all_quick(data: CustomerBase) -> float:
    return lesson_model(data).evaluate(QUICK_SHARE_D).retained_revenue


def _dissatisfied_few_complain(data: CustomerBase) -> float:
    return lesson_model(data).evaluate(complaint_share=COMPLAINT_SHARE_E).dissatisfied


EXERCISES = [
    Exercise(
        id="4.12-a", title="Kunden mit Beschwerde", kind="zahl",
        reference=_complainants, unit="", shown_decimals=0,
        hints=("Gesucht ist, wie viele verschiedene Kunden mindestens einmal an einem Beschwerde-Touchpoint "
               "Kontakt hatten – nicht, wie viele Beschwerden es gab.",
               "In der Tabelle „Ihre Beschwerden“ über der Aufgabe steht die Zahl in der Spalte „Kunden mit "
               "Beschwerde“."),
    ),
    Exercise(
        id="4.12-b", title="Anteil zufrieden behandelter Beschwerdeführer", kind="zahl",
        reference=_satisfied_share, unit="%", shown_decimals=1,
        hints=("Der Kurs nimmt die Bewertung der letzten Beschwerde eines Kunden als Zeichen dafür, wie gut sie "
               "behandelt wurde: zufrieden ab 4 von 5. Gesucht ist der Anteil dieser Kunden an allen Kunden mit "
               "Beschwerde, in Prozent.",
               "In der Tabelle „Ihre Beschwerden“ steht er in der Spalte „Anteil zufrieden“."),
    ),
    Exercise(
        id="4.12-c", title="Umsatz, der bleibt", kind="zahl",
        reference=_retained_revenue, unit="€", shown_decimals=0,
        hints=("Gesucht ist der Umsatz im Jahr, den die unzufriedenen Kunden, die bleiben, im Modell noch bringen – "
               "mit allen Reglern auf ihren Startwerten.",
               "Der Text unter dem Regler „Schnell gelöst“ nennt ihn: „Sie bringen … Umsatz im Jahr“. Lassen Sie "
               "alle Regler auf ihren Startwerten."),
    ),
    Exercise(
        id="4.12-d", title="Umsatz, der bleibt, wenn alles schnell geht", kind="zahl",
        reference=_retained_revenue_all_quick, unit="€", shown_decimals=0,
        hints=("Nehmen Sie an, jede Beschwerde, die zur Zufriedenheit gelöst wird, wird auch schnell gelöst. Wie viel "
               "Umsatz bleibt dann im Jahr?",
               "Schieben Sie im Widget den Regler „Schnell gelöst“ ganz nach rechts auf 100 % und lassen Sie die "
               "anderen Regler auf ihren Startwerten. Der Text darunter nennt den Umsatz, der bleibt."),
    ),
    Exercise(
        id="4.12-e", title="Mit Python: Unzufriedene, wenn sich nur jeder Zehnte beschwert", optional=True,
        kind="zahl", reference=_dissatisfied_few_complain, unit="", shown_decimals=0,
        hints=("Wenn sich nur 10 % der Unzufriedenen beschweren, stehen hinter jeder Beschwerde zehn Unzufriedene. "
               "Gesucht ist die geschätzte Zahl aller unzufriedenen Kunden.",
               "modell.evaluate(complaint_share=0.1).dissatisfied – oder Kunden mit Beschwerde / 0,1."),
    ),
]
