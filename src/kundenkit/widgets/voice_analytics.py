"""Widget of lesson 3.11: a threshold on the escalation score of calls → hits, false alarms, missed.

The features of the calls are drawn by the course (see
:func:`kundenkit.models.voice_analytics.simulate_features`); the widget only
wires the threshold, the approach and the weights to the model.
"""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import numpy as np
import pandas as pd

from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.charts.voice_analytics import explorer_chart, updated_spec
from kundenkit.data.synthetic import CustomerBase
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import voice_analytics as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, lesson_table

APPROACH_LABELS = {model.ACOUSTIC_APPROACH: "akustisch (wie gesprochen wird)",
                   model.WORD_APPROACH: "wortbasiert (was gesagt wird)",
                   model.COMBINED: "kombiniert (beides)"}


def render_verdict(result: model.Result, basis: str) -> str:
    """The verdict in German words: hits, false alarms, missed, Trefferquote and share of correct warnings.

    >>> from kundenkit.models.screening import Counts
    >>> text = render_verdict(model.Result("kombiniert", 0.4, Counts(30, 10, 20, 40)), "Telefon")
    >>> "<b>30</b> rechtzeitig" in text, "60 %" in text, "75 %" in text
    (True, True, True)
    """
    r = result
    calls = "Telefongespräche" if basis == model.CHANNEL else "Kontakte (alle Kanäle, zu wenige Telefonate)"
    if r.warnungen:
        share = (f"Von {de_number(r.warnungen, 0)} Warnungen waren {de_percent(r.richtige_warnungen)} richtig "
                 f"(Anteil richtiger Warnungen), {de_number(r.fehlalarme, 0)} waren Fehlalarme.")
    else:
        share = "Bei dieser Schwelle gibt es keine einzige Warnung."
    return (
        "<div style='font-size:1.05em;margin:8px 0;line-height:1.45'>"
        f"Von <b>{de_number(r.eskaliert, 0)}</b> eskalierten Gesprächen hätten Sie <b>{de_number(r.treffer, 0)}</b> "
        f"rechtzeitig gesehen – Trefferquote <b>{de_percent(r.trefferquote)}</b>. "
        f"Verpasst: {de_number(r.verpasst, 0)}.<br>{share}<br>"
        f"<small>Ansatz: {APPROACH_LABELS[r.approach]} · Schwelle {de_number(r.threshold, 2)} · "
        f"{de_number(r.gespraeche, 0)} {calls}. Die Merkmale hat der Kurs gewürfelt (Simulation, keine "
        "Messung); eskaliert heißt: schlecht bewertet oder ein schlecht bewerteter Folgekontakt.</small></div>")


class VoiceAnalyticsExplorer(LessonExplorer):
    """Threshold (main control), approach and feature weights; score distributions and the confusion matrix.

    Attributes
    ----------
    threshold : FloatSlider
        The threshold on the escalation score.
    approach : ToggleButtons
        akustisch, wortbasiert or kombiniert.
    weights : dict[str, FloatSlider]
        One weight per feature (0–3); those outside the approach are disabled.
    calls : DataFrame
        The calls with their drawn features (from the model).
    score : ndarray
        The current escalation score of each call (``scored``: the calls with it).
    result : Result
        The current warnings at the threshold.
    chart : altair.JupyterChart
    """

    def __init__(self, data: CustomerBase | pd.DataFrame, *, seed: int | None = None,
                 threshold: float = model.THRESHOLD, approach: str = model.COMBINED, save_path=None,
                 **columns):
        kontakte = lesson_table(data, "kontakte")
        if isinstance(data, CustomerBase) and seed is None:
            seed = data.seed
        self.calls = model.simulate_features(model.select_calls(kontakte, **columns), seed=seed or 0)
        self.basis = self.calls.attrs["basis"]
        self._matrix = np.ascontiguousarray(model.feature_matrix(self.calls))
        self._truth = self.calls["eskaliert"].to_numpy(dtype=bool)
        model.check_weights(None, approach)
        style, layout = {"description_width": "170px"}, {"width": "440px"}
        self.threshold = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.05,
                                             description="Schwelle für Warnung", style=style,
                                             layout=layout).add_class("kk-main-control")
        self.approach = widgets.ToggleButtons(options=[(label, key) for key, label in APPROACH_LABELS.items()],
                                              value=approach, description="Ansatz", style={"button_width": "230px"})
        self.weights = {name: widgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.5,
                                                  description=model.FEATURE_LABELS[name], style=style,
                                                  layout=layout)
                        for name in model.FEATURES}
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.message = widgets.HTML()
        self._score()
        self.result = self._evaluate()
        self.chart = alt.JupyterChart(explorer_chart(self.histogram, self.grid, self.threshold.value),
                                      embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        self._enable()
        self._show()

        self.threshold.observe(self._on_threshold, names="value")
        self.approach.observe(self._on_weights, names="value")
        for slider in self.weights.values():
            slider.observe(self._on_weights, names="value")

        acoustic = widgets.VBox([widgets.HTML("<b>Akustische Merkmale</b> (wie gesprochen wird)")]
                                + [GermanSlider(self.weights[n], decimals=1) for n in model.ACOUSTIC])
        words = widgets.VBox([widgets.HTML("<b>Wortbasierte Merkmale</b> (was im Text steht)")]
                             + [GermanSlider(self.weights[n], decimals=1) for n in model.WORDS])
        weights = widgets.Accordion(children=[widgets.VBox([acoustic, words])])
        weights.set_title(0, "Gewichte der Merkmale (je 0 bis 3)")
        children = [GermanSlider(self.threshold, decimals=2), self.approach, weights, self.message,
                    self.verdict, self.chart]
        self._assemble(children, "kk-voice-analytics", save_path, data=data)

    # --- computation (all in the model) ---------------------------------------------------

    def _weight_values(self) -> dict[str, float]:
        return {name: slider.value for name, slider in self.weights.items()}

    def _score(self) -> None:
        weights = model.check_weights(self._weight_values(), self.approach.value)
        self.score = model.score_array(self._matrix, weights)
        self.histogram = model.score_histogram_arrays(self.score, self._truth)
        self.grid = model.confusion_grid_arrays(self.score, self._truth)

    @property
    def scored(self) -> pd.DataFrame:
        """The calls with the current ``score``."""
        return self.calls.assign(score=self.score)

    def _evaluate(self) -> model.Result:
        return model.evaluate_arrays(self.score, self._truth, self.threshold.value, self.approach.value)

    # --- display ------------------------------------------------------------------------

    def _enable(self) -> None:
        used = model.APPROACHES[self.approach.value]
        for name, slider in self.weights.items():
            slider.disabled = name not in used

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result, self.basis)

    # --- events --------------------------------------------------------------------------

    def _on_threshold(self, _change=None) -> None:
        self.result = self._evaluate()
        self._show()
        self.chart.params.set_trait("schwelle", round(float(self.threshold.value), 2))

    def _on_weights(self, _change=None) -> None:
        self._enable()
        try:
            self._score()
        except KundenkitError as error:   # all weights of the approach 0: keep the last scores
            self.message.value = f"<p style='color:#b00'>{error}</p>"
            return
        self.message.value = ""
        self.result = self._evaluate()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.histogram, self.grid)

    def record(self) -> dict:
        """Settings and key figures as one flat record (for the transfer file)."""
        r = self.result
        out = {"gesprächsbasis": self.basis, "analyse_ansatz": r.approach, "warnschwelle": round(r.threshold, 2),
               "gespräche": r.gespraeche, "eskalierte_gespräche": r.eskaliert, "warnungen": r.warnungen,
               "treffer": r.treffer, "fehlalarme": r.fehlalarme, "verpasst": r.verpasst,
               "trefferquote": round(r.trefferquote, 3), "anteil_richtige_warnungen": round(r.richtige_warnungen, 3)}
        for name in model.APPROACHES[r.approach]:
            out[f"gewicht_{name}"] = self.weights[name].value
        return out


def explorer(data: CustomerBase | pd.DataFrame, **kwargs) -> VoiceAnalyticsExplorer:
    """The lesson's widget: your data (or your contact table) → calls, drawn features, warnings."""
    return VoiceAnalyticsExplorer(data, **kwargs)
