"""Widget of lesson 1.1: recognition rate → relationship strength → price premium → does recognising pay?"""
from __future__ import annotations

import math

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.relationship import explorer_chart, explorer_datasets
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.formatting import de_money, de_number, de_percent
from kundenkit.models import relationship as model
from kundenkit.widgets.controls import GermanNumberField, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

# Used only when no transactions are given (the learner's own company): assumptions of the course.
DEFAULT_EPISODES = 6.0
DEFAULT_REVENUE = 1000.0

_STYLE = {"description_width": "165px"}
_LAYOUT = {"width": "415px"}


def _euro(value: float) -> str:
    """Money with cents and the typographic minus for a loss: ``−4,49 €``."""
    return de_money(value, 2)


class RelationshipExplorer(LessonExplorer):
    """Controls of the interaction chain; redraws both charts and the verdict on every change.

    Attributes
    ----------
    typical : DataFrame or None
        The typical (median) customer of all customers and of each segment of the data.
    recognition : FloatSlider
        The main control: the share of episodes in which the firm recognises the customer.
    revenue : GermanNumberField
        The yearly revenue per customer, typed the German way (``1.500,50``).
    result : kundenkit.models.relationship.Recognition
        The current model result.
    chart : altair.JupyterChart
        The chart widget. A change swaps only the named datasets in its ``spec``
        (a few hundred rows), so no new Altair chart has to be built.
    """

    def __init__(self, transaktionen: pd.DataFrame | None = None, kunden: pd.DataFrame | None = None, *,
                 recognition: float = 0.6, half_life_years: float = model.HALF_LIFE_YEARS,
                 max_premium: float = model.MAX_PREMIUM, gain: float = model.GAIN, save_path=None):
        self.gain = gain
        self._quiet = False
        self.typical = (model.typical_customers(model.customer_rates(transaktionen, kunden))
                        if transaktionen is not None else None)
        if self.typical is not None:
            groups = self.typical.set_index("gruppe")
            self._groups = {name: (float(row["käufe_pro_jahr"]), float(row["umsatz_pro_jahr"]))
                            for name, row in groups.iterrows()}
        else:
            self._groups = {"Ihr Unternehmen": (DEFAULT_EPISODES, DEFAULT_REVENUE)}
        first = next(iter(self._groups))
        episodes, revenue = self._groups[first]
        top_revenue = max(r for _, r in self._groups.values())
        cost_max = max(10.0, math.ceil(top_revenue * 0.10))

        self.group = widgets.Dropdown(options=list(self._groups), value=first, description="Kundengruppe",
                                      style=_STYLE, layout=_LAYOUT)
        self.recognition = widgets.FloatSlider(
            value=recognition, min=0, max=1, step=0.05, description="Erkennungsrate", style=_STYLE, layout=_LAYOUT,
            tooltip="Anteil der Käufe, bei denen Ihr Unternehmen den Kunden wiedererkennt").add_class("kk-main-control")
        self.episodes = widgets.FloatSlider(
            value=self._clip_episodes(episodes), min=0.5, max=60, step=0.1,
            description="Käufe je Kunde und Jahr", style=_STYLE, layout=_LAYOUT,
            tooltip="Episoden der Interaktionskette: Käufe (oder Kontakte) je Kunde und Jahr")
        self.half_life = widgets.FloatSlider(
            value=half_life_years, min=0.25, max=5, step=0.25,
            description="Halbwertszeit (Jahre)", style=_STYLE, layout=_LAYOUT,
            tooltip="Ohne erkannte Episode halbiert sich die Beziehungsstärke in dieser Zeit")
        self.max_premium = widgets.FloatSlider(
            value=max_premium, min=0, max=0.3, step=0.01,
            description="Aufschlag bei Stärke 1", style=_STYLE, layout=_LAYOUT,
            tooltip="Preisaufschlag, den ein Kunde bei voller Beziehungsstärke akzeptiert")
        self.revenue = GermanNumberField(
            round(revenue, 2), min=0, max=1e9, description="Umsatz je Kunde/Jahr (€)",
            tooltip="Jahresumsatz je Kunde in Euro, z. B. 1.500,50", style=_STYLE, layout=_LAYOUT)
        self.cost = widgets.FloatSlider(
            value=min(model.default_cost(revenue), cost_max), min=0, max=cost_max,
            step=self._cost_step(cost_max), description="Kosten je Kunde/Jahr (€)", style=_STYLE, layout=_LAYOUT,
            tooltip="Kosten des Wiedererkennens je Kunde und Jahr (Kundenkarte, CRM, Schulung); "
                    "bei einer Erkennungsrate von 0 % fallen sie nicht an")
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._chart(), embed_options=EMBED_OPTIONS)

        self.group.observe(self._on_group, names="value")
        for control in (self.recognition, self.episodes, self.half_life, self.max_premium, self.revenue, self.cost):
            control.observe(self._on_change, names="value")

        source = ("Käufe und Umsatz: Median Ihrer Daten, je Kundengruppe." if self.typical is not None else
                  "Käufe und Umsatz: Beispielwerte – setzen Sie die Zahlen Ihres Unternehmens ein.")
        note = widgets.HTML(
            "<div style='font-size:0.9em;color:#444;max-width:900px'>"
            f"{source} Halbwertszeit, Aufschlag bei Stärke 1 und Kosten sind "
            "<b>Annahmen des Kurses – setzen Sie Ihre Zahlen ein.</b> Die Kosten starten bei "
            f"{de_percent(model.COST_SHARE)} des Jahresumsatzes aller Kunden. Sie fallen an, sobald Ihr "
            "Unternehmen überhaupt wiedererkennt; wer niemanden wiedererkennt (0 %, der anonyme Discounter), "
            "zahlt nichts dafür. Jede erkannte Episode schließt "
            f"{de_percent(gain)} der Lücke zur vollen Stärke (ebenfalls eine Annahme).</div>")
        controls = widgets.HBox([
            widgets.VBox([self.group, GermanSlider(self.recognition, percent=True),
                          GermanSlider(self.episodes, decimals=1), GermanSlider(self.half_life, decimals=2)]),
            widgets.VBox([GermanSlider(self.max_premium, percent=True), self.revenue,
                          GermanSlider(self.cost, decimals=2)]),
        ])
        children = [controls, note, self.verdict, self.chart]
        self._assemble(children, "kk-relationship", save_path, data=transaktionen)
        self._show_verdict()

    @staticmethod
    def _clip_episodes(value: float) -> float:
        return min(max(round(value, 1), 0.5), 60.0)

    @staticmethod
    def _cost_step(cost_max: float) -> float:
        return 0.1 if cost_max <= 100 else (1.0 if cost_max <= 1000 else 10.0)

    def _compute(self) -> model.Recognition:
        return model.assess(self.recognition.value, self.episodes.value, self.revenue.value, self.cost.value,
                            max_premium=self.max_premium.value, gain=self.gain,
                            half_life_years=self.half_life.value)

    def _arguments(self) -> tuple[tuple, dict]:
        return ((self.recognition.value, self.episodes.value, self.revenue.value, self.cost.value),
                {"max_premium": self.max_premium.value, "gain": self.gain, "half_life_years": self.half_life.value})

    def _chart(self) -> alt.HConcatChart:
        args, kwargs = self._arguments()
        return explorer_chart(*args, **kwargs)

    def _references(self) -> str:
        parts = []
        for name, rate in (model.TANTE_EMMA, model.DISCOUNTER):
            ref = model.assess(rate, self.episodes.value, self.revenue.value, self.cost.value,
                               max_premium=self.max_premium.value, gain=self.gain,
                               half_life_years=self.half_life.value)
            parts.append(f"{name} ({de_percent(rate)}): Stärke {de_number(ref.strength)}, "
                         f"Saldo {_euro(ref.net)}")
        return " · ".join(parts)

    def _show_verdict(self) -> None:
        res = self.result
        if res.recognition == 0:
            self.verdict.value = (
                "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
                "Bei 0 % erkennt Ihr Unternehmen niemanden wieder – wie der anonyme Discounter: keine Beziehung, "
                f"kein Preisaufschlag, aber auch keine Kosten (Saldo {_euro(0)}). {self._break_even_text()}<br>"
                f"<span style='color:#444'>Zum Vergleich: {self._references()}</span></div>")
            return
        balance = ("<b>lohnt sich</b>" if res.pays_off else "<b>lohnt sich nicht</b>") + f" (Saldo {_euro(res.net)})"
        self.verdict.value = (
            "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
            f"{self._break_even_text()}<br>Bei {de_percent(res.recognition)} erreicht die Beziehung langfristig die "
            f"Stärke <b>{de_number(res.strength)}</b>. Kunden akzeptieren dann einen Preisaufschlag von "
            f"{de_percent(res.premium, 1)}: <b>{_euro(res.extra_revenue)}</b> Mehrerlös gegen "
            f"{_euro(res.cost)} Kosten je Kunde und Jahr – {balance}.<br>"
            f"<span style='color:#444'>Zum Vergleich: {self._references()}</span></div>"
        )

    def _break_even_text(self) -> str:
        res = self.result
        if math.isnan(res.break_even):
            return "Bei diesen Annahmen lohnt sich das Wiedererkennen bei <b>keiner</b> Erkennungsrate."
        return f"Das Wiedererkennen lohnt sich <b>ab einer Erkennungsrate von {de_percent(res.break_even, 1)}</b>."

    def _on_group(self, change) -> None:
        episodes, revenue = self._groups[change["new"]]
        self._quiet = True                      # one redraw for both values, not two
        try:
            self.episodes.value = self._clip_episodes(episodes)
            self.revenue.value = round(revenue, 2)
        finally:
            self._quiet = False
        self._on_change()

    def _on_change(self, _change=None) -> None:
        if self._quiet:
            return
        self.result = self._compute()
        self._show_verdict()
        args, kwargs = self._arguments()
        self.chart.spec = {**self.chart.spec, "datasets": explorer_datasets(*args, **kwargs)}

    def record(self) -> dict:
        """The current inputs and model result as one flat record (for the transfer file)."""
        res = self.result
        return {
            "kundengruppe": self.group.value,
            "erkennungsrate": res.recognition,
            "käufe_pro_jahr": res.episodes_per_year,
            "halbwertszeit_jahre": self.half_life.value,
            "preisaufschlag_bei_stärke_1": self.max_premium.value,
            "jahresumsatz_je_kunde": res.revenue_per_year,
            "kosten_je_kunde": self.cost.value,
            "stärke_langfristig": round(res.strength, 4),
            "preisaufschlag": round(res.premium, 4),
            "mehrerlös_je_kunde": round(res.extra_revenue, 2),
            "saldo_je_kunde": round(res.net, 2),
            "gewinnschwelle_erkennungsrate": None if math.isnan(res.break_even) else round(res.break_even, 4),
        }


def explorer(transaktionen: pd.DataFrame | None = None, kunden: pd.DataFrame | None = None,
             **kwargs) -> RelationshipExplorer:
    """The lesson's widget; pass the transactions (and the customers, for segments) of your data."""
    return RelationshipExplorer(transaktionen, kunden, **kwargs)
