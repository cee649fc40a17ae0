"""Read and write the CSV files that German, Austrian and Swiss users actually have.

:func:`read_csv` works out encoding, separator, header line and the type of
each column on its own; :func:`write_csv` writes the format that German Excel
opens without an import dialog (``;``, decimal comma, UTF-8 with BOM).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kundenkit.data.german_numbers import (  # number rules shared with parse_number
    _all_match,
    _to_number,
    thousands_read_from_points,
)
from kundenkit.errors import KundenkitError, KundenkitWarning

OVERRIDES = ("encoding", "sep", "decimal", "dtype", "parse_dates", "header_line")

# Candidate separators, most preferred first: ";" wins ties because decimal commas make "," ambiguous.
_SEPARATORS = (";", "\t", ",")
_SEPARATOR_NAMES = {";": "Semikolon ';'", ",": "Komma ','", "\t": "Tabulator"}
_SNIFF_RECORDS = 50
_SEP_HINT = re.compile(r'"?sep=(.)"?')
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (zip) and .xls (OLE)
_EXCEL_OVERRIDES = ("decimal", "dtype", "parse_dates", "header_line")

_MISSING = frozenset({"", "k.a.", "k. a.", "n/a", "-", "–"})
_TRUE, _FALSE = frozenset({"ja", "wahr"}), frozenset({"nein", "falsch"})
_ID_HEADER = re.compile(r"(?:.*[_\-\s.])?id|.*nr\.?|.*nummer|plz|postleitzahl", re.IGNORECASE)
_LEADING_ZERO = r"0\d+"
_NULLABLE = {"int64": "Int64", "bool": "boolean"}

# A table as read: column names, the columns as arrays of raw strings, the Excel line of each row, notes.
_Table = tuple[list[str], list[np.ndarray], np.ndarray, list[str]]

_ISO_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
_GERMAN_DATE = r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?"
_TWO_DIGIT_YEAR = r"^(\d{1,2}\.\d{1,2}\.)(\d{2})(?!\d)"
_TIME_PADDING = np.array([" 00:00:00", ":00", ""], dtype=object)  # indexed by the number of ":"
# A column is meant to hold dates if at least this share of its distinct values are dates of one convention.
_DATE_MAJORITY = 0.8
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
# The first filled cell of a footer line that German exports add below the data ("Summe", "Gesamt: 12.345").
_FOOTER = re.compile(
    r"(?:(?:zwischen|end|gesamt)?summen?|gesamt(?:betrag|summe|umsatz)?|insgesamt|totals?|grand total"
    r"|ergebnis|anzahl|durchschnitt|mittelwert|ø)(?!\w).*",
    re.IGNORECASE,
)
# The index of every frame read: the line of each row as Excel numbers it.
LINE_INDEX = "Zeile"


def read_csv(path, **overrides) -> pd.DataFrame:
    """Read a CSV export from German, Austrian or Swiss software without being told its format.

    An Excel workbook (``.xlsx``, ``.xlsm``) is read with :func:`kundenkit.data.excel.read_excel`
    (first sheet; ``sep`` and ``encoding`` do not apply).

    Parameters
    ----------
    path : str or Path
        The CSV file.
    **overrides
        Force what would otherwise be detected:

        ``encoding`` : str
            e.g. ``"cp1252"`` or ``"utf-8"``.
        ``sep`` : str
            The separator, one character, e.g. ``";"``, ``","`` or ``"\\t"``.
        ``decimal`` : {",", "."}
            The decimal mark of every number column; the other character is
            then the thousands separator.
        ``dtype`` : dict
            ``{column: "string"}`` keeps these columns as text.
        ``parse_dates`` : bool
            ``False`` keeps dates as text.
        ``header_line`` : int
            The line holding the column names, as Excel numbers it (1-based).

    Returns
    -------
    pandas.DataFrame
        Column names as in the file (stripped, Unicode NFC). Each column is
        ``bool``/``boolean``, ``datetime64[us]``, ``int64``/``Int64``,
        ``float64`` or ``string``. The index, named ``Zeile``, is the line of
        each row as Excel numbers it (1-based, title lines and the header
        counted), so that a later check can name the line to correct.
        ``frame.attrs["datei"]`` is the path, ``frame.attrs["hinweise"]`` the
        notes (e.g. a dropped footer line), each also given as a
        :class:`~kundenkit.errors.KundenkitWarning`.

    Raises
    ------
    KundenkitError
        The file is missing, empty, not a CSV file, badly quoted, has a row
        with more fields than the header, duplicate column names, an
        impossible date in a date column or a value that is no date in a
        column of dates; or an override is unknown or invalid. The error names
        the file, the line (as Excel numbers it), the column and the value.

    Notes
    -----
    *Encoding*: UTF-8 (with or without BOM), else cp1252; UTF-16 with BOM.

    *Separator*: an Excel hint ``sep=;`` in the first line is used (and the line
    skipped). Otherwise ``;``, tab and ``,`` are tried on the first records:
    the header is the first record that has at least as many fields as most
    records, a name after its first cell and a letter somewhere (this skips
    title lines such as ``Kundenliste Export 12.03.2024``). Of the separators
    that give at least two columns, the one with the most records after the
    header that have exactly the header's field count wins; ties go to more
    columns, then to the larger share of such records, the earlier header,
    and ``;`` before tab before ``,``. So one row with an extra field is
    reported by its line instead of changing the separator. Without any, the
    file has one column.

    *Rows*: shorter rows are padded with missing values; extra fields are an
    error unless they are empty; blank lines (also ``;;;``) are skipped. A
    last column without name and values (from trailing separators) is
    dropped. Footer lines at the end whose first filled cell starts with
    ``Summe``, ``Gesamt``, ``Total``, ``Endsumme``, ``Insgesamt``, ``Ergebnis``,
    ``Anzahl``, ``Durchschnitt`` or ``Mittelwert`` and that leave a cell
    empty are not read; a note says so.

    *Values* are stripped and NFC-normalised; ``k.A.``, ``k. A.``, ``n/a``,
    ``-``, ``–`` and empty cells are missing (case-insensitive). A column
    becomes, in this order of checks:

    1. text, if ``dtype`` says so, its name looks like an identifier (``id``,
       ``*_id``, ``*nr``, ``*nummer``, ``plz``, ``postleitzahl``) or a value
       is a digit string with a leading zero (``01067``);
    2. bool, if all values are ``ja``/``nein``/``wahr``/``falsch``;
    3. datetime, if all values are ``dd.mm.yyyy`` or ``dd.mm.yy`` (years
       00–68 → 20xx, 69–99 → 19xx), each optionally with `` HH:MM[:SS]``,
       or all are ISO ``yyyy-mm-dd[ HH:MM[:SS]]``; an impossible date such
       as ``31.02.2024`` is an error, and so is a value that is no date
       (``2023/08/26``) in a column where at least 80 % of the distinct values
       are dates of one convention;
    4. a number, if all values are numbers: currency (``€ EUR CHF Fr. SFr. $``)
       is dropped, a leading or trailing (SAP) minus negates, a ``%`` suffix
       divides by 100; blanks and apostrophes (``1 234,56``, ``1'234.50``)
       group thousands. The decimal mark is decided per value: with both
       ``.`` and ``,`` the last one is the decimal mark; a single ``,`` is a
       decimal comma; several of one kind group thousands; a single ``.`` is
       a decimal point, except ``1.234`` (a first digit other than 0, at most
       three digits, a point, three digits) in a column where other values
       have a decimal comma or where all points look like that: then it is
       1234, as German Excel writes it, and the reader says so in a note.
       Whole numbers give ``int64``, others ``float64``;
    5. text otherwise.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "kunden.csv"
    >>> _ = path.write_text(
    ...     "Kundenliste Export 12.03.2024\\n\\n"
    ...     "Kundennr;Umsatz;Stammkunde;Kunde seit\\n"
    ...     "00123;1.234,50 €;ja;01.02.2023\\n"
    ...     "00124;k.A.;nein;15.11.99\\n",
    ...     encoding="cp1252",
    ... )
    >>> df = read_csv(path)
    >>> df
          Kundennr  Umsatz  Stammkunde Kunde seit
    Zeile
    4        00123  1234.5        True 2023-02-01
    5        00124     NaN       False 1999-11-15
    >>> [str(dtype) for dtype in df.dtypes]
    ['string', 'float64', 'bool', 'datetime64[us]']
    """
    options = _checked_overrides(overrides)
    path = Path(path)
    data = _read_bytes(path)
    if data.startswith(_BINARY_SIGNATURES[0]):  # a zip file: an Excel workbook (.xlsx), whatever its name
        from kundenkit.data.excel import read_excel

        return read_excel(path, **{key: overrides[key] for key in _EXCEL_OVERRIDES if key in overrides})
    text = _decode(data, path, options["encoding"])
    hinted_sep, text, first_line = _split_sep_hint(text)
    if not text.strip():
        raise KundenkitError(
            f"Die Datei '{path}' ist leer. Exportieren Sie die Daten erneut und prüfen Sie, "
            "ob die Datei Zeilen enthält."
        )
    sep, header_line = _sniff(text, first_line, options["sep"] or hinted_sep, options["header_line"])
    return _frame(*_read_table(text, path, sep, first_line, header_line), path, options)


def _frame(names: list[str], columns: list[np.ndarray], lines: np.ndarray, notes: list[str], path: Path,
           options: dict) -> pd.DataFrame:
    """The typed frame, indexed by the Excel line of each row; each note is also a warning."""
    as_text = _text_columns(options["dtype"], names, path)
    frame = pd.DataFrame({
        name: _convert_column(name, column, lines, path, as_text=name in as_text,
                              decimal=options["decimal"], parse_dates=options["parse_dates"], notes=notes)
        for name, column in zip(names, columns)
    }, index=pd.Index(lines, dtype="int64", name=LINE_INDEX))
    frame.attrs["datei"] = str(path)
    frame.attrs["hinweise"] = list(notes)
    for note in notes:
        warnings.warn(KundenkitWarning(note), stacklevel=4)
    return frame


def write_csv(df: pd.DataFrame, path) -> Path:
    """Write ``df`` as CSV that German Excel opens cleanly; return the path.

    The file is UTF-8 with BOM, separated by ``;`` with ``\\r\\n`` line ends and
    minimal quoting. Numbers use a decimal comma and no thousands separator;
    floats are written with the shortest digits that read back exactly
    (``12.5`` → ``12,5``, ``3.0`` → ``3,0``), integers as integers. Dates are
    ``dd.mm.yyyy``, with `` HH:MM`` (or `` HH:MM:SS``) if they have a time of
    day (fractions of a second are dropped); bools are ``ja``/``nein``;
    missing values are empty. The index is not written. Missing folders are
    created and an existing file is overwritten. :func:`read_csv` reads the
    file back into an equal frame, as long as text values do not themselves
    look like numbers, dates, ``ja``/``nein`` or missing values (its index
    holds the file's line numbers: 2, 3, …).

    Parameters
    ----------
    df : pandas.DataFrame
        The table; column names must be unique.
    path : str or Path
        The file to write.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    KundenkitError
        ``df`` is no DataFrame, has duplicate column names, or the file
        cannot be written (e.g. because it is open in Excel).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> df = pd.DataFrame({
    ...     "kunde": pd.array(["Müller; Söhne", None], dtype="string"),
    ...     "umsatz": [1234.5, 0.1],
    ...     "aktiv": [True, False],
    ...     "seit": pd.to_datetime(["2024-03-12 00:00", "2024-03-13 08:30"]),
    ... })
    >>> path = write_csv(df, Path(tempfile.mkdtemp()) / "export" / "kunden.csv")
    >>> data = path.read_bytes()
    >>> data.startswith(b"\\xef\\xbb\\xbf")  # the BOM
    True
    >>> data.decode("utf-8-sig")
    'kunde;umsatz;aktiv;seit\\r\\n"Müller; Söhne";1234,5;ja;12.03.2024\\r\\n;0,1;nein;13.03.2024 08:30\\r\\n'
    >>> read_csv(path).reset_index(drop=True).equals(df)
    True
    """
    if not isinstance(df, pd.DataFrame):
        raise KundenkitError(f"write_csv erwartet eine Tabelle (pandas.DataFrame), nicht {type(df).__name__}.")
    names = [str(name) for name in df.columns]
    repeated = [name for name, count in Counter(names).items() if count > 1]
    if repeated:
        raise KundenkitError(
            f"Die Spalte '{repeated[0]}' kommt mehrfach vor. Geben Sie jeder Spalte einen eigenen Namen, "
            f"bevor Sie die Tabelle als '{path}' speichern."
        )
    columns = [_format_column(df.iloc[:, position]) for position in range(df.shape[1])]
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()  # build the text in memory and encode it once: much faster than per line
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(names)
        writer.writerows(zip(*columns))
        path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    except PermissionError as err:
        raise KundenkitError(
            f"Die Datei '{path}' lässt sich nicht schreiben. Ist sie noch in Excel geöffnet? "
            "Schließen Sie sie dort oder wählen Sie einen anderen Speicherort."
        ) from err
    return path


# --- reading: file, encoding, layout ---------------------------------------------------------


def _checked_overrides(overrides: dict) -> dict:
    unknown = sorted(set(overrides) - set(OVERRIDES))
    if unknown:
        raise KundenkitError(
            f"Unbekannte Einstellung {unknown[0]!r} für read_csv. Erlaubt sind: {', '.join(OVERRIDES)}."
        )
    options = {"encoding": None, "sep": None, "decimal": None, "dtype": {}, "parse_dates": True,
               "header_line": None, **overrides}
    if options["sep"] is not None and not (isinstance(options["sep"], str) and len(options["sep"]) == 1):
        raise KundenkitError("Das Trennzeichen 'sep' muss genau ein Zeichen sein, z. B. ';', ',' oder '\\t'.")
    if options["decimal"] not in (None, ",", "."):
        raise KundenkitError(f"Für 'decimal' sind nur ',' und '.' erlaubt, nicht {options['decimal']!r}.")
    if not isinstance(options["dtype"], dict) or any(kind not in ("string", str) for kind in options["dtype"].values()):
        raise KundenkitError(
            "'dtype' muss ein Wörterbuch der Form {'Spaltenname': 'string'} sein; "
            "damit bleiben diese Spalten Text."
        )
    if not isinstance(options["parse_dates"], bool):
        raise KundenkitError("'parse_dates' muss True oder False sein.")
    line = options["header_line"]
    if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
        raise KundenkitError("'header_line' muss eine Zeilennummer ab 1 sein (so, wie sie der Texteditor zeigt).")
    return options


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KundenkitError(
            f"Die Datei '{path}' wurde nicht gefunden. Prüfen Sie den Pfad und den Dateinamen "
            "(auch die Endung, z. B. '.csv')."
        ) from None
    except IsADirectoryError:
        raise KundenkitError(f"'{path}' ist ein Ordner. Geben Sie den Pfad zu einer CSV-Datei an.") from None


def _not_csv(path: Path, old_excel: bool = False) -> KundenkitError:
    if old_excel:
        return KundenkitError(
            f"Die Datei '{path}' ist eine Excel-Datei im alten Format (.xls). Öffnen Sie sie in Excel und "
            "speichern Sie sie als 'Excel-Arbeitsmappe (.xlsx)' oder als 'CSV UTF-8 (durch Trennzeichen getrennt)'."
        )
    return KundenkitError(
        f"Die Datei '{path}' ist vermutlich keine CSV-Datei (sondern z. B. ein PDF oder ein Bild). "
        "Speichern Sie die Daten in Excel als 'Excel-Arbeitsmappe (.xlsx)' oder als "
        "'CSV UTF-8 (durch Trennzeichen getrennt)'."
    )


def _decode(data: bytes, path: Path, encoding: str | None) -> str:
    if data.startswith(_BINARY_SIGNATURES):
        raise _not_csv(path, old_excel=data.startswith(_BINARY_SIGNATURES[1]))
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise KundenkitError(
                f"Die Kodierung {encoding!r} ist unbekannt. Verwenden Sie z. B. 'utf-8' oder 'cp1252'."
            ) from None
        except UnicodeDecodeError as err:
            raise KundenkitError(
                f"Die Datei '{path}' lässt sich nicht mit der Kodierung {encoding!r} lesen (Byte {err.start}). "
                "Lassen Sie 'encoding' weg, damit die Kodierung erkannt wird, oder geben Sie die richtige an."
            ) from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode-Text"
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_csv(path) from None
    if _CONTROL_CHARS.search(text):
        raise _not_csv(path)
    return text.removeprefix("\ufeff")


def _split_sep_hint(text: str) -> tuple[str | None, str, int]:
    """Excel's ``sep=;`` first line: (separator or None, rest of the text, number of lines removed)."""
    first = re.match(r"([^\r\n]*)(?:\r\n|\r|\n|$)", text)
    assert first is not None  # the pattern matches every text, the empty one too
    hint = _SEP_HINT.fullmatch(first[1])
    if hint is None:
        return None, text, 0
    return hint[1], text[first.end():], 1


def _parse(text: str, sep: str, skipped_lines: int,
           limit: int | None = None) -> tuple[list[list[str]], np.ndarray, tuple[int, int] | None]:
    """The records of ``text``, the line of each as Excel numbers it, and a quoting problem.

    Excel numbers records (a line break inside quotes stays in its row; blank
    lines count; an Excel hint ``sep=;`` is no row). The quoting problem is
    None, or the text-editor line where the badly quoted record starts and the
    line where the csv module noticed it; records before it are returned.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=True)
    records: list[list[str]] = []
    ends = [0]
    add_record, add_end = records.append, ends.append
    problem = None
    try:
        for fields in islice(reader, limit):
            add_record(fields)
            add_end(reader.line_num)
    except csv.Error:
        problem = (skipped_lines + ends[-1] + 1, skipped_lines + reader.line_num)
    return records, np.arange(1, len(records) + 1), problem


def _sample(text: str, sep: str, skipped_lines: int, from_line: int) -> list[tuple[int, list[str]]]:
    """``(Excel line, fields)`` of the first non-blank records starting at ``from_line`` or later."""
    records, starts, _ = _parse(text, sep, skipped_lines, limit=from_line - 1 + _SNIFF_RECORDS)
    sample = [(int(line), fields) for line, fields in zip(starts, records) if fields and line >= from_line]
    return sample[:_SNIFF_RECORDS]


def _layout(sample: list[tuple[int, list[str]]], header_given: bool) -> tuple[int, int, int, float] | None:
    """(index of the header record, its field count, number and share of later records with that count)."""
    counts = [len(fields) for _, fields in sample]
    if header_given:
        index = 0
    else:
        usual = max(Counter(counts).items(), key=lambda item: (item[1], item[0]))[0]
        found = next((i for i, (_, fields) in enumerate(sample) if _could_be_header(fields, usual)), None)
        if found is None:
            return None
        index = found
    width = counts[index]
    rest = counts[index + 1:]
    consistent = sum(count == width for count in rest)
    return index, width, consistent, (consistent / len(rest) if rest else 1.0)


def _could_be_header(fields: list[str], usual: int) -> bool:
    """At least the usual field count, a name after the first cell (unlike a title line that Excel
    padded with separators) and a letter somewhere (unlike a row of numbers split at decimal commas)."""
    return (len(fields) >= usual and (usual == 1 or any(cell.strip() for cell in fields[1:]))
            and any(char.isalpha() for cell in fields for char in cell))


def _sniff(text: str, skipped_lines: int, sep: str | None, header_line: int | None) -> tuple[str, int]:
    """The separator and the line of the header."""
    best, best_key = None, None
    for rank, candidate in enumerate([sep] if sep else _SEPARATORS):
        sample = _sample(text, candidate, skipped_lines, header_line or 1)
        layout = _layout(sample, header_line is not None) if sample else None
        if layout is None:
            continue
        index, width, consistent, share = layout
        # The separator whose header and records split alike explains most records; on a tie the one
        # with more columns wins. One ragged row thus does not hand the file to "," (which splits
        # decimal commas into a consistent two columns and skips the real header as a title line).
        key = (width >= 2 or sep is not None, consistent, width, share, -index, -rank)
        if best_key is None or key > best_key:
            best, best_key = (candidate, header_line or sample[index][0]), key
    return best or (sep or _SEPARATORS[0], header_line or skipped_lines + 1)


def _read_table(text: str, path: Path, sep: str, skipped_lines: int, header_line: int) -> _Table:
    """Column names, the columns as arrays of raw strings, the line of each row, and notes."""
    records, _, problem = _parse(text, sep, skipped_lines)
    if problem is not None:
        raise _quote_problem(path, *problem)
    return _table_from_records(records, path, header_line, sep)


def _table_from_records(records: list[list[str]], path: Path, header_line: int, sep: str | None) -> _Table:
    """Names, raw columns, Excel line of each row and notes from the records of a file or sheet.

    ``records[i]`` is line ``i + 1`` as Excel numbers it (blank lines included);
    ``sep`` is None for an Excel sheet.
    """
    position = header_line - 1
    if position >= len(records) or not any(cell.strip() for cell in records[position]):
        raise KundenkitError(
            f"In der Datei '{path}' beginnt in Zeile {header_line} keine Kopfzeile (die Zeile ist leer, liegt "
            "hinter dem Dateiende oder mitten in einem Feld). Geben Sie mit 'header_line' die Zeile an, "
            "in der die Spaltennamen stehen."
        )
    header = records[position]
    if sep is None:  # a sheet: cells right of the last name are empty unless a value stands there
        while header and not header[-1].strip():
            header = header[:-1]
    rows, lines = records[position + 1:], np.arange(position + 2, len(records) + 1)
    width = len(header)
    rows, lines, notes = _drop_footer(rows, lines, width, path)
    lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    for row in np.flatnonzero(lengths > width):
        if any(cell.strip() for cell in rows[row][width:]):
            raise _too_many_fields(path, lines[row], rows[row], header_line, width, sep)
        rows[row] = rows[row][:width]
    for row in np.flatnonzero(lengths < width):  # Excel drops trailing empty cells; blank lines have none
        rows[row] = rows[row] + [""] * (width - lengths[row])
    table = np.array(rows, dtype=object).reshape(len(rows), width)
    # Blank lines; in a sheet also rows of empty cells (a CSV line ";;" is a row of missing values).
    blank = (table == "").all(axis=1) if sep is None else lengths == 0
    if blank.any():
        table, lines = table[~blank], lines[~blank]
    names = [unicodedata.normalize("NFC", name.strip()) for name in header]
    columns = list(table.T)
    while names and not names[-1] and not any(value.strip() for value in columns[-1]):
        names.pop()
        columns.pop()
    _check_unique(names, path, header_line)
    return names, columns, lines, notes


def _drop_footer(rows: list[list[str]], lines: np.ndarray, width: int,
                 path: Path) -> tuple[list[list[str]], np.ndarray, list[str]]:
    """Rows and lines without the footer lines at the end ("Summe", "Gesamt" …), and a note for each."""
    end = len(rows)
    while end and not any(cell.strip() for cell in rows[end - 1]):
        end -= 1
    notes: list[str] = []
    last = end
    while last:
        filled = [cell.strip() for cell in rows[last - 1] if cell.strip()]
        if not filled or len(filled) >= width or not _FOOTER.fullmatch(filled[0]):
            break
        last -= 1
    if last == end:
        return rows, lines, notes
    for row in range(last, end):
        filled = [cell.strip() for cell in rows[row] if cell.strip()]
        notes.append(
            f"In der Datei '{path}' ist Zeile {lines[row]} ({'; '.join(filled)}) eine Summenzeile; "
            "sie wurde nicht eingelesen. Der Kurs rechnet Summen selbst."
        )
    return rows[:last], lines[:last], notes


def _quote_problem(path: Path, start: int, noticed: int) -> KundenkitError:
    where = f" (aufgefallen in Zeile {noticed})" if noticed != start else ""
    return KundenkitError(
        f"In der Datei '{path}' beginnt in Zeile {start} ein Feld in Anführungszeichen, das nicht "
        f"richtig geschlossen wird{where}. Prüfen Sie die Anführungszeichen in dieser Zeile: Ein Feld, "
        'das mit " beginnt, muss mit " enden, und ein " im Text wird verdoppelt ("").'
    )


def _too_many_fields(path: Path, line: int, row: list[str], header_line: int, width: int,
                     sep: str | None) -> KundenkitError:
    extra = next(cell.strip() for cell in row[width:] if cell.strip())
    if sep is None:
        return KundenkitError(
            f"Diese Zeile hat einen Wert rechts neben der letzten Spalte der Kopfzeile (Zeile {header_line}, "
            f"{width} Spalten).", datei=path, zeile=line, wert=extra,
            tipp="Geben Sie der Spalte in der Kopfzeile einen Namen, oder löschen Sie den Wert.")
    return KundenkitError(
        f"Diese Zeile hat {len(row)} Felder, die Kopfzeile (Zeile {header_line}) aber nur {width}.",
        datei=path, zeile=line, wert=extra,
        tipp=f"Prüfen Sie das Trennzeichen (erkannt: {_SEPARATOR_NAMES.get(sep, repr(sep))}) und die "
             "Anführungszeichen in dieser Zeile: Ein Text, der das Trennzeichen enthält, muss in "
             "Anführungszeichen stehen. Ein Feld zu viel am Ende der Zeile löschen Sie.")


def _check_unique(names: list[str], path: Path, header_line: int) -> None:
    first_position: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name in first_position:
            raise KundenkitError(
                f"In der Datei '{path}' heißen in der Kopfzeile (Zeile {header_line}) die Spalten "
                f"{first_position[name]} und {position} beide '{name}'. Geben Sie jeder Spalte einen eigenen Namen."
            )
        first_position[name] = position


def _text_columns(dtype: dict, names: list[str], path: Path) -> set[str]:
    missing = [name for name in dtype if name not in names]
    if missing:
        raise KundenkitError(
            f"Die Spalte '{missing[0]}' aus 'dtype' gibt es in der Datei '{path}' nicht. "
            f"Vorhanden sind: {', '.join(repr(name) for name in names)}."
        )
    return set(dtype)


# --- reading: column types -----------------------------------------------------------------


def _convert_column(name: str, raw: np.ndarray, lines: np.ndarray, path: Path, *,
                    as_text: bool, decimal: str | None, parse_dates: bool, notes: list[str]):
    """One column as a typed array; each distinct raw value is parsed only once.

    Notes for the learner go to ``notes``.
    """
    codes, uniques = pd.factorize(raw)
    values = pd.Series(uniques, dtype=object).str.strip().str.normalize("NFC")
    lower = values.str.lower()
    missing = lower.isin(_MISSING)
    converted = _infer(values[~missing], lower[~missing], name,
                       as_text=as_text, decimal=decimal, parse_dates=parse_dates)
    if converted.dtype.kind == "M" and converted.isna().any():
        bad = converted.index[converted.isna()][0]
        raise KundenkitError(
            f"Das Datum '{values[bad]}' gibt es nicht.", datei=path, zeile=int(lines[int(np.argmax(codes == bad))]),
            spalte=name, wert=values[bad],
            tipp="Korrigieren Sie Tag und Monat (TT.MM.JJJJ), speichern Sie die Datei und führen Sie die Zelle "
                 "noch einmal aus.")
    if converted.dtype == "string" and parse_dates and not as_text:
        _check_mostly_dates(values[~missing], codes, lines, path, name)
    if decimal is None and converted.dtype.kind in "iuf" and thousands_read_from_points(values[~missing]):
        example = next(v for v in values[~missing] if "." in v)
        notes.append(f"Spalte '{name}': Zahlen wie '{example}' wurden mit Punkt als Tausendertrennzeichen gelesen "
                     f"('{example}' = {example.replace('.', '')}), wie deutsches Excel sie schreibt. Meinen Sie "
                     "Nachkommastellen, schreiben Sie sie mit Komma.")
    if missing.any():
        converted = converted.astype(_NULLABLE.get(converted.dtype.name, converted.dtype))
    return converted.reindex(values.index).array.take(codes)


def _check_mostly_dates(values: pd.Series, codes: np.ndarray, lines: np.ndarray, path: Path, name: str) -> None:
    """A German error naming the first value that is no date, if nearly all others are dates of one kind."""
    if len(values) < 2:
        return
    for pattern, form in ((_GERMAN_DATE, "TT.MM.JJJJ"), (_ISO_DATE, "JJJJ-MM-TT")):
        is_date = values.str.fullmatch(pattern)
        if is_date.mean() < _DATE_MAJORITY:
            continue
        bad = values.index[~is_date]
        row = int(np.flatnonzero(np.isin(codes, bad))[0])
        value = values[codes[row]]
        suggestion = _date_suggestion(value, form)
        raise KundenkitError(
            f"Der Wert '{value}' ist kein Datum in der Form {form}, wie die anderen Werte der Spalte.",
            datei=path, zeile=int(lines[row]), spalte=name, wert=value,
            tipp=(f"Schreiben Sie das Datum als {suggestion}" if suggestion else
                  f"Schreiben Sie ein Datum in der Form {form}") +
                 ", speichern Sie die Datei und führen Sie die Zelle noch einmal aus.")


def _date_suggestion(value: str, form: str) -> str | None:
    """``value`` written as ``form`` if its year, month and day can be read unambiguously, else None.

    >>> _date_suggestion("2023/08/26", "TT.MM.JJJJ"), _date_suggestion("26/08/2023", "JJJJ-MM-TT")
    ('26.08.2023', '2023-08-26')
    >>> _date_suggestion("08/07/2023", "TT.MM.JJJJ") is None  # July or August?
    True
    """
    if match := _YEAR_FIRST.fullmatch(value):
        year, month, day = map(int, match.groups())
    elif (match := _YEAR_LAST.fullmatch(value)) and int(match[1]) > 12:
        day, month, year = map(int, match.groups())
    elif match and int(match[2]) > 12:  # American: month first
        month, day, year = map(int, match.groups())
    else:
        return None
    try:
        date = pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return None
    return date.strftime("%d.%m.%Y" if form == "TT.MM.JJJJ" else "%Y-%m-%d")


def _infer(values: pd.Series, lower: pd.Series, name: str, *,
           as_text: bool, decimal: str | None, parse_dates: bool) -> pd.Series:
    """The distinct non-missing values converted to the most specific type that fits all of them."""
    if values.empty or as_text or _ID_HEADER.fullmatch(name) or values.str.fullmatch(_LEADING_ZERO).any():
        return values.astype("string")
    if lower.isin(_TRUE | _FALSE).all():
        return lower.isin(_TRUE)
    if parse_dates and (dates := _to_datetime(values)) is not None:
        return dates
    if (numbers := _to_number(values, decimal)) is not None:
        return numbers
    return values.astype("string")


def _to_datetime(values: pd.Series) -> pd.Series | None:
    """Dates of one convention as datetime64[us] (NaT where impossible), else None."""
    if _all_match(values, _ISO_DATE):
        return pd.to_datetime(values, format="ISO8601", errors="coerce").astype("datetime64[us]")
    if not _all_match(values, _GERMAN_DATE):
        return None
    full = values.str.replace(_TWO_DIGIT_YEAR, _with_century, regex=True)
    full = full + _TIME_PADDING[full.str.count(":").to_numpy()]
    return pd.to_datetime(full, format="%d.%m.%Y %H:%M:%S", errors="coerce").astype("datetime64[us]")


def _with_century(match: re.Match) -> str:
    year = int(match[2])  # like strptime's %y: 00–68 → 20xx, 69–99 → 19xx
    return f"{match[1]}{2000 + year if year < 69 else 1900 + year}"


# --- writing ---------------------------------------------------------------------------------


def _format_column(column: pd.Series) -> np.ndarray:
    """The column's cells as German CSV text; missing values become empty."""
    dtype = column.dtype
    formatter: Callable[[Any], str]
    if pd.api.types.is_bool_dtype(dtype):
        formatter = _format_bool
    elif pd.api.types.is_float_dtype(dtype):
        formatter = _format_float
    elif pd.api.types.is_datetime64_any_dtype(dtype):
        formatter = _format_timestamp
    else:
        formatter = str
    # Format each distinct value once: dates and categories repeat a lot.
    codes, uniques = pd.factorize(column)
    formatted = np.array([formatter(value) for value in uniques] + [""], dtype=object)
    return formatted[codes]  # code -1 (missing) picks the trailing ""


def _format_bool(value) -> str:
    return "ja" if value else "nein"


def _format_float(value) -> str:
    return np.format_float_positional(value, unique=True, trim="0").replace(".", ",")


def _format_timestamp(value: pd.Timestamp) -> str:
    if value == value.normalize():
        return value.strftime("%d.%m.%Y")
    if value.second == 0:
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y %H:%M:%S")
