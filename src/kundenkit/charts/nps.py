"""Charts of lesson 2.1: answer distributions behind an NPS, and the NPS per group with its interval.

Both charts read their rows from named data sets (``verteilung``; ``gruppen``
and ``null``), so that a widget swaps only the data and subtitles in the spec
(:func:`updated_distribution_spec`, :func:`updated_group_spec`) instead of
building the Altair chart anew (~200 ms).
"""
from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, dataset_rows, layer
from kundenkit.formatting import MINUS, de_number, de_percent
from kundenkit.models.nps import GROUPS, MIN_N, PROMOTERS, TOTAL

# Traffic-light order in Okabe–Ito colours: vermillion, yellow, bluish green.
GROUP_COLOURS = alt.Scale(domain=list(GROUPS), range=[PALETTE[3], PALETTE[6], PALETTE[0]])
DIST_TITLE = "Antworten auf die Empfehlungsfrage"
ROW_HEIGHT = 26
ENOUGH, FEW, ALL = "genug Antworten", f"wenige Antworten (unter {MIN_N})", TOTAL


def nps_text(value: float, decimals: int = 0) -> str:
    """An NPS in points with its sign, as the course writes it.

    >>> nps_text(30), nps_text(-12.4), nps_text(0), nps_text(float("nan"))
    ('+30', '−12', '0', '–')
    """
    if value != value:  # NaN
        return "–"
    text = de_number(value, decimals, minus=MINUS)
    return text if text.startswith(MINUS) or text.strip("0,") == "" else "+" + text


def distribution_datasets(distribution: pd.DataFrame) -> dict[str, list[dict]]:
    """The rows of the stacked bar with label texts.

    ``distribution`` comes from :func:`~kundenkit.models.nps.distribution_frame`.

    >>> from kundenkit.models.nps import distribution_frame, from_counts
    >>> rows = distribution_datasets(distribution_frame({"Ihre Verteilung": from_counts(20, 30, 50)}))["verteilung"]
    >>> [(r["gruppe"], r["text"]) for r in rows]
    [('Kritiker (0–6)', '20 %'), ('Passive (7–8)', '30 %'), ('Promotoren (9–10)', '50 %')]
    """
    frame = distribution.assign(
        mitte=(distribution["von"] + distribution["bis"]) / 2,
        text=[de_percent(a) if a >= 0.06 else "" for a in distribution["anteil"]],
        nps_text=[f"NPS {nps_text(v)} ({nps_text(lo)} bis {nps_text(hi)})" for v, lo, hi in
                  zip(distribution["nps_wert"], distribution["nps_unten"], distribution["nps_oben"])],
    )
    return {"verteilung": dataset_rows(frame)}


def _dist_layers(width: int, height: int, title) -> alt.LayerChart:
    y = alt.Y("verteilung:N", title=None, sort=None, axis=alt.Axis(labelLimit=200, labelFontSize=13))
    x = alt.X("von:Q", title="Anteil der Antworten", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1]))
    tooltip = [alt.Tooltip("verteilung:N", title="Verteilung"), alt.Tooltip("gruppe:N", title="Gruppe"),
               alt.Tooltip("anteil:Q", title="Anteil", format=".1%"),
               alt.Tooltip("antworten:Q", title="Antworten", format=",d"),
               alt.Tooltip("nps_text:N", title="NPS (Intervall)")]
    base = alt.Chart(alt.NamedData("verteilung"))
    bars = base.mark_bar(stroke="white", strokeWidth=1, height={"band": 0.7}).encode(
        x=x, x2="bis:Q", y=y, tooltip=tooltip,
        color=alt.Color("gruppe:N", scale=GROUP_COLOURS, title=None, sort=list(GROUPS),
                        legend=alt.Legend(orient="bottom", direction="horizontal")))
    labels = base.mark_text(fontSize=12, color="black").encode(x="mitte:Q", y=y, text="text:N")
    nps = base.transform_filter(alt.datum.gruppe == PROMOTERS).mark_text(
        align="left", dx=8, fontSize=13, fontWeight="bold").encode(x=alt.value(width), y=y, text="nps_text:N")
    return layer(bars, labels, nps).properties(width=width, height=height, title=title)


def distribution_chart(distribution: pd.DataFrame, *, subtitle: str | list[str] = "", width: int = 330,
                       height: int | None = None) -> alt.LayerChart:
    """Stacked bars: detractors, passives and promoters of each distribution, with its NPS and interval.

    ``distribution`` comes from :func:`kundenkit.models.nps.distribution_frame`.
    With the NPS text on the right the chart is about 600 px wide.

    >>> from kundenkit.models.nps import distribution_frame, from_counts, same_nps
    >>> d = distribution_frame({"Ihre Verteilung": from_counts(20, 30, 50),
    ...                         "Gleicher NPS": same_nps(30, 0.0, n=100)})
    >>> spec = distribution_chart(d, subtitle="Gleicher NPS, andere Verteilung").to_dict()
    >>> spec["layer"][0]["mark"]["type"], sorted(spec["datasets"]), spec["height"]
    ('bar', ['verteilung'], 112)
    """
    names = distribution["verteilung"].drop_duplicates()
    height = height or max(60, 56 * len(names))
    title = alt.Title(DIST_TITLE, subtitle=subtitle)
    return _dist_layers(width, height, title).properties(datasets=distribution_datasets(distribution))


def updated_distribution_spec(spec: dict, distribution: pd.DataFrame, *, subtitle: str | list[str] = "") -> dict:
    """A copy of ``distribution_chart(...).to_dict()`` with new rows and subtitle – no Altair rebuild.

    >>> from kundenkit.models.nps import distribution_frame, from_counts
    >>> spec = distribution_chart(distribution_frame({"A": from_counts(1, 1, 1)})).to_dict()
    >>> new = updated_distribution_spec(spec, distribution_frame({"A": from_counts(0, 0, 4)}), subtitle="neu")
    >>> new["datasets"]["verteilung"][2]["anteil"], new["title"]["subtitle"], spec["title"].get("subtitle")
    (1.0, 'neu', '')
    """
    new = copy.copy(spec)
    new["datasets"] = distribution_datasets(distribution)
    new["title"] = {**spec["title"], "subtitle": subtitle}
    return new


# ---------------------------------------------------------------------------
# NPS per group
# ---------------------------------------------------------------------------

def group_datasets(table: pd.DataFrame, by: str, *, min_n: int = MIN_N) -> dict[str, list[dict]]:
    """Rows of the group chart from :func:`~kundenkit.models.nps.nps_by_group`: group, NPS, interval, kind.

    >>> import pandas as pd
    >>> from kundenkit.models.nps import nps_by_group
    >>> t = nps_by_group(pd.DataFrame({"touchpoint": ["A"] * 40 + ["B"] * 5, "nps": [9] * 30 + [3] * 15}))
    >>> [(r["gruppe"], r["art"]) for r in group_datasets(t, "touchpoint")["gruppen"]]
    [('A', 'genug Antworten'), ('B', 'wenige Antworten (unter 30)'), ('Alle Antworten', 'Alle Antworten')]
    """
    kind = [ALL if g == TOTAL else (FEW if few else ENOUGH)
            for g, few in zip(table[by], table["wenige_antworten"])]
    few_label = f"wenige Antworten (unter {min_n})"
    kind = [few_label if k == FEW else k for k in kind]
    frame = pd.DataFrame({
        "gruppe": table[by].astype(str), "rang": range(len(table)), "antworten": table["antworten"],
        "nps_wert": table["nps_wert"], "nps_unten": table["nps_unten"], "nps_oben": table["nps_oben"],
        "art": kind,
        "intervall": [f"{nps_text(lo)} bis {nps_text(hi)}" for lo, hi in zip(table["nps_unten"], table["nps_oben"])],
        "n_text": [f"n = {de_number(n, 0)}" for n in table["antworten"]],
        "anteile": [f"{de_percent(p)} / {de_percent(q)} / {de_percent(d)}" for p, q, d in
                    zip(table["anteil_promotoren"], table["anteil_passive"], table["anteil_kritiker"])],
    }).dropna(subset=["nps_wert"])
    return {"gruppen": dataset_rows(frame), "null": [{"x": 0}]}


def _group_layers(by_label: str, min_n: int, width: int, height: int, title) -> alt.LayerChart:
    few = f"wenige Antworten (unter {min_n})"
    y = alt.Y("gruppe:N", title=None, sort=alt.EncodingSortField("rang", order="ascending"),
              axis=alt.Axis(labelLimit=180))
    x = alt.X("nps_wert:Q", title="NPS (Punkte)", scale=alt.Scale(domain=[-100, 100]),
              axis=alt.Axis(values=[-100, -50, 0, 50, 100]))
    kind = alt.Color("art:N", title=None, scale=alt.Scale(domain=[ENOUGH, few, ALL],
                                                           range=[PALETTE[4], PALETTE[1], PALETTE[7]]),
                     legend=alt.Legend(orient="bottom", direction="horizontal"))
    tooltip = [alt.Tooltip("gruppe:N", title=by_label), alt.Tooltip("antworten:Q", title="Antworten", format=",d"),
               alt.Tooltip("nps_wert:Q", title="NPS", format=".1f"),
               alt.Tooltip("intervall:N", title="Intervall"),
               alt.Tooltip("anteile:N", title="Promotoren / Passive / Kritiker"),
               alt.Tooltip("art:N", title="Hinweis")]
    base = alt.Chart(alt.NamedData("gruppen"))
    zero = alt.Chart(alt.NamedData("null")).mark_rule(color="#777", strokeDash=[4, 3]).encode(x="x:Q")
    bars = base.mark_rule(strokeWidth=2.5).encode(x=alt.X("nps_unten:Q", title="NPS (Punkte)",
                                                          scale=alt.Scale(domain=[-100, 100])),
                                                  x2="nps_oben:Q", y=y, color=kind, tooltip=tooltip)
    points = base.mark_point(size=90, strokeWidth=2).encode(
        x=x, y=y, color=kind, tooltip=tooltip,
        shape=alt.Shape("art:N", scale=alt.Scale(domain=[ENOUGH, few, ALL], range=["circle", "triangle", "square"]),
                        legend=None),
        fill=alt.condition(alt.datum.art == few, alt.value("white"), kind))
    n_text = base.mark_text(align="left", dx=6, fontSize=11, color="#444").encode(
        x=alt.value(width), y=y, text="n_text:N")
    return layer(zero, bars, points, n_text).properties(width=width, height=height, title=title)


def _group_title(by_label: str, level: float) -> alt.Title:
    return alt.Title(f"NPS je {by_label}",
                     subtitle=f"Punkt: NPS · Linie: Intervall ({de_percent(level)}) · Dreieck: wenige Antworten")


def group_chart(table: pd.DataFrame, by: str, *, by_label: str | None = None, level: float = 0.95,
                min_n: int = MIN_N, width: int = 400) -> alt.LayerChart:
    """NPS per group as points with interval lines; groups with few answers as hollow orange triangles.

    ``table`` comes from :func:`kundenkit.models.nps.nps_by_group`; with the ``n =``
    texts on the right the chart is about 600 px wide.

    >>> import pandas as pd
    >>> from kundenkit.models.nps import nps_by_group
    >>> t = nps_by_group(pd.DataFrame({"touchpoint": ["A"] * 40 + ["B"] * 5, "nps": [9] * 30 + [3] * 15}))
    >>> spec = group_chart(t, "touchpoint", by_label="Touchpoint").to_dict()
    >>> spec["title"]["text"], [part["mark"]["type"] for part in spec["layer"]]
    ('NPS je Touchpoint', ['rule', 'rule', 'point', 'text'])
    """
    by_label = by_label or by
    rows = group_datasets(table, by, min_n=min_n)
    height = max(80, ROW_HEIGHT * len(rows["gruppen"]))
    return _group_layers(by_label, min_n, width, height, _group_title(by_label, level)).properties(datasets=rows)


def updated_group_spec(spec: dict, table: pd.DataFrame, by: str, *, by_label: str | None = None,
                       level: float = 0.95, min_n: int = MIN_N) -> dict:
    """A copy of ``group_chart(...).to_dict()`` for another grouping – no Altair rebuild.

    ``min_n`` must be the one the spec was built with (it names a legend entry).

    >>> import pandas as pd
    >>> from kundenkit.models.nps import nps_by_group
    >>> b = pd.DataFrame({"touchpoint": ["A", "B"], "land": ["DE", "AT"], "nps": [9, 3]})
    >>> spec = group_chart(nps_by_group(b, "touchpoint"), "touchpoint").to_dict()
    >>> new = updated_group_spec(spec, nps_by_group(b, "land"), "land", by_label="Land")
    >>> new["title"]["text"], new["datasets"]["gruppen"][0]["gruppe"]
    ('NPS je Land', 'DE')
    """
    by_label = by_label or by
    new = copy.copy(spec)
    new["datasets"] = group_datasets(table, by, min_n=min_n)
    new["height"] = max(80, ROW_HEIGHT * len(new["datasets"]["gruppen"]))
    title = _group_title(by_label, level)
    new["title"] = {**spec["title"], "text": title.text, "subtitle": title.subtitle}
    return new

