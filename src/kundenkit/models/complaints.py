"""Lesson 4.12 "Beschwerden als Chance – geht das eigentlich?": who complains, who stays, what it is worth.

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 4). The
lesson tells the idea from two sources:

- **TARP** (cited second-hand, as the course's source list gives the figures):
  how many customers with a problem stay loyal depends on the size of the
  problem and on how their complaint was handled – see :data:`TARP_LOYALTY`.
  Only a small share of dissatisfied customers complain at all.
- **de Matos, Henrique & Rossi (2007)**, a meta-analysis in the *Journal of
  Service Research*: after a good recovery customers are more satisfied than
  before the failure (the *service recovery paradox*), but the meta-analysis
  found no significant effect on repurchase intention or word of mouth.

**Course model** (not the book's, not TARP's method)::

    unzufriedene Kunden  = Kunden mit Beschwerde / Anteil, der sich beschwert
    bleiben              = Σ Gruppe × [(1 − Anteil große Probleme) · TARP klein + Anteil große Probleme · TARP groß]
    Umsatz, der bleibt   = bleiben × Umsatz je Kunde und Jahr

- *Kunden mit Beschwerde* come from the learner's ``kontakte``: customers with at
  least one contact at a complaint touchpoint (by default every touchpoint whose
  name contains "Beschwerde" or "Reklamation"; the learner can name others –
  without any such touchpoint the lesson asks them to).
- *Handling*: the rating of a customer's last complaint contact is the course's
  stand-in for how the complaint was handled – satisfied from a rating of
  :data:`SATISFIED_FROM` (a choice of the course, adjustable). Unrated
  complaints count as not satisfied.
- *Course assumptions*, labelled and adjustable: the share of dissatisfied
  customers who complain (:data:`COMPLAINT_SHARE`), the share of satisfied
  complaints solved quickly (:data:`QUICK_SHARE`) and the share of large
  problems (:data:`LARGE_SHARE`).
- *Revenue per customer and year* comes from ``transaktionen`` when it is there
  (all revenue / customers with a purchase / years of data), else from a value
  the learner sets (:data:`DEFAULT_REVENUE` until then, labelled as such).
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_columns, check_scale, check_touchpoints

SMALL, LARGE = "kleines Problem", "großes Problem"
SILENT = "nicht beschwert"
UNSATISFIED = "beschwert, nicht zufrieden"
SATISFIED = "beschwert, zufrieden"
QUICK = "beschwert, schnell zufrieden"
#: The four groups of dissatisfied customers, in the order of the funnel.
GROUPS = (SILENT, UNSATISFIED, SATISFIED, QUICK)
ALL = "Alle Unzufriedenen"
#: Share of customers who stay loyal, by problem size and group, as TARP's figures are quoted
#: in the course's source list [secondary: the course has not seen the original study].
TARP_LOYALTY = {SMALL: (0.37, 0.46, 0.70, 0.95), LARGE: (0.09, 0.19, 0.54, 0.82)}
TARP_SOURCE = ("laut TARP (Technical Assistance Research Programs), zitiert nach Fast Company (2003); "
               "die Originalstudie hat der Kurs nicht geprüft")

#: Touchpoints whose name contains one of these words count as complaints unless the learner names others.
DEFAULT_KEYWORDS = ("Beschwerde", "Reklamation")
FROM_KEYWORDS = "Touchpoints mit „Beschwerde“ oder „Reklamation“ im Namen"
FROM_NONE = ("Kein Touchpoint heißt „Beschwerde“ oder „Reklamation“: Nennen Sie Ihre Beschwerde-Touchpoints "
             "(im Notebook bei beschwerde_touchpoints, im Widget in der Auswahl).")
FROM_LEARNER = "von Ihnen gewählt"
RATING_MIN, RATING_MAX = 1, 5
#: Course assumptions – no figures of a study; every one is adjustable.
COMPLAINT_SHARE = 0.25    # share of dissatisfied customers who complain
QUICK_SHARE = 0.5         # share of the satisfying solutions that came quickly
LARGE_SHARE = 0.3         # share of large problems
SATISFIED_FROM = 4        # a complaint rated at least this counts as satisfactorily handled
DEFAULT_REVENUE = 1000.0  # € per customer and year when the learner has no purchases (a placeholder)
DAYS_PER_YEAR = 365.25
REVENUE_FROM_DATA = "aus Ihren Käufen (transaktionen)"
REVENUE_FROM_LEARNER = "von Ihnen eingetragen"
REVENUE_PLACEHOLDER = "Platzhalter des Kurses – tragen Sie Ihren Wert ein"


def _share(name: str, value, *, low: float = 0.0) -> float:
    """A share between ``low`` and 1, else a German error naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.", parameter=name,
                             wert=value)
    if not low <= float(value) <= 1:
        lower = "0 %" if low == 0 else "über 0 %"
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Anteile von {lower} bis 100 % "
                             "(0 bis 1).", parameter=name, wert=value,
                             tipp="Schreiben Sie einen Anteil als Dezimalzahl, z. B. 0.25 für 25 %.")
    return float(value)


def loyalty_share(group_index, large_share: float = LARGE_SHARE) -> np.ndarray:
    """Share who stay in a group: TARP's small- and large-problem figures weighted by the share of large problems.

    >>> loyalty_share([0, 3], 0.0).tolist(), loyalty_share([0, 3], 1.0).tolist()
    ([0.37, 0.95], [0.09, 0.82])
    >>> round(float(loyalty_share(2, 0.5)), 3)
    0.62
    """
    large = _share("large_share", large_share)
    small_p, large_p = np.asarray(TARP_LOYALTY[SMALL]), np.asarray(TARP_LOYALTY[LARGE])
    idx = np.asarray(group_index)
    return (1 - large) * small_p[idx] + large * large_p[idx]


def tarp_table() -> pd.DataFrame:
    """TARP's loyalty shares by group and problem size, as the course's source list quotes them.

    >>> tarp_table()
                             gruppe  bleiben_klein  bleiben_gross
    0               nicht beschwert           0.37           0.09
    1    beschwert, nicht zufrieden           0.46           0.19
    2          beschwert, zufrieden           0.70           0.54
    3  beschwert, schnell zufrieden           0.95           0.82
    """
    return pd.DataFrame({"gruppe": list(GROUPS), "bleiben_klein": list(TARP_LOYALTY[SMALL]),
                         "bleiben_gross": list(TARP_LOYALTY[LARGE])})


def complaint_touchpoints(kontakte: pd.DataFrame, keywords=DEFAULT_KEYWORDS, *,
                          touchpoint_col: str = "touchpoint") -> tuple[str, ...]:
    """The touchpoints of ``kontakte`` whose name contains one of ``keywords`` (case ignored), sorted.

    >>> k = pd.DataFrame({"touchpoint": ["Kasse", "Reklamation/Umtausch", "Beschwerde", "Kasse"]})
    >>> complaint_touchpoints(k)
    ('Beschwerde', 'Reklamation/Umtausch')
    >>> complaint_touchpoints(k, ["Störung"])
    ()
    """
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col})
    names = pd.unique(kontakte[touchpoint_col].dropna().astype(str))
    words = [str(w).casefold() for w in keywords]
    return tuple(sorted(n for n in names if any(w in n.casefold() for w in words)))


def revenue_per_customer(transaktionen: pd.DataFrame, *, customer_col: str = "kunden_id",
                         amount_col: str = "betrag", date_col: str = "datum") -> float:
    """Revenue per customer and year: all revenue / customers with a purchase / years the data cover.

    The years run from the first to the last purchase (at least one day).

    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B"], "betrag": [100.0, 300.0, 200.0],
    ...                   "datum": pd.to_datetime(["2024-01-01", "2024-06-30", "2024-12-31"])})
    >>> round(revenue_per_customer(t), 2)   # 600 € / 2 customers / 366 days of 2024
    299.39
    """
    check_columns(transaktionen, "transaktionen",
                  {"customer_col": customer_col, "amount_col": amount_col, "date_col": date_col})
    amounts = pd.to_numeric(transaktionen[amount_col], errors="coerce")
    dates = pd.to_datetime(transaktionen[date_col], errors="coerce", dayfirst=True)
    ok = amounts.notna() & dates.notna()
    if not ok.any():
        raise KundenkitError("Die Tabelle 'transaktionen' enthält keinen Kauf mit Betrag und Datum. Ohne Käufe "
                             "lässt sich kein Umsatz je Kunde bestimmen.", spalte=amount_col,
                             tipp="Prüfen Sie die Spalten betrag und datum – oder tragen Sie den Umsatz je Kunde "
                                  "selbst ein.")
    days = (dates[ok].max() - dates[ok].min()).days + 1
    years = max(days, 1) / DAYS_PER_YEAR
    buyers = transaktionen.loc[ok, customer_col].astype(str).nunique()
    return float(amounts[ok].sum()) / buyers / years


@dataclass(frozen=True)
class Complainants:
    """Customers with a complaint and how their last complaint was rated."""

    touchpoints: tuple[str, ...]
    customers: int        # customers with at least one complaint contact
    satisfied: int        # … whose last complaint was rated at least ``satisfied_from``
    unrated: int          # … whose last complaint has no rating (counted as not satisfied)
    contacts: int         # complaint contacts
    satisfied_from: int

    @property
    def unsatisfied(self) -> int:
        return self.customers - self.satisfied


@dataclass(frozen=True)
class ComplaintResult:
    """The funnel of dissatisfied customers for one set of assumptions.

    ``table`` has one row per group of :data:`GROUPS` and a last row ``Alle
    Unzufriedenen``: ``gruppe``, ``kunden_im_trichter`` (the non-complainers are an
    estimate), ``anzahl_aus``, ``bleiben_klein``, ``bleiben_gross`` (TARP),
    ``bleibequote`` (weighted), ``bleiben``, ``gehen``, ``umsatz_bleibt`` and
    ``umsatz_verloren`` (€ per year).
    """

    complainants: Complainants
    complaint_share: float
    quick_share: float
    large_share: float
    revenue: float
    revenue_source: str
    table: pd.DataFrame

    def row(self, group: str) -> pd.Series:
        return self.table[self.table["gruppe"] == group].iloc[0]

    @property
    def dissatisfied(self) -> float:
        """All dissatisfied customers: those who complained and the estimated silent ones."""
        return float(self.table["kunden_im_trichter"].iloc[-1])

    @property
    def retained(self) -> float:
        return float(self.table["bleiben"].iloc[-1])

    @property
    def retained_revenue(self) -> float:
        return float(self.table["umsatz_bleibt"].iloc[-1])

    @property
    def lost_revenue(self) -> float:
        return float(self.table["umsatz_verloren"].iloc[-1])

    @property
    def retained_share(self) -> float:
        """Share of the dissatisfied customers who stay (NaN without any)."""
        n = self.dissatisfied
        return self.retained / n if n else math.nan

    @property
    def value_per_point(self) -> float:
        """Revenue per year one more percentage point of quickly solved complaints keeps (€).

        Each point moves 1 % of the satisfied complainants from "zufrieden" to "schnell zufrieden".
        """
        gain = float(loyalty_share(3, self.large_share) - loyalty_share(2, self.large_share))
        return self.complainants.satisfied * 0.01 * gain * self.revenue


def funnel(complainants: Complainants, *, complaint_share: float = COMPLAINT_SHARE,
           quick_share: float = QUICK_SHARE, large_share: float = LARGE_SHARE,
           revenue: float = DEFAULT_REVENUE, revenue_source: str = REVENUE_PLACEHOLDER) -> ComplaintResult:
    """The course model for given complainants and assumptions (see the module's docstring).

    >>> c = Complainants(("Beschwerde",), customers=100, satisfied=60, unrated=0, contacts=120, satisfied_from=4)
    >>> r = funnel(c, complaint_share=0.25, quick_share=0.5, large_share=0.0, revenue=1000)
    >>> r.table[["gruppe", "kunden_im_trichter", "bleibequote", "bleiben"]].round(4)
                             gruppe  kunden_im_trichter  bleibequote  bleiben
    0               nicht beschwert               300.0       0.3700    111.0
    1    beschwert, nicht zufrieden                40.0       0.4600     18.4
    2          beschwert, zufrieden                30.0       0.7000     21.0
    3  beschwert, schnell zufrieden                30.0       0.9500     28.5
    4            Alle Unzufriedenen               400.0       0.4472    178.9
    >>> round(r.retained_revenue, 2), round(r.value_per_point, 2)
    (178900.0, 150.0)
    >>> funnel(c, complaint_share=0)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'complaint_share' ist 0; erlaubt sind Anteile von über 0 % ...
    """
    share = _share("complaint_share", complaint_share, low=1e-9)
    quick = _share("quick_share", quick_share)
    large = _share("large_share", large_share)
    if isinstance(revenue, bool) or not isinstance(revenue, numbers.Real) or not math.isfinite(float(revenue)) \
            or float(revenue) < 0:
        raise KundenkitError(f"Der Umsatz je Kunde und Jahr muss eine Zahl ab 0 sein, nicht {revenue!r}.",
                             parameter="revenue", wert=revenue)
    c = complainants
    silent = c.customers / share - c.customers
    counts = np.array([silent, c.unsatisfied, c.satisfied * (1 - quick), c.satisfied * quick], dtype=float)
    p = loyalty_share(np.arange(4), large)
    stay = counts * p
    total_n, total_stay = counts.sum(), stay.sum()
    rev = float(revenue)
    with np.errstate(invalid="ignore", divide="ignore"):
        total_p = total_stay / total_n if total_n else math.nan
    table = pd.DataFrame({
        "gruppe": [*GROUPS, ALL],
        "kunden_im_trichter": np.append(counts, total_n) + 0.0,
        "anzahl_aus": ["Schätzung (Anteil, der sich beschwert)", "Ihre Kontakte und Bewertungen",
                       "Ihre Bewertungen × Anteil nicht schnell", "Ihre Bewertungen × Anteil schnell", "Summe"],
        "bleiben_klein": [*TARP_LOYALTY[SMALL], np.nan],
        "bleiben_gross": [*TARP_LOYALTY[LARGE], np.nan],
        "bleibequote": np.append(p, total_p),
        "bleiben": np.append(stay, total_stay) + 0.0,
        "gehen": np.append(counts - stay, total_n - total_stay) + 0.0,
        "umsatz_bleibt": np.append(stay, total_stay) * rev + 0.0,
        "umsatz_verloren": np.append(counts - stay, total_n - total_stay) * rev + 0.0,
    })
    return ComplaintResult(c, share, quick, large, rev, revenue_source, table)


@dataclass(frozen=True)
class ComplaintModel:
    """The complaint contacts of ``kontakte`` read once; :meth:`evaluate` only counts and multiplies.

    Build it with :meth:`from_tables`.
    """

    touchpoint_names: tuple[str, ...]   # every touchpoint in the data, sorted
    default_touchpoints: tuple[str, ...]
    default_source: str                 # how the default touchpoints were found (FROM_KEYWORDS / FROM_NONE)
    customer_code: np.ndarray           # per contact, contacts ordered by date (stable)
    touchpoint_code: np.ndarray
    rating: np.ndarray                  # NaN where not rated
    customers: int                      # customers with any contact
    revenue_from_data: float | None     # € per customer and year from transaktionen, if given
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_tables(cls, kontakte: pd.DataFrame, transaktionen: pd.DataFrame | None = None, *,
                    keywords=DEFAULT_KEYWORDS, customer_col: str = "kunden_id", date_col: str = "datum",
                    touchpoint_col: str = "touchpoint", rating_col: str = "bewertung",
                    amount_col: str = "betrag") -> ComplaintModel:
        """Read the contacts (and the purchases for the revenue per customer, if given).

        >>> k = pd.DataFrame({"kunden_id": ["A", "A", "B", "C"], "touchpoint": ["Beschwerde", "Beschwerde",
        ...                   "Beschwerde", "App"], "bewertung": [1, 5, None, 3],
        ...                   "datum": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-01"])})
        >>> m = ComplaintModel.from_tables(k)
        >>> m.default_touchpoints, m.customers, m.revenue_from_data
        (('Beschwerde',), 3, None)
        >>> none = ComplaintModel.from_tables(k.assign(touchpoint=["Störungsmeldung"] * 3 + ["App"]))
        >>> none.default_source == FROM_NONE
        True

        >>> m.complainants()
        Complainants(touchpoints=('Beschwerde',), customers=2, satisfied=1, unrated=1, contacts=3, satisfied_from=4)
        """
        check_columns(kontakte, "kontakte", {"customer_col": customer_col, "touchpoint_col": touchpoint_col,
                                             "rating_col": rating_col})
        ratings = check_scale(kontakte, rating_col, low=RATING_MIN, high=RATING_MAX).to_numpy(dtype=float)
        if date_col in kontakte.columns:
            dates = pd.to_datetime(kontakte[date_col], errors="coerce", dayfirst=True)
            order = np.argsort(dates.to_numpy(dtype="datetime64[ns]"), kind="stable")
        else:
            order = np.arange(len(kontakte))
        cust_codes, cust_names = pd.factorize(kontakte[customer_col].astype(str), sort=False)
        tp = kontakte[touchpoint_col].astype("string").fillna("(ohne Touchpoint)")
        tp_codes, tp_names = pd.factorize(tp, sort=True)
        default = complaint_touchpoints(kontakte, keywords, touchpoint_col=touchpoint_col)
        source = FROM_KEYWORDS if tuple(keywords) == DEFAULT_KEYWORDS else FROM_LEARNER
        if not default:
            source = FROM_NONE
        revenue = None
        if transaktionen is not None:
            revenue = revenue_per_customer(transaktionen, customer_col=customer_col, amount_col=amount_col)
        return cls(touchpoint_names=tuple(str(n) for n in tp_names),
                   default_touchpoints=default, default_source=source,
                   customer_code=cust_codes[order], touchpoint_code=tp_codes[order], rating=ratings[order],
                   customers=len(cust_names), revenue_from_data=revenue)

    def touchpoint_source(self, touchpoints=None) -> str:
        """How the complaint touchpoints were chosen, in German: by their names or by the learner (or not found)."""
        chosen = self.chosen_touchpoints(touchpoints)
        return self.default_source if chosen == self.default_touchpoints else FROM_LEARNER

    def chosen_touchpoints(self, touchpoints=None) -> tuple[str, ...]:
        """The complaint touchpoints: ``touchpoints`` checked against the data, or :attr:`default_touchpoints`."""
        return check_touchpoints(touchpoints, self.touchpoint_names, self.default_touchpoints)

    def complainants(self, touchpoints=None, satisfied_from: int = SATISFIED_FROM) -> Complainants:
        """Customers with a contact at one of ``touchpoints`` (default: :attr:`default_touchpoints`).

        A customer's handling is the rating of the last such contact.
        """
        chosen = self.chosen_touchpoints(touchpoints)
        if isinstance(satisfied_from, bool) or satisfied_from not in range(RATING_MIN, RATING_MAX + 1):
            raise KundenkitError(f"Der Parameter 'satisfied_from' ist {satisfied_from!r}; erlaubt sind die ganzen "
                                 f"Zahlen {RATING_MIN} bis {RATING_MAX} der Bewertungsskala.",
                                 parameter="satisfied_from", wert=satisfied_from)
        key = (chosen, int(satisfied_from))
        if key not in self._cache:
            codes = [self.touchpoint_names.index(t) for t in chosen]
            mask = np.isin(self.touchpoint_code, codes)
            cust, rating = self.customer_code[mask], self.rating[mask]
            # the last complaint of each customer: first occurrence in the reversed (date-ordered) contacts
            _, first = np.unique(cust[::-1], return_index=True)
            last = rating[::-1][first]
            self._cache[key] = Complainants(chosen, customers=len(first),
                                            satisfied=int((last >= satisfied_from).sum()),
                                            unrated=int(np.isnan(last).sum()), contacts=int(mask.sum()),
                                            satisfied_from=int(satisfied_from))
        return self._cache[key]

    def revenue(self, value: float | None = None) -> tuple[float, str]:
        """Revenue per customer and year and where it comes from: the learner's value, the data, the placeholder."""
        if value is not None:
            return float(value), REVENUE_FROM_LEARNER
        if self.revenue_from_data is not None:
            return self.revenue_from_data, REVENUE_FROM_DATA
        return DEFAULT_REVENUE, REVENUE_PLACEHOLDER

    def evaluate(self, quick_share: float = QUICK_SHARE, *, complaint_share: float = COMPLAINT_SHARE,
                 large_share: float = LARGE_SHARE, touchpoints=None, satisfied_from: int = SATISFIED_FROM,
                 revenue: float | None = None) -> ComplaintResult:
        """The funnel (:func:`funnel`) for the learner's complainants and these assumptions."""
        amount, source = self.revenue(revenue)
        return funnel(self.complainants(touchpoints, satisfied_from), complaint_share=complaint_share,
                      quick_share=quick_share, large_share=large_share, revenue=amount, revenue_source=source)


def complaint_summary(model: ComplaintModel, touchpoints=None, satisfied_from: int = SATISFIED_FROM) -> pd.DataFrame:
    """One row on the learner's complaints: touchpoints, contacts, customers, how many were satisfied.

    >>> k = pd.DataFrame({"kunden_id": ["A", "A", "B", "C"], "touchpoint": ["Beschwerde", "Beschwerde",
    ...                   "Beschwerde", "App"], "bewertung": [1, 5, 2, 3]})
    >>> print(complaint_summary(ComplaintModel.from_tables(k)).iloc[0].to_string())
    beschwerde_touchpoints    Beschwerde
    kunden_mit_kontakt                 3
    beschwerde_kontakte                3
    kunden_mit_beschwerde              2
    anteil_beschwert              0.6667
    zufrieden_behandelt                1
    anteil_zufrieden                 0.5
    """
    c = model.complainants(touchpoints, satisfied_from)
    return pd.DataFrame({
        "beschwerde_touchpoints": [", ".join(c.touchpoints) or "(keiner)"],
        "kunden_mit_kontakt": [model.customers], "beschwerde_kontakte": [c.contacts],
        "kunden_mit_beschwerde": [c.customers],
        "anteil_beschwert": [round(c.customers / model.customers, 4) if model.customers else math.nan],
        "zufrieden_behandelt": [c.satisfied],
        "anteil_zufrieden": [round(c.satisfied / c.customers, 4) if c.customers else math.nan]})


def complaints(kontakte: pd.DataFrame, transaktionen: pd.DataFrame | None = None, *,
               quick_share: float = QUICK_SHARE, complaint_share: float = COMPLAINT_SHARE,
               large_share: float = LARGE_SHARE, touchpoints=None, satisfied_from: int = SATISFIED_FROM,
               revenue: float | None = None) -> ComplaintResult:
    """Complaint funnel, loyalty and retained revenue of the learner's data in one call.

    Parameters
    ----------
    kontakte : DataFrame
        Columns ``kunden_id``, ``touchpoint``, ``bewertung`` (1–5) and, for the order, ``datum``.
    transaktionen : DataFrame, optional
        For the revenue per customer and year; without it ``revenue`` (or the placeholder) is used.
    quick_share, complaint_share, large_share : float
        Course assumptions (shares 0–1), see the module's docstring.
    touchpoints : list of str, optional
        The complaint touchpoints; default: names containing "Beschwerde" or "Reklamation".
    satisfied_from : int
        From which rating a complaint counts as satisfactorily handled.
    revenue : float, optional
        € per customer and year; wins over the value from ``transaktionen``.

    Examples
    --------
    >>> k = pd.DataFrame({"kunden_id": ["A", "B", "C", "D"], "touchpoint": ["Reklamation"] * 3 + ["Kasse"],
    ...                   "bewertung": [5, 4, 2, 3], "datum": pd.to_datetime(["2024-01-01"] * 4)})
    >>> r = complaints(k, quick_share=1.0, complaint_share=0.5, large_share=0.0, revenue=100)
    >>> r.table[["gruppe", "kunden_im_trichter", "bleiben", "umsatz_bleibt"]].round(2)
                             gruppe  kunden_im_trichter  bleiben  umsatz_bleibt
    0               nicht beschwert                 3.0     1.11          111.0
    1    beschwert, nicht zufrieden                 1.0     0.46           46.0
    2          beschwert, zufrieden                 0.0     0.00            0.0
    3  beschwert, schnell zufrieden                 2.0     1.90          190.0
    4            Alle Unzufriedenen                 6.0     3.47          347.0
    >>> complaints(k, touchpoints=["Beschwerde"])
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Den Touchpoint 'Beschwerde' gibt es in Ihrer Tabelle kontakte nicht.
        Vorhanden sind: Kasse, Reklamation.
    """
    model = ComplaintModel.from_tables(kontakte, transaktionen)
    return model.evaluate(quick_share, complaint_share=complaint_share, large_share=large_share,
                          touchpoints=touchpoints, satisfied_from=satisfied_from, revenue=revenue)


def quick_share_curve(result: ComplaintResult, steps: int = 21) -> pd.DataFrame:
    """Retained revenue per year for quick shares from 0 to 100 % (everything else as in ``result``).

    >>> c = Complainants(("B",), customers=100, satisfied=60, unrated=0, contacts=100, satisfied_from=4)
    >>> curve = quick_share_curve(funnel(c, large_share=0.0, revenue=1.0), steps=3)
    >>> curve.round(2).values.tolist()
    [[0.0, 171.4], [0.5, 178.9], [1.0, 186.4]]
    """
    quick = np.linspace(0, 1, steps)
    base = result.retained_revenue - result.quick_share * result.value_per_point * 100
    return pd.DataFrame({"anteil_schnell": quick, "umsatz_bleibt": base + quick * result.value_per_point * 100})
