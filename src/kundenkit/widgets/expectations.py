"""Widget of lesson 1.11: expectation, zone of tolerance and adaptation → which touchpoints disappoint."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.expectations import kano_chart, touchpoint_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import expectations as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

_SLIDER = {"style": {"description_width": "150px"}, "layout": {"width": "420px"}, "continuous_update": True}


def _signed(value: float) -> str:
    """German number with a sign: +0,25 / −0,25 / 0,00."""
    text = de_number(abs(value))
    return text if text == de_number(0) else ("+" if value > 0 else "−") + text


class ExpectationsExplorer(LessonExplorer):
    """Sliders for expectation, zone of tolerance and adaptation; a chart per touchpoint; the Kano curves.

    Attributes
    ----------
    expectation, tolerance, rate, fulfilment : FloatSlider
        The controls (``expectation`` is the main control).
    result : DataFrame
        The current comparison per touchpoint (output of ``adaptive_compare``).
    summary : Summary
        Counts and names of disappointing, confirming and delighting touchpoints.
    chart, kano : altair.JupyterChart
        The touchpoint chart and the Kano chart.
    """

    def __init__(self, kontakte: pd.DataFrame | None = None, *, erlebnisse=None,
                 expectation: float = model.DEFAULT_EXPECTATION, tolerance: float = model.DEFAULT_TOLERANCE,
                 rate: float = model.DEFAULT_RATE, fulfilment: float = 0.5, save_path=None,
                 touchpoint_col: str = "touchpoint", rating_col: str = "bewertung", date_col: str = "datum"):
        if kontakte is not None:
            self.periods = model.experience_by_period(kontakte, touchpoint_col=touchpoint_col,
                                                      rating_col=rating_col, date_col=date_col)
        elif erlebnisse is not None:
            self.periods = model.as_periods(erlebnisse)
        else:
            raise KundenkitError("Geben Sie die Kontakte (kontakte=…) oder Ihre eigenen Erlebniswerte "
                                 "(erlebnisse={'Hotline': 3.2, …}) an.")
        self.expectation = widgets.FloatSlider(value=expectation, min=model.SCALE_MIN, max=model.SCALE_MAX,
                                               step=0.1, description="Erwartung (1–5)", **_SLIDER)
        self.expectation.add_class("kk-main-control")
        self.tolerance = widgets.FloatSlider(value=tolerance, min=0.0, max=1.5, step=0.1,
                                             description="Toleranzzone ±", **_SLIDER)
        self.rate = widgets.FloatSlider(value=rate, min=0.0, max=1.0, step=0.05,
                                        description="Gewöhnung je Quartal", **_SLIDER)
        self.fulfilment = widgets.FloatSlider(value=fulfilment, min=0.0, max=1.0, step=0.05,
                                              description="Erfüllung", **_SLIDER)
        self.adapts = self.periods["periode"].nunique() > 1
        if not self.adapts:
            self.rate.value = 0.0
            self.rate.layout.display = "none"
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.kano_note = widgets.HTML()
        self.curves = model.kano_curves()
        self.result = self._compute()
        self.summary = model.summarize(self.result)
        self.chart = alt.JupyterChart(touchpoint_chart(self.result, tolerance=self.tolerance.value),
                                      embed_options=EMBED_OPTIONS)
        self.kano = alt.JupyterChart(kano_chart(self.curves, self.fulfilment.value), embed_options=EMBED_OPTIONS)
        for slider in (self.expectation, self.tolerance, self.rate):
            slider.observe(self._on_change, names="value")
        self.fulfilment.observe(self._on_fulfilment, names="value")
        kano_heading = widgets.HTML("<b>Kano: Wie wirkt ein Merkmal, je nachdem wie gut es erfüllt ist?</b>")
        rate = GermanSlider(self.rate, percent=True)
        rate.layout.display = self.rate.layout.display  # hidden with its slider when there is one period only
        children = [
            widgets.VBox([GermanSlider(self.expectation, decimals=1), GermanSlider(self.tolerance, decimals=1), rate]),
            self.verdict, self.chart,
            widgets.VBox([kano_heading, GermanSlider(self.fulfilment, percent=True), self.kano_note, self.kano],
                         layout={"margin": "16px 0 0 0"}),
        ]
        self._assemble(children, "kk-expectations", save_path, data=kontakte)
        self._show_verdict()
        self._show_kano_note()

    def _compute(self) -> pd.DataFrame:
        return model.adaptive_compare(self.periods, expectation=self.expectation.value,
                                      rate=self.rate.value, tolerance=self.tolerance.value)

    def _show_verdict(self) -> None:
        s = self.summary
        lines = [f"<b>{s.sentence(self.expectation.value, self.rate.value)}</b>"]
        if s.disappointing:
            lines.append(f"Enttäuschend: {', '.join(s.disappointing)}")
        if s.delighting:
            lines.append(f"Begeisternd: {', '.join(s.delighting)}")
        lines.append(f"Mittlere Abweichung: {_signed(s.mean_disconfirmation)} Punkte")
        self.verdict.value = f"<div style='font-size:1.1em;margin:8px 0;line-height:1.5'>{'<br>'.join(lines)}</div>"

    def _show_kano_note(self) -> None:
        point = model.kano_point(self.fulfilment.value)
        parts = [f"{row.kategorie} {_signed(row.zufriedenheit)}" for row in point.itertuples()]
        self.kano_note.value = (f"<div class='kk-kano-note'>Bei {de_percent(self.fulfilment.value)} Erfüllung: "
                                f"{' · '.join(parts)}</div>")

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self.summary = model.summarize(self.result)
        self._show_verdict()
        # Move expectations and zone through the chart's parameters: no new spec, no re-validation.
        self.chart.params.set_trait("erwartungen", [round(float(v), 4) for v in self.result["erwartung"]])
        self.chart.params.set_trait("toleranz", float(self.tolerance.value))

    def _on_fulfilment(self, _change=None) -> None:
        self._show_kano_note()
        self.kano.params.set_trait("erfuellung", float(self.fulfilment.value))

    def record(self) -> dict:
        """The current settings and verdict as one flat record (for the transfer file)."""
        s = self.summary
        return {
            "erwartung": round(self.expectation.value, 2),
            "toleranz": round(self.tolerance.value, 2),
            "gewöhnung": round(self.rate.value, 2),
            "touchpoints": s.touchpoints,
            "enttäuschen": len(s.disappointing),
            "bestätigen": len(s.confirming),
            "begeistern": len(s.delighting),
            "mittlere_abweichung": round(s.mean_disconfirmation, 3),
            "enttäuschende_touchpoints": ", ".join(s.disappointing),
            "begeisternde_touchpoints": ", ".join(s.delighting),
        }


def explorer(kontakte: pd.DataFrame | None = None, **kwargs) -> ExpectationsExplorer:
    """The lesson's widget: pass the contacts table, or your own values with ``erlebnisse={…}``."""
    return ExpectationsExplorer(kontakte, **kwargs)
