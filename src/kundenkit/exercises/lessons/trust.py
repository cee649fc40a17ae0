"""Exercises of lesson 1.7 "Vertrauen ist der Anfang von allem" (course model, default parameters).

Task a is read from the summary of the customers' final trust, task b from the
lesson's widget (:func:`kundenkit.widgets.trust.explorer`) with the asymmetry set
by the learner, task c from :func:`touchpoint_table`.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import trust

LEVEL = 0.5           # "wenig Vertrauen": below this level
ASYMMETRY_B = 5.0     # the asymmetry of task 1.7-b


def touchpoint_table(data: CustomerBase) -> pd.DataFrame:
    """Per touchpoint: contacts, broken promises, and how much trust its contacts moved (course model).

    ``mittlere_veränderung`` is the mean change of trust per contact,
    ``summe_veränderung`` the sum over all its contacts (both as shares, 0.01 = 1 point).

    >>> import kundenkit as kk
    >>> table = touchpoint_table(kk.generate_customers(seed=1, n_customers=200))
    >>> list(table.columns)
    ['touchpoint', 'kontakte', 'gebrochen', 'anteil_gebrochen', 'mittlere_veränderung', 'summe_veränderung']
    """
    contacts = trust.contact_trust(data.require("kontakte"))
    grouped = contacts.groupby("touchpoint", observed=True, sort=True)
    table = pd.DataFrame({
        "kontakte": grouped.size(),
        "gebrochen": grouped["versprechen"].apply(lambda v: int((v == trust.BROKEN).sum())),
        "summe_veränderung": grouped["veränderung"].sum().round(3),
    })
    table["anteil_gebrochen"] = table["gebrochen"] / table["kontakte"]
    table["mittlere_veränderung"] = table["summe_veränderung"] / table["kontakte"]
    table = table.reset_index()
    table["touchpoint"] = table["touchpoint"].astype(str)
    return table[["touchpoint", "kontakte", "gebrochen", "anteil_gebrochen", "mittlere_veränderung",
                  "summe_veränderung"]]


def _touchpoints(data: CustomerBase) -> list[str]:
    return sorted(data.require("kontakte")["touchpoint"].dropna().astype(str).unique())


def _share_below_half(data: CustomerBase) -> float:
    table = trust.customer_trust(data.require("kontakte"))
    return 100 * float(trust.summary(table, level=LEVEL)["anteil_unter_schwelle"].iloc[0])


def _share_below_half_at_asymmetry(data: CustomerBase) -> float:
    history = trust.promise_history(data.require("kontakte"))
    return 100 * trust.share_below(history.final_trust(trust.TrustModel(asymmetry=ASYMMETRY_B)), LEVEL)


def _costliest_touchpoint(data: CustomerBase) -> str:
    table = touchpoint_table(data).sort_values(["summe_veränderung", "touchpoint"])
    return str(table.iloc[0]["touchpoint"])


def _kept_after_break(data: CustomerBase) -> int:
    table = trust.customer_trust(data.require("kontakte"))
    return trust.recovery_steps(float(table["endvertrauen"].max()))


EXERCISES = [
    Exercise(
        id="1.7-a", title="Anteil der Kunden mit wenig Vertrauen", kind="zahl",
        reference=_share_below_half, unit="%", shown_decimals=1,
        hints=("Gesucht ist, welcher Anteil Ihrer Kunden nach all ihren Kontakten mit weniger als 50 % Vertrauen "
               "dasteht (Kunden ohne Kontakt zählen nicht mit).",
               "In der Tabelle über der Aufgabe steht er in der Spalte „Anteil unter der Schwelle“."),
    ),
    Exercise(
        id="1.7-b", title="Anteil mit wenig Vertrauen, wenn ein Bruch fünffach wiegt", kind="zahl",
        reference=_share_below_half_at_asymmetry, unit="%", shown_decimals=0,
        hints=("Die Asymmetrie sagt, wie viel schwerer ein gebrochenes Versprechen wiegt als ein gehaltenes. Mit 5 "
               "nimmt jeder Bruch fünfmal so viel Vertrauen, wie ein gehaltenes Versprechen bringt. Gefragt ist "
               "wieder der Anteil Ihrer Kunden unter 50 % Vertrauen.",
               "Stellen Sie im Widget über der Aufgabe den Regler „Asymmetrie“ auf 5 und lassen Sie die anderen "
               "Regler, wie sie sind. Die letzte Zeile unter den Reglern beginnt mit „Ihre Daten:“ und nennt den "
               "Anteil."),
    ),
    Exercise(
        id="1.7-c", title="Touchpoint, der insgesamt am meisten Vertrauen kostet", kind="text",
        reference=_costliest_touchpoint, choices=_touchpoints,
        hints=("Gesucht ist der Touchpoint, an dem Ihre Kunden zusammengerechnet am meisten Vertrauen verlieren. "
               "Dabei zählt die Summe über alle Kontakte: Ein Touchpoint mit vielen Kontakten kann mehr kosten als "
               "einer, an dem Versprechen öfter brechen.",
               "Suchen Sie in der Tabelle in der Spalte „Veränderung insgesamt“ den kleinsten Wert, also die "
               "Zahl, die am weitesten im Minus liegt."),
    ),
    Exercise(
        id="1.7-d", title="Mit Python: Gehaltene Versprechen nach einem Bruch", optional=True, kind="zahl",
        reference=_kept_after_break, unit="", shown_decimals=0,
        hints=("Nehmen Sie den Kunden mit dem höchsten Endvertrauen: Wie viele gehaltene Versprechen braucht er "
               "nach einem Bruch, um wieder auf seinem alten Stand zu sein?",
               "vertrauen = kk.models.trust.customer_trust(kontakte); dann "
               "kk.models.trust.recovery_steps(vertrauen['endvertrauen'].max())."),
    ),
]
