"""The seeded synthetic customer base that every lesson of the course works with.

:func:`generate_customers` draws five related tables for one sector (Branche):
customers, their purchases, their contacts with the company, a survey in
which about 30 % of the customers rate one touchpoint on warmth and competence,
and the sales opportunities (Vertriebschancen) with the stage each reached.
Everything the sectors differ in – segments, products, amounts, purchase
frequency, channels, touchpoints and the sales pipeline – is data in
:data:`SECTOR_PROFILES`; the generator itself contains no sector-specific branches.

All randomness comes from one ``numpy.random.SeedSequence`` of seed and sector,
spawned into one stream per part, so the same arguments always give the same
tables. Names
and towns are sampled with that stream from Faker's German, Austrian and Swiss
word lists (Faker itself is never asked for random values). The data are
vectorised with numpy: 100,000 customers take about a second.
"""
from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import ClassVar

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_choice, check_int

BRANCHEN: tuple[str, ...] = ("Handel", "Bank", "Versicherung", "Telekommunikation", "Maschinenbau")
WARMTH_ITEMS: tuple[str, ...] = ("freundlich", "ehrlich", "hilfsbereit", "wohlwollend")
COMPETENCE_ITEMS: tuple[str, ...] = ("fähig", "kompetent", "zuverlässig", "effizient")

MAX_CUSTOMERS = 1_000_000
WINDOW_DAYS = 730          # transactions, contacts and answers lie in the last two years
SCALE_MIN, SCALE_MAX, SCALE_MIDPOINT = 1, 7, 4.0
SURVEY_RATE = 0.30         # share of customers who answer the survey once
MAX_TENURE_YEARS = 30

TEXT = "string"            # pandas StringDtype for every text column
DATE = "datetime64[us]"    # pandas' default resolution; dates only, no time of day

_DAYS_PER_YEAR = 365.25
_EPOCH = pd.Timestamp("1970-01-01")


# ---------------------------------------------------------------------------
# Sector data
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    """A customer segment of a sector.

    ``purchases_per_year`` and ``contacts_per_year`` are means per customer;
    ``amount_factor`` scales the product amounts; ``churn_rate`` is the share of
    the segment that stops buying inside the two-year window; ``b2b`` segments
    get company names; ``product_weights`` (product name → weight) replaces the
    sector's default product mix for this segment; ``opportunities_per_year`` is
    the mean number of sales opportunities (Vertriebschancen) per customer.
    """

    name: str
    share: float
    purchases_per_year: float
    contacts_per_year: float
    churn_rate: float
    amount_factor: float = 1.0
    b2b: bool = False
    product_weights: Mapping[str, float] | None = None
    opportunities_per_year: float = 0.0


@dataclass(frozen=True)
class Product:
    """A product with its category and a lognormal amount in EUR.

    ``median`` is the typical amount (scaled by the segment's ``amount_factor``);
    every amount lies between ``low`` and ``high``; ``weight`` is the product's
    share in the default mix. ``interest`` names a latent customer interest
    (e.g. ``"Mode & Geschenke"``): products with the same interest are bought
    together, because customers with that interest buy them more often and the
    others rarely (see :func:`_interest_factors`); ``None``: every customer alike.
    """

    name: str
    kategorie: str
    median: float
    low: float
    high: float
    weight: float
    interest: str | None = None

    @property
    def sigma(self) -> float:
        """Spread of the log amount: both bounds lie at least 2.5 standard deviations away."""
        return min(np.log(self.high / self.median), np.log(self.median / self.low)) / 2.5


@dataclass(frozen=True)
class Touchpoint:
    """A point of contact between customer and company and the channels it happens on.

    ``human_lift`` is how much better (on the 1–5 rating scale) customers rate a
    contact at this touchpoint when a person serves it (a channel in
    :data:`HUMAN_CHANNELS`) – an assumption of the course's sample data for lesson
    4.21: large where a problem or a decision needs a person, none for routine.
    """

    name: str
    channels: tuple[str, ...]
    weight: float
    human_lift: float = 0.0


#: Channels on which a person serves the customer (the others are self-service, letters or e-mail).
HUMAN_CHANNELS: tuple[str, ...] = ("Filiale", "Telefon", "Berater", "Außendienst", "Servicetechniker")


#: The stages of a sales opportunity in order (lesson 4.5); only won opportunities reach the last one.
STAGES: tuple[str, ...] = ("Erstkontakt", "Bedarf geklärt", "Angebot", "Verhandlung", "Abschluss")
#: The status of an opportunity: still open, or closed as won or lost.
OPPORTUNITY_STATUS: tuple[str, ...] = ("offen", "gewonnen", "verloren")


@dataclass(frozen=True)
class Pipeline:
    """How the sales opportunities of a sector go (assumptions of the course, lesson 4.5).

    ``advance`` holds, for each stage but the last, the chance that an
    opportunity moves on to the next stage (the last value: Verhandlung →
    Abschluss, i.e. won); ``stage_days`` is the mean time spent in a stage;
    ``median``, ``low`` and ``high`` give the lognormal amount in EUR (scaled by
    the segment's ``amount_factor``).
    """

    advance: tuple[float, ...]
    stage_days: float
    median: float
    low: float
    high: float

    @property
    def sigma(self) -> float:
        """Spread of the log amount: both bounds lie at least 2.5 standard deviations away."""
        return min(np.log(self.high / self.median), np.log(self.median / self.low)) / 2.5


_NO_PIPELINE = Pipeline(advance=(0.5,) * (len(STAGES) - 1), stage_days=14, median=1_000, low=100, high=10_000)


@dataclass(frozen=True)
class SectorProfile:
    """Everything that makes the customer base of one sector look like that sector."""

    name: str
    segments: tuple[Segment, ...]
    products: tuple[Product, ...]
    channels: Mapping[str, float]        # channel -> weight among the channels a touchpoint allows
    touchpoints: tuple[Touchpoint, ...]
    mean_tenure_years: float
    company_words: tuple[str, ...] = ()  # trade words for the names of business customers
    pipeline: Pipeline = _NO_PIPELINE    # sales opportunities (lesson 4.5)


_SME_WORDS = (
    "Bau", "Elektro", "Immobilien", "Logistik", "Steuerberatung", "Haustechnik", "Autohaus",
    "Druckerei", "Gastronomie", "Transporte", "Holzbau", "Sanitär", "Dachbau", "Consulting",
    "Malerbetrieb", "Gartenbau", "Medientechnik", "Reisen",
)

SECTOR_PROFILES: dict[str, SectorProfile] = {
    "Handel": SectorProfile(
        name="Handel",
        segments=(
            Segment("Gelegenheitskäufer", 0.55, purchases_per_year=5, contacts_per_year=0.8, churn_rate=0.25,
                    opportunities_per_year=0.03),
            Segment("Stammkunde", 0.35, purchases_per_year=22, contacts_per_year=1.5, churn_rate=0.10,
                    opportunities_per_year=0.08),
            Segment("Premium", 0.10, purchases_per_year=40, contacts_per_year=2.5, churn_rate=0.05,
                    amount_factor=1.4, opportunities_per_year=0.5),
        ),
        products=(
            Product("Wocheneinkauf", "Lebensmittel", 45, 10, 250, 0.28),
            Product("Kleiner Einkauf", "Lebensmittel", 12, 3, 60, 0.32),
            Product("Drogerieartikel", "Drogerie", 15, 3, 80, 0.12),
            Product("Bekleidung", "Mode", 60, 15, 300, 0.09, interest="Mode & Geschenke"),
            Product("Haushaltswaren", "Haushalt", 25, 5, 150, 0.10, interest="Wohnen & Technik"),
            Product("Elektronik-Zubehör", "Elektronik", 40, 10, 300, 0.06, interest="Wohnen & Technik"),
            Product("Geschenkgutschein", "Gutscheine", 30, 10, 100, 0.03, interest="Mode & Geschenke"),
        ),
        channels={"Filiale": 0.45, "Online-Shop": 0.20, "App": 0.12, "Telefon": 0.08, "E-Mail": 0.10,
                  "Chat": 0.05},
        touchpoints=(
            Touchpoint("Prospekt/Newsletter", ("E-Mail", "App"), 0.10),
            Touchpoint("Online-Shop", ("Online-Shop", "App"), 0.18),
            Touchpoint("Verkaufsraum", ("Filiale",), 0.18),
            Touchpoint("Beratung im Laden", ("Filiale",), 0.12),
            Touchpoint("Kasse", ("Filiale",), 0.14),
            Touchpoint("Lieferung", ("Online-Shop", "E-Mail", "App"), 0.10),
            Touchpoint("Kundenservice", ("Telefon", "E-Mail", "Chat"), 0.10, human_lift=0.4),
            Touchpoint("Reklamation/Umtausch", ("Filiale", "Telefon", "E-Mail", "Chat"), 0.08, human_lift=0.9),
        ),
        mean_tenure_years=4.0,
        pipeline=Pipeline(advance=(0.75, 0.7, 0.65, 0.6), stage_days=20, median=1_500, low=200, high=20_000),
    ),
    "Bank": SectorProfile(
        name="Bank",
        segments=(
            Segment("Privatkunde", 0.80, purchases_per_year=14, contacts_per_year=1.5, churn_rate=0.08,
                    opportunities_per_year=0.04),
            Segment("Vermögenskunde", 0.12, purchases_per_year=14, contacts_per_year=3.0, churn_rate=0.05,
                    amount_factor=2.5, product_weights={
                        "Kontoführungsgebühr": 0.40, "Kreditkarte Jahresgebühr": 0.04, "Depotgebühr": 0.08,
                        "Sparplan-Rate": 0.18, "Wertpapierkauf": 0.26, "Ratenkredit": 0.02,
                        "Baufinanzierung": 0.02}, opportunities_per_year=0.5),
            Segment("Firmenkunde", 0.08, purchases_per_year=16, contacts_per_year=3.5, churn_rate=0.07,
                    b2b=True, product_weights={
                        "Geschäftskonto-Gebühr": 0.55, "Zahlungsverkehr-Paket": 0.20,
                        "Firmenkredit": 0.12, "Wertpapierkauf": 0.05, "Leasing-Rate": 0.08},
                    opportunities_per_year=3.0),
        ),
        products=(
            Product("Kontoführungsgebühr", "Gebühren", 6.9, 2.5, 25, 0.55),
            Product("Kreditkarte Jahresgebühr", "Gebühren", 40, 15, 120, 0.06),
            Product("Depotgebühr", "Gebühren", 45, 10, 300, 0.05, interest="Wertpapiere"),
            Product("Sparplan-Rate", "Anlage", 100, 25, 1_000, 0.16),
            Product("Wertpapierkauf", "Anlage", 2_500, 200, 50_000, 0.12, interest="Wertpapiere"),
            Product("Ratenkredit", "Kredit", 12_000, 2_000, 60_000, 0.05),
            Product("Baufinanzierung", "Kredit", 250_000, 80_000, 800_000, 0.01),
            Product("Geschäftskonto-Gebühr", "Gebühren", 25, 8, 120, 0.0),
            Product("Zahlungsverkehr-Paket", "Gebühren", 60, 15, 400, 0.0),
            Product("Firmenkredit", "Kredit", 80_000, 10_000, 1_000_000, 0.0),
            Product("Leasing-Rate", "Kredit", 900, 150, 8_000, 0.0),
        ),
        channels={"Filiale": 0.18, "Berater": 0.14, "Online-Banking": 0.25, "App": 0.22, "Telefon": 0.10,
                  "E-Mail": 0.04, "Chat": 0.03, "Post": 0.04},
        touchpoints=(
            Touchpoint("Beratungsgespräch", ("Berater", "Filiale", "Telefon"), 0.14),
            Touchpoint("Online-Banking", ("Online-Banking",), 0.20),
            Touchpoint("Banking-App", ("App",), 0.20),
            Touchpoint("Hotline", ("Telefon",), 0.12),
            Touchpoint("Filiale/Schalter", ("Filiale",), 0.12),
            Touchpoint("Kontoauszug/Post", ("Post", "Online-Banking"), 0.08),
            Touchpoint("Kreditentscheidung", ("Berater", "Online-Banking", "Post"), 0.06, human_lift=0.6),
            Touchpoint("Beschwerde", ("Telefon", "E-Mail", "Filiale", "Chat"), 0.08, human_lift=0.9),
        ),
        mean_tenure_years=9.0,
        pipeline=Pipeline(advance=(0.7, 0.65, 0.6, 0.55), stage_days=12, median=40_000, low=2_000, high=1_500_000),
        company_words=_SME_WORDS,
    ),
    "Versicherung": SectorProfile(
        name="Versicherung",
        segments=(
            Segment("Privat", 0.85, purchases_per_year=2.5, contacts_per_year=1.2, churn_rate=0.10,
                    opportunities_per_year=0.1),
            Segment("Gewerbe", 0.15, purchases_per_year=4, contacts_per_year=2.5, churn_rate=0.08, b2b=True,
                    product_weights={
                        "Betriebshaftpflicht": 0.30, "Inhaltsversicherung Gewerbe": 0.25,
                        "Kfz-Flottenversicherung": 0.15, "Rechtsschutzversicherung": 0.10,
                        "Gebäudeversicherung": 0.10, "Berufsunfähigkeitsversicherung": 0.10},
                    opportunities_per_year=1.5),
        ),
        products=(
            Product("Kfz-Versicherung", "Kfz", 450, 150, 1_500, 0.25),
            Product("Hausratversicherung", "Sach", 120, 50, 400, 0.18, interest="Eigenheim"),
            Product("Privathaftpflicht", "Haftpflicht", 90, 40, 250, 0.18),
            Product("Gebäudeversicherung", "Sach", 500, 200, 2_000, 0.10, interest="Eigenheim"),
            Product("Rechtsschutzversicherung", "Rechtsschutz", 280, 120, 600, 0.09),
            Product("Berufsunfähigkeitsversicherung", "Leben & Vorsorge", 900, 300, 2_000, 0.10, interest="Vorsorge"),
            Product("Rentenversicherung", "Leben & Vorsorge", 1_200, 300, 2_000, 0.10, interest="Vorsorge"),
            Product("Betriebshaftpflicht", "Haftpflicht", 900, 200, 5_000, 0.0),
            Product("Inhaltsversicherung Gewerbe", "Sach", 700, 200, 4_000, 0.0),
            Product("Kfz-Flottenversicherung", "Kfz", 3_000, 800, 20_000, 0.0),
        ),
        channels={"Berater": 0.28, "Außendienst": 0.08, "Telefon": 0.20, "E-Mail": 0.14, "Post": 0.12,
                  "Online-Portal": 0.12, "App": 0.06},
        touchpoints=(
            Touchpoint("Beratung durch Vertreter", ("Berater", "Außendienst"), 0.14),
            Touchpoint("Online-Tarifrechner", ("Online-Portal",), 0.10),
            Touchpoint("Antrag/Police", ("Post", "E-Mail", "Online-Portal"), 0.12),
            Touchpoint("Beitragsrechnung", ("Post", "E-Mail"), 0.14),
            Touchpoint("Schadenmeldung", ("Telefon", "Online-Portal", "App", "Berater"), 0.14, human_lift=0.4),
            Touchpoint("Schadenregulierung", ("Telefon", "Post", "E-Mail", "Außendienst"), 0.12, human_lift=0.8),
            Touchpoint("Hotline", ("Telefon",), 0.14),
            Touchpoint("Kundenportal/App", ("Online-Portal", "App"), 0.10),
            Touchpoint("Beschwerde", ("Telefon", "E-Mail", "Post"), 0.06, human_lift=0.9),
        ),
        mean_tenure_years=8.0,
        pipeline=Pipeline(advance=(0.7, 0.7, 0.55, 0.6), stage_days=8, median=2_500, low=300, high=60_000),
        company_words=_SME_WORDS,
    ),
    "Telekommunikation": SectorProfile(
        name="Telekommunikation",
        segments=(
            Segment("Prepaid", 0.30, purchases_per_year=8, contacts_per_year=0.8, churn_rate=0.30,
                    product_weights={"Prepaid-Aufladung": 0.85, "Zubehör": 0.07, "Smartphone": 0.02,
                                     "Zusatzoption": 0.06}),
            Segment("Vertrag", 0.60, purchases_per_year=12, contacts_per_year=1.5, churn_rate=0.15,
                    opportunities_per_year=0.05),
            Segment("Business", 0.10, purchases_per_year=12, contacts_per_year=3.0, churn_rate=0.10, b2b=True,
                    product_weights={"Business-Tarif": 0.55, "Business-Festnetz": 0.30, "Smartphone": 0.08,
                                     "Zubehör": 0.07}, opportunities_per_year=1.5),
        ),
        products=(
            Product("Mobilfunkvertrag", "Mobilfunk", 30, 10, 80, 0.55),
            Product("Festnetz & Internet", "Festnetz/Internet", 40, 20, 80, 0.30),
            Product("Zusatzoption", "Optionen", 8, 2, 30, 0.08),
            Product("Smartphone", "Hardware", 400, 100, 1_200, 0.03, interest="Hardware"),
            Product("Zubehör", "Hardware", 30, 10, 150, 0.04, interest="Hardware"),
            Product("Prepaid-Aufladung", "Mobilfunk", 15, 5, 50, 0.0),
            Product("Business-Tarif", "Mobilfunk", 180, 40, 1_500, 0.0),
            Product("Business-Festnetz", "Festnetz/Internet", 90, 40, 400, 0.0),
        ),
        channels={"Filiale": 0.16, "Telefon": 0.24, "Chat": 0.12, "App": 0.18, "Online-Portal": 0.12,
                  "E-Mail": 0.06, "Post": 0.04, "Servicetechniker": 0.05, "Außendienst": 0.03},
        touchpoints=(
            Touchpoint("Shop-Beratung", ("Filiale",), 0.12),
            Touchpoint("Online-Bestellung", ("Online-Portal", "App"), 0.10),
            Touchpoint("Hotline", ("Telefon",), 0.18),
            Touchpoint("Rechnung", ("Post", "E-Mail", "App"), 0.14),
            Touchpoint("Störungsmeldung", ("Telefon", "Chat", "App"), 0.14, human_lift=0.3),
            Touchpoint("Techniker-Termin", ("Servicetechniker",), 0.08),
            Touchpoint("Kunden-App", ("App",), 0.14),
            Touchpoint("Vertragsverlängerung", ("Telefon", "Filiale", "Online-Portal", "Außendienst"), 0.10),
            Touchpoint("Beschwerde", ("Telefon", "Chat", "E-Mail", "Filiale"), 0.06, human_lift=0.9),
        ),
        mean_tenure_years=5.0,
        pipeline=Pipeline(advance=(0.65, 0.7, 0.6, 0.6), stage_days=10, median=6_000, low=500, high=150_000),
        company_words=_SME_WORDS,
    ),
    "Maschinenbau": SectorProfile(
        name="Maschinenbau",
        segments=(
            Segment("A-Kunde", 0.15, purchases_per_year=12, contacts_per_year=8, churn_rate=0.03,
                    amount_factor=1.5, b2b=True, opportunities_per_year=4.0),
            Segment("B-Kunde", 0.35, purchases_per_year=6, contacts_per_year=4, churn_rate=0.07, b2b=True,
                    opportunities_per_year=2.0),
            Segment("C-Kunde", 0.50, purchases_per_year=2.5, contacts_per_year=2, churn_rate=0.15,
                    amount_factor=0.7, b2b=True, opportunities_per_year=0.8),
        ),
        products=(
            Product("Neumaschine", "Maschinen", 90_000, 20_000, 250_000, 0.10, interest="Neuanlage"),
            Product("Modernisierung/Retrofit", "Maschinen", 35_000, 8_000, 150_000, 0.07),
            Product("Ersatzteile", "Ersatzteile", 2_500, 300, 25_000, 0.36),
            Product("Wartungsvertrag", "Service", 6_000, 1_500, 30_000, 0.12, interest="Neuanlage"),
            Product("Serviceeinsatz", "Service", 3_500, 800, 20_000, 0.25),
            Product("Schulung", "Dienstleistung", 2_800, 800, 12_000, 0.10, interest="Neuanlage"),
        ),
        channels={"Außendienst": 0.22, "Telefon": 0.24, "E-Mail": 0.28, "Servicetechniker": 0.12,
                  "Online-Portal": 0.08, "Post": 0.06},
        touchpoints=(
            Touchpoint("Angebot", ("Außendienst", "E-Mail", "Telefon"), 0.16, human_lift=0.5),
            Touchpoint("Auftragsbestätigung", ("E-Mail", "Post"), 0.10),
            Touchpoint("Lieferung", ("E-Mail", "Telefon", "Außendienst"), 0.12),
            Touchpoint("Inbetriebnahme", ("Servicetechniker",), 0.10),
            Touchpoint("Service-Einsatz", ("Servicetechniker", "Telefon"), 0.16),
            Touchpoint("Ersatzteilbestellung", ("Online-Portal", "Telefon", "E-Mail"), 0.16),
            Touchpoint("Rechnung", ("E-Mail", "Post"), 0.10),
            Touchpoint("Reklamation", ("Telefon", "E-Mail", "Außendienst"), 0.10, human_lift=0.8),
        ),
        mean_tenure_years=10.0,
        pipeline=Pipeline(advance=(0.6, 0.65, 0.5, 0.45), stage_days=30, median=45_000, low=3_000, high=900_000),
        company_words=(
            "Antriebstechnik", "Maschinenbau", "Metallbau", "Anlagenbau", "Präzisionstechnik", "Automation",
            "Fördertechnik", "Werkzeugbau", "Hydraulik", "Kunststofftechnik", "Stahlbau", "Blechtechnik",
            "Feinmechanik", "Verpackungstechnik", "Zerspanung", "Formenbau", "Oberflächentechnik",
        ),
    ),
}


# ---------------------------------------------------------------------------
# Country data: where customers live and how their names look
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Country:
    """A country of the customers, the Faker locale of its names and its postcode format."""

    code: str
    share: float
    locale: str
    plz_digits: int
    legal_forms: Mapping[str, float]   # legal form of companies -> weight


COUNTRIES: tuple[Country, ...] = (
    Country("DE", 0.85, "de_DE", 5, {"GmbH": 0.48, "GmbH & Co. KG": 0.20, "KG": 0.10, "AG": 0.07, "e.K.": 0.15}),
    Country("AT", 0.10, "de_AT", 4, {"GmbH": 0.60, "KG": 0.14, "OG": 0.12, "AG": 0.06, "e.U.": 0.08}),
    Country("CH", 0.05, "de_CH", 4, {"AG": 0.55, "GmbH": 0.45}),
)

# Real leading postcode digits of the larger towns in Faker's lists; other towns get
# a fixed pseudo-random prefix derived from their name.
_PLZ_PREFIX: dict[str, dict[str, int]] = {
    "DE": {"Berlin": 10, "Hamburg": 20, "München": 80, "Köln": 50, "Frankfurt am Main": 60, "Stuttgart": 70,
           "Düsseldorf": 40, "Leipzig": 4, "Dresden": 1, "Hannover": 30, "Nürnberg": 90, "Bremen": 28,
           "Essen": 45, "Dortmund": 44, "Aachen": 52, "Magdeburg": 39, "Augsburg": 86, "Bautzen": 2,
           "Chemnitz": 9, "Erfurt": 99, "Gotha": 99, "Halle": 6, "Rostock": 18, "Kiel": 24, "Mainz": 55,
           "Potsdam": 14, "Schwerin": 19, "Saarbrücken": 66, "Freiburg im Breisgau": 79, "Regensburg": 93},
    "AT": {"Wien": 11, "Graz": 80, "Linz": 40, "Salzburg": 50, "Innsbruck": 60, "Klagenfurt": 90, "Wels": 46,
           "Sankt Pölten": 31, "Villach": 95, "Leoben": 87, "Kufstein": 63, "Kapfenberg": 86},
    "CH": {"Zürich": 80, "Bern": 30, "Basel": 40, "Genf": 12, "Lausanne": 10, "Luzern": 60, "St. Gallen": 90,
           "Winterthur": 84, "Aarau": 50, "Thun": 36, "Biel/Bienne": 25, "Freiburg": 17, "Chur": 70},
}

# Latent warmth/competence levels of the touchpoints: "high" and "low" ranges on the 1–7 scale.
_HIGH_LEVEL = (4.9, 6.2)
_LOW_LEVEL = (2.4, 3.4)
# Quadrants as (warm, competent); the first four are always used once, the rest drawn with these weights.
_QUADRANTS = ((True, True), (False, True), (True, False), (False, False))
_EXTRA_QUADRANT_WEIGHTS = (0.4, 0.2, 0.2, 0.2)
_RESPONDENT_SD = 0.6       # spread of a respondent's impression around the touchpoint's level
_ITEM_SD = 0.7             # noise of a single item answer
_NPS_BASE, _NPS_WARMTH, _NPS_COMPETENCE, _NPS_SD = 5.0, 0.8, 1.0, 1.2
_RATING_SD = 0.8           # noise of a contact's rating (1–5)
_ACTIVITY_SHAPE = 2.0      # gamma shape of a customer's buying activity (negative binomial counts)


# ---------------------------------------------------------------------------
# The customer base
# ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class CustomerBase:
    """The five tables of a customer base, with the sector and seed they belong to.

    A base read from the learner's own files may lack tables; those are ``None``
    and :meth:`require` explains in German which file is missing. Such a base
    has ``quelle``, the name of the learner's folder or file (None for the
    course's sample data), and ``hinweise``, notes from reading it (e.g. a
    footer line that was not read).
    """

    kunden: pd.DataFrame | None
    transaktionen: pd.DataFrame | None
    kontakte: pd.DataFrame | None
    befragung: pd.DataFrame | None
    branche: str
    seed: int
    quelle: str | None = None
    hinweise: tuple[str, ...] = ()
    chancen: pd.DataFrame | None = None   # last, so that the positional order of the others stays

    TABLES: ClassVar[tuple[str, ...]] = ("kunden", "transaktionen", "kontakte", "befragung", "chancen")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order of :attr:`TABLES`.

        >>> list(generate_customers(seed=1, n_customers=10).tables())
        ['kunden', 'transaktionen', 'kontakte', 'befragung', 'chancen']
        """
        return {name: getattr(self, name) for name in self.TABLES}

    def require(self, name: str) -> pd.DataFrame:
        """The table ``name``; a German error if it does not exist or is missing in the data.

        >>> generate_customers(seed=1, n_customers=10).require("kontakte").columns[0]
        'kunden_id'
        >>> generate_customers(seed=1, n_customers=10).require("umsatz")
        Traceback (most recent call last):
        ...
        kundenkit.errors.KundenkitError: Eine Tabelle 'umsatz' gibt es nicht. Vorhanden sind: kunden, transaktionen,
            kontakte, befragung, chancen.
        """
        if name not in self.TABLES:
            raise KundenkitError(
                f"Eine Tabelle {name!r} gibt es nicht. Vorhanden sind: {', '.join(self.TABLES)}."
            )
        table = getattr(self, name)
        if table is None:
            raise KundenkitError(
                f"Für diesen Schritt braucht der Kurs die Tabelle '{name}' (Datei {name}.csv), "
                f"sie fehlt aber in Ihren Daten. Legen Sie die Datei {name}.csv in Ihren Datenordner, "
                "oder setzen Sie daten_pfad = None, um mit den Beispieldaten des Kurses zu arbeiten."
            )
        return table

    def __repr__(self) -> str:
        """A German summary for the notebook: whose data, the size of each table, and any notes.

        >>> generate_customers(seed=1, n_customers=10, branche="Bank")  # doctest: +ELLIPSIS
        Beispieldaten Bank (seed 1): Kunden 10 Zeilen · Transaktionen ... Zeilen · Kontakte ... · Befragung ...
        >>> base = generate_customers(seed=1, n_customers=10)
        >>> CustomerBase(base.kunden, None, None, None, "Handel", 0, quelle="mein_unternehmen",
        ...              hinweise=("Zeile 12 wurde nicht eingelesen.",))
        Ihre Daten aus 'mein_unternehmen': Kunden 10 Zeilen · Transaktionen fehlt · Kontakte fehlt · Befragung fehlt
            · Chancen fehlt
        Hinweis: Zeile 12 wurde nicht eingelesen.
        """
        titles = {"kunden": "Kunden", "transaktionen": "Transaktionen", "kontakte": "Kontakte",
                  "befragung": "Befragung", "chancen": "Chancen"}
        sizes = " · ".join(
            f"{titles[name]} {'fehlt' if table is None else f'{len(table):,} Zeilen'.replace(',', '.')}"
            for name, table in self.tables().items()
        )
        lines = [f"{self.title()}: {sizes}", *(f"Hinweis: {note}" for note in self.hinweise)]
        return "\n".join(lines)

    def title(self) -> str:
        """Whose data this is, for headers: the learner's folder, or the course's sample data.

        >>> generate_customers(seed=42, n_customers=10).title()
        'Beispieldaten Handel (seed 42)'
        """
        if self.quelle is not None:
            return f"Ihre Daten aus '{self.quelle}'"
        return f"Beispieldaten {self.branche} (seed {self.seed})"


@dataclass(frozen=True)
class _Population:
    """Per-customer arrays shared by all tables (days are counted since 1970-01-01)."""

    segment: np.ndarray       # index into profile.segments
    since: np.ndarray         # day the customer joined
    start: np.ndarray         # first day of the observation window of this customer
    end: np.ndarray           # last active day: churn day or reference day
    churned: np.ndarray       # hidden ground truth, not part of any table
    reference: int            # the reference day
    signal: np.ndarray        # hidden: churners who show a "Blinker" before they leave (lesson 1.4)
    signal_contact: np.ndarray  # hidden: signalled churners who also rate a contact badly before leaving
    signal_seed: int          # seed of the thinning of the signalled churners' last purchases

    @property
    def size(self) -> int:
        return len(self.segment)


def generate_customers(seed: int = 42, n_customers: int = 2000, branche: str = "Handel", *,
                       reference_date: str = "2024-12-31") -> CustomerBase:
    """Generate the seeded synthetic customer base of one sector.

    Parameters
    ----------
    seed : int
        Seed of the random numbers (0 or more); the same arguments give the same tables.
    n_customers : int
        Number of customers, 1 to 1,000,000.
    branche : str
        One of :data:`BRANCHEN` (case does not matter).
    reference_date : str or date-like
        The "today" of the data. Purchases, contacts and answers lie in the two
        years (730 days) before it, and never before the customer joined.

    Returns
    -------
    CustomerBase
        ``kunden`` (kunden_id, name, plz, ort, land, segment, kunde_seit),
        ``transaktionen`` (kunden_id, datum, betrag, produkt, kategorie),
        ``kontakte`` (kunden_id, datum, kanal, touchpoint, bewertung 1–5) and
        ``befragung`` (kunden_id, datum, touchpoint, nps 0–10 and the items of
        :data:`WARMTH_ITEMS` and :data:`COMPETENCE_ITEMS` on a 1–7 scale) and
        ``chancen`` (chance_id, kunden_id, angelegt_am, phase – the last of
        :data:`STAGES` reached –, status – one of :data:`OPPORTUNITY_STATUS` –,
        betrag, abgeschlossen_am – empty while open).

    Raises
    ------
    KundenkitError
        If a parameter is not allowed; the German message says what is.

    Examples
    --------
    >>> base = generate_customers(seed=1, n_customers=50, branche="Bank")
    >>> base.branche, base.kunden.shape
    ('Bank', (50, 7))
    >>> list(base.kunden.columns)
    ['kunden_id', 'name', 'plz', 'ort', 'land', 'segment', 'kunde_seit']
    >>> list(base.transaktionen.columns)
    ['kunden_id', 'datum', 'betrag', 'produkt', 'kategorie']
    >>> list(base.kontakte.columns)
    ['kunden_id', 'datum', 'kanal', 'touchpoint', 'bewertung']
    >>> list(base.befragung.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['kunden_id', 'datum', 'touchpoint', 'nps', 'freundlich', 'ehrlich', 'hilfsbereit', 'wohlwollend',
     'fähig', 'kompetent', 'zuverlässig', 'effizient']
    >>> list(base.chancen.columns)
    ['chance_id', 'kunden_id', 'angelegt_am', 'phase', 'status', 'betrag', 'abgeschlossen_am']
    >>> base.kunden["kunden_id"].iloc[0], str(base.kunden["plz"].dtype), str(base.kunden["kunde_seit"].dtype)
    ('K000001', 'string', 'datetime64[us]')
    >>> generate_customers(branche="Bäcker")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Unbekannte Branche 'Bäcker' im Parameter 'branche'. Erlaubt sind: Handel, Bank,
        Versicherung, Telekommunikation, Maschinenbau.
    """
    seed = check_int("seed", seed, minimum=0)
    n_customers = check_int("n_customers", n_customers, minimum=1, maximum=MAX_CUSTOMERS)
    profile = SECTOR_PROFILES[check_choice("branche", branche, BRANCHEN, "Branche")]
    reference = _check_reference_date(reference_date)

    # One seed sequence per (seed, sector), spawned into one stream per part of the data. A child's
    # stream depends only on its position, so the opportunities (the sixth) leave the others unchanged.
    root = np.random.SeedSequence(seed, spawn_key=(BRANCHEN.index(profile.name),))
    rng_people, rng_sales, rng_contacts, rng_levels, rng_survey, rng_pipeline = (
        np.random.default_rng(child) for child in root.spawn(6)
    )
    population = _draw_population(rng_people, profile, n_customers, reference)
    ids = _customer_ids(n_customers)
    warmth, competence = _touchpoint_levels(rng_levels, len(profile.touchpoints))
    return CustomerBase(
        kunden=_customers_table(rng_people, profile, population, ids),
        transaktionen=_transactions_table(rng_sales, profile, population, ids),
        kontakte=_contacts_table(rng_contacts, profile, population, ids, warmth, competence),
        befragung=_survey_table(rng_survey, profile, population, ids, warmth, competence),
        branche=profile.name,
        seed=seed,
        chancen=_opportunities_table(rng_pipeline, profile, population, ids),
    )


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def _check_reference_date(value) -> int:
    """The reference date as a day number since 1970-01-01."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if stamp is pd.NaT or stamp.tzinfo is not None:
        raise KundenkitError(
            f"Der Parameter 'reference_date' muss ein Datum sein, z. B. '2024-12-31', nicht {value!r}."
        )
    return (stamp.normalize() - _EPOCH).days


# ---------------------------------------------------------------------------
# Drawing helpers
# ---------------------------------------------------------------------------

def _normalised(weights) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return weights / weights.sum()


def _choose(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    """Indices 0..len(weights)-1 drawn with the given (unnormalised) weights."""
    cumulative = np.cumsum(_normalised(weights))
    return np.minimum(np.searchsorted(cumulative, rng.random(size), side="right"), len(cumulative) - 1)


def _choose_by_group(rng: np.random.Generator, group: np.ndarray, weight_rows: np.ndarray) -> np.ndarray:
    """For each element an index drawn with the weight row of its group (one pass per group)."""
    uniform = rng.random(len(group))
    chosen = np.zeros(len(group), dtype=np.int64)
    for g, weights in enumerate(weight_rows):
        mask = group == g
        cumulative = np.cumsum(_normalised(weights))
        picked = np.searchsorted(cumulative, uniform[mask], side="right")
        chosen[mask] = np.minimum(picked, len(cumulative) - 1)
    return chosen


def _days_between(rng: np.random.Generator, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """A uniformly drawn day in [first, last] (inclusive) for each pair."""
    span = np.maximum(last - first + 1, 1)
    return first + np.floor(rng.random(len(first)) * span).astype(np.int64)


def _text(values) -> pd.arrays.StringArray:
    return pd.array(np.asarray(values, dtype=object), dtype=TEXT)


def _labels(names, codes: np.ndarray) -> pd.arrays.StringArray:
    """Text column from a few distinct labels and one code per row."""
    return _text(np.asarray(list(names), dtype=object)[codes])


def _dates(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="datetime64[D]").astype(DATE)


def _customer_ids(n: int) -> np.ndarray:
    width = max(6, len(str(n)))
    return np.array([f"K{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def _numbered_ids(prefix: str, n: int) -> np.ndarray:
    """``prefix`` and the numbers 1..n with at least six digits, built without a Python loop.

    >>> _numbered_ids("C", 3).tolist()
    ['C000001', 'C000002', 'C000003']
    """
    width = max(6, len(str(n)))
    digits = np.arange(1, n + 1)[:, None] // 10 ** np.arange(width - 1, -1, -1) % 10 + ord("0")
    chars = np.column_stack([np.full(n, ord(prefix)), digits]).astype(np.uint8)
    return chars.view(f"S{width + 1}").ravel().astype(str).astype(object)


def _by_customer_and_day(owner: np.ndarray, day: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    """The arrays reordered by customer, then day (stable: ties keep their drawing order)."""
    order = np.lexsort((day, owner))
    return [values[order] for values in (owner, day, *others)]


# ---------------------------------------------------------------------------
# Customers
# ---------------------------------------------------------------------------

# Lesson 1.4 "Spurwechsel": some churners signal before they leave (assumptions of the course).
# A share SIGNAL_SHARE of the churners shows a "Blinker": in the SIGNAL_DAYS before the churn day
# they buy only SIGNAL_PURCHASE_KEEP of their usual purchases, and SIGNAL_CONTACT_SHARE of them also
# have a poorly rated contact (bewertung 1–2) in the SIGNAL_CONTACT_DAYS before. The other churners
# stop without warning. Nothing in the tables says who left or who signalled.
SIGNAL_SHARE = 0.6
SIGNAL_DAYS = 120
SIGNAL_PURCHASE_KEEP = 1 / 3
SIGNAL_CONTACT_SHARE = 0.5
SIGNAL_CONTACT_DAYS = 60


def _draw_population(rng: np.random.Generator, profile: SectorProfile, n: int, reference: int) -> _Population:
    segment = _choose(rng, [s.share for s in profile.segments], n)
    tenure = rng.exponential(profile.mean_tenure_years * _DAYS_PER_YEAR, n)
    since = reference - np.minimum(tenure, MAX_TENURE_YEARS * _DAYS_PER_YEAR).astype(np.int64)
    start = np.maximum(since, reference - WINDOW_DAYS)
    churn_rate = np.array([s.churn_rate for s in profile.segments])[segment]
    churned = rng.random(n) < churn_rate
    churn_day = _days_between(rng, start, np.full(n, reference))
    end = np.where(churned, churn_day, reference)
    # A child stream for the Blinker: it leaves the draws of every other part unchanged.
    signal_rng = rng.spawn(1)[0]
    signal = churned & (signal_rng.random(n) < SIGNAL_SHARE)
    signal_contact = signal & (signal_rng.random(n) < SIGNAL_CONTACT_SHARE)
    return _Population(segment=segment, since=since, start=start, end=end, churned=churned, reference=reference,
                       signal=signal, signal_contact=signal_contact,
                       signal_seed=int(signal_rng.integers(0, 2**63 - 1)))


def _thin_signalled(population: _Population, owner: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop most purchases of signalled churners in the SIGNAL_DAYS before they leave (their Blinker)."""
    uniform = np.random.default_rng(population.signal_seed).random(len(owner))
    blinking = population.signal[owner] & (day > population.end[owner] - SIGNAL_DAYS)
    keep = ~blinking | (uniform < SIGNAL_PURCHASE_KEEP)
    return owner[keep], day[keep]


@cache
def _word_lists(locale: str) -> dict[str, np.ndarray]:
    """Faker's name and town lists of a locale as object arrays (duplicates removed)."""
    person = import_module(f"faker.providers.person.{locale}").Provider
    address = import_module(f"faker.providers.address.{locale}").Provider

    def unique(values) -> np.ndarray:
        return np.array(list(dict.fromkeys(values)), dtype=object)

    return {"female": unique(person.first_names_female), "male": unique(person.first_names_male),
            "last": unique(person.last_names), "cities": unique(address.cities)}


def _town_prefixes(country: Country, cities: np.ndarray) -> np.ndarray:
    """The two leading postcode digits of each town: real for known towns, else fixed per name."""
    known = _PLZ_PREFIX.get(country.code, {})
    lowest = 1 if country.plz_digits == 5 else 10
    return np.array([known.get(city, lowest + zlib.crc32(city.encode()) % (100 - lowest)) for city in cities])


def _postcodes(rng: np.random.Generator, country: Country, prefixes: np.ndarray) -> np.ndarray:
    tail = 10 ** (country.plz_digits - 2)
    numbers_ = prefixes * tail + rng.integers(0, tail, len(prefixes))
    return np.array([f"{value:0{country.plz_digits}d}" for value in numbers_.tolist()], dtype=object)


def _person_names(rng: np.random.Generator, words: dict[str, np.ndarray], n: int) -> np.ndarray:
    female = rng.random(n) < 0.5
    first = np.where(female, words["female"][rng.integers(0, len(words["female"]), n)],
                     words["male"][rng.integers(0, len(words["male"]), n)])
    return first + " " + words["last"][rng.integers(0, len(words["last"]), n)]


def _company_names(rng: np.random.Generator, words: dict[str, np.ndarray], trades: tuple[str, ...],
                   country: Country, n: int) -> np.ndarray:
    """Names such as 'Müller Antriebstechnik GmbH' or 'Metallbau Huber KG'."""
    last = words["last"][rng.integers(0, len(words["last"]), n)]
    trade = np.array(trades, dtype=object)[rng.integers(0, len(trades), n)]
    forms = np.array(list(country.legal_forms), dtype=object)
    form = forms[_choose(rng, list(country.legal_forms.values()), n)]
    trade_first = rng.random(n) < 0.35
    return np.where(trade_first, trade + " " + last, last + " " + trade) + " " + form


def _customers_table(rng: np.random.Generator, profile: SectorProfile, population: _Population,
                     ids: np.ndarray) -> pd.DataFrame:
    n = population.size
    country = _choose(rng, [c.share for c in COUNTRIES], n)
    b2b = np.array([s.b2b for s in profile.segments])[population.segment]
    name = np.empty(n, dtype=object)
    plz = np.empty(n, dtype=object)
    town = np.empty(n, dtype=object)
    for k, spec in enumerate(COUNTRIES):
        words = _word_lists(spec.locale)
        here = country == k
        people, firms = here & ~b2b, here & b2b
        name[people] = _person_names(rng, words, int(people.sum()))
        if firms.any():
            trades = profile.company_words or _SME_WORDS
            name[firms] = _company_names(rng, words, trades, spec, int(firms.sum()))
        city_index = rng.integers(0, len(words["cities"]), int(here.sum()))
        town[here] = words["cities"][city_index]
        plz[here] = _postcodes(rng, spec, _town_prefixes(spec, words["cities"])[city_index])
    return pd.DataFrame({
        "kunden_id": _text(ids),
        "name": _text(name),
        "plz": _text(plz),
        "ort": _text(town),
        "land": _labels([c.code for c in COUNTRIES], country),
        "segment": _labels([s.name for s in profile.segments], population.segment),
        "kunde_seit": _dates(population.since),
    })


# ---------------------------------------------------------------------------
# Transactions
# ---------------------------------------------------------------------------

# Latent interests make products go together (market baskets, lesson 1.3): every
# customer has each interest of the sector with probability _INTEREST_RATE. Without
# it, the interest's products keep only _INTEREST_DAMP of their weight; with it, they
# get so much more that their expected share of all purchases stays at ``weight``.
_INTEREST_RATE = 0.30
_INTEREST_DAMP = 0.05


def _interest_factors(profile: SectorProfile) -> np.ndarray:
    """Factors on the product weights, one row per combination of the sector's interests.

    Row ``code`` belongs to customers whose interests are the set bits of ``code``
    (bit j: the j-th interest, in the order the products name them).

    >>> _interest_factors(SECTOR_PROFILES["Telekommunikation"])[:, 3:5].round(3).tolist()
    [[0.05, 0.05], [3.217, 3.217]]
    """
    names = list(dict.fromkeys(p.interest for p in profile.products if p.interest))
    boost = (1 - (1 - _INTEREST_RATE) * _INTEREST_DAMP) / _INTEREST_RATE
    codes = np.arange(2 ** len(names))
    factors = np.ones((len(codes), len(profile.products)))
    for j, product in enumerate(profile.products):
        if product.interest:
            has = (codes >> names.index(product.interest)) & 1 == 1
            factors[:, j] = np.where(has, boost, _INTEREST_DAMP)
    return factors


def _product_weights(profile: SectorProfile) -> np.ndarray:
    """One row of product weights per segment."""
    default = [p.weight for p in profile.products]
    rows = []
    for segment in profile.segments:
        mix = segment.product_weights
        rows.append(default if mix is None else [mix.get(p.name, 0.0) for p in profile.products])
    return np.array(rows, dtype=float)


def _transactions_table(rng: np.random.Generator, profile: SectorProfile, population: _Population,
                        ids: np.ndarray) -> pd.DataFrame:
    segments, products = profile.segments, profile.products
    frequency = np.array([s.purchases_per_year for s in segments])[population.segment]
    activity = rng.gamma(_ACTIVITY_SHAPE, 1.0 / _ACTIVITY_SHAPE, population.size)
    years = np.maximum(population.end - population.start + 1, 0) / _DAYS_PER_YEAR
    owner = np.repeat(np.arange(population.size), rng.poisson(frequency * activity * years))

    day = _days_between(rng, population.start[owner], population.end[owner])
    owner, day = _thin_signalled(population, owner, day)  # lesson 1.4: signalled churners buy less
    segment = population.segment[owner]
    # Interests come from a child stream, so that the other draws stay as they were.
    factors = _interest_factors(profile)
    bits = len(factors).bit_length() - 1
    interests = (rng.spawn(1)[0].random((population.size, bits)) < _INTEREST_RATE) @ (1 << np.arange(bits))
    weights = (_product_weights(profile)[:, None, :] * factors[None, :, :]).reshape(-1, len(products))
    product = _choose_by_group(rng, segment * len(factors) + interests[owner], weights)

    median = np.array([p.median for p in products])[product]
    sigma = np.array([p.sigma for p in products])[product]
    low = np.array([p.low for p in products])[product]
    high = np.array([p.high for p in products])[product]
    factor = np.array([s.amount_factor for s in segments])[segment]
    amount = median * factor * np.exp(sigma * rng.standard_normal(len(owner)))
    amount = np.round(np.clip(amount, low, high), 2)

    owner, day, amount, product = _by_customer_and_day(owner, day, amount, product)
    return pd.DataFrame({
        "kunden_id": _text(ids[owner]),
        "datum": _dates(day),
        "betrag": amount,
        "produkt": _labels([p.name for p in products], product),
        "kategorie": _labels([p.kategorie for p in products], product),
    })


# ---------------------------------------------------------------------------
# Touchpoints, contacts and survey
# ---------------------------------------------------------------------------

def _touchpoint_levels(rng: np.random.Generator, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Latent warmth and competence (1–7 scale) of each touchpoint.

    Every quadrant of the warmth × competence matrix gets at least one touchpoint
    (there are at least four), so every sector and seed has an admired touchpoint
    (both axes high) and weak ones; the rest land in random quadrants.
    """
    quadrants = list(range(len(_QUADRANTS))) + list(_choose(rng, _EXTRA_QUADRANT_WEIGHTS, k - len(_QUADRANTS)))
    assigned = np.empty(k, dtype=np.int64)
    assigned[rng.permutation(k)] = quadrants
    high = rng.uniform(*_HIGH_LEVEL, size=(k, 2))
    low = rng.uniform(*_LOW_LEVEL, size=(k, 2))
    is_high = np.array(_QUADRANTS)[assigned]
    levels = np.where(is_high, high, low)
    return levels[:, 0], levels[:, 1]


def _channel_weights(profile: SectorProfile) -> np.ndarray:
    """One row per touchpoint: the sector's channel weights restricted to the touchpoint's channels."""
    channels = list(profile.channels)
    return np.array([[profile.channels[c] if c in tp.channels else 0.0 for c in channels]
                     for tp in profile.touchpoints])


def _contacts_table(rng: np.random.Generator, profile: SectorProfile, population: _Population,
                    ids: np.ndarray, warmth: np.ndarray, competence: np.ndarray) -> pd.DataFrame:
    rate = np.array([s.contacts_per_year for s in profile.segments])[population.segment]
    years = (population.reference - population.start + 1) / _DAYS_PER_YEAR
    owner = np.repeat(np.arange(population.size), rng.poisson(rate * years))

    day = _days_between(rng, population.start[owner], np.full(len(owner), population.reference))
    touchpoint = _choose(rng, [tp.weight for tp in profile.touchpoints], len(owner))
    channel = _choose_by_group(rng, touchpoint, _channel_weights(profile))
    # A contact's rating (1–5) follows the touchpoint's quality on the 1–7 scale.
    quality = (warmth + competence)[touchpoint] / 2
    rating = 1 + (quality - SCALE_MIN) * 4 / (SCALE_MAX - SCALE_MIN) + rng.normal(0, _RATING_SD, len(owner))
    # A person lifts the rating where the touchpoint needs one (no random draw: the other tables stay the same).
    human = np.isin(np.array(list(profile.channels)), HUMAN_CHANNELS)[channel]
    rating = rating + np.array([tp.human_lift for tp in profile.touchpoints])[touchpoint] * human
    rating = np.clip(np.rint(rating), 1, 5).astype(np.int64)
    # Lesson 1.4: some signalled churners rate a contact badly (1–2) shortly before they leave.
    blinker = np.flatnonzero(population.signal_contact)
    earliest = np.maximum(population.start[blinker], population.end[blinker] - SIGNAL_CONTACT_DAYS)
    blinker_day = _days_between(rng, earliest, population.end[blinker])
    blinker_touchpoint = _choose(rng, [tp.weight for tp in profile.touchpoints], len(blinker))
    blinker_channel = _choose_by_group(rng, blinker_touchpoint, _channel_weights(profile))
    blinker_rating = rng.integers(1, 3, len(blinker))
    owner, day = np.concatenate([owner, blinker]), np.concatenate([day, blinker_day])
    channel = np.concatenate([channel, blinker_channel])
    touchpoint = np.concatenate([touchpoint, blinker_touchpoint])
    rating = np.concatenate([rating, blinker_rating]).astype(np.int64)

    owner, day, channel, touchpoint, rating = _by_customer_and_day(owner, day, channel, touchpoint, rating)
    return pd.DataFrame({
        "kunden_id": _text(ids[owner]),
        "datum": _dates(day),
        "kanal": _labels(profile.channels, channel),
        "touchpoint": _labels([tp.name for tp in profile.touchpoints], touchpoint),
        "bewertung": rating,
    })


def _scale_answers(values: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(values), SCALE_MIN, SCALE_MAX).astype(np.int64)


def _survey_table(rng: np.random.Generator, profile: SectorProfile, population: _Population,
                  ids: np.ndarray, warmth: np.ndarray, competence: np.ndarray) -> pd.DataFrame:
    respondent = np.flatnonzero(rng.random(population.size) < SURVEY_RATE)
    m = len(respondent)
    day = _days_between(rng, population.start[respondent], population.end[respondent])
    # Every touchpoint is asked about about equally often, so each gets enough answers.
    touchpoint = rng.integers(0, len(profile.touchpoints), m)
    felt_warmth = warmth[touchpoint] + rng.normal(0, _RESPONDENT_SD, m)
    felt_competence = competence[touchpoint] + rng.normal(0, _RESPONDENT_SD, m)
    nps = (_NPS_BASE + _NPS_WARMTH * (felt_warmth - SCALE_MIDPOINT)
           + _NPS_COMPETENCE * (felt_competence - SCALE_MIDPOINT) + rng.normal(0, _NPS_SD, m))

    columns = {
        "kunden_id": _text(ids[respondent]),
        "datum": _dates(day),
        "touchpoint": _labels([tp.name for tp in profile.touchpoints], touchpoint),
        "nps": np.clip(np.rint(nps), 0, 10).astype(np.int64),
    }
    for items, felt in ((WARMTH_ITEMS, felt_warmth), (COMPETENCE_ITEMS, felt_competence)):
        for item in items:
            columns[item] = _scale_answers(felt + rng.normal(0, _ITEM_SD, m))
    # Respondents are drawn in customer order, so sorting by date within a customer is trivial.
    return pd.DataFrame(columns)


# ---------------------------------------------------------------------------
# Sales opportunities (lesson 4.5)
# ---------------------------------------------------------------------------

_STAGE_SHAPE = 2.0         # gamma shape of the days spent in one stage


def _opportunities_table(rng: np.random.Generator, profile: SectorProfile, population: _Population,
                         ids: np.ndarray) -> pd.DataFrame:
    """Opportunities opened while the customer was active; each moves through :data:`STAGES` until lost or won.

    An opportunity advances from stage k to k + 1 with ``profile.pipeline.advance[k]``
    and spends a gamma-distributed time in each stage it reaches. If the
    reference day comes first it is still open, in the stage it has reached by
    then; if the customer leaves first it is lost in that stage on the day they leave.
    """
    pipeline = profile.pipeline
    rate = np.array([s.opportunities_per_year for s in profile.segments])[population.segment]
    years = np.maximum(population.end - population.start + 1, 0) / _DAYS_PER_YEAR
    owner = np.repeat(np.arange(population.size), rng.poisson(rate * years))
    m, steps = len(owner), len(STAGES) - 1
    opened = _days_between(rng, population.start[owner], population.end[owner])

    # Last stage each would reach (k successes in a row), and the day it enters each stage.
    moves_on = rng.random((m, steps)) < np.asarray(pipeline.advance)
    final = np.cumprod(moves_on, axis=1).sum(axis=1)
    stay = rng.gamma(_STAGE_SHAPE, pipeline.stage_days / _STAGE_SHAPE, (m, steps))
    entered = np.zeros((m, steps + 1))
    np.cumsum(stay, axis=1, out=entered[:, 1:])
    entered = opened[:, None] + entered.astype(np.int64)
    # A lost opportunity ends after its time in its last stage; a won one on the day it reaches Abschluss.
    closed = np.where(final == steps, entered[np.arange(m), final],
                      entered[np.arange(m), np.minimum(final + 1, steps)])
    closed = np.maximum(closed, opened)

    # Cut at the customer's last active day: still open there (reference day) or lost (customer left).
    cutoff = population.end[owner]
    running = closed > cutoff
    reached_by_cutoff = (entered <= cutoff[:, None]).sum(axis=1) - 1
    stage = np.where(running, np.minimum(reached_by_cutoff, final), final)
    left = running & population.churned[owner]
    status = np.where(running & ~left, 0, np.where(final == steps, 1, 2))
    status = np.where(left, 2, status)
    closed = np.where(running, np.where(left, cutoff, -1), closed)

    segment = population.segment[owner]
    factor = np.array([s.amount_factor for s in profile.segments])[segment]
    amount = pipeline.median * factor * np.exp(pipeline.sigma * rng.standard_normal(m))
    amount = np.round(np.clip(amount, pipeline.low * factor, pipeline.high * factor), -1)

    owner, opened, stage, status, amount, closed = _by_customer_and_day(owner, opened, stage, status, amount, closed)
    return pd.DataFrame({
        "chance_id": _text(_numbered_ids("C", m)),
        "kunden_id": _text(ids[owner]),
        "angelegt_am": _dates(opened),
        "phase": _labels(STAGES, stage),
        "status": _labels(OPPORTUNITY_STATUS, status),
        "betrag": amount.astype(float),
        "abgeschlossen_am": pd.Series(_dates(np.maximum(closed, 0))).where(closed >= 0).to_numpy(),
    })
