"""The exercise system: single source, generated learner versions, self-checks that leak nothing.

Required tasks are answered in answer fields (``kk.aufgabe("1.1-a")``) from a
table or widget the exercise notebook shows; optional tasks "Mit Python" are
checked with ``kk.check_answer``.
"""
import json
import re
import shutil

import nbformat
import pytest

import kundenkit as kk
from conftest import EXERCISES as EXERCISE_FILES
from conftest import ROOT, SOLUTIONS, execute_notebook
from kundenkit import KundenkitError
from kundenkit.exercises import EXERCISES
from kundenkit.exercises.build import build_exercises, strip_solutions
from kundenkit.exercises.checks import MIME_TYPE, check_answer, check_records
from kundenkit.formatting import de_number

ANSWER_FIELD = re.compile(r'kk\.aufgabe\("([^"]+)"')
PYTHON_CHECK = re.compile(r'kk\.check_answer\("([^"]+)"')
PYTHON_TITLE = "Mit Python: "


def is_python_task(exercise) -> bool:
    return exercise.title.startswith(PYTHON_TITLE)


def code_sources(path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_exercises_folder_is_up_to_date(tmp_path):
    build_exercises(ROOT / "solutions", tmp_path)
    generated = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert generated == sorted(p.name for p in EXERCISE_FILES), "Run `kundenkit uebungen`."
    for name in generated:
        fresh = nbformat.read(tmp_path / name, as_version=4)
        committed = nbformat.read(ROOT / "exercises" / name, as_version=4)
        assert fresh == committed, f"exercises/{name} is out of date: run `kundenkit uebungen`."


def test_every_solution_check_passes(executed_solutions):
    for name, notebook in executed_solutions.items():
        records = check_records(notebook)
        assert records, f"{name} has no self-checks"
        failing = [r for r in records.values() if not r["richtig"]]
        assert not failing, f"{name}: failing checks {failing}"


def test_every_check_fails_on_the_unsolved_exercise(tmp_path):
    """Run in a fresh folder: answers someone typed into exercises/antworten/ must not count here."""
    for path in EXERCISE_FILES:
        copy = tmp_path / "frisch" / path.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy2(path, copy)
        records = check_records(execute_notebook(copy, tmp_path))
        assert records and all(not r["richtig"] and not r["beantwortet"] for r in records.values())
        assert not (copy.parent / "antworten").exists(), "an unanswered field saved an answer"


def test_one_check_record_per_exercise_in_the_solutions(executed_solutions):
    """The grader reads one record per exercise: a hidden field must not add a second one."""
    for name, notebook in executed_solutions.items():
        found = [output["data"][MIME_TYPE]["aufgabe"] for cell in notebook.cells for output in cell.get("outputs", [])
                 if MIME_TYPE in output.get("data", {})]
        assert sorted(found) == sorted(set(found)), f"{name}: {found}"


def test_every_catalogued_exercise_is_in_a_solution(executed_solutions):
    found = set()
    for notebook in executed_solutions.values():
        found |= set(check_records(notebook))
    assert found == set(EXERCISES)


def test_no_solution_leaks_into_the_exercises():
    for solution_path in SOLUTIONS:
        solution = nbformat.read(solution_path, as_version=4)
        exercise_text = (ROOT / "exercises" / solution_path.name).read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in exercise_text and "Musterantwort" not in exercise_text
        for cell in solution.cells:
            if cell.cell_type != "code" or "BEGIN SOLUTION" not in cell.source:
                continue
            block = cell.source.split("# BEGIN SOLUTION", 1)[1].split("# END SOLUTION", 1)[0]
            for line in filter(None, (text.strip() for text in block.splitlines())):
                assert line not in exercise_text, f"solution line leaked: {line}"


def test_no_reference_answer_leaks_into_the_exercises():
    data = kk.load_course_data()
    texts = [(ROOT / "exercises" / p.name).read_text(encoding="utf-8") for p in SOLUTIONS]
    for exercise in EXERCISES.values():
        reference = exercise.reference(data)
        values = reference if isinstance(reference, list) else [reference]
        for value in values:
            shown = [f"{value:.2f}", f"{value:.2f}".replace(".", ",")] if isinstance(value, float) else [f'"{value}"']
            for text in texts:
                assert not any(s in text for s in shown), f"{exercise.id}: reference {value!r} in an exercise"


def test_unclosed_solution_block_is_refused():
    with pytest.raises(KundenkitError, match="END SOLUTION"):
        strip_solutions("x = 1\n# BEGIN SOLUTION\nx = 2\n")


def test_markdown_solution_is_removed():
    text = "Frage?\n<!-- BEGIN SOLUTION -->\nAntwort.\n<!-- END SOLUTION -->\nEnde"
    assert strip_solutions(text, "markdown") == "Frage?\nEnde"


def test_rebuilding_keeps_a_learners_edited_notebook(tmp_path):
    build_exercises(ROOT / "solutions", tmp_path)
    target = next(tmp_path.glob("*.ipynb"))
    notebook = nbformat.read(target, as_version=4)
    notebook.cells[-1].source += "\nMeine Notiz"
    nbformat.write(notebook, target)
    results = build_exercises(ROOT / "solutions", tmp_path)
    assert results[target] == "übersprungen"
    assert "Meine Notiz" in target.read_text(encoding="utf-8")
    results = build_exercises(ROOT / "solutions", tmp_path, force=True)
    assert results[target] == "gesichert"
    backups = list(tmp_path.glob(f"{target.name}.*.bak"))
    assert len(backups) == 1 and "Meine Notiz" in backups[0].read_text(encoding="utf-8")
    assert build_exercises(ROOT / "solutions", tmp_path)[target] == "unverändert"


@pytest.mark.parametrize(("branche", "seed"), [("Bank", 7), ("Maschinenbau", 123)])
def test_checks_follow_the_learners_own_parameters(branche, seed):
    default = kk.load_course_data()
    other = kk.load_course_data(seed=seed, branche=branche, n_kunden=900)
    for exercise in EXERCISES.values():
        own = exercise.reference(other)
        assert check_answer(exercise.id, own, other).correct
        if own != exercise.reference(default):
            assert not check_answer(exercise.id, own, default).correct


@pytest.mark.parametrize(("given", "correct"), [
    (["Filiale", "App"], True), (["app", " filiale "], True), (["App"], False), ("App, Filiale", True),
    ("filiale; app", True), ("App", False),
])
def test_list_answers_ignore_order_case_and_blanks(monkeypatch, given, correct):
    from kundenkit.exercises import catalog

    exercise = catalog.Exercise("t", "Test", "menge", lambda d: ["App", "Filiale"], ("Tipp",))
    monkeypatch.setitem(catalog.EXERCISES, "t", exercise)
    assert check_answer("t", given, kk.generate_customers(n_customers=5)).correct is correct


@pytest.mark.parametrize(("given", "correct"), [
    (2.3456, True), (2.35, True), (2.36, True), (2.34, True), (2.37, False), (2.33, False), (True, False),
    ("2,35", True), ("2,346", True), (" 2,35 ", True), ("2,4", False), ("2.35", False), ("zwei", False), ("", False),
])
def test_number_answers_are_right_to_two_decimals(monkeypatch, given, correct):
    from kundenkit.exercises import catalog

    monkeypatch.setitem(catalog.EXERCISES, "t", catalog.Exercise("t", "Test", "zahl", lambda d: 2.3456, ("Tipp",)))
    assert check_answer("t", given, kk.generate_customers(n_customers=5)).correct is correct


@pytest.mark.parametrize(("given", "correct"), [
    ("203.342 €", True), ("203.342", True), ("203341,61", True), ("203.341,6 €", True), (203341.61, True),
    ("203.341", False), ("203.300", False), (203342, False), ("203342.00", False),
])
def test_money_shown_rounded_counts_at_that_rounding(monkeypatch, given, correct):
    from kundenkit.exercises import catalog

    exercise = catalog.Exercise("t", "Test", "zahl", lambda d: 203341.6123, ("Tipp",), unit="€", shown_decimals=0)
    monkeypatch.setitem(catalog.EXERCISES, "t", exercise)
    assert check_answer("t", given, kk.generate_customers(n_customers=5)).correct is correct


@pytest.mark.parametrize(("given", "correct"), [
    ("42 %", True), ("42", True), ("42,3 %", True), ("42,34", True), (42.34, True), ("41 %", False), ("0,42", False),
])
def test_percent_answers_are_typed_in_percent(monkeypatch, given, correct):
    from kundenkit.exercises import catalog

    exercise = catalog.Exercise("t", "Test", "zahl", lambda d: 42.3412, ("Tipp",), unit="%", shown_decimals=0)
    monkeypatch.setitem(catalog.EXERCISES, "t", exercise)
    assert check_answer("t", given, kk.generate_customers(n_customers=5)).correct is correct


def test_check_record_is_machine_readable():
    data = kk.load_course_data(n_kunden=300)
    bundle = check_answer("1.5-b", ["x"], data)._repr_mimebundle_()
    record = bundle["application/vnd.kundenkit.check+json"]
    expected = {"aufgabe": "1.5-b", "beantwortet": True, "richtig": False, "antwort": ["x"]}
    assert json.loads(json.dumps(record)) == expected


# ---------------------------------------------------------------------------------------------------------------
# Answer fields: required tasks without code, answered from the notebook's own tables and widgets
# ---------------------------------------------------------------------------------------------------------------

def test_required_tasks_are_answer_fields_and_python_tasks_are_optional():
    """Each lesson: its required tasks in answer fields, at least one optional task "Mit Python" with a check line."""
    for path in SOLUTIONS:
        sources = code_sources(path)
        fields = [i for s in sources for i in dict.fromkeys(ANSWER_FIELD.findall(s))]
        checks = [i for s in sources for i in PYTHON_CHECK.findall(s)]
        assert fields and checks, path.name
        assert len(fields) == len(set(fields)) and len(checks) == len(set(checks)), path.name
        assert all(not is_python_task(EXERCISES[i]) for i in fields), path.name
        assert all(is_python_task(EXERCISES[i]) for i in checks), path.name
        assert "Mit Python (für Fortgeschrittene)" in path.read_text(encoding="utf-8")


def test_an_answer_field_cell_is_just_the_field_for_the_learner():
    for path in EXERCISE_FILES:
        for source in code_sources(path):
            field = ANSWER_FIELD.search(source)
            if field:
                assert source == f'kk.aufgabe("{field.group(1)}")', f"{path.name}: {source!r}"
            if PYTHON_CHECK.search(source):
                assert "antwort = ...\n# Ihre Lösung:" in source, f"{path.name}: {source!r}"


def test_solution_cells_show_the_model_answer_in_the_field():
    for path in SOLUTIONS:
        for source in code_sources(path):
            field = ANSWER_FIELD.search(source)
            if field:
                assert source.startswith(f'kk.aufgabe("{field.group(1)}")\n# BEGIN SOLUTION\n'), path.name
                assert f'kk.aufgabe("{field.group(1)}", antwort=' in source, path.name


def test_exercise_notebooks_are_titled_after_their_lesson_and_say_how_they_work():
    for path in SOLUTIONS + EXERCISE_FILES:
        lesson = nbformat.read(ROOT / "notebooks" / path.name, as_version=4).cells[0].source.splitlines()[0]
        number, _, title = lesson.removeprefix("# ").partition(" ")
        first = nbformat.read(path, as_version=4).cells[0]
        assert first.cell_type == "markdown"
        assert first.source.splitlines()[0] == f"# Übungen zu {number} – {title}", path.name
        for words in ("Programmieren müssen Sie hier nicht", "**Prüfen**", "`antworten/`"):
            assert words in first.source, f"{path.name}: {words}"


def test_hints_say_in_words_what_is_meant_and_where_to_read_it():
    code = re.compile(r"\w\(|==|\[|\]|`|\bkk\.|\w_\w")
    for exercise in EXERCISES.values():
        assert len(exercise.hints) >= 2, exercise.id
        if not is_python_task(exercise):
            for hint in exercise.hints:
                assert not code.search(hint), f"{exercise.id}: code in a hint: {hint}"


SAMPLES = [(seed, branche) for branche in kk.BRANCHEN for seed in range(1, 7)]


@pytest.fixture(scope="module")
def references():
    """Every exercise's reference for seeds 1–6 in every sector."""
    found = {}
    for seed, branche in SAMPLES:
        data = kk.load_course_data(seed=seed, branche=branche, n_kunden=600)
        found[seed, branche] = (data, {key: exercise.reference(data) for key, exercise in EXERCISES.items()})
    return found


def test_every_answer_depends_on_the_learners_own_data(references):
    """No task has the same answer for every seed of a sector: each participant reads their own numbers."""
    for exercise_id in EXERCISES:
        for branche in kk.BRANCHEN:
            answers = {repr(references[seed, branche][1][exercise_id]) for seed in range(1, 7)}
            assert len(answers) > 1, f"{exercise_id} is the same for seeds 1–6 in {branche}: {answers}"


def as_read(exercise, value) -> str:
    """A reference as a learner reads it off the table and types it: German, at the rounding shown."""
    text = de_number(float(value), exercise.shown_decimals)
    return {"%": f"{text} %", "€": f"{text} €"}.get(exercise.unit, text)


def test_a_value_read_off_at_the_rounding_shown_is_right(references):
    for data, answers in references.values():
        for exercise_id, reference in answers.items():
            exercise = EXERCISES[exercise_id]
            if exercise.kind == "zahl":
                typed = as_read(exercise, reference)
                assert check_answer(exercise_id, typed, data).correct, f"{exercise_id}: {typed} for {reference}"
            elif exercise.choices is not None:
                choices = exercise.choices(data)
                picked = reference if exercise.kind == "menge" else [reference]
                assert set(picked) <= set(choices), f"{exercise_id}: {picked} not among {choices}"
                assert check_answer(exercise_id, reference, data).correct
