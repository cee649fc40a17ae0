"""`kundenkit start` as a learner meets it: their own folder, German JupyterLab, the introduction, clean saves."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from browser import free_port, stop_process_group
from kundenkit.cli import main
from kundenkit.lab import RERUN_HINT, WIDGET_VIEW
from kundenkit.workspace import LEARNER_DIR

ROOT = Path(__file__).resolve().parents[1]


def _course_digests() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("notebooks", "exercises") for p in sorted((ROOT / folder).glob("*.ipynb"))}


@pytest.fixture(scope="module")
def running_course(tmp_path_factory):
    """`kundenkit start` on a free port with a fresh learner folder; yields (output lines, base URL, token, folder)."""
    workspace = tmp_path_factory.mktemp("lab") / LEARNER_DIR
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(workspace.parent / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(workspace.parent / "user-settings"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kundenkit", "start", "--port", str(port), "--ordner", str(workspace)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True)
    lines: list[str] = []
    deadline = time.monotonic() + 90
    url = None
    try:
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            found = re.search(r"(http://localhost:\d+/\S+\?token=[0-9a-f]+)", line)
            url = found[1] if found else None
        assert url, "no address printed:\n" + "\n".join(lines)
        token = url.split("token=")[1]
        base = f"http://localhost:{port}"
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        yield lines, url, base, token, workspace
    finally:
        stop_process_group(process, timeout=20)


def _get(base: str, path: str, token: str):
    with urllib.request.urlopen(f"{base}{path}?token={token}", timeout=20) as response:
        return json.loads(response.read())


def test_printed_address_opens_the_introduction(running_course):
    lines, url, *_ = running_course
    assert "/lab/tree/notebooks/00_einfuehrung.ipynb?token=" in url
    assert any("Arbeitsordner" in line for line in lines)


def test_interface_is_german_without_news(running_course):
    _, _, base, token, _ = running_course
    locale = _get(base, "/lab/api/settings/@jupyterlab/translation-extension:plugin", token)
    assert locale["schema"]["properties"]["locale"]["default"] == "de_DE"
    news = _get(base, "/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
    assert news["schema"]["properties"]["fetchNews"]["default"] == "false"
    pack = _get(base, "/lab/api/translations/de_DE", token)
    assert pack["data"]["jupyterlab"]["Run All Cells"] == ["Alle Zellen ausführen"]


def test_saving_keeps_course_clean_and_drops_widget_views(running_course):
    _, _, base, token, workspace = running_course
    before = _course_digests()
    lesson = "notebooks/01_05_sympathisch_und_kompetent.ipynb"
    notebook = nbformat.read(workspace / lesson, as_version=4)
    notebook.cells[0].source += "\n\nMeine Notiz."
    widget = nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "abc", "version_major": 2,
                                                                         "version_minor": 0},
                                                           "text/plain": "VBox(children=(...))"})
    code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    code.outputs = [widget]
    body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
    request = urllib.request.Request(f"{base}/api/contents/{lesson}?token={token}", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=20).read()
    saved = nbformat.read(workspace / lesson, as_version=4)
    assert "Meine Notiz." in saved.cells[0].source
    saved_code = next(cell for cell in saved.cells if cell.cell_type == "code")
    assert saved_code.outputs[0]["data"] == {"text/plain": RERUN_HINT}
    assert _course_digests() == before


def test_reset_backs_up_the_learners_copy(tmp_path, capsys):
    workspace = tmp_path / LEARNER_DIR
    assert main(["zuruecksetzen", "1.2", "--kurs", str(ROOT), "--ordner", str(workspace)]) == 0
    copy = workspace / "notebooks" / "01_02_partner_nicht_koenig.ipynb"
    course = ROOT / "notebooks" / copy.name
    copy.write_text(copy.read_text(encoding="utf-8").replace("Partner", "Meine Notiz"), encoding="utf-8")
    capsys.readouterr()
    assert main(["zuruecksetzen", "1.2", "--kurs", str(ROOT), "--ordner", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert copy.read_bytes() == course.read_bytes()
    backups = list((workspace / "sicherungen").glob("01_02_partner_nicht_koenig_*.ipynb"))
    assert len(backups) == 1 and "Meine Notiz" in backups[0].read_text(encoding="utf-8")
    assert "Ihre bisherige Fassung" in out and "exercises/01_02_partner_nicht_koenig.ipynb" in out
    assert main(["zuruecksetzen", "7.7", "--kurs", str(ROOT), "--ordner", str(workspace)]) == 1
    assert "Eine Lektion '7.7' gibt es nicht" in capsys.readouterr().err


def test_reset_button_backs_up_and_resets_in_the_learners_folder(tmp_path):
    from kundenkit.widgets.workspace import ResetPanel
    from kundenkit.workspace import sync_workspace

    workspace = tmp_path / LEARNER_DIR
    sync_workspace(ROOT, workspace)
    copy = workspace / "notebooks" / "01_05_sympathisch_und_kompetent.ipynb"
    copy.write_text("meine Fassung", encoding="utf-8")
    panel = ResetPanel(workspace / "notebooks")
    panel.lesson.value = "1.5"
    panel.reset_button.click()
    assert copy.read_text(encoding="utf-8") == "meine Fassung" and panel.question.layout.display == "flex"
    panel.yes_button.click()
    assert copy.read_bytes() == (ROOT / "notebooks" / copy.name).read_bytes()
    assert [p.read_text(encoding="utf-8") for p in (workspace / "sicherungen").iterdir()] == ["meine Fassung"]
    assert "Zurückgesetzt" in panel.message.value


def test_reset_button_does_nothing_in_the_course_folder():
    from kundenkit.widgets.workspace import ResetPanel

    panel = ResetPanel(ROOT / "notebooks")
    assert panel.reset_button.disabled and "meine_arbeit" in panel.message.value
