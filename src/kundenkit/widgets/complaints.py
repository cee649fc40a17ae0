"""Widget of lesson 4.12: how quickly complaints are solved → customers and revenue that stay."""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.complaints import complaint_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import de_count, de_money, de_percent
from kundenkit.models import complaints as model
from kundenkit.widgets.controls import GermanNumberField, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "330px"}
_LAYOUT = {"width": "640px"}
TABLE_COLUMNS = ["gruppe", "kunden_im_trichter", "bleibequote", "bleiben", "umsatz_bleibt", "umsatz_verloren"]
NO_CHOICE = "(noch keine Wahl)"
#: The three levers of the funnel, in the course's words (for the transfer sheet).
LEVERS = (
    "Mehr Unzufriedene zur Beschwerde bewegen (einfacher Weg zur Beschwerde)",
    "Mehr Beschwerden zur Zufriedenheit lösen",
    "Beschwerden schneller lösen",
)


def _count(value: float) -> str:
    return de_count(round(value))


def render_verdict(result: model.ComplaintResult) -> str:
    """The point of the lesson for these settings: who stays, what revenue stays, what speed is worth.

    >>> c = model.Complainants(("B",), customers=100, satisfied=60, unrated=0, contacts=120, satisfied_from=4)
    >>> text = render_verdict(model.funnel(c, large_share=0.0, revenue=1000))
    >>> "179 (44,7 %)" in text, "178.900 €" in text, "150 €" in text
    (True, True, True)
    >>> "einen Kontakt bei keinem" in render_verdict(model.funnel(model.Complainants((), 0, 0, 0, 0, 4)))
    True
    """
    c = result.complainants
    head = (f"<b>{de_percent(result.quick_share)} der zufriedenstellend gelösten Beschwerden werden schnell "
            "gelöst.</b>")
    if c.customers == 0:
        where = ", ".join(c.touchpoints) if c.touchpoints else "keinem gewählten Touchpoint"
        return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + head + "<br>"
                f"In Ihren Daten hat kein Kunde einen Kontakt bei {html.escape(where)} – der Kurs findet also keine "
                "Beschwerden. Wählen Sie unten die Touchpoints, an denen bei Ihnen Beschwerden ankommen.</div>")
    stay = (f"Von geschätzt <b>{_count(result.dissatisfied)}</b> unzufriedenen Kunden haben sich "
            f"<b>{_count(c.customers)}</b> beschwert. Es bleiben <b>{_count(result.retained)} "
            f"({de_percent(result.retained_share, 1)})</b>. Sie bringen "
            f"<b>{de_money(result.retained_revenue, 0)}</b> Umsatz im Jahr; "
            f"{de_money(result.lost_revenue, 0)} gehen mit den anderen verloren.")
    speed = (f"Jeder Prozentpunkt mehr schnell gelöster Beschwerden hält im Modell "
             f"<b>{de_money(result.value_per_point, 0)}</b> Umsatz im Jahr mehr.")
    silent = result.row(model.SILENT)
    funnel_note = (f"Die größte Gruppe sind die {_count(silent['kunden_im_trichter'])} Unzufriedenen ohne "
                   "Beschwerde: Von ihnen erfahren Sie nichts.")
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
            + "<br>".join([head, stay, speed, funnel_note]) + "</div>")


def render_note(m: model.ComplaintModel, complainants: model.Complainants, revenue_source: str) -> str:
    """Where the figures come from: the learner's contacts and ratings, TARP, the course's assumptions.

    >>> k = pd.DataFrame({"kunden_id": ["A", "B"], "touchpoint": ["Beschwerde", "App"], "bewertung": [5, 3]})
    >>> m = model.ComplaintModel.from_tables(k)
    >>> text = render_note(m, m.complainants(), model.REVENUE_PLACEHOLDER)
    >>> "Modell des Kurses" in text, "Platzhalter" in text, "laut TARP" in text
    (True, True, True)
    """
    where = ", ".join(complainants.touchpoints) or "(keiner gewählt)"
    how = m.touchpoint_source(complainants.touchpoints)
    unrated = (f" {_count(complainants.unrated)} Beschwerden ohne Bewertung zählen als nicht zufrieden."
               if complainants.unrated else "")
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Beschwerden sind Ihre "
            f"Kontakte an den Touchpoints: {html.escape(where)} ({html.escape(how)}) – "
            f"{_count(complainants.contacts)} Kontakte von "
            f"{_count(complainants.customers)} Kunden. Die Bewertung der letzten Beschwerde eines Kunden steht "
            f"für die Behandlung: zufrieden ab {complainants.satisfied_from} von 5.{unrated} Wie viele Kunden "
            "bleiben, sagen die Anteile laut TARP (zitiert, nicht selbst geprüft). Anteil, der sich beschwert, "
            "Anteil schnell gelöst und Anteil großer Probleme sind <b>Annahmen des Kurses</b>: Stellen Sie sie "
            f"auf Ihr Haus ein. Umsatz je Kunde und Jahr: {html.escape(revenue_source)}.</div>")


class ComplaintExplorer(LessonExplorer):
    """Slider for the share of quickly solved complaints (main control), the other assumptions; chart and verdict.

    Attributes
    ----------
    model : ComplaintModel
        The complaint contacts, read once.
    quick_share, complaint_share, large_share : FloatSlider
        The course's assumptions (shares 0–1).
    satisfied_from : Dropdown
        From which rating a complaint counts as satisfactorily handled.
    touchpoints : SelectMultiple
        The complaint touchpoints.
    revenue : GermanNumberField
        Revenue per customer and year (from the purchases if there are any).
    result : ComplaintResult
    chart : altair.JupyterChart
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None,
                 transaktionen: pd.DataFrame | None = None, *, branche: str | None = None,
                 quick_share: float = model.QUICK_SHARE, complaint_share: float = model.COMPLAINT_SHARE,
                 large_share: float = model.LARGE_SHARE, touchpoints=None,
                 satisfied_from: int = model.SATISFIED_FROM, revenue: float | None = None, save_path=None):
        data = course_data(data, branche)
        kontakte = lesson_table(data, "kontakte")
        if isinstance(data, CustomerBase) and transaktionen is None:
            transaktionen = data.transaktionen
        self.model = model.ComplaintModel.from_tables(kontakte, transaktionen)
        start_revenue, _ = self.model.revenue(revenue)
        self._learner_revenue = revenue is not None

        def slider(value, description, main=False):
            s = widgets.FloatSlider(value=value, min=0.0, max=1.0, step=0.05, continuous_update=False,
                                    description=description, style=_STYLE, layout=_LAYOUT)
            return s.add_class("kk-main-control") if main else s

        self.quick_share = slider(quick_share, "Schnell gelöst (von den zufriedenen)", main=True)
        self.complaint_share = slider(complaint_share, "Annahme: Anteil, der sich beschwert")
        self.complaint_share.min = 0.05
        self.large_share = slider(large_share, "Annahme: Anteil großer Probleme")
        self.satisfied_from = widgets.Dropdown(
            options=[(f"ab {v} von 5", v) for v in range(model.RATING_MIN + 1, model.RATING_MAX + 1)],
            value=satisfied_from, description="Zufrieden mit der Behandlung", style=_STYLE,
            layout={"width": "480px"})
        chosen = self.model.chosen_touchpoints(touchpoints)
        self.touchpoints = widgets.SelectMultiple(
            options=list(self.model.touchpoint_names), value=list(chosen),
            rows=min(8, len(self.model.touchpoint_names)),
            description="Beschwerde-Touchpoints", style={"description_width": "170px"}, layout={"width": "480px"})
        self.revenue = GermanNumberField(round(start_revenue, 2), min=0, decimals=2,
                                         description="Umsatz je Kunde und Jahr (€)", style=_STYLE,
                                         layout={"width": "480px"})
        self.note = widgets.HTML()
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(complaint_chart(self.result), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for control in (self.quick_share, self.complaint_share, self.large_share, self.satisfied_from,
                        self.touchpoints):
            control.observe(self._on_change, names="value")
        self.revenue.observe(self._on_revenue, names="value")
        children: list[widgets.Widget] = [
            self.note, GermanSlider(self.quick_share, percent=True), self.verdict, self.chart,
            GermanSlider(self.complaint_share, percent=True), GermanSlider(self.large_share, percent=True),
            self.satisfied_from, self.touchpoints, self.revenue, self.table_view]
        self.first_lever = None
        if save_path is not None:
            self.first_lever = widgets.Dropdown(options=[NO_CHOICE, *LEVERS], value=NO_CHOICE,
                                                description="Womit fangen Sie an?",
                                                style={"description_width": "170px"}, layout={"width": "640px"})
            children.append(self.first_lever)
        self._assemble(children, "kk-complaints", save_path, data=data)
        self._show()

    def _compute(self) -> model.ComplaintResult:
        return self.model.evaluate(self.quick_share.value, complaint_share=self.complaint_share.value,
                                   large_share=self.large_share.value, touchpoints=self.touchpoints.value,
                                   satisfied_from=self.satisfied_from.value,
                                   revenue=self.revenue.value if self._learner_revenue else None)

    def _show(self) -> None:
        r = self.result
        self.note.value = render_note(self.model, r.complainants, r.revenue_source)
        self.verdict.value = render_verdict(r)
        self.table_view.value = render_table(r.table[TABLE_COLUMNS], title="Unzufriedene Kunden, die bleiben",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result)

    def _on_revenue(self, _change=None) -> None:
        self._learner_revenue = True
        self._on_change()

    def record(self) -> dict:
        """Assumptions, the learner's complaints and what stays, as one flat record (for the transfer file)."""
        r, c = self.result, self.result.complainants
        out: dict = {
            "beschwerde_touchpoints": ", ".join(c.touchpoints), "kunden_mit_beschwerde": c.customers,
            "zufrieden_ab": c.satisfied_from, "anteil_beschwerdefuehrer": r.complaint_share,
            "anteil_schnell_geloest": r.quick_share, "anteil_grosse_probleme": r.large_share,
            "umsatz_je_kunde": round(r.revenue, 2), "umsatz_je_kunde_aus": r.revenue_source,
            "unzufriedene_geschaetzt": round(r.dissatisfied, 1), "kunden_bleiben": round(r.retained, 1),
            "umsatz_bleibt": round(r.retained_revenue, 2), "umsatz_verloren": round(r.lost_revenue, 2),
            "wert_je_prozentpunkt_schnell": round(r.value_per_point, 2)}
        if self.first_lever is not None and self.first_lever.value != NO_CHOICE:
            out["erster_hebel"] = self.first_lever.value
        return out


def explorer(data: CustomerBase | pd.DataFrame | None = None, transaktionen: pd.DataFrame | None = None,
             **kwargs) -> ComplaintExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-complaints" in box._dom_classes, box.result.complainants.customers > 0
    (True, True)
    """
    return ComplaintExplorer(data, transaktionen, **kwargs)
