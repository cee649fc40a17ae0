"""Shared helpers of the test suite: where things are, and how to execute a notebook."""
from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest
from hypothesis import settings

# Property tests: no wall-clock deadline (CI machines vary) and the same examples on every run.
settings.register_profile("kundenkit", deadline=None, derandomize=True)
settings.load_profile("kundenkit")

# The script that made the lifetimes reference runs in lifetimes' own environment (see its docstring): not a test.
collect_ignore = ["data/cdnow/make_reference.py"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
ALL_NOTEBOOKS = NOTEBOOKS + SOLUTIONS + EXERCISES
# Lesson notebooks: a parameters cell, course data, a story (everything but the introduction and overviews).
LESSONS = [p for p in NOTEBOOKS if not p.stem.endswith(("einfuehrung", "ueberblick"))]


def execute_notebook(path: Path, out_dir: Path, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Execute a notebook with papermill in its own folder; raises PapermillExecutionError on errors."""
    out = out_dir / f"{path.parent.name}-{path.name}"
    papermill.execute_notebook(str(path), str(out), parameters=parameters or {}, cwd=str(path.parent),
                               kernel_name="python3", progress_bar=False, log_output=False)
    return nbformat.read(out, as_version=4)


@pytest.fixture(scope="session")
def executed_solutions(tmp_path_factory):
    out = tmp_path_factory.mktemp("solutions")
    return {path.name: execute_notebook(path, out) for path in SOLUTIONS}
