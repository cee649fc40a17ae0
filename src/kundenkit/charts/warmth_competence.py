"""Charts of lesson 1.5: the warmth × competence matrix and the model's purchase probability."""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE
from kundenkit.models.warmth_competence import (
    COMPETENCE, MIDPOINT, QUADRANT_NAMES, QUADRANTS, SCALE_MAX, SCALE_MIN, WARMTH,
)

QUADRANT_COLOURS = alt.Scale(domain=list(QUADRANT_NAMES), range=list(PALETTE[:4]))
WARMTH_TITLE = "Wärme: Will ich mit denen zusammenarbeiten? (1–7)"
COMPETENCE_TITLE = "Kompetenz: Kann die Firma das? (1–7)"


def _axes(size: int, x_field: str = WARMTH, y_field: str = COMPETENCE):
    scale = alt.Scale(domain=[SCALE_MIN, SCALE_MAX], nice=False)
    x = alt.X(f"{x_field}:Q", title=WARMTH_TITLE, scale=scale, axis=alt.Axis(tickCount=7))
    y = alt.Y(f"{y_field}:Q", title=COMPETENCE_TITLE, scale=scale, axis=alt.Axis(tickCount=7))
    return x, y, {"width": size, "height": size}


def _quadrant_background(threshold: float, size: int) -> alt.LayerChart:
    fields = pd.DataFrame([
        {"quadrant": q.name, "verhalten": q.behaviour,
         "x": threshold if q.warm else SCALE_MIN, "x2": SCALE_MAX if q.warm else threshold,
         "y": threshold if q.competent else SCALE_MIN, "y2": SCALE_MAX if q.competent else threshold,
         "lx": SCALE_MAX - 0.1 if q.warm else SCALE_MIN + 0.1,
         "ly": SCALE_MAX - 0.2 if q.competent else SCALE_MIN + 0.2,
         "align": "right" if q.warm else "left"}
        for q in QUADRANTS
    ])
    x, y, dims = _axes(size, "x", "y")
    base = alt.Chart(fields).properties(**dims)
    rects = base.mark_rect(opacity=0.14).encode(
        x=x, x2="x2", y=y, y2="y2",
        color=alt.Color("quadrant:N", scale=QUADRANT_COLOURS, legend=None),
        tooltip=[alt.Tooltip("quadrant:N", title="Quadrant"), alt.Tooltip("verhalten:N", title="Kaufverhalten")],
    )
    labels = [
        base.transform_filter(alt.datum.align == align).mark_text(
            fontSize=14, fontWeight="bold", align=align, opacity=0.8,
        ).encode(
            x=_axes(size, "lx", "ly")[0], y=_axes(size, "lx", "ly")[1],
            text="quadrant:N", color=alt.Color("quadrant:N", scale=QUADRANT_COLOURS, legend=None),
        )
        for align in ("left", "right")
    ]
    return alt.layer(rects, *labels)


def quadrant_chart(classified: pd.DataFrame, *, label: str | None = None, threshold: float = MIDPOINT, size: int = 330, title: str | None = None) -> alt.LayerChart:
    """Points in the warmth × competence matrix, coloured by their quadrant.

    Parameters
    ----------
    classified : DataFrame
        Output of :func:`kundenkit.models.warmth_competence.classify`.
    label : str, optional
        Column whose values are written next to the points (e.g. ``"touchpoint"``).

    Examples
    --------
    >>> from kundenkit.models.warmth_competence import classify
    >>> points = classify(pd.DataFrame({"wärme": [6.0], "kompetenz": [2.5], "name": ["Hotline"]}))
    >>> spec = quadrant_chart(points, label="name").to_dict()
    >>> len(spec["layer"])  # quadrants, points, labels
    3
    """
    x, y, dims = _axes(size)
    tooltip = [alt.Tooltip(f"{label}:N", title=label.capitalize())] if label else []
    tooltip += [
        alt.Tooltip(f"{WARMTH}:Q", title="Wärme", format=".2f"),
        alt.Tooltip(f"{COMPETENCE}:Q", title="Kompetenz", format=".2f"),
        alt.Tooltip("quadrant:N", title="Quadrant"),
        alt.Tooltip("verhalten:N", title="Kaufverhalten"),
        alt.Tooltip("kaufwahrscheinlichkeit:Q", title="Kaufwahrscheinlichkeit (Modell)", format=".0%"),
    ]
    data = classified.assign(quadrant=classified["quadrant"].astype(str))
    points = alt.Chart(data).mark_point(filled=True, size=150, stroke="black", strokeWidth=1, opacity=0.95).encode(
        x=x, y=y, color=alt.Color("quadrant:N", scale=QUADRANT_COLOURS, title="Quadrant"), tooltip=tooltip,
    ).properties(**dims)
    layers = [_quadrant_background(threshold, size), points]
    if label:
        layers.append(points.mark_text(align="left", dx=9, dy=-9, fontSize=12).encode(
            text=f"{label}:N", color=alt.value("black")))
    chart = alt.layer(*layers)
    return chart.properties(title=title) if title else chart


def probability_chart(grid: pd.DataFrame, marker: alt.Chart | None = None, *, size: int = 260) -> alt.LayerChart:
    """Heat map of the model's purchase probability over warmth and competence.

    ``grid`` comes from :func:`kundenkit.models.warmth_competence.probability_grid`;
    ``marker`` (optional) is a chart whose rows have ``wärme`` and ``kompetenz``:
    they are marked with a cross on the heat map's own scale.

    >>> from kundenkit.models.warmth_competence import probability_grid
    >>> spec = probability_chart(probability_grid(steps=5)).to_dict()
    >>> spec["layer"][0]["mark"]["type"]
    'rect'
    """
    axis_values = sorted(grid[WARMTH].unique())
    half = (axis_values[1] - axis_values[0]) / 2 if len(axis_values) > 1 else 0.5
    cells = grid.assign(x=grid[WARMTH] - half, x2=grid[WARMTH] + half,
                        y=grid[COMPETENCE] - half, y2=grid[COMPETENCE] + half)
    dims = {"width": size, "height": size}
    scale = alt.Scale(domain=[SCALE_MIN - half, SCALE_MAX + half], nice=False)
    heat = alt.Chart(cells).mark_rect(strokeWidth=0.6).encode(
        x=alt.X("x:Q", title="Wärme", scale=scale, axis=alt.Axis(tickCount=7)), x2="x2",
        y=alt.Y("y:Q", title="Kompetenz", scale=scale, axis=alt.Axis(tickCount=7)), y2="y2",
        color=alt.Color("kaufwahrscheinlichkeit:Q", title=["Kauf-", "wahrscheinlichkeit"],
                        scale=alt.Scale(scheme="viridis", domain=[0, 1]), legend=alt.Legend(format=".0%")),
        stroke=alt.Stroke("kaufwahrscheinlichkeit:Q", scale=alt.Scale(scheme="viridis", domain=[0, 1]), legend=None),
        tooltip=[alt.Tooltip(f"{WARMTH}:Q", title="Wärme", format=".1f"),
                 alt.Tooltip(f"{COMPETENCE}:Q", title="Kompetenz", format=".1f"),
                 alt.Tooltip("kaufwahrscheinlichkeit:Q", title="Kaufwahrscheinlichkeit", format=".0%")],
    ).properties(**dims, title=alt.Title("Kaufwahrscheinlichkeit", subtitle="illustratives Modell des Kurses"))
    if marker is None:
        return alt.layer(heat)
    cross = marker.mark_point(shape="cross", size=300, color="white", stroke="black", strokeWidth=1,
                              filled=True).encode(x=alt.X(f"{WARMTH}:Q", scale=scale),
                                                  y=alt.Y(f"{COMPETENCE}:Q", scale=scale))
    return alt.layer(heat, cross)


def explorer_chart(reference: pd.DataFrame | None, grid: pd.DataFrame, *, label: str = "Ihre Einstellung",
                   warmth: float = MIDPOINT, competence: float = MIDPOINT, size: int = 300) -> alt.HConcatChart:
    """Matrix and heat map with a marker driven by the chart parameters ``waerme`` and ``kompetenz``.

    A widget moves the marker by setting these parameters (``JupyterChart.params``)
    instead of rebuilding the whole chart, so a slider answers within milliseconds.

    >>> from kundenkit.models.warmth_competence import probability_grid
    >>> spec = explorer_chart(None, probability_grid(steps=3)).to_dict()
    >>> sorted(p["name"] for p in spec["params"])
    ['kompetenz', 'waerme']
    """
    w_param = alt.param(name="waerme", value=float(warmth))
    c_param = alt.param(name="kompetenz", value=float(competence))
    points = reference if reference is not None else pd.DataFrame(
        columns=[WARMTH, COMPETENCE, "quadrant", "verhalten", "kaufwahrscheinlichkeit", "name"])
    marker_base = alt.Chart(pd.DataFrame({"name": [label]})).transform_calculate(
        **{WARMTH: "waerme", COMPETENCE: "kompetenz"})
    x, y, _ = _axes(size)
    marker = marker_base.mark_point(shape="diamond", size=420, filled=True, color="black", stroke="white",
                                    strokeWidth=1.5).encode(
        x=x, y=y, tooltip=[alt.Tooltip(f"{WARMTH}:Q", title="Wärme", format=".2f"),
                           alt.Tooltip(f"{COMPETENCE}:Q", title="Kompetenz", format=".2f")])
    marker_label = marker_base.mark_text(align="left", dx=11, dy=-11, fontSize=13, fontWeight="bold").encode(
        x=x, y=y, text="name:N")
    matrix = alt.layer(quadrant_chart(points, label="name", size=size), marker, marker_label)
    heat = probability_chart(grid, marker_base, size=int(size * 0.75))
    chart = alt.hconcat(matrix, heat, spacing=30)
    # Same spec as .add_params(w_param, c_param), which deep-copies every layer (~0.5 s).
    chart.params = [w_param.param, c_param.param]
    return chart
