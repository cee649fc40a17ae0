"""Exercises of lesson 5.6 "Warum Bullshit allein keine kundenorientierten Mitarbeiter erzeugt".

Tasks a to c are read from the table of departments (:func:`departments_table`,
the learner's contacts joined with the course's assignment of touchpoints to
departments) and from the lesson's widget note; task d is computed in Python from
the table ``kontakte``. The norms-vs-room model does not depend on the learner's
data, so it is a question to think about, not a checked task.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_focus


def lesson_map(data: CustomerBase) -> customer_focus.DepartmentMap:
    """The learner's contacts by department, with the course's assignment (as the lesson computes it).

    >>> import kundenkit as kk
    >>> lesson_map(kk.generate_customers(seed=1, n_customers=300)).unassigned
    ()
    """
    return customer_focus.department_map(data.require("kontakte"))


def departments_table(data: CustomerBase) -> pd.DataFrame:
    """One row per department: touchpoints, contacts, share, mean rating, customers with contact.

    >>> import kundenkit as kk
    >>> "Filialen" in departments_table(kk.generate_customers(seed=1, n_customers=300))["abteilung"].tolist()
    True
    """
    return lesson_map(data).departments


def _departments(data: CustomerBase) -> list[str]:
    return sorted(departments_table(data)["abteilung"])


def _worst(data: CustomerBase) -> str:
    return lesson_map(data).worst() or customer_focus.UNASSIGNED


def _most_contacts(data: CustomerBase) -> float:
    return float(departments_table(data)["kontakte"].max())


def _mean_departments(data: CustomerBase) -> float:
    return lesson_map(data).mean_departments


def _single_department_share(data: CustomerBase) -> float:
    k = data.require("kontakte")
    lookup = dict(zip(customer_focus.default_assignment()["touchpoint"],
                      customer_focus.default_assignment()["abteilung"], strict=True))
    departments = k["touchpoint"].map(lookup).fillna(customer_focus.UNASSIGNED)
    per_customer = pd.DataFrame({"k": k["kunden_id"], "d": departments}).groupby("k")["d"].nunique()
    return float((per_customer == 1).mean()) * 100


EXERCISES = [
    Exercise(
        id="5.6-a", title="Abteilung mit der schlechtesten Bewertung", kind="text",
        reference=_worst, choices=_departments,
        hints=("Gesucht ist die Abteilung, deren Kontakte Ihre Kunden im Mittel am schlechtesten bewerten (Skala 1 "
               "bis 5). „nicht zugeordnet“ ist keine Abteilung.",
               "Suchen Sie in der Tabelle über der Aufgabe in der Spalte „Bewertung“ die kleinste Zahl und nehmen "
               "Sie die Abteilung dieser Zeile."),
    ),
    Exercise(
        id="5.6-b", title="Kontakte der Abteilung mit den meisten Kontakten", kind="zahl",
        reference=_most_contacts, unit="", shown_decimals=0,
        hints=("Gesucht ist, wie viele Kontakte die Abteilung hatte, mit der Ihre Kunden am häufigsten zu tun "
               "haben.",
               "Die Tabelle über der Aufgabe ist nach den Kontakten geordnet: Die oberste Zeile, Spalte „Kontakte“, "
               "nennt die Zahl."),
    ),
    Exercise(
        id="5.6-c", title="Abteilungen je Kunde", kind="zahl",
        reference=_mean_departments, unit="", shown_decimals=1,
        hints=("Gesucht ist, mit wie vielen verschiedenen Abteilungen ein Kunde, der Kontakt hatte, im Mittel zu "
               "tun hat.",
               "Der Text oben im Widget über der Aufgabe nennt die Zahl nach „trifft im Mittel“, mit einer "
               "Nachkommastelle."),
    ),
    Exercise(
        id="5.6-d", title="Mit Python: Kunden, die nur eine Abteilung treffen", optional=True, kind="zahl",
        reference=_single_department_share, unit="%", shown_decimals=1,
        hints=("Ordnen Sie jedem Kontakt die Abteilung seines Touchpoints zu, zählen Sie je Kunde die "
               "verschiedenen Abteilungen und rechnen Sie, welcher Anteil der Kunden genau eine hat – in Prozent.",
               "z = kk.models.customer_focus.default_assignment(); abt = daten.kontakte['touchpoint'].map("
               "dict(zip(z['touchpoint'], z['abteilung']))); je_kunde = abt.groupby(daten.kontakte['kunden_id'])"
               ".nunique(); (je_kunde == 1).mean() * 100"),
    ),
]
