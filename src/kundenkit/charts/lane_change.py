"""Charts of lesson 1.4: the confusion matrix of the Blinker and the lane changers caught or missed.

Both charts read the threshold from the chart parameter ``schwelle``: a widget
moves it with ``JupyterChart.params.schwelle = …`` and the chart answers without
a new spec. The data hold every threshold of the slider's grid (0, 0.05, …, 1).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer

STATUS_COLOURS = alt.Scale(domain=["rechtzeitig gesehen", "verpasst"], range=[PALETTE[0], PALETTE[3]])
ROWS = ["Spurwechsel (kein Kauf)", "geblieben (hat gekauft)"]
COLUMNS = ["markiert (Blinker)", "nicht markiert"]
PARAM = "schwelle"


def _param(threshold: float):
    return alt.param(name=PARAM, value=round(float(threshold), 2))


def confusion_chart(grid: pd.DataFrame, threshold: float = 0.5, *, size: int = 250,
                    with_param: bool = True) -> alt.LayerChart:
    """2×2 heat map: observed Spurwechsel × flagged by the Blinker, with the count in each field.

    ``grid`` comes from :func:`kundenkit.models.lane_change.confusion_grid`; the
    chart shows the rows whose ``schwelle`` equals the parameter ``schwelle``.

    >>> from kundenkit.models.lane_change import confusion_grid
    >>> t = pd.DataFrame({"blinker": [0.9, 0.1, 0.7], "spurwechsel": [True, True, False]})
    >>> spec = confusion_chart(confusion_grid(t), 0.5).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["params"][0]["name"]
    (['rect', 'text', 'text'], 'schwelle')
    """
    top = max(int(grid["anzahl"].max()), 1) if len(grid) else 1
    base = alt.Chart(grid).transform_filter(f"abs(datum.schwelle - {PARAM}) < 0.001").transform_calculate(
        hell=f"datum.anzahl > {top * 0.55}",
    ).encode(
        x=alt.X("vorhersage:N", sort=COLUMNS, title="Blinker-Wert ≥ Schwelle?",
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13)),
        y=alt.Y("tatsächlich:N", sort=ROWS, title=["Was nach dem", "Stichtag geschah"],
                axis=alt.Axis(labelFontSize=13, labelLimit=220)),
        tooltip=[alt.Tooltip("feld:N", title="Feld"), alt.Tooltip("anzahl:Q", title="Kunden", format=",.0f"),
                 alt.Tooltip("schwelle:Q", title="Schwelle", format=".2f")],
    ).properties(width=size, height=size * 0.8, title="Wen hat der Blinker gemeldet?")
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("anzahl:Q", title="Kunden", scale=alt.Scale(scheme="blues", domain=[0, top]),
                        legend=None))
    text_colour = alt.condition("datum.hell", alt.value("white"), alt.value("black"))
    name = base.mark_text(fontSize=13, dy=-12).encode(text="feld:N", color=text_colour)
    count = base.mark_text(fontSize=22, fontWeight="bold", dy=12).encode(
        text=alt.Text("anzahl:Q", format=",.0f"), color=text_colour)
    chart = layer(rect, name, count)
    return chart.add_params(_param(threshold)) if with_param else chart


def leaver_chart(histogram: pd.DataFrame, threshold: float = 0.5, *, width: int = 360, height: int = 200,
                 with_param: bool = True) -> alt.LayerChart:
    """Lane changers per Blinker-Wert: caught in time (at or right of the threshold) or missed.

    ``histogram`` comes from :func:`kundenkit.models.lane_change.leaver_histogram`.

    >>> from kundenkit.models.lane_change import leaver_histogram
    >>> t = pd.DataFrame({"blinker": [0.9, 0.1, 0.7], "spurwechsel": [True, True, False]})
    >>> spec = leaver_chart(leaver_histogram(t), 0.5).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'rule', 'text']
    """
    scale = alt.Scale(domain=[0, 1], nice=False)
    bars = alt.Chart(histogram).transform_calculate(
        status=f"datum.von >= {PARAM} - 1e-9 ? 'rechtzeitig gesehen' : 'verpasst'",
    ).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("von:Q", scale=scale, title=["Blinker-Wert vor dem Stichtag", "(0 = kein Signal, 1 = deutlich)"],
                axis=alt.Axis(format=".1f", tickCount=10)),
        x2="bis:Q",
        y=alt.Y("sum(anzahl):Q", title="Spurwechsler", stack=True),
        color=alt.Color("status:N", scale=STATUS_COLOURS, title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("von:Q", title="Blinker ab", format=".2f"),
                 alt.Tooltip("bis:Q", title="bis unter", format=".2f"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("sum(anzahl):Q", title="Kunden", format=",.0f")],
    )
    mark = alt.Chart(pd.DataFrame({"text": ["Schwelle"]})).transform_calculate(wert=PARAM)
    rule = mark.mark_rule(color="black", strokeDash=[5, 3], strokeWidth=2).encode(x=alt.X("wert:Q", scale=scale))
    label = mark.mark_text(align="left", dx=4, baseline="top", fontSize=12, y=2).encode(
        x=alt.X("wert:Q", scale=scale), text="text:N")
    chart = layer(bars, rule, label).properties(
        width=width, height=height,
        title=alt.Title("Spurwechsler: rechtzeitig gesehen oder verpasst?",
                        subtitle="Kunden, die nach dem Stichtag nichts mehr gekauft haben"))
    return chart.add_params(_param(threshold)) if with_param else chart


def explorer_chart(grid: pd.DataFrame, histogram: pd.DataFrame, threshold: float = 0.5) -> alt.VConcatChart:
    """Both charts one above the other, driven by one parameter ``schwelle`` (as the widget shows them).

    Stacked, they need about 460 pixels of width, so nothing is cut off where JupyterLab's
    side bar is open on a small screen (side by side they needed about 830).

    >>> from kundenkit.models.lane_change import confusion_grid, leaver_histogram
    >>> t = pd.DataFrame({"blinker": [0.9, 0.1, 0.7], "spurwechsel": [True, True, False]})
    >>> spec = explorer_chart(confusion_grid(t), leaver_histogram(t), 0.5).to_dict()
    >>> len(spec["vconcat"]), [p["name"] for p in spec["params"]]
    (2, ['schwelle'])
    """
    return alt.vconcat(
        confusion_chart(grid, size=220, with_param=False),
        leaver_chart(histogram, width=330, with_param=False),
        spacing=30, center=True,
    ).resolve_scale(color="independent").add_params(_param(threshold))
