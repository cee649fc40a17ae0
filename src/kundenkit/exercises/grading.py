"""Grade submitted exercise notebooks against the instructor's key.

Each submission runs in its own process, in a temporary copy with the
participant's data copied from the class folder, with a time limit and without
the key. Its answers are read from the self-check records and compared with
that participant's key here, in the grading process – whatever the notebook
claims about itself. A broken submission is marked with the reason and never
stops the others; the class folder is only read.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd
from tqdm import tqdm

from kundenkit.data.german_csv import write_csv
from kundenkit.errors import KundenkitError
from kundenkit.exercises.catalog import EXERCISES
from kundenkit.exercises.classroom import CLASS_FILE, DATA_DIR, TRAINER_DIR
from kundenkit.exercises.keys import display_answer, is_accepted

MAX_RESULT_BYTES = 5_000_000
MAX_OUTPUT_BYTES = 20_000_000
# Code that replaces or imitates the self-check instead of calling it.
_TAMPERING = re.compile(r"def\s+check_answer|check_answer\s*=[^=]|CheckResult\s*\(|vnd\.kundenkit\.check|MIME_TYPE")
# IHK 100-point scale: lower bound of the percentage for grades 1 to 5; below that 6.
GRADE_BOUNDS = ((92, 1), (81, 2), (67, 3), (50, 4), (30, 5))


def grade_for(percent: float) -> int:
    """German school grade (1–6) for a percentage, after the IHK 100-point scale.

    >>> [grade_for(p) for p in (100, 92, 91.9, 67, 50, 30, 29)]
    [1, 1, 2, 3, 4, 5, 6]
    """
    return next((grade for bound, grade in GRADE_BOUNDS if percent >= bound), 6)


@dataclass
class Submission:
    """The outcome of grading one participant."""

    participant_id: str
    name: str
    points: int = 0
    max_points: int = 0
    notes: list[str] = field(default_factory=list)
    answers: dict = field(default_factory=dict)

    def row(self) -> dict:
        percent = round(100 * self.points / self.max_points, 1) if self.max_points else 0.0
        return {"teilnehmer_id": self.participant_id, "name": self.name, "punkte": self.points,
                "max_punkte": self.max_points, "prozent": percent, "note": grade_for(percent),
                "status": "geprüft" if not self.notes else "mit Hinweisen", "hinweise": " | ".join(self.notes)}


def load_class(class_dir) -> dict:
    path = Path(class_dir) / TRAINER_DIR / CLASS_FILE
    if not path.exists():
        raise KundenkitError(
            f"'{path}' fehlt. Geben Sie mit --klasse den Ordner an, den 'kundenkit klasse' erzeugt hat.")
    return json.loads(path.read_text(encoding="utf-8"))


def find_class_dir(start: Path) -> Path:
    """The one folder below ``start`` that holds a class (``_trainer/klasse.json``)."""
    found = [p.parent.parent for p in Path(start).glob(f"*/{TRAINER_DIR}/{CLASS_FILE}")]
    if len(found) != 1:
        where = ", ".join(map(str, found)) or "keinen"
        raise KundenkitError(f"Ich finde {where} Klassenordner unter '{start}'. Geben Sie ihn mit --klasse an.")
    return found[0]


def _identify(path: Path, known: dict) -> tuple[str | None, str | None]:
    """(participant id, problem) of a submitted file."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:
        return None, "kein lesbares Notebook"
    owner = notebook.metadata.get("kundenkit_teilnehmer", {}).get("id")
    if owner not in known:
        return None, "nicht von 'kundenkit klasse' für diese Klasse erzeugt"
    if path.parent.name in known and path.parent.name != owner:
        return owner, f"liegt im Ordner von '{path.parent.name}', wurde aber für '{owner}' erzeugt"
    return owner, None


def _run_isolated(path: Path, participant_dir: Path, cell_timeout: int, total_timeout: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kundenkit-abgabe-") as tmp:
        work = Path(tmp)
        shutil.copy2(path, work / "abgabe.ipynb")
        shutil.copytree(participant_dir / DATA_DIR, work / DATA_DIR)
        result = work / "ergebnis.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KUNDENKIT", "JUPYTER_"))}
        env["HOME"] = tmp
        process = subprocess.Popen(
            [sys.executable, "-m", "kundenkit.exercises.grading_worker", "abgabe.ipynb", str(result),
             "--timeout", str(cell_timeout)],
            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            process.wait(timeout=total_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return {"problem": f"Gesamtzeit von {total_timeout} s überschritten"}
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the kernel, if it survived its client
            except ProcessLookupError:
                pass
        if not result.exists():
            return {"problem": "Die Ausführung brach ohne Ergebnis ab"}
        if result.stat().st_size > MAX_RESULT_BYTES:
            return {"problem": "Das Ergebnis ist unplausibel groß"}
        return json.loads(result.read_text(encoding="utf-8"))


def _run_notebook(path: Path, owner: str, class_dir: Path, cell_timeout: int,
                  total_timeout: int) -> tuple[dict, list[str]]:
    """Run one submitted notebook isolated: its self-check records and the notes on what went wrong."""
    notes = []
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    if _TAMPERING.search(source):
        notes.append("Prüffunktion verändert: Antworten trotzdem mit dem Schlüssel verglichen")
    outcome = _run_isolated(path, class_dir / owner, cell_timeout, total_timeout)
    if outcome.get("problem"):
        notes.append(outcome["problem"])
    notes += [f"Fehler in {e}" for e in outcome.get("errors", [])[:3]]
    if outcome.get("output_bytes", 0) > MAX_OUTPUT_BYTES:
        notes.append(f"sehr große Ausgabe ({outcome['output_bytes'] // 1_000_000} MB)")
    return outcome.get("records", {}), notes


def _score(owner: str, manifest: dict, records: dict, notes: list[str]) -> Submission:
    """Compare a participant's answers from all their notebooks with their key."""
    key = manifest["schluessel"][owner]
    name = next(p["name"] for p in manifest["teilnehmende"] if p["id"] == owner)
    submission = Submission(owner, name, max_points=len(key["aufgaben"]), notes=list(notes))
    for exercise_id, accepted in key["aufgaben"].items():
        exercise = EXERCISES[exercise_id]
        record = records.get(exercise_id)
        if record is None:
            submission.notes.append(f"Aufgabe {exercise_id}: Prüfzeile fehlt oder lief nicht")
        answer = record.get("antwort") if record else None
        correct = answer is not None and is_accepted(exercise, answer, key["variante"], accepted)
        submission.points += correct
        submission.answers[exercise_id] = (answer, correct)
    return submission


def _feedback(submission: Submission, manifest: dict) -> str:
    key = manifest["schluessel"][submission.participant_id]
    lines = [f"# Rückmeldung für {submission.name}", "",
             f"**{submission.points} von {submission.max_points} Punkten.**", ""]
    for exercise_id, (answer, correct) in submission.answers.items():
        exercise = EXERCISES[exercise_id]
        lines.append(f"- Aufgabe {exercise_id} ({exercise.title}): {'richtig' if correct else 'nicht richtig'}. "
                     f"Ihre Antwort: {display_answer(exercise, answer)}."
                     + ("" if correct else f" Richtig wäre: {key['loesungen'][exercise_id]}. Tipp: {exercise.hint}"))
    if submission.notes:
        lines += ["", "Hinweise:", *[f"- {note}" for note in submission.notes]]
    return "\n".join(lines) + "\n"


def grade_submissions(submissions_dir, target_csv, *, class_dir=None, cell_timeout: int = 60,
                      total_timeout: int = 300, workers: int = 2, progress: bool = True) -> pd.DataFrame:
    """Grade every notebook below ``submissions_dir``; write the grades CSV and one feedback file per person.

    Returns the grades table. Participants without a submission get 0 points
    and the note "keine Abgabe". An existing grades file is kept as ``.bak``.
    """
    submissions_dir, target_csv = Path(submissions_dir), Path(target_csv)
    if not submissions_dir.is_dir():
        raise KundenkitError(f"Den Ordner '{submissions_dir}' mit den Abgaben gibt es nicht.")
    class_dir = Path(class_dir) if class_dir else find_class_dir(Path.cwd())
    manifest = load_class(class_dir)
    known = {p["id"]: p["name"] for p in manifest["teilnehmende"]}
    files = sorted(p for p in submissions_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    rejected, jobs = [], []
    for path in files:
        owner, problem = _identify(path, known)
        if owner is None:
            rejected.append(f"{path.relative_to(submissions_dir)}: {problem}")
        else:
            jobs.append((path, owner, problem))
    # One participant hands in one notebook per lesson: their answers are collected over all of them.
    runs: dict[str, dict[str, tuple[dict, list[str]]]] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool, \
            tqdm(total=len(jobs), desc="Abgaben", unit="Notebook", disable=not progress) as bar:
        futures = [(path, owner, problem, pool.submit(_run_notebook, path, owner, class_dir,
                                                      cell_timeout, total_timeout)) for path, owner, problem in jobs]
        for path, owner, problem, future in futures:
            records, notes = future.result()
            notes = ([problem] if problem else []) + notes
            if path.name in runs.setdefault(owner, {}):
                notes.insert(0, f"{path.name} mehrfach abgegeben; bewertet: {path.relative_to(submissions_dir)}")
            runs[owner][path.name] = (records, notes)
            bar.update()
    results: dict[str, Submission] = {}
    for owner, notebooks in runs.items():
        records, notes = {}, []
        for name in sorted(notebooks):
            notebook_records, notebook_notes = notebooks[name]
            records.update(notebook_records)
            notes += [f"{name}: {note}" for note in notebook_notes] if len(notebooks) > 1 else notebook_notes
        results[owner] = _score(owner, manifest, records, notes)
    for pid, name in known.items():
        results.setdefault(pid, Submission(pid, name, max_points=len(manifest["schluessel"][pid]["aufgaben"]),
                                           notes=["keine Abgabe"]))
    grades = pd.DataFrame([results[pid].row() for pid in known])
    if target_csv.exists():
        shutil.copy2(target_csv, target_csv.with_name(target_csv.name + ".bak"))
    write_csv(grades, target_csv)
    feedback_dir = target_csv.with_name(f"{target_csv.stem}_rueckmeldungen")
    feedback_dir.mkdir(parents=True, exist_ok=True)
    for submission in results.values():
        (feedback_dir / f"{submission.participant_id}.md").write_text(_feedback(submission, manifest), encoding="utf-8")
    if rejected:
        (feedback_dir / "_nicht_bewertet.txt").write_text("\n".join(rejected) + "\n", encoding="utf-8")
    grades.attrs["nicht_bewertet"] = rejected
    return grades
