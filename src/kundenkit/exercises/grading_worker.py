"""Execute one submitted notebook in isolation and report its self-check records as JSON.

Run by :mod:`kundenkit.exercises.grading` in a subprocess, inside a temporary
copy of the submission: ``python -m kundenkit.exercises.grading_worker NOTEBOOK RESULT --timeout S``.
It never sees the instructor's key.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from kundenkit.exercises.checks import check_records


def _errors_and_size(notebook):
    errors, size = [], 0
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            size += len(json.dumps(output))
            if output.get("output_type") == "error":
                errors.append(f"Zelle {index + 1}: {output.get('ename')}: {str(output.get('evalue'))[:200]}")
    return errors, size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--timeout", type=int, default=60, help="seconds per cell")
    args = parser.parse_args(argv)
    notebook = nbformat.read(args.notebook, as_version=4)
    problem = None
    client = NotebookClient(notebook, timeout=args.timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(args.notebook.parent)}})
    try:
        client.execute()
    except CellTimeoutError:
        problem = f"Zeitlimit von {args.timeout} s je Zelle überschritten (Endlosschleife?)"
    except DeadKernelError:
        problem = "Der Kernel wurde beendet (z. B. durch os._exit oder zu viel Speicher)"
    errors, size = _errors_and_size(notebook)
    args.result.write_text(json.dumps({"records": check_records(notebook), "errors": errors, "problem": problem,
                                       "output_bytes": size}, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
