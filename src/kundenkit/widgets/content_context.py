"""Widget of lesson 4.3: the same content for everyone vs content chosen by the customer's context."""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.content_context import content_context_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import MINUS, de_number, de_percent
from kundenkit.models import content_context as model
from kundenkit.widgets.controls import FIT, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "300px"}
_LAYOUT = {"width": "620px"}


def _num(value: float) -> str:
    return de_number(value, 1, minus=MINUS)


def render_verdict(result: model.ContentContextResult) -> str:
    """The point of the story for these settings: what context adds, in German.

    >>> counts = pd.DataFrame({"kontext": ["Problem", "Kauf/Entscheidung"], "kontakte": [100, 100]})
    >>> text = render_verdict(model.compare(counts))
    >>> "63,0" in text, "Hilfe" in text
    (True, True)
    >>> "keinen Vorsprung" in render_verdict(model.compare(counts, known_share=0))
    True
    """
    broadcast, by_context = result.total(model.BROADCAST), result.total(model.BY_CONTEXT)
    annoyed = result.total(model.BROADCAST, "veraergert")
    chosen = result.table[result.table["strategie"] == model.BY_CONTEXT]
    choice = ", ".join(f"{html.escape(c)}: {html.escape(i)}" for c, i, n in chosen[["kontext", "inhalt", "kontakte"]]
                       .itertuples(index=False) if n > 0)
    lines = [f"<b>Gleicher Inhalt für alle ({html.escape(result.broadcast)}): netto {_num(broadcast)} erwartete "
             f"Reaktionen, davon {_num(annoyed)} verärgerte Kontakte.</b>",
             f"Inhalt nach Kontext ({choice}): netto {_num(by_context)}."]
    if result.advantage > 0:
        lines.append(f"<b>Der Kontext bringt {_num(result.advantage)} Reaktionen netto mehr.</b> Derselbe Inhalt "
                     "wirkt nur in der passenden Lage.")
    else:
        lines.append("<b>Hier bringt der Kontext keinen Vorsprung.</b> Ohne bekannten Kontext oder mit dem Inhalt, "
                     "der überall am besten passt, gibt es nichts zu wählen.")
    if result.known_share < 1:
        lines.append(f"Den Kontext kennen Sie nur bei {de_percent(result.known_share, 0)} der Kontakte; "
                     "die übrigen bekommen den gleichen Inhalt wie alle.")
    return "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + "<br>".join(lines) + "</div>"


NOTE = ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Jeder Kontakt bekommt aus "
        "seinem Touchpoint und seiner Bewertung eine Lage: Problem, Kauf/Entscheidung oder Routine. Wie viele "
        "Kontakte auf einen Inhalt positiv reagieren und wie viele er verärgert, nimmt der Kurs an – das sind "
        "keine Messwerte. Die Kontakte je Lage stammen aus Ihren Daten.</div>")


class ContentContextExplorer(LessonExplorer):
    """Slider for the annoyance of an offer in a problem context (main control), known share, broadcast content.

    Attributes
    ----------
    model : ContentContextModel
        The contacts per context kind, counted once.
    annoyance : FloatSlider
        Share of contacts in a problem context that an offer annoys (course assumption, adjustable).
    known_share : FloatSlider
        Share of contacts whose context is known.
    broadcast : Dropdown
        The content of "same content for everyone".
    result : ContentContextResult
        Both strategies for the current settings.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, offer_annoyance: float | None = None,
                 known_share: float | None = None, broadcast: str = model.OFFER, save_path=None, **options):
        data = course_data(data)
        kontakte = lesson_table(data, "kontakte")
        self.model = model.ContentContextModel.from_table(kontakte, **options)
        start = model.OFFER_ANNOYANCE if offer_annoyance is None else model.check_share("offer_annoyance",
                                                                                        offer_annoyance)
        known = model.KNOWN_SHARE if known_share is None else model.check_share("known_share", known_share)
        self.annoyance = widgets.FloatSlider(
            value=start, min=0, max=1, step=0.05, continuous_update=False,
            description="Ein Angebot im Problemfall verärgert", style=_STYLE,
            layout=_LAYOUT).add_class("kk-main-control")
        self.known_share = widgets.FloatSlider(value=known, min=0, max=1, step=0.05, continuous_update=False,
                                               description="Kontext bekannt bei", style=_STYLE, layout=_LAYOUT)
        self.broadcast = widgets.Dropdown(options=list(model.CONTENTS), value=broadcast,
                                          description="Gleicher Inhalt für alle", style=_STYLE, layout=FIT)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._evaluate()
        self.chart = alt.JupyterChart(content_context_chart(self.result), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for control in (self.annoyance, self.known_share, self.broadcast):
            control.observe(self._on_change, names="value")
        children: list[widgets.Widget] = [
            widgets.HTML(NOTE), GermanSlider(self.annoyance, percent=True), GermanSlider(self.known_share,
                                                                                      percent=True),
            self.broadcast, self.verdict, self.chart, self.table_view]
        self._assemble(children, "kk-content-context", save_path, data=data)
        self._show()

    def _evaluate(self) -> model.ContentContextResult:
        return self.model.evaluate(self.annoyance.value, self.known_share.value, self.broadcast.value)

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result)
        self.table_view.value = render_table(self.result.table, title="Erwartete Reaktionen je Lage",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._evaluate()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result)

    def record(self) -> dict:
        """The settings and both net effects as one flat record (for the transfer file)."""
        r = self.result
        return {"angebot_veraergert": r.offer_annoyance, "kontext_bekannt": r.known_share,
                "inhalt_fuer_alle": r.broadcast, "netto_fuer_alle": round(r.total(model.BROADCAST), 2),
                "netto_nach_kontext": round(r.total(model.BY_CONTEXT), 2), "vorsprung_kontext": r.advantage}


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> ContentContextExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-content-context" in box._dom_classes, box.result.offer_annoyance
    (True, 0.3)
    """
    return ContentContextExplorer(data, **kwargs)
