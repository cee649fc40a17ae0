"""Golden outputs of the notebook cells marked ``# NBVAL_CHECK_OUTPUT``.

Notebooks are committed without outputs, so the outputs nbval compares live
here, in ``tests/golden/``. Regenerate them only on purpose, after checking
that the new outputs are right:

    .venv/bin/python tests/golden_outputs.py
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
MARK = "# NBVAL_CHECK_OUTPUT"


def golden_path(notebook: Path) -> Path:
    return GOLDEN / f"{notebook.parent.name}__{notebook.stem}.json"


def checked_cells(notebook: nbformat.NotebookNode):
    return [c for c in notebook.cells if c.cell_type == "code" and c.source.lstrip().startswith(MARK)]


def with_golden_outputs(path: Path) -> nbformat.NotebookNode:
    """The notebook with the golden outputs filled into its checked cells."""
    notebook = nbformat.read(path, as_version=4)
    cells = checked_cells(notebook)
    stored = json.loads(golden_path(path).read_text(encoding="utf-8")) if cells else {}
    for cell in cells:
        if cell.id not in stored:
            raise KeyError(f"{path.name}: no golden output for cell {cell.id}; run tests/golden_outputs.py")
        cell.outputs = [nbformat.from_dict(o) for o in stored[cell.id]]
        cell.execution_count = 1  # nbval compares only cells that were run
    return notebook


def update(paths) -> None:
    sys.path.insert(0, str(HERE))
    from conftest import execute_notebook

    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            executed = execute_notebook(path, Path(tmp))
            outputs = {c.id: c.outputs for c in checked_cells(executed)}
            if outputs:
                golden_path(path).write_text(json.dumps(outputs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                print(f"updated {golden_path(path).relative_to(HERE.parent)}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from conftest import ALL_NOTEBOOKS

    update([Path(p).resolve() for p in sys.argv[1:]] or ALL_NOTEBOOKS)
