"""Widget of lesson 5.6: the room to act of the staff (main control) and the share of special requests.

It wires two sliders to the course model :func:`kundenkit.models.customer_focus.norms_vs_freedom`
and redraws the curve of satisfied customers. The learner's contacts give the department map
(computed once) that the note on top and the transfer record name.
"""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.customer_focus import norms_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.formatting import de_count, de_number, de_percent
from kundenkit.models import customer_focus as model
from kundenkit.widgets.controls import FIT, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "280px"}
_LAYOUT = {"width": "620px"}
CLOSE = 0.02     # within 2 percentage points of the best share the setting counts as "near the best"


def render_verdict(result: model.NormResult) -> str:
    """The point for this setting: how many customers are satisfied, and where the most would be.

    >>> "starre Skript" in render_verdict(model.norms_vs_freedom(1.0, 0.05))
    True
    >>> text = render_verdict(model.norms_vs_freedom(0.0, 0.6))
    >>> "Mehr Spielraum lohnt sich" in text, "100 %" in text
    (True, True)
    """
    r = result
    lines = [f"<b>Bei {de_percent(r.special_share)} Sonderanliegen und {de_percent(r.freedom)} Spielraum sind "
             f"{de_percent(r.satisfied, 1)} Ihrer Kunden zufrieden.</b>",
             f"Standardanliegen: {de_percent(float(r.here['zufrieden_standard']), 1)} zufrieden · "
             f"Sonderanliegen: {de_percent(float(r.here['zufrieden_sonder']), 1)} zufrieden."]
    best, gap = r.best_freedom, r.best_satisfied - r.satisfied
    if gap <= CLOSE:
        lines.append(f"Damit liegen Sie nahe am Besten, das dieses Modell erlaubt ({de_percent(r.best_satisfied, 1)}"
                     f" bei {de_percent(best)} Spielraum).")
    elif best > r.freedom:
        lines.append(f"<b>Mehr Spielraum lohnt sich:</b> Bei {de_percent(best)} Spielraum wären "
                     f"{de_percent(r.best_satisfied, 1)} zufrieden, {de_number(gap * 100, 1)} Prozentpunkte mehr.")
    else:
        lines.append(f"<b>Weniger Spielraum wäre hier besser:</b> Bei {de_percent(best)} Spielraum wären "
                     f"{de_percent(r.best_satisfied, 1)} zufrieden. Bei so wenigen Sonderanliegen löst das starre "
                     "Skript die meisten Fälle sicher.")
    return "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + "<br>".join(lines) + "</div>"


def render_note(m: model.DepartmentMap | None, assumptions: model.NormAssumptions) -> str:
    """What the model assumes, and what the learner's contacts say about departments, in German.

    >>> k = pd.DataFrame({"kunden_id": ["K1", "K1"], "touchpoint": ["Kasse", "Hotline"], "bewertung": [4, 2]})
    >>> text = render_note(model.department_map(k), model.NormAssumptions())
    >>> "Modell des Kurses" in text, "2 Abteilungen" in text
    (True, True)
    """
    a = assumptions
    facts = ""
    if m is not None and m.customers:
        facts = (f" <b>Ihre Daten:</b> Ein Kunde mit Kontakten trifft im Mittel {de_number(m.mean_departments, 1)} "
                 f"Abteilungen; {de_percent(m.share_several)} treffen zwei oder mehr. Über alle Kunden sind es "
                 f"{de_count(len(m.assigned_departments))} Abteilungen.")
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses</b> (Annahmen, keine Messwerte). "
            "Die Güte einer Lösung liegt auf einer Skala von 0 bis 10; zufrieden ist der Kunde ab "
            f"{de_number(a.threshold, 1)}. Das starre Skript löst Standardanliegen gut "
            f"({de_number(a.standard_script, 1)}), Sonderanliegen schlecht ({de_number(a.special_script, 1)}), "
            f"mit wenig Streuung ({de_number(a.spread_script, 1)}). Voller Spielraum löst Sonderanliegen besser "
            f"({de_number(a.special_free, 1)}), aber jedes Ergebnis streut mehr ({de_number(a.spread_free, 1)})."
            f"{facts}</div>")


class CustomerFocusExplorer(LessonExplorer):
    """Sliders for the room to act (main control) and the share of special requests; curve and verdict.

    Attributes
    ----------
    map : DepartmentMap or None
        The learner's contacts by department (computed once; None without contacts).
    freedom : FloatSlider
        Room to act of the staff, 0 (rigid script) to 1 (full room).
    special_share : FloatSlider
        Share of special (non-standard) requests, the learner's assumption.
    result : NormResult
        The course model for the current setting.
    chart : altair.JupyterChart
        Share of satisfied customers over the room to act.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, zuordnung: pd.DataFrame | None = None,
                 freedom: float = model.DEFAULT_FREEDOM, special_share: float = model.DEFAULT_SPECIAL_SHARE,
                 assumptions: model.NormAssumptions = model.NORM_ASSUMPTIONS, save_path=None):
        data = course_data(data)
        kontakte = lesson_table(data, "kontakte")
        self.map = model.department_map(kontakte, zuordnung)
        self.assumptions = assumptions
        self.default_share = model.check_share("special_share", special_share)
        self.freedom = widgets.FloatSlider(
            value=model.check_share("freedom", freedom), min=0, max=1, step=0.05, continuous_update=False,
            description="Spielraum der Mitarbeitenden", style=_STYLE, layout=_LAYOUT).add_class("kk-main-control")
        self.special_share = widgets.FloatSlider(
            value=self.default_share, min=0, max=1, step=0.05, continuous_update=False,
            description="Anteil der Sonderanliegen (Ihre Annahme)", style=_STYLE, layout=_LAYOUT)
        self.reset = widgets.Button(description="Zurück auf das starre Skript", layout=FIT)
        self.reset.on_click(self._on_reset)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.result = model.norms_vs_freedom(self.freedom.value, self.special_share.value, assumptions)
        self.chart = alt.JupyterChart(norms_chart(self.result), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        self.freedom.observe(self._on_change, names="value")
        self.special_share.observe(self._on_change, names="value")
        children: list[widgets.Widget] = [
            widgets.HTML(render_note(self.map, assumptions)), GermanSlider(self.freedom, percent=True),
            GermanSlider(self.special_share, percent=True), widgets.HBox([self.reset]), self.verdict, self.chart]
        self._assemble(children, "kk-customer-focus", save_path, data=data)
        self._show()

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result)

    def _on_change(self, _change=None) -> None:
        self.result = model.norms_vs_freedom(self.freedom.value, self.special_share.value, self.assumptions)
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result)

    def _on_reset(self, _button=None) -> None:
        self.freedom.value = model.DEFAULT_FREEDOM

    def record(self) -> dict:
        """The setting, its result and the department map in a few figures (for the transfer file)."""
        r, m = self.result, self.map
        return {"spielraum": r.freedom, "anteil_sonderanliegen": r.special_share,
                "zufrieden_gesamt": round(r.satisfied, 4), "bester_spielraum": r.best_freedom,
                "zufrieden_bester_spielraum": round(r.best_satisfied, 4),
                "abteilungen_mit_kundenkontakt": len(m.assigned_departments),
                "abteilungen_je_kunde": round(m.mean_departments, 2),
                "schwaechste_abteilung": m.worst() or "–",
                "nicht_zugeordnet": ", ".join(m.unassigned) or "–"}


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> CustomerFocusExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-customer-focus" in box._dom_classes, box.result.freedom
    (True, 0.0)
    """
    return CustomerFocusExplorer(data, **kwargs)

