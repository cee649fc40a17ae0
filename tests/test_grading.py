"""Grading: submissions run isolated, are compared with the instructor's key, and broken ones never stop the rest."""
import hashlib
import json
import shutil

import nbformat
import pytest

import kundenkit as kk
from kundenkit.cli import main
from kundenkit.exercises.classroom import TRAINER_DIR, generate_class
from kundenkit.exercises.grading import grade_submissions
from conftest import ROOT

NAMES = ["Anna Richtig", "Ben Falsch", "Cem Schleife", "Dora Exit", "Emil Fehler", "Fritz Gelöscht",
         "Gina Fälschung", "Hugo Ausgabe", "Ida Ohneabgabe"]
NOTEBOOK = "01_05_sympathisch_und_kompetent.ipynb"
SECOND = "01_07_vertrauen.ipynb"  # a second lesson: answers are collected over all of a person's notebooks


def fill(path, answers: dict, extra_cell: str | None = None, drop: str | None = None):
    """Write answers into a participant's notebook as a learner would."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for exercise_id, answer in answers.items():
            variable = f"antwort_{exercise_id.split('-')[1]}"
            if cell.cell_type == "code" and f'"{exercise_id}"' in cell.source:
                cell.source = cell.source.replace(f"{variable} = ...", f"{variable} = {answer!r}", 1)
    if drop:
        notebook.cells = [c for c in notebook.cells if f'"{drop}"' not in c.source]
    if extra_cell:
        position = next(i for i, c in enumerate(notebook.cells) if "load_course_data" in c.source) + 1
        notebook.cells.insert(position, nbformat.v4.new_code_cell(extra_cell))
    nbformat.write(notebook, path)


def tree_digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grading")
    (base / "liste.csv").write_text("Name\n" + "\n".join(NAMES) + "\n", encoding="utf-8")
    solutions = base / "loesungen"
    solutions.mkdir()
    for name in (NOTEBOOK, SECOND):
        shutil.copy2(ROOT / "solutions" / name, solutions / name)
    generate_class(base / "liste.csv", base / "workshop", branche="Bank", chapters=[1], n_kunden=400,
                   solutions_dir=solutions, progress=False)
    manifest = json.loads((base / "workshop" / TRAINER_DIR / "klasse.json").read_text(encoding="utf-8"))
    ids = {p["name"]: p["id"] for p in manifest["teilnehmende"]}
    seeds = {p["id"]: p["seed"] for p in manifest["teilnehmende"]}

    def right(pid, exercises=("1.5-a", "1.5-b")):
        data = kk.generate_customers(seed=seeds[pid], n_customers=400, branche="Bank")
        return {e: kk.exercises.EXERCISES[e].reference(data) for e in exercises}

    inbox = base / "eingang"
    for name in NAMES[:-1]:
        shutil.copytree(base / "workshop" / ids[name], inbox / ids[name], ignore=shutil.ignore_patterns("daten"))
    nb = lambda name: inbox / ids[name] / NOTEBOOK  # noqa: E731
    fill(nb("Anna Richtig"), right(ids["Anna Richtig"], ("1.5-a", "1.5-b", "1.5-c", "1.5-d")))
    fill(inbox / ids["Anna Richtig"] / SECOND, right(ids["Anna Richtig"], ("1.7-a", "1.7-b", "1.7-c")))
    fill(nb("Ben Falsch"), {"1.5-a": 1.0, "1.5-b": ["Filiale"]})
    fill(nb("Cem Schleife"), right(ids["Cem Schleife"]), extra_cell="while True:\n    pass")
    fill(nb("Dora Exit"), right(ids["Dora Exit"]), extra_cell="import sys\nsys.exit(1)")
    fill(nb("Emil Fehler"), {"1.5-a": right(ids["Emil Fehler"])["1.5-a"]}, extra_cell="1 / 0")
    fill(nb("Fritz Gelöscht"), right(ids["Fritz Gelöscht"]), drop="1.5-b")
    fill(nb("Gina Fälschung"), {"1.5-a": 0.0, "1.5-b": ["X"]},
         extra_cell="kk.check_answer = lambda *a, **k: display({'application/vnd.kundenkit.check+json': "
                    "{'aufgabe': a[0], 'beantwortet': True, 'richtig': True, 'antwort': a[1]}}, raw=True)")
    fill(nb("Hugo Ausgabe"), right(ids["Hugo Ausgabe"]), extra_cell="print('x' * 25_000_000)")
    (inbox / "fremd.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    (inbox / "kaputt.ipynb").write_text("{ kein json", encoding="utf-8")
    before = tree_digest(base / "workshop")
    grades = grade_submissions(inbox, base / "noten.csv", class_dir=base / "workshop",
                                                     cell_timeout=8, progress=False)
    return base, grades.set_index("name"), before


def test_right_and_wrong_get_the_expected_grades(graded):
    _, grades, _ = graded
    assert grades.loc["Anna Richtig", ["punkte", "max_punkte", "note"]].tolist() == [7, 7, 1]
    assert grades.loc["Anna Richtig", "hinweise"] == ""
    assert grades.loc["Ben Falsch", ["punkte", "note"]].tolist() == [0, 6]


@pytest.mark.parametrize(("name", "points", "reason"), [
    ("Cem Schleife", 0, "Zeitlimit"),
    ("Dora Exit", 2, "SystemExit"),
    ("Emil Fehler", 1, "ZeroDivisionError"),
    ("Fritz Gelöscht", 1, "Aufgabe 1.5-b: Prüfzeile fehlt"),
    ("Gina Fälschung", 0, "Prüffunktion verändert"),
    ("Hugo Ausgabe", 2, "sehr große Ausgabe"),
    ("Ida Ohneabgabe", 0, "keine Abgabe"),
])
def test_broken_submissions_are_isolated_and_marked(graded, name, points, reason):
    _, grades, _ = graded
    assert grades.loc[name, "punkte"] == points
    assert reason in grades.loc[name, "hinweise"]


def test_foreign_and_broken_files_are_listed_not_graded(graded):
    base, _, _ = graded
    listed = (base / "noten_hinweise.txt").read_text(encoding="utf-8")
    assert "fremd.ipynb: keiner Person zuzuordnen" in listed and "kaputt.ipynb: keiner Person zuzuordnen" in listed


def test_grades_csv_and_feedback_for_everyone(graded):
    base, grades, _ = graded
    table = kk.read_csv(base / "noten.csv")
    assert list(table["name"]) == NAMES and table["note"].between(1, 6).all()
    feedback = (base / "noten_rueckmeldungen" / "ben-falsch.md").read_text(encoding="utf-8")
    assert "0 von 7 Punkten" in feedback and "Richtig wäre" in feedback


def test_instructor_files_are_unchanged(graded):
    base, _, before = graded
    assert tree_digest(base / "workshop") == before


def test_grade_command_finds_the_class(graded, monkeypatch, capsys):
    base, _, _ = graded
    monkeypatch.chdir(base)
    shutil.rmtree(base / "eingang2", ignore_errors=True)
    (base / "eingang2").mkdir()
    assert main(["bewerten", "--abgaben", "eingang2", "--ziel", "noten2.csv"]) == 0
    assert "keine Abgabe" in capsys.readouterr().out
    assert main(["bewerten", "--abgaben", "fehlt", "--ziel", "n.csv"]) == 1
    assert "Den Ordner 'fehlt'" in capsys.readouterr().err
