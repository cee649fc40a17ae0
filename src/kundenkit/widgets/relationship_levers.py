"""Widget of lesson 5.8: the four levers → the loop of relationship quality and staff burden, and where it tips."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.relationship_levers import loop_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import relationship_levers as model
from kundenkit.widgets.controls import GermanNumberField, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "250px"}
_LAYOUT = {"width": "600px"}
NO_CHOICE = "(noch keine Wahl)"
_BOX = "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"


def _num(value: float) -> str:
    return de_number(value, 2)


def render_verdict(result: model.LoopResult) -> str:
    """Which way the loop tips for these levers, and where it tips.

    >>> s = model.StartValues(1800, 500, 2.0, 3.2, 4.0)
    >>> text = render_verdict(model.run_loop(s))
    >>> "kippt nach oben" in text, "von 0,55 auf <b>0,68" in text, "Ab Wohlbefinden 44 %" in text
    (True, True, True)
    >>> "kippt nach unten" in render_verdict(model.run_loop(s, model.Levers(wohlbefinden=0.2)))
    True
    >>> "auch ohne" in render_verdict(model.run_loop(s, model.Levers(1.0, 0.5, 1.0, 1.0)))
    True
    """
    lever = model.LEVER_NAMES[result.lever]
    s = result.start
    verb_q, verb_b = (("steigt", "sinkt") if result.direction == model.UP else ("fällt", "steigt"))
    head = (f"<b>Die Schleife kippt {result.direction}.</b> In {result.months} Monaten {verb_q} die "
            f"Beziehungsqualität von {_num(s.quality)} auf <b>{_num(result.final_quality)}</b>; die Belastung der "
            f"Mitarbeitenden {verb_b} von {_num(s.burden)} auf <b>{_num(result.final_burden)}</b>.")
    if result.tipping is not None:
        where = (f"<b>Ab {lever} {de_percent(result.tipping)}</b> steigt die Qualität, darunter fällt sie – bei "
                 "den übrigen Hebeln, wie sie stehen.")
    elif result.curve["endqualitaet"].iloc[0] >= s.quality:
        where = f"Bei diesen Hebeln steigt die Qualität auch ohne {lever}: Die Schleife kippt hier nicht."
    else:
        where = (f"Bei diesen Hebeln fällt die Qualität selbst mit {lever} 100 %. Stärken Sie die anderen Hebel "
                 "oder entlasten Sie das Team.")
    if result.critical is not None:
        critical = (f"Kipppunkt der Qualität: Hat sich die Belastung eingependelt, wächst eine Qualität über "
                    f"<b>{_num(result.critical)}</b> weiter, eine darunter schrumpft.")
    else:
        critical = "Bei diesen Hebeln läuft die Schleife von jedem Startwert zum selben Ziel."
    return _BOX + "<br>".join([head, where, critical]) + "</div>"


def render_note(start: model.StartValues) -> str:
    """Where the start values come from, and what the course assumes.

    >>> text = render_note(model.StartValues(1800, 500, 2.0, 3.2, 4.0))
    >>> "Modell des Kurses" in text, "Annahmen des Kurses" in text, "KUBE" in text, "3,20" in text
    (True, True, True, True)
    """
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses</b> zur Rückkopplung, die KUBE "
            "beschreibt – keine Formel aus einer Quelle. Start aus Ihren Kontakten: mittlere Bewertung "
            f"{_num(start.mean_rating)} von 5 → Beziehungsqualität {_num(start.quality)}; "
            f"{de_number(start.contacts_per_customer, 1)} Kontakte je Kunde und Jahr bei einer Kapazität von "
            f"{de_number(start.capacity, 1)} → Belastung {_num(start.burden)}. Die Kapazität, die Startwerte der "
            "Hebel (50 %) und die Stärke der Wirkungen sind <b>Annahmen des Kurses</b>.</div>")


class LoopExplorer(LessonExplorer):
    """Four lever sliders (Wohlbefinden is the main control), the capacity; chart, verdict and table.

    Attributes
    ----------
    start : StartValues
        Read once from the contacts; the capacity field changes only its capacity.
    sliders : dict[str, FloatSlider]
        One slider per lever (0–1).
    capacity : GermanNumberField
    result : LoopResult
    chart : altair.JupyterChart
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, branche: str | None = None,
                 levers: model.Levers | None = None, capacity: float = model.CAPACITY, save_path=None):
        data = course_data(data, branche)
        kontakte = lesson_table(data, "kontakte")
        self.start = model.start_values(kontakte, capacity)
        levers = levers or model.Levers()
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name in model.LEVERS:
            s = widgets.FloatSlider(value=getattr(levers, name), min=0.0, max=1.0, step=0.05,
                                    continuous_update=False, description=f"Hebel {model.LEVER_NAMES[name]}",
                                    style=_STYLE, layout=_LAYOUT)
            self.sliders[name] = s.add_class("kk-main-control") if name == model.MAIN_LEVER else s
        self.capacity = GermanNumberField(capacity, min=0.1, decimals=1,
                                          description="Annahme: Kapazität (Kontakte je Kunde und Jahr)",
                                          style={"description_width": "330px"}, layout={"width": "480px"})
        self.note = widgets.HTML()
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(loop_chart(self.result), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for s in self.sliders.values():
            s.observe(self._on_change, names="value")
        self.capacity.observe(self._on_capacity, names="value")
        others = [GermanSlider(self.sliders[n], percent=True) for n in model.LEVERS if n != model.MAIN_LEVER]
        children: list[widgets.Widget] = [
            self.note, GermanSlider(self.sliders[model.MAIN_LEVER], percent=True), self.verdict, self.chart,
            *others, self.capacity, self.table_view]
        self.first_lever = None
        if save_path is not None:
            self.first_lever = widgets.Dropdown(
                options=[NO_CHOICE, *(model.LEVER_NAMES[n] for n in model.LEVERS)], value=NO_CHOICE,
                description="Welchen Hebel stärken Sie zuerst?", style={"description_width": "250px"},
                layout={"width": "600px"})
            children.append(self.first_lever)
        self._assemble(children, "kk-relationship-levers", save_path, data=data)
        self._show()

    @property
    def levers(self) -> model.Levers:
        return model.Levers(**{name: s.value for name, s in self.sliders.items()})

    def _compute(self) -> model.LoopResult:
        return model.run_loop(self.start, self.levers)

    def _show(self) -> None:
        self.note.value = render_note(self.start)
        self.verdict.value = render_verdict(self.result)
        self.table_view.value = render_table(self.result.milestones(), title="Verlauf alle sechs Monate",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result)

    def _on_capacity(self, _change=None) -> None:
        self.start = self.start.with_capacity(self.capacity.value)
        self._on_change()

    def record(self) -> dict:
        """Levers, start values, the end of the loop and its tipping points, as one flat record."""
        r, s = self.result, self.start
        out: dict = {f"hebel_{name}": round(getattr(r.levers, name), 2) for name in model.LEVERS}
        out.update({
            "mittlere_bewertung": round(s.mean_rating, 2), "kapazitaet_kontakte": s.capacity,
            "startqualitaet": round(s.quality, 3), "startbelastung": round(s.burden, 3),
            "endqualitaet": round(r.final_quality, 3), "endbelastung": round(r.final_burden, 3),
            "schleife_kippt": r.direction})
        if r.tipping is not None:
            out["kipppunkt_wohlbefinden"] = round(r.tipping, 3)
        if r.critical is not None:
            out["kipppunkt_qualitaet"] = round(r.critical, 3)
        if self.first_lever is not None and self.first_lever.value != NO_CHOICE:
            out["erster_hebel"] = self.first_lever.value
        return out


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> LoopExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-relationship-levers" in box._dom_classes, box.result.months
    (True, 24)
    """
    return LoopExplorer(data, **kwargs)
