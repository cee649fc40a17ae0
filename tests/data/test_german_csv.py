"""Tests of kundenkit.data.german_csv: the CSV dialects of German-speaking users, the errors, the round trip."""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.errors import KundenkitError, KundenkitWarning


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "export.csv") -> Path:
    """Write ``text`` byte for byte (no newline translation) and return the path."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read_text(tmp_path: Path, text: str, **overrides) -> pd.DataFrame:
    return read_csv(csv_file(tmp_path, text), **overrides)


def error_of(tmp_path: Path, text: str, **overrides) -> str:
    with pytest.raises(KundenkitError) as caught:
        read_text(tmp_path, text, **overrides)
    return str(caught.value)


# --- encodings and layout --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8", "utf-16"])
def test_encoding_is_detected(tmp_path, encoding):
    df = read_csv(csv_file(tmp_path, "Straße;Betrag\r\nMüller & Söhne;12,50 €\r\n", encoding))
    assert list(df.columns) == ["Straße", "Betrag"]
    assert df.loc[2, "Straße"] == "Müller & Söhne"  # the index is the line as Excel numbers it
    assert df.loc[2, "Betrag"] == 12.5


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_separator_is_sniffed(tmp_path, sep):
    rows = [["Name", "Ort", "Menge"], ["Anna", f'"Berlin{sep} Mitte"', "3"], ["Bernd", "Wien", "12"]]
    df = read_text(tmp_path, "\n".join(sep.join(row) for row in rows) + "\n")
    assert list(df.columns) == ["Name", "Ort", "Menge"]
    assert df["Ort"].tolist() == [f"Berlin{sep} Mitte", "Wien"]
    assert df["Menge"].tolist() == [3, 12]


def test_semicolon_wins_over_decimal_commas(tmp_path):
    df = read_text(tmp_path, "Kunde;Preis;Rabatt\nA;1,5;0,25\nB;2,75;0,5\n")
    assert list(df.columns) == ["Kunde", "Preis", "Rabatt"]
    assert df["Preis"].tolist() == [1.5, 2.75]


def test_single_column_of_decimal_commas_stays_one_column(tmp_path):
    df = read_text(tmp_path, "Betrag\n1,5\n-2,25\n")
    assert df["Betrag"].tolist() == [1.5, -2.25]


def test_excel_sep_hint_is_used_and_skipped(tmp_path):
    df = read_text(tmp_path, "sep=,\r\nName,Betrag\r\nAnna,12.5\r\n")
    assert list(df.columns) == ["Name", "Betrag"]
    assert df["Betrag"].tolist() == [12.5]
    message = error_of(tmp_path, "sep=;\nA;B\n1;2\n3;4;5\n")
    assert "Zeile 3" in message  # Excel does not show the sep= line as a row


@pytest.mark.parametrize("title", [
    "Kundenliste Export 12.03.2024\n\n",
    "Kundenliste Export 12.03.2024;;\n;;\n",  # Excel pads title rows with separators
    "Mandant: Muster GmbH\nStand 12.03.2024, 14:00 Uhr\n\n",
])
def test_title_lines_above_the_header_are_skipped(tmp_path, title):
    df = read_text(tmp_path, title + "Kundennr;Name;Umsatz\n001;Anna;1,5\n002;Bernd;2\n")
    assert list(df.columns) == ["Kundennr", "Name", "Umsatz"]
    assert df["Kundennr"].tolist() == ["001", "002"]
    assert df["Umsatz"].tolist() == [1.5, 2.0]


def test_line_numbers_count_title_lines(tmp_path):
    message = error_of(tmp_path, "Kundenliste\n\nA;B\n1;2\n1;2;3\n")
    assert "Zeile 5" in message and "Kopfzeile (Zeile 3)" in message


def test_header_names_are_stripped_and_phantom_column_dropped(tmp_path):
    df = read_text(tmp_path, " Name ;\tBetrag ;\nAnna;1;\nBernd;2;\n")
    assert list(df.columns) == ["Name", "Betrag"]


def test_unnamed_last_column_with_values_is_kept(tmp_path):
    df = read_text(tmp_path, "Name;Betrag;\nAnna;1;x\nBernd;2;\n")
    assert list(df.columns) == ["Name", "Betrag", ""]
    assert df[""].tolist() == ["x", pd.NA]


def test_quoted_fields_with_separators_quotes_and_line_breaks(tmp_path):
    text = 'Name;Notiz;Betrag\nAnna;"Er sagte ""Hallo""; dann ging er";1\nBernd;"Zeile 1\r\nZeile 2";2\n'
    df = read_text(tmp_path, text)
    assert df["Notiz"].tolist() == ['Er sagte "Hallo"; dann ging er', "Zeile 1\r\nZeile 2"]
    assert df["Betrag"].tolist() == [1, 2]


def test_line_numbers_are_excel_rows_even_with_line_breaks_inside_quotes(tmp_path):
    message = error_of(tmp_path, 'A;B\n1;"x\ny"\n2;3;4\n')
    assert "Zeile 3" in message  # Excel keeps the quoted line break inside one row


def test_short_rows_are_padded_and_empty_extra_fields_ignored(tmp_path):
    df = read_text(tmp_path, "A;B;C\n1;2\n3;4;5;;\n\n6;7;8\n")
    assert df["C"].tolist() == [pd.NA, 5, 8]
    assert str(df["C"].dtype) == "Int64"


def test_text_is_normalised_to_nfc(tmp_path):
    df = read_text(tmp_path, "Gro\u0308ße;Name\nXL;Mu\u0308ller\n")
    assert list(df.columns) == ["Größe", "Name"]
    assert df["Name"].tolist() == ["Müller"]


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), [
    ("1.234,56", 1234.56),
    ("1 234,56", 1234.56),
    ("1\u00a0234,56", 1234.56),
    ("1\u202f234,56", 1234.56),
    ("1'234.50", 1234.5),
    ("12’000.00", 12000.0),
    ("1,234,567.5", 1234567.5),
    ("1234.5", 1234.5),
    ("1234,5", 1234.5),
    ("12,50 €", 12.5),
    ("€ 12,50", 12.5),
    ("12,50 EUR", 12.5),
    ("CHF 1'234.50", 1234.5),
    ("Fr. 12.50", 12.5),
    ("SFr. 12.50", 12.5),
    ("$12.50", 12.5),
    ("12,50-", -12.5),
    ("-12,50", -12.5),
    ("-€ 12,50", -12.5),
    ("€ -12,50", -12.5),
    ("12,5 %", 0.125),
    ("12,5%", 0.125),
    ("-3 %", -0.03),
])
def test_number_formats(tmp_path, cell, expected):
    df = read_text(tmp_path, f"Kunde;Wert\nA;{cell}\n")
    assert df["Wert"].dtype == "float64"
    assert df["Wert"].iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize(("cell", "expected"), [("42", 42), ("-7", -7), ("1.234.567", 1234567), ("12-", -12)])
def test_whole_numbers_are_integers(tmp_path, cell, expected):
    df = read_text(tmp_path, f"Kunde;Menge\nA;{cell}\n")
    assert df["Menge"].dtype == "int64"
    assert df["Menge"].iloc[0] == expected


def test_mixed_conventions_resolve_per_value(tmp_path):
    df = read_text(tmp_path, "Kunde;Betrag\nA;1.234,50\nB;1234.5\nC;1.234\nD;12,5\n")
    assert df["Betrag"].tolist() == [1234.5, 1234.5, 1234.0, 12.5]


def test_single_point_with_three_digits_is_decimal_without_decimal_commas(tmp_path):
    df = read_text(tmp_path, "Kunde;Gewicht\nA;1.234\nB;2.5\n")
    assert df["Gewicht"].tolist() == [1.234, 2.5]


def test_points_alone_are_read_as_german_thousands_and_said_so(tmp_path):
    with pytest.warns(KundenkitWarning, match="Spalte 'Betrag': Zahlen wie '1.234' wurden mit Punkt als "
                                              "Tausendertrennzeichen gelesen"):
        df = read_text(tmp_path, "Kunde;Betrag\nA;1.234\nB;12.500\nC;7\n")
    assert df["Betrag"].tolist() == [1234, 12500, 7]
    assert "Tausendertrennzeichen" in df.attrs["hinweise"][0]


@pytest.mark.parametrize("cells", [["12,50", "unbekannt"], ["1.2.3", "4"], ["-12-", "3"], ["12 34", "5"]])
def test_column_with_a_non_number_stays_text(tmp_path, cells):
    df = read_text(tmp_path, "Kunde;Wert\n" + "".join(f"K{i};{cell}\n" for i, cell in enumerate(cells)))
    assert df["Wert"].dtype == "string"
    assert df["Wert"].tolist() == cells


def test_digit_strings_beyond_int64_stay_text(tmp_path):
    df = read_text(tmp_path, "Kunde;Konto\nA;123456789012345678901234\n")
    assert df["Konto"].tolist() == ["123456789012345678901234"]


# --- missing values, bools, dates, identifiers -----------------------------------------------


def test_missing_markers_become_na(tmp_path):
    markers = ["k.A.", "k. A.", "n/a", "N/A", "-", "–", "", "  "]
    df = read_text(tmp_path, "Kunde;Wert;Text\n" + "".join(f"K;{m};{m}\n" for m in markers) + "K;5;x\n")
    assert str(df["Wert"].dtype) == "Int64"
    assert df["Wert"].isna().sum() == len(markers) and df["Wert"].iloc[-1] == 5
    assert df["Text"].isna().sum() == len(markers)


def test_ja_nein_become_bool(tmp_path):
    df = read_text(tmp_path, "Kunde;Aktiv\nA;ja\nB;Nein\nC;JA\nD;wahr\nE;FALSCH\n")
    assert df["Aktiv"].dtype == "bool"
    assert df["Aktiv"].tolist() == [True, False, True, True, False]


def test_bool_with_missing_values_is_nullable(tmp_path):
    df = read_text(tmp_path, "Kunde;Aktiv\nA;ja\nB;\nC;nein\n")
    assert str(df["Aktiv"].dtype) == "boolean"
    assert df["Aktiv"].tolist() == [True, pd.NA, False]


def test_cross_marks_are_not_bool(tmp_path):
    df = read_text(tmp_path, "Kunde;Markiert\nA;x\nB;\nC;x\n")
    assert df["Markiert"].dtype == "string"
    assert df["Markiert"].tolist() == ["x", pd.NA, "x"]


@pytest.mark.parametrize(("cell", "expected"), [
    ("12.03.2024", "2024-03-12"),
    ("1.3.2024", "2024-03-01"),
    ("12.03.24", "2024-03-12"),
    ("12.03.68", "2068-03-12"),
    ("12.03.69", "1969-03-12"),
    ("12.03.2024 14:30", "2024-03-12 14:30"),
    ("12.03.2024 9:05:15", "2024-03-12 09:05:15"),
    ("2024-03-12", "2024-03-12"),
    ("2024-03-12 14:30:00", "2024-03-12 14:30"),
    ("2024-03-12T14:30", "2024-03-12 14:30"),
])
def test_date_formats(tmp_path, cell, expected):
    df = read_text(tmp_path, f"Kunde;Datum\nA;{cell}\nB;\n")
    assert df["Datum"].dtype == "datetime64[us]"
    assert df["Datum"].iloc[0] == pd.Timestamp(expected)
    assert pd.isna(df["Datum"].iloc[1])


def test_dates_with_and_without_time_mix(tmp_path):
    df = read_text(tmp_path, "Kunde;Datum\nA;12.03.2024\nB;13.03.2024 08:30\n")
    assert df["Datum"].tolist() == [pd.Timestamp("2024-03-12"), pd.Timestamp("2024-03-13 08:30")]


def test_mixed_date_conventions_stay_text(tmp_path):
    df = read_text(tmp_path, "Kunde;Datum\nA;12.03.2024\nB;2024-03-13\n")
    assert df["Datum"].dtype == "string"


def test_invalid_date_names_file_line_column_and_value(tmp_path):
    message = error_of(tmp_path, "Kunde;Datum\nA;28.02.2024\nB;31.02.2024\n")
    assert "export.csv" in message and "Zeile 3" in message
    assert "'Datum'" in message and "'31.02.2024'" in message


def test_parse_dates_false_keeps_text(tmp_path):
    df = read_text(tmp_path, "Kunde;Datum\nA;31.02.2024\n", parse_dates=False)
    assert df["Datum"].tolist() == ["31.02.2024"]


def test_leading_zeros_keep_a_column_text(tmp_path):
    df = read_text(tmp_path, "Kennung;Ort\n00123;Dresden\n4567;Wien\n")
    assert df["Kennung"].dtype == "string"
    assert df["Kennung"].tolist() == ["00123", "4567"]


@pytest.mark.parametrize("name", ["id", "ID", "kunden_id", "Kunden-ID", "Kundennr", "Rechnungsnummer",
                                  "PLZ", "Postleitzahl", "Kundennummer"])
def test_identifier_headers_keep_a_column_text(tmp_path, name):
    df = read_text(tmp_path, f"{name};Ort\n10115;Berlin\n80331;München\n")
    assert df[name].tolist() == ["10115", "80331"]


# --- overrides -------------------------------------------------------------------------------


def test_encoding_override(tmp_path):
    path = csv_file(tmp_path, "Straße;Wert\nÖl;1\n", "cp1252")
    assert read_csv(path, encoding="cp1252")["Straße"].tolist() == ["Öl"]
    with pytest.raises(KundenkitError, match="'utf-8'"):
        read_csv(path, encoding="utf-8")


def test_sep_override(tmp_path):
    df = read_text(tmp_path, "A,B;C\n1,2;3\n", sep=",")
    assert list(df.columns) == ["A", "B;C"]


def test_decimal_override(tmp_path):
    assert read_text(tmp_path, "Kunde;Wert\nA;1,234\n", decimal=".")["Wert"].tolist() == [1234]
    assert read_text(tmp_path, "Kunde;Wert\nA;1.234\nB;1.500\n", decimal=",")["Wert"].tolist() == [1234, 1500]
    assert read_text(tmp_path, "Kunde;Wert\nA;1.5\n", decimal=",")["Wert"].tolist() == ["1.5"]


def test_dtype_override_keeps_text(tmp_path):
    df = read_text(tmp_path, "Kunde;Betrag\nA;12,50\n", dtype={"Betrag": "string"})
    assert df["Betrag"].tolist() == ["12,50"]


def test_header_line_override(tmp_path):
    text = "Export;Stand;12.03.2024\nKunde;Ort;Umsatz\nA;Wien;1,5\n"
    assert list(read_text(tmp_path, text)) == ["Export", "Stand", "12.03.2024"]
    assert list(read_text(tmp_path, text, header_line=2)) == ["Kunde", "Ort", "Umsatz"]
    assert "Zeile 9" in error_of(tmp_path, text, header_line=9)


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"delimiter": ";"}, "encoding, sep, decimal, dtype, parse_dates, header_line"),
    ({"sep": ";;"}, "genau ein Zeichen"),
    ({"decimal": "'"}, "decimal"),
    ({"dtype": {"Betrag": "float"}}, "dtype"),
    ({"dtype": {"Gibtsnicht": "string"}}, "Gibtsnicht"),
    ({"parse_dates": "nein"}, "parse_dates"),
    ({"header_line": 0}, "header_line"),
    ({"encoding": "klingonisch"}, "klingonisch"),
])
def test_invalid_overrides_are_explained(tmp_path, overrides, expected):
    assert expected in error_of(tmp_path, "Kunde;Betrag\nA;1\n", **overrides)


# --- errors ----------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(KundenkitError, match="nicht gefunden.*Prüfen Sie den Pfad"):
        read_csv(tmp_path / "fehlt.csv")


@pytest.mark.parametrize("text", ["", "\r\n\n", "sep=;\n"])
def test_empty_file(tmp_path, text):
    assert "ist leer" in error_of(tmp_path, text)


def test_row_with_too_many_fields(tmp_path):
    message = error_of(tmp_path, "Kunde;Betrag;Ort\nA;1;Wien\nB;1,5;2;Graz\n")
    assert "Zeile 3" in message and "4 Felder" in message and "nur 3" in message
    assert "Trennzeichen" in message and "Anführungszeichen" in message


def test_unclosed_quote_names_the_line_where_it_starts(tmp_path):
    message = error_of(tmp_path, 'Kunde;Notiz\nA;gut\nB;"offen\nC;x\nD;y\n')
    assert "Zeile 3" in message and "Anführungszeichen" in message


def test_text_after_a_closing_quote_is_a_quote_error(tmp_path):
    message = error_of(tmp_path, 'Kunde;Notiz\nA;"zu"viel\n')
    assert "Zeile 2" in message and "Anführungszeichen" in message


def test_duplicate_header_names(tmp_path):
    message = error_of(tmp_path, "Liste\n\nName;Betrag;Name\nA;1;B\n")
    assert "Spalten 1 und 3" in message and "'Name'" in message and "Zeile 3" in message


@pytest.mark.parametrize(("data", "expected"), [
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),  # a zip archive, but no workbook
     "Die Datei '{path}' lässt sich nicht als Excel-Arbeitsmappe lesen (BadZipFile). Öffnen Sie sie in Excel "
     "und speichern Sie sie als 'Excel-Arbeitsmappe (.xlsx)' oder als 'CSV UTF-8 (durch Trennzeichen getrennt)'."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),  # an old .xls
     "Die Datei '{path}' ist eine Excel-Datei im alten Format (.xls). Öffnen Sie sie in Excel und speichern Sie "
     "sie als 'Excel-Arbeitsmappe (.xlsx)' oder als 'CSV UTF-8 (durch Trennzeichen getrennt)'."),
    (b"Kunde;Wert\n\x81\x8d\xff;1\n",  # neither UTF-8 nor cp1252
     "Die Datei '{path}' ist vermutlich keine CSV-Datei (sondern z. B. ein PDF oder ein Bild). Speichern Sie die "
     "Daten in Excel als 'Excel-Arbeitsmappe (.xlsx)' oder als 'CSV UTF-8 (durch Trennzeichen getrennt)'."),
    (b"Kunde;Wert\n\x00\x01\x02;1\n",  # control bytes
     "Die Datei '{path}' ist vermutlich keine CSV-Datei (sondern z. B. ein PDF oder ein Bild). Speichern Sie die "
     "Daten in Excel als 'Excel-Arbeitsmappe (.xlsx)' oder als 'CSV UTF-8 (durch Trennzeichen getrennt)'."),
])
def test_binary_file_is_not_a_csv(tmp_path, data, expected):
    path = tmp_path / "kunden.csv"
    path.write_bytes(data)
    with pytest.raises(KundenkitError) as caught:
        read_csv(path)
    assert str(caught.value) == expected.format(path=path)


# --- writing ---------------------------------------------------------------------------------


def test_write_csv_writes_the_german_excel_format(tmp_path):
    df = pd.DataFrame({
        "kundennr": pd.array(["00123", None], dtype="string"),
        "betrag": [1234.5, 0.1],
        "menge": pd.array([3, None], dtype="Int64"),
        "aktiv": [True, False],
        "datum": pd.to_datetime(["2024-03-12 00:00:00", "2024-03-13 08:30:15"]),
        "notiz": ['Er sagte "ja"; dann\nging er', "ohne"],
    })
    path = write_csv(df, tmp_path / "neu" / "ordner" / "kunden.csv")
    assert path == tmp_path / "neu" / "ordner" / "kunden.csv"
    assert path.read_bytes() == (
        "\ufeffkundennr;betrag;menge;aktiv;datum;notiz\r\n"
        '00123;1234,5;3;ja;12.03.2024;"Er sagte ""ja""; dann\nging er"\r\n'
        + ";0,1;;nein;13.03.2024 08:30:15;ohne\r\n"
    ).encode("utf-8")


@pytest.mark.parametrize(("value", "text"), [(12.5, "12,5"), (0.1, "0,1"), (3.0, "3,0"), (-0.25, "-0,25"),
                                             (1e16, "10000000000000000,0"), (1 / 3, "0,3333333333333333")])
def test_write_csv_writes_floats_exactly(tmp_path, value, text):
    path = write_csv(pd.DataFrame({"wert": [value]}), tmp_path / "f.csv")
    assert path.read_bytes().decode("utf-8-sig").splitlines()[1] == text
    assert read_csv(path)["wert"].iloc[0] == value


def test_write_csv_overwrites(tmp_path):
    path = tmp_path / "f.csv"
    write_csv(pd.DataFrame({"a": [1]}), path)
    write_csv(pd.DataFrame({"b": [2]}), path)
    assert list(read_csv(path)) == ["b"]


def test_write_csv_refuses_what_it_cannot_write(tmp_path):
    with pytest.raises(KundenkitError, match="mehrfach"):
        write_csv(pd.DataFrame([[1, 2]], columns=["a", "a"]), tmp_path / "f.csv")
    with pytest.raises(KundenkitError, match="DataFrame"):
        write_csv([[1, 2]], tmp_path / "f.csv")


# Column name → (values, dtype with missing values); without missing values Int64/boolean become int64/bool.
ROUND_TRIP_COLUMNS = {
    "kunden_nr": (st.from_regex(r"0[0-9]{1,8}", fullmatch=True), "string"),
    "plz": (st.from_regex(r"[0-9]{4,5}", fullmatch=True), "string"),
    "betrag": (st.floats(allow_nan=False, allow_infinity=False), "float64"),
    "anzahl": (st.integers(min_value=-(2**63), max_value=2**63 - 1), "Int64"),
    "aktiv": (st.booleans(), "boolean"),
    "datum": (st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))
              .map(lambda moment: moment.replace(microsecond=0)), "datetime64[us]"),
    # Text that cannot be mistaken for a number, date, bool or missing value.
    "notiz": (st.text(st.sampled_from(list("aäöüßAÖ xy;\"'\n\r.-")), max_size=12).map(lambda text: f"«{text}»"),
              "string"),
}
_WITHOUT_MISSING = {"Int64": "int64", "boolean": "bool"}


@st.composite
def frames(draw) -> pd.DataFrame:
    names = draw(st.lists(st.sampled_from(list(ROUND_TRIP_COLUMNS)), min_size=1, unique=True))
    n_rows = draw(st.integers(min_value=1, max_value=6))
    columns = {}
    for name in names:
        values, dtype = ROUND_TRIP_COLUMNS[name]
        cells = draw(st.lists(st.none() | values, min_size=n_rows, max_size=n_rows))
        if all(cell is None for cell in cells):  # a column of missing values only has no type to keep
            cells[0] = draw(values)
        column = pd.Series(cells, dtype=dtype)
        columns[name] = column if column.isna().any() else column.astype(_WITHOUT_MISSING.get(dtype, dtype))
    return pd.DataFrame(columns)


@settings(max_examples=150, deadline=None)
@given(frames())
def test_round_trip(df):
    with tempfile.TemporaryDirectory() as folder:
        again = read_csv(write_csv(df, Path(folder) / "runde.csv"))
    assert again.index.tolist() == list(range(2, len(df) + 2))  # the lines below the header
    pd.testing.assert_frame_equal(again.reset_index(drop=True), df)


def test_a_large_german_export_reads_with_the_right_types(tmp_path):
    """Speed of the same file is measured in benchmarks/run.py, not here."""
    rng = np.random.default_rng(0)
    n = 100_000
    cents = rng.integers(0, 10**8, n)
    table = pd.DataFrame({
        "Kundennr": [f"{i:06d}" for i in range(n)],
        "Name": [f"Kunde {i} GmbH" for i in rng.integers(0, 10**6, n)],
        "Datum": [f"{d:02d}.{m:02d}.{y}" for d, m, y in zip(rng.integers(1, 29, n), rng.integers(1, 13, n),
                                                            rng.integers(1990, 2025, n))],
        "Betrag": [f"{c // 100:,}".replace(",", ".") + f",{c % 100:02d} €" for c in cents],
        "Aktiv": np.where(rng.random(n) < 0.5, "ja", "nein"),
        "Menge": rng.integers(-50, 50, n).astype(str),
    })
    path = tmp_path / "gross.csv"
    table.to_csv(path, sep=";", index=False, encoding="cp1252")
    df = read_csv(path)
    assert [str(dtype) for dtype in df.dtypes] == ["string", "string", "datetime64[us]", "float64", "bool", "int64"]
    assert df["Betrag"].iloc[0] == pytest.approx(cents[0] / 100)
