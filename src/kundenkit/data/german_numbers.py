"""Numbers as German, Austrian and Swiss users write them: one set of rules for files and typed values.

The CSV reader (:func:`kundenkit.data.read_csv`) applies these rules to whole
columns; :func:`parse_number` applies the same building blocks (signs,
currency, percent, thousands groups, decimal marks) to one value a learner
types into a widget, and refuses what a single value leaves open.
:func:`format_number` writes a value so that :func:`parse_number` reads it back
unchanged.
"""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number

_SIMPLE_NUMBER = r"-?\d[\d.,]*"
_CURRENCY = r"(?:€|EUR|CHF|SFr\.|Fr\.|\$)"
# Sign, currency and percent sign around the digits; checked before these affixes are stripped.
_NUMBER_LIKE = rf"[-+−]?\s*(?:{_CURRENCY}\s*)?[-+−]?\s*\d[\d.,'’\s]*%?\s*(?:{_CURRENCY}\s*)?-?"
_AFFIX_CHARS = "-+−%€$EURCHFSr. \t\u00a0\u202f\u2009"
_LEADING_MINUS = r"\D*[-−]"
_GROUP_BLANKS = "[ '’\u00a0\u202f\u2009]"
_BLANK_GROUPED = rf"\d{{1,3}}(?:{_GROUP_BLANKS}\d{{3}})+(?:[.,]\d+)?"
_COMMA_DECIMAL = r"(?:\d+|\d{1,3}(?:\.\d{3})+),\d+"
_POINT_DECIMAL = r"(?:\d+|\d{1,3}(?:,\d{3})+)\.\d+"
_WHOLE_NUMBER = r"\d+|\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,}"
_AMBIGUOUS_POINT = r"[1-9]\d{0,2}\.\d{3}"  # "0.123" is never a thousands group


def _all_match(values: pd.Series, pattern: str) -> bool:
    """Whether every value matches ``pattern``; the first value alone is tried first."""
    return bool(re.fullmatch(pattern, values.iat[0])) and bool(values.str.fullmatch(pattern).all())


def _to_number(values: pd.Series, decimal: str | None) -> pd.Series | None:
    """Numbers as int64 or float64 if every value is one, else None."""
    split = _split_number(values)
    if split is None:
        return None
    digits, negative, percent = split
    marks = _decimal_marks(digits, decimal)
    if marks is None:
        return None
    plain = _plain_numbers(digits, marks)
    plain = plain.mask(negative, "-" + plain)
    if (marks == "").all() and not percent.any():
        try:
            return plain.astype("int64")
        except OverflowError:
            return None  # digit strings beyond int64 are identifiers, not amounts
    numbers = plain.astype("float64")
    return numbers.mask(percent, numbers / 100)


def _split_number(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series] | None:
    """(digits with their ``.``/``,`` marks, negative, percent) per value; None if a value is no number."""
    if _all_match(values, _SIMPLE_NUMBER):  # fast path: no currency, percent or blanks
        negative = values.str.startswith("-")
        return values.str.removeprefix("-"), negative, negative & False
    if not _all_match(values, _NUMBER_LIKE):
        return None
    leading, trailing = values.str.match(_LEADING_MINUS), values.str.endswith("-")
    if (leading & trailing).any():
        return None
    digits = values.str.strip(_AFFIX_CHARS)
    grouped = digits.str.fullmatch(_BLANK_GROUPED)
    if grouped.any():
        digits[grouped] = digits[grouped].str.replace(_GROUP_BLANKS, "", regex=True)
    return digits, leading | trailing, values.str.contains("%", regex=False)


def _decimal_marks(digits: pd.Series, decimal: str | None) -> np.ndarray | None:
    """Each value's decimal mark: ``","``, ``"."`` or ``""`` (whole number); None if one is no number."""
    if decimal is not None:
        thousands = re.escape("." if decimal == "," else ",")
        shape = rf"(?:\d+|\d{{1,3}}(?:{thousands}\d{{3}})+)(?:{re.escape(decimal)}\d+)?"
        if not digits.str.fullmatch(shape).all():
            return None
        return np.where(digits.str.contains(decimal, regex=False), decimal, "")
    comma = digits.str.fullmatch(_COMMA_DECIMAL)
    point = comma & False
    point[~comma] = digits[~comma].str.fullmatch(_POINT_DECIMAL)
    if not digits[~(comma | point)].str.fullmatch(_WHOLE_NUMBER).all():
        return None
    if comma.any() or _only_ambiguous_points(digits, point):
        point[point] = ~digits[point].str.fullmatch(_AMBIGUOUS_POINT)  # "1.234" is 1234, as German Excel writes it
    return np.select([comma, point], [",", "."], "")


def _only_ambiguous_points(digits: pd.Series, point: pd.Series) -> bool:
    """Whether every point in a column could group thousands (``1.234``) and nothing says it is English."""
    return bool(point.any()) and bool(digits[point].str.fullmatch(_AMBIGUOUS_POINT).all()) and not bool(
        digits.str.fullmatch(r"\d{1,3}(?:,\d{3})+").any())


def thousands_read_from_points(values: pd.Series) -> bool:
    """Whether a column's numbers were read with German thousands points only because nothing said otherwise.

    Such a column (``1.234``, ``12.500``, no decimal commas) is read the German
    way; the reader tells the learner so, since English software writes 1,234 thus.

    >>> thousands_read_from_points(pd.Series(["1.234", "12.500", "7"]))
    True
    >>> thousands_read_from_points(pd.Series(["1.234", "0.5"])), thousands_read_from_points(pd.Series(["1.234,5"]))
    (False, False)
    """
    split = _split_number(values)
    if split is None:
        return False
    digits = split[0]
    comma = digits.str.fullmatch(_COMMA_DECIMAL)
    point = digits.str.fullmatch(_POINT_DECIMAL) & ~comma
    return not comma.any() and _only_ambiguous_points(digits, point)


def _plain_numbers(digits: pd.Series, marks: np.ndarray) -> pd.Series:
    """Digits in Python's float syntax: thousands separators dropped, the decimal mark made a point."""
    comma, whole = marks == ",", marks == ""
    plain = digits.str.replace(",", "", regex=False)
    plain[whole] = plain[whole].str.replace(".", "", regex=False)
    plain[comma] = digits[comma].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return plain


# --- one typed value --------------------------------------------------------------------------

KINDS = ("number", "integer", "percent")
MAX_SHOWN_DECIMALS = 6       # format_number shows at most this many decimals (of the percent value for shares)
_EXAMPLES = {"number": "1.500,50", "integer": "1.500", "percent": "12,5 %"}
_SIGNS = "-+−"
_SWISS_CURRENCY = r"CHF|SFr\.|Fr\."
_LEADING_ZERO_GROUP = r"0\d{0,2}(?:\.\d{3})+(?:,\d+)?"   # "0.125" is no thousands group
_DIGIT_GROUPED = rf"\d{_GROUP_BLANKS}\d"


def parse_number(text, *, kind: str = "number", minimum: float | None = None,
                 maximum: float | None = None) -> float | int:
    """Read one number as a German, Austrian or Swiss user types it; refuse what is unclear.

    Parameters
    ----------
    text : str
        What the learner typed, e.g. ``"1.500,50"``, ``"1 500"``, ``"12,5 %"`` or ``"CHF 1'500.50"``.
    kind : {"number", "integer", "percent"}
        ``"number"``: any number, currency signs allowed, no ``%``.
        ``"integer"``: a whole number (``"1.500,0"`` is fine, ``"1.500,5"`` is not), no ``%``.
        ``"percent"``: a share given in percent, with or without ``%``: ``"12,5 %"`` and ``"12,5"``
        both give ``0.125``; no currency.
    minimum, maximum : float, optional
        Bounds of the value (for ``"percent"``: of the share, e.g. ``maximum=1`` for 100 %).

    Returns
    -------
    float or int
        ``int`` for ``kind="integer"``, else ``float`` (``"percent"``: the share, 0.125 for 12,5 %).

    Raises
    ------
    KundenkitError
        A short German message that repeats the input and says what to type instead.

    Notes
    -----
    The building blocks are those of :func:`kundenkit.data.read_csv`: a leading
    ``-``, ``+`` or ``−`` or a trailing (SAP) ``-``; ``€ EUR CHF Fr. SFr. $``
    before or after the number; blanks or apostrophes group thousands
    (``1 500``, ``1'500``). What a column of a file decides from its other
    values, a single value decides by these rules:

    1. The German reading comes first: ``.`` groups thousands in threes and
       ``,`` is the decimal mark. ``1.500`` is 1500, ``1.500,50`` is 1500,5,
       ``1500,5`` is 1500,5 and ``1,500`` is 1,5.
    2. A point is a decimal point only where it cannot be German: after a
       comma grouping (``1,500.50``), after blank or apostrophe groups
       (``1'500.50``) or with a Swiss currency (``CHF 12.50``).
    3. Refused as not clear: any other decimal point (``1.5``, ``1500.50``,
       ``0.125``: "Meinen Sie 1,5?"), a Swiss amount with one point and three
       digits (``CHF 1.500``: 1,5 or 1500?), two signs, ``%`` where no share is
       asked and currency where one is.

    A refused value never becomes a number: nothing is guessed.

    Examples
    --------
    >>> parse_number("1500,5"), parse_number("1.500,50"), parse_number("1 500"), parse_number("-1.234")
    (1500.5, 1500.5, 1500.0, -1234.0)
    >>> parse_number("1.500 €"), parse_number("CHF 1'500.50"), parse_number("−5"), parse_number("1.234-")
    (1500.0, 1500.5, -5.0, -1234.0)
    >>> parse_number("12,5 %", kind="percent"), parse_number("12,5", kind="percent")
    (0.125, 0.125)
    >>> parse_number("2.000", kind="integer")
    2000
    >>> parse_number("1.5")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: „1.5“ ist nicht eindeutig. Meinen Sie 1,5? Schreiben Sie das Komma als
        Dezimalzeichen.
    >>> parse_number("1,500", kind="integer")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: „1,500“ ist keine ganze Zahl: Das Komma trennt die Nachkommastellen. Für Tausend
        schreiben Sie 1.500.
    >>> parse_number("-5", minimum=0)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: „-5“ ist zu klein. Der kleinste erlaubte Wert ist 0.
    """
    if kind not in KINDS:
        raise KundenkitError(f"Unbekannte Zahlenart kind={kind!r}. Erlaubt sind: {', '.join(KINDS)}.")
    example = _EXAMPLES[kind]
    shown = str(text).strip() if text is not None else ""
    if not shown:
        raise KundenkitError(f"Bitte geben Sie eine Zahl ein, z. B. {example}.")
    value = unicodedata.normalize("NFC", shown)
    invalid = KundenkitError(f"„{shown}“ ist keine Zahl, die der Kurs lesen kann. Schreiben Sie z. B. {example} "
                             "(Punkt für Tausender, Komma vor den Nachkommastellen).")
    if sum(value.count(sign) for sign in _SIGNS) > 1:
        raise invalid
    split = _split_number(pd.Series([value], dtype=object))
    if split is None:
        raise invalid
    digits, negative, percent = (part.iat[0] for part in split)
    currency = re.search(_CURRENCY, value) is not None
    if percent and kind != "percent":
        raise KundenkitError(f"„{shown}“: Hier ist kein Prozentwert gefragt. Schreiben Sie die Zahl ohne %, "
                             f"z. B. {example}.")
    if currency and kind == "percent":
        raise KundenkitError(f"„{shown}“: Hier ist ein Prozentwert gefragt, kein Betrag. "
                             f"Schreiben Sie z. B. {example}.")
    plain = _single_reading(digits, shown, swiss=re.search(_SWISS_CURRENCY, value) is not None,
                            grouped=re.search(_DIGIT_GROUPED, value) is not None)
    if plain is None:
        raise invalid
    number = Decimal(plain)
    number = -number if negative else number
    if kind == "percent":
        number = number.scaleb(-2)
    if kind == "integer" and number != number.to_integral_value():
        hint = (" Für Tausend schreiben Sie " + digits.replace(",", ".") + "."
                if re.fullmatch(r"\d{1,3},\d{3}", digits) else f" Schreiben Sie z. B. {example}.")
        reason = ": Das Komma trennt die Nachkommastellen." if "," in digits else "."
        raise KundenkitError(f"„{shown}“ ist keine ganze Zahl{reason}{hint}")
    result = int(number) if kind == "integer" else float(number)
    if not math.isfinite(result):
        raise KundenkitError(f"„{shown}“ ist zu groß. Schreiben Sie eine kleinere Zahl.")
    if result == 0:
        result = type(result)(0)  # no -0.0
    if minimum is not None and result < minimum:
        raise KundenkitError(f"„{shown}“ ist zu klein. "
                             f"Der kleinste erlaubte Wert ist {format_number(minimum, kind, 0)}.")
    if maximum is not None and result > maximum:
        raise KundenkitError(f"„{shown}“ ist zu groß. "
                             f"Der größte erlaubte Wert ist {format_number(maximum, kind, 0)}.")
    return result


def _single_reading(digits: str, shown: str, *, swiss: bool, grouped: bool) -> str | None:
    """The digits of one value in Python's float syntax, by the rules of :func:`parse_number`."""
    series = pd.Series([digits], dtype=object)
    german = _decimal_marks(series, ",")
    if german is not None:
        if re.fullmatch(_LEADING_ZERO_GROUP, digits):
            raise _ambiguous(shown, digits)
        if swiss and re.fullmatch(_AMBIGUOUS_POINT, digits):
            whole, _, decimals = digits.partition(".")
            raise KundenkitError(f"„{shown}“ ist nicht eindeutig. Meinen Sie {whole},{decimals.rstrip('0') or '0'} "
                                 f"oder {whole}'{decimals}? Schreiben Sie es so.")
        return _plain_numbers(series, german).iat[0]
    english = _decimal_marks(series, ".")
    if english is None:
        return None
    if english[0] == "." and "," not in digits and not grouped and not swiss:
        raise _ambiguous(shown, digits)
    return _plain_numbers(series, english).iat[0]


def _ambiguous(shown: str, digits: str) -> KundenkitError:
    meant = digits.replace(".", ",")
    return KundenkitError(f"„{shown}“ ist nicht eindeutig. Meinen Sie {meant}? "
                          "Schreiben Sie das Komma als Dezimalzeichen.")


def format_number(value: float, kind: str = "number", decimals: int = 2) -> str:
    """Write ``value`` the German way so that :func:`parse_number` reads it back unchanged.

    At least ``decimals`` decimals (0 for ``"integer"``), more where the value has
    them (up to :data:`MAX_SHOWN_DECIMALS`), so that a typed value is shown
    exactly as it is used. ``"percent"`` shows a share in percent.

    >>> format_number(1500.5), format_number(1500.555), format_number(2000, "integer")
    ('1.500,50', '1.500,555', '2.000')
    >>> format_number(0.125, "percent", 0), format_number(-1234.5, decimals=0)
    ('12,5 %', '-1.234,5')
    >>> parse_number(format_number(1500.555)) == 1500.555
    True
    """
    if kind not in KINDS:
        raise KundenkitError(f"Unbekannte Zahlenart kind={kind!r}. Erlaubt sind: {', '.join(KINDS)}.")
    # A share in percent via its decimal digits: 0.07 → 7.0, not 7.000000000000001.
    shown = float(Decimal(repr(float(value))).scaleb(2)) if kind == "percent" else value
    places = 0 if kind == "integer" else max(decimals, min(_decimals_needed(shown), MAX_SHOWN_DECIMALS))
    text = de_number(shown, places)
    if text.lstrip("-").strip("0,.") == "":
        text = text.lstrip("-")  # no "-0,00"
    return f"{text} %" if kind == "percent" else text


def _decimals_needed(value: float) -> int:
    """Decimals of the shortest text that reads back as ``value`` (0 for whole numbers)."""
    if not math.isfinite(value):
        return 0
    text = np.format_float_positional(value, unique=True, trim="-")
    return len(text.partition(".")[2])
