"""Exercises of lesson 4.9 "Weiterverbindung im Kundenservice – Nervt brutal, ist aber super!".

Tasks a and b are read from the table of the learner's service requests
(:meth:`kundenkit.models.call_transfer.ServiceModel.table`), task c from the
verdict of the lesson's widget (:func:`kundenkit.widgets.call_transfer.explorer`)
at its start values, task d from the widget's table with every transfer made warm;
task e is computed in Python with another cost per minute.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import call_transfer

WARM_SHARE_D = 1.0         # task d: every transfer is made warm
COST_PER_MINUTE_E = 1.5    # task e: € per minute of staff time


def lesson_model(data: CustomerBase) -> call_transfer.ServiceModel:
    """The contacts per touchpoint as the lesson reads them.

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).default_touchpoints
    ('Kundenservice', 'Reklamation/Umtausch')
    """
    return call_transfer.ServiceModel.from_tables(data.require("kontakte"))


def requests_table(data: CustomerBase) -> pd.DataFrame:
    """The learner's requests per service touchpoint and their sum (default touchpoints).

    >>> import kundenkit as kk
    >>> requests_table(kk.generate_customers(seed=1, n_customers=300))["touchpoint"].iloc[-1]
    'Summe'
    """
    return lesson_model(data).table()


def _requests(data: CustomerBase) -> int:
    return int(requests_table(data)["anfragen"].iloc[-1])


def _mean_rating(data: CustomerBase) -> float:
    return float(requests_table(data)["bewertung_mittel"].iloc[-1])


def _solved_first_time(data: CustomerBase) -> float:
    return float(lesson_model(data).evaluate().current["im_ersten_kontakt_geloest"])


def _rating_targeted_warm(data: CustomerBase) -> float:
    result = lesson_model(data).evaluate(warm_share=WARM_SHARE_D)
    return float(result.row(call_transfer.TARGETED)["bewertung_geschaetzt"])


def _cost_targeted(data: CustomerBase) -> float:
    result = lesson_model(data).evaluate(cost_per_minute=COST_PER_MINUTE_E)
    return float(result.row(call_transfer.TARGETED)["servicekosten"])


EXERCISES = [
    Exercise(
        id="4.9-a", title="Anfragen an den Service-Touchpoints", kind="zahl",
        reference=_requests, unit="", shown_decimals=0,
        hints=("Gesucht ist die Zahl aller Kontakte an den Service-Touchpoints zusammen – jede Anfrage zählt, auch "
               "mehrere desselben Kunden.",
               "In der Tabelle „Ihre Anfragen“ über der Aufgabe steht sie in der Zeile „Summe“, Spalte „Anfragen“."),
    ),
    Exercise(
        id="4.9-b", title="Mittlere Bewertung der Anfragen", kind="zahl",
        reference=_mean_rating, unit="", shown_decimals=2,
        hints=("Gesucht ist der Durchschnitt der Bewertungen (1 bis 5) aller bewerteten Anfragen zusammen. Von ihm "
               "geht das Modell bei der Zufriedenheit aus.",
               "In der Tabelle „Ihre Anfragen“ steht er in der Zeile „Summe“, Spalte „Ø Bewertung“."),
    ),
    Exercise(
        id="4.9-c", title="Im ersten Kontakt gelöst", kind="zahl",
        reference=_solved_first_time, unit="", shown_decimals=0,
        hints=("Gesucht ist die Zahl der Anfragen, die im Modell schon im ersten Kontakt gelöst werden – mit allen "
               "Reglern auf ihren Startwerten.",
               "Der Text unter dem Regler „Anteil weiterverbunden“ nennt sie: „Im ersten Kontakt gelöst: … (… von … "
               "Anfragen)“. Lassen Sie alle Regler auf ihren Startwerten."),
    ),
    Exercise(
        id="4.9-d", title="Bewertung bei gezielter, warmer Weiterverbindung", kind="zahl",
        reference=_rating_targeted_warm, unit="", shown_decimals=2,
        hints=("Nehmen Sie an, jede Weiterverbindung wird warm übergeben: Der Kunde muss nichts wiederholen. Welche "
               "Bewertung schätzt das Modell dann für die Strategie „gezielt weiterverbinden“?",
               "Schieben Sie im Widget „Davon warm übergeben“ auf 100 % und lassen Sie die anderen Regler auf ihren "
               "Startwerten. Lesen Sie in der Tabelle unter dem Widget die Zeile „gezielt weiterverbinden“, Spalte "
               "„Bewertung (geschätzt, 1–5)“."),
    ),
    Exercise(
        id="4.9-e", title="Mit Python: Kosten der gezielten Weiterverbindung bei 1,50 € je Minute", optional=True,
        kind="zahl", reference=_cost_targeted, unit="€", shown_decimals=0,
        hints=("Gesucht sind die Kosten aller Anfragen bei der Strategie „gezielt weiterverbinden“, wenn eine Minute "
               "Arbeitszeit 1,50 € kostet; alle anderen Annahmen bleiben auf ihren Startwerten.",
               "modell.evaluate(cost_per_minute=1.5).row(\"gezielt weiterverbinden\")[\"servicekosten\"]."),
    ),
]
