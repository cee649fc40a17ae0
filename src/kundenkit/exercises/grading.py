"""Grade submitted exercise notebooks against the instructor's key.

How a submission is graded:

1. **Whose is it?** The trainer's filing says so, never the notebook: the
   participant folder it lies in (``anna-berg/…``) or the start of its file
   name (``anna-berg_01_05….ipynb``). Metadata inside the notebook that names
   somebody else only adds a note. Two notebooks of one person for the same
   lesson are both flagged and neither is graded.
2. **Is it a notebook?** Symbolic links, files over the size limit, invalid
   JSON and notebooks older than format 4 are marked with the reason; they
   never stop the others.
3. **Sealed execution.** Each notebook runs in its own sandbox
   (:mod:`kundenkit.exercises.sandbox`) with only its own notebook and that
   participant's data; the key, the class folder and the grades file are not
   there. Limits: memory, CPU, wall time per cell and per notebook, output and
   file size. Where no sandbox can be made, every row says so.
4. **Strict result.** Only a small typed result comes back
   (:class:`~kundenkit.exercises.grading_worker.NotebookResult`); anything
   else marks the notebook "ungültiges Ergebnis".
5. **Compare and write.** Answers are compared with the participant's key
   here, in the grading process. ``noten.csv``, the feedback files and the
   trainer's notes are written once, atomically, after every run has ended.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from kundenkit.data.german_csv import write_csv
from kundenkit.errors import KundenkitError
from kundenkit.exercises.catalog import EXERCISES
from kundenkit.exercises.classroom import CLASS_FILE, DATA_DIR, TRAINER_DIR
from kundenkit.exercises.grading_worker import InvalidResult, NotebookResult
from kundenkit.exercises.keys import display_answer, is_accepted, normalise
from kundenkit.exercises.sandbox import Limits, run_submission, sandbox_problem
from kundenkit.exercises.saved_answers import ANSWER_FILE, ANSWERS_DIR, MAX_FILE_BYTES

MAX_NOTEBOOK_BYTES = 20_000_000
MAX_ECHO = 80
MAX_ANSWER_FILES = 200
# Code that replaces or imitates the self-check instead of calling it.
_TAMPERING = re.compile(r"def\s+check_answer|check_answer\s*=[^=]|CheckResult\s*\(|vnd\.kundenkit\.check|MIME_TYPE")
_LESSON = re.compile(r"^(\d\d_\d\d)")
# IHK 100-point scale: lower bound of the percentage for grades 1 to 5; below that 6.
GRADE_BOUNDS = ((92, 1), (81, 2), (67, 3), (50, 4), (30, 5))
UNSEALED = "nicht abgeschottet ausgeführt"


def grade_for(percent: float) -> int:
    """German school grade (1–6) for a percentage, after the IHK 100-point scale.

    >>> [grade_for(p) for p in (100, 92, 91.9, 67, 50, 30, 29)]
    [1, 1, 2, 3, 4, 5, 6]
    """
    return next((grade for bound, grade in GRADE_BOUNDS if percent >= bound), 6)


def bounded(text, limit: int = MAX_ECHO) -> str:
    """Text on one line, at most ``limit`` characters (cut with "…").

    >>> bounded("a\\nb"), bounded("x" * 100, 10)
    ('a b', 'xxxxxxxxx…')
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def csv_safe(value):
    """A cell value that a spreadsheet will not run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first).

    >>> csv_safe("=HYPERLINK(1)"), csv_safe("-1+2"), csv_safe("Anna"), csv_safe(-3)
    ("'=HYPERLINK(1)", "'-1+2", 'Anna', -3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


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


@dataclass
class Found:
    """One notebook file below the submissions folder, and what is known about it before running it."""

    relative: str
    owner: str | None = None
    lesson: str = ""
    content: bytes | None = None
    problem: str | None = None
    notes: list[str] = field(default_factory=list)
    answers: dict[str, bytes] = field(default_factory=dict)   # antworten/<id>.json beside the notebook


def load_class(class_dir) -> dict:
    path = Path(class_dir) / TRAINER_DIR / CLASS_FILE
    if not path.exists():
        raise KundenkitError(
            f"'{path}' fehlt. Geben Sie mit --klasse den Ordner an, den 'kundenkit klasse' erzeugt hat.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        ids = [p["id"] for p in manifest["teilnehmende"]]
        assert all(pid in manifest["schluessel"] for pid in ids)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise KundenkitError(f"'{path}' ist beschädigt. Erzeugen Sie die Klasse mit 'kundenkit klasse' neu "
                             "(gleiche Einstellungen, gleiche Sätze).") from None
    return manifest


def find_class_dir(start: Path) -> Path:
    """The one folder below ``start`` that holds a class (``_trainer/klasse.json``)."""
    found = [p.parent.parent for p in Path(start).glob(f"*/{TRAINER_DIR}/{CLASS_FILE}")]
    if len(found) != 1:
        where = ", ".join(map(str, found)) or "keinen"
        raise KundenkitError(f"Ich finde {where} Klassenordner unter '{start}'. Geben Sie ihn mit --klasse an.")
    return found[0]


def owner_of(relative: Path, known) -> tuple[str | None, str]:
    """(participant id, lesson file name) from where a submission lies: folder first, then file name prefix.

    >>> owner_of(Path("anna-berg/01_05_x.ipynb"), {"anna-berg", "anna"})
    ('anna-berg', '01_05_x.ipynb')
    >>> owner_of(Path("anna-berg_01_05_x.ipynb"), {"anna-berg", "anna"})
    ('anna-berg', '01_05_x.ipynb')
    >>> owner_of(Path("wer_01_05_x.ipynb"), {"anna-berg"})
    (None, 'wer_01_05_x.ipynb')
    """
    for part in relative.parts[:-1]:
        if part in known:
            return part, relative.name
    name = relative.name
    for pid in sorted(known, key=len, reverse=True):
        if name == f"{pid}.ipynb":
            return pid, name
        if name.startswith(pid) and name[len(pid)] in "_ ":
            return pid, name[len(pid) + 1:].lstrip("_ ") or name
    return None, name


def _lesson_key(lesson: str) -> str:
    match = _LESSON.match(lesson)
    return match.group(1) if match else lesson


def _read_file(path: Path) -> tuple[bytes | None, str | None]:
    """The bytes of a submitted file, or the German reason why it is not read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None, "symbolischer Link oder nicht lesbar: nicht bewertet"
    with os.fdopen(fd, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_NOTEBOOK_BYTES:
            return None, (f"Datei zu groß ({size / 1e6:.0f} MB, erlaubt sind {MAX_NOTEBOOK_BYTES // 10**6} MB): "
                          "nicht bewertet. Löschen Sie die Ausgaben (Bearbeiten → Alle Ausgaben löschen).")
        return stream.read(MAX_NOTEBOOK_BYTES + 1), None


def inspect_notebook(content: bytes, owner: str) -> tuple[str | None, list[str], str]:
    """(problem that stops grading, notes, source code) of a submitted notebook's bytes.

    >>> inspect_notebook(b"{ kein json", "anna")[0]
    'kein lesbares Notebook (kein gültiges JSON, Zeile 1, Spalte 3)'
    >>> inspect_notebook(b'{"nbformat": 3, "metadata": {}, "worksheets": []}', "anna")[0][:18]
    'Notebook-Format 3:'
    """
    import nbformat

    try:
        raw = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return "kein lesbares Notebook (keine UTF-8-Datei)", [], ""
    except json.JSONDecodeError as error:
        return f"kein lesbares Notebook (kein gültiges JSON, Zeile {error.lineno}, Spalte {error.colno})", [], ""
    except RecursionError:
        return "kein lesbares Notebook (zu tief verschachtelt)", [], ""
    if not isinstance(raw, dict) or not isinstance(raw.get("cells", []), list):
        return "kein Notebook (die Datei enthält keine Zellen)", [], ""
    version = raw.get("nbformat")
    if version != 4:
        return (f"Notebook-Format {bounded(version, 10)}: nicht bewertet. Öffnen Sie es in JupyterLab und "
                "speichern Sie es neu (Format 4)."), [], ""
    try:
        notebook = nbformat.reads(json.dumps(raw), as_version=4)
        cells = [c for c in notebook.cells if isinstance(c.get("source", ""), str)]
        source = "\n".join(c.source for c in cells)
    except Exception as error:
        return f"kein gültiges Notebook ({bounded(type(error).__name__, 40)})", [], ""
    notes = []
    meta = raw.get("metadata", {}).get("kundenkit_teilnehmer") if isinstance(raw.get("metadata"), dict) else None
    if meta is not None:
        claimed = meta.get("id") if isinstance(meta, dict) else None
        if not isinstance(meta, dict) or not isinstance(claimed, str):
            notes.append(f"Metadaten 'kundenkit_teilnehmer' beschädigt ({type(meta).__name__}); "
                         "zugeordnet nach dem Ordner")
        elif claimed != owner:
            notes.append(f"Notebook wurde für '{bounded(claimed, 40)}' erzeugt, liegt aber bei '{owner}'; "
                         f"bewertet für '{owner}'")
    return None, notes, source


def answer_files(folder: Path) -> dict[str, bytes]:
    """The answer-field files in ``folder`` (``antworten/``): well-named, small, no links; others are ignored.

    What they say is checked again where they are read (:func:`kundenkit.exercises.saved_answers.load_answer`).
    """
    found: dict[str, bytes] = {}
    if folder.is_symlink() or not folder.is_dir():
        return found
    for path in sorted(folder.iterdir())[:MAX_ANSWER_FILES]:
        if not ANSWER_FILE.fullmatch(path.name) or path.is_symlink() or not path.is_file():
            continue
        content, problem = _read_file(path)
        if problem is None and content is not None and len(content) <= MAX_FILE_BYTES:
            found[path.name] = content
    return found


def collect(submissions_dir: Path, known) -> list[Found]:
    """Every ``.ipynb`` below ``submissions_dir`` (symbolic links are listed, never followed)."""
    found: list[Found] = []
    for root, dirs, files in os.walk(submissions_dir, followlinks=False):
        folder = Path(root)
        for name in list(dirs):
            if (folder / name).is_symlink():
                found.append(Found(str((folder / name).relative_to(submissions_dir)) + "/",
                                   problem="symbolischer Link auf einen Ordner: nicht bewertet"))
        dirs[:] = sorted(d for d in dirs if d != ".ipynb_checkpoints" and not (folder / d).is_symlink())
        for name in sorted(files):
            if not name.endswith(".ipynb"):
                continue
            path = folder / name
            relative = path.relative_to(submissions_dir)
            owner, lesson = owner_of(relative, known)
            item = Found(relative.as_posix(), owner, lesson)
            if path.is_symlink():
                item.problem = "symbolischer Link: nicht bewertet"
            else:
                item.content, item.problem = _read_file(path)
                item.answers = answer_files(folder / ANSWERS_DIR)
            found.append(item)
    return found


def _flag_duplicates(found: list[Found]) -> None:
    by_lesson: dict[tuple[str, str], list[Found]] = {}
    for item in found:
        if item.owner and item.problem is None:
            by_lesson.setdefault((item.owner, _lesson_key(item.lesson)), []).append(item)
    for items in by_lesson.values():
        if len(items) > 1:
            paths = ", ".join(i.relative for i in items)
            for item in items:
                item.problem = (f"mehrfach abgegeben ({paths}): keine davon bewertet. "
                                "Entfernen Sie die überzähligen und bewerten Sie neu.")


def _run(item: Found, class_dir: Path, limits: Limits, sealed: bool, hidden, cache, private: Path):
    """Run one notebook; return (answers, notes)."""
    content, owner = item.content, item.owner
    assert content is not None and owner is not None  # grade_submissions runs only read notebooks of known people
    problem, notes, source = inspect_notebook(content, owner)
    if problem:
        return {}, [problem]
    if _TAMPERING.search(source):
        notes.append("Prüffunktion verändert: Antworten trotzdem mit dem Schlüssel verglichen")
    folder = Path(tempfile.mkdtemp(prefix="nb-", dir=private))
    notebook = folder / "abgabe.ipynb"
    notebook.write_bytes(content)
    answers = folder / ANSWERS_DIR
    answers.mkdir()
    for name, answer_bytes in item.answers.items():
        (answers / name).write_bytes(answer_bytes)
    person_data = class_dir / owner / DATA_DIR
    data = person_data if person_data.is_dir() else None
    if data is None:
        notes.append(f"Daten der Person fehlen im Klassenordner ({owner}/{DATA_DIR})")
    try:
        outcome = run_submission(notebook, data, limits, sealed=sealed, hidden=hidden, cache=cache, answers=answers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if outcome.timed_out:
        return {}, notes + [f"Gesamtzeit von {limits.notebook_seconds} s je Notebook überschritten: abgebrochen"]
    if outcome.result is None:
        return {}, notes + ["Die Ausführung brach ohne Ergebnis ab (Speicher-, CPU- oder Dateigrenze "
                            "überschritten oder Prozess beendet)"]
    try:
        result = NotebookResult.from_json(outcome.result)
    except InvalidResult as error:
        return {}, notes + [f"ungültiges Ergebnis ({bounded(error, 60)}): nicht bewertet"]
    if result.problem:
        notes.append(result.problem)
    notes += [f"Fehler in {e}" for e in result.errors[:3]]
    if result.output_cut:
        notes.append(f"sehr große Ausgabe ({result.output_bytes // 1_000_000} MB): Ausgabe nach "
                     f"{limits.output_mb} MB abgeschnitten")
    return result.answers, notes


def _score(owner: str, manifest: dict, answers: dict, notes: list[str]) -> Submission:
    """Compare a participant's answers from all their notebooks with their key."""
    key = manifest["schluessel"][owner]
    name = next(p["name"] for p in manifest["teilnehmende"] if p["id"] == owner)
    required = [e for e in key["aufgaben"] if not EXERCISES[e].optional]
    submission = Submission(owner, name, max_points=len(required), notes=list(notes))
    for exercise_id, accepted in key["aufgaben"].items():
        exercise = EXERCISES[exercise_id]
        answer = answers.get(exercise_id)
        if exercise_id not in answers and not exercise.optional:
            submission.notes.append(f"Aufgabe {exercise_id}: Prüfzeile fehlt oder lief nicht")
        correct = answer is not None and is_accepted(exercise, answer, key["variante"], accepted)
        submission.points += correct and not exercise.optional
        submission.answers[exercise_id] = (answer, correct)
    return submission


def echo(exercise, answer) -> str:
    """A submitted answer as feedback shows it: German format, one line, at most 80 characters."""
    try:
        return bounded(display_answer(exercise, answer))
    except Exception:
        return bounded(repr(answer))


def _feedback(submission: Submission, manifest: dict) -> str:
    key = manifest["schluessel"][submission.participant_id]
    lines = [f"# Rückmeldung für {submission.name}", "",
             f"**{submission.points} von {submission.max_points} Punkten.**", ""]
    for exercise_id, (answer, correct) in submission.answers.items():
        exercise = EXERCISES[exercise_id]
        extra = " (freiwillig, zählt nicht zur Note)" if exercise.optional else ""
        lines.append(f"- Aufgabe {exercise_id} ({exercise.title}){extra}: {'richtig' if correct else 'nicht richtig'}. "
                     f"Ihre Antwort: {echo(exercise, answer)}."
                     + ("" if correct else f" Richtig wäre: {key['loesungen'][exercise_id]}. Tipp: {exercise.hint}"))
    if submission.notes:
        lines += ["", "Hinweise:", *[f"- {bounded(note, 400)}" for note in submission.notes]]
    return "\n".join(lines) + "\n"


def copy_hints(manifest: dict, results: dict[str, Submission]) -> list[str]:
    """Hints (not verdicts) for the trainer: wrong answers that fit someone else's data, or are the same wrong number.

    Everyone has their own data, so a wrong answer that is right for another
    person, or a wrong number that several people share, deserves a look.
    """
    hints = []
    keys = manifest["schluessel"]
    shared: dict[tuple[str, str], list[str]] = {}
    for pid, submission in results.items():
        for exercise_id, (answer, correct) in submission.answers.items():
            if correct or answer is None:
                continue
            exercise = EXERCISES[exercise_id]
            for other, key in keys.items():
                if other != pid and exercise_id in key["aufgaben"] and \
                        is_accepted(exercise, answer, key["variante"], key["aufgaben"][exercise_id]):
                    hints.append(f"{pid}, Aufgabe {exercise_id}: die Antwort ist falsch für die eigenen Daten, "
                                 f"aber richtig für die Daten von {other}")
            canonical = normalise(exercise, answer)
            if exercise.kind == "zahl" and canonical is not None:
                shared.setdefault((exercise_id, canonical), []).append(pid)
    for (exercise_id, canonical), people in sorted(shared.items()):
        if len(people) > 1:
            hints.append(f"Aufgabe {exercise_id}: dieselbe falsche Zahl {canonical} bei {', '.join(sorted(people))}")
    return hints


def _private(path: Path) -> Path:
    """Grades and notes are the trainer's only: on a shared machine (a workshop hub) no participant reads them."""
    if os.name == "posix":
        path.chmod(0o600)
    return path


def _atomic_text(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(_private(partial), path)


def _write_outputs(grades: pd.DataFrame, target_csv: Path, feedback: dict[str, str], trainer_notes: list[str]) -> None:
    """Write grades, feedback folder and trainer notes, each replaced in one step (old ones kept as .bak)."""
    target_csv.parent.mkdir(parents=True, exist_ok=True)
    safe = grades.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(csv_safe)
    partial = target_csv.with_name(f".{target_csv.stem}.{os.getpid()}.tmp.csv")
    write_csv(safe, partial)
    if target_csv.exists():
        _private(Path(shutil.copy2(target_csv, target_csv.with_name(target_csv.name + ".bak"))))
    os.replace(_private(partial), target_csv)
    feedback_dir = target_csv.with_name(f"{target_csv.stem}_rueckmeldungen")
    staging = Path(tempfile.mkdtemp(prefix=f".{feedback_dir.name}.", dir=target_csv.parent))
    for pid, text in feedback.items():
        (staging / f"{pid}.md").write_text(text, encoding="utf-8")
    if feedback_dir.exists():
        backup = feedback_dir.with_name(feedback_dir.name + ".bak")
        shutil.rmtree(backup, ignore_errors=True)
        os.replace(feedback_dir, backup)
    os.replace(staging, feedback_dir)
    notes_file = target_csv.with_name(f"{target_csv.stem}_hinweise.txt")
    _atomic_text(notes_file, "\n".join(trainer_notes) + "\n" if trainer_notes else "Keine Hinweise.\n")


def _chart_cache() -> Path | None:
    """The folder of the offline chart bundle, filled once here so that no sandboxed kernel builds it."""
    try:
        from kundenkit.charts.setup import enable_offline_cached, offline_bundle_path
        enable_offline_cached()
        path = offline_bundle_path()
        return path.parent if path.exists() else None
    except Exception:
        return None


def grade_submissions(submissions_dir, target_csv, *, class_dir=None, limits: Limits | None = None,
                      cell_timeout: int | None = None, total_timeout: int | None = None, workers: int = 2,
                      progress: bool = True, sealed: bool | None = None) -> pd.DataFrame:
    """Grade every notebook below ``submissions_dir``; write the grades CSV, feedback and trainer notes.

    ``sealed=None`` uses a sandbox where one can be made (and says so where
    not); ``True`` requires one; ``False`` runs without (for comparison).
    Returns the grades table; ``attrs`` holds ``nicht_bewertet`` (files no one
    could be assigned), ``hinweise`` (everything for the trainer) and
    ``abgeschottet`` (bool). Participants without a submission get 0 points and
    the note "keine Abgabe". Existing outputs are kept as ``.bak``.
    """
    submissions_dir, target_csv = Path(submissions_dir), Path(target_csv)
    if not submissions_dir.is_dir():
        raise KundenkitError(f"Den Ordner '{submissions_dir}' mit den Abgaben gibt es nicht.")
    limits = limits or Limits()
    if cell_timeout is not None or total_timeout is not None:
        limits = replace(limits, **({"cell_seconds": cell_timeout} if cell_timeout else {}),
                         **({"notebook_seconds": total_timeout} if total_timeout else {}))
    class_dir = Path(class_dir) if class_dir else find_class_dir(Path.cwd())
    manifest = load_class(class_dir)
    known = {p["id"]: p["name"] for p in manifest["teilnehmende"]}
    problem = sandbox_problem() if sealed is not False else "ohne Sandbox verlangt"
    if sealed and problem:
        raise KundenkitError(f"Keine Sandbox möglich: {problem}")
    use_sandbox = problem is None
    found = collect(submissions_dir, known)
    _flag_duplicates(found)
    rejected = [f"{item.relative}: {item.problem or 'keiner Person zuzuordnen'}" for item in found if not item.owner]
    jobs = [(item.owner, item) for item in found if item.owner and item.problem is None]
    hidden = [class_dir, submissions_dir, target_csv.parent]
    cache = _chart_cache()
    runs: dict[str, list[tuple[str, dict, list[str]]]] = {}
    for item in found:
        if item.owner and item.problem:
            runs.setdefault(item.owner, []).append((item.lesson, {}, [item.problem]))
    with tempfile.TemporaryDirectory(prefix="kundenkit-bewerten-") as private, \
            ThreadPoolExecutor(max_workers=max(1, workers)) as pool, \
            tqdm(total=len(jobs), desc="Abgaben", unit="Notebook", disable=not progress) as bar:
        os.chmod(private, 0o700)
        futures = [(owner, item, pool.submit(_run, item, class_dir, limits, use_sandbox, hidden, cache,
                                             Path(private)))
                   for owner, item in jobs]
        for owner, item, future in futures:
            try:
                answers, notes = future.result()
            except Exception as error:  # a bug or an OS problem with one notebook must not stop the class
                answers, notes = {}, [f"nicht bewertet: {bounded(type(error).__name__ + ': ' + str(error), 120)}"]
            runs.setdefault(owner, []).append((item.lesson, answers, notes))
            bar.update()
    results: dict[str, Submission] = {}
    for owner, notebooks in runs.items():
        answers, notes = {}, []
        several = len(notebooks) > 1
        for lesson, notebook_answers, notebook_notes in sorted(notebooks, key=lambda n: n[0]):
            for exercise_id, answer in notebook_answers.items():
                if exercise_id in answers and answers[exercise_id] != answer:
                    notes.append(f"Aufgabe {exercise_id} in mehreren Notebooks beantwortet; gewertet: die erste")
                    continue
                answers.setdefault(exercise_id, answer)
            notes += [f"{bounded(lesson, 60)}: {note}" for note in notebook_notes] if several else notebook_notes
        if not use_sandbox:
            notes.insert(0, f"{UNSEALED} (keine Sandbox: {bounded(problem, 120)})")
        results[owner] = _score(owner, manifest, answers, notes)
    for pid, name in known.items():
        results.setdefault(pid, Submission(pid, name, max_points=len(manifest["schluessel"][pid]["aufgaben"]),
                                           notes=["keine Abgabe"]))
    grades = pd.DataFrame([results[pid].row() for pid in known])
    hints = copy_hints(manifest, {pid: s for pid, s in results.items() if s.answers})
    trainer_notes = ([f"ACHTUNG: Abgaben {UNSEALED}: {problem}"] if not use_sandbox else
                     ["Jede Abgabe lief in einer eigenen Sandbox (bubblewrap)."])
    trainer_notes += [f"nicht bewertet: {line}" for line in rejected]
    trainer_notes += [f"Hinweis auf Abschreiben (kein Urteil): {hint}" for hint in hints]
    feedback = {s.participant_id: _feedback(s, manifest) for s in results.values()}
    _write_outputs(grades, target_csv, feedback, trainer_notes)
    grades.attrs.update(nicht_bewertet=rejected, hinweise=trainer_notes, abschreiben=hints,
                        abgeschottet=use_sandbox, sandbox_problem=problem)
    return grades
