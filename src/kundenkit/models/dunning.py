"""Lesson 4.20 "Der heikelste Moment": collect the debt or keep the customer (course model).

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 4). The lesson compares two ways
to dun late payers on the learner's own purchases; it cites no figures of real firms or studies.

**Course model** (not the book's; every figure is an assumption of the course, adjustable). Revenue and
purchases per customer and year come from lesson 4.7's
:class:`~kundenkit.models.service_subscription.SubscriptionModel` (which uses lesson 1.2's
:class:`~kundenkit.models.customer_profit.ProfitModel` and margin). The share ``late_share`` of the customers
pays late: the customers who buy least often (ties: the larger id first). Each late payer owes one of his
average invoices (revenue ÷ purchases). A dunning style recovers the share ``recovery`` of the open amounts,
costs ``letters`` letters and ``calls`` calls per case (lesson 1.2's contact costs for "Post" and "Telefon")
plus ``agency_fee`` × open amount for a collection agency, and the share ``churn`` of the late payers leaves.
Over a horizon of ``years`` ::

    value = recovery × open − cost + (1 − churn) × years × margin × revenue of the late payers

Customers who pay on time are the same under both styles and left out. Interest and the time until the
money arrives are left out, too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.models.customer_profit import Assumptions, assumptions_for
from kundenkit.models.service_subscription import SubscriptionModel
from kundenkit.validation import check_number

HARD, PARTNER = "hart", "partnerschaftlich"
STYLES = (HARD, PARTNER)
#: Horizon of the chart in years (course choice).
MAX_YEARS = 10.0


@dataclass(frozen=True)
class DunningStyle:
    """One way to dun a late payer (course assumptions, all adjustable).

    >>> DunningStyle(recovery=1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'recovery' ist 1.5; erlaubt sind Werte von 0 bis 1.
    """

    recovery: float = 0.9      # share of the open amount that comes back
    churn: float = 0.4         # share of the late payers who leave
    letters: float = 3.0       # reminder letters per case
    calls: float = 0.0         # phone calls per case
    agency_fee: float = 0.05   # collection agency's fee, share of the open amount

    def __post_init__(self):
        for name, high in (("recovery", 1.0), ("churn", 1.0), ("letters", None), ("calls", None),
                           ("agency_fee", 1.0)):
            object.__setattr__(self, name, check_number(name, getattr(self, name), 0.0, high))


#: The course's start values (assumptions, not facts): quick reminders and an early agency vs a reminder,
#: calls and instalments.
DEFAULT_STYLES: dict[str, DunningStyle] = {
    HARD: DunningStyle(recovery=0.9, churn=0.4, letters=3, calls=0, agency_fee=0.05),
    PARTNER: DunningStyle(recovery=0.8, churn=0.1, letters=1, calls=2, agency_fee=0.0),
}
#: Start value of the share of customers who pay late (course assumption).
DEFAULT_LATE_SHARE = 0.1


def assumptions_table(styles: dict[str, DunningStyle] | None = None,
                      late_share: float = DEFAULT_LATE_SHARE) -> pd.DataFrame:
    """The course's assumptions as a German table.

    >>> assumptions_table()["hart"].tolist()
    [10.0, 90.0, 40.0, 3.0, 0.0, 5.0]
    """
    styles = styles or DEFAULT_STYLES
    names = ["Anteil der Kunden, die spät zahlen (%)", "Eingetriebener Anteil der offenen Beträge (%)",
             "Anteil der säumigen Kunden, die gehen (%)", "Mahnbriefe je Fall", "Anrufe je Fall",
             "Gebühr des Inkassobüros (% des offenen Betrags)"]
    table = pd.DataFrame({"annahme": names})
    for name in STYLES:
        s = styles[name]
        table[name] = [late_share * 100, s.recovery * 100, s.churn * 100, s.letters, s.calls, s.agency_fee * 100]
    return table


@dataclass(frozen=True)
class Outcome:
    """Both styles at one horizon.

    ``styles`` has one row per style: ``stil``, ``saeumige_kunden``, ``offener_betrag``, ``eingetrieben``,
    ``mahnkosten``, ``kunden_bleiben``, ``marge_gehalten`` and ``wert_mahnstil`` (€ over the horizon). ``curve`` has the
    value of both styles over the horizon (``jahre``, ``stil``, ``wert``). ``break_even_years`` is the horizon from
    which the partner-like style is worth at least as much (0: always; None: never within :data:`MAX_YEARS`).
    """

    years: float
    styles: pd.DataFrame
    curve: pd.DataFrame
    break_even_years: float | None

    def row(self, style: str) -> pd.Series:
        return self.styles.loc[self.styles["stil"] == style].iloc[0]

    @property
    def better(self) -> str:
        """The style with the larger value (the partner-like style on a tie)."""
        value = self.styles.set_index("stil")["wert_mahnstil"]
        return HARD if value[HARD] > value[PARTNER] else PARTNER

    @property
    def advantage(self) -> float:
        """Value of the partner-like style minus the hard style's (€)."""
        value = self.styles.set_index("stil")["wert_mahnstil"]
        return float(value[PARTNER] - value[HARD])


@dataclass(frozen=True)
class DunningModel:
    """Open amounts and revenue of the late payers, computed once per late share.

    >>> t = pd.DataFrame({"kunden_id": ["A"] * 4 + ["B", "C", "C"], "betrag": [10.0] * 4 + [50.0, 20.0, 20.0]})
    >>> m = DunningModel.from_tables(t, years=1)
    >>> m.late_payers(0.34).tolist(), m.open_amounts(0.34).tolist()
    (['B'], [50.0])
    """

    base: SubscriptionModel
    assumptions: Assumptions

    @classmethod
    def from_tables(cls, transaktionen: pd.DataFrame, *, assumptions: Assumptions | None = None,
                    years: float | None = None) -> DunningModel:
        """Revenue and purchases per customer and year (lesson 4.7's model, lesson 1.2's margin)."""
        assumptions = assumptions or assumptions_for("Handel")
        return cls(SubscriptionModel.from_tables(transaktionen, assumptions=assumptions, years=years), assumptions)

    @property
    def size(self) -> int:
        return self.base.size

    @property
    def margin(self) -> float:
        return self.base.margin

    def n_late(self, late_share: float) -> int:
        """Number of late payers (rounded half up).

        >>> t = pd.DataFrame({"kunden_id": list("abcdefghij"), "betrag": [1.0] * 10})
        >>> DunningModel.from_tables(t, years=1).n_late(0.25)
        3
        """
        return int(math.floor(check_number("late_share", late_share, 0.0, 1.0) * self.size + 0.5))

    def late_payers(self, late_share: float) -> np.ndarray:
        """Ids of the late payers: the customers with the fewest purchases."""
        k = self.n_late(late_share)
        return self.base.customers[self.size - k:]

    def open_amounts(self, late_share: float) -> np.ndarray:
        """One average invoice of each late payer (€)."""
        k = self.n_late(late_share)
        revenue, purchases = self.base.revenue[self.size - k:], self.base.purchases[self.size - k:]
        return np.divide(revenue, purchases, out=np.zeros(k), where=purchases > 0)

    def compare(self, years: float = 3.0, late_share: float = DEFAULT_LATE_SHARE,
                styles: dict[str, DunningStyle] | None = None) -> Outcome:
        """Both styles at ``years``, and their value over 0 … :data:`MAX_YEARS` years.

        >>> t = pd.DataFrame({"kunden_id": ["A"] * 4 + ["B"], "betrag": [10.0] * 4 + [100.0]})
        >>> o = DunningModel.from_tables(t, years=1).compare(years=2, late_share=0.5)
        >>> o.styles["wert_mahnstil"].round(2).tolist(), o.break_even_years
        ([107.5, 110.5], 1.6)
        """
        years = check_number("years", years, 0.0, None)
        styles = styles or DEFAULT_STYLES
        for name in STYLES:
            if not isinstance(styles.get(name), DunningStyle):
                raise KundenkitError(f"Im Parameter 'styles' fehlt der Stil '{name}' als DunningStyle, z. B. "
                                     "DunningStyle(recovery=0.9, churn=0.4).", parameter="styles", wert=styles)
        k = self.n_late(late_share)
        open_total = float(self.open_amounts(late_share).sum())
        revenue_total = float(self.base.revenue[self.size - k:].sum())
        a = self.assumptions
        letter, call = a.contact_cost("Post"), a.contact_cost("Telefon")
        rows, fixed, slope = [], {}, {}
        for name in STYLES:
            s = styles[name]
            recovered = s.recovery * open_total
            cost = k * (s.letters * letter + s.calls * call) + s.agency_fee * open_total
            fixed[name] = recovered - cost
            slope[name] = (1 - s.churn) * self.margin * revenue_total
            rows.append({"stil": name, "saeumige_kunden": k, "offener_betrag": open_total,
                         "eingetrieben": recovered, "mahnkosten": cost, "kunden_bleiben": (1 - s.churn) * k,
                         "marge_gehalten": slope[name] * years, "wert_mahnstil": fixed[name] + slope[name] * years})
        grid = np.linspace(0, max(MAX_YEARS, years), 41)
        curve = pd.DataFrame({"jahre": np.tile(grid, 2), "stil": np.repeat(STYLES, len(grid)),
                              "wert": np.concatenate([fixed[n] + slope[n] * grid for n in STYLES])})
        return Outcome(years, pd.DataFrame(rows), curve,
                       break_even(fixed[HARD] - fixed[PARTNER], slope[PARTNER] - slope[HARD]))


def break_even(head_start: float, gain_per_year: float, limit: float = MAX_YEARS) -> float | None:
    """Years from which the partner-like style is worth at least as much as the hard style.

    ``head_start``: how much more the hard style brings at once (€); ``gain_per_year``: how much more margin
    the partner-like style keeps per year (€).

    >>> break_even(100.0, 50.0), break_even(-5.0, 1.0), break_even(100.0, 0.0), break_even(100.0, 5.0)
    (2.0, 0.0, None, None)
    """
    if head_start <= 0:
        return 0.0
    if gain_per_year <= 0 or head_start / gain_per_year > limit:
        return None
    return head_start / gain_per_year


def with_style(styles: dict[str, DunningStyle], name: str, **changes) -> dict[str, DunningStyle]:
    """A copy of ``styles`` with one style changed.

    >>> with_style(DEFAULT_STYLES, "hart", churn=0.2)["hart"].churn
    0.2
    """
    return {**styles, name: replace(styles[name], **changes)}
