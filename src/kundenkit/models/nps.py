"""Lesson 2.1: recommendations and the Net Promoter Score – and how much of a change is noise.

Stories: "Marketing allein genügt nicht mehr – Empfehlungen" and "Erfolgsmessung
des CX Managements – Ist der NPS wirklich die Masterkennzahl?" (Hafner 2019, Kap. 2).

The measure (Reichheld 2003, "The One Number You Need to Grow", Harvard Business
Review 81(12)): customers answer "How likely is it that you would recommend us
to a friend or colleague?" on a scale from 0 to 10. Answers 9–10 count as
promoters, 7–8 as passives, 0–6 as detractors. The NPS is the share of
promoters minus the share of detractors, in points from −100 to +100.

The critique the lesson shows beside it:

- Keiningham et al. (2007, Journal of Marketing 71(3)) could not confirm that
  the NPS predicts growth better than other measures of satisfaction and loyalty.
- Baehre et al. (2021, Journal of the Academy of Marketing Science 50) found
  predictive power mainly when non-customers are surveyed too.
- Hafner (2025, CEX Trendradar): the NPS shows *whether* customers would
  recommend, not *why*.

The interval (a standard calculation, written out here): give each answer the
value +1 (promoter), 0 (passive) or −1 (detractor). The NPS is 100 times the
mean of these values. With the shares ``p`` (promoters) and ``d`` (detractors)
one value has the mean ``p − d`` and the variance ``E[X²] − E[X]² = p + d − (p − d)²``,
so the NPS of ``n`` answers has the variance

    Var(NPS) = [p + d − (p − d)²] / n      (as a share; × 100² in points)

The course uses the normal approximation: NPS ± z × standard error, with z from
the confidence level (1,96 for 95 %), cut to [−100, 100]. For few answers or
shares near 0 or 1 the approximation is rough; groups with fewer than ``min_n``
answers are flagged (30 by default: a common rule of thumb, an assumption of the
course). Two independent surveys differ by more than noise when their difference
lies outside ± z × √(se₁² + se₂²).

Missing answers (``k.A.`` in a German CSV, read as empty) are left out and counted.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import cell_error, check_columns, check_scale

SCALE_MIN, SCALE_MAX = 0, 10
PROMOTER_MIN, PASSIVE_MIN = 9, 7          # 9–10 promoters, 7–8 passives, 0–6 detractors (Reichheld 2003)
DETRACTORS, PASSIVES, PROMOTERS = "Kritiker (0–6)", "Passive (7–8)", "Promotoren (9–10)"
GROUPS = (DETRACTORS, PASSIVES, PROMOTERS)
TOTAL = "Alle Antworten"
MIN_N = 30                                # below this many answers a group is flagged (course assumption)
GROUP_COLUMNS = ("antworten", "keine_angabe", "anteil_promotoren", "anteil_passive", "anteil_kritiker",
                 "nps_wert", "nps_unten", "nps_oben", "wenige_antworten")


def _check_level(level) -> float:
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0.5 <= float(level) < 1:
        raise KundenkitError(f"Der Parameter 'level' ist {level!r}. Erlaubt sind Sicherheiten von 0.5 bis "
                             "unter 1, zum Beispiel 0.95 für ein 95-%-Intervall.", parameter="level")
    return float(level)


def z_value(level: float = 0.95) -> float:
    """The factor z of a two-sided normal interval with this confidence level.

    >>> round(z_value(0.95), 3), round(z_value(0.9), 3)
    (1.96, 1.645)
    """
    return NormalDist().inv_cdf(0.5 + _check_level(level) / 2)


def answer_variance(promoters, detractors):
    """Variance of one answer coded +1/0/−1: ``p + d − (p − d)²`` (shares; arrays allowed).

    >>> answer_variance(0.5, 0.2)
    0.61
    >>> answer_variance(1.0, 0.0), answer_variance(0.5, 0.5)     # all alike; the widest case
    (0.0, 1.0)
    """
    p, d = np.asarray(promoters, dtype=float), np.asarray(detractors, dtype=float)
    out = np.maximum(p + d - (p - d) ** 2, 0.0)
    return round(float(out), 12) if out.ndim == 0 else out


def _interval(p, d, n, z):
    """NPS, standard error and interval in points for arrays of shares and answer counts (n = 0 → NaN)."""
    p, d, n = (np.asarray(x, dtype=float) for x in (p, d, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        nps = np.where(n > 0, 100.0 * (p - d), np.nan)
        se = np.where(n > 0, 100.0 * np.sqrt(answer_variance(p, d) / n), np.nan)
    low = np.clip(nps - z * se, -100.0, 100.0)
    high = np.clip(nps + z * se, -100.0, 100.0)
    return nps, se, low, high


@dataclass(frozen=True)
class NpsResult:
    """The NPS of one set of answers, with its interval (normal approximation).

    Build it with :func:`net_promoter_score`, :func:`from_counts` or :func:`from_shares`.

    Attributes
    ----------
    n : int
        Answers counted (missing answers left out).
    promoters, passives, detractors : float
        Shares of the counted answers (sum 1; all 0 without answers).
    level : float
        Confidence level of the interval.
    missing : int
        Missing answers ("k.A."), not counted.
    nps, se, low, high : float
        The NPS, its standard error and the interval, in points (NaN without answers).
    """

    n: int
    promoters: float
    passives: float
    detractors: float
    level: float = 0.95
    missing: int = 0

    @property
    def _values(self) -> tuple[float, float, float, float]:
        nps, se, low, high = _interval(self.promoters, self.detractors, self.n, z_value(self.level))
        return float(nps), float(se), float(low), float(high)

    @property
    def nps(self) -> float:
        return round(self._values[0], 10)

    @property
    def se(self) -> float:
        return self._values[1]

    @property
    def low(self) -> float:
        return self._values[2]

    @property
    def high(self) -> float:
        return self._values[3]

    @property
    def margin(self) -> float:
        """Half the width of the interval before cutting at ±100: z × standard error (points)."""
        return z_value(self.level) * self.se

    def counts(self) -> dict[str, int]:
        """Answers per group (rounded for shares that do not give whole numbers).

        >>> from_shares(0.5, 0.2, n=100).counts()
        {'Kritiker (0–6)': 20, 'Passive (7–8)': 30, 'Promotoren (9–10)': 50}
        """
        return {g: int(round(s * self.n)) for g, s in zip(GROUPS, (self.detractors, self.passives, self.promoters))}


def from_counts(detractors: int, passives: int, promoters: int, *, level: float = 0.95,
                missing: int = 0) -> NpsResult:
    """The NPS from the number of detractors, passives and promoters.

    Examples
    --------
    >>> r = from_counts(detractors=20, passives=30, promoters=50)
    >>> r.nps, round(r.se, 2), round(r.low, 1), round(r.high, 1)
    (30.0, 7.81, 14.7, 45.3)
    >>> from_counts(-1, 3, 4)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'detractors' ist -1. Erlaubt sind ganze Zahlen ab 0.
    """
    values = {"detractors": detractors, "passives": passives, "promoters": promoters, "missing": missing}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
            raise KundenkitError(f"Der Parameter '{name}' ist {value!r}. Erlaubt sind ganze Zahlen ab 0.",
                                 parameter=name)
    n = int(detractors) + int(passives) + int(promoters)
    if n == 0:
        return NpsResult(0, 0.0, 0.0, 0.0, _check_level(level), int(missing))
    return NpsResult(n, promoters / n, passives / n, detractors / n, _check_level(level), int(missing))


def from_shares(promoters: float, detractors: float, n: int, *, level: float = 0.95) -> NpsResult:
    """The NPS of ``n`` answers with these shares of promoters and detractors (the rest are passives).

    Examples
    --------
    >>> r = from_shares(0.5, 0.2, n=400)
    >>> r.nps, round(r.passives, 2), round(r.margin, 1)
    (30.0, 0.3, 7.7)
    >>> from_shares(0.7, 0.4, n=100)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Promotoren (70 %) und Kritiker (40 %) sind zusammen mehr als 100 %.
        Verkleinern Sie einen der beiden Anteile.
    """
    for name, value in (("promoters", promoters), ("detractors", detractors)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= float(value) <= 1:
            raise KundenkitError(f"Der Parameter '{name}' ist {value!r}. Erlaubt sind Anteile von 0 bis 1 "
                                 "(0.25 für 25 %).", parameter=name)
    if promoters + detractors > 1 + 1e-9:
        raise KundenkitError(f"Promotoren ({_pct(promoters)}) und Kritiker ({_pct(detractors)}) sind zusammen "
                             "mehr als 100 %. Verkleinern Sie einen der beiden Anteile.")
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise KundenkitError(f"Der Parameter 'n' ist {n!r}. Erlaubt sind ganze Zahlen ab 1 (Zahl der Antworten).",
                             parameter="n")
    passives = max(0.0, 1.0 - promoters - detractors)
    return NpsResult(int(n), float(promoters), passives, float(detractors), _check_level(level))


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def answer_scores(answers, *, nps_col: str = "nps", table: str = "befragung") -> pd.Series:
    """The 0–10 answers as numbers; missing answers stay NaN; anything else raises a German error.

    ``answers`` is a survey table (with the column ``nps_col``), a Series or a list.
    The error names the column and the row (and for a table read with
    :func:`kundenkit.read_csv` the file and its line).

    >>> answer_scores([10, 7, None, 3]).tolist()
    [10.0, 7.0, nan, 3.0]
    >>> answer_scores(pd.DataFrame({"nps": [9, 11]}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'nps', Zeile 1: Der Wert 11 liegt nicht auf der Skala 0 bis 10.
        Korrigieren Sie den Wert oder lassen Sie das Feld leer.
    >>> answer_scores(pd.DataFrame({"nps": [9, 7.5]}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'nps', Zeile 1: Der Wert 7.5 ist keine ganze Zahl. Die Antwort auf die
        Empfehlungsfrage ist eine ganze Zahl von 0 bis 10. Korrigieren Sie den Wert oder lassen Sie das Feld leer.
    """
    if isinstance(answers, pd.DataFrame):
        check_columns(answers, table, {"nps_col": nps_col})
        frame = answers
    else:
        series = answers if isinstance(answers, pd.Series) else pd.Series(list(answers), dtype=object)
        frame = series.to_frame(nps_col)
    values = check_scale(frame, nps_col, low=SCALE_MIN, high=SCALE_MAX).astype(float)
    broken = frame.index[values.notna() & (values != np.floor(values))]
    if len(broken):
        raise cell_error(frame, broken[0], nps_col,
                         f"Der Wert {values.loc[broken[0]]:g} ist keine ganze Zahl. Die Antwort auf die "
                         "Empfehlungsfrage ist eine ganze Zahl von 0 bis 10.",
                         "Korrigieren Sie den Wert oder lassen Sie das Feld leer.")
    return values


def answer_group(scores) -> np.ndarray:
    """The group of each answer: ``Kritiker (0–6)``, ``Passive (7–8)``, ``Promotoren (9–10)``; missing → None.

    >>> answer_group([0, 6, 7, 8, 9, 10, float("nan")]).tolist()
    ['Kritiker (0–6)', 'Kritiker (0–6)', 'Passive (7–8)', 'Passive (7–8)', 'Promotoren (9–10)',
     'Promotoren (9–10)', None]
    """
    s = np.asarray(scores, dtype=float)
    out = np.full(s.shape, None, dtype=object)
    out[s < PASSIVE_MIN] = DETRACTORS
    out[(s >= PASSIVE_MIN) & (s < PROMOTER_MIN)] = PASSIVES
    out[s >= PROMOTER_MIN] = PROMOTERS
    return out


def net_promoter_score(answers, *, nps_col: str = "nps", level: float = 0.95) -> NpsResult:
    """The NPS of 0–10 answers, with its interval; missing answers are left out and counted.

    Parameters
    ----------
    answers : DataFrame, Series or list
        A survey table with the column ``nps_col``, or the answers themselves.
    nps_col : str
        The column of the 0–10 answers.
    level : float
        Confidence level of the interval (0.95 for 95 %).

    Examples
    --------
    >>> r = net_promoter_score([10, 9, 9, 8, 7, 6, 3, None])
    >>> r.n, r.missing, round(r.nps, 1), (round(r.low), round(r.high))
    (7, 1, 14.3, (-47, 76))
    >>> net_promoter_score(pd.DataFrame({"Bewertung": [9]}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle befragung fehlt die Spalte 'nps' (Parameter nps_col). Vorhanden
        sind: Bewertung. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen mit nps_col=… an.
    """
    s = answer_scores(answers, nps_col=nps_col).to_numpy()
    valid = ~np.isnan(s)
    v = s[valid]
    return from_counts(int((v < PASSIVE_MIN).sum()), int(((v >= PASSIVE_MIN) & (v < PROMOTER_MIN)).sum()),
                       int((v >= PROMOTER_MIN).sum()), level=level, missing=int((~valid).sum()))


# ---------------------------------------------------------------------------
# Is a change more than noise?
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class NpsChange:
    """The change between two independent surveys, with its interval (points)."""

    before: NpsResult
    after: NpsResult
    difference: float         # after − before
    se: float                 # √(se_before² + se_after²)
    low: float
    high: float

    @property
    def is_noise(self) -> bool:
        """True if the interval of the change contains 0: the change can be chance."""
        return bool(self.low <= 0 <= self.high) or math.isnan(self.difference)


def compare(before: NpsResult, after: NpsResult) -> NpsChange:
    """The change from ``before`` to ``after`` (two independent samples) and whether it is more than noise.

    The level is that of ``after``.

    >>> c = compare(from_shares(0.5, 0.2, n=200), from_shares(0.55, 0.2, n=200))
    >>> c.difference, round(c.low, 1), round(c.high, 1), c.is_noise
    (5.0, -10.4, 20.4, True)
    >>> compare(from_shares(0.5, 0.2, n=5000), from_shares(0.55, 0.2, n=5000)).is_noise
    False
    """
    diff = after.nps - before.nps
    se = math.sqrt(before.se ** 2 + after.se ** 2) if before.n and after.n else math.nan
    z = z_value(after.level)
    return NpsChange(before, after, round(diff, 10), se, diff - z * se, diff + z * se)


def noise_band(result: NpsResult, n_other: int | None = None) -> float:
    """Smallest change (points) that is more than noise when a second survey has the same shares.

    ``n_other`` is the number of answers of the second survey (default: the same
    ``n``). A change of this size or less lies within z × √(se₁² + se₂²).

    >>> round(noise_band(from_shares(0.5, 0.2, n=100)), 1)
    21.6
    >>> round(noise_band(from_shares(0.5, 0.2, n=100), n_other=10_000), 1)
    15.4
    """
    if result.n == 0:
        return math.nan
    n2 = result.n if n_other is None else n_other
    if isinstance(n2, bool) or not isinstance(n2, numbers.Integral) or n2 < 1:
        raise KundenkitError(f"Der Parameter 'n_other' ist {n2!r}. Erlaubt sind ganze Zahlen ab 1.",
                             parameter="n_other")
    var = answer_variance(result.promoters, result.detractors)
    return z_value(result.level) * 100.0 * math.sqrt(var / result.n + var / n2)


def answers_needed(result: NpsResult, change: float = 5.0) -> int:
    """Answers per survey (two surveys of equal size, same shares) for ``change`` points to be more than noise.

    ``n ≥ 2 × [p + d − (p − d)²] × (z / (change / 100))²``. All answers alike
    (variance 0) need one answer.

    >>> answers_needed(from_shares(0.5, 0.2, n=100), change=5)
    1875
    >>> answers_needed(from_shares(0.5, 0.2, n=100), change=10)
    469
    """
    if isinstance(change, bool) or not isinstance(change, numbers.Real) or not 0 < float(change) <= 200:
        raise KundenkitError(f"Der Parameter 'change' ist {change!r}. Erlaubt sind Punkte über 0 bis 200.",
                             parameter="change")
    var = answer_variance(result.promoters, result.detractors)
    needed = 2 * var * (z_value(result.level) / (float(change) / 100.0)) ** 2
    return max(1, math.ceil(round(needed, 9)))


# ---------------------------------------------------------------------------
# Very different distributions, the same NPS
# ---------------------------------------------------------------------------

def max_passives(nps: float) -> float:
    """The largest share of passives that still allows this NPS: ``1 − |NPS| / 100``.

    >>> max_passives(30), max_passives(-100)
    (0.7, 0.0)
    """
    return round(1.0 - abs(float(nps)) / 100.0, 12)


def same_nps(nps: float, passives: float, n: int, *, level: float = 0.95) -> NpsResult:
    """The distribution with this NPS and this share of passives (``n`` answers).

    With ``p − d = NPS / 100`` and ``p + d = 1 − passives``:
    ``p = (1 − passives + NPS/100) / 2``, ``d = (1 − passives − NPS/100) / 2``.

    Examples
    --------
    >>> a, b = same_nps(30, passives=0.6, n=100), same_nps(30, passives=0.0, n=100)
    >>> (a.promoters, a.detractors), (b.promoters, b.detractors), a.nps == b.nps
    ((0.35, 0.05), (0.65, 0.35), True)
    >>> round(a.margin, 1), round(b.margin, 1)          # same NPS, different certainty
    (10.9, 18.7)
    >>> same_nps(30, passives=0.8, n=100)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Bei einem NPS von 30 sind höchstens 70 % Passive möglich, nicht 80 %.
        Wählen Sie einen kleineren Anteil an Passiven.
    """
    if isinstance(nps, bool) or not isinstance(nps, numbers.Real) or not -100 <= float(nps) <= 100:
        raise KundenkitError(f"Der Parameter 'nps' ist {nps!r}. Erlaubt sind Werte von -100 bis 100.",
                             parameter="nps")
    if isinstance(passives, bool) or not isinstance(passives, numbers.Real) or not 0 <= float(passives) <= 1:
        raise KundenkitError(f"Der Parameter 'passives' ist {passives!r}. Erlaubt sind Anteile von 0 bis 1.",
                             parameter="passives")
    top = max_passives(nps)
    if passives > top + 1e-9:
        raise KundenkitError(f"Bei einem NPS von {nps:g} sind höchstens {_pct(top)} Passive möglich, nicht "
                             f"{_pct(passives)}. Wählen Sie einen kleineren Anteil an Passiven.", parameter="passives")
    rest, net = 1.0 - float(passives), float(nps) / 100.0
    p = round(min(max((rest + net) / 2, 0.0), 1.0), 12)
    d = round(min(max((rest - net) / 2, 0.0), 1.0 - p), 12)
    return from_shares(p, d, n, level=level)


def same_nps_table(nps: float, n: int, passives: Sequence[float] = (0.0, 0.2, 0.4, 0.6), *,
                   level: float = 0.95) -> pd.DataFrame:
    """Several distributions with the same NPS (one per share of passives), with their intervals.

    Shares of passives above :func:`max_passives` are left out.

    >>> t = same_nps_table(20, n=200)
    >>> t[["anteil_promotoren", "anteil_passive", "anteil_kritiker", "nps_wert"]]
       anteil_promotoren  anteil_passive  anteil_kritiker  nps_wert
    0                0.6             0.0              0.4      20.0
    1                0.5             0.2              0.3      20.0
    2                0.4             0.4              0.2      20.0
    3                0.3             0.6              0.1      20.0
    >>> t[["nps_unten", "nps_oben"]]             # more passives: less spread, a narrower interval
       nps_unten  nps_oben
    0        6.4      33.6
    1        7.9      32.1
    2        9.6      30.4
    3       11.7      28.3
    """
    rows = []
    for q in passives:
        if q > max_passives(nps) + 1e-9:
            continue
        r = same_nps(nps, q, n, level=level)
        rows.append({"anteil_promotoren": round(r.promoters, 3), "anteil_passive": round(r.passives, 3),
                     "anteil_kritiker": round(r.detractors, 3), "nps_wert": round(r.nps, 1),
                     "nps_unten": round(r.low, 1), "nps_oben": round(r.high, 1)})
    return pd.DataFrame(rows)


def distribution_frame(named: Mapping[str, NpsResult]) -> pd.DataFrame:
    """Long table of one or more distributions for the stacked bar: one row per distribution and group.

    Columns: ``verteilung``, ``gruppe``, ``anteil``, ``antworten``, ``von``, ``bis``
    (where the group's bar starts and ends, 0–1), ``nps_wert``, ``nps_unten``, ``nps_oben``.

    >>> distribution_frame({"A": from_counts(20, 30, 50)})[["gruppe", "anteil", "von", "bis"]]
                  gruppe  anteil  von  bis
    0     Kritiker (0–6)     0.2  0.0  0.2
    1      Passive (7–8)     0.3  0.2  0.5
    2  Promotoren (9–10)     0.5  0.5  1.0
    """
    rows = []
    for name, r in named.items():
        start = 0.0
        counts = r.counts()
        for group, share in zip(GROUPS, (r.detractors, r.passives, r.promoters)):
            rows.append({"verteilung": name, "gruppe": group, "anteil": round(share, 6),
                         "antworten": counts[group], "von": round(start, 6), "bis": round(start + share, 6),
                         "nps_wert": round(r.nps, 1), "nps_unten": round(r.low, 1), "nps_oben": round(r.high, 1)})
            start += share
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# The learner's survey: NPS per touchpoint, country, sector, …
# ---------------------------------------------------------------------------

def group_keys(befragung: pd.DataFrame, by: str, *, kunden: pd.DataFrame | None = None,
               customer_col: str = "kunden_id") -> pd.Series:
    """The group of each survey row: from the column ``by`` of the survey, or of ``kunden`` joined on the customer.

    Answers of customers missing in ``kunden`` (or with an empty cell) fall into the group ``ohne Angabe``.

    >>> b = pd.DataFrame({"kunden_id": ["K1", "K2", "K3"], "nps": [9, 3, 10]})
    >>> k = pd.DataFrame({"kunden_id": ["K1", "K2"], "land": ["DE", "AT"]})
    >>> group_keys(b, "land", kunden=k).tolist()
    ['DE', 'AT', 'ohne Angabe']
    >>> group_keys(b, "land")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Spalte 'land' (Parameter by) steht nicht in der Tabelle befragung.
        Vorhanden sind: kunden_id, nps. Geben Sie die Kundentabelle mit kunden=… an, wenn die Spalte dort steht.
    """
    check_columns(befragung, "befragung", {})
    if by in befragung.columns:
        keys = befragung[by]
    elif kunden is not None:
        check_columns(kunden, "kunden", {"by": by, "customer_col": customer_col})
        check_columns(befragung, "befragung", {"customer_col": customer_col})
        lookup = kunden.drop_duplicates(customer_col).set_index(customer_col)[by]
        keys = befragung[customer_col].map(lookup)
    else:
        raise KundenkitError(
            f"Die Spalte '{by}' (Parameter by) steht nicht in der Tabelle befragung. Vorhanden sind: "
            f"{', '.join(map(str, befragung.columns))}. Geben Sie die Kundentabelle mit kunden=… an, "
            "wenn die Spalte dort steht.", parameter="by")
    keys = keys.astype(object).where(keys.notna(), "ohne Angabe")
    return pd.Series(keys.astype(str).to_numpy(), index=befragung.index, name=by)


def nps_by_group(befragung: pd.DataFrame, by: str = "touchpoint", *, kunden: pd.DataFrame | None = None,
                 customer_col: str = "kunden_id", nps_col: str = "nps", level: float = 0.95,
                 min_n: int = MIN_N, total: bool = True) -> pd.DataFrame:
    """NPS per group (touchpoint, country, sector, …) with its interval; small groups flagged.

    Parameters
    ----------
    befragung : DataFrame
        The survey: one row per answer.
    by : str
        The column to group by; if the survey lacks it, it is taken from ``kunden``
        (e.g. ``"land"``) joined on ``customer_col``.
    kunden : DataFrame, optional
        The customer table, for columns such as ``land`` or ``branche``.
    customer_col, nps_col : str
        Names of the customer number and of the 0–10 answer.
    level : float
        Confidence level of the intervals.
    min_n : int
        Groups with fewer answers are flagged ``wenige_antworten``.
    total : bool
        Add a last row ``Alle Antworten``.

    Returns
    -------
    DataFrame with the column ``by`` and ``antworten``, ``keine_angabe``,
    ``anteil_promotoren``, ``anteil_passive``, ``anteil_kritiker``, ``nps_wert``,
    ``nps_unten``, ``nps_oben`` (points) and ``wenige_antworten``, sorted by NPS
    (highest first), the total last.

    Examples
    --------
    >>> b = pd.DataFrame({"touchpoint": ["Shop"] * 4 + ["Hotline"] * 3,
    ...                   "nps": [10, 9, 7, None, 3, 9, 5]})
    >>> nps_by_group(b, min_n=4)[["touchpoint", "antworten", "keine_angabe", "nps_wert", "wenige_antworten"]]
           touchpoint  antworten  keine_angabe  nps_wert  wenige_antworten
    0            Shop          3             1      66.7              True
    1         Hotline          3             0     -33.3              True
    2  Alle Antworten          6             1      16.7             False
    """
    if isinstance(min_n, bool) or not isinstance(min_n, numbers.Integral) or min_n < 1:
        raise KundenkitError(f"Der Parameter 'min_n' ist {min_n!r}. Erlaubt sind ganze Zahlen ab 1.",
                             parameter="min_n")
    z = z_value(level)
    scores = answer_scores(befragung, nps_col=nps_col).to_numpy()
    keys = group_keys(befragung, by, kunden=kunden, customer_col=customer_col)
    parts = pd.DataFrame({
        "key": keys.to_numpy(),
        "p": scores >= PROMOTER_MIN,
        "q": (scores >= PASSIVE_MIN) & (scores < PROMOTER_MIN),
        "d": scores < PASSIVE_MIN,
        "m": np.isnan(scores),
    })
    sums = parts.groupby("key", sort=True).sum()
    if total:
        sums.loc[TOTAL] = sums.sum()
    return _group_table(sums, by, z, min_n, total)


def _group_table(sums: pd.DataFrame, by: str, z: float, min_n: int, total: bool) -> pd.DataFrame:
    prom, pas, det, miss = (sums[c].to_numpy(dtype=float) for c in ("p", "q", "d", "m"))
    n = prom + pas + det
    with np.errstate(invalid="ignore", divide="ignore"):
        p, q, d = (np.where(n > 0, x / np.maximum(n, 1), np.nan) for x in (prom, pas, det))
    nps, _, low, high = _interval(np.nan_to_num(p), np.nan_to_num(d), n, z)
    out = pd.DataFrame({
        by: sums.index.astype(str), "antworten": n.astype(np.int64), "keine_angabe": miss.astype(np.int64),
        "anteil_promotoren": p.round(3), "anteil_passive": q.round(3), "anteil_kritiker": d.round(3),
        "nps_wert": nps.round(1), "nps_unten": low.round(1), "nps_oben": high.round(1),
        "wenige_antworten": n < min_n,
    })
    is_total = (out[by] == TOTAL).to_numpy() & total
    groups = out[~is_total].sort_values(["nps_wert", by], ascending=[False, True], kind="stable",
                                        na_position="last")
    return pd.concat([groups, out[is_total]], ignore_index=True)


def group_result(table: pd.DataFrame, row: int, *, level: float = 0.95) -> NpsResult:
    """One row of :func:`nps_by_group` as an :class:`NpsResult` (shares rounded to 0,1 %).

    >>> t = nps_by_group(pd.DataFrame({"touchpoint": ["A", "A", "B"], "nps": [10, 6, 9]}))
    >>> group_result(t, 0).nps, group_result(t, 0).n
    (100.0, 1)
    """
    r = table.iloc[row]
    n = int(r["antworten"])
    if n == 0:
        return NpsResult(0, 0.0, 0.0, 0.0, _check_level(level), int(r["keine_angabe"]))
    return NpsResult(n, float(r["anteil_promotoren"]), float(r["anteil_passive"]), float(r["anteil_kritiker"]),
                     _check_level(level), int(r["keine_angabe"]))


def available_groupings(befragung: pd.DataFrame, kunden: pd.DataFrame | None = None,
                        candidates: Iterable[str] = ("touchpoint", "land", "branche"), *,
                        customer_col: str = "kunden_id") -> list[str]:
    """The candidate columns found in the survey or the customer table, with at least two different values.

    >>> b = pd.DataFrame({"kunden_id": ["K1", "K2"], "touchpoint": ["Shop", "Hotline"], "nps": [9, 3]})
    >>> available_groupings(b, pd.DataFrame({"kunden_id": ["K1", "K2"], "land": ["DE", "DE"]}))
    ['touchpoint']
    """
    found = []
    for col in candidates:
        if col in befragung.columns:
            values = befragung[col]
        elif kunden is not None and col in kunden.columns and customer_col in kunden.columns \
                and customer_col in befragung.columns:
            values = group_keys(befragung, col, kunden=kunden, customer_col=customer_col)
        else:
            continue
        if values.nunique(dropna=True) >= 2:
            found.append(col)
    return found
