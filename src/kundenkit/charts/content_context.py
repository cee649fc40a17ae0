"""Chart of lesson 4.3: expected reactions of both strategies per context kind.

Per context kind two bars side by side, one per strategy: positive reactions
upwards, annoyed contacts downwards (as negative numbers), the net effect as a
dot. The current settings stand in the subtitle. All rows live in one named
data set; a widget swaps only it (:func:`updated_spec`).
"""
from __future__ import annotations

import copy

import altair as alt

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import MINUS, de_number, de_percent
from kundenkit.models.content_context import BROADCAST, BY_CONTEXT, CONTEXTS, STRATEGIES, ContentContextResult

POSITIVE, ANNOYED = "positiv", "verärgert"
COLORS = alt.Scale(domain=list(STRATEGIES), range=[PALETTE[3], PALETTE[0]])
TITLE = "Gleicher Inhalt für alle oder Inhalt nach Kontext?"
WIDTH, HEIGHT = 420, 300


def _num(value: float) -> str:
    return de_number(value, 0).replace("-", MINUS)


def rows(result: ContentContextResult) -> list[dict]:
    """Two bars (positive, annoyed) per context kind and strategy (rows of the data set ``reaktionen``).

    >>> import pandas as pd
    >>> from kundenkit.models.content_context import compare
    >>> counts = pd.DataFrame({"kontext": ["Problem"], "kontakte": [100]})
    >>> rows(compare(counts))[:2]
    [{'kontext': 'Problem', 'strategie': 'Gleicher Inhalt für alle', 'inhalt': 'Angebot', 'reaktion': 'positiv', \
'anzahl': 2.0, 'netto': -28.0, 'text': '2'}, {'kontext': 'Problem', 'strategie': 'Gleicher Inhalt für alle', \
'inhalt': 'Angebot', 'reaktion': 'verärgert', 'anzahl': -30.0, 'netto': -28.0, 'text': '30'}]
    """
    out = []
    for context, strategy, content, pos, neg, net in result.table[
            ["kontext", "strategie", "inhalt", "positiv", "veraergert", "netto"]].itertuples(index=False):
        for reaction, amount in ((POSITIVE, float(pos)), (ANNOYED, -float(neg))):
            out.append({"kontext": context, "strategie": strategy, "inhalt": content, "reaktion": reaction,
                        "anzahl": amount, "netto": float(net), "text": _num(abs(amount))})
    return out


def _subtitle(result: ContentContextResult) -> list[str]:
    return [f"Ihre Einstellung: Angebot im Problemfall verärgert {de_percent(result.offer_annoyance, 0)}, "
            f"Kontext bekannt bei {de_percent(result.known_share, 0)}",
            f"Netto (Raute): für alle ({result.broadcast}) {_num(result.total(BROADCAST))}, nach Kontext "
            f"{_num(result.total(BY_CONTEXT))} · Modell des Kurses, Reaktionen angenommen"]


def content_context_chart(result: ContentContextResult, *, width: int = WIDTH) -> alt.LayerChart:
    """Positive (up) and annoyed (down) reactions per context kind, both strategies side by side.

    >>> import pandas as pd
    >>> from kundenkit.models.content_context import compare
    >>> counts = pd.DataFrame({"kontext": ["Problem"], "kontakte": [100]})
    >>> spec = content_context_chart(compare(counts)).to_dict()
    >>> len(spec["datasets"]["reaktionen"])
    12
    """
    x = alt.X("kontext:N", sort=list(CONTEXTS), title=None, axis=alt.Axis(labelAngle=0, labelFontSize=12))
    offset = alt.XOffset("strategie:N", sort=list(STRATEGIES), scale=alt.Scale(domain=list(STRATEGIES)))
    tooltip = [alt.Tooltip("kontext:N", title="Kontext"), alt.Tooltip("strategie:N", title="Strategie"),
               alt.Tooltip("inhalt:N", title="Inhalt"), alt.Tooltip("reaktion:N", title="Reaktion"),
               alt.Tooltip("text:N", title="erwartete Kontakte")]
    bars = alt.Chart(alt.NamedData("reaktionen")).mark_bar().encode(
        x=x, xOffset=offset, y=alt.Y("anzahl:Q", title="Erwartete Reaktionen (oben positiv, unten verärgert)",
                                     axis=alt.Axis(format=",.0f")),
        color=alt.Color("strategie:N", scale=COLORS, title=None, legend=alt.Legend(orient="top", labelLimit=260)),
        opacity=alt.Opacity("reaktion:N", scale=alt.Scale(domain=[POSITIVE, ANNOYED], range=[1.0, 0.45]),
                            title="Reaktion", legend=alt.Legend(orient="top")),
        tooltip=tooltip)
    net = alt.Chart(alt.NamedData("reaktionen")).transform_filter(alt.datum.reaktion == POSITIVE).mark_point(
        filled=True, color="#222", size=50, shape="diamond").encode(
        x=x, xOffset=offset, y="netto:Q",
        tooltip=[alt.Tooltip("strategie:N", title="Strategie"), alt.Tooltip("netto:Q", title="netto", format=",.0f")])
    zero = alt.Chart(alt.NamedData("reaktionen")).mark_rule(color="#333").encode(y=alt.datum(0))
    chart = layer(bars, zero, net).properties(width=width, height=HEIGHT,
                                               title=alt.Title(TITLE, subtitle=_subtitle(result)))
    return chart.properties(datasets={"reaktionen": rows(result)})


def updated_spec(spec: dict, result: ContentContextResult) -> dict:
    """A copy of ``content_context_chart(...).to_dict()`` for other settings – no Altair rebuild.

    >>> import pandas as pd
    >>> from kundenkit.models.content_context import compare
    >>> counts = pd.DataFrame({"kontext": ["Problem"], "kontakte": [100]})
    >>> spec = content_context_chart(compare(counts)).to_dict()
    >>> updated_spec(spec, compare(counts, offer_annoyance=0.9))["datasets"]["reaktionen"][1]["anzahl"]
    -90.0
    """
    new = copy.copy(spec)
    new["datasets"] = {"reaktionen": rows(result)}
    new["title"] = {**spec["title"], "subtitle": _subtitle(result)}
    return new
