"""Charts of lesson 1.11: experience against expectation per touchpoint, and the Kano curves."""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, Align, layer
from kundenkit.models.expectations import (
    KANO_CATEGORIES,
    KANO_EXPONENT,
    MUST_BE,
    ONE_DIMENSIONAL,
    SCALE_MAX,
    SCALE_MIN,
    VERDICTS,
)

VERDICT_COLOURS = alt.Scale(domain=list(VERDICTS), range=[PALETTE[3], PALETTE[2], PALETTE[0]])
KANO_COLOURS = alt.Scale(domain=list(KANO_CATEGORIES), range=[PALETTE[4], PALETTE[1], PALETTE[5]])


def _verdict_expression(tolerance: str = "toleranz") -> str:
    """Vega expression of :func:`kundenkit.models.expectations.judge` (same rule, same names)."""
    return (f"datum.abweichung < -{tolerance} ? '{VERDICTS[0]}' : "
            f"(datum.abweichung > {tolerance} ? '{VERDICTS[2]}' : '{VERDICTS[1]}')")


def touchpoint_chart(verglichen: pd.DataFrame, *, tolerance: float | None = None, width: int = 520,
                     title: str | None = None) -> alt.LayerChart:
    """Experience (dot) against expectation (black bar) and its zone of tolerance (grey band) per touchpoint.

    The dot's colour is the verdict: Enttäuschung below the zone, Bestätigung in
    it, Begeisterung above it. Touchpoints are sorted from the best experience down.

    The expectations and the zone are chart parameters: ``erwartungen`` (one
    value per row, in the row order of ``verglichen``) and ``toleranz``. A
    widget moves them through ``JupyterChart.params`` without building a new
    spec; the chart then computes deviation and verdict with the model's rule.

    Parameters
    ----------
    verglichen : DataFrame
        Output of :func:`kundenkit.models.expectations.compare` or ``adaptive_compare``.
    tolerance : float, optional
        Half width of the zone; read from ``zone_oben − erwartung`` if not given.

    Examples
    --------
    >>> from kundenkit.models.expectations import compare
    >>> table = compare(pd.DataFrame({"touchpoint": ["App", "Hotline"], "erlebnis": [4.4, 2.1]}))
    >>> spec = touchpoint_chart(table).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'rule', 'tick', 'point', 'text', 'text']
    >>> {p["name"]: p["value"] for p in spec["params"]}
    {'erwartungen': [3.5, 3.5], 'toleranz': 0.5}
    """
    if tolerance is None:
        tolerance = float((verglichen["zone_oben"] - verglichen["erwartung"]).iloc[0]) if len(verglichen) else 0.5
    data = pd.DataFrame({"i": range(len(verglichen)), "touchpoint": verglichen["touchpoint"].astype(str).to_numpy(),
                         "erlebnis": verglichen["erlebnis"].to_numpy(dtype=float)})
    if "kontakte" in verglichen.columns:
        data["kontakte"] = verglichen["kontakte"].to_numpy()
    expectations = alt.param(name="erwartungen", value=[round(float(v), 4) for v in verglichen["erwartung"]])
    zone_param = alt.param(name="toleranz", value=round(float(tolerance), 4))
    order = list(data.sort_values(["erlebnis", "touchpoint"], ascending=[False, True])["touchpoint"])
    y = alt.Y("touchpoint:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13, labelLimit=200))
    scale = alt.Scale(domain=[SCALE_MIN, SCALE_MAX], nice=False)
    x_axis = alt.Axis(tickCount=5, format=",.0f", title="Bewertung (1 = sehr schlecht, 5 = sehr gut)")
    tooltip = [
        alt.Tooltip("touchpoint:N", title="Touchpoint"),
        alt.Tooltip("erlebnis:Q", title="Erlebnis (Ø Bewertung)", format=",.2f"),
        alt.Tooltip("erwartung:Q", title="Erwartung", format=",.2f"),
        alt.Tooltip("abweichung:Q", title="Abweichung", format="+,.2f"),
        alt.Tooltip("urteil:N", title="Urteil"),
    ]
    if "kontakte" in data.columns:
        tooltip.append(alt.Tooltip("kontakte:Q", title="Kontakte", format=",.0f"))
    height = max(120, 34 * len(data))
    base = alt.Chart(data).transform_calculate(
        erwartung="erwartungen[datum.i]",
    ).transform_calculate(
        abweichung="datum.erlebnis - datum.erwartung",
        zone_unten=f"clamp(datum.erwartung - toleranz, {SCALE_MIN}, {SCALE_MAX})",
        zone_oben=f"clamp(datum.erwartung + toleranz, {SCALE_MIN}, {SCALE_MAX})",
    ).transform_calculate(urteil=_verdict_expression()).properties(width=width, height=height)
    colour = alt.Color("urteil:N", scale=VERDICT_COLOURS, title="Urteil",
                       legend=alt.Legend(orient="bottom", direction="horizontal"))
    zone = base.mark_bar(color="#BBBBBB", opacity=0.45, height=22).encode(
        x=alt.X("zone_unten:Q", scale=scale, axis=x_axis), x2="zone_oben:Q", y=y, tooltip=tooltip)
    gap = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("erwartung:Q", scale=scale), x2="erlebnis:Q", y=y, color=colour)
    expected = base.mark_tick(color="black", thickness=3, size=26).encode(
        x=alt.X("erwartung:Q", scale=scale), y=y, tooltip=tooltip)
    experienced = base.mark_point(filled=True, size=220, stroke="black", strokeWidth=1, opacity=1).encode(
        x=alt.X("erlebnis:Q", scale=scale), y=y, color=colour, tooltip=tooltip)
    # The label sits on the far side of the dot, away from the line to the expectation.
    sides: tuple[tuple[str, Align, int], ...] = (("datum.abweichung >= 0", "left", 12),
                                                 ("datum.abweichung < 0", "right", -12))
    labels = [
        base.transform_filter(test).mark_text(align=align, dx=dx, fontSize=12).encode(
            x=alt.X("erlebnis:Q", scale=scale), y=y, text=alt.Text("abweichung:Q", format="+,.2f"))
        for test, align, dx in sides
    ]
    chart = layer(zone, gap, expected, experienced, *labels).add_params(expectations, zone_param)
    subtitle = "Punkt = Erlebnis (Ø Bewertung) · schwarzer Strich = Erwartung · graues Band = Toleranzzone"
    return chart.properties(title=alt.Title(title or "Erlebnis und Erwartung je Touchpoint", subtitle=subtitle))


def kano_chart(curves: pd.DataFrame, fulfilment: float | None = None, *, width: int = 360,
               height: int = 260) -> alt.LayerChart:
    """The three Kano curves: satisfaction over fulfilment; markers at the parameter ``erfuellung``.

    ``curves`` comes from :func:`kundenkit.models.expectations.kano_curves`. With
    ``fulfilment`` the chart marks each curve at that level; a widget moves the
    markers by setting ``JupyterChart.params.erfuellung``. The markers use the
    model's formulas (see :func:`kundenkit.models.expectations.kano_satisfaction`).

    >>> from kundenkit.models.expectations import kano_curves
    >>> spec = kano_chart(kano_curves(steps=5), 0.5).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["params"][0]["value"]
    (['rule', 'line', 'rule', 'point'], 0.5)
    """
    x = alt.X("erfüllung:Q", title="Erfüllung (0 % = fehlt, 100 % = voll erfüllt)",
              scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%", tickCount=5))
    y = alt.Y("zufriedenheit:Q", title="Zufriedenheit (Modell)", scale=alt.Scale(domain=[-1, 1]),
              axis=alt.Axis(values=[-1, -0.5, 0, 0.5, 1], format=",.1f"))
    colour = alt.Color("kategorie:N", scale=KANO_COLOURS, title="Kano-Kategorie",
                       legend=alt.Legend(orient="right"))
    tooltip = [alt.Tooltip("kategorie:N", title="Kategorie"),
               alt.Tooltip("erfüllung:Q", title="Erfüllung", format=".0%"),
               alt.Tooltip("zufriedenheit:Q", title="Zufriedenheit", format="+,.2f")]
    neutral = (alt.Chart(pd.DataFrame({"zufriedenheit": [0.0]}))
               .mark_rule(color="#777777", strokeDash=[4, 3]).encode(y=y))
    lines = alt.Chart(curves).mark_line(strokeWidth=3).encode(x=x, y=y, color=colour, tooltip=tooltip)
    chart = layer(neutral, lines)
    if fulfilment is not None:
        f_param = alt.param(name="erfuellung", value=float(fulfilment))
        k = KANO_EXPONENT
        formula = (f"datum.kategorie == '{MUST_BE}' ? -pow(1 - erfuellung, {k}) : "
                   f"(datum.kategorie == '{ONE_DIMENSIONAL}' ? 2 * erfuellung - 1 : pow(erfuellung, {k}))")
        marked = alt.Chart(pd.DataFrame({"kategorie": list(KANO_CATEGORIES)})).transform_calculate(
            **{"erfüllung": "erfuellung", "zufriedenheit": formula})
        marker_rule = marked.transform_filter(f"datum.kategorie == '{MUST_BE}'").mark_rule(
            color="black", strokeDash=[2, 2]).encode(x=x)
        markers = marked.mark_point(filled=True, size=160, stroke="black", strokeWidth=1, opacity=1).encode(
            x=x, y=y, color=alt.Color("kategorie:N", scale=KANO_COLOURS, legend=None), tooltip=tooltip)
        chart = layer(neutral, lines, marker_rule, markers).add_params(f_param)
    return chart.properties(
        width=width, height=height,
        title=alt.Title("Kano-Kurven", subtitle="Form der Kurven: Annahme des Kurses"))
