"""Chart of lesson 5.8: both stocks of the loop over the months, and where the loop tips.

Left: relationship quality and staff burden month by month, the critical quality
as a dashed line. Right: the quality at the end for every level of the main lever,
its tipping level and the learner's setting marked. A few dozen rows in named data
sets; a widget swaps only them (:func:`updated_spec`).
"""
from __future__ import annotations

import copy

import altair as alt

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import de_number, de_percent
from kundenkit.models.relationship_levers import LEVER_NAMES, LoopResult

QUALITY, BURDEN = "Beziehungsqualität", "Belastung der Mitarbeitenden"
#: Okabe–Ito: blue for the quality, vermillion for the burden.
STOCK_COLOURS = alt.Scale(domain=[QUALITY, BURDEN], range=[PALETTE[4], PALETTE[3]])
TITLE = "Die Schleife aus Beziehungsqualität und Belastung"
WIDTH, HEIGHT = 290, 220


def _num(value: float) -> str:
    return de_number(value, 2)


def path_rows(result: LoopResult) -> list[dict]:
    """Two rows per month, one per stock (data set ``verlauf``).

    >>> from kundenkit.models.relationship_levers import StartValues, run_loop
    >>> r = run_loop(StartValues(1800, 500, 2.0, 3.2, 4.0))
    >>> [(row["groesse"], row["text"]) for row in path_rows(r)[:2]]
    [('Beziehungsqualität', '0,55'), ('Belastung der Mitarbeitenden', '0,45')]
    """
    rows = []
    for month, q, b in result.trajectory.itertuples(index=False):
        for name, value in ((QUALITY, q), (BURDEN, b)):
            rows.append({"monat": int(month), "groesse": name, "wert": round(float(value), 4), "text": _num(value)})
    return rows


def datasets(result: LoopResult) -> dict[str, list[dict]]:
    """All named data sets of the chart; a tipping point that does not exist is an empty data set."""
    lever = LEVER_NAMES[result.lever]
    current = getattr(result.levers, result.lever)
    critical = ([] if result.critical is None else
                [{"wert": round(result.critical, 4), "text": f"Kipppunkt der Qualität: {_num(result.critical)}"}])
    tipping = ([] if result.tipping is None else
               [{"hebelwert": round(result.tipping, 4), "text": f"Kipppunkt: {de_percent(result.tipping)}"}])
    return {
        "verlauf": path_rows(result), "kritisch": critical, "kipp_hebel": tipping,
        "kurve": [{"hebelwert": round(float(h), 4), "endqualitaet": round(float(q), 4), "text": _num(q),
                   "stufe": de_percent(h)} for h, q in result.curve.itertuples(index=False)],
        "aktuell": [{"hebelwert": round(current, 4), "endqualitaet": round(result.final_quality, 4),
                     "text": f"Ihre Einstellung: {lever} {de_percent(current)}"}],
        "start": [{"wert": round(result.start.quality, 4), "text": f"Start: {_num(result.start.quality)}"}],
    }


def _subtitle(result: LoopResult) -> list[str]:
    return [f"Modell des Kurses · Start aus Ihren Kontakten · {result.months} Monate",
            "Rechts: Qualität am Ende je Stufe des Hebels " + LEVER_NAMES[result.lever]]


def loop_chart(result: LoopResult, *, width: int = WIDTH, height: int = HEIGHT) -> alt.HConcatChart:
    """Trajectories of both stocks (left) and the final quality by level of the main lever (right).

    >>> from kundenkit.models.relationship_levers import StartValues, run_loop
    >>> spec = loop_chart(run_loop(StartValues(1800, 500, 2.0, 3.2, 4.0))).to_dict()
    >>> sorted(spec["datasets"])
    ['aktuell', 'kipp_hebel', 'kritisch', 'kurve', 'start', 'verlauf']
    >>> spec["title"]["text"]
    'Die Schleife aus Beziehungsqualität und Belastung'
    """
    share_axis = alt.Axis(format=".1f", tickCount=5)
    unit = alt.Scale(domain=[0, 1], nice=False)
    lines = alt.Chart(alt.NamedData("verlauf")).mark_line(strokeWidth=2.5).encode(
        x=alt.X("monat:Q", title="Monat", axis=alt.Axis(tickCount=5, format="d"),
                scale=alt.Scale(domain=[0, result.months], nice=False)),
        y=alt.Y("wert:Q", title="Wert (0 bis 1)", scale=unit, axis=share_axis),
        color=alt.Color("groesse:N", scale=STOCK_COLOURS, title=None,
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("monat:Q", title="Monat"), alt.Tooltip("groesse:N", title="Größe"),
                 alt.Tooltip("text:N", title="Wert")])
    critical_rule = alt.Chart(alt.NamedData("kritisch")).mark_rule(strokeDash=[5, 4], color=PALETTE[7]).encode(
        y=alt.Y("wert:Q", scale=unit))
    critical_text = alt.Chart(alt.NamedData("kritisch")).mark_text(
        align="left", dx=4, dy=-7, fontSize=11, x=0).encode(y=alt.Y("wert:Q", scale=unit), text="text:N")
    left = layer(lines, critical_rule, critical_text).properties(
        width=width, height=height, title=alt.Title("Verlauf", fontSize=13))
    lever_x = alt.X("hebelwert:Q", title=f"Hebel {LEVER_NAMES[result.lever]}",
                    scale=alt.Scale(domain=[0, 1], nice=False), axis=alt.Axis(format=".0%", tickCount=5))
    end_y = alt.Y("endqualitaet:Q", title=f"Qualität nach {result.months} Monaten", scale=unit, axis=share_axis)
    curve = alt.Chart(alt.NamedData("kurve")).mark_line(color=PALETTE[4], point=True).encode(
        x=lever_x, y=end_y, tooltip=[alt.Tooltip("stufe:N", title=LEVER_NAMES[result.lever]),
                                     alt.Tooltip("text:N", title="Qualität am Ende")])
    start_rule = alt.Chart(alt.NamedData("start")).mark_rule(strokeDash=[2, 3], color=PALETTE[7]).encode(
        y=alt.Y("wert:Q", scale=unit))
    start_text = alt.Chart(alt.NamedData("start")).mark_text(align="right", dy=-7, fontSize=11, x=width).encode(
        y=alt.Y("wert:Q", scale=unit), text="text:N")
    tipping_rule = alt.Chart(alt.NamedData("kipp_hebel")).mark_rule(strokeDash=[5, 4], color=PALETTE[7]).encode(
        x=lever_x)
    tipping_text = alt.Chart(alt.NamedData("kipp_hebel")).mark_text(
        align="left", dx=4, y=8, fontSize=11).encode(x=lever_x, text="text:N")
    current = alt.Chart(alt.NamedData("aktuell")).mark_point(
        shape="diamond", size=160, filled=True, color=PALETTE[3]).encode(
        x=lever_x, y=end_y, tooltip=[alt.Tooltip("text:N", title="Einstellung")])
    right = layer(curve, start_rule, start_text, tipping_rule, tipping_text, current).properties(
        width=width, height=height, title=alt.Title("Wo die Schleife kippt", fontSize=13))
    chart = alt.hconcat(left, right, spacing=30).properties(title=alt.Title(TITLE, subtitle=_subtitle(result)))
    return chart.properties(datasets=datasets(result))


def updated_spec(spec: dict, result: LoopResult) -> dict:
    """A copy of ``loop_chart(...).to_dict()`` for another result – no Altair rebuild.

    >>> from kundenkit.models.relationship_levers import Levers, StartValues, run_loop
    >>> s = StartValues(1800, 500, 2.0, 3.2, 4.0)
    >>> spec = loop_chart(run_loop(s)).to_dict()
    >>> new = updated_spec(spec, run_loop(s, Levers(wohlbefinden=0.0)))
    >>> new["datasets"]["aktuell"][0]["text"], spec["datasets"]["aktuell"][0]["text"]
    ('Ihre Einstellung: Wohlbefinden 0 %', 'Ihre Einstellung: Wohlbefinden 50 %')
    """
    new = copy.copy(spec)
    new["datasets"] = datasets(result)
    new["title"] = {**spec["title"], "subtitle": _subtitle(result)}
    return new
