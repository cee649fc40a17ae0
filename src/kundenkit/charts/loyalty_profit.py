"""Chart of lesson 3.10: customers on duration × profit, the two thresholds and the four groups.

The customers are counted on a grid first (:func:`kundenkit.models.loyalty_profit.density_grid`),
so the chart stays small for any number of customers. Each cell takes the colour
of the group its centre lies in. All rows live in named data sets; a widget swaps
only them (:func:`updated_spec`) instead of building the Altair chart anew.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from kundenkit.charts.setup import PALETTE, dataset_rows, layer
from kundenkit.formatting import MINUS, de_count, de_money, de_number, de_percent
from kundenkit.models.loyalty_profit import (
    GROUPS,
    POSITION,
    LoyaltyModel,
    LoyaltyResult,
    _codes,
    axis_values,
    density_grid,
    grid_bounds,
)

#: Okabe–Ito colours: strangers sky blue, butterflies orange, true friends bluish green, barnacles vermillion.
GROUP_COLOURS = alt.Scale(domain=list(GROUPS), range=[PALETTE[2], PALETTE[1], PALETTE[0], PALETTE[3]])
TITLE = "Ihre Kunden nach Dauer der Beziehung und Gewinn"
X_TITLE = "Dauer der Beziehung (Jahre)"
Y_TITLE = "Gewinn je Kunde und Jahr (€)"
WIDTH, HEIGHT = 560, 360


def _money(value: float) -> str:
    return de_money(value, 0).replace("-", MINUS)


@dataclass(frozen=True)
class Cells:
    """The grid cells as chart rows without their group: built once, then only the group changes."""

    rows: tuple[dict, ...]
    xm: np.ndarray
    ym: np.ndarray

    @classmethod
    def from_grid(cls, grid: pd.DataFrame) -> Cells:
        frame = pd.DataFrame({
            "x": grid["x"].round(3), "x2": grid["x2"].round(3), "y": grid["y"].round(1), "y2": grid["y2"].round(1),
            "kunden": grid["kunden"]})
        return cls(tuple(dataset_rows(frame)), grid["xm"].to_numpy(), grid["ym"].to_numpy())


def cell_rows(cells: Cells, duration_threshold: float, profit_threshold: float) -> list[dict]:
    """Grid cells with the group of their centre (rows of the data set ``zellen``).

    >>> grid = pd.DataFrame({"x": [0.0], "x2": [1.0], "y": [0.0], "y2": [10.0], "xm": [0.5], "ym": [5.0],
    ...                      "kunden": [3]})
    >>> [(r["gruppe"], r["kunden"], r["y2"]) for r in cell_rows(Cells.from_grid(grid), 2, 4)]
    [('Schmetterlinge', 3, 10.0)]
    """
    codes = _codes(cells.xm >= duration_threshold, cells.ym >= profit_threshold)
    return [{**row, "gruppe": GROUPS[code]} for row, code in zip(cells.rows, codes.tolist())]


def label_rows(result: LoyaltyResult, bounds: tuple[float, float, float, float]) -> list[dict]:
    """One label per group in its corner of the chart: name, customers and share.

    >>> from kundenkit.models.loyalty_profit import group_summary
    >>> r = LoyaltyResult(1.0, 0.0, np.array([]), group_summary(np.array([0, 0, 3]), np.array([1.0, 2.0, -1.0])))
    >>> [row["text"] for row in label_rows(r, (0, 2, -5, 5))][0]
    'Fremde: 2 Kunden (67 %)'
    """
    x_lo, x_hi, y_lo, y_hi = bounds
    rows = []
    for group in GROUPS:
        long, high = POSITION[group]
        row = result.summary[result.summary["gruppe"] == group].iloc[0]
        rows.append({"gruppe": group, "seite": "rechts" if long else "links",
                     "x": x_hi if long else x_lo, "y": y_hi if high else y_lo,
                     "oben": bool(high),
                     "text": f"{group}: {de_count(row['kunden'])} Kunden ({de_percent(row['anteil_kunden'])})"})
    return rows


def datasets(cells: Cells, result: LoyaltyResult, bounds) -> dict[str, list[dict]]:
    """All named data sets of the chart for one pair of thresholds."""
    return {"zellen": cell_rows(cells, result.duration_threshold, result.profit_threshold),
            "schwellen": [{"dauer": result.duration_threshold, "gewinn": result.profit_threshold}],
            "etiketten": label_rows(result, bounds)}


def _subtitle(model: LoyaltyModel, result: LoyaltyResult, bounds) -> list[str]:
    return [f"{de_count(model.size)} Kunden · Linien: lang ab {de_number(result.duration_threshold, 1)} Jahren, "
            f"profitabel ab {_money(result.profit_threshold)} im Jahr",
            "Gewinnachse gestaucht: Nach oben liegen die Striche immer weiter auseinander"]


def loyalty_chart(model: LoyaltyModel, result: LoyaltyResult, *, cells: Cells | None = None,
                  width: int = WIDTH, height: int = HEIGHT) -> alt.LayerChart:
    """Cells of customers coloured by group, the two threshold lines and a label in each corner.

    >>> t = pd.DataFrame({"kunden_id": list("ABCD"), "betrag": [100.0, 300.0, 50.0, 900.0],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-06-01", "2024-12-31"])})
    >>> m = LoyaltyModel.from_tables(t)
    >>> spec = loyalty_chart(m, m.evaluate()).to_dict()
    >>> sorted(spec["datasets"]), spec["title"]["text"]
    (['etiketten', 'schwellen', 'zellen'], 'Ihre Kunden nach Dauer der Beziehung und Gewinn')
    """
    cells = Cells.from_grid(density_grid(model)) if cells is None else cells
    bounds = grid_bounds(model)
    x_scale = alt.Scale(domain=[bounds[0], bounds[1]], nice=False, zero=False)
    c = model.profit_step
    y_scale = alt.Scale(type="symlog", constant=c, domain=[bounds[2], bounds[3]], nice=False, zero=False)
    x = alt.X("x:Q", title=X_TITLE, scale=x_scale)
    y = alt.Y("y:Q", title=Y_TITLE, scale=y_scale,
              axis=alt.Axis(format=",.0f", values=axis_values(bounds[2], bounds[3], c)))
    colour = alt.Color("gruppe:N", scale=GROUP_COLOURS, title=None, sort=list(GROUPS),
                       legend=alt.Legend(orient="bottom", direction="horizontal"))
    rects = alt.Chart(alt.NamedData("zellen")).mark_rect().encode(
        x=x, x2="x2:Q", y=y, y2="y2:Q", color=colour,
        opacity=alt.Opacity("kunden:Q", scale=alt.Scale(type="sqrt", range=[0.3, 1]), legend=None),
        tooltip=[alt.Tooltip("gruppe:N", title="Gruppe (Mitte der Zelle)"),
                 alt.Tooltip("kunden:Q", title="Kunden", format=",d"),
                 alt.Tooltip("x:Q", title="Dauer von (Jahre)", format=",.1f"),
                 alt.Tooltip("x2:Q", title="Dauer bis (Jahre)", format=",.1f"),
                 alt.Tooltip("y:Q", title="Gewinn im Jahr von (€)", format=",.0f"),
                 alt.Tooltip("y2:Q", title="Gewinn im Jahr bis (€)", format=",.0f")])
    lines = alt.Chart(alt.NamedData("schwellen"))
    rule: dict[str, Any] = {"color": "#333", "strokeDash": [6, 4], "strokeWidth": 2}
    vertical = lines.mark_rule(**rule).encode(x=alt.X("dauer:Q", scale=x_scale))
    horizontal = lines.mark_rule(**rule).encode(y=alt.Y("gewinn:Q", scale=y_scale))
    labels = []
    for side, align in (("links", "left"), ("rechts", "right")):
        for top in (True, False):
            base = alt.Chart(alt.NamedData("etiketten")).transform_filter(
                (alt.datum.seite == side) & (alt.datum.oben == top))
            style: dict[str, Any] = {"align": align, "baseline": "top" if top else "bottom",
                                     "dx": 6 if align == "left" else -6,
                                     "dy": 6 if top else -6, "fontSize": 13, "fontWeight": "bold"}
            enc: dict[str, Any] = {"x": alt.X("x:Q", scale=x_scale), "y": alt.Y("y:Q", scale=y_scale),
                                   "text": "text:N"}
            labels.append(base.mark_text(**style, stroke="white", strokeWidth=4, strokeJoin="round",
                                         opacity=0.9).encode(**enc))
            labels.append(base.mark_text(**style).encode(**enc, color=alt.Color(
                "gruppe:N", scale=alt.Scale(domain=list(GROUPS), range=["#1f6f99", "#8a5a00", "#006b4f", "#a63e00"]),
                legend=None)))
    chart = layer(rects, vertical, horizontal, *labels).properties(
        width=width, height=height, title=alt.Title(TITLE, subtitle=_subtitle(model, result, bounds)))
    return chart.properties(datasets=datasets(cells, result, bounds))


def updated_spec(spec: dict, model: LoyaltyModel, result: LoyaltyResult, cells: Cells) -> dict:
    """A copy of ``loyalty_chart(...).to_dict()`` for other thresholds – no Altair rebuild.

    >>> t = pd.DataFrame({"kunden_id": list("ABCD"), "betrag": [100.0, 300.0, 50.0, 900.0],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-06-01", "2024-12-31"])})
    >>> m = LoyaltyModel.from_tables(t)
    >>> cells = Cells.from_grid(density_grid(m))
    >>> spec = loyalty_chart(m, m.evaluate(), cells=cells).to_dict()
    >>> new = updated_spec(spec, m, m.evaluate(0.0, 100.0), cells)
    >>> new["datasets"]["schwellen"], spec["datasets"]["schwellen"][0]["gewinn"]
    ([{'dauer': 0.0, 'gewinn': 100.0}], 25.0)
    """
    bounds = grid_bounds(model)
    new = copy.copy(spec)
    new["datasets"] = datasets(cells, result, bounds)
    new["title"] = {**spec["title"], "subtitle": _subtitle(model, result, bounds)}
    return new

