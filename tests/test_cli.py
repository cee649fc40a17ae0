"""The instructor command line: German help, clear errors, never destroys work."""
import subprocess
import sys

import pytest

from conftest import ROOT
from kundenkit.cli import main


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "kundenkit", *args], cwd=cwd, capture_output=True, text=True)


def test_help_is_german():
    result = run("--help")
    assert result.returncode == 0
    assert "Aufruf: kundenkit" in result.stdout and "Befehle" in result.stdout and "Optionen" in result.stdout
    assert "usage" not in result.stdout and "options" not in result.stdout


@pytest.mark.parametrize("command", ["daten", "uebungen"])
def test_every_command_has_german_help(command):
    result = run(command, "--help")
    assert result.returncode == 0 and f"Aufruf: kundenkit {command}" in result.stdout


def test_bad_argument_gets_a_german_error():
    result = run("daten", "--n-kunden", "viele")
    assert result.returncode == 2
    assert "Fehler: Angabe --n-kunden: keine ganze Zahl: 'viele'" in result.stderr


def test_unknown_sector_is_explained(tmp_path, capsys):
    assert main(["daten", "--ziel", str(tmp_path), "--branche", "Zoo"]) == 1
    assert "Erlaubt sind: Handel, Bank" in capsys.readouterr().err


def test_data_command_writes_missing_files_only(tmp_path, capsys):
    assert main(["daten", "--ziel", str(tmp_path), "--n-kunden", "30"]) == 0
    own = tmp_path / "kunden.csv"
    own.write_text("meine Änderung", encoding="utf-8")
    assert main(["daten", "--ziel", str(tmp_path), "--n-kunden", "30"]) == 0
    assert own.read_text(encoding="utf-8") == "meine Änderung"
    assert "nichts geändert" in capsys.readouterr().out
