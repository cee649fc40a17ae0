import pytest

import kundenkit as kk
from kundenkit import KundenkitError


def test_defaults_are_valid():
    assert kk.validate_parameters() == kk.CourseParameters()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"branche": "Bäckerei"}, "Erlaubt sind: Handel, Bank, Versicherung, Telekommunikation, Maschinenbau"),
    ({"n_kunden": -5}, "'n_kunden' ist -5"),
    ({"n_kunden": 0}, "von 1 bis"),
    ({"n_kunden": 2.5}, "'n_kunden' muss eine ganze Zahl sein"),
    ({"n_kunden": True}, "'n_kunden' muss eine ganze Zahl sein"),
    ({"seed": -1}, "'seed' ist -1. Erlaubt sind ganze Zahlen ab 0"),
    ({"daten_pfad": "gibt/es/nicht"}, "'daten_pfad' nennt 'gibt/es/nicht'"),
    ({"daten_pfad": 3}, "'daten_pfad' muss ein Pfad"),
])
def test_invalid_parameters_get_a_german_error_naming_them(kwargs, message):
    with pytest.raises(KundenkitError, match=message):
        kk.load_course_data(**kwargs)


def test_sector_is_matched_without_regard_to_case():
    assert kk.validate_parameters(branche=" telekommunikation ").branche == "Telekommunikation"


def test_same_parameters_same_data():
    a = kk.load_course_data(seed=3, branche="Versicherung", n_kunden=200)
    b = kk.load_course_data(seed=3, branche="Versicherung", n_kunden=200)
    for name in a.TABLES:
        assert getattr(a, name).equals(getattr(b, name))


def test_own_data_folder_is_read(tmp_path):
    from kundenkit.data.files import save_customer_base

    save_customer_base(kk.generate_customers(seed=9, n_customers=50, branche="Bank"), tmp_path)
    (tmp_path / "kontakte.csv").unlink()
    data = kk.load_course_data(daten_pfad=str(tmp_path))
    assert data.kontakte is None
    assert len(data.kunden) == 50
    with pytest.raises(KundenkitError, match="kontakte.csv"):
        data.require("kontakte")


def test_single_own_file_is_recognised_by_its_columns(tmp_path):
    survey = kk.generate_customers(seed=9, n_customers=50).befragung
    path = kk.write_csv(survey, tmp_path / "Export Umfrage März.csv")
    data = kk.load_course_data(daten_pfad=path)
    assert data.befragung is not None and data.transaktionen is None


def test_unknown_single_file_says_which_names_fit(tmp_path):
    import pandas as pd

    path = kk.write_csv(pd.DataFrame({"foo": [1]}), tmp_path / "x.csv")
    with pytest.raises(KundenkitError, match="kunden.csv, transaktionen.csv"):
        kk.load_course_data(daten_pfad=path)


def test_n_kunden_written_with_a_german_thousands_point_is_explained():
    with pytest.raises(KundenkitError) as caught:
        kk.load_course_data(n_kunden=2.000)
    assert str(caught.value) == ("Der Parameter 'n_kunden' muss eine ganze Zahl sein. Sie haben 2.000 geschrieben; "
                                 "Python liest das als 2,0. Schreiben Sie 2000 ohne Punkt.")
    assert (caught.value.parameter, caught.value.wert) == ("n_kunden", 2.0)


@pytest.mark.parametrize(("value", "message"), [
    (1.5, "Der Parameter 'n_kunden' muss eine ganze Zahl sein, nicht 1,5. Erlaubt sind ganze Zahlen von 1 bis "
          "1.000.000. Wenn Sie 1.500 meinen: Schreiben Sie 1500 ohne Punkt."),
    ("2.000", "Der Parameter 'n_kunden' muss eine Zahl sein, kein Text. Schreiben Sie sie ohne Anführungszeichen: "
              "n_kunden = 2000"),
    (2000.0 * 1000, "Der Parameter 'n_kunden' muss eine ganze Zahl sein, nicht 2000000,0. Erlaubt sind ganze "
                    "Zahlen von 1 bis 1.000.000."),
])
def test_other_non_integers_for_n_kunden(value, message):
    with pytest.raises(KundenkitError) as caught:
        kk.validate_parameters(n_kunden=value)
    assert str(caught.value) == message


def test_unknown_sector_error_names_the_parameter_for_the_box():
    with pytest.raises(KundenkitError) as caught:
        kk.validate_parameters(branche="Bäckerei")
    assert (caught.value.parameter, caught.value.wert) == ("branche", "Bäckerei")
