"""Lesson 5.6: touchpoints by department from a replaceable assignment, and rigid norms vs room to act."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from conftest import ROOT
from kundenkit import KundenkitError
from kundenkit.data.synthetic import SECTOR_PROFILES
from kundenkit.models import customer_focus as cf

share = st.floats(min_value=0, max_value=1, allow_nan=False)


def test_shipped_assignment_file_is_the_course_default_in_german_excel_csv(tmp_path):
    shipped = ROOT / "data" / cf.ASSIGNMENT_FILE
    fresh = kk.write_csv(cf.default_assignment(), tmp_path / cf.ASSIGNMENT_FILE)
    assert shipped.read_bytes() == fresh.read_bytes(), "regenerate data/touchpoint_abteilungen.csv on purpose"
    assignment = cf.read_assignment(shipped)
    assert cf.assignment_title(assignment) == cf.ASSIGNMENT_TITLE
    assert set(assignment["quelle"]) == {"Kurs (Zuordnung des Kurses)"}


def test_every_touchpoint_of_the_sample_data_has_a_department():
    known = set(cf.default_assignment()["touchpoint"])
    for sector, profile in SECTOR_PROFILES.items():
        missing = {tp.name for tp in profile.touchpoints} - known
        assert not missing, f"{sector}: {missing}"
    for sector in ("Versicherung", "Telekommunikation", "Bank"):
        assert "Beschwerde" in known
        data = kk.generate_customers(seed=3, branche=sector, n_customers=300)
        assert cf.department_map(data.kontakte).unassigned == ()


def test_contacts_and_customers_add_up_and_unknown_touchpoints_are_named():
    data = kk.generate_customers(seed=5, branche="Bank", n_customers=800)
    k = data.kontakte.copy()
    k.loc[k.index[:7], "touchpoint"] = "Brieftaube"
    m = cf.department_map(k)
    assert m.departments["kontakte"].sum() == len(k)
    assert m.departments["anteil"].sum() == pytest.approx(1, abs=1e-3)
    assert m.departments["abteilung"].iloc[-1] == cf.UNASSIGNED
    assert m.unassigned == ("Brieftaube",)
    assert m.spread["kunden"].sum() == k["kunden_id"].nunique() == m.customers
    own = m.departments.set_index("abteilung")
    mean = k.groupby(k["touchpoint"].map(dict(zip(cf.default_assignment()["touchpoint"],
                                                  cf.default_assignment()["abteilung"]))))["bewertung"].mean()
    assert own.loc["Vertrieb", "bewertung"] == pytest.approx(mean["Vertrieb"], abs=0.005)
    assert 1 <= m.mean_departments <= len(m.departments)


def test_a_trainer_assignment_replaces_the_course_one():
    k = pd.DataFrame({"kunden_id": ["K1", "K1"], "touchpoint": ["Kasse", "Hotline"], "bewertung": [4, 2]})
    own = pd.DataFrame({"touchpoint": ["Kasse", "Hotline"], "abteilung": ["Zentrale", "Zentrale"]})
    m = cf.department_map(k, own)
    assert m.departments["abteilung"].tolist() == ["Zentrale"] and m.share_several == 0
    assert cf.assignment_title(own) == "Ihre Zuordnung"


def test_assignment_errors_are_german_and_name_the_line(tmp_path):
    path = tmp_path / "z.csv"
    path.write_text("touchpoint;abteilung\nKasse;Filialen\nKasse;Vertrieb\n", encoding="utf-8")
    with pytest.raises(KundenkitError, match=r"Zeile 3.*'Kasse' kommt mehrfach vor"):
        cf.read_assignment(path)
    with pytest.raises(KundenkitError, match="Spalte 'abteilung'"):
        cf.check_assignment(pd.DataFrame({"touchpoint": ["A"]}))
    with pytest.raises(KundenkitError, match="keine Bewertung von 1 bis 5"):
        cf.department_map(pd.DataFrame({"touchpoint": ["Kasse"], "bewertung": [9]}))


def test_rigid_script_wins_with_few_special_requests_and_room_with_many():
    assert cf.norms_vs_freedom(0, 0.0).best_freedom == 0.0
    assert cf.norms_vs_freedom(0, 1.0).best_freedom == 1.0
    low, high = cf.norms_vs_freedom(0, 0.1), cf.norms_vs_freedom(0, 0.6)
    assert low.script_satisfied > float(low.curve["zufrieden_gesamt"].iloc[-1])
    assert high.script_satisfied < float(high.curve["zufrieden_gesamt"].iloc[-1])
    assert 0 < cf.break_even_share() < 1


def test_bad_shares_raise_german_errors():
    with pytest.raises(KundenkitError, match="'freedom'"):
        cf.norms_vs_freedom(1.2, 0.3)
    with pytest.raises(KundenkitError, match="'special_share'"):
        cf.norms_vs_freedom(0.5, -0.1)


@settings(max_examples=60, deadline=None)
@given(freedom=share, special=share)
def test_shares_stay_in_bounds_and_the_total_is_the_mix(freedom, special):
    row = cf.satisfied([freedom], special).iloc[0]
    for column in cf.CURVE_COLUMNS[1:]:
        assert 0 <= row[column] <= 1
    mix = (1 - special) * row["zufrieden_standard"] + special * row["zufrieden_sonder"]
    assert row["zufrieden_gesamt"] == pytest.approx(mix, abs=2e-4)


@settings(max_examples=40, deadline=None)
@given(a=share, b=share)
def test_more_room_helps_special_requests_and_more_special_requests_favour_room(a, b):
    lo, hi = sorted((a, b))
    curve = cf.satisfied([lo, hi], 0.5)
    assert curve["zufrieden_sonder"].iloc[1] >= curve["zufrieden_sonder"].iloc[0]
    assert curve["zufrieden_standard"].iloc[1] <= curve["zufrieden_standard"].iloc[0]
    assert cf.norms_vs_freedom(0, hi).best_freedom >= cf.norms_vs_freedom(0, lo).best_freedom


def test_the_map_changes_with_sector_and_seed():
    a = cf.department_map(kk.generate_customers(seed=7, branche="Bank", n_customers=600).kontakte)
    b = cf.department_map(kk.generate_customers(seed=2024, branche="Maschinenbau", n_customers=600).kontakte)
    assert a.departments["abteilung"].tolist() != b.departments["abteilung"].tolist()
    assert not np.isclose(a.mean_departments, b.mean_departments)
