"""Personal sets for the hub: one repository per participant, never the trainer's folder; links for each.

nbgitpuller itself (its GitPuller, as the link runs it) pulls the set into a
participant's folder, the participant edits a notebook, the class is updated
and published again: the pull keeps the edit and brings the update.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.errors import KundenkitError
from kundenkit.hub import LINKS_FILE, PROXY_VERSION, SET_TARGET, plan_hub, publish_sets

pytest.importorskip("nbgitpuller")


def _class(folder: Path) -> Path:
    """A class folder as ``kundenkit klasse`` writes it (two people, a key only the trainer may see)."""
    people = [{"id": "anna-berg", "name": "Anna Berg"}, {"id": "juergen-mueller", "name": "Jürgen Müller"}]
    for person in people:
        (folder / person["id"] / "daten").mkdir(parents=True)
        (folder / person["id"] / "01_05_sympathisch.ipynb").write_text(f'{{"wer": "{person["id"]}"}}\n')
        (folder / person["id"] / "daten" / "kunden.csv").write_text("kunde_id\n1\n")
    trainer = folder / "_trainer"
    trainer.mkdir()
    (trainer / "klasse.json").write_text(json.dumps({"teilnehmende": people}))
    (trainer / "schluessel.md").write_text("GEHEIM")
    write_csv(pd.DataFrame([{"name": p["name"], "ordner": p["id"]} for p in people]), trainer / "teilnehmende.csv")
    return folder


def _files(repo: Path) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "main"],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def test_each_person_gets_only_their_own_set_and_a_link(tmp_path):
    klasse, repos = _class(tmp_path / "workshop"), tmp_path / "workshop_repos"
    rows = publish_sets(klasse, repos, "http://192.168.1.10:8000")
    assert [(r["name"], r["status"]) for r in rows] == [("Anna Berg", "neu"), ("Jürgen Müller", "neu")]
    assert sorted(p.name for p in repos.iterdir()) == ["anna-berg.git", "juergen-mueller.git"]
    for pid in ("anna-berg", "juergen-mueller"):
        assert _files(repos / f"{pid}.git") == ["01_05_sympathisch.ipynb", "daten/kunden.csv"]
        blob = subprocess.run(["git", "--git-dir", str(repos / f"{pid}.git"), "show", "main:01_05_sympathisch.ipynb"],
                              capture_output=True, text=True, check=True).stdout
        assert pid in blob
    links = read_csv(klasse / "_trainer" / LINKS_FILE)
    assert list(links["ordner"]) == ["anna-berg", "juergen-mueller"]
    assert links["link"].str.startswith("http://192.168.1.10:8000/hub/user-redirect/git-pull?repo=").all()
    assert links["link"].str.contains(f"targetpath={SET_TARGET}").all()
    assert (klasse / "_trainer" / LINKS_FILE).read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's UTF-8


@pytest.mark.skipif(os.name != "posix", reason="Linux file modes")
def test_only_the_trainer_may_open_the_keys_once_sets_are_published(request):
    """A class made with an open _trainer/ (as before) is closed when the hub publishes it: a participant's
    account on the same machine reads no solution."""
    top = Path(tempfile.mkdtemp(prefix="kundenkit-klasse-"))   # a folder other accounts may enter
    top.chmod(0o755)
    request.addfinalizer(lambda: shutil.rmtree(top, ignore_errors=True))
    klasse = _class(top / "workshop")
    (klasse / "_trainer").chmod(0o755)
    publish_sets(klasse, top / "workshop_repos", "http://hub")
    assert (klasse / "_trainer").stat().st_mode & 0o777 == 0o700
    if os.geteuid() == 0 and shutil.which("runuser"):
        read = subprocess.run(["runuser", "-u", "nobody", "--", "cat", str(klasse / "_trainer" / "schluessel.md")],
                              capture_output=True, text=True)
        assert read.returncode != 0 and "GEHEIM" not in read.stdout
        shared = subprocess.run(["runuser", "-u", "nobody", "--", "git", "--git-dir",
                                 str(top / "workshop_repos" / "anna-berg.git"), "log", "--oneline"],
                                capture_output=True, text=True, env={"GIT_CONFIG_COUNT": "1",
                                                                     "GIT_CONFIG_KEY_0": "safe.directory",
                                                                     "GIT_CONFIG_VALUE_0": "*",
                                                                     "PATH": os.environ["PATH"], "HOME": "/tmp"})
        assert shared.returncode == 0, shared.stderr   # her own set stays readable for her account


def test_an_update_of_the_class_reaches_the_person_and_keeps_their_edits(tmp_path):
    from nbgitpuller import GitPuller

    klasse, repos = _class(tmp_path / "workshop"), tmp_path / "repos"
    rows = publish_sets(klasse, repos, "http://hub")
    home = tmp_path / "home" / SET_TARGET
    for _ in GitPuller(rows[0]["repository"], str(home), branch="main").pull():
        pass
    (home / "01_05_sympathisch.ipynb").write_text('{"wer": "anna-berg", "notiz": "meins"}\n')

    (klasse / "anna-berg" / "daten" / "kontakte.csv").write_text("kontakt_id\n7\n")  # the trainer adds data
    again = publish_sets(klasse, repos, "http://hub")
    assert [r["status"] for r in again] == ["aktualisiert", "unverändert"]
    for _ in GitPuller(rows[0]["repository"], str(home), branch="main").pull():
        pass
    assert "meins" in (home / "01_05_sympathisch.ipynb").read_text()
    assert (home / "daten" / "kontakte.csv").read_text() == "kontakt_id\n7\n"
    log = subprocess.run(["git", "--git-dir", str(repos / "anna-berg.git"), "log", "--format=%s", "main"],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert log[:2] == ["Übungssatz aktualisiert", "Übungssatz"]


def test_bad_input_is_explained_in_german(tmp_path):
    klasse = _class(tmp_path / "workshop")
    with pytest.raises(KundenkitError, match="liegt im Klassenordner") as inside:
        publish_sets(klasse, klasse / "repos", "http://hub")
    assert inside.value.parameter == "repos"
    with pytest.raises(KundenkitError, match="keine Klasse"):
        publish_sets(tmp_path, tmp_path / "r", "http://hub")
    with pytest.raises(KundenkitError, match="http://"):
        publish_sets(klasse, tmp_path / "r", "192.168.1.10:8000")
    with pytest.raises(KundenkitError, match="Der Name 'anna-berg' gehört schon"):
        plan_hub(tmp_path, port=18765, ip="127.0.0.1", class_dir=klasse, repos_dir=tmp_path / "r",
                 trainer="Anna Berg", is_root=False)


def test_links_command_prints_the_course_link_and_writes_the_personal_links(tmp_path):
    run = [sys.executable, "-m", "kundenkit", "links", "--hub", "http://hub.example.org"]
    course = subprocess.run([*run, "--repo", "https://example.org/kundenkit.git", "--branch", "main"],
                            capture_output=True, text=True)
    assert course.returncode == 0, course.stderr
    assert course.stdout.strip() == (
        "http://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fexample.org%2Fkundenkit.git"
        "&branch=main&targetpath=kundenkit&urlpath=lab%2Ftree%2Fkundenkit%2Fnotebooks%2F00_einfuehrung.ipynb")
    klasse = _class(tmp_path / "workshop")
    personal = subprocess.run([*run, "--klasse", str(klasse)], capture_output=True, text=True)
    assert personal.returncode == 0, personal.stderr
    assert "Jürgen Müller (neu): http://hub.example.org/hub/user-redirect/git-pull?repo=" in personal.stdout
    assert (tmp_path / "workshop_repos" / "anna-berg.git").is_dir()
    wrong = subprocess.run([*run, "--klasse", str(klasse), "--repo", "x"], capture_output=True, text=True)
    assert wrong.returncode == 1 and "schließen sich aus" in wrong.stderr


def test_make_hub_installs_the_proxy_version_the_hub_expects():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert f"CHP_VERSION := {PROXY_VERSION}\n" in makefile
