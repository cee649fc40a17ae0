"""Answer fields: a task answered without code – type or pick the answer, press "Prüfen", read the feedback.

An exercise notebook calls :func:`prepare_tasks` once, after its parameters;
each task cell then shows ``kk.task("1.1-a")``. The field accepts what a German
types (``2,46``, ``42 %``, ``203.342 €``), offers the possible names where
there are few, saves every readable answer in the learner's folder
(:mod:`kundenkit.exercises.saved_answers`) and shows it again when the notebook
is run anew. A task run before the set-up says what to run first. No input
raises a Python error.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from kundenkit.data.synthetic import CustomerBase
from kundenkit.errors import KundenkitError
from kundenkit.exercises.answers import EXAMPLES, as_typed, read_answer
from kundenkit.exercises.catalog import get_exercise
from kundenkit.exercises.checks import MIME_TYPE, CheckResult, check_answer, render_feedback
from kundenkit.exercises.keys import variant_of
from kundenkit.exercises.saved_answers import ANSWERS_DIR, load_answer, save_answer
from kundenkit.widgets.controls import FIT

NOT_PREPARED = ("Diese Aufgabe braucht Ihre Daten. Führen Sie zuerst die Zellen oben im Notebook aus (die Parameter "
                "und die Zelle darunter) – am einfachsten mit dem Menü Ausführen → Alle Zellen ausführen.")
_PICK = "– bitte wählen –"


@dataclass
class _Session:
    data: CustomerBase
    key: dict | None
    folder: Path


_session: _Session | None = None


def prepare_tasks(data: CustomerBase, key: dict | None = None, folder=ANSWERS_DIR) -> widgets.HTML:
    """Remember the learner's data, the trainer's key and where answers are kept, for the tasks below."""
    global _session
    if not isinstance(data, CustomerBase):
        raise KundenkitError("prepare_tasks braucht die Daten aus kk.load_course_data(...). Führen Sie die Zelle "
                             "mit den Parametern und die Zelle darunter aus.")
    _session = _Session(data, key if isinstance(key, dict) else None, Path(folder))
    return widgets.HTML("Bereit: Die Aufgaben unten prüfen Ihre Antworten mit diesen Daten. Ihre Antworten "
                        f"werden im Ordner <code>{_session.folder}</code> gespeichert.")


def _stored_form(exercise, value):
    """What the field holds, in the form that is saved (text, or a list for several names)."""
    return list(value) if exercise.kind == "menge" and not isinstance(value, str) else value


class AnswerField(widgets.VBox):
    """The answer field of one task. ``result`` is the last check (None before the first)."""

    def __init__(self, exercise_id: str, session: _Session, answer=None):
        self.exercise = get_exercise(exercise_id)
        self.session = session
        self.attempts = 0
        self.result: CheckResult | None = None
        choices = self.exercise.choices(session.data) if self.exercise.choices else None
        self.input = self._input(choices)
        self.button = widgets.Button(description="Prüfen", button_style="primary", layout=FIT)
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _: self.check())
        title = widgets.HTML(f"<b>Ihre Antwort zu Aufgabe {self.exercise.id}</b>")
        super().__init__([title, widgets.HBox([self.input, self.button]), self.feedback])
        self.add_class("kk-answer-field")
        saved = load_answer(session.folder, self.exercise.id) if answer is None else as_typed(self.exercise, answer)
        if saved is not None:
            self._set_value(saved)
            self.check(save=False)
        if isinstance(self.input, widgets.Text):  # Enter (or leaving the field) checks, too
            self.input.observe(lambda _: self.check(), names="value")

    def _input(self, choices):
        if choices and self.exercise.kind == "menge":
            self._boxes = [widgets.Checkbox(value=False, description=str(c), indent=False,
                                            layout={"width": "auto", "margin": "0 12px 0 0"}) for c in choices]
            return widgets.HBox(self._boxes, layout={"flex_flow": "row wrap", "max_width": "560px"})
        if choices:
            return widgets.Dropdown(options=[_PICK, *map(str, choices)], layout={"width": "320px"})
        return widgets.Text(placeholder=f"z. B. {EXAMPLES[self.exercise.unit]}" if self.exercise.kind == "zahl"
                            else "Name eingeben", continuous_update=False, layout={"width": "320px"})

    def value(self):
        """What the learner entered: text, or the list of ticked names."""
        if isinstance(self.input, widgets.HBox):
            return [box.description for box in self._boxes if box.value]
        value = self.input.value
        return "" if value == _PICK else value

    def _set_value(self, saved) -> None:
        if isinstance(self.input, widgets.HBox):
            wanted = set(saved) if isinstance(saved, list) else {s.strip() for s in str(saved).split(",")}
            for box in self._boxes:
                box.value = box.description in wanted
        elif isinstance(self.input, widgets.Dropdown):
            if isinstance(saved, str) and saved in self.input.options:
                self.input.value = saved
        else:
            self.input.value = saved if isinstance(saved, str) else ", ".join(saved)

    def check(self, save: bool = True) -> CheckResult | None:
        """Read, save and check the current answer; show the verdict under the field."""
        value = self.value()
        if value in ("", []):
            self.feedback.value = render_feedback(CheckResult(self.exercise.id, False, False,
                                                              "Bitte geben Sie zuerst eine Antwort ein."))
            return None
        try:
            read_answer(self.exercise, value)
        except KundenkitError as error:
            self.feedback.value = render_feedback(CheckResult(
                self.exercise.id, False, False, f"Diese Eingabe kann der Kurs nicht lesen: {error}"))
            return None
        if save:
            try:
                save_answer(self.session.folder, self.exercise.id, _stored_form(self.exercise, value),
                            variant_of(self.session.data))
            except ValueError:
                self.feedback.value = render_feedback(CheckResult(
                    self.exercise.id, False, False,
                    "Ihre Antwort ist zu lang. Geben Sie nur den Namen oder die Zahl an."))
                return None
            except OSError:
                self.feedback.value = render_feedback(CheckResult(
                    self.exercise.id, False, False, f"Die Antwort ließ sich nicht im Ordner "
                    f"'{self.session.folder}' speichern. Prüfen Sie, ob Sie dort schreiben dürfen."))
                return None
            self.attempts += 1
        result = check_answer(self.exercise.id, value, self.session.data, self.session.key)
        if not result.correct:
            hints = self.exercise.hints or ("Lesen Sie die Aufgabe noch einmal genau.",)
            hint = hints[min(max(self.attempts, 1), len(hints)) - 1]
            result = CheckResult(result.exercise_id, False, True, f"Noch nicht richtig. Tipp: {hint}", value)
        else:
            result = CheckResult(result.exercise_id, True, True, "Richtig! Ihre Antwort stimmt für Ihre Daten.", value)
        self.result = result
        self.feedback.value = render_feedback(result)
        return result

    def _repr_mimebundle_(self, **kwargs):
        """The widget, plus the check record of the saved answer for grading."""
        bundle = super()._repr_mimebundle_(**kwargs)
        result = self.result if self.result is not None else CheckResult(self.exercise.id, False, False, "")
        record = result.record()
        if isinstance(bundle, tuple):  # (data, metadata)
            bundle[0][MIME_TYPE] = record
        elif isinstance(bundle, dict):
            bundle[MIME_TYPE] = record
        return bundle


def task(exercise_id: str, antwort=None):
    """The answer field of one task; a German note instead if the set-up cells have not run.

    ``antwort`` fills in a model answer (in the solutions): it is checked and shown, never saved.
    """
    if _session is None:
        return widgets.HTML(render_feedback(CheckResult(exercise_id, False, False, NOT_PREPARED)))
    return AnswerField(exercise_id, _session, antwort)
