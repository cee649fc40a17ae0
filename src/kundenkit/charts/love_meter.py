"""Chart of chapter 2's additional text: the relationship statuses of the Corporate Love Meter 2013."""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer

YOURS = "Ihr Unternehmen"


def status_chart(statuses: pd.DataFrame, company: str | None = None, *, width: int = 600) -> alt.LayerChart:
    """Horizontal bars of the study's shares per relationship status; the learner's status marked.

    ``statuses`` is :func:`kundenkit.models.love_meter.statuses`; ``company`` the
    status the self-test placed the learner's company in (None: nothing marked).

    >>> from kundenkit.models.love_meter import statuses
    >>> spec = status_chart(statuses(), "Offene Ehe").to_dict()
    >>> [row["status"] for row in spec["datasets"][spec["data"]["name"]] if row["ihres"]]
    ['Offene Ehe']
    >>> status_chart(statuses()).to_dict()["layer"][0]["encoding"]["x"]["axis"]["format"]
    '.0%'
    """
    data = statuses.assign(ihres=statuses["status"] == company,
                           markierung=[YOURS if s == company else "" for s in statuses["status"]])
    order = list(statuses["status"])
    base = alt.Chart(data).encode(y=alt.Y("status:N", title=None, sort=order,
                                          axis=alt.Axis(labelLimit=220)))
    bars = base.mark_bar().encode(
        x=alt.X("anteil:Q", title="Anteil der befragten Führungskräfte",
                axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.condition("datum.ihres", alt.value(PALETTE[3]), alt.value(PALETTE[4])),
        tooltip=[alt.Tooltip("status:N", title="Beziehungsstatus"),
                 alt.Tooltip("anteil:Q", title="Anteil", format=".0%"),
                 alt.Tooltip("quelle:N", title="Quelle")],
    )
    shares = base.mark_text(align="left", dx=4).encode(x="anteil:Q", text=alt.Text("anteil:Q", format=".0%"))
    marker = base.mark_text(align="left", dx=44, fontWeight="bold", color=PALETTE[3]).encode(
        x="anteil:Q", text="markierung:N")
    return layer(bars, shares, marker).properties(
        width=width, height=180,
        title=alt.TitleParams("Wie Führungskräfte ihre Kundenbeziehung beschreiben",
                              subtitle=["Corporate Love Meter 2013 (Strativity Group), 402 Führungskräfte "
                                        "in den USA und Großbritannien;",
                                        "„Besser als offene Ehe“ ist der Rest zu 100 %, vom Kurs errechnet."]))
