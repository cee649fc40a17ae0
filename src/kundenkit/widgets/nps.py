"""Widget of lesson 2.1: edit an answer distribution, see the NPS, its interval and when a change is noise."""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.nps import (
    distribution_chart,
    group_chart,
    nps_text,
    updated_distribution_spec,
    updated_group_spec,
)
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_count, de_percent
from kundenkit.models import nps as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

_STYLE = {"description_width": "260px"}
_LAYOUT = {"width": "580px"}
YOURS, SAME = "Ihre Verteilung", "Gleicher NPS"
GROUPING_LABELS = {"touchpoint": "Touchpoint", "land": "Land", "branche": "Branche"}
TABLE_LABELS = {"antworten": "Antworten", "keine_angabe": "ohne Angabe (k. A.)",
                "anteil_promotoren": "Promotoren", "anteil_passive": "Passive", "anteil_kritiker": "Kritiker",
                "nps_wert": "NPS", "nps_unten": "Intervall von", "nps_oben": "Intervall bis",
                "wenige_antworten": "wenige Antworten"}
TABLE_KINDS = {"antworten": "count", "keine_angabe": "count", "anteil_promotoren": "share:0",
               "anteil_passive": "share:0", "anteil_kritiker": "share:0", "nps_wert": "number:1",
               "nps_unten": "number:1", "nps_oben": "number:1", "wenige_antworten": "yesno"}


def render_verdict(result: model.NpsResult, change: float, other: model.NpsResult) -> str:
    """The verdict for a distribution: NPS and interval, whether ±``change`` is noise, and the twin distribution.

    >>> text = render_verdict(model.from_shares(0.5, 0.2, n=100), 5, model.same_nps(30, 0.0, n=100))
    >>> "NPS +30" in text, "Rauschen" in text, "1.875 Antworten" in text
    (True, True, True)
    """
    band = model.noise_band(result)
    needed = model.answers_needed(result, change)
    level = de_percent(result.level)
    head = (f"<b>NPS {nps_text(result.nps)} aus {de_count(result.n)} Antworten – Intervall ({level}): "
            f"{nps_text(result.low)} bis {nps_text(result.high)}.</b>")
    if model.answer_variance(result.promoters, result.detractors) == 0:
        noise = ("Alle Antworten liegen in einer Gruppe. Dann gibt die Näherung kein Intervall: "
                 "Schon eine einzige andere Antwort verändert den NPS. Verschieben Sie die Regler.")
        return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.45'>"
                + "<br>".join([head, noise]) + "</div>")
    if change <= band:
        noise = (f"Eine Veränderung um ±{nps_text(change).lstrip('+')} Punkte bis zur nächsten Befragung mit gleich "
                 f"vielen Antworten ist hier <b>Rauschen</b>: Erst ab ±{nps_text(band).lstrip('+')} Punkten ist sie "
                 f"mehr als Zufall.")
    else:
        noise = (f"Eine Veränderung um ±{nps_text(change).lstrip('+')} Punkte wäre hier <b>mehr als Rauschen</b>: "
                 f"Die Grenze liegt bei ±{nps_text(band, 1).lstrip('+')} Punkten.")
    need = (f"Damit ±{nps_text(change).lstrip('+')} Punkte sicher auffallen, brauchen Sie bei dieser Verteilung je "
            f"Befragung etwa {de_count(needed)} Antworten.")
    twin = (f"{SAME}: {de_percent(other.promoters)} Promotoren, {de_percent(other.passives)} Passive, "
            f"{de_percent(other.detractors)} Kritiker – derselbe NPS, aber ein Intervall von "
            f"{nps_text(other.low)} bis {nps_text(other.high)}. Der NPS allein zeigt nicht, wie die Antworten "
            "verteilt sind, und nicht, warum.")
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.45'>"
            + "<br>".join([head, noise, need, twin]) + "</div>")


def render_data_verdict(table: pd.DataFrame, by: str, by_label: str, min_n: int) -> str:
    """One paragraph on the learner's survey: overall NPS, highest and lowest group, whether their gap is noise.

    >>> t = model.nps_by_group(pd.DataFrame({"touchpoint": ["A"] * 50 + ["B"] * 50,
    ...                                      "nps": [10] * 40 + [5] * 10 + [9] * 10 + [2] * 40}))
    >>> text = render_data_verdict(t, "touchpoint", "Touchpoint", 30)
    >>> "NPS 0 (" in text, "mehr als Rauschen" in text
    (True, True)
    """
    total = table[table[by] == model.TOTAL]
    groups = table[(table[by] != model.TOTAL) & table["nps_wert"].notna()].reset_index(drop=True)
    parts = []
    if len(total):
        t = total.iloc[0]
        parts.append(f"<b>Ihre Daten: NPS {nps_text(t['nps_wert'])} ({nps_text(t['nps_unten'])} bis "
                     f"{nps_text(t['nps_oben'])}) aus {de_count(t['antworten'])} Antworten</b>"
                     + (f", {de_count(t['keine_angabe'])} ohne Angabe (k. A.)." if t["keine_angabe"] else "."))
    if len(groups) >= 2:
        best, worst = model.group_result(groups, 0), model.group_result(groups, len(groups) - 1)
        change = model.compare(worst, best)
        gap = "mehr als Rauschen" if not change.is_noise else "im Bereich des Rauschens"
        parts.append(f"{by_label} mit dem höchsten NPS: {html.escape(str(groups[by].iloc[0]))} "
                     f"({nps_text(best.nps)}), mit dem niedrigsten: {html.escape(str(groups[by].iloc[-1]))} "
                     f"({nps_text(worst.nps)}). Der Abstand von {nps_text(change.difference).lstrip('+')} Punkten "
                     f"ist {gap}.")
    few = int(groups["wenige_antworten"].sum())
    if few:
        parts.append(f"{few} Gruppe{'n haben' if few > 1 else ' hat'} weniger als {min_n} Antworten: "
                     "Deren NPS ist sehr unsicher.")
    return "<div style='margin:8px 0;line-height:1.45'>" + " ".join(parts) + "</div>"


class NpsExplorer(LessonExplorer):
    """Sliders for an answer distribution; shows NPS, interval, noise band and a distribution with the same NPS.

    With survey data the sliders start at the data's overall distribution, and a
    dropdown shows the NPS per touchpoint, country or sector (table and chart).

    Attributes
    ----------
    promoters, detractors : FloatSlider
        Shares of promoters (the main control) and detractors; passives are the rest.
    answers : IntSlider
        Number of answers n.
    passives_other : FloatSlider
        Share of passives in the distribution with the same NPS.
    change : IntSlider
        The change in points to check against the noise (default 5).
    grouping : Dropdown or None
        With data: the column to group the survey by.
    result, other : NpsResult
        The learner's distribution and the one with the same NPS.
    groups : DataFrame or None
        With data: :func:`kundenkit.models.nps.nps_by_group` for the chosen grouping.
    chart, group_chart : altair.JupyterChart
        The stacked bars; with data also the NPS per group.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, kunden: pd.DataFrame | None = None, *,
                 promoters: float = 0.5, detractors: float = 0.2, n: int = 200, change: int = 5,
                 level: float = 0.95, min_n: int = model.MIN_N, groupings=("touchpoint", "land", "branche"),
                 save_path=None, customer_col: str = "kunden_id", nps_col: str = "nps"):
        if isinstance(data, CustomerBase):
            befragung, kunden = data.require("befragung"), (kunden if kunden is not None else data.kunden)
        elif isinstance(data, pd.DataFrame) or data is None:
            befragung = data
        else:
            raise KundenkitError("Das Widget braucht Ihre Daten (daten) oder die Tabelle befragung, "
                                 f"nicht {type(data).__name__}.")
        self.level, self.min_n = model._check_level(level), min_n
        self.befragung, self.kunden = befragung, kunden
        self.customer_col, self.nps_col = customer_col, nps_col
        self.overall = None
        if befragung is not None:
            self.overall = model.net_promoter_score(befragung, nps_col=nps_col, level=self.level)
            if self.overall.n:
                promoters, detractors, n = self.overall.promoters, self.overall.detractors, self.overall.n
        n_max = max(2000, -(-int(n) // 1000) * 1000)
        self.promoters = widgets.FloatSlider(value=round(promoters, 2), min=0, max=1, step=0.01,
                                             description="Promotoren (9–10)", style=_STYLE,
                                             layout=_LAYOUT).add_class("kk-main-control")
        self.detractors = widgets.FloatSlider(value=min(round(detractors, 2), round(1 - self.promoters.value, 2)),
                                              min=0, max=round(1 - self.promoters.value, 2), step=0.01,
                                              description="Kritiker (0–6)", style=_STYLE, layout=_LAYOUT)
        self.answers = widgets.IntSlider(value=max(10, int(n)), min=10, max=n_max, step=10,
                                         description="Antworten (n)", style=_STYLE, layout=_LAYOUT)
        self.change = widgets.IntSlider(value=change, min=1, max=30, description="Geprüfte Veränderung (Punkte)",
                                        style=_STYLE, layout=_LAYOUT)
        self.passives_other = widgets.FloatSlider(value=0.0, min=0, max=1, step=0.01,
                                                  description="Gleicher NPS: Anteil Passive", style=_STYLE,
                                                  layout=_LAYOUT)
        self.passives_text = widgets.HTML()
        # The twin distribution starts far from the learner's: many passives if they have few, else none.
        first = model.from_shares(self.promoters.value, self.detractors.value, self.answers.value)
        top = model.max_passives(first.nps)
        self.passives_other.value = 0.0 if first.passives >= top / 2 else round(0.8 * top, 2)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self._compute()
        self.chart = alt.JupyterChart(distribution_chart(self._distribution(), subtitle=self._subtitle()),
                                      embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for control in (self.promoters, self.detractors, self.answers, self.change, self.passives_other):
            control.observe(self._on_change, names="value")
        sliders = [GermanSlider(self.promoters, percent=True), GermanSlider(self.detractors, percent=True),
                   self.passives_text, GermanSlider(self.answers), GermanSlider(self.change),
                   GermanSlider(self.passives_other, percent=True)]
        children: list[widgets.Widget] = [widgets.VBox(sliders), self.verdict, self.chart]
        self.grouping = self.groups = self.group_chart = None
        if befragung is not None:
            options = model.available_groupings(befragung, kunden, groupings, customer_col=customer_col)
            if options:
                self.grouping = widgets.Dropdown(options=[(GROUPING_LABELS.get(o, o), o) for o in options],
                                                 value=options[0], description="NPS je",
                                                 style={"description_width": "60px"})
                self.data_verdict, self.table_view = widgets.HTML(), widgets.HTML()
                self._compute_groups()
                self.group_chart = alt.JupyterChart(
                    group_chart(self.groups, self.grouping.value, by_label=self._by_label(), level=self.level,
                                min_n=self.min_n), embed_options=EMBED_OPTIONS)
                self._group_spec = self.group_chart.spec
                self.grouping.observe(self._on_grouping, names="value")
                children += [self.grouping, self.data_verdict, self.group_chart, self.table_view]
                self._show_groups()
        self._assemble(children, "kk-nps", save_path, data=data)
        self._show()

    # -- the learner's distribution ---------------------------------------------------------------
    def _compute(self) -> None:
        p, d = self.promoters.value, min(self.detractors.value, 1 - self.promoters.value)
        self.result = model.from_shares(p, d, self.answers.value, level=self.level)
        top = model.max_passives(self.result.nps)
        self.passives_other.max = max(round(top - 0.005, 2), 0.0)   # clamps the value too
        self.other = model.same_nps(self.result.nps, min(self.passives_other.value, top), self.result.n,
                                    level=self.level)

    def _distribution(self) -> pd.DataFrame:
        return model.distribution_frame({YOURS: self.result, SAME: self.other})

    def _subtitle(self) -> list[str]:
        return [f"{de_count(self.result.n)} Antworten je Verteilung · Intervall: {de_percent(self.level)}",
                "Gleicher NPS, andere Verteilung: Wie sicher ist die Zahl?"]

    def _show(self) -> None:
        self.passives_text.value = (f"<span style='margin-left:8px'>Passive (7–8): "
                                    f"<b>{de_percent(self.result.passives)}</b> (der Rest)</span>")
        self.verdict.value = render_verdict(self.result, self.change.value, self.other)

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self.promoters:
            self.detractors.max = round(1 - self.promoters.value, 2)   # clamps the value too
        self._compute()
        self._show()
        self.chart.spec = updated_distribution_spec(self._spec, self._distribution(), subtitle=self._subtitle())

    # -- the learner's survey -----------------------------------------------------------------------
    def _by_label(self) -> str:
        value = self.grouping.value if self.grouping is not None else ""
        return GROUPING_LABELS.get(value, value)

    def _compute_groups(self) -> None:
        assert self.grouping is not None and self.befragung is not None
        self.groups = model.nps_by_group(self.befragung, self.grouping.value, kunden=self.kunden,
                                         customer_col=self.customer_col, nps_col=self.nps_col, level=self.level,
                                         min_n=self.min_n)

    def _show_groups(self) -> None:
        assert self.grouping is not None and self.groups is not None
        by = self.grouping.value
        self.data_verdict.value = render_data_verdict(self.groups, by, self._by_label(), self.min_n)
        self.table_view.value = render_table(self.groups, TABLE_KINDS, {**TABLE_LABELS, by: self._by_label()},
                                             title=f"NPS je {self._by_label()}", max_rows=None)

    def _on_grouping(self, change=None) -> None:
        self._compute_groups()
        self._show_groups()
        assert self.group_chart is not None and self.groups is not None and self.grouping is not None
        self.group_chart.spec = updated_group_spec(self._group_spec, self.groups, self.grouping.value,
                                                   by_label=self._by_label(), level=self.level, min_n=self.min_n)

    def record(self) -> dict:
        """The current distribution and results as one flat record (for the transfer file)."""
        r, o = self.result, self.other
        band = model.noise_band(r)
        flat = model.answer_variance(r.promoters, r.detractors) == 0   # no interval: no noise verdict either
        out = {
            "anteil_promotoren": round(r.promoters, 3), "anteil_passive": round(r.passives, 3),
            "anteil_kritiker": round(r.detractors, 3), "antworten": r.n, "nps_wert": round(r.nps, 1),
            "nps_unten": round(r.low, 1), "nps_oben": round(r.high, 1),
            "geprüfte_veränderung": self.change.value,
            "rauschgrenze": None if flat else round(band, 1),
            "veränderung_ist_rauschen": None if flat else self.change.value <= band,
            "antworten_nötig": None if flat else model.answers_needed(r, self.change.value),
            "vergleich_anteil_promotoren": round(o.promoters, 3), "vergleich_anteil_passive": round(o.passives, 3),
            "vergleich_anteil_kritiker": round(o.detractors, 3),
        }
        if self.grouping is not None and self.groups is not None:
            groups = self.groups[self.groups[self.grouping.value] != model.TOTAL].dropna(subset=["nps_wert"])
            out["gruppierung"] = self._by_label()
            if len(groups):
                out["gruppe_höchster_nps"] = str(groups[self.grouping.value].iloc[0])
                out["gruppe_niedrigster_nps"] = str(groups[self.grouping.value].iloc[-1])
        return out


def explorer(data: CustomerBase | pd.DataFrame | None = None, kunden: pd.DataFrame | None = None,
             **kwargs) -> NpsExplorer:
    """The lesson's widget; pass your data (or the survey table) to start from your answers and see the groups."""
    return NpsExplorer(data, kunden, **kwargs)
