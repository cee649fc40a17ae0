"""Exercises of lesson 4.3 "Content is King – But Context is Key".

Task a is read from the table of contacts per context kind
(:func:`kundenkit.models.content_context.context_counts`), task b from the table of
both strategies at the course's settings, task c from the lesson's widget
(:func:`kundenkit.widgets.content_context.explorer`) with the annoyance at 60 %;
task d is computed in Python from the table ``kontakte``.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import content_context

ANNOYANCE_C = 0.6   # the annoyance of an offer in a problem context in task c


def counts_table(data: CustomerBase) -> pd.DataFrame:
    """The learner's contacts per context kind, as the lesson counts them.

    >>> import kundenkit as kk
    >>> counts_table(kk.generate_customers(seed=1, n_customers=300))["kontext"].tolist()
    ['Problem', 'Kauf/Entscheidung', 'Routine']
    """
    return content_context.context_counts(data.require("kontakte"))


def summary_table(data: CustomerBase, offer_annoyance: float = content_context.OFFER_ANNOYANCE) -> pd.DataFrame:
    """Positive, annoyed and net reactions of both strategies over all contacts."""
    return content_context.compare(counts_table(data), offer_annoyance=offer_annoyance).summary()


def _problem_share(data: CustomerBase) -> float:
    return float(counts_table(data)["anteil"].iloc[0]) * 100


def _broadcast_net(data: CustomerBase) -> float:
    return float(summary_table(data)["netto"].iloc[0])


def _advantage_c(data: CustomerBase) -> float:
    return content_context.compare(counts_table(data), offer_annoyance=ANNOYANCE_C).advantage


def _low_rated_share(data: CustomerBase) -> float:
    k = data.require("kontakte")
    return float((k["bewertung"] <= content_context.LOW_RATING).mean()) * 100


EXERCISES = [
    Exercise(
        id="4.3-a", title="Anteil der Kontakte in einer Problemlage", kind="zahl",
        reference=_problem_share, unit="%", shown_decimals=1,
        hints=("Gesucht ist, welcher Teil aller Kontakte in der Lage „Problem“ stattfand: an einem Touchpoint "
               "wie Beschwerde oder Reklamation oder mit einer Bewertung von 1 oder 2. Geben Sie ihn in Prozent an.",
               "In der Tabelle über der Aufgabe steht er in der Zeile „Problem“, Spalte „Anteil“."),
    ),
    Exercise(
        id="4.3-b", title="Netto-Wirkung des gleichen Angebots für alle", kind="zahl",
        reference=_broadcast_net, unit="", shown_decimals=1,
        hints=("Gesucht ist die Netto-Wirkung, wenn alle Kontakte dasselbe Angebot bekommen: positive Reaktionen "
               "minus verärgerte Kontakte. Sie kann negativ sein.",
               "In der Tabelle über der Aufgabe steht sie in der Zeile „Gleicher Inhalt für alle“, Spalte "
               "„Netto“."),
    ),
    Exercise(
        id="4.3-c", title="Vorsprung durch den Kontext bei 60 % Verärgerung", kind="zahl",
        reference=_advantage_c, unit="", shown_decimals=1,
        hints=("Gesucht ist, um wie viele Reaktionen netto „Inhalt nach Kontext“ besser abschneidet als "
               "„Gleicher Inhalt für alle“, wenn ein Angebot im Problemfall 60 % der Kontakte verärgert.",
               "Stellen Sie im Widget den ersten Regler auf 60 %. Der Satz „Der Kontext bringt … Reaktionen netto "
               "mehr“ nennt die Zahl; genauer: Netto nach Kontext minus Netto für alle."),
    ),
    Exercise(
        id="4.3-d", title="Mit Python: Schlecht bewertete Kontakte", optional=True, kind="zahl",
        reference=_low_rated_share, unit="%", shown_decimals=1,
        hints=("Rechnen Sie, welcher Anteil aller Kontakte mit 1 oder 2 bewertet wurde – in Prozent.",
               "k = daten.kontakte; (k['bewertung'] <= 2).mean() * 100"),
    ),
]
