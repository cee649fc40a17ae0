"""Lesson 1.11 "Wieso haben Kunden eigentlich Erwartungen?": experience against expectation.

Only the title of this story is known from the book (Hafner 2019, Kap. 1); its
text is not available to the course. Everything here is the course's own
teaching model, built on research:

- Expectation–disconfirmation (Oliver 1980): satisfaction depends on the
  expectation a customer brings and on how far the experience departs from it
  (confirmation, positive or negative disconfirmation). The course keeps only
  the departure: ``abweichung = erlebnis − erwartung``.
- Zone of tolerance (Zeithaml, Berry & Parasuraman 1993): between the service
  a customer finds adequate and the service he desires lies a zone in which
  differences are accepted. The course draws it as ± ``tolerance`` around the
  expectation.
- Kano et al. (1984): must-be, one-dimensional and attractive attributes relate
  fulfilment and satisfaction differently; Kano (2001) describes how attributes
  move over time from attractive towards must-be.
- Adaptive expectation (course model): the expectation for a touchpoint
  follows what customers experienced there before, with a learning rate.

The default expectation, the width of the zone and the shapes of the Kano
curves are assumptions of the course, not figures from a study.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number
from kundenkit.validation import check_columns, check_scale

SCALE_MIN, SCALE_MAX = 1.0, 5.0
DEFAULT_EXPECTATION = 3.5   # assumption of the course
DEFAULT_TOLERANCE = 0.5     # assumption of the course
DEFAULT_RATE = 0.0          # no adaptation unless the learner asks for it

DISAPPOINTMENT, CONFIRMATION, DELIGHT = "Enttäuschung", "Bestätigung", "Begeisterung"
VERDICTS = (DISAPPOINTMENT, CONFIRMATION, DELIGHT)

MUST_BE, ONE_DIMENSIONAL, ATTRACTIVE = "Basismerkmal", "Leistungsmerkmal", "Begeisterungsmerkmal"
KANO_CATEGORIES = (MUST_BE, ONE_DIMENSIONAL, ATTRACTIVE)
KANO_EXPONENT = 3.0         # curvature of the must-be and attractive curves (course's choice)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def _check_number(name: str, value, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.") from None
    if not np.isfinite(number) or not low <= number <= high:
        raise KundenkitError(
            f"Der Parameter '{name}' ist {value!r}; erlaubt sind Zahlen von {low:g} bis {high:g}.")
    return number


def _ratings(frame: pd.DataFrame, rating_col: str) -> pd.Series:
    return check_scale(frame, rating_col, low=SCALE_MIN, high=SCALE_MAX)


# ---------------------------------------------------------------------------
# Experience per touchpoint
# ---------------------------------------------------------------------------

def experience(kontakte: pd.DataFrame, *, touchpoint_col: str = "touchpoint",
               rating_col: str = "bewertung") -> pd.DataFrame:
    """The experience per touchpoint: the mean rating (1–5) of its contacts.

    Parameters
    ----------
    kontakte : DataFrame
        One row per contact with a touchpoint and a rating from 1 to 5.
        Rows without a rating are ignored.
    touchpoint_col, rating_col : str
        Names of the touchpoint and rating columns.

    Returns
    -------
    DataFrame with ``touchpoint``, ``kontakte`` (number of rated contacts) and
    ``erlebnis`` (mean rating), one row per touchpoint, sorted by name.

    Examples
    --------
    >>> contacts = pd.DataFrame({"touchpoint": ["App", "App", "Hotline"], "bewertung": [4, 5, 2]})
    >>> experience(contacts)
      touchpoint  kontakte  erlebnis
    0        App         2       4.5
    1    Hotline         1       2.0
    """
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col, "rating_col": rating_col})
    ratings = _ratings(kontakte, rating_col)
    frame = pd.DataFrame({"touchpoint": kontakte[touchpoint_col].astype(str).to_numpy(),
                          "bewertung": ratings.to_numpy()}).dropna()
    if frame.empty:
        raise KundenkitError(f"Die Spalte '{rating_col}' enthält keine Bewertungen. Es gibt nichts zu vergleichen.")
    grouped = frame.groupby("touchpoint", sort=True)["bewertung"]
    out = pd.DataFrame({"kontakte": grouped.size(), "erlebnis": grouped.mean().round(4)})
    return out.reset_index()


def experience_by_period(kontakte: pd.DataFrame, *, touchpoint_col: str = "touchpoint",
                         rating_col: str = "bewertung", date_col: str = "datum",
                         freq: str = "Q") -> pd.DataFrame:
    """The experience per touchpoint and period (default: quarter) – the input of :func:`adaptive_compare`.

    Computed once per data set; the sliders of the widget then only work on this
    small table (touchpoints × periods rows).

    Returns
    -------
    DataFrame with ``touchpoint``, ``periode`` (text such as ``"2024Q1"``),
    ``kontakte`` and ``erlebnis``, sorted by touchpoint and period.

    Examples
    --------
    >>> contacts = pd.DataFrame({"touchpoint": ["App", "App", "App"], "bewertung": [2, 4, 5],
    ...     "datum": pd.to_datetime(["2024-01-10", "2024-02-01", "2024-05-03"])})
    >>> experience_by_period(contacts)
      touchpoint periode  kontakte  erlebnis
    0        App  2024Q1         2       3.0
    1        App  2024Q2         1       5.0
    """
    check_columns(kontakte, "kontakte",
                  {"touchpoint_col": touchpoint_col, "rating_col": rating_col, "date_col": date_col})
    ratings = _ratings(kontakte, rating_col)
    dates = pd.to_datetime(kontakte[date_col], errors="coerce", dayfirst=True)
    bad = kontakte.index[dates.isna() & kontakte[date_col].notna()]
    if len(bad):
        raise KundenkitError(
            f"Spalte '{date_col}', Zeile {bad[0]}: {kontakte.at[bad[0], date_col]!r} ist kein Datum. "
            "Schreiben Sie Daten als TT.MM.JJJJ, z. B. 31.12.2024."
        )
    frame = pd.DataFrame({"touchpoint": kontakte[touchpoint_col].astype(str).to_numpy(),
                          "periode": dates.dt.to_period(freq).astype(str).to_numpy(),
                          "bewertung": ratings.to_numpy()})
    frame = frame[frame["bewertung"].notna() & dates.notna().to_numpy()]
    if frame.empty:
        raise KundenkitError(f"Es gibt keine Kontakte mit Datum und Bewertung (Spalten '{date_col}', '{rating_col}').")
    grouped = frame.groupby(["touchpoint", "periode"], sort=True)["bewertung"]
    out = pd.DataFrame({"kontakte": grouped.size(), "erlebnis": grouped.mean().round(4)})
    return out.reset_index()


def as_periods(erlebnisse) -> pd.DataFrame:
    """Your own experience values as a one-period table for :func:`adaptive_compare`.

    ``erlebnisse`` is a dict ``{touchpoint: mean rating 1–5}`` or a DataFrame
    with ``touchpoint`` and ``erlebnis`` (optionally ``kontakte``). With one
    period there is nothing to adapt to: the expectation stays where you set it.

    >>> as_periods({"Hotline": 3.2, "Website": 4.1})
      touchpoint  periode  kontakte  erlebnis
    0    Hotline  gesamt         1       3.2
    1    Website  gesamt         1       4.1
    """
    if isinstance(erlebnisse, dict):
        if not erlebnisse:
            raise KundenkitError("Tragen Sie mindestens einen Touchpoint mit seiner Bewertung ein, "
                                 "z. B. {'Hotline': 3.2}.")
        frame = pd.DataFrame({"touchpoint": [str(k) for k in erlebnisse],
                              "erlebnis": [_check_number(f"erlebnisse['{k}']", v, SCALE_MIN, SCALE_MAX)
                                           for k, v in erlebnisse.items()]})
    else:
        check_columns(erlebnisse, "erlebnisse", {"touchpoint": "touchpoint", "erlebnis": "erlebnis"})
        frame = erlebnisse[["touchpoint", "erlebnis"]].copy()
        frame["erlebnis"] = _ratings(frame, "erlebnis")
        frame["touchpoint"] = frame["touchpoint"].astype(str)
    kontakte = erlebnisse["kontakte"].to_numpy() if isinstance(erlebnisse, pd.DataFrame) \
        and "kontakte" in erlebnisse.columns else 1
    return pd.DataFrame({"touchpoint": frame["touchpoint"].to_numpy(), "periode": "gesamt",
                         "kontakte": kontakte, "erlebnis": frame["erlebnis"].to_numpy(dtype=float)})


# ---------------------------------------------------------------------------
# Disconfirmation
# ---------------------------------------------------------------------------

def disconfirmation(erlebnis, erwartung):
    """Experience minus expectation (Oliver 1980): > 0 positive, < 0 negative disconfirmation.

    In the course model this difference is the satisfaction signal: a better
    experience never lowers it, a higher expectation never raises it.

    >>> disconfirmation([4.5, 3.0, 2.0], 3.0).tolist()
    [1.5, 0.0, -1.0]
    """
    return np.asarray(erlebnis, dtype=float) - np.asarray(erwartung, dtype=float)


def judge(abweichung, tolerance: float = DEFAULT_TOLERANCE) -> np.ndarray:
    """Enttäuschung below the zone of tolerance, Begeisterung above it, Bestätigung within.

    >>> judge([-0.8, -0.5, 0.2, 0.51], tolerance=0.5).tolist()
    ['Enttäuschung', 'Bestätigung', 'Bestätigung', 'Begeisterung']
    """
    tolerance = _check_number("tolerance", tolerance, 0.0, SCALE_MAX - SCALE_MIN)
    d = np.asarray(abweichung, dtype=float)
    return np.select([d < -tolerance, d > tolerance], [DISAPPOINTMENT, DELIGHT], default=CONFIRMATION)


def _finish(out: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    out["abweichung"] = disconfirmation(out["erlebnis"], out["erwartung"]).round(4)
    out["urteil"] = pd.Categorical(judge(out["abweichung"], tolerance), categories=VERDICTS)
    out["zone_unten"] = (out["erwartung"] - tolerance).round(4)
    out["zone_oben"] = (out["erwartung"] + tolerance).round(4)
    return out


def compare(erlebnisse: pd.DataFrame, *, expectation=DEFAULT_EXPECTATION,
            tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Compare each touchpoint's experience with a fixed expectation.

    Parameters
    ----------
    erlebnisse : DataFrame
        Columns ``touchpoint`` and ``erlebnis`` (e.g. from :func:`experience`).
    expectation : float or dict
        The expected level on the 1–5 scale, one number for all touchpoints or
        a dict ``{touchpoint: level}``. The default 3,5 is an assumption of the
        course: put in your own.
    tolerance : float
        Half width of the zone of tolerance around the expectation (course assumption 0,5).

    Returns
    -------
    A copy with ``erwartung``, ``abweichung`` (experience − expectation),
    ``urteil`` (Enttäuschung / Bestätigung / Begeisterung), ``zone_unten`` and ``zone_oben``.

    Examples
    --------
    >>> table = pd.DataFrame({"touchpoint": ["App", "Hotline", "Rechnung"], "erlebnis": [4.4, 2.1, 3.7]})
    >>> compare(table, expectation=4.0)[["touchpoint", "abweichung", "urteil"]]
      touchpoint  abweichung        urteil
    0        App         0.4   Bestätigung
    1    Hotline        -1.9  Enttäuschung
    2   Rechnung        -0.3   Bestätigung
    """
    check_columns(erlebnisse, "erlebnisse", {"touchpoint": "touchpoint", "erlebnis": "erlebnis"})
    out = erlebnisse.copy()
    if isinstance(expectation, dict):
        missing = sorted(set(out["touchpoint"].astype(str)) - set(map(str, expectation)))
        if missing:
            raise KundenkitError(
                f"Für die Touchpoints {', '.join(missing)} fehlt eine Erwartung im Parameter 'expectation'.")
        levels = {str(k): _check_number(f"expectation['{k}']", v, SCALE_MIN, SCALE_MAX) for k, v in expectation.items()}
        out["erwartung"] = out["touchpoint"].astype(str).map(levels).astype(float)
    else:
        out["erwartung"] = _check_number("expectation", expectation, SCALE_MIN, SCALE_MAX)
    tolerance = _check_number("tolerance", tolerance, 0.0, SCALE_MAX - SCALE_MIN)
    return _finish(out, tolerance)


# ---------------------------------------------------------------------------
# Adaptive expectations (course model)
# ---------------------------------------------------------------------------

def adapt(experiences, initial: float = DEFAULT_EXPECTATION, rate: float = DEFAULT_RATE) -> np.ndarray:
    """The expectation customers bring into each period when it learns from the last one.

    ``E[0] = initial`` and ``E[t+1] = E[t] + rate · (x[t] − E[t])``: after each
    period the expectation moves the share ``rate`` of the way towards what was
    experienced. ``rate = 0`` keeps it fixed, ``rate = 1`` expects exactly the
    last experience. Periods without experience (NaN) leave it unchanged.
    ``experiences`` may be 2-D (rows = touchpoints, columns = periods).

    >>> adapt([5, 5, 5, 5], initial=3, rate=0.5).tolist()
    [3.0, 4.0, 4.5, 4.75]
    >>> adapt([[2.0, np.nan, 2.0]], initial=4, rate=0.5).tolist()
    [[4.0, 3.0, 3.0]]
    """
    x = np.asarray(experiences, dtype=float)
    initial = _check_number("initial", initial, SCALE_MIN, SCALE_MAX)
    rate = _check_number("rate", rate, 0.0, 1.0)
    squeeze = x.ndim == 1
    x = np.atleast_2d(x)
    out = np.empty_like(x)
    current = np.full(x.shape[0], initial)
    for t in range(x.shape[1]):
        out[:, t] = current
        step = x[:, t] - current
        current = current + rate * np.where(np.isnan(step), 0.0, step)
    return out[0] if squeeze else out


def adaptive_compare(perioden: pd.DataFrame, *, expectation: float = DEFAULT_EXPECTATION,
                     rate: float = DEFAULT_RATE, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Compare experience and expectation per touchpoint when expectations adapt over time.

    The expectation of each touchpoint starts at ``expectation`` in the first
    period and learns from every period's experience with ``rate`` (see
    :func:`adapt`). Per touchpoint the result averages over all contacts:
    ``erwartung`` is the expectation the contacts met (weighted by contacts),
    so ``abweichung = erlebnis − erwartung`` is the mean disconfirmation of a
    contact. ``erwartung_heute`` is the expectation after the last period.
    With ``rate = 0`` this is :func:`compare` with a fixed expectation.

    Parameters
    ----------
    perioden : DataFrame
        Output of :func:`experience_by_period` (``touchpoint``, ``periode``, ``kontakte``, ``erlebnis``).

    Examples
    --------
    >>> p = pd.DataFrame({"touchpoint": ["App"] * 4, "periode": ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
    ...                   "kontakte": [10] * 4, "erlebnis": [4.6] * 4})
    >>> adaptive_compare(p, expectation=3.0, rate=0.0)[["erwartung", "abweichung", "urteil"]]
       erwartung  abweichung        urteil
    0        3.0         1.6  Begeisterung
    >>> adaptive_compare(p, expectation=3.0, rate=0.6)[["erwartung", "abweichung", "urteil", "erwartung_heute"]]
       erwartung  abweichung        urteil  erwartung_heute
    0     3.9504      0.6496  Begeisterung            4.559
    """
    check_columns(perioden, "perioden", {"touchpoint": "touchpoint", "periode": "periode",
                              "kontakte": "kontakte", "erlebnis": "erlebnis"})
    expectation = _check_number("expectation", expectation, SCALE_MIN, SCALE_MAX)
    rate = _check_number("rate", rate, 0.0, 1.0)
    tolerance = _check_number("tolerance", tolerance, 0.0, SCALE_MAX - SCALE_MIN)
    x = perioden.pivot(index="touchpoint", columns="periode", values="erlebnis").sort_index(axis=1)
    n = perioden.pivot(index="touchpoint", columns="periode", values="kontakte").reindex_like(x).fillna(0)
    weights = n.to_numpy(dtype=float)
    values = x.to_numpy(dtype=float)
    expected = adapt(values, expectation, rate)
    total = weights.sum(axis=1)
    after_last = expected[:, -1] + rate * np.where(np.isnan(values[:, -1]), 0.0, values[:, -1] - expected[:, -1])
    out = pd.DataFrame({
        "touchpoint": x.index.astype(str),
        "kontakte": total.astype(np.int64),
        "erlebnis": (np.nansum(values * weights, axis=1) / total).round(4),
        "erwartung": ((expected * weights).sum(axis=1) / total).round(4),
        "erwartung_heute": after_last.round(4),
    })
    return _finish(out, tolerance)


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    """How many touchpoints disappoint, confirm or delight – and which ones."""

    touchpoints: int
    disappointing: tuple[str, ...]
    confirming: tuple[str, ...]
    delighting: tuple[str, ...]
    mean_disconfirmation: float

    def sentence(self, expectation: float, rate: float = 0.0) -> str:
        """The verdict in words.

        >>> s = Summary(7, ("A", "B", "C"), ("D",), ("E", "F", "G"), -0.2)
        >>> s.sentence(4.0)
        'Bei einer Erwartung von 4,0 enttäuschen 3 von 7 Touchpoints, 3 begeistern.'
        >>> s.sentence(4.0, rate=0.3)
        'Bei einer Ausgangserwartung von 4,0 und 30 % Gewöhnung enttäuschen 3 von 7 Touchpoints, 3 begeistern.'
        """
        level = de_number(expectation, 1)
        start = (f"Bei einer Ausgangserwartung von {level} und {round(rate * 100)} % Gewöhnung" if rate > 0
                 else f"Bei einer Erwartung von {level}")
        n_bad, n_good = len(self.disappointing), len(self.delighting)
        verb_bad = "enttäuscht" if n_bad == 1 else "enttäuschen"
        verb_good = "begeistert" if n_good == 1 else "begeistern"
        good = f"{n_good} {verb_good}" if n_good else "keiner begeistert"
        return f"{start} {verb_bad} {n_bad} von {self.touchpoints} Touchpoints, {good}."


def summarize(verglichen: pd.DataFrame) -> Summary:
    """Count the verdicts of :func:`compare` or :func:`adaptive_compare`.

    >>> table = pd.DataFrame({"touchpoint": ["App", "Hotline", "Rechnung"], "erlebnis": [4.6, 2.1, 3.7]})
    >>> s = summarize(compare(table, expectation=3.5))
    >>> s.disappointing, s.delighting, s.touchpoints
    (('Hotline',), ('App',), 3)
    """
    check_columns(verglichen, "verglichen", {"urteil": "urteil", "touchpoint": "touchpoint"})
    names = verglichen["touchpoint"].astype(str)
    verdict = verglichen["urteil"].astype(str)
    return Summary(
        touchpoints=len(verglichen),
        disappointing=tuple(names[verdict == DISAPPOINTMENT]),
        confirming=tuple(names[verdict == CONFIRMATION]),
        delighting=tuple(names[verdict == DELIGHT]),
        mean_disconfirmation=float(np.average(verglichen["abweichung"], weights=verglichen["kontakte"]))
        if "kontakte" in verglichen.columns else float(verglichen["abweichung"].mean()),
    )


# ---------------------------------------------------------------------------
# Kano curves (illustrative shapes)
# ---------------------------------------------------------------------------

def kano_satisfaction(category: str, fulfilment) -> np.ndarray:
    """Satisfaction (−1 … +1) over fulfilment (0 … 1) for a Kano category – an illustrative curve.

    Basismerkmal: at best neutral (0), very dissatisfying when missing.
    Leistungsmerkmal: the more, the better, in a straight line.
    Begeisterungsmerkmal: never dissatisfying, delighting when well done.
    The exact shapes are the course's choice; Kano et al. (1984) describe
    the categories, not these formulas.

    >>> [kano_satisfaction(c, [0, 0.5, 1]).round(3).tolist() for c in KANO_CATEGORIES]
    [[-1.0, -0.125, 0.0], [-1.0, 0.0, 1.0], [0.0, 0.125, 1.0]]
    """
    if category not in KANO_CATEGORIES:
        raise KundenkitError(f"Unbekannte Kano-Kategorie {category!r}. Erlaubt sind: {', '.join(KANO_CATEGORIES)}.")
    f = np.asarray(fulfilment, dtype=float)
    if np.any((f < 0) | (f > 1)) or np.any(np.isnan(f)):
        raise KundenkitError("Die Erfüllung muss zwischen 0 (fehlt ganz) und 1 (voll erfüllt) liegen.")
    if category == MUST_BE:
        return 0.0 - (1.0 - f) ** KANO_EXPONENT  # 0.0 - … avoids a printed -0.0
    if category == ONE_DIMENSIONAL:
        return 2.0 * f - 1.0
    return f ** KANO_EXPONENT


def kano_curves(steps: int = 41) -> pd.DataFrame:
    """The three Kano curves on a grid of fulfilment values (long format, for a chart).

    >>> kano_curves(steps=3)
                  kategorie  erfüllung  zufriedenheit
    0          Basismerkmal        0.0         -1.000
    1          Basismerkmal        0.5         -0.125
    2          Basismerkmal        1.0          0.000
    3      Leistungsmerkmal        0.0         -1.000
    4      Leistungsmerkmal        0.5          0.000
    5      Leistungsmerkmal        1.0          1.000
    6  Begeisterungsmerkmal        0.0          0.000
    7  Begeisterungsmerkmal        0.5          0.125
    8  Begeisterungsmerkmal        1.0          1.000
    """
    if not isinstance(steps, (int, np.integer)) or steps < 2:
        raise KundenkitError(f"Der Parameter 'steps' muss eine ganze Zahl ab 2 sein, nicht {steps!r}.")
    grid = np.linspace(0.0, 1.0, steps)
    return pd.concat([
        pd.DataFrame({"kategorie": c, "erfüllung": grid.round(4), "zufriedenheit": kano_satisfaction(c, grid).round(4)})
        for c in KANO_CATEGORIES
    ], ignore_index=True)


def kano_point(fulfilment: float) -> pd.DataFrame:
    """Satisfaction of each category at one fulfilment level (for the slider's markers).

    >>> kano_point(0.8)
                  kategorie  erfüllung  zufriedenheit
    0          Basismerkmal        0.8         -0.008
    1      Leistungsmerkmal        0.8          0.600
    2  Begeisterungsmerkmal        0.8          0.512
    """
    f = _check_number("fulfilment", fulfilment, 0.0, 1.0)
    return pd.DataFrame({"kategorie": list(KANO_CATEGORIES), "erfüllung": f,
                         "zufriedenheit": [round(float(kano_satisfaction(c, f)), 4) for c in KANO_CATEGORIES]})
