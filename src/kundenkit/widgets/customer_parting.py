"""Widget of lesson 4.6: a profit threshold → which customers to repair, which to part from; profit and revenue."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.customer_parting import parting_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import MINUS, de_count, de_money, de_percent
from kundenkit.models import customer_parting as model
from kundenkit.models import customer_profit as profit_model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, sales_tables

_STYLE = {"description_width": "300px"}
_LAYOUT = {"width": "600px"}
TABLE_COLUMNS = ["strategie", "repariert", "getrennt", "kunden", "umsatz", "gewinn", "aenderung_umsatz",
                 "aenderung_gewinn"]


def _money(value: float) -> str:
    return de_money(value, 0).replace("-", MINUS)


def _change(value: float) -> str:
    return ("+" if value >= 0 else "") + _money(value)


def render_verdict(result: model.PartingResult) -> str:
    """Profit and revenue before and after the course's rule, and what parting alone would do.

    >>> t = pd.DataFrame({"kunden_id": ["A", "B", "C"], "betrag": [400.0, 40.0, 80.0]})
    >>> k = pd.DataFrame({"kunden_id": ["B"] * 5 + ["C"] * 3, "kanal": ["Filiale"] * 8})
    >>> text = render_verdict(model.PartingModel.from_tables(t, k, years=1).evaluate(0))
    >>> "2 Kunden" in text, "1 reparieren" in text, "1 trennen" in text
    (True, True, True)
    """
    today, rule, part = result.row(model.TODAY), result.row(model.RULE), result.row(model.PART_ONLY)
    head = (f"<b>Kandidat ist, wer weniger als {_money(result.threshold)} Gewinn im Jahr bringt: "
            f"{de_count(result.candidates)} Kunden.</b>")
    if result.candidates == 0:
        return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + head +
                " Schieben Sie die Schwelle nach rechts.</div>")
    colour = "#1b7837" if rule["aenderung_gewinn"] >= 0 else "#b2182b"
    rule_text = (f"Erst reparieren, dann trennen: {de_count(result.repaired)} reparieren, "
                 f"{de_count(result.parted)} trennen.<br>"
                 f"<b style='color:{colour}'>Gewinn: {_money(today['gewinn'])} → {_money(rule['gewinn'])} im Jahr "
                 f"({_change(rule['aenderung_gewinn'])})</b> · "
                 f"<b>Umsatz: {_money(today['umsatz'])} → {_money(rule['umsatz'])} "
                 f"({_change(rule['aenderung_umsatz'])})</b>")
    part_text = (f"Sich von allen {de_count(result.candidates)} Kandidaten zu trennen, brächte "
                 f"{_change(part['aenderung_gewinn'])} Gewinn und {_change(part['aenderung_umsatz'])} Umsatz: "
                 f"{de_percent(result.levers.fixed_share, 0)} ihrer Servicekosten bleiben (Annahme).")
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
            + "<br>".join([head, rule_text, part_text]) + "</div>")


def render_note(m: model.PartingModel) -> str:
    """Where the figures come from, in German (lesson 1.2's model, the course's assumptions).

    >>> t = pd.DataFrame({"kunden_id": ["A"], "betrag": [10.0]})
    >>> "kontakte fehlt" in render_note(model.PartingModel.from_tables(t, years=1))
    True
    """
    missing = "".join(f" Die Tabelle {name} fehlt: ihr Beitrag zum Gewinn ist 0." for name in m.missing)
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Der Gewinn je Kunde und "
            "Jahr ist der aus Lektion 1.2: Deckungsbeitrag − Servicekosten (Kontakte × Kosten je Kanal) + Wert der "
            f"Informationen und Empfehlungen, ohne Könige.{missing} Die Regler unter der Schwelle sind "
            "<i>Annahmen des Kurses – setzen Sie Ihre Zahlen ein</i>.</div>")


class PartingExplorer(LessonExplorer):
    """The profit threshold (main control) and the course's assumptions about repair and parting.

    Attributes
    ----------
    model : PartingModel
        Revenue, contacts, cost to serve and profit per customer, computed once.
    threshold : FloatSlider
        Below how many € profit per year a customer is a candidate.
    result : PartingResult
        The strategies for the current settings.
    chart : altair.JupyterChart
        Whale curve today and after the course's rule; profit and revenue change per strategy.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, kontakte: pd.DataFrame | None = None, *,
                 befragung: pd.DataFrame | None = None, branche: str | None = None,
                 assumptions: profit_model.Assumptions | None = None, threshold: float = 0.0,
                 levers: model.Levers | None = None, save_path=None):
        tables = sales_tables(data, kontakte=kontakte, befragung=befragung, branche=branche)
        self.model = model.PartingModel.from_tables(
            tables.transaktionen, tables.kontakte, tables.befragung,
            assumptions=assumptions or profit_model.assumptions_for(tables.branche))
        levers = levers or model.Levers()
        low, high = self.model.threshold_range()
        self.threshold = widgets.FloatSlider(
            value=min(max(threshold, low), high), min=low, max=high, step=self.model.threshold_step,
            continuous_update=False, description="Kandidat unter (€ Gewinn im Jahr)", style=_STYLE,
            layout=_LAYOUT).add_class("kk-main-control")
        self.shift = widgets.FloatSlider(value=levers.shift_share, min=0, max=1, step=0.05, continuous_update=False,
                                         description="Reparieren: Kontakte in günstigen Kanal", style=_STYLE,
                                         layout=_LAYOUT)
        self.target_cost = widgets.FloatSlider(value=levers.target_cost, min=0, max=20, step=0.5,
                                               continuous_update=False,
                                               description="Kosten je Kontakt im günstigen Kanal (€)", style=_STYLE,
                                               layout=_LAYOUT)
        self.fee = widgets.FloatSlider(value=levers.fee, min=0, max=20, step=0.5, continuous_update=False,
                                       description="Reparieren: Entgelt je übrigem Kontakt (€)", style=_STYLE,
                                       layout=_LAYOUT)
        self.fixed = widgets.FloatSlider(value=levers.fixed_share, min=0, max=1, step=0.05, continuous_update=False,
                                         description="Trennen: Anteil der Servicekosten, der bleibt", style=_STYLE,
                                         layout=_LAYOUT)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.curve_today = None
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for control in (self.threshold, self.shift, self.target_cost, self.fee, self.fixed):
            control.observe(self._on_change, names="value")
        children = [widgets.HTML(render_note(self.model)), GermanSlider(self.threshold, decimals=0),
                    GermanSlider(self.shift, percent=True), GermanSlider(self.target_cost, decimals=2),
                    GermanSlider(self.fee, decimals=2), GermanSlider(self.fixed, percent=True),
                    self.verdict, self.chart, self.table_view]
        self._assemble(children, "kk-customer-parting", save_path, data=data)
        self._show()

    @property
    def levers(self) -> model.Levers:
        return model.Levers(shift_share=self.shift.value, target_cost=self.target_cost.value, fee=self.fee.value,
                            fixed_share=self.fixed.value)

    def _compute(self) -> model.PartingResult:
        return self.model.evaluate(self.threshold.value, self.levers)

    def _curves(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        if self.curve_today is None:  # today's curve never changes
            self.curve_today = profit_model.whale_curve(self.model.profit)
        return self.curve_today, profit_model.whale_curve(self.result.profit_after)

    def _draw(self) -> alt.VConcatChart:
        return parting_chart(*self._curves(), self.result.strategies)

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result)
        self.table_view.value = render_table(self.result.strategies[TABLE_COLUMNS],
                                             title="Vier Strategien im Vergleich (€ pro Jahr)", max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, *self._curves(), self.result.strategies)

    def record(self) -> dict:
        """Threshold, assumptions and the outcome of the course's rule as one flat record (for the transfer file)."""
        r, lv = self.result, self.result.levers
        today, rule, part = r.row(model.TODAY), r.row(model.RULE), r.row(model.PART_ONLY)
        return {"schwelle_kandidat": r.threshold, "anteil_kanalwechsel": lv.shift_share,
                "kosten_guenstiger_kanal": lv.target_cost, "entgelt_je_kontakt": lv.fee,
                "anteil_fixe_servicekosten": lv.fixed_share, "kunden": self.model.size,
                "kandidaten": r.candidates, "kunden_repariert": r.repaired, "kunden_getrennt": r.parted,
                "gewinn_heute": round(float(today["gewinn"]), 2), "gewinn_nachher": round(float(rule["gewinn"]), 2),
                "umsatz_heute": round(float(today["umsatz"]), 2), "umsatz_nachher": round(float(rule["umsatz"]), 2),
                "gewinn_nur_trennen": round(float(part["gewinn"]), 2),
                "umsatz_nur_trennen": round(float(part["umsatz"]), 2)}


def explorer(data: CustomerBase | pd.DataFrame | None = None, kontakte: pd.DataFrame | None = None,
             **kwargs) -> PartingExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the tables ``transaktionen`` and ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-customer-parting" in box._dom_classes, box.result.candidates > 0
    (True, True)
    """
    return PartingExplorer(data, kontakte, **kwargs)
