"""Exercises of lesson 4.21 "The Human Touchpoint – Wo der Mensch noch einen Unterschied machen kann …".

Tasks a and b are read from the table of human and digital contacts over all
touchpoints (:meth:`HumanTouchModel.kind_summary`), task c from the lesson's widget
(:func:`kundenkit.widgets.human_touchpoint.explorer`) with the value per rating point
at 0 €; task d is computed in Python from the table ``kontakte``.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_profit, human_touchpoint

POINT_VALUE_C = 0.0     # € per rating point: task c automates every compared touchpoint


def lesson_model(data: CustomerBase) -> human_touchpoint.HumanTouchModel:
    """Ratings and costs per touchpoint as the lesson computes them (the sector's contact costs).

    >>> import kundenkit as kk
    >>> lesson_model(kk.generate_customers(seed=1, n_customers=300)).min_contacts
    30
    """
    return human_touchpoint.HumanTouchModel.from_table(
        data.require("kontakte"), assumptions=customer_profit.assumptions_for(data.branche))


def kinds_table(data: CustomerBase) -> pd.DataFrame:
    """Human and digital contacts over all touchpoints: contacts, share and mean rating.

    >>> import kundenkit as kk
    >>> kinds_table(kk.generate_customers(seed=1, n_customers=300))["art"].tolist()
    ['Mensch', 'digital']
    """
    return lesson_model(data).kind_summary()


def _human_share(data: CustomerBase) -> float:
    return float(kinds_table(data)["anteil"].iloc[0]) * 100


def _overall_difference(data: CustomerBase) -> float:
    table = kinds_table(data)
    return round(float(table["bewertung"].iloc[0]) - float(table["bewertung"].iloc[1]), 2)


def _savings_at_zero(data: CustomerBase) -> float:
    return lesson_model(data).evaluate(POINT_VALUE_C).savings


def _bad_human_share(data: CustomerBase) -> float:
    k = data.require("kontakte")
    human = k[k["kanal"].isin(human_touchpoint.HUMAN_CHANNELS)]
    return float((human["bewertung"] <= 2).mean()) * 100


EXERCISES = [
    Exercise(
        id="4.21-a", title="Anteil menschlicher Kontakte", kind="zahl",
        reference=_human_share, unit="%", shown_decimals=1,
        hints=("Gesucht ist, welcher Teil aller Kontakte über einen menschlichen Kanal lief – Filiale, Telefon, "
               "Berater, Außendienst oder Servicetechniker. Geben Sie ihn in Prozent an.",
               "In der Tabelle über der Aufgabe steht er in der Zeile „Mensch“, Spalte „Anteil“."),
    ),
    Exercise(
        id="4.21-b", title="Unterschied der Bewertungen über alle Touchpoints", kind="zahl",
        reference=_overall_difference, unit="", shown_decimals=2,
        hints=("Gesucht ist die mittlere Bewertung der menschlichen Kontakte minus die der digitalen, über alle "
               "Touchpoints zusammen. Ist sie bei den Menschen kleiner, ist die Antwort negativ.",
               "Nehmen Sie aus der Tabelle über der Aufgabe die Spalte „Bewertung“: die Zahl der Zeile „Mensch“ "
               "minus die Zahl der Zeile „digital“."),
    ),
    Exercise(
        id="4.21-c", title="Ersparnis, wenn der Mensch nichts wert wäre", kind="zahl",
        reference=_savings_at_zero, unit="€", shown_decimals=0,
        hints=("Ist Ihnen ein besserer Eindruck nichts wert, automatisieren Sie jeden Touchpoint mit Vergleich. "
               "Gesucht ist, wie viel Sie damit im Jahr sparen, in Euro.",
               "Schieben Sie im Widget den Regler ganz nach links auf 0 €. Der Satz „Automatisieren: … digital "
               "sparen Sie … im Jahr“ nennt den Betrag. Ohne Touchpoint mit Vergleich ist die Antwort 0."),
    ),
    Exercise(
        id="4.21-d", title="Mit Python: Schlecht bewertete menschliche Kontakte", optional=True, kind="zahl",
        reference=_bad_human_share, unit="%", shown_decimals=1,
        hints=("Nehmen Sie die Kontakte über menschliche Kanäle und rechnen Sie, welcher Anteil von ihnen mit 1 "
               "oder 2 bewertet wurde – in Prozent.",
               "k = daten.kontakte; mensch = k[k['kanal'].isin(kk.models.human_touchpoint.HUMAN_CHANNELS)]; "
               "(mensch['bewertung'] <= 2).mean() * 100"),
    ),
]
