"""The learner's own copy of the course: notebooks they may change, while the course stays as checked in.

``make start`` (``kundenkit start``) first brings the learner's folder
``meine_arbeit/`` up to date with :func:`sync_workspace`: every lesson and
exercise notebook and the sample data are copied there once, into folders of
the same names (``notebooks/``, ``exercises/``, ``data/``), beside ``transfer/``
for the learner's transfer files. JupyterLab then serves only that folder,
so autosave never touches the course's own files.

A copy the learner has not changed is replaced when the course brings a new
version; a copy they changed is kept. :func:`reset_lesson` returns one lesson to
the course's version and first backs up the learner's copy: nothing is lost.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kundenkit.errors import KundenkitError

LEARNER_DIR = "meine_arbeit"
# What is copied: the folders keep the course's names, so that every relative path in a notebook works in both.
COPIED = {"notebooks": "*.ipynb", "exercises": "*.ipynb", "data": "*.csv"}
EXTRA_FOLDERS = {
    "data": "Hier liegen die Beispieldaten des Kurses. Legen Sie Ihre eigenen Daten in einen Unterordner, z. B. "
            "data/mein_unternehmen/ (CSV- oder Excel-Dateien wie kunden.csv oder transaktionen.xlsx). In den "
            "Notebooks tragen Sie dann daten_pfad = \"../data/mein_unternehmen\" ein.\n",
    "transfer": "Hier speichern die Notebooks Ihre Transfer-Ergebnisse und das Transferblatt. Die Dateien gehören "
                "Ihnen; die CSV-Dateien öffnen sich in Excel.\n",
}
BACKUP_DIR = "sicherungen"
MANIFEST = ".kundenkit-kopien.json"
README_NAME = "LIESMICH.txt"


@dataclass
class SyncReport:
    """What :func:`sync_workspace` did, by path relative to the learner's folder."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """German lines for the terminal (empty if nothing needed saying).

        >>> SyncReport(copied=["notebooks/a.ipynb"], kept=["notebooks/b.ipynb"]).lines()
        ['1 Datei(en) in Ihren Arbeitsordner kopiert.',
         'Ihre geänderte Fassung bleibt erhalten: notebooks/b.ipynb (neue Kursfassung: kundenkit zuruecksetzen b)']
        """
        lines = []
        if self.copied:
            lines.append(f"{len(self.copied)} Datei(en) in Ihren Arbeitsordner kopiert.")
        if self.updated:
            lines.append(f"{len(self.updated)} unveränderte Datei(en) auf die neue Kursfassung gebracht.")
        lines += [f"Ihre geänderte Fassung bleibt erhalten: {name} "
                  f"(neue Kursfassung: kundenkit zuruecksetzen {Path(name).stem})" for name in self.kept]
        return lines


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _course_files(course: Path) -> dict[str, Path]:
    files = {f"{folder}/{path.name}": path
             for folder, pattern in COPIED.items() for path in sorted((course / folder).glob(pattern))}
    if not any(name.startswith("notebooks/") for name in files):
        raise KundenkitError(
            f"Im Ordner '{course}' liegen keine Kurs-Notebooks (notebooks/*.ipynb). Starten Sie den Kurs "
            "aus seinem Hauptordner, in dem auch die Datei README.md liegt."
        )
    return files


def _read_manifest(workspace: Path) -> dict[str, str]:
    """The digest of each copy as it was copied (relative path → sha256)."""
    try:
        data = json.loads((workspace / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    copies = data.get("kopien") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in copies.items()} if isinstance(copies, dict) else {}


def _write_manifest(workspace: Path, course: Path, manifest: dict[str, str]) -> None:
    partial = workspace / f"{MANIFEST}.tmp"
    record = {"kurs": str(course), "kopien": manifest}
    partial.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    partial.replace(workspace / MANIFEST)


def find_workspace(start=".") -> tuple[Path, Path] | None:
    """(learner's folder, course folder) for a notebook running in ``start``, or None outside a learner's folder.

    >>> import tempfile
    >>> course, work = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> (course / "notebooks").mkdir()
    >>> _ = (course / "notebooks" / "01_01_x.ipynb").write_text("v1")
    >>> _ = sync_workspace(course, work)
    >>> find_workspace(work / "notebooks") == (work, course.resolve()), find_workspace(course)
    (True, None)
    """
    for folder in (Path(start).resolve(), *Path(start).resolve().parents):
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("kurs"), str) and Path(data["kurs"]).is_dir():
            return folder, Path(data["kurs"])
    return None


def sync_workspace(course, workspace) -> SyncReport:
    """Copy the course's notebooks into the learner's folder without touching the learner's changes.

    A notebook missing in ``workspace`` is copied. One that is still exactly as it
    was copied is replaced by a newer course version. One the learner changed is
    kept and listed in the report.

    >>> import tempfile
    >>> course, work = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "meine_arbeit"
    >>> (course / "notebooks").mkdir()
    >>> _ = (course / "notebooks" / "01_01_x.ipynb").write_text("v1")
    >>> sync_workspace(course, work).copied
    ['notebooks/01_01_x.ipynb']
    >>> _ = (course / "notebooks" / "01_01_x.ipynb").write_text("v2")   # a new course version
    >>> sync_workspace(course, work).updated
    ['notebooks/01_01_x.ipynb']
    >>> _ = (work / "notebooks" / "01_01_x.ipynb").write_text("my notes")   # the learner's work
    >>> _ = (course / "notebooks" / "01_01_x.ipynb").write_text("v3")
    >>> sync_workspace(course, work).kept, (work / "notebooks" / "01_01_x.ipynb").read_text()
    (['notebooks/01_01_x.ipynb'], 'my notes')
    >>> sorted(p.name for p in work.iterdir())
    ['.kundenkit-kopien.json', 'data', 'exercises', 'notebooks', 'transfer']
    """
    course, workspace = Path(course).resolve(), Path(workspace)
    files = _course_files(course)
    manifest = _read_manifest(workspace)
    report = SyncReport()
    for folder in (*COPIED, *EXTRA_FOLDERS):
        (workspace / folder).mkdir(parents=True, exist_ok=True)
    for folder, text in EXTRA_FOLDERS.items():
        readme = workspace / folder / README_NAME
        if not readme.exists():
            readme.write_text(text, encoding="utf-8")
    for name, source in files.items():
        target, wanted = workspace / name, _digest(source)
        if not target.exists():
            report.copied.append(name)
        elif (current := _digest(target)) == wanted:
            manifest[name] = wanted
            continue
        elif manifest.get(name) == current:
            report.updated.append(name)
        else:
            report.kept.append(name)
            continue
        shutil.copyfile(source, target)
        manifest[name] = wanted
    _write_manifest(workspace, course, manifest)
    return report


def _matching(files: dict[str, Path], lesson: str) -> list[str]:
    """The course files a learner means by ``lesson``: ``1.2``, ``01_02``, ``01_02_partner…`` or a file name."""
    text = lesson.strip().removesuffix(".ipynb")
    number = re.fullmatch(r"(\d{1,2})[._](\d{1,2})", text)
    prefix = f"{int(number[1]):02d}_{int(number[2]):02d}_" if number else None
    return [name for name in files if name.endswith(".ipynb") and (
            (prefix and Path(name).name.startswith(prefix)) or Path(name).stem == text or name == text
            or name == f"{text}.ipynb")]


def reset_lesson(course, workspace, lesson: str) -> list[tuple[str, Path | None]]:
    """Return a lesson (its chapter notebook and its exercises) to the course's version.

    The learner's copies are first moved to ``sicherungen/`` with a time stamp.
    Returns ``(notebook, backup or None)`` for each notebook that was reset.

    >>> import tempfile
    >>> course, work = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> for folder in ("notebooks", "exercises"):
    ...     (course / folder).mkdir()
    ...     _ = (course / folder / "01_02_partner.ipynb").write_text("course")
    >>> _ = sync_workspace(course, work)
    >>> _ = (work / "notebooks" / "01_02_partner.ipynb").write_text("mine")
    >>> [(name, backup.parent.name) for name, backup in reset_lesson(course, work, "1.2") if backup]
    [('notebooks/01_02_partner.ipynb', 'sicherungen')]
    >>> (work / "notebooks" / "01_02_partner.ipynb").read_text()
    'course'
    >>> reset_lesson(course, work, "9.9")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Eine Lektion '9.9' gibt es nicht. Geben Sie die Nummer wie 1.2 oder den Dateinamen
        an, z. B. 01_02_partner.
    """
    course, workspace = Path(course).resolve(), Path(workspace)
    files = _course_files(course)
    names = _matching(files, lesson)
    if not names:
        example = Path(next(iter(files))).stem
        raise KundenkitError(
            f"Eine Lektion '{lesson}' gibt es nicht. Geben Sie die Nummer wie 1.2 oder den Dateinamen an, "
            f"z. B. {example}."
        )
    manifest = _read_manifest(workspace)
    stamp = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    done = []
    for name in names:
        target, backup = workspace / name, None
        if target.exists() and _digest(target) != _digest(files[name]):
            backup = workspace / BACKUP_DIR / f"{target.stem}_{stamp}{target.suffix}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            counter = 1
            while backup.exists():
                counter += 1
                backup = backup.with_name(f"{target.stem}_{stamp}_{counter}{target.suffix}")
            shutil.copyfile(target, backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(files[name], target)
        manifest[name] = _digest(target)
        done.append((name, backup))
    _write_manifest(workspace, course, manifest)
    return done
