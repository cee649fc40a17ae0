"""The course parameters of every notebook, validated, and the data they select.

Every chapter notebook has a ``parameters`` cell (``seed``, ``branche``,
``n_kunden``, ``daten_pfad``) that papermill may override. Right after it the
notebook calls :func:`load_course_data`, which validates each value and explains
in German what is allowed, so that a misspelled sector or a missing file fails
at once and not three cells later.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kundenkit.data.files import load_customer_base
from kundenkit.data.synthetic import BRANCHEN, MAX_CUSTOMERS, CustomerBase, generate_customers
from kundenkit.errors import KundenkitError
from kundenkit.validation import check_choice, check_int

# The chapters and lessons of the course by number, with the titles of the book's chapters and stories.
# The learner's own data folder for every notebook that leaves daten_pfad at None (set by kundenkit ansicht).
OWN_DATA_ENV = "KUNDENKIT_DATEN"
# The learner's folder that the manager view serves (set by kundenkit ansicht).
WORKSPACE_ENV = "KUNDENKIT_ARBEITSORDNER"

CHAPTER_TITLES = {
    1: "Wie Beziehungen zustande kommen",
    2: "Strategisches Kundenmanagement",
    3: "Analytisches Kundenmanagement",
    4: "Operatives Kundenmanagement",
    5: "Kundenorientierung umsetzen",
}

LESSON_TITLES = {
    "1.1": "Was sind Beziehungen? Und wofür braucht man die eigentlich?",
    "1.2": "Profitabler Partner – Nicht König!",
    "1.3": "Irgendwas mit Marketing – Über die Berufsbilder eines kundenorientierten Unternehmens",
    "1.4": "Spurwechsel – Bitte anzeigen!",
    "1.5": "Sympathisch und kompetent",
    "1.7": "Vertrauen ist der Anfang von allem",
    "1.11": "Wieso haben Kunden eigentlich Erwartungen?",
    "2.7": "Erfolgsmessung des CX Managements – Ist der NPS wirklich die Masterkennzahl?",
    "2.10": "IMPACt als Daumenregel – Wie Touchpoints wirklich berühren",
    "3.8": "Die drei Dimensionen der Kundenbewertung – Warum zu einfach einfach falsch ist!",
    "3.9": "Man kann eine Beziehung auch totquatschen – Warum „next best action“ sinnvoll ist",
    "3.10": "Von Fremden und Kletten – Herr Puvogel tobt!",
    "3.11": "Voice Analytics – Was unsere Stimme über die Beziehung verrät",
    "4.3": "Content is King – But Context is Key",
    "4.5": "Der Kennerblick aufs „V“ – Warum die Salespipeline Controller glücklich macht",
    "4.6": "Weg damit – Welche Kunden muss ich eigentlich unbedingt loswerden?",
    "4.7": "Loyalität 2.0 – Warum Service-Abos das neue Punktekonto sind",
    "4.9": "Weiterverbindung im Kundenservice – Nervt brutal, ist aber super!",
    "4.12": "Beschwerden als Chance – geht das eigentlich?",
    "4.20": "Der heikelste Moment – Unternehmen im Zwiespalt zwischen Weiterführen der Kundenbeziehung und "
            "Eintreiben von geschuldeten Geldern",
    "4.21": "The Human Touchpoint – Wo der Mensch noch einen Unterschied machen kann …",
    "5.6": "Warum Bullshit allein keine kundenorientierten Mitarbeiter erzeugt",
    "5.8": "Die Grenzen des CRM – Wovor ich dann Angst bekomme",
}

# The tables of the course data each lesson needs: a lesson runs on a folder holding only these (tested).
LESSON_TABLES: dict[str, tuple[str, ...]] = {
    "1.1": ("transaktionen",), "1.2": ("transaktionen",), "1.3": ("transaktionen",), "1.4": ("transaktionen",),
    "1.5": ("befragung",), "1.7": ("kontakte",), "1.11": ("kontakte",),
    "2.7": ("befragung",), "2.10": ("kontakte",),
    "3.8": ("transaktionen",), "3.9": ("transaktionen",), "3.10": ("transaktionen",), "3.11": ("kontakte",),
    "4.3": ("kontakte",), "4.5": ("chancen",), "4.6": ("transaktionen", "kontakte"), "4.7": ("transaktionen",),
    "4.9": ("kontakte",), "4.12": ("kontakte",), "4.20": ("transaktionen",), "4.21": ("kontakte",),
    "5.6": ("kontakte",), "5.8": ("kontakte",),
}


@dataclass(frozen=True)
class CourseParameters:
    """Validated parameters of a course notebook."""

    seed: int = 42
    branche: str = "Handel"
    n_kunden: int = 2000
    daten_pfad: Path | None = None


def _check_path(value) -> Path | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, (str, Path)):
        raise KundenkitError(
            f"Der Parameter 'daten_pfad' muss ein Pfad (Text) oder None sein, nicht {value!r}."
        )
    path = Path(value).expanduser()
    if not path.exists():
        raise KundenkitError(
            f"Der Parameter 'daten_pfad' nennt '{path}', aber diesen Ordner bzw. diese Datei gibt es nicht "
            f"(gesucht ab dem Ordner '{Path.cwd().name}'). Prüfen Sie den Pfad, oder setzen Sie "
            "daten_pfad = None, um mit den Beispieldaten des Kurses zu arbeiten."
        )
    return path


def validate_parameters(seed=42, branche="Handel", n_kunden=2000, daten_pfad=None) -> CourseParameters:
    """Check the parameters of a course notebook and return them cleaned.

    Parameters
    ----------
    seed : int
        Seed of the synthetic customer base (0 or more).
    branche : str
        One of :data:`kundenkit.BRANCHEN`; case does not matter.
    n_kunden : int
        Number of customers, 1 to 1,000,000.
    daten_pfad : str, Path or None
        Folder (or single CSV or Excel file) with the learner's own data; None for the course data.

    Examples
    --------
    >>> validate_parameters(seed=7, branche="bank", n_kunden=500)
    CourseParameters(seed=7, branche='Bank', n_kunden=500, daten_pfad=None)
    >>> validate_parameters(branche="Bäckerei")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Unbekannte Branche 'Bäckerei' im Parameter 'branche'. Erlaubt sind: Handel, Bank,
        Versicherung, Telekommunikation, Maschinenbau.
    >>> validate_parameters(n_kunden=-5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' ist -5. Erlaubt sind ganze Zahlen von 1 bis 1.000.000.
    """
    return CourseParameters(
        seed=check_int("seed", seed, minimum=0),
        branche=check_choice("branche", branche, BRANCHEN, "Branche"),
        n_kunden=check_int("n_kunden", n_kunden, minimum=1, maximum=MAX_CUSTOMERS),
        daten_pfad=_check_path(daten_pfad),
    )


def in_manager_view() -> bool:
    """Whether this kernel shows a page of the manager view (Voilà sets ``VOILA_BASE_URL`` for its kernels)."""
    return "VOILA_BASE_URL" in os.environ


def own_data_instruction() -> str:
    """How the learner switches a page to their own data: in JupyterLab the parameter cell, else the command.

    >>> own_data_instruction()
    'tragen Sie oben bei daten_pfad Ihre eigenen Daten ein'
    >>> os.environ["VOILA_BASE_URL"] = "/"
    >>> own_data_instruction()
    'starten Sie die Ansicht mit make ansicht DATEN=data/mein_unternehmen'
    >>> del os.environ["VOILA_BASE_URL"]
    """
    if in_manager_view():
        return "starten Sie die Ansicht mit make ansicht DATEN=data/mein_unternehmen"
    return "tragen Sie oben bei daten_pfad Ihre eigenen Daten ein"


def manager_view_link(path) -> str | None:
    """In the manager view: the address at which the browser opens ``path``, a file of the learner's folder.

    The manager view serves the learner's printable pages (``transfer/*.html``) and names its folder in
    ``KUNDENKIT_ARBEITSORDNER``; elsewhere, or for a file outside that folder, there is no address.

    >>> os.environ.update({"VOILA_BASE_URL": "/", WORKSPACE_ENV: "/kurs/meine_arbeit"})
    >>> manager_view_link("/kurs/meine_arbeit/notebooks/../transfer/kapitel_01_transferblatt.html")
    '/voila/files/transfer/kapitel_01_transferblatt.html'
    >>> manager_view_link("/anderswo/blatt.html") is None
    True
    >>> for name in ("VOILA_BASE_URL", WORKSPACE_ENV): del os.environ[name]
    >>> manager_view_link("/kurs/meine_arbeit/transfer/blatt.html") is None
    True
    """
    from urllib.parse import quote

    if not in_manager_view() or not os.environ.get(WORKSPACE_ENV):
        return None
    target = Path(os.path.normpath(Path(path).absolute()))
    try:
        inside = target.relative_to(os.path.normpath(os.environ[WORKSPACE_ENV]))
    except ValueError:
        return None
    return f"{os.environ['VOILA_BASE_URL']}voila/files/{quote(inside.as_posix())}"


def load_course_data(seed=42, branche="Handel", n_kunden=2000, daten_pfad=None) -> CustomerBase:
    """Validate the notebook parameters and return the customer base to work with.

    With ``daten_pfad=None`` the seeded synthetic customer base of the course is
    generated (the same seed gives the same data). Otherwise the learner's own
    German CSV or Excel files are read from that folder (``kunden.csv`` or
    ``kunden.xlsx``, ``transaktionen…``, ``kontakte…``, ``befragung…`` – each
    optional). Where the notebook leaves ``daten_pfad`` at None, the folder in the
    environment variable ``KUNDENKIT_DATEN`` is used, if set: the manager view
    (``kundenkit ansicht --daten``) has no parameter cell to edit. The base then says whose data it is ("Ihre Daten aus
    'mein_unternehmen'") and lists notes from reading, e.g. a footer line
    ("Summe") that was not read. A wrong parameter or a bad value raises a
    :class:`~kundenkit.errors.KundenkitError`, shown in Jupyter as one German box.

    >>> daten = load_course_data(seed=1, branche="Bank", n_kunden=100)
    >>> daten.branche, len(daten.kunden)
    ('Bank', 100)
    """
    if daten_pfad is None and os.environ.get(OWN_DATA_ENV):
        daten_pfad = os.environ[OWN_DATA_ENV]
    params = validate_parameters(seed=seed, branche=branche, n_kunden=n_kunden, daten_pfad=daten_pfad)
    if params.daten_pfad is not None:
        return load_customer_base(params.daten_pfad, branche=params.branche, seed=params.seed)
    return generate_customers(seed=params.seed, n_customers=params.n_kunden, branche=params.branche)
