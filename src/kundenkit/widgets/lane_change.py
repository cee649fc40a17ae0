"""Widget of lesson 1.4: a threshold on the Blinker-Wert → hits, false alarms, missed lane changers.

Plus the brake/accelerate matrix for one of the lane changers caught in time.
"""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.lane_change import explorer_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import lane_change as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

SHOWN = 8          # caught lane changers listed in the table
CHOICES = 20       # caught lane changers offered for the brake/accelerate matrix


def _de_date(stamp) -> str:
    return pd.Timestamp(stamp).strftime("%d.%m.%Y")


class LaneChangeExplorer(LessonExplorer):
    """Threshold and horizon sliders; confusion matrix, caught lane changers and the decision matrix.

    Attributes
    ----------
    threshold, horizon : FloatSlider, IntSlider
        The Blinker threshold (main control) and the horizon after the Stichtag in days.
    scores : DataFrame
        The per-customer table of the current horizon (from ``signal_scores``).
    result : Evaluation
        The current model result at the chosen threshold.
    decision : Decision
        The brake/accelerate answer for the chosen customer.
    chart : altair.JupyterChart
        Confusion matrix and lane changers by Blinker-Wert; replaced on every change.
    """

    def __init__(self, transaktionen, kontakte: pd.DataFrame | None = None, *, kunden: pd.DataFrame | None = None,
                 threshold: float = model.THRESHOLD, horizon_days: int = model.HORIZON_DAYS,
                 window_days: int = model.WINDOW_DAYS, save_path=None, **columns):
        self.history = (transaktionen if isinstance(transaktionen, model.PurchaseHistory)
                        else model.prepare(transaktionen, kontakte, **columns))
        self.window_days = window_days
        self.names = (kunden.set_index(columns.get("customer_col", "kunden_id"))["name"].astype(str)
                      if kunden is not None and "name" in kunden.columns else None)
        # Per horizon: scores, top-decile lift, confusion grid, leaver histogram, customer ids.
        self._cache: dict[int, tuple[pd.DataFrame, float, pd.DataFrame, pd.DataFrame, pd.Index]] = {}
        span = self.history.last_day - self.history.first_day + 1
        longest = max(30, min(365, (span - window_days - model.MIN_EARLIER_DAYS) // 30 * 30))
        self.horizon = widgets.IntSlider(value=min(horizon_days, longest), min=30, max=longest, step=30,
                                         description="Horizont (Tage)", style={"description_width": "130px"},
                                         layout={"width": "420px"}, continuous_update=False)
        self.threshold = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.05,
                                             description="Blinker-Schwelle", style={"description_width": "130px"},
                                             layout={"width": "420px"}).add_class("kk-main-control")
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.caught_table = widgets.HTML()
        self.customer = widgets.Dropdown(description="Kunde", style={"description_width": "60px"},
                                         layout={"width": "520px"})
        self.our_fault = widgets.Checkbox(description="Wir haben Fehler gemacht", indent=False)
        self.sure_advantage = widgets.Checkbox(description="Unser Vorteil ist sicher", indent=False)
        self.decision_box = widgets.HTML()

        self._load_horizon()
        self.result = self._evaluate()
        self.chart = alt.JupyterChart(self._chart(), embed_options=EMBED_OPTIONS)
        self._show()
        self._fill_customers()

        self.threshold.observe(self._on_threshold, names="value")
        self.horizon.observe(self._on_horizon, names="value")
        self.customer.observe(self._on_customer, names="value")
        self.our_fault.observe(self._on_decision, names="value")
        self.sure_advantage.observe(self._on_decision, names="value")

        decision_part = widgets.VBox([
            widgets.HTML("<b>Bremsen oder Gas geben?</b> Wählen Sie einen Kunden, den der Blinker "
                         "rechtzeitig gemeldet hat, und beantworten Sie die zwei Fragen.<br>"
                         f"<small style='color:#444'>{model.MATRIX_NOTE}</small>"),
            self.customer, widgets.HBox([self.our_fault, self.sure_advantage]), self.decision_box,
        ], layout={"margin": "12px 0 0 0"})
        children = [widgets.VBox([GermanSlider(self.threshold, decimals=2), GermanSlider(self.horizon)]),
                    self.verdict, self.chart,
                    self.caught_table, decision_part]
        self._assemble(children, "kk-lane-change", save_path, data=transaktionen)

    # --- computation (all in the model) ---------------------------------------------------

    def _load_horizon(self) -> None:
        horizon = self.horizon.value
        if horizon not in self._cache:
            scores = model.signal_scores(self.history, horizon_days=horizon, window_days=self.window_days)
            self._cache[horizon] = (scores, model.lift_top_decile(scores), model.confusion_grid(scores),
                                    model.leaver_histogram(scores), pd.Index(scores["kunden_id"]))
        self.scores, self.lift, self.grid, self.histogram, self._ids = self._cache[horizon]

    def _evaluate(self) -> model.Evaluation:
        return model.evaluate(self.scores, self.threshold.value, lift=self.lift)

    def _chart(self):
        return explorer_chart(self.grid, self.histogram, self.threshold.value)

    # --- display ------------------------------------------------------------------------

    def _show(self) -> None:
        r = self.result
        stichtag = _de_date(self.scores.attrs["stichtag"])
        contacts = ("Kaufrückgang und schlecht bewertete Kontakte" if self.scores.attrs["mit_kontakten"]
                    else "Kaufrückgang (ohne Kontakttabelle)")
        self.verdict.value = (
            f"<div style='font-size:1.1em;margin:8px 0;line-height:1.45'>"
            f"Von <b>{de_number(r.spurwechsler, 0)}</b> Kunden, die nach dem Stichtag {stichtag} nichts mehr gekauft "
            f"haben, hätten Sie <b>{de_number(r.treffer, 0)}</b> rechtzeitig gesehen – bei "
            f"<b>{de_number(r.fehlalarme, 0)}</b> Fehlalarmen. Verpasst: {de_number(r.verpasst, 0)}.<br>"
            f"Precision {de_percent(r.precision)} (so viele Gemeldete gingen wirklich) · "
            f"Recall {de_percent(r.recall)} (so viele Spurwechsler wurden gemeldet) · "
            f"Lift im obersten Zehntel {self._lift_text(r.lift_top_decile)}<br>"
            f"<small>Im Blick: {de_number(r.population, 0)} Kunden mit einem Kauf im Jahr vor dem Stichtag. "
            f"Blinker aus den {self.window_days} Tagen davor: {contacts}. Modell des Kurses.</small></div>"
        )
        self._show_caught()

    @staticmethod
    def _lift_text(lift: float) -> str:
        """The top-decile lift with what it means (not the lift of a rule from lesson 1.3)."""
        if lift != lift:  # nan: nobody left
            return "– (niemand hat die Spur gewechselt)"
        value = de_number(lift, 1)
        return (f"{value} (unter den 10 % mit dem höchsten Blinker-Wert sind Spurwechsler {value}-mal so häufig "
                "wie unter allen)")

    def _label(self, row) -> str:
        name = f" · {self.names.get(row['kunden_id'], '')}" if self.names is not None else ""
        return f"{row['kunden_id']}{name} · Blinker {de_number(row['blinker'])}"

    def _recent_caught(self, n: int) -> pd.DataFrame:
        return self.result.caught.sort_values(["letzter_kauf", "blinker"], ascending=False, kind="stable").head(n)

    def _show_caught(self) -> None:
        caught = self._recent_caught(SHOWN)
        if caught.empty:
            self.caught_table.value = "<p>Bei dieser Schwelle meldet der Blinker keinen Spurwechsler rechtzeitig.</p>"
            return
        header = "".join(f"<th style='padding:2px 10px;text-align:left'>{h}</th>" for h in (
            "Kunde", "letzter Kauf", "Käufe zuvor (je Fenster erwartet)", "Käufe zuletzt", "schlechter Kontakt",
            "Blinker"))
        rows = "".join(
            "<tr>" + "".join(f"<td style='padding:2px 10px'>{html.escape(str(v))}</td>" for v in (
                self._label(row).rsplit(" · Blinker", 1)[0], _de_date(row["letzter_kauf"]),
                de_number(row["erwartet_zuletzt"], 1), row["käufe_zuletzt"],
                "ja" if row["schlechter_kontakt"] else "nein", de_number(row["blinker"]))) + "</tr>"
            for _, row in caught.iterrows())
        self.caught_table.value = (
            f"<div style='margin-top:6px'><b>Rechtzeitig gesehen</b> – die {len(caught)} zuletzt noch aktiven "
            f"von {de_number(self.result.treffer, 0)} gemeldeten Spurwechslern:"
            f"<table style='border-collapse:collapse;margin-top:4px'><tr>{header}</tr>{rows}</table></div>")

    def _fill_customers(self) -> None:
        caught = self._recent_caught(CHOICES)
        options = [(self._label(row), str(row["kunden_id"])) for _, row in caught.iterrows()]
        current = self.customer.value
        self._filling = True
        try:
            self.customer.options = options
            if options:
                keep = any(value == current for _, value in options)
                self.customer.value = current if keep else options[0][1]
        finally:
            self._filling = False
        self._on_customer()

    def _customer_row(self):
        position = self._ids.get_indexer([self.customer.value])[0] if self.customer.value else -1
        return None if position < 0 else self.scores.iloc[position]

    def _on_customer(self, _change=None) -> None:
        if getattr(self, "_filling", False):
            return
        row = self._customer_row()
        if row is not None:
            # A poorly rated contact is a hint from the data that we may have made mistakes.
            self.our_fault.value = bool(row["schlechter_kontakt"])
        self._on_decision()

    def _on_decision(self, _change=None) -> None:
        self.decision = model.decide(self.our_fault.value, self.sure_advantage.value)
        row = self._customer_row()
        hint = ""
        if row is not None:
            purchases = "1 Kauf" if row["käufe_zuletzt"] == 1 else f"{row['käufe_zuletzt']} Käufe"
            hint = (f"{html.escape(self._label(row))}: {purchases} in den letzten "
                    f"{self.window_days} Tagen vor dem Stichtag, erwartet waren {de_number(row['erwartet_zuletzt'], 1)}"
                    + ("; ein schlecht bewerteter Kontakt." if row["schlechter_kontakt"] else ".") + "<br>")
        cells = ""
        for fault in (True, False):
            cells += (f"<tr><th style='padding:4px 8px;text-align:left'>"
                      f"{'Fehler gemacht' if fault else 'kein Fehler'}</th>")
            for advantage in (False, True):
                d = model.decide(fault, advantage)
                chosen = d == self.decision
                style = ("background:#0072B2;color:white;font-weight:bold" if chosen
                         else "background:#f3f3f3;color:#333")
                cells += (f"<td style='padding:6px 10px;{style}'>{d.action}<br>"
                          f"<small>{d.source}</small></td>")
            cells += "</tr>"
        self.decision_box.value = (
            f"<div style='margin-top:4px'>{hint}<b>{self.decision.action}</b>: {self.decision.advice} "
            f"<small>({self.decision.source})</small>"
            "<table style='border-collapse:separate;border-spacing:3px;margin-top:6px'>"
            "<tr><th></th><th style='padding:4px 8px'>Vorteil unsicher</th>"
            f"<th style='padding:4px 8px'>Vorteil sicher</th></tr>{cells}</table></div>")

    # --- events --------------------------------------------------------------------------

    def _on_threshold(self, _change=None) -> None:
        self.result = self._evaluate()
        self._show()
        self._fill_customers()
        # Move the threshold through the chart's parameter: no new spec, no re-render of the rest.
        self.chart.params.set_trait("schwelle", round(float(self.threshold.value), 2))

    def _on_horizon(self, _change=None) -> None:
        self._load_horizon()
        self.result = self._evaluate()
        self._show()
        self._fill_customers()
        self.chart.chart = self._chart()

    def record(self) -> dict:
        """Settings, key figures and the decision as one flat record (for the transfer file)."""
        r = self.result
        return {"stichtag": _de_date(self.scores.attrs["stichtag"]), "horizont_tage": self.horizon.value,
                "blinker_schwelle": round(r.threshold, 2), "kunden_im_blick": r.population,
                "spurwechsler": r.spurwechsler, "treffer": r.treffer, "fehlalarme": r.fehlalarme,
                "verpasst": r.verpasst, "precision": round(r.precision, 3), "recall": round(r.recall, 3),
                "lift_oberstes_zehntel": round(r.lift_top_decile, 2),
                "fehler_gemacht": "ja" if self.our_fault.value else "nein",
                "vorteil_sicher": "ja" if self.sure_advantage.value else "nein",
                "entscheidung": self.decision.action}


def explorer(transaktionen, kontakte: pd.DataFrame | None = None, **kwargs) -> LaneChangeExplorer:
    """The lesson's widget; only the purchase table is required (contacts and customers are optional)."""
    return LaneChangeExplorer(transaktionen, kontakte, **kwargs)
