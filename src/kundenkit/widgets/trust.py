"""Widget of lesson 1.7: how many kept promises make up for one broken promise?"""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.charts.trust import explorer_chart, updated_spec
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import trust as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

_STYLE = {"description_width": "290px"}
_LAYOUT = {"width": "580px"}


class TrustExplorer(LessonExplorer):
    """Sliders for the course's trust model; redraws the paths (and the learner's customers) on every change.

    Attributes
    ----------
    gain, asymmetry, start, contacts, break_at : Slider
        The controls; ``asymmetry`` is the main control.
    result : BreakScenario
        The current model result for the two paths.
    final_trust : ndarray or None
        Final trust of every customer in the data (None without data).
    share_below : float or None
        Share of customers below ``level`` (None without data).
    chart : altair.JupyterChart
        The chart widget; its ``spec`` gets new data sets on every change.
    """

    def __init__(self, kontakte: pd.DataFrame | None = None, *, kept_from: int = 3, level: float = 0.5,
                 initial: model.TrustModel = model.TrustModel(), contacts: int = 20, break_at: int = 6,
                 save_path=None, **columns):
        self.level = level
        self.history = (model.promise_history(kontakte, kept_from=kept_from, **columns)
                        if kontakte is not None else None)
        if self.history is not None and len(self.history.customers) == 0:
            self.history = None
        self.gain = widgets.FloatSlider(value=initial.gain, min=0.05, max=0.5, step=0.05,
                                        description="Zugewinn je gehaltenem Versprechen", style=_STYLE,
                                        layout=_LAYOUT)
        self.asymmetry = widgets.FloatSlider(value=initial.asymmetry, min=1, max=10, step=0.5,
                                             description="Asymmetrie: Bruch wiegt × schwerer", style=_STYLE,
                                             layout=_LAYOUT).add_class("kk-main-control")
        self.start = widgets.FloatSlider(value=initial.start, min=0, max=0.95, step=0.05,
                                         description="Startvertrauen", style=_STYLE, layout=_LAYOUT)
        self.contacts = widgets.IntSlider(value=contacts, min=5, max=40, description="Kontakte im Beispiel",
                                          style=_STYLE, layout=_LAYOUT)
        self.break_at = widgets.IntSlider(value=min(break_at, contacts), min=1, max=contacts,
                                          description="Gebrochenes Versprechen bei Kontakt Nr.", style=_STYLE,
                                          layout=_LAYOUT)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self._compute()
        self.chart = alt.JupyterChart(
            explorer_chart(self.result, self.distribution, level=self.level, share=self.share_below),
            embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for control in (self.gain, self.asymmetry, self.start, self.contacts, self.break_at):
            control.observe(self._on_change, names="value")
        note = widgets.HTML("<i>Alle Reglerwerte sind Annahmen des Kurses – setzen Sie Ihre eigenen Zahlen ein.</i>")
        sliders = [GermanSlider(self.asymmetry, decimals=1), GermanSlider(self.gain, decimals=2),
                   GermanSlider(self.start, decimals=2), GermanSlider(self.contacts), GermanSlider(self.break_at)]
        children = [widgets.VBox([*sliders, note]),
                    self.verdict, self.chart]
        self._assemble(children, "kk-trust", save_path, data=kontakte)
        self._show_verdict()

    @property
    def trust_model(self) -> model.TrustModel:
        """The model set by the sliders."""
        return model.TrustModel(gain=self.gain.value, asymmetry=self.asymmetry.value, start=self.start.value)

    def _compute(self) -> None:
        m = self.trust_model
        self.result = model.break_scenario(m, contacts=self.contacts.value, break_at=self.break_at.value)
        if self.history is None:
            self.final_trust = self.share_below = self.distribution = None
        else:
            self.final_trust = self.history.final_trust(m)
            self.share_below = model.share_below(self.final_trust, self.level)
            self.distribution = model.trust_distribution(self.final_trust, self.level)

    def _show_verdict(self) -> None:
        r = self.result
        where = (f"Im Beispiel ist das bei Kontakt {r.recovered_at} geschafft."
                 if r.recovered_at is not None else
                 f"Das schaffen Sie in den {self.contacts.value} Kontakten des Beispiels nicht.")
        lines = [
            f"<b>Nach einem gebrochenen Versprechen brauchen Sie {r.recovery} gehaltene, um wieder auf "
            f"{de_percent(r.before)} zu kommen.</b> {where}",
            f"Der Bruch senkt das Vertrauen von {de_percent(r.before)} auf {de_percent(r.after_break)}. "
            f"Nach {self.contacts.value} Kontakten: {de_percent(r.final_kept)} ohne Bruch, "
            f"{de_percent(r.final_broken)} mit einem Bruch.",
        ]
        if self.share_below is not None and self.final_trust is not None:  # both come with the data
            lines.append(
                f"Ihre Daten: {de_percent(self.share_below)} von {de_number(len(self.final_trust), 0)} Kunden mit "
                f"Kontakten enden unter {de_percent(self.level)} Vertrauen.")
        self.verdict.value = ("<div style='font-size:1.05em;margin:8px 0;line-height:1.45'>"
                              + "<br>".join(lines) + "</div>")

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self.contacts:
            self.break_at.max = self.contacts.value  # clamps the value too
        self._compute()
        self._show_verdict()
        # Swap only the small data sets and subtitles of the spec: rebuilding the Altair chart takes ~200 ms.
        self.chart.spec = updated_spec(self._spec, self.result, self.distribution, level=self.level,
                                       share=self.share_below)

    def record(self) -> dict:
        """The current settings and model result as one flat record (for the transfer file)."""
        r = self.result
        out = {
            "zugewinn": self.gain.value, "asymmetrie": self.asymmetry.value, "verlust": self.trust_model.loss,
            "startvertrauen": self.start.value, "kontakte": self.contacts.value,
            "bruch_bei_kontakt": self.break_at.value, "vertrauen_vor_bruch": round(r.before, 3),
            "vertrauen_nach_bruch": round(r.after_break, 3), "gehaltene_bis_zurück": r.recovery,
            "endvertrauen_ohne_bruch": r.final_kept, "endvertrauen_mit_bruch": r.final_broken,
        }
        if self.share_below is not None:
            out["anteil_kunden_unter_schwelle"] = round(self.share_below, 3)
        return out


def explorer(kontakte: pd.DataFrame | None = None, **kwargs) -> TrustExplorer:
    """The lesson's widget; pass the contact table to see the final trust of your customers too."""
    return TrustExplorer(kontakte, **kwargs)
