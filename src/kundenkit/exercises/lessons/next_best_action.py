"""Exercises of lesson 3.9 "Man kann eine Beziehung auch totquatschen – Warum „next best action“ sinnvoll ist".

Task a is read from the simulated year (:func:`year`: the curve of the lesson's
widget with its start settings, 30 days and equal weights), task b from the
decisions of today (:func:`decisions_today`), task c from the comparison of
"Alles senden" with next best action, task d is computed in Python from the
actions of the course model.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import next_best_action as nba

WINDOW = 30                              # the window of the widget's start (days)
WEIGHTING = "alle gleich"                # the weighting of the widget's start
SAMPLE = 500                             # the widget's sample of customers


def setup(data: CustomerBase) -> nba.CourseSetup:
    """Customers, actions and propensities of the course model from the learner's transactions."""
    return nba.course_setup(data.require("transaktionen"))


def year(data: CustomerBase) -> nba.SimulationResult:
    """The simulated year the lesson's widget starts with (window 30 days, equal weights, 500 customers).

    >>> import kundenkit as kk
    >>> result = year(kk.generate_customers(seed=1, n_customers=300))
    >>> list(result.curve["kontaktgrenze"]) == list(range(11)), result.window_days
    (True, 30)
    """
    return nba.simulate_year(setup(data), window_days=WINDOW, weights=nba.WEIGHTINGS[WEIGHTING], sample=SAMPLE)


def decisions_today(data: CustomerBase) -> pd.DataFrame:
    """How many customers get which action today (no contacts yet, the course's contact policy).

    >>> import kundenkit as kk
    >>> data = kk.generate_customers(seed=1, n_customers=300)
    >>> table = decisions_today(data)
    >>> list(table.columns), int(table["kunden"].sum()) == len(setup(data).customers)
    (['ergebnis', 'kunden', 'anteil'], True)
    """
    return nba.decision_summary(setup(data).decide(nba.ContactPolicy(max_contacts=2, window_days=WINDOW)))


def _best_value(data: CustomerBase) -> float:
    result = year(data)
    return float(result.row(result.best_cap())["wert_pro_kunde"])


def _not_eligible(data: CustomerBase) -> int:
    table = decisions_today(data)
    rows = table.loc[table["ergebnis"] == f"ohne Aktion: {nba.NOT_ELIGIBLE}", "kunden"]
    return int(rows.sum())


def _blast_optout(data: CustomerBase) -> float:
    return 100 * float(year(data).blast["anteil_abgemeldet"].iloc[0])


def _highest_offer(data: CustomerBase) -> float:
    actions = setup(data).actions
    return float(actions.loc[actions["art"] == nba.OFFER, "aktionswert"].max())


EXERCISES = [
    Exercise(
        id="3.9-a", title="Wert je Kunde bei der besten Kontaktgrenze", kind="zahl",
        reference=_best_value, unit="€", shown_decimals=2,
        hints=("Gesucht ist der höchste Wert je Kunde und Jahr, den die nächste beste Aktion im Modell des Kurses "
               "erreicht – bei der Kontaktgrenze, die am meisten bringt (Zeitfenster 30 Tage, alle Gewichte gleich).",
               "Suchen Sie in der Tabelle über der Aufgabe in der Spalte „Wert je Kunde und Jahr“ die größte Zahl. "
               "Im Widget ist es die Grenze, bei der das Urteil „Maximum“ sagt."),
    ),
    Exercise(
        id="3.9-b", title="Kunden ohne Aktion, weil nicht berechtigt", kind="zahl",
        reference=_not_eligible, unit="", shown_decimals=0,
        hints=("Der erste Filter fragt: Darf dieser Kunde überhaupt angesprochen werden? Im Modell des Kurses ist "
               "berechtigt, wer im letzten Jahr gekauft hat. Gesucht ist die Zahl der Kunden, die heute deshalb "
               "keine Aktion bekommen.",
               "In der Tabelle der Entscheidungen über der Aufgabe steht sie in der Zeile „ohne Aktion: nicht "
               "berechtigt“, Spalte „Kunden“."),
    ),
    Exercise(
        id="3.9-c", title="Abgemeldet bei „Alles senden“", kind="zahl",
        reference=_blast_optout, unit="%", shown_decimals=0,
        hints=("„Alles senden“ schickt alle zwei Wochen jede Aktion an jeden berechtigten Kunden. Gesucht ist der "
               "Anteil der berechtigten Kunden, die sich in diesem Jahr abmelden, in Prozent.",
               "In der Vergleichstabelle über der Aufgabe steht er in der Zeile „Alles senden“, Spalte "
               "„Abgemeldet“."),
    ),
    Exercise(
        id="3.9-d", title="Mit Python: Wert des wertvollsten Angebots", optional=True, kind="zahl",
        reference=_highest_offer, unit="€", shown_decimals=2,
        hints=("Der Wert einer Antwort auf ein Angebot ist im Modell des Kurses der mittlere Betrag der Kategorie "
               "× Marge (20 %). Gesucht ist der höchste dieser Werte unter den Angeboten.",
               "s = kk.models.next_best_action.course_setup(daten.transaktionen); "
               "s.actions.loc[s.actions['art'] == 'Angebot', 'aktionswert'].max()"),
    ),
]
