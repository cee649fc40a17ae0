"""Execute one submitted notebook and send back a small, typed result.

Run by :mod:`kundenkit.exercises.grading` through :mod:`kundenkit.exercises.sandbox`,
inside the submission's sandbox: ``python -I -m kundenkit.exercises.grading_worker
NOTEBOOK --result-fd FD --cell-timeout S --output-bytes N``. It never sees the
instructor's key. The result goes to a pipe (``FD``) that the kernel – the
submission's code – does not inherit; the grader trusts nothing in it but
checks it with :meth:`NotebookResult.from_json`.

The result is versioned. Version 1 carries the answers of the self-check
records (exercise id → answer); a later version may add answers that widgets
save, without the grader misreading an old or a new result.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import dataclass, field

RESULT_VERSION = 1
MAX_TEXT = 1000          # characters of one text answer
MAX_ITEMS = 100          # items of one list answer
MAX_ITEM_TEXT = 200      # characters of one list item
MAX_ANSWERS = 500
MAX_NOTES = 5
MAX_NOTE_TEXT = 300
MAX_RECORD_BYTES = 20_000  # a self-check record is kept even past the output limit, up to this size


class InvalidResult(ValueError):
    """A worker result that is not exactly what a worker of this version writes."""


def _check_answer_value(value, where: str):
    """The value itself if it is an allowed answer (None, bool, number, short text, short list), else raise."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > 10**15:
            raise InvalidResult(f"{where}: Zahl zu groß")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidResult(f"{where}: keine endliche Zahl")
        return value
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise InvalidResult(f"{where}: Text zu lang")
        return value
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise InvalidResult(f"{where}: zu viele Einträge")
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                raise InvalidResult(f"{where}: Eintrag der Art {type(item).__name__}")
            if isinstance(item, str) and len(item) > MAX_ITEM_TEXT:
                raise InvalidResult(f"{where}: Eintrag zu lang")
            if isinstance(item, float) and not math.isfinite(item):
                raise InvalidResult(f"{where}: keine endliche Zahl")
        return list(value)
    raise InvalidResult(f"{where}: Antwort der Art {type(value).__name__}")


def _check_text(value, where: str, optional: bool = False):
    if optional and value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_NOTE_TEXT:
        raise InvalidResult(f"{where}: kein kurzer Text")
    return value


def _reject_constant(name):
    raise InvalidResult(f"unerlaubter Wert {name}")


@dataclass(frozen=True)
class NotebookResult:
    """What one executed notebook reports: its answers and what went wrong.

    >>> result = NotebookResult(answers={"1.5-a": 4.7}, errors=("Zelle 3: ZeroDivisionError",))
    >>> NotebookResult.from_json(result.to_json()) == result
    True
    >>> NotebookResult.from_json(b'{"version": 1, "answers": "x"}')
    Traceback (most recent call last):
    ...
    kundenkit.exercises.grading_worker.InvalidResult: Felder ['answers', 'version'] statt
        ['answers', 'errors', 'output_bytes', 'output_cut', 'problem', 'version']
    """

    answers: dict = field(default_factory=dict)
    errors: tuple = ()
    problem: str | None = None
    output_bytes: int = 0
    output_cut: bool = False
    version: int = RESULT_VERSION

    def to_json(self) -> bytes:
        return json.dumps({"version": self.version, "answers": self.answers, "errors": list(self.errors),
                           "problem": self.problem, "output_bytes": self.output_bytes,
                           "output_cut": self.output_cut}, ensure_ascii=False, allow_nan=False).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, max_bytes: int = 1_000_000) -> NotebookResult:
        """Parse and check a result strictly; anything unexpected raises :class:`InvalidResult`."""
        if not isinstance(raw, (bytes, bytearray)) or len(raw) > max_bytes:
            raise InvalidResult("Ergebnis fehlt oder ist zu groß")
        try:
            data = json.loads(bytes(raw).decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise InvalidResult(f"kein gültiges JSON ({type(error).__name__})") from None
        fields = ["answers", "errors", "output_bytes", "output_cut", "problem", "version"]
        if not isinstance(data, dict) or sorted(data) != fields:
            got = sorted(data) if isinstance(data, dict) else type(data).__name__
            raise InvalidResult(f"Felder {got} statt {fields}")
        if data["version"] != RESULT_VERSION or isinstance(data["version"], bool):
            raise InvalidResult(f"Version {str(data['version'])[:20]} statt {RESULT_VERSION}")
        answers = data["answers"]
        if not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
            raise InvalidResult("Antworten sind keine Zuordnung")
        for key, value in answers.items():
            if len(key) > 40:
                raise InvalidResult("Aufgabennummer zu lang")
            _check_answer_value(value, f"Aufgabe {key}")
        errors = data["errors"]
        if not isinstance(errors, list) or len(errors) > MAX_NOTES:
            raise InvalidResult("Fehlerliste unplausibel")
        for note in errors:
            _check_text(note, "Fehler")
        _check_text(data["problem"], "Problem", optional=True)
        size = data["output_bytes"]
        if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size < 2**53:
            raise InvalidResult("Ausgabegröße unplausibel")
        if not isinstance(data["output_cut"], bool):
            raise InvalidResult("Angabe zur gekürzten Ausgabe unplausibel")
        return cls(answers=dict(answers), errors=tuple(errors), problem=data["problem"], output_bytes=size,
                   output_cut=data["output_cut"])


def _short(text, limit: int = MAX_NOTE_TEXT - 20) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _answers(records: dict) -> dict:
    """The answers of the self-check records, keeping only values of an allowed form."""
    answers = {}
    for exercise_id, record in list(records.items())[:MAX_ANSWERS]:
        if not isinstance(exercise_id, str) or len(exercise_id) > 40:
            continue
        try:
            answers[exercise_id] = _check_answer_value(record.get("antwort"), exercise_id)
        except InvalidResult:
            answers[exercise_id] = None
    return answers


def _become_subreaper() -> None:
    """On Linux, adopt orphaned descendants, so that none of them outlives this worker (see _end_descendants)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
            ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)   # PR_SET_DUMPABLE 0: no /proc/<pid>/fd access
        except Exception:
            pass


def _end_descendants() -> None:
    try:
        import psutil
        for child in psutil.Process().children(recursive=True):
            child.kill()
    except Exception:
        pass


def execute(path: str, cell_timeout: int, output_limit: int, notebook_timeout: int | None = None) -> NotebookResult:
    """Execute the notebook at ``path`` cell by cell; collect its self-check answers and its errors."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from kundenkit.exercises.checks import MIME_TYPE, check_records

    class BoundedClient(NotebookClient):
        """Keeps at most ``output_limit`` bytes of outputs; self-check records are always kept."""

        output_bytes = 0
        output_cut = False

        def output(self, outs, msg, display_id, cell_index):
            size = len(json.dumps(msg.get("content", {}), default=str))
            type(self).output_bytes += size
            if type(self).output_bytes > output_limit:
                data = msg.get("content", {}).get("data", {})
                if not (isinstance(data, dict) and MIME_TYPE in data and size <= MAX_RECORD_BYTES):
                    type(self).output_cut = True
                    return None
            return super().output(outs, msg, display_id, cell_index)

    notebook = nbformat.read(path, as_version=4)
    client = BoundedClient(notebook, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": os.getcwd()}})
    problem = None
    started = time.monotonic()
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                if notebook_timeout is not None:
                    left = notebook_timeout - (time.monotonic() - started)
                    if left <= 0:
                        problem = f"Gesamtzeit von {notebook_timeout} s je Notebook überschritten"
                        break
                    client.timeout = max(1, int(min(cell_timeout, left)))
                client.execute_cell(cell, index)
    except CellTimeoutError:
        problem = (f"Gesamtzeit von {notebook_timeout} s je Notebook überschritten"
                   if notebook_timeout is not None and time.monotonic() - started >= notebook_timeout - 1
                   else f"Zeitlimit von {cell_timeout} s je Zelle überschritten (Endlosschleife?)")
    except DeadKernelError:
        problem = "Der Kernel wurde beendet (z. B. durch os._exit oder zu viel Speicher)"
    except Exception as error:  # the kernel could not start or talk: report, never crash silently
        problem = _short(f"Ausführung abgebrochen: {type(error).__name__}: {error}")
    errors: list[str] = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and len(errors) < MAX_NOTES:
                errors.append(_short(f"Zelle {index + 1}: {output.get('ename')}: {output.get('evalue')}"))
    return NotebookResult(answers=_answers(check_records(notebook)), errors=tuple(errors), problem=problem,
                          output_bytes=BoundedClient.output_bytes, output_cut=BoundedClient.output_cut)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("--result-fd", type=int, required=True)
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell")
    parser.add_argument("--notebook-timeout", type=int, default=None, help="seconds for all cells")
    parser.add_argument("--output-bytes", type=int, default=20_000_000)
    args = parser.parse_args(argv)
    os.set_inheritable(args.result_fd, False)  # the kernel must not get the result channel
    _become_subreaper()
    try:
        result = execute(args.notebook, args.cell_timeout, args.output_bytes, args.notebook_timeout)
    except Exception as error:
        result = NotebookResult(problem=_short(f"Notebook nicht ausführbar: {type(error).__name__}: {error}"))
    finally:
        _end_descendants()
    with os.fdopen(args.result_fd, "wb") as channel:
        channel.write(result.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
