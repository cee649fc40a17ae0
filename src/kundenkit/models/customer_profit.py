"""Lesson 1.2 "Profitabler Partner – Nicht König!": the profit of each customer.

Hafner (2019, Kap. 1) argues that the customer is a partner, not a king: a king
takes without giving, and a firm that had only kings would soon be broke. A
partner pays with money, with information and with recommendations.

**Course model** (not a calculation from the book): per customer and year ::

    profit = revenue × margin
             − cost to serve      (contacts × cost per contact of their channel)
             − royal extra demands (only for "kings": a fixed cost per king)
             + value of information (survey answers × value per answer)
             + value of referrals   (promoters, NPS 9–10, × value per promoter)

Every money figure (margin, cost per contact, cost of a king, value of an
answer or a promoter) is an assumption of the course, adjustable by the learner.

**The value of a promoter** (see :data:`PROMOTER_VALUE_SHARE`). The book cites
Bain & Company (2013): a customer of a German retail bank who becomes a promoter
(in the book: "Empfehler") can be up to 60 % more profitable for the bank – he
owns more products, stays longer and recommends more (Hafner 2019, Kap. 1).
The course model gives a promoter one extra term, the value of his
recommendations. Its default per sector is half the average yearly contribution
margin of a customer in the sector's sample data: a promoter brings in about one
new average customer every two years. With it, a promoter's average profit in
the sample data lies some 20–110 % above that of the other surveyed customers
(depending on sector and seed; on its own the recommendation value adds 30–80 %
to a promoter's profit) – the order of magnitude Bain reports, not a figure
taken from Bain. Because only customers who
answered the survey can be recognised as promoters (a few percent of all), the
recommendations stay a small part of the *total* profit: the story is told per
customer (:func:`promoter_summary`), not in the total.

Who is a king is deterministic: customers are ranked by service contacts per
1,000 € of revenue (most first: they demand most for what they pay); ties go to
the smaller revenue, then to the customer number. A kings' share of 10 % makes
the first 10 % of this ranking kings (rounded to whole customers).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number
from kundenkit.validation import check_choice, check_columns

#: Cost per contact and channel in € – an assumption of the course, not a measured figure.
CONTACT_COSTS: dict[str, float] = {
    "Außendienst": 150.0, "Servicetechniker": 180.0, "Berater": 45.0, "Filiale": 8.0,
    "Telefon": 6.0, "E-Mail": 4.0, "Chat": 3.0, "Post": 2.5,
    "App": 0.3, "Online-Shop": 0.3, "Online-Banking": 0.3, "Online-Portal": 0.3,
}
#: Cost per contact for a channel missing in :data:`CONTACT_COSTS` (course assumption).
OTHER_CONTACT_COST = 5.0
PROMOTER_MIN_NPS = 9
#: Default value of a promoter's recommendations per year, as a share of the average yearly
#: contribution margin per customer in the sector's sample data (course assumption; see the module
#: docstring): one new average customer every two years.
PROMOTER_VALUE_SHARE = 0.5
DAYS_PER_YEAR = 365.25

# Output columns
CUSTOMER = "kunden_id"
PROFIT = "gewinn"


def _check_number(name: str, value, low: float, high: float | None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.")
    if value < low or (high is not None and value > high):
        allowed = f"von {de_number(low, 0)} bis {de_number(high, 0)}" if high is not None else f"ab {de_number(low, 0)}"
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Werte {allowed}.")
    return float(value)


def _numeric(frame: pd.DataFrame, table: str, col: str) -> np.ndarray:
    values = pd.to_numeric(frame[col], errors="coerce")
    bad = values.isna() & frame[col].notna()
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        raise KundenkitError(
            f"Tabelle '{table}', Spalte '{col}', Zeile {row}: {frame.at[row, col]!r} ist keine Zahl. "
            "Korrigieren Sie den Wert oder lassen Sie das Feld leer."
        )
    return values.fillna(0).to_numpy(dtype=float)


@dataclass(frozen=True)
class Assumptions:
    """The money figures of the course model – all of them assumptions, none of them facts.

    Parameters
    ----------
    margin : float
        Share of revenue that remains after the cost of goods (0..1).
    extra_demand_cost : float
        Cost of the "royal" extra demands of one king per year, in €.
    value_per_answer : float
        What one survey answer is worth to the firm (information), in €.
    value_per_promoter : float
        What a promoter's recommendations are worth per year, in €.
    contact_costs : mapping channel → € per contact
    other_contact_cost : float
        € per contact on a channel that ``contact_costs`` does not list.
    """

    margin: float
    extra_demand_cost: float
    value_per_answer: float
    value_per_promoter: float
    contact_costs: Mapping[str, float] = field(default_factory=lambda: dict(CONTACT_COSTS))
    other_contact_cost: float = OTHER_CONTACT_COST

    def __post_init__(self):
        object.__setattr__(self, "margin", _check_number("margin", self.margin, 0, 1))
        for name in ("extra_demand_cost", "value_per_answer", "value_per_promoter", "other_contact_cost"):
            object.__setattr__(self, name, _check_number(name, getattr(self, name), 0, None))
        if not isinstance(self.contact_costs, Mapping):
            raise KundenkitError("Der Parameter 'contact_costs' muss ein dict sein, z. B. {\"Telefon\": 6.0}.")
        object.__setattr__(self, "contact_costs", {
            str(channel): _check_number(f"contact_costs[{channel!r}]", cost, 0, None)
            for channel, cost in self.contact_costs.items()})

    def contact_cost(self, channel: str) -> float:
        """€ per contact on ``channel`` (the fallback for an unlisted channel).

        >>> a = assumptions_for("Handel")
        >>> a.contact_cost("Telefon"), a.contact_cost("Brieftaube")
        (6.0, 5.0)
        """
        return float(self.contact_costs.get(channel, self.other_contact_cost))

    def table(self) -> pd.DataFrame:
        """The assumptions as a German table (for the notebook).

        >>> assumptions_for("Handel").table().head(3)
                                        annahme    wert
        0               Marge auf den Umsatz (%)    25.0
        1  Sonderwünsche je König (€ pro Jahr)   250.0
        2         Wert einer Antwort in der Befragung (€)     5.0
        """
        rows = [("Marge auf den Umsatz (%)", self.margin * 100),
                ("Sonderwünsche je König (€ pro Jahr)", self.extra_demand_cost),
                ("Wert einer Antwort in der Befragung (€)", self.value_per_answer),
                ("Wert eines Promotors (€ pro Jahr)", self.value_per_promoter)]
        rows += [(f"Kosten je Kontakt: {c} (€)", v) for c, v in self.contact_costs.items()]
        rows.append(("Kosten je Kontakt: andere Kanäle (€)", self.other_contact_cost))
        return pd.DataFrame(rows, columns=["annahme", "wert"])


#: Default assumptions per sector (course assumptions, chosen so that the base makes a profit
#: and a large share of kings drives it into the red). ``value_per_promoter`` is
#: :data:`PROMOTER_VALUE_SHARE` × the average contribution margin per customer and year of the
#: sector's sample data (2,000 customers, seeds 1, 7, 42, 123, 2024: Handel ≈ 102 €, Bank ≈ 1,627 €,
#: Versicherung ≈ 223 €, Telekommunikation ≈ 140 €, Maschinenbau ≈ 9,572 €), rounded.
SECTOR_ASSUMPTIONS: dict[str, Assumptions] = {
    "Handel": Assumptions(margin=0.25, extra_demand_cost=250, value_per_answer=5, value_per_promoter=50),
    "Bank": Assumptions(margin=0.02, extra_demand_cost=4000, value_per_answer=10, value_per_promoter=800),
    "Versicherung": Assumptions(margin=0.15, extra_demand_cost=500, value_per_answer=8, value_per_promoter=110),
    "Telekommunikation": Assumptions(margin=0.30, extra_demand_cost=300, value_per_answer=5,
                                     value_per_promoter=70),
    "Maschinenbau": Assumptions(margin=0.15, extra_demand_cost=25000, value_per_answer=50,
                                value_per_promoter=4800),
}


def assumptions_for(branche: str = "Handel", **changes) -> Assumptions:
    """The course's default assumptions for a sector, optionally with some values changed.

    >>> assumptions_for("bank").margin
    0.02
    >>> assumptions_for("Handel", margin=0.3).margin
    0.3
    >>> assumptions_for("Bäckerei")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Unbekannte Branche 'Bäckerei' im Parameter 'branche'. Erlaubt sind: Handel, Bank,
        Versicherung, Telekommunikation, Maschinenbau.
    """
    base = SECTOR_ASSUMPTIONS[check_choice("branche", branche, tuple(SECTOR_ASSUMPTIONS), "Branche")]
    try:
        return replace(base, **changes)
    except TypeError:
        allowed = ", ".join(Assumptions.__dataclass_fields__)
        raise KundenkitError(f"Unbekannte Annahme in {sorted(changes)}. Erlaubt sind: {allowed}.") from None


def years_covered(transaktionen: pd.DataFrame, *, date_col: str = "datum") -> float:
    """Length of the period in ``transaktionen`` in years (first to last day, two decimals).

    The model divides every sum by this number to get figures per year.

    >>> t = pd.DataFrame({"datum": pd.to_datetime(["2023-01-01", "2024-12-31"])})
    >>> years_covered(t)
    2.0
    """
    check_columns(transaktionen, "transaktionen", {"date_col": date_col})
    dates = pd.to_datetime(transaktionen[date_col], errors="coerce", dayfirst=True)
    if dates.notna().sum() == 0:
        raise KundenkitError(
            f"Die Spalte '{date_col}' der Tabelle 'transaktionen' enthält kein gültiges Datum. "
            "Tragen Sie Daten wie 31.12.2024 ein oder geben Sie die Dauer mit years=… an."
        )
    days = (dates.max() - dates.min()).days + 1
    return max(round(days / DAYS_PER_YEAR, 2), 0.01)


@dataclass(frozen=True)
class ProfitModel:
    """Per-customer arrays, computed once; :meth:`evaluate` then only does vector arithmetic.

    Use :func:`customer_profit` for a table, and this class where a slider
    re-evaluates the model many times (the widget).
    """

    customers: np.ndarray        # customer ids, sorted
    revenue: np.ndarray          # € per year
    contacts: np.ndarray         # contacts per year
    cost_to_serve: np.ndarray    # € per year
    answers: np.ndarray          # survey answers per year
    nps: np.ndarray              # latest NPS (NaN: no answer)
    king_rank: np.ndarray        # 0 = first to become a king
    channels: pd.DataFrame       # cost to serve per channel
    years: float
    assumptions: Assumptions
    missing: tuple[str, ...]     # optional tables that were not given

    @classmethod
    def from_tables(cls, transaktionen: pd.DataFrame, kontakte: pd.DataFrame | None = None,
                    befragung: pd.DataFrame | None = None, *, assumptions: Assumptions | None = None,
                    years: float | None = None, customer_col: str = "kunden_id", amount_col: str = "betrag",
                    date_col: str = "datum", channel_col: str = "kanal", nps_col: str = "nps") -> ProfitModel:
        """Aggregate the tables per customer (see :func:`customer_profit` for the parameters)."""
        assumptions = assumptions_for("Handel") if assumptions is None else assumptions
        if not isinstance(assumptions, Assumptions):
            raise KundenkitError("Der Parameter 'assumptions' muss ein Assumptions-Objekt sein, "
                                 "z. B. assumptions_for(\"Bank\").")
        check_columns(transaktionen, "transaktionen", {"customer_col": customer_col, "amount_col": amount_col})
        years = years_covered(transaktionen, date_col=date_col) if years is None \
            else _check_number("years", years, 0.01, None)

        ids = [transaktionen[customer_col].astype(str)]
        if kontakte is not None:
            check_columns(kontakte, "kontakte", {"customer_col": customer_col, "channel_col": channel_col})
            ids.append(kontakte[customer_col].astype(str))
        if befragung is not None:
            check_columns(befragung, "befragung", {"customer_col": customer_col, "nps_col": nps_col})
            ids.append(befragung[customer_col].astype(str))
        customers = pd.Index(np.unique(np.concatenate([i.to_numpy(dtype=object) for i in ids]).astype(str)))
        n = len(customers)

        revenue_sum = pd.Series(_numeric(transaktionen, "transaktionen", amount_col)).groupby(
            customers.get_indexer(transaktionen[customer_col].astype(str))).sum()
        revenue = np.zeros(n)
        revenue[revenue_sum.index.to_numpy()] = revenue_sum.to_numpy() / years

        contacts, cost = np.zeros(n), np.zeros(n)
        channels = pd.DataFrame({"kanal": pd.Series([], dtype=str), "kontakte": pd.Series([], dtype=float),
                                 "kosten_je_kontakt": pd.Series([], dtype=float),
                                 "servicekosten": pd.Series([], dtype=float),
                                 "anteil": pd.Series([], dtype=float)})
        if kontakte is not None and len(kontakte):
            owner = customers.get_indexer(kontakte[customer_col].astype(str))
            channel = kontakte[channel_col].fillna("unbekannt").astype(str)
            unit = channel.map(assumptions.contact_cost).to_numpy(dtype=float)
            contacts = np.bincount(owner, minlength=n) / years
            cost = np.bincount(owner, weights=unit, minlength=n) / years
            per_channel = pd.DataFrame({"kanal": channel.to_numpy(), "kosten": unit}).groupby("kanal", sort=True)
            channels = pd.DataFrame({
                "kontakte": per_channel.size() / years,
                "kosten_je_kontakt": per_channel["kosten"].first(),
                "servicekosten": per_channel["kosten"].sum() / years,
            }).reset_index()
            total_cost = channels["servicekosten"].sum()
            channels["anteil"] = channels["servicekosten"] / total_cost if total_cost > 0 else 0.0
            channels = channels.sort_values(["servicekosten", "kanal"], ascending=[False, True],
                                            ignore_index=True)

        answers, nps = np.zeros(n), np.full(n, np.nan)
        if befragung is not None and len(befragung):
            scores = _numeric(befragung, "befragung", nps_col)
            if ((scores < 0) | (scores > 10)).any():
                row = befragung.index[(scores < 0) | (scores > 10)][0]
                raise KundenkitError(f"Tabelle 'befragung', Spalte '{nps_col}', Zeile {row}: Der NPS muss "
                                     "zwischen 0 und 10 liegen. Korrigieren Sie den Wert.")
            owner = customers.get_indexer(befragung[customer_col].astype(str))
            answers = np.bincount(owner, minlength=n) / years
            order = np.arange(len(befragung))
            if date_col in befragung.columns:  # latest answer counts; without dates the last row
                order = np.argsort(pd.to_datetime(befragung[date_col], errors="coerce", dayfirst=True)
                                   .to_numpy(), kind="stable")
            valid = befragung[nps_col].notna().to_numpy()[order]
            latest = pd.Series(scores[order][valid]).groupby(owner[order][valid], sort=False).last()
            nps[latest.index.to_numpy()] = latest.to_numpy()

        # Kings: most contacts per 1,000 € revenue first; then smaller revenue; then customer id.
        with np.errstate(divide="ignore", invalid="ignore"):
            demand = np.where(revenue > 0, contacts / np.maximum(revenue, 1e-12) * 1000, np.inf)
        king_order = np.lexsort((np.arange(n), revenue, -demand))
        king_rank = np.empty(n, dtype=np.int64)
        king_rank[king_order] = np.arange(n)
        missing = tuple(name for name, table in (("kontakte", kontakte), ("befragung", befragung)) if table is None)
        return cls(customers.to_numpy(dtype=str), revenue, contacts, cost, answers, nps, king_rank,
                   channels, years, assumptions, missing)

    @property
    def size(self) -> int:
        return len(self.customers)

    def n_kings(self, kings_share: float) -> int:
        """Number of kings for a share (rounded half up to whole customers).

        >>> m = ProfitModel.from_tables(pd.DataFrame({"kunden_id": list("abcd"), "betrag": [1.0] * 4}), years=1)
        >>> m.n_kings(0.1), m.n_kings(0.125), m.n_kings(1)
        (0, 1, 4)
        """
        share = _check_number("kings_share", kings_share, 0, 1)
        return min(int(math.floor(share * self.size + 0.5 + 1e-9)), self.size)

    def base_profit(self, margin: float | None = None, value_per_promoter: float | None = None) -> np.ndarray:
        """Profit per customer and year without kings (€)."""
        a = self.assumptions
        margin = a.margin if margin is None else _check_number("margin", margin, 0, 1)
        promoter_value = a.value_per_promoter if value_per_promoter is None \
            else _check_number("value_per_promoter", value_per_promoter, 0, None)
        return (self.revenue * margin - self.cost_to_serve + self.answers * a.value_per_answer
                + (self.nps >= PROMOTER_MIN_NPS) * promoter_value)

    def profits(self, kings_share: float = 0.0, extra_demand_cost: float | None = None,
                margin: float | None = None, value_per_promoter: float | None = None) -> np.ndarray:
        """Profit per customer and year (€), in the order of :attr:`customers`."""
        cost = self.assumptions.extra_demand_cost if extra_demand_cost is None \
            else _check_number("extra_demand_cost", extra_demand_cost, 0, None)
        kings = self.king_rank < self.n_kings(kings_share)
        return self.base_profit(margin, value_per_promoter) - kings * cost

    def evaluate(self, kings_share: float = 0.0, extra_demand_cost: float | None = None,
                 margin: float | None = None, value_per_promoter: float | None = None,
                 max_points: int = 200) -> ProfitResult:
        """Totals, the share of unprofitable customers, the tipping point and the whale curve."""
        cost = self.assumptions.extra_demand_cost if extra_demand_cost is None \
            else _check_number("extra_demand_cost", extra_demand_cost, 0, None)
        base = self.base_profit(margin, value_per_promoter)
        k = self.n_kings(kings_share)
        profits = base - (self.king_rank < k) * cost
        unprofitable = int((profits < 0).sum())
        promoter_value = self.assumptions.value_per_promoter if value_per_promoter is None \
            else float(value_per_promoter)
        return ProfitResult(
            total=float(profits.sum()), total_without_kings=float(base.sum()), customers=self.size,
            kings=k, unprofitable=unprofitable, unprofitable_share=unprofitable / self.size if self.size else 0.0,
            tipping_kings=tipping_point(float(base.sum()), self.size, cost),
            curve=whale_curve(profits, max_points), curve_without_kings=whale_curve(base, max_points),
            promoters=_promoter_figures(profits, self.nps, promoter_value),
        )


@dataclass(frozen=True)
class PromoterFigures:
    """Promoters (NPS 9–10) against the other customers who answered the survey (course model).

    ``uplift`` is how much more profit a promoter brings on average, as a share
    of the others' average profit (``nan`` if there is no promoter, no other
    respondent or the others' average is not above 0).
    """

    promoters: int
    respondents: int                # customers with an NPS answer, promoters included
    promoter_profit: float          # mean profit per promoter and year (€)
    other_profit: float             # mean profit per other respondent and year (€)
    referral_value: float           # € per promoter and year from recommendations (the assumption)
    referral_total: float           # € per year from all promoters' recommendations

    @property
    def uplift(self) -> float:
        if self.promoters == 0 or self.respondents == self.promoters or not self.other_profit > 0:
            return math.nan
        return self.promoter_profit / self.other_profit - 1


def _promoter_figures(profits: np.ndarray, nps: np.ndarray, value: float) -> PromoterFigures:
    answered = ~np.isnan(nps)
    promoter = answered & (np.nan_to_num(nps, nan=-1) >= PROMOTER_MIN_NPS)
    others = answered & ~promoter
    return PromoterFigures(
        promoters=int(promoter.sum()), respondents=int(answered.sum()),
        promoter_profit=float(profits[promoter].mean()) if promoter.any() else math.nan,
        other_profit=float(profits[others].mean()) if others.any() else math.nan,
        referral_value=float(value), referral_total=float(promoter.sum() * value),
    )


def promoter_summary(table: pd.DataFrame) -> PromoterFigures:
    """Promoters against the other surveyed customers, from the table of :func:`customer_profit`.

    Bain & Company (2013, cited in Hafner 2019) found a customer who becomes a promoter
    up to 60 % more profitable for a German retail bank; this compares the course model's
    promoters with the other customers who answered the survey.

    >>> t = pd.DataFrame({"kunden_id": ["A", "B", "C"], "betrag": [400.0, 400.0, 400.0]})
    >>> b = pd.DataFrame({"kunden_id": ["A", "B", "C"], "nps": [10, 5, 7]})
    >>> s = promoter_summary(customer_profit(t, befragung=b, years=1))
    >>> s.promoters, s.respondents, s.promoter_profit, s.other_profit, round(s.uplift, 3)
    (1, 3, 155.0, 105.0, 0.476)
    """
    for col in (PROFIT, "nps", "empfehlungswert"):
        if col not in table.columns:
            raise KundenkitError(f"Die Spalte '{col}' fehlt. Berechnen Sie die Tabelle mit customer_profit(...).")
    nps = pd.to_numeric(table["nps"], errors="coerce").to_numpy(dtype=float)
    promoter = nps >= PROMOTER_MIN_NPS
    value = float(table.loc[promoter, "empfehlungswert"].iloc[0]) if promoter.any() else 0.0
    return _promoter_figures(table[PROFIT].to_numpy(dtype=float), nps, value)


@dataclass(frozen=True)
class ProfitResult:
    """What the widget shows for one setting of the sliders."""

    total: float                    # € per year, with kings
    total_without_kings: float      # € per year
    customers: int
    kings: int
    unprofitable: int               # customers with a profit below 0
    unprofitable_share: float
    tipping_kings: int | None       # fewest kings with a total below 0; None: never
    curve: pd.DataFrame
    curve_without_kings: pd.DataFrame
    promoters: PromoterFigures | None = None

    @property
    def tipping_share(self) -> float | None:
        """Share of kings from which the total is below 0 (None: never)."""
        return None if self.tipping_kings is None else self.tipping_kings / self.customers


def tipping_point(total_without_kings: float, customers: int, extra_demand_cost: float) -> int | None:
    """The fewest kings at which the total profit falls below 0 (``None`` if it never does).

    Each king lowers the total by the same cost, so the answer is the first
    whole number of kings whose cost exceeds the profit without kings.

    >>> tipping_point(1000.0, 100, 300.0)   # 3 kings cost 900, 4 cost 1200
    4
    >>> tipping_point(-5.0, 100, 300.0), tipping_point(1000.0, 3, 300.0), tipping_point(0.0, 10, 0.0)
    (0, None, None)
    """
    if total_without_kings < 0:
        return 0
    if extra_demand_cost <= 0:
        return None
    affordable = total_without_kings / extra_demand_cost  # kings the profit can pay for
    if not math.isfinite(affordable) or affordable >= customers:
        return None
    return int(math.floor(affordable)) + 1


def whale_curve(profits, max_points: int = 200) -> pd.DataFrame:
    """Cumulative profit of customers sorted from most to least profitable (the "whale curve").

    The curve rises while customers earn money, peaks at the last profitable
    customer and falls from there: the customers right of the peak destroy
    profit. At most ``max_points`` points, always with the start, the peak and the end.

    >>> whale_curve([5.0, -2.0, 10.0, 1.0])
       anteil_kunden  kunden  kumulierter_gewinn
    0           0.00       0                 0.0
    1           0.25       1                10.0
    2           0.50       2                15.0
    3           0.75       3                16.0
    4           1.00       4                14.0
    """
    values = np.sort(np.asarray(profits, dtype=float))[::-1]
    n = len(values)
    if max_points < 3:
        raise KundenkitError(f"Der Parameter 'max_points' ist {max_points}; erlaubt sind Werte ab 3.")
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    peak = int(np.argmax(cumulative))
    idx = np.unique(np.concatenate([np.linspace(0, n, min(n + 1, max_points - 1)).round().astype(int), [peak]]))
    return pd.DataFrame({"anteil_kunden": idx / n if n else idx * 0.0, "kunden": idx,
                         "kumulierter_gewinn": cumulative[idx].round(2)})


def customer_profit(transaktionen: pd.DataFrame, kontakte: pd.DataFrame | None = None,
                    befragung: pd.DataFrame | None = None, *, assumptions: Assumptions | None = None,
                    kings_share: float = 0.0, years: float | None = None, customer_col: str = "kunden_id",
                    amount_col: str = "betrag", date_col: str = "datum", channel_col: str = "kanal",
                    nps_col: str = "nps") -> pd.DataFrame:
    """Profit per customer and year in the course model, with every part as a column.

    Parameters
    ----------
    transaktionen : DataFrame
        Purchases (required): customer, amount and date.
    kontakte : DataFrame, optional
        Service contacts with their channel. Missing: the cost to serve is 0.
    befragung : DataFrame, optional
        Survey answers with an NPS (0–10). Missing: information and referrals are worth 0.
    assumptions : Assumptions, optional
        Money figures of the model; default :func:`assumptions_for` ``("Handel")``.
    kings_share : float
        Share of customers (0..1) who are "kings" with costly extra demands.
    years : float, optional
        Period of the data in years; default: first to last day of ``transaktionen``.
    customer_col, amount_col, date_col, channel_col, nps_col : str
        Column names in the learner's tables.

    Returns
    -------
    DataFrame, one row per customer (sorted by id): ``umsatz``, ``deckungsbeitrag``,
    ``kontakte``, ``servicekosten``, ``antworten``, ``informationswert``, ``nps``,
    ``promotor``, ``empfehlungswert``, ``koenig_rang``, ``koenig``, ``sonderwunschkosten``
    and ``gewinn`` (all € or counts per year).

    Examples
    --------
    >>> t = pd.DataFrame({"kunden_id": ["A", "A", "B", "C"], "betrag": [400.0, 400.0, 100.0, 300.0],
    ...                   "datum": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-03-01", "2024-12-30"])})
    >>> k = pd.DataFrame({"kunden_id": ["A", "B", "B", "B"], "kanal": ["App", "Telefon", "Telefon", "Filiale"]})
    >>> b = pd.DataFrame({"kunden_id": ["C"], "nps": [10]})
    >>> a = assumptions_for("Handel")
    >>> table = customer_profit(t, k, b, assumptions=a, kings_share=1/3)
    >>> table[["kunden_id", "deckungsbeitrag", "servicekosten", "koenig", "gewinn"]]
      kunden_id  deckungsbeitrag  servicekosten  koenig  gewinn
    0         A            200.0            0.3   False   199.7
    1         B             25.0           20.0    True  -245.0
    2         C             75.0            0.0   False   130.0

    B is the king: 3 contacts for 100 € is the most per 1,000 € of revenue.
    C is a promoter (NPS 10): 75 € + 50 € for referrals.
    """
    model = ProfitModel.from_tables(transaktionen, kontakte, befragung, assumptions=assumptions, years=years,
                                    customer_col=customer_col, amount_col=amount_col, date_col=date_col,
                                    channel_col=channel_col, nps_col=nps_col)
    return model_table(model, kings_share)


def model_table(model: ProfitModel, kings_share: float = 0.0) -> pd.DataFrame:
    """The per-customer table of a :class:`ProfitModel` (see :func:`customer_profit`)."""
    a = model.assumptions
    kings = model.king_rank < model.n_kings(kings_share)
    promoter = model.nps >= PROMOTER_MIN_NPS
    table = pd.DataFrame({
        CUSTOMER: model.customers,
        "umsatz": model.revenue,
        "deckungsbeitrag": model.revenue * a.margin,
        "kontakte": model.contacts,
        "servicekosten": model.cost_to_serve,
        "antworten": model.answers,
        "informationswert": model.answers * a.value_per_answer,
        "nps": model.nps,
        "promotor": promoter,
        "empfehlungswert": promoter * a.value_per_promoter,
        "koenig_rang": model.king_rank + 1,
        "koenig": kings,
        "sonderwunschkosten": kings * a.extra_demand_cost,
    })
    table[PROFIT] = (table["deckungsbeitrag"] - table["servicekosten"] - table["sonderwunschkosten"]
                     + table["informationswert"] + table["empfehlungswert"])
    table.attrs["fehlende_tabellen"] = model.missing  # read by profit_bridge
    return table


BRIDGE_ROWS = (
    ("Deckungsbeitrag (Umsatz × Marge)", "deckungsbeitrag", 1, "transaktionen"),
    ("− Servicekosten (Kontakte × Kosten je Kanal)", "servicekosten", -1, "kontakte"),
    ("− Sonderwünsche der Könige", "sonderwunschkosten", -1, None),
    ("+ Wert der Informationen (Antworten)", "informationswert", 1, "befragung"),
    ("+ Wert der Empfehlungen (Promotoren)", "empfehlungswert", 1, "befragung"),
)


def profit_bridge(table: pd.DataFrame, missing=None) -> pd.DataFrame:
    """From contribution margin to total profit: the sum of every part over all customers.

    ``table`` is the output of :func:`customer_profit`; ``missing`` names the
    optional tables that were not given (their rows are marked). By default
    it is read from the table, which remembers it.

    >>> t = pd.DataFrame({"kunden_id": ["A", "B"], "betrag": [400.0, 100.0]})
    >>> bridge = profit_bridge(customer_profit(t, years=1))
    >>> bridge["euro_pro_jahr"].tolist()
    [125.0, 0.0, 0.0, 0.0, 0.0, 125.0]
    >>> bridge["hinweis"].iloc[1]
    'Tabelle kontakte fehlt: 0 gesetzt'

    """
    for col in [PROFIT] + [row[1] for row in BRIDGE_ROWS]:
        if col not in table.columns:
            raise KundenkitError(f"Die Spalte '{col}' fehlt. Berechnen Sie die Tabelle mit customer_profit(...).")
    if missing is None:
        missing = table.attrs.get("fehlende_tabellen", ())
    rows = [(label, sign * table[col].sum(), f"Tabelle {source} fehlt: 0 gesetzt" if source in missing else "")
            for label, col, sign, source in BRIDGE_ROWS]
    rows.append(("= Gewinn aller Kunden", table[PROFIT].sum(), ""))
    out = pd.DataFrame(rows, columns=["posten", "euro_pro_jahr", "hinweis"])
    out["euro_pro_jahr"] = out["euro_pro_jahr"].round(2) + 0.0  # no "-0.0"
    return out


def channel_costs(model: ProfitModel) -> pd.DataFrame:
    """Cost to serve per channel and year, most expensive first (empty without ``kontakte``).

    Columns: ``kanal``, ``kontakte`` (per year), ``kosten_je_kontakt`` (€, the
    assumption), ``servicekosten`` (€ per year) and ``anteil`` (share of all cost to serve).


    >>> t = pd.DataFrame({"kunden_id": ["A", "B"], "betrag": [400.0, 100.0]})
    >>> k = pd.DataFrame({"kunden_id": ["A", "B", "B"], "kanal": ["App", "Telefon", "Telefon"]})
    >>> channel_costs(ProfitModel.from_tables(t, k, years=1))
         kanal  kontakte  kosten_je_kontakt  servicekosten  anteil
    0  Telefon       2.0                6.0           12.0   0.976
    1      App       1.0                0.3            0.3   0.024
    """
    return model.channels.round({"kontakte": 2, "servicekosten": 2, "anteil": 3})


def unprofitable_customers(table: pd.DataFrame) -> int:
    """Number of customers with a profit below 0.

    >>> unprofitable_customers(pd.DataFrame({"gewinn": [5.0, -1.0, 0.0]}))
    1
    """
    if PROFIT not in table.columns:
        raise KundenkitError(f"Die Spalte '{PROFIT}' fehlt. Berechnen Sie die Tabelle mit customer_profit(...).")
    return int((table[PROFIT] < 0).sum())
