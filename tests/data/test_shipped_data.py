"""The default data set in data/ is exactly what the generator makes, in German Excel format."""
import pandas as pd
import pytest

import kundenkit as kk
from conftest import ROOT
from kundenkit.data.files import table_files

DEFAULT = kk.CourseParameters()


@pytest.fixture(scope="module")
def generated():
    return kk.generate_customers(seed=DEFAULT.seed, n_customers=DEFAULT.n_kunden, branche=DEFAULT.branche)


@pytest.mark.parametrize("table", kk.CustomerBase.TABLES)
def test_shipped_file_equals_the_generator(generated, table, tmp_path):
    shipped = ROOT / "data" / f"{table}.csv"
    fresh = kk.write_csv(getattr(generated, table), tmp_path / f"{table}.csv")
    assert shipped.read_bytes() == fresh.read_bytes(), (
        f"data/{table}.csv differs from the generator; regenerate it on purpose with "
        f"`rm data/{table}.csv && .venv/bin/kundenkit daten`")


@pytest.mark.parametrize("table", kk.CustomerBase.TABLES)
def test_shipped_file_reads_back_to_the_same_table(generated, table):
    shipped = kk.read_csv(ROOT / "data" / f"{table}.csv")
    assert shipped.index[0] == 2  # the line as Excel numbers it
    pd.testing.assert_frame_equal(shipped.reset_index(drop=True), getattr(generated, table), check_dtype=False)


def test_shipped_files_are_german_excel_csv():
    raw = (ROOT / "data" / "transaktionen.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    header, first = raw[3:].decode("utf-8").split("\r\n")[:2]
    assert header.split(";")[:3] == ["kunden_id", "datum", "betrag"]
    kunden_id, datum, betrag = first.split(";")[:3]
    assert kunden_id.startswith("K0") and len(datum) == 10 and datum[2] == datum[5] == "."
    assert "." not in betrag


def test_table_files_cover_every_table():
    assert set(table_files(ROOT / "data")) == set(kk.CustomerBase.TABLES)
