"""Per-participant exercise sets for a class, and the instructor's answer key.

Each participant gets a folder with their own data (seed derived from the class
seed and their name) and their exercise notebooks, with the parameters and a
hashed answer key injected by papermill. The instructor gets ``_trainer/`` with
the plain answer key (CSV and Markdown) and ``klasse.json`` for grading.
Generating again gives the same sets and never overwrites a notebook a
participant has changed.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat
import pandas as pd
from papermill.parameterize import parameterize_notebook
from tqdm import tqdm

from kundenkit.course import validate_parameters
from kundenkit.data.files import save_customer_base
from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.data.synthetic import generate_customers
from kundenkit.errors import KundenkitError
from kundenkit.exercises.build import learner_notebook
from kundenkit.exercises.catalog import EXERCISES
from kundenkit.exercises.generated import write_generated
from kundenkit.exercises.keys import accepted_hashes, display_answer, variant_of

TRAINER_DIR = "_trainer"
DATA_DIR = "daten"
CLASS_FILE = "klasse.json"
_NAME_COLUMNS = ("name", "teilnehmer", "teilnehmerin", "teilnehmende", "teilnehmer:in")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(frozen=True)
class Participant:
    """One participant: a folder-safe id, the name as written, and their own seed."""

    id: str
    name: str
    seed: int


def slug(name: str) -> str:
    """A folder name for a person's name: lower case ASCII, umlauts spelled out.

    >>> slug("  Jürgen   Müller-Lüdenscheidt "), slug("Zoë Ñúñez"), slug("Œ")
    ('juergen-mueller-luedenscheidt', 'zoe-nunez', 'oe')
    """
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION).replace("Œ", "Oe").replace("œ", "oe"))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "teilnehmer"


def participant_seed(class_seed: int, participant_id: str) -> int:
    """A reproducible seed for a participant, derived from the class seed and their id.

    >>> participant_seed(1, "anna-berg") == participant_seed(1, "anna-berg") != participant_seed(2, "anna-berg")
    True
    """
    digest = hashlib.sha256(f"{class_seed}|{participant_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big")


def _name_column(table: pd.DataFrame, path: Path) -> pd.Series:
    columns = {str(c).strip().casefold(): c for c in table.columns}
    for wanted in _NAME_COLUMNS:
        if wanted in columns:
            return table[columns[wanted]].astype("string")
    if "vorname" in columns and "nachname" in columns:
        return (table[columns["vorname"]].fillna("").astype("string") + " "
                + table[columns["nachname"]].fillna("").astype("string"))
    if len(table.columns) == 1:
        return table.iloc[:, 0].astype("string")
    raise KundenkitError(
        f"In '{path}' fehlt eine Spalte mit den Namen. Nennen Sie sie 'Name' (oder 'Vorname' und "
        f"'Nachname'). Gefunden: {', '.join(map(str, table.columns))}."
    )


def read_participants(path, class_seed: int) -> list[Participant]:
    """Read a participant list (German Excel CSV) and give everyone an id and a seed.

    Blank lines and surrounding blanks are dropped, inner blanks collapsed. Two
    people with the same name get ids ``name`` and ``name-2``.
    """
    path = Path(path)
    names = _name_column(read_csv(path), path)
    participants, used = [], set()
    for raw in names.dropna():
        name = " ".join(unicodedata.normalize("NFC", str(raw)).split())
        if not name:
            continue
        base = slug(name)
        pid, n = base, 1
        while pid in used:
            n += 1
            pid = f"{base}-{n}"
        used.add(pid)
        participants.append(Participant(pid, name, participant_seed(class_seed, pid)))
    if not participants:
        raise KundenkitError(f"In '{path}' steht kein einziger Name. Tragen Sie die Teilnehmenden ein, eine Zeile je Person.")
    return participants


def chapter_notebooks(solutions_dir, chapters) -> list[Path]:
    """The solution notebooks of the chosen chapters, in order (``01_05_*.ipynb`` belongs to chapter 1)."""
    solutions_dir = Path(solutions_dir)
    available: dict[int, list[Path]] = {}
    for path in sorted(solutions_dir.glob("[0-9][0-9]_*.ipynb")):
        available.setdefault(int(path.name[:2]), []).append(path)
    missing = [c for c in chapters if c not in available]
    if missing:
        raise KundenkitError(
            f"Zu Kapitel {', '.join(map(str, missing))} gibt es keine Übungen. "
            f"Vorhanden: Kapitel {', '.join(map(str, sorted(available)))}."
        )
    return [path for c in chapters for path in available[c]]


def exercise_ids(notebook: nbformat.NotebookNode) -> list[str]:
    """The exercises a notebook checks, in order of appearance."""
    found = re.findall(r"check_answer\(\s*[\"']([^\"']+)[\"']", "\n".join(c.source for c in notebook.cells))
    return [e for e in dict.fromkeys(found) if e in EXERCISES]


@dataclass(frozen=True)
class ClassSettings:
    """Everything that defines a class's exercise sets."""

    seed: int
    branche: str
    n_kunden: int
    kapitel: tuple[int, ...]


def _participant_set(participant: Participant, settings: ClassSettings, templates: dict, target: Path,
                     force: bool) -> tuple[dict, list[dict]]:
    """Write one participant's data and notebooks; return what happened and their key rows."""
    data = generate_customers(seed=participant.seed, n_customers=settings.n_kunden, branche=settings.branche)
    folder = target / participant.id
    save_customer_base(data, folder / DATA_DIR, overwrite=force)
    variant = variant_of(data)
    key_rows, status = [], {}
    for name, (template, ids) in templates.items():
        hashed = {}
        for exercise_id in ids:
            exercise = EXERCISES[exercise_id]
            reference = exercise.reference(data)
            hashed[exercise_id] = accepted_hashes(exercise, reference, variant)
            key_rows.append({"teilnehmer_id": participant.id, "name": participant.name, "seed": participant.seed,
                             "variante": variant, "notebook": name, "aufgabe": exercise_id, "titel": exercise.title,
                             "loesung": display_answer(exercise, reference),
                             "pruefwerte": " ".join(hashed[exercise_id])})
        notebook = parameterize_notebook(
            _with_tags(template),
            {"seed": participant.seed, "branche": settings.branche, "n_kunden": settings.n_kunden,
             "daten_pfad": DATA_DIR, "schluessel": {"variante": variant, "aufgaben": hashed}},
            report_mode=False, comment="Ihre persönlichen Parameter",
        )
        notebook.metadata.pop("papermill", None)
        for cell in notebook.cells:
            if not cell.metadata.get("tags"):
                cell.metadata.pop("tags", None)
            elif "injected-parameters" in cell.metadata.tags:
                cell.id = "injected-parameters"  # papermill's id is random; keep regenerated files identical
        notebook.metadata["kundenkit_teilnehmer"] = {"id": participant.id, "name": participant.name}
        status[name] = write_generated(notebook, folder / name, force=force)
    return status, key_rows


def _with_tags(template: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with the metadata papermill expects (a tag list on every cell, a papermill section)."""
    notebook = nbformat.from_dict(template)
    notebook.metadata.setdefault("papermill", {})
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    return notebook


def _participant_set_star(args):
    return _participant_set(*args)


def generate_class(participants_csv, target, *, branche: str = "Handel", chapters=(1,), class_seed: int = 1,
                   n_kunden: int = 2000, solutions_dir="solutions", force: bool = False, workers: int = 2,
                   progress: bool = True) -> dict:
    """Write every participant's exercise set and the instructor's key; return a summary.

    The summary maps each participant id to ``{notebook: status}`` (see
    :func:`kundenkit.exercises.generated.write_generated`).
    """
    params = validate_parameters(seed=class_seed, branche=branche, n_kunden=n_kunden)
    settings = ClassSettings(params.seed, params.branche, params.n_kunden, tuple(int(c) for c in chapters))
    participants = read_participants(participants_csv, settings.seed)
    templates = {}
    for path in chapter_notebooks(solutions_dir, settings.kapitel):
        notebook = learner_notebook(nbformat.read(path, as_version=4))
        templates[path.name] = (notebook, exercise_ids(notebook))
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    jobs = [(p, settings, templates, target, force) for p in participants]
    bar = tqdm(total=len(jobs), desc="Teilnehmende", unit="Person", disable=not progress)
    results = []
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(_participant_set_star, jobs):
                results.append(result)
                bar.update()
    else:
        for job in jobs:
            results.append(_participant_set(*job))
            bar.update()
    bar.close()
    key = pd.DataFrame([row for _, rows in results for row in rows])
    _write_trainer_files(target / TRAINER_DIR, settings, participants, key)
    return {p.id: status for p, (status, _) in zip(participants, results)}


def _write_trainer_files(folder: Path, settings: ClassSettings, participants, key: pd.DataFrame) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(key.drop(columns=["pruefwerte", "variante"]), folder / "schluessel.csv")
    lines = [f"# Lösungsschlüssel – {settings.branche}, Kapitel {', '.join(map(str, settings.kapitel))}",
             "", f"Klassen-Seed {settings.seed}, {settings.n_kunden} Kunden je Person. Nicht an Teilnehmende weitergeben.", ""]
    for participant in participants:
        rows = key[key["teilnehmer_id"] == participant.id]
        lines += [f"## {participant.name} (`{participant.id}`, Seed {participant.seed})", "",
                  "| Aufgabe | Titel | Lösung |", "|---|---|---|"]
        lines += [f"| {r.aufgabe} | {r.titel} | {r.loesung} |" for r in rows.itertuples()]
        lines.append("")
    (folder / "schluessel.md").write_text("\n".join(lines), encoding="utf-8")
    manifest = {
        "einstellungen": asdict(settings),
        "teilnehmende": [asdict(p) for p in participants],
        "schluessel": {pid: {"variante": rows["variante"].iloc[0],
                             "aufgaben": {r.aufgabe: r.pruefwerte.split() for r in rows.itertuples()},
                             "loesungen": {r.aufgabe: r.loesung for r in rows.itertuples()}}
                       for pid, rows in key.groupby("teilnehmer_id", sort=False)},
    }
    (folder / CLASS_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
