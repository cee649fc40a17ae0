"""Widget of chapter 2's additional text: the self-test places the learner's company among the study's statuses."""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.love_meter import status_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.formatting import de_percent
from kundenkit.models import love_meter as model
from kundenkit.widgets.lesson import LessonExplorer

ASK = "Beantworten Sie alle vier Fragen. Dann zeigt die Grafik, wo Ihr Unternehmen steht."


def render_findings(findings: pd.DataFrame) -> str:
    """The study's further figures as a German HTML list, each with its source.

    >>> text = render_findings(model.findings())
    >>> "<b>29 %</b> sagen, sie hätten eine emotionale Verbindung" in text
    True
    """
    shown = findings[findings["befund"].isin(
        ["emotionale_verbindung", "nur_im_streit", "lebendige_beziehung", "herzen_erobern"])]
    items = "".join(f"<li><b>{de_percent(row.anteil)}</b> {html.escape(row.aussage)} "
                    f"<span style='color:#555'>({html.escape(row.quelle)})</span></li>"
                    for row in shown.itertuples())
    return f"<div><b>Weitere Befunde der Studie</b> (Anteil der Befragten)<ul>{items}</ul></div>"


def render_verdict(placement: model.Placement | None, statuses: pd.DataFrame) -> str:
    """One German sentence: where the self-test places the company and how common that status is in the study.

    >>> render_verdict(None, model.statuses()).endswith("wo Ihr Unternehmen steht.</div>")
    True
    >>> print(render_verdict(model.Placement(7, "Offene Ehe"), model.statuses()))
    <div ...>Ihr Unternehmen: <b>Offene Ehe</b> (7 von 12 Punkten, Einstufung nach dem Modell des Kurses).
    In der Studie beschreiben 59 % der Führungskräfte ihre Kundenbeziehung so.</div>
    """
    style = "<div style='font-size:1.1em;margin:8px 0'>"
    if placement is None:
        return f"{style}{ASK}</div>"
    share = statuses.set_index("status").loc[placement.status, "anteil"]
    study = ("In der Studie liegen die übrigen {share} der Führungskräfte hier (vom Kurs errechnet)."
             if placement.status == model.BETTER else
             "In der Studie beschreiben {share} der Führungskräfte ihre Kundenbeziehung so.")
    return (f"{style}Ihr Unternehmen: <b>{placement.status}</b> ({placement.points} von {model.MAX_POINTS} Punkten, "
            f"Einstufung nach dem Modell des Kurses). {study.format(share=de_percent(share))}</div>")


class LoveMeterExplorer(LessonExplorer):
    """The self-test's questions as radio buttons; each answer redraws the chart and the verdict.

    Attributes
    ----------
    questions : dict[str, RadioButtons]
        One control per question of :data:`kundenkit.models.love_meter.QUESTIONS`, keyed by its key.
    result : Placement or None
        The current placement; None until every question is answered.
    chart : altair.JupyterChart
        The status chart; its ``chart`` trait is replaced on every change.
    """

    def __init__(self, *, initial: dict | None = None):
        initial = initial or {}
        self.statuses = model.statuses()
        self.questions = {
            q.key: widgets.RadioButtons(options=[text for text, _ in q.answers], value=initial.get(q.key),
                                        layout={"width": "max-content"})
            for q in model.QUESTIONS
        }
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        for control in self.questions.values():
            control.observe(self._on_change, names="value")
        boxes = [widgets.VBox([widgets.HTML(f"<b>{html.escape(q.text)}</b>"), self.questions[q.key]],
                              layout={"margin": "0 24px 8px 0"}) for q in model.QUESTIONS]
        grid = widgets.GridBox(boxes, layout={"grid_template_columns": "repeat(2, max-content)"})
        findings = widgets.HTML(render_findings(model.findings()))
        self._assemble([grid, self.verdict, self.chart, findings], "kk-love-meter")
        self._show_verdict()

    def _compute(self) -> model.Placement | None:
        answers = {key: control.value for key, control in self.questions.items()}
        if any(value is None for value in answers.values()):
            return None
        return model.place(answers)

    def _draw(self) -> alt.LayerChart:
        return status_chart(self.statuses, self.result.status if self.result else None)

    def _show_verdict(self) -> None:
        self.verdict.value = render_verdict(self.result, self.statuses)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show_verdict()
        self.chart.chart = self._draw()

    def record(self) -> dict:
        """The answers and the placement as one flat record."""
        return {**{key: control.value for key, control in self.questions.items()},
                "punkte": self.result.points if self.result else None,
                "beziehungsstatus": self.result.status if self.result else None}


def explorer(**kwargs) -> LoveMeterExplorer:
    """The widget of the additional text "Wie emotional sind Kundenbeziehungen?" (see :class:`LoveMeterExplorer`)."""
    return LoveMeterExplorer(**kwargs)
