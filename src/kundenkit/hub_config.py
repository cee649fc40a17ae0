"""JupyterHub configuration of ``kundenkit hub``, loaded with ``jupyterhub -f hub_config.py``.

The settings come from the environment (:class:`kundenkit.hub.HubSettings`),
set by ``kundenkit hub``. Everyone logs in with a name and the workshop password;
the trainer with their own password and is the hub's admin. Run as root, each
participant's JupyterLab runs under their own Linux account ``kk-<name>``
(created on first login, home folder mode 0700), as with The Littlest
JupyterHub; otherwise all run under one account (a trial run, see
:func:`kundenkit.hub.trial_run_warning`). Every JupyterLab is German and keeps
widget views out of saved notebooks, like ``make start``'s.
"""
from __future__ import annotations

import hmac
import os
import pwd
import subprocess
import sys
from pathlib import Path

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner, set_user_setuid
from traitlets import Unicode

from kundenkit.hub import HubSettings, git_safe_config, linux_username, login_name, singleuser_args

LOGIN_NOTE = ("Melden Sie sich mit Ihrem Namen (wie auf der Teilnehmerliste) und dem Workshop-Passwort an. "
              "Danach öffnen Sie den Link, den Sie bekommen haben.")


class WorkshopAuthenticator(Authenticator):
    """A name and the workshop password; the trainer has a password of their own."""

    workshop_password = Unicode("", config=True, help="the password every participant uses")
    trainer_password = Unicode("", config=True, help="the trainer's password")
    trainer = Unicode("trainer", config=True, help="the trainer's login name (admin)")

    def normalize_username(self, username: str) -> str:
        return login_name(username)

    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username", ""))
        wanted = self.trainer_password if name == self.trainer else self.workshop_password
        given = str(data.get("password", ""))
        if wanted and hmac.compare_digest(given.encode(), wanted.encode()):
            return name
        return None


def ensure_linux_user(system_name: str, login: str) -> pwd.struct_passwd:
    """The participant's Linux account, created on first login; their home folder is theirs alone (0700)."""
    try:
        entry = pwd.getpwnam(system_name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash",
                        "--comment", f"kundenkit {login}", system_name], check=True, capture_output=True)
        entry = pwd.getpwnam(system_name)
    os.chmod(entry.pw_dir, 0o700)
    return entry


class WorkshopSpawner(LocalProcessSpawner):
    """LocalProcessSpawner under a Linux account ``kk-<name>`` per participant, made when first needed."""

    @property
    def system_name(self) -> str:
        return linux_username(self.user.name)

    def make_preexec_fn(self, name):
        return set_user_setuid(self.system_name)

    def user_env(self, env):
        entry = pwd.getpwnam(self.system_name)
        env.update(USER=self.system_name, LOGNAME=self.system_name, HOME=entry.pw_dir,
                   SHELL=entry.pw_shell or "/bin/bash")
        return env

    async def start(self):
        ensure_linux_user(self.system_name, self.user.name)
        return await super().start()


def configure(c) -> None:
    """Fill JupyterHub's configuration object ``c`` from the settings in the environment."""
    settings = HubSettings.from_env()
    state = Path(settings.state_dir)
    private = state / "intern"
    private.mkdir(parents=True, exist_ok=True)
    private.chmod(0o700)

    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.hub_port}"
    c.JupyterHub.db_url = f"sqlite:///{private / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(private / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.command = [settings.proxy]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(private / "proxy.pid")
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.implicit_spawn_seconds = 0.5  # the link starts the participant's server without a button
    c.JupyterHub.template_vars = {"announcement_login": LOGIN_NOTE}
    c.JupyterHub.template_paths = [str(Path(__file__).with_name("share") / "jupyterhub" / "templates")]

    c.JupyterHub.authenticator_class = WorkshopAuthenticator
    c.WorkshopAuthenticator.workshop_password = settings.password
    c.WorkshopAuthenticator.trainer_password = settings.trainer_password
    c.WorkshopAuthenticator.trainer = settings.trainer
    c.Authenticator.admin_users = {settings.trainer}
    if settings.allowed:
        c.Authenticator.allowed_users = {*settings.allowed, settings.trainer}
    else:
        c.Authenticator.allow_all = True

    bin_dir = Path(sys.prefix) / "bin"
    c.JupyterHub.spawner_class = WorkshopSpawner if settings.isolated else SimpleLocalProcessSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "personen" / "{username}")
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    args = singleuser_args()
    if os.environ.get("KUNDENKIT_HUB_EXPOSE_APP") == "1":  # browser tests drive JupyterLab through window.jupyterapp
        args.append("--LabApp.expose_app_in_browser=True")
    c.Spawner.args = args
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 90
    c.Spawner.environment = {
        "NBGITPULLER_APP": "lab",
        "GIT_CONFIG_GLOBAL": str(git_safe_config(state, settings.safe_repos)),
        "PATH": os.pathsep.join([str(bin_dir), "/usr/local/bin", "/usr/bin", "/bin"]),
    }


if "get_config" in globals():  # loaded by JupyterHub (not when imported, e.g. by the doctest collection)
    configure(globals()["get_config"]())
