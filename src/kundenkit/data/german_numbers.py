"""Numbers as German, Austrian and Swiss users write them: one set of rules for files and typed values.

The CSV reader (:func:`kundenkit.data.read_csv`) applies these rules to whole
columns, :func:`parse_number` to one value typed into a widget.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

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
_AMBIGUOUS_POINT = r"\d{1,3}\.\d{3}"


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
    if comma.any():
        point[point] = ~digits[point].str.fullmatch(_AMBIGUOUS_POINT)  # "1.234" next to decimal commas is 1234
    return np.select([comma, point], [",", "."], "")


def _plain_numbers(digits: pd.Series, marks: np.ndarray) -> pd.Series:
    """Digits in Python's float syntax: thousands separators dropped, the decimal mark made a point."""
    comma, whole = marks == ",", marks == ""
    plain = digits.str.replace(",", "", regex=False)
    plain[whole] = plain[whole].str.replace(".", "", regex=False)
    plain[comma] = digits[comma].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return plain
