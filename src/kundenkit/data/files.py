"""A customer base as a folder of German CSV files (one file per table).

The shipped default data set in ``data/`` and a learner's own export use the
same layout: ``kunden.csv``, ``transaktionen.csv``, ``kontakte.csv`` and
``befragung.csv``, written so that they open cleanly in German Excel.
"""
from __future__ import annotations

from pathlib import Path

from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.data.synthetic import COMPETENCE_ITEMS, WARMTH_ITEMS, CustomerBase
from kundenkit.errors import KundenkitError

# Columns by which a single file of the learner is recognised as one of the tables.
_SIGNATURE_COLUMNS = {
    "befragung": set(WARMTH_ITEMS) | set(COMPETENCE_ITEMS) | {"nps"},
    "transaktionen": {"betrag"},
    "kontakte": {"kanal", "bewertung"},
    "kunden": {"kunde_seit", "segment"},
}


def table_files(folder: Path) -> dict[str, Path]:
    """The file name of each table inside ``folder``.

    >>> sorted(p.name for p in table_files(Path("data")).values())
    ['befragung.csv', 'kontakte.csv', 'kunden.csv', 'transaktionen.csv']
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
    (4, 0)
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, path in table_files(folder).items():
        if path.exists() and not overwrite:
            continue
        written.append(write_csv(getattr(base, name), path))
    return written


def _recognise_table(path: Path, frame) -> str:
    if path.stem in CustomerBase.TABLES:
        return path.stem
    columns = set(frame.columns)
    for name, signature in _SIGNATURE_COLUMNS.items():
        if columns & signature:
            return name
    raise KundenkitError(
        f"Die Datei '{path}' passt zu keiner Tabelle des Kurses. Benennen Sie sie in "
        f"{', '.join(n + '.csv' for n in CustomerBase.TABLES)} um, oder legen Sie die Spalten an, "
        "die der Kurs erwartet (siehe notebooks/00_einfuehrung.ipynb, Abschnitt 'Eigene Daten')."
    )


def load_customer_base(path, *, branche: str = "eigene Daten", seed: int = 0) -> CustomerBase:
    """Read the learner's own data: a folder with the table files, or one CSV file.

    Tables that are not there stay ``None``; a lesson that needs one says so.

    >>> import tempfile
    >>> from kundenkit import generate_customers
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = save_customer_base(generate_customers(seed=1, n_customers=20), tmp)
    ...     base = load_customer_base(Path(tmp) / "befragung.csv")
    >>> base.kunden is None, base.befragung is not None
    (True, True)
    """
    path = Path(path)
    tables = dict.fromkeys(CustomerBase.TABLES)
    if path.is_dir():
        found = {name: p for name, p in table_files(path).items() if p.exists()}
        if not found:
            raise KundenkitError(
                f"Im Ordner '{path}' liegt keine der Dateien "
                f"{', '.join(n + '.csv' for n in CustomerBase.TABLES)}. "
                "Legen Sie Ihre Exporte unter diesen Namen dort ab."
            )
        for name, file in found.items():
            tables[name] = read_csv(file)
    else:
        frame = read_csv(path)
        tables[_recognise_table(path, frame)] = frame
    return CustomerBase(**tables, branche=branche, seed=seed)
