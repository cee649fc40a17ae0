"""Widget of lesson 3.10: two thresholds → Fremde, Schmetterlinge, wahre Freunde and Kletten of the learner's data."""
from __future__ import annotations

import html
import math

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.loyalty_profit import Cells, loyalty_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import MINUS, de_count, de_date, de_money, de_number, de_percent
from kundenkit.models import customer_profit as profit_model
from kundenkit.models import loyalty_profit as model
from kundenkit.widgets.controls import FIT, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, sales_tables

_STYLE = {"description_width": "270px"}
_LAYOUT = {"width": "600px"}
TABLE_COLUMNS = ["gruppe", "kunden", "anteil_kunden", "gewinn_summe", "anteil_gewinn", "gewinn_je_kunde"]
NO_CHOICE = "(noch keine Wahl)"


def _money(value: float) -> str:
    return de_money(value, 0).replace("-", MINUS)


def _share(value: float, decimals: int = 1) -> str:
    return "–" if value != value else de_percent(value, decimals)


def render_verdict(result: model.LoyaltyResult) -> str:
    """The point of the story for these thresholds: how many long-standing customers are barnacles.

    >>> s = model.group_summary(pd.Series([0, 2, 2, 3]).to_numpy(), pd.Series([10.0, 50.0, 30.0, -5.0]).to_numpy())
    >>> text = render_verdict(model.LoyaltyResult(2.0, 20.0, None, s))
    >>> "3 langjährigen Kunden" in text, "1 Klette" in text, "33,3 %" in text
    (True, True, True)
    """
    long, barnacles = result.long_customers, result.count(model.BARNACLES)
    head = (f"<b>Schwellen: lang ab {de_number(result.duration_threshold, 1)} Jahren, profitabel ab "
            f"{_money(result.profit_threshold)} Gewinn im Jahr.</b>")
    if long == 0:
        point = "Kein Kunde erreicht diese Dauer. Schieben Sie die Schwelle der Dauer nach links."
    elif barnacles == 0:
        point = (f"Von Ihren {de_count(long)} langjährigen Kunden ist mit dieser Gewinnschwelle <b>keiner eine "
                 "Klette</b>. Schieben Sie „Profitabel ab“ nach rechts.")
    else:
        noun = "Klette" if barnacles == 1 else "Kletten"
        point = (f"Von Ihren {de_count(long)} langjährigen Kunden sind <b>{de_count(barnacles)} {noun}: "
                 f"{_share(result.barnacle_share)}</b>. Treu heißt nicht profitabel.")
    total = result.total_profit
    parts = []
    for group in (model.TRUE_FRIENDS, model.BUTTERFLIES, model.BARNACLES, model.STRANGERS):
        row = result.summary[result.summary["gruppe"] == group].iloc[0]
        share = f" ({_share(row['anteil_gewinn'])} des Gesamtgewinns)" if total > 0 else ""
        parts.append(f"{group}: {_money(row['gewinn_summe'])}{share}")
    profit = "Gewinn im Jahr – " + " · ".join(parts) + "."
    if total <= 0:
        profit += " Der Gesamtgewinn ist nicht im Plus: Anteile daran sagen dann nichts."
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
            + "<br>".join([head, point, profit]) + "</div>")


def render_note(m: model.LoyaltyModel) -> str:
    """Where duration and profit come from, in German (the course's model, the learner's tables).

    >>> t = pd.DataFrame({"kunden_id": ["A", "B"], "betrag": [10.0, 20.0],
    ...                   "datum": pd.to_datetime(["2023-01-01", "2024-12-31"])})
    >>> text = render_note(model.LoyaltyModel.from_tables(t))
    >>> "ersten Kauf in Ihren Daten" in text, "kontakte fehlt" in text
    (True, True)
    """
    if m.since_used >= m.first_used:
        start = ("Die Dauer zählt vom Datum „Kunde seit“ der Kundentabelle bis zum letzten Kauf"
                 + (f" ({de_count(m.first_used)} Kunden ohne passendes Datum: ab dem ersten Kauf)"
                    if m.first_used else "") + ".")
    else:
        start = (f"Die Dauer zählt vom ersten Kauf in Ihren Daten bis zum letzten Kauf. Ihre Daten reichen vom "
                 f"{de_date(m.first_date)} bis {de_date(m.last_date)}: Länger kann hier keine Beziehung sein. "
                 "Mit einer Kundentabelle (Spalte „kunde_seit“) rechnet der Kurs ab „Kunde seit“.")
    missing = "".join(f" Die Tabelle {name} fehlt: ihr Beitrag zum Gewinn ist 0." for name in m.missing)
    left_out = (f" {de_count(m.without_purchase)} Kunden ohne Kauf sind nicht dabei." if m.without_purchase else "")
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Der Gewinn je Kunde und "
            "Jahr ist der aus Lektion 1.2 (Deckungsbeitrag − Servicekosten + Wert der Informationen und "
            f"Empfehlungen, ohne Könige).{missing} {start}{left_out} Die Schwellen starten beim Median: eine Wahl "
            "des Kurses, keine Vorgabe der Forschung.</div>")


class LoyaltyExplorer(LessonExplorer):
    """Sliders for the profit threshold (main control) and the duration threshold; chart, verdict and table.

    Attributes
    ----------
    model : LoyaltyModel
        Duration and profit per customer, computed once.
    profit_threshold, duration_threshold : FloatSlider
        From how many € profit per year a customer counts as profitable; from how many years as long-standing.
    result : LoyaltyResult
        The four groups for the current thresholds.
    chart : altair.JupyterChart
        Customers on duration × profit (counted on a grid), the threshold lines and the groups.
    first_group : Dropdown or None
        With ``save_path``: the group the learner wants to take on first (saved with its treatment).
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, kunden: pd.DataFrame | None = None, *,
                 kontakte: pd.DataFrame | None = None, befragung: pd.DataFrame | None = None,
                 branche: str | None = None, assumptions: profit_model.Assumptions | None = None,
                 duration_threshold: float | None = None, profit_threshold: float | None = None, save_path=None):
        data = course_data(data, branche)
        tables = sales_tables(data, kunden=kunden, kontakte=kontakte, befragung=befragung, branche=branche)
        assumptions = assumptions or profit_model.assumptions_for(tables.branche)
        self.model = model.LoyaltyModel.from_tables(tables.transaktionen, tables.kunden, tables.kontakte,
                                                    tables.befragung, assumptions=assumptions)
        self.cells = Cells.from_grid(model.density_grid(self.model))
        x_lo, x_hi, y_lo, y_hi = model.grid_bounds(self.model)
        d0, p0 = self.model.default_thresholds()
        self.defaults = (d0, p0)
        step = self.model.profit_step
        self.profit_threshold = widgets.FloatSlider(
            value=p0 if profit_threshold is None else profit_threshold, min=y_lo, max=y_hi, step=step,
            continuous_update=False, description="Profitabel ab (€ Gewinn im Jahr)", style=_STYLE,
            layout=_LAYOUT).add_class("kk-main-control")
        self.duration_threshold = widgets.FloatSlider(
            value=d0 if duration_threshold is None else duration_threshold, min=x_lo, max=x_hi,
            step=model.DURATION_STEP, continuous_update=False, description="Langjährig ab (Jahre)",
            style=_STYLE, layout=_LAYOUT)
        self.reset = widgets.Button(description="Zurück auf die Mediane", layout=FIT)
        self.reset.on_click(self._on_reset)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(loyalty_chart(self.model, self.result, cells=self.cells),
                                      embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for control in (self.profit_threshold, self.duration_threshold):
            control.observe(self._on_change, names="value")
        children: list[widgets.Widget] = [
            widgets.HTML(render_note(self.model)),
            GermanSlider(self.profit_threshold, decimals=0),
            GermanSlider(self.duration_threshold, decimals=1), widgets.HBox([self.reset]),
            self.verdict, self.chart, self.table_view]
        self.first_group = None
        if save_path is not None:
            self.first_group = widgets.Dropdown(options=[NO_CHOICE, *model.GROUPS], value=NO_CHOICE,
                                                description="Womit fangen Sie an?",
                                                style={"description_width": "170px"}, layout={"width": "420px"})
            self.treatment = widgets.HTML()
            self.first_group.observe(self._on_group, names="value")
            children += [self.first_group, self.treatment]
        self._assemble(children, "kk-loyalty-profit", save_path, data=data)
        self._show()

    def _compute(self) -> model.LoyaltyResult:
        return self.model.evaluate(self.duration_threshold.value, self.profit_threshold.value)

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result)
        self.table_view.value = render_table(self.result.summary[TABLE_COLUMNS], title="Die vier Gruppen",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.model, self.result, self.cells)

    def _on_reset(self, _button=None) -> None:
        self.duration_threshold.value, self.profit_threshold.value = self.defaults

    def _on_group(self, _change=None) -> None:
        group = self.first_group.value if self.first_group is not None else NO_CHOICE
        self.treatment.value = ("" if group == NO_CHOICE else
                                f"<div style='margin:4px 0'><b>{html.escape(group)}:</b> "
                                f"{html.escape(model.TREATMENTS[group])}</div>")

    def record(self) -> dict:
        """Thresholds, the four groups and the learner's first group as one flat record (for the transfer file)."""
        r = self.result
        out: dict = {"schwelle_dauer_jahre": r.duration_threshold, "schwelle_gewinn": r.profit_threshold,
                     "beginn_der_dauer": self.model.start_source, "kunden": self.model.size}
        for group, key in ((model.STRANGERS, "fremde"), (model.BUTTERFLIES, "schmetterlinge"),
                           (model.TRUE_FRIENDS, "wahre_freunde"), (model.BARNACLES, "kletten")):
            row = r.summary[r.summary["gruppe"] == group].iloc[0]
            out[f"kunden_{key}"] = int(row["kunden"])
            share = row["anteil_gewinn"]
            out[f"gewinnanteil_{key}"] = None if share != share else round(float(share), 4)
        share = r.barnacle_share
        out["anteil_kletten_unter_langjährigen"] = None if math.isnan(share) else round(share, 4)
        out["gesamtgewinn_pro_jahr"] = round(r.total_profit, 2)
        if self.first_group is not None and self.first_group.value != NO_CHOICE:
            out["erste_gruppe"] = self.first_group.value
            out["behandlung_erste_gruppe"] = model.TREATMENTS[self.first_group.value]
        return out


def explorer(data: CustomerBase | pd.DataFrame | None = None, kunden: pd.DataFrame | None = None,
             **kwargs) -> LoyaltyExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``transaktionen``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-loyalty-profit" in box._dom_classes, box.result.count("Kletten") > 0
    (True, True)
    """
    return LoyaltyExplorer(data, kunden, **kwargs)
