"""Charts of lesson 3.9: value over contact frequency (the inverted U) and "send everything" against NBA.

Both charts read their rows from named data sets, so that the widget swaps only
data and subtitle in the spec (:func:`updated_spec`) instead of building the
Altair chart anew.
"""
from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, dataset_rows, layer
from kundenkit.formatting import de_count, de_money, de_number, de_percent
from kundenkit.models.next_best_action import BLAST, NBA

METRICS = (("kontakte_je_kunde", "Kontakte je Kunde und Jahr"), ("antworten_je_kunde", "Antworten je Kunde und Jahr"),
           ("anteil_abgemeldet", "Abgemeldet (Anteil)"), ("wert_pro_kunde", "Wert je Kunde und Jahr (€)"))
CURVE_TITLE = "Wert über der Zahl der Kontakte – Modell des Kurses"


def curve_datasets(curve: pd.DataFrame, cap: int, blast: pd.DataFrame | None = None) -> dict[str, list[dict]]:
    """Rows of the curve chart: one per cap (the current one flagged), and the point of "send everything".

    >>> curve = pd.DataFrame({"kontaktgrenze": [0, 1, 2], "kontakte_je_kunde": [0.0, 20.0, 35.0],
    ...                       "antworten_je_kunde": [0.0, 2.0, 2.5], "anteil_abgemeldet": [0.0, 0.1, 0.2],
    ...                       "wert_pro_kunde": [0.0, 30.0, 25.0]})
    >>> rows = curve_datasets(curve, 1)
    >>> [(r["kontaktgrenze"], r["aktuell"], r["text"]) for r in rows["kurve"]][:2], rows["aktuell"][0]["text"]
    ([(0, False, '0 je Kanal'), (1, True, '1 je Kanal')], 'Ihre Grenze: 1 je Kanal')
    """
    frame = curve.assign(
        aktuell=curve["kontaktgrenze"] == cap,
        text=[f"{int(c)} je Kanal" for c in curve["kontaktgrenze"]],
        wert_text=[de_money(v, 2) for v in curve["wert_pro_kunde"]],
        kontakte_text=[de_number(v, 1) for v in curve["kontakte_je_kunde"]],
        abgemeldet_text=[de_percent(v) for v in curve["anteil_abgemeldet"]],
    )
    current = frame[frame["aktuell"]].assign(text=lambda f: "Ihre Grenze: " + f["text"])
    rows = {"kurve": dataset_rows(frame), "aktuell": dataset_rows(current), "alles": []}
    if blast is not None and len(blast):
        b = blast.iloc[0]
        rows["alles"] = [{"kontakte_je_kunde": float(b["kontakte_je_kunde"]),
                          "wert_pro_kunde": float(b["wert_pro_kunde"]),
                          "text": BLAST, "wert_text": de_money(float(b["wert_pro_kunde"]), 2),
                          "kontakte_text": de_number(float(b["kontakte_je_kunde"]), 1),
                          "abgemeldet_text": de_percent(float(b["anteil_abgemeldet"]))}]
    return rows


def curve_chart(curve: pd.DataFrame, cap: int, blast: pd.DataFrame | None = None, *, subtitle: str | list[str] = "",
                width: int = 560, height: int = 300) -> alt.LayerChart:
    """The inverted U: value per customer and year over contacts per customer and year, one point per cap.

    The learner's cap is a large orange point with its label; "send everything" a grey square.

    >>> curve = pd.DataFrame({"kontaktgrenze": [0, 1], "kontakte_je_kunde": [0.0, 20.0],
    ...                       "antworten_je_kunde": [0.0, 2.0], "anteil_abgemeldet": [0.0, 0.1],
    ...                       "wert_pro_kunde": [0.0, 30.0]})
    >>> spec = curve_chart(curve, 1).to_dict()
    >>> [part["mark"]["type"] for part in spec["layer"]], sorted(spec["datasets"])
    (['line', 'point', 'point', 'text', 'point', 'text'], ['aktuell', 'alles', 'kurve'])
    """
    x = alt.X("kontakte_je_kunde:Q", title="Kontakte je Kunde und Jahr", scale=alt.Scale(zero=True))
    y = alt.Y("wert_pro_kunde:Q", title="Wert je Kunde und Jahr (€)", scale=alt.Scale(zero=True))
    tooltip = [alt.Tooltip("text:N", title="Kontaktgrenze"), alt.Tooltip("kontakte_text:N", title="Kontakte je Kunde"),
               alt.Tooltip("wert_text:N", title="Wert je Kunde"), alt.Tooltip("abgemeldet_text:N", title="Abgemeldet")]
    base = alt.Chart(alt.NamedData("kurve"))
    line = base.mark_line(color=PALETTE[4], strokeWidth=2).encode(x=x, y=y, order="kontaktgrenze:Q")
    points = base.mark_point(filled=True, size=50, color=PALETTE[4]).encode(x=x, y=y, tooltip=tooltip)
    current = alt.Chart(alt.NamedData("aktuell"))
    mark = current.mark_point(filled=True, size=260, color=PALETTE[3], stroke="black", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip)
    label = current.mark_text(align="left", dx=12, dy=-12, fontSize=13, fontWeight="bold", color=PALETTE[3]).encode(
        x=x, y=y, text="text:N")
    everything = alt.Chart(alt.NamedData("alles"))
    blast_mark = everything.mark_point(shape="square", filled=True, size=140, color="#777").encode(x=x, y=y,
                                                                                              tooltip=tooltip)
    blast_label = everything.mark_text(align="right", dx=-10, dy=-10, fontSize=12, color="#555").encode(
        x=x, y=y, text="text:N")
    chart = layer(line, points, mark, label, blast_mark, blast_label).properties(
        width=width, height=height, title=alt.Title(CURVE_TITLE, subtitle=subtitle))
    return chart.properties(datasets=curve_datasets(curve, cap, blast))


def comparison_datasets(comparison: pd.DataFrame) -> dict[str, list[dict]]:
    """Long rows for the comparison bars: one per strategy and figure, with the German text.

    >>> t = pd.DataFrame({"strategie": ["Alles senden", "Nächste beste Aktion (höchstens 2)"],
    ...                   "kontakte_je_kunde": [90.0, 30.0], "antworten_je_kunde": [2.0, 3.0],
    ...                   "anteil_abgemeldet": [0.6, 0.1], "wert_pro_kunde": [10.0, 40.0]})
    >>> [(r["kurz"], r["text"]) for r in comparison_datasets(t)["vergleich"]][:4]
    [('Alles senden', '90'), ('Nächste beste Aktion', '30'), ('Alles senden', '2,0'), ('Nächste beste Aktion', '3,0')]
    """
    rows = []
    for column, title in METRICS:
        for _, r in comparison.iterrows():
            value = float(r[column])
            text = (de_percent(value) if column == "anteil_abgemeldet" else de_money(value, 2)
                    if column == "wert_pro_kunde" else de_count(value) if column == "kontakte_je_kunde"
                    else de_number(value, 1))
            short = BLAST if str(r["strategie"]).startswith(BLAST) else NBA
            rows.append({"kennzahl": title, "strategie": str(r["strategie"]), "kurz": short, "wert": value,
                         "text": text})
    return {"vergleich": rows}


def comparison_chart(comparison: pd.DataFrame, *, width: int = 200) -> alt.ConcatChart:
    """Four small bar charts, two by two: contacts, responses, opt-outs, value – everything vs. next best action.

    Two columns keep the figures and their labels inside a notebook column of about 700 px.

    >>> t = pd.DataFrame({"strategie": ["Alles senden", "Nächste beste Aktion"], "kontakte_je_kunde": [90.0, 30.0],
    ...                   "antworten_je_kunde": [2.0, 3.0], "anteil_abgemeldet": [0.6, 0.1],
    ...                   "wert_pro_kunde": [10.0, 40.0]})
    >>> spec = comparison_chart(t).to_dict()
    >>> len(spec["concat"]), spec["columns"], spec["concat"][3]["title"]
    (4, 2, 'Wert je Kunde und Jahr (€)')
    """
    colours = alt.Scale(domain=[BLAST, NBA], range=["#777777", PALETTE[4]])
    panels = []
    for i, (_, title) in enumerate(METRICS):
        base = alt.Chart(alt.NamedData("vergleich")).transform_filter(alt.datum.kennzahl == title)
        first_column = i % 2 == 0
        y = alt.Y("kurz:N", title=None, sort=[BLAST, NBA],
                  axis=alt.Axis(labels=first_column, ticks=first_column, labelLimit=170))
        x = alt.X("wert:Q", title=None, axis=alt.Axis(labels=False, ticks=False, grid=False),
                  scale=alt.Scale(zero=True))
        bars = base.mark_bar(height={"band": 0.6}).encode(
            x=x, y=y, color=alt.Color("kurz:N", scale=colours, legend=None),
            tooltip=[alt.Tooltip("strategie:N", title="Strategie"), alt.Tooltip("text:N", title=title)])
        text = base.mark_text(align="left", dx=3, fontSize=12).encode(x=x, y=y, text="text:N")
        panels.append(layer(bars, text).properties(width=width, height=70, title=title))
    chart = alt.concat(*panels, columns=2, spacing=28).properties(
        title=alt.Title("Alles senden oder nächste beste Aktion? Ein Jahr im Modell des Kurses"))
    return chart.properties(datasets=comparison_datasets(comparison))


def updated_spec(spec: dict, datasets: dict[str, list[dict]], *, subtitle: str | list[str] | None = None) -> dict:
    """A copy of a chart's spec with new rows (and subtitle) – no Altair rebuild.

    >>> updated_spec({"datasets": {"a": []}, "title": {"text": "T"}}, {"a": [{"x": 1}]}, subtitle="neu")
    {'datasets': {'a': [{'x': 1}]}, 'title': {'text': 'T', 'subtitle': 'neu'}}
    """
    new = copy.copy(spec)
    new["datasets"] = datasets
    if subtitle is not None:
        new["title"] = {**spec["title"], "subtitle": subtitle}
    return new
