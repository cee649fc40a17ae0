"""Widget of lesson 4.21: the € value of a rating point → per touchpoint keep the human or automate."""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.human_touchpoint import human_touch_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import MINUS, de_count, de_money
from kundenkit.models import human_touchpoint as model
from kundenkit.models.customer_profit import Assumptions, assumptions_for
from kundenkit.models.loyalty_profit import nice_step
from kundenkit.widgets.controls import FIT, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "300px"}
_LAYOUT = {"width": "620px"}
SLIDER_RANGE = 10      # the slider reaches 10 × the sector's default value per point


def _money(value: float, decimals: int = 0) -> str:
    return de_money(value, decimals).replace("-", MINUS)


def _names(names: list[str]) -> str:
    return ", ".join(html.escape(n) for n in names)


def render_verdict(result: model.HumanTouchResult) -> str:
    """The point of the story for this € value per point: where the human stays, where to automate.

    >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4 + ["Shop"], "bewertung": [5, 4, 3, 3, 4],
    ...                   "kanal": ["Telefon", "Telefon", "Chat", "Chat", "Filiale"]})
    >>> m = model.HumanTouchModel.from_table(k, min_contacts=2)
    >>> text = render_verdict(m.evaluate(10))
    >>> "Mensch behalten: Hotline" in text, "Shop" in text, "an 1 von 1 verglichenen" in text
    (True, True, True)
    """
    keep, automate = result.touchpoints(model.KEEP), result.touchpoints(model.AUTOMATE)
    head = f"<b>Ihre Annahme: Ein Bewertungspunkt mehr ist {_money(result.point_value)} je Kontakt wert.</b>"
    lines = [head]
    if result.compared == 0:
        lines.append("An keinem Touchpoint gibt es genug menschliche <i>und</i> digitale Kontakte für einen "
                     "Vergleich. Hier hilft nur ein Test: einen Teil der Kunden digital bedienen und die "
                     "Bewertungen vergleichen.")
    else:
        if keep:
            lines.append(f"<b>Mensch behalten: {_names(keep)}.</b> Dort ist der bessere Eindruck mehr wert, als "
                         f"der Mensch mehr kostet ({_money(result.kept_cost)} Mehrkosten im Jahr).")
        if automate:
            lines.append(f"<b>Automatisieren: {_names(automate)}.</b> Dort zahlt sich der Mensch nicht aus: "
                         f"digital sparen Sie {_money(result.savings)} im Jahr.")
        secured, compared = result.secured, result.compared
        if secured == 0:
            lines.append(f"An keinem der {de_count(compared)} verglichenen Touchpoints ist der Unterschied der "
                         "Bewertungen gesichert: Er kann Zufall sein.")
        else:
            lines.append(f"Gesichert ist der Unterschied der Bewertungen an {de_count(secured)} von "
                         f"{de_count(compared)} verglichenen Touchpoints"
                         + ("." if secured == compared else "; die übrigen können Zufall sein."))
    only_human = result.touchpoints(model.ONLY_HUMAN)
    if only_human:
        lines.append(f"Nur mit Menschen, also ohne Vergleich: {_names(only_human)}.")
    too_few = result.touchpoints(model.TOO_FEW)
    if too_few:
        lines.append(f"Zu wenige Kontakte für einen Vergleich: {_names(too_few)}.")
    return "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + "<br>".join(lines) + "</div>"


def render_note(m: model.HumanTouchModel, branche: str) -> str:
    """What the model compares and which figures are assumptions, in German.

    >>> k = pd.DataFrame({"touchpoint": ["A"], "bewertung": [4], "kanal": ["Brieftaube"]})
    >>> "Brieftaube" in render_note(model.HumanTouchModel.from_table(k), "Handel")
    True
    """
    unassigned = (f" Nicht zugeordnet und nicht mitgerechnet: {_names(list(m.unassigned))}." if m.unassigned else "")
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Je Touchpoint vergleicht "
            "es die mittlere Bewertung (1–5) menschlicher Kontakte mit der digitaler Kontakte. Der Unterschied "
            "mal Ihrem Wert je Bewertungspunkt ist der Wert des Menschen je Kontakt. Die Mehrkosten je Kontakt "
            "kommen aus den Kosten je Kanal der Lektion 1.2 (Annahmen des Kurses, Branche "
            f"{html.escape(branche)}). Ein Vergleich braucht je Art mindestens {de_count(m.min_contacts)} "
            f"Kontakte.{unassigned}</div>")


class HumanTouchExplorer(LessonExplorer):
    """Slider for the € value of one rating point (main control); chart, verdict and decision table.

    Attributes
    ----------
    model : HumanTouchModel
        Ratings and costs per touchpoint, computed once.
    point_value : FloatSlider
        What one rating point more per contact is worth, in € (the learner's assumption).
    result : HumanTouchResult
        The decision per touchpoint for the current value.
    chart : altair.JupyterChart
        Value and extra cost per touchpoint, with the decision.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, branche: str | None = None,
                 assumptions: Assumptions | None = None, point_value: float | None = None, save_path=None,
                 **options):
        data = course_data(data, branche)
        kontakte = lesson_table(data, "kontakte")
        branche = branche or (data.branche if isinstance(data, CustomerBase) else "Handel")
        self.branche = branche
        self.model = model.HumanTouchModel.from_table(kontakte, assumptions=assumptions or assumptions_for(branche),
                                                      **options)
        self.default = model.point_value_for(branche)
        top = self.default * SLIDER_RANGE
        start = self.default if point_value is None else model.check_point_value(point_value)
        self.point_value = widgets.FloatSlider(
            value=start, min=0, max=max(top, start), step=nice_step(top, 100), continuous_update=False,
            description="Ein Bewertungspunkt mehr je Kontakt ist wert (€)", style=_STYLE,
            layout=_LAYOUT).add_class("kk-main-control")
        self.reset = widgets.Button(description="Zurück auf die Annahme des Kurses", layout=FIT)
        self.reset.on_click(self._on_reset)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self.model.evaluate(self.point_value.value)
        self.chart = alt.JupyterChart(human_touch_chart(self.result), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        self.point_value.observe(self._on_change, names="value")
        children: list[widgets.Widget] = [
            widgets.HTML(render_note(self.model, branche)), GermanSlider(self.point_value, decimals=0),
            widgets.HBox([self.reset]), self.verdict, self.chart, self.table_view]
        self._assemble(children, "kk-human-touchpoint", save_path, data=data)
        self._show()

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result)
        self.table_view.value = render_table(self.result.table[model.DECISION_COLUMNS],
                                             title="Entscheidung je Touchpoint", max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self.model.evaluate(self.point_value.value)
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result)

    def _on_reset(self, _button=None) -> None:
        self.point_value.value = self.default

    def record(self) -> dict:
        """The € value per point and the decisions as one flat record (for the transfer file)."""
        r = self.result
        return {"wert_je_bewertungspunkt": r.point_value, "branche_kosten": self.branche,
                "touchpoints_verglichen": r.compared, "unterschied_gesichert": r.secured,
                "mensch_behalten": ", ".join(r.touchpoints(model.KEEP)) or "–",
                "automatisieren": ", ".join(r.touchpoints(model.AUTOMATE)) or "–",
                "ohne_vergleich": ", ".join(r.touchpoints(model.ONLY_HUMAN) + r.touchpoints(model.TOO_FEW)) or "–",
                "mehrkosten_mensch_behalten": round(r.kept_cost, 2),
                "ersparnis_automatisieren": round(r.savings, 2)}


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> HumanTouchExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-human-touchpoint" in box._dom_classes, box.result.point_value
    (True, 10.0)
    """
    return HumanTouchExplorer(data, **kwargs)
