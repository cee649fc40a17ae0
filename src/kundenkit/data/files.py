"""A customer base as a folder of German CSV files (one file per table).

The shipped default data set in ``data/`` and a learner's own export use the
same layout: ``kunden.csv``, ``transaktionen.csv``, ``kontakte.csv``,
``befragung.csv`` and ``chancen.csv`` (sales opportunities), written so that
they open cleanly in German Excel. A learner's folder may hold Excel files
instead (``kunden.xlsx`` …).
"""
from __future__ import annotations

import warnings
from pathlib import Path

from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.data.synthetic import COMPETENCE_ITEMS, WARMTH_ITEMS, CustomerBase
from kundenkit.errors import KundenkitError, KundenkitWarning

# File endings of a table in the learner's folder, in the order they are looked for.
_SUFFIXES = (".csv", ".xlsx", ".xlsm")

# Columns by which a single file of the learner is recognised as one of the tables, tried in this order
# (opportunities before purchases: both have a column "betrag").
_SIGNATURE_COLUMNS = {
    "befragung": set(WARMTH_ITEMS) | set(COMPETENCE_ITEMS) | {"nps"},
    "chancen": {"chance_id", "phase", "abgeschlossen_am"},
    "transaktionen": {"betrag"},
    "kontakte": {"kanal", "bewertung"},
    "kunden": {"kunde_seit", "segment"},
}


def table_files(folder: Path) -> dict[str, Path]:
    """The file name of each table inside ``folder``.

    >>> sorted(p.name for p in table_files(Path("data")).values())
    ['befragung.csv', 'chancen.csv', 'kontakte.csv', 'kunden.csv', 'transaktionen.csv']
    """
    return {name: Path(folder) / f"{name}.csv" for name in CustomerBase.TABLES}


def save_customer_base(base: CustomerBase, folder, *, overwrite: bool = False) -> list[Path]:
    """Write every table of ``base`` as German CSV into ``folder``.

    Existing files are kept unless ``overwrite=True``; the paths written are returned.

    >>> import tempfile
    >>> from kundenkit import generate_customers
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = save_customer_base(generate_customers(seed=1, n_customers=20), tmp)
    ...     again = save_customer_base(generate_customers(seed=2, n_customers=20), tmp)
    >>> len(written), len(again)
    (5, 0)
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, path in table_files(folder).items():
        if path.exists() and not overwrite:
            continue
        written.append(write_csv(getattr(base, name), path))
    return written


def _own_files(folder: Path) -> dict[str, Path]:
    """The learner's file of each table in ``folder`` (CSV or Excel); a German error if one has both."""
    found = {}
    for name in CustomerBase.TABLES:
        files = [folder / f"{name}{suffix}" for suffix in _SUFFIXES if (folder / f"{name}{suffix}").is_file()]
        if len(files) > 1:
            raise KundenkitError(
                f"Im Ordner '{folder}' liegen für die Tabelle '{name}' mehrere Dateien: "
                f"{', '.join(file.name for file in files)}. Lassen Sie nur eine davon im Ordner."
            )
        if files:
            found[name] = files[0]
    return found


def _read(path: Path, notes: list[str]):
    """The table in ``path``; its notes (e.g. a dropped footer line) are added to ``notes``, not shown."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KundenkitWarning)
        frame = read_csv(path)
    notes.extend(frame.attrs.get("hinweise", ()))
    return frame


def _recognise_table(path: Path, frame) -> str:
    if path.stem in CustomerBase.TABLES:
        return path.stem
    columns = set(frame.columns)
    for name, signature in _SIGNATURE_COLUMNS.items():
        if columns & signature:
            return name
    raise KundenkitError(
        f"Die Datei '{path}' passt zu keiner Tabelle des Kurses. Benennen Sie sie in "
        f"{', '.join(n + '.csv' for n in CustomerBase.TABLES)} um (oder .xlsx), oder legen Sie die Spalten an, "
        "die der Kurs erwartet (siehe notebooks/00_einfuehrung.ipynb, Abschnitt 'Eigene Daten')."
    )


def load_customer_base(path, *, branche: str = "eigene Daten", seed: int = 0) -> CustomerBase:
    """Read the learner's own data: a folder with the table files, or one file (CSV or Excel).

    In a folder each table is ``kunden.csv`` or ``kunden.xlsx`` (and so on).
    Tables that are not there stay ``None``; a lesson that needs one says so.
    The base is named after the folder or file (``quelle``); notes from reading
    (e.g. a footer line that was not read) are kept in ``hinweise`` and shown
    with the base.

    >>> import tempfile
    >>> from kundenkit import generate_customers
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = save_customer_base(generate_customers(seed=1, n_customers=20), tmp)
    ...     base = load_customer_base(Path(tmp) / "befragung.csv")
    >>> base.kunden is None, base.befragung is not None, base.quelle
    (True, True, 'befragung.csv')
    """
    path = Path(path)
    tables = dict.fromkeys(CustomerBase.TABLES)
    notes: list[str] = []
    if path.is_dir():
        found = _own_files(path)
        if not found:
            raise KundenkitError(
                f"Im Ordner '{path}' liegt keine der Dateien "
                f"{', '.join(n + '.csv' for n in CustomerBase.TABLES)} (oder .xlsx). "
                "Legen Sie Ihre Exporte unter diesen Namen dort ab."
            )
        for name, file in found.items():
            tables[name] = _read(file, notes)
    else:
        frame = _read(path, notes)
        tables[_recognise_table(path, frame)] = frame
    return CustomerBase(**tables, branche=branche, seed=seed, quelle=path.name or str(path),
                        hinweise=tuple(notes))
