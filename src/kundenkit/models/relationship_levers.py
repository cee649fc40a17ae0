"""Lesson 5.8 "Die Grenzen des CRM – Wovor ich dann Angst bekomme": the loop that software cannot run.

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 5). The
course takes up its theme with a text by KUBE ("Kundenbeziehungen stärken"):
managing relationships is not the same as CRM software; a company shapes a
relationship with four levers – Kommunikation, Wohlbefinden, Prozesse and
Beziehungsqualität – and relationship quality and the burden on the staff at
the customer interface feed each other: better quality makes the work there more
meaningful, which helps the relationship; worse quality burdens the staff, which
harms the relationship.

**Course model** (KUBE gives no formula; every form and constant here is the
course's, labelled in the lesson and adjustable):

Two stocks between 0 and 1, one step per month:

- *Relationship quality* ``Q`` moves a share ``quality_rate`` of the way to its
  target ``logistic(steepness × (support − B))``. The *support* comes from the
  levers Kommunikation, Prozesse and Beziehungsqualität:
  ``support_floor + support_span × mean(K, P, R)``.
- *Burden* ``B`` moves a share ``burden_rate`` of the way to its target
  ``min(1, burden_gain × (0.5 + load) × (1 − Q) × (1 − wellbeing_relief × W))``:
  poor quality and many contacts burden the staff, supportive structures
  (Wohlbefinden ``W``) relieve them.

Start values come from the learner's contacts: the starting quality is the mean
rating on the scale 1–5 mapped to 0–1; the *load* is the contacts per customer
and year relative to the capacity of the team, a course assumption
(:data:`CAPACITY` contacts per customer and year); the starting burden is the
load, at most 1.

Every step is a convex combination of values in [0, 1], so both stocks stay in
[0, 1]. Higher quality lowers the burden target and lower burden raises the
quality target: the loop reinforces itself, and with the right lever levels it
has two stable states and a tipping point between them.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_columns, check_scale

#: The four levers after KUBE, in the order of the lesson.
LEVERS = ("kommunikation", "wohlbefinden", "prozesse", "beziehungsqualitaet")
LEVER_NAMES = {"kommunikation": "Kommunikation", "wohlbefinden": "Wohlbefinden", "prozesse": "Prozesse",
               "beziehungsqualitaet": "Beziehungsqualität"}
MAIN_LEVER = "wohlbefinden"
LEVER_START = 0.5      # course assumption: every lever half way
CAPACITY = 4.0         # course assumption: contacts per customer and year the team handles without strain
MONTHS = 24
RATING_MIN, RATING_MAX = 1, 5
UP, DOWN = "nach oben", "nach unten"
CURVE_STEPS = 21       # lever levels 0 %, 5 %, …, 100 % in the chart of the final quality


def _share(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= float(value) <= 1:
        raise KundenkitError(f"Der Hebel '{name}' muss zwischen 0 und 1 liegen, nicht {value!r}. "
                             "0 heißt: nichts getan, 1 heißt: alles getan.", parameter=name, wert=value)
    return float(value)


def _positive(name: str, value) -> float:
    if (isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value))
            or float(value) <= 0):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl größer als 0 sein, nicht {value!r}.",
                             parameter=name, wert=value)
    return float(value)


@dataclass(frozen=True)
class Levers:
    """The four levers, each between 0 (nothing done) and 1 (everything done).

    >>> Levers(wohlbefinden=0.8).wohlbefinden, Levers().prozesse
    (0.8, 0.5)
    >>> Levers(prozesse=1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Hebel 'prozesse' muss zwischen 0 und 1 liegen, nicht 1.5. 0 heißt:
        nichts getan, 1 heißt: alles getan.
    """

    kommunikation: float = LEVER_START
    wohlbefinden: float = LEVER_START
    prozesse: float = LEVER_START
    beziehungsqualitaet: float = LEVER_START

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, _share(f.name, getattr(self, f.name)))

    def with_lever(self, lever: str, value: float) -> Levers:
        """A copy with one lever set to ``value``."""
        if lever not in LEVERS:
            raise KundenkitError(f"Den Hebel '{lever}' gibt es nicht. Vorhanden sind: {', '.join(LEVERS)}.",
                                 parameter="lever", wert=lever)
        return replace(self, **{lever: value})


@dataclass(frozen=True)
class Dynamics:
    """The constants of the course model – assumptions of the course, not figures of a source."""

    steepness: float = 6.0          # how sharply the quality target reacts to support minus burden
    quality_rate: float = 0.2       # share of the gap to its target the quality closes per month
    burden_rate: float = 0.3        # the same for the burden
    support_floor: float = 0.2      # support with Kommunikation, Prozesse, Beziehungsqualität at 0
    support_span: float = 0.6       # extra support with all three at 1
    burden_gain: float = 1.5        # how strongly poor quality and load burden the staff
    wellbeing_relief: float = 0.6   # share of the burden Wohlbefinden at 1 takes away

    def __post_init__(self):
        for f in fields(self):
            _positive(f.name, getattr(self, f.name))
        for name in ("quality_rate", "burden_rate", "wellbeing_relief"):
            if getattr(self, name) > 1:
                raise KundenkitError(f"Der Parameter '{name}' ist ein Anteil und darf höchstens 1 sein, nicht "
                                     f"{getattr(self, name)!r}.", parameter=name, wert=getattr(self, name))


DEFAULT_DYNAMICS = Dynamics()


@dataclass(frozen=True)
class StartValues:
    """Where the loop starts, read from the learner's contacts."""

    contacts: int
    customers: int
    years: float
    mean_rating: float
    capacity: float

    @property
    def contacts_per_customer(self) -> float:
        """Contacts per customer with a contact and year."""
        return self.contacts / self.customers / self.years

    @property
    def contacts_per_month(self) -> float:
        return self.contacts / (self.years * 12)

    @property
    def capacity_per_month(self) -> float:
        """Contacts per month the team handles without strain: capacity × customers ÷ 12."""
        return self.capacity * self.customers / 12

    @property
    def load(self) -> float:
        """Contacts relative to the capacity (1 = exactly at capacity)."""
        return self.contacts_per_customer / self.capacity

    @property
    def quality(self) -> float:
        """Mean rating on 1–5 mapped to 0–1."""
        return (self.mean_rating - RATING_MIN) / (RATING_MAX - RATING_MIN)

    @property
    def burden(self) -> float:
        return min(1.0, self.load)

    def with_capacity(self, capacity: float) -> StartValues:
        return replace(self, capacity=_positive("capacity", capacity))


def start_values(kontakte: pd.DataFrame, capacity: float = CAPACITY, *, customer_col: str = "kunden_id",
                 date_col: str = "datum", rating_col: str = "bewertung") -> StartValues:
    """Start values of the loop from the contacts: mean rating, contacts per customer and year, capacity.

    The years are the days from the first to the last contact (both counted) ÷ 365.25.

    >>> k = pd.DataFrame({"kunden_id": ["A", "A", "B", "B"], "bewertung": [5, 3, 4, None],
    ...                   "datum": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-03-01", "2024-12-31"])})
    >>> s = start_values(k)
    >>> s.contacts, s.customers, round(s.years, 3), s.mean_rating, round(s.quality, 2), round(s.burden, 3)
    (4, 2, 1.002, 4.0, 0.75, 0.499)
    >>> start_values(k.drop(columns="bewertung"))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle kontakte fehlt die Spalte 'bewertung' (Parameter rating_col).
        Vorhanden sind: kunden_id, datum. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen mit rating_col=… an.
    """
    check_columns(kontakte, "kontakte", {"customer_col": customer_col, "date_col": date_col,
                                         "rating_col": rating_col})
    capacity = _positive("capacity", capacity)
    ratings = check_scale(kontakte, rating_col, low=RATING_MIN, high=RATING_MAX)
    dates = pd.to_datetime(kontakte[date_col], errors="coerce", dayfirst=True)
    if len(kontakte) == 0 or dates.isna().all() or ratings.isna().all():
        raise KundenkitError("Die Tabelle kontakte enthält keinen Kontakt mit Datum und Bewertung. Ohne Kontakte "
                             "kann der Kurs nicht sagen, wo die Schleife startet.", spalte=rating_col)
    years = ((dates.max() - dates.min()).days + 1) / 365.25
    return StartValues(contacts=len(kontakte), customers=int(kontakte[customer_col].nunique()), years=float(years),
                       mean_rating=float(ratings.mean()), capacity=capacity)


def start_table(start: StartValues) -> pd.DataFrame:
    """One row: what the start values come from and where the loop starts.

    >>> s = StartValues(contacts=2400, customers=500, years=2.0, mean_rating=3.4, capacity=4.0)
    >>> start_table(s)[["kontakte_je_monat", "kapazitaet_je_monat", "startqualitaet", "startbelastung"]]
       kontakte_je_monat  kapazitaet_je_monat  startqualitaet  startbelastung
    0              100.0           166.666667             0.6             0.6
    """
    return pd.DataFrame({
        "kontakte": [start.contacts], "kunden_mit_kontakt": [start.customers],
        "kontakte_je_kunde": [start.contacts_per_customer], "mittlere_bewertung": [start.mean_rating],
        "kontakte_je_monat": [start.contacts_per_month], "kapazitaet_je_monat": [start.capacity_per_month],
        "startqualitaet": [start.quality], "startbelastung": [start.burden]})


def _targets(q, b, levers, load, d: Dynamics):
    """Targets of quality and burden; the levers may be numpy arrays (vectorised runs)."""
    support = d.support_floor + d.support_span * (levers[0] + levers[2] + levers[3]) / 3
    q_target = 1 / (1 + np.exp(-d.steepness * (support - b)))
    b_target = np.minimum(1.0, d.burden_gain * (0.5 + load) * (1 - q) * (1 - d.wellbeing_relief * levers[1]))
    return q_target, b_target


def _run(levers, quality0: float, burden0: float, load: float, months: int, d: Dynamics):
    """Quality and burden per month (arrays of shape (months + 1, *shape of the levers))."""
    shape = np.broadcast(*levers).shape
    q = np.full(shape, float(quality0))
    b = np.full(shape, float(burden0))
    qs, bs = [q], [b]
    for _ in range(months):
        q_target, b_target = _targets(q, b, levers, load, d)
        q, b = q + d.quality_rate * (q_target - q), b + d.burden_rate * (b_target - b)
        qs.append(q)
        bs.append(b)
    return np.array(qs), np.array(bs)


def _lever_tuple(levers: Levers) -> tuple[float, float, float, float]:
    return (levers.kommunikation, levers.wohlbefinden, levers.prozesse, levers.beziehungsqualitaet)


def simulate(levers: Levers, quality0: float, burden0: float, load: float, months: int = MONTHS,
             dynamics: Dynamics = DEFAULT_DYNAMICS) -> pd.DataFrame:
    """Both stocks month by month: ``monat``, ``beziehungsqualitaet``, ``belastung`` (0–1).

    >>> t = simulate(Levers(), 0.55, 0.35, 0.35, months=24)
    >>> len(t), t.columns.tolist()
    (25, ['monat', 'beziehungsqualitaet', 'belastung'])
    >>> t.iloc[-1].round(3).tolist()
    [24.0, 0.855, 0.154]
    >>> simulate(Levers(wohlbefinden=0.0), 0.55, 0.35, 0.35).iloc[-1].round(3).tolist()
    [24.0, 0.127, 0.974]
    """
    for name, value in (("quality0", quality0), ("burden0", burden0)):
        _share(name, value)
    if isinstance(months, bool) or not isinstance(months, numbers.Integral) or not 1 <= months <= 240:
        raise KundenkitError(f"Der Parameter 'months' muss eine ganze Zahl von 1 bis 240 sein, nicht {months!r}.",
                             parameter="months", wert=months)
    if isinstance(load, bool) or not isinstance(load, numbers.Real) or not 0 <= float(load) < math.inf:
        raise KundenkitError(f"Die Auslastung 'load' muss eine Zahl ab 0 sein, nicht {load!r}.", parameter="load",
                             wert=load)
    qs, bs = _run(_lever_tuple(levers), quality0, burden0, float(load), int(months), dynamics)
    return pd.DataFrame({"monat": np.arange(months + 1), "beziehungsqualitaet": qs, "belastung": bs})


def final_quality_curve(levers: Levers, lever: str, quality0: float, burden0: float, load: float,
                        months: int = MONTHS, dynamics: Dynamics = DEFAULT_DYNAMICS,
                        steps: int = CURVE_STEPS) -> pd.DataFrame:
    """Quality after ``months`` for ``steps`` levels of one lever from 0 to 1, the others as in ``levers``.

    >>> c = final_quality_curve(Levers(), "wohlbefinden", 0.55, 0.35, 0.35, steps=3)
    >>> c.round(3).to_dict("list")
    {'hebelwert': [0.0, 0.5, 1.0], 'endqualitaet': [0.127, 0.855, 0.929]}
    """
    grid = np.linspace(0.0, 1.0, steps)
    values = [np.asarray(v, dtype=float) for v in _lever_tuple(levers)]
    levers.with_lever(lever, 0.0)   # a German error for an unknown lever
    values[LEVERS.index(lever)] = grid
    qs, _ = _run(tuple(values), quality0, burden0, float(load), int(months), dynamics)
    return pd.DataFrame({"hebelwert": grid, "endqualitaet": qs[-1]})


def tipping_level(levers: Levers, lever: str, quality0: float, burden0: float, load: float,
                  months: int = MONTHS, dynamics: Dynamics = DEFAULT_DYNAMICS, tolerance: float = 1e-4):
    """The lowest level of ``lever`` at which the quality after ``months`` is at least its start value.

    Below it the loop tips down (quality falls), from it on up. None if the quality
    rises even with the lever at 0 or falls even with the lever at 1. The final
    quality never falls when a lever rises, so halving the interval finds the level.

    >>> round(tipping_level(Levers(), "wohlbefinden", 0.55, 0.35, 0.35), 3)
    0.215
    >>> tipping_level(Levers(), "wohlbefinden", 0.55, 0.35, 0.35) < tipping_level(Levers(), "wohlbefinden",
    ...                                                                            0.55, 0.6, 0.6)
    True
    >>> tipping_level(Levers(kommunikation=1, prozesse=1, beziehungsqualitaet=1), "wohlbefinden", 0.55, 0.1, 0.1)
    """
    def final(level: float) -> float:
        qs, _ = _run(_lever_tuple(levers.with_lever(lever, level)), quality0, burden0, float(load), int(months),
                     dynamics)
        return float(qs[-1])

    if final(0.0) >= quality0 or final(1.0) < quality0:
        return None
    low, high = 0.0, 1.0
    while high - low > tolerance:
        mid = (low + high) / 2
        if final(mid) >= quality0:
            high = mid
        else:
            low = mid
    return high


def critical_quality(levers: Levers, load: float, dynamics: Dynamics = DEFAULT_DYNAMICS, points: int = 2001):
    """The tipping point of the quality: with the burden settled, above it quality rises, below it falls.

    It is the middle of three equilibria of ``Q = quality target(burden target(Q))``;
    None if the loop has only one equilibrium for these levers (then it goes one way
    from any start).

    >>> round(critical_quality(Levers(), 0.5), 3)
    0.566
    >>> critical_quality(Levers(wohlbefinden=1.0), 0.5) is None
    True
    """
    q = np.linspace(0.0, 1.0, points)
    lv = _lever_tuple(levers)
    _, b_target = _targets(q, 0.0, lv, float(load), dynamics)
    q_target, _ = _targets(q, b_target, lv, float(load), dynamics)
    gap = q_target - q
    crossings = np.flatnonzero(np.sign(gap[:-1]) != np.sign(gap[1:]))
    if len(crossings) < 3:
        return None
    i = int(crossings[1])
    return float(q[i] - gap[i] * (q[i + 1] - q[i]) / (gap[i + 1] - gap[i]))


@dataclass(frozen=True)
class LoopResult:
    """One run of the loop for a setting of the levers."""

    levers: Levers
    start: StartValues
    months: int
    lever: str                       # the lever whose tipping level is reported (the widget's main control)
    trajectory: pd.DataFrame         # monat, beziehungsqualitaet, belastung
    curve: pd.DataFrame              # hebelwert, endqualitaet
    tipping: float | None            # level of ``lever`` from which the quality rises
    critical: float | None           # quality below which it falls (burden settled)

    @property
    def final_quality(self) -> float:
        return float(self.trajectory["beziehungsqualitaet"].iloc[-1])

    @property
    def final_burden(self) -> float:
        return float(self.trajectory["belastung"].iloc[-1])

    @property
    def direction(self) -> str:
        """``nach oben`` if the quality ends at least at its start, else ``nach unten``."""
        return UP if self.final_quality >= self.start.quality else DOWN

    def milestones(self, every: int = 6) -> pd.DataFrame:
        """The trajectory every ``every`` months (and the last month)."""
        t = self.trajectory
        keep = (t["monat"] % every == 0) | (t["monat"] == t["monat"].iloc[-1])
        return t[keep].reset_index(drop=True)


def run_loop(start: StartValues, levers: Levers | None = None, *, lever: str = MAIN_LEVER, months: int = MONTHS,
             dynamics: Dynamics = DEFAULT_DYNAMICS) -> LoopResult:
    """The lesson's whole computation: trajectories, final quality by level of ``lever``, tipping points.

    >>> s = StartValues(contacts=1800, customers=500, years=2.0, mean_rating=3.2, capacity=4.0)
    >>> r = run_loop(s)
    >>> r.direction, round(r.final_quality, 2), round(r.tipping, 3), round(r.critical, 3)
    ('nach oben', 0.68, 0.442, 0.496)
    >>> run_loop(s, Levers(wohlbefinden=0.2)).direction
    'nach unten'
    """
    levers = levers or Levers()
    args = (start.quality, start.burden, start.load, months, dynamics)
    return LoopResult(levers=levers, start=start, months=months, lever=lever,
                      trajectory=simulate(levers, *args), curve=final_quality_curve(levers, lever, *args),
                      tipping=tipping_level(levers, lever, *args), critical=critical_quality(levers, start.load,
                                                                                               dynamics))
