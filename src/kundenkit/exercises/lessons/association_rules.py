"""Exercises of lesson 1.3 "Irgendwas mit Marketing": association rules from the learner's transactions.

The required tasks are read from tables the exercise notebook shows: how many
customers buy each product (:func:`product_table`) and the rules of one product
or of all products (:func:`kundenkit.models.association_rules.filter_rules`).
"""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import association_rules as ar


def _baskets(data: CustomerBase) -> pd.DataFrame:
    return ar.basket_matrix(data.require("transaktionen"))


def product_table(data: CustomerBase) -> pd.DataFrame:
    """How many customers bought each product, and their share of all customers; most bought first.

    Equal shares are ordered by the product's name. The first row is the most
    bought product, the last row the rarest.

    >>> import kundenkit as kk
    >>> table = product_table(kk.generate_customers(seed=1, n_customers=300))
    >>> list(table.columns), bool(table["anteil"].is_monotonic_decreasing)
    (['produkt', 'kunden', 'anteil'], True)
    """
    baskets = _baskets(data)
    table = pd.DataFrame({"produkt": [str(c) for c in baskets.columns],
                          "kunden": baskets.sum().to_numpy(dtype="int64"),
                          "anteil": baskets.mean().to_numpy(dtype=float)})
    return table.sort_values(["anteil", "produkt"], ascending=[False, True], ignore_index=True)


def rules(data: CustomerBase) -> pd.DataFrame:
    """All rules A → B of the data, strongest (highest lift) first."""
    return ar.association_rules(_baskets(data))


def _support_of_top_pair(data: CustomerBase) -> float:
    first, second = product_table(data)["produkt"].iloc[:2]
    partners = ar.filter_rules(rules(data), product=first)
    return 100 * float(partners.loc[partners["dann"] == second, "support"].iloc[0])


def _confidence_for_rarest(data: CustomerBase) -> float:
    rarest = product_table(data)["produkt"].iloc[-1]
    partners = ar.filter_rules(rules(data), product=rarest)   # highest lift first, as best_partner picks
    return 100 * float(partners.iloc[0]["konfidenz"])


def _cross_selling_targets(data: CustomerBase) -> int:
    strongest = rules(data).iloc[0]
    products = product_table(data).set_index("produkt")["kunden"]
    return int(products[str(strongest["wenn"])] - strongest["anzahl"])


def _single_product_customers(data: CustomerBase) -> int:
    return int((_baskets(data).sum(axis=1) == 1).sum())


EXERCISES = [
    Exercise(
        id="1.3-a", title="Support der zwei meistgekauften Produkte", kind="zahl",
        reference=_support_of_top_pair, unit="%", shown_decimals=1,
        hints=("Der Support einer Regel ist der Anteil aller Kunden, die beide Produkte gekauft haben. Gesucht "
               "ist er für die zwei Produkte, die die meisten Kunden kaufen.",
               "Die erste Tabelle nennt die Produkte, das meistgekaufte zuoberst: Das zweite ist das Produkt in "
               "der zweiten Zeile. Suchen Sie es in der Tabelle „Regeln für …“ unter „… kauft auch“ und lesen Sie "
               "in dieser Zeile den Support ab."),
    ),
    Exercise(
        id="1.3-b", title="Konfidenz der besten Empfehlung zum seltensten Produkt", kind="zahl",
        reference=_confidence_for_rarest, unit="%", shown_decimals=1,
        hints=("Die Konfidenz sagt, welcher Anteil der Käufer des seltensten Produkts das Partnerprodukt auch "
               "kauft. Empfohlen wird das Partnerprodukt mit dem höchsten Lift.",
               "In der Tabelle der Regeln des seltensten Produkts steht die Regel mit dem höchsten Lift zuoberst. "
               "Lesen Sie dort die Spalte „Konfidenz“ ab."),
    ),
    Exercise(
        id="1.3-c", title="Zielgruppe für Cross-Selling zur stärksten Regel", kind="zahl",
        reference=_cross_selling_targets, unit="", shown_decimals=0,
        hints=("Die Zielgruppe sind die Kunden, die das Produkt links („Wer kauft …“) schon haben, das Produkt "
               "rechts („… kauft auch“) aber noch nicht: alle Käufer des linken Produkts minus die, die beide "
               "kaufen.",
               "Nehmen Sie die oberste Zeile der Tabelle der stärksten Regeln. „Körbe mit beiden“ nennt, wie "
               "viele Kunden beide kaufen. Wie viele Kunden das linke Produkt kaufen, steht in der ersten Tabelle "
               "unter „Kunden mit dem Produkt“. Ziehen Sie das Erste vom Zweiten ab."),
    ),
    Exercise(
        id="1.3-d", title="Mit Python: Kunden mit nur einem Produkt", optional=True, kind="zahl",
        reference=_single_product_customers, unit="", shown_decimals=0,
        hints=("Kunden mit nur einem Produkt sind die Kandidaten für Cross-Selling: Sie haben noch nichts dazu "
               "gekauft.",
               "koerbe = kk.models.association_rules.basket_matrix(transaktionen) hat je Kunde eine Zeile und je "
               "Produkt eine Spalte (True/False). koerbe.sum(axis=1) zählt die Produkte je Kunde; zählen Sie die "
               "Kunden, bei denen das 1 ist: (koerbe.sum(axis=1) == 1).sum()."),
    ),
]
