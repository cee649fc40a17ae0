"""Chart of lesson 4.20: the value of both dunning styles over the horizon in years, the current horizon marked.

The data sit in named datasets, so that :func:`updated_spec` swaps them on every move of a slider without
rebuilding the chart in Altair.
"""
from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.errors import KundenkitError
from kundenkit.formatting import MINUS, de_money, de_number

HARD, PARTNER = "hart", "partnerschaftlich"
COLOURS = [PALETTE[1], PALETTE[4]]   # orange and blue: told apart also with red-green blindness


def datasets(curve: pd.DataFrame, years: float, styles: pd.DataFrame) -> dict:
    """The chart's data by dataset name: the curves, the current horizon and both current values.

    >>> curve = pd.DataFrame({"jahre": [0.0, 10.0] * 2, "stil": ["hart"] * 2 + ["partnerschaftlich"] * 2,
    ...                       "wert": [5.0, 8.0, 1.0, 12.0]})
    >>> s = pd.DataFrame({"stil": ["hart", "partnerschaftlich"], "wert_mahnstil": [6.0, 7.0]})
    >>> d = datasets(curve, 3.0, s)
    >>> sorted(d), d["horizont"][0]["text"]
    (['aktuell', 'horizont', 'kurven'], 'Ihr Horizont: 3 Jahre')
    """
    missing = [c for c in ("jahre", "stil", "wert") if c not in curve.columns]
    if missing:
        raise KundenkitError(f"Im Parameter 'curve' fehlen die Spalten {', '.join(missing)}. Berechnen Sie ihn mit "
                             "kk.models.dunning.DunningModel(...).compare(...).curve.", parameter="curve")
    value = styles.set_index("stil")["wert_mahnstil"]
    return {
        "kurven": [{"jahre": j, "stil": s, "wert": w} for j, s, w in
                   zip(curve["jahre"].tolist(), curve["stil"].tolist(), curve["wert"].tolist())],
        "horizont": [{"jahre": float(years), "text": f"Ihr Horizont: {de_number(years, 1 if years % 1 else 0)} "
                                                     f"{'Jahr' if years == 1 else 'Jahre'}"}],
        "aktuell": [{"jahre": float(years), "stil": name, "wert": float(value[name]),
                     "text": de_money(float(value[name]), 0).replace("-", MINUS)} for name in (HARD, PARTNER)],
    }


def dunning_chart(curve: pd.DataFrame, years: float, styles: pd.DataFrame, *, width: int = 620,
                  height: int = 300) -> alt.LayerChart:
    """Value of both dunning styles over the horizon; the current horizon marked.

    >>> from kundenkit.models.dunning import DunningModel
    >>> t = pd.DataFrame({"kunden_id": ["A"] * 4 + ["B"], "betrag": [10.0] * 4 + [100.0]})
    >>> o = DunningModel.from_tables(t, years=1).compare(years=2, late_share=0.5)
    >>> spec = dunning_chart(o.curve, o.years, o.styles).to_dict()
    >>> len(spec["layer"]), len(spec["datasets"]["kurven"]) == len(o.curve)
    (4, True)
    """
    x = alt.X("jahre:Q", title="Horizont (Jahre)", axis=alt.Axis(format=",.0f", tickMinStep=1))
    y = alt.Y("wert:Q", title="Wert der säumigen Kunden (€)", axis=alt.Axis(format=",.0f"),
              scale=alt.Scale(zero=False))
    colour = alt.Color("stil:N", scale=alt.Scale(domain=[HARD, PARTNER], range=COLOURS), title="Mahnstil",
                       legend=alt.Legend(orient="top"))
    lines = alt.Chart(alt.Data(name="kurven")).mark_line(strokeWidth=3).encode(
        x=x, y=y, color=colour,
        tooltip=[alt.Tooltip("stil:N", title="Mahnstil"), alt.Tooltip("jahre:Q", title="Jahre", format=",.2f"),
                 alt.Tooltip("wert:Q", title="Wert (€)", format=",.0f")])
    rule = alt.Chart(alt.Data(name="horizont")).mark_rule(color="#555555", strokeDash=[4, 4]).encode(x=x)
    rule_text = alt.Chart(alt.Data(name="horizont")).mark_text(
        align="left", baseline="bottom", dx=5, y=height - 6, fontSize=12, fontWeight="bold",
        color="#333333").encode(x=x, text="text:N")
    points = alt.Chart(alt.Data(name="aktuell")).mark_point(filled=True, size=110, opacity=1).encode(
        x=x, y=y, color=alt.Color("stil:N", scale=alt.Scale(domain=[HARD, PARTNER], range=COLOURS), legend=None),
        tooltip=[alt.Tooltip("stil:N", title="Mahnstil"), alt.Tooltip("wert:Q", title="Wert (€)", format=",.0f")])
    chart = layer(lines, rule, rule_text, points).properties(
        width=width, height=height,
        title=alt.Title("Eingetriebenes Geld plus gehaltene Marge, abzüglich Mahnkosten",
                        subtitle="Modell des Kurses mit Ihren Annahmen. Die gestrichelte Linie ist Ihr Horizont."))
    return chart.properties(datasets=datasets(curve, years, styles))


def updated_spec(spec: dict, curve: pd.DataFrame, years: float, styles: pd.DataFrame) -> dict:
    """A copy of ``dunning_chart(...).to_dict()`` with new data – no Altair rebuild.

    >>> curve = pd.DataFrame({"jahre": [0.0, 10.0], "stil": ["hart"] * 2, "wert": [1.0, 2.0]})
    >>> s = pd.DataFrame({"stil": ["hart", "partnerschaftlich"], "wert_mahnstil": [1.0, 3.0]})
    >>> spec = dunning_chart(curve, 5.0, s).to_dict()
    >>> updated_spec(spec, curve, 2.0, s)["datasets"]["horizont"][0]["jahre"], spec["datasets"]["horizont"][0]["jahre"]
    (2.0, 5.0)
    """
    new = copy.copy(spec)
    new["datasets"] = {**spec["datasets"], **datasets(curve, years, styles)}
    return new
