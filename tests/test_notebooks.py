"""Every notebook is clean source, executes under nbval and with papermill parameters, and speaks German."""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from papermill import PapermillExecutionError

import kundenkit as kk
from conftest import ALL_NOTEBOOKS, LESSONS, ROOT, SOLUTIONS, execute_notebook
from golden_outputs import HERE, MARK, checked_cells, with_golden_outputs
from kundenkit.course import LESSON_TABLES
from output_scan import notebook_findings

# The tables each lesson needs at least (the course's register): with only these, a learner's own export must work.
OWN_TABLES = {
    "{:02d}_{:02d}".format(*map(int, lesson.split("."))): list(tables)
    for lesson, tables in LESSON_TABLES.items()
}


def lesson_id(path):
    return path.stem


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_clean(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} has outputs"
    assert "widgets" not in notebook.metadata


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parameters_cell_comes_first_and_is_validated(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "kk.load_course_data(seed=seed, branche=branche, n_kunden=n_kunden, daten_pfad=daten_pfad)" in code[1].source


@pytest.fixture(scope="module")
def nbval_run(tmp_path_factory):
    """nbval on copies that carry the golden outputs, in a mirror of the course folder.

    Every notebook is executed once here; the outputs of all cells are kept
    (``nbval_capture``) for the scan of what learners see.
    """
    folder = tmp_path_factory.mktemp("nbval")
    (folder / "data").symlink_to(ROOT / "data", target_is_directory=True)
    copies = {}
    for path in ALL_NOTEBOOKS:
        copy = folder / path.parent.name / path.name
        copy.parent.mkdir(exist_ok=True)
        nbformat.write(with_golden_outputs(path), copy)
        copies[copy.resolve()] = f"{path.parent.name}/{path.name}"
    assert any(checked_cells(nbformat.read(c, as_version=4)) for c in copies), f"no cell is marked {MARK}"
    outputs_file = folder / "outputs.json"
    env = {**os.environ, "KUNDENKIT_OUTPUTS_FILE": str(outputs_file),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
         "-p", "nbval_capture", "-q", "--no-header", *map(str, copies)],
        cwd=folder, capture_output=True, text=True, timeout=900, env=env, check=False,
    )
    captured = json.loads(outputs_file.read_text(encoding="utf-8")) if outputs_file.exists() else {}
    outputs = {copies[Path(name).resolve()]: cells for name, cells in captured.items()
               if Path(name).resolve() in copies}
    return run, outputs


def test_every_notebook_passes_nbval(nbval_run):
    run, _ = nbval_run
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_everything_a_learner_sees_is_german(nbval_run):
    """Visible outputs of every notebook: no English decimals, ISO dates, True/False, snake_case headings."""
    _, outputs = nbval_run
    missing = {f"{p.parent.name}/{p.name}" for p in ALL_NOTEBOOKS} - set(outputs)
    assert not missing, f"no outputs recorded for {sorted(missing)}"
    findings = [f for name, cells in sorted(outputs.items()) for f in notebook_findings(name, cells)]
    assert not findings, f"{len(findings)} Stellen:\n" + "\n".join(map(str, findings[:40]))


def checked_output(executed) -> str:
    cell = next(c for c in executed.cells if c.source.startswith(MARK))
    return "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs)


def test_every_lesson_has_a_checked_table():
    assert all(checked_cells(nbformat.read(p, as_version=4)) for p in LESSONS)
    assert set(OWN_TABLES) == {p.stem[:5] for p in LESSONS}


@pytest.mark.parametrize(("seed", "branche"), [(7, "Bank"), (2024, "Maschinenbau")])
@pytest.mark.parametrize("lesson", LESSONS, ids=lesson_id)
def test_lesson_runs_with_other_parameters(tmp_path, lesson, seed, branche):
    """Other seed and sector: the lesson runs, and its checked table shows other numbers than the default."""
    executed = execute_notebook(lesson, tmp_path, {"seed": seed, "branche": branche, "n_kunden": 600})
    default = checked_output(with_golden_outputs(lesson))
    assert checked_output(executed) and checked_output(executed) != default


def test_lesson_1_5_shows_the_touchpoints_of_other_sectors(tmp_path):
    lesson = ROOT / "notebooks" / "01_05_sympathisch_und_kompetent.ipynb"
    executed = execute_notebook(lesson, tmp_path, {"seed": 7, "branche": "Bank", "n_kunden": 600})
    expected = kk.load_course_data(seed=7, branche="Bank", n_kunden=600).befragung["touchpoint"].unique()
    assert all(str(tp) in checked_output(executed) for tp in expected)


@pytest.mark.parametrize(("parameters", "message"), [
    ({"branche": "Bäckerei"}, "Erlaubt sind: Handel, Bank"),
    ({"n_kunden": -3}, "'n_kunden' ist -3"),
    ({"daten_pfad": "fehlt/nirgends"}, "'daten_pfad' nennt 'fehlt/nirgends'"),
])
def test_a_lesson_stops_at_once_with_a_clear_error(tmp_path, parameters, message):
    with pytest.raises(PapermillExecutionError) as failure:
        execute_notebook(LESSONS[0], tmp_path, parameters)
    assert failure.value.ename == "KundenkitError"
    assert message in failure.value.evalue
    assert failure.value.exec_count == 3  # parameters, injected parameters, then the validation cell


@pytest.mark.parametrize("lesson", LESSONS, ids=lesson_id)
def test_lesson_runs_on_the_learners_own_export_of_the_tables_it_needs(tmp_path, lesson):
    own = tmp_path / "eigene"
    base = kk.generate_customers(seed=11, n_customers=400, branche="Telekommunikation")
    for table in OWN_TABLES[lesson.stem[:5]]:
        kk.write_csv(getattr(base, table), own / f"{table}.csv")
    executed = execute_notebook(lesson, tmp_path, {"daten_pfad": str(own)})
    assert checked_output(executed) != checked_output(with_golden_outputs(lesson))
