"""One typed number: German input is read as a German means it; what is unclear is refused, never guessed."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenkit import formatting
from kundenkit.data.german_numbers import MAX_SHOWN_DECIMALS, format_number, parse_number
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("1500,5", "number", 1500.5),
    ("1.500,50", "number", 1500.5),
    ("1 500", "number", 1500.0),
    ("1\u00a0500,5", "number", 1500.5),
    ("1.500", "number", 1500.0),
    ("1.500.000", "number", 1_500_000.0),
    ("1,5", "number", 1.5),
    ("1,500", "number", 1.5),             # German: the comma is the decimal mark
    ("1.500 €", "number", 1500.0),
    ("€ 1.500,50", "number", 1500.5),
    ("1.500,50 EUR", "number", 1500.5),
    ("CHF 1'500.50", "number", 1500.5),
    ("CHF 12.50", "number", 12.5),
    ("Fr. 12.50", "number", 12.5),
    ("1'500.50", "number", 1500.5),
    ("1,500.50", "number", 1500.5),
    ("-1.234", "number", -1234.0),
    ("−5", "number", -5.0),
    ("1.234,50-", "number", -1234.5),
    ("+3", "number", 3.0),
    ("  42  ", "number", 42.0),
    ("12,5 %", "percent", 0.125),
    ("12,5%", "percent", 0.125),
    ("12,5", "percent", 0.125),
    ("7 %", "percent", 0.07),
    ("-3 %", "percent", -0.03),
    ("2.000", "integer", 2000),
    ("1.500,0", "integer", 1500),
    ("1 500", "integer", 1500),
])
def test_german_inputs_are_read_as_meant(text, kind, expected):
    value = parse_number(text, kind=kind)
    assert value == expected
    assert type(value) is (int if kind == "integer" else float)


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("1.5", "number", "„1.5“ ist nicht eindeutig. Meinen Sie 1,5? Schreiben Sie das Komma als Dezimalzeichen."),
    ("1500.50", "number", "Meinen Sie 1500,50?"),
    ("0.125", "number", "Meinen Sie 0,125?"),
    ("CHF 1.500", "number", "„CHF 1.500“ ist nicht eindeutig. Meinen Sie 1,5 oder 1'500?"),
    ("", "number", "Bitte geben Sie eine Zahl ein, z. B. 1.500,50."),
    ("abc", "number", "„abc“ ist keine Zahl, die der Kurs lesen kann. Schreiben Sie z. B. 1.500,50"),
    ("1.50.000", "number", "keine Zahl"),
    ("1,2,3", "number", "keine Zahl"),
    ("1.234,5.6", "number", "keine Zahl"),
    ("15 00", "number", "keine Zahl"),
    ("--5", "number", "keine Zahl"),
    ("-5-", "number", "keine Zahl"),
    ("1e5", "number", "keine Zahl"),
    ("0x10", "number", "keine Zahl"),
    ("nan", "number", "keine Zahl"),
    ("12 %", "number", "„12 %“: Hier ist kein Prozentwert gefragt. Schreiben Sie die Zahl ohne %"),
    ("12 €", "percent", "Hier ist ein Prozentwert gefragt, kein Betrag. Schreiben Sie z. B. 12,5 %."),
    ("1.500,5", "integer", "„1.500,5“ ist keine ganze Zahl: Das Komma trennt die Nachkommastellen."),
    ("1,500", "integer", "Für Tausend schreiben Sie 1.500."),
    ("9" * 400, "number", "zu groß"),
])
def test_unclear_or_invalid_inputs_are_refused_with_a_german_hint(text, kind, message):
    with pytest.raises(KundenkitError) as error:
        parse_number(text, kind=kind)
    assert message in str(error.value)


def test_bounds_are_checked_with_a_german_message():
    assert parse_number("1.000", minimum=0, maximum=1000) == 1000
    with pytest.raises(KundenkitError, match="„-5“ ist zu klein. Der kleinste erlaubte Wert ist 0."):
        parse_number("-5", minimum=0)
    with pytest.raises(KundenkitError, match="„1.001“ ist zu groß. Der größte erlaubte Wert ist 1.000."):
        parse_number("1.001", maximum=1000)
    with pytest.raises(KundenkitError, match="größte erlaubte Wert ist 100 %"):
        parse_number("120 %", kind="percent", maximum=1)


def test_unknown_kind_is_refused():
    with pytest.raises(KundenkitError, match="kind='euro'"):
        parse_number("1", kind="euro")


# --- properties ------------------------------------------------------------------------------

amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
decimals = st.integers(min_value=0, max_value=4)


def _reads_back(text: str, value: float, places: int, kind: str = "number") -> float:
    """``text`` shows ``value`` at ``places`` decimals: it parses to a number that is shown as the same text.

    Independent of how the display rounds (half up or half even): the number read is
    within half a unit of the last shown decimal of ``value`` – a confused thousands
    and decimal separator would be off by a factor of about 1000.
    """
    read = parse_number(text, kind=kind)
    scale = 100 if kind == "percent" else 1
    assert abs(read - value) * scale <= 0.5 * 10**-places * (1 + 1e-9) + abs(value) * scale * 1e-15, (text, read)
    return read


@settings(max_examples=300, deadline=None)
@given(amounts, decimals)
def test_every_number_the_course_shows_reads_back_as_itself(value, places):
    shown = de_number(value, places)
    read = _reads_back(shown, value, places)
    assert de_number(read, places) == shown


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-10, max_value=10, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_every_percentage_the_course_shows_reads_back_as_itself(share, places):
    shown = de_percent(share, places)
    read = _reads_back(shown, share, places, kind="percent")
    assert de_percent(read, places) == shown


@settings(max_examples=200, deadline=None)
@given(amounts, st.integers(min_value=0, max_value=2))
def test_money_as_the_course_and_excel_write_it_reads_back(value, places):
    german = de_number(value, places)
    expected = _reads_back(german, value, places)
    magnitude = german.lstrip("-−")
    for text in (f"{german} €", f"€ {german}", german.replace("-", "−") + " €", f"{german} EUR"):
        assert parse_number(text) == expected, text
    if german[0] in "-−":
        assert parse_number(f"{magnitude}-") == expected  # SAP's trailing minus


@settings(max_examples=200, deadline=None)
@given(amounts, st.sampled_from([None, 0, 2]))
def test_money_and_counts_of_the_display_layer_read_back(value, places):
    de_money, de_count = getattr(formatting, "de_money", None), getattr(formatting, "de_count", None)
    if de_money is None or de_count is None:
        pytest.skip("kundenkit.formatting has no de_money/de_count")
    used = places if places is not None else (0 if abs(value) >= 1000 else 2)
    shown = de_money(value, places)
    assert de_money(_reads_back(shown, value, used), used) == shown
    count = de_count(value)
    assert de_count(_reads_back(count, value, 0)) == count


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=MAX_SHOWN_DECIMALS),
       st.sampled_from(["number", "percent"]))
def test_what_the_field_shows_reads_back_unchanged(digits, places, kind):
    value = float(Decimal(digits).scaleb(-places - (2 if kind == "percent" else 0)))
    assert parse_number(format_number(value, kind), kind=kind) == value


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-10**12, max_value=10**12))
def test_whole_numbers_in_integer_fields(value):
    assert parse_number(format_number(value, "integer"), kind="integer") == value


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=-10**11, max_value=10**11))
def test_thousands_and_decimal_separators_are_never_confused(cents):
    """Written in any common convention, an amount is read exactly or refused – never as another number.

    German, Swiss (with apostrophes or CHF) and blank-grouped writings are always read;
    English ones and a Swiss ``12.50`` without CHF are read where they are unambiguous
    (both marks) and refused otherwise.
    """
    value = float(Decimal(cents).scaleb(-2))
    english = f"{value:,.2f}"
    always = {
        "German": de_number(value),
        "German without thousands points": de_number(value).replace(".", ""),
        "Swiss with currency": "CHF " + english.replace(",", "'"),
        "blank-grouped": de_number(value).replace(".", " "),
    }
    if abs(value) >= 1000:
        always["Swiss"] = english.replace(",", "'")  # the apostrophe shows the convention
    for convention, text in always.items():
        assert parse_number(text) == value, (convention, text)
    for text in (english, f"{value:.2f}", f"{value:,.1f}", f"$ {english}", english.replace(",", "'")):
        try:
            read = parse_number(text)
        except KundenkitError:
            continue
        assert read == float(text.replace(",", "").replace("'", "").removeprefix("$ ")), text
