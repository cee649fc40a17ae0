"""Grading reads what participants typed into answer fields (antworten/ beside their notebook), sealed like the rest."""
import json
import shutil

import nbformat
import pandas as pd

import kundenkit as kk
from conftest import ROOT
from kundenkit.exercises.classroom import TRAINER_DIR, generate_class
from kundenkit.exercises.grading import grade_submissions
from kundenkit.exercises.sandbox import Limits
from kundenkit.exercises.saved_answers import ANSWERS_DIR, save_answer
from kundenkit.formatting import de_number

NOTEBOOK = "01_05_sympathisch_und_kompetent.ipynb"
TASKS = "kk.aufgaben_vorbereiten(daten, schluessel)\nkk.aufgabe(\"1.5-a\")"


def test_typed_answers_are_graded_per_person(tmp_path):
    (tmp_path / "liste.csv").write_text("Name\nAnna Feld\nBen Feld\n", encoding="utf-8")
    solutions = tmp_path / "loesungen"
    solutions.mkdir()
    shutil.copy2(ROOT / "solutions" / NOTEBOOK, solutions / NOTEBOOK)
    generate_class(tmp_path / "liste.csv", tmp_path / "workshop", branche="Bank", chapters=[1], n_kunden=300,
                   solutions_dir=solutions, progress=False)
    manifest = json.loads((tmp_path / "workshop" / TRAINER_DIR / "klasse.json").read_text(encoding="utf-8"))
    inbox = tmp_path / "eingang"
    for person in manifest["teilnehmende"]:
        folder = inbox / person["id"]
        shutil.copytree(tmp_path / "workshop" / person["id"], folder, ignore=shutil.ignore_patterns("daten"))
        notebook = nbformat.read(folder / NOTEBOOK, as_version=4)
        notebook.cells.append(nbformat.v4.new_code_cell(TASKS))
        nbformat.write(notebook, folder / NOTEBOOK)
        data = kk.generate_customers(seed=person["seed"], n_customers=300, branche="Bank")
        right = kk.exercises.EXERCISES["1.5-a"].reference(data)
        typed = de_number(right, 2) if person["name"] == "Anna Feld" else "1,00"
        save_answer(folder / ANSWERS_DIR, "1.5-a", typed, f"{person['seed']}/Bank")
    # A file that claims another exercise, and one that is no answer at all: ignored, never trusted.
    ben = next(p["id"] for p in manifest["teilnehmende"] if p["name"] == "Ben Feld")
    (inbox / ben / ANSWERS_DIR / "1.5-b.json").write_text('{"version": 1, "aufgabe": "1.5-a", "antwort": "x"}')
    (inbox / ben / ANSWERS_DIR / "notiz.json").write_text("{}")
    grades = grade_submissions(inbox, tmp_path / "noten.csv", class_dir=tmp_path / "workshop",
                               limits=Limits(cell_seconds=30, notebook_seconds=120), workers=2, progress=False)
    points = grades.set_index("name")["punkte"]
    assert points["Anna Feld"] == 1 and points["Ben Feld"] == 0
    feedback = (tmp_path / "noten_rueckmeldungen").glob("*.md")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in feedback}
    assert "Ihre Antwort: 1,00." in texts["ben-feld"]
    assert isinstance(pd.read_csv(tmp_path / "noten.csv", sep=";"), pd.DataFrame)
