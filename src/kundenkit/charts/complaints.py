"""Chart of lesson 4.12: the dissatisfied customers by group, split into those who stay and those who go.

Eight bar segments and four labels – tiny for any number of customers. All rows
live in named data sets; a widget swaps only them (:func:`updated_spec`).
"""
from __future__ import annotations

import copy

import altair as alt

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import de_count, de_percent
from kundenkit.models.complaints import GROUPS, ComplaintResult

STAY, GO = "bleiben", "gehen"
#: Okabe–Ito: bluish green for those who stay, vermillion for those who go.
STATUS_COLOURS = alt.Scale(domain=[STAY, GO], range=[PALETTE[0], PALETTE[3]])
TITLE = "Was aus Ihren unzufriedenen Kunden wird"
X_TITLE = "Kunden (nicht beschwert: Schätzung)"
WIDTH, HEIGHT = 420, 200


def _count(value: float) -> str:
    return de_count(round(value))


def bar_rows(result: ComplaintResult) -> list[dict]:
    """Two segments per group: the customers who stay and those who go (rows of the data set ``balken``).

    >>> from kundenkit.models.complaints import Complainants, funnel
    >>> c = Complainants(("B",), customers=100, satisfied=60, unrated=0, contacts=100, satisfied_from=4)
    >>> rows = bar_rows(funnel(c, large_share=0.0))
    >>> [(r["gruppe"], r["status"], r["kunden"]) for r in rows[:2]]
    [('nicht beschwert', 'bleiben', 111.0), ('nicht beschwert', 'gehen', 189.0)]
    """
    rows = []
    for group in GROUPS:
        row = result.row(group)
        for status, column, start in ((STAY, "bleiben", 0.0), (GO, "gehen", float(row["bleiben"]))):
            value = float(row[column])
            rows.append({"gruppe": group, "status": status, "kunden": round(value, 1), "von": round(start, 1),
                         "bis": round(start + value, 1), "anzahl_text": _count(value),
                         "anteil_text": de_percent(value / row["kunden_im_trichter"]) if row["kunden_im_trichter"]
                         else "–"})
    return rows


def label_rows(result: ComplaintResult) -> list[dict]:
    """One label per group at the end of its bar: customers, those who stay and their share.

    >>> from kundenkit.models.complaints import Complainants, funnel
    >>> c = Complainants(("B",), customers=100, satisfied=60, unrated=0, contacts=100, satisfied_from=4)
    >>> label_rows(funnel(c, large_share=0.0))[3]["text"]
    '30 Kunden · 28 bleiben (95 %)'
    """
    rows = []
    for group in GROUPS:
        row = result.row(group)
        n = float(row["kunden_im_trichter"])
        rows.append({"gruppe": group, "x": round(n, 1),
                     "text": f"{_count(n)} Kunden · {_count(row['bleiben'])} bleiben "
                             f"({de_percent(row['bleibequote'])})"})
    return rows


def datasets(result: ComplaintResult) -> dict[str, list[dict]]:
    """All named data sets of the chart for one result; ``rahmen`` makes room for the labels right of the bars."""
    x_max = max(float(result.table["kunden_im_trichter"].iloc[:-1].max()), 1.0)
    return {"balken": bar_rows(result), "etiketten": label_rows(result), "rahmen": [{"x": round(x_max * 1.9, 1)}]}


def _subtitle(result: ComplaintResult) -> list[str]:
    return [f"Annahmen: {de_percent(result.complaint_share)} beschweren sich · {de_percent(result.quick_share)} "
            f"schnell gelöst · {de_percent(result.large_share)} große Probleme",
            "Anteile, die bleiben: laut TARP (zitiert)"]


def complaint_chart(result: ComplaintResult, *, width: int = WIDTH, height: int = HEIGHT) -> alt.LayerChart:
    """Horizontal bars, one per group of dissatisfied customers: who stays (green) and who goes (red).

    >>> from kundenkit.models.complaints import Complainants, funnel
    >>> c = Complainants(("B",), customers=100, satisfied=60, unrated=0, contacts=100, satisfied_from=4)
    >>> spec = complaint_chart(funnel(c)).to_dict()
    >>> sorted(spec["datasets"]), spec["title"]["text"]
    (['balken', 'etiketten', 'rahmen'], 'Was aus Ihren unzufriedenen Kunden wird')
    """
    y = alt.Y("gruppe:N", sort=list(GROUPS), title=None, axis=alt.Axis(labelLimit=220))
    x_scale = alt.Scale(zero=True, nice=False)
    bars = alt.Chart(alt.NamedData("balken")).mark_bar().encode(
        y=y, x=alt.X("von:Q", title=X_TITLE, scale=x_scale, axis=alt.Axis(format=",d", tickCount=5)),
        x2="bis:Q",
        color=alt.Color("status:N", scale=STATUS_COLOURS, title=None,
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("gruppe:N", title="Gruppe"), alt.Tooltip("status:N", title="Kunden, die …"),
                 alt.Tooltip("anzahl_text:N", title="Kunden"), alt.Tooltip("anteil_text:N", title="Anteil")])
    labels = alt.Chart(alt.NamedData("etiketten")).mark_text(align="left", dx=6, fontSize=12).encode(
        y=y, x=alt.X("x:Q", scale=x_scale), text="text:N")
    room = alt.Chart(alt.NamedData("rahmen")).mark_point(opacity=0).encode(x=alt.X("x:Q", scale=x_scale))
    chart = layer(bars, labels, room).properties(
        width=width, height=height, title=alt.Title(TITLE, subtitle=_subtitle(result)))
    return chart.properties(datasets=datasets(result))


def updated_spec(spec: dict, result: ComplaintResult) -> dict:
    """A copy of ``complaint_chart(...).to_dict()`` for another result – no Altair rebuild.

    >>> from kundenkit.models.complaints import Complainants, funnel
    >>> c = Complainants(("B",), customers=100, satisfied=60, unrated=0, contacts=100, satisfied_from=4)
    >>> spec = complaint_chart(funnel(c, quick_share=0.0)).to_dict()
    >>> new = updated_spec(spec, funnel(c, quick_share=1.0))
    >>> new["datasets"]["etiketten"][3]["text"], spec["datasets"]["etiketten"][3]["text"]
    ('60 Kunden · 55 bleiben (91 %)', '0 Kunden · 0 bleiben (91 %)')
    """
    new = copy.copy(spec)
    new["datasets"] = datasets(result)
    new["title"] = {**spec["title"], "subtitle": _subtitle(result)}
    return new

