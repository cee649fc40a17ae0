"""Binder (repo2docker): checked offline with repo2docker's own build packs, and postBuild run for real.

No Docker engine is needed: repo2docker picks its build pack and renders the
Dockerfile as text, and the tests read what it would do. postBuild then runs in a
throwaway copy of the course with a throwaway environment prefix, and a real
JupyterLab started with that prefix's configuration shows what a Binder learner gets.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from contextlib import chdir, contextmanager
from pathlib import Path

import nbformat
import pytest
from docker.utils.build import exclude_paths
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from repo2docker.app import Repo2Docker
from repo2docker.buildpacks import CondaBuildPack

from browser import free_port, stop_process_group, wait_until_serving
from conftest import ROOT
from kundenkit.binder import binder_links, config_file, server_config, template_link
from kundenkit.cli import main
from kundenkit.lab import RERUN_HINT, START_NOTEBOOK, WIDGET_VIEW
from kundenkit.workspace import LEARNER_DIR

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# PyPI name -> conda-forge name, where they differ beyond case and "_"/"-" (conda-forge's "playwright" is the
# Node driver alone; the Python library is "playwright-python").
CONDA_NAMES = {"playwright": "playwright-python"}
# In the [dev] extra but not in environment.yml: Binder's image has its own jupyterhub-singleuser, and repo2docker
# is needed only for these tests.
NOT_IN_CONDA = {"jupyterhub", "jupyter-repo2docker"}


def _buildpack():
    """The build pack repo2docker picks for this repository, as `repo2docker .` does (first that detects)."""
    app = Repo2Docker()
    with chdir(ROOT):
        for buildpack_class in app.buildpacks:
            buildpack = buildpack_class(base_image=app.base_image)
            if buildpack.detect():
                buildpack.platform = "linux/amd64"
                return buildpack
    raise AssertionError("repo2docker finds no build pack")


@pytest.fixture(scope="module")
def buildpack():
    return _buildpack()


@pytest.fixture(scope="module")
def dockerfile(buildpack):
    with chdir(ROOT):
        return buildpack.render({"NB_USER": "jovyan", "NB_UID": "1000"})


def test_repo2docker_builds_from_environment_yml(buildpack):
    # A binder/ or .binder/ folder would make repo2docker ignore every file at the top, environment.yml included.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert type(buildpack) is CondaBuildPack
    assert buildpack.binder_dir == ""
    assert buildpack.environment_yaml_path == "environment.yml"


def test_python_version_is_pinned_and_allowed(buildpack):
    # repo2docker reads only an exact pin (python=X.Y); without one it builds its default, older Python.
    assert buildpack.python_version == "3.11"
    assert any(dep == f"python={buildpack.python_version}" for dep in buildpack.environment_yaml["dependencies"])
    assert buildpack.python_version in SpecifierSet(PYPROJECT["requires-python"])


def test_course_is_installed_after_the_repository_is_copied(buildpack, dockerfile):
    # "-e ." needs the repository: repo2docker must install environment.yml after copying it, not before.
    assert not buildpack._should_preassemble_env
    assert "environment.yml" not in buildpack.get_preassemble_script_files()
    lines = dockerfile.splitlines()
    copy = next(i for i, line in enumerate(lines) if re.match(r"COPY --chown=\S+ src/ \$\{REPO_DIR\}/$", line))
    install = next(i for i, line in enumerate(lines) if 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"'
                   in line)
    post_build = lines.index("RUN ./postBuild")
    assert copy < install < post_build
    pip = next(dep["pip"] for dep in buildpack.environment_yaml["dependencies"] if isinstance(dep, dict))
    assert "-e ." in pip


def test_post_build_is_executable_and_run(buildpack, dockerfile):
    assert buildpack.get_post_build_scripts() == ["postBuild"]
    assert os.access(ROOT / "postBuild", os.X_OK)
    assert "RUN chmod +x postBuild\nRUN ./postBuild" in dockerfile
    tracked = subprocess.run(["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode == 0 and tracked.stdout:
        assert tracked.stdout.startswith("100755 "), "postBuild must be committed as executable"
    assert "python -m kundenkit binder" in (ROOT / "postBuild").read_text(encoding="utf-8")
    # No start script: a session starts from the fresh image that postBuild prepared.
    assert buildpack.get_start_script() is None
    assert "R2D_ENTRYPOINT" not in dockerfile


def test_dockerignore_keeps_local_files_out_of_the_image(tmp_path, buildpack):
    with chdir(ROOT):
        ignore_file = Path(buildpack.binder_path(".dockerignore"))
    patterns = [line.strip() for line in (ROOT / ignore_file).read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.strip().startswith("#")]
    files = [".venv/bin/python", "meine_arbeit/notebooks/00_einfuehrung.ipynb", "exercises/antworten/a.json",
             "src/kundenkit/__pycache__/lab.cpython-311.pyc", "src/kundenkit.egg-info/PKG-INFO",
             "notebooks/00_einfuehrung.ipynb", "data/kunden.csv", "src/kundenkit/lab.py", "postBuild",
             "environment.yml", "src/kundenkit/share/jupyter/voila/templates/kundenkit/conf.json"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    with chdir(tmp_path):
        copied = {path for path in exclude_paths(".", patterns) if (tmp_path / path).is_file()}
    assert copied == {"notebooks/00_einfuehrung.ipynb", "data/kunden.csv", "src/kundenkit/lab.py", "postBuild",
                      "environment.yml", "src/kundenkit/share/jupyter/voila/templates/kundenkit/conf.json"}


def _conda_requirements(environment: dict) -> dict[str, SpecifierSet]:
    """environment.yml's packages by PyPI name (conda-forge names mapped back), without python, pip and the course."""
    to_pypi = {conda: pypi for pypi, conda in CONDA_NAMES.items()}
    found: dict[str, SpecifierSet] = {}
    for dep in environment["dependencies"]:
        if isinstance(dep, dict):
            lines = [line for line in dep["pip"] if not line.startswith("-")]
            requirements = [Requirement(line) for line in lines]
            found.update({canonicalize_name(r.name): r.specifier for r in requirements})
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", dep)
        assert match, f"environment.yml: unreadable entry {dep!r}"
        name = canonicalize_name(match.group(1))
        if name not in ("python", "pip"):
            assert name not in found, f"environment.yml lists {name} twice"
            found[to_pypi.get(name, name)] = SpecifierSet(match.group(2).replace(" ", ""))
    return found


def _minimum(specifier: SpecifierSet) -> str:
    minimums = [spec.version for spec in specifier if spec.operator == ">="]
    assert len(minimums) == 1 and len(specifier) == 1, f"expected one minimum version, got {specifier}"
    return minimums[0]


def test_environment_yml_has_the_dependencies_of_pyproject(buildpack):
    conda = _conda_requirements(buildpack.environment_yaml)
    main = {canonicalize_name(r.name): r.specifier for r in map(Requirement, PYPROJECT["dependencies"])}
    dev = {canonicalize_name(r.name): r.specifier for r in map(Requirement, PYPROJECT["optional-dependencies"]["dev"])}
    assert set(main) <= set(conda), f"missing in environment.yml: {sorted(set(main) - set(conda))}"
    assert set(dev) - set(conda) == NOT_IN_CONDA
    for name, specifier in conda.items():
        assert name in main or name in dev, f"environment.yml has {name}, pyproject.toml has not"
        assert _minimum(specifier) == _minimum(main.get(name) or dev[name]), f"minimum version of {name} differs"


def test_readme_shows_the_binder_links():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = binder_links()
    assert links["kurs"] in readme and links["ansicht"] in readme
    assert "KONTO/kundenkit" in readme


def test_server_config_matches_kundenkit_start(tmp_path):
    config = server_config(tmp_path / LEARNER_DIR)
    assert config["ServerApp"]["root_dir"] == str((tmp_path / LEARNER_DIR).resolve())
    assert config["LabApp"]["default_url"] == f"/lab/tree/{START_NOTEBOOK}"
    assert json.loads(json.dumps(config)) == config


# ---- postBuild for real, then JupyterLab with the environment it prepared ----

@contextmanager
def _lab_with_prefix(prefix: Path, workdir: Path):
    """JupyterLab reading its configuration and data from ``prefix`` as if it were its environment."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(prefix / "etc" / "jupyter"),
               JUPYTER_PATH=str(prefix / "share" / "jupyter"), JUPYTER_CONFIG_DIR=str(workdir / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(workdir / "user"), JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"))
    env.pop("JUPYTER_NO_CONFIG", None)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log_path = workdir / "lab.log"
    with open(log_path, "w") as log:
        # Started outside the learner's folder: the folder it serves must come from the configuration.
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=workdir,
                                   start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_serving(f"{base}/api/status?token={token}", process, log_path)
            yield base, token
        finally:
            stop_process_group(process)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> tuple[int, str, dict]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def _put_notebook(url: str, notebook: dict) -> int:
    body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


@pytest.fixture(scope="module")
def binder_image(tmp_path_factory):
    """A throwaway course folder and environment prefix, after postBuild ran as repo2docker runs it."""
    root = tmp_path_factory.mktemp("binder")
    course = root / "repo"
    course.mkdir()
    for folder in ("notebooks", "exercises", "data"):
        shutil.copytree(ROOT / folder, course / folder, ignore=shutil.ignore_patterns("antworten", ".ipynb_*"))
    shutil.copy2(ROOT / "postBuild", course / "postBuild")
    prefix, cache = root / "prefix", root / "cache"
    env = dict(os.environ, NB_PYTHON_PREFIX=str(prefix), KUNDENKIT_CACHE=str(cache),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    # Twice: a rebuild over an earlier build must work too.
    for _ in range(2):
        result = subprocess.run(["./postBuild"], cwd=course, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    return {"root": root, "course": course, "prefix": prefix, "cache": cache, "output": result.stdout}


def test_post_build_prepares_folder_settings_template_and_charts(binder_image):
    course, prefix = binder_image["course"], binder_image["prefix"]
    workspace = course / LEARNER_DIR
    assert (workspace / START_NOTEBOOK).is_file()
    assert {p.name for p in (workspace / "data").glob("*.csv")} == {p.name for p in (ROOT / "data").glob("*.csv")}
    config = json.loads(config_file(prefix).read_text(encoding="utf-8"))
    assert config == server_config(workspace)
    assert config["ContentsManager"]["pre_save_hook"] == "kundenkit.lab.pre_save_hook"
    link = template_link(prefix)
    assert link.is_symlink() and (link / "conf.json").is_file()
    assert list(binder_image["cache"].glob("jupyterchart-offline-*.js.gz"))
    assert "Fehler" not in binder_image["output"]


def test_post_build_keeps_other_settings_of_the_environment(binder_image, tmp_path):
    prefix = tmp_path / "prefix"
    config_file(prefix).parent.mkdir(parents=True)
    config_file(prefix).write_text(json.dumps({"ServerApp": {"ip": "0.0.0.0"}, "MappingKernelManager": {"x": 1}}))
    env = dict(os.environ, NB_PYTHON_PREFIX=str(prefix), KUNDENKIT_CACHE=str(binder_image["cache"]),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    subprocess.run(["./postBuild"], cwd=binder_image["course"], env=env, check=True, capture_output=True, timeout=120)
    config = json.loads(config_file(prefix).read_text(encoding="utf-8"))
    assert config["ServerApp"]["ip"] == "0.0.0.0" and config["MappingKernelManager"] == {"x": 1}
    assert config["ServerApp"]["root_dir"] == str(binder_image["course"] / LEARNER_DIR)


def test_post_build_stops_with_a_german_message_on_a_broken_settings_file(binder_image, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KUNDENKIT_CACHE", str(binder_image["cache"]))
    config_file(tmp_path).parent.mkdir(parents=True)
    config_file(tmp_path).write_text("{kaputt")
    assert main(["binder", "--kurs", str(binder_image["course"]), "--prefix", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"Fehler: In der Datei '{config_file(tmp_path)}'") and "kein gültiges JSON" in error
    assert config_file(tmp_path).read_text() == "{kaputt"

def test_jupyterlab_on_binder_is_german_opens_the_course_and_strips_widgets(binder_image, tmp_path):
    workspace = binder_image["course"] / LEARNER_DIR
    with _lab_with_prefix(binder_image["prefix"], tmp_path) as (base, token):
        status, _, headers = _get(f"{base}/?token={token}")
        assert status == 302 and headers["Location"].split("?")[0].endswith(f"/lab/tree/{START_NOTEBOOK}")
        # The Binder link's urlpath is relative to the learner's folder.
        status, _, _ = _get(f"{base}/api/contents/{START_NOTEBOOK}?content=0&token={token}")
        assert status == 200
        status, body, _ = _get(f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}")
        assert status == 200 and json.loads(body)["schema"]["properties"]["locale"]["default"] == "de_DE"
        status, body, _ = _get(f"{base}/lab/api/translations/?token={token}")
        assert "de_DE" in json.loads(body)["data"]
        # The pre-save hook of `kundenkit start`: a saved widget becomes the German hint.
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"widgets": {"state": {}}}, "cells": [
            {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": "regler",
             "outputs": [{"output_type": "display_data", "metadata": {},
                          "data": {WIDGET_VIEW: {"model_id": "1", "version_major": 2, "version_minor": 0},
                                   "text/plain": "IntSlider()"}}]}]}
        assert _put_notebook(f"{base}/api/contents/transfer/gespeichert.ipynb?token={token}", notebook) in (200, 201)
        saved = nbformat.read(workspace / "transfer" / "gespeichert.ipynb", as_version=4)
        assert saved.cells[0].outputs[0].data == {"text/plain": RERUN_HINT}
        assert "widgets" not in saved["metadata"]
        # The manager view: Voilà inside the same server renders with the course's template.
        page = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3",
                "display_name": "Python 3", "language": "python"}},
                "cells": [{"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "Hallo Binder"}]}
        _put_notebook(f"{base}/api/contents/transfer/seite.ipynb?token={token}", page)
        status, body, _ = _get(f"{base}/voila/render/transfer/seite.ipynb?token={token}")
        assert status == 200 and "Hallo Binder" in body
        # Voilà's own template would link stylesheets from the internet; the course's links none.
        assert not re.findall(r'<link[^>]*href="https?://[^"]*"', body)
