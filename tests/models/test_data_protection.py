"""The data inventory of the chapter-3 overview (story 3.6): what a table holds and which lessons need it."""
import pandas as pd
import pytest

import kundenkit as kk
from kundenkit.course import LESSON_TABLES
from kundenkit.data.synthetic import CustomerBase
from kundenkit.errors import KundenkitError
from kundenkit.models.data_protection import data_inventory, lessons_needing, minimisation_note, unneeded_tables


def test_inventory_lists_each_present_table_once_with_its_rows():
    base = kk.load_course_data(seed=3, branche="Bank", n_kunden=300)
    inventory = data_inventory(base)
    assert inventory["tabelle"].tolist() == ["kunden", "transaktionen", "kontakte", "befragung", "chancen"]
    assert inventory["zeilen"].tolist() == [len(t) for t in base.tables().values()]
    assert inventory.loc[0, "bestimmt_person"] == "name, plz, ort, land"


def test_own_data_with_only_some_tables_leaves_the_others_out():
    sample = kk.load_course_data(seed=1, n_kunden=50)
    own = CustomerBase(kunden=None, transaktionen=sample.transaktionen, kontakte=None, befragung=None,
                       branche="eigene Daten", seed=0, quelle="mein_unternehmen")
    assert data_inventory(own)["tabelle"].tolist() == ["transaktionen"]
    assert unneeded_tables(own) == []
    assert minimisation_note(own).startswith("Jede Ihrer Tabellen braucht")


def test_a_needed_table_with_names_in_it_gets_a_warning_to_leave_them_out():
    sample = kk.load_course_data(seed=1, n_kunden=50)
    with_names = sample.transaktionen.merge(sample.kunden[["kunden_id", "name"]], on="kunden_id")
    own = CustomerBase(kunden=None, transaktionen=with_names, kontakte=None, befragung=None,
                       branche="eigene Daten", seed=0, quelle="export")
    assert data_inventory(own).loc[0, "bestimmt_person"] == "name"
    assert "transaktionen enthalten Namen oder Adressen" in minimisation_note(own)


def test_lessons_needing_a_table_follow_the_course_register():
    assert lessons_needing("transaktionen", chapter=3) == [
        lesson for lesson, tables in LESSON_TABLES.items() if lesson.startswith("3.") and "transaktionen" in tables]
    assert lessons_needing("kunden") == []  # no lesson needs names or addresses
    assert set(lessons_needing("befragung")) == {"1.5", "2.7"}


def test_inventory_refuses_what_is_not_course_data():
    with pytest.raises(KundenkitError, match="kk.load_course_data"):
        data_inventory(pd.DataFrame({"a": [1]}))
