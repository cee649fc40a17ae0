"""The learner's given answers, kept as small files in their own folder.

Each answer field saves what the learner typed to ``antworten/<aufgabe>.json``
next to the notebook. A reopened notebook shows the answers again, and
``kundenkit bewerten`` grades them: executing the notebook displays each
saved answer's check record. A file that is not a valid answer is ignored,
never trusted.
"""
from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path

ANSWERS_DIR = "antworten"
VERSION = 1
MAX_ANSWER_CHARS = 500
MAX_FILE_BYTES = 10_000
_SAFE_ID = re.compile(r"\d{1,2}\.\d{1,2}-[a-z]")
ANSWER_FILE = re.compile(rf"{_SAFE_ID.pattern}\.json")


def answer_path(folder, exercise_id: str) -> Path:
    """The file of one exercise's answer inside ``folder``.

    >>> answer_path("antworten", "1.1-a").as_posix()
    'antworten/1.1-a.json'
    """
    if not _SAFE_ID.fullmatch(exercise_id):
        raise ValueError(f"not an exercise id: {exercise_id!r}")
    return Path(folder) / f"{exercise_id}.json"


def _valid(value) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_ANSWER_CHARS
    return (isinstance(value, list) and len(value) <= 50
            and all(isinstance(item, str) and len(item) <= 100 for item in value))


def save_answer(folder, exercise_id: str, answer, variant: str) -> Path:
    """Save what the learner typed (text, or a list of names) atomically; return the file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "antworten"
    >>> path = save_answer(folder, "1.1-a", "2,46", "42/Handel")
    >>> load_answer(folder, "1.1-a")
    '2,46'
    """
    if not _valid(answer):
        raise ValueError("an answer is a short text or a short list of short texts")
    path = answer_path(folder, exercise_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"version": VERSION, "aufgabe": exercise_id, "antwort": answer, "variante": variant,
              "gespeichert_am": datetime.now().replace(microsecond=0).isoformat()}
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)
    return path


def load_answer(folder, exercise_id: str):
    """The saved answer (text or list of texts), or None if there is none or the file is not valid.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = answer_path(folder, "1.1-a").write_text('{"version": 1, "aufgabe": "1.1-b", "antwort": "3"}')
    >>> load_answer(folder, "1.1-a") is None   # a file that claims another exercise
    True
    """
    path = answer_path(folder, exercise_id)
    try:
        if path.is_symlink() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(record, dict) or record.get("version") != VERSION or record.get("aufgabe") != exercise_id
            or not _valid(record.get("antwort"))):
        return None
    return record["antwort"]
