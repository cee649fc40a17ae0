"""Lesson 4.5: advance rates, chances of winning, weighted pipeline and velocity of the learner's opportunities."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit.errors import KundenkitError
from kundenkit.models.sales_pipeline import OPEN_STAGES, STAGES, PipelineModel, check_opportunities, lesson_model

HEADER = "chance_id;kunden_id;angelegt_am;phase;status;betrag;abgeschlossen_am"


def table(rows):
    return pd.DataFrame(rows, columns=["phase", "status", "betrag"])


def test_advance_rates_count_what_each_closed_opportunity_reached():
    # 10 closed: 4 lost in Erstkontakt, 2 in Bedarf geklärt, 1 in Angebot, 1 in Verhandlung, 2 won.
    rows = ([("Erstkontakt", "verloren", 1.0)] * 4 + [("Bedarf geklärt", "verloren", 1.0)] * 2
            + [("Angebot", "verloren", 1.0), ("Verhandlung", "verloren", 1.0)] + [("Abschluss", "gewonnen", 5.0)] * 2
            + [("Angebot", "offen", 100.0)])
    model = lesson_model(table(rows))
    assert model.advance_rates().tolist() == [6 / 10, 4 / 6, 3 / 4, 2 / 3]
    assert model.historical_chances().tolist() == pytest.approx([2 / 10, 2 / 6, 2 / 4, 2 / 3])
    funnel = model.funnel()
    assert funnel["erreicht"].tolist() == [10, 6, 4, 3, 2]
    assert model.weighted() == pytest.approx(50.0) and model.unweighted == 100.0


def test_chance_from_the_first_stage_is_the_win_rate_of_all_closed():
    chancen = kk.generate_customers(seed=4, n_customers=1500, branche="Versicherung").chancen
    model = lesson_model(chancen)
    closed = chancen[chancen["status"] != "offen"]
    assert model.historical_chances()[0] == pytest.approx((closed["status"] == "gewonnen").mean())
    assert model.velocity().at[0, "gewinnquote"] == pytest.approx((closed["status"] == "gewonnen").mean())


def test_velocity_follows_the_formula_on_the_course_data():
    chancen = kk.generate_customers(seed=4, n_customers=1500, branche="Bank").chancen
    won = chancen[chancen["status"] == "gewonnen"]
    closed = chancen[chancen["status"] != "offen"]
    expected = ((chancen["status"] == "offen").sum() * len(won) / len(closed) * won["betrag"].mean()
                / (won["abgeschlossen_am"] - won["angelegt_am"]).dt.days.mean())
    assert lesson_model(chancen).velocity_per_day() == pytest.approx(expected)


@given(reached=st.lists(st.integers(0, len(STAGES) - 1), min_size=1, max_size=60),
       open_stage=st.lists(st.integers(0, len(OPEN_STAGES) - 1), max_size=20),
       own=st.floats(0, 1))
def test_weighted_pipeline_lies_between_zero_and_the_sum_and_chances_fall_towards_the_start(reached, open_stage, own):
    won = [r for r in reached if r == len(STAGES) - 1]
    model = PipelineModel(reached, [1.0] * len(won), [10.0] * len(won), open_stage, [100.0] * len(open_stage))
    chances = model.historical_chances()
    known = chances[~np.isnan(chances)]
    assert ((known >= 0) & (known <= 1)).all()
    if not np.isnan(chances).any():
        assert (np.diff(chances) >= -1e-12).all()  # a later stage never has a smaller chance of winning
    assert 0 <= model.weighted() <= model.unweighted + 1e-9
    assert 0 <= model.weighted({stage: own for stage in OPEN_STAGES}) == pytest.approx(own * model.unweighted)


def test_phase_and_status_are_matched_loosely_and_a_won_one_reaches_the_end():
    clean = check_opportunities(table([(" verhandlung", "Gewonnen ", 1.0)]))
    assert clean[["phase", "status"]].iloc[0].tolist() == ["Abschluss", "gewonnen"]


def test_unknown_stage_names_the_file_line_and_column(tmp_path):
    rows = [f"C{n:06d};K{n:06d};01.03.2024;Angebot;verloren;{1000 + n};01.04.2024" for n in range(1, 12)]
    rows[4] = "C000005;K000005;01.03.2024;Angbot;verloren;1005;01.04.2024"  # line 6
    path = tmp_path / "chancen.csv"
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8-sig")
    with pytest.raises(KundenkitError) as caught:
        lesson_model(kk.read_csv(path))
    assert str(caught.value).startswith(
        f"In der Datei '{path}', Spalte 'phase', Zeile 6: Die Phase 'Angbot' kennt der Kurs nicht. Erlaubt sind: "
        "Erstkontakt, Bedarf geklärt, Angebot, Verhandlung, Abschluss.")


@pytest.mark.parametrize(("row", "column", "message"), [
    (("Abschluss", "offen", 5.0), "phase", "offen, steht aber in der Phase Abschluss"),
    (("Angebot", "offen", -5.0), "betrag", "keine Zahl ab 0"),
    (("Angebot", "offen", None), "betrag", "Hier fehlt der Betrag"),
])
def test_impossible_rows_are_refused_in_german(row, column, message):
    with pytest.raises(KundenkitError, match=message) as caught:
        check_opportunities(table([("Erstkontakt", "verloren", 1.0), row]))
    assert caught.value.spalte == column and caught.value.zeile == 1


def test_missing_column_and_no_closed_opportunity_are_explained():
    with pytest.raises(KundenkitError, match="fehlt die Spalte 'status'"):
        lesson_model(pd.DataFrame({"phase": ["Angebot"], "betrag": [1.0]}))
    with pytest.raises(KundenkitError, match="keine Chance abgeschlossen"):
        lesson_model(table([("Angebot", "offen", 1.0)]))


def test_own_chances_outside_zero_to_one_are_refused():
    model = lesson_model(table([("Erstkontakt", "verloren", 1.0), ("Abschluss", "gewonnen", 1.0)]))
    with pytest.raises(KundenkitError, match="von 0 bis 1"):
        model.weighted({"Angebot": 40})


def test_without_dates_there_is_no_velocity_but_everything_else():
    model = lesson_model(table([("Erstkontakt", "verloren", 1.0), ("Abschluss", "gewonnen", 1.0),
                                ("Angebot", "offen", 10.0)]))
    assert np.isnan(model.velocity_per_day()) and model.weighted() == pytest.approx(10.0)  # Angebot: 1 of 1 won
