"""Widget of lesson 3.9: find the contact cap that maximises value – next best action against sending everything."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.next_best_action import (
    comparison_chart,
    comparison_datasets,
    curve_chart,
    curve_datasets,
    updated_spec,
)
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_count, de_money, de_number, de_percent
from kundenkit.models import next_best_action as model
from kundenkit.widgets.controls import GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, lesson_table

_STYLE = {"description_width": "300px"}
_LAYOUT = {"width": "600px"}
_BUTTONS = {"description_width": "300px", "button_width": "auto"}
SAMPLE = 500          # customers simulated (a fixed, seeded sample of the data)
MAX_CAP = 10


def _weights_text(weights: dict[str, float]) -> str:
    """The weights of a weighting in German: ``Angebote 2 · Service 1 · Dank 1``.

    >>> _weights_text({"Angebot": 2.0, "Service": 1.0, "Dank": 0.5})
    'Angebote 2 · Service 1 · Dank 0,5'
    """
    names = {model.OFFER: "Angebote", model.SERVICE: "Service", model.THANKS: "Dank"}
    return " · ".join(f"{names[k]} {de_number(v, 0 if float(v).is_integer() else 1)}" for k, v in weights.items())


def render_verdict(result: model.SimulationResult, cap: int) -> str:
    """The verdict for a cap: contacts, value, how far from the best cap, and what sending everything brings.

    >>> curve = pd.DataFrame({"kontaktgrenze": [0, 1, 2, 3], "kontakte_je_kunde": [0.0, 20.0, 35.0, 50.0],
    ...                       "antworten_je_kunde": [0.0, 2.0, 2.6, 2.4], "anteil_abgemeldet": [0.0, 0.05, 0.1, 0.3],
    ...                       "wert_pro_kunde": [0.0, 30.0, 36.0, 28.0]})
    >>> blast = pd.DataFrame({"kontaktgrenze": [pd.NA], "kontakte_je_kunde": [90.0], "antworten_je_kunde": [1.0],
    ...                       "anteil_abgemeldet": [0.7], "wert_pro_kunde": [12.0]})
    >>> import numpy as np
    >>> r = model.SimulationResult(curve, blast, 30, np.arange(3), np.zeros(0), np.zeros(0), np.zeros(0))
    >>> "<b>Maximum</b>" in render_verdict(r, 2), "unter dem Maximum" in render_verdict(r, 1)
    (True, True)
    >>> "über dem Maximum" in render_verdict(r, 3), "78 %" in render_verdict(r, 3)
    (True, True)
    """
    row, best = result.row(cap), result.best_cap()
    top = result.row(best)
    share = row["wert_pro_kunde"] / top["wert_pro_kunde"] if top["wert_pro_kunde"] > 0 else 0.0
    head = (f"<b>Höchstens {cap} Kontakt{'' if cap == 1 else 'e'} je Kanal in {result.window_days} Tagen: "
            f"{de_number(row['kontakte_je_kunde'], 1)} Kontakte je Kunde und Jahr, Wert "
            f"{de_money(row['wert_pro_kunde'], 2)} je Kunde.</b>")
    if row["wert_pro_kunde"] >= top["wert_pro_kunde"]:
        where = ("Das ist das <b>Maximum</b> dieses Modells: Weniger Kontakte lassen Antworten liegen, mehr Kontakte "
                 "ermüden die Kunden.")
    elif cap < best:
        where = (f"Das ist <b>unter dem Maximum</b> ({de_percent(share)} des besten Werts): Mit bis zu {best} "
                 f"Kontakten je Kanal steigt der Wert auf {de_money(top['wert_pro_kunde'], 2)}.")
    else:
        where = (f"Das ist <b>über dem Maximum</b> ({de_percent(share)} des besten Werts): Die zusätzlichen Kontakte "
                 f"ermüden, {de_percent(row['anteil_abgemeldet'])} der berechtigten Kunden melden sich ab. Am besten "
                 f"sind {best} Kontakte je Kanal mit {de_money(top['wert_pro_kunde'], 2)}.")
    b = result.blast.iloc[0]
    blast = (f"Zum Vergleich „{model.BLAST}“: {de_number(b['kontakte_je_kunde'], 1)} Kontakte, "
             f"{de_money(b['wert_pro_kunde'], 2)} je Kunde, {de_percent(b['anteil_abgemeldet'])} abgemeldet.")
    return "<div style='font-size:1.05em;margin:8px 0;line-height:1.45'>" + "<br>".join([head, where, blast]) + "</div>"


class NextBestActionExplorer(LessonExplorer):
    """Contact cap (the main control), window and business weighting; the inverted U and the comparison with blast.

    The simulation runs once, when the widget is built, on a fixed, seeded sample of
    at most ``sample`` customers of the data
    (:func:`kundenkit.models.next_best_action.simulation_sample`): for all caps from
    0 to 10, every window of :data:`~kundenkit.models.next_best_action.WINDOWS` and
    every weighting of :data:`~kundenkit.models.next_best_action.WEIGHTINGS` side by
    side (:func:`~kundenkit.models.next_best_action.simulate_grid`). Moving a control
    only picks one of these results.

    Attributes
    ----------
    cap : IntSlider
        Contacts per channel at most (main control).
    window : ToggleButtons
        The window in days.
    weighting : ToggleButtons
        The business weights of offers, service hints and thank-yous (name of a weighting).
    setup : CourseSetup
        Customers, actions and propensities from the transactions.
    results : dict
        ``(window, weighting)`` → SimulationResult; ``result`` is the current one.
    chart, comparison : altair.JupyterChart
        The curve and the four comparison bars.
    """

    def __init__(self, data: CustomerBase | pd.DataFrame, *, cap: int = 5, window: int = 30,
                 weighting: str = next(iter(model.WEIGHTINGS)), sample: int = SAMPLE, seed: int = 0,
                 save_path=None):
        transaktionen = lesson_table(data, "transaktionen")
        if window not in model.WINDOWS:
            raise KundenkitError(f"Das Zeitfenster {window!r} gibt es im Widget nicht. Erlaubt sind "
                                 f"{', '.join(map(str, model.WINDOWS))} Tage.", parameter="window", wert=window)
        if weighting not in model.WEIGHTINGS:
            raise KundenkitError(f"Die Gewichtung {weighting!r} gibt es nicht. Erlaubt sind: "
                                 f"{', '.join(model.WEIGHTINGS)}.", parameter="weighting", wert=weighting)
        self.setup = model.course_setup(transaktionen)
        self.sample, self.seed = sample, seed
        self.results = model.simulate_grid(self.setup, caps=tuple(range(MAX_CAP + 1)), windows=model.WINDOWS,
                                           weightings=model.WEIGHTINGS, sample=sample, seed=seed)
        self.cap = widgets.IntSlider(value=cap, min=0, max=MAX_CAP, description="Kontakte je Kanal höchstens",
                                     style=_STYLE, layout=_LAYOUT).add_class("kk-main-control")
        self.window = widgets.ToggleButtons(options=[(f"{w} Tage", w) for w in model.WINDOWS], value=window,
                                            description="… in einem Zeitfenster von", style=_BUTTONS)
        self.weighting = widgets.ToggleButtons(options=list(model.WEIGHTINGS), value=weighting,
                                               description="Geschäftliche Gewichte", style=_BUTTONS,
                                               tooltips=[_weights_text(w) for w in model.WEIGHTINGS.values()])
        self.weights_text = widgets.HTML()
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self._pick()
        self.chart = alt.JupyterChart(curve_chart(self.result.curve, self.cap.value, self.result.blast,
                                                  subtitle=self._subtitle()), embed_options=EMBED_OPTIONS)
        self.comparison = alt.JupyterChart(comparison_chart(self.result.comparison(self.cap.value)),
                                           embed_options=EMBED_OPTIONS)
        self._spec, self._comparison_spec = self.chart.spec, self.comparison.spec
        self.cap.observe(self._on_cap, names="value")
        for control in (self.window, self.weighting):
            control.observe(self._on_model, names="value")
        controls = widgets.VBox([GermanSlider(self.cap), self.window, self.weighting, self.weights_text])
        self._assemble([controls, self.verdict, self.chart, self.comparison], "kk-next-best-action", save_path,
                       data=data)
        self._show()

    def weights(self) -> dict[str, float]:
        """The business weights by kind of action (of the chosen weighting)."""
        return dict(model.WEIGHTINGS[self.weighting.value])

    def _pick(self) -> None:
        self.result = self.results[(self.window.value, self.weighting.value)]
        self.weights_text.value = ("<div style='margin:0 0 4px 308px;color:#555'>Gewichte: "
                                   f"{_weights_text(self.weights())}</div>")

    def _subtitle(self) -> list[str]:
        n = len(self.result.sample)
        return [f"Ein Jahr, {de_count(n)} Kunden als feste Stichprobe · Grenze je Kanal in {self.window.value} Tagen"
                f" · Gewichte: {self.weighting.value}",
                "Punkte: Grenzen 0 bis 10 je Kanal · Quadrat: alles senden"]

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.result, self.cap.value)

    def _on_cap(self, change=None) -> None:
        self._show()
        self.chart.spec = updated_spec(self._spec, curve_datasets(self.result.curve, self.cap.value,
                                                                  self.result.blast))
        self.comparison.spec = updated_spec(self._comparison_spec,
                                            comparison_datasets(self.result.comparison(self.cap.value)))

    def _on_model(self, change=None) -> None:
        self._pick()
        self._show()
        self.chart.spec = updated_spec(self._spec, curve_datasets(self.result.curve, self.cap.value,
                                                                  self.result.blast), subtitle=self._subtitle())
        self.comparison.spec = updated_spec(self._comparison_spec,
                                            comparison_datasets(self.result.comparison(self.cap.value)))

    def record(self) -> dict:
        """The current settings and results as one flat record (for the transfer file)."""
        row, best = self.result.row(self.cap.value), self.result.best_cap()
        blast = self.result.blast.iloc[0]
        return {
            "kontaktgrenze": self.cap.value, "zeitfenster_tage": self.window.value,
            "gewicht_angebote": self.weights()[model.OFFER], "gewicht_service": self.weights()[model.SERVICE],
            "gewicht_dank": self.weights()[model.THANKS],
            "kontakte_je_kunde": round(float(row["kontakte_je_kunde"]), 1),
            "wert_pro_kunde": round(float(row["wert_pro_kunde"]), 2),
            "anteil_abgemeldet": round(float(row["anteil_abgemeldet"]), 3),
            "beste_kontaktgrenze": best,
            "wert_beste_grenze": round(float(self.result.row(best)["wert_pro_kunde"]), 2),
            "alles_senden_wert_pro_kunde": round(float(blast["wert_pro_kunde"]), 2),
            "alles_senden_anteil_abgemeldet": round(float(blast["anteil_abgemeldet"]), 3),
        }


def explorer(data: CustomerBase | pd.DataFrame, **kwargs) -> NextBestActionExplorer:
    """The lesson's widget: pass your data (or the table transaktionen)."""
    return NextBestActionExplorer(data, **kwargs)
