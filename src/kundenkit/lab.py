"""JupyterLab for learners: German interface, their own folder, and notebooks that reopen cleanly.

:func:`lab_command` builds the command ``kundenkit start`` runs. JupyterLab then
serves only the learner's folder (see :mod:`kundenkit.workspace`), opens the
introduction, speaks German (``jupyterlab-language-pack-de-DE``) and shows no
news pop-up. Its pre-save hook, :func:`pre_save_hook`, keeps widgets out of
saved notebooks: a reopened lesson shows a German hint to run the cells again
instead of "Error displaying widget: model not found".
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

SETTINGS_DIR = Path(__file__).with_name("lab_settings")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "widgets"
RERUN_HINT = ("Interaktives Element: Führen Sie diese Zelle aus (Umschalt + Eingabe), um es wieder zu sehen. "
              "Führen Sie vorher die Zellen darüber aus.")
START_NOTEBOOK = "notebooks/00_einfuehrung.ipynb"


def strip_widget_views(notebook: dict) -> int:
    """Replace every widget output of a notebook (as JSON) with a German hint; return how many.

    Widgets live in the running kernel. Saved with the notebook, they would show
    "model not found" when it is reopened; the hint says what to do instead. Saved
    widget state in the metadata is dropped too.

    >>> nb = {"metadata": {"widgets": {"state": {}}}, "cells": [{"cell_type": "code", "outputs": [
    ...     {"output_type": "display_data", "data": {WIDGET_VIEW: {"model_id": "1"}, "text/plain": "VBox()"}},
    ...     {"output_type": "stream", "name": "stdout", "text": "ok"}]}]}
    >>> strip_widget_views(nb)
    1
    >>> nb["cells"][0]["outputs"][0]["data"]["text/plain"][:22], "widgets" in nb["metadata"]
    ('Interaktives Element: ', False)
    """
    count = 0
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data")
            if isinstance(data, dict) and WIDGET_VIEW in data:
                output["data"] = {"text/plain": RERUN_HINT}
                count += 1
    if isinstance(notebook.get("metadata"), dict):
        notebook["metadata"].pop(WIDGET_STATE, None)
    return count


def pre_save_hook(model: dict, **_kwargs) -> None:
    """Jupyter's ``ContentsManager.pre_save_hook``: saved notebooks carry no widget views."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widget_views(model["content"])


def browser_wanted() -> bool:
    """Whether a started server should open a browser: only where there is a screen."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("darwin", "win32"))


def lab_command(workspace, *, port: int = 8888, open_browser: bool | None = None) -> list[str]:
    """The JupyterLab command line for a learner's folder.

    JupyterLab makes up the access token itself and prints the address with it;
    that address opens the introduction.

    >>> command = lab_command("meine_arbeit", port=8890, open_browser=False)
    >>> "--LabApp.default_url=/lab/tree/notebooks/00_einfuehrung.ipynb" in command, "--no-browser" in command
    (True, True)
    """
    if open_browser is None:
        open_browser = browser_wanted()
    command = [sys.executable, "-m", "jupyterlab", f"--port={port}",
               f"--ServerApp.root_dir={Path(workspace).resolve()}",
               f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
               f"--LabApp.app_settings_dir={SETTINGS_DIR}",
               "--ContentsManager.pre_save_hook=kundenkit.lab.pre_save_hook"]
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def start_course(course, workspace, *, port: int = 8888, open_browser: bool | None = None) -> int:
    """Bring the learner's folder up to date, then run JupyterLab on it until Ctrl+C; returns its exit code."""
    import subprocess

    from kundenkit.workspace import sync_workspace

    report = sync_workspace(course, workspace)
    for line in report.lines():
        print(line)
    print(f"Ihr Arbeitsordner: {workspace}. Dort speichert JupyterLab Ihre Notebooks; "
          "die Originale des Kurses bleiben unverändert.")
    print("JupyterLab startet. Öffnen Sie die Adresse mit '/lab/tree/notebooks/00_einfuehrung.ipynb?token=' "
          "unten in Ihrem Browser. Beenden mit Strg+C.", flush=True)
    process = subprocess.Popen(lab_command(workspace, port=port, open_browser=open_browser))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.wait()
        return 0
