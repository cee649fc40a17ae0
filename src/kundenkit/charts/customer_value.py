"""Charts of lesson 3.8: the 8 value segments (customers and value) and the RFM segments.

The segment chart reads its rows from the named data set ``segmente``, so that the
widget swaps only the rows (:func:`updated_segment_spec`) instead of building the
Altair chart anew.
"""
from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, dataset_rows, layer
from kundenkit.formatting import de_count, de_money, de_percent
from kundenkit.models.customer_value import RFM_SEGMENT_ORDER, SEGMENT_ORDER

TITLE = "Acht Segmente nach drei Dimensionen des Kundenwerts"
POSITIVE, NEGATIVE = "Wert im Plus", "Wert im Minus"


def segment_datasets(segments: pd.DataFrame) -> dict[str, list[dict]]:
    """Rows of the segment chart from :meth:`~kundenkit.models.customer_value.ValueResult.segments`.

    >>> from kundenkit.models.customer_value import SEGMENTS
    >>> seg = pd.DataFrame({"segment": [s.name for s in SEGMENTS], "wert_code": [s.code for s in SEGMENTS],
    ...                     "kunden": [1, 0, 0, 3, 0, 0, 0, 6], "anteil": [0.1, 0, 0, 0.3, 0, 0, 0, 0.6],
    ...                     "kundenwert": [900.0, 0, 0, 300.0, 0, 0, 0, -60.0],
    ...                     "wert_je_kunde": [900.0, 0, 0, 100.0, 0, 0, 0, -10.0]})
    >>> rows = segment_datasets(seg)["segmente"]
    >>> rows[0]["beschriftung"], rows[0]["kunden_text"], rows[7]["art"]
    ('Partner (EIR)', '1 (10 %)', 'Wert im Minus')
    """
    frame = pd.DataFrame({
        "beschriftung": [f"{s} ({c})" for s, c in zip(segments["segment"], segments["wert_code"])],
        "rang": range(len(segments)),
        "kunden": segments["kunden"].astype(int),
        "kundenwert": segments["kundenwert"].astype(float),
        "wert_je_kunde": segments["wert_je_kunde"].astype(float),
        "kunden_text": [f"{de_count(k)} ({de_percent(a)})" for k, a in zip(segments["kunden"], segments["anteil"])],
        "wert_text": [de_money(v, 0) for v in segments["kundenwert"]],
        "je_kunde_text": [de_money(v, 0) for v in segments["wert_je_kunde"]],
        "art": [POSITIVE if v >= 0 else NEGATIVE for v in segments["kundenwert"]],
    })
    return {"segmente": dataset_rows(frame)}


def _segment_panels(width: int, subtitle) -> alt.HConcatChart:
    y = alt.Y("beschriftung:N", title=None, sort=alt.EncodingSortField("rang", order="ascending"),
              axis=alt.Axis(labelLimit=230, labelFontSize=12))
    tooltip = [alt.Tooltip("beschriftung:N", title="Segment"), alt.Tooltip("kunden_text:N", title="Kunden"),
               alt.Tooltip("wert_text:N", title="Kundenwert"), alt.Tooltip("je_kunde_text:N", title="je Kunde")]
    base = alt.Chart(alt.NamedData("segmente"))
    count = base.mark_bar(color=PALETTE[2]).encode(
        x=alt.X("kunden:Q", title="Kunden", axis=alt.Axis(format=",d", tickMinStep=1)), y=y, tooltip=tooltip)
    count_text = base.mark_text(align="left", dx=4, fontSize=11).encode(x="kunden:Q", y=y, text="kunden_text:N")
    colour = alt.Color("art:N", title=None, scale=alt.Scale(domain=[POSITIVE, NEGATIVE],
                                                           range=[PALETTE[0], PALETTE[3]]),
                       legend=alt.Legend(orient="bottom", direction="horizontal"))
    value = base.mark_bar().encode(x=alt.X("kundenwert:Q", title="Kundenwert (€)", axis=alt.Axis(format=",.0f")),
                                   y=alt.Y("beschriftung:N", sort=alt.EncodingSortField("rang", order="ascending"),
                                           axis=None),
                                   color=colour, tooltip=tooltip)
    left = layer(count, count_text).properties(width=width * 0.45, height=8 * 26, title="Kunden")
    right = value.properties(width=width * 0.4, height=8 * 26, title="Kundenwert (€)")
    return alt.hconcat(left, right, spacing=30).properties(title=alt.Title(TITLE, subtitle=subtitle))


def segment_chart(segments: pd.DataFrame, *, subtitle: str | list[str] = "", width: int = 420) -> alt.HConcatChart:
    """Customers and customer value of the 8 segments side by side (about 700 px wide).

    >>> from kundenkit.models.customer_value import SEGMENTS
    >>> seg = pd.DataFrame({"segment": [s.name for s in SEGMENTS], "wert_code": [s.code for s in SEGMENTS],
    ...                     "kunden": [1] * 8, "anteil": [0.125] * 8, "kundenwert": [10.0] * 8,
    ...                     "wert_je_kunde": [10.0] * 8})
    >>> spec = segment_chart(seg, subtitle="Test").to_dict()
    >>> len(spec["hconcat"]), sorted(spec["datasets"]), spec["title"]["text"]
    (2, ['segmente'], 'Acht Segmente nach drei Dimensionen des Kundenwerts')
    """
    return _segment_panels(width, subtitle).properties(datasets=segment_datasets(segments))


def updated_segment_spec(spec: dict, segments: pd.DataFrame, *, subtitle: str | list[str] = "") -> dict:
    """A copy of ``segment_chart(...).to_dict()`` with new rows and subtitle – no Altair rebuild.

    >>> from kundenkit.models.customer_value import SEGMENTS
    >>> seg = pd.DataFrame({"segment": [s.name for s in SEGMENTS], "wert_code": [s.code for s in SEGMENTS],
    ...                     "kunden": [1] * 8, "anteil": [0.125] * 8, "kundenwert": [10.0] * 8,
    ...                     "wert_je_kunde": [10.0] * 8})
    >>> spec = segment_chart(seg).to_dict()
    >>> new = updated_segment_spec(spec, seg.assign(kunden=[2] * 8), subtitle="neu")
    >>> new["datasets"]["segmente"][0]["kunden"], new["title"]["subtitle"], spec["datasets"]["segmente"][0]["kunden"]
    (2, 'neu', 1)
    """
    new = copy.copy(spec)
    new["datasets"] = segment_datasets(segments)
    new["title"] = {**spec["title"], "subtitle": subtitle}
    return new


def rfm_chart(summary: pd.DataFrame, *, width: int = 380) -> alt.LayerChart:
    """Customers per RFM segment as bars, with revenue and customer value as text (about 650 px wide).

    ``summary`` comes from :func:`kundenkit.models.customer_value.rfm_segment_summary`.

    >>> from kundenkit.models.customer_value import rfm_segment_summary
    >>> t = pd.DataFrame({"rfm_segment": ["Top-Kunden", "Verloren"], "umsatz_pro_jahr": [10.0, 1.0],
    ...                   "kundenwert": [5.0, 1.0]})
    >>> spec = rfm_chart(rfm_segment_summary(t)).to_dict()
    >>> [part["mark"]["type"] for part in spec["layer"]], len(spec["datasets"][spec["data"]["name"]])
    (['bar', 'text'], 6)
    """
    frame = summary.assign(
        text=[f"{de_count(k)} Kunden · Umsatz pro Jahr {de_money(u, 0)} · Wert {de_money(v, 0)}"
              for k, u, v in zip(summary["kunden"], summary["umsatz_pro_jahr"], summary["kundenwert"])])
    y = alt.Y("rfm_segment:N", title=None, sort=list(RFM_SEGMENT_ORDER), axis=alt.Axis(labelLimit=160))
    base = alt.Chart(frame[["rfm_segment", "kunden", "umsatz_pro_jahr", "kundenwert", "rfm_bedeutung", "text"]])
    bars = base.mark_bar(color=PALETTE[4]).encode(
        x=alt.X("kunden:Q", title="Kunden", axis=alt.Axis(format=",d", tickMinStep=1)), y=y,
        tooltip=[alt.Tooltip("rfm_segment:N", title="RFM-Segment"), alt.Tooltip("rfm_bedeutung:N", title="Bedeutung"),
                 alt.Tooltip("text:N", title="Zahlen")])
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(x="kunden:Q", y=y, text="text:N")
    return layer(bars, text).properties(width=width, height=6 * 28, title=alt.Title(
        "Kunden je RFM-Segment", subtitle="Text: Umsatz pro Jahr und Kundenwert des Segments"))


__all__ = ["SEGMENT_ORDER", "rfm_chart", "segment_chart", "updated_segment_spec"]
