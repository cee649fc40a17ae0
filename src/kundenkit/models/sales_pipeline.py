"""Lesson 4.5 "Der Kennerblick aufs „V“": the sales pipeline in the eyes of a controller.

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 4); what
the "V" means in the book is not known to the course. The lesson computes what
a controller asks of a pipeline (formulas of sales practice; the derivation of
the stage probabilities from the learner's history is the **course's model**):

- *Advance rate* of a stage: of the closed opportunities (won or lost) that
  reached the stage, the share that reached the next one. An opportunity lost
  in "Angebot" reached Erstkontakt, Bedarf geklärt and Angebot; a won one
  reached every stage.
- *P(win | stage)*: the product of the advance rates from that stage to the
  last one (Abschluss).
- *Weighted pipeline* = Σ amount × P(win | stage) over the open opportunities;
  the unweighted pipeline is Σ amount.
- *Pipeline velocity* = open opportunities × win rate × average deal size /
  cycle length in days (HubSpot's "sales velocity"): euros per day. The win
  rate is won / closed, the deal size the mean amount of the won ones, the
  cycle the mean days from ``angelegt_am`` to ``abgeschlossen_am`` of the won ones.

The learner may set their own P(win | stage) and compare the weighted pipeline
with the one their history gives.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from kundenkit.data.synthetic import OPPORTUNITY_STATUS, STAGES
from kundenkit.errors import KundenkitError
from kundenkit.validation import cell_error, check_columns, shown_value

OPEN, WON, LOST = OPPORTUNITY_STATUS
#: The stages an open opportunity can be in (all but Abschluss).
OPEN_STAGES: tuple[str, ...] = STAGES[:-1]
FUNNEL_COLUMNS = ["phase", "erreicht", "weiter", "weiterquote", "gewinnchance", "offen", "offen_betrag",
                  "gewichtet"]
VELOCITY_COLUMNS = ["offene_chancen", "gewinnquote", "auftragswert", "zykluslaenge", "geschwindigkeit"]


def _clean_text(frame: pd.DataFrame, column: str, allowed: tuple[str, ...], what: str) -> pd.Series:
    """The column with blanks stripped; a German error naming the first value that is not allowed."""
    values = frame[column].astype("string").str.strip()
    lookup = {a.casefold(): a for a in allowed}
    mapped = values.str.casefold().map(lookup)
    bad = frame.index[mapped.isna().to_numpy()]
    if len(bad):
        row = bad[0]
        raise cell_error(frame, row, column,
                         f"{what} {shown_value(frame.at[row, column])} kennt der Kurs nicht. "
                         f"Erlaubt sind: {', '.join(allowed)}.",
                         "Schreiben Sie einen der erlaubten Werte in die Zelle.")
    return mapped.astype("string")


def check_opportunities(chancen: pd.DataFrame) -> pd.DataFrame:
    """The opportunities with phase, status and amount checked: a German error names file, line and column.

    Phase and status are matched without regard to case and blanks. A won
    opportunity counts as having reached every stage (its phase is set to
    Abschluss); an open one may not be in Abschluss; an amount must be a number of 0 or more.

    >>> t = pd.DataFrame({"phase": ["angebot ", "Verhandlung"], "status": ["verloren", "gewonnen"],
    ...                   "betrag": [100.0, 250.0]})
    >>> check_opportunities(t)["phase"].tolist()
    ['Angebot', 'Abschluss']
    >>> check_opportunities(t.assign(status=["offen", "vertagt"]))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'status', Zeile 1: Der Status 'vertagt' kennt der Kurs nicht. Erlaubt
        sind: offen, gewonnen, verloren. Schreiben Sie einen der erlaubten Werte in die Zelle.
    """
    check_columns(chancen, "chancen", {"stage_col": "phase", "status_col": "status", "amount_col": "betrag"})
    out = chancen.copy()
    out["phase"] = _clean_text(chancen, "phase", STAGES, "Die Phase")
    out["status"] = _clean_text(chancen, "status", OPPORTUNITY_STATUS, "Der Status")
    open_done = out.index[((out["status"] == OPEN) & (out["phase"] == STAGES[-1])).to_numpy()]
    if len(open_done):
        raise cell_error(chancen, open_done[0], "phase",
                         f"Diese Chance ist offen, steht aber in der Phase {STAGES[-1]}.",
                         "Eine Chance im Abschluss ist gewonnen: Setzen Sie den Status auf gewonnen, "
                         "oder tragen Sie die Phase ein, in der die Chance gerade steht.")
    out.loc[out["status"] == WON, "phase"] = STAGES[-1]
    amount = pd.to_numeric(chancen["betrag"], errors="coerce")
    bad = chancen.index[(amount.isna() | (amount < 0)).to_numpy()]
    if len(bad):
        row = bad[0]
        problem = ("Hier fehlt der Betrag." if pd.isna(chancen.at[row, "betrag"])
                   else f"Der Betrag {shown_value(chancen.at[row, 'betrag'])} ist keine Zahl ab 0.")
        raise cell_error(chancen, row, "betrag", problem, "Tragen Sie den Betrag der Chance in Euro ein.")
    out["betrag"] = amount.astype(float)
    return out


@dataclass(frozen=True)
class PipelineModel:
    """The learner's opportunities, reduced once to the arrays every setting needs.

    ``reached`` is the index in :data:`STAGES` of the last stage each closed
    opportunity reached; ``open_stage`` and ``open_amount`` describe the open ones.
    """

    reached: np.ndarray
    won_amounts: np.ndarray
    won_days: np.ndarray
    open_stage: np.ndarray
    open_amount: np.ndarray
    _reached_counts: np.ndarray = field(init=False, repr=False, compare=False)
    _open_count: np.ndarray = field(init=False, repr=False, compare=False)
    _open_sum: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, dtype in (("reached", np.int64), ("won_amounts", float), ("won_days", float),
                            ("open_stage", np.int64), ("open_amount", float)):
            object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=dtype))
        # Everything a setting of the chances needs, per stage, counted once (a widget change stays O(stages)).
        k = len(STAGES)
        object.__setattr__(self, "_reached_counts",
                           np.bincount(self.reached, minlength=k)[:k][::-1].cumsum()[::-1].astype(int))
        object.__setattr__(self, "_open_count", np.bincount(self.open_stage, minlength=k)[:k].astype(int))
        object.__setattr__(self, "_open_sum", np.bincount(self.open_stage, weights=self.open_amount, minlength=k)[:k])

    @classmethod
    def from_table(cls, chancen: pd.DataFrame) -> PipelineModel:
        """The model of a table ``chancen`` (the course data's or the learner's own).

        >>> t = pd.DataFrame({"phase": ["Angebot", "Abschluss", "Erstkontakt"],
        ...                   "status": ["verloren", "gewonnen", "offen"], "betrag": [100.0, 300.0, 50.0],
        ...                   "angelegt_am": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-03-01"]),
        ...                   "abgeschlossen_am": pd.to_datetime(["2024-02-01", "2024-01-31", None])})
        >>> m = PipelineModel.from_table(t)
        >>> m.reached.tolist(), m.open_stage.tolist(), m.won_days.tolist()
        ([2, 4], [0], [30.0])
        """
        clean = check_opportunities(chancen)
        stage = clean["phase"].map(STAGES.index).to_numpy(dtype=np.int64)
        status = clean["status"].to_numpy(dtype=object)
        amount = clean["betrag"].to_numpy(dtype=float)
        closed, won, is_open = status != OPEN, status == WON, status == OPEN
        days = np.full(int(won.sum()), np.nan)
        if {"angelegt_am", "abgeschlossen_am"} <= set(clean.columns):
            opened = pd.to_datetime(clean.loc[won, "angelegt_am"], errors="coerce")
            done = pd.to_datetime(clean.loc[won, "abgeschlossen_am"], errors="coerce")
            days = (done - opened).dt.days.to_numpy(dtype=float)
        return cls(reached=stage[closed], won_amounts=amount[won], won_days=days,
                   open_stage=stage[is_open], open_amount=amount[is_open])

    @property
    def closed(self) -> int:
        return len(self.reached)

    @property
    def open(self) -> int:
        return len(self.open_stage)

    def advance_rates(self) -> np.ndarray:
        """Per open stage: of the closed opportunities that reached it, the share that reached the next (NaN: none).

        >>> m = PipelineModel(np.array([0, 0, 1, 4]), np.array([9.0]), np.array([5.0]), np.array([]), np.array([]))
        >>> m.advance_rates().round(3).tolist()
        [0.5, 0.5, 1.0, 1.0]
        """
        counts = self._reached_counts.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts[:-1] > 0, counts[1:] / np.where(counts[:-1] > 0, counts[:-1], 1), np.nan)

    def historical_chances(self) -> np.ndarray:
        """P(win | stage) for each open stage: the product of the advance rates from it to Abschluss.

        >>> m = PipelineModel(np.array([0, 0, 1, 4]), np.array([9.0]), np.array([5.0]), np.array([]), np.array([]))
        >>> m.historical_chances().round(3).tolist()
        [0.25, 0.5, 1.0, 1.0]
        """
        return np.cumprod(self.advance_rates()[::-1])[::-1]

    def funnel(self, chances: Mapping[str, float] | None = None) -> pd.DataFrame:
        """One row per stage: closed opportunities that reached it and moved on, the advance rate, the chance
        of winning, the open opportunities and their amount, unweighted and weighted.

        ``chances`` (stage → probability 0–1) replaces the historical P(win | stage)
        of the stages it names. The last row (Abschluss) counts the won opportunities.

        >>> m = PipelineModel(np.array([0, 0, 1, 4]), np.array([9.0]), np.array([5.0]),
        ...                   np.array([0, 2]), np.array([100.0, 40.0]))
        >>> f = m.funnel()
        >>> f[["phase", "erreicht", "weiter", "offen", "gewichtet"]].values.tolist()[:3]
        [['Erstkontakt', 4, 2, 1, 25.0], ['Bedarf geklärt', 2, 1, 0, 0.0], ['Angebot', 1, 1, 1, 40.0]]
        >>> float(m.funnel({"Erstkontakt": 0.1}).loc[0, "gewichtet"])
        10.0
        """
        probability = self.chances(chances)
        reached = self._reached_counts.tolist()
        open_count, open_sum = self._open_count, self._open_sum
        rates = np.append(self.advance_rates(), np.nan)
        win = np.append(probability, 1.0)
        return pd.DataFrame({
            "phase": list(STAGES), "erreicht": reached, "weiter": reached[1:] + [0],
            "weiterquote": rates, "gewinnchance": win, "offen": open_count.astype(int),
            "offen_betrag": open_sum, "gewichtet": np.nan_to_num(open_sum * win),
        }, columns=FUNNEL_COLUMNS)

    def chances(self, chances: Mapping[str, float] | None = None) -> np.ndarray:
        """P(win | stage) per open stage: the learner's where given, else the historical one.

        >>> m = PipelineModel(np.array([0, 4]), np.array([9.0]), np.array([5.0]), np.array([]), np.array([]))
        >>> m.chances({"Angebot": 0.3}).tolist()
        [0.5, 1.0, 0.3, 1.0]
        >>> m.chances({"Abschluss": 1.0})
        Traceback (most recent call last):
        ...
        kundenkit.errors.KundenkitError: Für die Phase 'Abschluss' gibt es keine Gewinnchance einzustellen. Möglich
            sind: Erstkontakt, Bedarf geklärt, Angebot, Verhandlung.
        """
        probability = self.historical_chances().copy()
        for stage, value in (chances or {}).items():
            if stage not in OPEN_STAGES:
                raise KundenkitError(f"Für die Phase {stage!r} gibt es keine Gewinnchance einzustellen. Möglich "
                                     f"sind: {', '.join(OPEN_STAGES)}.", parameter="chances")
            if not 0 <= float(value) <= 1:
                raise KundenkitError(f"Die Gewinnchance der Phase {stage!r} ist {value!r}. Erlaubt sind Werte von "
                                     "0 bis 1 (0 % bis 100 %).", parameter="chances", wert=value)
            probability[OPEN_STAGES.index(stage)] = float(value)
        return probability

    def weighted(self, chances: Mapping[str, float] | None = None) -> float:
        """Σ amount × P(win | stage) over the open opportunities (stages without history count 0), summed per stage.

        >>> m = PipelineModel(np.array([0, 4]), np.array([9.0]), np.array([5.0]), np.array([0, 3]),
        ...                   np.array([100.0, 10.0]))
        >>> m.weighted(), m.weighted({"Erstkontakt": 0.2}), m.unweighted
        (60.0, 30.0, 110.0)
        """
        probability = np.nan_to_num(self.chances(chances))
        return float((self._open_sum[:len(OPEN_STAGES)] * probability).sum())

    @property
    def unweighted(self) -> float:
        return float(self._open_sum.sum())

    @cached_property
    def _velocity(self) -> pd.DataFrame:
        return self._compute_velocity()

    def velocity(self) -> pd.DataFrame:
        """The four parts of the pipeline velocity and the result in euros per day (a copy; computed once)."""
        return self._velocity.copy()

    def _compute_velocity(self) -> pd.DataFrame:
        """The four parts of the pipeline velocity and the result in euros per day (HubSpot's formula), one row.

        >>> m = PipelineModel(np.array([0, 4, 4, 2]), np.array([100.0, 300.0]), np.array([20.0, 40.0]),
        ...                   np.array([0, 1, 2]), np.array([1.0, 1.0, 1.0]))
        >>> m._compute_velocity().iloc[0].tolist()
        [3.0, 0.5, 200.0, 30.0, 10.0]
        """
        win_rate = len(self.won_amounts) / self.closed if self.closed else np.nan
        deal = float(self.won_amounts.mean()) if len(self.won_amounts) else np.nan
        days = self.won_days[~np.isnan(self.won_days)]
        cycle = float(days.mean()) if len(days) else np.nan
        speed = self.open * win_rate * deal / cycle if cycle > 0 else np.nan
        return pd.DataFrame({"offene_chancen": [self.open], "gewinnquote": [win_rate], "auftragswert": [deal],
                             "zykluslaenge": [cycle], "geschwindigkeit": [speed]}, columns=VELOCITY_COLUMNS)

    def velocity_per_day(self) -> float:
        """Pipeline velocity in euros per day (NaN without won opportunities with both dates)."""
        return float(self._velocity.at[0, "geschwindigkeit"])


def lesson_model(chancen: pd.DataFrame) -> PipelineModel:
    """The lesson's model of ``chancen``; a German error if the table is empty or has no closed opportunity.

    >>> lesson_model(pd.DataFrame({"phase": ["Angebot"], "status": ["offen"], "betrag": [1.0]}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle chancen ist keine Chance abgeschlossen (gewonnen oder
        verloren). Die Gewinnchancen je Phase rechnet der Kurs aus abgeschlossenen Chancen; ergänzen Sie diese.
    """
    model = PipelineModel.from_table(chancen)
    if model.closed == 0:
        raise KundenkitError("In der Tabelle chancen ist keine Chance abgeschlossen (gewonnen oder verloren). Die "
                             "Gewinnchancen je Phase rechnet der Kurs aus abgeschlossenen Chancen; ergänzen Sie diese.")
    return model
