"""Widget of lesson 1.5: item sliders → warmth and competence → quadrant and purchase probability."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.charts.warmth_competence import explorer_chart
from kundenkit.data.synthetic import COMPETENCE_ITEMS, WARMTH_ITEMS
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import warmth_competence as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

YOU = "Ihre Einschätzung"


class WarmthCompetenceExplorer(LessonExplorer):
    """Sliders for the warmth and competence items; redraws the matrix on every change.

    Every item starts at 4, the middle of the scale ("weder noch"): the start is
    ``Unentschieden``, not a quadrant, until the learner moves a slider.

    Attributes
    ----------
    sliders : dict[str, IntSlider]
        One slider per item, keyed by item name.
    result : DataFrame
        The current model result (one row: scores, quadrant, behaviour, probability).
    chart : altair.JupyterChart
        The chart widget; its ``chart`` trait is replaced on every change.
    """

    def __init__(self, befragung: pd.DataFrame | None = None, *, initial: dict | None = None,
                 purchase_model: model.PurchaseModel = model.PurchaseModel(), save_path=None):
        initial = initial or {}
        self.purchase_model = purchase_model
        self.reference = (
            model.classify(model.scores(befragung, by="touchpoint"), model=purchase_model)
            .rename(columns={"touchpoint": "name"}) if befragung is not None else None
        )
        self.sliders = {
            item: widgets.IntSlider(value=initial.get(item, 4), min=model.SCALE_MIN, max=model.SCALE_MAX,
                                    description=item, style={"description_width": "100px"},
                                    layout={"width": "330px"})
            for item in (*WARMTH_ITEMS, *COMPETENCE_ITEMS)
        }
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.result = self._compute()
        self.chart = alt.JupyterChart(
            explorer_chart(self.reference, model.probability_grid(purchase_model), label=YOU,
                           warmth=self.result[model.WARMTH].iloc[0], competence=self.result[model.COMPETENCE].iloc[0]),
            embed_options=EMBED_OPTIONS)
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        columns = widgets.HBox([
            self._group("Wärme", model.WARMTH_QUESTION, WARMTH_ITEMS),
            self._group("Kompetenz", model.COMPETENCE_QUESTION, COMPETENCE_ITEMS),
        ])
        children = [columns, self.verdict, self.chart]
        self._assemble(children, "kk-warmth-competence", save_path)
        self.sliders[COMPETENCE_ITEMS[0]].add_class("kk-main-control")
        self._show_verdict()

    def _group(self, title: str, question: str, items) -> widgets.VBox:
        heading = widgets.HTML(f"<div style='line-height:1.3'><b>{title}</b><br><i>{question}</i></div>")
        return widgets.VBox([heading, *(GermanSlider(self.sliders[i]) for i in items)],
                            layout={"margin": "0 24px 0 0"})

    def _compute(self) -> pd.DataFrame:
        answers = pd.DataFrame([{item: s.value for item, s in self.sliders.items()}])
        return model.classify(model.scores(answers), model=self.purchase_model)

    def _show_verdict(self) -> None:
        row = self.result.iloc[0]
        self.verdict.value = (
            f"<div style='font-size:1.1em;margin:8px 0'><b>{row['quadrant']}</b>: {row['verhalten']}<br>"
            f"Wärme {de_number(row[model.WARMTH])} · Kompetenz {de_number(row[model.COMPETENCE])} · "
            f"Kaufwahrscheinlichkeit im Modell des Kurses: {de_percent(row['kaufwahrscheinlichkeit'])}</div>"
        )

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show_verdict()
        # Move the marker through the chart's parameters: no new spec, no re-render of the rest.
        self.chart.params.set_trait("waerme", float(self.result[model.WARMTH].iloc[0]))
        self.chart.params.set_trait("kompetenz", float(self.result[model.COMPETENCE].iloc[0]))

    def record(self) -> dict:
        """The current slider values and model result as one flat record (for the transfer file)."""
        row = self.result.iloc[0]
        return {**{item: s.value for item, s in self.sliders.items()},
                "wärme": row[model.WARMTH], "kompetenz": row[model.COMPETENCE],
                "quadrant": str(row["quadrant"]), "kaufwahrscheinlichkeit_modell": row["kaufwahrscheinlichkeit"]}


def explorer(befragung: pd.DataFrame | None = None, **kwargs) -> WarmthCompetenceExplorer:
    """The lesson's widget; pass the survey table to show its touchpoints for comparison."""
    return WarmthCompetenceExplorer(befragung, **kwargs)
