"""JupyterLab in a subprocess and headless Chromium driven by Playwright, for the browser tests."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def find_chromium() -> str | None:
    for candidate in (os.environ.get("KUNDENKIT_CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process_group(process: subprocess.Popen, timeout: float = 15) -> None:
    """End a server started with ``start_new_session=True`` and everything it started."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    """Wait until ``url`` answers; a RuntimeError with the log's end if the server ends or is late."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server ended early:\n{log.read_text()[-4000:]}") from None
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer within {seconds} s:\n{log.read_text()[-4000:]}")


@contextmanager
def jupyterlab(root: Path, workdir: Path):
    """Start JupyterLab on a free port serving ``root``; yields its base URL with the token."""
    port, token = free_port(), secrets.token_hex(16)
    settings = workdir / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps({
        "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(workdir / "user"), JUPYTER_CONFIG_DIR=str(workdir / "config"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
               f"--LabApp.app_settings_dir={settings}", "--LabApp.expose_app_in_browser=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(workdir / "lab.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/api/status?token={token}", process, workdir / "lab.log")
        yield f"http://127.0.0.1:{port}", token
    finally:
        stop_process_group(process)
        log.close()


def block_internet(page) -> list[str]:
    """Abort every request that leaves this machine; returns the list of blocked URLs."""
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    return blocked


def run_all_cells(page, base: str, token: str, notebook: str, timeout_s: float = 300) -> None:
    """Open a notebook in JupyterLab, run all cells and wait until every cell has run."""
    page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === 'idle'",
        timeout=90_000,
    )
    run_open_notebook(page, timeout_s)


def run_open_notebook(page, timeout_s: float = 300) -> None:
    """Run all cells of the notebook open in JupyterLab and wait until every cell has run."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        r"""() => {
            const cells = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return cells.length > 0 && cells.every(p => /\[\d+\]/.test(p.textContent))
                && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle';
        }""",
        timeout=timeout_s * 1000, polling=500,
    )


def output_problems(page) -> dict:
    """Error outputs, widgets that did not load and charts that did not render."""
    return page.evaluate("""() => {
        const errorOutputs = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
            + '.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]';
        const notLoaded = new RegExp(['Loading widget', 'Error displaying widget', 'model not found',
            'Error loading script', 'No renderer could be found', 'Javascript Error'].join('|'), 'i');
        return {
            errors: [...document.querySelectorAll(errorOutputs)].map(e => e.innerText.slice(0, 400)),
            not_loaded: [...document.querySelectorAll('.jp-OutputArea-output')]
                .filter(e => notLoaded.test(e.innerText)).map(e => e.innerText.slice(0, 200)),
            charts: document.querySelectorAll('.jp-OutputArea-output .vega-embed svg.marks').length,
        };
    }""")
