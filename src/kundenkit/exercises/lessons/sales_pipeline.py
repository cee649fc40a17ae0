"""Exercises of lesson 4.5 "Der Kennerblick aufs „V“ – Warum die Salespipeline Controller glücklich macht".

Tasks a and b are read from the table of the stages (:func:`stages_table`), task c
from the table of the pipeline velocity (:func:`velocity_table`), task d from the
lesson's widget (:func:`kundenkit.widgets.sales_pipeline.explorer`) with the chance
from Erstkontakt set to 50 %; task e is computed in Python from the table ``chancen``.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import sales_pipeline

CHANCE_D = 0.5            # task d: the learner's chance of winning from Erstkontakt
YEAR_E = 2024             # task e: won opportunities closed in this year


def lesson_model(data: CustomerBase) -> sales_pipeline.PipelineModel:
    """The opportunities as the lesson computes them.

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).closed > 0
    True
    """
    return sales_pipeline.lesson_model(data.require("chancen"))


def stages_table(data: CustomerBase) -> pd.DataFrame:
    """The stages with the historical advance rates, chances of winning and the open pipeline.

    >>> import kundenkit as kk
    >>> stages_table(kk.generate_customers(seed=1, n_customers=300))["phase"].tolist()[-1]
    'Abschluss'
    """
    return lesson_model(data).funnel()


def velocity_table(data: CustomerBase) -> pd.DataFrame:
    """The four parts of the pipeline velocity and its value in euros per day (one row)."""
    return lesson_model(data).velocity()


def _stage(data: CustomerBase, stage: str, column: str) -> float:
    table = stages_table(data)
    return float(table.loc[table["phase"] == stage, column].iloc[0])


def _offer_advance(data: CustomerBase) -> float:
    return _stage(data, "Angebot", "weiterquote") * 100


def _negotiation_chance(data: CustomerBase) -> float:
    return _stage(data, "Verhandlung", "gewinnchance") * 100


def _velocity(data: CustomerBase) -> float:
    return lesson_model(data).velocity_per_day()


def _weighted_with_first_contact(data: CustomerBase) -> float:
    return lesson_model(data).weighted({"Erstkontakt": CHANCE_D})


def _won_in_year(data: CustomerBase) -> float:
    chancen = data.require("chancen")
    won = chancen[(chancen["status"] == "gewonnen") & (chancen["abgeschlossen_am"].dt.year == YEAR_E)]
    return float(won["betrag"].sum())


EXERCISES = [
    Exercise(
        id="4.5-a", title="Weiterquote vom Angebot in die Verhandlung", kind="zahl",
        reference=_offer_advance, unit="%", shown_decimals=1,
        hints=("Gesucht ist: Von den abgeschlossenen Chancen, die ein Angebot bekamen, welcher Anteil kam in die "
               "Verhandlung? Geben Sie ihn in Prozent an.",
               "In der Tabelle der Phasen steht er in der Zeile „Angebot“, Spalte „Weiterquote“."),
    ),
    Exercise(
        id="4.5-b", title="Gewinnchance ab der Verhandlung", kind="zahl",
        reference=_negotiation_chance, unit="%", shown_decimals=1,
        hints=("Gesucht ist die Chance, dass eine Chance in der Verhandlung gewonnen wird – nach Ihrer Vergangenheit, "
               "in Prozent.",
               "In der Tabelle der Phasen steht sie in der Zeile „Verhandlung“, Spalte „Gewinnchance“."),
    ),
    Exercise(
        id="4.5-c", title="Pipeline-Geschwindigkeit", kind="zahl",
        reference=_velocity, unit="€", shown_decimals=0,
        hints=("Die Pipeline-Geschwindigkeit ist: offene Chancen × Gewinnquote × Ø Auftragswert ÷ Ø Zykluslänge "
               "in Tagen. Sie sagt, wie viel Euro Ihre Pipeline im Schnitt pro Tag einbringt.",
               "In der Tabelle der Pipeline-Geschwindigkeit steht sie in der letzten Spalte."),
    ),
    Exercise(
        id="4.5-d", title="Gewichtete Pipeline mit 50 % ab Erstkontakt", kind="zahl",
        reference=_weighted_with_first_contact, unit="€", shown_decimals=0,
        hints=("Geben Sie jeder Chance im Erstkontakt eine Gewinnchance von 50 %; die anderen Phasen behalten die "
               "Gewinnchance Ihrer Vergangenheit. Gesucht ist die gewichtete Pipeline in Euro.",
               "Klicken Sie im Widget auf „Zurück auf Ihre Vergangenheit“ und schieben Sie dann nur den Regler "
               "„Gewinnchance ab Erstkontakt“ auf 50 %. Der Betrag steht im Satz „Mit Ihren Gewinnchancen erwarten "
               "Sie …“."),
    ),
    Exercise(
        id="4.5-e", title="Mit Python: Gewonnen im Jahr 2024", optional=True, kind="zahl",
        reference=_won_in_year, unit="€", shown_decimals=2,
        hints=("Nehmen Sie die Tabelle chancen, wählen Sie die gewonnenen Chancen, die 2024 abgeschlossen wurden, "
               "und addieren Sie ihre Beträge.",
               "chancen = daten.require('chancen'); gewonnen = chancen[(chancen['status'] == 'gewonnen') & "
               "(chancen['abgeschlossen_am'].dt.year == 2024)]; gewonnen['betrag'].sum()"),
    ),
]
