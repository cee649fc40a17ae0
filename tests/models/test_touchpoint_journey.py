"""Lesson 2.10: criteria as data, the journey, peak–end, key touchpoints and the learner's own CSV."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kundenkit as kk
from conftest import ROOT
from kundenkit import KundenkitError
from kundenkit.models import touchpoint_journey as tj

value = st.floats(min_value=-1, max_value=1, allow_nan=False)
values = st.lists(value, min_size=1, max_size=12)
score = st.integers(min_value=tj.SCORE_MIN, max_value=tj.SCORE_MAX)


def journey(ratings, scores=None) -> pd.DataFrame:
    """A journey of len(ratings) touchpoints in one phase; scores default to 1 for every criterion."""
    n = len(ratings)
    frame = pd.DataFrame({"touchpoint": [f"T{i}" for i in range(n)], "phase": tj.PHASES[0],
                          "art": tj.DIRECT, "bewertung": list(ratings)})
    for i, name in enumerate(c[0] for c in tj.DEFAULT_CRITERIA):
        frame[name] = [1] * n if scores is None else [s[i] for s in scores]
    return frame


# --- the criteria file ------------------------------------------------------------------------

def test_shipped_criteria_file_is_the_course_default_in_german_excel_csv(tmp_path):
    shipped = ROOT / "data" / tj.CRITERIA_FILE
    fresh = kk.write_csv(tj.default_criteria(), tmp_path / tj.CRITERIA_FILE)
    assert shipped.read_bytes() == fresh.read_bytes(), "regenerate data/touchpoint_kriterien.csv on purpose"
    raw = shipped.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").split("\r\n")[0].split(";")[:4] == list(tj.CRITERIA_COLUMNS)
    criteria = tj.read_criteria(shipped)
    assert criteria["gewicht"].tolist() == [1.0, 1.0, 1.0, 0.5]


def test_default_criteria_say_where_they_come_from_and_never_name_the_book():
    criteria = tj.default_criteria()
    sources = criteria["quelle"].tolist()
    assert sources.count("Schüller, Customer Touchpoint Management (Testfrage)") == 3
    assert sum("Kurs" in s for s in sources) == 1
    text = " ".join(criteria.astype(str).to_numpy().ravel()) + (tj.__doc__ or "")
    assert "Hafner" not in " ".join(criteria.astype(str).to_numpy().ravel())
    assert "IMPACt" in text and "not in the course's sources" in " ".join(text.split())
    assert tj.CRITERIA_TITLE == "Kriterien des Kurses"


def test_a_trainers_criteria_file_replaces_the_default(tmp_path):
    own = pd.DataFrame({"kriterium": ["wirkung", "kosten"], "bezeichnung": ["Wirkung", "Kosten"],
                        "frage": ["Wie stark wirkt er?", "Was kostet ein Fehler?"], "gewicht": [2, 1]})
    path = kk.write_csv(own, tmp_path / "kriterien.csv")
    criteria = tj.read_criteria(path)
    trip = journey(["OK", "Enttäuschung"]).drop(columns=[c[0] for c in tj.DEFAULT_CRITERIA])
    trip["wirkung"], trip["kosten"] = [3, 0], [0, 3]
    table = tj.evaluate(trip, criteria, n_key=1)
    assert table["bedeutung"].round(4).tolist() == [0.6667, 0.3333]
    assert table["schlüssel"].tolist() == [True, False]
    with pytest.raises(KundenkitError, match=r"Spalte 'ruf' \(Kriterium 'Ruf'\)"):
        tj.evaluate(trip)


@pytest.mark.parametrize(("change", "message"), [
    (lambda f: f.drop(columns="gewicht"), r"fehlt die Spalte 'gewicht'"),
    (lambda f: f.assign(gewicht=["1", "1", "x", "1"]), r"Spalte 'gewicht', Zeile 3: Das Gewicht 'x' ist keine Zahl"),
    (lambda f: f.assign(gewicht=[1, 1, -1, 1]), r"Zeile 3: Das Gewicht -1 ist negativ"),
    (lambda f: f.assign(gewicht=[0, 0, 0, 0]), r"Alle Gewichte sind 0"),
    (lambda f: f.assign(kriterium=["ruf", "ruf", "a", "b"]), r"Zeile 2: Das Kriterium 'ruf' kommt mehrfach vor"),
    (lambda f: f.assign(kriterium=["Ruf und Ehre", "b", "c", "d"]), r"Zeile 1: .*taugt nicht als Kriterium"),
    (lambda f: f.assign(kriterium=["phase", "b", "c", "d"]), r"'phase' ist schon eine Spalte der Reise"),
    (lambda f: f.iloc[:0], r"Kriterien ist leer"),
])
def test_bad_criteria_give_german_errors(change, message):
    frame = tj.default_criteria()
    frame.index = range(1, 5)
    with pytest.raises(KundenkitError, match=message):
        tj.check_criteria(change(frame))


def test_bad_criteria_file_names_file_and_excel_line(tmp_path):
    bad = tj.default_criteria().assign(gewicht=["1", "1", "viel", "1"])
    path = kk.write_csv(bad, tmp_path / "kriterien.csv")
    with pytest.raises(KundenkitError, match=r"kriterien.csv', Spalte 'gewicht', Zeile 4: Das Gewicht 'viel'"):
        tj.read_criteria(path)


# --- the journey ------------------------------------------------------------------------------

@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_every_sector_has_an_example_journey_through_all_phases(branche):
    table = tj.evaluate(tj.example_journey(branche))
    assert set(table["phase"]) == set(tj.PHASES) and set(table["art"]) == set(tj.KINDS)
    assert table["schlüssel"].sum() == tj.DEFAULT_KEY
    assert list(table["position"]) == list(range(1, len(table) + 1))
    assert tj.EXAMPLE_TITLE in tj.example_journey(branche).attrs["titel"]


def test_journey_is_ordered_by_phase_and_labels_are_normalised():
    frame = journey(["begeisterung", " OK", "-0,6", None])
    frame["phase"] = ["Empfehlung", "nach dem Kauf", "VOR DEM KAUF", "während des Kaufs"]
    frame["art"] = ["Indirekt", "direkt", "direkt", "direkt"]
    table = tj.check_journey(frame)
    assert table["touchpoint"].tolist() == ["T2", "T3", "T1", "T0"]
    assert table["bewertung"].tolist() == ["Enttäuschung", "nicht bewertet", "OK", "Begeisterung"]
    assert table["wert"].tolist()[0] == -0.6 and math.isnan(table["wert"].iloc[1])
    assert table["art"].iloc[-1] == "indirekt"


@pytest.mark.parametrize(("column", "bad", "message"), [
    ("phase", "danach", r"Spalte 'phase', Zeile 1: 'danach' ist keine erlaubte Phase"),
    ("art", "online", r"Spalte 'art', Zeile 1: 'online' ist keine erlaubte Art"),
    ("bewertung", "super", r"Spalte 'bewertung', Zeile 1: 'super' ist keine Bewertung"),
    ("bewertung", 2, r"Spalte 'bewertung', Zeile 1: Die Bewertung 2 liegt nicht zwischen −1 und 1"),
    ("ruf", 5, r"Spalte 'ruf', Zeile 1: Der Wert 5 liegt nicht auf der Skala 0 bis 3"),
    ("ruf", None, r"Spalte 'ruf', Zeile 1: Der Wert fehlt"),
    ("touchpoint", "T0", r"Spalte 'touchpoint', Zeile 1: Den Touchpoint 'T0' gibt es schon \(Zeile 0\)"),
])
def test_bad_journey_cells_give_german_errors(column, bad, message):
    frame = journey(["OK", "OK"])
    frame[column] = frame[column].astype(object)
    frame.at[1, column] = bad
    with pytest.raises(KundenkitError, match=message):
        tj.check_journey(frame)


def test_missing_journey_column_names_it():
    with pytest.raises(KundenkitError, match=r"fehlt die Spalte 'art'"):
        tj.check_journey(journey(["OK"]).drop(columns="art"))
    with pytest.raises(KundenkitError, match="keine Touchpoints"):
        tj.check_journey(journey([]))


# --- peak–end and averages --------------------------------------------------------------------

def test_peak_end_follows_kahneman_peak_and_end_not_duration():
    short = [0.0, -1.0]                  # ends at its worst moment
    longer = [0.0, -1.0, -0.5]           # more of the bad experience, but a milder end
    assert tj.peak_end(longer) > tj.peak_end(short)
    assert tj.average(longer) < tj.average(short) or tj.average(longer) == tj.average(short)
    assert tj.peak_end([0, 0, 0, 1, 0, 0, 0, -1]) == -1.0
    assert tj.peak_end([0.0] * 20 + [1.0]) == 1.0 and tj.average([0.0] * 20 + [1.0]) < 0.1
    assert math.isnan(tj.peak_end([float("nan")]))


@settings(max_examples=200, deadline=None)
@given(values)
def test_peak_end_lies_between_min_and_max(xs):
    remembered = tj.peak_end(xs)
    assert min(xs) - 1e-12 <= remembered <= max(xs) + 1e-12
    assert min(xs) - 1e-12 <= tj.average(xs) <= max(xs) + 1e-12


@settings(max_examples=300, deadline=None)
@given(values, st.data())
def test_raising_one_rating_never_lowers_the_remembered_score(xs, data):
    i = data.draw(st.integers(min_value=0, max_value=len(xs) - 1))
    raised = list(xs)
    raised[i] = data.draw(st.floats(min_value=xs[i], max_value=1, allow_nan=False))
    assert tj.peak_end(raised) >= tj.peak_end(xs) - 1e-12
    assert tj.average(raised) >= tj.average(xs) - 1e-12


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(tj.RATINGS), st.tuples(score, score, score, score)),
                min_size=1, max_size=10),
       st.integers(min_value=0, max_value=12))
def test_scores_stay_on_their_scales_and_key_count_is_bounded(rows, n_key):
    table = tj.evaluate(journey([r for r, _ in rows], [s for _, s in rows]), n_key=n_key)
    assert table["bedeutung"].between(0, 1).all() and table["handlungsbedarf"].between(0, 1).all()
    assert table["wert"].between(-1, 1).all()
    assert table["schlüssel"].sum() == min(n_key, len(rows))
    key = table.loc[table["schlüssel"], "bedeutung"]
    rest = table.loc[~table["schlüssel"], "bedeutung"]
    assert key.empty or rest.empty or key.min() >= rest.max()
    summary = tj.summarize(table)
    assert -1 <= summary.erinnert <= 1 and -1 <= summary.durchschnitt <= 1
    assert summary.at_risk == any(table["schlüssel"] & (table["bewertung"] == tj.DISAPPOINTMENT))
    assert summary.begeisterung + summary.enttäuschung <= summary.rated == len(rows)


# --- key touchpoints, the risk rule and what to fix first ----------------------------------------

def test_one_disappointment_at_a_key_touchpoint_puts_the_relationship_at_risk():
    scores = [(3, 3, 3, 3), (1, 1, 1, 1), (0, 0, 0, 0)]
    fine = tj.summarize(tj.evaluate(journey(["Begeisterung", "Enttäuschung", "Enttäuschung"], scores), n_key=1))
    assert not fine.at_risk and fine.key == ("T0",) and "Kein Schlüssel-Touchpoint enttäuscht" in fine.sentence()
    risky = tj.summarize(tj.evaluate(journey(["Enttäuschung", "Begeisterung", "Begeisterung"], scores), n_key=1))
    assert risky.at_risk and risky.key_disappointing == ("T0",)
    assert "Das kann die Beziehung beenden" in risky.sentence()


def test_fix_first_puts_important_disappointments_first_and_skips_delight():
    scores = [(3, 3, 3, 3), (1, 1, 1, 1), (3, 3, 3, 3), (2, 2, 2, 2)]
    table = tj.evaluate(journey(["OK", "Enttäuschung", "Begeisterung", "Enttäuschung"], scores))
    assert tj.fix_first(table, n=5)["touchpoint"].tolist() == ["T3", "T0", "T1"]
    assert tj.fix_first(table, n=1)["touchpoint"].tolist() == ["T3"]
    assert tj.fix_first(table, n=0).empty


def test_unrated_touchpoints_are_skipped_and_a_journey_without_ratings_says_so():
    summary = tj.summarize(tj.evaluate(journey([None, None])))
    assert summary.rated == 0 and math.isnan(summary.erinnert) and summary.fix_first == ()
    assert "Noch ist keiner bewertet" in summary.sentence()
    assert tj.signed(summary.erinnert) == "–"


def test_n_key_must_be_a_whole_number():
    with pytest.raises(KundenkitError, match="n_key"):
        tj.evaluate(journey(["OK"]), n_key=1.5)


# --- the learner's own journey as German CSV ------------------------------------------------------

def test_own_journey_round_trips_through_german_csv(tmp_path):
    own = journey(["Begeisterung", "-0,5", None], [(3, 2, 1, 0), (0, 1, 2, 3), (1, 1, 1, 1)])
    own.loc[2, "phase"] = "Empfehlung"
    path = tj.write_journey(own, tmp_path / "meine_reise.csv")
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and b";" in text and b"-0,5" in text
    back = tj.read_journey(path)
    pd.testing.assert_frame_equal(back.drop(columns="wert"), tj.check_journey(own).drop(columns="wert"),
                                  check_dtype=False)
    assert np.allclose(back["wert"], tj.check_journey(own)["wert"], equal_nan=True)
    with pytest.raises(KundenkitError, match="gibt es schon"):
        tj.write_journey(own, path)
    assert tj.write_journey(own, path, overwrite=True) == path


def test_own_journey_from_excel_style_csv_with_errors_names_file_line_and_column(tmp_path):
    path = tmp_path / "reise.csv"
    path.write_bytes("touchpoint;phase;art;bewertung;ruf;wiederkauf;fans;reichweite\r\n"
                     "Website;vor dem Kauf;direkt;OK;1;1;1;3\r\n"
                     "Hotline;nach dem Kauf;direkt;Enttäuschung;2;7;1;1\r\n".encode("utf-8-sig"))
    with pytest.raises(KundenkitError, match=r"reise.csv', Spalte 'wiederkauf', Zeile 3: Der Wert 7"):
        tj.read_journey(path)


# --- the journey rated from the learner's contacts --------------------------------------------

contact_rating = st.integers(min_value=tj.CONTACT_MIN, max_value=tj.CONTACT_MAX)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Kasse", "kasse ", "Lieferung", "Online-Shop"]), contact_rating),
                min_size=1, max_size=30))
def test_ratings_from_contacts_follow_the_thresholds_and_say_where_they_come_from(contacts):
    kontakte = pd.DataFrame(contacts, columns=["touchpoint", "bewertung"])
    example = tj.example_journey()
    rated = tj.rate_from_contacts(example, kontakte)
    assert rated["touchpoint"].tolist() == example["touchpoint"].tolist()
    names = kontakte["touchpoint"].str.strip().str.casefold()
    for row in rated.itertuples():
        mine = kontakte.loc[names == row.touchpoint.casefold(), "bewertung"]
        if len(mine):
            mean = mine.mean()
            assert row.quelle == tj.FROM_CONTACTS and row.kontakte == len(mine)
            assert row.mittlere_bewertung == pytest.approx(mean)
            expected = (tj.DISAPPOINTMENT if mean < tj.DISAPPOINTMENT_BELOW else
                        tj.DELIGHT if mean > tj.DELIGHT_ABOVE else tj.OK)
            assert row.bewertung == expected
        else:
            assert row.quelle == tj.FROM_EXAMPLE and row.kontakte == 0 and math.isnan(row.mittlere_bewertung)
            assert row.bewertung == example.loc[row.Index, "bewertung"]
    tj.evaluate(rated)   # the rated journey is a valid journey


def test_sample_data_rate_touchpoints_of_every_sectors_example_and_the_rating_follows_the_data():
    for branche in kk.BRANCHEN:
        data = kk.generate_customers(seed=3, n_customers=300, branche=branche)
        rated = tj.rate_from_contacts(tj.example_journey(branche), data.kontakte)
        assert (rated["quelle"] == tj.FROM_CONTACTS).sum() >= 4, branche
    kontakte = pd.DataFrame({"touchpoint": ["Kasse"] * 4, "bewertung": [1, 2, 2, None]})
    assert tj.rate_from_contacts(tj.example_journey(), kontakte).loc[4, "bewertung"] == tj.DISAPPOINTMENT
    strict = tj.rate_from_contacts(tj.example_journey(), kontakte.assign(bewertung=[3, 3, 3, 3]),
                                   disappointment_below=3.5)
    assert strict.loc[4, "bewertung"] == tj.DISAPPOINTMENT and strict.loc[4, "kontakte"] == 4


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"disappointment_below": 0}, "Der Parameter 'disappointment_below' ist 0"),
    ({"delight_above": "hoch"}, "Der Parameter 'delight_above' ist 'hoch'"),
    ({"disappointment_below": 4.5, "delight_above": 3.0}, "liegt über der für Begeisterung"),
    ({"rating_col": "note"}, "fehlt die Spalte 'note' (Parameter rating_col)"),
])
def test_bad_thresholds_and_columns_are_named(kwargs, message):
    kontakte = pd.DataFrame({"touchpoint": ["Kasse"], "bewertung": [3]})
    with pytest.raises(KundenkitError) as error:
        tj.rate_from_contacts(tj.example_journey(), kontakte, **kwargs)
    assert message in str(error.value)


def test_contacts_note_and_criteria_title():
    kontakte = pd.DataFrame({"touchpoint": ["Kasse", "Kundenservice"], "bewertung": [5, 1]})
    rated = tj.rate_from_contacts(tj.example_journey(), kontakte)
    note = tj.contacts_note(rated, kontakte)
    assert note.startswith("1 von 8 Touchpoints") and "Kundenservice" in note
    everything = tj.example_journey()[["touchpoint"]].assign(bewertung=3)
    assert tj.contacts_note(tj.rate_from_contacts(tj.example_journey(), everything)).startswith("Alle 8")
    assert tj.criteria_title(tj.read_criteria(ROOT / "data" / tj.CRITERIA_FILE)) == tj.CRITERIA_TITLE
    other = tj.default_criteria().assign(gewicht=[1.0, 1.0, 1.0, 1.0])
    assert tj.criteria_title(other) != tj.CRITERIA_TITLE


def test_own_journey_is_read_back_when_saved(tmp_path):
    path = tmp_path / "reise.csv"
    assert tj.own_journey(path) is None
    tj.write_journey(tj.example_journey("Versicherung"), path)
    assert tj.own_journey(path)["touchpoint"].tolist() == tj.check_journey(
        tj.example_journey("Versicherung"))["touchpoint"].tolist()
