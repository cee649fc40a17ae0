"""Chart of lesson 4.7: the net effect per year of the points programme and the service subscription over the fee.

The data sit in named datasets, so that :func:`updated_spec` can swap them on every move of a slider
without rebuilding the chart in Altair.
"""
from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.errors import KundenkitError
from kundenkit.formatting import MINUS, de_money

POINTS, SUBSCRIPTION = "Punkteprogramm", "Service-Abo"
COLOURS = [PALETTE[1], PALETTE[4]]   # orange and blue: told apart also with red-green blindness


def _money(value: float) -> str:
    return de_money(value, 0).replace("-", MINUS)


def datasets(curve: pd.DataFrame, fee: float, options: pd.DataFrame) -> dict:
    """The chart's data by dataset name: the curves, the current fee and the two current values.

    >>> curve = pd.DataFrame({"gebuehr": [0.0, 10.0, 0.0, 10.0], "nettoeffekt": [-5.0, 3.0, 1.0, 1.0],
    ...                       "option": ["Service-Abo", "Service-Abo", "Punkteprogramm", "Punkteprogramm"]})
    >>> o = pd.DataFrame({"option": ["Punkteprogramm", "Service-Abo"], "nettoeffekt": [1.0, 3.0]})
    >>> d = datasets(curve, 10.0, o)
    >>> sorted(d), d["aktuell"][1]["text"]
    (['aktuell', 'gebuehr', 'kurven'], 'Abo: 3 €')
    """
    missing = [c for c in ("gebuehr", "option", "nettoeffekt") if c not in curve.columns]
    if missing:
        raise KundenkitError(f"Im Parameter 'curve' fehlen die Spalten {', '.join(missing)}. Berechnen Sie ihn mit "
                             "kk.models.service_subscription.SubscriptionModel(...).compare(...).curve.")
    net = options.set_index("option")["nettoeffekt"]
    return {
        "kurven": [{"gebuehr": g, "option": o, "nettoeffekt": n} for g, o, n in
                   zip(curve["gebuehr"].tolist(), curve["option"].tolist(), curve["nettoeffekt"].tolist())],
        "gebuehr": [{"gebuehr": float(fee), "text": f"Ihre Gebühr: {_money(fee)}"}],
        "aktuell": [{"gebuehr": float(fee), "option": name, "nettoeffekt": float(net[name]),
                     "text": f"{'Punkte' if name == POINTS else 'Abo'}: {_money(float(net[name]))}"}
                    for name in (POINTS, SUBSCRIPTION)],
    }


def subscription_chart(curve: pd.DataFrame, fee: float, options: pd.DataFrame, *, width: int = 620,
                       height: int = 300) -> alt.LayerChart:
    """Net effect per year of both options over the subscription fee; the current fee marked.

    ``curve`` and ``options`` come from
    :meth:`kundenkit.models.service_subscription.SubscriptionModel.compare`.

    >>> from kundenkit.models.service_subscription import SubscriptionModel
    >>> t = pd.DataFrame({"kunden_id": ["A"] * 20 + ["B"] * 2, "betrag": [50.0] * 22})
    >>> c = SubscriptionModel.from_tables(t, years=1).compare()
    >>> spec = subscription_chart(c.curve, c.subscription.fee, c.options).to_dict()
    >>> len(spec["layer"]), len(spec["datasets"]["kurven"]) == len(c.curve)
    (5, True)
    """
    x = alt.X("gebuehr:Q", title="Jahresgebühr des Abos (€)", axis=alt.Axis(format=",.0f"))
    y = alt.Y("nettoeffekt:Q", title="Nettoeffekt (€ pro Jahr)", axis=alt.Axis(format=",.0f"))
    colour = alt.Color("option:N", scale=alt.Scale(domain=[POINTS, SUBSCRIPTION], range=COLOURS), title=None,
                       legend=alt.Legend(orient="top"))
    zero = alt.Chart(pd.DataFrame({"null": [0]})).mark_rule(color="black", strokeWidth=1).encode(y="null:Q")
    lines = alt.Chart(alt.Data(name="kurven")).mark_line(strokeWidth=3).encode(
        x=x, y=y, color=colour,
        tooltip=[alt.Tooltip("option:N", title="Weg"),
                 alt.Tooltip("gebuehr:Q", title="Jahresgebühr (€)", format=",.2f"),
                 alt.Tooltip("nettoeffekt:Q", title="Nettoeffekt (€ pro Jahr)", format=",.0f")])
    rule = alt.Chart(alt.Data(name="gebuehr")).mark_rule(color="#555555", strokeDash=[4, 4]).encode(x=x)
    rule_text = alt.Chart(alt.Data(name="gebuehr")).mark_text(  # at the bottom, clear of the curves' peak
        align="left", baseline="bottom", dx=5, y=height - 6, fontSize=12, fontWeight="bold",
        color="#333333").encode(x=x, text="text:N")
    points = alt.Chart(alt.Data(name="aktuell")).mark_point(filled=True, size=110, opacity=1).encode(
        x=x, y=y, color=alt.Color("option:N", scale=alt.Scale(domain=[POINTS, SUBSCRIPTION], range=COLOURS),
                                  legend=None),
        tooltip=[alt.Tooltip("option:N", title="Weg"),
                 alt.Tooltip("nettoeffekt:Q", title="Nettoeffekt (€ pro Jahr)", format=",.0f")])
    chart = layer(zero, lines, rule, rule_text, points).properties(
        width=width, height=height,
        title=alt.Title("Nettoeffekt im Jahr: Punkteprogramm und Service-Abo",
                        subtitle="Modell des Kurses mit Ihren Annahmen. Die Punkte hängen nicht von der Abo-Gebühr "
                                 "ab; die gestrichelte Linie ist Ihre Gebühr."))
    return chart.properties(datasets=datasets(curve, fee, options))


def updated_spec(spec: dict, curve: pd.DataFrame, fee: float, options: pd.DataFrame) -> dict:
    """A copy of ``subscription_chart(...).to_dict()`` with new data – no Altair rebuild.

    >>> curve = pd.DataFrame({"gebuehr": [0.0, 10.0], "nettoeffekt": [-5.0, 3.0], "option": ["Service-Abo"] * 2})
    >>> o = pd.DataFrame({"option": ["Punkteprogramm", "Service-Abo"], "nettoeffekt": [1.0, 3.0]})
    >>> spec = subscription_chart(curve, 10.0, o).to_dict()
    >>> new = updated_spec(spec, curve, 0.0, o)
    >>> new["datasets"]["gebuehr"][0]["gebuehr"], spec["datasets"]["gebuehr"][0]["gebuehr"]
    (0.0, 10.0)
    """
    new = copy.copy(spec)
    new["datasets"] = {**spec["datasets"], **datasets(curve, fee, options)}
    return new
