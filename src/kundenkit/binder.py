"""The course on Binder (repo2docker): in the browser, without installation.

repo2docker builds an image from ``environment.yml``: the course's packages and the
course itself (``pip: -e .``, which repo2docker installs after copying the repository).
Then it runs ``postBuild``, which calls ``kundenkit binder`` (:func:`set_up`):

* the learner's folder ``meine_arbeit/`` is made, as ``kundenkit start`` makes it;
* the Jupyter server configuration file of the environment gives every server started
  there the settings of ``kundenkit start`` (that folder as the root, the introduction
  first, German JupyterLab, the pre-save hook) and of ``kundenkit ansicht`` (the
  course's Voilà template, German, nothing from the internet);
* the template is linked into the environment's Jupyter data folder, so Voilà finds it
  without any environment variable;
* the charts' offline JavaScript bundle is built once into the image's cache.

Nothing needs a start script: a Binder session always starts from the fresh image.
The settings come from :func:`kundenkit.lab.lab_command` and the manager view's
``voila.json`` (:data:`kundenkit.manager_view.JUPYTER_CONFIG`), so the three ways to
run the course cannot drift apart.
"""
from __future__ import annotations

import json
from pathlib import Path

from kundenkit.errors import KundenkitError

# Jupyter reads a server's settings from this file in each configuration folder; the files in
# jupyter_server_config.d/ beside it only switch server extensions on.
CONFIG_NAME = "jupyter_server_config.json"
BINDER_SERVICE = "https://mybinder.org/v2/gh"
PLACEHOLDER_REPOSITORY = "KONTO/kundenkit"
# Voilà settings of `kundenkit ansicht` (its voila.json) that also hold when Voilà runs inside the Jupyter server.
# Preheated kernels exist only in Voilà's own server, and culling idle kernels would end the learner's JupyterLab
# kernels too, so those settings stay out.
VOILA_SERVER_SETTINGS = ("template", "theme", "classic_tree", "show_tracebacks")


def command_options(command: list[str]) -> dict[str, dict[str, str]]:
    """The ``--Class.trait=value`` options of a Jupyter command line, as a configuration by class.

    >>> command_options(["python", "-m", "jupyterlab", "--port=8888", "--no-browser",
    ...                  "--ServerApp.root_dir=/w", "--LabApp.default_url=/lab/tree/a.ipynb"])
    {'ServerApp': {'root_dir': '/w'}, 'LabApp': {'default_url': '/lab/tree/a.ipynb'}}
    """
    config: dict[str, dict[str, str]] = {}
    for argument in command:
        name, equals, value = argument.removeprefix("--").partition("=")
        klass, dot, trait = name.partition(".")
        if argument.startswith("--") and equals and dot and klass[:1].isupper():
            config.setdefault(klass, {})[trait] = value
    return config


def server_config(workspace, *, voila_template: bool = True) -> dict[str, dict]:
    """The Jupyter server configuration of the course on Binder, for the learner's folder ``workspace``.

    JupyterLab's part is exactly what ``kundenkit start`` passes on its command
    line; Voilà's part is the manager view's ``voila.json``, as far as it applies to
    Voilà inside the Jupyter server. Without the course's template
    (``voila_template=False``) Voilà keeps its own.

    >>> config = server_config("/home/jovyan/meine_arbeit")
    >>> config["ServerApp"]["root_dir"], config["LabApp"]["default_url"]
    ('/home/jovyan/meine_arbeit', '/lab/tree/notebooks/00_einfuehrung.ipynb')
    >>> config["ContentsManager"]["pre_save_hook"], config["LabApp"]["app_settings_dir"].endswith("lab_settings")
    ('kundenkit.lab.pre_save_hook', True)
    >>> config["VoilaConfiguration"]["template"], config["VoilaConfiguration"]["show_tracebacks"]
    ('kundenkit', False)
    >>> "template" in server_config("/w", voila_template=False)["VoilaConfiguration"]
    False
    """
    from kundenkit.lab import lab_command
    from kundenkit.manager_view import JUPYTER_CONFIG

    config: dict[str, dict] = {klass: dict(traits)
                               for klass, traits in command_options(lab_command(workspace, open_browser=False)).items()}
    voila = json.loads((JUPYTER_CONFIG / "voila.json").read_text(encoding="utf-8")).get("VoilaConfiguration", {})
    config["VoilaConfiguration"] = {name: value for name, value in voila.items()
                                    if name in VOILA_SERVER_SETTINGS and (voila_template or name != "template")}
    return config


def config_file(prefix) -> Path:
    """Where a Jupyter server of the environment ``prefix`` reads its configuration.

    >>> config_file("/srv/conda/envs/notebook").as_posix()
    '/srv/conda/envs/notebook/etc/jupyter/jupyter_server_config.json'
    """
    return Path(prefix) / "etc" / "jupyter" / CONFIG_NAME


def merged_config(existing: dict, course: dict) -> dict:
    """A configuration file's settings with the course's settings added; other settings stay.

    >>> merged_config({"ServerApp": {"ip": "0.0.0.0", "root_dir": "/"}, "Other": {"x": 1}},
    ...               {"ServerApp": {"root_dir": "/w"}, "LabApp": {"default_url": "/lab"}})
    {'ServerApp': {'ip': '0.0.0.0', 'root_dir': '/w'}, 'Other': {'x': 1}, 'LabApp': {'default_url': '/lab'}}
    """
    merged = {klass: dict(traits) if isinstance(traits, dict) else traits for klass, traits in existing.items()}
    for klass, traits in course.items():
        section = merged.get(klass)
        merged[klass] = {**(section if isinstance(section, dict) else {}), **traits}
    return merged


def template_link(prefix) -> Path:
    """Where the course's Voilà template is linked into the Jupyter data folder of the environment ``prefix``.

    >>> template_link("/srv/conda/envs/notebook").as_posix()
    '/srv/conda/envs/notebook/share/jupyter/voila/templates/kundenkit'
    """
    from kundenkit.manager_view import TEMPLATE

    return Path(prefix) / "share" / "jupyter" / "voila" / "templates" / TEMPLATE


def binder_links(repository: str = PLACEHOLDER_REPOSITORY, ref: str = "HEAD") -> dict[str, str]:
    """The Binder links of the course: JupyterLab with the introduction, and the manager view (Voilà).

    >>> links = binder_links()
    >>> links["kurs"]
    'https://mybinder.org/v2/gh/KONTO/kundenkit/HEAD?urlpath=lab/tree/notebooks/00_einfuehrung.ipynb'
    >>> links["ansicht"]
    'https://mybinder.org/v2/gh/KONTO/kundenkit/HEAD?urlpath=voila/render/notebooks/00_einfuehrung.ipynb'
    >>> binder_links("KONTO")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Angabe 'KONTO' ist kein Repository. Schreiben Sie KONTO/NAME,
        z. B. KONTO/kundenkit.
    """
    from kundenkit.lab import START_NOTEBOOK

    owner, _, name = repository.strip("/").partition("/")
    if not owner or not name or "/" in name:
        raise KundenkitError(f"Die Angabe '{repository}' ist kein Repository.", parameter="repository",
                             tipp="Schreiben Sie KONTO/NAME, z. B. KONTO/kundenkit.")
    base = f"{BINDER_SERVICE}/{owner}/{name}/{ref}?urlpath="
    return {"kurs": f"{base}lab/tree/{START_NOTEBOOK}", "ansicht": f"{base}voila/render/{START_NOTEBOOK}"}


def set_up(course, prefix) -> list[str]:
    """Prepare the environment ``prefix`` and the course in ``course`` for Binder; returns German progress lines.

    Safe to run again: files are replaced, the learner's folder is only brought up to date.
    """
    from kundenkit.manager_view import JUPYTER_DATA, TEMPLATE
    from kundenkit.workspace import LEARNER_DIR, sync_workspace

    course = Path(course).resolve()
    workspace = course / LEARNER_DIR
    lines = sync_workspace(course, workspace).lines()
    lines.append(f"Arbeitsordner: {workspace}")

    template = JUPYTER_DATA / "voila" / "templates" / TEMPLATE
    link = template_link(prefix)
    if template.is_dir():
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.is_file():
            link.unlink()
        if not link.exists():
            link.symlink_to(template, target_is_directory=True)
        lines.append(f"Vorlage der Ansicht ohne Code: {link}")
    else:
        lines.append(f"Die Vorlage der Ansicht ohne Code fehlt ({template}); Voilà nutzt seine eigene.")

    path = config_file(prefix)
    try:
        existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError as error:
        raise KundenkitError(f"Die Datei ist kein gültiges JSON ({error}).", datei=path,
                             tipp="Korrigieren oder löschen Sie die Datei und rufen Sie den Befehl erneut auf."
                             ) from None
    config = merged_config(existing if isinstance(existing, dict) else {},
                           server_config(workspace, voila_template=template.is_dir()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    lines.append(f"Einstellungen für JupyterLab und Voilà: {path}")

    from kundenkit.charts.setup import offline_bundle, offline_bundle_path

    offline_bundle()
    lines.append(f"Diagramme ohne Internet vorbereitet: {offline_bundle_path()}")
    return lines
