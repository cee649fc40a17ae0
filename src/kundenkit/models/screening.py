"""A score, a threshold and what really happened: hits, false alarms, missed (shared by several lessons).

Lesson 1.4 flags customers by a signal score and checks who really left;
lesson 3.11 flags calls by an escalation score and checks which really
escalated. Both judge the flags with the standard tools of classifier
evaluation (Provost & Fawcett 2013, ch. 7–8):

* **Treffer** (true positive): flagged, and it happened;
* **Fehlalarm** (false positive): flagged, but it did not happen;
* **verpasst** (false negative): not flagged, but it happened;
* **korrekt ruhig** (true negative): not flagged, and it did not happen.

``precision`` = Treffer ÷ flagged (the share of correct warnings), ``recall`` =
Treffer ÷ cases that happened (the Trefferquote). A case is flagged when its
score is at least the threshold (with a tolerance of 1e-9 for rounded scores).
Scores lie between 0 and 1.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_int

CELLS = ("Treffer", "Fehlalarm", "verpasst", "korrekt ruhig")
TOLERANCE = 1e-9


def check_share(name: str, value) -> float:
    """A parameter between 0 and 1, as a float; otherwise a German error naming the parameter.

    >>> check_share("threshold", 0.25)
    0.25
    >>> check_share("threshold", 1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'threshold' ist 1.5; erlaubt sind Zahlen von 0 bis 1.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not 0 <= number <= 1:
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Zahlen von 0 bis 1.")
    return number


def default_thresholds() -> np.ndarray:
    """The thresholds a slider with step 0.05 can take: 0, 0.05, …, 1.

    >>> default_thresholds()[:3].tolist(), len(default_thresholds())
    ([0.0, 0.05, 0.1], 21)
    """
    return np.round(np.linspace(0, 1, 21), 2)


@dataclass(frozen=True)
class Counts:
    """The four fields of the confusion matrix at one threshold.

    >>> c = Counts(treffer=3, fehlalarme=1, verpasst=2, korrekt_ruhig=4)
    >>> c.markiert, c.positive, c.population, c.precision, c.recall
    (4, 5, 10, 0.75, 0.6)
    """

    treffer: int
    fehlalarme: int
    verpasst: int
    korrekt_ruhig: int

    @property
    def markiert(self) -> int:
        """Flagged cases: Treffer + Fehlalarme."""
        return self.treffer + self.fehlalarme

    @property
    def positive(self) -> int:
        """Cases where it happened: Treffer + verpasst."""
        return self.treffer + self.verpasst

    @property
    def population(self) -> int:
        return self.treffer + self.fehlalarme + self.verpasst + self.korrekt_ruhig

    @property
    def precision(self) -> float:
        """Share of correct warnings: Treffer ÷ flagged (0 if nothing is flagged)."""
        return self.treffer / self.markiert if self.markiert else 0.0

    @property
    def recall(self) -> float:
        """Trefferquote: Treffer ÷ cases that happened (0 if nothing happened)."""
        return self.treffer / self.positive if self.positive else 0.0


def flags(score: np.ndarray, threshold: float) -> np.ndarray:
    """Which cases a threshold flags: ``score >= threshold`` (tolerance 1e-9).

    >>> flags(np.array([0.3, 0.5, 0.7]), 0.5).tolist()
    [False, True, True]
    """
    return score >= threshold - TOLERANCE


def count(score: np.ndarray, truth: np.ndarray, threshold: float) -> Counts:
    """The four fields for one threshold; ``truth`` is True where it happened.

    >>> count(np.array([1.0, 0.8, 0.6, 0.2, 0.0]), np.array([True, False, True, True, False]), 0.5)
    Counts(treffer=2, fehlalarme=1, verpasst=1, korrekt_ruhig=1)
    """
    flagged = flags(score, threshold)
    hits = int((flagged & truth).sum())
    marked, happened = int(flagged.sum()), int(truth.sum())
    return Counts(hits, marked - hits, happened - hits, len(score) - marked - happened + hits)


def count_grid(score: np.ndarray, truth: np.ndarray, thresholds: Iterable[float]) -> list[Counts]:
    """The four fields for many thresholds at once (sorted scores and a binary search, no loop over cases).

    >>> s, t = np.array([1.0, 0.6, 0.2]), np.array([True, False, True])
    >>> [c.treffer for c in count_grid(s, t, [0.0, 0.5, 1.0])]
    [2, 1, 1]
    >>> count_grid(s, t, [0.5])[0] == count(s, t, 0.5)
    True
    """
    happened, calm = np.sort(score[truth]), np.sort(score[~truth])
    out = []
    for value in thresholds:
        value = check_share("threshold", value)
        hits = len(happened) - int(np.searchsorted(happened, value - TOLERANCE, side="left"))
        alarms = len(calm) - int(np.searchsorted(calm, value - TOLERANCE, side="left"))
        out.append(Counts(hits, alarms, len(happened) - hits, len(calm) - alarms))
    return out


def confusion_frame(counts: Counts, rows: tuple[str, str], columns: tuple[str, str]) -> pd.DataFrame:
    """The 2×2 matrix in long form (one row per field) with the lesson's own row and column labels.

    ``rows`` = (it happened, it did not happen), ``columns`` = (flagged, not flagged).

    >>> confusion_frame(Counts(1, 0, 1, 0), ("eskaliert", "ruhig"), ("gewarnt", "nicht gewarnt"))
      tatsächlich     vorhersage           feld  anzahl
    0   eskaliert        gewarnt        Treffer       1
    1   eskaliert  nicht gewarnt       verpasst       1
    2       ruhig        gewarnt      Fehlalarm       0
    3       ruhig  nicht gewarnt  korrekt ruhig       0
    """
    return pd.DataFrame({
        "tatsächlich": [rows[0]] * 2 + [rows[1]] * 2,
        "vorhersage": [columns[0], columns[1]] * 2,
        "feld": ["Treffer", "verpasst", "Fehlalarm", "korrekt ruhig"],
        "anzahl": [counts.treffer, counts.verpasst, counts.fehlalarme, counts.korrekt_ruhig],
    })


def confusion_grid(score: np.ndarray, truth: np.ndarray, rows: tuple[str, str], columns: tuple[str, str],
                   thresholds: Iterable[float] | None = None) -> pd.DataFrame:
    """The four fields for a range of thresholds (default 0, 0.05, …, 1), long form, for a chart parameter.

    >>> grid = confusion_grid(np.array([1.0, 0.6, 0.2]), np.array([True, False, True]), ("ja", "nein"),
    ...                       ("gewarnt", "nicht gewarnt"), [0.5])
    >>> grid[["schwelle", "feld", "anzahl"]]
       schwelle           feld  anzahl
    0       0.5        Treffer       1
    1       0.5       verpasst       1
    2       0.5      Fehlalarm       1
    3       0.5  korrekt ruhig       0
    """
    thresholds = default_thresholds() if thresholds is None else thresholds
    values = [check_share("threshold", value) for value in thresholds]
    cells = count_grid(score, truth, values)
    frame = confusion_frame(Counts(0, 0, 0, 0), rows, columns)   # the four fields' labels, in order
    n = len(values)
    counts = [[c.treffer, c.verpasst, c.fehlalarme, c.korrekt_ruhig] for c in cells]
    return pd.DataFrame({
        "schwelle": np.repeat(np.asarray(values, dtype=float), 4),
        "tatsächlich": np.tile(frame["tatsächlich"].to_numpy(), n),
        "vorhersage": np.tile(frame["vorhersage"].to_numpy(), n),
        "feld": np.tile(frame["feld"].to_numpy(), n),
        "anzahl": np.asarray(counts, dtype=np.int64).reshape(-1),
    })


def lift_top_decile(score: np.ndarray, truth: np.ndarray) -> float:
    """Share of cases that happened among the top 10 % by score ÷ their share overall (NaN if none happened).

    Ties keep the order of the arrays; the top decile holds ``ceil(n / 10)`` cases.

    >>> lift_top_decile(np.array([0.9] + [0.1] * 9), np.array([True] + [False] * 8 + [True]))
    5.0
    """
    if len(score) == 0 or not truth.any():
        return math.nan
    order = np.argsort(-score, kind="stable")
    top = order[: math.ceil(len(score) / 10)]
    return float(truth[top].mean() / truth.mean())


def histogram(score: np.ndarray, bins: int = 20) -> pd.DataFrame:
    """Cases per score bin (``von`` ≤ score < ``bis``; the last bin includes 1); empty bins left out.

    >>> histogram(np.array([1.0, 0.62, 0.1]), bins=4)
        von   bis  anzahl
    0  0.00  0.25       1
    1  0.50  0.75       1
    2  0.75  1.00       1
    """
    bins = check_int("bins", bins, minimum=1, maximum=100)
    index = np.minimum((score * bins + TOLERANCE).astype(np.int64), bins - 1)
    counts = np.bincount(index, minlength=bins)
    edges = np.round(np.arange(bins + 1) / bins, 4)
    used = np.flatnonzero(counts)
    return pd.DataFrame({"von": edges[used], "bis": edges[used + 1], "anzahl": counts[used]})
