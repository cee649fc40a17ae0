"""The manager view: every lesson as a page without code (Voilà), on the learner's own folder.

``make ansicht`` (``kundenkit ansicht``) first brings ``meine_arbeit/`` up to date
like ``kundenkit start`` (see :mod:`kundenkit.workspace`), then serves that folder
with Voilà: story, widgets, charts, answer fields and transfer, but no code. The
kernels run in the notebooks' folders, so answers land in ``exercises/antworten/``
and transfers in ``transfer/`` exactly as in JupyterLab.

Voilà's own page template loads two icon stylesheets from a CDN; the course ships
its template ``kundenkit`` (in ``share/jupyter/voila/templates/``), which loads
nothing from the internet and speaks German. Nothing the page needs leaves the
machine.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from kundenkit.errors import KundenkitError
from kundenkit.lab import START_NOTEBOOK, browser_wanted

JUPYTER_DATA = Path(__file__).with_name("share") / "jupyter"
# Voilà's settings for the manager view (voila.json): the course's template without CDN links; a preheated kernel
# for the introduction only, since a preheated page with saved state (answers, transfers) would show it as it was
# before the manager saved something new. A page that is left ends its kernel (the template gives Voilà's request
# for that the cookie it needs); a kernel whose page vanished without a word ends after two idle hours.
JUPYTER_CONFIG = Path(__file__).with_name("share") / "jupyter_config"
TEMPLATE = "kundenkit"
DEFAULT_PORT = 8866


def start_url(port: int = DEFAULT_PORT, host: str = "localhost") -> str:
    """The address of the introduction in the manager view.

    >>> start_url(8870)
    'http://localhost:8870/voila/render/notebooks/00_einfuehrung.ipynb'
    """
    return f"http://{host}:{port}/voila/render/{START_NOTEBOOK}"


def voila_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment Voilà runs in: the course's template and settings first on Jupyter's search paths.

    >>> env = voila_environment({"JUPYTER_PATH": "/elsewhere"})
    >>> env["JUPYTER_PATH"].split(os.pathsep) == [str(JUPYTER_DATA), "/elsewhere"]
    True
    >>> env["JUPYTER_CONFIG_PATH"] == str(JUPYTER_CONFIG)
    True
    """
    env = dict(os.environ if environ is None else environ)
    for name, path in (("JUPYTER_PATH", JUPYTER_DATA), ("JUPYTER_CONFIG_PATH", JUPYTER_CONFIG)):
        env[name] = os.pathsep.join(p for p in (str(path), env.get(name)) if p)
    return env


def voila_command(workspace, *, port: int = DEFAULT_PORT, open_browser: bool | None = None) -> list[str]:
    """The Voilà command line for a learner's folder (the settings are in ``voila.json``).

    >>> command = voila_command("meine_arbeit", port=8870, open_browser=False)
    >>> command[2], command[4:]
    ('voila', ['--port=8870', '--no-browser'])
    """
    command = [sys.executable, "-m", "voila", str(Path(workspace).resolve()), f"--port={port}"]
    if not (browser_wanted() if open_browser is None else open_browser):
        command.append("--no-browser")
    return command


def own_data_folder(folder, workspace) -> Path:
    """The learner's data folder for every page, checked before the view starts.

    A relative folder is looked for in the learner's folder first (``data/mein_unternehmen``
    means ``meine_arbeit/data/mein_unternehmen``), then from where the command runs.
    The files are read once, so a bad file is reported now, with file, line and column.

    >>> own_data_folder("gibt/es/nicht", "meine_arbeit")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Den Ordner 'gibt/es/nicht' für Ihre Daten (--daten) gibt es nicht, weder in Ihrem
        Arbeitsordner 'meine_arbeit' noch im aktuellen Ordner. Legen Sie Ihre Dateien ...
    """
    from kundenkit.data.files import load_customer_base

    candidates = [Path(folder)] if Path(folder).is_absolute() else [Path(workspace) / folder, Path(folder)]
    found = next((c.resolve() for c in candidates if c.exists()), None)
    if found is None:
        raise KundenkitError(
            f"Den Ordner '{folder}' für Ihre Daten (--daten) gibt es nicht, weder in Ihrem Arbeitsordner '{workspace}' "
            "noch im aktuellen Ordner.", parameter="--daten",
            tipp="Legen Sie Ihre Dateien (kunden.csv, transaktionen.xlsx …) in einen Ordner wie "
                 f"{workspace}/data/mein_unternehmen und nennen Sie ihn: make ansicht DATEN=data/mein_unternehmen")
    load_customer_base(found)
    return found


def start_manager_view(course, workspace, *, port: int = DEFAULT_PORT, open_browser: bool | None = None,
                       own_data=None) -> int:
    """Bring the learner's folder up to date, then serve it with Voilà until Ctrl+C; returns its exit code."""
    import subprocess

    from kundenkit.course import OWN_DATA_ENV, WORKSPACE_ENV
    from kundenkit.workspace import sync_workspace

    env = voila_environment()
    env.pop(OWN_DATA_ENV, None)
    env[WORKSPACE_ENV] = str(Path(workspace).resolve())
    report = sync_workspace(course, workspace)
    if own_data:
        env[OWN_DATA_ENV] = str(own_data_folder(own_data, workspace))
    for line in report.lines():
        print(line)
    print(f"Ihr Arbeitsordner: {workspace}. Antworten und Transfer-Ergebnisse landen dort wie in JupyterLab.")
    if own_data:
        print(f"Jede Seite rechnet mit Ihren Daten aus '{env[OWN_DATA_ENV]}'.")
    print(f"Die Ansicht ohne Code startet. Öffnen Sie {start_url(port)} in Ihrem Browser. "
          "Beenden mit Strg+C.", flush=True)
    process = subprocess.Popen(voila_command(workspace, port=port, open_browser=open_browser), env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.wait()
        return 0
