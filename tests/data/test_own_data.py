"""A learner's own data, as observed in issue 9: footer lines, a typo in a date, a ragged row, Excel files.

Each case asserts the exact German message the learner sees.
"""
from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

import kundenkit as kk
from kundenkit.data.excel import read_excel
from kundenkit.errors import KundenkitError, KundenkitWarning

HEADER = "kunden_id;datum;betrag;produkt;kategorie"
ROWS = [f"K{n:06d};{1 + n % 28:02d}.0{1 + n % 9}.2023;{10 + n},{n % 100:02d};Wocheneinkauf;Lebensmittel"
        for n in range(1, 260)]


def own_folder(tmp_path, rows, name="transaktionen.csv", header=HEADER):
    folder = tmp_path / "mein_unternehmen"
    folder.mkdir()
    (folder / name).write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8-sig")
    return folder


def message_of(call) -> str:
    with pytest.raises(KundenkitError) as caught:
        call()
    return str(caught.value)


def test_footer_line_is_dropped_with_a_note_shown_with_the_data(tmp_path):
    folder = own_folder(tmp_path, [*ROWS, "Summe;;34.567,89;;"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # loading the folder gives the note in the header, not as a warning
        data = kk.load_course_data(daten_pfad=folder)
    path = folder / "transaktionen.csv"
    assert repr(data) == (
        "Ihre Daten aus 'mein_unternehmen': Kunden fehlt · Transaktionen 259 Zeilen · Kontakte fehlt · "
        "Befragung fehlt · Chancen fehlt\n"
        f"Hinweis: In der Datei '{path}' ist Zeile 261 (Summe; 34.567,89) eine Summenzeile; sie wurde nicht "
        "eingelesen. Der Kurs rechnet Summen selbst."
    )
    table = data.transaktionen
    assert table.index[-1] == 260 and table["kunden_id"].iloc[-1] == "K000259"
    assert table["datum"].dtype == "datetime64[us]" and table["betrag"].dtype == "float64"
    assert kk.models.relationship.customer_rates(table)["käufe"].sum() == 259


@pytest.mark.parametrize("footer", ["Gesamt:;;1.234,00;;", "TOTAL;;1234;;", "Endsumme;;1;;", ";Insgesamt;;;",
                                    "Summe;;12;;\r\nAnzahl;;259;;"])
def test_other_footer_words_are_dropped(tmp_path, footer):
    path = own_folder(tmp_path, [*ROWS, footer]) / "transaktionen.csv"
    with pytest.warns(KundenkitWarning, match="Summenzeile"):
        table = kk.read_csv(path)
    assert len(table) == 259 and len(table.attrs["hinweise"]) == footer.count("\n") + 1


def test_a_customer_named_total_in_a_full_row_is_kept(tmp_path):
    path = own_folder(tmp_path, [*ROWS, "Total AG;01.02.2024;12,50;Wocheneinkauf;Lebensmittel"]) / "transaktionen.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = kk.read_csv(path)
    assert table["kunden_id"].iloc[-1] == "Total AG"


def test_a_date_typed_the_wrong_way_is_blamed_with_its_line(tmp_path):
    rows = list(ROWS)
    rows[49] = "K000050;2023/08/26;60,50;Wocheneinkauf;Lebensmittel"  # line 51 in Excel
    folder = own_folder(tmp_path, rows)
    assert message_of(lambda: kk.load_course_data(daten_pfad=folder)) == (
        f"In der Datei '{folder / 'transaktionen.csv'}', Spalte 'datum', Zeile 51: Der Wert '2023/08/26' ist kein "
        "Datum in der Form TT.MM.JJJJ, wie die anderen Werte der Spalte. Schreiben Sie das Datum als 26.08.2023, "
        "speichern Sie die Datei und führen Sie die Zelle noch einmal aus."
    )


def test_an_impossible_date_names_file_column_and_line(tmp_path):
    rows = list(ROWS)
    rows[9] = "K000010;31.02.2023;20,10;Wocheneinkauf;Lebensmittel"
    folder = own_folder(tmp_path, rows)
    error = pytest.raises(KundenkitError, kk.load_course_data, daten_pfad=folder).value
    assert str(error) == (
        f"In der Datei '{folder / 'transaktionen.csv'}', Spalte 'datum', Zeile 11: Das Datum '31.02.2023' gibt es "
        "nicht. Korrigieren Sie Tag und Monat (TT.MM.JJJJ), speichern Sie die Datei und führen Sie die Zelle noch "
        "einmal aus."
    )
    assert (error.zeile, error.spalte, error.wert) == (11, "datum", "31.02.2023")


def test_a_row_with_an_extra_field_is_reported_by_its_line_and_keeps_the_header(tmp_path):
    rows = list(ROWS)
    rows[9] += ";extra"  # line 11
    path = own_folder(tmp_path, rows) / "transaktionen.csv"
    assert message_of(lambda: kk.read_csv(path)) == (
        f"In der Datei '{path}', Zeile 11: Diese Zeile hat 6 Felder, die Kopfzeile (Zeile 1) aber nur 5. Prüfen "
        "Sie das Trennzeichen (erkannt: Semikolon ';') und die Anführungszeichen in dieser Zeile: Ein Text, der "
        "das Trennzeichen enthält, muss in Anführungszeichen stehen. Ein Feld zu viel am Ende der Zeile löschen Sie."
    )


def test_a_missing_amount_is_reported_by_the_model_with_file_and_excel_line(tmp_path):
    rows = list(ROWS)
    rows[6] = "K000007;07.08.2023;k.A.;Wocheneinkauf;Lebensmittel"  # line 8
    path = own_folder(tmp_path, rows) / "transaktionen.csv"
    table = kk.read_csv(path)
    assert message_of(lambda: kk.models.relationship.customer_rates(table)) == (
        f"In der Datei '{path}', Spalte 'betrag', Zeile 8: Hier fehlt der Betrag. Ergänzen oder löschen Sie die Zeile."
    )


def test_a_rating_off_the_scale_names_the_excel_line(tmp_path):
    folder = tmp_path / "daten"
    folder.mkdir()
    path = folder / "kontakte.csv"
    path.write_text("Kontakte Export\n\nkunden_id;datum;kanal;touchpoint;bewertung\n"
                    "K1;01.02.2024;Telefon;Beratung;4\nK2;02.02.2024;E-Mail;Beratung;9\n", encoding="utf-8")
    table = kk.read_csv(path)
    assert message_of(lambda: kk.validation.check_scale(table, "bewertung", low=1, high=5)) == (
        f"In der Datei '{path}', Spalte 'bewertung', Zeile 5: Der Wert 9 liegt nicht auf der Skala 1 bis 5. "
        "Korrigieren Sie den Wert oder lassen Sie das Feld leer."
    )


def test_sample_data_are_labelled_as_such():
    assert repr(kk.load_course_data(n_kunden=10)).startswith("Beispieldaten Handel (seed 42): Kunden 10 Zeilen")


# --- Excel ------------------------------------------------------------------------------------


def workbook(path, rows, sheet="Tabelle1", more_sheets=()):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    for name, extra in more_sheets:
        sheet = book.create_sheet(name)
        for row in extra:
            sheet.append(row)
    book.save(path)
    return path


KUNDEN_ROWS = [
    ["Kundenliste Müller & Söhne, Stand 31.12.2024"],
    [],
    ["kunden_id", "name", "plz", "segment", "kunde_seit", "stammkunde", "umsatz"],
    ["K001", "Anna Adler", "01067", "Privat", dt.datetime(2019, 3, 1), "ja", 1234.5],
    ["K002", "Bernd Berg", "80331", "Gewerbe", "15.11.2021", "nein", "1.500,00 €"],
    [],
    ["K003", "Cora Christ", "20095", "Privat", "01.02.2022", "k.A.", None],
    ["Summe", None, None, None, None, None, 2734.5],
]


def test_xlsx_is_read_with_the_csv_column_recognition(tmp_path):
    path = workbook(tmp_path / "kunden.xlsx", KUNDEN_ROWS)
    with pytest.warns(KundenkitWarning) as notes:
        table = read_excel(path)
    assert list(table.columns) == ["kunden_id", "name", "plz", "segment", "kunde_seit", "stammkunde", "umsatz"]
    assert table.index.tolist() == [4, 5, 7]  # the row numbers Excel shows
    assert table["plz"].tolist() == ["01067", "80331", "20095"]
    assert table["kunde_seit"].tolist() == [pd.Timestamp("2019-03-01"), pd.Timestamp("2021-11-15"),
                                            pd.Timestamp("2022-02-01")]
    assert table["stammkunde"].tolist() == [True, False, pd.NA]
    assert table["umsatz"].tolist()[:2] == [1234.5, 1500.0] and pd.isna(table["umsatz"].iloc[2])
    assert str(notes[0].message) == (
        f"In der Datei '{path}' ist Zeile 8 (Summe; 2734,5) eine Summenzeile; sie wurde nicht eingelesen. "
        "Der Kurs rechnet Summen selbst."
    )


def test_read_csv_reads_a_workbook_too(tmp_path):
    path = workbook(tmp_path / "export.xlsx", KUNDEN_ROWS[2:5])
    assert kk.read_csv(path)["umsatz"].tolist() == [1234.5, 1500.0]


def test_a_named_sheet_is_read_and_a_missing_one_is_explained(tmp_path):
    path = workbook(tmp_path / "daten.xlsx", [["Notizen"]], more_sheets=[("Kunden", KUNDEN_ROWS[2:5])])
    assert read_excel(path, sheet=" kunden ")["kunden_id"].tolist() == ["K001", "K002"]
    assert message_of(lambda: read_excel(path, sheet="Umsatz")) == (
        f"In der Datei '{path}' gibt es kein Blatt 'Umsatz'. Vorhanden sind: Tabelle1, Kunden."
    )


def test_a_bad_date_in_excel_names_the_excel_row(tmp_path):
    rows = [["kunden_id", "datum", "betrag"]] + [[f"K{n}", f"{n:02d}.03.2024", 10.5] for n in range(1, 20)]
    rows[12][1] = "2024/03/12"  # Excel row 13
    path = workbook(tmp_path / "transaktionen.xlsx", rows)
    assert message_of(lambda: read_excel(path)) == (
        f"In der Datei '{path}', Spalte 'datum', Zeile 13: Der Wert '2024/03/12' ist kein Datum in der Form "
        "TT.MM.JJJJ, wie die anderen Werte der Spalte. Schreiben Sie das Datum als 12.03.2024, speichern Sie die "
        "Datei und führen Sie die Zelle noch einmal aus."
    )


def test_a_value_right_of_the_header_is_reported(tmp_path):
    path = workbook(tmp_path / "kunden.xlsx", [["kunden_id", "name"], ["K1", "Anna"], ["K2", "Bernd", "??"]])
    assert message_of(lambda: read_excel(path)) == (
        f"In der Datei '{path}', Zeile 3: Diese Zeile hat einen Wert rechts neben der letzten Spalte der Kopfzeile "
        "(Zeile 1, 2 Spalten). Geben Sie der Spalte in der Kopfzeile einen Namen, oder löschen Sie den Wert."
    )


def test_csv_settings_do_not_apply_to_excel(tmp_path):
    path = workbook(tmp_path / "kunden.xlsx", KUNDEN_ROWS[2:5])
    assert message_of(lambda: read_excel(path, sep=";")) == (
        f"Die Einstellung 'sep' gilt nur für CSV-Dateien; '{path}' ist eine Excel-Datei. Lassen Sie 'sep' weg."
    )


def test_own_folder_may_hold_excel_files(tmp_path):
    folder = tmp_path / "mein_unternehmen"
    folder.mkdir()
    workbook(folder / "kunden.xlsx", KUNDEN_ROWS)
    kk.write_csv(kk.generate_customers(seed=1, n_customers=5).kontakte, folder / "kontakte.csv")
    data = kk.load_course_data(daten_pfad=folder)
    assert len(data.kunden) == 3 and data.kontakte is not None and data.transaktionen is None
    assert repr(data).startswith("Ihre Daten aus 'mein_unternehmen': Kunden 3 Zeilen")
    assert "Hinweis: In der Datei" in repr(data) and "Zeile 8 (Summe; 2734,5)" in repr(data)


def test_csv_and_excel_of_one_table_are_refused(tmp_path):
    folder = tmp_path / "mein_unternehmen"
    folder.mkdir()
    workbook(folder / "kunden.xlsx", KUNDEN_ROWS)
    kk.write_csv(kk.generate_customers(seed=1, n_customers=5).kunden, folder / "kunden.csv")
    assert message_of(lambda: kk.load_course_data(daten_pfad=folder)) == (
        f"Im Ordner '{folder}' liegen für die Tabelle 'kunden' mehrere Dateien: kunden.csv, kunden.xlsx. "
        "Lassen Sie nur eine davon im Ordner."
    )
