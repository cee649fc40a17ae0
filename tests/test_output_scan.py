"""The scan for non-German output finds what chapter 1 showed, and lets German output pass."""
import pytest

from output_scan import notebook_findings, output_problems, text_problems


@pytest.mark.parametrize("text", [
    "209215.56", "0.6081", "array([3.  , 3.45, 3.76])", "Stichtag: 04.07.2024\n0 2023-07-08", "True",
    "spurwechsel  False", "1,234.56", "nan", "Support 0.161", "Lektionen 3.8, Anteil 0.25",
])
def test_english_output_is_found(text):
    assert text_problems(text, snake_words=False)


@pytest.mark.parametrize("text", [
    "1.234,56", "12,5 %", "1.234 €", "−9.506 €", "31.12.2024", "ja", "nein", "1.533", "2.000.000",
    "Version: 0.1.0", "✅ Aufgabe 1.11-c: Richtig!", "Lektion 1.4", "Kundenbasis Handel: Kunden 2.000 Zeilen",
    "K000001", "Der Parameter 'daten_pfad' nennt …", "Wahrscheinlichkeit 0,6081",
    "Lektionen 3.8, 3.9 und 3.10",
])
def test_german_output_passes(text):
    assert text_problems(text, snake_words=True) == []


def test_snake_case_headings_are_found_in_html_and_plain_text():
    html = {"output_type": "execute_result", "data": {"text/html": "<table><tr><th>käufe_pro_jahr</th></tr></table>",
                                                      "text/plain": "Käufe"}}
    assert [p for p, _ in output_problems(html)] == ["Spaltenüberschrift snake_case käufe_pro_jahr"]
    plain = {"output_type": "execute_result", "data": {"text/plain": "kunden_id  string"}}
    assert [p for p, _ in output_problems(plain)] == ["snake_case kunden_id"]


def test_code_widget_views_and_check_records_are_not_scanned():
    cells = [{"id": "c1", "source": "x = 0.5", "outputs": [
        {"output_type": "display_data", "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "a"},
                                                 "text/plain": "FloatSlider(value=0.5)"}},
        {"output_type": "execute_result", "data": {"application/vnd.kundenkit.check+json": {"antwort": 0.61},
                                                   "text/plain": "Richtig!"}},
    ]}]
    assert notebook_findings("a.ipynb", cells) == []


def test_a_finding_names_notebook_cell_and_text():
    cells = [{"id": "c09", "outputs": [{"output_type": "stream", "name": "stdout", "text": "Lift 2.56\n"}]}]
    (finding,) = notebook_findings("notebooks/01_03.ipynb", cells)
    assert str(finding).startswith("notebooks/01_03.ipynb, Zelle c09: englische Dezimalzahl 2.56: …Lift 2.56")
