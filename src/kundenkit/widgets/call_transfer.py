"""Widget of lesson 4.9: how many requests to transfer, and how well → solved first time, cost, satisfaction."""
from __future__ import annotations

import html
import math

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.call_transfer import transfer_chart, updated_spec
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import CustomerBase
from kundenkit.display import render_table
from kundenkit.formatting import de_count, de_money, de_number, de_percent
from kundenkit.models import call_transfer as model
from kundenkit.widgets.controls import GermanNumberField, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer, course_data, lesson_table

_STYLE = {"description_width": "300px"}
_LAYOUT = {"width": "620px"}
TABLE_COLUMNS = ["strategie", "anteil_weiter", "erstloesung", "wiederholkontakte", "servicekosten",
                 "wartezeit_stunden", "bewertung_geschaetzt"]
NO_CHOICE = "(noch keine Wahl)"
#: First steps the learner can pick on the transfer sheet, in the course's words.
STEPS = (
    "Übergaben verbessern: warm weiterverbinden, nichts wiederholen lassen",
    "Gezielter weiterverbinden: schwierige Anfragen früh erkennen",
    "Die erste Person breiter schulen, damit sie mehr selbst löst",
    "Weniger weiterverbinden: einfache Anfragen selbst lösen",
)
#: The shares among the assumptions (slider, label); the main control and the warm share come first.
_SHARES = (("simple_share", "Annahme: Anteil, den die erste Person löst"),
           ("attempt_rate", "Annahme: erste Person löst schwierige (Versuch)"),
           ("specialist_rate", "Annahme: Spezialist löst"))
_PENALTIES = (("penalty_transfer", "Abzug je Weiterverbindung (Punkte)"),
              ("penalty_repeat_story", "Abzug fürs Wiederholen (kalte Übergabe)"),
              ("penalty_repeat_contact", "Abzug je Wiederholkontakt (Punkte)"))
_MINUTES = (("cost_per_minute", "Kosten je Minute Arbeitszeit (€)"),
            ("minutes_simple", "Minuten: einfache Anfrage selbst gelöst"),
            ("minutes_attempt", "Minuten: Versuch bei schwieriger Anfrage"),
            ("minutes_triage", "Minuten: erste Person bis zur Weiterverbindung"),
            ("minutes_specialist", "Minuten: Spezialist"),
            ("minutes_handover", "Minuten: Übergabegespräch (warm)"),
            ("minutes_repeat_story", "Minuten: Kunde wiederholt alles (kalt)"),
            ("minutes_repeat_contact", "Minuten: ein Wiederholkontakt"),
            ("minutes_wait", "Minuten, die der Kunde beim Weiterverbinden wartet"))


def render_verdict(result: model.TransferResult) -> str:
    """The point of the lesson for these settings: solved first time, repeat contacts, cost, rating; warm vs cold.

    >>> r = model.evaluate(model.Requests(("Hotline",), 1000, 800, 4.0), 0.3, model.Assumptions(warm_share=1.0))
    >>> text = render_verdict(r)
    >>> "97,0 %" in text, "7.800 €" in text, "+0,25 Punkte" in text
    (True, True, True)
    >>> "keine Anfragen" in render_verdict(model.evaluate(model.Requests((), 0, 0, math.nan)))
    True
    """
    a, cur = result.assumptions, result.current
    head = (f"<b>{de_percent(result.transfer_share)} der Anfragen werden weiterverbunden, "
            f"{de_percent(a.warm_share)} davon warm.</b>")
    box = "<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>"
    if result.requests.requests == 0:
        return (box + head + "<br>An den gewählten Touchpoints finden sich keine Anfragen. Wählen Sie unten die "
                "Touchpoints, an denen bei Ihnen Kunden mit einer Anfrage ankommen.</div>")
    now = (f"Im ersten Kontakt gelöst: <b>{de_percent(cur['erstloesung'], 1)}</b> "
           f"({de_count(round(cur['im_ersten_kontakt_geloest']))} von {de_count(result.requests.requests)} Anfragen). "
           f"Wiederholkontakte: <b>{de_count(round(cur['wiederholkontakte']))}</b>. "
           f"Kosten: <b>{de_money(cur['servicekosten'], 0)}</b>. Bewertung geschätzt: "
           f"<b>{de_number(cur['bewertung_geschaetzt'], 2)}</b> von 5 (Ihre Bewertungen heute: "
           f"{de_number(result.base_rating, 2)}).")
    policies = result.table.iloc[:len(model.POLICIES)]
    best = policies.loc[policies["bewertung_geschaetzt"].idxmax(), "strategie"]
    cheapest = policies.loc[policies["servicekosten"].idxmin(), "strategie"]
    compare = f"Am zufriedensten sind die Kunden im Modell bei „{best}“, am günstigsten ist „{cheapest}“."
    pays = model.transfer_pays_off(a)
    sign = "+" if pays["bewertung"] >= 0 else "−"
    swing = (f"Eine schwierige Anfrage weiterzuverbinden statt selbst zu versuchen, ändert die Bewertung um "
             f"<b>{sign}{de_number(abs(pays['bewertung']), 2)} Punkte</b>")
    if math.isnan(pays["warm_ab"]):
        swing += (". Selbst warme Übergaben lohnen sich hier nicht: Der Spezialist löst zu wenig mehr als der "
                  "erste Versuch.")
    elif pays["warm_ab"] == 0:
        swing += ". Die Weiterverbindung lohnt sich hier auch kalt."
    else:
        swing += (f". Sie lohnt sich für die Zufriedenheit ab <b>{de_percent(pays['warm_ab'])}</b> warmer "
                  "Übergaben: Eine gute Weiterverbindung schlägt einen schwachen ersten Versuch, eine schlechte nicht.")
    return box + "<br>".join([head, now, compare, swing]) + "</div>"


def render_note(m: model.ServiceModel, requests: model.Requests) -> str:
    """Where the figures come from: the learner's contacts and ratings and the course's assumptions.

    >>> k = pd.DataFrame({"touchpoint": ["Hotline", "App"], "bewertung": [5, 3]})
    >>> m = model.ServiceModel.from_tables(k)
    >>> text = render_note(m, m.requests())
    >>> "Modell des Kurses" in text, "Annahmen des Kurses" in text, "Hotline" in text
    (True, True, True)
    """
    where = ", ".join(requests.touchpoints) or "(keiner gewählt)"
    how = m.touchpoint_source(requests.touchpoints)
    return ("<div style='line-height:1.4;margin-bottom:4px'><b>Modell des Kurses.</b> Anfragen sind Ihre "
            f"Kontakte an den Touchpoints: {html.escape(where)} ({html.escape(how)}) – "
            f"{de_count(requests.requests)} Anfragen, davon {de_count(requests.rated)} bewertet. Ihre mittlere "
            "Bewertung ist der Ausgangspunkt der Zufriedenheit. Alle Anteile, Minuten, Kosten und Abzüge sind "
            "<b>Annahmen des Kurses</b>, keine Zahlen einer Studie: Stellen Sie sie auf Ihr Haus ein.</div>")


class TransferExplorer(LessonExplorer):
    """Slider for the share of requests transferred (main control), the warm share and the assumptions.

    Attributes
    ----------
    model : ServiceModel
        The contacts per touchpoint, read once.
    transfer_share, warm_share : FloatSlider
    shares, penalties : dict[str, FloatSlider]
        The course's assumptions by name of :class:`~kundenkit.models.call_transfer.Assumptions`.
    numbers : dict[str, GermanNumberField]
        Cost per minute and minutes.
    touchpoints : SelectMultiple
    result : TransferResult
    chart : altair.JupyterChart
    """

    def __init__(self, data: CustomerBase | pd.DataFrame | None = None, *, branche: str | None = None,
                 transfer_share: float = model.TRANSFER_SHARE, touchpoints=None,
                 assumptions: model.Assumptions | None = None, save_path=None):
        data = course_data(data, branche)
        kontakte = lesson_table(data, "kontakte")
        self.model = model.ServiceModel.from_tables(kontakte)
        a = assumptions or model.Assumptions()

        def slider(value, description, *, high=1.0, step=0.05):
            return widgets.FloatSlider(value=value, min=0.0, max=high, step=step, continuous_update=False,
                                       description=description, style=_STYLE, layout=_LAYOUT)

        self.transfer_share = slider(transfer_share, "Anteil weiterverbunden").add_class("kk-main-control")
        self.warm_share = slider(a.warm_share, "Davon warm übergeben (ohne Wiederholen)")
        self.shares = {name: slider(getattr(a, name), label) for name, label in _SHARES}
        self.penalties = {name: slider(getattr(a, name), label, high=2.0) for name, label in _PENALTIES}
        self.numbers = {name: GermanNumberField(getattr(a, name), min=0, decimals=2, description=label,
                                                style=_STYLE, layout={"width": "460px"})
                        for name, label in _MINUTES}
        chosen = self.model.chosen_touchpoints(touchpoints)
        self.touchpoints = widgets.SelectMultiple(
            options=list(self.model.touchpoint_names), value=list(chosen),
            rows=min(8, len(self.model.touchpoint_names)), description="Service-Touchpoints",
            style={"description_width": "170px"}, layout={"width": "480px"})
        self.note = widgets.HTML()
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.table_view = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(transfer_chart(self.result), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        controls = [self.transfer_share, self.warm_share, *self.shares.values(), *self.penalties.values(),
                    *self.numbers.values(), self.touchpoints]
        for control in controls:
            control.observe(self._on_change, names="value")
        minutes = widgets.Accordion(children=[widgets.VBox(list(self.numbers.values()))])
        minutes.set_title(0, "Annahmen des Kurses: Kosten je Minute und Minuten")
        children: list[widgets.Widget] = [
            self.note, GermanSlider(self.transfer_share, percent=True), self.verdict, self.chart,
            GermanSlider(self.warm_share, percent=True),
            *(GermanSlider(s, percent=True) for s in self.shares.values()),
            *(GermanSlider(s, decimals=2) for s in self.penalties.values()),
            minutes, self.touchpoints, self.table_view]
        self.first_step = None
        if save_path is not None:
            self.first_step = widgets.Dropdown(options=[NO_CHOICE, *STEPS], value=NO_CHOICE,
                                               description="Womit fangen Sie an?",
                                               style={"description_width": "170px"}, layout={"width": "640px"})
            children.append(self.first_step)
        self._assemble(children, "kk-call-transfer", save_path, data=data)
        self._show()

    def assumptions(self) -> model.Assumptions:
        """The assumptions as the controls show them."""
        values = {name: s.value for name, s in {**self.shares, **self.penalties}.items()}
        values.update({name: f.value for name, f in self.numbers.items()})
        return model.Assumptions(warm_share=self.warm_share.value, **values)

    def _compute(self) -> model.TransferResult:
        return model.evaluate(self.model.requests(self.touchpoints.value), self.transfer_share.value,
                              self.assumptions())

    def _show(self) -> None:
        r = self.result
        self.note.value = render_note(self.model, r.requests)
        self.verdict.value = render_verdict(r)
        self.table_view.value = render_table(r.table[TABLE_COLUMNS], title="Die drei Strategien und Ihre Einstellung",
                                             max_rows=None)

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self._show()
        self.chart.spec = updated_spec(self._spec, self.result)

    def record(self) -> dict:
        """Assumptions, the learner's requests and the outcome of the setting, as one flat record."""
        r, a, cur = self.result, self.result.assumptions, self.result.current
        out: dict = {
            "service_touchpoints": ", ".join(r.requests.touchpoints), "anfragen": r.requests.requests,
            "anteil_weiter": r.transfer_share, "anteil_warm": a.warm_share,
            "anteil_erste_person": a.simple_share, "anteil_versuch": a.attempt_rate,
            "anteil_spezialist": a.specialist_rate, "kosten_je_minute": a.cost_per_minute,
            "erstloesung": round(float(cur["erstloesung"]), 4),
            "wiederholkontakte": round(float(cur["wiederholkontakte"]), 1),
            "servicekosten": round(float(cur["servicekosten"]), 2),
            "bewertung_geschaetzt": round(float(cur["bewertung_geschaetzt"]), 2)}
        if self.first_step is not None and self.first_step.value != NO_CHOICE:
            out["erster_schritt"] = self.first_step.value
        return out


def explorer(data: CustomerBase | pd.DataFrame | None = None, **kwargs) -> TransferExplorer:
    """The lesson's widget; pass the learner's data (``daten``) or the table ``kontakte``.

    >>> import kundenkit as kk
    >>> box = explorer(kk.generate_customers(seed=1, n_customers=300))
    >>> "kk-call-transfer" in box._dom_classes, box.result.requests.requests > 0
    (True, True)
    """
    return TransferExplorer(data, **kwargs)
