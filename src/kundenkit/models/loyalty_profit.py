"""Lesson 3.10 "Von Fremden und Kletten – Herr Puvogel tobt!": loyal is not automatically profitable.

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 3). The
strangers and barnacles in it point to the research of Reinartz & Kumar (2002,
"The Mismanagement of Customer Loyalty", Harvard Business Review 80(7)). They
sort customers by two things: how profitable they are and how long they stay.
That gives four groups:

=================  ==============  ============  =================================
group              duration        profit        treatment (in the course's words)
=================  ==============  ============  =================================
Fremde             short           low           do not invest in the relationship
Schmetterlinge     short           high          enjoy them while they buy; stop
                                                 investing when they stop buying
Wahre Freunde      long            high          reward them and keep them
Kletten            long            low           check the share of wallet: small
                                                 → up- and cross-sell; else cut
                                                 the cost to serve
=================  ==============  ============  =================================

Their point: a long relationship is not by itself a profitable one. The lesson
shows it with the share of barnacles among the long-standing customers.

**Course model** (not the article's method, not the book's):

- *Profit* per customer and year is the profit of lesson 1.2
  (:mod:`kundenkit.models.customer_profit`, without kings): contribution margin
  − cost to serve + value of information and referrals, as far as the tables
  are there.
- *Duration* is the time from the start of the relationship to the customer's
  last purchase, in years. The start is ``kunde_seit`` from the customer table
  when it is there (a purchase before it moves the start back to that purchase),
  else the first purchase in the data – then no relationship can look longer
  than the data reach.
- *Long* means a duration of at least the duration threshold, *profitable* a
  profit of at least the profit threshold. Both thresholds start at the median
  (a choice of the course, rounded to the steps of the widget's sliders) and are
  adjustable.

Customers without a purchase in ``transaktionen`` have no duration and are left
out (the result counts them).
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.models.customer_profit import Assumptions, ProfitModel, assumptions_for
from kundenkit.validation import check_columns

STRANGERS, BUTTERFLIES, TRUE_FRIENDS, BARNACLES = "Fremde", "Schmetterlinge", "Wahre Freunde", "Kletten"
#: Order of the groups in every table: short before long, low profit before high.
GROUPS = (STRANGERS, BUTTERFLIES, TRUE_FRIENDS, BARNACLES)
ALL = "Alle Kunden"
#: Where each group lies: (long?, profitable?).
POSITION = {STRANGERS: (False, False), BUTTERFLIES: (False, True), TRUE_FRIENDS: (True, True),
            BARNACLES: (True, False)}
#: The treatment per group as Reinartz & Kumar (2002) recommend it, in the course's own words.
TREATMENTS = {
    STRANGERS: "Nicht in die Beziehung investieren. Jedes Geschäft muss sich für sich allein rechnen.",
    BUTTERFLIES: "Genießen, solange sie kaufen. Kaufen sie nicht mehr, die Investition in sie rasch beenden – "
                 "nicht versuchen, sie zu halten.",
    TRUE_FRIENDS: "Belohnen und halten: regelmäßig, aber nicht zu oft ansprechen, Treue anerkennen.",
    BARNACLES: "Prüfen, welchen Anteil ihres Bedarfs sie bei Ihnen decken. Ist er klein: gezielt mehr und "
               "Ergänzendes verkaufen. Ist ihr Bedarf selbst klein: die Kosten ihrer Betreuung senken.",
}
SOURCE_SINCE = "Kunde seit (Kundentabelle)"
SOURCE_FIRST = "erster Kauf in Ihren Daten"
DAYS_PER_YEAR = 365.25
DURATION_STEP = 0.1   # years; the duration threshold is rounded to this (the slider's step)


def _check_threshold(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.", parameter=name,
                             wert=value)
    return float(value)


def nice_step(span: float, steps: int = 400) -> float:
    """A round step (1, 2 or 5 × a power of ten, at least 1) that cuts ``span`` into about ``steps`` parts.

    >>> nice_step(824), nice_step(87_900), nice_step(0)
    (5.0, 500.0, 1.0)
    """
    raw = float(span) / steps
    if not raw > 1:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return float(next(f * power for f in (1, 2, 5, 10) if f * power >= raw))


def relationship_duration(transaktionen: pd.DataFrame, kunden: pd.DataFrame | None = None, *,
                          customer_col: str = "kunden_id", date_col: str = "datum",
                          since_col: str = "kunde_seit") -> pd.DataFrame:
    """Duration of each customer's relationship: from its start to the last purchase, in years.

    The start is ``since_col`` of ``kunden`` if that table and column are given;
    a purchase before that date, or an empty cell, moves the start to the first
    purchase. Without ``kunden`` the start is the first purchase in the data.

    Returns one row per customer with a purchase (sorted by id): ``kunden_id``,
    ``beginn``, ``erster_kauf``, ``letzter_kauf``, ``dauer_jahre`` and ``beginn_aus`` (where the
    start comes from).

    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B"],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-12-31", "2024-06-30"])})
    >>> relationship_duration(t)[["kunden_id", "dauer_jahre", "beginn_aus"]]
      kunden_id  dauer_jahre                  beginn_aus
    0         A          2.0  erster Kauf in Ihren Daten
    1         B          0.0  erster Kauf in Ihren Daten
    >>> k = pd.DataFrame({"kunden_id": ["A", "B"], "kunde_seit": pd.to_datetime(["2014-12-31", None])})
    >>> relationship_duration(t, k)[["kunden_id", "dauer_jahre", "beginn_aus"]]
      kunden_id  dauer_jahre                  beginn_aus
    0         A         10.0  Kunde seit (Kundentabelle)
    1         B          0.0  erster Kauf in Ihren Daten
    """
    check_columns(transaktionen, "transaktionen", {"customer_col": customer_col, "date_col": date_col})
    dates = pd.to_datetime(transaktionen[date_col], errors="coerce", dayfirst=True)
    bad = dates.isna() & transaktionen[date_col].notna()
    if bad.any():
        row = transaktionen.index[bad.to_numpy()][0]
        raise KundenkitError(
            f"Tabelle 'transaktionen', Spalte '{date_col}', Zeile {row}: {transaktionen.at[row, date_col]!r} ist "
            "kein Datum. Schreiben Sie Daten wie 31.12.2024.", spalte=date_col, wert=transaktionen.at[row, date_col])
    frame = pd.DataFrame({"id": transaktionen[customer_col].astype(str).to_numpy(), "d": dates.to_numpy()})
    frame = frame.dropna(subset=["d"])
    if frame.empty:
        raise KundenkitError("Die Tabelle 'transaktionen' enthält keinen Kauf mit gültigem Datum. Ohne Käufe "
                             "lässt sich die Dauer einer Beziehung nicht bestimmen.", spalte=date_col)
    spans = frame.groupby("id", sort=True)["d"].agg(["min", "max"])
    start = spans["min"]
    source = np.full(len(spans), SOURCE_FIRST, dtype=object)
    if kunden is not None and since_col in kunden.columns:
        check_columns(kunden, "kunden", {"customer_col": customer_col, "since_col": since_col})
        since = pd.to_datetime(kunden[since_col], errors="coerce", dayfirst=True)
        lookup = pd.Series(since.to_numpy(), index=kunden[customer_col].astype(str).to_numpy())
        lookup = lookup[~lookup.index.duplicated()].reindex(spans.index)
        use = (lookup.notna() & (lookup <= spans["min"])).to_numpy()
        start = start.where(~use, lookup)
        source[use] = SOURCE_SINCE
    days = (spans["max"] - start).dt.days.to_numpy(dtype=float)
    return pd.DataFrame({"kunden_id": spans.index.to_numpy(dtype=str), "beginn": start.to_numpy(),
                         "erster_kauf": spans["min"].to_numpy(), "letzter_kauf": spans["max"].to_numpy(),
                         "dauer_jahre": (days / DAYS_PER_YEAR).round(2),
                         "beginn_aus": source})


@dataclass(frozen=True)
class LoyaltyResult:
    """The four groups for one pair of thresholds.

    ``summary`` has one row per group and a last row ``Alle Kunden``: ``gruppe``,
    ``kunden``, ``anteil_kunden``, ``gewinn_summe`` (€ per year), ``anteil_gewinn``
    (share of the total profit; empty if the total is not above 0) and
    ``gewinn_je_kunde``.
    """

    duration_threshold: float
    profit_threshold: float
    groups: np.ndarray            # group label per customer, in the order of the model's customers
    summary: pd.DataFrame

    def count(self, group: str) -> int:
        return int(self.summary.loc[self.summary["gruppe"] == group, "kunden"].iloc[0])

    def profit(self, group: str) -> float:
        return float(self.summary.loc[self.summary["gruppe"] == group, "gewinn_summe"].iloc[0])

    @property
    def long_customers(self) -> int:
        """Customers with a duration of at least the threshold (true friends and barnacles)."""
        return self.count(TRUE_FRIENDS) + self.count(BARNACLES)

    @property
    def barnacle_share(self) -> float:
        """Share of barnacles among the long-standing customers (NaN without any)."""
        long = self.long_customers
        return self.count(BARNACLES) / long if long else math.nan

    @property
    def total_profit(self) -> float:
        return float(self.summary["gewinn_summe"].iloc[-1])


def classify(duration, profit, duration_threshold: float, profit_threshold: float) -> np.ndarray:
    """The group of each customer: long = duration ≥ its threshold, profitable = profit ≥ its threshold.

    >>> classify([0.5, 0.5, 8, 8], [10, 900, 900, -5], 2, 100).tolist()
    ['Fremde', 'Schmetterlinge', 'Wahre Freunde', 'Kletten']
    """
    d = np.asarray(duration, dtype=float)
    p = np.asarray(profit, dtype=float)
    long = d >= _check_threshold("duration_threshold", duration_threshold)
    high = p >= _check_threshold("profit_threshold", profit_threshold)
    return np.array(GROUPS, dtype=object)[_codes(long, high)]


def _codes(long: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Index into :data:`GROUPS`: 0 strangers, 1 butterflies, 2 true friends, 3 barnacles."""
    return np.where(long, np.where(high, 2, 3), np.where(high, 1, 0))


def group_summary(codes: np.ndarray, profit: np.ndarray) -> pd.DataFrame:
    """Count, share, total profit, share of the total profit and profit per customer of each group.

    ``codes`` index :data:`GROUPS`. The share of the total profit stays empty when
    the total is not above 0 (a share of a loss says nothing).

    >>> s = group_summary(np.array([0, 2, 2, 3]), np.array([10.0, 50.0, 30.0, 10.0]))
    >>> s[["gruppe", "kunden", "anteil_kunden", "gewinn_summe", "anteil_gewinn"]]
               gruppe  kunden  anteil_kunden  gewinn_summe  anteil_gewinn
    0          Fremde       1           0.25          10.0            0.1
    1  Schmetterlinge       0           0.00           0.0            0.0
    2   Wahre Freunde       2           0.50          80.0            0.8
    3         Kletten       1           0.25          10.0            0.1
    4     Alle Kunden       4           1.00         100.0            1.0
    >>> s["gewinn_je_kunde"].tolist()
    [10.0, nan, 40.0, 10.0, 25.0]
    """
    counts = np.bincount(codes, minlength=4).astype(np.int64)
    sums = np.bincount(codes, weights=profit, minlength=4)
    counts = np.append(counts, counts.sum())
    sums = np.append(sums, sums.sum())
    n, total = counts[-1], sums[-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_customer = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return pd.DataFrame({
        "gruppe": [*GROUPS, ALL],
        "kunden": counts,
        "anteil_kunden": (counts / n).round(4) if n else np.zeros(5),
        "gewinn_summe": sums.round(2) + 0.0,
        "anteil_gewinn": (sums / total).round(4) if total > 0 else np.full(5, np.nan),
        "gewinn_je_kunde": per_customer.round(2),
    })


@dataclass(frozen=True)
class LoyaltyModel:
    """Duration and profit per customer, computed once; :meth:`evaluate` only compares and counts.

    Build it with :meth:`from_tables`; :func:`loyalty_table` gives the per-customer table.
    """

    customers: np.ndarray         # customer ids with a purchase, sorted
    duration: np.ndarray          # years
    profit: np.ndarray            # € per year (lesson 1.2, without kings)
    since_used: int               # customers whose start comes from kunde_seit
    first_used: int               # customers whose start is their first purchase
    without_purchase: int         # customers of the profit model without a purchase (left out)
    missing: tuple[str, ...]      # optional tables of the profit model that were not given
    first_date: pd.Timestamp
    last_date: pd.Timestamp
    years: float                  # the period the profit is averaged over

    @classmethod
    def from_tables(cls, transaktionen: pd.DataFrame, kunden: pd.DataFrame | None = None,
                    kontakte: pd.DataFrame | None = None, befragung: pd.DataFrame | None = None, *,
                    assumptions: Assumptions | None = None, customer_col: str = "kunden_id",
                    amount_col: str = "betrag", date_col: str = "datum", since_col: str = "kunde_seit",
                    channel_col: str = "kanal", nps_col: str = "nps") -> LoyaltyModel:
        """Duration (:func:`relationship_duration`) and profit (lesson 1.2's :class:`ProfitModel`) per customer."""
        durations = relationship_duration(transaktionen, kunden, customer_col=customer_col, date_col=date_col,
                                          since_col=since_col)
        profit_model = ProfitModel.from_tables(transaktionen, kontakte, befragung,
                                               assumptions=assumptions or assumptions_for("Handel"),
                                               customer_col=customer_col, amount_col=amount_col,
                                               date_col=date_col, channel_col=channel_col, nps_col=nps_col)
        profits = pd.Series(profit_model.profits(), index=profit_model.customers)
        ids = durations["kunden_id"].to_numpy(dtype=str)
        since = int((durations["beginn_aus"] == SOURCE_SINCE).sum())
        return cls(customers=ids, duration=durations["dauer_jahre"].to_numpy(dtype=float),
                   profit=profits.reindex(ids).to_numpy(dtype=float),
                   since_used=since, first_used=len(ids) - since,
                   without_purchase=int(profit_model.size - len(ids)), missing=profit_model.missing,
                   first_date=pd.Timestamp(durations["erster_kauf"].min()),
                   last_date=pd.Timestamp(durations["letzter_kauf"].max()), years=profit_model.years)

    @property
    def size(self) -> int:
        return len(self.customers)

    @property
    def start_source(self) -> str:
        """Where the start of most relationships comes from (:data:`SOURCE_SINCE` or :data:`SOURCE_FIRST`)."""
        return SOURCE_SINCE if self.since_used >= self.first_used else SOURCE_FIRST

    @property
    def profit_step(self) -> float:
        """The step of the profit threshold (€): about 1/400 of the range from the 1 % to the 99 % quantile."""
        low, high = np.quantile(self.profit, [0.01, 0.99]) if self.size else (0.0, 0.0)
        return nice_step(high - low)

    def default_thresholds(self) -> tuple[float, float]:
        """The medians of duration and profit (course choice), rounded to 0,1 years and to :attr:`profit_step`.

        >>> t = pd.DataFrame({"kunden_id": list("ABCD"), "betrag": [100.0, 300.0, 50.0, 900.0],
        ...                   "datum": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-06-01", "2024-12-31"])})
        >>> LoyaltyModel.from_tables(t).default_thresholds()      # profits 12,50 · 37,50 · 6,25 · 112,50 €
        (0.0, 25.0)
        """
        if not self.size:
            return 0.0, 0.0
        step = self.profit_step
        return (round(round(float(np.median(self.duration)) / DURATION_STEP) * DURATION_STEP, 1),
                round(float(np.median(self.profit)) / step) * step + 0.0)

    def evaluate(self, duration_threshold: float | None = None,
                 profit_threshold: float | None = None) -> LoyaltyResult:
        """The four groups for these thresholds (default: :meth:`default_thresholds`)."""
        d0, p0 = self.default_thresholds()
        d = d0 if duration_threshold is None else _check_threshold("duration_threshold", duration_threshold)
        p = p0 if profit_threshold is None else _check_threshold("profit_threshold", profit_threshold)
        codes = _codes(self.duration >= d, self.profit >= p)
        return LoyaltyResult(d, p, np.array(GROUPS, dtype=object)[codes], group_summary(codes, self.profit))

    def codes(self, duration_threshold: float, profit_threshold: float) -> np.ndarray:
        return _codes(self.duration >= duration_threshold, self.profit >= profit_threshold)


def loyalty_table(model: LoyaltyModel, duration_threshold: float | None = None,
                  profit_threshold: float | None = None) -> pd.DataFrame:
    """One row per customer: ``kunden_id``, ``dauer_jahre``, ``gewinn`` (€ per year) and ``gruppe``.

    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B", "C"], "betrag": [400.0, 400.0, 100.0, 300.0],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-12-31", "2024-03-01", "2024-12-30"])})
    >>> loyalty_table(LoyaltyModel.from_tables(t), duration_threshold=1, profit_threshold=50)
      kunden_id  dauer_jahre  gewinn         gruppe
    0         A          2.0   100.0  Wahre Freunde
    1         B          0.0    12.5         Fremde
    2         C          0.0    37.5         Fremde
    """
    result = model.evaluate(duration_threshold, profit_threshold)
    return pd.DataFrame({"kunden_id": model.customers, "dauer_jahre": model.duration,
                         "gewinn": model.profit.round(2), "gruppe": result.groups})


def loyalty_groups(transaktionen: pd.DataFrame, kunden: pd.DataFrame | None = None,
                   kontakte: pd.DataFrame | None = None, befragung: pd.DataFrame | None = None, *,
                   assumptions: Assumptions | None = None, duration_threshold: float | None = None,
                   profit_threshold: float | None = None, **columns) -> LoyaltyResult:
    """Fremde, Schmetterlinge, wahre Freunde and Kletten of the learner's data, with a summary per group.

    Parameters
    ----------
    transaktionen : DataFrame
        Purchases (required): customer, amount and date.
    kunden : DataFrame, optional
        Customers with ``kunde_seit``: then the relationship starts there, else at the first purchase.
    kontakte, befragung : DataFrame, optional
        For the profit of lesson 1.2 (cost to serve; value of information and referrals).
    assumptions : Assumptions, optional
        Money figures of lesson 1.2; default those of the sector Handel.
    duration_threshold, profit_threshold : float, optional
        From how many years a customer counts as long-standing, from how many € profit per
        year as profitable. Default: the medians (see :meth:`LoyaltyModel.default_thresholds`).
    **columns
        Column names as in :meth:`LoyaltyModel.from_tables` (``customer_col=…`` etc.).

    Examples
    --------
    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B", "C", "D", "D"],
    ...                   "betrag": [400.0, 400.0, 900.0, 40.0, 20.0, 20.0],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-12-31", "2024-03-01", "2024-12-30",
    ...                                            "2023-02-01", "2024-11-30"])})
    >>> r = loyalty_groups(t, duration_threshold=1, profit_threshold=50)
    >>> r.summary[["gruppe", "kunden", "gewinn_summe", "anteil_gewinn"]]
               gruppe  kunden  gewinn_summe  anteil_gewinn
    0          Fremde       1           5.0         0.0225
    1  Schmetterlinge       1         112.5         0.5056
    2   Wahre Freunde       1         100.0         0.4494
    3         Kletten       1           5.0         0.0225
    4     Alle Kunden       4         222.5         1.0000
    >>> r.barnacle_share
    0.5
    >>> loyalty_groups(t, profit_threshold="viel")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'profit_threshold' muss eine Zahl sein, nicht 'viel'.
    """
    for name in columns:
        if name not in ("customer_col", "amount_col", "date_col", "since_col", "channel_col", "nps_col"):
            raise KundenkitError(f"Unbekannter Parameter '{name}'. Erlaubt sind customer_col, amount_col, date_col, "
                                 "since_col, channel_col und nps_col.", parameter=name)
    model = LoyaltyModel.from_tables(transaktionen, kunden, kontakte, befragung, assumptions=assumptions, **columns)
    return model.evaluate(duration_threshold, profit_threshold)


def treatment_table() -> pd.DataFrame:
    """The four groups, where they lie and how Reinartz & Kumar (2002) advise treating them (course's words).

    >>> treatment_table()[["gruppe", "dauer", "gewinn_lage"]]
               gruppe  dauer gewinn_lage
    0          Fremde   kurz     niedrig
    1  Schmetterlinge   kurz        hoch
    2   Wahre Freunde   lang        hoch
    3         Kletten   lang     niedrig
    """
    return pd.DataFrame({
        "gruppe": list(GROUPS),
        "dauer": ["lang" if POSITION[g][0] else "kurz" for g in GROUPS],
        "gewinn_lage": ["hoch" if POSITION[g][1] else "niedrig" for g in GROUPS],
        "behandlung": [TREATMENTS[g] for g in GROUPS],
    })


def symlog(values, constant: float) -> np.ndarray:
    """The chart's profit axis: ``sign(v) · ln(1 + |v| / c)`` (Vega's "symlog" scale), linear near 0.

    >>> symlog([-9.0, 0.0, 9.0], 1.0).round(3).tolist()
    [-2.303, 0.0, 2.303]
    """
    v = np.asarray(values, dtype=float)
    return np.sign(v) * np.log1p(np.abs(v) / constant)


def symlog_inverse(values, constant: float) -> np.ndarray:
    """Inverse of :func:`symlog`.

    >>> symlog_inverse(symlog([-9.0, 250.0], 5.0), 5.0).round(6).tolist()
    [-9.0, 250.0]
    """
    t = np.asarray(values, dtype=float)
    return np.sign(t) * constant * np.expm1(np.abs(t))


def density_grid(model: LoyaltyModel, nx: int = 32, ny: int = 24) -> pd.DataFrame:
    """Customers counted on a grid of duration × profit, for a chart of any number of customers.

    The duration axis is cut into ``nx`` equal parts. The profit axis runs from the
    lowest to the highest profit; it is cut into ``ny`` equal parts on the chart's
    compressed scale (:func:`symlog` with the constant :attr:`LoyaltyModel.profit_step`),
    so that the many small profits and the few large ones both get room. Columns:
    ``x``, ``x2``, ``y``, ``y2`` (cell edges), ``xm``, ``ym`` (cell centre), ``kunden``;
    only cells with customers.

    >>> t = pd.DataFrame({"kunden_id": list("ABCD"), "betrag": [100.0, 300.0, 50.0, 900.0],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-06-01", "2024-12-31"])})
    >>> g = density_grid(LoyaltyModel.from_tables(t), nx=2, ny=2)
    >>> int(g["kunden"].sum()), len(g) <= 4
    (4, True)
    """
    x_lo, x_hi, y_lo, y_hi = grid_bounds(model)
    c = model.profit_step
    t_lo, t_hi = (float(v) for v in symlog([y_lo, y_hi], c))
    xs = np.clip(((model.duration - x_lo) / (x_hi - x_lo) * nx).astype(int), 0, nx - 1)
    ys = np.clip(np.floor((symlog(model.profit, c) - t_lo) / (t_hi - t_lo) * ny).astype(int), 0, ny - 1)
    counts = np.bincount(xs * ny + ys, minlength=nx * ny)
    cells = np.flatnonzero(counts)
    ix, iy = cells // ny, cells % ny
    wx, wt = (x_hi - x_lo) / nx, (t_hi - t_lo) / ny
    edge = lambda k: symlog_inverse(t_lo + k * wt, c)  # noqa: E731
    return pd.DataFrame({"x": x_lo + ix * wx, "x2": x_lo + (ix + 1) * wx, "y": edge(iy), "y2": edge(iy + 1),
                         "xm": x_lo + (ix + 0.5) * wx, "ym": edge(iy + 0.5), "kunden": counts[cells]})


def grid_bounds(model: LoyaltyModel) -> tuple[float, float, float, float]:
    """Axis ranges of the chart: duration 0 to the longest, profit from the lowest to the highest (with 0)."""
    if not model.size:
        return 0.0, 1.0, 0.0, 1.0
    x_hi = max(float(np.ceil(model.duration.max())), 1.0)
    step = model.profit_step
    low = math.floor(min(float(model.profit.min()), 0.0) / step) * step
    high = math.ceil(max(float(model.profit.max()), 0.0) / step) * step
    if high <= low:
        high = low + step
    return 0.0, x_hi, low, high


def axis_values(low: float, high: float, constant: float) -> list[float]:
    """Tick values of the compressed profit axis: 0 and 1, 2, 5 × powers of ten (negative ones too).

    Only ticks at least ``constant`` away from 0 (closer ones crowd on this scale).

    >>> axis_values(-10, 825, 5)
    [-10, -5, 0, 5, 10, 20, 50, 100, 200, 500]
    """
    ticks: list[float] = [0]
    power = 1
    while power <= max(high, -low):
        for f in (1, 2, 5):
            v = f * power
            if constant <= v <= high:
                ticks.append(v)
            if constant <= v <= -low:
                ticks.append(-v)
        power *= 10
    return sorted(ticks)
