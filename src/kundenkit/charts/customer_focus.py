"""Charts of lesson 5.6: touchpoints by department, and rigid norms vs room to act.

:func:`department_chart` shows one bar per touchpoint (mean rating 1–5), coloured by its
department, and one line across all bars: the mean over all contacts – the one company
the customer sees. :func:`norms_chart` shows the share of satisfied customers over the
room to act (course model); a widget swaps only its named data sets (:func:`updated_spec`).
"""
from __future__ import annotations

import copy

import altair as alt

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import de_count, de_number, de_percent
from kundenkit.models.customer_focus import UNASSIGNED, DepartmentMap, NormResult

DEPARTMENT_TITLE = "Viele Abteilungen – ein Unternehmen"
NORMS_TITLE = "Starre Normen oder Spielraum?"
WIDTH, ROW_HEIGHT = 420, 22
STANDARD, SPECIAL, ALL = "Standardanliegen", "Sonderanliegen", "alle Kunden"
SERIES = alt.Scale(domain=[ALL, STANDARD, SPECIAL], range=[PALETTE[4], PALETTE[2], PALETTE[3]])


def department_rows(m: DepartmentMap) -> list[dict]:
    """One row per touchpoint: department, contacts and mean rating (data set ``touchpoints``).

    >>> import pandas as pd
    >>> from kundenkit.models.customer_focus import department_map
    >>> k = pd.DataFrame({"touchpoint": ["Kasse", "Hotline"], "bewertung": [4, 2]})
    >>> department_rows(department_map(k))[0]
    {'touchpoint': 'Kasse', 'abteilung': 'Filialen', 'kontakte': 1, 'bewertung': 4.0, 'text': '4,00'}
    """
    rows = []
    for tp, dep, n, r in m.cells[["touchpoint", "abteilung", "kontakte", "bewertung"]].itertuples(index=False):
        rated = r == r  # not NaN
        rows.append({"touchpoint": str(tp), "abteilung": str(dep), "kontakte": int(n),
                     "bewertung": float(r) if rated else None, "text": de_number(r, 2) if rated else "–"})
    return rows


def company_rating(m: DepartmentMap) -> float | None:
    """Mean rating over all rated contacts – what the customer sees as one company.

    >>> import pandas as pd
    >>> from kundenkit.models.customer_focus import department_map
    >>> company_rating(department_map(pd.DataFrame({"touchpoint": ["A", "B", "B"], "bewertung": [1, 4, 4]})))
    3.0
    """
    d = m.departments.dropna(subset=["bewertung"])
    if d.empty:
        return None
    weights = d["kontakte"].astype(float)
    return round(float((d["bewertung"] * weights).sum() / weights.sum()), 2)


def department_chart(m: DepartmentMap, *, width: int = WIDTH) -> alt.LayerChart:
    """Bars of the mean rating per touchpoint, grouped and coloured by department; a line for the company.

    >>> import pandas as pd
    >>> from kundenkit.models.customer_focus import department_map
    >>> k = pd.DataFrame({"touchpoint": ["Kasse", "Hotline", "Brieftaube"], "bewertung": [4, 2, 3]})
    >>> spec = department_chart(department_map(k)).to_dict()
    >>> [r["abteilung"] for r in spec["datasets"]["touchpoints"]]
    ['Filialen', 'Kundenservice', 'nicht zugeordnet']
    """
    rows = sorted(department_rows(m), key=lambda r: (r["abteilung"] == UNASSIGNED, r["abteilung"], r["touchpoint"]))
    order = [r["touchpoint"] for r in rows]
    departments = list(dict.fromkeys(r["abteilung"] for r in rows))
    colours = [("#999999" if d == UNASSIGNED else PALETTE[i % len(PALETTE)]) for i, d in enumerate(departments)]
    y = alt.Y("touchpoint:N", sort=order, title=None, scale=alt.Scale(domain=order),
              axis=alt.Axis(labelLimit=190, labelFontSize=12))
    x = alt.X("bewertung:Q", title="mittlere Bewertung (1 bis 5)", scale=alt.Scale(domain=[1, 5]),
              axis=alt.Axis(values=[1, 2, 3, 4, 5], format=",d"))
    bars = alt.Chart(alt.NamedData("touchpoints")).mark_bar(height=14).encode(
        y=y, x=x, x2=alt.datum(1),  # bars start at the bottom of the scale 1–5
        color=alt.Color("abteilung:N", scale=alt.Scale(domain=departments, range=colours), title="Abteilung",
                        sort=departments, legend=alt.Legend(orient="right", labelLimit=200)),
        tooltip=[alt.Tooltip("touchpoint:N", title="Touchpoint"), alt.Tooltip("abteilung:N", title="Abteilung"),
                 alt.Tooltip("kontakte:Q", title="Kontakte", format=",d"),
                 alt.Tooltip("text:N", title="mittlere Bewertung")])
    values = alt.Chart(alt.NamedData("touchpoints")).mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x=x, text="text:N")
    overall = company_rating(m)
    parts: list[alt.Chart] = [bars, values]
    if overall is not None:
        line = alt.Chart(alt.NamedData("unternehmen")).mark_rule(color="#000", strokeDash=[6, 3], size=2).encode(
            x="bewertung:Q")
        parts.append(line)
    subtitle = [f"Ihre Kunden haben {de_count(int(m.cells['kontakte'].sum()))} Kontakte mit "
                f"{de_count(len(m.assigned_departments))} Abteilungen.",
                "Gestrichelte Linie: alle Kontakte zusammen"
                + (f" ({de_number(overall, 2)}) – so sieht der Kunde das eine Unternehmen."
                   if overall is not None else ".")]
    chart = layer(*parts).properties(width=width, height=ROW_HEIGHT * max(len(order), 1),
                                     title=alt.Title(DEPARTMENT_TITLE, subtitle=subtitle))
    return chart.properties(datasets={"touchpoints": rows,
                                      "unternehmen": [] if overall is None else [{"bewertung": overall}]})


def curve_rows(result: NormResult) -> list[dict]:
    """The curve in long form: three series over the room to act (data set ``kurve``).

    >>> from kundenkit.models.customer_focus import norms_vs_freedom
    >>> rows = curve_rows(norms_vs_freedom(0.0, 0.3))
    >>> len(rows), rows[0]
    (63, {'spielraum': 0.0, 'reihe': 'alle Kunden', 'zufrieden': 0.6909})
    """
    rows = []
    for column, name in (("zufrieden_gesamt", ALL), ("zufrieden_standard", STANDARD),
                         ("zufrieden_sonder", SPECIAL)):
        rows += [{"spielraum": float(f), "reihe": name, "zufrieden": float(v)}
                 for f, v in zip(result.curve["spielraum"], result.curve[column], strict=True)]
    return rows


def _point_rows(result: NormResult) -> list[dict]:
    return [{"spielraum": result.freedom, "zufrieden": result.satisfied,
             "text": f"{de_percent(result.satisfied, 1)} zufrieden"}]


def _norms_subtitle(result: NormResult) -> list[str]:
    return [f"{de_percent(result.special_share)} Sonderanliegen (Ihre Annahme) · Punkt: Ihr Spielraum "
            f"{de_percent(result.freedom)}",
            "Modell des Kurses: Güte der Lösungen und Schwelle sind Annahmen, keine Messwerte"]


def norms_datasets(result: NormResult) -> dict:
    return {"kurve": curve_rows(result), "punkt": _point_rows(result)}


def norms_chart(result: NormResult, *, width: int = WIDTH) -> alt.LayerChart:
    """Share of satisfied customers over the room to act, for standard, special and all requests.

    >>> from kundenkit.models.customer_focus import norms_vs_freedom
    >>> spec = norms_chart(norms_vs_freedom(0.5, 0.3)).to_dict()
    >>> spec["datasets"]["punkt"][0]["text"]
    '74,4 % zufrieden'
    """
    x = alt.X("spielraum:Q", title="Spielraum der Mitarbeitenden (0 % = starres Skript)",
              scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%", tickCount=5))
    yy = alt.Y("zufrieden:Q", title="Anteil zufriedener Kunden", scale=alt.Scale(domain=[0, 1]),
               axis=alt.Axis(format=".0%"))
    lines = alt.Chart(alt.NamedData("kurve")).mark_line(strokeWidth=2.5).encode(
        x=x, y=yy, color=alt.Color("reihe:N", scale=SERIES, title=None, sort=[ALL, STANDARD, SPECIAL],
                                   legend=alt.Legend(orient="top")),
        strokeDash=alt.condition(alt.datum.reihe == ALL, alt.value([1, 0]), alt.value([5, 3])),
        tooltip=[alt.Tooltip("reihe:N", title="Reihe"), alt.Tooltip("spielraum:Q", title="Spielraum", format=".0%"),
                 alt.Tooltip("zufrieden:Q", title="zufrieden", format=".1%")])
    point = alt.Chart(alt.NamedData("punkt")).mark_point(size=160, filled=True, color=PALETTE[4]).encode(x=x, y=yy)
    label = alt.Chart(alt.NamedData("punkt")).mark_text(align="left", dx=9, dy=-10, fontSize=12,
                                                        fontWeight="bold").encode(x=x, y=yy, text="text:N")
    chart = layer(lines, point, label).properties(width=width, height=260,
                                                  title=alt.Title(NORMS_TITLE, subtitle=_norms_subtitle(result)))
    return chart.properties(datasets=norms_datasets(result))


def updated_spec(spec: dict, result: NormResult) -> dict:
    """A copy of ``norms_chart(...).to_dict()`` for another setting – no Altair rebuild.

    >>> from kundenkit.models.customer_focus import norms_vs_freedom
    >>> spec = norms_chart(norms_vs_freedom(0.0, 0.3)).to_dict()
    >>> updated_spec(spec, norms_vs_freedom(1.0, 0.3))["datasets"]["punkt"][0]["spielraum"]
    1.0
    """
    new = copy.copy(spec)
    new["datasets"] = norms_datasets(result)
    new["title"] = {**spec["title"], "subtitle": _norms_subtitle(result)}
    return new
