"""Lesson 1.5 "Sympathisch und kompetent": warmth × competence → quadrant.

Customers ask two questions of a company at every contact (Hafner 2019, Kap. 1;
Hafner 2015): CAN it meet my needs (competence)? and DO I WANT to work with it
and the people who represent it (warmth, sympathy)? The course writes them in
its own words, one wording everywhere (:data:`COMPETENCE_QUESTION`,
:data:`WARMTH_QUESTION`). Only when both answers are yes do customers *consider*
going on – looking closer, buying, buying again, recommending. Two yeses are
necessary, not sufficient: they open the door, they do not guarantee a sale.
Competent only: customers buy when they have no choice; sympathetic only: out
of pity; neither: hardly anyone buys.

Research on the Stereotype Content Model calls the two axes warmth and
competence (Fiske, Cuddy & Glick 2002; applied to brands by Kervyn, Fiske &
Malone 2012, and Aaker, Vohs & Mogilner 2010): warm and competent firms earn
admiration.

**Course model**, not figures from the book or the studies: the items, the
threshold and the purchase-probability curve. A score counts as "yes" above the
threshold (default: the scale midpoint 4, "weder noch") and as "no" below it.
A score exactly at the threshold answers neither: such a point is
"Unentschieden" – the course's reading, not a quadrant of the book. That is also
where the widget starts (every item at 4): a neutral start, not a verdict.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.data.synthetic import COMPETENCE_ITEMS, WARMTH_ITEMS
from kundenkit.errors import KundenkitError
from kundenkit.validation import check_scale

SCALE_MIN, SCALE_MAX = 1, 7
MIDPOINT = 4.0

WARMTH, COMPETENCE = "wärme", "kompetenz"

#: The two questions of Hafner (2019, Kap. 1; 2015) in the course's own words – the one wording
#: that model, chart and widget use.
COMPETENCE_QUESTION = "Kann das Unternehmen erfüllen, was ich brauche?"
WARMTH_QUESTION = "Will ich mit diesen Menschen zusammenarbeiten?"


@dataclass(frozen=True)
class Quadrant:
    """One field of the warmth × competence matrix and what customers do there."""

    name: str
    warm: bool
    competent: bool
    behaviour: str


# Emotions after Fiske et al. (2002); buying behaviour after Hafner (2019), Kap. 1.
QUADRANTS = (
    Quadrant("Bewunderung", True, True,
             "Zweimal Ja: Kunden erwägen, genauer hinzuschauen, zu kaufen, wieder zu kaufen oder "
             "weiterzuempfehlen. Das ist die Voraussetzung, noch kein Kauf."),
    Quadrant("Neid", False, True, "Nur kompetent: Kunden kaufen nur, wenn sie keine andere Wahl haben."),
    Quadrant("Mitleid", True, False, "Nur sympathisch: Kunden kaufen höchstens aus Mitleid."),
    Quadrant("Verachtung", False, False, "Weder noch: Hier kauft kaum jemand freiwillig."),
)
QUADRANT_NAMES = tuple(q.name for q in QUADRANTS)

#: A score exactly at the threshold is neither yes nor no (course's reading, not the book's).
UNDECIDED = "Unentschieden"
UNDECIDED_BEHAVIOUR = ("Mindestens eine Frage ist weder mit Ja noch mit Nein beantwortet (Wert in der Mitte). "
                       "Ohne zweimal Ja erwägen Kunden noch keinen Kauf.")
#: Every value of the column ``quadrant``: the four quadrants and :data:`UNDECIDED`.
CATEGORIES = (*QUADRANT_NAMES, UNDECIDED)
#: Scores this close to the threshold count as on it (means of items are not always exact).
TOLERANCE = 1e-9


@dataclass(frozen=True)
class PurchaseModel:
    """Illustrative purchase probability: logistic in warmth, competence and both together.

    ``w`` and ``c`` are the scores rescaled to 0..1. The interaction term makes
    the two yeses work together: each axis alone helps little. The default
    weights are the course's choice for teaching, not estimates from a study.
    """

    intercept: float = -4.0
    warmth_weight: float = 1.0
    competence_weight: float = 2.0
    interaction_weight: float = 4.0

    def probability(self, warmth, competence):
        """Purchase probability for scores on the 1–7 scale.

        >>> m = PurchaseModel()
        >>> [round(float(m.probability(w, c)), 3) for w, c in [(7, 7), (1, 7), (7, 1), (1, 1)]]
        [0.953, 0.119, 0.047, 0.018]
        """
        w = (np.asarray(warmth, dtype=float) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
        c = (np.asarray(competence, dtype=float) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
        z = (self.intercept + self.warmth_weight * w + self.competence_weight * c
             + self.interaction_weight * w * c)
        return 1.0 / (1.0 + np.exp(-z))


def _check_items(frame: pd.DataFrame, items) -> None:
    missing = [col for col in items if col not in frame.columns]
    if missing:
        raise KundenkitError(
            f"Es fehlen die Spalten {', '.join(repr(c) for c in missing)}. Vorhanden sind: "
            f"{', '.join(map(str, frame.columns))}. Benennen Sie Ihre Spalten entsprechend um "
            "oder geben Sie die Namen mit warmth_items=… und competence_items=… an."
        )
    for col in items:
        check_scale(frame, col, low=SCALE_MIN, high=SCALE_MAX)


def scores(frame: pd.DataFrame, *, warmth_items=WARMTH_ITEMS, competence_items=COMPETENCE_ITEMS,
           by: str | None = None) -> pd.DataFrame:
    """Warmth and competence score: the mean of each axis' items (1–7).

    Parameters
    ----------
    frame : DataFrame
        One row per answer (or per slider setting) with one column per item.
    warmth_items, competence_items : sequence of str
        Item columns of each axis.
    by : str, optional
        Group by this column (e.g. ``"touchpoint"``) and average per group;
        the result then also has a column ``antworten`` (number of rows).

    Returns
    -------
    DataFrame with the columns ``wärme`` and ``kompetenz`` (plus ``by`` and ``antworten``).

    Examples
    --------
    >>> answers = pd.DataFrame({"freundlich": [6, 7], "ehrlich": [6, 5], "hilfsbereit": [5, 6],
    ...     "wohlwollend": [7, 6], "fähig": [3, 2], "kompetent": [2, 3], "zuverlässig": [4, 3],
    ...     "effizient": [3, 2], "touchpoint": ["Hotline", "Hotline"]})
    >>> scores(answers, by="touchpoint")
      touchpoint  wärme  kompetenz  antworten
    0    Hotline    6.0       2.75          2
    """
    _check_items(frame, list(warmth_items) + list(competence_items))
    result = pd.DataFrame({
        WARMTH: frame[list(warmth_items)].apply(pd.to_numeric).mean(axis=1),
        COMPETENCE: frame[list(competence_items)].apply(pd.to_numeric).mean(axis=1),
    })
    if by is None:
        return result.round(3)
    if by not in frame.columns:
        raise KundenkitError(f"Die Spalte '{by}' (Parameter by) fehlt. Vorhanden sind: {', '.join(frame.columns)}.")
    result[by] = frame[by].to_numpy()
    grouped = result.groupby(by, sort=True, observed=True)
    out = grouped[[WARMTH, COMPETENCE]].mean().round(3)
    out["antworten"] = grouped.size()
    return out.reset_index()


def classify(frame: pd.DataFrame, *, threshold: float = MIDPOINT,
             model: PurchaseModel = PurchaseModel()) -> pd.DataFrame:
    """Add the quadrant, the buying behaviour and the model's purchase probability.

    A score is a "yes" above the threshold and a "no" below it (default: the
    scale midpoint 4, which means "neither nor"). A score exactly at the
    threshold answers neither: the row is ``Unentschieden``.

    Examples
    --------
    >>> s = pd.DataFrame({"wärme": [6.5, 2.5, 6.0, 2.0, 4.0], "kompetenz": [6.5, 6.0, 2.5, 2.0, 6.0]})
    >>> classify(s)[["quadrant", "kaufwahrscheinlichkeit"]]
            quadrant  kaufwahrscheinlichkeit
    0    Bewunderung                   0.892
    1           Neid                   0.223
    2        Mitleid                   0.138
    3     Verachtung                   0.033
    4  Unentschieden                   0.458
    """
    for col in (WARMTH, COMPETENCE):
        if col not in frame.columns:
            raise KundenkitError(
                f"Die Spalte '{col}' fehlt. Berechnen Sie die Werte zuerst mit scores(...)."
            )
    if not SCALE_MIN <= threshold <= SCALE_MAX:
        raise KundenkitError(f"Der Parameter 'threshold' ist {threshold}; erlaubt ist {SCALE_MIN} bis {SCALE_MAX}.")
    out = frame.copy()
    warmth = pd.to_numeric(out[WARMTH]).to_numpy(dtype=float)
    competence = pd.to_numeric(out[COMPETENCE]).to_numpy(dtype=float)
    warm, competent = warmth > threshold + TOLERANCE, competence > threshold + TOLERANCE
    cold, incompetent = warmth < threshold - TOLERANCE, competence < threshold - TOLERANCE
    names = np.select(
        [warm & competent, cold & competent, warm & incompetent, cold & incompetent],
        QUADRANT_NAMES, default=UNDECIDED,
    )
    behaviour = {**{q.name: q.behaviour for q in QUADRANTS}, UNDECIDED: UNDECIDED_BEHAVIOUR}
    out["quadrant"] = pd.Categorical(names, categories=CATEGORIES)
    out["verhalten"] = out["quadrant"].map(behaviour).astype(str)
    out["kaufwahrscheinlichkeit"] = model.probability(out[WARMTH], out[COMPETENCE]).round(3)
    return out


def probability_grid(model: PurchaseModel = PurchaseModel(), steps: int = 25) -> pd.DataFrame:
    """The model's purchase probability on a grid over both axes (for a heat map).

    >>> grid = probability_grid(steps=3)
    >>> grid.round(3).to_dict("list")["kaufwahrscheinlichkeit"]
    [0.018, 0.047, 0.119, 0.029, 0.182, 0.622, 0.047, 0.5, 0.953]
    """
    axis = np.linspace(SCALE_MIN, SCALE_MAX, steps)
    w, c = np.meshgrid(axis, axis, indexing="ij")
    return pd.DataFrame({
        WARMTH: w.ravel().round(3),
        COMPETENCE: c.ravel().round(3),
        "kaufwahrscheinlichkeit": model.probability(w.ravel(), c.ravel()).round(4),
    })
