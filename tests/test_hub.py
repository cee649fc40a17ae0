"""A workshop hub on this machine: two participants open the course through the nbgitpuller link.

Starts ``kundenkit hub`` (JupyterHub, configurable-http-proxy) on free ports with
a local bare clone of the course as the repository. For each participant, headless
Chromium (no internet) logs in, opens the link, lands in a German JupyterLab on the
introduction and runs a lesson without error output. Then one participant edits the
lesson, the course gets a new commit, the link is opened again: the edit is still
there and the course change arrived. Run as root, each participant has their own
Linux account, and neither can read the other's home folder nor the hub's secrets.
"""
from __future__ import annotations

import csv
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest

from browser import block_internet, find_chromium, free_port, output_problems, run_open_notebook, wait_until_serving
from conftest import ROOT

pytest.importorskip("jupyterhub")
from kundenkit.hub import (  # noqa: E402
    COURSE_TARGET,
    PROXY_DIR,
    PROXY_VERSION,
    START_NOTEBOOK,
    linux_username,
    pull_link,
    python_unreachable,
)

CHROMIUM = find_chromium()
REQUIRED = os.environ.get("KUNDENKIT_BROWSER_TEST") == "required"
if CHROMIUM is None and not REQUIRED:
    pytest.skip("Chromium fehlt (Debian: apt-get install chromium); Hub-Test übersprungen.", allow_module_level=True)

pytestmark = pytest.mark.hub
IS_ROOT = os.geteuid() == 0
LESSON = "notebooks/01_01_was_sind_beziehungen.ipynb"
UPDATED = "notebooks/01_02_partner_nicht_koenig.ipynb"


def _proxy() -> str:
    """configurable-http-proxy as ``make hub`` installs it (installed here if missing: npm is on the CI machine)."""
    program = Path(sys.prefix) / PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if not program.exists():
        npm = shutil.which("npm")
        if npm is None:
            if REQUIRED:
                pytest.fail("npm fehlt: configurable-http-proxy kann nicht installiert werden")
            pytest.skip("npm fehlt; Hub-Test übersprungen.")
        subprocess.run([npm, "install", "--prefix", str(program.parents[2]), "--no-audit", "--no-fund",
                        f"configurable-http-proxy@{PROXY_VERSION}"], check=True, capture_output=True)
    return str(program)


def _public_python(top: Path) -> str:
    """An interpreter the participants' accounts may run, with this environment's packages.

    Where this Python lives in a folder only its owner may enter (pyenv under /root), ``kundenkit hub``
    refuses to start as root. A real installation then uses the system Python; so does the test: a
    virtual environment of the system Python of the same version that reads this environment's packages.
    """
    if not IS_ROOT or python_unreachable() is None:
        return sys.executable
    system = Path("/usr/bin/python3")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    probe = "import sys; print(f'{sys.version_info.major}.{sys.version_info.minor}')"
    found = subprocess.run([str(system), "-c", probe], capture_output=True, text=True) if system.exists() else None
    if found is None or found.stdout.strip() != version:
        pytest.fail(f"no Python {version} that every account may run (/usr/bin/python3) for the participants")
    venv = top / "python"
    subprocess.run([str(system), "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    packages = sysconfig.get_paths()["purelib"]
    site = venv / "lib" / f"python{version}" / "site-packages"
    (site / "kundenkit_test_packages.pth").write_text(f"import site; site.addsitedir({packages!r})\n")
    for name in ("share", "etc", PROXY_DIR):  # JupyterLab's extensions, nbgitpuller's switch, the proxy
        (venv / name).symlink_to(Path(sys.prefix) / name)
    return str(venv / "bin" / "python")


def _git(*args, cwd=None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Kurs", GIT_AUTHOR_EMAIL="kurs@localhost", GIT_COMMITTER_NAME="Kurs",
               GIT_COMMITTER_EMAIL="kurs@localhost")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _stop(process: subprocess.Popen, users: list[str]) -> None:
    """Stop the hub (it stops the participants' servers and the proxy), then anything a participant left."""
    import psutil

    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    for name in users:
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        for leftover in psutil.process_iter(["uids"]):
            if leftover.info["uids"] and leftover.info["uids"].real == uid:
                leftover.kill()
        subprocess.run(["userdel", "--remove", name], capture_output=True)


@pytest.fixture(scope="module")
def participants_may_enter():
    """Where the course's checkout or its packages lie in a folder only its owner may enter (a CI clone under
    /root, say), let other accounts pass through it (x, not r) for this test, and restore it afterwards."""
    from kundenkit.hub import not_traversable

    opened: list[tuple[Path, int]] = []
    if IS_ROOT:
        for target in (ROOT, Path(sysconfig.get_paths()["purelib"])):
            while (closed := not_traversable(target)) is not None:
                opened.append((closed, closed.stat().st_mode))
                closed.chmod(closed.stat().st_mode | 0o001)
    yield
    for folder, mode in reversed(opened):
        folder.chmod(mode)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, participants_may_enter):
    """A running hub with two allowed participants; yields what the test needs to drive it."""
    assert CHROMIUM, "KUNDENKIT_BROWSER_TEST=required, but no Chromium was found"
    _proxy()
    # The participants' accounts must reach the repository: a folder all may enter, not pytest's private tmp.
    top = Path(tempfile.mkdtemp(prefix="kundenkit-hub-"))
    top.chmod(0o755)
    repo = top / "kurs.git"
    _git("clone", "--quiet", "--bare", str(ROOT), str(repo))
    branch = _git("rev-parse", "--abbrev-ref", "HEAD", cwd=ROOT).strip()
    suffix = secrets.token_hex(3)
    people = {"anna": f"Anna Test{suffix}", "bernd": f"Bernd Test{suffix}"}
    names = {key: f"{key}-test{suffix}" for key in people}
    roster = top / "liste.csv"
    with roster.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle, delimiter=";").writerows([["Name"], *[[name] for name in people.values()]])
    port, password = free_port(), secrets.token_urlsafe(8)
    log = tmp_path_factory.mktemp("hub") / "hub.log"
    env = dict(os.environ, KUNDENKIT_HUB_EXPOSE_APP="1")
    command = [_public_python(top), "-m", "kundenkit", "hub", "--ip", "127.0.0.1", "--port", str(port),
               "--passwort", password, "--trainer-passwort", secrets.token_urlsafe(8), "--repo", str(repo),
               "--branch", branch, "--teilnehmende", str(roster), "--kurs", str(top)]
    users = [linux_username(name) for name in names.values()]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(f"{base}/hub/api", process, log)
        yield {"base": base, "repo": repo, "branch": branch, "password": password, "people": people,
               "names": names, "top": top, "log": log, "users": users}
    finally:
        _stop(process, users if IS_ROOT else [])
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


def _open_link(page, link: str, notebook: str) -> None:
    """Open the nbgitpuller link; wait until JupyterLab shows the notebook with an idle kernel."""
    page.goto(link)
    page.wait_for_url(f"**/lab/tree/{COURSE_TARGET}/{notebook}*", timeout=180_000)
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === 'idle'",
        timeout=120_000)


def _run_lesson(page, user_base: str, notebook: str) -> None:
    page.goto(f"{user_base}/lab/tree/{COURSE_TARGET}/{notebook}?reset")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        f" && window.jupyterapp.shell.currentWidget.context?.path === '{COURSE_TARGET}/{notebook}'"
        " && window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === 'idle'",
        timeout=120_000)
    run_open_notebook(page, timeout_s=180)
    page.wait_for_timeout(1000)


def _home(name: str, top: Path) -> Path:
    return Path(pwd.getpwnam(linux_username(name)).pw_dir) if IS_ROOT else top / ".kundenkit-hub" / "personen" / name


def test_two_participants_open_the_course_by_link_and_keep_their_edits_when_it_is_updated(hub, browser):
    link = pull_link(hub["base"], str(hub["repo"]), branch=hub["branch"])
    marker = f"Meine Notiz {secrets.token_hex(4)}"
    pages = {}
    for key, person in hub["people"].items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        block_internet(page)
        page.goto(link)
        page.wait_for_url("**/hub/login*")
        login_text = page.inner_text("body")
        assert "Workshop-Passwort" in login_text and "Ihr Name" in login_text and "Sign in" not in login_text
        assert page.locator("#login_submit").get_attribute("value") == "Anmelden"
        page.fill("#username_input", person)  # the name as on the list; the hub makes it anna-test…
        page.fill("#password_input", hub["password"])
        page.click("#login_submit")
        _open_link(page, link, START_NOTEBOOK)
        name = hub["names"][key]
        assert f"/user/{name}/" in page.url
        assert "Datei" in page.locator(".lm-MenuBar").first.inner_text(), "JupyterLab is not German"
        user_base = f"{hub['base']}/user/{name}"
        _run_lesson(page, user_base, LESSON)
        problems = output_problems(page)
        assert problems["errors"] == [] and problems["not_loaded"] == [], (key, problems)
        assert problems["charts"] >= 1, problems
        pages[key] = (page, user_base, name)

    # Anna writes a note into the lesson and saves it, as in JupyterLab.
    page, user_base, name = pages["anna"]
    page.evaluate(f"""async () => {{
        const panel = window.jupyterapp.shell.currentWidget;
        panel.content.model.cells.get(0).sharedModel.setSource({json.dumps(marker)});
        await window.jupyterapp.commands.execute('docmanager:save');
    }}""")
    anna_home = _home(name, hub["top"])
    mine = anna_home / COURSE_TARGET / LESSON
    for _ in range(40):
        if marker in mine.read_text(encoding="utf-8"):
            break
        time.sleep(0.25)
    assert marker in mine.read_text(encoding="utf-8")

    # The trainer updates the course: a new commit in the repository.
    work = hub["top"] / "trainer-arbeit"
    _git("clone", "--quiet", "--branch", hub["branch"], str(hub["repo"]), str(work))
    updated = json.loads((work / UPDATED).read_text(encoding="utf-8"))
    news = f"Neu im Kurs {secrets.token_hex(4)}"
    updated["cells"].insert(0, {"cell_type": "markdown", "id": "kursupdate", "metadata": {}, "source": news})
    (work / UPDATED).write_text(json.dumps(updated, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _git("commit", "--quiet", "-am", "Kurs aktualisiert", cwd=work)
    _git("push", "--quiet", "origin", hub["branch"], cwd=work)

    _open_link(page, link, START_NOTEBOOK)
    assert marker in mine.read_text(encoding="utf-8"), "Anna's edit was lost"
    assert news in (anna_home / COURSE_TARGET / UPDATED).read_text(encoding="utf-8"), "the course update is missing"
    bernd_home = _home(hub["names"]["bernd"], hub["top"])
    assert marker not in (bernd_home / COURSE_TARGET / LESSON).read_text(encoding="utf-8")

    if IS_ROOT:
        anna, bernd = (linux_username(hub["names"][k]) for k in ("anna", "bernd"))
        assert anna_home.stat().st_uid == pwd.getpwnam(anna).pw_uid and anna_home.stat().st_mode & 0o777 == 0o700
        secret = hub["top"] / ".kundenkit-hub" / "intern" / "jupyterhub_cookie_secret"
        assert secret.exists()
        for target in (anna_home / COURSE_TARGET / LESSON, secret):
            attempt = subprocess.run(["runuser", "-u", bernd, "--", "cat", str(target)], capture_output=True)
            assert attempt.returncode != 0, f"{bernd} can read {target}"
        import psutil

        uid = pwd.getpwnam(anna).pw_uid
        servers = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid]
        assert servers, "Anna's JupyterLab does not run under her own account"
        for server in servers:  # the hub's passwords stay with the hub
            assert not any(key.startswith("KUNDENKIT_HUB_") for key in server.environ()), server.cmdline()


def test_a_name_not_on_the_list_cannot_log_in(hub, browser):
    page = browser.new_page()
    block_internet(page)
    page.goto(f"{hub['base']}/hub/login")
    page.fill("#username_input", "Mallory Fremd")
    page.fill("#password_input", hub["password"])
    page.click("#login_submit")
    page.wait_for_load_state()
    assert "/hub/login" in page.url and page.locator(".login_error").count() == 1
    page.close()
