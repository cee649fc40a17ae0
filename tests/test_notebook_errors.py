"""kundenkit's errors in a real kernel: one German box, no traceback, and the cell still fails."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from papermill import PapermillExecutionError, execute_notebook

from kundenkit.notebook_errors import STOPPED

BAKERY = ("Unbekannte Branche 'Bäckerei' im Parameter 'branche'. Erlaubt sind: Handel, Bank, Versicherung, "
          "Telekommunikation, Maschinenbau.")


def run(cells: list[str], tmp_path) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return notebook


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nb")
    data = folder / "mein_unternehmen"
    data.mkdir()
    (data / "transaktionen.csv").write_text(
        "kunden_id;datum;betrag\nK1;01.02.2024;12,50\nK2;02.02.2024;7,00\nSumme;;19,50\n", encoding="utf-8")
    return run([
        "import kundenkit as kk",
        'kk.load_course_data(branche="Bäckerei")',
        'kk.load_course_data(daten_pfad="mein_unternehmen")',
        "import warnings\nwarnings.warn(kk.errors.KundenkitWarning('Zeile 4 wurde nicht eingelesen.'))",
        "1 / 0",
    ], folder)


def test_error_is_one_german_box_without_traceback(executed):
    outputs = executed.cells[1].outputs
    assert [output.output_type for output in outputs] == ["display_data", "error"]
    box, error = outputs
    assert box.data["text/plain"] == (f"Problem mit einem Parameter\n{BAKERY}\n"
                                      "  Parameter: branche\n  Wert:      „Bäckerei“")
    html = box.data["text/html"]
    assert "Problem mit einem Parameter" in html and "Bäckerei" in html and "Traceback" not in html
    # papermill and nbclient still see a failed cell with the German message ...
    assert (error.ename, error.evalue) == ("KundenkitError", BAKERY)
    # ... but no Python call stack
    assert error.traceback == [STOPPED]


def test_own_data_header_and_footer_note(executed):
    (output,) = executed.cells[2].outputs
    assert output.data["text/plain"].splitlines() == [
        "Ihre Daten aus 'mein_unternehmen': Kunden fehlt · Transaktionen 2 Zeilen · Kontakte fehlt · Befragung fehlt"
        " · Chancen fehlt",
        "Hinweis: In der Datei 'mein_unternehmen/transaktionen.csv' ist Zeile 4 (Summe; 19,50) eine Summenzeile; "
        "sie wurde nicht eingelesen. Der Kurs rechnet Summen selbst.",
    ]


def test_note_is_a_box_not_a_warning_line(executed):
    (output,) = executed.cells[3].outputs
    assert output.output_type == "display_data"
    assert output.data["text/plain"] == "Hinweis: Zeile 4 wurde nicht eingelesen."
    assert "kk-hinweis" in output.data["text/html"]


def test_other_errors_keep_their_traceback(executed):
    (error,) = executed.cells[4].outputs
    assert error.ename == "ZeroDivisionError" and len(error.traceback) > 1


def test_papermill_still_fails_in_the_cell_that_raised(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('branche = "Handel"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import kundenkit as kk\nkk.validate_parameters(branche=branche)"),
        nbformat.v4.new_code_cell("print('nicht erreicht')"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = tmp_path / "lektion.ipynb"
    nbformat.write(notebook, source)
    with pytest.raises(PapermillExecutionError) as failure:
        execute_notebook(str(source), str(tmp_path / "out.ipynb"), parameters={"branche": "Bäckerei"},
                         kernel_name="python3", progress_bar=False, cwd=str(tmp_path))
    assert failure.value.ename == "KundenkitError"
    assert failure.value.evalue == BAKERY
    assert "validate_parameters" in failure.value.source  # the cell that raised, not a later one
