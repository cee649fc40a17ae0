"""Resources of one workshop participant: memory and CPU of a running lesson, for sizing a hub.

    .venv/bin/python benchmarks/participant_resources.py [--lektionen 03_08 04_21] [--top 5]

(a) the single-user JupyterLab server as the hub starts it (German settings, pre-save hook): memory
    (RSS) once it answers, and after the browser loaded JupyterLab's page and settings;
(b) each lesson run from top to bottom in a fresh kernel, as a participant does with "Alle Zellen ausführen":
    peak memory (RSS of the kernel and its child processes, sampled every 50 ms), CPU seconds, wall time.
Prints the heaviest lessons first and the figures per participant (server + heaviest kernel) that
docs/workshop.md uses for memory and CPU limits.
"""
from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in (process, *process.children(recursive=True)):
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def _tree_cpu(process: psutil.Process) -> float:
    total = 0.0
    for proc in (process, *process.children(recursive=True)):
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


class _Sampler(threading.Thread):
    """Peak RSS and last CPU time of a process tree, sampled until stopped."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.process, self.every = psutil.Process(pid), every
        self.peak, self.cpu = 0, 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            try:
                self.peak = max(self.peak, _tree_rss(self.process))
                self.cpu = max(self.cpu, _tree_cpu(self.process))
            except psutil.Error:
                return
            time.sleep(self.every)

    def stop(self) -> None:
        self._done.set()
        self.join()


def run_lesson(path: Path) -> dict:
    """Run every cell of a lesson in a fresh kernel; peak RSS (MB), CPU seconds and wall seconds."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.pid
        sampler = _Sampler(pid)
        idle = _tree_rss(psutil.Process(pid))
        sampler.start()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        sampler.stop()
        cpu = _tree_cpu(psutil.Process(pid))
    return {"lektion": path.stem, "kernel_leer_mb": idle / MB, "kernel_spitze_mb": sampler.peak / MB,
            "cpu_s": max(cpu, sampler.cpu), "dauer_s": time.perf_counter() - start}


def measure_server() -> dict:
    """Start JupyterLab as the hub does for a participant; its RSS when it answers and after the page loaded."""
    from kundenkit.hub import singleuser_args

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}", *singleuser_args()]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    sampler = _Sampler(server.pid)
    sampler.start()
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        process = psutil.Process(server.pid)
        ready = _tree_rss(process)
        for url in ("/lab", "/lab/api/settings", "/api/kernelspecs", "/lab/api/translations/de_DE"):
            urllib.request.urlopen(f"{base}{url}?token={token}", timeout=30).read()
        time.sleep(1)
        sampler.stop()
        return {"server_bereit_mb": ready / MB, "server_seite_mb": _tree_rss(process) / MB,
                "server_spitze_mb": sampler.peak / MB, "server_cpu_s": _tree_cpu(process)}
    finally:
        sampler.stop()
        server.terminate()
        server.wait(timeout=30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lektionen", nargs="*", default=None,
                        help="nur diese Lektionen (Anfang des Dateinamens, z. B. 03_08); Standard: alle")
    parser.add_argument("--top", type=int, default=5, help="so viele der schwersten Lektionen ausgeben (Standard: 5)")
    args = parser.parse_args(argv)
    lessons = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_[0-9][0-9]_*.ipynb"))
               if not p.stem.endswith(("einfuehrung", "ueberblick"))]
    if args.lektionen:
        lessons = [p for p in lessons if p.stem.startswith(tuple(args.lektionen))]
    if not lessons:
        parser.error("keine passende Lektion")
    server = measure_server()
    print(f"(a) JupyterLab einer Person: {server['server_bereit_mb']:.0f} MB nach dem Start, "
          f"{server['server_seite_mb']:.0f} MB nach dem Laden der Seite, Spitze {server['server_spitze_mb']:.0f} MB "
          f"(beim Start kurz mit Unterprozessen); CPU {server['server_cpu_s']:.1f} s")
    results = []
    for path in lessons:
        result = run_lesson(path)
        results.append(result)
        print(f"    {result['lektion']:<40} Spitze {result['kernel_spitze_mb']:5.0f} MB  "
              f"CPU {result['cpu_s']:5.1f} s  Dauer {result['dauer_s']:5.1f} s", flush=True)
    results.sort(key=lambda r: r["kernel_spitze_mb"], reverse=True)
    print(f"\n(b) Die {min(args.top, len(results))} speicherhungrigsten Lektionen (Kernel mit Unterprozessen):")
    for result in results[:args.top]:
        print(f"    {result['lektion']:<40} leer {result['kernel_leer_mb']:4.0f} MB, Spitze "
              f"{result['kernel_spitze_mb']:5.0f} MB, CPU {result['cpu_s']:5.1f} s in {result['dauer_s']:5.1f} s")
    heaviest = results[0]
    busiest = max(results, key=lambda r: r["cpu_s"])
    per_person = server["server_spitze_mb"] + heaviest["kernel_spitze_mb"]
    print(f"\nJe Person mit einer laufenden Lektion: höchstens {per_person:.0f} MB "
          f"(Server {server['server_spitze_mb']:.0f} MB + Kernel {heaviest['kernel_spitze_mb']:.0f} MB, "
          f"{heaviest['lektion']}); am meisten CPU: {busiest['cpu_s']:.1f} s ({busiest['lektion']}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
