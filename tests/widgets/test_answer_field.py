"""Answer fields: German input, feedback without code, answers kept in the learner's folder."""
from __future__ import annotations

import ipywidgets as widgets
import pytest

import kundenkit as kk
from kundenkit.exercises import catalog
from kundenkit.exercises.checks import MIME_TYPE
from kundenkit.exercises.saved_answers import answer_path, load_answer
from kundenkit.widgets import answer_field


@pytest.fixture
def data():
    return kk.generate_customers(seed=3, n_customers=50)


@pytest.fixture
def prepared(monkeypatch, tmp_path, data):
    monkeypatch.setattr(answer_field, "_session", None)
    exercises = {
        "9.1-a": catalog.Exercise("9.1-a", "Gewinn", "zahl", lambda d: 203341.6123,
                                  ("Lesen Sie den Gesamtgewinn ab.", "Er steht unter dem Diagramm."),
                                  unit="€", shown_decimals=0),
        "9.1-b": catalog.Exercise("9.1-b", "Touchpoint", "text", lambda d: "Kasse", ("Tipp",),
                                  choices=lambda d: ["App", "Kasse", "Filiale"]),
        "9.1-c": catalog.Exercise("9.1-c", "Touchpoints", "menge", lambda d: ["App", "Kasse"], ("Tipp",),
                                  choices=lambda d: ["App", "Kasse", "Filiale"]),
    }
    for key, exercise in exercises.items():
        monkeypatch.setitem(catalog.EXERCISES, key, exercise)
    answer_field.prepare_tasks(data, folder=tmp_path / "antworten")
    return tmp_path / "antworten"


def test_task_before_setup_says_what_to_run(monkeypatch):
    monkeypatch.setattr(answer_field, "_session", None)
    note = answer_field.task("1.1-a")
    assert isinstance(note, widgets.HTML)
    assert "Führen Sie zuerst die Zellen oben im Notebook aus" in note.value


def test_german_number_is_checked_saved_and_shown_again(prepared):
    field = answer_field.task("9.1-a")
    field.input.value = "203.342 €"          # as the course shows it, rounded to euros
    assert field.result.correct
    assert "Richtig" in field.feedback.value
    assert load_answer(prepared, "9.1-a") == "203.342 €"
    again = answer_field.task("9.1-a")       # the notebook reopened and run again
    assert again.input.value == "203.342 €" and again.result.correct
    bundle = again._repr_mimebundle_()
    assert bundle[MIME_TYPE] == {"aufgabe": "9.1-a", "beantwortet": True, "richtig": True, "antwort": "203.342 €"}


def test_wrong_answers_get_hints_in_words_one_after_another(prepared):
    field = answer_field.task("9.1-a")
    field.input.value = "100"
    assert "Tipp: Lesen Sie den Gesamtgewinn ab." in field.feedback.value
    field.input.value = "200"
    assert "Tipp: Er steht unter dem Diagramm." in field.feedback.value
    assert not field.result.correct
    assert field._repr_mimebundle_()[MIME_TYPE] == {"aufgabe": "9.1-a", "beantwortet": True, "richtig": False,
                                                    "antwort": "200"}


@pytest.mark.parametrize("typed", ["0.05", "zwei", "1,2,3", "12 % €", "=1+1", "x" * 600])
def test_unreadable_input_gives_a_german_message_and_keeps_the_saved_answer(prepared, typed):
    field = answer_field.task("9.1-a")
    field.input.value = "203.342"
    field.input.value = typed
    assert "Diese Eingabe kann der Kurs nicht lesen" in field.feedback.value
    assert load_answer(prepared, "9.1-a") == "203.342"


def test_names_are_picked_not_typed(prepared):
    pick = answer_field.task("9.1-b")
    assert isinstance(pick.input, widgets.Dropdown)
    pick.input.value = "Kasse"
    assert pick.check().correct
    several = answer_field.task("9.1-c")
    for box in several._boxes:
        box.value = box.description in ("Kasse", "App")
    assert several.check().correct
    assert load_answer(prepared, "9.1-c") == ["App", "Kasse"]
    assert answer_field.task("9.1-c").result.correct


def test_an_overlong_name_is_refused_in_german(monkeypatch, prepared):
    exercise = catalog.Exercise("9.1-d", "Name", "text", lambda d: "Kasse", ("Tipp",))
    monkeypatch.setitem(catalog.EXERCISES, "9.1-d", exercise)
    field = answer_field.task("9.1-d")
    field.input.value = "Kasse " * 200
    assert "zu lang" in field.feedback.value and not answer_path(prepared, "9.1-d").exists()


def test_nothing_entered_is_not_saved(prepared):
    field = answer_field.task("9.1-b")
    assert field.check() is None
    assert "Bitte geben Sie zuerst eine Antwort ein" in field.feedback.value
    assert not answer_path(prepared, "9.1-b").exists()


def test_a_forged_answer_file_is_ignored(prepared):
    path = answer_path(prepared, "9.1-a")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "aufgabe": "9.1-a", "antwort": {"x": 1}}', encoding="utf-8")
    field = answer_field.task("9.1-a")
    assert field.input.value == "" and field.result is None


def test_a_model_answer_is_shown_and_checked_but_not_saved(prepared):
    field = answer_field.task("9.1-a", antwort=203341.6123)
    assert field.input.value == "203.342 €" and field.result.correct  # as the course shows it
    assert not answer_path(prepared, "9.1-a").exists()
