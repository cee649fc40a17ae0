"""Charts of lesson 1.7: trust over the contacts, with and without a broken promise.

The charts read their rows from *named data sets* (``pfade``, ``stand``, ``bruch``,
``erholt``, ``verteilung``, ``schwelle``). A widget builds the chart once and on
every slider change only swaps these small data sets and two subtitles in the
spec (:func:`updated_spec`): building an Altair chart anew takes ~200 ms, the
swap well under 10 ms.
"""
from __future__ import annotations

import copy

import altair as alt
import numpy as np
import pandas as pd

from kundenkit.charts.setup import PALETTE, Align, dataset_rows, layer
from kundenkit.formatting import de_percent
from kundenkit.models.trust import WITH, WITHOUT, BreakScenario

SCENARIO_COLOURS = alt.Scale(domain=[WITHOUT, WITH], range=[PALETTE[4], PALETTE[3]])
TRUST_AXIS = alt.Axis(format=".0%", tickCount=5)
PATH_TITLE = "Vertrauen über die Kontakte"
DIST_TITLE = "Endvertrauen Ihrer Kunden"


def path_datasets(scenario: BreakScenario) -> dict[str, list[dict]]:
    """The rows of the path chart: both paths, the level before the break, the break and the recovery.

    >>> from kundenkit.models.trust import break_scenario
    >>> data = path_datasets(break_scenario(contacts=10, break_at=4))
    >>> sorted(data), len(data["pfade"]), data["erholt"][0]["kontakt"]
    (['bruch', 'erholt', 'pfade', 'stand'], 22, 8)
    """
    path = scenario.path
    last = int(path["kontakt"].max())
    stand = pd.DataFrame({"vertrauen": [scenario.before]})
    broken = path[(path["szenario"] == WITH) & (path["kontakt"] == scenario.break_at)].assign(text="gebrochen")
    if scenario.recovered_at is not None:
        erholt = pd.DataFrame({"kontakt": [scenario.recovered_at], "vertrauen": [0.04],
                               "seite": ["rechts" if scenario.recovered_at > last * 0.6 else "links"],
                               "text": [f"wieder erreicht nach {scenario.recovery} gehaltenen"]})
    else:
        erholt = pd.DataFrame(columns=["kontakt", "vertrauen", "seite", "text"])
    return {"pfade": dataset_rows(path), "stand": dataset_rows(stand), "bruch": dataset_rows(broken),
            "erholt": dataset_rows(erholt)}


def _loss_text(loss: float) -> str:
    """The loss in percent; near 100 % with one decimal, so that each step of the slider shows."""
    return de_percent(loss, 1 if loss > 0.95 else 0)


def _path_subtitle(scenario: BreakScenario) -> list[str]:
    m = scenario.model
    return [f"gehaltenes Versprechen: + {de_percent(m.gain)} des fehlenden Vertrauens",
            f"gebrochenes Versprechen: − {_loss_text(m.loss)} des vorhandenen Vertrauens",
            f"graue Linie: Stand vor dem Bruch ({de_percent(scenario.before)})"]


def _path_layers(width: int, height: int, title) -> alt.LayerChart:
    x = alt.X("kontakt:Q", title="Kontakt Nr.", scale=alt.Scale(zero=True, nice=False),
              axis=alt.Axis(tickMinStep=1, format="d"))
    y = alt.Y("vertrauen:Q", title="Vertrauen (Modell des Kurses)", scale=alt.Scale(domain=[0, 1]), axis=TRUST_AXIS)
    colour = alt.Color("szenario:N", scale=SCENARIO_COLOURS, title=None, legend=alt.Legend(orient="bottom"))
    dash = alt.StrokeDash("szenario:N", scale=alt.Scale(domain=[WITHOUT, WITH], range=[[6, 3], [1, 0]]),
                          legend=None)
    tooltip = [alt.Tooltip("szenario:N", title="Verlauf"), alt.Tooltip("kontakt:Q", title="Kontakt Nr."),
               alt.Tooltip("ereignis:N", title="Versprechen"),
               alt.Tooltip("vertrauen:Q", title="Vertrauen", format=".0%")]
    rule = alt.Chart(alt.NamedData("stand")).mark_rule(strokeDash=[5, 4], color="#555").encode(
        y=y, tooltip=[alt.Tooltip("vertrauen:Q", title="Stand vor dem Bruch", format=".0%")])
    paths = alt.Chart(alt.NamedData("pfade"))
    line = dict(x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip, order=alt.Order("kontakt:Q"))
    # The path with the break first, so that the dashed path without it stays visible on top.
    lines = [
        paths.transform_filter(alt.datum.szenario == WITH).mark_line(
            strokeWidth=2.5, point=alt.OverlayMarkDef(size=28)).encode(**line),
        paths.transform_filter(alt.datum.szenario == WITHOUT).mark_line(
            strokeWidth=2, point=alt.OverlayMarkDef(size=18)).encode(**line),
    ]
    broken = alt.Chart(alt.NamedData("bruch"))
    break_mark = broken.mark_point(shape="diamond", size=220, filled=True, color=PALETTE[3], stroke="black",
                                   strokeWidth=1, opacity=1).encode(x=x, y=y, tooltip=tooltip)
    break_text = broken.mark_text(align="left", dx=8, dy=10, fontSize=12, fontWeight="bold",
                                  color=PALETTE[3]).encode(x=x, y=y, text="text:N")
    erholt = alt.Chart(alt.NamedData("erholt"))
    back = [erholt.mark_rule(color=PALETTE[3], strokeDash=[2, 3]).encode(x=x)]
    sides: tuple[tuple[str, Align, int], ...] = (("rechts", "right", -5), ("links", "left", 5))
    for side, align, dx in sides:
        back.append(erholt.transform_filter(alt.datum.seite == side).mark_text(
            align=align, dx=dx, fontSize=12, color=PALETTE[3]).encode(x=x, y=y, text="text:N"))
    return layer(rule, *lines, break_mark, break_text, *back).properties(
        width=width, height=height, title=title)


def path_chart(scenario: BreakScenario, *, width: int = 350, height: int = 270) -> alt.LayerChart:
    """Two trust paths (all promises kept vs one broken), the level before the break and the recovery.

    Examples
    --------
    >>> from kundenkit.models.trust import break_scenario
    >>> spec = path_chart(break_scenario(contacts=10, break_at=4)).to_dict()
    >>> spec["layer"][0]["mark"]["type"], sorted(spec["datasets"])
    ('rule', ['bruch', 'erholt', 'pfade', 'stand'])
    """
    title = alt.Title(PATH_TITLE, subtitle=_path_subtitle(scenario))
    return _path_layers(width, height, title).properties(datasets=path_datasets(scenario))


def distribution_datasets(distribution: pd.DataFrame, level: float = 0.5) -> dict[str, list[dict]]:
    """The rows of the distribution chart: the histogram (with its colour group) and the level.

    >>> from kundenkit.models.trust import trust_distribution
    >>> distribution_datasets(trust_distribution([0.2, 0.7], bins=2))["verteilung"][0]["gruppe"]
    'unter 50 %'
    """
    below, above = _groups(level)
    labelled = distribution.assign(gruppe=np.where(distribution["unter_schwelle"], below, above))
    return {"verteilung": dataset_rows(labelled), "schwelle": [{"von": float(level)}]}


def _groups(level: float) -> tuple[str, str]:
    return f"unter {de_percent(level)}", f"ab {de_percent(level)}"


def _dist_subtitle(level: float, share: float | None) -> str:
    return f"{de_percent(share)} unter {de_percent(level)}" if share is not None else ""


def _dist_layers(level: float, width: int, height: int, title) -> alt.LayerChart:
    colour = alt.Color("gruppe:N", title=None, legend=None,
                       scale=alt.Scale(domain=list(_groups(level)), range=[PALETTE[1], PALETTE[2]]))
    x = alt.X("von:Q", title="Endvertrauen", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1]))
    bars = alt.Chart(alt.NamedData("verteilung")).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=x, x2="bis:Q", y=alt.Y("kunden:Q", title="Kunden"), y2=alt.datum(0), color=colour,
        tooltip=[alt.Tooltip("von:Q", title="Vertrauen von", format=".0%"),
                 alt.Tooltip("bis:Q", title="bis unter", format=".0%"),
                 alt.Tooltip("kunden:Q", title="Kunden", format=",d"),
                 alt.Tooltip("anteil:Q", title="Anteil", format=".1%")])
    rule = alt.Chart(alt.NamedData("schwelle")).mark_rule(strokeDash=[5, 4], color="#333").encode(x=x)
    return layer(bars, rule).properties(width=width, height=height, title=title)


def distribution_chart(distribution: pd.DataFrame, *, level: float = 0.5, share: float | None = None,
                       width: int = 220, height: int = 270) -> alt.LayerChart:
    """Histogram of the customers' final trust; bars below ``level`` in orange.

    ``distribution`` comes from :func:`kundenkit.models.trust.trust_distribution`.

    >>> from kundenkit.models.trust import trust_distribution
    >>> spec = distribution_chart(trust_distribution([0.2, 0.7, 0.9]), share=1 / 3).to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["title"]["subtitle"]
    ('rect', '33 % unter 50 %')
    """
    title = alt.Title(DIST_TITLE, subtitle=_dist_subtitle(level, share))
    return _dist_layers(level, width, height, title).properties(
        datasets=distribution_datasets(distribution, level))


def explorer_chart(scenario: BreakScenario, distribution: pd.DataFrame | None = None, *, level: float = 0.5,
                   share: float | None = None):
    """The widget's chart: the two paths, and (with data) the distribution of final trust beside them.

    >>> from kundenkit.models.trust import break_scenario, trust_distribution
    >>> spec = explorer_chart(break_scenario(), trust_distribution([0.3, 0.8]), share=0.5).to_dict()
    >>> len(spec["hconcat"]), len(spec["datasets"])
    (2, 6)
    """
    if distribution is None:
        return path_chart(scenario)
    paths = _path_layers(350, 270, alt.Title(PATH_TITLE, subtitle=_path_subtitle(scenario)))
    dist = _dist_layers(level, 220, 270, alt.Title(DIST_TITLE, subtitle=_dist_subtitle(level, share)))
    datasets = {**path_datasets(scenario), **distribution_datasets(distribution, level)}
    return alt.hconcat(paths, dist, spacing=30).resolve_scale(
        color="independent", strokeDash="independent").properties(datasets=datasets)


def updated_spec(spec: dict, scenario: BreakScenario, distribution: pd.DataFrame | None = None, *,
                 level: float = 0.5, share: float | None = None) -> dict:
    """A copy of ``explorer_chart(...).to_dict()`` with new data sets and subtitles – no Altair rebuild.

    >>> from kundenkit.models.trust import TrustModel, break_scenario
    >>> spec = explorer_chart(break_scenario()).to_dict()
    >>> new = updated_spec(spec, break_scenario(TrustModel(asymmetry=4)))
    >>> new["title"]["subtitle"][1], spec["title"]["subtitle"][1]
    ('gebrochenes Versprechen: − 59 % des vorhandenen Vertrauens',
     'gebrochenes Versprechen: − 49 % des vorhandenen Vertrauens')
    """
    new = {key: value for key, value in spec.items() if key not in ("datasets", "hconcat", "title")}
    datasets = path_datasets(scenario)
    if "hconcat" in spec:
        parts = [copy.copy(part) for part in spec["hconcat"]]
        new["hconcat"] = parts
        datasets.update(distribution_datasets(distribution, level))
        parts[1]["title"] = {**parts[1]["title"], "subtitle": _dist_subtitle(level, share)}
    else:
        parts = [new]
        new["title"] = spec["title"]
    parts[0]["title"] = {**parts[0]["title"], "subtitle": _path_subtitle(scenario)}
    new["datasets"] = datasets
    return new
