"""Lesson 3.8 "Die drei Dimensionen der Kundenbewertung" (with story 3.7 "Treat different customers differently").

Four steps from purchases to a treatment per customer:

1. :func:`rfm_summary` – recency, frequency, age (``T``) and monetary value per
   customer, with exactly the conventions of lifetimes'
   ``summary_data_from_transaction_data`` (and pymc-marketing's ``rfm_summary``):
   purchases are bucketed per period (day or week); ``frequency`` is the number
   of *repeat* periods; ``recency`` is the time from the first to the last
   purchase period and ``T`` from the first purchase period to the end of the
   observation, both in periods; ``monetary_value`` is the mean of the repeat
   periods' totals (0 without a repeat purchase); purchases after
   ``observation_period_end`` are dropped. Tested against lifetimes 0.11.3 on
   the CDNOW sample (``tests/data/cdnow``).
2. :func:`rfm_scores` – scores 1–5 per recency, frequency and money (quintiles;
   equal values get equal scores) and a few named RFM segments.
3. :func:`clv` – a simple customer lifetime value ``m·r/(1+d−r)`` (Gupta & Lehmann
   2003): ``m`` margin per customer and year, ``r`` retention rate, ``d``
   discount rate. The defaults are assumptions of the course.
4. :func:`customer_value` – the three value dimensions as the course interprets
   them: **Ertragswert** (profit from purchases), **Informationswert** (what the
   customer's answers and ideas are worth), **Referenzwert** (what his
   recommendations are worth). Which three dimensions Hafner's story means is not
   known to the course; this triad is a common one in German textbooks. The
   yearly figures come from chapter 1's profit model
   (:func:`kundenkit.models.customer_profit.customer_profit`); each is turned into
   a value over the expected relationship with the margin multiple
   ``r/(1+d−r)``. High or low on each dimension gives 8 segments, each with a
   treatment proposed by the course (:data:`SEGMENTS`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number
from kundenkit.models.customer_profit import Assumptions, ProfitModel, model_table
from kundenkit.validation import check_columns

NS_PER_DAY = 86_400 * 10**9
#: The time units of :func:`rfm_summary`: pandas' periods "D" (days) and "W" (weeks, Monday to Sunday).
TIME_UNITS = {"D": "Tage", "W": "Wochen"}
_MONDAY_OFFSET = 4  # 1970-01-01 was a Thursday; the first Monday after it is day 4

#: Course assumptions (adjustable): retention rate per year, discount rate per year, share "hoch".
DEFAULT_RETENTION = 0.75
DEFAULT_DISCOUNT = 0.10
DEFAULT_TOP_SHARE = 0.30

CUSTOMER = "kunden_id"
DIMENSIONS = ("ertragswert", "info_wert", "referenzwert")
DIMENSION_NAMES = {"ertragswert": "Ertragswert", "info_wert": "Informationswert", "referenzwert": "Referenzwert"}


# ---------------------------------------------------------------------------------------------
# 1. RFM summary with lifetimes' conventions
# ---------------------------------------------------------------------------------------------

def _nanoseconds(values: pd.Series, column: str) -> np.ndarray:
    """Timestamps of a column as int64 nanoseconds; a German error for a value that is not a date."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = values
    else:
        parsed = pd.to_datetime(values, errors="coerce", dayfirst=True, format="mixed")
    bad = parsed.isna().to_numpy()
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raw = values.iloc[position]
        raise KundenkitError(
            f"In der Tabelle transaktionen ist der Wert {raw!r} kein Datum (Zeile {position + 1} der Tabelle).",
            spalte=column, wert=raw,
            tipp="Tragen Sie ein Datum wie 31.12.2024 ein oder löschen Sie die Zeile.")
    return parsed.to_numpy(dtype="datetime64[ns]").view("int64")


def _periods(ns: np.ndarray, unit: str) -> np.ndarray:
    """Period number of each timestamp: days since 1970-01-01, or weeks (Monday to Sunday) since 1970-01-05."""
    days = ns // NS_PER_DAY
    return days if unit == "D" else (days - _MONDAY_OFFSET) // 7


def _check_time_unit(time_unit) -> str:
    if time_unit not in TIME_UNITS:
        allowed = ", ".join(f"'{u}' ({name})" for u, name in TIME_UNITS.items())
        raise KundenkitError(f"Unbekannte Zeiteinheit {time_unit!r} im Parameter 'time_unit'. Erlaubt sind: "
                             f"{allowed}.", parameter="time_unit", wert=time_unit)
    return time_unit


def _end_period(observation_period_end, unit: str) -> int:
    try:
        end = pd.Timestamp(observation_period_end) if not isinstance(observation_period_end, str) \
            else pd.to_datetime(observation_period_end, dayfirst="." in observation_period_end)
    except (ValueError, TypeError):
        end = pd.NaT
    if end is pd.NaT or pd.isna(end):
        raise KundenkitError(
            f"Der Parameter 'observation_period_end' ist {observation_period_end!r}, kein Datum. "
            "Geben Sie ein Datum an, z. B. \"31.12.2024\", oder lassen Sie ihn weg (dann gilt der letzte Kauf).",
            parameter="observation_period_end", wert=observation_period_end)
    if end.tzinfo is not None:
        end = end.tz_localize(None)
    return int(_periods(np.array([end.as_unit("ns").value], dtype="int64"), unit)[0])


def _compensated_sums(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Kahan sums of consecutive groups of ``values`` (group i has ``counts[i]`` values), as pandas adds them.

    Vectorised over the groups: step k adds the k-th value of every group that has one.

    >>> _compensated_sums(np.array([14.37, 17.76, 58.07, 1.0]), np.array([3, 0, 1]))
    array([90.2,  0. ,  1. ])
    >>> float(_compensated_sums(np.array([14.37, 17.76, 58.07]), np.array([3]))[0])  # plain adding: 90.2
    90.19999999999999
    """
    total = np.zeros(len(counts))
    compensation = np.zeros(len(counts))
    starts = np.cumsum(counts) - counts
    active = np.flatnonzero(counts)
    k = 0
    while active.size:
        value = values[starts[active] + k]
        y = value - compensation[active]
        t = total[active] + y
        compensation[active] = (t - total[active]) - y
        total[active] = t
        k += 1
        active = active[counts[active] > k]
    return total


def rfm_summary(transactions: pd.DataFrame, customer_id_col: str, datetime_col: str,
                monetary_value_col: str | None = None, observation_period_end=None,
                time_unit: str = "D") -> pd.DataFrame:
    """Recency, frequency, age and monetary value per customer, as lifetimes and pymc-marketing compute them.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase.
    customer_id_col, datetime_col : str
        Columns with the customer and the date (datetime, or text such as ``31.12.2024``).
    monetary_value_col : str, optional
        Column with the amount of each purchase; then the result has ``monetary_value``.
        An empty amount counts as 0.
    observation_period_end : date or str, optional
        End of the observation; purchases in later periods are dropped. Default: the last purchase.
    time_unit : {"D", "W"}
        Period length: days, or weeks from Monday to Sunday.

    Returns
    -------
    DataFrame, one row per customer, sorted by customer: ``customer_id``, ``frequency``
    (repeat periods), ``recency`` (first to last purchase period), ``T`` (first purchase
    period to the end), all in periods as floats, and with ``monetary_value_col``
    ``monetary_value`` (mean total of the repeat periods; 0 without repeat).

    Examples
    --------
    Two purchases of A on the same day count as one period (their amounts are added):

    >>> t = pd.DataFrame({"kunde": ["A", "A", "A", "B"],
    ...                   "datum": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-03", "2024-01-02"]),
    ...                   "betrag": [10.0, 5.0, 7.0, 20.0]})
    >>> rfm_summary(t, "kunde", "datum", "betrag", observation_period_end="2024-01-10")
      customer_id  frequency  recency     T  monetary_value
    0           A        1.0      2.0   9.0            12.0
    1           B        0.0      0.0   8.0             0.0
    >>> rfm_summary(t, "kunde", "Datum")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle transaktionen fehlt die Spalte 'Datum' (Parameter datetime_col).
        Vorhanden sind: kunde, datum, betrag. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen mit
        datetime_col=… an.
    >>> rfm_summary(t, "kunde", "datum", time_unit="M")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Unbekannte Zeiteinheit 'M' im Parameter 'time_unit'. Erlaubt sind: 'D' (Tage),
        'W' (Wochen).
    """
    unit = _check_time_unit(time_unit)
    columns = {"customer_id_col": customer_id_col, "datetime_col": datetime_col}
    if monetary_value_col is not None:
        columns["monetary_value_col"] = monetary_value_col
    check_columns(transactions, "transaktionen", columns)
    if len(transactions) == 0:
        raise KundenkitError("Die Tabelle transaktionen ist leer. Sie braucht mindestens einen Kauf.")
    ids = transactions[customer_id_col]
    if ids.isna().any():
        position = int(np.flatnonzero(ids.isna().to_numpy())[0])
        raise KundenkitError(f"In der Tabelle transaktionen fehlt der Kunde in Zeile {position + 1} der Tabelle.",
                             spalte=customer_id_col, tipp="Tragen Sie die Kunden-Nr. ein oder löschen Sie die Zeile.")
    ns = _nanoseconds(transactions[datetime_col], datetime_col)
    period = _periods(ns, unit)
    amount = None
    if monetary_value_col is not None:
        raw = transactions[monetary_value_col]
        numbers = pd.to_numeric(raw, errors="coerce")
        bad = (numbers.isna() & raw.notna()).to_numpy()
        if bad.any():
            position = int(np.flatnonzero(bad)[0])
            raise KundenkitError(
                f"In der Tabelle transaktionen ist der Betrag {raw.iloc[position]!r} keine Zahl "
                f"(Zeile {position + 1} der Tabelle).", spalte=monetary_value_col, wert=raw.iloc[position],
                tipp="Tragen Sie eine Zahl wie 12,50 ein oder lassen Sie das Feld leer (zählt als 0).")
        amount = numbers.to_numpy(dtype=float, na_value=0.0)

    end = int(period.max()) if observation_period_end is None else _end_period(observation_period_end, unit)
    keep = period <= end
    if not keep.all():
        if not keep.any():
            first = pd.Timestamp(int(period.min()) * (7 if unit == "W" else 1) * NS_PER_DAY
                                 + (_MONDAY_OFFSET * NS_PER_DAY if unit == "W" else 0))
            raise KundenkitError(
                f"Der Parameter 'observation_period_end' ({observation_period_end!r}) liegt vor dem ersten Kauf "
                f"(Zeitraum ab {first:%d.%m.%Y}). Wählen Sie ein späteres Ende oder lassen Sie ihn weg.",
                parameter="observation_period_end", wert=observation_period_end)
        ids, period, ns = ids[keep], period[keep], ns[keep]
        amount = None if amount is None else amount[keep]

    codes, customers = pd.factorize(ids, sort=True)
    codes = codes.astype(np.int64)
    start = int(period.min())
    span = end - start + 1
    key = codes * span + (period - start)                 # one number per (customer, period)
    pairs, inverse = np.unique(key, return_inverse=True)  # sorted: by customer, then by period
    pair_customer = pairs // span
    pair_period = pairs % span + start
    n = len(customers)
    count = np.bincount(pair_customer, minlength=n)
    last = np.cumsum(count) - 1
    first = last - count + 1
    out = pd.DataFrame({
        "customer_id": np.asarray(customers),
        "frequency": (count - 1).astype(float),
        "recency": (pair_period[last] - pair_period[first]).astype(float),
        "T": (end - pair_period[first]).astype(float),
    })
    if amount is not None:
        # Sums of floats depend on their order and on how they are added. lifetimes sorts the purchases
        # by customer, date and amount and adds them with pandas' compensated (Kahan) group sums and
        # means; the same order and the same summation give bit-identical values.
        # Only periods with several purchases need the order: the others are their one amount.
        inverse = inverse.ravel()
        pair_count = np.bincount(inverse, minlength=len(pairs))
        per_pair = np.zeros(len(pairs))
        single = pair_count[inverse] == 1
        per_pair[inverse[single]] = amount[single]
        several = np.flatnonzero(~single)
        order = several[np.lexsort((amount[several], ns[several], inverse[several]))]
        per_pair[pair_count > 1] = _compensated_sums(amount[order], pair_count[pair_count > 1])
        repeats = count - 1
        repeat_totals = _compensated_sums(np.delete(per_pair, first), repeats)
        out["monetary_value"] = np.divide(repeat_totals, repeats, out=np.zeros(n), where=repeats > 0)
    return out


# ---------------------------------------------------------------------------------------------
# 2. RFM scores and segments
# ---------------------------------------------------------------------------------------------

def quintile_scores(values) -> np.ndarray:
    """Scores 1–5 by quintile, 5 for the highest values; equal values get the same score.

    A customer's score is 1 + ⌊5 × (share of customers with a *lower* value)⌋.
    Many equal values (e.g. every one-time buyer has 0 repeat purchases) therefore
    share the lowest score of their group, and a score may be missing.

    >>> quintile_scores([10, 20, 30, 40, 50]).tolist()
    [1, 2, 3, 4, 5]
    >>> quintile_scores([0, 0, 0, 0, 7, 9]).tolist()      # four ties: all get 1; then 1 + ⌊5·4/6⌋ = 4
    [1, 1, 1, 1, 4, 5]
    """
    v = np.asarray(values, dtype=float)
    if len(v) == 0:
        return np.zeros(0, dtype=int)
    lower = np.searchsorted(np.sort(v), v, side="left")
    return (1 + (5 * lower) // len(v)).astype(int)


#: Named RFM segments (course interpretation, a common simplification): first matching rule wins.
#: Each rule: name, minimum R, maximum R, minimum F, maximum F, what it means.
RFM_RULES = (
    ("Top-Kunden", 4, 5, 4, 5, "kaufen oft und zuletzt"),
    ("Treue Kunden", 3, 5, 3, 5, "kaufen regelmäßig"),
    ("Neue Kunden", 4, 5, 1, 2, "haben erst vor Kurzem angefangen"),
    ("Gefährdet", 1, 2, 3, 5, "kauften oft, aber lange nicht mehr"),
    ("Verloren", 1, 2, 1, 2, "kauften selten und lange nicht mehr"),
    ("Mittelfeld", 1, 5, 1, 5, "alle anderen"),
)
RFM_SEGMENT_ORDER = tuple(rule[0] for rule in RFM_RULES)


def rfm_segment(r_score, f_score) -> np.ndarray:
    """The named RFM segment of each customer from his R and F scores (see :data:`RFM_RULES`).

    >>> rfm_segment([5, 3, 5, 1, 1, 3], [5, 3, 1, 4, 1, 1]).tolist()
    ['Top-Kunden', 'Treue Kunden', 'Neue Kunden', 'Gefährdet', 'Verloren', 'Mittelfeld']
    """
    r, f = np.asarray(r_score), np.asarray(f_score)
    conditions = [(r >= lo_r) & (r <= hi_r) & (f >= lo_f) & (f <= hi_f) for _, lo_r, hi_r, lo_f, hi_f, _ in RFM_RULES]
    return np.select(conditions, list(RFM_SEGMENT_ORDER), default="Mittelfeld").astype(object)


def rfm_scores(summary: pd.DataFrame, revenue=None) -> pd.DataFrame:
    """R, F and M scores (1–5) and the RFM segment, added to the output of :func:`rfm_summary`.

    R scores the time since the last purchase (``T − recency``; shorter is better),
    F the number of purchase periods, M the revenue (``revenue`` per customer, in
    the order of ``summary``; default: ``monetary_value × (frequency + 1)``).

    >>> s = pd.DataFrame({"customer_id": list("ABCDE"), "frequency": [4.0, 0, 2, 1, 0],
    ...                   "recency": [90.0, 0, 50, 10, 0], "T": [100.0, 100, 100, 100, 30],
    ...                   "monetary_value": [10.0, 0, 5, 8, 0]})
    >>> rfm_scores(s)[["customer_id", "seit_letztem_kauf", "r_score", "f_score", "m_score", "rfm_segment"]]
      customer_id  seit_letztem_kauf  r_score  f_score  m_score   rfm_segment
    0           A               10.0        5        5        5    Top-Kunden
    1           B              100.0        1        1        1      Verloren
    2           C               50.0        3        4        3  Treue Kunden
    3           D               90.0        2        3        4     Gefährdet
    4           E               30.0        4        1        1   Neue Kunden
    """
    for col in ("frequency", "recency", "T"):
        if col not in summary.columns:
            raise KundenkitError(f"Die Spalte '{col}' fehlt. Berechnen Sie die Tabelle mit rfm_summary(...).")
    out = summary.copy()
    out["seit_letztem_kauf"] = out["T"] - out["recency"]
    if revenue is None:
        if "monetary_value" not in out.columns:
            raise KundenkitError("Für den M-Wert fehlt der Umsatz: Geben Sie monetary_value_col an oder revenue=….")
        revenue = out["monetary_value"] * (out["frequency"] + 1)
    out["r_score"] = quintile_scores(-out["seit_letztem_kauf"].to_numpy(dtype=float))
    out["f_score"] = quintile_scores(out["frequency"].to_numpy(dtype=float))
    out["m_score"] = quintile_scores(np.asarray(revenue, dtype=float))
    out["rfm_code"] = (out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str))
    out["rfm_segment"] = rfm_segment(out["r_score"], out["f_score"])
    return out


# ---------------------------------------------------------------------------------------------
# 3. Customer lifetime value
# ---------------------------------------------------------------------------------------------

def _check_rate(name: str, value, low: float, high: float, *, high_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.", parameter=name)
    if value < low or value > high or (high_open and value >= high):
        upper = f"unter {de_number(high * 100, 0)} %" if high_open else f"bis {de_number(high * 100, 0)} %"
        raise KundenkitError(f"Der Parameter '{name}' ist {de_number(float(value) * 100, 1)} %; erlaubt sind Werte von "
                             f"{de_number(low * 100, 0)} % {upper}.", parameter=name, wert=value)
    return float(value)


def margin_multiple(retention: float = DEFAULT_RETENTION, discount: float = DEFAULT_DISCOUNT) -> float:
    """``r / (1 + d − r)``: how many yearly margins a customer is worth (Gupta & Lehmann 2003).

    The margin comes at the end of each year; the customer stays each year with
    probability ``r``; ``d`` discounts the future. Margin and ``r`` stay constant.

    >>> round(margin_multiple(0.75, 0.10), 4), round(margin_multiple(0.9, 0.1), 4)
    (2.1429, 4.5)
    >>> margin_multiple(1.0, 0.1)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'retention' ist 100,0 %; erlaubt sind Werte von 0 % unter 100 %.
    """
    r = _check_rate("retention", retention, 0.0, 1.0, high_open=True)
    d = _check_rate("discount", discount, 0.0, 1.0)
    return r / (1 + d - r)


def clv(margin, retention: float = DEFAULT_RETENTION, discount: float = DEFAULT_DISCOUNT):
    """Customer lifetime value ``m·r/(1+d−r)`` for a yearly margin ``m`` (a number or an array).

    >>> round(clv(100.0, 0.75, 0.10), 2)
    214.29
    >>> clv(np.array([100.0, -20.0]), 0.5, 0.0).tolist()
    [100.0, -20.0]
    """
    return margin * margin_multiple(retention, discount)


# ---------------------------------------------------------------------------------------------
# 4. Three value dimensions and eight segments
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    """One of the 8 segments: high (True) or low on Ertrag, Information, Referenz; name and treatment."""

    code: str
    name: str
    treatment: str


#: The 8 segments and their treatments – the course's interpretation, not the book's.
SEGMENTS = (
    Segment("EIR", "Partner", "Als Partner einbinden: Pilotprojekte, Kundenbeirat, persönliche Betreuung."),
    Segment("EI-", "Kluge Umsatzbringer", "Ideen aufnehmen und zur Empfehlung einladen (Empfehlungsprogramm)."),
    Segment("E-R", "Zahlende Fürsprecher", "Empfehlungen danken und nach Meinung fragen (Befragung, Test)."),
    Segment("E--", "Stille Umsatzbringer", "Dialog suchen: fragen, zuhören, zur Empfehlung einladen."),
    Segment("-IR", "Fürsprecher mit Ideen", "Ertrag behutsam entwickeln (passende Angebote), weiter einbinden."),
    Segment("-I-", "Ideengeber", "In Befragungen und Tests einbinden; günstige Kanäle nutzen."),
    Segment("--R", "Empfehler", "Empfehlungen belohnen; günstig bedienen."),
    Segment("---", "Basiskunden", "Effizient bedienen (Self-Service); beobachten, wer aufsteigt."),
)
SEGMENT_ORDER = tuple(s.name for s in SEGMENTS)


def segment_code(high_e, high_i, high_r) -> np.ndarray:
    """Codes like ``"E-R"`` from three boolean arrays (high on Ertrag, Information, Referenz).

    >>> segment_code([True, False], [False, False], [True, False]).tolist()
    ['E-R', '---']
    """
    e = np.where(np.asarray(high_e, dtype=bool), "E", "-").astype(object)
    i = np.where(np.asarray(high_i, dtype=bool), "I", "-").astype(object)
    r = np.where(np.asarray(high_r, dtype=bool), "R", "-").astype(object)
    return e + i + r


def segment_index(high_e, high_i, high_r) -> np.ndarray:
    """Position of each customer's segment in :data:`SEGMENTS` (0 = high on all three, 7 = low on all).

    >>> segment_index([True, False], [False, False], [True, False]).tolist()
    [2, 7]
    """
    return ((~np.asarray(high_e, dtype=bool)) * 4 + (~np.asarray(high_i, dtype=bool)) * 2
            + (~np.asarray(high_r, dtype=bool))).astype(np.int64)


def high_flags(values, top_share: float = DEFAULT_TOP_SHARE) -> np.ndarray:
    """Which customers are "hoch" on one dimension: among the top ``top_share`` and above 0 €.

    The limit is the value of the customer at place ⌈top_share × n⌉ from the top;
    customers with the same value count as high too.

    >>> high_flags([50.0, 40.0, 30.0, 20.0, 10.0], 0.4).tolist()
    [True, True, False, False, False]
    >>> high_flags([0.0, 0.0, 8.0, 0.0], 0.5).tolist()   # 0 € is never high
    [False, False, True, False]
    """
    share = _check_rate("top_share", top_share, 0.0, 1.0)
    v = np.asarray(values, dtype=float)
    n = len(v)
    k = math.ceil(share * n - 1e-9)
    if n == 0 or k == 0:
        return np.zeros(n, dtype=bool)
    limit = np.partition(v, n - k)[n - k]
    return (v >= limit) & (v > 0)


class ValueModel:
    """Per-customer yearly values, computed once; :meth:`evaluate` does only vector arithmetic (for the widget).

    Built from the tables with :meth:`from_tables`; :func:`customer_value` returns its table.
    """

    def __init__(self, rfm: pd.DataFrame, profit: ProfitModel):
        self.rfm = rfm.reset_index(drop=True)
        table = model_table(profit)
        index = pd.Index(table[CUSTOMER].astype(str))
        position = index.get_indexer(self.rfm["customer_id"].astype(str))
        self.profit = profit
        self.missing = profit.missing
        self.customers = self.rfm["customer_id"].astype(str).to_numpy()
        self.revenue = table["umsatz"].to_numpy()[position]
        self.margin_year = table["deckungsbeitrag"].to_numpy()[position]
        self.cost_year = table["servicekosten"].to_numpy()[position]
        self.answers = profit.answers[position]
        self.promoter = table["promotor"].to_numpy(dtype=bool)[position]
        self.revenue_order = np.argsort(-self.revenue, kind="stable")   # customers are sorted by id

    @classmethod
    def from_tables(cls, transaktionen: pd.DataFrame, kontakte: pd.DataFrame | None = None,
                    befragung: pd.DataFrame | None = None, *, assumptions: Assumptions | None = None,
                    customer_col: str = "kunden_id", date_col: str = "datum", amount_col: str = "betrag",
                    channel_col: str = "kanal", nps_col: str = "nps") -> ValueModel:
        summary = rfm_summary(transaktionen, customer_col, date_col, amount_col)
        profit = ProfitModel.from_tables(transaktionen, kontakte, befragung, assumptions=assumptions,
                                         customer_col=customer_col, amount_col=amount_col, date_col=date_col,
                                         channel_col=channel_col, nps_col=nps_col)
        model = cls(summary, profit)
        return model

    @property
    def size(self) -> int:
        return len(self.customers)

    def yearly(self, value_per_answer: float | None = None, value_per_promoter: float | None = None):
        """Ertrag, Information and Referenz per customer and year (€)."""
        a = self.profit.assumptions
        per_answer = a.value_per_answer if value_per_answer is None \
            else _check_money("value_per_answer", value_per_answer)
        per_promoter = a.value_per_promoter if value_per_promoter is None \
            else _check_money("value_per_promoter", value_per_promoter)
        return (self.margin_year - self.cost_year, self.answers * per_answer, self.promoter * per_promoter)

    def evaluate(self, retention: float = DEFAULT_RETENTION, discount: float = DEFAULT_DISCOUNT,
                 top_share: float = DEFAULT_TOP_SHARE, value_per_answer: float | None = None,
                 value_per_promoter: float | None = None) -> ValueResult:
        """Values, segments and the comparison with revenue alone for one setting."""
        multiple = margin_multiple(retention, discount)
        e_year, i_year, r_year = self.yearly(value_per_answer, value_per_promoter)
        e, i, r = e_year * multiple, i_year * multiple, r_year * multiple
        total = e + i + r
        high = [high_flags(x, top_share) for x in (e, i, r)]
        codes = segment_index(*high)
        by_revenue = np.where(high_flags(self.revenue, top_share), 3, 7)   # revenue alone: "E--" or "---"
        return ValueResult(customers=self.customers, revenue=self.revenue, ertrag=e, information=i, referenz=r,
                           total=total, codes=codes, codes_by_revenue=by_revenue,
                           revenue_order=self.revenue_order, multiple=multiple,
                           retention=float(retention), discount=float(discount), top_share=float(top_share))


def _check_money(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value) or value < 0:
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Beträge ab 0 €.",
                             parameter=name, wert=value)
    return float(value)


@dataclass(frozen=True)
class ValueResult:
    """What the widget shows for one setting: per-customer arrays and derived tables."""

    customers: np.ndarray
    revenue: np.ndarray
    ertrag: np.ndarray
    information: np.ndarray
    referenz: np.ndarray
    total: np.ndarray
    codes: np.ndarray               # position in SEGMENTS per customer
    codes_by_revenue: np.ndarray    # the same from revenue alone
    revenue_order: np.ndarray       # customers by revenue, highest first (ties: by customer)
    multiple: float
    retention: float
    discount: float
    top_share: float

    @property
    def size(self) -> int:
        return len(self.customers)

    @property
    def changed(self) -> int:
        """Customers whose segment differs from the one revenue alone gives them."""
        return int((self.codes != self.codes_by_revenue).sum())

    def top_comparison(self) -> dict:
        """The top ``top_share`` of customers by revenue against the top by customer value (equal group sizes).

        ``missed``: customers in the top by value whom revenue alone does not put there.
        """
        n = self.size
        k = math.ceil(self.top_share * n - 1e-9)
        in_top = np.zeros(n, dtype=bool)
        in_top[self.revenue_order[:k]] = True
        by_value = np.argsort(-self.total, kind="stable")[:k]   # customers are sorted: ties go by customer
        return {"top": k, "missed": int(k - in_top[by_value].sum())}

    def segments(self) -> pd.DataFrame:
        """One row per segment (all 8, in the order of :data:`SEGMENTS`): size, value and treatment."""
        idx = self.codes
        n_seg = len(SEGMENTS)
        count = np.bincount(idx, minlength=n_seg)
        value = np.bincount(idx, weights=self.total, minlength=n_seg)
        revenue = np.bincount(idx, weights=self.revenue, minlength=n_seg)
        by_rev = np.bincount(self.codes_by_revenue, minlength=n_seg)
        return pd.DataFrame({
            "segment": list(SEGMENT_ORDER),
            "wert_code": [s.code for s in SEGMENTS],
            "kunden": count,
            "anteil": count / max(self.size, 1),
            "umsatz_pro_jahr": revenue.round(2),
            "kundenwert": value.round(2),
            "wert_je_kunde": np.divide(value, count, out=np.zeros(n_seg), where=count > 0).round(2),
            "kunden_nach_umsatz": by_rev,
            "behandlung_vorschlag": [s.treatment for s in SEGMENTS],
        })

    def table(self) -> pd.DataFrame:
        """One row per customer: the three values, the total and both segments."""
        return pd.DataFrame({
            CUSTOMER: self.customers, "umsatz_pro_jahr": self.revenue.round(2), "ertragswert": self.ertrag.round(2),
            "info_wert": self.information.round(2), "referenzwert": self.referenz.round(2),
            "kundenwert": self.total.round(2), "segment": np.array(SEGMENT_ORDER, dtype=object)[self.codes],
            "segment_nach_umsatz": np.array(SEGMENT_ORDER, dtype=object)[self.codes_by_revenue],
        })


def customer_value(transaktionen: pd.DataFrame, kontakte: pd.DataFrame | None = None,
                   befragung: pd.DataFrame | None = None, *, assumptions: Assumptions | None = None,
                   retention: float = DEFAULT_RETENTION, discount: float = DEFAULT_DISCOUNT,
                   top_share: float = DEFAULT_TOP_SHARE, customer_col: str = "kunden_id", date_col: str = "datum",
                   amount_col: str = "betrag", channel_col: str = "kanal", nps_col: str = "nps") -> pd.DataFrame:
    """Per customer with at least one purchase: RFM scores, three value dimensions, value and segment.

    The yearly figures come from chapter 1's profit model
    (:func:`~kundenkit.models.customer_profit.customer_profit`; ``assumptions`` as
    there): Ertrag = contribution margin − cost to serve, Information = value of the
    survey answers, Referenz = value of the recommendations of a promoter. Each is
    multiplied by :func:`margin_multiple` ``(retention, discount)``. "Hoch" on a
    dimension: see :func:`high_flags` (``top_share``). Without ``kontakte`` the cost
    to serve is 0; without ``befragung`` Information and Referenz are 0.

    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B", "C"], "betrag": [400.0, 400.0, 100.0, 300.0],
    ...                   "datum": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-03-01", "2024-12-30"])})
    >>> b = pd.DataFrame({"kunden_id": ["C"], "nps": [10]})
    >>> v = customer_value(t, befragung=b, retention=0.5, discount=0.0, top_share=0.34)
    >>> v[["kunden_id", "ertragswert", "info_wert", "referenzwert", "kundenwert"]]
      kunden_id  ertragswert  info_wert  referenzwert  kundenwert
    0         A        200.0        0.0           0.0       200.0
    1         B         25.0        0.0           0.0        25.0
    2         C         75.0        5.0          50.0       130.0
    >>> v[["kunden_id", "segment", "segment_nach_umsatz"]]
      kunden_id               segment   segment_nach_umsatz
    0         A  Stille Umsatzbringer  Stille Umsatzbringer
    1         B           Basiskunden           Basiskunden
    2         C               Partner  Stille Umsatzbringer

    C is high on all three: revenue alone sees only his purchases.
    """
    model = ValueModel.from_tables(transaktionen, kontakte, befragung, assumptions=assumptions,
                                   customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                   channel_col=channel_col, nps_col=nps_col)
    result = model.evaluate(retention, discount, top_share)
    scores = rfm_scores(model.rfm, revenue=model.revenue)
    out = result.table()
    for col in ("frequency", "recency", "T", "seit_letztem_kauf", "r_score", "f_score", "m_score", "rfm_code",
                "rfm_segment"):
        out[col] = scores[col].to_numpy()
    return out


def rfm_segment_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Customers, revenue and customer value per RFM segment (from :func:`customer_value`), in rule order.

    >>> t = pd.DataFrame({"rfm_segment": ["Top-Kunden", "Verloren", "Top-Kunden"],
    ...                   "umsatz_pro_jahr": [10.0, 1.0, 20.0], "kundenwert": [5.0, -1.0, 9.0]})
    >>> rfm_segment_summary(t)[["rfm_segment", "kunden", "umsatz_pro_jahr", "kundenwert"]]
        rfm_segment  kunden  umsatz_pro_jahr  kundenwert
    0    Top-Kunden       2             30.0        14.0
    1  Treue Kunden       0              0.0         0.0
    2   Neue Kunden       0              0.0         0.0
    3     Gefährdet       0              0.0         0.0
    4      Verloren       1              1.0        -1.0
    5    Mittelfeld       0              0.0         0.0
    """
    for col in ("rfm_segment", "umsatz_pro_jahr", "kundenwert"):
        if col not in table.columns:
            raise KundenkitError(f"Die Spalte '{col}' fehlt. Berechnen Sie die Tabelle mit customer_value(...).")
    grouped = table.groupby("rfm_segment", sort=False).agg(
        kunden=("umsatz_pro_jahr", "size"), umsatz_pro_jahr=("umsatz_pro_jahr", "sum"),
        kundenwert=("kundenwert", "sum"))
    out = grouped.reindex(list(RFM_SEGMENT_ORDER), fill_value=0).rename_axis("rfm_segment").reset_index()
    out["kunden"] = out["kunden"].astype(int)
    out["umsatz_pro_jahr"] = out["umsatz_pro_jahr"].astype(float).round(2)
    out["kundenwert"] = out["kundenwert"].astype(float).round(2)
    out["rfm_bedeutung"] = [rule[5] for rule in RFM_RULES]
    return out
