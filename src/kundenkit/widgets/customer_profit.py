"""Widget of lesson 1.2: kings' share and their extra demands → total profit and the whale curve."""
from __future__ import annotations

import math

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.customer_profit import whale_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.formatting import MINUS, de_money, de_number, de_percent
from kundenkit.models import customer_profit as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, sales_tables

_STYLE = {"description_width": "250px"}
_LAYOUT = {"width": "560px"}


def _nice_max(value: float) -> float:
    """A round upper bound at least ``value`` (1, 2, 2.5, 5 × a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= value)


class CustomerProfitExplorer(LessonExplorer):
    """Sliders for the kings' share, their extra demands, the margin and the value of a promoter.

    Attributes
    ----------
    model : ProfitModel
        The customers' figures, computed once from the tables.
    result : ProfitResult
        The current totals, share of unprofitable customers, tipping point and whale curve.
    chart : altair.JupyterChart
        The whale curve; its ``chart`` trait is replaced on every change (the spec is small).
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, kontakte: pd.DataFrame | None = None,
                 befragung: pd.DataFrame | None = None, *, branche: str | None = None,
                 assumptions: model.Assumptions | None = None, kings_share: float = 0.0, save_path=None):
        data = course_data(data, branche)
        tables = sales_tables(data, kontakte=kontakte, befragung=befragung, branche=branche)
        self.assumptions = assumptions or model.assumptions_for(tables.branche)
        self.model = model.ProfitModel.from_tables(tables.transaktionen, tables.kontakte, tables.befragung,
                                                   assumptions=self.assumptions)
        a = self.assumptions

        self.share = widgets.FloatSlider(
            value=kings_share, min=0, max=1, step=0.01, continuous_update=False,
            description="Anteil Könige an allen Kunden", style=_STYLE, layout=_LAYOUT,
        ).add_class("kk-main-control")
        cost_max = _nice_max(4 * a.extra_demand_cost)
        self.extra_cost = widgets.FloatSlider(
            value=a.extra_demand_cost, min=0, max=cost_max, step=cost_max / 200,
            continuous_update=False, description="Sonderwünsche je König (€/Jahr)", style=_STYLE, layout=_LAYOUT)
        margin_max = min(1.0, _nice_max(3 * a.margin))
        self.margin = widgets.FloatSlider(
            value=a.margin, min=0, max=margin_max, step=0.001 if a.margin < 0.05 else 0.01, continuous_update=False,
            description="Marge auf den Umsatz", style=_STYLE, layout=_LAYOUT)
        promoter_max = _nice_max(4 * a.value_per_promoter)
        self.promoter_value = widgets.FloatSlider(
            value=a.value_per_promoter, min=0, max=promoter_max, step=promoter_max / 200,
            continuous_update=False, description="Wert eines Promotors (€/Jahr)", style=_STYLE, layout=_LAYOUT)
        self.sliders = {"anteil_koenige": self.share, "sonderwunsch_kosten": self.extra_cost,
                        "marge": self.margin, "wert_je_promotor": self.promoter_value}

        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        note = widgets.HTML(
            "<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Die Startwerte der "
            "Regler sind <i>Annahmen des Kurses – setzen Sie Ihre Zahlen ein</i>. „Könige“ sind die Kunden "
            "mit den meisten Servicekontakten je 1.000 € Umsatz. Ein Promotor (NPS 9 oder 10) bringt mit "
            "seinen Empfehlungen im Startwert etwa alle zwei Jahre einen neuen Durchschnittskunden: "
            "den halben Deckungsbeitrag eines Kunden je Jahr.</div>")
        shown = [GermanSlider(self.share, percent=True), GermanSlider(self.extra_cost, decimals=0),
                 GermanSlider(self.margin, percent=True, decimals=1 if a.margin < 0.05 else 0),
                 GermanSlider(self.promoter_value, decimals=0)]
        children = [note, *shown, self.verdict, self.chart]
        self._assemble(children, "kk-customer-profit", save_path, data=data)
        self._show_verdict()

    def _compute(self) -> model.ProfitResult:
        return self.model.evaluate(self.share.value, self.extra_cost.value, self.margin.value,
                                   self.promoter_value.value)

    def _draw(self) -> alt.LayerChart:
        return whale_chart(self.result.curve, self.result.curve_without_kings)

    def _tipping_text(self) -> str:
        r = self.result
        share = r.tipping_share  # None exactly when tipping_kings is None
        if r.tipping_kings is None or share is None:
            return ("Selbst wenn alle Kunden Könige wären, bliebe der Gesamtgewinn mit diesen Annahmen im Plus. "
                    "Erhöhen Sie die Kosten der Sonderwünsche.")
        if r.tipping_kings == 0:
            return "Der Gesamtgewinn ist schon <b>ohne Könige</b> im Minus: Prüfen Sie Marge und Servicekosten."
        return (f"Ab einem Anteil von <b>{de_percent(share, 1)} Königen</b> "
                f"({de_number(r.tipping_kings, 0)} von {de_number(r.customers, 0)} Kunden) "
                "kippt der Gesamtgewinn ins Minus.")

    def _promoter_text(self) -> str:
        """Promoters against the other surveyed customers, next to the figure the book cites."""
        p = self.result.promoters
        if p is None or "befragung" in self.model.missing:
            return ""
        if p.promoters == 0:
            return "<br>Promotoren: In Ihrer Befragung gibt niemand 9 oder 10 Punkte."
        uplift = p.uplift
        if uplift != uplift:  # nan: no comparison possible
            comparison = ""
        else:
            sign = "+" if uplift >= 0 else MINUS
            comparison = (f" gegen {de_money(p.other_profit, 0)} bei den übrigen Befragten "
                          f"({sign}{de_percent(abs(uplift))})")
        return (
            f"<br>Promotoren (NPS 9–10): {de_number(p.promoters, 0)} von {de_number(p.respondents, 0)} Befragten · "
            f"im Schnitt {de_money(p.promoter_profit, 0)} Gewinn je Jahr{comparison}, davon "
            f"{de_money(p.referral_value, 0)} aus Empfehlungen (Annahme). "
            f"Alle Empfehlungen zusammen: {de_money(p.referral_total, 0)} – klein im Gesamtgewinn, weil nur "
            "Befragte als Promotoren bekannt sind."
            "<br><span style='color:#444'>Zum Vergleich: Laut Bain & Company (2013), zitiert nach Hafner (2019), "
            "kann ein Kunde, der zum Promotor wird, für eine deutsche Retail-Bank bis zu 60 % profitabler "
            "sein.</span>")

    def _show_verdict(self) -> None:
        r = self.result
        colour = "#1b7837" if r.total >= 0 else "#b2182b"
        state = "im Plus" if r.total >= 0 else "im Minus"
        missing = "".join(f"<br><i>Die Tabelle {name} fehlt in Ihren Daten: ihr Beitrag ist 0.</i>"
                          for name in self.model.missing)
        self.verdict.value = (
            f"<div style='font-size:1.1em;margin:8px 0;line-height:1.5'>"
            f"<b style='color:{colour}'>Gesamtgewinn: {de_money(r.total, 0)} pro Jahr ({state})</b>"
            f" · ohne Könige: {de_money(r.total_without_kings, 0)}<br>"
            f"Könige: {de_number(r.kings, 0)} von {de_number(r.customers, 0)} Kunden · "
            f"unprofitable Kunden: {de_percent(r.unprofitable_share)} ({de_number(r.unprofitable, 0)})<br>"
            f"{self._tipping_text()}{self._promoter_text()}{missing}</div>"
        )

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show_verdict()
        # A new spec without re-validating it (the chart's structure never changes, only its data):
        # about half the time of assigning a new chart to ``self.chart.chart``.
        self.chart.spec = self._draw().to_dict(validate=False)

    def record(self) -> dict:
        """The slider values and the model result as one flat record (for the transfer file)."""
        r = self.result
        return {"anteil_koenige": self.share.value, "sonderwunsch_kosten_je_koenig": self.extra_cost.value,
                "marge": self.margin.value, "wert_je_promotor": self.promoter_value.value,
                "kunden": r.customers, "koenige": r.kings,
                "gesamtgewinn_pro_jahr": round(r.total, 2),
                "gesamtgewinn_ohne_koenige": round(r.total_without_kings, 2),
                "anteil_unprofitable_kunden": round(r.unprofitable_share, 4),
                "kipp_anteil_koenige": "" if r.tipping_share is None else round(r.tipping_share, 4)}


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> CustomerProfitExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``transaktionen``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=200, branche="Bank"))
    >>> box.result.kings, "kk-customer-profit" in box._dom_classes
    (0, True)
    """
    return CustomerProfitExplorer(data, **kwargs)
