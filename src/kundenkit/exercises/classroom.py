"""Per-participant exercise sets for a class, and the instructor's answer key.

Each participant gets a folder with their own data (seed derived from the class
seed and their name) and their exercise notebooks, with the parameters and a
hashed answer key injected by papermill. The instructor gets ``_trainer/`` with
the plain answer key (CSV and Markdown), ``teilnehmende.csv`` (name, e-mail,
folder) and ``klasse.json`` for grading. Generating again with the same settings
gives the same sets and never overwrites a notebook a participant has changed;
other settings are refused (or, when forced, the class is backed up and made anew).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime
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
_MAIL_COLUMNS = ("e-mail", "email", "e-mail-adresse", "mail")
MAPPING_FILE = "teilnehmende.csv"
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(frozen=True)
class Participant:
    """One participant: a folder-safe id, the name as written, and their own seed."""

    id: str
    name: str
    seed: int
    email: str = ""


def slug(name: str) -> str:
    """A folder name for a person's name: lower case ASCII, umlauts spelled out, every other letter transliterated.

    German umlauts become ``ae``/``oe``/``ue``/``ss``; all other letters are
    transliterated with ``anyascii`` (Ł → L, ı → i, Ø → O, Đ → D), so no letter is lost.

    >>> slug("  Jürgen   Müller-Lüdenscheidt "), slug("Zoë Ñúñez"), slug("Œ")
    ('juergen-mueller-luedenscheidt', 'zoe-nunez', 'oe')
    >>> slug("Łukasz Nowak"), slug("Çağrı Yılmaz"), slug("Ørjan"), slug("Đorđe")
    ('lukasz-nowak', 'cagri-yilmaz', 'orjan', 'dorde')
    """
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFC", name).translate(_TRANSLITERATION)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "teilnehmer"


def participant_seed(class_seed: int, participant_id: str) -> int:
    """A reproducible seed for a participant, derived from the class seed and their id.

    >>> participant_seed(1, "anna-berg") == participant_seed(1, "anna-berg") != participant_seed(2, "anna-berg")
    True
    """
    digest = hashlib.sha256(f"{class_seed}|{participant_id}".encode()).digest()
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


def _mail_column(table: pd.DataFrame) -> pd.Series | None:
    columns = {str(c).strip().casefold(): c for c in table.columns}
    for wanted in _MAIL_COLUMNS:
        if wanted in columns:
            return table[columns[wanted]].astype("string")
    return None


def read_participants(path, class_seed: int) -> list[Participant]:
    """Read a participant list (German Excel CSV) and give everyone an id and a seed.

    Blank lines and surrounding blanks are dropped, inner blanks collapsed.
    People with the same name are told apart by their e-mail address (column
    ``E-Mail``): ``juergen-mueller-jm`` and ``juergen-mueller-jmueller``; without
    one they are numbered (``name``, ``name-2``).
    """
    path = Path(path)
    table = read_csv(path)
    names = _name_column(table, path)
    mails = _mail_column(table)
    people = []
    for index, raw in names.items():
        if pd.isna(raw):
            continue
        name = " ".join(unicodedata.normalize("NFC", str(raw)).split())
        mail = "" if mails is None or pd.isna(mails[index]) else str(mails[index]).strip()
        if name:
            people.append((name, mail))
    if not people:
        raise KundenkitError(f"In '{path}' steht kein einziger Name. "
                             "Tragen Sie die Teilnehmenden ein, eine Zeile je Person.")
    counts: dict[str, int] = {}
    for name, _ in people:
        counts[slug(name)] = counts.get(slug(name), 0) + 1
    participants, used = [], set()
    for name, mail in people:
        base = slug(name)
        if counts[base] > 1 and mail:
            base = f"{base}-{slug(mail.split('@')[0])}"
        pid, n = base, 1
        while pid in used:
            n += 1
            pid = f"{base}-{n}"
        used.add(pid)
        participants.append(Participant(pid, name, participant_seed(class_seed, pid), mail))
    return participants


def chapter_notebooks(solutions_dir, chapters) -> list[Path]:
    """The solution notebooks of the chosen chapters, in order (``01_05_*.ipynb`` belongs to chapter 1)."""
    solutions_dir = Path(solutions_dir)
    available: dict[int, list[Path]] = {}
    for path in sorted(solutions_dir.glob("[0-9][0-9]_*.ipynb")):
        available.setdefault(int(path.name[:2]), []).append(path)
    if not available:
        raise KundenkitError(
            f"Im Ordner '{solutions_dir}' liegen keine Lösungs-Notebooks (z. B. 01_05_….ipynb). Geben Sie mit "
            f"--loesungen den Ordner 'solutions' des Kurses an, oder lassen Sie --loesungen weg.")
    missing = [c for c in chapters if c not in available]
    if missing:
        raise KundenkitError(
            f"Zu Kapitel {', '.join(map(str, missing))} gibt es keine Übungen. "
            f"Vorhanden: Kapitel {', '.join(map(str, sorted(available)))}."
        )
    return [path for c in chapters for path in available[c]]


def default_solutions_dir() -> Path:
    """The course's own ``solutions/`` folder, wherever ``kundenkit`` is called from.

    >>> (default_solutions_dir() / "01_05_sympathisch_und_kompetent.ipynb").exists()
    True
    """
    import kundenkit

    return Path(kundenkit.__file__).resolve().parents[2] / "solutions"


def exercise_ids(notebook: nbformat.NotebookNode) -> list[str]:
    """The exercises a notebook checks, in order of appearance: answer fields and Python check lines.

    >>> exercise_ids(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('kk.aufgabe("1.5-a")'),
    ...     nbformat.v4.new_code_cell('kk.check_answer("1.5-e", antwort, daten, schluessel)')]))
    ['1.5-a', '1.5-e']
    """
    found = re.findall(r"(?:check_answer|aufgabe)\(\s*[\"']([^\"']+)[\"']", "\n".join(c.source for c in notebook.cells))
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


def _existing_settings(target: Path) -> dict | None:
    path = target / TRAINER_DIR / CLASS_FILE
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))["einstellungen"]
    except (ValueError, KeyError, TypeError):
        return {}


def _describe(settings: dict) -> str:
    chapters = ", ".join(map(str, settings.get("kapitel", []))) or "?"
    return (f"Branche {settings.get('branche', '?')}, Kapitel {chapters}, Klassen-Seed {settings.get('seed', '?')}, "
            f"{settings.get('n_kunden', '?')} Kunden je Person")


def _backup_class(target: Path) -> Path:
    """Move the whole class folder aside (``<name>.<timestamp>.bak``) and return where it went."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = target.with_name(f"{target.name}.{stamp}.bak")
    n = 1
    while backup.exists():
        n += 1
        backup = target.with_name(f"{target.name}.{stamp}-{n}.bak")
    shutil.copytree(target, backup, symlinks=True)
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    return backup


def generate_class(participants_csv, target, *, branche: str = "Handel", chapters=(1,), class_seed: int = 1,
                   n_kunden: int = 2000, solutions_dir=None, force: bool = False, workers: int = 2,
                   progress: bool = True) -> ClassSummary:
    """Write every participant's exercise set and the instructor's key; return a summary.

    The summary maps each participant id to ``{notebook: status}`` (see
    :func:`kundenkit.exercises.generated.write_generated`); ``summary.backups``
    lists every backup made. A folder that already holds a class made with
    other settings is refused – old data must never meet a new key – unless
    ``force``: then the whole class is backed up and made anew.
    ``solutions_dir`` defaults to the course's own ``solutions/``.
    """
    params = validate_parameters(seed=class_seed, branche=branche, n_kunden=n_kunden)
    settings = ClassSettings(params.seed, params.branche, params.n_kunden, tuple(int(c) for c in chapters))
    participants = read_participants(participants_csv, settings.seed)
    templates = {}
    for path in chapter_notebooks(solutions_dir or default_solutions_dir(), settings.kapitel):
        notebook = learner_notebook(nbformat.read(path, as_version=4))
        templates[path.name] = (notebook, exercise_ids(notebook))
    target = Path(target)
    backups: list[Path] = []
    existing = _existing_settings(target)
    wanted = json.loads(json.dumps(asdict(settings)))
    if existing is not None and existing != wanted:
        if not force:
            raise KundenkitError(
                f"In '{target}' liegt schon eine Klasse ({_describe(existing)}). Sie haben {_describe(wanted)} "
                "verlangt. Alte Daten und ein neuer Schlüssel passen nicht zusammen: Wählen Sie einen anderen "
                "--ziel-Ordner, die alten Einstellungen, oder --erzwingen (sichert die ganze Klasse und erzeugt "
                "sie neu – bearbeitete Notebooks der Teilnehmenden gelten dann nicht mehr).")
        backups.append(_backup_class(target))
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
    statuses: dict[str, dict[str, str]] = {p.id: status for p, (status, _) in zip(participants, results)}
    for pid, notebooks in statuses.items():
        for name, status in notebooks.items():
            if status == "gesichert":
                copies = sorted((target / pid).glob(f"{name}.*.bak"), key=lambda p: p.stat().st_mtime)
                backups += copies[-1:]
    return ClassSummary(statuses, backups)


class ClassSummary(dict[str, dict[str, str]]):
    """``{participant id: {notebook: status}}``, plus ``backups``: every backup made (folders and files)."""

    def __init__(self, statuses: dict[str, dict[str, str]], backups: list[Path] | None = None):
        super().__init__(statuses)
        self.backups: list[Path] = [] if backups is None else backups


def protect_trainer_folder(folder: Path) -> None:
    """Only the trainer may open ``_trainer/`` (the keys, the list of names, the links): on a shared machine,
    such as a workshop hub, participants' accounts could otherwise read every solution.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / TRAINER_DIR
    >>> protect_trainer_folder(folder)
    >>> os.name != "posix" or oct(folder.stat().st_mode & 0o777) == "0o700"
    True
    """
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)


def _write_trainer_files(folder: Path, settings: ClassSettings, participants, key: pd.DataFrame) -> None:
    protect_trainer_folder(folder)
    write_csv(key.drop(columns=["pruefwerte", "variante"]), folder / "schluessel.csv")
    lines = [f"# Lösungsschlüssel – {settings.branche}, Kapitel {', '.join(map(str, settings.kapitel))}", "",
             f"Klassen-Seed {settings.seed}, {settings.n_kunden} Kunden je Person. Nicht an Teilnehmende weitergeben.",
             ""]
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
    write_csv(pd.DataFrame([{"name": p.name, "e_mail": p.email, "ordner": p.id, "seed": p.seed}
                            for p in participants]), folder / MAPPING_FILE)
    (folder / CLASS_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
