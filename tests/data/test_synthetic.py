import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit.data.synthetic import (
    BRANCHEN,
    COMPETENCE_ITEMS,
    COUNTRIES,
    HUMAN_CHANNELS,
    OPPORTUNITY_STATUS,
    SECTOR_PROFILES,
    STAGES,
    WARMTH_ITEMS,
    WINDOW_DAYS,
    CustomerBase,
    generate_customers,
)
from kundenkit.errors import KundenkitError

ITEMS = list(WARMTH_ITEMS + COMPETENCE_ITEMS)
COLUMNS = {
    "kunden": ["kunden_id", "name", "plz", "ort", "land", "segment", "kunde_seit"],
    "transaktionen": ["kunden_id", "datum", "betrag", "produkt", "kategorie"],
    "kontakte": ["kunden_id", "datum", "kanal", "touchpoint", "bewertung"],
    "befragung": ["kunden_id", "datum", "touchpoint", "nps", *ITEMS],
    "chancen": ["chance_id", "kunden_id", "angelegt_am", "phase", "status", "betrag", "abgeschlossen_am"],
}
# The columns a table is sorted by, and the only column that may be empty (open opportunities).
SORT_KEYS = {"kunden": ["kunden_id"], "chancen": ["kunden_id", "angelegt_am"]}
MAY_BE_EMPTY = {"abgeschlossen_am"}
DTYPES = {
    "kunden_id": "string", "name": "string", "plz": "string", "ort": "string", "land": "string",
    "segment": "string", "kunde_seit": "datetime64[us]", "datum": "datetime64[us]", "betrag": "float64",
    "produkt": "string", "kategorie": "string", "kanal": "string", "touchpoint": "string",
    "bewertung": "int64", "nps": "int64", **dict.fromkeys(ITEMS, "int64"),
    "chance_id": "string", "angelegt_am": "datetime64[us]", "phase": "string", "status": "string",
    "abgeschlossen_am": "datetime64[us]",
}
REFERENCE = pd.Timestamp("2024-12-31")
LEGAL_FORMS = {form for country in COUNTRIES for form in country.legal_forms}


@pytest.fixture(scope="module", params=BRANCHEN)
def base(request) -> CustomerBase:
    return generate_customers(seed=11, n_customers=1500, branche=request.param)


@pytest.fixture(scope="module")
def by_sector() -> dict[str, CustomerBase]:
    return {b: generate_customers(seed=7, n_customers=1500, branche=b) for b in BRANCHEN}


def touchpoint_scores(survey: pd.DataFrame) -> pd.DataFrame:
    means = survey.groupby("touchpoint")[ITEMS].mean()
    return pd.DataFrame({"wärme": means[list(WARMTH_ITEMS)].mean(axis=1),
                         "kompetenz": means[list(COMPETENCE_ITEMS)].mean(axis=1)})


def assert_valid(base: CustomerBase, reference: pd.Timestamp = REFERENCE) -> None:
    """The invariants every generated customer base must keep."""
    profile = SECTOR_PROFILES[base.branche]
    for name, table in base.tables().items():
        assert list(table.columns) == COLUMNS[name], name
        assert {c: str(t) for c, t in table.dtypes.items()} == {c: DTYPES[c] for c in table.columns}, name
        assert isinstance(table.index, pd.RangeIndex) and table.index.start == 0, name
        assert not table.drop(columns=[c for c in table.columns if c in MAY_BE_EMPTY]).isna().any().any(), name
        keys = SORT_KEYS.get(name, ["kunden_id", "datum"])
        assert table[keys].equals(table.sort_values(keys, kind="stable")[keys].reset_index(drop=True)), name

    kunden = base.kunden
    assert kunden["kunden_id"].is_unique
    assert kunden["kunden_id"].str.fullmatch(r"K\d{6,7}").all()
    assert set(kunden["segment"]) <= {s.name for s in profile.segments}
    assert set(kunden["land"]) <= {"DE", "AT", "CH"}
    assert (kunden["kunde_seit"] <= reference).all()
    assert (kunden["kunde_seit"] == kunden["kunde_seit"].dt.normalize()).all()

    window_start = kunden.set_index("kunden_id")["kunde_seit"].clip(lower=reference - pd.Timedelta(days=WINDOW_DAYS))
    for name in ("transaktionen", "kontakte", "befragung"):
        table = base.tables()[name]
        assert table["kunden_id"].isin(kunden["kunden_id"]).all(), name
        first = window_start.reindex(table["kunden_id"]).to_numpy()
        assert (table["datum"].to_numpy() >= first).all(), name
        assert (table["datum"] <= reference).all(), name
        assert (table["datum"] == table["datum"].dt.normalize()).all(), name

    sales = base.transaktionen
    assert (sales["betrag"] > 0).all()
    assert np.allclose(sales["betrag"], sales["betrag"].round(2))
    products = {p.name: p for p in profile.products}
    assert set(sales["produkt"]) <= set(products)
    assert (sales["kategorie"] == sales["produkt"].map(lambda p: products[p].kategorie)).all()

    contacts = base.kontakte
    assert contacts["bewertung"].between(1, 5).all()
    allowed = {tp.name: set(tp.channels) for tp in profile.touchpoints}
    assert all(kanal in allowed[tp] for kanal, tp in zip(contacts["kanal"], contacts["touchpoint"]))

    survey = base.befragung
    assert survey["kunden_id"].is_unique
    assert set(survey["touchpoint"]) <= set(allowed)
    assert survey["nps"].between(0, 10).all()
    assert survey[ITEMS].ge(1).all().all() and survey[ITEMS].le(7).all().all()

    chancen = base.chancen
    assert chancen["chance_id"].is_unique
    assert chancen["kunden_id"].isin(kunden["kunden_id"]).all()
    opened, closed = chancen["angelegt_am"], chancen["abgeschlossen_am"]
    assert (opened.to_numpy() >= window_start.reindex(chancen["kunden_id"]).to_numpy()).all()
    assert (opened <= reference).all() and (closed.dropna() <= reference).all()
    assert (closed.dropna() >= opened[closed.notna()]).all()
    assert set(chancen["phase"]) <= set(STAGES) and set(chancen["status"]) <= set(OPPORTUNITY_STATUS)
    assert (closed.isna() == (chancen["status"] == "offen")).all()
    assert ((chancen["phase"] == STAGES[-1]) == (chancen["status"] == "gewonnen")).all()
    assert (chancen["betrag"] > 0).all()


# --- sector data -----------------------------------------------------------

def test_every_branche_has_a_consistent_profile():
    assert tuple(SECTOR_PROFILES) == BRANCHEN
    for name, profile in SECTOR_PROFILES.items():
        assert profile.name == name
        assert np.isclose(sum(s.share for s in profile.segments), 1.0), name
        assert 6 <= len(profile.touchpoints) <= 9, name
        assert len({tp.name for tp in profile.touchpoints}) == len(profile.touchpoints), name
        for tp in profile.touchpoints:
            assert set(tp.channels) <= set(profile.channels), (name, tp.name)
        product_names = {p.name for p in profile.products}
        for p in profile.products:
            assert 0 < p.low <= p.median <= p.high, (name, p.name)
        for segment in profile.segments:
            if segment.product_weights is not None:
                assert set(segment.product_weights) <= product_names, (name, segment.name)
            if segment.b2b:
                assert profile.company_words, name
    assert np.isclose(sum(c.share for c in COUNTRIES), 1.0)


# --- reproducibility ---------------------------------------------------------

@pytest.mark.parametrize("branche", ["Handel", "Maschinenbau"])
def test_same_arguments_give_identical_tables(branche):
    a = generate_customers(seed=5, n_customers=300, branche=branche)
    b = generate_customers(seed=5, n_customers=300, branche=branche)
    assert (a.branche, a.seed) == (b.branche, b.seed) == (branche, 5)
    for name in CustomerBase.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_different_seeds_give_different_tables():
    a = generate_customers(seed=1, n_customers=300)
    b = generate_customers(seed=2, n_customers=300)
    for name in CustomerBase.TABLES:
        assert not getattr(a, name).equals(getattr(b, name)), name
    assert not a.kunden["name"].equals(b.kunden["name"])


def test_sectors_with_the_same_seed_do_not_share_their_survey_answers(by_sector):
    answers = [base.befragung[ITEMS].to_numpy() for base in by_sector.values()]
    assert not any(np.array_equal(answers[0], other) for other in answers[1:])


# --- structure and value ranges ---------------------------------------------

def test_every_sector_gives_a_valid_customer_base(base):
    assert len(base.kunden) == 1500
    assert min(len(t) for t in base.tables().values()) > 0
    assert_valid(base)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**64), n=st.integers(min_value=1, max_value=120),
       branche=st.sampled_from(BRANCHEN))
def test_invariants_hold_for_any_seed_and_size(seed, n, branche):
    base = generate_customers(seed=seed, n_customers=n, branche=branche)
    assert len(base.kunden) == n
    assert_valid(base)


def test_reference_date_moves_the_window():
    base = generate_customers(seed=3, n_customers=300, reference_date="2022-06-30")
    assert_valid(base, reference=pd.Timestamp("2022-06-30"))
    assert base.transaktionen["datum"].max() <= pd.Timestamp("2022-06-30")


def test_tables_come_in_the_documented_order():
    base = generate_customers(seed=1, n_customers=20)
    assert list(base.tables()) == list(CustomerBase.TABLES) == list(COLUMNS)
    assert "Zeilen" in repr(base) and "Handel" in repr(base)


def test_about_thirty_percent_answer_the_survey_and_countries_are_mixed():
    base = generate_customers(seed=4, n_customers=2000)
    assert 0.26 < len(base.befragung) / 2000 < 0.34
    shares = base.kunden["land"].value_counts(normalize=True)
    assert 0.80 < shares["DE"] < 0.90 and 0.06 < shares["AT"] < 0.14 and 0.02 < shares["CH"] < 0.08


def test_postcodes_are_strings_with_leading_zeros():
    kunden = generate_customers(seed=2, n_customers=2000).kunden
    lengths = kunden["plz"].str.len().groupby(kunden["land"]).agg(["min", "max"])
    assert lengths.loc["DE"].tolist() == [5, 5]
    assert lengths.loc["AT"].tolist() == [4, 4] and lengths.loc["CH"].tolist() == [4, 4]
    assert kunden["plz"].str.fullmatch(r"\d{4,5}").all()
    german = kunden.loc[kunden["land"] == "DE", "plz"]
    assert german.str.startswith("0").any()
    assert not kunden.loc[kunden["land"] != "DE", "plz"].str.startswith("0").any()


def test_churn_stays_hidden_but_shows_in_the_purchases():
    base = generate_customers(seed=8, n_customers=2000)
    assert not any("churn" in c.lower() for t in base.tables().values() for c in t.columns)
    # Regular customers buy about twice a month; a last purchase half a year ago means they left.
    regulars = base.kunden.loc[base.kunden["segment"] == "Premium", "kunden_id"]
    last = base.transaktionen.groupby("kunden_id")["datum"].max().reindex(regulars)
    assert (last < REFERENCE - pd.Timedelta(days=180)).sum() >= 1


# --- sectors differ in the expected direction -------------------------------

def test_amounts_fit_the_sector(by_sector):
    median = {b: base.transaktionen["betrag"].median() for b, base in by_sector.items()}
    assert median["Maschinenbau"] > 100 * median["Handel"]
    assert 5 <= median["Handel"] <= 60
    assert median["Handel"] < median["Versicherung"] < median["Maschinenbau"]
    handel = by_sector["Handel"].transaktionen["betrag"]
    assert handel.between(3, 500).all()
    machines = by_sector["Maschinenbau"].transaktionen
    orders = machines.loc[machines["kategorie"] == "Maschinen", "betrag"]
    assert orders.between(2_000, 250_000).all() and orders.median() > 20_000


def test_insurance_premiums_and_phone_bills_are_typical(by_sector):
    insurance = by_sector["Versicherung"]
    private = insurance.kunden.loc[insurance.kunden["segment"] == "Privat", "kunden_id"]
    premiums = insurance.transaktionen.loc[insurance.transaktionen["kunden_id"].isin(private), "betrag"]
    assert premiums.quantile(0.1) >= 40 and premiums.quantile(0.9) <= 2_000
    telecom = by_sector["Telekommunikation"].transaktionen
    contracts = telecom.loc[telecom["produkt"] == "Mobilfunkvertrag", "betrag"]
    assert contracts.between(10, 80).all()


def test_purchase_frequency_fits_the_sector(by_sector):
    per_customer = {b: len(base.transaktionen) / len(base.kunden) for b, base in by_sector.items()}
    assert per_customer["Handel"] > 2 * per_customer["Maschinenbau"]
    assert per_customer["Handel"] > 2 * per_customer["Versicherung"]
    handel = by_sector["Handel"]
    counts = handel.transaktionen.groupby("kunden_id").size().reindex(handel.kunden["kunden_id"], fill_value=0)
    by_segment = counts.groupby(handel.kunden.set_index("kunden_id")["segment"]).mean()
    assert by_segment["Gelegenheitskäufer"] < by_segment["Stammkunde"] < by_segment["Premium"]


def test_products_and_channels_differ_between_sectors(by_sector):
    products = {b: set(base.transaktionen["produkt"]) for b, base in by_sector.items()}
    for a in BRANCHEN:
        for b in BRANCHEN:
            if a < b:
                assert products[a] != products[b], (a, b)
    top_channel = {b: base.kontakte["kanal"].value_counts().index[0] for b, base in by_sector.items()}
    assert top_channel["Handel"] == "Filiale"
    assert top_channel["Maschinenbau"] in {"E-Mail", "Telefon", "Außendienst"}
    assert "Servicetechniker" in set(by_sector["Maschinenbau"].kontakte["kanal"])
    assert "Servicetechniker" not in set(by_sector["Handel"].kontakte["kanal"])
    assert "Online-Banking" in set(by_sector["Bank"].kontakte["kanal"])


def test_machine_builders_sell_to_companies_and_retail_to_people(by_sector):
    firms = by_sector["Maschinenbau"].kunden["name"]
    assert firms.map(lambda name: any(name.endswith(" " + form) for form in LEGAL_FORMS)).all()
    assert firms.str.contains("Antriebstechnik|Maschinenbau|Metallbau|Anlagenbau|Automation").any()
    people = by_sector["Handel"].kunden["name"]
    assert not people.map(lambda name: any(name.endswith(" " + form) for form in LEGAL_FORMS)).any()
    assert (people.str.split().str.len() >= 2).all()
    bank = by_sector["Bank"].kunden
    business = bank.loc[bank["segment"] == "Firmenkunde", "name"]
    assert len(business) > 0
    assert business.map(lambda name: any(name.endswith(" " + form) for form in LEGAL_FORMS)).all()


# --- survey: warmth × competence --------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("branche", BRANCHEN)
def test_touchpoints_spread_over_the_quadrants(branche, seed):
    survey = generate_customers(seed=seed, n_customers=1500, branche=branche).befragung
    scores = touchpoint_scores(survey)
    assert len(scores) == len(SECTOR_PROFILES[branche].touchpoints)
    assert ((scores["wärme"] > 4.5) & (scores["kompetenz"] > 4.5)).any()
    assert ((scores["wärme"] < 4) | (scores["kompetenz"] < 4)).any()
    warm, competent = scores["wärme"] > 4, scores["kompetenz"] > 4
    assert len(set(zip(warm, competent))) >= 3


def test_nps_rises_with_warmth_and_competence():
    survey = generate_customers(seed=6, n_customers=2000, branche="Bank").befragung
    warmth = survey[list(WARMTH_ITEMS)].mean(axis=1)
    competence = survey[list(COMPETENCE_ITEMS)].mean(axis=1)
    assert np.corrcoef(warmth, survey["nps"])[0, 1] > 0.3
    assert np.corrcoef(competence, survey["nps"])[0, 1] > 0.3
    both_high = survey.loc[(warmth > 5) & (competence > 5), "nps"].mean()
    one_low = survey.loc[(warmth < 4) | (competence < 4), "nps"].mean()
    assert both_high > one_low + 2


def test_contact_ratings_follow_the_touchpoint_quality():
    base = generate_customers(seed=6, n_customers=2000, branche="Telekommunikation")
    scores = touchpoint_scores(base.befragung)
    rating = base.kontakte.groupby("touchpoint")["bewertung"].mean()
    assert np.corrcoef(scores.mean(axis=1), rating.reindex(scores.index))[0, 1] > 0.7


@pytest.mark.parametrize("branche", BRANCHEN)
def test_a_person_lifts_the_rating_only_where_the_profile_says_so(branche):
    """Lesson 4.21: at a touchpoint with a human lift, contacts served by a person are rated better."""
    base = generate_customers(seed=3, n_customers=4000, branche=branche)
    contacts = base.kontakte.assign(mensch=base.kontakte["kanal"].isin(HUMAN_CHANNELS))
    means = contacts.groupby(["touchpoint", "mensch"], observed=True)["bewertung"].mean().unstack()
    for tp in SECTOR_PROFILES[branche].touchpoints:
        if tp.name not in means.index or means.loc[tp.name].isna().any():
            continue  # served by only one kind of channel: nothing to compare
        gap = means.loc[tp.name, True] - means.loc[tp.name, False]
        assert tp.human_lift / 2 - 0.2 < gap < tp.human_lift + 0.3, (tp.name, gap)  # ratings are cut at 1 and 5
    assert any(tp.human_lift > 0.5 for tp in SECTOR_PROFILES[branche].touchpoints)


def test_every_sector_has_a_complaint_touchpoint():
    for profile in SECTOR_PROFILES.values():
        assert any("Beschwerde" in tp.name or "Reklamation" in tp.name for tp in profile.touchpoints), profile.name


# --- size and speed ----------------------------------------------------------

def test_twenty_thousand_customers_are_quick_and_valid():
    start = time.perf_counter()
    base = generate_customers(seed=42, n_customers=20_000, branche="Handel")
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert len(base.kunden) == 20_000
    assert base.kunden["kunden_id"].iloc[-1] == "K020000"
    assert_valid(base)


# --- validation --------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"branche": "Baecker"}, "Unbekannte Branche 'Baecker' im Parameter 'branche'. Erlaubt sind: Handel, Bank, "
                             "Versicherung, Telekommunikation, Maschinenbau."),
    ({"branche": None}, "Unbekannte Branche None im Parameter 'branche'"),
    ({"n_customers": 0}, "Der Parameter 'n_customers' ist 0. Erlaubt sind ganze Zahlen von 1 bis 1.000.000."),
    ({"n_customers": 1_000_001}, "'n_customers' ist 1.000.001"),
    ({"n_customers": 2.5}, "Der Parameter 'n_customers' muss eine ganze Zahl sein, nicht 2,5"),
    ({"n_customers": True}, "'n_customers' muss eine ganze Zahl sein, nicht True"),
    ({"n_customers": "100"}, "'n_customers' muss eine Zahl sein, kein Text. Schreiben Sie sie ohne Anführungszeichen"),
    ({"seed": -1}, "Der Parameter 'seed' ist -1. Erlaubt sind ganze Zahlen ab 0"),
    ({"seed": 1.5}, "'seed' muss eine ganze Zahl sein"),
    ({"seed": False}, "'seed' muss eine ganze Zahl sein"),
    ({"reference_date": "gestern"}, "Der Parameter 'reference_date' muss ein Datum sein"),
])
def test_invalid_arguments_get_a_german_error_naming_them(kwargs, message):
    with pytest.raises(KundenkitError) as error:
        generate_customers(**{"n_customers": 10, **kwargs})
    assert message in str(error.value)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize("spelling", ["bank", "BANK", " Bank "])
def test_sector_is_matched_without_regard_to_case(spelling):
    assert generate_customers(seed=1, n_customers=10, branche=spelling).branche == "Bank"


def test_numpy_integers_are_accepted():
    base = generate_customers(seed=np.int64(3), n_customers=np.int32(15))
    assert base.seed == 3 and len(base.kunden) == 15


def test_missing_tables_are_explained_in_german():
    full = generate_customers(seed=1, n_customers=10)
    partial = CustomerBase(kunden=full.kunden, transaktionen=None, kontakte=None, befragung=full.befragung,
                           branche="eigene Daten", seed=0)
    assert partial.require("kunden") is full.kunden
    with pytest.raises(KundenkitError, match="Tabelle 'kontakte' \\(Datei kontakte.csv\\), sie fehlt aber"):
        partial.require("kontakte")
    with pytest.raises(KundenkitError, match="Vorhanden sind: kunden, transaktionen, kontakte, befragung"):
        partial.require("umsatz")


# --- lesson 1.4: a share of the churners signals before leaving (the "Blinker") ---

def _hidden_population(seed: int, n: int, branche: str):
    """The generator's hidden population, drawn exactly as generate_customers draws it."""
    from kundenkit.data import synthetic

    profile = SECTOR_PROFILES[branche]
    root = np.random.SeedSequence(seed, spawn_key=(BRANCHEN.index(branche),))
    rng_people = np.random.default_rng(root.spawn(5)[0])
    return synthetic._draw_population(rng_people, profile, n, synthetic._check_reference_date(REFERENCE))


@pytest.mark.parametrize("branche", ["Handel", "Telekommunikation"])
def test_signalled_churners_show_the_blinker(branche):
    from kundenkit.data import synthetic

    seed, n = 12, 4000
    population = _hidden_population(seed, n, branche)
    base = generate_customers(seed=seed, n_customers=n, branche=branche)
    ids = base.kunden["kunden_id"].to_numpy()
    # Only churners signal, a documented share of them does, and some signal with a contact too.
    assert not (population.signal & ~population.churned).any()
    assert not (population.signal_contact & ~population.signal).any()
    share = population.signal.sum() / population.churned.sum()
    assert abs(share - synthetic.SIGNAL_SHARE) < 0.1
    assert population.signal_contact.sum() > 0

    # Signalled churners: a poorly rated contact (1–2) in the days before they leave.
    end = pd.Series(synthetic._dates(population.end), index=ids)
    contacts = base.kontakte.assign(ende=end.reindex(base.kontakte["kunden_id"]).to_numpy())
    before = contacts["datum"].between(contacts["ende"] - pd.Timedelta(days=synthetic.SIGNAL_CONTACT_DAYS),
                                       contacts["ende"])
    bad = set(contacts.loc[before & (contacts["bewertung"] <= 2), "kunden_id"])
    assert set(ids[population.signal_contact]) <= bad

    # Signalled churners buy less in their last SIGNAL_DAYS than before; silent churners do not.
    sales = base.transaktionen.assign(ende=end.reindex(base.transaktionen["kunden_id"]).to_numpy())
    late = sales["datum"] > sales["ende"] - pd.Timedelta(days=synthetic.SIGNAL_DAYS)
    long_enough = (population.end - population.start) > 3 * synthetic.SIGNAL_DAYS

    def late_share(mask):
        chosen = set(ids[mask & long_enough])
        rows = sales["kunden_id"].isin(chosen)
        days = (population.end - population.start + 1)[mask & long_enough].sum()
        expected = synthetic.SIGNAL_DAYS * (mask & long_enough).sum() / days
        return late[rows].mean() / expected

    signalled, silent = population.signal, population.churned & ~population.signal
    assert late_share(signalled) < 0.6 < 0.8 < late_share(silent)


def test_the_blinker_leaves_no_trace_in_the_columns():
    base = generate_customers(seed=3, n_customers=500)
    names = {c.lower() for t in base.tables().values() for c in t.columns}
    assert not names & {"signal", "blinker", "churn", "churned", "spurwechsel"}
