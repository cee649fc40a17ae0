"""Widget of lesson 4.5: the learner's own chances of winning per stage against those of their history."""
from __future__ import annotations

import math

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.sales_pipeline import pipeline_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import de_count, de_money, de_percent
from kundenkit.models import sales_pipeline as model
from kundenkit.widgets.controls import FIT, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "200px"}
_LAYOUT = {"width": "560px"}
STAGE_KEYS = {stage: stage.lower().replace(" ", "_") for stage in model.OPEN_STAGES}
STEP = 0.01


def _pct(value: float) -> str:
    return "–" if value != value else de_percent(value, 1)


def render_verdict(m: model.PipelineModel, chances: dict[str, float]) -> str:
    """The point for these chances: how far the learner's weighted pipeline lies from their history's.

    >>> m = model.PipelineModel([0, 0, 1, 4], [9.0], [5.0], [0, 2], [100.0, 40.0])
    >>> text = render_verdict(m, {"Erstkontakt": 0.5})
    >>> "140 €" in text, "65 €" in text, "90 €" in text, "25 € mehr" in text
    (True, True, True, True)
    """
    unweighted, history, own = m.unweighted, m.weighted(), m.weighted(chances)
    head = (f"<b>{de_count(m.open)} offene Chancen über {de_money(unweighted, 0)}.</b> Mit den Gewinnchancen "
            f"Ihrer Vergangenheit sind davon <b>{de_money(history, 0)}</b> zu erwarten "
            f"({_pct(history / unweighted) if unweighted else '–'} der Summe).")
    gap = own - history
    if abs(gap) < 0.5:
        point = "Ihre Gewinnchancen stimmen mit Ihrer Vergangenheit überein."
    else:
        direction = "mehr" if gap > 0 else "weniger"
        mood = ("Sie sind zuversichtlicher, als Ihre abgeschlossenen Chancen es hergeben." if gap > 0 else
                "Sie sind vorsichtiger, als Ihre abgeschlossenen Chancen es nahelegen.")
        point = (f"Mit Ihren Gewinnchancen erwarten Sie <b>{de_money(own, 0)}</b>: "
                 f"<b>{de_money(abs(gap), 0)} {direction}</b>. {mood}")
    speed = m.velocity_per_day()
    velocity = ("Pipeline-Geschwindigkeit: nicht zu berechnen (es fehlen gewonnene Chancen mit beiden Daten)."
                if speed != speed else
                f"Pipeline-Geschwindigkeit Ihrer Vergangenheit: <b>{de_money(speed, 0)} pro Tag</b> "
                f"(rund {de_money(speed * 30, 0)} in 30 Tagen).")
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
            + "<br>".join([head, point, velocity]) + "</div>")


class PipelineExplorer(LessonExplorer):
    """One slider per open stage: the learner's chance of winning (the stage with the most open money is the
    main control); the funnel and pipeline chart, the verdict and the funnel table follow.

    Attributes
    ----------
    model : PipelineModel
        The learner's opportunities, computed once.
    sliders : dict
        Stage → FloatSlider (0–1) of the learner's chance of winning from that stage.
    chart : altair.JupyterChart
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, save_path=None):
        data = course_data(data)
        self.model = model.lesson_model(lesson_table(data, "chancen"))
        # The sliders start at the exact historical chances (a stage without history at 0).
        self.history = {stage: float(p) if p == p else 0.0
                        for stage, p in zip(model.OPEN_STAGES, self.model.historical_chances())}
        funnel = self.model.funnel()
        main = str(funnel.loc[funnel["phase"].isin(model.OPEN_STAGES), :]
                   .sort_values("offen_betrag", ascending=False, kind="stable")["phase"].iloc[0])
        self.main_stage = main
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for stage in model.OPEN_STAGES:
            slider = widgets.FloatSlider(value=self.history[stage], min=0.0, max=1.0, step=STEP,
                                         continuous_update=False, description=f"Gewinnchance ab {stage}",
                                         style=_STYLE, layout=_LAYOUT)
            if stage == main:
                slider.add_class("kk-main-control")
            slider.observe(self._on_change, names="value")
            self.sliders[stage] = slider
        self.reset = widgets.Button(description="Zurück auf Ihre Vergangenheit", layout=FIT)
        self.reset.on_click(self._on_reset)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.chart = alt.JupyterChart(pipeline_chart(self.model, self.chances()), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        note = widgets.HTML(
            "<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Die Regler starten bei den "
            "Gewinnchancen Ihrer Vergangenheit: je Phase der Anteil Ihrer abgeschlossenen Chancen, der von dort bis "
            "zum Abschluss kam. Stellen Sie ein, was Sie selbst einer Chance in der Phase geben.</div>")
        children: list[widgets.Widget] = [
            note, *(GermanSlider(s, percent=True) for s in self.sliders.values()), widgets.HBox([self.reset]),
            self.verdict, self.chart, self.table_view]
        self._assemble(children, "kk-sales-pipeline", save_path, data=data)
        self._show()

    def chances(self) -> dict[str, float]:
        """The learner's chance of winning per open stage (0–1)."""
        return {stage: float(slider.value) for stage, slider in self.sliders.items()}

    def _show(self) -> None:
        chances = self.chances()
        self.verdict.value = render_verdict(self.model, chances)
        self.table_view.value = render_table(self.model.funnel(chances), title="Ihre Phasen mit Ihren Chancen",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self._show()
        self.chart.spec = updated_spec(self._spec, self.model, self.chances())

    def _on_reset(self, _button=None) -> None:
        for stage, slider in self.sliders.items():
            slider.value = self.history[stage]

    def record(self) -> dict:
        """The learner's chances, the history's, both weighted pipelines and the velocity (for the transfer file)."""
        chances = self.chances()
        out: dict = {"offene_chancen": self.model.open, "abgeschlossene_chancen": self.model.closed}
        for stage, key in STAGE_KEYS.items():
            out[f"gewinnchance_ihre_{key}"] = round(float(self.sliders[stage].value), 4)
            out[f"gewinnchance_geschichte_{key}"] = round(self.history[stage], 4)
        velocity = self.model.velocity().iloc[0]
        out.update({
            "pipeline_ungewichtet": round(self.model.unweighted, 2),
            "pipeline_gewichtet_geschichte": round(self.model.weighted(), 2),
            "pipeline_gewichtet_ihre": round(self.model.weighted(chances), 2),
            "gewinnquote": None if math.isnan(velocity["gewinnquote"]) else round(float(velocity["gewinnquote"]), 4),
            "pipeline_geschwindigkeit": (None if math.isnan(velocity["geschwindigkeit"])
                                         else round(float(velocity["geschwindigkeit"]), 2)),
        })
        return out


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> PipelineExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``chancen``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300, branche="Bank"))
    >>> "kk-sales-pipeline" in box._dom_classes, len(box.sliders)
    (True, 4)
    """
    return PipelineExplorer(data, **kwargs)
