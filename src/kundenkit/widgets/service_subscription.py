"""Widget of lesson 4.7: the subscription fee (main control) and the course's assumptions → both options' net effect."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.service_subscription import subscription_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import MINUS, de_count, de_money, de_number, de_percent
from kundenkit.models import customer_profit as profit_model
from kundenkit.models import service_subscription as model
from kundenkit.widgets.controls import WIDE_LABEL, WIDE_SLIDER, GermanSlider, assumption_slider
from kundenkit.widgets.lesson import LessonExplorer, sales_tables

TABLE_COLUMNS = ["option", "mitglieder", "gebuehren", "mehrmarge", "kosten", "nettoeffekt", "kosten_je_mitglied"]


def _money(value: float) -> str:
    return de_money(value, 0).replace("-", MINUS)


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "") + _money(value)


def render_verdict(m: model.SubscriptionModel, c: model.Comparison) -> str:
    """Who takes the subscription, the net effect of both options, which is better, and the break-even values.

    >>> t = pd.DataFrame({"kunden_id": ["A"] * 20 + ["B"] * 2, "betrag": [50.0] * 22})
    >>> m = model.SubscriptionModel.from_tables(t, years=1)
    >>> text = render_verdict(m, m.compare())
    >>> "1 von 2 Kunden" in text, "Break-even-Gebühr" in text, "mindestens" in text
    (True, True, True)
    """
    s, p = c.subscription, c.points
    abo, points = c.row(model.SUBSCRIPTION), c.row(model.POINTS)
    takers = m.takers(s.fee, s.value_per_purchase)
    head = (f"<b>Bei {_money(s.fee)} Jahresgebühr lohnt sich das Abo für {de_count(takers)} von "
            f"{de_count(m.size)} Kunden</b> (wer mindestens {de_number(s.fee / s.value_per_purchase, 1)} Mal im "
            "Jahr kauft). " if s.value_per_purchase > 0 else
            f"<b>Ohne Nutzen je Kauf lohnt sich das Abo bei {_money(s.fee)} für {de_count(takers)} Kunden.</b> ")
    head += f"Davon schließen {de_percent(s.uptake, 0)} ab: etwa {de_number(abo['mitglieder'], 0)} Abonnenten."
    better = c.better
    colour = "#1b7837" if max(abo["nettoeffekt"], points["nettoeffekt"]) >= 0 else "#b2182b"
    nets = (f"<b style='color:{colour}'>Nettoeffekt im Jahr: Service-Abo {_signed(abo['nettoeffekt'])} · "
            f"Punkteprogramm {_signed(points['nettoeffekt'])} → mehr bringt: {better}.</b>")
    if c.break_even_fee is None:
        fee_text = "Das Abo verliert bei jeder Gebühr bis zum Ende des Reglers Geld."
    else:
        fee_text = (f"Break-even-Gebühr: ab {_money(c.break_even_fee)} verliert das Abo kein Geld; am meisten "
                    f"bringt es bei {_money(c.best_fee)}.")
    if c.break_even_uplift is None:
        points_text = "Die Prämien kosten mehr als die Marge: Das Punkteprogramm kann sich nicht rechnen."
    else:
        points_text = (f"Punkteprogramm: Die Mitglieder müssten mindestens {de_percent(c.break_even_uplift, 1)} "
                       f"mehr kaufen (Annahme: {de_percent(p.uplift, 1)}).")
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
            + "<br>".join([head, nets, fee_text + " " + points_text]) + "</div>")


def render_note(m: model.SubscriptionModel) -> str:
    """Where the figures come from, in German (the learner's purchases, lesson 1.2's margin, the course's assumptions).

    >>> t = pd.DataFrame({"kunden_id": ["A"], "betrag": [10.0]})
    >>> "25 %" in render_note(model.SubscriptionModel.from_tables(t, years=1))
    True
    """
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Umsatz und Käufe je Kunde "
            f"und Jahr kommen aus Ihren Transaktionen ({de_count(m.size)} Kunden), die Marge "
            f"({de_percent(m.margin, 0)}) aus Lektion 1.2. Alle Regler sind <i>Annahmen des Kurses – setzen Sie "
            "Ihre Zahlen ein</i>.</div>")


class SubscriptionExplorer(LessonExplorer):
    """The subscription fee (main control) and the course's assumptions about both options.

    Attributes
    ----------
    model : SubscriptionModel
        Revenue and purchases per customer and year, computed once.
    fee : FloatSlider
        Yearly fee of the subscription (€).
    result : Comparison
        Both options for the current settings.
    chart : altair.JupyterChart
        Net effect of both options over the fee, the current fee marked.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, branche: str | None = None,
                 assumptions: profit_model.Assumptions | None = None,
                 points: model.PointsAssumptions | None = None,
                 subscription: model.SubscriptionAssumptions | None = None, save_path=None):
        tables = sales_tables(data, branche=branche)
        self.model = model.SubscriptionModel.from_tables(
            tables.transaktionen, assumptions=assumptions or profit_model.assumptions_for(tables.branche))
        default_points, default_abo = model.defaults_for(tables.branche)
        p, s = points or default_points, subscription or default_abo
        low, high, step = self.model.fee_range(max(s.value_per_purchase, default_abo.value_per_purchase))
        high = max(high, s.fee)
        self.fee = widgets.FloatSlider(value=s.fee, min=low, max=high, step=step, continuous_update=False,
                                       description="Jahresgebühr des Abos (€)", style=WIDE_LABEL,
                                       layout=WIDE_SLIDER).add_class("kk-main-control")
        v_high = model.nice_ceiling(4 * max(s.value_per_purchase, default_abo.value_per_purchase))
        self.value = assumption_slider(s.value_per_purchase, v_high, v_high / 200,
                                       "Abo: Nutzen je Kauf für den Kunden (€)")
        self.uptake = assumption_slider(s.uptake, 1, 0.05, "Abo: Anteil, der abschließt, wenn es sich lohnt")
        self.cost = assumption_slider(s.cost_per_purchase, v_high, v_high / 200, "Abo: Servicekosten je Kauf (€)")
        self.abo_uplift = assumption_slider(s.uplift, 0.3, 0.005, "Abo: Mehrkäufe der Abonnenten")
        self.churn = assumption_slider(s.churn_reduction, 0.2, 0.005, "Abo: weniger Abwanderung (Prozentpunkte)")
        self.points_per_euro = assumption_slider(p.points_per_euro, 10, 0.5, "Punkte: Punkte je Euro Umsatz")
        self.point_cent = assumption_slider(p.point_value * 100, 5, 0.05, "Punkte: Wert eines Punkts (Cent)")
        self.redemption = assumption_slider(p.redemption, 1, 0.05, "Punkte: Einlösequote")
        self.participation = assumption_slider(p.participation, 1, 0.05, "Punkte: Anteil der Kunden im Programm")
        c_high = model.nice_ceiling(4 * max(p.cost_per_member, default_points.cost_per_member))
        self.member_cost = assumption_slider(p.cost_per_member, c_high, c_high / 200,
                                             "Punkte: Kosten je Mitglied und Jahr (€)")
        self.points_uplift = assumption_slider(p.uplift, 0.3, 0.005, "Punkte: Mehrkäufe der Mitglieder")
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        controls = (self.fee, self.value, self.uptake, self.cost, self.abo_uplift, self.churn, self.points_per_euro,
                    self.point_cent, self.redemption, self.participation, self.member_cost, self.points_uplift)
        for control in controls:
            control.observe(self._on_change, names="value")
        money = 0 if high >= 1000 else 2
        children = [widgets.HTML(render_note(self.model)), GermanSlider(self.fee, decimals=money),
                    widgets.HTML("<b>Annahmen zum Service-Abo</b>"),
                    GermanSlider(self.value, decimals=2), GermanSlider(self.uptake, percent=True),
                    GermanSlider(self.cost, decimals=2), GermanSlider(self.abo_uplift, percent=True, decimals=1),
                    GermanSlider(self.churn, percent=True, decimals=1),
                    widgets.HTML("<b>Annahmen zum Punkteprogramm</b>"),
                    GermanSlider(self.points_per_euro, decimals=1), GermanSlider(self.point_cent, decimals=2),
                    GermanSlider(self.redemption, percent=True), GermanSlider(self.participation, percent=True),
                    GermanSlider(self.member_cost, decimals=2),
                    GermanSlider(self.points_uplift, percent=True, decimals=1),
                    self.verdict, self.chart, self.table_view]
        self._assemble(children, "kk-service-subscription", save_path, data=data)
        self._show()

    @property
    def points(self) -> model.PointsAssumptions:
        return model.PointsAssumptions(points_per_euro=self.points_per_euro.value,
                                       point_value=round(self.point_cent.value / 100, 6),
                                       redemption=self.redemption.value, participation=self.participation.value,
                                       cost_per_member=self.member_cost.value, uplift=self.points_uplift.value)

    @property
    def subscription(self) -> model.SubscriptionAssumptions:
        return model.SubscriptionAssumptions(fee=self.fee.value, value_per_purchase=self.value.value,
                                             uptake=self.uptake.value, cost_per_purchase=self.cost.value,
                                             uplift=self.abo_uplift.value, churn_reduction=self.churn.value)

    def _compute(self) -> model.Comparison:
        return self.model.compare(self.points, self.subscription)

    def _draw(self) -> alt.LayerChart:
        return subscription_chart(self.result.curve, self.fee.value, self.result.options)

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.model, self.result)
        self.table_view.value = render_table(self.result.options[TABLE_COLUMNS],
                                             title="Beide Wege im Vergleich (€ pro Jahr)", max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result.curve, self.fee.value, self.result.options)

    def record(self) -> dict:
        """Fee, assumptions and the outcome of both options as one flat record (for the transfer file)."""
        c, s, p = self.result, self.result.subscription, self.result.points
        abo, points = c.row(model.SUBSCRIPTION), c.row(model.POINTS)
        return {"abo_gebuehr": s.fee, "abo_nutzen_je_kauf": s.value_per_purchase, "abo_anteil_abschluss": s.uptake,
                "abo_kosten_je_kauf": s.cost_per_purchase, "abo_mehrkaeufe": s.uplift,
                "abo_weniger_abwanderung": s.churn_reduction, "punkte_je_euro": p.points_per_euro,
                "punkt_wert": p.point_value, "punkte_einloesequote": p.redemption,
                "punkte_anteil_mitglieder": p.participation, "punkte_kosten_je_mitglied": p.cost_per_member,
                "punkte_mehrkaeufe": p.uplift, "kunden": self.model.size,
                "abo_mitglieder": round(float(abo["mitglieder"]), 1),
                "punkte_mitglieder": round(float(points["mitglieder"]), 1),
                "abo_nettoeffekt": round(float(abo["nettoeffekt"]), 2),
                "punkte_nettoeffekt": round(float(points["nettoeffekt"]), 2),
                "abo_break_even_gebuehr": c.break_even_fee if c.break_even_fee is not None else "",
                "punkte_break_even_mehrkaeufe": c.break_even_uplift if c.break_even_uplift is not None else "",
                "besserer_weg": c.better}


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> SubscriptionExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``transaktionen``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-service-subscription" in box._dom_classes, bool(box.result.options["mitglieder"].iloc[1] > 0)
    (True, True)
    """
    return SubscriptionExplorer(data, **kwargs)
