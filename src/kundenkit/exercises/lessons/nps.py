"""Exercises of lesson 2.7 "Erfolgsmessung des CX Managements – Ist der NPS wirklich die Masterkennzahl?".

Tasks a and b are read from the NPS per touchpoint (:func:`touchpoint_table`:
the last row "Alle Antworten", the top row), task c from the lesson's widget
(:func:`kundenkit.widgets.nps.explorer`) with the checked change set to
10 points, task d is computed in Python from the formula of the interval.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import nps

CHANGE_C = 10         # the change (points) of task 2.7-c


def touchpoint_table(data: CustomerBase) -> pd.DataFrame:
    """NPS per touchpoint with its 95 % interval, the row ``Alle Antworten`` last.

    >>> import kundenkit as kk
    >>> table = touchpoint_table(kk.generate_customers(seed=1, n_customers=300))
    >>> table["touchpoint"].iloc[-1], list(table.columns[-4:])
    ('Alle Antworten', ['nps_wert', 'nps_unten', 'nps_oben', 'wenige_antworten'])
    """
    return nps.nps_by_group(data.require("befragung"), "touchpoint")


def widget_start(data: CustomerBase) -> nps.NpsResult:
    """The distribution the lesson's widget starts from: the survey's shares, rounded to 1 % as on its sliders.

    >>> import kundenkit as kk
    >>> r = widget_start(kk.generate_customers(seed=1, n_customers=300))
    >>> r.promoters == round(r.promoters, 2), r.detractors == round(r.detractors, 2)
    (True, True)
    """
    overall = nps.net_promoter_score(data.require("befragung"))
    promoters = round(overall.promoters, 2)
    detractors = min(round(overall.detractors, 2), round(1 - promoters, 2))
    return nps.from_shares(promoters, detractors, max(overall.n, 1))


def _touchpoints(data: CustomerBase) -> list[str]:
    return sorted(data.require("befragung")["touchpoint"].dropna().astype(str).unique())


def _overall_nps(data: CustomerBase) -> float:
    return float(touchpoint_table(data)["nps_wert"].iloc[-1])


def _answers_needed(data: CustomerBase) -> int:
    return nps.answers_needed(widget_start(data), CHANGE_C)


def _highest_touchpoint(data: CustomerBase) -> str:
    table = touchpoint_table(data)    # sorted by NPS, highest first (ties by name), as the learner sees it
    return str(table[table["touchpoint"] != nps.TOTAL].dropna(subset=["nps_wert"]).iloc[0]["touchpoint"])


def _margin(data: CustomerBase) -> float:
    return nps.net_promoter_score(data.require("befragung")).margin


EXERCISES = [
    Exercise(
        id="2.7-a", title="NPS aller Antworten", kind="zahl",
        reference=_overall_nps, unit="", shown_decimals=1,
        hints=("Gesucht ist der NPS Ihrer ganzen Befragung: der Anteil der Promotoren (9 und 10) minus der Anteil "
               "der Kritiker (0 bis 6), in Punkten. Ein negativer NPS ist möglich, dann mit Minus.",
               "In der Tabelle über der Aufgabe steht er in der letzten Zeile „Alle Antworten“, Spalte „NPS“."),
    ),
    Exercise(
        id="2.7-b", title="Touchpoint mit dem höchsten NPS", kind="text",
        reference=_highest_touchpoint, choices=_touchpoints,
        hints=("Gesucht ist der Touchpoint, nach dem Ihre Kunden Sie am ehesten weiterempfehlen würden, gemessen am "
               "NPS.",
               "Die Tabelle über der Aufgabe ist nach dem NPS geordnet, der höchste steht oben. Nehmen Sie die "
               "oberste Zeile."),
    ),
    Exercise(
        id="2.7-c", title="Antworten je Befragung, damit 10 Punkte auffallen", kind="zahl",
        reference=_answers_needed, unit="", shown_decimals=0,
        hints=("Ein NPS schwankt schon durch Zufall. Gesucht ist, wie viele Antworten Sie je Befragung brauchen, "
               "damit eine Veränderung um 10 Punkte mehr als Rauschen ist – bei der Verteilung Ihrer Daten.",
               "Lassen Sie im Widget über der Aufgabe die Regler für Promotoren und Kritiker auf ihren Startwerten "
               "und stellen Sie „Geprüfte Veränderung (Punkte)“ auf 10. Der Satz „Damit ±10 Punkte sicher "
               "auffallen, brauchen Sie …“ nennt die Zahl."),
    ),
    Exercise(
        id="2.7-d", title="Mit Python: Halbe Breite des Intervalls", optional=True, kind="zahl",
        reference=_margin, unit="", shown_decimals=1,
        hints=("Rechnen Sie für alle Antworten: 1,96 × 100 × √([p + d − (p − d)²] / n), mit p und d als Anteil der "
               "Promotoren und der Kritiker und n als Zahl der Antworten.",
               "b = daten.require('befragung')['nps'].dropna(); p = (b >= 9).mean(); d = (b <= 6).mean(); "
               "1.96 * 100 * ((p + d - (p - d) ** 2) / len(b)) ** 0.5 – genauer: "
               "kk.models.nps.net_promoter_score(b).margin."),
    ),
]
