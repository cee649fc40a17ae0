"""Charts of lesson 1.5: the warmth × competence matrix and the model's purchase probability."""
from __future__ import annotations

import itertools
import math

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.models.warmth_competence import (
    CATEGORIES,
    COMPETENCE,
    COMPETENCE_QUESTION,
    MIDPOINT,
    QUADRANTS,
    SCALE_MAX,
    SCALE_MIN,
    WARMTH,
    WARMTH_QUESTION,
)

#: The four quadrants in the palette's first colours; "Unentschieden" (on a threshold line) in grey.
QUADRANT_COLOURS = alt.Scale(domain=list(CATEGORIES), range=[*PALETTE[:4], "#9a9a9a"])
# Axis titles: the axis, then the customer's question in the model's one wording (two lines, fit 300 px).
WARMTH_TITLE = ["Wärme (1–7)", WARMTH_QUESTION]
COMPETENCE_TITLE = ["Kompetenz (1–7)", COMPETENCE_QUESTION]
AXIS_TITLE_SIZE = 12


def _axes(size: int, x_field: str = WARMTH, y_field: str = COMPETENCE):
    scale = alt.Scale(domain=[SCALE_MIN, SCALE_MAX], nice=False)
    x = alt.X(f"{x_field}:Q", title=WARMTH_TITLE, scale=scale,
              axis=alt.Axis(tickCount=7, titleFontSize=AXIS_TITLE_SIZE))
    y = alt.Y(f"{y_field}:Q", title=COMPETENCE_TITLE, scale=scale,
              axis=alt.Axis(tickCount=7, titleFontSize=AXIS_TITLE_SIZE))
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
    return layer(rects, *labels)


# Label placement in pixels. Text widths from Arial's metrics (Liberation Sans, Helvetica: the same),
# in thousandths of the font size, plus 10 % for wider sans-serif fonts such as DejaVu Sans.
LABEL_FONT_SIZE = 12
POINT_AREA = 150
_ARIAL_WIDTHS = {**dict.fromkeys("ijl", 222), **dict.fromkeys(" ftI./,:;!|", 278), **dict.fromkeys("r-()", 333),
                 **dict.fromkeys("ckszvxyJ", 500), **dict.fromkeys("wCDHNRU", 722), **dict.fromkeys("GOQ", 778),
                 **dict.fromkeys("FTZß", 611), **dict.fromkeys("ABEKPSVXY&", 667), "m": 833, "M": 833, "W": 944}


def text_width(text: str, font_size: float = LABEL_FONT_SIZE) -> float:
    """Estimated width in pixels of ``text`` in a sans-serif font (others: 556/1000, like a, o, ä, ö, 0–9).

    >>> round(text_width("Beratung im Laden"))
    112
    """
    return sum(_ARIAL_WIDTHS.get(char, 556) for char in text) / 1000 * font_size * 1.1


# Where a label may go, in order of preference: (dx, dy, align) from the point's centre, y downwards.
_LABEL_SPOTS = ((9, -9, "left"), (11, 0, "left"), (9, 10, "left"), (-9, -9, "right"), (-11, 0, "right"),
                (-9, 10, "right"), (0, -15, "center"), (0, 16, "center"))


def _box(x: float, y: float, width: float, height: float, align: str) -> tuple[float, float, float, float]:
    left = {"left": x, "right": x - width, "center": x - width / 2}[align]
    return left, y - height / 2, left + width, y + height / 2


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_layout(points: pd.DataFrame, label: str, *, size: int) -> pd.DataFrame:
    """Where each point's label goes in the matrix so that no label covers another label or a point.

    Each label tries eight spots around its point (right above first) and takes the first
    one that stays inside the plot and clear of every point, every label placed so far and
    the quadrant names in the corners; failing that, the first clear one that reaches out
    to the right of the plot. A label that fits nowhere is left out (``label_text`` empty);
    the point's tooltip still names it.

    Returns ``points`` with ``label_x``, ``label_y`` (chart units), ``label_align`` and ``label_text``.

    >>> pts = pd.DataFrame({"wärme": [5.6, 6.1, 2.0], "kompetenz": [5.7, 5.75, 2.0],
    ...                     "name": ["Lieferung", "Beratung im Laden", "Kasse"]})
    >>> layout = label_layout(pts, "name", size=330)
    >>> layout[["label_align", "label_text"]].values.tolist()
    [['right', 'Lieferung'], ['left', 'Beratung im Laden'], ['left', 'Kasse']]
    >>> bool(layout.loc[0, "label_x"] < 5.6 < 6.1 < layout.loc[1, "label_x"])
    True
    """
    scale = size / (SCALE_MAX - SCALE_MIN)
    pixels = pd.DataFrame({"x": (points[WARMTH] - SCALE_MIN) * scale, "y": (SCALE_MAX - points[COMPETENCE]) * scale})
    radius = math.sqrt(POINT_AREA / math.pi) + 1
    taken = [(x - radius, y - radius, x + radius, y + radius) for x, y in pixels.itertuples(index=False)]
    corner = 14  # the quadrant names, bold 14 px, 0.1 units from the sides, 0.2 from top and bottom
    for name, right, top in ((q.name, q.warm, q.competent) for q in QUADRANTS):
        width = len(name) * corner * 0.65
        x = size - 0.1 * scale if right else 0.1 * scale
        taken.append(_box(x, (0.2 if top else 5.8) * scale, width, corner + 2, "right" if right else "left"))
    rows = []
    # Top to bottom, left to right: neighbours of a crowded spot are placed in reading order.
    for index in sorted(points.index, key=lambda i: (pixels.at[i, "y"], pixels.at[i, "x"])):
        text = str(points.at[index, label])
        width, height = text_width(text), LABEL_FONT_SIZE + 2
        spot = None
        # Inside the plot if possible, else reaching out to the right, where the chart just grows.
        for right_edge, (dx, dy, align) in itertools.product((size, math.inf), _LABEL_SPOTS):
            box = _box(pixels.at[index, "x"] + dx, pixels.at[index, "y"] + dy, width, height, align)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= right_edge and box[3] <= size
            if inside and not any(_overlaps(box, other) for other in taken):
                spot = (pixels.at[index, "x"] + dx, pixels.at[index, "y"] + dy, align)
                taken.append(box)
                break
        x, y, align = spot or (pixels.at[index, "x"], pixels.at[index, "y"], "left")
        rows.append({"index": index, "label_x": SCALE_MIN + x / scale, "label_y": SCALE_MAX - y / scale,
                     "label_align": align, "label_text": text if spot else ""})
    placed = pd.DataFrame(rows, columns=["index", "label_x", "label_y", "label_align", "label_text"])
    return points.join(placed.set_index("index"))


def quadrant_chart(classified: pd.DataFrame, *, label: str | None = None, threshold: float = MIDPOINT,
                   size: int = 330, title: str | None = None) -> alt.LayerChart:
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
    if label:
        data = label_layout(data, label, size=size)
    points = alt.Chart(data).mark_point(filled=True, size=POINT_AREA, stroke="black", strokeWidth=1,
                                        opacity=0.95).encode(
        x=x, y=y, color=alt.Color("quadrant:N", scale=QUADRANT_COLOURS, title="Quadrant"), tooltip=tooltip,
    ).properties(**dims)
    layers = [_quadrant_background(threshold, size), points]
    if label:
        label_x, label_y, _ = _axes(size, "label_x", "label_y")
        layers.append(points.mark_text(align=alt.ExprRef("datum.label_align"), fontSize=LABEL_FONT_SIZE).encode(
            x=label_x, y=label_y, text="label_text:N", color=alt.value("black"), tooltip=alt.value(None)))
    chart = layer(*layers)
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
    # The cell edges are computed in the browser and probabilities rounded: the grid is in every
    # executed notebook's widget state twice (lesson and transfer), so each column costs kilobytes.
    cells = grid[[WARMTH, COMPETENCE, "kaufwahrscheinlichkeit"]].round({"kaufwahrscheinlichkeit": 4})
    dims = {"width": size, "height": size}
    scale = alt.Scale(domain=[SCALE_MIN - half, SCALE_MAX + half], nice=False)
    heat = alt.Chart(cells).transform_calculate(
        x=alt.datum[WARMTH] - half, x2=alt.datum[WARMTH] + half,
        y=alt.datum[COMPETENCE] - half, y2=alt.datum[COMPETENCE] + half,
    ).mark_rect(strokeWidth=0.6).encode(
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
        return layer(heat)
    cross = marker.mark_point(shape="cross", size=300, color="white", stroke="black", strokeWidth=1,
                              filled=True).encode(x=alt.X(f"{WARMTH}:Q", scale=scale),
                                                  y=alt.Y(f"{COMPETENCE}:Q", scale=scale))
    return layer(heat, cross)


def explorer_chart(reference: pd.DataFrame | None, grid: pd.DataFrame, *, label: str = "Ihre Einstellung",
                   warmth: float = MIDPOINT, competence: float = MIDPOINT, size: int = 300) -> alt.VConcatChart:
    """Matrix above heat map, with a marker driven by the chart parameters ``waerme`` and ``kompetenz``.

    A widget moves the marker by setting these parameters (``JupyterChart.params``)
    instead of rebuilding the whole chart, so a slider answers within milliseconds.

    >>> from kundenkit.models.warmth_competence import probability_grid
    >>> spec = explorer_chart(None, probability_grid(steps=3)).to_dict()
    >>> sorted(p["name"] for p in spec["params"]), spec["vconcat"][0]["title"]["subtitle"]
    (['kompetenz', 'waerme'], 'Schwarze Raute: Ihre Einstellung')
    """
    params = [alt.VariableParameter(name="waerme", value=float(warmth)),
              alt.VariableParameter(name="kompetenz", value=float(competence))]
    points = reference if reference is not None else pd.DataFrame(
        columns=[WARMTH, COMPETENCE, "quadrant", "verhalten", "kaufwahrscheinlichkeit", "name"])
    marker_base = alt.Chart(pd.DataFrame({"name": [label]})).transform_calculate(
        **{WARMTH: "waerme", COMPETENCE: "kompetenz"})
    x, y, _ = _axes(size)
    marker = marker_base.mark_point(shape="diamond", size=420, filled=True, color="black", stroke="white",
                                    strokeWidth=1.5).encode(
        x=x, y=y, tooltip=[alt.Tooltip(f"{WARMTH}:Q", title="Wärme", format=".2f"),
                           alt.Tooltip(f"{COMPETENCE}:Q", title="Kompetenz", format=".2f")])
    # The moving marker is named in the subtitle, not next to it: wherever the sliders take
    # it, its name never covers the touchpoints' labels.
    legend = f"Schwarze Raute: {label}" + (" · Punkte: Touchpoints der Befragung" if reference is not None else "")
    matrix = layer(quadrant_chart(points, label="name", size=size), marker).properties(
        title=alt.Title("Wärme und Kompetenz", subtitle=legend))
    heat = probability_chart(grid, marker_base, size=int(size * 0.75))
    # One above the other: about 440 pixels wide, so nothing is cut off on a small screen
    # with JupyterLab's side bar open (side by side they needed about 870).
    chart = alt.vconcat(matrix, heat, spacing=24)
    # Same spec as .add_params(alt.param(...), ...), which deep-copies every layer (~0.5 s).
    chart.params = params
    return chart
