"""Charts of lesson 4.6: the whale curve today and after repair or parting, and the strategies compared.

The whale curve takes lesson 1.2's axes and peak labels (:mod:`kundenkit.charts.customer_profit`). Its data
sit in named datasets, so that :func:`updated_spec` can swap them on every move of a slider without
rebuilding the chart in Altair (a rebuild takes some 40 ms; the swap well under one).
"""
from __future__ import annotations

import copy
from typing import Literal

import altair as alt
import pandas as pd

from kundenkit.charts.customer_profit import X_TITLE, Y_TITLE, check_curve, peak_marks
from kundenkit.charts.setup import PALETTE
from kundenkit.errors import KundenkitError

TODAY, AFTER = "heute", "nach Ihrer Regel"
GAIN, LOSS = PALETTE[4], PALETTE[3]   # blue and vermilion: told apart also with red-green blindness
MEASURES = {"aenderung_gewinn": "Gewinn", "aenderung_umsatz": "Umsatz"}
_LABEL_GROUPS: tuple[tuple[Literal["left", "right"], int], ...] = (
    ("left", -26), ("right", -26), ("right", 18), ("right", -14))


def _curve_records(curve: pd.DataFrame, variant: str) -> list[dict]:
    return [{"anteil_kunden": a, "kunden": k, "kumulierter_gewinn": g, "variante": variant}
            for a, k, g in zip(curve["anteil_kunden"].tolist(), curve["kunden"].tolist(),
                               curve["kumulierter_gewinn"].tolist())]


def datasets(curve_today: pd.DataFrame | list[dict], curve_after: pd.DataFrame, strategies: pd.DataFrame) -> dict:
    """The chart's data, by dataset name (aggregated: a few hundred rows at most).

    ``curve_today`` may also be the records of ``datasets(...)["kurven"]`` of today's curve (it never changes).

    >>> from kundenkit.models.customer_profit import whale_curve
    >>> s = pd.DataFrame({"strategie": ["Heute", "Nur trennen"], "aenderung_gewinn": [0.0, 5.0],
    ...                   "aenderung_umsatz": [0.0, -50.0]})
    >>> d = datasets(whale_curve([3.0, -1.0]), whale_curve([3.0, 0.0]), s)
    >>> sorted(d)
    ['kurven', 'marken_0', 'marken_1', 'marken_2', 'marken_3', 'punkte', 'strategien_gewinn', 'strategien_umsatz']
    >>> d["strategien_gewinn"]
    [{'strategie': 'Nur trennen', 'wert': 5.0, 'vorzeichen': 'mehr'}]
    >>> d["marken_2"]
    [{'anteil_kunden': 1.0, 'kumulierter_gewinn': 3.0, 'text': 'Gesamtgewinn: 3 €'}]
    """
    if isinstance(curve_today, pd.DataFrame):
        check_curve(curve_today, "curve_today")
        curve_today = _curve_records(curve_today, TODAY)
    check_curve(curve_after, "curve_after")
    missing = [c for c in ("strategie", *MEASURES) if c not in strategies.columns]
    if missing:
        raise KundenkitError(f"Im Parameter 'strategies' fehlen die Spalten {', '.join(missing)}. Berechnen Sie "
                             "sie mit kk.models.customer_parting.PartingModel(...).evaluate(...).strategies.")
    marks = peak_marks(curve_after).to_dict(orient="records")
    out: dict = {"kurven": [*curve_today, *_curve_records(curve_after, AFTER)],
                 "punkte": [{"anteil_kunden": m["anteil_kunden"], "kumulierter_gewinn": m["kumulierter_gewinn"]}
                            for m in marks]}
    for i, group in enumerate(_LABEL_GROUPS):
        out[f"marken_{i}"] = [{"anteil_kunden": m["anteil_kunden"], "kumulierter_gewinn": m["kumulierter_gewinn"],
                               "text": m["text"]} for m in marks if (m["align"], m["dy"]) == group]
    rows = strategies.to_dict(orient="records")[1:]
    for col, name in MEASURES.items():
        out[f"strategien_{name.lower()}"] = [
            {"strategie": r["strategie"].replace(" (Regel des Kurses)", ""), "wert": float(r[col]),
             "vorzeichen": "mehr" if r[col] >= 0 else "weniger"} for r in rows]
    return out


def _whale(width: int, height: int) -> alt.LayerChart | alt.FacetChart:
    x = alt.X("anteil_kunden:Q", title=X_TITLE, scale=alt.Scale(domain=[0, 1], nice=False),
              axis=alt.Axis(format=".0%", tickCount=10))
    y = alt.Y("kumulierter_gewinn:Q", title=Y_TITLE, axis=alt.Axis(format=",.0f"))
    domain = [TODAY, AFTER]
    zero = alt.Chart(pd.DataFrame({"null": [0]})).mark_rule(color="black", strokeWidth=1).encode(y="null:Q")
    line = alt.Chart(alt.Data(name="kurven")).mark_line(strokeWidth=3).encode(
        x=x, y=y,
        color=alt.Color("variante:N", scale=alt.Scale(domain=domain, range=["#888888", PALETTE[3]]), title=None,
                        legend=alt.Legend(orient="top")),
        strokeDash=alt.StrokeDash("variante:N", scale=alt.Scale(domain=domain, range=[[6, 4], [1, 0]]), legend=None),
        tooltip=[alt.Tooltip("variante:N", title="Kurve"),
                 alt.Tooltip("anteil_kunden:Q", title="Anteil der Kunden", format=".1%"),
                 alt.Tooltip("kunden:Q", title="Anzahl Kunden", format=",.0f"),
                 alt.Tooltip("kumulierter_gewinn:Q", title="Kumulierter Gewinn (€)", format=",.0f")])
    points = alt.Chart(alt.Data(name="punkte")).mark_point(filled=True, size=90, color="black").encode(x=x, y=y)
    labels = [alt.Chart(alt.Data(name=f"marken_{i}")).mark_text(
        align=align, dy=dy, dx=-6 if align == "right" else 6, fontSize=13, fontWeight="bold", lineBreak="\n"
    ).encode(x=x, y=y, text="text:N") for i, (align, dy) in enumerate(_LABEL_GROUPS)]
    return alt.layer(zero, line, points, *labels).properties(
        width=width, height=height,
        title=alt.Title("Walfischkurve: heute und nach Ihrer Regel",
                        subtitle="Modell des Kurses mit Ihren Annahmen; Gewinn je Kunde und Jahr. Getrennte Kunden "
                                 "zählen mit den Servicekosten, die bleiben."))


def _strategies(name: str, width: int, height: int) -> alt.Chart:
    return alt.Chart(alt.Data(name=f"strategien_{name.lower()}")).mark_bar().encode(
        y=alt.Y("strategie:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("wert:Q", title=f"Änderung {name} (€ pro Jahr)", axis=alt.Axis(format=",.0f", tickCount=4)),
        color=alt.Color("vorzeichen:N", scale=alt.Scale(domain=["mehr", "weniger"], range=[GAIN, LOSS]),
                        legend=None),
        tooltip=[alt.Tooltip("strategie:N", title="Strategie"),
                 alt.Tooltip("wert:Q", title=f"Änderung {name} (€ pro Jahr)", format=",.0f")],
    ).properties(width=width, height=height, title=f"{name} gegenüber heute")


def parting_chart(curve_today: pd.DataFrame, curve_after: pd.DataFrame, strategies: pd.DataFrame, *,
                  width: int = 620) -> alt.VConcatChart:
    """The whale curve today (grey, dashed) and after the course's rule, above the strategies compared.

    ``curve_today`` and ``curve_after`` come from lesson 1.2's
    :func:`~kundenkit.models.customer_profit.whale_curve`; ``strategies`` is
    :attr:`kundenkit.models.customer_parting.PartingResult.strategies`.

    >>> from kundenkit.models.customer_parting import PartingModel
    >>> t = pd.DataFrame({"kunden_id": ["A", "B"], "betrag": [400.0, 40.0]})
    >>> k = pd.DataFrame({"kunden_id": ["B"] * 5, "kanal": ["Filiale"] * 5})
    >>> m = PartingModel.from_tables(t, k, years=1)
    >>> r = m.evaluate()
    >>> spec = parting_chart(*m.curves(r), r.strategies).to_dict()
    >>> len(spec["vconcat"]), len(spec["vconcat"][1]["hconcat"]), len(spec["datasets"]["kurven"])
    (2, 2, 6)
    """
    bars = alt.hconcat(_strategies("Gewinn", 290, 120), _strategies("Umsatz", 140, 120),
                       spacing=20).resolve_scale(x="independent")
    chart = alt.vconcat(_whale(width, 260), bars, spacing=24).resolve_scale(color="independent")
    return chart.properties(datasets=datasets(curve_today, curve_after, strategies))


def updated_spec(spec: dict, curve_today: pd.DataFrame, curve_after: pd.DataFrame, strategies: pd.DataFrame) -> dict:
    """A copy of ``parting_chart(...).to_dict()`` with new data – no Altair rebuild.

    >>> from kundenkit.models.customer_profit import whale_curve
    >>> s = pd.DataFrame({"strategie": ["Heute", "Nur trennen"], "aenderung_gewinn": [0.0, 5.0],
    ...                   "aenderung_umsatz": [0.0, -50.0]})
    >>> spec = parting_chart(whale_curve([3.0, -1.0]), whale_curve([3.0, 0.0]), s).to_dict()
    >>> new = updated_spec(spec, whale_curve([3.0, -1.0]), whale_curve([3.0, 2.0]), s)
    >>> new["datasets"]["kurven"][-1]["kumulierter_gewinn"], spec["datasets"]["kurven"][-1]["kumulierter_gewinn"]
    (5.0, 3.0)
    """
    new = copy.copy(spec)
    new["datasets"] = {**spec["datasets"], **datasets(curve_today, curve_after, strategies)}
    return new
