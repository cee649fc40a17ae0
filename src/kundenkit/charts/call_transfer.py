"""Chart of lesson 4.9: solved in the first contact and cost over the share of requests transferred.

Two small panels over the same x axis (21 points each), the learner's setting
marked by a rule and a point, the targeted policy by a dashed rule. All rows live
in named data sets; a widget swaps only them (:func:`updated_spec`).
"""
from __future__ import annotations

import copy

import altair as alt

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import de_money, de_percent
from kundenkit.models.call_transfer import CURRENT, TARGETED, TransferResult

TITLE = "Im ersten Kontakt gelöst und Kosten – je nach Anteil weiterverbunden"
X_TITLE = "Anteil der Anfragen, die weiterverbunden werden"
WIDTH, HEIGHT = 520, 130


def _row(share: float, solved: float, cost: float, text: str) -> dict:
    share, solved, cost = float(share), float(solved), float(cost)
    return {"x": round(share, 4), "erstloesung": round(solved, 4), "kosten": round(cost, 2),
            "x_text": de_percent(share), "erstloesung_text": de_percent(solved, 1), "kosten_text": de_money(cost, 0),
            "text": text}


def datasets(result: TransferResult) -> dict[str, list[dict]]:
    """The curve (``kurve``), the learner's setting (``aktuell``) and the targeted policy (``gezielt``).

    >>> from kundenkit.models.call_transfer import Requests, evaluate
    >>> d = datasets(evaluate(Requests(("Hotline",), 1000, 800, 4.0), 0.5))
    >>> len(d["kurve"]), d["aktuell"][0]["x_text"], d["aktuell"][0]["erstloesung_text"], d["gezielt"][0]["x"]
    (21, '50 %', '95,0 %', 0.3)
    """
    curve = [_row(r.anteil_weiter, r.erstloesung, r.servicekosten, "")
             for r in result.curve.itertuples(index=False)]
    cur, tgt = result.row(CURRENT), result.row(TARGETED)
    return {"kurve": curve,
            "aktuell": [_row(cur["anteil_weiter"], cur["erstloesung"], cur["servicekosten"], CURRENT)],
            "gezielt": [_row(tgt["anteil_weiter"], tgt["erstloesung"], tgt["servicekosten"], "gezielt")]}


def _subtitle(result: TransferResult) -> list[str]:
    a = result.assumptions
    return [f"Annahmen des Kurses: {de_percent(a.simple_share)} löst die erste Person · Versuch bei schwierigen "
            f"{de_percent(a.attempt_rate)} · Spezialist {de_percent(a.specialist_rate)} · "
            f"{de_percent(a.warm_share)} warm übergeben",
            "Senkrechte Linie: Ihre Einstellung · gestrichelt: gezielt (genau die schwierigen Anfragen)"]


def _panel(field: str, title: str, fmt: str, colour: str, *, show_x: bool) -> alt.LayerChart:
    x = alt.X("x:Q", title=X_TITLE if show_x else None, scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%", labels=show_x, tickCount=10))
    y = alt.Y(f"{field}:Q", title=title, axis=alt.Axis(format=fmt, tickCount=4), scale=alt.Scale(zero=False))
    tooltip = [alt.Tooltip("x_text:N", title="Weiterverbunden"),
               alt.Tooltip("erstloesung_text:N", title="Im ersten Kontakt gelöst"),
               alt.Tooltip("kosten_text:N", title="Kosten")]
    line = alt.Chart(alt.NamedData("kurve")).mark_line(color=colour, strokeWidth=2.5).encode(
        x=x, y=y, tooltip=tooltip)
    target = alt.Chart(alt.NamedData("gezielt")).mark_rule(color="#555555", strokeDash=[5, 4]).encode(x="x:Q")
    rule = alt.Chart(alt.NamedData("aktuell")).mark_rule(color=PALETTE[7], strokeWidth=1.5).encode(x="x:Q")
    point = alt.Chart(alt.NamedData("aktuell")).mark_point(filled=True, size=110, color=PALETTE[7]).encode(
        x="x:Q", y=f"{field}:Q", tooltip=tooltip)
    return layer(line, target, rule, point).properties(width=WIDTH, height=HEIGHT)


def transfer_chart(result: TransferResult) -> alt.VConcatChart:
    """Two panels over the transfer share: share solved in the first contact (top) and cost (bottom).

    >>> from kundenkit.models.call_transfer import Requests, evaluate
    >>> spec = transfer_chart(evaluate(Requests(("Hotline",), 1000, 800, 4.0))).to_dict()
    >>> sorted(spec["datasets"]), spec["title"]["text"][:24]
    (['aktuell', 'gezielt', 'kurve'], 'Im ersten Kontakt gelöst')
    """
    top = _panel("erstloesung", "Im ersten Kontakt gelöst", ".0%", PALETTE[4], show_x=False)
    bottom = _panel("kosten", "Kosten (€)", ",d", PALETTE[3], show_x=True)
    chart = alt.vconcat(top, bottom, spacing=8).properties(title=alt.Title(TITLE, subtitle=_subtitle(result)))
    return chart.properties(datasets=datasets(result))


def updated_spec(spec: dict, result: TransferResult) -> dict:
    """A copy of ``transfer_chart(...).to_dict()`` for another result – no Altair rebuild.

    >>> from kundenkit.models.call_transfer import Requests, evaluate
    >>> req = Requests(("Hotline",), 1000, 800, 4.0)
    >>> spec = transfer_chart(evaluate(req, 0.0)).to_dict()
    >>> updated_spec(spec, evaluate(req, 1.0))["datasets"]["aktuell"][0]["x"], spec["datasets"]["aktuell"][0]["x"]
    (1.0, 0.0)
    """
    new = copy.copy(spec)
    new["datasets"] = datasets(result)
    new["title"] = {**spec["title"], "subtitle": _subtitle(result)}
    return new
