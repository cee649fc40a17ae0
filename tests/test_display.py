"""The display layer: German formats, labels, no index, no raw Python values."""
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit import display
from kundenkit.formatting import MINUS, de_money, de_number
from output_scan import notebook_findings, output_problems, text_problems


def test_a_model_table_gets_german_headings_formats_and_no_index():
    df = pd.DataFrame({
        "fall": ["Tante Emma", "anonymer Discounter"], "erkennungsrate": [0.95, 0.05],
        "stärke": [0.6081, 0.0755], "preisaufschlag": [0.0608, 0.0075], "saldo": [6.19, -4.52],
        "promotor": [True, False], "letzter_kauf": pd.to_datetime(["2024-07-04", "2023-12-31"]),
    }, index=[5, 9])
    t = kk.tabelle(df)
    assert t.headings == ("Fall", "Erkennungsrate", "Stärke der Beziehung", "Preisaufschlag", "Saldo pro Jahr",
                          "Promotor", "Letzter Kauf")
    assert t.rows == (("Tante Emma", "95 %", "0,61", "6,1 %", "6,19 €", "ja", "04.07.2024"),
                      ("anonymer Discounter", "5 %", "0,08", "0,8 %", f"{MINUS}4,52 €", "nein", "31.12.2023"))
    assert "5" not in t.to_text().splitlines()[1][:2]  # the index is not shown
    assert not output_problems({"output_type": "execute_result", "data": t._repr_mimebundle_()})


def test_money_uses_the_minus_sign_everywhere_and_whole_euros_from_1000():
    t = kk.tabelle(pd.DataFrame({"euro_pro_jahr": [209215.56, -9506.45, 0.0]}))
    assert [r[0] for r in t.rows] == ["209.216 €", f"{MINUS}9.506 €", "0 €"]
    assert de_money(-0.004) == "0,00 €"  # no sign on a zero
    assert kk.wert(-12.5, "money") == f"{MINUS}12,50 €" and "-" not in kk.wert(-12.5, "money")


def test_unknown_snake_case_columns_never_show_underscores():
    t = kk.tabelle(pd.DataFrame({"anteil_neue_kunden": [0.5], "b": [1], "c": [2]}), vertical=False)
    assert t.headings[0] == "Anteil neue kunden"
    assert all("_" not in h for h in t.headings)


def test_declared_kinds_and_labels_win_over_the_registry():
    t = kk.tabelle(pd.DataFrame({"stärke": [0.6081]}), kinds={"stärke": "number:3"}, labels={"stärke": "Stärke"})
    assert t.headings == ("Stärke",) and t.rows == (("0,608",),)
    with pytest.raises(kk.KundenkitError, match="Unbekannte Darstellung 'prozent'"):
        kk.tabelle(pd.DataFrame({"x": [1]}), kinds={"x": "prozent"})


def test_arrays_lists_and_dicts_become_tables_without_raw_reprs():
    array = np.array([3.0, 3.45, 3.765])
    assert kk.tabelle(array).rows == (("3,00",), ("3,45",), ("3,77",))
    summary = kk.tabelle({"kunden": np.int64(1507), "anteil_gebrochen": np.float64(0.261)})
    assert summary.headings == ("Kennzahl", "Wert")
    assert summary.rows == (("Kunden", "1.507"), ("Anteil gebrochener Versprechen", "26,1 %"))
    assert summary.align == ("left", "right")
    columns = kk.tabelle({"Quartal": range(1, 3), "erwartung": np.array([3.0, 3.45])})
    assert columns.rows == (("1", "3,00"), ("2", "3,45"))
    assert kk.wert([True, False]) == "ja · nein"
    assert "array" not in repr(kk.tabelle(array)) and "np." not in repr(summary)


def test_a_one_row_summary_is_shown_as_a_list():
    one_row = pd.DataFrame([{"kunden": 1507, "anteil_gebrochen": 0.261, "mittleres_endvertrauen": 0.492}])
    assert kk.tabelle(one_row).headings == ("Kennzahl", "Wert")
    assert kk.tabelle(one_row, vertical=False).headings[0] == "Kunden"


def test_missing_values_show_a_dash():
    t = kk.tabelle(pd.DataFrame({"nps": [np.nan, 9.0], "datum": pd.to_datetime([None, "2024-01-02"])}))
    assert t.rows[0] == ("–", "–")


def test_a_named_index_becomes_the_first_column():
    s = pd.Series([0.2, 0.5], index=pd.Index(["Brot", "Käse"], name="produkt"), name="anteil")
    t = kk.tabelle(s)
    assert t.headings == ("Produkt", "Anteil") and t.rows == (("Brot", "20,0 %"), ("Käse", "50,0 %"))


def test_long_tables_say_how_many_rows_they_hide():
    t = kk.tabelle(pd.DataFrame({"kunden_id": [f"K{i}" for i in range(1533)]}))
    assert len(t.rows) == display.MAX_ROWS and t.note == "(gezeigt: die ersten 30 von 1.533 Zeilen)"


def test_html_escapes_wraps_long_text_and_fits_the_notebook_column():
    t = kk.tabelle(pd.DataFrame({"posten": ["<b>Deckungsbeitrag</b> " * 5], "gewinn": [1.0]}), title="A & B")
    markup = t._repr_html_()
    assert "&lt;b&gt;" in markup and "A &amp; B" in markup
    assert "max-width:700px" in markup and "overflow-x:auto" in markup and "white-space:normal" in markup
    assert "<th" in markup and "dataframe" not in markup


def test_a_notebook_shows_the_table_as_html_and_german_text():
    bundle = kk.tabelle(pd.DataFrame({"konfidenz": [0.512]}))._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert bundle["text/plain"] == "Konfidenz\n   51,2 %"
    cells = [{"id": "c1", "outputs": [{"output_type": "execute_result", "data": bundle}]}]
    assert notebook_findings("x.ipynb", cells) == []


def test_column_overview_shows_what_the_reader_recognised():
    df = pd.DataFrame({"plz": ["01067"], "kunde_seit": pd.to_datetime(["2023-04-11"]), "aktiv": [True]})
    rows = display.column_overview(df).rows
    assert rows == (("plz", "PLZ", "Text", "01067"), ("kunde_seit", "Kunde seit", "Datum", "11.04.2023"),
                    ("aktiv", "aktiv", "ja/nein", "ja"))


def test_every_column_of_the_course_data_and_models_has_a_german_label():
    data = kk.load_course_data(seed=3, n_kunden=200)
    tables = [t for t in data.tables().values()]
    from kundenkit.models import customer_profit as cp
    from kundenkit.models import expectations as ex
    from kundenkit.models import lane_change as lc
    from kundenkit.models import trust as tr
    tables += [cp.customer_profit(data.transaktionen, data.kontakte, data.befragung),
               lc.signal_scores(data.transaktionen, data.kontakte),
               ex.adaptive_compare(ex.experience_by_period(data.kontakte)),
               tr.contact_trust(data.kontakte), tr.customer_trust(data.kontakte)]
    missing = {c for t in tables for c in t.columns if c not in display.LABELS}
    assert not missing


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 3))
def test_numbers_read_back_to_the_rounded_value(value, decimals):
    text = de_number(value, decimals, minus=MINUS)
    back = float(text.replace(".", "").replace(",", ".").replace(MINUS, "-"))
    assert math.isclose(back, round(value, decimals), abs_tol=10 ** -decimals)
    assert not text_problems(text, snake_words=True)


def test_dates_with_times_keep_the_time():
    assert kk.wert(dt.datetime(2024, 7, 4, 9, 30)) == "04.07.2024 09:30"
    assert kk.wert(pd.Timestamp("2024-07-04")) == "04.07.2024"
