"""Lesson 1.4 "Spurwechsel – Bitte anzeigen!": who leaves, and who signalled before?

CRM tries to forecast what a customer does next – the next product, the answer
to a campaign, or leaving the company. Still, customers change lanes without
signalling: we never know everything about them (Hafner 2019, Kap. 1). When a
lane change is signalled, the book sees two answers: brake and let the customer
go first (right if we made mistakes) or accelerate (right if our advantage is sure).
That, says the book, was the right logic *until a few years ago*; its conclusion
is agility – small steps, prototypes discussed with customers, fetching their
signals again and again (design thinking). The brake/accelerate matrix below
(:data:`DECISIONS`) is therefore the course's tool for one signalled customer,
not the book's recommendation (:data:`MATRIX_NOTE` says so to learners).

**Course model** (not from the book): the learner's own purchase table is cut at
a date, the *Stichtag* = last date in the data minus a horizon. Customers who
bought in the year before the Stichtag are the population; a *Spurwechsel* is
observed when a customer buys nothing after the Stichtag. A *Blinker-Wert*
(signal score, 0–1) uses only what was known on the Stichtag:

* Kaufrückgang: 1 − (purchases in the last ``window_days`` before the Stichtag ÷
  purchases expected there from the customer's own earlier rate), between 0 and 1;
* plus ``contact_weight`` if a contact in those days was rated poorly
  (``bewertung`` ≤ ``bad_rating``; only if the contact table is given); at most 1.

A threshold flags customers; the flags are judged with the standard tools of
classifier evaluation – confusion matrix, precision, recall and lift in the top
decile (Provost & Fawcett 2013, ch. 7–8), counted by :mod:`kundenkit.models.screening`
(shared with lesson 3.11). Default parameters are assumptions of the course; learners set their own.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import screening
from kundenkit.validation import check_columns, check_int

# Defaults: assumptions of the course, not figures from a source.
HORIZON_DAYS = 180      # the time after the Stichtag in which we look for purchases
WINDOW_DAYS = 90        # the recent time before the Stichtag in which the Blinker shows
ACTIVE_DAYS = 365       # population: at least one purchase in this time before the Stichtag
BAD_RATING = 2          # a contact rated 1 or 2 (of 5) counts as poor
CONTACT_WEIGHT = 0.5    # what a poor contact adds to the Blinker-Wert
THRESHOLD = 0.5         # from this Blinker-Wert on, a customer is flagged
MIN_EARLIER_DAYS = 30   # the earlier period must be at least this long

CELLS = screening.CELLS
ROWS = ("Spurwechsel (kein Kauf)", "geblieben (hat gekauft)")    # observed: left, stayed
COLUMNS = ("markiert (Blinker)", "nicht markiert")               # flagged, not flagged


# ---------------------------------------------------------------------------
# Preparing the learner's tables once
# ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class PurchaseHistory:
    """The purchase (and contact) table reduced to integer arrays, prepared once for fast recalculation.

    Days are counted since 1970-01-01. ``ids`` holds the customer ids; ``codes``
    index into it. Build it with :func:`prepare`.
    """

    ids: np.ndarray
    codes: np.ndarray
    days: np.ndarray
    contact_codes: np.ndarray | None
    contact_days: np.ndarray | None
    contact_ratings: np.ndarray | None

    @property
    def first_day(self) -> int:
        return int(self.days.min())

    @property
    def last_day(self) -> int:
        return int(self.days.max())

    @property
    def has_contacts(self) -> bool:
        return self.contact_codes is not None


def _column(frame: pd.DataFrame, col: str, param: str, table: str) -> pd.Series:
    check_columns(frame, table, {param: col})
    return frame[col]


def _days(values: pd.Series, col: str, table: str) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(values):
        dates = values
    else:  # ISO dates (2024-12-31) or German ones (31.12.2024)
        text = values.astype("string").str.strip()
        dates = pd.to_datetime(text, errors="coerce", format="ISO8601")
        german = pd.to_datetime(text, errors="coerce", format="%d.%m.%Y")
        dates = dates.fillna(german)
    bad = dates.isna()
    if bad.any():
        row = bad.to_numpy().nonzero()[0][0]
        raise KundenkitError(
            f"Tabelle {table}, Spalte '{col}', Zeile {values.index[row]}: {values.iloc[row]!r} ist kein Datum. "
            "Tragen Sie ein Datum wie 31.12.2024 ein oder löschen Sie die Zeile."
        )
    return dates.to_numpy(dtype="datetime64[D]").astype(np.int64)


def prepare(transaktionen: pd.DataFrame, kontakte: pd.DataFrame | None = None, *,
            customer_col: str = "kunden_id", date_col: str = "datum",
            rating_col: str = "bewertung") -> PurchaseHistory:
    """Reduce the purchase table (and, if given, the contact table) to arrays for :func:`signal_scores`.

    Only ``transaktionen`` is required. Contacts of customers without any
    purchase are ignored.

    >>> sales = pd.DataFrame({"kunden_id": ["A", "B", "A"], "datum": ["2024-01-05", "2024-02-01", "2024-03-01"]})
    >>> history = prepare(sales)
    >>> list(history.ids), history.codes.tolist(), history.has_contacts
    (['A', 'B'], [0, 1, 0], False)
    >>> prepare(sales.rename(columns={"datum": "Datum"}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle transaktionen fehlt die Spalte 'datum' (Parameter date_col).
        Vorhanden sind: kunden_id, Datum. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen mit date_col=… an.
    """
    customers = _column(transaktionen, customer_col, "customer_col", "transaktionen")
    dates = _column(transaktionen, date_col, "date_col", "transaktionen")
    if len(transaktionen) == 0:
        raise KundenkitError("Die Tabelle transaktionen ist leer. Das Modell braucht Käufe mit Datum.")
    if customers.isna().any():
        row = customers.index[customers.isna().to_numpy()][0]
        raise KundenkitError(f"Tabelle transaktionen, Spalte '{customer_col}', Zeile {row}: Die Kundennummer "
                             "fehlt. Ergänzen Sie sie oder löschen Sie die Zeile.")
    codes, ids = pd.factorize(customers.astype(str), sort=True)
    days = _days(dates, date_col, "transaktionen")
    contact_codes = contact_days = contact_ratings = None
    if kontakte is not None:
        c_customers = _column(kontakte, customer_col, "customer_col", "kontakte").astype(str)
        c_days = _days(_column(kontakte, date_col, "date_col", "kontakte"), date_col, "kontakte")
        ratings = pd.to_numeric(_column(kontakte, rating_col, "rating_col", "kontakte"), errors="coerce")
        index = pd.Index(ids).get_indexer(c_customers)
        known = (index >= 0) & ratings.notna().to_numpy()
        contact_codes, contact_days = index[known], c_days[known]
        contact_ratings = ratings.to_numpy(dtype=float)[known]
    return PurchaseHistory(ids=np.asarray(ids, dtype=object), codes=codes.astype(np.int64), days=days,
                           contact_codes=contact_codes, contact_days=contact_days,
                           contact_ratings=contact_ratings)


# ---------------------------------------------------------------------------
# Signal score per customer
# ---------------------------------------------------------------------------

_check_share = screening.check_share


def cutoff_date(history: PurchaseHistory | pd.DataFrame, horizon_days: int = HORIZON_DAYS,
                **columns) -> pd.Timestamp:
    """The Stichtag: the last date in the purchase table minus ``horizon_days``.

    >>> sales = pd.DataFrame({"kunden_id": ["A", "A"], "datum": ["2024-01-01", "2024-12-31"]})
    >>> cutoff_date(sales, 180).date()
    datetime.date(2024, 7, 4)
    """
    if isinstance(history, pd.DataFrame):
        history = prepare(history, **columns)
    horizon_days = check_int("horizon_days", horizon_days, minimum=1)
    return pd.Timestamp(np.datetime64(history.last_day - horizon_days, "D"))


def signal_scores(transaktionen: PurchaseHistory | pd.DataFrame, kontakte: pd.DataFrame | None = None, *,
                  horizon_days: int = HORIZON_DAYS, window_days: int = WINDOW_DAYS,
                  active_days: int = ACTIVE_DAYS, bad_rating: int = BAD_RATING,
                  contact_weight: float = CONTACT_WEIGHT, **columns) -> pd.DataFrame:
    """Blinker-Wert (signal score) and observed Spurwechsel for every customer of the population (course model).

    Parameters
    ----------
    transaktionen : DataFrame or PurchaseHistory
        One row per purchase with a customer id and a date (see ``columns``),
        or the result of :func:`prepare` (then ``kontakte`` is ignored).
    kontakte : DataFrame, optional
        One row per contact with customer id, date and a rating 1–5.
    horizon_days : int
        Stichtag = last date in the data minus this many days.
    window_days : int
        The recent days before the Stichtag in which the Blinker is looked for.
    active_days : int
        Population: customers with at least one purchase in this many days before the Stichtag.
    bad_rating : int
        A contact rated at most this counts as poor.
    contact_weight : float
        What a poor recent contact adds to the Blinker-Wert (0–1).
    **columns
        ``customer_col``, ``date_col``, ``rating_col`` if your columns are named differently.

    Returns
    -------
    DataFrame, one row per customer, sorted by ``blinker`` (highest first; equal
    scores: longer silence first, then id): ``kunden_id``, ``letzter_kauf`` (before
    the Stichtag), ``käufe_vorher``, ``käufe_zuletzt``, ``erwartet_zuletzt``, ``kaufrückgang`` (0–1),
    ``schlechter_kontakt``, ``blinker`` (0–1) and ``spurwechsel`` (no purchase
    after the Stichtag). ``attrs`` holds the dates the model used.

    Examples
    --------
    A steady customer, one who slowed down before leaving, and one who left without a Blinker:

    >>> days = {"A": range(0, 700, 20), "B": list(range(0, 400, 20)) + [480], "C": range(0, 500, 20)}
    >>> sales = pd.DataFrame([(k, pd.Timestamp("2023-01-01") + pd.Timedelta(days=d))
    ...                       for k, ds in days.items() for d in ds], columns=["kunden_id", "datum"])
    >>> table = signal_scores(sales, horizon_days=180, window_days=90)
    >>> table[["kunden_id", "käufe_vorher", "käufe_zuletzt", "kaufrückgang", "blinker", "spurwechsel"]]
      kunden_id  käufe_vorher  käufe_zuletzt  kaufrückgang  blinker  spurwechsel
    0         B            20              1         0.772    0.772         True
    1         C            21              4         0.130    0.130         True
    2         A            21              5         0.000    0.000        False
    >>> table.attrs["stichtag"].date(), table.attrs["fenster_beginn"].date()
    (datetime.date(2024, 5, 15), datetime.date(2024, 2, 16))
    """
    history = transaktionen if isinstance(transaktionen, PurchaseHistory) else prepare(transaktionen, kontakte,
                                                                                      **columns)
    horizon_days = check_int("horizon_days", horizon_days, minimum=1)
    window_days = check_int("window_days", window_days, minimum=1)
    active_days = check_int("active_days", active_days, minimum=1)
    bad_rating = check_int("bad_rating", bad_rating, minimum=1, maximum=5)
    contact_weight = _check_share("contact_weight", contact_weight)

    first, last = history.first_day, history.last_day
    cutoff = last - horizon_days
    window_start = cutoff - window_days          # recent window: (window_start, cutoff]
    earlier_days = window_start - first + 1      # earlier period: [first, window_start]
    if earlier_days < MIN_EARLIER_DAYS:
        span = last - first + 1
        raise KundenkitError(
            f"Ihre Käufe reichen über {span} Tage. Für horizon_days={horizon_days} und window_days={window_days} "
            f"braucht das Modell mindestens {horizon_days + window_days + MIN_EARLIER_DAYS} Tage, damit vor dem "
            "Blinker-Fenster noch eine frühere Zeit zum Vergleich bleibt. Wählen Sie kürzere Zeiträume."
        )
    n = len(history.ids)
    codes, days = history.codes, history.days
    before = days <= cutoff
    earlier = np.bincount(codes[days <= window_start], minlength=n)
    recent = np.bincount(codes[before & (days > window_start)], minlength=n)
    active = np.bincount(codes[before & (days > cutoff - active_days)], minlength=n) > 0
    after = np.bincount(codes[~before], minlength=n) > 0
    last_before = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last_before, codes[before], days[before])

    expected = earlier * window_days / earlier_days
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = np.where(expected > 0, np.clip(1 - recent / expected, 0, 1), 0.0)
    bad_contact = np.zeros(n, dtype=bool)
    c_codes, c_days, c_ratings = history.contact_codes, history.contact_days, history.contact_ratings
    if c_codes is not None and c_days is not None and c_ratings is not None:  # history.has_contacts
        in_window = (c_days > window_start) & (c_days <= cutoff) & (c_ratings <= bad_rating)
        bad_contact[c_codes[in_window]] = True
    score = np.minimum(1.0, drop.round(3) + contact_weight * bad_contact)

    keep = np.flatnonzero(active)
    table = pd.DataFrame({
        "kunden_id": pd.array(history.ids[keep], dtype="string"),
        "letzter_kauf": np.asarray(last_before[keep], dtype="datetime64[D]").astype("datetime64[us]"),
        "käufe_vorher": earlier[keep],
        "käufe_zuletzt": recent[keep],
        "erwartet_zuletzt": expected[keep].round(2),
        "kaufrückgang": drop[keep].round(3),
        "schlechter_kontakt": bad_contact[keep],
        "blinker": score[keep].round(3),
        "spurwechsel": ~after[keep],
    })
    # Equal scores: the customer who has been silent for longer comes first.
    table = table.sort_values(["blinker", "letzter_kauf", "kunden_id"], ascending=[False, True, True],
                              kind="stable", ignore_index=True)

    def stamp(day):
        return pd.Timestamp(np.datetime64(int(day), "D"))

    table.attrs.update(stichtag=stamp(cutoff), letztes_datum=stamp(last), erstes_datum=stamp(first),
                       fenster_beginn=stamp(window_start + 1), horizont_tage=horizon_days,
                       fenster_tage=window_days, mit_kontakten=history.has_contacts)
    return table


# ---------------------------------------------------------------------------
# Evaluating a threshold
# ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Evaluation:
    """Flags at one threshold against the observed Spurwechsel.

    ``precision`` = Treffer ÷ flagged customers (0 if nobody is flagged);
    ``recall`` = Treffer ÷ Spurwechsler (0 if nobody left); ``lift_top_decile`` =
    share of Spurwechsler among the 10 % with the highest Blinker-Wert ÷ their
    share in the whole population (NaN if nobody left).
    """

    threshold: float
    population: int
    spurwechsler: int
    markiert: int
    treffer: int
    fehlalarme: int
    verpasst: int
    korrekt_ruhig: int
    precision: float
    recall: float
    lift_top_decile: float
    caught: pd.DataFrame = field(repr=False)

    def confusion(self) -> pd.DataFrame:
        """The 2×2 confusion matrix in long form (one row per cell) for tables and charts.

        >>> evaluate(pd.DataFrame({"kunden_id": ["A", "B"], "blinker": [0.9, 0.1],
        ...                        "spurwechsel": [True, True]}), 0.5).confusion()
                       tatsächlich       vorhersage           feld  anzahl
        0  Spurwechsel (kein Kauf)   markiert (Blinker)        Treffer       1
        1  Spurwechsel (kein Kauf)  nicht markiert           verpasst       1
        2    geblieben (hat gekauft)   markiert (Blinker)      Fehlalarm       0
        3    geblieben (hat gekauft)  nicht markiert      korrekt ruhig       0
        """
        counts = screening.Counts(self.treffer, self.fehlalarme, self.verpasst, self.korrekt_ruhig)
        return screening.confusion_frame(counts, ROWS, COLUMNS)

    def summary(self) -> pd.DataFrame:
        """The key figures as a small table (Kennzahl, Wert) in German number format, for the notebook.

        >>> evaluate(pd.DataFrame({"blinker": [0.9, 0.1, 0.6], "spurwechsel": [True, True, False]}), 0.5).summary()
                                Kennzahl  Wert
        0   Kunden im Blick (Population)     3
        1             davon Spurwechsler     2
        2  markiert (Blinker ≥ Schwelle)     2
        3                        Treffer     1
        4                     Fehlalarme     1
        5                       verpasst     1
        6                  korrekt ruhig     0
        7                      Precision  50 %
        8                         Recall  50 %
        9       Lift im obersten Zehntel  1,50
        """
        def count(value: int) -> str:
            return de_number(value, 0)

        def share(value: float) -> str:
            return de_percent(value)

        lift = "–" if math.isnan(self.lift_top_decile) else de_number(self.lift_top_decile)
        rows = [("Kunden im Blick (Population)", count(self.population)),
                ("davon Spurwechsler", count(self.spurwechsler)),
                ("markiert (Blinker ≥ Schwelle)", count(self.markiert)), ("Treffer", count(self.treffer)),
                ("Fehlalarme", count(self.fehlalarme)), ("verpasst", count(self.verpasst)),
                ("korrekt ruhig", count(self.korrekt_ruhig)), ("Precision", share(self.precision)),
                ("Recall", share(self.recall)), ("Lift im obersten Zehntel", lift)]
        return pd.DataFrame(rows, columns=["Kennzahl", "Wert"])


def _scores_columns(scores: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(scores, pd.DataFrame):
        raise KundenkitError("Übergeben Sie die Tabelle aus signal_scores(...) (ein DataFrame).")
    for col in ("blinker", "spurwechsel"):
        if col not in scores.columns:
            raise KundenkitError(f"Die Spalte '{col}' fehlt. Berechnen Sie die Tabelle zuerst mit signal_scores(...).")
    score = pd.to_numeric(scores["blinker"], errors="coerce").to_numpy(dtype=float)
    if np.isnan(score).any() or (score < 0).any() or (score > 1).any():
        raise KundenkitError("Die Spalte 'blinker' muss Zahlen von 0 bis 1 enthalten.")
    return score, scores["spurwechsel"].to_numpy(dtype=bool)


def lift_top_decile(scores: pd.DataFrame) -> float:
    """Share of Spurwechsler among the top 10 % by Blinker-Wert ÷ their share overall.

    Ties are broken by the order of the table (``signal_scores`` sorts by score, then id).
    The top decile holds ``ceil(n / 10)`` customers.

    >>> t = pd.DataFrame({"blinker": [0.9] + [0.1] * 9, "spurwechsel": [True] + [False] * 8 + [True]})
    >>> lift_top_decile(t)
    5.0
    """
    return screening.lift_top_decile(*_scores_columns(scores))


def evaluate(scores: pd.DataFrame, threshold: float = THRESHOLD, *, lift: float | None = None) -> Evaluation:
    """Flag customers with ``blinker >= threshold`` and compare with the observed Spurwechsel.

    ``lift`` may be passed in when it is already known (it does not depend on the threshold).

    >>> t = pd.DataFrame({"kunden_id": list("ABCDE"), "blinker": [1.0, 0.8, 0.6, 0.2, 0.0],
    ...                   "spurwechsel": [True, False, True, True, False]})
    >>> e = evaluate(t, 0.5)
    >>> e.treffer, e.fehlalarme, e.verpasst, e.korrekt_ruhig, round(e.precision, 3), round(e.recall, 3)
    (2, 1, 1, 1, 0.667, 0.667)
    >>> e.caught["kunden_id"].tolist()
    ['A', 'C']
    >>> evaluate(t, 1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'threshold' ist 1.5; erlaubt sind Zahlen von 0 bis 1.
    """
    threshold = _check_share("threshold", threshold)
    score, left = _scores_columns(scores)
    c = screening.count(score, left, threshold)
    return Evaluation(
        threshold=threshold, population=c.population, spurwechsler=c.positive, markiert=c.markiert,
        treffer=c.treffer, fehlalarme=c.fehlalarme, verpasst=c.verpasst, korrekt_ruhig=c.korrekt_ruhig,
        precision=c.precision, recall=c.recall,
        lift_top_decile=lift_top_decile(scores) if lift is None else float(lift),
        caught=scores.loc[screening.flags(score, threshold) & left].reset_index(drop=True),
    )


def threshold_curve(scores: pd.DataFrame, thresholds=None) -> pd.DataFrame:
    """Precision, recall and the four cells for a range of thresholds (default 0, 0.05, …, 1).

    >>> t = pd.DataFrame({"blinker": [1.0, 0.6, 0.2], "spurwechsel": [True, False, True]})
    >>> threshold_curve(t, [0.0, 0.5, 1.0])[["schwelle", "markiert", "treffer", "recall"]]
       schwelle  markiert  treffer  recall
    0       0.0         3        2     1.0
    1       0.5         2        1     0.5
    2       1.0         1        1     0.5
    """
    thresholds = screening.default_thresholds() if thresholds is None else thresholds
    lift = lift_top_decile(scores)
    rows = []
    for value in thresholds:
        e = evaluate(scores, value, lift=lift)
        rows.append({"schwelle": e.threshold, "markiert": e.markiert, "treffer": e.treffer,
                     "fehlalarme": e.fehlalarme, "verpasst": e.verpasst, "korrekt_ruhig": e.korrekt_ruhig,
                     "precision": round(e.precision, 4), "recall": round(e.recall, 4)})
    return pd.DataFrame(rows)


def confusion_grid(scores: pd.DataFrame, thresholds=None) -> pd.DataFrame:
    """The four fields of the confusion matrix for a range of thresholds (default 0, 0.05, …, 1), long form.

    A chart can then show any of these thresholds without recalculating.

    >>> t = pd.DataFrame({"blinker": [1.0, 0.6, 0.2], "spurwechsel": [True, False, True]})
    >>> grid = confusion_grid(t, [0.5])
    >>> grid[["schwelle", "feld", "anzahl"]]
       schwelle           feld  anzahl
    0       0.5        Treffer       1
    1       0.5       verpasst       1
    2       0.5      Fehlalarm       1
    3       0.5  korrekt ruhig       0
    """
    score, left = _scores_columns(scores)
    return screening.confusion_grid(score, left, ROWS, COLUMNS, thresholds)


def leaver_histogram(scores: pd.DataFrame, bins: int = 20) -> pd.DataFrame:
    """Number of Spurwechsler per Blinker-Wert bin (``von`` ≤ score < ``bis``; the last bin includes 1).

    >>> t = pd.DataFrame({"blinker": [1.0, 0.62, 0.1, 0.9], "spurwechsel": [True, True, True, False]})
    >>> leaver_histogram(t, bins=4)
        von   bis  anzahl
    0  0.00  0.25       1
    1  0.50  0.75       1
    2  0.75  1.00       1
    """
    score, left = _scores_columns(scores)
    return screening.histogram(score[left], bins)


# ---------------------------------------------------------------------------
# Brake or accelerate
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    """One field of the brake/accelerate matrix: the answer to a signalled lane change."""

    our_fault: bool
    sure_advantage: bool
    action: str
    advice: str
    source: str


BOOK = "Hafner (2019)"
COURSE = "Lesart des Kurses"

#: What learners read wherever the matrix is shown: whose tool it is, and what the book concludes.
MATRIX_NOTE = ("Die Matrix ist ein Werkzeug des Kurses. Bremsen oder Gas geben war laut Hafner (2019) "
               "die richtige Logik bis vor wenigen Jahren. Sein Schluss heute: agil sein – in kleinen "
               "Schritten, mit Prototypen, die man mit Kunden bespricht, und immer wieder neuen Blinkzeichen.")

DECISIONS = (
    Decision(True, False, "Bremsen",
             "Lassen Sie dem Kunden den Vortritt und fragen Sie, was Sie tun können.", BOOK),
    Decision(False, True, "Gas geben",
             "Ziehen Sie mit Ihrem Vorteil davon – der Kunde folgt Ihnen wahrscheinlich.", BOOK),
    Decision(True, True, "Erst bremsen, dann Gas geben",
             "Klären Sie zuerst Ihren Fehler mit dem Kunden; danach trägt Ihr Vorteil wieder.", COURSE),
    Decision(False, False, "Blinkzeichen holen",
             "Gehen Sie in kleinen Schritten vor: Zeigen Sie Prototypen und fragen Sie nach.", COURSE),
)


def decide(our_fault: bool, sure_advantage: bool) -> Decision:
    """Brake or accelerate? The answer to a signalled lane change (the course's tool, see :data:`MATRIX_NOTE`).

    Brake if we made mistakes, accelerate if our advantage is sure (Hafner 2019,
    Kap. 1: the logic that held until a few years ago; the book's conclusion is
    agility). The other two fields are the course's reading of the story
    (``source == "Lesart des Kurses"``).

    >>> decide(our_fault=True, sure_advantage=False).action
    'Bremsen'
    >>> decide(False, True).action, decide(False, True).source
    ('Gas geben', 'Hafner (2019)')
    >>> decide(True, True).source
    'Lesart des Kurses'
    """
    for name, value in (("our_fault", our_fault), ("sure_advantage", sure_advantage)):
        if not isinstance(value, (bool, np.bool_)):
            raise KundenkitError(f"Der Parameter '{name}' muss True oder False sein, nicht {value!r}.")
    return next(d for d in DECISIONS if d.our_fault == bool(our_fault) and d.sure_advantage == bool(sure_advantage))
