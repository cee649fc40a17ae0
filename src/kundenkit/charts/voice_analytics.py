"""Charts of lesson 3.11: escalation scores of escalated and calm calls, the threshold, the confusion matrix.

The threshold is the chart parameter ``schwelle``: a widget moves it with
``JupyterChart.params.schwelle = …`` without a new spec. The rows come from the
named data sets ``verteilung`` (score histogram) and ``matrix`` (the four fields
for every threshold 0, 0.05, …, 1), so that a widget swaps only the data when the
weights change (:func:`updated_spec`) instead of building the chart anew.
"""
from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, dataset_rows, layer
from kundenkit.models.voice_analytics import CALM, COLUMNS, ESCALATED, ROWS

PARAM = "schwelle"
GROUP_COLOURS = alt.Scale(domain=[ESCALATED, CALM], range=[PALETTE[3], PALETTE[2]])


def datasets(histogram: pd.DataFrame, grid: pd.DataFrame) -> dict[str, list[dict]]:
    """The chart's rows: ``verteilung`` from ``score_histogram``, ``matrix`` from ``confusion_grid``.

    >>> h = pd.DataFrame({"gespräch": ["eskaliert"], "von": [0.5], "bis": [0.55], "anzahl": [3]})
    >>> sorted(datasets(h, h.head(0)))
    ['matrix', 'verteilung']
    """
    return {"verteilung": dataset_rows(histogram), "matrix": dataset_rows(grid)}


def _param(threshold: float):
    return alt.param(name=PARAM, value=round(float(threshold), 2))


def _histogram_panel(group: str, colour: str, width: int, height: int, title: str) -> alt.LayerChart:
    scale = alt.Scale(domain=[0, 1], nice=False)
    bars = alt.Chart(alt.NamedData("verteilung")).transform_filter(alt.datum["gespräch"] == group).transform_calculate(
        warnung=f"datum.von >= {PARAM} - 1e-9 ? 'Warnung' : 'keine Warnung'",
    ).mark_bar(stroke="white", strokeWidth=0.5, color=colour).encode(
        x=alt.X("von:Q", scale=scale, title="Eskalations-Score (0 = unauffällig, 1 = sehr auffällig)",
                axis=alt.Axis(format=".1f", tickCount=10)),
        x2="bis:Q",
        y=alt.Y("sum(anzahl):Q", title="Gespräche", stack=True),
        opacity=alt.condition(f"datum.von >= {PARAM} - 1e-9", alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("von:Q", title="Score ab", format=".2f"),
                 alt.Tooltip("bis:Q", title="bis unter", format=".2f"),
                 alt.Tooltip("warnung:N", title="bei dieser Schwelle"),
                 alt.Tooltip("sum(anzahl):Q", title="Gespräche", format=",.0f")],
    )
    mark = alt.Chart(alt.NamedData("schwellenlinie")).transform_calculate(wert=PARAM)
    rule = mark.mark_rule(color="black", strokeDash=[5, 3], strokeWidth=2).encode(x=alt.X("wert:Q", scale=scale))
    label = mark.mark_text(align="left", dx=4, baseline="top", fontSize=12, y=2).encode(
        x=alt.X("wert:Q", scale=scale), text="text:N")
    return layer(bars, rule, label).properties(width=width, height=height, title=title)


def confusion_chart(size: int = 220) -> alt.LayerChart:
    """2×2 heat map (what became of the call × warning or not) for the threshold in the parameter."""
    base = alt.Chart(alt.NamedData("matrix")).transform_filter(f"abs(datum.schwelle - {PARAM}) < 0.001").encode(
        x=alt.X("vorhersage:N", sort=list(COLUMNS), title="Score ≥ Schwelle?",
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13)),
        y=alt.Y("tatsächlich:N", sort=list(ROWS), title="Was aus dem Gespräch wurde",
                axis=alt.Axis(labelFontSize=13, labelLimit=220)),
        tooltip=[alt.Tooltip("feld:N", title="Feld"), alt.Tooltip("anzahl:Q", title="Gespräche", format=",.0f"),
                 alt.Tooltip("schwelle:Q", title="Schwelle", format=".2f")],
    ).properties(width=size, height=size * 0.8, title="Treffer, Fehlalarme, verpasst")
    colours = alt.Scale(domain=["Treffer", "korrekt ruhig", "Fehlalarm", "verpasst"],
                        range=["#cfe8dc", "#e8eef5", "#f9dcc4", "#f4c2b4"])
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("feld:N", scale=colours, legend=None))
    name = base.mark_text(fontSize=13, dy=-12, color="black").encode(text="feld:N")
    count = base.mark_text(fontSize=22, fontWeight="bold", dy=12, color="black").encode(
        text=alt.Text("anzahl:Q", format=",.0f"))
    return layer(rect, name, count)


def explorer_chart(histogram: pd.DataFrame, grid: pd.DataFrame, threshold: float = 0.4, *,
                   width: int = 380) -> alt.VConcatChart:
    """Score distributions of escalated and calm calls with the threshold, then the confusion matrix.

    ``histogram`` comes from :func:`kundenkit.models.voice_analytics.score_histogram`,
    ``grid`` from :func:`kundenkit.models.voice_analytics.confusion_grid`. Stacked,
    the chart is about 480 pixels wide.

    >>> from kundenkit.models import voice_analytics as va
    >>> t = pd.DataFrame({"score": [0.9, 0.1, 0.7], "eskaliert": [True, True, False]})
    >>> spec = explorer_chart(va.score_histogram(t), va.confusion_grid(t), 0.5).to_dict()
    >>> len(spec["vconcat"]), [p["name"] for p in spec["params"]], sorted(spec["datasets"])
    (3, ['schwelle'], ['matrix', 'schwellenlinie', 'verteilung'])
    """
    data = {**datasets(histogram, grid), "schwellenlinie": [{"text": "Schwelle"}]}
    return alt.vconcat(
        _histogram_panel(ESCALATED, PALETTE[3], width, 110, "Eskalierte Gespräche: Score"),
        _histogram_panel(CALM, PALETTE[2], width, 110, "Ruhig gebliebene Gespräche: Score"),
        confusion_chart(),
        spacing=24, center=True,
    ).add_params(_param(threshold)).properties(datasets=data)


def updated_spec(spec: dict, histogram: pd.DataFrame, grid: pd.DataFrame) -> dict:
    """A copy of ``explorer_chart(...).to_dict()`` with new rows – no Altair rebuild.

    >>> from kundenkit.models import voice_analytics as va
    >>> t = pd.DataFrame({"score": [0.9, 0.1, 0.7], "eskaliert": [True, True, False]})
    >>> spec = explorer_chart(va.score_histogram(t), va.confusion_grid(t)).to_dict()
    >>> t2 = t.assign(score=[0.2, 0.2, 0.2])
    >>> new = updated_spec(spec, va.score_histogram(t2), va.confusion_grid(t2))
    >>> len(new["datasets"]["verteilung"]), len(spec["datasets"]["verteilung"])
    (2, 3)
    """
    new = copy.copy(spec)
    new["datasets"] = {**spec["datasets"], **datasets(histogram, grid)}
    return new
