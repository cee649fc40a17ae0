"""Lesson 4.3 "Content is King – But Context is Key": the same content works only in the right context.

Of the book's story the course knows only the title (Hafner 2019, Kap. 4). The
lesson therefore tells no content of the story. It shows the idea of the title
with a **course model** (not the book's, no figures of a study):

- Every contact of the table ``kontakte`` gets a *context kind* from its
  touchpoint and its rating: *Problem* (touchpoint named like a complaint, a
  fault or a claim – :data:`PROBLEM_WORDS` – or a rating of at most
  :data:`LOW_RATING`), *Kauf/Entscheidung* (touchpoint named like an offer,
  advice, an order or a purchase – :data:`PURCHASE_WORDS`) or *Routine*
  (everything else). Word lists and the rating limit are choices of the course,
  adjustable.
- Four content types (:data:`CONTENTS`): Angebot, Hilfe, Dank, Information.
  For every content and context kind the course assumes the share of contacts
  that react positively and the share that is annoyed (:data:`FIT`). These
  shares are **assumptions of the course**, not measurements; the annoyance
  an offer causes in a problem context is the lesson's main control.
- *Same content for everyone* (broadcast) sends one content to every contact.
  *Content by context* sends in each context kind the content with the highest
  net effect (positive minus annoyed) – but only where the context is known;
  the other contacts get the broadcast content.

Expected reactions are contacts × shares; net effect = positive − annoyed.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_columns

PROBLEM, PURCHASE, ROUTINE = "Problem", "Kauf/Entscheidung", "Routine"
#: Order of the context kinds in every table and chart.
CONTEXTS = (PROBLEM, PURCHASE, ROUTINE)
OFFER, HELP, THANKS, INFO = "Angebot", "Hilfe", "Dank", "Information"
#: Order of the content types.
CONTENTS = (OFFER, HELP, THANKS, INFO)
BROADCAST, BY_CONTEXT = "Gleicher Inhalt für alle", "Inhalt nach Kontext"
STRATEGIES = (BROADCAST, BY_CONTEXT)

#: Words in a touchpoint's name that mark a problem context (course's choice, case ignored).
PROBLEM_WORDS: tuple[str, ...] = ("Beschwerde", "Reklamation", "Störung", "Schaden")
#: Words in a touchpoint's name that mark a purchase or decision context (course's choice, case ignored).
PURCHASE_WORDS: tuple[str, ...] = ("Angebot", "Beratung", "Bestellung", "Shop", "Kasse", "Verkauf", "Antrag",
                                   "Tarifrechner", "Kreditentscheidung", "Vertragsverlängerung")
#: A contact rated at most this (scale 1–5) counts as a problem context (course assumption).
LOW_RATING = 2
#: Annoyance of an offer in a problem context – the default of the main control (course assumption).
OFFER_ANNOYANCE = 0.3
#: Share of contacts whose context is known – default (course assumption: all of them).
KNOWN_SHARE = 1.0

#: Course assumption: (share positive, share annoyed) per content and context kind. Not from a study.
#: The entry (Angebot, Problem) is replaced by the annoyance the learner sets.
FIT: dict[tuple[str, str], tuple[float, float]] = {
    (OFFER, PROBLEM): (0.02, OFFER_ANNOYANCE), (OFFER, PURCHASE): (0.25, 0.05), (OFFER, ROUTINE): (0.08, 0.08),
    (HELP, PROBLEM): (0.40, 0.05), (HELP, PURCHASE): (0.10, 0.02), (HELP, ROUTINE): (0.05, 0.03),
    (THANKS, PROBLEM): (0.05, 0.15), (THANKS, PURCHASE): (0.10, 0.02), (THANKS, ROUTINE): (0.15, 0.02),
    (INFO, PROBLEM): (0.10, 0.10), (INFO, PURCHASE): (0.15, 0.03), (INFO, ROUTINE): (0.10, 0.03),
}

COUNT_COLUMNS = ["kontext", "kontakte", "anteil"]
RESULT_COLUMNS = ["kontext", "strategie", "inhalt", "kontakte", "positiv", "veraergert", "netto"]


def check_share(name: str, value) -> float:
    """A share from 0 to 1, checked.

    >>> check_share("known_share", 0.5)
    0.5
    >>> check_share("offer_annoyance", 1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'offer_annoyance' ist 1.5; erlaubt sind Anteile von 0 bis 1 (z. B.
        0,3 für 30 %).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.", parameter=name,
                             wert=value)
    if not 0 <= float(value) <= 1:
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Anteile von 0 bis 1 (z. B. 0,3 "
                             "für 30 %).", parameter=name, wert=value)
    return float(value)


def _matches(names: pd.Series, words: Iterable[str]) -> np.ndarray:
    folded = names.str.casefold()
    hit = np.zeros(len(names), dtype=bool)
    for word in words:
        hit |= folded.str.contains(str(word).casefold(), regex=False).to_numpy(dtype=bool)
    return hit


def context_kinds(kontakte: pd.DataFrame, *, problem_words: Iterable[str] = PROBLEM_WORDS,
                  purchase_words: Iterable[str] = PURCHASE_WORDS, low_rating: float = LOW_RATING,
                  touchpoint_col: str = "touchpoint", rating_col: str = "bewertung") -> pd.Series:
    """The context kind of every contact: Problem, Kauf/Entscheidung or Routine.

    A problem touchpoint or a low rating makes a problem context; the rating is
    optional (without the column only the touchpoint counts).

    >>> k = pd.DataFrame({"touchpoint": ["Reklamation", "Online-Shop", "Rechnung", "Rechnung"],
    ...                   "bewertung": [4, 5, 3, 1]})
    >>> context_kinds(k).tolist()
    ['Problem', 'Kauf/Entscheidung', 'Routine', 'Problem']
    """
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col})
    names = kontakte[touchpoint_col].fillna("").astype(str)
    problem = _matches(names, problem_words)
    if rating_col in kontakte.columns:
        ratings = pd.to_numeric(kontakte[rating_col], errors="coerce")
        bad = ratings.isna() & kontakte[rating_col].notna()
        if bad.any():
            row = kontakte.index[bad.to_numpy()][0]
            value = kontakte.at[row, rating_col]
            raise KundenkitError(
                f"Tabelle 'kontakte', Spalte '{rating_col}', Zeile {row}: {str(value)!r} ist keine Zahl. Schreiben "
                "Sie eine Bewertung von 1 bis 5 oder lassen Sie das Feld leer.", spalte=rating_col, wert=value)
        problem |= (ratings <= low_rating).to_numpy(dtype=bool)
    purchase = _matches(names, purchase_words) & ~problem
    kinds = np.where(problem, PROBLEM, np.where(purchase, PURCHASE, ROUTINE))
    return pd.Series(kinds, index=kontakte.index, name="kontext")


def context_counts(kontakte: pd.DataFrame, **options) -> pd.DataFrame:
    """Contacts and their share per context kind (all three kinds, in :data:`CONTEXTS` order).

    >>> k = pd.DataFrame({"touchpoint": ["Beschwerde", "Kasse", "Kasse", "Rechnung"]})
    >>> context_counts(k)
                 kontext  kontakte  anteil
    0            Problem         1    0.25
    1  Kauf/Entscheidung         2    0.50
    2            Routine         1    0.25
    """
    counts = context_kinds(kontakte, **options).value_counts().reindex(CONTEXTS, fill_value=0)
    n = counts.to_numpy(dtype=np.int64)
    return pd.DataFrame({"kontext": list(CONTEXTS), "kontakte": n,
                         "anteil": np.round(n / max(int(n.sum()), 1), 4)})


def fit_table(offer_annoyance: float = OFFER_ANNOYANCE) -> pd.DataFrame:
    """The course's assumed reactions per content and context kind (shares of the contacts).

    >>> t = fit_table(0.5)
    >>> t[(t["inhalt"] == "Angebot") & (t["kontext"] == "Problem")][["positiv", "veraergert", "netto"]]
       positiv  veraergert  netto
    0     0.02         0.5  -0.48
    """
    annoyance = check_share("offer_annoyance", offer_annoyance)
    rows = []
    for content in CONTENTS:
        for context in CONTEXTS:
            pos, neg = FIT[(content, context)]
            if (content, context) == (OFFER, PROBLEM):
                neg = annoyance
            rows.append({"inhalt": content, "kontext": context, "positiv": pos, "veraergert": neg,
                         "netto": round(pos - neg, 4)})
    return pd.DataFrame(rows)


def best_contents(fit: pd.DataFrame) -> dict[str, str]:
    """Per context kind the content with the highest net effect (ties: the first in :data:`CONTENTS`).

    >>> best_contents(fit_table())
    {'Problem': 'Hilfe', 'Kauf/Entscheidung': 'Angebot', 'Routine': 'Dank'}
    """
    best = {}
    for context in CONTEXTS:
        part = fit[fit["kontext"] == context].set_index("inhalt")["netto"].reindex(CONTENTS)
        best[context] = str(part.idxmax())
    return best


@dataclass(frozen=True)
class ContentContextResult:
    """Expected reactions of both strategies per context kind (:attr:`table`, columns :data:`RESULT_COLUMNS`)."""

    offer_annoyance: float
    known_share: float
    broadcast: str
    table: pd.DataFrame

    def total(self, strategy: str, column: str = "netto") -> float:
        """Sum of ``column`` over all context kinds for one strategy."""
        return float(self.table.loc[self.table["strategie"] == strategy, column].sum())

    @property
    def advantage(self) -> float:
        """Net effect of content by context minus that of the same content for everyone."""
        return round(self.total(BY_CONTEXT) - self.total(BROADCAST), 2)

    def summary(self) -> pd.DataFrame:
        """Positive, annoyed and net reactions over all contacts, one row per strategy."""
        return pd.DataFrame({"strategie": list(STRATEGIES),
                             **{c: [round(self.total(s, c), 2) for s in STRATEGIES]
                                for c in ("positiv", "veraergert", "netto")}})


def compare(counts: pd.DataFrame, *, offer_annoyance: float = OFFER_ANNOYANCE, known_share: float = KNOWN_SHARE,
            broadcast: str = OFFER) -> ContentContextResult:
    """Expected reactions of the same content for everyone vs content chosen by context.

    ``counts`` is :func:`context_counts`. Where the context is unknown
    (1 − ``known_share`` of the contacts), content by context falls back to the
    broadcast content.

    >>> counts = pd.DataFrame({"kontext": ["Problem", "Kauf/Entscheidung", "Routine"], "kontakte": [100, 100, 0]})
    >>> r = compare(counts)
    >>> r.summary()
                      strategie  positiv  veraergert  netto
    0  Gleicher Inhalt für alle     27.0        35.0   -8.0
    1       Inhalt nach Kontext     65.0        10.0   55.0
    >>> r.advantage, compare(counts, known_share=0).advantage
    (63.0, 0.0)
    """
    annoyance = check_share("offer_annoyance", offer_annoyance)
    known = check_share("known_share", known_share)
    if broadcast not in CONTENTS:
        raise KundenkitError(f"Der Parameter 'broadcast' ist {broadcast!r}; erlaubt sind {', '.join(CONTENTS)}.",
                             parameter="broadcast", wert=broadcast)
    fit = fit_table(annoyance).set_index(["inhalt", "kontext"])
    best = best_contents(fit.reset_index())
    n = counts.set_index("kontext")["kontakte"].reindex(CONTEXTS, fill_value=0).to_numpy(dtype=float)
    rows = []
    for i, context in enumerate(CONTEXTS):
        b_pos, b_neg = fit.loc[(broadcast, context), ["positiv", "veraergert"]]
        c_pos, c_neg = fit.loc[(best[context], context), ["positiv", "veraergert"]]
        for strategy, content, pos, neg in (
                (BROADCAST, broadcast, b_pos, b_neg),
                (BY_CONTEXT, best[context], known * c_pos + (1 - known) * b_pos,
                 known * c_neg + (1 - known) * b_neg)):
            rows.append({"kontext": context, "strategie": strategy, "inhalt": content, "kontakte": int(n[i]),
                         "positiv": round(n[i] * pos, 2), "veraergert": round(n[i] * neg, 2),
                         "netto": round(n[i] * (pos - neg), 2)})
    return ContentContextResult(offer_annoyance=annoyance, known_share=known, broadcast=broadcast,
                                table=pd.DataFrame(rows, columns=RESULT_COLUMNS))


@dataclass(frozen=True)
class ContentContextModel:
    """The contacts per context kind, counted once; :meth:`evaluate` only multiplies."""

    counts: pd.DataFrame

    @classmethod
    def from_table(cls, kontakte: pd.DataFrame, **options) -> ContentContextModel:
        """Count the learner's contacts per context kind.

        >>> k = pd.DataFrame({"touchpoint": ["Beschwerde", "Kasse"], "bewertung": [3, 5]})
        >>> ContentContextModel.from_table(k).counts["kontakte"].tolist()
        [1, 1, 0]
        """
        return cls(counts=context_counts(kontakte, **options))

    def evaluate(self, offer_annoyance: float = OFFER_ANNOYANCE, known_share: float = KNOWN_SHARE,
                 broadcast: str = OFFER) -> ContentContextResult:
        """Both strategies for these settings (see :func:`compare`)."""
        return compare(self.counts, offer_annoyance=offer_annoyance, known_share=known_share, broadcast=broadcast)
