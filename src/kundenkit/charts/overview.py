"""Charts of the introduction: revenue per category and contacts per channel."""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE


def sector_chart(revenue: pd.DataFrame, channels: pd.DataFrame, *, title: str = "") -> alt.HConcatChart:
    """Two bar charts side by side: revenue per category, contacts per channel.

    >>> rev = pd.DataFrame({"kategorie": ["A"], "umsatz": [10.0], "käufe": [2], "median_betrag": [5.0]})
    >>> ch = pd.DataFrame({"kanal": ["App"], "kontakte": [3], "bewertung": [4.0]})
    >>> len(sector_chart(rev, ch).to_dict()["hconcat"])
    2
    """
    revenue_bars = alt.Chart(revenue).mark_bar(color=PALETTE[4]).encode(
        x=alt.X("umsatz:Q", title="Umsatz in €", axis=alt.Axis(format=",.0f")),
        y=alt.Y("kategorie:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("kategorie:N", title="Kategorie"),
                 alt.Tooltip("umsatz:Q", title="Umsatz in €", format=",.2f"),
                 alt.Tooltip("käufe:Q", title="Käufe", format=",d"),
                 alt.Tooltip("median_betrag:Q", title="Typischer Betrag (Median) in €", format=",.2f")],
    ).properties(width=260, height=200, title="Umsatz je Produktkategorie")
    channel_bars = alt.Chart(channels).mark_bar(color=PALETTE[1]).encode(
        x=alt.X("kontakte:Q", title="Kontakte", axis=alt.Axis(format=",d")),
        y=alt.Y("kanal:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("kanal:N", title="Kanal"), alt.Tooltip("kontakte:Q", title="Kontakte", format=",d"),
                 alt.Tooltip("bewertung:Q", title="Bewertung (1–5)", format=".2f")],
    ).properties(width=220, height=200, title="Kontakte je Kanal")
    chart = alt.hconcat(revenue_bars, channel_bars, spacing=40)
    return chart.properties(title=title) if title else chart
