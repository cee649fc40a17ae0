"""Lesson 4.21 "The Human Touchpoint – Wo der Mensch noch einen Unterschied machen kann …".

Of the book's story the course knows only the title (Hafner 2019, Kap. 4). Its
source is Hafner's column of the same name (Hafner 2015, Hafners Kolumne 11,
vernetzt!): relationships are always between people; people who honestly care
about a customer's concern are what makes a customer say a loud yes – and they
are expensive. So a firm has to decide where customers mainly want good prices
and solved problems (automate) and where real people create emotional,
profitable relationships (keep them).

**Course model** (not a calculation from the column or the book): per touchpoint
of the table ``kontakte`` ::

    value of the human touch per contact = (mean rating of human contacts
                                            − mean rating of digital contacts) × € per rating point
    extra cost per human contact         = mean cost of its human contacts − mean cost of its digital contacts
    decision                             = keep human if value > extra cost, else automate

- Which channel counts as *human* and which as *digital* is a choice of the
  course (:data:`HUMAN_CHANNELS`, :data:`DIGITAL_CHANNELS`), adjustable.
- The cost per contact and channel is lesson 1.2's assumption
  (:meth:`kundenkit.models.customer_profit.Assumptions.contact_cost`).
- The € value of one rating point per contact is the learner's assumption
  (default per sector: :data:`POINT_VALUES`).
- A touchpoint needs at least :data:`MIN_CONTACTS` human and as many digital
  contacts for a comparison; otherwise the model says why it cannot compare.
- The difference is measured, not proven: the model gives its 95 % margin
  (normal approximation) and says whether it is secured.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.data.synthetic import HUMAN_CHANNELS  # where a person serves the customer (course's choice)
from kundenkit.errors import KundenkitError
from kundenkit.models.customer_profit import Assumptions, assumptions_for, years_covered
from kundenkit.validation import check_columns, check_ratings

HUMAN, DIGITAL = "Mensch", "digital"
#: Channels a firm can automate: self-service, written and templated contact (a choice of the course).
DIGITAL_CHANNELS: tuple[str, ...] = ("App", "Online-Shop", "Online-Banking", "Online-Portal", "E-Mail", "Chat",
                                     "Post")
#: Fewest contacts of each kind a touchpoint needs for a comparison (course assumption).
MIN_CONTACTS = 30
#: Default € value of one rating point (scale 1–5) per contact, per sector – an assumption of the course.
POINT_VALUES: dict[str, float] = {"Handel": 10.0, "Bank": 50.0, "Versicherung": 20.0, "Telekommunikation": 20.0,
                                  "Maschinenbau": 300.0}
Z_95 = 1.96

KEEP, AUTOMATE = "Mensch behalten", "automatisieren"
ONLY_HUMAN = "nur Menschen: kein Vergleich"
ONLY_DIGITAL = "schon digital"
TOO_FEW = "zu wenige Kontakte"
#: Order of the decisions in tables and charts.
DECISIONS = (KEEP, AUTOMATE, ONLY_HUMAN, ONLY_DIGITAL, TOO_FEW)

MEASURE_COLUMNS = ["touchpoint", "kontakte_mensch", "kontakte_digital", "bewertung_mensch", "bewertung_digital",
                   "unterschied", "unsicherheit", "gesichert"]
DECISION_COLUMNS = ["touchpoint", "unterschied", "wert_mensch", "mehrkosten", "lohnt_ab", "entscheidung",
                    "mehrkosten_pro_jahr"]


def check_point_value(value) -> float:
    """The € value of one rating point, checked: a number from 0 on.

    >>> check_point_value(12), check_point_value(0.5)
    (12.0, 0.5)
    >>> check_point_value(-1)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'point_value' ist -1; erlaubt sind Werte ab 0 (€ je Bewertungspunkt
        und Kontakt).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter 'point_value' muss eine Zahl sein, nicht {value!r}.",
                             parameter="point_value", wert=value)
    if value < 0:
        raise KundenkitError(f"Der Parameter 'point_value' ist {value!r}; erlaubt sind Werte ab 0 (€ je "
                             "Bewertungspunkt und Kontakt).", parameter="point_value", wert=value)
    return float(value)


def point_value_for(branche: str = "Handel") -> float:
    """The course's default € value of one rating point per contact for a sector (an assumption).

    >>> point_value_for("Bank"), point_value_for("maschinenbau")
    (50.0, 300.0)
    """
    from kundenkit.validation import check_choice
    return POINT_VALUES[check_choice("branche", branche, tuple(POINT_VALUES), "Branche")]


def channel_kinds(channels: Iterable[str], human_channels: Iterable[str] = HUMAN_CHANNELS,
                  digital_channels: Iterable[str] = DIGITAL_CHANNELS) -> dict[str, str | None]:
    """Human, digital or None (not assigned) for each channel.

    >>> channel_kinds(["Filiale", "App", "Brieftaube"])
    {'Filiale': 'Mensch', 'App': 'digital', 'Brieftaube': None}
    >>> channel_kinds(["Chat"], human_channels=["Chat"], digital_channels=["App"])
    {'Chat': 'Mensch'}
    """
    human, digital = set(map(str, human_channels)), set(map(str, digital_channels))
    both = sorted(human & digital)
    if both:
        raise KundenkitError(f"Der Kanal {both[0]!r} steht sowohl bei den menschlichen als auch bei den digitalen "
                             "Kanälen. Ordnen Sie jeden Kanal nur einer Art zu.", parameter="human_channels",
                             wert=both[0])
    return {c: HUMAN if c in human else DIGITAL if c in digital else None for c in channels}


@dataclass(frozen=True)
class HumanTouchResult:
    """The decision per touchpoint for one € value per rating point.

    ``table`` has one row per touchpoint (comparable ones first, largest
    difference first): the measurement (:data:`MEASURE_COLUMNS`), ``kosten_mensch``,
    ``kosten_digital``, ``mehrkosten`` (€ per human contact), ``wert_mensch``
    (€ per human contact), ``lohnt_ab`` (€ per point from which the human pays;
    empty when the humans are not rated better), ``entscheidung``,
    ``mehrkosten_pro_jahr`` and ``wert_pro_jahr`` (€ per year for all human contacts).
    """

    point_value: float
    table: pd.DataFrame

    def touchpoints(self, decision: str) -> list[str]:
        return self.table.loc[self.table["entscheidung"] == decision, "touchpoint"].tolist()

    @property
    def compared(self) -> int:
        """Touchpoints with enough human and digital contacts for a comparison."""
        return int(self.table["entscheidung"].isin((KEEP, AUTOMATE)).sum())

    @property
    def secured(self) -> int:
        """Compared touchpoints whose difference is secured (outside its 95 % margin)."""
        return int(self.table["gesichert"].eq(True).sum())

    @property
    def savings(self) -> float:
        """€ per year the human contacts at the touchpoints to automate cost more than digital ones."""
        return float(self.table.loc[self.table["entscheidung"] == AUTOMATE, "mehrkosten_pro_jahr"].sum())

    @property
    def kept_cost(self) -> float:
        """€ per year of extra cost for the human contacts the firm keeps."""
        return float(self.table.loc[self.table["entscheidung"] == KEEP, "mehrkosten_pro_jahr"].sum())


@dataclass(frozen=True)
class HumanTouchModel:
    """Ratings and costs per touchpoint and kind of channel, computed once; :meth:`evaluate` only decides.

    Build it with :meth:`from_table`.
    """

    measures: pd.DataFrame       # per touchpoint: MEASURE_COLUMNS, costs, status ("" when comparable)
    channels: pd.DataFrame       # kanal, art, kontakte, kosten_je_kontakt
    kinds: pd.DataFrame          # art, kontakte, anteil, bewertung over all touchpoints
    unassigned: tuple[str, ...]  # channels of the data that are neither human nor digital (left out)
    without_rating: int          # contacts without a rating (left out)
    years: float
    min_contacts: int

    @classmethod
    def from_table(cls, kontakte: pd.DataFrame, *, assumptions: Assumptions | None = None,
                   human_channels: Iterable[str] = HUMAN_CHANNELS,
                   digital_channels: Iterable[str] = DIGITAL_CHANNELS, min_contacts: int = MIN_CONTACTS,
                   touchpoint_col: str = "touchpoint", channel_col: str = "kanal", rating_col: str = "bewertung",
                   date_col: str = "datum") -> HumanTouchModel:
        """Aggregate ``kontakte`` per touchpoint and kind of channel.

        >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4 + ["Shop"] * 2,
        ...                   "kanal": ["Telefon", "Telefon", "Chat", "Chat", "Filiale", "Filiale"],
        ...                   "bewertung": [5, 4, 3, 3, 4, 4],
        ...                   "datum": pd.to_datetime(["2024-01-01"] * 5 + ["2024-12-31"])})
        >>> m = HumanTouchModel.from_table(k, min_contacts=2)
        >>> m.measures[["touchpoint", "kontakte_digital", "unterschied", "status"]]
          touchpoint  kontakte_digital  unterschied                        status
        0    Hotline                 2          1.5
        1       Shop                 0          NaN  nur Menschen: kein Vergleich
        >>> float(m.measures.loc[0, "mehrkosten"])
        3.0
        """
        if isinstance(min_contacts, bool) or not isinstance(min_contacts, numbers.Integral) or min_contacts < 2:
            raise KundenkitError(f"Der Parameter 'min_contacts' ist {min_contacts!r}; erlaubt sind ganze Zahlen ab "
                                 "2.", parameter="min_contacts", wert=min_contacts)
        assumptions = assumptions or assumptions_for("Handel")
        check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col, "channel_col": channel_col,
                                             "rating_col": rating_col})
        ratings = check_ratings(kontakte, rating_col)
        channel = kontakte[channel_col].fillna("unbekannt").astype(str)
        kinds = channel_kinds(pd.unique(channel), human_channels, digital_channels)
        kind = channel.map(kinds)
        unit = channel.map(assumptions.contact_cost).to_numpy(dtype=float)
        years = years_covered(kontakte, date_col=date_col) if date_col in kontakte.columns else 1.0
        frame = pd.DataFrame({"tp": kontakte[touchpoint_col].fillna("unbekannt").astype(str).to_numpy(),
                              "kind": kind.to_numpy(), "r": ratings.to_numpy(dtype=float), "c": unit})
        used = frame[frame["kind"].notna() & frame["r"].notna()]
        channels = pd.DataFrame({"kanal": channel.to_numpy(), "art": kind.fillna("nicht zugeordnet").to_numpy(),
                                 "kosten_je_kontakt": unit})
        channels = (channels.groupby(["kanal", "art", "kosten_je_kontakt"], sort=False).size()
                    .rename("kontakte").reset_index()
                    .sort_values(["art", "kontakte"], ascending=[False, False], ignore_index=True)
                    [["kanal", "art", "kontakte", "kosten_je_kontakt"]])
        stats = used.groupby(["tp", "kind"], sort=True).agg(n=("r", "size"), mean=("r", "mean"), var=("r", "var"),
                                                             cost=("c", "mean")).unstack("kind")
        touchpoints = sorted(frame["tp"].unique())
        stats = stats.reindex(touchpoints)

        def part(name: str, k: str) -> np.ndarray:
            return (stats[(name, k)].to_numpy(dtype=float) if (name, k) in stats.columns
                    else np.full(len(touchpoints), np.nan))

        n_h, n_d = np.nan_to_num(part("n", HUMAN)).astype(np.int64), np.nan_to_num(part("n", DIGITAL)).astype(np.int64)
        m_h, m_d = part("mean", HUMAN), part("mean", DIGITAL)
        margin = Z_95 * np.sqrt(np.nan_to_num(part("var", HUMAN)) / np.maximum(n_h, 1)
                                + np.nan_to_num(part("var", DIGITAL)) / np.maximum(n_d, 1))
        comparable = (n_h >= min_contacts) & (n_d >= min_contacts)
        status = np.where(comparable, "", np.where(
            (n_d == 0) & (n_h > 0), ONLY_HUMAN, np.where((n_h == 0) & (n_d > 0), ONLY_DIGITAL, TOO_FEW)))
        diff = np.where(comparable, m_h - m_d, np.nan)
        cost_h, cost_d = part("cost", HUMAN), part("cost", DIGITAL)
        measures = pd.DataFrame({
            "touchpoint": touchpoints, "kontakte_mensch": n_h, "kontakte_digital": n_d,
            "bewertung_mensch": np.round(m_h, 2), "bewertung_digital": np.round(m_d, 2),
            "unterschied": np.round(diff, 2), "unsicherheit": np.round(np.where(comparable, margin, np.nan), 2),
            "gesichert": pd.array(np.where(comparable, np.abs(m_h - m_d) > margin, None), dtype=object),
            "kosten_mensch": np.round(cost_h, 2), "kosten_digital": np.round(cost_d, 2),
            "mehrkosten": np.round(np.where(comparable, cost_h - cost_d, np.nan), 2),
            "status": status,
        })
        per_kind = used.groupby("kind")["r"].agg(["size", "mean"]).reindex([HUMAN, DIGITAL])
        n_kind = per_kind["size"].fillna(0).to_numpy(dtype=np.int64)
        kinds_table = pd.DataFrame({"art": [HUMAN, DIGITAL], "kontakte": n_kind,
                                    "anteil": np.round(n_kind / max(int(n_kind.sum()), 1), 4),
                                    "bewertung": per_kind["mean"].round(2).to_numpy()})
        order = np.lexsort((measures["touchpoint"].to_numpy(), -np.nan_to_num(measures["unterschied"], nan=-99),
                            ~comparable))
        measures = measures.iloc[order].reset_index(drop=True)
        return cls(measures=measures, channels=channels, kinds=kinds_table,
                   unassigned=tuple(sorted(c for c, k in kinds.items() if k is None)),
                   without_rating=int(ratings.isna().sum()), years=years, min_contacts=int(min_contacts))

    def evaluate(self, point_value: float) -> HumanTouchResult:
        """Value of the human touch vs its extra cost per touchpoint → keep human or automate.

        >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4, "kanal": ["Telefon", "Telefon", "Chat", "Chat"],
        ...                   "bewertung": [5, 4, 3, 3]})
        >>> m = HumanTouchModel.from_table(k, min_contacts=2)
        >>> m.evaluate(1.0).table[["wert_mensch", "mehrkosten", "lohnt_ab", "entscheidung"]]
           wert_mensch  mehrkosten  lohnt_ab    entscheidung
        0          1.5         3.0       2.0  automatisieren
        >>> m.evaluate(2.5).touchpoints("Mensch behalten")
        ['Hotline']
        """
        value = check_point_value(point_value)
        t = self.measures.copy()
        diff, extra = t["unterschied"].to_numpy(dtype=float), t["mehrkosten"].to_numpy(dtype=float)
        worth = diff * value
        keep = worth > extra
        with np.errstate(divide="ignore", invalid="ignore"):
            t["lohnt_ab"] = np.round(np.where(diff > 0, np.maximum(extra, 0) / diff, np.nan), 2)
        t["wert_mensch"] = np.round(worth, 2) + 0.0
        t["entscheidung"] = np.where(t["status"] == "", np.where(keep, KEEP, AUTOMATE), t["status"])
        t["mehrkosten_pro_jahr"] = np.round(t["kontakte_mensch"] * extra / self.years, 2)
        t["wert_pro_jahr"] = np.round(t["kontakte_mensch"] * worth / self.years, 2) + 0.0
        return HumanTouchResult(point_value=value, table=t.drop(columns="status"))

    def kind_summary(self) -> pd.DataFrame:
        """Contacts, share and mean rating of human and digital contacts over all touchpoints.

        Over all touchpoints the two kinds are not comparable: they serve different
        touchpoints. The fair comparison is per touchpoint (:attr:`measures`).

        >>> k = pd.DataFrame({"touchpoint": ["A", "A", "B"], "kanal": ["Filiale", "App", "App"],
        ...                   "bewertung": [5, 3, 1]})
        >>> HumanTouchModel.from_table(k).kind_summary()
               art  kontakte  anteil  bewertung
        0   Mensch         1  0.3333        5.0
        1  digital         2  0.6667        2.0
        """
        return self.kinds.copy()

    def channel_table(self) -> pd.DataFrame:
        """The channels of the data: human, digital or not assigned, with contacts and cost per contact."""
        return self.channels.copy()


def human_touch(kontakte: pd.DataFrame, point_value: float, *, assumptions: Assumptions | None = None,
                **options) -> pd.DataFrame:
    """The decision table per touchpoint in one step (see :class:`HumanTouchModel`).

    >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4, "kanal": ["Telefon", "Telefon", "Chat", "Chat"],
    ...                   "bewertung": [5, 4, 3, 3]})
    >>> human_touch(k, 10, min_contacts=2)["entscheidung"].tolist()
    ['Mensch behalten']
    """
    return HumanTouchModel.from_table(kontakte, assumptions=assumptions, **options).evaluate(point_value).table


def channel_lists(human_channels: Iterable[str] = HUMAN_CHANNELS,
                  digital_channels: Iterable[str] = DIGITAL_CHANNELS) -> pd.DataFrame:
    """Which channel the course counts as human and which as digital (a choice, adjustable).

    >>> channel_lists()["art"].tolist()
    ['Mensch', 'digital']
    """
    return pd.DataFrame({"art": [HUMAN, DIGITAL],
                         "kanäle": [", ".join(human_channels), ", ".join(digital_channels)]})
