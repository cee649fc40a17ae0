"""Build the learners' exercise notebooks from the single source in ``solutions/``.

In a solution notebook, code between ``# BEGIN SOLUTION`` and ``# END SOLUTION``
and markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` is
the solution. The learner's version keeps everything else and has no outputs.

A task answered in an answer field reads, in the solution, ::

    kk.aufgabe("1.1-a")
    # BEGIN SOLUTION
    kk.aufgabe("1.1-a", antwort=...)   # the model answer, computed from the table shown
    # END SOLUTION

and becomes just ``kk.aufgabe("1.1-a")`` for the learner. In a Python task the
solution code is replaced with a line asking for the learner's own code.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from kundenkit.errors import KundenkitError
from kundenkit.exercises.generated import write_generated

CODE_SOLUTION = re.compile(r"^([ \t]*)# BEGIN SOLUTION[^\n]*\n.*?^[ \t]*# END SOLUTION[^\n]*(\n|$)", re.M | re.S)
MARKDOWN_SOLUTION = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.S)
PLACEHOLDER = r"\1# Ihre Lösung:\n\n"
# A cell that shows an answer field: the learner answers in the field, not in code.
ANSWER_FIELD = re.compile(r"^[ \t]*(?:kk\.)?aufgabe\(", re.M)


def strip_solutions(source: str, cell_type: str = "code") -> str:
    """The learner's version of one cell's source.

    >>> print(strip_solutions("x = ...\\n# BEGIN SOLUTION\\nx = 42\\n# END SOLUTION\\nprint(x)"))
    x = ...
    # Ihre Lösung:
    <BLANKLINE>
    print(x)

    An answer field keeps only its call, without the model answer and without a placeholder:

    >>> strip_solutions('kk.aufgabe("1.1-a")\\n# BEGIN SOLUTION\\nkk.aufgabe("1.1-a", antwort=5.5)\\n# END SOLUTION')
    'kk.aufgabe("1.1-a")'
    """
    if cell_type == "markdown":
        return MARKDOWN_SOLUTION.sub("", source)
    answer_field = ANSWER_FIELD.search(CODE_SOLUTION.sub("", source)) is not None
    stripped = CODE_SOLUTION.sub("" if answer_field else PLACEHOLDER, source)
    if answer_field:
        stripped = stripped.rstrip()
    if "BEGIN SOLUTION" in stripped or "END SOLUTION" in stripped:
        raise KundenkitError(
            "Ein Lösungsblock ist nicht sauber geschlossen: zu jedem '# BEGIN SOLUTION' gehört "
            "ein '# END SOLUTION' in derselben Zelle."
        )
    return stripped


def learner_notebook(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of a solution notebook without solutions and outputs."""
    notebook = nbformat.from_dict(solution)
    for cell in notebook.cells:
        cell.source = strip_solutions(cell.source, cell.cell_type)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    return notebook


def build_exercises(solutions_dir, exercises_dir, *, force: bool = False) -> dict[Path, str]:
    """Write the learner's version of every notebook in ``solutions_dir`` to ``exercises_dir``.

    Returns each target path with what happened to it (see
    :func:`kundenkit.exercises.generated.write_generated`): a learner's edited
    notebook is skipped unless ``force`` is set, and then backed up first.
    """
    solutions_dir, exercises_dir = Path(solutions_dir), Path(exercises_dir)
    sources = sorted(solutions_dir.glob("*.ipynb"))
    if not sources:
        raise KundenkitError(f"Im Ordner '{solutions_dir}' liegen keine Lösungs-Notebooks (*.ipynb).")
    results = {}
    for source in sources:
        try:
            notebook = learner_notebook(nbformat.read(source, as_version=4))
        except KundenkitError as error:
            raise KundenkitError(f"{source}: {error}") from None
        target = exercises_dir / source.name
        results[target] = write_generated(notebook, target, force=force)
    return results
