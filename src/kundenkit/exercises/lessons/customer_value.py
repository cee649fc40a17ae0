"""Exercises of lesson 3.8 "Die drei Dimensionen der Kundenbewertung – Warum zu einfach einfach falsch ist!".

Task a is read from the customers per RFM segment (:func:`rfm_table`), tasks b
and c from the lesson's widget (:func:`kundenkit.widgets.customer_value.explorer`)
at its starting values and with the retention rate set to 80 %, task d is
computed in Python with ``kk.rfm_summary``.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import customer_value as cv
from kundenkit.models.customer_profit import assumptions_for

RETENTION_C = 0.80    # the retention rate of task 3.8-c


def _model(data: CustomerBase) -> cv.ValueModel:
    return cv.ValueModel.from_tables(data.require("transaktionen"), data.kontakte, data.befragung,
                                     assumptions=assumptions_for(data.branche))


def value_table(data: CustomerBase) -> pd.DataFrame:
    """Per customer: RFM scores, the three value dimensions and the segment, at the course's starting values.

    >>> import kundenkit as kk
    >>> t = value_table(kk.generate_customers(seed=1, n_customers=300))
    >>> {"r_score", "rfm_segment", "kundenwert", "segment"} <= set(t.columns)
    True
    """
    return cv.customer_value(data.require("transaktionen"), data.kontakte, data.befragung,
                             assumptions=assumptions_for(data.branche))


def rfm_table(data: CustomerBase) -> pd.DataFrame:
    """Customers, revenue and customer value per RFM segment (see :func:`value_table`).

    >>> import kundenkit as kk
    >>> rfm_table(kk.generate_customers(seed=1, n_customers=300))["rfm_segment"].iloc[0]
    'Top-Kunden'
    """
    return cv.rfm_segment_summary(value_table(data))


def _top_customers(data: CustomerBase) -> int:
    table = rfm_table(data)
    return int(table.loc[table["rfm_segment"] == "Top-Kunden", "kunden"].iloc[0])


def _changed(data: CustomerBase) -> int:
    return _model(data).evaluate().changed


def _total_at_80(data: CustomerBase) -> float:
    return round(float(_model(data).evaluate(retention=RETENTION_C).total.sum()), 2)


def _one_time_share(data: CustomerBase) -> float:
    summary = cv.rfm_summary(data.require("transaktionen"), "kunden_id", "datum")
    return float((summary["frequency"] == 0).mean() * 100)


EXERCISES = [
    Exercise(
        id="3.8-a", title="Kunden im RFM-Segment Top-Kunden", kind="zahl",
        reference=_top_customers, unit="", shown_decimals=0,
        hints=("Gesucht ist die Zahl der Kunden, die zuletzt gekauft haben und oft kaufen: R und F sind beide 4 "
               "oder 5.",
               "In der Tabelle über der Aufgabe steht sie in der Zeile „Top-Kunden“, Spalte „Kunden“."),
    ),
    Exercise(
        id="3.8-b", title="Kunden in einem anderen Segment als nach Umsatz allein", kind="zahl",
        reference=_changed, unit="", shown_decimals=0,
        hints=("Wer nur nach dem Umsatz einteilt, sieht Informations- und Referenzwert nicht. Gesucht ist, wie "
               "viele Kunden dadurch in einem anderen der acht Segmente landen.",
               "Lassen Sie alle Regler des Widgets auf ihren Startwerten. Der Satz „Nach dem Umsatz allein landen "
               "… Kunden in einem anderen Segment“ nennt die Zahl."),
    ),
    Exercise(
        id="3.8-c", title="Kundenwert aller Kunden bei 80 % Bindungsrate", kind="zahl",
        reference=_total_at_80, unit="€", shown_decimals=0,
        hints=("Der Kundenwert ist der Wert eines Jahres mal r / (1 + d − r). Gesucht ist er für alle Kunden "
               "zusammen, wenn 80 % der Kunden jedes Jahr bleiben.",
               "Stellen Sie im Widget „Bindungsrate r (je Jahr)“ auf 80 % und lassen Sie die anderen Regler auf "
               "ihren Startwerten. Die erste Zeile unter den Reglern nennt den Kundenwert aller Kunden in Euro."),
    ),
    Exercise(
        id="3.8-d", title="Mit Python: Anteil der Kunden ohne Wiederkauf", optional=True, kind="zahl",
        reference=_one_time_share, unit="%", shown_decimals=1,
        hints=("Rechnen Sie mit der RFM-Zusammenfassung je Tag: Welcher Anteil der Kunden hat an keinem zweiten "
               "Tag gekauft (frequency gleich 0)? Geben Sie ihn in Prozent an.",
               "s = kk.rfm_summary(daten.transaktionen, 'kunden_id', 'datum'); (s['frequency'] == 0).mean() * 100"),
    ),
]
