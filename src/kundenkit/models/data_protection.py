"""Story 3.6 "Facebook, Cambridge, DSGVO": which of the learner's data are personal, and which a lesson needs.

Hafner (2019, Kap. 3) distinguishes relationships from data; only the story's
title is known to the course. The course's part is a data inventory: every
column of the learner's tables with the kind of information it holds, how it
relates to a person, and which lessons need its table at all. The classification
is the **course's own reading** for a first look, not legal advice: under the
GDPR (DSGVO, Art. 4 Nr. 1) every column that can be linked to a customer through
the customer number is personal data.

The lessons that need a table come from :data:`kundenkit.course.LESSON_TABLES`;
that every lesson runs on a folder holding only those tables is tested.
"""
from __future__ import annotations

import pandas as pd

from kundenkit.course import LESSON_TABLES
from kundenkit.data.synthetic import CustomerBase
from kundenkit.errors import KundenkitError

#: Kind of information per table of the course data (course's grouping).
TABLE_KINDS: dict[str, str] = {
    "kunden": "Stammdaten",
    "transaktionen": "Kaufverhalten",
    "kontakte": "Kontakte und Bewertungen",
    "befragung": "Meinungen aus der Befragung",
    "chancen": "Vertriebschancen",
}

DIRECT = "nennt die Person"
LOCATING = "macht die Person mit anderen Angaben bestimmbar"

#: Columns of the course data that name a person or make them identifiable with other facts (course's reading).
#: Every other column is personal data too, because the customer number links it to the person.
PERSON_LINKS: dict[str, str] = {"name": DIRECT, "plz": LOCATING, "ort": LOCATING, "land": LOCATING}

NONE_NEEDED = "keine"


def lesson_list(lessons: list[str]) -> str:
    """Lesson numbers in a German phrase.

    >>> lesson_list(["3.11"]), lesson_list(["3.8", "3.9", "3.10"]), lesson_list([])
    ('Lektion 3.11', 'Lektionen 3.8, 3.9 und 3.10', 'keine')
    """
    if not lessons:
        return NONE_NEEDED
    if len(lessons) == 1:
        return f"Lektion {lessons[0]}"
    return f"Lektionen {', '.join(lessons[:-1])} und {lessons[-1]}"


def lessons_needing(table: str, chapter: int | None = None) -> list[str]:
    """The lessons (numbers) that need ``table``, optionally only those of one chapter.

    >>> lessons_needing("kontakte", chapter=3)
    ['3.11']
    >>> lessons_needing("kunden")
    []
    """
    return [lesson for lesson, tables in LESSON_TABLES.items()
            if table in tables and (chapter is None or lesson.split(".")[0] == str(chapter))]


def data_inventory(base: CustomerBase, chapter: int | None = 3) -> pd.DataFrame:
    """One row per table of the learner's data: what it holds, what points to a person, which lessons need it.

    Parameters
    ----------
    base : CustomerBase
        The course data or the learner's own (``kk.load_course_data(...)``).
    chapter : int or None
        Name only the lessons of this chapter (default 3); None: all lessons.

    Returns
    -------
    DataFrame with ``tabelle``, ``art_der_angabe``, ``zeilen``, ``spalten`` (the
    column names as in the learner's file), ``bestimmt_person`` (columns that name
    the person or make them identifiable with other facts – see
    :data:`PERSON_LINKS`; every table is linked to the person through the customer
    number as well) and ``noetig_fuer`` ("Lektionen 3.8 und 3.9", or "keine"). Tables
    missing in the learner's data are left out.

    Examples
    --------
    >>> from kundenkit import generate_customers
    >>> inventory = data_inventory(generate_customers(seed=1, n_customers=20))
    >>> inventory[["tabelle", "bestimmt_person", "noetig_fuer"]].to_numpy().tolist()
    [['kunden', 'name, plz, ort, land', 'keine'], ['transaktionen', '–', 'Lektionen 3.8, 3.9 und 3.10'], \
['kontakte', '–', 'Lektion 3.11'], ['befragung', '–', 'keine'], ['chancen', '–', 'keine']]
    >>> data_inventory("kunden.csv")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Übergeben Sie die Daten aus kk.load_course_data(...), nicht 'kunden.csv'.
    """
    if not isinstance(base, CustomerBase):
        raise KundenkitError(f"Übergeben Sie die Daten aus kk.load_course_data(...), nicht {base!r}.")
    rows = []
    for name, frame in base.tables().items():
        if frame is None:
            continue
        identifying = [str(c) for c in frame.columns if PERSON_LINKS.get(str(c)) in (DIRECT, LOCATING)]
        rows.append({
            "tabelle": name,
            "art_der_angabe": TABLE_KINDS.get(name, "weitere Angaben"),
            "zeilen": len(frame),
            "spalten": ", ".join(str(c) for c in frame.columns),
            "bestimmt_person": ", ".join(identifying) or "–",
            "noetig_fuer": lesson_list(lessons_needing(name, chapter)),
        })
    return pd.DataFrame(rows, columns=["tabelle", "art_der_angabe", "zeilen", "spalten", "bestimmt_person",
                                       "noetig_fuer"])


def unneeded_tables(base: CustomerBase, chapter: int = 3) -> list[str]:
    """The learner's tables that no lesson of ``chapter`` needs – candidates for leaving out.

    >>> from kundenkit import generate_customers
    >>> unneeded_tables(generate_customers(seed=1, n_customers=20))
    ['kunden', 'befragung', 'chancen']
    """
    return [name for name, frame in base.tables().items()
            if frame is not None and not lessons_needing(name, chapter)]


def minimisation_note(base: CustomerBase, chapter: int = 3) -> str:
    """A German sentence naming the tables that no lesson of ``chapter`` needs.

    >>> from kundenkit import generate_customers
    >>> minimisation_note(generate_customers(seed=1, n_customers=20))
    'Für die Lektionen von Kapitel 3 nicht nötig: kunden, befragung, chancen. Namen und Adressen braucht keine davon.'
    """
    unneeded = unneeded_tables(base, chapter)
    needed_identifying = [
        name for name, frame in base.tables().items()
        if frame is not None and lessons_needing(name, chapter)
        and any(PERSON_LINKS.get(str(c)) in (DIRECT, LOCATING) for c in frame.columns)]
    first = (f"Für die Lektionen von Kapitel {chapter} nicht nötig: {', '.join(unneeded)}." if unneeded
             else f"Jede Ihrer Tabellen braucht mindestens eine Lektion von Kapitel {chapter}.")
    if needed_identifying:
        return (f"{first} Die Tabelle(n) {', '.join(needed_identifying)} enthalten Namen oder Adressen: "
                "Lassen Sie diese Spalten weg, bevor Sie die Daten weitergeben – die Lektionen brauchen sie nicht.")
    return f"{first} Namen und Adressen braucht keine davon."
