"""Charts of lesson 1.1: relationship strength over time, and whether recognising customers pays.

The widget's chart refers to its data by name (``alt.Data(name=...)``) and
carries the rows in the spec's top-level ``datasets``. A slider then only
swaps these few hundred rows (:func:`explorer_datasets`) instead of building a
new Altair chart, which keeps a callback at a few milliseconds.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, Align, Baseline, dataset_rows, layer
from kundenkit.formatting import de_percent
from kundenkit.models import relationship as model

YOU = "Ihre Einstellung"
CASE_COLOURS = {YOU: PALETTE[4], model.TANTE_EMMA[0]: PALETTE[0], model.DISCOUNTER[0]: PALETTE[1]}
COST_COLOUR = PALETTE[3]
WIDTH, HEIGHT = 270, 250

_CASE_TOOLTIP = [alt.Tooltip("fall:N", title="Fall"),
                 alt.Tooltip("erkennungsrate:Q", title="Erkennungsrate", format=".0%")]


def _case_colour() -> alt.Scale:
    return alt.Scale(domain=list(CASE_COLOURS), range=list(CASE_COLOURS.values()))


def _cases(recognition: float) -> list[tuple[str, float]]:
    return [(YOU, float(recognition)), model.TANTE_EMMA, model.DISCOUNTER]


# ---------------------------------------------------------------------------
# Data of the charts
# ---------------------------------------------------------------------------

def strength_paths(recognition: float, episodes_per_year: float, *, years: float = model.YEARS,
                   gain: float = model.GAIN, half_life_years: float = model.HALF_LIFE_YEARS,
                   max_premium: float = model.MAX_PREMIUM) -> pd.DataFrame:
    """Expected strength paths of the learner's setting and of the two reference cases.

    >>> paths = strength_paths(0.5, 2, years=1)
    >>> sorted(paths["fall"].unique())
    ['Ihre Einstellung', 'Tante Emma', 'anonymer Discounter']
    >>> list(paths.columns)
    ['jahr', 'stärke', 'fall', 'erkennungsrate', 'preisaufschlag']
    """
    frames = [model.strength_path(rate, episodes_per_year, years=years, gain=gain, half_life_years=half_life_years)
              .assign(fall=name, erkennungsrate=rate) for name, rate in _cases(recognition)]
    paths = pd.concat(frames, ignore_index=True)
    paths["preisaufschlag"] = (paths[model.STRENGTH] * max_premium).round(4)
    return paths


def explorer_data(recognition: float, episodes_per_year: float, revenue_per_year: float, cost_per_year: float, *,
                  max_premium: float = model.MAX_PREMIUM, gain: float = model.GAIN,
                  half_life_years: float = model.HALF_LIFE_YEARS) -> dict[str, pd.DataFrame]:
    """Every table the two panels show, for one setting of the controls.

    >>> data = explorer_data(0.6, 6, 200, 6)
    >>> sorted(data)
    ['aufschlag', 'faelle', 'kosten', 'kurve', 'pfade', 'schwelle']
    >>> data["schwelle"][["erkennungsrate", "text"]].to_dict("records")
    [{'erkennungsrate': 0.2624, 'text': 'lohnt sich ab 26 %'}]
    """
    cases = _cases(recognition)
    rates = [rate for _, rate in cases]
    strength = model.long_run_strength(rates, episodes_per_year, gain=gain, half_life_years=half_life_years)
    even = model.break_even_recognition(cost_per_year, revenue_per_year, episodes_per_year,
                                        max_premium=max_premium, gain=gain, half_life_years=half_life_years)
    found = not math.isnan(even)
    early = found and even < 0.5            # the revenue curve crosses the cost early: label right, below
    late = not found or even > 0.6          # the break-even label then reads to the left of its line
    curve = model.premium_curve(episodes_per_year, revenue_per_year, max_premium=max_premium, gain=gain,
                                half_life_years=half_life_years)
    return {
        "pfade": strength_paths(recognition, episodes_per_year, max_premium=max_premium, gain=gain,
                                half_life_years=half_life_years),
        "aufschlag": pd.DataFrame({"jahr": [0.0, 0.0], "preisaufschlag": [0.0, float(max_premium)]}),
        "kurve": curve,
        "faelle": pd.DataFrame({
            "fall": [name for name, _ in cases][::-1], "erkennungsrate": rates[::-1],
            "mehrerlös": (strength * max_premium * float(revenue_per_year)).round(2)[::-1],
            # the anonymous case (rate 0) pays nothing for recognising
            "kosten": [model.recognition_cost(rate, cost_per_year) for rate in rates][::-1]}),
        "kosten": pd.DataFrame({
            "kosten": [round(float(cost_per_year), 2)], "label": ["Kosten des Wiedererkennens"],
            "seite": ["rechts_unten" if early else ("links_oben" if found else "links_unten")],
            "x": [1.0 if early else 0.0],
            # headroom above the highest line, so that the labels at the top stay free
            "oben": [round(1.2 * max(float(cost_per_year), float(curve["mehrerlös"].max()), 1e-6), 2)]}),
        "schwelle": pd.DataFrame({
            "erkennungsrate": [round(even, 4) if found else 1.0],
            "text": [f"lohnt sich ab {de_percent(even)}" if found else "lohnt sich bei keiner Erkennungsrate"],
            "seite": ["links" if late else "rechts"], "linie": [found]}),
    }


def explorer_datasets(*args, **kwargs) -> dict[str, list[dict]]:
    """The named datasets of :func:`explorer_chart` as JSON rows (same arguments as :func:`explorer_data`).

    >>> rows = explorer_datasets(0.6, 6, 200, 6)
    >>> rows["kosten"]
    [{'kosten': 6.0, 'label': 'Kosten des Wiedererkennens', 'seite': 'rechts_unten', 'x': 1.0, 'oben': 14.88}]
    """
    return {name: dataset_rows(frame) for name, frame in explorer_data(*args, **kwargs).items()}


# ---------------------------------------------------------------------------
# The panels
# ---------------------------------------------------------------------------

def _source(data, name: str):
    """A DataFrame stays a DataFrame; a dict of named datasets becomes a reference by name."""
    return alt.Data(name=name) if isinstance(data, dict) else data


def strength_chart(paths, premium=None, *, max_premium: float = model.MAX_PREMIUM, width: int = WIDTH,
                   height: int = HEIGHT) -> alt.LayerChart:
    """Expected relationship strength over the years; the right axis shows the accepted premium.

    ``paths`` comes from :func:`strength_paths` (or is an ``alt.Data`` reference).
    ``premium`` holds the right axis' range (two rows: ``jahr``, ``preisaufschlag``
    of 0 and the premium at strength 1); by default it is built from ``max_premium``.

    >>> spec = strength_chart(strength_paths(0.5, 4, years=2)).to_dict()
    >>> spec["resolve"]["scale"]["y"]
    'independent'
    """
    if premium is None:
        premium = pd.DataFrame({"jahr": [0.0, 0.0], "preisaufschlag": [0.0, float(max_premium)]})
    x = alt.X("jahr:Q", title="Jahre seit dem ersten Kauf", scale=alt.Scale(nice=False),
              axis=alt.Axis(tickMinStep=1, format=",.0f"))
    lines = alt.Chart(paths).mark_line().encode(
        x=x,
        y=alt.Y(f"{model.STRENGTH}:Q", title="Beziehungsstärke (0 bis 1)", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=",.1f")),
        color=alt.Color("fall:N", scale=_case_colour(), title=None,
                        legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=200)),
        strokeWidth=alt.StrokeWidth("fall:N", scale=alt.Scale(domain=list(CASE_COLOURS), range=[3.5, 2, 2]),
                                    legend=None),
        detail="fall:N",
        tooltip=[*_CASE_TOOLTIP,
                 alt.Tooltip("jahr:Q", title="Jahr", format=",.2f"),
                 alt.Tooltip(f"{model.STRENGTH}:Q", title="Beziehungsstärke", format=",.2f"),
                 alt.Tooltip("preisaufschlag:Q", title="akzeptierter Preisaufschlag", format=".1%")],
    )
    right_axis = alt.Chart(premium).mark_point(opacity=0).encode(
        x=x,
        y=alt.Y("preisaufschlag:Q", title="akzeptierter Preisaufschlag", scale=alt.Scale(zero=True, nice=False),
                axis=alt.Axis(format=".1%", orient="right", grid=False, tickCount=5)),
    )
    return layer(lines, right_axis).resolve_scale(y="independent").properties(
        width=width, height=height,
        title=alt.Title("Beziehungsstärke über die Zeit", subtitle="erwarteter Verlauf im Modell des Kurses"),
    )


def money_chart(curve, cases, cost, threshold, *, width: int = WIDTH, height: int = HEIGHT) -> alt.LayerChart:
    """Long-run extra revenue per customer and year over the recognition rate, against the cost.

    The four tables are those of :func:`explorer_data`: ``kurve``, ``faelle``,
    ``kosten`` and ``schwelle`` (or ``alt.Data`` references to them).

    >>> d = explorer_data(0.6, 6, 200, 6)
    >>> spec = money_chart(d["kurve"], d["faelle"], d["kosten"], d["schwelle"]).to_dict()
    >>> len(spec["layer"])  # curve, headroom, cost line and labels, break-even line and labels, cases
    10
    """
    x = alt.X("erkennungsrate:Q", title="Erkennungsrate", scale=alt.Scale(domain=[0, 1], nice=False),
              axis=alt.Axis(format=".0%"))
    y = alt.Y("mehrerlös:Q", title="€ je Kunde und Jahr (langfristig)", axis=alt.Axis(format=",.0f"))
    revenue = alt.Chart(curve).mark_line(strokeWidth=2.5, color=PALETTE[4]).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("erkennungsrate:Q", title="Erkennungsrate", format=".0%"),
                 alt.Tooltip("mehrerlös:Q", title="Mehrerlös je Kunde und Jahr (€)", format=",.2f"),
                 alt.Tooltip("preisaufschlag:Q", title="akzeptierter Preisaufschlag", format=".1%")])
    cost_y = alt.Y("kosten:Q")
    cost_line = alt.Chart(cost).mark_rule(color=COST_COLOUR, strokeWidth=2.5).encode(
        y=cost_y, tooltip=[alt.Tooltip("kosten:Q", title="Kosten je Kunde und Jahr (€)", format=",.2f")])
    cost_sides: tuple[tuple[str, Align, Baseline, int, int], ...] = (
        ("rechts_unten", "right", "top", -4, 4), ("links_oben", "left", "bottom", 4, -4),
        ("links_unten", "left", "top", 4, 4))
    cost_labels = [
        alt.Chart(cost).transform_filter(alt.datum.seite == side).mark_text(
            align=align, baseline=baseline, dx=dx, dy=dy, color=COST_COLOUR, fontSize=12, fontWeight="bold",
        ).encode(x=alt.X("x:Q"), y=cost_y, text="label:N")
        for side, align, baseline, dx, dy in cost_sides
    ]
    headroom = alt.Chart(cost).mark_point(opacity=0).encode(y=alt.Y("oben:Q"))
    even_line = alt.Chart(threshold).transform_filter(alt.datum.linie).mark_rule(
        strokeDash=[5, 4], color="black", opacity=0.8).encode(
        x=x, tooltip=[alt.Tooltip("erkennungsrate:Q", title="Gewinnschwelle", format=".1%")])
    even_sides: tuple[tuple[str, Align, int], ...] = (("rechts", "left", 5), ("links", "right", -5))
    even_labels = [
        alt.Chart(threshold).transform_filter(alt.datum.seite == side).mark_text(
            align=align, dx=dx, y=10, fontSize=12, fontWeight="bold").encode(x=x, text="text:N")
        for side, align, dx in even_sides
    ]
    points = alt.Chart(cases).mark_point(filled=True, size=130, stroke="white", strokeWidth=1, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("fall:N", scale=_case_colour(), legend=None),
        shape=alt.Shape("fall:N", scale=alt.Scale(domain=list(CASE_COLOURS), range=["diamond", "circle", "square"]),
                        legend=None),
        tooltip=[*_CASE_TOOLTIP,
                 alt.Tooltip("mehrerlös:Q", title="Mehrerlös je Kunde und Jahr (€)", format=",.2f"),
                 alt.Tooltip("kosten:Q", title="Kosten je Kunde und Jahr (€)", format=",.2f")])
    return layer(revenue, headroom, cost_line, *cost_labels, even_line, *even_labels, points).properties(
        width=width, height=height,
        title=alt.Title("Lohnt sich das Wiedererkennen?",
                        subtitle=["Mehrerlös (blau) gegen Kosten (rot) je Kunde und Jahr",
                                  "Wer niemanden wiedererkennt (0 %), zahlt nichts dafür"]),
    )


def explorer_chart(recognition: float, episodes_per_year: float, revenue_per_year: float, cost_per_year: float, *,
                   max_premium: float = model.MAX_PREMIUM, gain: float = model.GAIN,
                   half_life_years: float = model.HALF_LIFE_YEARS, width: int = WIDTH) -> alt.HConcatChart:
    """Both panels of the lesson's widget, with their data as named datasets.

    >>> spec = explorer_chart(0.6, 6, 200, 6).to_dict()
    >>> len(spec["hconcat"]), sorted(spec["datasets"])[:2]
    (2, ['aufschlag', 'faelle'])
    """
    data = explorer_data(recognition, episodes_per_year, revenue_per_year, cost_per_year,
                         max_premium=max_premium, gain=gain, half_life_years=half_life_years)
    named = {name: _source(data, name) for name in data}
    return alt.hconcat(
        strength_chart(named["pfade"], named["aufschlag"], width=width),
        money_chart(named["kurve"], named["faelle"], named["kosten"], named["schwelle"], width=width),
        spacing=30,
        datasets={name: dataset_rows(frame) for name, frame in data.items()},
    )
