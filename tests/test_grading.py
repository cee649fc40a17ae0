"""Grading: submissions run isolated, are compared with the instructor's key, and broken ones never stop the rest."""
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import psutil
import pytest

import kundenkit as kk
from conftest import ROOT
from kundenkit.cli import main
from kundenkit.exercises.answers import as_typed
from kundenkit.exercises.classroom import TRAINER_DIR, generate_class
from kundenkit.exercises.grading import grade_submissions
from kundenkit.exercises.sandbox import Limits, sandbox_problem
from kundenkit.exercises.saved_answers import ANSWERS_DIR, save_answer

NAMES = ["Anna Richtig", "Ben Falsch", "Cem Schleife", "Dora Exit", "Emil Fehler", "Fritz Gelöscht",
         "Gina Fälschung", "Hugo Ausgabe", "Ida Ohneabgabe", "Jana Speicher", "Karl Schlüssel", "Lena Schreiben",
         "Max Paket", "Nora Dämon", "Otto Kopie", "Paul Metatext", "Quirin Metaliste", "Rita Ergebnis",
         "Sven Link", "Tina Altformat", "Uwe Groß", "Vera Doppelt", "Wim Kaputt", "Xaver Teilweise"]
NOTEBOOK = "01_05_sympathisch_und_kompetent.ipynb"
SECOND = "01_07_vertrauen.ipynb"  # a second lesson: answers are collected over all of a person's notebooks
DAEMON_MARKER = "kundenkit-test-daemon-9b1c"
LIMITS = Limits(cell_seconds=8, notebook_seconds=30, memory_mb=2048, output_mb=5)

# Attacks, each run inside a participant's own notebook (right after the data is loaded).
READ_KEY = """
import glob, os
found = []
for root in ("..", "../..", "/tmp", os.path.expanduser("~")):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("site-packages", "proc", "sys", "usr")]
        found += [open(os.path.join(folder, f), encoding="utf-8", errors="replace").read()
                  for f in files if f in ("klasse.json", "schluessel.csv")]
for path in glob.glob("/proc/*/cmdline") + glob.glob("/proc/*/environ"):
    try:
        text = open(path, "rb").read().decode(errors="replace")
    except OSError:
        continue
    if "klasse" in text or "_trainer" in text:
        found.append(text)
antwort_c = " ".join(found) or "nichts"
raise ValueError("gefunden: " + (" ".join(found)[:250] or "nichts"))
"""
WRITE_EVERYWHERE = """
import os
hits = 0
for root in ("..", "../..", "/tmp"):
    for folder, dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".ipynb", ".json", ".csv", ".md")):
                try:
                    open(os.path.join(folder, name), "w").write("kaputt"); hits += 1
                except OSError:
                    pass
        try:
            open(os.path.join(folder, "pwned.txt"), "w").write("x")
        except OSError:
            pass
raise PermissionError(f"überschrieben: {hits}")
"""
CHANGE_PACKAGE = """
import os, glob, sys, kundenkit
import kundenkit.exercises.keys as keys
changed = 0
targets = [keys.__file__, kundenkit.__file__]
targets += glob.glob(os.path.join(sys.prefix, "share", "jupyter", "kernels", "*", "kernel.json"))
for path in targets:
    try:
        with open(path, "a") as f:
            f.write(chr(10) + "is_accepted = lambda *a: True" + chr(10))
        changed += 1
    except OSError:
        pass
raise PermissionError(f"geändert: {changed}")
"""
DAEMON = f"""
import os, subprocess, sys
code = ("import time, os; time.sleep(3); "
        "[open(os.path.join(d, 'noten.csv'), 'w').write('1') for d in ('.', '..', '/tmp')]")
subprocess.Popen([sys.executable, "-c", code, "{DAEMON_MARKER}"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", code, "{DAEMON_MARKER}"])
    os._exit(0)
raise RuntimeError("Dämonen gestartet")
"""
FORGE_RESULT = """
import os, signal
for fd in range(3, 40):
    try:
        with open(f"/proc/{os.getppid()}/fd/{fd}", "w") as f:
            f.write("{ kaputt")
    except OSError:
        pass
open("ergebnis.json", "w").write('{"records": {"1.5-a": {"antwort": 1}}}')
os.kill(os.getppid(), signal.SIGKILL)
"""
MEMORY_BOMB = "hog = []\nwhile True:\n    hog.append(bytearray(200_000_000))"


class Raw:
    """An answer written as code (e.g. a variable the attack filled)."""

    def __init__(self, code):
        self.code = code


def fill(path, answers: dict, extra_cell: str | None = None, drop: str | None = None):
    """Give answers as a learner would: typed into the answer fields (saved in antworten/ beside the notebook).

    A :class:`Raw` answer is code: the notebook then hands it to ``kk.check_answer`` in a last cell,
    as an attacker who fills an answer from a variable would.
    """
    notebook = nbformat.read(path, as_version=4)
    for exercise_id, answer in answers.items():
        if isinstance(answer, Raw):
            notebook.cells.append(nbformat.v4.new_code_cell(
                f'kk.check_answer("{exercise_id}", {answer.code}, daten, schluessel)'))
        else:
            exercise = kk.exercises.EXERCISES[exercise_id]
            save_answer(path.parent / ANSWERS_DIR, exercise_id, as_typed(exercise, answer), "test")
    if drop:
        notebook.cells = [c for c in notebook.cells if f'"{drop}"' not in c.source]
    if extra_cell:
        position = next(i for i, c in enumerate(notebook.cells) if "load_course_data" in c.source) + 1
        notebook.cells.insert(position, nbformat.v4.new_code_cell(extra_cell))
    nbformat.write(notebook, path)


def tree_digest(folder, pattern="*"):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern)) if p.is_file() and "__pycache__" not in p.parts}


def package_digest():
    """The files the attack tries to change: the package's entry, its key checks, the kernel specs."""
    package = Path(kk.__file__).parent
    kernels = Path(sys.prefix) / "share" / "jupyter" / "kernels"
    files = [package / "__init__.py", package / "exercises" / "keys.py", *kernels.rglob("kernel.json")]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def our_processes():
    """Processes of this run that could outlive it: workers, kernels started for grading, the test's daemons."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        line = " ".join(process.info["cmdline"] or [])
        if DAEMON_MARKER in line or "kundenkit.exercises.grading_worker" in line or "bwrap" in line:
            found.append(line[:120])
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    # The attacks below write and delete files wherever they can reach. Unsealed, they would reach the
    # machine running the tests: never run them without the sandbox.
    problem = sandbox_problem()
    if problem is not None:
        pytest.fail(f"Die Angriffe laufen nur abgeschottet: {problem} (apt install bubblewrap)")
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

    def right(name, exercises=("1.5-a", "1.5-b")):
        data = kk.generate_customers(seed=seeds[ids[name]], n_customers=400, branche="Bank")
        return {e: kk.exercises.EXERCISES[e].reference(data) for e in exercises}

    inbox = base / "eingang"
    for name in NAMES:
        if name != "Ida Ohneabgabe":
            shutil.copytree(base / "workshop" / ids[name], inbox / ids[name], ignore=shutil.ignore_patterns("daten"))
    nb = lambda name: inbox / ids[name] / NOTEBOOK  # noqa: E731
    for name in NAMES:
        if name not in ("Anna Richtig", "Ida Ohneabgabe"):
            (inbox / ids[name] / SECOND).unlink()
    fill(nb("Anna Richtig"), right("Anna Richtig", ("1.5-a", "1.5-b", "1.5-c", "1.5-d")))
    fill(inbox / ids["Anna Richtig"] / SECOND, right("Anna Richtig", ("1.7-a", "1.7-b", "1.7-c")))
    fill(nb("Ben Falsch"), {"1.5-a": 1.0, "1.5-b": ["Filiale"]})
    fill(nb("Xaver Teilweise"), {**right("Xaver Teilweise", ("1.5-a", "1.5-d")), "1.5-b": ["=HYPERLINK(1)"]})
    fill(nb("Cem Schleife"), right("Cem Schleife"), extra_cell="while True:\n    pass")
    fill(nb("Dora Exit"), right("Dora Exit"), extra_cell="import sys\nsys.exit(1)")
    fill(nb("Emil Fehler"), {"1.5-a": right("Emil Fehler")["1.5-a"]}, extra_cell="1 / 0")
    fill(nb("Fritz Gelöscht"), right("Fritz Gelöscht"), drop="1.5-b")
    fill(nb("Gina Fälschung"), {"1.5-a": 0.0, "1.5-b": ["X"]},
         extra_cell="kk.check_answer = lambda *a, **k: display({'application/vnd.kundenkit.check+json': "
                    "{'aufgabe': a[0], 'beantwortet': True, 'richtig': True, 'antwort': a[1]}}, raw=True)")
    fill(nb("Hugo Ausgabe"), right("Hugo Ausgabe"), extra_cell="print('x' * 25_000_000)")
    fill(nb("Jana Speicher"), right("Jana Speicher"), extra_cell=MEMORY_BOMB)
    fill(nb("Karl Schlüssel"), {**right("Karl Schlüssel"), "1.5-c": Raw("leck")},
         extra_cell=READ_KEY.replace("antwort_c =", "leck ="))
    fill(nb("Lena Schreiben"), right("Lena Schreiben"), extra_cell=WRITE_EVERYWHERE)
    fill(nb("Max Paket"), {"1.5-a": 0.0}, extra_cell=CHANGE_PACKAGE)
    fill(nb("Nora Dämon"), right("Nora Dämon"), extra_cell=DAEMON)
    fill(nb("Rita Ergebnis"), right("Rita Ergebnis"), extra_cell=FORGE_RESULT)
    # Otto copies Anna's notebook metadata (and wrong answers): he is graded as Otto, Anna keeps her grade.
    fill(nb("Otto Kopie"), {"1.5-a": 2.0})
    for name, meta in (("Otto Kopie", {"id": ids["Anna Richtig"], "name": "Anna Richtig"}),
                       ("Paul Metatext", "paul"), ("Quirin Metaliste", ["quirin"])):
        if name != "Otto Kopie":
            fill(nb(name), right(name))
        notebook = nbformat.read(nb(name), as_version=4)
        notebook.metadata["kundenkit_teilnehmer"] = meta
        nbformat.write(notebook, nb(name))
    nb("Sven Link").unlink()
    nb("Sven Link").symlink_to(nb("Anna Richtig"))
    nb("Tina Altformat").write_text(json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {},
                                                "worksheets": [{"cells": []}]}), encoding="utf-8")
    nb("Uwe Groß").write_text(nbformat.writes(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1  # " + "x" * 21_000_000)])), encoding="utf-8")
    fill(nb("Vera Doppelt"), right("Vera Doppelt"))
    shutil.copy2(nb("Vera Doppelt"), inbox / ids["Vera Doppelt"] / NOTEBOOK.replace(".ipynb", " (1).ipynb"))
    nb("Wim Kaputt").write_text("{ kein json", encoding="utf-8")
    (inbox / "fremd.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    (inbox / "kaputt.ipynb").write_text("{ kein json", encoding="utf-8")
    before, package_before = tree_digest(base / "workshop"), package_digest()
    started = time.monotonic()
    grades = grade_submissions(inbox, base / "noten.csv", class_dir=base / "workshop", limits=LIMITS,
                               workers=3, progress=False)
    seconds = time.monotonic() - started
    grades_digest = hashlib.sha256((base / "noten.csv").read_bytes()).hexdigest()
    time.sleep(4)  # a daemon would rewrite noten.csv three seconds after its notebook ended
    return SimpleNamespace(base=base, grades=grades.set_index("name"), before=before, manifest=manifest,
                           package_before=package_before, grades_digest=grades_digest, seconds=seconds, ids=ids)


def test_the_run_is_sealed_here():
    assert sandbox_problem() is None, "bubblewrap fehlt: apt install bubblewrap"


def test_honest_submissions_get_their_exact_grades(graded):
    grades = graded.grades
    assert grades.loc["Anna Richtig", ["punkte", "max_punkte", "note", "hinweise"]].tolist() == [7, 7, 1, ""]
    assert grades.loc["Ben Falsch", ["punkte", "note"]].tolist() == [0, 6]
    assert grades.loc["Xaver Teilweise", ["punkte", "max_punkte"]].tolist() == [2, 7]


@pytest.mark.parametrize(("name", "points", "reason"), [
    ("Cem Schleife", 0, "Zeitlimit von 8 s je Zelle"),
    ("Dora Exit", 2, "SystemExit"),
    ("Emil Fehler", 1, "ZeroDivisionError"),
    ("Fritz Gelöscht", 1, "Aufgabe 1.5-b: Prüfzeile fehlt"),
    ("Gina Fälschung", 0, "Prüffunktion verändert"),
    ("Hugo Ausgabe", 2, "sehr große Ausgabe"),
    ("Ida Ohneabgabe", 0, "keine Abgabe"),
    ("Jana Speicher", 2, "MemoryError"),
    ("Karl Schlüssel", 2, "ValueError: gefunden: nichts"),
    ("Lena Schreiben", 2, "PermissionError: überschrieben: "),  # only its own sandbox's files
    ("Max Paket", 0, "PermissionError: geändert: 0"),
    ("Nora Dämon", 2, "RuntimeError: Dämonen gestartet"),
    ("Otto Kopie", 0, "Notebook wurde für 'anna-richtig' erzeugt, liegt aber bei 'otto-kopie'"),
    ("Paul Metatext", 2, "Metadaten 'kundenkit_teilnehmer' beschädigt (str)"),
    ("Quirin Metaliste", 2, "Metadaten 'kundenkit_teilnehmer' beschädigt (list)"),
    ("Rita Ergebnis", 0, "ohne Ergebnis"),
    ("Sven Link", 0, "symbolischer Link"),
    ("Tina Altformat", 0, "Notebook-Format 3"),
    ("Uwe Groß", 0, "Datei zu groß"),
    ("Vera Doppelt", 0, "mehrfach abgegeben"),
    ("Wim Kaputt", 0, "kein lesbares Notebook (kein gültiges JSON"),
])
def test_every_attack_is_marked_and_stops_no_one(graded, name, points, reason):
    assert graded.grades.loc[name, "punkte"] == points
    assert reason in graded.grades.loc[name, "hinweise"]
    assert "nicht abgeschottet" not in graded.grades.loc[name, "hinweise"]


def test_class_folder_package_and_grades_are_untouched(graded):
    assert tree_digest(graded.base / "workshop") == graded.before
    assert package_digest() == graded.package_before
    package = Path(kk.__file__).parent
    assert not [p for p in package.rglob("*.py") if "is_accepted = lambda *a: True" in p.read_text(encoding="utf-8")]
    assert hashlib.sha256((graded.base / "noten.csv").read_bytes()).hexdigest() == graded.grades_digest
    assert not list(graded.base.rglob("pwned.txt"))


@pytest.mark.skipif(os.name != "posix", reason="Linux file modes")
def test_grades_and_notes_are_the_trainers_only(graded):
    for path in (graded.base / "noten.csv", graded.base / "noten_hinweise.txt"):
        assert path.stat().st_mode & 0o777 == 0o600, path


def test_no_process_of_the_run_is_left(graded):
    assert our_processes() == []


def test_the_key_is_in_no_file_a_participant_gets_back(graded):
    hashes = {h for key in graded.manifest["schluessel"].values() for hs in key["aufgaben"].values() for h in hs}
    files = list((graded.base / "noten_rueckmeldungen").glob("*.md"))
    assert len(files) == len(NAMES)
    for path in files + [graded.base / "noten.csv", graded.base / "noten_hinweise.txt"]:
        text = path.read_text(encoding="utf-8-sig")
        assert not [h for h in hashes if h in text], path.name
        assert '"schluessel"' not in text and "pruefwerte" not in text
    karl = (graded.base / "noten_rueckmeldungen" / f"{graded.ids['Karl Schlüssel']}.md").read_text(encoding="utf-8")
    assert "Ihre Antwort: nichts." in karl


def test_feedback_echo_is_bounded_and_csv_cells_are_no_formulas(graded):
    for path in (graded.base / "noten_rueckmeldungen").glob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "Ihre Antwort: " in line:
                assert len(line.split("Ihre Antwort: ")[1].split(". Richtig wäre")[0]) <= 81
    raw = (graded.base / "noten.csv").read_text(encoding="utf-8-sig")
    fields = [f for line in raw.splitlines() for f in line.split(";")]
    assert not [f for f in fields if f[:1] in ("=", "+", "@")]


def test_foreign_and_broken_files_are_listed_not_graded(graded):
    listed = (graded.base / "noten_hinweise.txt").read_text(encoding="utf-8")
    assert "fremd.ipynb: keiner Person zuzuordnen" in listed and "kaputt.ipynb: keiner Person zuzuordnen" in listed
    assert "Jede Abgabe lief in einer eigenen Sandbox" in listed


def test_grades_csv_and_feedback_for_everyone(graded):
    table = kk.read_csv(graded.base / "noten.csv")
    assert list(table["name"]) == NAMES and table["note"].between(1, 6).all()
    feedback = (graded.base / "noten_rueckmeldungen" / "ben-falsch.md").read_text(encoding="utf-8")
    assert "0 von 7 Punkten" in feedback and "Richtig wäre" in feedback


def test_grade_command_finds_the_class(graded, monkeypatch, capsys):
    base = graded.base
    monkeypatch.chdir(base)
    shutil.rmtree(base / "eingang2", ignore_errors=True)
    (base / "eingang2").mkdir()
    assert main(["bewerten", "--abgaben", "eingang2", "--ziel", "noten2.csv"]) == 0
    assert "keine Abgabe" in capsys.readouterr().out
    assert main(["bewerten", "--abgaben", "fehlt", "--ziel", "n.csv"]) == 1
    assert "Den Ordner 'fehlt'" in capsys.readouterr().err


def test_without_a_sandbox_every_row_says_so(graded, tmp_path, capsys):
    inbox = tmp_path / "eingang"
    anna = graded.ids["Anna Richtig"]
    shutil.copytree(graded.base / "eingang" / anna, inbox / anna)
    assert main(["bewerten", "--abgaben", str(inbox), "--ziel", str(tmp_path / "noten.csv"), "--klasse",
                 str(graded.base / "workshop"), "--ohne-sandbox", "--zeitlimit", "20"]) == 0
    captured = capsys.readouterr()
    assert "ACHTUNG: Die Abgaben liefen NICHT abgeschottet" in captured.err
    table = kk.read_csv(tmp_path / "noten.csv").set_index("name")
    assert table.loc["Anna Richtig", "punkte"] == 7
    assert table["hinweise"].str.contains("nicht abgeschottet").loc[["Anna Richtig"]].all()
