"""Widget of lesson 2.10: rate each touchpoint of a journey, see what customers remember and what to fix first."""
from __future__ import annotations

import html
from pathlib import Path

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.charts.touchpoint_journey import journey_chart, updated_journey_spec
from kundenkit.display import render_table
from kundenkit.errors import KundenkitError
from kundenkit.models import touchpoint_journey as model
from kundenkit.widgets.controls import FIT, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

_OK, _WARN = "color:#1b7837", "color:#b2182b"
FIX_LABELS = {"touchpoint": "Touchpoint", "phase": "Phase", "bewertung": "Bewertung", "bedeutung": "Bedeutung",
              "handlungsbedarf": "Handlungsbedarf"}
FIX_KINDS = {"touchpoint": "text", "phase": "text", "bewertung": "text", "bedeutung": "share:0",
             "handlungsbedarf": "share:0"}


def render_verdict(summary: model.JourneySummary) -> str:
    """The verdict: remembered score against the average, key touchpoints, and the warning if one disappoints.

    >>> table = model.evaluate(model.example_journey())
    >>> text = render_verdict(model.summarize(table))
    >>> "−0,50" in text, "kk-warning" in text, "Reklamation/Umtausch" in text
    (True, True, True)
    """
    lines = [f"<b>{html.escape(summary.sentence())}</b>"]
    if summary.key:
        lines.append(f"Schlüssel-Touchpoints: {html.escape(', '.join(summary.key))}")
    if summary.rated:
        lines.append(f"{summary.begeisterung} × Begeisterung, {summary.enttäuschung} × Enttäuschung "
                     f"von {summary.rated} bewerteten Touchpoints")
    warning = ""
    if summary.at_risk:
        warning = (f"<div class='kk-warning' style='{_WARN};font-weight:600;margin-top:4px'>Achtung: Eine "
                   "Enttäuschung an einem Schlüssel-Touchpoint kann die Beziehung beenden "
                   f"({html.escape(', '.join(summary.key_disappointing))}).</div>")
    return ("<div style='font-size:1.05em;margin:8px 0;line-height:1.5'>" + "<br>".join(lines) + warning
            + "</div>")


def render_fix_first(fix: pd.DataFrame) -> str:
    """The touchpoints to fix first as a German table (or a sentence if there is nothing to fix).

    >>> table = model.evaluate(model.example_journey())
    >>> text = render_fix_first(model.fix_first(table))
    >>> "Zuerst beheben" in text, "81 %" in text
    (True, True)
    >>> "Nichts zu beheben" in render_fix_first(model.fix_first(table.iloc[:0]))
    True
    """
    if fix.empty:
        return "<p><b>Zuerst beheben:</b> Nichts zu beheben – kein bewerteter Touchpoint fällt ab.</p>"
    shown = fix[list(FIX_LABELS)]
    return render_table(shown, kinds=FIX_KINDS, labels=FIX_LABELS, title="Zuerst beheben",
                        note="Reihenfolge: Handlungsbedarf = Bedeutung × Abstand zur Begeisterung (Modell des "
                             "Kurses), bei Gleichstand zuerst die wichtigere, dann die frühere.")


class TouchpointJourneyExplorer(LessonExplorer):
    """A dropdown per touchpoint (Enttäuschung / OK / Begeisterung); the journey line, memory and fix list.

    Parameters
    ----------
    reise : DataFrame, optional
        The journey (see :func:`kundenkit.models.touchpoint_journey.check_journey`),
        e.g. from :func:`~kundenkit.models.touchpoint_journey.read_journey`.
        Default: the course's example journey of ``branche``.
    kriterien : DataFrame, optional
        The criteria (default: the course's, ``data/touchpoint_kriterien.csv``).
    branche : str
        Sector of the example journey when ``reise`` is not given.
    n_key, n_fix : int
        How many key touchpoints, and how many touchpoints to fix first.
    save_path : str or Path, optional
        The transfer file (adds the transfer panel).
    journey_path : str or Path, optional
        Where the button "Reise als CSV speichern" writes the rated journey (asks before overwriting).

    Attributes
    ----------
    ratings : dict[str, Dropdown]
        One control per touchpoint: what the learner mainly works with.
    key_count : IntSlider
        How many touchpoints count as key touchpoints (the main control: CSS class ``kk-main-control``).
    table : DataFrame
        The evaluated journey with the current ratings.
    summary : JourneySummary
        Memory, average, key touchpoints, risk, what to fix first.
    chart : altair.JupyterChart
        The journey line.
    """

    def __init__(self, reise: pd.DataFrame | None = None, *, kriterien: pd.DataFrame | None = None,
                 branche: str = "Handel", n_key: int = model.DEFAULT_KEY, n_fix: int = model.DEFAULT_FIX,
                 save_path=None, journey_path=None):
        example = reise is None
        source: pd.DataFrame = model.example_journey(branche) if reise is None else reise
        self.kriterien = model.check_criteria(model.default_criteria() if kriterien is None else kriterien)
        self.base = model.check_journey(source, self.kriterien)
        self.n_fix = n_fix
        names = self.base["touchpoint"].tolist()
        self.key_count = widgets.IntSlider(value=min(max(n_key, 0), len(names)), min=0, max=len(names), step=1,
                                           description="Schlüssel-Touchpoints", continuous_update=True,
                                           style={"description_width": "160px"}, layout={"width": "420px"})
        self.ratings: dict[str, widgets.Dropdown] = {}
        self.key_marks: dict[str, widgets.HTML] = {}
        rows: list[widgets.Widget] = []
        for phase in model.PHASES:
            part = self.base[self.base["phase"] == phase]
            if part.empty:
                continue
            rows.append(widgets.HTML(f"<b>{html.escape(phase)}</b>", layout={"margin": "6px 0 0 0"}))
            for row in part.itertuples():
                name = str(row.touchpoint)
                dropdown = widgets.Dropdown(options=[model.NOT_RATED, *model.RATINGS], value=str(row.bewertung),
                                            layout={"width": "170px"})
                self.ratings[name] = dropdown
                self.key_marks[name] = widgets.HTML(layout={"width": "190px"})
                label = widgets.HTML(f"{html.escape(name)} <span style='color:#777'>({html.escape(str(row.art))})"
                                     "</span>", layout={"width": "260px"})
                rows.append(widgets.HBox([label, dropdown, self.key_marks[name]]))
        # The main control is a slider, as in every lesson (the browser tests move it by keyboard).
        self.key_count.add_class("kk-main-control")
        self.table = self._compute()
        self.summary = model.summarize(self.table, self.n_fix)
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self.fix_view = widgets.HTML()
        self.chart = alt.JupyterChart(journey_chart(self.table, self.summary), embed_options=EMBED_OPTIONS)
        self._spec = self.chart.spec
        for dropdown in self.ratings.values():
            dropdown.observe(self._on_change, names="value")
        self.key_count.observe(self._on_change, names="value")
        title = model.EXAMPLE_TITLE if example else str(source.attrs.get("titel") or "Ihre Reise")
        criteria = ", ".join(self.kriterien["bezeichnung"])
        intro = widgets.HTML(
            f"<div><b>{html.escape(title)}</b> – bewerten Sie jeden Touchpoint. Die Bedeutung eines Touchpoints "
            f"ergibt sich aus den Kriterien ({html.escape(criteria)}).</div>")
        children: list[widgets.Widget] = [intro, widgets.VBox(rows), GermanSlider(self.key_count), self.verdict,
                                          self.chart, self.fix_view]
        self.journey_path = None if journey_path is None else Path(journey_path)
        if self.journey_path is not None:
            children.append(self._journey_saver())
        self._assemble(children, "kk-touchpoint-journey", save_path,
                       data=source if example or source.attrs.get("datei") else None)
        self._show()

    # --- computing and showing ---------------------------------------------------------------

    def current_journey(self) -> pd.DataFrame:
        """The journey with the ratings as they stand in the dropdowns (the learner's columns only).

        A rating given as a number in between (e.g. 0,5) keeps its number until its dropdown is changed.
        """
        out = self.base[[*model.JOURNEY_COLUMNS, *self.kriterien["kriterium"]]].copy()
        ratings: list[object] = []
        for name, value in zip(out["touchpoint"], self.base["wert"]):
            chosen = self.ratings[name].value
            if chosen == model.NOT_RATED:
                ratings.append(None)
            elif chosen == model.rating_label(value):
                ratings.append(float(value))
            else:
                ratings.append(chosen)
        out["bewertung"] = pd.Series(ratings, index=out.index, dtype=object)
        return out

    def _compute(self) -> pd.DataFrame:
        return model.evaluate(self.current_journey(), self.kriterien, n_key=self.key_count.value)

    def _show(self) -> None:
        self.verdict.value = render_verdict(self.summary)
        self.fix_view.value = render_fix_first(model.fix_first(self.table, self.n_fix))
        key = set(self.summary.key)
        for name, mark in self.key_marks.items():
            mark.value = "<span style='font-weight:600'>● Schlüssel-Touchpoint</span>" if name in key else ""

    def _on_change(self, _change=None) -> None:
        self.table = self._compute()
        self.summary = model.summarize(self.table, self.n_fix)
        self._show()
        self.chart.spec = updated_journey_spec(self._spec, self.table, self.summary)

    def record(self) -> dict:
        """The current journey's result as one flat record (for the transfer file)."""
        s = self.summary
        return {
            "touchpoints": s.touchpoints,
            "bewertete_touchpoints": s.rated,
            "erinnerung_spitze_ende": None if s.rated == 0 else round(s.erinnert, 3),
            "durchschnitt_bewertung": None if s.rated == 0 else round(s.durchschnitt, 3),
            "anzahl_begeisterung": s.begeisterung,
            "anzahl_enttäuschung": s.enttäuschung,
            "schlüssel_touchpoints": ", ".join(s.key),
            "enttäuschte_schlüssel_touchpoints": ", ".join(s.key_disappointing),
            "beziehung_gefährdet": s.at_risk,
            "zuerst_beheben": ", ".join(s.fix_first),
            "kriterien": ", ".join(self.kriterien["bezeichnung"]),
        }

    # --- saving the learner's journey ----------------------------------------------------------

    def _journey_saver(self) -> widgets.VBox:
        self.journey_button = widgets.Button(description="Reise als CSV speichern", icon="save", layout=FIT)
        self.journey_overwrite = widgets.Button(description="Überschreiben", button_style="danger", layout=FIT)
        self.journey_cancel = widgets.Button(description="Abbrechen", layout=FIT)
        self.journey_question = widgets.HBox([self.journey_overwrite, self.journey_cancel],
                                             layout={"display": "none"})
        self.journey_message = widgets.HTML()
        self.journey_button.on_click(lambda _: self.save_journey(overwrite=False))
        self.journey_overwrite.on_click(lambda _: self.save_journey(overwrite=True))
        self.journey_cancel.on_click(lambda _: self._ask(False, "Nichts gespeichert."))
        return widgets.VBox([self.journey_button, self.journey_question, self.journey_message])

    def _ask(self, visible: bool, text: str) -> None:
        self.journey_question.layout.display = "flex" if visible else "none"
        self.journey_message.value = text

    def save_journey(self, overwrite: bool = False) -> Path | None:
        """Write the rated journey as German CSV; asks (returns None) before replacing an existing file."""
        if self.journey_path is None:
            raise KundenkitError("Geben Sie beim Start des Widgets an, wohin die Reise gespeichert werden soll: "
                                 "journey_path=\"../transfer/meine_reise.csv\".")
        path = self.journey_path
        if path.exists() and not overwrite:
            self._ask(True, f"Die Datei <code>{html.escape(str(path))}</code> gibt es schon. Überschreiben?")
            return None
        try:
            model.write_journey(self.current_journey(), path, overwrite=True, kriterien=self.kriterien)
        except KundenkitError as error:
            self._ask(False, f"<span style='{_WARN}'>{html.escape(str(error))}</span>")
            return None
        self._ask(False, f"<span style='{_OK}'>Gespeichert in <code>{html.escape(str(path))}</code>. Die Datei "
                         "gehört Ihnen: Sie können sie mit Excel öffnen und später wieder einlesen.</span>")
        return path


def explorer(reise: pd.DataFrame | None = None, **kwargs) -> TouchpointJourneyExplorer:
    """The lesson's widget: the course's example journey, or your own (``reise=read_journey(...)``)."""
    return TouchpointJourneyExplorer(reise, **kwargs)
