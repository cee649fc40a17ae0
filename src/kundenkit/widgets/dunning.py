"""Widget of lesson 4.20: the horizon in years (main control) and the course's assumptions → both styles' value."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.dunning import dunning_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import MINUS, de_count, de_money, de_number, de_percent
from kundenkit.models import customer_profit as profit_model
from kundenkit.models import dunning as model
from kundenkit.widgets.controls import WIDE_LABEL, WIDE_SLIDER, GermanSlider, assumption_slider
from kundenkit.widgets.lesson import LessonExplorer, sales_tables

TABLE_COLUMNS = ["stil", "saeumige_kunden", "eingetrieben", "mahnkosten", "kunden_bleiben", "marge_gehalten",
                 "wert_mahnstil"]


def _money(value: float) -> str:
    return de_money(value, 0).replace("-", MINUS)


def _years(value: float, dative: bool = True) -> str:
    unit = "Jahr" if value == 1 else ("Jahren" if dative else "Jahre")
    return f"{de_number(value, 1 if value % 1 else 0)} {unit}"


def render_verdict(o: model.Outcome) -> str:
    """Which style is worth more at the horizon, and from which horizon the partner-like style pays.

    >>> t = pd.DataFrame({"kunden_id": ["A"] * 4 + ["B"], "betrag": [10.0] * 4 + [100.0]})
    >>> m = model.DunningModel.from_tables(t, years=1)
    >>> text = render_verdict(m.compare(years=1, late_share=0.5))
    >>> "mehr bringt: hart" in text, "ab 1,6 Jahren" in text
    (True, True)
    """
    hard, partner = o.row(model.HARD), o.row(model.PARTNER)
    head = (f"<b>Über {_years(o.years, dative=False)} bringen {de_count(int(hard['saeumige_kunden']))} säumige Kunden: "
            f"hart {_money(hard['wert_mahnstil'])} · partnerschaftlich {_money(partner['wert_mahnstil'])} → "
            f"mehr bringt: {o.better}.</b>")
    if o.break_even_years is None:
        tail = (f"Innerhalb von {_years(model.MAX_YEARS)} holt der partnerschaftliche Stil den Vorsprung des harten "
                "nicht ein.")
    elif o.break_even_years == 0:
        tail = "Der partnerschaftliche Stil bringt schon ohne gehaltene Kunden mindestens so viel."
    else:
        tail = f"Der partnerschaftliche Stil lohnt sich ab {_years(round(o.break_even_years, 1))}."
    colour = "#1b7837" if o.better == model.PARTNER else "#b35806"
    return (f"<div style='font-size:1.05em;margin:8px 0;line-height:1.5;color:{colour}'>{head}<br>{tail}</div>")


def render_note(m: model.DunningModel) -> str:
    """Where the figures come from (the learner's purchases, lesson 1.2's margin, the course's assumptions).

    >>> t = pd.DataFrame({"kunden_id": ["A"], "betrag": [10.0]})
    >>> "25 %" in render_note(model.DunningModel.from_tables(t, years=1))
    True
    """
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Umsatz und Käufe je Kunde "
            f"kommen aus Ihren Transaktionen ({de_count(m.size)} Kunden), die Marge ({de_percent(m.margin, 0)}) "
            "aus Lektion 1.2. Spät zahlen die Kunden, die am seltensten kaufen; jeder schuldet eine seiner "
            "mittleren Rechnungen. Alle Regler außer dem Horizont sind <i>Annahmen des Kurses – setzen Sie Ihre "
            "Zahlen ein</i>.</div>")


class DunningExplorer(LessonExplorer):
    """The horizon in years (main control) and the course's assumptions about both dunning styles.

    Attributes
    ----------
    model : DunningModel
    years : FloatSlider
        Horizon in years over which kept customers bring margin.
    result : Outcome
        Both styles for the current settings.
    chart : altair.JupyterChart
        Value of both styles over the horizon, the current horizon marked.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, branche: str | None = None,
                 assumptions: profit_model.Assumptions | None = None, years: float = 3.0,
                 late_share: float = model.DEFAULT_LATE_SHARE, styles: dict[str, model.DunningStyle] | None = None,
                 save_path=None):
        tables = sales_tables(data, branche=branche)
        self.model = model.DunningModel.from_tables(
            tables.transaktionen, assumptions=assumptions or profit_model.assumptions_for(tables.branche))
        self._styles = dict(styles or model.DEFAULT_STYLES)
        hard, partner = self._styles[model.HARD], self._styles[model.PARTNER]
        self.years = widgets.FloatSlider(value=min(years, model.MAX_YEARS), min=0, max=model.MAX_YEARS, step=0.5,
                                         continuous_update=False, description="Horizont (Jahre)", style=WIDE_LABEL,
                                         layout=WIDE_SLIDER).add_class("kk-main-control")
        self.late_share = assumption_slider(late_share, 0.5, 0.01, "Anteil der Kunden, die spät zahlen")
        self.hard_churn = assumption_slider(hard.churn, 1, 0.05, "hart: Anteil der Säumigen, die gehen")
        self.partner_churn = assumption_slider(partner.churn, 1, 0.05, "partnerschaftlich: Anteil, der geht")
        self.hard_recovery = assumption_slider(hard.recovery, 1, 0.05, "hart: eingetriebener Anteil")
        self.partner_recovery = assumption_slider(partner.recovery, 1, 0.05, "partnerschaftlich: eingetriebener Anteil")
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        controls = (self.years, self.late_share, self.hard_churn, self.partner_churn, self.hard_recovery,
                    self.partner_recovery)
        for control in controls:
            control.observe(self._on_change, names="value")
        children = [widgets.HTML(render_note(self.model)), GermanSlider(self.years, decimals=1),
                    widgets.HTML("<b>Annahmen des Kurses</b>"), GermanSlider(self.late_share, percent=True),
                    GermanSlider(self.hard_churn, percent=True), GermanSlider(self.partner_churn, percent=True),
                    GermanSlider(self.hard_recovery, percent=True), GermanSlider(self.partner_recovery, percent=True),
                    self.verdict, self.chart, self.table_view]
        self._assemble(children, "kk-dunning", save_path, data=data)
        self._show()

    @property
    def styles(self) -> dict[str, model.DunningStyle]:
        s = model.with_style(self._styles, model.HARD, churn=self.hard_churn.value, recovery=self.hard_recovery.value)
        return model.with_style(s, model.PARTNER, churn=self.partner_churn.value,
                                recovery=self.partner_recovery.value)

    def _compute(self) -> model.Outcome:
        return self.model.compare(self.years.value, self.late_share.value, self.styles)

    def _draw(self) -> alt.LayerChart:
        return dunning_chart(self.result.curve, self.years.value, self.result.styles)

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result)
        self.table_view.value = render_table(self.result.styles[TABLE_COLUMNS],
                                             title="Beide Mahnstile im Vergleich (€ über den Horizont)",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result.curve, self.years.value, self.result.styles)

    def record(self) -> dict:
        """Horizon, assumptions and the outcome of both styles as one flat record (for the transfer file)."""
        o, s = self.result, self.styles
        hard, partner = o.row(model.HARD), o.row(model.PARTNER)
        return {"mahn_horizont_jahre": o.years, "mahn_anteil_saeumig": self.late_share.value,
                "hart_anteil_geht": s[model.HARD].churn, "partner_anteil_geht": s[model.PARTNER].churn,
                "hart_eingetrieben_anteil": s[model.HARD].recovery,
                "partner_eingetrieben_anteil": s[model.PARTNER].recovery, "kunden": self.model.size,
                "saeumige_kunden": int(hard["saeumige_kunden"]), "hart_wert": round(float(hard["wert_mahnstil"]), 2),
                "partner_wert": round(float(partner["wert_mahnstil"]), 2),
                "partner_lohnt_ab_jahren": "" if o.break_even_years is None else round(o.break_even_years, 2),
                "besserer_mahnstil": o.better}


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> DunningExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``transaktionen``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-dunning" in box._dom_classes, box.result.better in ("hart", "partnerschaftlich")
    (True, True)
    """
    return DunningExplorer(data, **kwargs)
