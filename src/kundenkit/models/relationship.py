"""Lesson 1.1 "Was sind Beziehungen?": a relationship as a chain of recognised episodes.

Hafner (2019, Kap. 1) follows Max Weber (1922): a relationship is a chain of
interactions, each an action in response to the partner's action. Its weakest,
basic form is that both sides identify and recognise each other – the success
factor of "Tante Emma", whose customers paid her higher prices because she knew
them and what they needed. Peppers, Rogers & Dorf (1999) put the same idea into
the first of their four stages of one-to-one marketing (identify, differentiate,
interact, customize).

**Course model, not the book's.** Everything below – the recognition rate, the
gain per recognised episode, the half-life of a relationship, the price premium
it buys and the cost of recognising a customer – is a teaching model of this
course. The default numbers are assumptions of the course, not findings.

The cost of recognition (a customer card, a CRM, trained staff) is paid per
customer and year by a firm that recognises its customers at all – whatever rate
it reaches, since the card and the system cost the same. A firm that recognises
nobody (recognition rate 0, the anonymous discounter) pays nothing for it:
no relationship, no premium, no cost, a balance of 0. This too is an assumption
of the course (:func:`recognition_cost`). Recognising half-heartedly – paying
for the system, reaching a low rate – is what loses money.

The chain: episodes (e.g. purchases) happen ``episodes_per_year`` times a year,
the first one at time 0 with strength 0. In each episode the firm recognises the
customer with probability ``recognition``; a recognised episode closes the share
``gain`` of the gap between the strength and 1. Between episodes the strength
decays with the half-life ``half_life_years``. A customer who arrives with
strength ``s`` accepts the price premium ``max_premium * s``. Because the update
is linear in ``s``, the expected strength follows the same recursion with
``recognition * gain`` in place of ``gain`` – so the expected-value functions
here are exact, and :func:`simulate_strength` shows single customers around them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import cell_error, check_columns, shown_value

# Assumptions of the course (not from the book): learners replace them with their own numbers.
GAIN = 0.2               # share of the gap to full strength closed by one recognised episode
HALF_LIFE_YEARS = 1.0    # without recognised contact the strength halves in this time
MAX_PREMIUM = 0.10       # price premium a customer with full strength accepts (10 %)
COST_SHARE = 0.03        # default cost of recognition: 3 % of the annual revenue per customer
YEARS = 5.0              # horizon of the strength chart

# Reference cases of the lesson (recognition rates are assumptions of the course). The discounter
# is anonymous: it recognises nobody, so it also pays nothing for recognising (see recognition_cost).
TANTE_EMMA = ("Tante Emma", 0.95)
DISCOUNTER = ("anonymer Discounter", 0.0)

ALL = "Alle Kunden"
STRENGTH = "stärke"


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def _number(name: str, value, *, low: float, high: float | None = None, low_open: bool = False) -> float:
    """``value`` as a float inside the bounds, else a German error naming the parameter."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.") from None
    too_low = number <= low if low_open else number < low
    if math.isnan(number) or too_low or (high is not None and number > high):
        lower = f"größer als {low:g}" if low_open else f"mindestens {low:g}"
        allowed = lower if high is None else f"{lower} und höchstens {high:g}"
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt ist eine Zahl {allowed}.")
    return number


def _rates(recognition):
    """Recognition rate(s) as a float array within [0, 1]."""
    rates = np.asarray(recognition, dtype=float)
    if np.isnan(rates).any() or (rates < 0).any() or (rates > 1).any():
        raise KundenkitError(
            f"Der Parameter 'recognition' (Erkennungsrate) ist {recognition!r}; erlaubt sind Anteile "
            "von 0 bis 1, z. B. 0.6 für 60 %."
        )
    return rates


def _chain(episodes_per_year, half_life_years, gain) -> tuple[float, float, float]:
    f = _number("episodes_per_year", episodes_per_year, low=0, high=365, low_open=True)
    h = _number("half_life_years", half_life_years, low=0, low_open=True)
    g = _number("gain", gain, low=0, high=1)
    return f, h, g


def decay_factor(episodes_per_year: float, half_life_years: float = HALF_LIFE_YEARS) -> float:
    """Share of the strength left after the gap between two episodes.

    >>> round(decay_factor(2, 1.0), 4)  # half a year at a half-life of one year
    0.7071
    """
    f, h, _ = _chain(episodes_per_year, half_life_years, 0)
    return float(2.0 ** (-1.0 / (f * h)))


# ---------------------------------------------------------------------------
# The expected interaction chain
# ---------------------------------------------------------------------------

def strength_path(recognition: float, episodes_per_year: float, *, years: float = YEARS,
                  gain: float = GAIN, half_life_years: float = HALF_LIFE_YEARS) -> pd.DataFrame:
    """Expected relationship strength over time (course model).

    The strength jumps at every episode (by ``recognition * gain`` of the gap to
    1) and decays between episodes. The table has two rows per episode – right
    after it and just before the next one – so a line chart shows the saw-tooth.

    Parameters
    ----------
    recognition : float
        Probability (0–1) that the firm recognises the customer in an episode.
    episodes_per_year : float
        Episodes (purchases, contacts) per customer and year.
    years : float
        Length of the path in years.
    gain, half_life_years : float
        Gain per recognised episode and half-life of the strength (assumptions of the course).

    Returns
    -------
    DataFrame with the columns ``jahr`` and ``stärke``.

    Examples
    --------
    >>> strength_path(0.5, 2, years=1)
       jahr  stärke
    0   0.0  0.1000
    1   0.5  0.0707
    2   0.5  0.1636
    3   1.0  0.1157
    4   1.0  0.2041
    """
    f, h, g = _chain(episodes_per_year, half_life_years, gain)
    r = float(_rates(recognition))
    years = _number("years", years, low=0, high=100, low_open=True)
    a = 2.0 ** (-1.0 / (f * h))
    n = int(math.floor(years * f + 1e-9)) + 1            # episodes at 0, 1/f, ..., <= years
    k = np.arange(n)
    rg = r * g
    after = _after_episodes(k, rg, a)
    times_after = k / f
    times_before = np.minimum((k + 1) / f, years)
    before = after * 2.0 ** (-(times_before - times_after) / h)
    jahr = np.column_stack([times_after, times_before]).ravel()
    staerke = np.column_stack([after, before]).ravel()
    keep = np.ones(len(jahr), dtype=bool)
    keep[-1] = times_before[-1] > times_after[-1]          # no zero-length tail at the end
    return pd.DataFrame({"jahr": jahr[keep].round(4), STRENGTH: staerke[keep].round(4)})


def _after_episodes(k: np.ndarray, rg: float, a: float) -> np.ndarray:
    """Closed form of y_k = rg + (1 - rg) * a * y_{k-1}, y_0 = rg."""
    b = (1.0 - rg) * a                                     # b < 1 because a < 1
    fixed = rg / (1.0 - b)
    return fixed + (rg - fixed) * b ** k


def strength_at(years: float, recognition: float, episodes_per_year: float, *, gain: float = GAIN,
                half_life_years: float = HALF_LIFE_YEARS) -> float:
    """Expected strength after ``years`` (an episode at exactly that time counts).

    Examples
    --------
    >>> round(strength_at(2, 0.6, 12), 4)
    0.7016
    >>> strength_at(2, 0.0, 12)
    0.0
    """
    years = _number("years", years, low=0, high=100)
    f, h, g = _chain(episodes_per_year, half_life_years, gain)
    r = float(_rates(recognition))
    k = int(math.floor(years * f + 1e-9))
    after = float(_after_episodes(np.array([k]), r * g, 2.0 ** (-1.0 / (f * h)))[0])
    return float(after * 2.0 ** (-(years - k / f) / h))


def long_run_strength(recognition, episodes_per_year: float, *, gain: float = GAIN,
                      half_life_years: float = HALF_LIFE_YEARS):
    """Expected strength a customer brings to a purchase once the chain has settled.

    With ``a`` the decay between episodes and ``rg = recognition * gain`` it is
    ``a * rg / (1 - a + a * rg)``: never below 0, always below 1, rising with
    recognition and with the number of episodes, falling with faster decay.
    Accepts a single rate or an array of rates.

    Examples
    --------
    >>> round(long_run_strength(0.95, 6), 3), round(long_run_strength(0.05, 6), 3)
    (0.608, 0.075)
    >>> long_run_strength([0, 1], 2).round(3)
    array([0.   , 0.326])
    """
    f, h, g = _chain(episodes_per_year, half_life_years, gain)
    r = _rates(recognition)
    a = 2.0 ** (-1.0 / (f * h))
    value = a * r * g / (1.0 - a + a * r * g)            # a < 1, so the denominator is positive
    return float(value) if np.ndim(value) == 0 else value


def break_even_recognition(cost_per_year: float, revenue_per_year: float, episodes_per_year: float, *,
                           max_premium: float = MAX_PREMIUM, gain: float = GAIN,
                           half_life_years: float = HALF_LIFE_YEARS) -> float:
    """Lowest recognition rate at which the premium pays for recognising the customer.

    A firm that recognises its customers pays ``cost_per_year`` per customer for
    it (a customer card, a CRM, trained staff), whatever rate it reaches. In the
    long run the customer pays the premium ``max_premium * strength`` on
    ``revenue_per_year``. Returns ``nan`` if even a recognition rate of 100 %
    does not cover the cost. (Not recognising at all costs nothing and earns
    nothing; this function asks from which rate recognising is worth its cost.)

    Examples
    --------
    >>> round(break_even_recognition(6, 200, 6), 3)
    0.262
    >>> break_even_recognition(0, 200, 6)
    0.0
    >>> break_even_recognition(50, 200, 6)
    nan
    """
    f, h, g = _chain(episodes_per_year, half_life_years, gain)
    cost = _number("cost_per_year", cost_per_year, low=0)
    revenue = _number("revenue_per_year", revenue_per_year, low=0)
    premium = _number("max_premium", max_premium, low=0, high=1)
    if cost == 0:
        return 0.0
    if revenue * premium * g == 0:
        return float("nan")
    q = cost / (revenue * premium)                       # strength needed to cover the cost
    a = 2.0 ** (-1.0 / (f * h))
    if q >= 1:
        return float("nan")
    rate = q * (1.0 - a) / (a * g * (1.0 - q))
    return float(rate) if rate <= 1 + 1e-12 else float("nan")


def recognition_cost(recognition: float, cost_per_year: float) -> float:
    """What recognising costs per customer and year at a recognition rate (course assumption).

    A firm that recognises its customers at all pays ``cost_per_year`` (card,
    CRM, training); a firm that recognises nobody pays nothing.

    >>> recognition_cost(0.95, 6.0), recognition_cost(0.05, 6.0), recognition_cost(0.0, 6.0)
    (6.0, 6.0, 0.0)
    """
    rate = float(_rates(recognition))
    cost = _number("cost_per_year", cost_per_year, low=0)
    return cost if rate > 0 else 0.0


@dataclass(frozen=True)
class Recognition:
    """What recognising customers earns in the long run (course model).

    ``strength`` is the long-run strength at a purchase, ``premium`` the price
    premium a customer then accepts (share), ``extra_revenue`` the premium in
    money per customer and year, ``cost`` the cost of recognition per customer
    and year (0 at a recognition rate of 0, see :func:`recognition_cost`), ``net``
    their difference and ``break_even`` the lowest recognition rate above 0 at
    which ``net`` is not negative (``nan`` if none is).
    """

    recognition: float
    episodes_per_year: float
    revenue_per_year: float
    strength: float
    premium: float
    extra_revenue: float
    cost: float
    net: float
    break_even: float

    @property
    def pays_off(self) -> bool:
        """True if the extra revenue covers the cost of recognition."""
        return self.net >= 0


def assess(recognition: float, episodes_per_year: float, revenue_per_year: float, cost_per_year: float, *,
           max_premium: float = MAX_PREMIUM, gain: float = GAIN,
           half_life_years: float = HALF_LIFE_YEARS) -> Recognition:
    """Strength, premium and the money balance of one recognition rate (course model).

    Examples
    --------
    >>> res = assess(0.95, 6, revenue_per_year=200, cost_per_year=6)
    >>> round(res.strength, 3), round(res.extra_revenue, 2), round(res.net, 2), round(res.break_even, 3)
    (0.608, 12.16, 6.16, 0.262)

    The anonymous firm pays nothing for recognising and earns no premium:

    >>> anonymous = assess(0.0, 6, revenue_per_year=200, cost_per_year=6)
    >>> anonymous.cost, anonymous.net, anonymous.pays_off
    (0.0, 0.0, True)
    """
    kwargs = {"gain": gain, "half_life_years": half_life_years}
    strength = long_run_strength(recognition, episodes_per_year, **kwargs)
    premium = _number("max_premium", max_premium, low=0, high=1) * strength
    revenue = _number("revenue_per_year", revenue_per_year, low=0)
    cost = recognition_cost(recognition, cost_per_year)
    extra = revenue * premium
    return Recognition(
        recognition=float(recognition), episodes_per_year=float(episodes_per_year), revenue_per_year=revenue,
        strength=strength, premium=premium, extra_revenue=extra, cost=cost, net=extra - cost,
        break_even=break_even_recognition(cost_per_year, revenue, episodes_per_year, max_premium=max_premium,
                                          **kwargs),
    )


def premium_curve(episodes_per_year: float, revenue_per_year: float, *, max_premium: float = MAX_PREMIUM,
                  gain: float = GAIN, half_life_years: float = HALF_LIFE_YEARS, steps: int = 101) -> pd.DataFrame:
    """Long-run strength, premium and extra revenue for recognition rates from 0 to 1.

    Examples
    --------
    >>> premium_curve(6, 200, steps=3)
       erkennungsrate  stärke  preisaufschlag  mehrerlös
    0             0.0  0.0000           0.000       0.00
    1             0.5  0.4495           0.045       8.99
    2             1.0  0.6202           0.062      12.40
    """
    if not isinstance(steps, int) or steps < 2 or steps > 1001:
        raise KundenkitError(f"Der Parameter 'steps' ist {steps!r}; erlaubt sind ganze Zahlen von 2 bis 1001.")
    rates = np.linspace(0.0, 1.0, steps)
    strength = long_run_strength(rates, episodes_per_year, gain=gain, half_life_years=half_life_years)
    premium = _number("max_premium", max_premium, low=0, high=1) * strength
    revenue = _number("revenue_per_year", revenue_per_year, low=0)
    return pd.DataFrame({"erkennungsrate": rates.round(4), STRENGTH: strength.round(4),
                         "preisaufschlag": premium.round(4), "mehrerlös": (revenue * premium).round(2)})


def simulate_strength(recognition: float, episodes_per_year: float, *, years: float = 2.0, n_customers: int = 1000,
                      seed: int = 0, gain: float = GAIN, half_life_years: float = HALF_LIFE_YEARS) -> np.ndarray:
    """Strength after ``years`` of single simulated customers (seeded; course model).

    Each episode is recognised or not by chance; the mean over many customers
    approaches :func:`strength_at`.

    Examples
    --------
    >>> sims = simulate_strength(0.6, 12, years=2, n_customers=20_000, seed=1)
    >>> round(float(sims.mean()), 2), round(strength_at(2, 0.6, 12), 2)
    (0.7, 0.7)
    """
    f, h, g = _chain(episodes_per_year, half_life_years, gain)
    r = float(_rates(recognition))
    years = _number("years", years, low=0, high=100)
    if not isinstance(n_customers, int) or not 1 <= n_customers <= 1_000_000:
        raise KundenkitError(f"Der Parameter 'n_customers' ist {n_customers!r}; erlaubt sind 1 bis 1.000.000.")
    rng = np.random.default_rng(seed)
    k = int(math.floor(years * f + 1e-9)) + 1
    a = 2.0 ** (-1.0 / (f * h))
    strength = np.zeros(n_customers)
    for episode in range(k):
        if episode:
            strength *= a
        hit = rng.random(n_customers) < r
        strength[hit] += g * (1.0 - strength[hit])
    return strength * 2.0 ** (-(years - (k - 1) / f) / h)


# ---------------------------------------------------------------------------
# The learner's data: how often customers come, and what they spend
# ---------------------------------------------------------------------------

def customer_rates(transaktionen: pd.DataFrame, kunden: pd.DataFrame | None = None, *,
                   customer_col: str = "kunden_id", date_col: str = "datum", amount_col: str = "betrag",
                   segment_col: str = "segment", years: float | None = None) -> pd.DataFrame:
    """Purchases and revenue per customer and year, from a transactions table.

    Parameters
    ----------
    transaktionen : DataFrame
        One row per purchase with a customer id, a date and an amount.
    kunden : DataFrame, optional
        Customer table; if it has ``segment_col``, each customer gets its segment.
    customer_col, date_col, amount_col, segment_col : str
        Column names in your tables.
    years : float, optional
        Length of the observation period in years. Default: from the first to
        the last date of the table.

    Returns
    -------
    DataFrame, one row per customer with at least one purchase: ``kunden_id``,
    ``käufe``, ``umsatz``, ``käufe_pro_jahr``, ``umsatz_pro_jahr`` (and ``segment``).

    Examples
    --------
    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B"], "betrag": [10.0, 30.0, 5.0],
    ...     "datum": pd.to_datetime(["2024-01-01", "2024-07-01", "2025-12-31"])})
    >>> customer_rates(t, years=2)
      kunden_id  käufe  umsatz  käufe_pro_jahr  umsatz_pro_jahr
    0         A      2    40.0             1.0             20.0
    1         B      1     5.0             0.5              2.5
    """
    check_columns(transaktionen, "transaktionen",
                  {"customer_col": customer_col, "date_col": date_col, "amount_col": amount_col})
    if transaktionen.empty:
        raise KundenkitError("Die Tabelle transaktionen ist leer: Ohne Käufe kann der Kurs nichts rechnen.")
    dates = pd.to_datetime(transaktionen[date_col], errors="coerce")
    amounts = pd.to_numeric(transaktionen[amount_col], errors="coerce")
    for col, values in ((date_col, dates), (amount_col, amounts)):
        bad = transaktionen.index[values.isna()]
        if len(bad):
            shown = shown_value(transaktionen.at[bad[0], col])
            problem = (f"Hier fehlt {'das Datum' if col == date_col else 'der Betrag'}." if shown == "leer" else
                       f"Der Wert {shown} ist kein {'gültiges Datum' if col == date_col else 'gültiger Betrag'}.")
            raise cell_error(transaktionen, bad[0], col, problem, "Ergänzen oder löschen Sie die Zeile.")
    if years is None:
        days = (dates.max() - dates.min()).days + 1
        if days < 28:
            raise KundenkitError(
                f"Ihre Transaktionen umfassen nur {days} Tage. Für Käufe pro Jahr braucht der Kurs mindestens "
                "vier Wochen – oder geben Sie die Länge des Zeitraums mit years=… an."
            )
        years = days / 365.25
    years = _number("years", years, low=0, high=100, low_open=True)
    frame = pd.DataFrame({"kunden_id": transaktionen[customer_col].to_numpy(), "betrag": amounts.to_numpy()})
    grouped = frame.groupby("kunden_id", sort=True, observed=True)["betrag"]
    out = pd.DataFrame({"käufe": grouped.size(), "umsatz": grouped.sum().round(2)})
    out["käufe_pro_jahr"] = (out["käufe"] / years).round(4)
    out["umsatz_pro_jahr"] = (out["umsatz"] / years).round(2)
    out = out.reset_index()
    if kunden is not None and customer_col in kunden.columns and segment_col in kunden.columns:
        segments = kunden.drop_duplicates(customer_col).set_index(customer_col)[segment_col].astype("string")
        out["segment"] = out["kunden_id"].map(segments).fillna("ohne Segment").astype("string")
    return out


def typical_customers(rates: pd.DataFrame, *, by: str | None = "segment") -> pd.DataFrame:
    """The typical (median) customer of all customers and of each group.

    ``rates`` comes from :func:`customer_rates`. The first row is ``Alle Kunden``;
    one row per value of ``by`` follows if that column exists.

    Examples
    --------
    >>> rates = pd.DataFrame({"käufe_pro_jahr": [1.0, 3.0, 10.0], "umsatz_pro_jahr": [50.0, 90.0, 400.0],
    ...                       "segment": ["Neu", "Neu", "Stamm"]})
    >>> typical_customers(rates)
            gruppe  kunden  käufe_pro_jahr  umsatz_pro_jahr
    0  Alle Kunden       3             3.0             90.0
    1          Neu       2             2.0             70.0
    2        Stamm       1            10.0            400.0
    """
    needed = [c for c in ("käufe_pro_jahr", "umsatz_pro_jahr") if c not in rates.columns]
    if needed:
        raise KundenkitError(
            f"Es fehlen die Spalten {', '.join(repr(c) for c in needed)}. Berechnen Sie die Tabelle zuerst "
            "mit customer_rates(...)."
        )
    columns = ["käufe_pro_jahr", "umsatz_pro_jahr"]
    rows = [{"gruppe": ALL, "kunden": len(rates), **rates[columns].median().to_dict()}]
    if by is not None and by in rates.columns:
        grouped = rates.groupby(by, sort=True, observed=True)
        medians = grouped[columns].median()
        sizes = grouped.size()
        rows += [{"gruppe": str(name), "kunden": int(sizes[name]), **medians.loc[name].to_dict()}
                 for name in medians.index]
    out = pd.DataFrame(rows)
    out["käufe_pro_jahr"] = out["käufe_pro_jahr"].round(2)
    out["umsatz_pro_jahr"] = out["umsatz_pro_jahr"].round(2)
    return out


def default_cost(revenue_per_year: float, share: float = COST_SHARE) -> float:
    """The course's default cost of recognition: ``share`` of the annual revenue per customer.

    >>> default_cost(201.17)
    6.04
    """
    return round(_number("revenue_per_year", revenue_per_year, low=0) * _number("share", share, low=0, high=1), 2)


def reference_cases(episodes_per_year: float, revenue_per_year: float, cost_per_year: float, *,
                    recognition: float | None = None, max_premium: float = MAX_PREMIUM, gain: float = GAIN,
                    half_life_years: float = HALF_LIFE_YEARS) -> pd.DataFrame:
    """"Tante Emma" and the "anonymer Discounter" (and optionally your rate) side by side.

    Examples
    --------
    The anonymous discounter recognises nobody: no premium, no cost.

    >>> reference_cases(6, 200, 6)[["fall", "stärke", "mehrerlös", "kosten", "saldo"]]
                      fall  stärke  mehrerlös  kosten  saldo
    0           Tante Emma  0.6081      12.16     6.0   6.16
    1  anonymer Discounter  0.0000       0.00     0.0   0.00
    """
    cases = [TANTE_EMMA, DISCOUNTER] + ([("Ihre Einstellung", recognition)] if recognition is not None else [])
    rows = []
    for name, rate in cases:
        res = assess(rate, episodes_per_year, revenue_per_year, cost_per_year, max_premium=max_premium,
                     gain=gain, half_life_years=half_life_years)
        rows.append({"fall": name, "erkennungsrate": rate, STRENGTH: round(res.strength, 4),
                     "preisaufschlag": round(res.premium, 4), "mehrerlös": round(res.extra_revenue, 2),
                     "kosten": round(res.cost, 2), "saldo": round(res.net, 2)})
    return pd.DataFrame(rows)
