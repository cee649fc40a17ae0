"""Time to the first chart in the manager view, against plain Voilà on the same folder, in the same run.

    .venv/bin/python benchmarks/manager_view.py [--runden 3] [NOTEBOOK ...]

"kundenkit ansicht" is the course's manager view (its template, the preheated introduction);
"Voilà pur" is Voilà 0.5 with its own template and no preheated kernel, serving a copy of the
same learner's folder. Each page is opened in headless Chromium with the internet blocked, and
the time from the request to the first drawn chart is taken; the best of several rounds counts.
The aim: under 2 s to the first chart a manager sees (the introduction).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import block_internet, find_chromium, free_port, stop_process_group  # noqa: E402

PAGES = ["notebooks/00_einfuehrung.ipynb", "notebooks/01_02_partner_nicht_koenig.ipynb",
         "notebooks/03_08_kundenwert.ipynb"]
AIM_S = 2.0


def serve(command: list[str], env: dict[str, str], log: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env,
                               start_new_session=True)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://localhost:{port}/", timeout=2)
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log.read_text()[-2000:]) from None
            time.sleep(0.5)
    raise RuntimeError("Voilà did not start within 120 s")


def first_chart_seconds(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    block_internet(page)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".vega-embed svg.marks", timeout=120_000)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description="Zeit bis zum ersten Diagramm in der Ansicht ohne Code, "
                                                 "verglichen mit Voilà ohne die Einstellungen des Kurses.")
    parser.add_argument("notebooks", nargs="*", default=PAGES, help="Seiten (Standard: Einführung, 1.2, 3.8)")
    parser.add_argument("--runden", type=int, default=3, help="Runden je Seite; die beste zählt (Standard: 3)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from kundenkit.manager_view import voila_command, voila_environment
    from kundenkit.workspace import sync_workspace

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(),
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        plain_env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
        setups = {
            "kundenkit ansicht": lambda folder, port: (voila_command(folder, port=port, open_browser=False),
                                                       voila_environment()),
            "Voilà pur": lambda folder, port: ([sys.executable, "-m", "voila", str(folder), f"--port={port}",
                                                "--no-browser"], plain_env),
        }
        for name, setup in setups.items():
            folder = Path(tmp) / name.replace(" ", "_") / "meine_arbeit"
            sync_workspace(ROOT, folder)
            port = free_port()
            command, env = setup(folder, port)
            process = serve(command, env, Path(tmp) / f"{port}.log", port)
            try:
                time.sleep(8)   # the preheated introduction is ready a few seconds after the start
                for page in args.notebooks:
                    times = [first_chart_seconds(browser, f"http://localhost:{port}/voila/render/{page}")
                             for _ in range(args.runden)]
                    results.setdefault(page, {})[name] = min(times)
            finally:
                stop_process_group(process)
        browser.close()
    print("Zeit bis zum ersten Diagramm (Sekunden, beste von "
          f"{args.runden}; Ziel für die Einführung: unter {AIM_S:.0f} s)")
    print(f"    {'Seite':<46} {'kundenkit':>9} {'Voilà pur':>9}  Verhältnis")
    for page, times in results.items():
        ours, plain = times["kundenkit ansicht"], times["Voilà pur"]
        print(f"    {page:<46} {ours:>9.2f} {plain:>9.2f}  {plain / ours:>5.2f}× schneller")
    intro = results.get(PAGES[0], {}).get("kundenkit ansicht")
    if intro is not None and intro >= AIM_S:
        print(f"Die Einführung braucht {intro:.2f} s, mehr als das Ziel von {AIM_S:.0f} s.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
