"""Charts of lesson 1.2: the whale curve of customer profit (course model)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_money, de_percent

WITH_KINGS, WITHOUT_KINGS = "mit Königen", "ohne Könige"
CURVE_COLOURS = alt.Scale(domain=[WITH_KINGS, WITHOUT_KINGS], range=[PALETTE[3], "#888888"])
X_TITLE = "Anteil der Kunden, sortiert vom profitabelsten zum unprofitabelsten"
Y_TITLE = "Kumulierter Gewinn (€ pro Jahr)"


def check_curve(curve: pd.DataFrame, name: str) -> None:
    """A German error if ``curve`` (parameter ``name``) is not a whale curve of :func:`whale_curve`."""
    missing = [c for c in ("anteil_kunden", "kunden", "kumulierter_gewinn") if c not in curve.columns]
    if missing:
        raise KundenkitError(f"Im Parameter '{name}' fehlen die Spalten {', '.join(missing)}. "
                             "Berechnen Sie die Kurve mit kk.models.customer_profit.whale_curve(...).")


def peak_marks(curve: pd.DataFrame) -> pd.DataFrame:
    """The labels of a whale curve: its peak (if it is not the end) and the total profit at the end."""
    peak = curve.loc[curve["kumulierter_gewinn"].idxmax()]
    end = curve.iloc[-1]
    rows = [{"anteil_kunden": end["anteil_kunden"], "kumulierter_gewinn": end["kumulierter_gewinn"],
             "text": f"Gesamtgewinn: {de_money(end['kumulierter_gewinn'], 0)}", "align": "right",
             "dy": -14 if end["kumulierter_gewinn"] < 0 else 18}]
    if peak["kunden"] < end["kunden"]:
        rows.insert(0, {"anteil_kunden": peak["anteil_kunden"], "kumulierter_gewinn": peak["kumulierter_gewinn"],
                        "text": f"Gipfel: Die ersten {de_percent(peak['anteil_kunden'])} der Kunden\n"
                                f"bringen {de_money(peak['kumulierter_gewinn'], 0)}",
                        "align": "right" if peak["anteil_kunden"] > 0.3 else "left", "dy": -26})
    return pd.DataFrame(rows)


def whale_chart(curve: pd.DataFrame, curve_without_kings: pd.DataFrame | None = None, *,
                width: int = 620, height: int = 320, title: str | None = None) -> alt.LayerChart:
    """The whale curve: cumulative profit over customers sorted from most to least profitable.

    Parameters
    ----------
    curve : DataFrame
        Output of :func:`kundenkit.models.customer_profit.whale_curve` (at most a few hundred rows).
    curve_without_kings : DataFrame, optional
        The same without kings, drawn as a grey dashed line for comparison.

    Examples
    --------
    >>> from kundenkit.models.customer_profit import whale_curve
    >>> spec = whale_chart(whale_curve([30.0, 10.0, -5.0]), whale_curve([30.0, 10.0, 5.0])).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]  # zero line, curves, marks, 2 labels
    ['rule', 'line', 'point', 'text', 'text']
    """
    check_curve(curve, "curve")
    lines = [curve.assign(variante=WITH_KINGS if curve_without_kings is not None else "Ihre Einstellung")]
    if curve_without_kings is not None:
        check_curve(curve_without_kings, "curve_without_kings")
        lines.insert(0, curve_without_kings.assign(variante=WITHOUT_KINGS))
    data = pd.concat(lines, ignore_index=True)
    domain = [WITHOUT_KINGS, WITH_KINGS] if curve_without_kings is not None else ["Ihre Einstellung"]
    colours = alt.Scale(domain=domain, range=["#888888", PALETTE[3]] if len(domain) == 2 else [PALETTE[3]])
    x = alt.X("anteil_kunden:Q", title=X_TITLE, scale=alt.Scale(domain=[0, 1], nice=False),
              axis=alt.Axis(format=".0%", tickCount=10))
    y = alt.Y("kumulierter_gewinn:Q", title=Y_TITLE, axis=alt.Axis(format=",.0f"))
    zero = alt.Chart(pd.DataFrame({"null": [0]})).mark_rule(color="black", strokeWidth=1).encode(
        y=alt.Y("null:Q"))
    line = alt.Chart(data).mark_line(strokeWidth=3).encode(
        x=x, y=y,
        color=alt.Color("variante:N", scale=colours, title=None, legend=alt.Legend(orient="top")),
        strokeDash=alt.StrokeDash("variante:N", scale=alt.Scale(domain=domain, range=[[6, 4], [1, 0]]
                                                                  if len(domain) == 2 else [[1, 0]]), legend=None),
        tooltip=[alt.Tooltip("variante:N", title="Kurve"),
                 alt.Tooltip("anteil_kunden:Q", title="Anteil der Kunden", format=".1%"),
                 alt.Tooltip("kunden:Q", title="Anzahl Kunden", format=",.0f"),
                 alt.Tooltip("kumulierter_gewinn:Q", title="Kumulierter Gewinn (€)", format=",.0f")],
    )
    marks = peak_marks(curve)
    points = alt.Chart(marks).mark_point(filled=True, size=90, color="black").encode(x=x, y=y)
    labels = [
        alt.Chart(marks[(marks["align"] == align) & (marks["dy"] == dy)]).mark_text(
            align=align, dy=dy, dx=-6 if align == "right" else 6, fontSize=13, fontWeight="bold",
            lineBreak="\n").encode(
            x=x, y=y, text="text:N")
        for align, dy in marks[["align", "dy"]].drop_duplicates().itertuples(index=False)
    ]
    chart = layer(zero, line, points, *labels).properties(
        width=width, height=height,
        title=alt.Title(title or "Walfischkurve: Wo die Kurve gipfelt, beginnen die Verlustkunden",
                        subtitle="Modell des Kurses mit Ihren Annahmen; Gewinn je Kunde und Jahr"))
    return chart
