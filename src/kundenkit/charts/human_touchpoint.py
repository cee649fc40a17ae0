"""Chart of lesson 4.21: per touchpoint the value of the human touch vs its extra cost, and the decision.

One row per touchpoint: two bars (€ per human contact) – what the better rating
is worth and what a human contact costs more than a digital one – and the
decision in words at the end of the row. Touchpoints without a comparison show
only the reason. All rows live in named data sets; a widget swaps only them
(:func:`updated_spec`) instead of building the Altair chart anew.
"""
from __future__ import annotations

import copy
from typing import Literal

import altair as alt
import numpy as np

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import MINUS, de_count, de_money
from kundenkit.models.human_touchpoint import AUTOMATE, KEEP, HumanTouchResult

VALUE, COST = "Wert des Menschen je Kontakt", "Mehrkosten je menschlichem Kontakt"
SERIES = alt.Scale(domain=[VALUE, COST], range=[PALETTE[0], PALETTE[3]])
TITLE = "Was ist der Mensch wert – und was kostet er mehr?"
X_TITLE = "€ je menschlichem Kontakt"
WIDTH, ROW_HEIGHT = 420, 44


def _money(value: float, decimals: int = 2) -> str:
    return de_money(value, decimals).replace("-", MINUS)


def bar_rows(result: HumanTouchResult) -> list[dict]:
    """Two bars per compared touchpoint (rows of the data set ``balken``).

    >>> import pandas as pd
    >>> from kundenkit.models.human_touchpoint import HumanTouchModel
    >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4, "kanal": ["Telefon", "Telefon", "Chat", "Chat"],
    ...                   "bewertung": [5, 4, 3, 3]})
    >>> bar_rows(HumanTouchModel.from_table(k, min_contacts=2).evaluate(4))
    [{'touchpoint': 'Hotline', 'größe': 'Wert des Menschen je Kontakt', 'euro': 6.0, 'text': '6,00 €'}, \
{'touchpoint': 'Hotline', 'größe': 'Mehrkosten je menschlichem Kontakt', 'euro': 3.0, 'text': '3,00 €'}]
    """
    rows = []
    for tp, worth, extra, decision in result.table[["touchpoint", "wert_mensch", "mehrkosten",
                                                     "entscheidung"]].itertuples(index=False):
        if decision in (KEEP, AUTOMATE):
            rows.append({"touchpoint": tp, "größe": VALUE, "euro": float(worth), "text": _money(worth)})
            rows.append({"touchpoint": tp, "größe": COST, "euro": float(extra), "text": _money(extra)})
    return rows


def decision_rows(result: HumanTouchResult) -> list[dict]:
    """The decision per touchpoint, placed right of its longest bar (rows of the data set ``entscheidungen``)."""
    t = result.table
    end = np.nan_to_num(np.fmax(t["wert_mensch"].to_numpy(dtype=float), t["mehrkosten"].to_numpy(dtype=float)))
    return [{"touchpoint": tp, "x": float(max(x, 0.0)), "entscheidung": d,
             "art": "entschieden" if d in (KEEP, AUTOMATE) else "offen"}
            for tp, x, d in zip(t["touchpoint"], end, t["entscheidung"], strict=True)]


def _subtitle(result: HumanTouchResult) -> list[str]:
    keep, automate = len(result.touchpoints(KEEP)), len(result.touchpoints(AUTOMATE))
    return [f"Bei {_money(result.point_value, 0)} je Bewertungspunkt und Kontakt (Ihre Annahme): "
            f"{de_count(keep)} × Mensch behalten, {de_count(automate)} × automatisieren",
            "Modell des Kurses · Bewertungen aus Ihren Kontakten · Kosten je Kontakt aus Lektion 1.2"]


def datasets(result: HumanTouchResult) -> dict:
    return {"balken": bar_rows(result), "entscheidungen": decision_rows(result)}


def human_touch_chart(result: HumanTouchResult, *, width: int = WIDTH) -> alt.LayerChart:
    """Bars of value and extra cost per touchpoint, the decision in words.

    >>> import pandas as pd
    >>> from kundenkit.models.human_touchpoint import HumanTouchModel
    >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4 + ["Shop"], "bewertung": [5, 4, 3, 3, 4],
    ...                   "kanal": ["Telefon", "Telefon", "Chat", "Chat", "Filiale"]})
    >>> spec = human_touch_chart(HumanTouchModel.from_table(k, min_contacts=2).evaluate(1)).to_dict()
    >>> [row["entscheidung"] for row in spec["datasets"]["entscheidungen"]]
    ['automatisieren', 'nur Menschen: kein Vergleich']
    """
    order = result.table["touchpoint"].tolist()
    y = alt.Y("touchpoint:N", sort=order, title=None, scale=alt.Scale(domain=order),
              axis=alt.Axis(labelLimit=170, labelFontSize=12))
    bars = alt.Chart(alt.NamedData("balken")).mark_bar(height=12).encode(
        y=y, yOffset=alt.YOffset("größe:N", sort=[VALUE, COST], scale=alt.Scale(domain=[VALUE, COST])),
        x=alt.X("euro:Q", title=X_TITLE, axis=alt.Axis(format=",.0f")),
        color=alt.Color("größe:N", scale=SERIES, title=None, legend=alt.Legend(orient="top", labelLimit=260)),
        tooltip=[alt.Tooltip("touchpoint:N", title="Touchpoint"), alt.Tooltip("größe:N", title="Größe"),
                 alt.Tooltip("text:N", title="€ je Kontakt")])
    zero = alt.Chart(alt.NamedData("entscheidungen")).mark_rule(color="#333").encode(x=alt.datum(0))
    texts = []
    weights: tuple[tuple[str, Literal["bold", "normal"]], ...] = (("entschieden", "bold"), ("offen", "normal"))
    for art, weight in weights:
        texts.append(alt.Chart(alt.NamedData("entscheidungen")).transform_filter(alt.datum.art == art).mark_text(
            align="left", dx=6, fontSize=12, fontWeight=weight).encode(
            y=y, x="x:Q", text="entscheidung:N",
            color=alt.condition(alt.datum.entscheidung == KEEP, alt.value(PALETTE[4]), alt.value("#444"))))
    chart = layer(bars, zero, *texts).properties(
        width=width, height=ROW_HEIGHT * max(len(order), 1), title=alt.Title(TITLE, subtitle=_subtitle(result)))
    return chart.properties(datasets=datasets(result))


def updated_spec(spec: dict, result: HumanTouchResult) -> dict:
    """A copy of ``human_touch_chart(...).to_dict()`` for another € value per point – no Altair rebuild.

    >>> import pandas as pd
    >>> from kundenkit.models.human_touchpoint import HumanTouchModel
    >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4, "kanal": ["Telefon", "Telefon", "Chat", "Chat"],
    ...                   "bewertung": [5, 4, 3, 3]})
    >>> m = HumanTouchModel.from_table(k, min_contacts=2)
    >>> spec = human_touch_chart(m.evaluate(1)).to_dict()
    >>> updated_spec(spec, m.evaluate(4))["datasets"]["entscheidungen"][0]["entscheidung"]
    'Mensch behalten'
    """
    new = copy.copy(spec)
    new["datasets"] = datasets(result)
    new["title"] = {**spec["title"], "subtitle": _subtitle(result)}
    return new
