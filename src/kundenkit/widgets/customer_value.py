"""Widget of lesson 3.8: three value dimensions, CLV parameters and the share "hoch" → 8 segments."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.customer_value import segment_chart, updated_segment_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import de_count, de_money, de_number, de_percent
from kundenkit.models import customer_profit as profit
from kundenkit.models import customer_value as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, sales_tables

_STYLE = {"description_width": "250px"}
_LAYOUT = {"width": "560px"}
TABLE_COLUMNS = ["segment", "wert_code", "kunden", "kundenwert", "wert_je_kunde", "kunden_nach_umsatz",
                 "behandlung_vorschlag"]


def render_verdict(result: model.ValueResult, missing=()) -> str:
    """The verdict: total value, the margin multiple, and how many customers revenue alone puts elsewhere.

    >>> import numpy as np
    >>> r = model.ValueResult(customers=np.array(["A", "B"]), revenue=np.array([10.0, 5.0]),
    ...                       ertrag=np.array([5.0, 1.0]), information=np.array([0.0, 9.0]),
    ...                       referenz=np.zeros(2), total=np.array([5.0, 10.0]),
    ...                       codes=np.array([3, 5]), codes_by_revenue=np.array([3, 7]),
    ...                       revenue_order=np.array([0, 1]), multiple=2.0,
    ...                       retention=0.75, discount=0.1, top_share=0.5)
    >>> text = render_verdict(r)
    >>> "Kundenwert aller 2 Kunden: 15 €" in text, "1 von 2 Kunden (50 %)" in text
    (True, True)
    """
    top = result.top_comparison()
    changed = result.changed
    parts = [
        f"<b>Kundenwert aller {de_count(result.size)} Kunden: {de_money(float(result.total.sum()), 0)}</b> "
        f"= {de_number(result.multiple, 2)} × die Werte eines Jahres (Bindungsrate {de_percent(result.retention)}, "
        f"Abzinsung {de_percent(result.discount)}).",
        f"„Hoch“ heißt: unter den obersten {de_percent(result.top_share)} einer Dimension und über 0 €. "
        f"Nach dem Umsatz allein landen <b>{de_count(changed)} von {de_count(result.size)} Kunden "
        f"({de_percent(changed / max(result.size, 1))})</b> in einem anderen Segment.",
        f"Von den {de_count(top['top'])} Kunden mit dem höchsten Kundenwert fehlen "
        f"<b>{de_count(top['missed'])}</b> unter den {de_count(top['top'])} umsatzstärksten.",
    ]
    parts += [f"<i>Die Tabelle {name} fehlt in Ihren Daten: "
              + ("Servicekosten sind 0." if name == "kontakte" else "Informations- und Referenzwert sind 0.")
              + "</i>" for name in missing]
    return "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + "<br>".join(parts) + "</div>"


class CustomerValueExplorer(LessonExplorer):
    """Sliders for the share "hoch" (main control), retention, discount and the value of answers and promoters.

    Attributes
    ----------
    model : ValueModel
        The customers' yearly figures, computed once.
    result : ValueResult
        Values and segments for the current sliders.
    segments : DataFrame
        :meth:`ValueResult.segments` of the current result.
    chart : altair.JupyterChart
        Customers and value of the 8 segments; only its rows change.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, kontakte: pd.DataFrame | None = None,
                 befragung: pd.DataFrame | None = None, *, branche: str | None = None,
                 assumptions: profit.Assumptions | None = None, top_share: float = model.DEFAULT_TOP_SHARE,
                 retention: float = model.DEFAULT_RETENTION, discount: float = model.DEFAULT_DISCOUNT,
                 save_path=None):
        data = course_data(data, branche)
        tables = sales_tables(data, kontakte=kontakte, befragung=befragung, branche=branche)
        self.assumptions = assumptions or profit.assumptions_for(tables.branche)
        self.model = model.ValueModel.from_tables(tables.transaktionen, tables.kontakte, tables.befragung,
                                                  assumptions=self.assumptions)
        a = self.assumptions
        self.top_share = widgets.FloatSlider(value=top_share, min=0.05, max=0.95, step=0.05, continuous_update=False,
                                             description="Anteil „hoch“ je Dimension", style=_STYLE,
                                             layout=_LAYOUT).add_class("kk-main-control")
        self.retention = widgets.FloatSlider(value=retention, min=0, max=0.95, step=0.01, continuous_update=False,
                                             description="Bindungsrate r (je Jahr)", style=_STYLE, layout=_LAYOUT)
        self.discount = widgets.FloatSlider(value=discount, min=0, max=0.3, step=0.01, continuous_update=False,
                                            description="Abzinsung d (je Jahr)", style=_STYLE, layout=_LAYOUT)
        answer_max = max(4 * a.value_per_answer, 1.0)
        self.answer_value = widgets.FloatSlider(value=a.value_per_answer, min=0, max=answer_max,
                                                step=answer_max / 100, continuous_update=False,
                                                description="Wert einer Antwort (€)", style=_STYLE, layout=_LAYOUT)
        promoter_max = max(4 * a.value_per_promoter, 1.0)
        self.promoter_value = widgets.FloatSlider(value=a.value_per_promoter, min=0, max=promoter_max,
                                                  step=promoter_max / 100, continuous_update=False,
                                                  description="Wert eines Promotors (€/Jahr)", style=_STYLE,
                                                  layout=_LAYOUT)
        self.sliders = (self.top_share, self.retention, self.discount, self.answer_value, self.promoter_value)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self._compute()
        self.chart = alt.JupyterChart(segment_chart(self.segments, subtitle=self._subtitle()),
                                      embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for slider in self.sliders:
            slider.observe(self._on_change, names="value")
        note = widgets.HTML(
            "<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Die Startwerte der Regler "
            "sind <i>Annahmen des Kurses – setzen Sie Ihre Zahlen ein</i>. Kundenwert = Wert eines Jahres × "
            "r / (1 + d − r). Ertragswert: Deckungsbeitrag minus Servicekosten; Informationswert: Antworten in "
            "der Befragung × Wert einer Antwort; Referenzwert: Promotoren × Wert eines Promotors.</div>")
        shown = [GermanSlider(self.top_share, percent=True), GermanSlider(self.retention, percent=True),
                 GermanSlider(self.discount, percent=True), GermanSlider(self.answer_value, decimals=1),
                 GermanSlider(self.promoter_value, decimals=0)]
        self._assemble([note, *shown, self.verdict, self.chart, self.table_view], "kk-customer-value", save_path,
                       data=data)
        self._show()

    def _compute(self) -> None:
        self.result = self.model.evaluate(self.retention.value, self.discount.value, self.top_share.value,
                                          self.answer_value.value, self.promoter_value.value)
        self.segments = self.result.segments()

    def _subtitle(self) -> str:
        return (f"„Hoch“: oberste {de_percent(self.top_share.value)} je Dimension · E Ertrag, I Information, "
                f"R Referenz · {de_count(self.result.size)} Kunden")

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result, self.model.missing)
        self.table_view.value = render_table(self.segments[TABLE_COLUMNS], title="Segmente und Behandlung",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self._compute()
        self._show()
        self.chart.spec = updated_segment_spec(self._spec, self.segments, subtitle=self._subtitle())

    def record(self) -> dict:
        """The slider values and the results as one flat record (for the transfer file)."""
        r, seg = self.result, self.segments
        top = r.top_comparison()
        return {
            "anteil_hoch": self.top_share.value, "bindungsrate": self.retention.value,
            "abzinsung": self.discount.value, "wert_je_antwort": self.answer_value.value,
            "wert_je_promotor": self.promoter_value.value, "kunden": r.size,
            "margen_multiplikator": round(r.multiple, 3), "kundenwert_gesamt": round(float(r.total.sum()), 2),
            "kunden_anderes_segment": r.changed,
            "anteil_anderes_segment": round(r.changed / max(r.size, 1), 4),
            "top_kunden_verpasst": top["missed"],
            "groesstes_segment": str(seg.loc[seg["kunden"].idxmax(), "segment"]),
            "wertvollstes_segment": str(seg.loc[seg["kundenwert"].idxmax(), "segment"]),
        }


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> CustomerValueExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``transaktionen``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=200))
    >>> int(box.segments["kunden"].sum()) == box.model.size, "kk-customer-value" in box._dom_classes
    (True, True)
    """
    return CustomerValueExplorer(data, **kwargs)
