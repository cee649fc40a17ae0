"""Read Excel workbooks (``.xlsx``) the way :func:`kundenkit.read_csv` reads CSV files.

Managers keep their data in Excel. :func:`read_excel` reads one sheet with
openpyxl and hands its cells, written as German text, to the same column
recognition, checks and messages as the CSV reader: title lines above the
header, ``ja``/``nein``, ``k.A.``, German dates typed as text, numbers typed as
text (``1.234,50 €``), footer lines (``Summe``), an impossible date. Line numbers
are the row numbers Excel shows.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from kundenkit.data.german_csv import (
    _SNIFF_RECORDS,
    _checked_overrides,
    _frame,
    _layout,
    _read_bytes,
    _table_from_records,
)
from kundenkit.errors import KundenkitError

_CSV_ONLY = ("sep", "encoding")


def read_excel(path, sheet: str | None = None, **overrides) -> pd.DataFrame:
    """Read one sheet of an Excel workbook (``.xlsx``, ``.xlsm``) like a German CSV export.

    Parameters
    ----------
    path : str or Path
        The workbook.
    sheet : str, optional
        The name of the sheet (case and surrounding blanks ignored); the first
        sheet if not given.
    **overrides
        ``decimal``, ``dtype``, ``parse_dates`` and ``header_line`` as for
        :func:`kundenkit.read_csv`; ``header_line`` is the row number Excel shows.

    Returns
    -------
    pandas.DataFrame
        As from :func:`kundenkit.read_csv`: typed columns, the index (``Zeile``)
        the row numbers Excel shows, ``attrs["datei"]`` and ``attrs["hinweise"]``.
        Formulas count with the value Excel saved last. Empty rows are skipped.

    Raises
    ------
    KundenkitError
        The file is missing or no workbook, the sheet does not exist or is
        empty, or a value does not fit its column (as for CSV files).

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import Workbook
    >>> book = Workbook()
    >>> book.active.append(["Kundenliste März"])
    >>> book.active.append([])
    >>> for row in (["Kundennr", "Umsatz", "Stammkunde", "Kunde seit"],
    ...             ["00123", 1234.5, "ja", "01.02.2023"], ["00124", "k.A.", "nein", dt.datetime(1999, 11, 15)],
    ...             ["Summe", 1234.5, None, None]):
    ...     book.active.append(row)
    >>> path = Path(tempfile.mkdtemp()) / "kunden.xlsx"
    >>> book.save(path)
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as notes:
    ...     warnings.simplefilter("always")
    ...     df = read_excel(path)
    >>> df
          Kundennr  Umsatz  Stammkunde Kunde seit
    Zeile
    4        00123  1234.5        True 2023-02-01
    5        00124     NaN       False 1999-11-15
    >>> print(notes[0].message)  # doctest: +ELLIPSIS
    In der Datei '...kunden.xlsx' ist Zeile 6 (Summe; 1234,5) eine Summenzeile; sie wurde nicht eingelesen. ...
    """
    path = Path(path)
    wrong = [key for key in _CSV_ONLY if key in overrides]
    if wrong:
        raise KundenkitError(
            f"Die Einstellung {wrong[0]!r} gilt nur für CSV-Dateien; '{path}' ist eine Excel-Datei. "
            f"Lassen Sie {wrong[0]!r} weg."
        )
    options = _checked_overrides(overrides)
    records = _sheet_records(path, sheet)
    header_line = options["header_line"] or _header_line(records, path)
    return _frame(*_table_from_records(records, path, header_line, sep=None), path, options)


def sheet_names(path) -> list[str]:
    """The names of the sheets in the workbook ``path``, in order."""
    return list(_workbook(Path(path)).sheetnames)


def _workbook(path: Path):
    from openpyxl import load_workbook

    data = _read_bytes(path)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise KundenkitError(
            f"Die Datei '{path}' lässt sich nicht als Excel-Arbeitsmappe lesen ({type(err).__name__}). "
            "Öffnen Sie sie in Excel und speichern Sie sie als 'Excel-Arbeitsmappe (.xlsx)' oder als "
            "'CSV UTF-8 (durch Trennzeichen getrennt)'."
        ) from None


def _sheet_records(path: Path, sheet: str | None) -> list[list[str]]:
    """Each row of the sheet (row 1 first, empty rows included) as German text cells."""
    book = _workbook(path)
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        else:
            names = {name.strip().casefold(): name for name in book.sheetnames}
            key = str(sheet).strip().casefold()
            if key not in names:
                raise KundenkitError(
                    f"In der Datei '{path}' gibt es kein Blatt '{sheet}'. Vorhanden sind: "
                    f"{', '.join(book.sheetnames)}."
                )
            worksheet = book[names[key]]
        records: list[list[str]] = []
        for row in worksheet.iter_rows():
            cells = [cell for cell in row if getattr(cell, "row", None) is not None]
            if not cells:
                continue
            number = cells[0].row
            while len(records) < number - 1:  # read-only sheets skip rows without cells
                records.append([])
            line = [""] * (max(cell.column for cell in cells))
            for cell in cells:
                line[cell.column - 1] = _cell_text(cell.value)
            records.append(line)
    finally:
        book.close()
    if not any(any(cell.strip() for cell in record) for record in records):
        raise KundenkitError(
            f"Das Blatt '{worksheet.title}' in der Datei '{path}' ist leer. Wählen Sie mit sheet=… das Blatt, "
            "in dem Ihre Daten stehen."
        )
    return _without_empty_columns(records)


def _without_empty_columns(records: list[list[str]]) -> list[list[str]]:
    """Drop empty columns left of the data (a table that starts in column B) and trailing empty cells."""
    first = min(next(i for i, cell in enumerate(r) if cell.strip()) for r in records if any(c.strip() for c in r))
    trimmed = []
    for record in records:
        record = record[first:]
        end = len(record)
        while end and not record[end - 1].strip():
            end -= 1
        trimmed.append(record[:end])
    return trimmed


def _header_line(records: list[list[str]], path: Path) -> int:
    sample = [(line, fields) for line, fields in enumerate(records, start=1) if fields][:_SNIFF_RECORDS]
    layout = _layout(sample, header_given=False)
    return sample[layout[0]][0] if layout else sample[0][0]


def _cell_text(value) -> str:
    """A cell's value as the text a German CSV export would hold.

    >>> [_cell_text(v) for v in (None, "k.A.", True, 42, 1234.5, 0.1, dt.datetime(2024, 3, 1), dt.date(2024, 3, 1),
    ...                          dt.datetime(2024, 3, 1, 8, 30))]
    ['', 'k.A.', 'ja', '42', '1234,5', '0,1', '01.03.2024', '01.03.2024', '01.03.2024 08:30:00']
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return np.format_float_positional(value, unique=True, trim="-").replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y" if value.time() == dt.time() else "%d.%m.%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)
