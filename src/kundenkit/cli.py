"""The ``kundenkit`` command line for trainers and course authors (German help texts)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kundenkit.errors import KundenkitError

DESCRIPTION = "kundenkit – Werkzeuge für den Kurs „Die Kunst der Kundenbeziehung“."
EPILOG = "Hilfe zu einem Befehl: kundenkit BEFEHL --help"


class _GermanHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class _GermanParser(argparse.ArgumentParser):
    """argparse with German section titles and error messages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _GermanHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._optionals.title = "Optionen"
        self._positionals.title = "Argumente"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe zeigen und beenden")

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"Fehler: {_translate(message)}\nHilfe: {self.prog} --help\n")


_ARGPARSE_PHRASES = {
    "the following arguments are required": "Diese Angaben fehlen",
    "invalid choice": "ungültige Auswahl",
    "choose from": "erlaubt sind",
    "invalid int value": "keine ganze Zahl",
    "unrecognized arguments": "unbekannte Angaben",
    "expected one argument": "erwartet einen Wert",
    "argument": "Angabe",
}


def _translate(message: str) -> str:
    for english, german in _ARGPARSE_PHRASES.items():
        message = message.replace(english, german)
    return message


def _parser() -> argparse.ArgumentParser:
    parser = _GermanParser(prog="kundenkit", description=DESCRIPTION, epilog=EPILOG)
    commands = parser.add_subparsers(dest="befehl", metavar="BEFEHL", title="Befehle", parser_class=_GermanParser)

    daten = commands.add_parser(
        "daten", help="Beispieldaten als deutsche CSV-Dateien schreiben",
        description="Schreibt die synthetische Kundenbasis des Kurses als deutsche CSV-Dateien "
                    "(Semikolon, Dezimalkomma, UTF-8 mit BOM) – so öffnen sie sich sauber in Excel. "
                    "Vorhandene Dateien bleiben unverändert.")
    daten.add_argument("--ziel", type=Path, default=Path("data"), help="Zielordner (Standard: data)")
    daten.add_argument("--seed", type=int, default=42, help="Startwert des Zufallsgenerators (Standard: 42)")
    daten.add_argument("--branche", default="Handel", help="Branche, z. B. Bank (Standard: Handel)")
    daten.add_argument("--n-kunden", type=int, default=2000, help="Anzahl Kunden (Standard: 2000)")

    start = commands.add_parser(
        "start", help="Kurs starten: JupyterLab mit Ihrem Arbeitsordner (macht make start)",
        description="Kopiert die Notebooks des Kurses in Ihren Arbeitsordner (nur fehlende; Ihre Änderungen "
                    "bleiben erhalten) und startet JupyterLab auf Deutsch mit der Einführung. Die Originale des "
                    "Kurses bleiben unverändert.",
        epilog="Beispiel: kundenkit start --port 8890")
    start.add_argument("--port", type=int, default=8888, help="Port von JupyterLab (Standard: 8888)")
    _add_course_and_workspace(start)

    ansicht = commands.add_parser(
        "ansicht", help="Kurs ohne Code: jede Lektion als Seite im Browser (macht make ansicht)",
        description="Zeigt den Kurs ohne Code: Geschichte, Regler, Diagramme, Übungen mit Antwortfeldern und "
                    "Transfer, jede Lektion als Seite im Browser (Voilà). Arbeitet wie kundenkit start in Ihrem "
                    "Arbeitsordner: Antworten und Transfer-Ergebnisse werden dort gespeichert. Braucht kein Internet.",
        epilog="Beispiel: kundenkit ansicht --daten data/mein_unternehmen")
    ansicht.add_argument("--port", type=int, default=8866, help="Port der Ansicht (Standard: 8866)")
    ansicht.add_argument("--daten", default=None, metavar="ORDNER",
                         help="Ordner mit Ihren eigenen Daten, z. B. data/mein_unternehmen (in Ihrem Arbeitsordner); "
                              "ohne Angabe die Beispieldaten")
    _add_course_and_workspace(ansicht)

    binder = commands.add_parser(
        "binder", help="den Kurs für Binder (repo2docker) einrichten (postBuild ruft das auf)",
        description="Legt den Arbeitsordner meine_arbeit/ an, schreibt die Einstellungen für JupyterLab und Voilà "
                    "in die Umgebung und bereitet die Diagramme ohne Internet vor. Das Skript postBuild ruft dies "
                    "beim Bau des Images auf.",
        epilog='Beispiel: kundenkit binder --kurs . --prefix "$NB_PYTHON_PREFIX"')
    binder.add_argument("--kurs", type=Path, default=Path("."),
                        help="Hauptordner des Kurses mit notebooks/ (Standard: der aktuelle Ordner)")
    binder.add_argument("--prefix", type=Path, default=Path(sys.prefix),
                        help="die Umgebung, deren Jupyter-Server den Kurs zeigt (Standard: diese Python-Umgebung)")

    zuruecksetzen = commands.add_parser(
        "zuruecksetzen", help="eine Lektion in Ihrem Arbeitsordner auf die Fassung des Kurses zurücksetzen",
        description="Setzt das Notebook einer Lektion und seine Übungen in Ihrem Arbeitsordner auf die Fassung "
                    "des Kurses zurück. Ihre bisherige Fassung wird vorher im Ordner sicherungen/ gesichert.",
        epilog="Beispiel: kundenkit zuruecksetzen 1.2")
    zuruecksetzen.add_argument("lektion",
                               help="Nummer der Lektion wie 1.2, oder der Dateiname wie 01_02_partner_nicht_koenig")
    _add_course_and_workspace(zuruecksetzen)

    uebungen = commands.add_parser(
        "uebungen", help="Übungs-Notebooks (exercises/) aus den Lösungen (solutions/) erzeugen",
        description="Erzeugt exercises/ aus solutions/: ohne Lösungen und ohne Ausgaben. "
                    "Notebooks, die jemand bearbeitet hat, werden nicht überschrieben.")
    uebungen.add_argument("--ziel", type=Path, default=Path("exercises"), help="Ordner der Übungen")
    _add_solutions_and_force(uebungen)

    klasse = commands.add_parser(
        "klasse", help="Übungssätze für eine Klasse erzeugen: je Person eigene Daten und Notebooks",
        description="Erzeugt für jede Person der Teilnehmerliste einen Ordner mit eigenen Daten und eigenen "
                    "Übungs-Notebooks (eigene Zahlen, damit niemand abschreibt), dazu im Unterordner _trainer/ "
                    "den Lösungsschlüssel (CSV und Markdown). Gleicher Klassen-Seed, gleiche Sätze. Notebooks, "
                    "die Teilnehmende schon bearbeitet haben, bleiben unangetastet.",
        epilog="Beispiel: kundenkit klasse --teilnehmende liste.csv --kapitel 1 --branche Bank --ziel workshop/")
    klasse.add_argument("--teilnehmende", type=Path, required=True, metavar="CSV",
                        help="Teilnehmerliste (CSV aus Excel) mit einer Spalte 'Name' oder 'Vorname' und 'Nachname'")
    klasse.add_argument("--kapitel", default="1", help="Kapitel, z. B. 1 oder 1,2 (Standard: 1)")
    klasse.add_argument("--branche", default="Handel", help="Branche der Daten (Standard: Handel)")
    klasse.add_argument("--ziel", type=Path, required=True, help="Ordner für die Klasse, z. B. workshop/")
    klasse.add_argument("--seed", type=int, default=1, help="Klassen-Seed (Standard: 1)")
    klasse.add_argument("--n-kunden", type=int, default=2000, help="Kunden je Person (Standard: 2000)")
    klasse.add_argument("--loesungen", type=Path, default=None,
                        help="Ordner der Lösungen (Standard: die Lösungen des Kurses, egal von wo Sie aufrufen)")
    klasse.add_argument("--erzwingen", action="store_true",
                        help="bearbeitete Notebooks ersetzen oder die Klasse mit anderen Einstellungen neu erzeugen "
                             "(vorher wird gesichert; jede Sicherung wird genannt)")

    bewerten = commands.add_parser(
        "bewerten", help="Abgaben ausführen, mit dem Schlüssel vergleichen und benoten",
        description="Führt jedes abgegebene Notebook in einer eigenen Sandbox aus (bubblewrap: nur das Notebook "
                    "und die Daten der Person, ohne Netz, ohne Zugriff auf Ihre Dateien, mit Grenzen für Zeit, "
                    "Speicher und Ausgabe), liest die Antworten aus den Prüfzeilen, vergleicht sie mit dem "
                    "Schlüssel der jeweiligen Person und schreibt eine Notentabelle (CSV für Excel), je Person "
                    "eine Rückmeldung und Hinweise für Sie. Wem eine Abgabe gehört, sagt ihr Ordner "
                    "(anna-berg/…) oder der Anfang ihres Dateinamens (anna-berg_…). Defekte Abgaben werden "
                    "mit dem Grund markiert und halten die anderen nicht auf.",
        epilog="Beispiel: kundenkit bewerten --abgaben eingang/ --ziel noten.csv --klasse workshop/")
    bewerten.add_argument("--abgaben", type=Path, required=True, help="Ordner mit den abgegebenen Notebooks")
    bewerten.add_argument("--ziel", type=Path, required=True, help="Notentabelle, z. B. noten.csv")
    bewerten.add_argument("--klasse", type=Path, default=None,
                          help="Ordner der Klasse (Standard: der einzige Klassenordner im aktuellen Ordner)")
    bewerten.add_argument("--zeitlimit", type=int, default=60, help="Sekunden je Zelle (Standard: 60)")
    bewerten.add_argument("--gesamtzeit", type=int, default=300, help="Sekunden je Notebook (Standard: 300)")
    bewerten.add_argument("--speicher", type=int, default=3072, metavar="MB",
                          help="Speicher je Notebook in MB (Standard: 3072)")
    bewerten.add_argument("--ausgabe", type=int, default=20, metavar="MB",
                          help="Ausgaben je Notebook, die behalten werden, in MB (Standard: 20)")
    bewerten.add_argument("--parallel", type=int, default=2, help="Notebooks gleichzeitig (Standard: 2)")
    bewerten.add_argument("--ohne-sandbox", action="store_true",
                          help="nicht abgeschottet ausführen (nur zum Vergleich; wird in noten.csv vermerkt)")

    hub = commands.add_parser(
        "hub", help="Workshop auf diesem Rechner: JupyterHub, jede Person mit eigenem JupyterLab (macht make hub)",
        description="Startet JupyterHub auf diesem Rechner. Teilnehmende melden sich mit ihrem Namen und dem "
                    "Workshop-Passwort an und öffnen den Link, den der Befehl ausgibt: Er holt den Kurs (oder mit "
                    "--klasse den persönlichen Übungssatz) in ihren eigenen Ordner. Ihre Änderungen bleiben "
                    "erhalten, wenn Sie den Kurs später aktualisieren. Als root (sudo) bekommt jede Person ein "
                    "eigenes Linux-Konto kk-NAME; sonst ist es nur ein Probelauf ohne Abschottung. Sie selbst "
                    "melden sich als trainer mit dem Trainer-Passwort an und verwalten den Hub.",
        epilog="Beispiele:\n"
               "  sudo .venv/bin/kundenkit hub --passwort Herbst2025\n"
               "  sudo .venv/bin/kundenkit hub --passwort Herbst2025 --klasse workshop/\n"
               "Beenden mit Strg+C.")
    hub.add_argument("--port", type=int, default=8000, help="Port des Hubs (Standard: 8000)")
    hub.add_argument("--ip", default="0.0.0.0",
                     help="Netzwerkadresse, auf der der Hub lauscht (Standard: 0.0.0.0, alle; nur dieser Rechner: "
                          "127.0.0.1)")
    hub.add_argument("--adresse", default=None, metavar="URL",
                     help="Adresse, die Teilnehmende im Browser eingeben (Standard: die Adresse dieses Rechners "
                          "im Netz, z. B. http://192.168.1.10:8000)")
    hub.add_argument("--passwort", default=None,
                     help="Workshop-Passwort für alle Teilnehmenden (Standard: ein neues, wird angezeigt)")
    hub.add_argument("--trainer", default="trainer", help="Ihr Anmeldename als Verwalter (Standard: trainer)")
    hub.add_argument("--trainer-passwort", default=None,
                     help="Ihr eigenes Passwort (Standard: ein neues, wird angezeigt)")
    _add_hub_sources(hub)
    hub.add_argument("--teilnehmende", type=Path, default=None, metavar="CSV",
                     help="nur diese Namen dürfen sich anmelden (Teilnehmerliste wie bei kundenkit klasse; "
                          "mit --klasse: die Personen der Klasse)")
    hub.add_argument("--kurs", type=Path, default=Path("."),
                     help="Hauptordner des Kurses (Standard: der aktuelle Ordner); dort liegt auch "
                          "der Zustand des Hubs im Ordner .kundenkit-hub/")

    links = commands.add_parser(
        "links", help="die nbgitpuller-Links für einen Hub ausgeben (Kurs oder persönliche Übungssätze)",
        description="Gibt den Link aus, der den Kurs in JupyterHub öffnet (jeder Hub mit nbgitpuller, auch The "
                    "Littlest JupyterHub oder Kubernetes). Mit --klasse legt er für jede Person ein eigenes "
                    "git-Repository mit ihrem Übungssatz an (nie den Ordner _trainer/), aktualisiert es bei "
                    "jedem Aufruf und schreibt die Links nach _trainer/links.csv.",
        epilog="Beispiele:\n"
               "  kundenkit links --hub https://hub.example.org --repo https://github.com/beispiel/kundenkit\n"
               "  kundenkit links --hub http://192.168.1.10:8000 --klasse workshop/ --repos /srv/workshop_repos")
    links.add_argument("--hub", required=True, metavar="URL", help="Adresse des Hubs, z. B. http://192.168.1.10:8000")
    _add_hub_sources(links)
    links.add_argument("--kurs", type=Path, default=Path("."),
                       help="Hauptordner des Kurses, wenn --repo fehlt (Standard: der aktuelle Ordner)")
    return parser


def _add_course_and_workspace(command) -> None:
    from kundenkit.workspace import LEARNER_DIR

    command.add_argument("--kurs", type=Path, default=Path("."),
                         help="Hauptordner des Kurses mit notebooks/ (Standard: der aktuelle Ordner)")
    command.add_argument("--ordner", type=Path, default=None,
                         help=f"Ihr Arbeitsordner (Standard: {LEARNER_DIR}/ im Hauptordner des Kurses)")


def _workspace(args) -> Path:
    from kundenkit.workspace import LEARNER_DIR

    return args.ordner if args.ordner is not None else args.kurs / LEARNER_DIR


def _start(args) -> None:
    from kundenkit.lab import start_course

    start_course(args.kurs, _workspace(args), port=args.port)


def _manager_view(args) -> None:
    from kundenkit.manager_view import start_manager_view

    start_manager_view(args.kurs, _workspace(args), port=args.port, own_data=args.daten)


def _binder(args) -> None:
    from kundenkit.binder import set_up

    for line in set_up(args.kurs, args.prefix):
        print(line)


def _reset(args) -> None:
    from kundenkit.workspace import reset_lesson

    for name, backup in reset_lesson(args.kurs, _workspace(args), args.lektion):
        saved = f" (Ihre bisherige Fassung: {backup})" if backup else ""
        print(f"zurückgesetzt: {name}{saved}")


def _add_hub_sources(command) -> None:
    command.add_argument("--repo", default=None, metavar="URL",
                         help="git-Repository des Kurses (Standard: das Repository des Kursordners)")
    command.add_argument("--branch", default=None, help="Zweig des Repositorys (Standard: der aktuelle, sonst main)")
    command.add_argument("--klasse", type=Path, default=None,
                         help="Klassenordner von kundenkit klasse: jede Person bekommt ihren eigenen Übungssatz")
    command.add_argument("--repos", type=Path, default=None,
                         help="Ordner für die Repositorys der Übungssätze (Standard: neben dem Klassenordner, "
                              "z. B. workshop_repos/)")


def _print_links(plan) -> None:
    if plan.links_file is not None:
        print(f"Links je Person (auch in {plan.links_file}):")
        for row in plan.links:
            print(f"  {row['name']} (Anmeldename {row['anmeldename']}): {row['link']}")
    else:
        print("Link für alle Teilnehmenden:")
        print(f"  {plan.links[0]['link']}")


def _hub(args) -> None:
    from kundenkit.hub import plan_hub, run_hub

    if args.klasse is not None and args.repo is not None:
        raise KundenkitError("--klasse und --repo schließen sich aus.", parameter="repo",
                             tipp="Mit --klasse holt jede Person ihren Übungssatz; lassen Sie --repo weg.")
    plan = plan_hub(args.kurs, port=args.port, ip=args.ip, address=args.adresse, password=args.passwort,
                    trainer=args.trainer, trainer_password=args.trainer_passwort, class_dir=args.klasse,
                    participants=args.teilnehmende, repo=args.repo, branch=args.branch, repos_dir=args.repos)
    for warning in plan.warnings:
        print(warning, file=sys.stderr)
    settings = plan.settings
    print(f"Der Hub startet: {plan.hub_url}")
    print(f"Workshop-Passwort: {settings.password}")
    print(f"Sie selbst: Anmeldename {settings.trainer}, Passwort {settings.trainer_password} "
          f"(Verwaltung: {plan.hub_url}/hub/admin)")
    if settings.allowed:
        print(f"Anmelden dürfen: {', '.join(settings.allowed)}")
    _print_links(plan)
    print("Beenden mit Strg+C (alle JupyterLabs der Teilnehmenden werden dabei beendet; ihre Dateien bleiben).",
          flush=True)
    run_hub(plan)


def _links(args) -> None:
    from kundenkit.exercises.classroom import TRAINER_DIR
    from kundenkit.hub import LINKS_FILE, course_repo, default_repos_dir, publish_sets, pull_link

    if args.klasse is not None:
        if args.repo is not None:
            raise KundenkitError("--klasse und --repo schließen sich aus.", parameter="repo",
                                 tipp="Mit --klasse holt jede Person ihren Übungssatz; lassen Sie --repo weg.")
        repos = args.repos if args.repos is not None else default_repos_dir(args.klasse)
        for row in publish_sets(args.klasse, repos, args.hub):
            print(f"{row['name']} ({row['status']}): {row['link']}")
        print(f"Gespeichert in {args.klasse / TRAINER_DIR / LINKS_FILE}")
        return
    repo, branch = args.repo, args.branch
    if repo is None:
        repo, current = course_repo(args.kurs)
        branch = branch or current
    print(pull_link(args.hub, repo, branch=branch or "main"))


def _add_solutions_and_force(command) -> None:
    command.add_argument("--loesungen", type=Path, default=Path("solutions"), help="Ordner der Lösungen")
    command.add_argument("--erzwingen", action="store_true",
                         help="auch bearbeitete Notebooks ersetzen (vorher wird eine Sicherung angelegt)")


def _chapters(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise KundenkitError(f"--kapitel {text!r}: Geben Sie Kapitelnummern an, z. B. 1 oder 1,2.") from None


def _make_class(args) -> None:
    from kundenkit.exercises.classroom import TRAINER_DIR, generate_class

    summary = generate_class(args.teilnehmende, args.ziel, branche=args.branche, chapters=_chapters(args.kapitel),
                             class_seed=args.seed, n_kunden=args.n_kunden, solutions_dir=args.loesungen,
                             force=args.erzwingen)
    skipped = [f"{pid}/{nb}" for pid, notebooks in summary.items()
               for nb, status in notebooks.items() if status == "übersprungen"]
    print(f"{len(summary)} Teilnehmende in {args.ziel}/. Lösungsschlüssel und Zuordnung Name – E-Mail – Ordner: "
          f"{args.ziel / TRAINER_DIR}/")
    for backup in summary.backups:
        print(f"  gesichert: {backup}")
    for item in skipped:
        print(f"  übersprungen (schon bearbeitet): {item}")
    if skipped:
        print("Mit --erzwingen werden bearbeitete Notebooks gesichert und ersetzt.")


def _grade(args) -> None:
    from kundenkit.exercises.grading import grade_submissions
    from kundenkit.exercises.sandbox import Limits

    limits = Limits(cell_seconds=args.zeitlimit, notebook_seconds=args.gesamtzeit, memory_mb=args.speicher,
                    output_mb=args.ausgabe)
    grades = grade_submissions(args.abgaben, args.ziel, class_dir=args.klasse, limits=limits,
                               workers=args.parallel, sealed=False if args.ohne_sandbox else None)
    if not grades.attrs.get("abgeschottet"):
        print(f"ACHTUNG: Die Abgaben liefen NICHT abgeschottet ({grades.attrs.get('sandbox_problem')}). "
              "Eine Abgabe konnte Ihre Dateien lesen und ändern. Vermerkt in jeder Zeile von "
              f"{args.ziel.name}.", file=sys.stderr)
    print(grades[["name", "punkte", "max_punkte", "note", "hinweise"]].to_string(index=False))
    print(f"Noten: {args.ziel}; Rückmeldungen: {args.ziel.with_name(args.ziel.stem + '_rueckmeldungen')}/; "
          f"Hinweise für Sie: {args.ziel.with_name(args.ziel.stem + '_hinweise.txt')}")
    for item in grades.attrs.get("nicht_bewertet", []):
        print(f"  nicht bewertet: {item}")
    for hint in grades.attrs.get("abschreiben", []):
        print(f"  Hinweis auf Abschreiben (kein Urteil): {hint}")


def _write_data(args) -> None:
    from kundenkit.course import load_course_data
    from kundenkit.data.files import save_customer_base

    base = load_course_data(seed=args.seed, branche=args.branche, n_kunden=args.n_kunden)
    written = save_customer_base(base, args.ziel)
    if written:
        print(f"{len(written)} Datei(en) geschrieben in {args.ziel}/: " + ", ".join(p.name for p in written))
    else:
        print(f"Die Beispieldaten in {args.ziel}/ sind schon da; nichts geändert.")


def _build_exercises(args) -> None:
    from kundenkit.exercises.build import build_exercises

    results = build_exercises(args.loesungen, args.ziel, force=args.erzwingen)
    for path, status in results.items():
        print(f"{status:>13}  {path}")
    if "übersprungen" in results.values():
        print("Übersprungene Notebooks wurden bearbeitet. Mit --erzwingen werden sie gesichert und ersetzt.")


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    actions = {"daten": _write_data, "uebungen": _build_exercises, "klasse": _make_class, "bewerten": _grade,
               "start": _start, "ansicht": _manager_view, "zuruecksetzen": _reset, "hub": _hub, "links": _links,
               "binder": _binder}
    if args.befehl is None:
        parser.print_help()
        return 2
    try:
        actions[args.befehl](args)
    except KundenkitError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
