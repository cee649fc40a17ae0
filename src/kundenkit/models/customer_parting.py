"""Lesson 4.6 "Weg damit – Welche Kunden muss ich eigentlich unbedingt loswerden?": repair or part.

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 4). The
lesson tells the idea from the controlling literature: activity-based costing
(Kaplan & Cooper 1998) assigns the cost of service activities – here: contacts
on their channels – to the customers who cause them. Profit per customer then
varies far more than revenue suggests; sorted from the most to the least
profitable customer and added up, it draws the "whale curve" (Kaplan &
Narayanan 2001): the curve climbs above the total profit and falls back at the
end, where the loss-making customers destroy part of what the others earn.

**Course model** (not the book's, not a calculation from the literature):

- *Profit* per customer and year is lesson 1.2's
  (:class:`~kundenkit.models.customer_profit.ProfitModel`, without kings):
  contribution margin − cost to serve (contacts × cost per contact of their
  channel) + value of information and referrals, as far as the tables are there.
- A customer whose profit is below the *threshold* is a *candidate*.
- *Repair* a candidate: a share of his contacts moves to a cheaper channel
  (cost per contact ``target_cost``), and optionally a fee per remaining contact
  is charged (it adds to revenue and profit alike). Nobody leaves because of it –
  an assumption that flatters repair.
- *Part* from a customer: his revenue, contribution margin, information and
  referral value are gone; of his cost to serve only the variable part goes,
  the share ``fixed_share`` stays (staff, branches, systems do not shrink with
  one customer).
- The course's rule is *repair first, part last*: a candidate is parted from
  only if even after the repair he costs more than parting leaves behind, i.e.
  if ``repaired profit + fixed_share × cost to serve < 0``.

Every money figure and share is an assumption of the course, adjustable by the learner.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.models.customer_profit import CONTACT_COSTS, Assumptions, ProfitModel, assumptions_for, whale_curve
from kundenkit.validation import check_number

#: Share of the customers at the top and at the bottom of the whale curve that the literature compares.
TOP_SHARE = 0.2
#: Course assumptions (adjustable): share of a repaired customer's contacts that move to the cheaper channel,
#: the cost per contact there (€, the course's cost of an e-mail), and the share of a parted customer's cost
#: to serve that stays (fixed costs).
SHIFT_SHARE = 0.5
TARGET_COST = CONTACT_COSTS["E-Mail"]
FIXED_SHARE = 0.3
FEE = 0.0

KEEP, REPAIR, PART = "behalten", "reparieren", "trennen"
#: The action per customer is stored as a code: the index into this tuple.
ACTIONS = (KEEP, REPAIR, PART)
TODAY, REPAIR_ONLY, PART_ONLY, RULE = ("Heute", "Nur reparieren", "Nur trennen",
                                       "Erst reparieren, dann trennen (Regel des Kurses)")
STRATEGIES = (TODAY, REPAIR_ONLY, PART_ONLY, RULE)


@dataclass(frozen=True)
class Levers:
    """The course's assumptions about repair and parting (all adjustable).

    Parameters
    ----------
    shift_share : float
        Share (0..1) of a repaired customer's contacts that move to the cheaper channel.
    target_cost : float
        Cost per contact on the cheaper channel (€).
    fee : float
        Fee per contact that stays on the old channels (€); 0: no fee.
    fixed_share : float
        Share (0..1) of a parted customer's cost to serve that stays with the firm.

    >>> Levers(shift_share=1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'shift_share' ist 1.5; erlaubt sind Werte von 0 bis 1.
    """

    shift_share: float = SHIFT_SHARE
    target_cost: float = TARGET_COST
    fee: float = FEE
    fixed_share: float = FIXED_SHARE

    def __post_init__(self):
        for name, high in (("shift_share", 1.0), ("target_cost", None), ("fee", None), ("fixed_share", 1.0)):
            object.__setattr__(self, name, check_number(name, getattr(self, name), 0.0, high))

    def table(self) -> pd.DataFrame:
        """The assumptions as a German table (for the notebook).

        >>> Levers().table()["wert"].tolist()
        [50.0, 4.0, 0.0, 30.0]
        """
        return pd.DataFrame({"annahme": ["Anteil der Kontakte, die in den günstigen Kanal wechseln (%)",
                                         "Kosten je Kontakt im günstigen Kanal (€)",
                                         "Entgelt je verbleibendem Kontakt (€)",
                                         "Anteil der Servicekosten, der nach einer Trennung bleibt (%)"],
                             "wert": [self.shift_share * 100, self.target_cost, self.fee, self.fixed_share * 100]})


def repaired(revenue, contacts, cost, profit, levers: Levers) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Revenue, cost to serve and profit of customers after the repair (arrays in, arrays out).

    A share of the contacts moves to the cheaper channel – only where that saves money – and the
    fee is charged on the contacts that stay.

    >>> r, c, p = repaired([100.0, 100.0], [10.0, 10.0], [150.0, 20.0], [-125.0, 5.0], Levers(fee=1.0))
    >>> r.tolist(), c.tolist(), p.tolist()
    ([105.0, 110.0], [95.0, 20.0], [-65.0, 15.0])

    The second customer's contacts cost 2 € each, less than the cheaper channel: none of them moves.
    """
    revenue, contacts, cost, profit = (np.asarray(v, dtype=float) for v in (revenue, contacts, cost, profit))
    saving = levers.shift_share * np.maximum(cost - contacts * levers.target_cost, 0.0)
    moved = np.where(saving > 0, levers.shift_share * contacts, 0.0)
    fee = levers.fee * (contacts - moved)
    return revenue + fee, cost - saving, profit + saving + fee


@dataclass(frozen=True)
class PartingResult:
    """The outcome of one threshold and one set of levers.

    ``strategies`` has one row per strategy (:data:`STRATEGIES`): ``strategie``,
    ``repariert``, ``getrennt``, ``kunden`` (customers left), ``umsatz``,
    ``gewinn`` (€ per year) and the changes against today ``aenderung_umsatz``,
    ``aenderung_gewinn``. ``action`` is the code (index into :data:`ACTIONS`:
    keep, repair, part) per customer under the course's rule; ``profit_after`` is each
    customer's profit after it (a parted customer: the fixed costs he leaves behind,
    as a loss).
    """

    threshold: float
    levers: Levers
    candidates: int
    action: np.ndarray
    profit_after: np.ndarray
    strategies: pd.DataFrame

    def row(self, strategy: str = RULE) -> pd.Series:
        return self.strategies.loc[self.strategies["strategie"] == strategy].iloc[0]

    @property
    def repaired(self) -> int:
        return int(self.strategies["repariert"].iloc[-1])

    @property
    def parted(self) -> int:
        return int(self.strategies["getrennt"].iloc[-1])


@dataclass(frozen=True)
class PartingModel:
    """Revenue, contacts, cost to serve and profit per customer (lesson 1.2's model), computed once.

    :meth:`evaluate` then only compares and adds arrays. Build it with :meth:`from_tables`.
    """

    profit_model: ProfitModel
    profit: np.ndarray                  # € per year, lesson 1.2 without kings
    value: np.ndarray                   # information and referral value per customer (€ per year)
    _repaired: dict = field(default_factory=dict, compare=False, repr=False)  # levers → repaired arrays

    @classmethod
    def from_tables(cls, transaktionen: pd.DataFrame, kontakte: pd.DataFrame | None = None,
                    befragung: pd.DataFrame | None = None, *, assumptions: Assumptions | None = None,
                    **columns) -> PartingModel:
        """Lesson 1.2's :class:`ProfitModel` of the tables; column names as in :func:`customer_profit`."""
        model = ProfitModel.from_tables(transaktionen, kontakte, befragung,
                                        assumptions=assumptions or assumptions_for("Handel"), **columns)
        profit = model.base_profit()
        value = profit - (model.revenue * model.assumptions.margin - model.cost_to_serve)
        return cls(model, profit, value)

    @property
    def size(self) -> int:
        return self.profit_model.size

    @property
    def missing(self) -> tuple[str, ...]:
        return self.profit_model.missing

    @property
    def threshold_step(self) -> float:
        """The step of the threshold (€): 1, 2 or 5 × a power of ten, about 1/400 of the 1–99 % quantile range.

        >>> t = pd.DataFrame({"kunden_id": list("AB"), "betrag": [0.0, 4000.0]})
        >>> PartingModel.from_tables(t, years=1).threshold_step
        5.0
        """
        from kundenkit.models.loyalty_profit import nice_step

        low, high = np.quantile(self.profit, [0.01, 0.99]) if self.size else (0.0, 0.0)
        return nice_step(high - low)

    def threshold_range(self) -> tuple[float, float]:
        """Range of the threshold: from the lowest profit to the median (both with 0), in steps.

        >>> t = pd.DataFrame({"kunden_id": list("ABC"), "betrag": [0.0, 400.0, 4000.0]})
        >>> PartingModel.from_tables(t, years=1).threshold_range()
        (0.0, 100.0)
        """
        step = self.threshold_step
        if not self.size:
            return 0.0, step
        low = math.floor(min(float(self.profit.min()), 0.0) / step) * step
        high = math.ceil(max(float(np.median(self.profit)), 0.0) / step) * step
        return low + 0.0, max(high, low + step) + 0.0

    def evaluate(self, threshold: float = 0.0, levers: Levers | None = None) -> PartingResult:
        """Candidates below ``threshold`` (€ profit per year); repair, part, or both (see the module)."""
        threshold = check_number("threshold", threshold, -math.inf)
        levers = Levers() if levers is None else levers
        if not isinstance(levers, Levers):
            raise KundenkitError("Der Parameter 'levers' muss ein Levers-Objekt sein, z. B. Levers(fee=2).",
                                 parameter="levers")
        m = self.profit_model
        if levers not in self._repaired:  # a move of the threshold alone reuses the repair of these levers
            self._repaired.clear()
            rev_r, _cost, prof_r = repaired(m.revenue, m.contacts, m.cost_to_serve, self.profit, levers)
            stays = levers.fixed_share * m.cost_to_serve  # what a parted customer leaves behind
            self._repaired[levers] = (rev_r, prof_r, stays, prof_r + stays < 0)
        rev_r, prof_r, stays, worth_parting = self._repaired[levers]
        candidate = self.profit < threshold
        part = candidate & worth_parting
        repair = candidate & ~worth_parting
        action = part.astype(np.int8) * 2 + repair.astype(np.int8)
        profit_after = np.where(part, -stays, np.where(repair, prof_r, self.profit))
        revenue_after = np.where(part, 0.0, np.where(repair, rev_r, m.revenue))

        rows = [
            (TODAY, 0, 0, self.size, m.revenue.sum(), self.profit.sum()),
            (REPAIR_ONLY, int(candidate.sum()), 0, self.size,
             np.where(candidate, rev_r, m.revenue).sum(), np.where(candidate, prof_r, self.profit).sum()),
            (PART_ONLY, 0, int(candidate.sum()), self.size - int(candidate.sum()),
             np.where(candidate, 0.0, m.revenue).sum(), np.where(candidate, -stays, self.profit).sum()),
            (RULE, int(repair.sum()), int(part.sum()), self.size - int(part.sum()),
             revenue_after.sum(), profit_after.sum()),
        ]
        table = pd.DataFrame(rows, columns=["strategie", "repariert", "getrennt", "kunden", "umsatz", "gewinn"])
        table["aenderung_umsatz"] = table["umsatz"] - table["umsatz"].iloc[0]
        table["aenderung_gewinn"] = table["gewinn"] - table["gewinn"].iloc[0]
        money = ["umsatz", "gewinn", "aenderung_umsatz", "aenderung_gewinn"]
        table[money] = table[money].round(2) + 0.0
        return PartingResult(threshold, levers, int(candidate.sum()), action, profit_after, table)

    def table(self, result: PartingResult | None = None) -> pd.DataFrame:
        """One row per customer: revenue, contacts, cost to serve, profit, the action and the profit after it.

        >>> t = pd.DataFrame({"kunden_id": ["A", "B", "C"], "betrag": [400.0, 40.0, 80.0]})
        >>> k = pd.DataFrame({"kunden_id": ["B"] * 5 + ["C"] * 3, "kanal": ["Filiale"] * 8})
        >>> m = PartingModel.from_tables(t, k, years=1)
        >>> m.table()[["kunden_id", "servicekosten", "gewinn", "massnahme", "gewinn_nachher"]]
          kunden_id  servicekosten  gewinn   massnahme  gewinn_nachher
        0         A            0.0   100.0    behalten           100.0
        1         B           40.0   -30.0     trennen           -12.0
        2         C           24.0    -4.0  reparieren             2.0

        B still loses 20 € after the repair, more than the 12 € of his cost to serve that stay
        (30 %): parting is better. C earns 2 € after the repair.
        """
        result = self.evaluate() if result is None else result
        m = self.profit_model
        return pd.DataFrame({"kunden_id": m.customers, "umsatz": m.revenue.round(2), "kontakte": m.contacts.round(2),
                             "servicekosten": m.cost_to_serve.round(2), "gewinn": self.profit.round(2),
                             "massnahme": np.array(ACTIONS, dtype=object)[result.action],
                             "gewinn_nachher": result.profit_after.round(2)})

    def curves(self, result: PartingResult, max_points: int = 200) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Whale curves (lesson 1.2's :func:`whale_curve`) today and after the course's rule."""
        return whale_curve(self.profit, max_points), whale_curve(result.profit_after, max_points)


def whale_shares(profits, share: float = TOP_SHARE) -> pd.DataFrame:
    """What the most and the least profitable ``share`` of the customers and the rest bring, as a share of the total.

    The literature compares these figures (see the lesson). The shares of the total stay empty if
    the total is not above 0: a share of a loss says nothing.

    >>> whale_shares([60.0, 30.0, 10.0, 5.0, 0.0, 0.0, -1.0, -2.0, -20.0, -32.0])
                                     gruppe  kunden  gewinn_summe  anteil_gewinn
    0    Die profitabelsten 20 % der Kunden       2          90.0           1.80
    1                    Die mittleren 60 %       6          12.0           0.24
    2  Die unprofitabelsten 20 % der Kunden       2         -52.0          -1.04
    3                           Alle Kunden      10          50.0           1.00

    A whale: the top 20 % bring 180 % of the profit, the bottom 20 % destroy 104 %.
    """
    values = np.sort(np.asarray(profits, dtype=float))[::-1]
    n = len(values)
    share = check_number("share", share, 0.0, 0.5)
    k = int(math.floor(share * n + 0.5))
    parts = [values[:k], values[k:n - k], values[n - k:] if k else values[:0]]
    total = float(values.sum())
    label = f"{share * 100:g} %".replace(".", ",")
    rows = pd.DataFrame({
        "gruppe": [f"Die profitabelsten {label} der Kunden", f"Die mittleren {100 - 2 * share * 100:g} %",
                   f"Die unprofitabelsten {label} der Kunden", "Alle Kunden"],
        "kunden": [len(p) for p in parts] + [n],
        "gewinn_summe": [float(p.sum()) for p in parts] + [total],
    })
    rows["gewinn_summe"] = rows["gewinn_summe"].round(2) + 0.0
    rows["anteil_gewinn"] = (rows["gewinn_summe"] / total).round(3) if total > 0 else np.nan
    return rows
