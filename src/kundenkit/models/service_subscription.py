"""Lesson 4.7 "Loyalität 2.0 – Warum Service-Abos das neue Punktekonto sind": points or a paid subscription.

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 4). The
lesson compares the economics of two ways to reward loyal customers on the
learner's own purchases; it cites no figures of real programmes.

**Course model** (not the book's; every figure below is an assumption of the
course, adjustable by the learner). Per customer the data give the revenue and
the number of purchases per year; the margin is lesson 1.2's
(:func:`~kundenkit.models.customer_profit.assumptions_for`).

*Points programme.* A share ``participation`` of all customers joins (each
customer counts with that weight). A member earns ``points_per_euro`` points
per € and a point is worth ``point_value`` €; of the points, the share
``redemption`` is redeemed (the rest lapses and costs nothing). Members buy
``uplift`` more. Per year ::

    extra margin = uplift × revenue × margin
    cost         = reward share × redemption × revenue × (1 + uplift) + cost per member
    net effect   = extra margin − cost

*Service subscription.* A customer pays ``fee`` € per year and gets a service
worth ``value_per_purchase`` € to him on every purchase (e.g. free delivery or
priority service). It pays off for him if ``purchases × value_per_purchase ≥
fee``: so the most frequent buyers are the ones who would take it. Of those, the
share ``uptake`` does (each with that weight). Every purchase of a subscriber
costs the firm ``cost_per_purchase`` €. Subscribers buy ``uplift`` more, and
``churn_reduction`` (a share, e.g. 0.02 = 2 percentage points) fewer of them
leave per year: the firm keeps their yearly margin. Per year ::

    fees         = fee
    extra margin = (uplift + churn_reduction × (1 + uplift)) × revenue × margin
    cost         = cost_per_purchase × purchases × (1 + uplift)
    net effect   = fees + extra margin − cost

A fee that rises loses the subscribers with fewer purchases, which is why the net
effect over the fee is not a straight line. The *break-even fee* is the lowest
fee (in steps of the fee slider) from which the subscription does not lose money.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.models.customer_profit import Assumptions, ProfitModel, assumptions_for
from kundenkit.validation import check_choice, check_columns, check_number

POINTS, SUBSCRIPTION = "Punkteprogramm", "Service-Abo"
OPTIONS = (POINTS, SUBSCRIPTION)


@dataclass(frozen=True)
class PointsAssumptions:
    """The course's assumptions about the points programme (all adjustable).

    >>> p = PointsAssumptions(points_per_euro=1, point_value=0.01)
    >>> round(p.reward_share, 4)
    0.01
    >>> PointsAssumptions(redemption=1.2)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'redemption' ist 1.2; erlaubt sind Werte von 0 bis 1.
    """

    points_per_euro: float = 1.0     # points per € of revenue
    point_value: float = 0.01        # € a point is worth when redeemed
    redemption: float = 0.7          # share of the points redeemed
    participation: float = 0.5       # share of the customers who join
    cost_per_member: float = 3.0     # € per member and year (cards, IT, mailings)
    uplift: float = 0.05             # extra purchases of a member, share of his revenue

    def __post_init__(self):
        for name, high in (("points_per_euro", None), ("point_value", None), ("redemption", 1.0),
                           ("participation", 1.0), ("cost_per_member", None), ("uplift", 1.0)):
            object.__setattr__(self, name, check_number(name, getattr(self, name), 0.0, high))

    @property
    def reward_share(self) -> float:
        """What the points are worth, as a share of the revenue they are earned on."""
        return self.points_per_euro * self.point_value

    def table(self) -> pd.DataFrame:
        """The assumptions as a German table (for the notebook).

        >>> PointsAssumptions().table()["wert"].round(2).tolist()
        [1.0, 1.0, 1.0, 70.0, 50.0, 3.0, 5.0]
        """
        return pd.DataFrame({"annahme": ["Punkte je Euro Umsatz", "Wert eines Punkts (Cent)",
                                         "Prämie in % des Umsatzes", "Einlösequote (%)",
                                         "Anteil der Kunden im Programm (%)", "Programmkosten je Mitglied und Jahr (€)",
                                         "Mehrkäufe der Mitglieder (%)"],
                             "wert": [self.points_per_euro, self.point_value * 100, self.reward_share * 100,
                                      self.redemption * 100, self.participation * 100, self.cost_per_member,
                                      self.uplift * 100]})


@dataclass(frozen=True)
class SubscriptionAssumptions:
    """The course's assumptions about the paid service subscription (all adjustable).

    >>> SubscriptionAssumptions(fee=-1)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'fee' ist -1.0; erlaubt sind Werte ab 0.
    """

    fee: float = 49.0                 # € per year
    value_per_purchase: float = 4.0   # € the service is worth to the customer per purchase
    uptake: float = 0.3               # share of those for whom it pays off who take it
    cost_per_purchase: float = 2.5    # € the service costs the firm per purchase of a subscriber
    uplift: float = 0.05              # extra purchases of a subscriber, share of his revenue
    churn_reduction: float = 0.02     # fewer subscribers who leave per year (share of them)

    def __post_init__(self):
        for name, high in (("fee", None), ("value_per_purchase", None), ("uptake", 1.0),
                           ("cost_per_purchase", None), ("uplift", 1.0), ("churn_reduction", 1.0)):
            object.__setattr__(self, name, check_number(name, getattr(self, name), 0.0, high))

    def table(self) -> pd.DataFrame:
        """The assumptions as a German table (for the notebook).

        >>> SubscriptionAssumptions().table()["wert"].tolist()
        [49.0, 4.0, 30.0, 2.5, 5.0, 2.0]
        """
        return pd.DataFrame({"annahme": ["Jahresgebühr des Abos (€)", "Nutzen je Kauf für den Kunden (€)",
                                         "Anteil, der abschließt, wenn es sich lohnt (%)",
                                         "Servicekosten je Kauf eines Abonnenten (€)",
                                         "Mehrkäufe der Abonnenten (%)",
                                         "Weniger Abwanderung der Abonnenten (Prozentpunkte)"],
                             "wert": [self.fee, self.value_per_purchase, self.uptake * 100, self.cost_per_purchase,
                                      self.uplift * 100, self.churn_reduction * 100]})


#: Start values of the course per sector (assumptions, not facts): a point's value, the programme's cost per
#: member, and the subscription's fee, value and cost per purchase, scaled to the size of a purchase in the
#: sector's sample data (Handel ≈ 38 €, Telekommunikation ≈ 55 €, Versicherung ≈ 590 €, Bank ≈ 7,000 €,
#: Maschinenbau ≈ 14,000 €) and to the sector's margin.
SECTOR_DEFAULTS: dict[str, tuple[PointsAssumptions, SubscriptionAssumptions]] = {
    "Handel": (PointsAssumptions(point_value=0.01, cost_per_member=3.0),
               SubscriptionAssumptions(fee=49.0, value_per_purchase=4.0, cost_per_purchase=2.5)),
    "Telekommunikation": (PointsAssumptions(point_value=0.01, cost_per_member=3.0),
                          SubscriptionAssumptions(fee=39.0, value_per_purchase=5.0, cost_per_purchase=3.0)),
    "Versicherung": (PointsAssumptions(point_value=0.005, cost_per_member=5.0),
                     SubscriptionAssumptions(fee=90.0, value_per_purchase=30.0, cost_per_purchase=15.0)),
    "Bank": (PointsAssumptions(point_value=0.001, cost_per_member=8.0),
             SubscriptionAssumptions(fee=120.0, value_per_purchase=10.0, cost_per_purchase=4.0)),
    "Maschinenbau": (PointsAssumptions(point_value=0.005, cost_per_member=100.0),
                     SubscriptionAssumptions(fee=1500.0, value_per_purchase=400.0, cost_per_purchase=250.0)),
}


def defaults_for(branche: str = "Handel") -> tuple[PointsAssumptions, SubscriptionAssumptions]:
    """The course's start values for a sector: (points, subscription).

    >>> points, abo = defaults_for("maschinenbau")
    >>> points.point_value, abo.fee
    (0.005, 1500.0)
    """
    return SECTOR_DEFAULTS[check_choice("branche", branche, tuple(SECTOR_DEFAULTS), "Branche")]


def nice_ceiling(value: float) -> float:
    """The next of 1, 2, 2.5, 5 × a power of ten at or above ``value`` (at least 1).

    >>> nice_ceiling(0.3), nice_ceiling(173.0), nice_ceiling(2300.0)
    (1.0, 200.0, 2500.0)
    """
    if not value > 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= value - 1e-9:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover


@dataclass(frozen=True)
class Comparison:
    """Both options for one set of assumptions.

    ``options`` has one row per option (:data:`OPTIONS`): ``option``, ``mitglieder`` (members, expected),
    ``gebuehren`` (fees), ``mehrmarge`` (extra margin, incl. customers kept), ``kosten`` and ``nettoeffekt``
    (all € per year), ``kosten_je_mitglied`` (€ per member and year). ``curve`` has the net effect of both
    options over the fee (columns ``gebuehr``, ``option``, ``nettoeffekt``). ``break_even_fee`` is the lowest
    fee on the curve from which the subscription does not lose money (None: none within the range);
    ``best_fee`` the fee with the largest net effect. ``break_even_uplift`` is the extra purchases a points
    member must make for the programme not to lose money (None: not possible, the rewards eat the margin).
    """

    points: PointsAssumptions
    subscription: SubscriptionAssumptions
    options: pd.DataFrame
    curve: pd.DataFrame
    break_even_fee: float | None
    best_fee: float
    break_even_uplift: float | None

    def row(self, option: str) -> pd.Series:
        return self.options.loc[self.options["option"] == option].iloc[0]

    @property
    def better(self) -> str:
        """The option with the larger net effect (the points programme on a tie)."""
        net = self.options.set_index("option")["nettoeffekt"]
        return SUBSCRIPTION if net[SUBSCRIPTION] > net[POINTS] else POINTS


@dataclass(frozen=True)
class SubscriptionModel:
    """Revenue and purchases per customer and year, sorted by purchases (most first), computed once.

    Build it with :meth:`from_tables`; :meth:`compare` then needs only prefix sums and a search.
    """

    customers: np.ndarray     # ids, most purchases first
    revenue: np.ndarray       # € per year
    purchases: np.ndarray     # purchases per year
    margin: float             # lesson 1.2's margin of the sector
    years: float
    _cum_revenue: np.ndarray
    _cum_purchases: np.ndarray

    @classmethod
    def from_tables(cls, transaktionen: pd.DataFrame, *, assumptions: Assumptions | None = None,
                    years: float | None = None, customer_col: str = "kunden_id", amount_col: str = "betrag",
                    date_col: str = "datum") -> SubscriptionModel:
        """Revenue (lesson 1.2's :class:`ProfitModel`) and purchases per customer and year.

        >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B"], "betrag": [40.0, 60.0, 30.0]})
        >>> m = SubscriptionModel.from_tables(t, years=1)
        >>> m.customers.tolist(), m.revenue.tolist(), m.purchases.tolist(), m.margin
        (['A', 'B'], [100.0, 30.0], [2.0, 1.0], 0.25)
        """
        profit = ProfitModel.from_tables(transaktionen, assumptions=assumptions or assumptions_for("Handel"),
                                         years=years, customer_col=customer_col, amount_col=amount_col,
                                         date_col=date_col)
        check_columns(transaktionen, "transaktionen", {"customer_col": customer_col})
        owner = pd.Index(profit.customers).get_indexer(transaktionen[customer_col].astype(str))
        purchases = np.bincount(owner, minlength=profit.size) / profit.years
        order = np.lexsort((profit.customers, -purchases))
        revenue, purchases = profit.revenue[order], purchases[order]
        return cls(profit.customers[order], revenue, purchases, profit.assumptions.margin, profit.years,
                   np.concatenate([[0.0], np.cumsum(revenue)]), np.concatenate([[0.0], np.cumsum(purchases)]))

    @property
    def size(self) -> int:
        return len(self.customers)

    def fee_range(self, value_per_purchase: float) -> tuple[float, float, float]:
        """Fee slider: 0 to what the service is worth to the 5 % most frequent buyers; and its step.

        >>> t = pd.DataFrame({"kunden_id": ["A"] * 30 + ["B"], "betrag": [1.0] * 31})
        >>> SubscriptionModel.from_tables(t, years=1).fee_range(4.0)
        (0.0, 200.0, 1.0)
        """
        top = float(np.quantile(self.purchases, 0.95)) if self.size else 1.0
        high = nice_ceiling(top * check_number("value_per_purchase", value_per_purchase, 0.0))
        return 0.0, high, max(high / 200, 1.0)

    def takers(self, fee: float, value_per_purchase: float) -> int:
        """How many customers the subscription pays off for: purchases × value per purchase ≥ fee.

        >>> t = pd.DataFrame({"kunden_id": ["A"] * 10 + ["B"] * 3 + ["C"], "betrag": [1.0] * 14})
        >>> m = SubscriptionModel.from_tables(t, years=1)
        >>> m.takers(12, 4.0), m.takers(40, 4.0), m.takers(41, 4.0), m.takers(0, 0.0)
        (2, 1, 0, 3)
        """
        if value_per_purchase <= 0:
            return self.size if fee <= 0 else 0
        return int(np.searchsorted(-self.purchases, -fee / value_per_purchase, side="right"))

    def _subscription_parts(self, fees: np.ndarray, s: SubscriptionAssumptions):
        """Members, fees, extra margin and cost (€ per year) for an array of fees."""
        if s.value_per_purchase <= 0:
            k = np.where(fees <= 0, self.size, 0)
        else:
            k = np.searchsorted(-self.purchases, -fees / s.value_per_purchase, side="right")
        members = s.uptake * k
        revenue, purchases = s.uptake * self._cum_revenue[k], s.uptake * self._cum_purchases[k]
        extra = (s.uplift + s.churn_reduction * (1 + s.uplift)) * revenue * self.margin
        cost = s.cost_per_purchase * purchases * (1 + s.uplift)
        return members, members * fees, extra, cost

    def compare(self, points: PointsAssumptions | None = None,
                subscription: SubscriptionAssumptions | None = None) -> Comparison:
        """Members, cost, extra margin and net effect per year of both options; the break-even values.

        >>> t = pd.DataFrame({"kunden_id": ["A"] * 20 + ["B"] * 2, "betrag": [50.0] * 22})
        >>> m = SubscriptionModel.from_tables(t, years=1)
        >>> c = m.compare(PointsAssumptions(participation=1.0, cost_per_member=0.0),
        ...               SubscriptionAssumptions(fee=40, value_per_purchase=4, uptake=1.0, churn_reduction=0))
        >>> c.options[["option", "mitglieder", "gebuehren", "mehrmarge", "kosten", "nettoeffekt"]]
                   option  mitglieder  gebuehren  mehrmarge  kosten  nettoeffekt
        0  Punkteprogramm         2.0        0.0      13.75    8.08         5.67
        1     Service-Abo         1.0       40.0      12.50   52.50         0.00
        >>> c.break_even_fee, round(c.break_even_uplift, 4)
        (40.0, 0.0288)

        The points pay off: members buy 5 % more, 2,88 % would be enough.
        A (20 purchases, 1,000 €) takes the subscription from 40 € on (20 × 4 € ≥ 40 €); its
        52,50 € of service cost are covered by the fee and 5 % more purchases at a margin of 25 %.
        """
        points = points or PointsAssumptions()
        subscription = subscription or SubscriptionAssumptions()
        if not isinstance(points, PointsAssumptions) or not isinstance(subscription, SubscriptionAssumptions):
            raise KundenkitError("Die Parameter 'points' und 'subscription' müssen PointsAssumptions- und "
                                 "SubscriptionAssumptions-Objekte sein, z. B. SubscriptionAssumptions(fee=49).",
                                 parameter="points/subscription")
        p, s = points, subscription
        total_revenue = float(self._cum_revenue[-1])
        p_members = p.participation * self.size
        p_revenue = p.participation * total_revenue
        p_extra = p.uplift * p_revenue * self.margin
        p_cost = p.reward_share * p.redemption * p_revenue * (1 + p.uplift) + p.cost_per_member * p_members
        s_members, s_fees, s_extra, s_cost = (float(v[0]) for v in
                                              self._subscription_parts(np.array([s.fee]), s))
        rows = [(POINTS, p_members, 0.0, p_extra, p_cost), (SUBSCRIPTION, s_members, s_fees, s_extra, s_cost)]
        options = pd.DataFrame(rows, columns=["option", "mitglieder", "gebuehren", "mehrmarge", "kosten"])
        options["nettoeffekt"] = options["gebuehren"] + options["mehrmarge"] - options["kosten"]
        with np.errstate(divide="ignore", invalid="ignore"):
            per_member = np.where(options["mitglieder"] > 0, options["kosten"] / options["mitglieder"], 0.0)
        options["kosten_je_mitglied"] = per_member
        money = ["gebuehren", "mehrmarge", "kosten", "nettoeffekt", "kosten_je_mitglied"]
        options[money] = options[money].round(2) + 0.0
        options["mitglieder"] = options["mitglieder"].round(1) + 0.0

        low, high, step = self.fee_range(s.value_per_purchase)
        high = max(high, math.ceil(s.fee / step) * step)
        fees = np.round(np.arange(low, high + step / 2, step), 2)
        _m, f, e, c = self._subscription_parts(fees, s)
        net = f + e - c
        curve = pd.DataFrame({"gebuehr": np.concatenate([fees, fees]),
                              "option": [SUBSCRIPTION] * len(fees) + [POINTS] * len(fees),
                              "nettoeffekt": np.concatenate([net, np.full(len(fees),
                                                                          options["nettoeffekt"].iloc[0])]).round(2)})
        # a subscription with no member neither wins nor loses: break even where it has members and net ≥ 0
        paying = (net >= -1e-9) & (_m > 0)
        break_even_fee = float(fees[np.argmax(paying)]) if paying.any() else None
        best_fee = float(fees[int(np.argmax(net))])
        margin_left = self.margin - p.reward_share * p.redemption
        if total_revenue <= 0 or margin_left <= 0:
            break_even_uplift = None
        else:
            need = (p.reward_share * p.redemption * total_revenue + p.cost_per_member * self.size) \
                / (total_revenue * margin_left)
            break_even_uplift = float(need)
        return Comparison(p, s, options, curve, break_even_fee, best_fee, break_even_uplift)

    def members(self, comparison: Comparison, top: int = 10) -> pd.DataFrame:
        """The ``top`` most frequent buyers: purchases and revenue per year, and whether the subscription pays for them.

        >>> t = pd.DataFrame({"kunden_id": ["A"] * 20 + ["B"] * 2, "betrag": [50.0] * 22})
        >>> m = SubscriptionModel.from_tables(t, years=1)
        >>> m.members(m.compare())[["kunden_id", "kaeufe_pro_jahr", "abo_lohnt_sich"]]
          kunden_id  kaeufe_pro_jahr  abo_lohnt_sich
        0         A             20.0            True
        1         B              2.0           False
        """
        s = comparison.subscription
        n = min(int(top), self.size)
        worth = self.purchases[:n] * s.value_per_purchase
        return pd.DataFrame({"kunden_id": self.customers[:n], "kaeufe_pro_jahr": self.purchases[:n].round(2),
                             "umsatz": self.revenue[:n].round(2), "nutzen_abo": worth.round(2),
                             "abo_lohnt_sich": worth >= s.fee})
