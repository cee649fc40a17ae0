"""Per-participant exercise sets: reproducible, leak-free, never overwriting a participant's work."""
import json
import os

import nbformat
import pandas as pd
import pytest

import kundenkit as kk
from conftest import ROOT
from kundenkit.cli import main
from kundenkit.exercises.classroom import TRAINER_DIR, generate_class, read_participants, slug

PARTICIPANTS = ("sep=;\nTeilnehmerliste Workshop\n;\nName ;E-Mail;\nJürgen Müller;jm@example.org;\n"
                "  Anna   Berg ;ab@example.org;\n;;\nJürgen Müller;jm2@example.org;\nZoë Ñúñez;zn@example.org;\n")


@pytest.fixture(scope="module")
def participants_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("liste") / "teilnehmende.csv"
    path.write_bytes(PARTICIPANTS.encode("cp1252"))
    return path


@pytest.fixture(scope="module")
def workshop(participants_csv, tmp_path_factory):
    target = tmp_path_factory.mktemp("workshop")
    generate_class(participants_csv, target, branche="Bank", chapters=[1], n_kunden=400,
                   solutions_dir=ROOT / "solutions", progress=False)
    return target


def test_participant_list_from_german_excel(participants_csv):
    people = read_participants(participants_csv, class_seed=1)
    assert [p.name for p in people] == ["Jürgen Müller", "Anna Berg", "Jürgen Müller", "Zoë Ñúñez"]
    # Two Jürgen Müller: told apart by their e-mail, not by the order of the list.
    assert [p.id for p in people] == ["juergen-mueller-jm", "anna-berg", "juergen-mueller-jm2", "zoe-nunez"]
    assert [p.email for p in people][:2] == ["jm@example.org", "ab@example.org"]
    assert len({p.seed for p in people}) == 4
    assert [p.seed for p in read_participants(participants_csv, class_seed=1)] == [p.seed for p in people]
    assert [p.seed for p in read_participants(participants_csv, class_seed=2)] != [p.seed for p in people]


def test_list_without_a_name_column_is_explained(tmp_path):
    path = kk.write_csv(pd.DataFrame({"a": [1], "b": [2]}), tmp_path / "x.csv")
    with pytest.raises(kk.KundenkitError, match="Spalte mit den Namen"):
        read_participants(path, 1)


def test_slug_is_folder_safe():
    assert slug("../../etc/passwd") == "etc-passwd"


def test_slug_keeps_every_letter():
    assert [slug(n) for n in ("Łukasz Nowak", "Yılmaz", "Ørjan", "Đorđe", "Ærø")] == \
        ["lukasz-nowak", "yilmaz", "orjan", "dorde", "aero"]


def test_same_names_without_e_mail_are_numbered(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Name\nAnna Berg\nAnna Berg\n", encoding="utf-8")
    assert [p.id for p in read_participants(path, 1)] == ["anna-berg", "anna-berg-2"]


def test_every_participant_gets_own_data_and_notebook(workshop):
    folders = sorted(p.name for p in workshop.iterdir())
    assert folders == [TRAINER_DIR, "anna-berg", "juergen-mueller-jm", "juergen-mueller-jm2", "zoe-nunez"]
    mapping = kk.read_csv(workshop / TRAINER_DIR / "teilnehmende.csv")
    assert mapping[["name", "e_mail", "ordner"]].values.tolist()[2] == \
        ["Jürgen Müller", "jm2@example.org", "juergen-mueller-jm2"]
    manifest = json.loads((workshop / TRAINER_DIR / "klasse.json").read_text(encoding="utf-8"))
    for person in manifest["teilnehmende"]:
        notebook = nbformat.read(workshop / person["id"] / "01_05_sympathisch_und_kompetent.ipynb", as_version=4)
        injected = next(c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert f"seed = {person['seed']}" in injected.source and 'branche = "Bank"' in injected.source
        data = kk.load_course_data(daten_pfad=workshop / person["id"] / "daten", seed=person["seed"], branche="Bank")
        generated = kk.generate_customers(seed=person["seed"], n_customers=400, branche="Bank")
        pd.testing.assert_frame_equal(data.befragung.reset_index(drop=True), generated.befragung.reset_index(drop=True),
                                      check_dtype=False)


def test_no_answer_leaks_into_a_participants_folder(workshop):
    manifest = json.loads((workshop / TRAINER_DIR / "klasse.json").read_text(encoding="utf-8"))
    for pid, key in manifest["schluessel"].items():
        text = (workshop / pid / "01_05_sympathisch_und_kompetent.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text
        for answer in key["loesungen"].values():
            for part in answer.split(", "):
                if any(ch.isdigit() for ch in part):
                    assert part not in text and part.replace(",", ".") not in text


def test_key_is_readable_and_matches_the_checks(workshop):
    key = kk.read_csv(workshop / TRAINER_DIR / "schluessel.csv")
    assert set(key.columns) >= {"teilnehmer_id", "name", "aufgabe", "loesung"}
    assert "Jürgen Müller" in (workshop / TRAINER_DIR / "schluessel.md").read_text(encoding="utf-8")
    manifest = json.loads((workshop / TRAINER_DIR / "klasse.json").read_text(encoding="utf-8"))
    person = manifest["teilnehmende"][1]
    data = kk.generate_customers(seed=person["seed"], n_customers=400, branche="Bank")
    hashed = manifest["schluessel"][person["id"]]
    for exercise_id, exercise in kk.exercises.EXERCISES.items():
        reference = exercise.reference(data)
        assert kk.check_answer(exercise_id, reference, data, hashed).correct
        assert kk.check_answer(exercise_id, reference, data).correct


@pytest.mark.skipif(os.name != "posix", reason="Linux file modes")
def test_only_the_trainer_may_open_the_key_folder(workshop):
    assert (workshop / TRAINER_DIR).stat().st_mode & 0o777 == 0o700


def test_regenerating_gives_the_same_sets_and_keeps_edited_notebooks(participants_csv, workshop):
    before = {p: p.read_bytes() for p in workshop.rglob("*") if p.is_file()}
    edited = workshop / "anna-berg" / "01_05_sympathisch_und_kompetent.ipynb"
    notebook = nbformat.read(edited, as_version=4)
    notebook.cells[-1].source += "\nMeine Antwort"
    nbformat.write(notebook, edited)
    summary = generate_class(participants_csv, workshop, branche="Bank", chapters=[1], n_kunden=400,
                             solutions_dir=ROOT / "solutions", progress=False)
    assert summary["anna-berg"]["01_05_sympathisch_und_kompetent.ipynb"] == "übersprungen"
    assert summary["zoe-nunez"]["01_05_sympathisch_und_kompetent.ipynb"] == "unverändert"
    assert "Meine Antwort" in edited.read_text(encoding="utf-8")
    after = {p: p.read_bytes() for p in workshop.rglob("*") if p.is_file() and p != edited}
    assert after == {p: b for p, b in before.items() if p != edited}
    summary = generate_class(participants_csv, workshop, branche="Bank", chapters=[1], n_kunden=400,
                             solutions_dir=ROOT / "solutions", force=True, progress=False)
    assert summary["anna-berg"]["01_05_sympathisch_und_kompetent.ipynb"] == "gesichert"
    assert any("Meine Antwort" in b.read_text(encoding="utf-8") for b in edited.parent.glob("*.bak"))


def test_class_command(participants_csv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the course's own solutions are found from anywhere
    assert main(["klasse", "--teilnehmende", str(participants_csv), "--kapitel", "1", "--branche", "bank",
                 "--ziel", "ws", "--n-kunden", "300"]) == 0
    assert "4 Teilnehmende" in capsys.readouterr().out
    assert main(["klasse", "--teilnehmende", str(participants_csv), "--kapitel", "7", "--ziel", "ws7"]) == 1
    chapters = ", ".join(str(c) for c in sorted({int(p.name[:2]) for p in (ROOT / "solutions").glob("*.ipynb")}))
    assert f"Zu Kapitel 7 gibt es keine Übungen. Vorhanden: Kapitel {chapters}." in capsys.readouterr().err
    (tmp_path / "leer").mkdir()
    assert main(["klasse", "--teilnehmende", str(participants_csv), "--ziel", "ws7", "--loesungen", "leer"]) == 1
    error = capsys.readouterr().err
    assert "Im Ordner 'leer' liegen keine Lösungs-Notebooks" in error and "Vorhanden: Kapitel ." not in error


def test_other_settings_are_refused_or_regenerated_after_a_backup(participants_csv, tmp_path, capsys):
    solutions = tmp_path / "loesungen"
    solutions.mkdir()
    (solutions / "01_05_sympathisch_und_kompetent.ipynb").write_bytes(
        (ROOT / "solutions" / "01_05_sympathisch_und_kompetent.ipynb").read_bytes())
    common = ["klasse", "--teilnehmende", str(participants_csv), "--ziel", str(tmp_path / "ws"),
              "--n-kunden", "300", "--loesungen", str(solutions)]
    assert main(common + ["--branche", "Bank"]) == 0
    old_data = (tmp_path / "ws" / "anna-berg" / "daten" / "befragung.csv").read_bytes()
    capsys.readouterr()
    assert main(common + ["--branche", "Handel"]) == 1
    error = capsys.readouterr().err
    assert "schon eine Klasse (Branche Bank" in error and "Branche Handel" in error and "--erzwingen" in error
    assert (tmp_path / "ws" / "anna-berg" / "daten" / "befragung.csv").read_bytes() == old_data
    assert main(common + ["--branche", "Handel", "--erzwingen"]) == 0
    out = capsys.readouterr().out
    backups = list(tmp_path.glob("ws.*.bak"))
    assert len(backups) == 1 and f"gesichert: {backups[0]}" in out
    assert (backups[0] / "anna-berg" / "daten" / "befragung.csv").read_bytes() == old_data
    # Everything new is consistent: the data of the new sector, the key made from it.
    manifest = json.loads((tmp_path / "ws" / TRAINER_DIR / "klasse.json").read_text(encoding="utf-8"))
    assert manifest["einstellungen"]["branche"] == "Handel"
    person = manifest["teilnehmende"][1]
    data = kk.load_course_data(daten_pfad=tmp_path / "ws" / person["id"] / "daten", seed=person["seed"],
                               branche="Handel")
    key = manifest["schluessel"][person["id"]]
    for exercise_id in key["aufgaben"]:
        assert kk.check_answer(exercise_id, kk.exercises.EXERCISES[exercise_id].reference(data), data, key).correct
