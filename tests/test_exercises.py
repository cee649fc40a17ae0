"""The exercise system: single source, generated learner versions, self-checks that leak nothing."""
import json

import nbformat
import pytest

import kundenkit as kk
from kundenkit import KundenkitError
from kundenkit.exercises import EXERCISES
from kundenkit.exercises.build import build_exercises, strip_solutions
from kundenkit.exercises.checks import check_answer

from kundenkit.exercises.checks import check_records
from conftest import EXERCISES as EXERCISE_FILES, ROOT, SOLUTIONS, execute_notebook


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
    for path in EXERCISE_FILES:
        records = check_records(execute_notebook(path, tmp_path))
        assert records and all(not r["richtig"] and not r["beantwortet"] for r in records.values())


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
            for line in filter(None, (l.strip() for l in block.splitlines())):
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

    monkeypatch.setitem(catalog.EXERCISES, "t", catalog.Exercise("t", "Test", "menge", lambda d: ["App", "Filiale"], ("Tipp",)))
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
    assert json.loads(json.dumps(record)) == {"aufgabe": "1.5-b", "beantwortet": True, "richtig": False, "antwort": ["x"]}
