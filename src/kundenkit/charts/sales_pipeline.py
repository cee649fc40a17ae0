"""Chart of lesson 4.5: the funnel of the closed opportunities and the open pipeline, unweighted and weighted.

Top: one centred bar per stage, as wide as the number of closed opportunities
that reached it, labelled with that number and the share that moved on.
Bottom: per open stage the open amount (unweighted), weighted with the historical
chances and weighted with the learner's. All rows live in named data sets; a
widget swaps only them (:func:`updated_spec`).
"""
from __future__ import annotations

import copy
from collections.abc import Mapping

import altair as alt

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import de_count, de_money, de_percent
from kundenkit.models.sales_pipeline import OPEN_STAGES, STAGES, PipelineModel

TITLE = "Trichter und Pipeline Ihrer Vertriebschancen"
UNWEIGHTED, HISTORICAL, OWN = "offen, ungewichtet", "gewichtet: Ihre Vergangenheit", "gewichtet: Ihre Chancen"
SERIES = (UNWEIGHTED, HISTORICAL, OWN)
SERIES_COLOURS = alt.Scale(domain=list(SERIES), range=["#BBBBBB", PALETTE[4], PALETTE[1]])
WIDTH = 540


def funnel_rows(model: PipelineModel) -> list[dict]:
    """One centred bar per stage: closed opportunities that reached it, and the label beside it.

    >>> m = PipelineModel([0, 0, 1, 4], [9.0], [5.0], [], [])
    >>> [(r["phase"], r["x"], r["x2"], r["text"]) for r in funnel_rows(m)][:2]
    [('Erstkontakt', -2.0, 2.0, '4 · 50 % weiter'), ('Bedarf geklärt', -1.0, 1.0, '2 · 50 % weiter')]
    """
    funnel = model.funnel()
    rows = []
    for stage, reached, rate in zip(funnel["phase"], funnel["erreicht"], funnel["weiterquote"]):
        text = de_count(reached) + ("" if rate != rate else f" · {de_percent(rate)} weiter")
        if stage == STAGES[-1]:
            text = f"{de_count(reached)} gewonnen"
        rows.append({"phase": stage, "x": -reached / 2, "x2": reached / 2, "text": text})
    return rows


def pipeline_rows(model: PipelineModel, chances: Mapping[str, float] | None = None) -> list[dict]:
    """Per open stage three bars: the open amount, weighted with the history and with the learner's chances.

    >>> m = PipelineModel([0, 4], [9.0], [5.0], [0], [100.0])
    >>> [(r["reihe"], r["betrag"]) for r in pipeline_rows(m, {"Erstkontakt": 0.2})][:3]
    [('offen, ungewichtet', 100.0), ('gewichtet: Ihre Vergangenheit', 50.0), ('gewichtet: Ihre Chancen', 20.0)]
    """
    historical = model.funnel()
    own = model.funnel(chances)
    rows = []
    for k, stage in enumerate(OPEN_STAGES):
        values = (historical.at[k, "offen_betrag"], historical.at[k, "gewichtet"], own.at[k, "gewichtet"])
        for series, value in zip(SERIES, values):
            rows.append({"phase": stage, "reihe": series, "betrag": round(float(value), 2),
                         "text": de_money(float(value), 0)})
    return rows


def _subtitle(model: PipelineModel, chances: Mapping[str, float] | None) -> list[str]:
    return [f"Oben: {de_count(model.closed)} abgeschlossene Chancen, wie weit sie kamen · unten: "
            f"{de_count(model.open)} offene Chancen",
            f"Pipeline ungewichtet {de_money(model.unweighted, 0)} · gewichtet mit Ihrer Vergangenheit "
            f"{de_money(model.weighted(), 0)} · mit Ihren Chancen {de_money(model.weighted(chances), 0)}"]


def datasets(model: PipelineModel, chances: Mapping[str, float] | None = None) -> dict[str, list[dict]]:
    """All named data sets of the chart for one set of the learner's chances."""
    return {"trichter": funnel_rows(model), "pipeline": pipeline_rows(model, chances)}


def pipeline_chart(model: PipelineModel, chances: Mapping[str, float] | None = None, *,
                   width: int = WIDTH) -> alt.VConcatChart:
    """The funnel (top) and the open pipeline per stage, unweighted and weighted (bottom).

    >>> m = PipelineModel([0, 4], [9.0], [5.0], [0], [100.0])
    >>> spec = pipeline_chart(m).to_dict()
    >>> sorted(spec["datasets"]), spec["title"]["text"]
    (['pipeline', 'trichter'], 'Trichter und Pipeline Ihrer Vertriebschancen')
    """
    stage_axis = alt.Y("phase:N", sort=list(STAGES), title=None, axis=alt.Axis(labelFontSize=12, labelLimit=140))
    top = max(1, int(model.reached.size))
    funnel_base = alt.Chart(alt.NamedData("trichter"))
    bars = funnel_base.mark_bar(color=PALETTE[4], opacity=0.85).encode(
        x=alt.X("x:Q", title="Abgeschlossene Chancen, die die Phase erreicht haben", axis=None,
                scale=alt.Scale(domain=[-top / 2, top / 2 * 2.2])),
        x2="x2:Q", y=stage_axis,
        tooltip=[alt.Tooltip("phase:N", title="Phase"), alt.Tooltip("text:N", title="Erreicht")])
    labels = funnel_base.mark_text(align="left", dx=6, fontSize=12).encode(
        x=alt.X("x2:Q"), y=alt.Y("phase:N", sort=list(STAGES)), text="text:N")
    funnel = layer(bars, labels).properties(width=width, height=150,
                                            title=alt.Title("Trichter: abgeschlossene Chancen je Phase",
                                                            fontSize=13, anchor="start"))
    pipe_base = alt.Chart(alt.NamedData("pipeline"))
    y = alt.Y("phase:N", sort=list(OPEN_STAGES), title=None, axis=alt.Axis(labelFontSize=12, labelLimit=140))
    pipe_bars = pipe_base.mark_bar().encode(
        x=alt.X("betrag:Q", title="Betrag der offenen Chancen (€)", axis=alt.Axis(format=",.0f")),
        y=y, yOffset=alt.YOffset("reihe:N", sort=list(SERIES)),
        color=alt.Color("reihe:N", scale=SERIES_COLOURS, sort=list(SERIES), title=None,
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("phase:N", title="Phase"), alt.Tooltip("reihe:N", title="Reihe"),
                 alt.Tooltip("text:N", title="Betrag")])
    pipeline = pipe_bars.properties(width=width, height=220,
                                    title=alt.Title("Pipeline: offene Chancen je Phase", fontSize=13,
                                                    anchor="start"))
    chart = alt.vconcat(funnel, pipeline, spacing=18).properties(
        title=alt.Title(TITLE, subtitle=_subtitle(model, chances), offset=12))
    return chart.properties(datasets=datasets(model, chances))


def updated_spec(spec: dict, model: PipelineModel, chances: Mapping[str, float] | None) -> dict:
    """A copy of ``pipeline_chart(...).to_dict()`` for other chances – no Altair rebuild.

    >>> m = PipelineModel([0, 4], [9.0], [5.0], [0], [100.0])
    >>> spec = pipeline_chart(m).to_dict()
    >>> new = updated_spec(spec, m, {"Erstkontakt": 0.1})
    >>> new["datasets"]["pipeline"][2]["betrag"], spec["datasets"]["pipeline"][2]["betrag"]
    (10.0, 50.0)
    """
    new = copy.copy(spec)
    new["datasets"] = datasets(model, chances)
    new["title"] = {**spec["title"], "subtitle": _subtitle(model, chances)}
    return new

