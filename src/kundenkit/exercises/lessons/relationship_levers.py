"""Exercises of lesson 5.8 "Die Grenzen des CRM – Wovor ich dann Angst bekomme".

Tasks a and b are read from the table of the start values
(:func:`kundenkit.models.relationship_levers.start_table`), task c from the
verdict of the lesson's widget (:func:`kundenkit.widgets.relationship_levers.explorer`)
at its start values, task d from the widget with the lever Wohlbefinden at 100 %;
task e is computed in Python with a larger capacity of the team.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import relationship_levers as levers

WELLBEING_D = 1.0    # task d: everything done for the staff's well-being
CAPACITY_E = 6.0     # task e: a team that handles six contacts per customer and year


def lesson_start(data: CustomerBase) -> levers.StartValues:
    """The start values of the loop as the lesson reads them (the course's capacity).

    >>> import kundenkit as kk
    >>> 0 < lesson_start(kk.generate_customers(seed=1, n_customers=300)).quality < 1
    True
    """
    return levers.start_values(data.require("kontakte"))


def start_table(data: CustomerBase) -> pd.DataFrame:
    """The one-row table of the start values."""
    return levers.start_table(lesson_start(data))


def _start_quality(data: CustomerBase) -> float:
    return lesson_start(data).quality


def _start_burden(data: CustomerBase) -> float:
    return lesson_start(data).burden


def _tipping_level(data: CustomerBase) -> float:
    tipping = levers.run_loop(lesson_start(data)).tipping
    if tipping is None:
        raise ValueError("no tipping level for these data")
    return tipping * 100


def _burden_after_six_months_full_wellbeing(data: CustomerBase) -> float:
    """After 24 months the loop often rests near the same state in several sectors; after six months the burden
    still shows where the learner's own contacts started."""
    run = levers.run_loop(lesson_start(data), levers.Levers(wohlbefinden=WELLBEING_D))
    return float(run.trajectory.loc[run.trajectory["monat"] == 6, "belastung"].iloc[0])


def _start_burden_larger_team(data: CustomerBase) -> float:
    return float(lesson_start(data).with_capacity(CAPACITY_E).burden)


EXERCISES = [
    Exercise(
        id="5.8-a", title="Beziehungsqualität am Start", kind="zahl",
        reference=_start_quality, unit="", shown_decimals=2,
        hints=("Der Kurs rechnet die mittlere Bewertung Ihrer Kontakte (1 bis 5) auf die Skala 0 bis 1 um: "
               "(Ø Bewertung − 1) ÷ 4.",
               "In der Tabelle „Wo die Schleife startet“ steht der Wert in der Spalte „Beziehungsqualität am "
               "Start“."),
    ),
    Exercise(
        id="5.8-b", title="Belastung am Start", kind="zahl",
        reference=_start_burden, unit="", shown_decimals=2,
        hints=("Die Belastung am Start ist: Kontakte je Kunde und Jahr ÷ Kapazität des Teams, höchstens 1.",
               "In der Tabelle „Wo die Schleife startet“ steht sie in der Spalte „Belastung am Start“."),
    ),
    Exercise(
        id="5.8-c", title="Kipppunkt beim Hebel Wohlbefinden", kind="zahl",
        reference=_tipping_level, unit="%", shown_decimals=0,
        hints=("Gesucht ist die Stufe des Hebels Wohlbefinden, ab der die Beziehungsqualität in 24 Monaten steigt "
               "statt fällt – mit den anderen Hebeln auf ihren Startwerten.",
               "Der Text unter dem Regler nennt sie: „Ab Wohlbefinden … % steigt die Qualität“. Im Diagramm rechts "
               "steht sie an der gestrichelten senkrechten Linie."),
    ),
    Exercise(
        id="5.8-d", title="Belastung mit vollem Wohlbefinden", kind="zahl",
        reference=_burden_after_six_months_full_wellbeing, unit="", shown_decimals=2,
        hints=("Nehmen Sie an, das Unternehmen tut alles für das Wohlbefinden an der Kundenschnittstelle. Wie "
               "hoch ist die Belastung der Mitarbeitenden nach sechs Monaten?",
               "Schieben Sie den Regler „Hebel Wohlbefinden“ ganz nach rechts auf 100 %. Die Tabelle „Verlauf alle "
               "sechs Monate“ unter dem Widget nennt sie in der Zeile für Monat 6."),
    ),
    Exercise(
        id="5.8-e", title="Mit Python: Belastung am Start mit einem größeren Team", optional=True,
        kind="zahl", reference=_start_burden_larger_team, unit="", shown_decimals=2,
        hints=("Erhöhen Sie die Kapazität des Teams auf 6 Kontakte je Kunde und Jahr. Gesucht ist die Belastung "
               "der Mitarbeitenden am Start.",
               "start.with_capacity(6.0) gibt die Startwerte mit der größeren Kapazität; ihr Wert .burden ist die "
               "Belastung am Start."),
    ),
]
