"""Chart of lesson 2.10: the customer journey as a line over the phases, rated touchpoint by touchpoint.

The chart reads its rows from named data sets (``reise``, ``phasen``, ``linien``),
so that a widget swaps only the data in the spec (:func:`updated_journey_spec`)
instead of building the Altair chart anew.
"""
from __future__ import annotations

import copy
import json

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, dataset_rows, layer
from kundenkit.models.touchpoint_journey import (
    DELIGHT,
    DISAPPOINTMENT,
    OK,
    PHASES,
    RATINGS,
    JourneySummary,
    signed,
)

RATING_COLOURS = alt.Scale(domain=list(RATINGS), range=[PALETTE[3], PALETTE[2], PALETTE[0]])
WIDTH, HEIGHT = 600, 300
TITLE = "Die Reise Ihrer Kunden: Touchpoint für Touchpoint"
SUBTITLE = "Schwarzer Ring = Schlüssel-Touchpoint · Linien: Durchschnitt und Erinnerung (Spitze und Ende)"
AVERAGE, REMEMBERED = "Durchschnitt", "Erinnerung (Spitze und Ende)"
_Y_TOP = 1.45  # where the phase names stand, above the best rating


def journey_datasets(bewertet: pd.DataFrame, summary: JourneySummary) -> dict[str, list[dict]]:
    """The chart's rows: one per touchpoint, one per phase band, one per summary line.

    ``bewertet`` comes from :func:`kundenkit.models.touchpoint_journey.evaluate`,
    ``summary`` from :func:`~kundenkit.models.touchpoint_journey.summarize`.

    >>> from kundenkit.models.touchpoint_journey import evaluate, example_journey, summarize
    >>> table = evaluate(example_journey())
    >>> rows = journey_datasets(table, summarize(table))
    >>> [(r["phase"], r["von"], r["bis"]) for r in rows["phasen"]][:2]
    [('vor dem Kauf', 0.5, 2.5), ('während des Kaufs', 2.5, 5.5)]
    >>> [r["text"] for r in rows["linien"]]
    ['Durchschnitt −0,13', 'Erinnerung (Spitze und Ende) −0,50']
    """
    points = pd.DataFrame({
        "position": bewertet["position"].astype(int), "touchpoint": bewertet["touchpoint"].astype(str),
        "phase": bewertet["phase"].astype(str), "art": bewertet["art"].astype(str),
        "bewertung": bewertet["bewertung"].astype(str),
        "wert": bewertet["wert"].astype(float).round(4).astype(object).where(bewertet["wert"].notna(), None),
        "bedeutung": bewertet["bedeutung"].astype(float).round(3),
        "schlüssel": ["ja" if k else "nein" for k in bewertet["schlüssel"]],
        "handlungsbedarf": bewertet["handlungsbedarf"].astype(float).round(3),
    })
    bands = []
    for i, phase in enumerate(p for p in PHASES if p in set(points["phase"])):
        where = points["position"][points["phase"] == phase]
        bands.append({"phase": phase, "von": float(where.min()) - 0.5, "bis": float(where.max()) + 0.5,
                      "mitte": (float(where.min()) + float(where.max())) / 2, "schattiert": i % 2 == 0,
                      "y": _Y_TOP})
    lines = [{"linie": name, "wert": round(float(value), 4), "text": f"{name} {signed(value)}"}
             for name, value in ((AVERAGE, summary.durchschnitt), (REMEMBERED, summary.erinnert))
             if value == value]  # NaN: nothing rated, no line
    return {"reise": dataset_rows(points), "phasen": bands, "linien": lines}


def journey_chart(bewertet: pd.DataFrame, summary: JourneySummary, *, width: int = WIDTH, height: int = HEIGHT,
                  title: str = TITLE) -> alt.LayerChart:
    """The journey line: ratings per touchpoint in phase bands, key touchpoints ringed, average vs memory.

    The y axis reads Enttäuschung (−1), OK (0), Begeisterung (+1); the dots are
    coloured by the rating. The dashed line is the plain average, the solid one
    the remembered score by the peak–end rule.

    >>> from kundenkit.models.touchpoint_journey import evaluate, example_journey, summarize
    >>> table = evaluate(example_journey())
    >>> spec = journey_chart(table, summarize(table)).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'text', 'line', 'point', 'point', 'rule', 'text']
    >>> sorted(spec["datasets"]), spec["width"]
    (['linien', 'phasen', 'reise'], 600)
    """
    names = bewertet.sort_values("position")["touchpoint"].astype(str).tolist()
    label_expr = f"{json.dumps([''] + names, ensure_ascii=False)}[datum.value] || ''"
    x_scale = alt.Scale(domain=[0.5, len(names) + 0.5], nice=False, zero=False)
    x_axis = alt.Axis(values=list(range(1, len(names) + 1)), labelExpr=label_expr, labelAngle=-35,
                      labelAlign="right", labelLimit=160, labelOverlap=False, grid=False, ticks=False)
    x = alt.X("position:Q", title=None, scale=x_scale, axis=x_axis)
    y_labels = f"datum.value == -1 ? '{DISAPPOINTMENT}' : (datum.value == 0 ? '{OK}' : " \
               f"(datum.value == 1 ? '{DELIGHT}' : ''))"
    y_scale = alt.Scale(domain=[-1.25, 1.6], nice=False)
    y = alt.Y("wert:Q", title="Bewertung", scale=y_scale,
              axis=alt.Axis(values=[-1, 0, 1], labelExpr=y_labels, grid=True))
    tooltip = [alt.Tooltip("touchpoint:N", title="Touchpoint"), alt.Tooltip("phase:N", title="Phase"),
               alt.Tooltip("art:N", title="Art"), alt.Tooltip("bewertung:N", title="Bewertung"),
               alt.Tooltip("bedeutung:Q", title="Bedeutung", format=".0%"),
               alt.Tooltip("schlüssel:N", title="Schlüssel-Touchpoint"),
               alt.Tooltip("handlungsbedarf:Q", title="Handlungsbedarf", format=".0%")]
    phases = alt.Chart(alt.NamedData("phasen"))
    bands = phases.transform_filter("datum.schattiert").mark_rect(color="#EEEEEE").encode(
        x=alt.X("von:Q", title=None, scale=x_scale, axis=x_axis), x2="bis:Q")
    phase_names = phases.mark_text(fontSize=12, fontWeight="bold", color="#555555").encode(
        x=alt.X("mitte:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="phase:N")
    journey = alt.Chart(alt.NamedData("reise"))
    rated = journey.transform_filter("datum.wert != null")
    line = rated.mark_line(color="#999999", strokeWidth=2).encode(x=x, y=y, order="position:Q")
    dots = journey.transform_filter("datum.wert != null").mark_point(
        filled=True, size=230, opacity=1, stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("bewertung:N", scale=RATING_COLOURS, title="Bewertung",
                        legend=alt.Legend(orient="bottom", direction="horizontal")))
    rings = rated.transform_filter("datum['schlüssel'] == 'ja'").mark_point(
        size=650, stroke="black", strokeWidth=2.5, filled=False, opacity=1).encode(x=x, y=y, tooltip=tooltip)
    summary_lines = alt.Chart(alt.NamedData("linien"))
    dash = alt.condition(f"datum.linie == '{AVERAGE}'", alt.value([6, 4]), alt.value([1, 0]))
    rules = summary_lines.mark_rule(color="black", strokeWidth=2).encode(y=alt.Y("wert:Q"), strokeDash=dash)
    # Labels below their line at the left edge: the journey's first touchpoints rarely sit that low.
    rule_labels = summary_lines.mark_text(align="left", baseline="top", dy=4, fontSize=12).encode(
        x=alt.value(6), y=alt.Y("wert:Q"), text="text:N")
    chart = layer(bands, phase_names, line, dots, rings, rules, rule_labels)
    return chart.properties(width=width, height=height, title=alt.Title(title, subtitle=SUBTITLE),
                            datasets=journey_datasets(bewertet, summary))


def updated_journey_spec(spec: dict, bewertet: pd.DataFrame, summary: JourneySummary) -> dict:
    """A copy of ``journey_chart(...).to_dict()`` with new rows – no Altair rebuild (same touchpoints).

    >>> from kundenkit.models.touchpoint_journey import evaluate, example_journey, summarize
    >>> table = evaluate(example_journey())
    >>> spec = journey_chart(table, summarize(table)).to_dict()
    >>> table2 = evaluate(example_journey().assign(bewertung="Begeisterung"))
    >>> new = updated_journey_spec(spec, table2, summarize(table2))
    >>> new["datasets"]["linien"][1]["text"], spec["datasets"]["linien"][1]["text"]
    ('Erinnerung (Spitze und Ende) +1,00', 'Erinnerung (Spitze und Ende) −0,50')
    """
    new = copy.copy(spec)
    new["datasets"] = journey_datasets(bewertet, summary)
    return new
