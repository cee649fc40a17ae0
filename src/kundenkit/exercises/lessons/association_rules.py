"""Exercises of lesson 1.3 "Irgendwas mit Marketing": association rules from the learner's transactions."""
from __future__ import annotations

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.exercise import Exercise
from kundenkit.models import association_rules as ar

MIN_SUPPORT_C, MIN_LIFT_C = 0.05, 1.5


def _baskets(data: CustomerBase):
    return ar.basket_matrix(data.require("transaktionen"))


def _by_support(baskets):
    """Products ordered by support (descending), ties by name."""
    share = baskets.mean()
    return sorted(share.index, key=lambda product: (-share[product], product))


def _support_of_top_pair(data: CustomerBase) -> float:
    baskets = _baskets(data)
    first, second = _by_support(baskets)[:2]
    return float((baskets[first] & baskets[second]).mean())


def _best_partner_of_rarest(data: CustomerBase) -> str:
    baskets = _baskets(data)
    share = baskets.mean()
    rarest = min(share.index, key=lambda product: (share[product], product))
    return str(ar.best_partner(ar.association_rules(baskets), rarest)["dann"])


def _strong_rules(data: CustomerBase) -> int:
    rules = ar.association_rules(_baskets(data))
    return len(ar.filter_rules(rules, min_support=MIN_SUPPORT_C, min_lift=MIN_LIFT_C))


EXERCISES = [
    Exercise(
        id="1.3-a", title="Support der zwei meistgekauften Produkte", kind="zahl",
        reference=_support_of_top_pair,
        hints=("Bilden Sie die Körbe mit basket_matrix(transaktionen). koerbe.mean() gibt den Anteil der Kunden "
             "je Produkt. Nehmen Sie die zwei Produkte mit dem größten Anteil A und B und rechnen Sie "
             "(koerbe[A] & koerbe[B]).mean(). Antwort als Anteil, z. B. 0.42.",),
    ),
    Exercise(
        id="1.3-b", title="Bester Partner des seltensten Produkts", kind="text",
        reference=_best_partner_of_rarest,
        hints=("Suchen Sie das Produkt mit dem kleinsten Anteil in koerbe.mean(). Dann liefert "
             "best_partner(association_rules(koerbe), produkt) die Regel mit dem höchsten Lift; "
             "die Antwort ist der Wert in der Spalte 'dann'.",),
    ),
    Exercise(
        id="1.3-c", title="Regeln über Mindest-Support und Mindest-Lift", kind="zahl",
        reference=_strong_rules,
        hints=("filter_rules(regeln, min_support=0.05, min_lift=1.5) behält nur die Regeln mit mindestens "
             "5 % Support und einem Lift von mindestens 1,5. Zählen Sie die Zeilen mit len(...).",),
    ),
]
