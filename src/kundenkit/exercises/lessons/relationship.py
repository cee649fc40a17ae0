"""Exercises of lesson 1.1 "Was sind Beziehungen?": the interaction chain in the learner's customer groups.

The required tasks are answered from :func:`group_cases`, a table the exercise
notebook shows: per customer group how often its typical customer buys, what
recognising him at 60 % earns and costs, and from which recognition rate it pays.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import relationship as rel

RECOGNITION = 0.6     # the recognition rate of the tasks (as in the lesson's widget at the start)


def group_cases(data: CustomerBase, recognition: float = RECOGNITION) -> pd.DataFrame:
    """Per customer group: the typical customer, and what recognising him earns and costs (course model).

    The first row is ``Alle Kunden``, then one row per segment of the data. The
    cost of recognition is the course's default for all customers (3 % of the
    typical customer's yearly revenue) in every row: a customer card or a CRM
    costs about the same per customer, whatever he buys. ``gewinnschwelle`` is the
    recognition rate from which the extra revenue covers that cost (missing if
    none does).

    >>> import kundenkit as kk
    >>> table = group_cases(kk.generate_customers(seed=1, n_customers=300))
    >>> list(table.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['gruppe', 'kunden', 'käufe_pro_jahr', 'umsatz_pro_jahr', 'stärke', 'mehrerlös', 'kosten', 'saldo',
     'gewinnschwelle']
    >>> table["gruppe"].iloc[0], bool((table["kosten"] == table["kosten"].iloc[0]).all())
    ('Alle Kunden', True)
    """
    typical = rel.typical_customers(rel.customer_rates(data.require("transaktionen"), data.kunden))
    cost = rel.default_cost(float(typical.iloc[0]["umsatz_pro_jahr"]))
    rows = []
    for _, row in typical.iterrows():
        result = rel.assess(recognition, float(row["käufe_pro_jahr"]), float(row["umsatz_pro_jahr"]), cost)
        rows.append({"gruppe": str(row["gruppe"]), "kunden": int(row["kunden"]),
                     "käufe_pro_jahr": float(row["käufe_pro_jahr"]), "umsatz_pro_jahr": float(row["umsatz_pro_jahr"]),
                     "stärke": round(result.strength, 4), "mehrerlös": round(result.extra_revenue, 2),
                     "kosten": cost, "saldo": round(result.net, 2), "gewinnschwelle": result.break_even})
    return pd.DataFrame(rows)


def _groups(data: CustomerBase) -> pd.DataFrame:
    """The rows of the customer groups (without "Alle Kunden"), or "Alle Kunden" if the data has no segments."""
    table = group_cases(data)
    return table.iloc[1:] if len(table) > 1 else table


def _by_revenue(data: CustomerBase) -> pd.DataFrame:
    return _groups(data).sort_values(["umsatz_pro_jahr", "gruppe"], ascending=[False, True])


def _purchases_of_top_group(data: CustomerBase) -> float:
    return float(_by_revenue(data).iloc[0]["käufe_pro_jahr"])


def _balance_of_bottom_group(data: CustomerBase) -> float:
    return float(_by_revenue(data).iloc[-1]["saldo"])


def _customers_where_it_pays(data: CustomerBase) -> int:
    groups = _groups(data)
    return int(groups.loc[groups["saldo"] >= 0, "kunden"].sum())


def _single_purchase_customers(data: CustomerBase) -> int:
    rates = rel.customer_rates(data.require("transaktionen"))
    return int((rates["käufe"] == 1).sum())


EXERCISES = [
    Exercise(
        id="1.1-a", title="Käufe im Jahr in der umsatzstärksten Kundengruppe", kind="zahl",
        reference=_purchases_of_top_group, unit="", shown_decimals=2,
        hints=("Gesucht ist, wie oft der typische Kunde einer Gruppe im Jahr kauft – also wie viele Episoden "
               "seine Kette jedes Jahr hat. Zuerst finden Sie die Gruppe, deren typischer Kunde den höchsten "
               "Umsatz im Jahr macht.",
               "Schauen Sie in der Tabelle über der Aufgabe in die Spalte „Umsatz pro Jahr“. Nehmen Sie die "
               "Kundengruppe mit dem größten Betrag (nicht die Zeile „Alle Kunden“, außer es gibt nur diese) und "
               "lesen Sie in derselben Zeile die Spalte „Käufe pro Jahr“ ab."),
    ),
    Exercise(
        id="1.1-b", title="Saldo in der umsatzschwächsten Kundengruppe", kind="zahl",
        reference=_balance_of_bottom_group, unit="€", shown_decimals=2,
        hints=("Der Saldo ist der Mehrerlös aus dem Preisaufschlag minus die Kosten des Wiedererkennens, je "
               "Kunde und Jahr. Ist er negativ, kostet das Wiedererkennen mehr, als es bringt – dann gehört ein "
               "Minus vor die Zahl.",
               "Suchen Sie in der Tabelle die Kundengruppe mit dem kleinsten „Umsatz pro Jahr“ und lesen Sie in "
               "ihrer Zeile die Spalte „Saldo pro Jahr“ ab, zum Beispiel −2,58 €."),
    ),
    Exercise(
        id="1.1-c", title="Kunden in Gruppen, bei denen sich das Wiedererkennen lohnt", kind="zahl",
        reference=_customers_where_it_pays, unit="", shown_decimals=0,
        hints=("Gefragt ist nach Kunden, nicht nach Gruppen: Für jede Gruppe, bei der sich das Wiedererkennen "
               "lohnt, zählen alle ihre Kunden. Es lohnt sich, wenn der Saldo mindestens 0 € beträgt.",
               "Gehen Sie in der Tabelle die Kundengruppen durch (ohne die Zeile „Alle Kunden“). Wo der „Saldo "
               "pro Jahr“ nicht negativ ist, addieren Sie die Zahl in der Spalte „Kunden“."),
    ),
    Exercise(
        id="1.1-d", title="Mit Python: Kunden mit nur einem Kauf", optional=True, kind="zahl",
        reference=_single_purchase_customers, unit="", shown_decimals=0,
        hints=("Ein Kunde mit nur einem Kauf hat eine Kette aus einer einzigen Episode: Ihn konnte noch niemand "
               "wiedererkennen.",
               "kaeufer = kk.models.relationship.customer_rates(transaktionen) hat je Kunde eine Zeile und die "
               "Spalte 'käufe'. Zählen Sie die Zeilen mit käufe == 1, zum Beispiel mit "
               "(kaeufer['käufe'] == 1).sum()."),
    ),
]
