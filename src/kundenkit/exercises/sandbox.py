"""Run one submitted notebook sealed off from everything else, with hard limits.

On Linux, bubblewrap (``bwrap``, Debian package ``bubblewrap``) builds a
throw-away container for each submission, without root where user namespaces
are enabled:

- a fresh, size-limited working folder (tmpfs) that holds only the submitted
  notebook and that participant's data, both read-only;
- Python, the course package and the system mounted read-only; nothing else of
  the machine (no home folder, no class folder, no key, no grades file);
- no network, its own process, IPC and host-name namespaces, no capabilities,
  an unprivileged user id; when the run ends or is killed, every process it
  started dies with it (the namespace's first process is gone);
- resource limits on memory (address space), CPU time, file size, per-cell and
  per-notebook wall time and the size of the outputs kept.

The answers come back over a pipe that only the grading worker holds, never
through a file the submission could write. Where no sandbox can be made
(macOS, Windows, Linux without user namespaces), :func:`run_submission` runs
the worker with the limits that are possible and says so: the caller marks
those submissions as "nicht abgeschottet".
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kundenkit.exercises.saved_answers import ANSWERS_DIR

# Where things appear inside the sandbox.
INSIDE_WORK = "/abgabe"
INSIDE_CACHE = "/kundenkit-cache"
NOTEBOOK_NAME = "abgabe.ipynb"
DATA_NAME = "daten"
MAX_RESULT_BYTES = 1_000_000
# Time the worker and its kernel need to start, on top of the notebook's own limit.
START_SECONDS = 30


@dataclass(frozen=True)
class Limits:
    """Limits for one submitted notebook.

    >>> Limits().cell_seconds, Limits(cell_seconds=5).notebook_seconds
    (60, 300)
    """

    cell_seconds: int = 60
    notebook_seconds: int = 300
    memory_mb: int = 3072
    output_mb: int = 20
    file_mb: int = 64

    def rlimits(self) -> dict[str, int]:
        """The POSIX resource limits (``resource.RLIMIT_*`` name → value) for the sandboxed processes."""
        return {"RLIMIT_AS": self.memory_mb * 2**20, "RLIMIT_CPU": self.notebook_seconds + START_SECONDS,
                "RLIMIT_FSIZE": self.file_mb * 2**20, "RLIMIT_CORE": 0}


@dataclass(frozen=True)
class RunOutcome:
    """What came back from one run: the worker's result bytes (or None) and how the run ended."""

    result: bytes | None
    timed_out: bool
    returncode: int | None
    sealed: bool


def _launcher(limits: Limits) -> list[str]:
    """A tiny Python that sets the resource limits and then replaces itself with the real command.

    (``preexec_fn`` is not safe in a process with threads; an extra exec is.)
    """
    code = ("import os, resource, sys\n"
            "for name, value in " + repr(limits.rlimits()) + ".items():\n"
            "    kind = getattr(resource, name, None)\n"
            "    if kind is not None:\n"
            "        hard = resource.getrlimit(kind)[1]\n"
            "        value = value if hard == resource.RLIM_INFINITY else min(value, hard)\n"
            "        resource.setrlimit(kind, (value, hard))\n"
            "os.execv(sys.argv[1], sys.argv[1:])\n")
    return [sys.executable, "-S", "-c", code]


@lru_cache(maxsize=1)
def _python_paths() -> tuple[Path, ...]:
    """The folders the worker's Python reads: its prefixes and the module search path of ``python -I``."""
    found = subprocess.run([sys.executable, "-I", "-c", "import json, sys; print(json.dumps(sys.path))"],
                           capture_output=True, text=True, check=True, timeout=60)
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.executable).parent}
    paths.update(Path(p) for p in json.loads(found.stdout) if p)
    import kundenkit
    paths.add(Path(kundenkit.__file__).parent)
    resolved = set()
    for path in paths:
        for candidate in (path, path.resolve()):
            if candidate.is_dir():
                resolved.add(candidate)
    # Keep only the outermost folders; bwrap mounts them in order.
    ordered = sorted(resolved, key=lambda p: (len(p.parts), str(p)))
    outer: list[Path] = []
    for path in ordered:
        if not any(path.is_relative_to(o) for o in outer):
            outer.append(path)
    return tuple(outer)


def _system_mounts() -> list[str]:
    args = []
    for name in ("usr", "etc", "bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    return args


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def sealed_command(inner: list[str], notebook: Path, data: Path | None, limits: Limits, *,
                   hidden=(), cache: Path | None = None, answers: Path | None = None) -> list[str]:
    """The bubblewrap command line that runs ``inner`` sealed off (see the module docstring).

    ``hidden`` folders (class folder, submissions, grades) get an empty tmpfs
    over them should they lie inside a folder that is mounted read-only.
    """
    size = str(limits.file_mb * 2**20)
    args = [_bwrap() or "bwrap", "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
            "--cap-drop", "ALL", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv",
            *_system_mounts(),
            # /tmp first: Python or the course may live below /tmp (a checkout there), and a later
            # tmpfs over /tmp would hide them again.
            "--proc", "/proc", "--dev", "/dev", "--size", size, "--tmpfs", "/tmp"]
    mounted = []
    for path in _python_paths():
        args += ["--ro-bind", str(path), str(path)]
        mounted.append(path)
    for path in hidden:
        path = Path(path).resolve()
        if any(path.is_relative_to(m) for m in mounted):
            args += ["--tmpfs", str(path)]
    args += ["--size", size, "--tmpfs", INSIDE_WORK,
             "--ro-bind", str(notebook), f"{INSIDE_WORK}/{NOTEBOOK_NAME}"]
    if data is not None:
        args += ["--ro-bind", str(data), f"{INSIDE_WORK}/{DATA_NAME}"]
    if answers is not None:
        args += ["--ro-bind", str(answers), f"{INSIDE_WORK}/{ANSWERS_DIR}"]
    environment = {"HOME": "/tmp", "TMPDIR": "/tmp", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
                   "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
                   "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    if cache is not None and cache.is_dir():
        args += ["--ro-bind", str(cache), INSIDE_CACHE]
        environment["KUNDENKIT_CACHE"] = INSIDE_CACHE
    for key, value in environment.items():
        args += ["--setenv", key, value]
    return args + ["--chdir", INSIDE_WORK, "--", *inner]


@lru_cache(maxsize=1)
def sandbox_problem() -> str | None:
    """None if a sandbox can be made here, else the German reason why not (measured, not guessed)."""
    if not sys.platform.startswith("linux"):
        return f"Auf diesem System ({sys.platform}) gibt es keine Sandbox (bubblewrap läuft nur unter Linux)."
    if _bwrap() is None:
        return "bubblewrap (bwrap) ist nicht installiert (Debian/Ubuntu: apt install bubblewrap)."
    with tempfile.TemporaryDirectory(prefix="kundenkit-probe-") as tmp:
        notebook = Path(tmp) / "probe.ipynb"
        notebook.write_text("{}", encoding="utf-8")
        command = sealed_command([sys.executable, "-I", "-c", "import kundenkit"], notebook, None, Limits())
        try:
            probe = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap lässt sich nicht starten: {error}"
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["ohne Meldung"])[-1][:200]
        return f"bubblewrap kann hier keine Sandbox anlegen ({reason}); sind Benutzer-Namensräume gesperrt?"
    return None


def _read_bounded(fd: int, sink: list) -> None:
    """Read at most MAX_RESULT_BYTES + 1 bytes from ``fd`` (then stop: the result is too large anyway)."""
    chunks, total = [], 0
    with os.fdopen(fd, "rb", buffering=0) as stream:
        while total <= MAX_RESULT_BYTES:
            chunk = stream.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    sink.append(b"".join(chunks))


def _descendants(pid: int) -> set:
    try:
        import psutil
        return set(psutil.Process(pid).children(recursive=True))
    except Exception:
        return set()


def _kill(process: subprocess.Popen, seen: set) -> None:
    """Kill the run's process group and every descendant we have seen."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError, OSError):
        pass
    for child in seen:
        try:
            child.kill()
        except Exception:
            pass


def run_submission(notebook: Path, data: Path | None, limits: Limits, *, sealed: bool, hidden=(),
                   cache: Path | None = None, answers: Path | None = None) -> RunOutcome:
    """Execute ``notebook`` with the grading worker; return its raw result bytes and how it ended.

    ``notebook``, ``data`` and the answers given in answer fields (``answers``,
    seen by the notebook as ``antworten/``) lie in a folder private to the
    grader; in a sandbox they are only mounted read-only. Without one (``sealed=False``)
    they are copied into a fresh folder that is the worker's working folder.
    """
    read_end, write_end = os.pipe()
    inner = [sys.executable, "-I", "-m", "kundenkit.exercises.grading_worker", NOTEBOOK_NAME,
             "--result-fd", str(write_end), "--cell-timeout", str(limits.cell_seconds),
             "--notebook-timeout", str(limits.notebook_seconds), "--output-bytes", str(limits.output_mb * 2**20)]
    work = None
    if sealed:
        command = sealed_command(inner, notebook, data, limits, hidden=hidden, cache=cache, answers=answers)
        cwd, env = None, {}
    else:
        work = Path(tempfile.mkdtemp(prefix="kundenkit-abgabe-"))
        shutil.copy2(notebook, work / NOTEBOOK_NAME)
        if data is not None:
            shutil.copytree(data, work / DATA_NAME)
        if answers is not None:
            shutil.copytree(answers, work / ANSWERS_DIR)
        command, cwd = inner, work
        env = {"HOME": str(work), "TMPDIR": str(work), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg", "KUNDENKIT_UNSEALED": "1"}
        if cache is not None:
            env["KUNDENKIT_CACHE"] = str(cache)
        env.update({k: v for k, v in os.environ.items() if k in ("SYSTEMROOT", "PATHEXT")})
    if sys.platform != "win32":
        command = _launcher(limits) + command
    sink: list[bytes] = []
    seen: set = set()
    try:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   pass_fds=(write_end,), start_new_session=True)
    finally:
        os.close(write_end)
    reader = threading.Thread(target=_read_bounded, args=(read_end, sink), daemon=True)
    reader.start()
    deadline = time.monotonic() + limits.notebook_seconds + START_SECONDS
    timed_out = False
    try:
        while process.poll() is None:
            if not sealed:
                seen |= _descendants(process.pid)
            if time.monotonic() > deadline:
                timed_out = True
                break
            try:
                process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                pass
    finally:
        _kill(process, seen)
        process.wait()
        reader.join(timeout=5)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    result = None if timed_out or not sink else sink[0]
    return RunOutcome(result or None, timed_out, process.returncode, sealed)
