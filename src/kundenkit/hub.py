"""A workshop on one machine: JupyterHub hands out the course through nbgitpuller links.

``kundenkit hub`` starts JupyterHub with the configuration in
:mod:`kundenkit.hub_config`; the settings travel as environment variables
(:class:`HubSettings`). Each participant logs in with the workshop password and
opens a link made by :func:`pull_link`: nbgitpuller clones the course (or their
personal set) into their home folder the first time and merges new course
versions later without touching their edits.

Run as root, every participant gets their own Linux account (``kk-<name>``,
home folder readable only by them), as The Littlest JupyterHub does. Otherwise
all run under the trainer's account: a trial run without isolation.

:func:`publish_sets` turns the folders of ``kundenkit klasse`` into one git
repository per person (never ``_trainer/``), so each person pulls only their own set.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import quote, urlencode

from kundenkit.errors import KundenkitError

HUB_DIR = ".kundenkit-hub"  # the hub's own state (database, cookie secret, trial-run homes), trainer only
COURSE_TARGET = "kundenkit"  # folder of the course in each participant's home
SET_TARGET = "kundenkit-uebungen"  # folder of a personal set in each participant's home
START_NOTEBOOK = "notebooks/00_einfuehrung.ipynb"
LINUX_PREFIX = "kk-"
TRAINER = "trainer"
LINKS_FILE = "links.csv"
PROXY_VERSION = "5.2.0"  # configurable-http-proxy from npm (5.3 needs Node 22)
PROXY_DIR = "hub-proxy"  # below the virtual environment: npm install --prefix .venv/hub-proxy
_ENV_PREFIX = "KUNDENKIT_HUB_"
_GIT_IDENTITY = {"GIT_AUTHOR_NAME": "kundenkit", "GIT_AUTHOR_EMAIL": "kundenkit@localhost",
                 "GIT_COMMITTER_NAME": "kundenkit", "GIT_COMMITTER_EMAIL": "kundenkit@localhost"}
_SET_EXCLUDES = "*.bak\n.ipynb_checkpoints/\n__pycache__/\nantworten/\n"


def pull_link(hub_url: str, repo: str, branch: str = "main", path: str = START_NOTEBOOK,
              targetpath: str = COURSE_TARGET) -> str:
    """The nbgitpuller link that clones ``repo`` into ``targetpath`` in the person's home and opens ``path``.

    The parameters are those of nbgitpuller's link generator: ``repo``,
    ``branch``, ``targetpath`` (the folder in the home) and ``urlpath`` (where
    JupyterLab opens afterwards). ``user-redirect`` sends everyone to their own server.

    >>> pull_link("http://192.168.1.10:8000/", "https://github.com/beispiel/kundenkit")
    'http://192.168.1.10:8000/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fbeispiel%2Fkundenkit&branch=main&targetpath=kundenkit&urlpath=lab%2Ftree%2Fkundenkit%2Fnotebooks%2F00_einfuehrung.ipynb'
    >>> link = pull_link("http://hub", "/srv/kurs repos/anna.git", path="01_05 Übung.ipynb", targetpath=SET_TARGET)
    >>> link.split("&")[-1]
    'urlpath=lab%2Ftree%2Fkundenkit-uebungen%2F01_05%20%C3%9Cbung.ipynb'
    >>> pull_link("hub.example.org", "x")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Adresse des Hubs 'hub.example.org' beginnt nicht mit http:// oder https://.
        Schreiben Sie sie so, wie Teilnehmende sie im Browser eingeben, z. B. http://192.168.1.10:8000.
    """
    if not re.match(r"https?://[^/\s]+", hub_url):
        raise KundenkitError(f"Die Adresse des Hubs '{hub_url}' beginnt nicht mit http:// oder https://.",
                             parameter="hub", tipp="Schreiben Sie sie so, wie Teilnehmende sie im Browser "
                                                   "eingeben, z. B. http://192.168.1.10:8000.")
    if not repo.strip():
        raise KundenkitError("Das Repository fehlt.", parameter="repo",
                             tipp="Geben Sie die Adresse des Kurs-Repositorys an, z. B. https://github.com/…/kundenkit.")
    query = urlencode({"repo": repo, "branch": branch, "targetpath": targetpath,
                       "urlpath": f"lab/tree/{targetpath}/{path}"}, quote_via=quote, safe="")
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def login_name(text: str) -> str:
    """The name someone logs in with, as the hub stores it: their folder name from ``kundenkit klasse``.

    So "Jürgen Müller" and "juergen-mueller" are the same person, and a login
    name is always safe as part of a Linux user name.

    >>> login_name(" Jürgen Müller "), login_name("juergen-mueller"), login_name("Trainer")
    ('juergen-mueller', 'juergen-mueller', 'trainer')
    """
    from kundenkit.exercises.classroom import slug

    return slug(text)


def linux_username(name: str) -> str:
    """The Linux account of a participant: ``kk-`` and the login name, at most 32 characters.

    A longer name is cut and ends in a short hash, so two long names stay apart.

    >>> linux_username("anna-berg")
    'kk-anna-berg'
    >>> long = linux_username("maximiliane-sophie-von-und-zu-hohenlohe-langenburg")
    >>> len(long), long[:23]
    (32, 'kk-maximiliane-sophie-v')
    """
    candidate = f"{LINUX_PREFIX}{name}"
    if len(candidate) <= 32:
        return candidate
    return f"{candidate[:23]}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class HubSettings:
    """What ``kundenkit hub`` passes to :mod:`kundenkit.hub_config`, as environment variables.

    >>> settings = HubSettings(state_dir="/srv/hub", password="Herbst", trainer_password="geheim",
    ...                        allowed=("anna-berg", "jan-ott"), port=8000, hub_port=8081, proxy_api_port=8001,
    ...                        proxy="/opt/chp", safe_repos=("/srv/kurs",))
    >>> env = settings.to_env()
    >>> env["KUNDENKIT_HUB_ALLOWED"], env["KUNDENKIT_HUB_ISOLATED"]
    ('anna-berg\\njan-ott', '1')
    >>> HubSettings.from_env(env) == settings
    True
    >>> HubSettings.from_env({})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Einstellung KUNDENKIT_HUB_STATE_DIR fehlt. Starten Sie den Hub mit
        kundenkit hub (oder make hub), nicht mit jupyterhub allein.
    """

    state_dir: str
    password: str
    trainer_password: str
    port: int
    hub_port: int
    proxy_api_port: int
    proxy: str
    ip: str = "127.0.0.1"
    trainer: str = TRAINER
    allowed: tuple[str, ...] = ()
    isolated: bool = True
    safe_repos: tuple[str, ...] = field(default=())

    def to_env(self) -> dict[str, str]:
        env = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                value = "\n".join(value)
            elif isinstance(value, bool):
                value = "1" if value else "0"
            env[f"{_ENV_PREFIX}{item.name.upper()}"] = str(value)
        return env

    @classmethod
    def from_env(cls, env=None) -> HubSettings:
        env = os.environ if env is None else env
        values: dict = {}
        for item in fields(cls):
            key = f"{_ENV_PREFIX}{item.name.upper()}"
            if key not in env:
                if not _required(item):
                    continue
                raise KundenkitError(f"Die Einstellung {key} fehlt.",
                                     tipp="Starten Sie den Hub mit kundenkit hub (oder make hub), nicht mit "
                                          "jupyterhub allein.")
            text = env[key]
            kind = str(item.type)
            if "tuple" in kind:
                values[item.name] = tuple(line for line in text.split("\n") if line)
            elif kind == "bool":
                values[item.name] = text == "1"
            elif kind == "int":
                values[item.name] = int(text)
            else:
                values[item.name] = text
        return cls(**values)


def _required(item) -> bool:
    from dataclasses import MISSING

    return item.default is MISSING and item.default_factory is MISSING


def singleuser_args() -> list[str]:
    """Arguments for each participant's JupyterLab: German, without widget views in saved notebooks.

    The same settings as ``make start`` (see :mod:`kundenkit.lab`).

    >>> [arg.split("=")[0] for arg in singleuser_args()]
    ['--LabApp.app_settings_dir', '--ContentsManager.pre_save_hook']
    """
    from kundenkit.lab import SETTINGS_DIR

    return [f"--LabApp.app_settings_dir={SETTINGS_DIR}",
            "--ContentsManager.pre_save_hook=kundenkit.lab.pre_save_hook"]


def trial_run_warning(is_root: bool) -> str | None:
    """The German warning for a hub that cannot give each person their own account; None when it can.

    >>> trial_run_warning(True) is None
    True
    >>> print(trial_run_warning(False))
    ACHTUNG, Probelauf: Der Hub läuft nicht als root (Administrator). Alle Teilnehmenden arbeiten unter Ihrem
    Benutzerkonto und können Ihre Dateien und die Arbeit der anderen lesen und ändern. Für einen echten Workshop
    starten Sie ihn mit sudo (dann bekommt jede Person ein eigenes Linux-Konto kk-NAME).
    """
    if is_root:
        return None
    return ("ACHTUNG, Probelauf: Der Hub läuft nicht als root (Administrator). Alle Teilnehmenden arbeiten unter "
            "Ihrem Benutzerkonto und können Ihre Dateien und die Arbeit der anderen lesen und ändern. Für einen "
            "echten Workshop starten Sie ihn mit sudo (dann bekommt jede Person ein eigenes Linux-Konto kk-NAME).")


def participant_ids(class_dir) -> list[str]:
    """The folder names of the participants of a class made by ``kundenkit klasse`` (from ``_trainer/klasse.json``).

    >>> participant_ids(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Im Ordner '...' liegt keine Klasse (_trainer/klasse.json fehlt). Erzeugen Sie sie
        mit kundenkit klasse --teilnehmende liste.csv --ziel ...
    """
    from kundenkit.exercises.classroom import CLASS_FILE, TRAINER_DIR

    class_dir = Path(class_dir)
    try:
        manifest = json.loads((class_dir / TRAINER_DIR / CLASS_FILE).read_text(encoding="utf-8"))
        ids = [str(person["id"]) for person in manifest["teilnehmende"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise KundenkitError(f"Im Ordner '{class_dir}' liegt keine Klasse ({TRAINER_DIR}/{CLASS_FILE} fehlt).",
                             parameter="klasse",
                             tipp=f"Erzeugen Sie sie mit kundenkit klasse --teilnehmende liste.csv --ziel {class_dir}"
                             ) from None
    return [pid for pid in ids if pid and not pid.startswith(("_", ".")) and (class_dir / pid).is_dir()]


def default_repos_dir(class_dir) -> Path:
    """Where the personal repositories go unless the trainer says otherwise: beside the class folder.

    >>> default_repos_dir("kurse/workshop/").as_posix()
    'kurse/workshop_repos'
    """
    class_dir = Path(class_dir)
    return class_dir.with_name(f"{class_dir.name}_repos")


def _git(args: list[str], **kwargs) -> str:
    env = {**os.environ, **_GIT_IDENTITY, **kwargs.pop("env", {})}
    try:
        result = subprocess.run(["git", *args], capture_output=True, text=True, env=env, check=True, **kwargs)
    except FileNotFoundError:
        raise KundenkitError("Das Programm git fehlt.", tipp="Installieren Sie es (Debian/Ubuntu: "
                                                             "sudo apt-get install git).") from None
    except subprocess.CalledProcessError as error:
        raise KundenkitError(f"git {' '.join(args[:2])} ist gescheitert: {error.stderr.strip()[-400:]}") from None
    return result.stdout.strip()


def publish_set(folder, repo) -> str:
    """Commit the content of one participant's folder to the bare repository ``repo`` (made if missing).

    Returns ``neu`` (first version), ``aktualisiert`` (a new commit on top) or
    ``unverändert``. Backups (``*.bak``) and saved answers stay out. A new commit
    is a descendant of the last one, so nbgitpuller merges it into the person's
    copy and keeps their edits.

    >>> folder, repo = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "anna.git"
    >>> _ = (folder / "01_05.ipynb").write_text("v1")
    >>> publish_set(folder, repo), publish_set(folder, repo)
    ('neu', 'unverändert')
    >>> _ = (folder / "01_05.ipynb").write_text("v2"); _ = (folder / "alt.ipynb.1.bak").write_text("x")
    >>> publish_set(folder, repo), _git(["--git-dir", str(repo), "ls-tree", "--name-only", "main"])
    ('aktualisiert', '01_05.ipynb')
    """
    folder, repo = Path(folder).resolve(), Path(repo)
    if not (repo / "HEAD").exists():
        repo.mkdir(parents=True, exist_ok=True)
        _git(["init", "--quiet", "--bare", "--initial-branch=main", str(repo)])
        (repo / "info").mkdir(exist_ok=True)
        (repo / "info" / "exclude").write_text(_SET_EXCLUDES, encoding="utf-8")
    git = ["--git-dir", str(repo), "--work-tree", str(folder)]
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        _git([*git, "add", "--all", "."], cwd=folder, env=env)
        tree = _git([*git, "write-tree"], cwd=folder, env=env)
    try:
        head = _git(["--git-dir", str(repo), "rev-parse", "--verify", "--quiet", "refs/heads/main"])
    except KundenkitError:
        head = ""
    if head and _git(["--git-dir", str(repo), "rev-parse", f"{head}^{{tree}}"]) == tree:
        return "unverändert"
    parents = ["-p", head] if head else []
    message = "Übungssatz aktualisiert" if head else "Übungssatz"
    commit = _git(["--git-dir", str(repo), "commit-tree", tree, *parents, "-m", message])
    _git(["--git-dir", str(repo), "update-ref", "refs/heads/main", commit])
    return "aktualisiert" if head else "neu"


def publish_sets(class_dir, repos_dir, hub_url: str) -> list[dict[str, str]]:
    """One repository per participant of a class and their links; writes ``_trainer/links.csv``.

    Only the participants' folders are published, each into its own repository
    ``<repos_dir>/<name>.git``; ``_trainer/`` never, and only the trainer may open it. Run it again after changing
    the class: the new state is committed on top. Returns one row per person
    (name, ordner, status, repository, link).
    """
    import pandas as pd

    from kundenkit.data.german_csv import write_csv
    from kundenkit.exercises.classroom import MAPPING_FILE, TRAINER_DIR, protect_trainer_folder

    class_dir, repos_dir = Path(class_dir), Path(repos_dir)
    ids = participant_ids(class_dir)
    protect_trainer_folder(class_dir / TRAINER_DIR)  # a class made before the keys were kept closed
    if repos_dir.resolve() == class_dir.resolve() or class_dir.resolve() in repos_dir.resolve().parents:
        raise KundenkitError(f"Der Ordner der Repositorys '{repos_dir}' liegt im Klassenordner '{class_dir}'.",
                             parameter="repos", tipp="Wählen Sie einen Ordner daneben, z. B. "
                                                     f"{default_repos_dir(class_dir)}.")
    names = _participant_names(class_dir / TRAINER_DIR / MAPPING_FILE)
    rows = []
    for pid in ids:
        folder, repo = class_dir / pid, repos_dir / f"{pid}.git"
        status = publish_set(folder, repo)
        first = sorted(p.name for p in folder.glob("*.ipynb"))
        path = first[0] if first else ""
        rows.append({"name": names.get(pid, pid), "ordner": pid, "anmeldename": pid, "status": status,
                     "repository": str(repo.resolve()),
                     "link": pull_link(hub_url, str(repo.resolve()), path=path, targetpath=SET_TARGET)})
    write_csv(pd.DataFrame(rows), class_dir / TRAINER_DIR / LINKS_FILE)
    return rows


def _participant_names(mapping: Path) -> dict[str, str]:
    from kundenkit.data.german_csv import read_csv

    try:
        table = read_csv(mapping)
        return dict(zip(table["ordner"].astype(str), table["name"].astype(str)))
    except (OSError, KeyError, KundenkitError):
        return {}


def names_from_list(path) -> list[str]:
    """The login names of a participant list (the same folder names ``kundenkit klasse`` gives them)."""
    from kundenkit.exercises.classroom import read_participants

    return [person.id for person in read_participants(path, class_seed=1)]


def course_repo(course) -> tuple[str, str]:
    """(repository, branch) of the course folder: the git repository it lives in and its current branch.

    >>> repo, branch = course_repo(Path(__file__).parent)
    >>> (Path(repo) / "notebooks").is_dir()
    True
    """
    course = Path(course).resolve()
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd=course)
        branch = _git(["rev-parse", "--abbrev-ref", "HEAD"], cwd=course)
    except (KundenkitError, NotADirectoryError, FileNotFoundError):
        raise KundenkitError(f"Der Ordner '{course}' ist kein git-Repository.", parameter="repo",
                             tipp="Geben Sie mit --repo die Adresse des Kurs-Repositorys an "
                                  "(z. B. https://github.com/…/kundenkit) oder starten Sie im Kursordner.") from None
    return top, branch


def find_proxy() -> str:
    """The configurable-http-proxy program: the one ``make hub`` installs into the virtual environment, or on PATH."""
    local = Path(sys.prefix) / PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    found = str(local) if local.exists() else shutil.which("configurable-http-proxy")
    if not found:
        raise KundenkitError("Das Programm configurable-http-proxy fehlt (es leitet die Teilnehmenden weiter).",
                             tipp=f"Starten Sie mit make hub, das es installiert, oder: npm install --prefix "
                                  f"{Path(sys.prefix) / PROXY_DIR} configurable-http-proxy@{PROXY_VERSION}")
    return found


def lan_address() -> str:
    """This machine's address in the local network (what participants type), or 127.0.0.1 without a network."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; this only picks the outgoing interface
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def hub_command() -> list[str]:
    """The command that runs JupyterHub with kundenkit's configuration (settings come from the environment).

    >>> hub_command()[-2:][1].endswith("hub_config.py")
    True
    """
    return [sys.executable, "-m", "jupyterhub", "-f", str(Path(__file__).with_name("hub_config.py"))]


def git_safe_config(state_dir, repos) -> Path:
    """A git configuration for the participants that trusts the course's repositories, though owned by the trainer.

    git refuses to clone a folder owned by another account ("dubious ownership");
    this file (``GIT_CONFIG_GLOBAL``) names the trusted repositories and then
    includes the person's own ``~/.gitconfig``.

    >>> print(git_safe_config(tempfile.mkdtemp(), ["/srv/kurs"]).read_text())
    [safe]
        directory = /srv/kurs
        directory = /srv/kurs/.git
    [include]
        path = ~/.gitconfig
    """
    lines = ["[safe]"]
    for repo in repos:
        if Path(repo).is_absolute():
            lines.append(f"    directory = {repo}")
            if not repo.endswith(".git"):
                lines.append(f"    directory = {repo.rstrip('/')}/.git")
    lines += ["[include]", "    path = ~/.gitconfig", ""]
    path = Path(state_dir) / "gitconfig"
    path.write_text("\n".join(lines), encoding="utf-8")
    path.chmod(0o644)
    return path


def workshop_password() -> str:
    """A password that is easy to read aloud and type: three short syllable groups and two digits.

    >>> text = workshop_password()
    >>> len(text), text[-2:].isdigit(), text != workshop_password()
    (16, True, True)
    """
    import secrets

    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    groups = ["".join(secrets.choice(consonants) + secrets.choice(vowels) for _ in range(2)) for _ in range(3)]
    return "-".join(groups) + f"{secrets.randbelow(100):02d}"


def not_traversable(path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot enter (no x for others), or None.

    Participants' accounts must reach the course repository to clone it.

    >>> folder = Path(tempfile.mkdtemp()); folder.chmod(0o700)
    >>> not_traversable(folder / "kurs") == folder, not_traversable("/")
    (True, None)
    """
    path = Path(path).resolve()
    for folder in reversed([path, *path.parents]):
        if folder.is_dir() and not folder.stat().st_mode & 0o001:
            return folder
    return None


def python_unreachable() -> Path | None:
    """The first folder that keeps other accounts from running this Python and its packages, or None.

    >>> python_unreachable() is None or python_unreachable().is_dir()
    True
    """
    import kundenkit

    for path in (Path(sys.executable).resolve(), Path(sys.prefix), Path(kundenkit.__file__).resolve()):
        if (closed := not_traversable(path)) is not None:
            return closed
    return None


def port_in_use(port: int, ip: str = "") -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((ip, port))
        except OSError:
            return True
    return False


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class HubPlan:
    """Everything ``kundenkit hub`` prints and passes on, worked out before JupyterHub starts."""

    settings: HubSettings
    hub_url: str
    links: list[dict[str, str]]
    links_file: Path | None = None
    warnings: list[str] = field(default_factory=list)


def plan_hub(course=".", *, port: int = 8000, ip: str = "0.0.0.0", address: str | None = None,
             password: str | None = None, trainer: str = TRAINER, trainer_password: str | None = None,
             class_dir=None, participants=None, repo: str | None = None, branch: str | None = None,
             repos_dir=None, state_dir=None, is_root: bool | None = None) -> HubPlan:
    """Work out the hub's settings and the links to hand out; publishes the personal sets of ``class_dir``."""
    if not 1 <= port <= 65535:
        raise KundenkitError(f"Der Port {port} ist ungültig.", parameter="port",
                             tipp="Wählen Sie eine Zahl von 1024 bis 65535, z. B. 8000.")
    if port_in_use(port, "" if ip == "0.0.0.0" else ip):
        raise KundenkitError(f"Der Port {port} ist schon belegt.", parameter="port",
                             tipp="Beenden Sie das Programm, das ihn nutzt, oder wählen Sie einen anderen, "
                                  "z. B. --port 8010.")
    is_root = (hasattr(os, "geteuid") and os.geteuid() == 0) if is_root is None else is_root
    if is_root and (unreachable := python_unreachable()) is not None:
        raise KundenkitError(
            f"Python liegt im Ordner '{unreachable}', den die Konten der Teilnehmenden nicht betreten dürfen; "
            "ihr JupyterLab könnte nicht starten.",
            tipp="Legen Sie die Umgebung des Kurses mit einem Python an, das alle ausführen dürfen, z. B.: "
                 "make clean-venv && sudo make hub PYTHON=/usr/bin/python3")
    trainer = login_name(trainer)
    hub_url = address or f"http://{lan_address() if ip in ('0.0.0.0', '') else ip}:{port}"
    pull_link(hub_url, "-")  # checks the address
    allowed: tuple[str, ...] = ()
    warnings = [text] if (text := trial_run_warning(is_root)) else []
    links_file = None
    if class_dir is not None:
        repos_dir = Path(repos_dir) if repos_dir is not None else default_repos_dir(class_dir)
        links = publish_sets(class_dir, repos_dir, hub_url)
        allowed = tuple(row["anmeldename"] for row in links)
        safe = tuple(row["repository"] for row in links)
        from kundenkit.exercises.classroom import TRAINER_DIR

        links_file = Path(class_dir) / TRAINER_DIR / LINKS_FILE
    else:
        if repo is None:
            repo, current = course_repo(course)
            branch = branch or current
        branch = branch or "main"
        links = [{"name": "alle", "link": pull_link(hub_url, repo, branch=branch)}]
        safe = (repo,) if Path(repo).is_absolute() else ()
        if participants is not None:
            allowed = tuple(names_from_list(participants))
    if trainer in allowed:
        raise KundenkitError(f"Der Name '{trainer}' gehört schon einer teilnehmenden Person.", parameter="trainer",
                             tipp="Wählen Sie mit --trainer einen anderen Namen für sich.")
    if is_root:
        for path in safe:
            if (closed := not_traversable(path)) is not None:
                warnings.append(f"ACHTUNG: Die Konten der Teilnehmenden kommen nicht in den Ordner '{closed}' und "
                                f"können {path} daher nicht holen. Legen Sie Kurs und Repositorys in einen "
                                f"Ordner, den alle lesen dürfen (z. B. /srv/kurs), oder: chmod o+x {closed}")
    state = Path(state_dir) if state_dir is not None else Path(course) / HUB_DIR
    settings = HubSettings(state_dir=str(state.resolve()), password=password or workshop_password(),
                           trainer_password=trainer_password or workshop_password(), port=port,
                           hub_port=_free_port(), proxy_api_port=_free_port(), proxy=find_proxy(), ip=ip,
                           trainer=trainer, allowed=allowed, isolated=is_root, safe_repos=safe)
    return HubPlan(settings, hub_url, links, links_file, warnings)


def run_hub(plan: HubPlan) -> int:
    """Start JupyterHub with the plan's settings and wait until Ctrl+C; returns its exit code."""
    import signal

    settings = plan.settings
    state = Path(settings.state_dir)
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o711)  # participants read the git settings there, nothing else
    process = subprocess.Popen(hub_command(), cwd=state, env={**os.environ, **settings.to_env()})

    def forward(signum, _frame):  # JupyterHub then stops every participant's server and the proxy
        process.send_signal(signal.SIGTERM)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:  # Ctrl+C reaches JupyterHub too (same terminal); wait until it has cleaned up
            continue
