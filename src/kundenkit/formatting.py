"""German formats for every number, share, amount, date and yes/no the learner reads.

The display layer (:mod:`kundenkit.display`) builds its tables from these
functions, and widgets use them for their texts, so that the course writes
``1.234,56``, ``12,5 %``, ``−1.234 €``, ``31.12.2024`` and ``ja``/``nein``
everywhere. Shown values use the typographic minus sign ``−`` (U+2212);
:func:`de_number` keeps the ASCII hyphen by default because answer keys are
hashed from its output.
"""
from __future__ import annotations

import datetime as _dt
import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

MINUS = "\u2212"
MISSING = "–"


def de_number(value: float, decimals: int = 2, *, minus: str = "-") -> str:
    """Format a number the German way: decimal comma, dot for thousands.

    Halves are rounded up (away from zero) as the number reads, the way a
    German reader rounds by hand. ``minus`` is the sign written before negative
    numbers; a value that rounds to zero gets no sign.

    >>> de_number(1234.5), de_number(0.25, 1), de_number(3, 0), de_number(2.675)
    ('1.234,50', '0,3', '3', '2,68')
    >>> de_number(-9506.45, 0, minus=MINUS), de_number(-0.001), de_number(float("nan"))
    ('−9.506', '0,00', 'nan')
    """
    if isinstance(value, numbers.Real) and math.isfinite(value):
        value = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{value:,.{decimals}f}"
    if text.startswith("-"):
        text = text[1:]
        if text.strip("0.,") != "":
            text = minus + text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def de_percent(share: float, decimals: int = 0, *, minus: str = "-") -> str:
    """Format a share (0..1) as a German percentage.

    >>> de_percent(0.853), de_percent(0.0125, 1), de_percent(-0.408, 1, minus=MINUS)
    ('85 %', '1,3 %', '−40,8 %')
    """
    return f"{de_number(share * 100, decimals, minus=minus)} %"


def de_money(amount: float, decimals: int | None = None, *, currency: str = "€") -> str:
    """Format an amount of money: German digits, the currency after it, ``−`` for losses.

    Without ``decimals``, amounts from 1.000 on are shown in whole units and
    smaller ones with cents.

    >>> de_money(1234.4), de_money(12.5), de_money(-9506.45), de_money(-4.5, 2)
    ('1.234 €', '12,50 €', '−9.506 €', '−4,50 €')
    """
    if decimals is None:
        decimals = 0 if abs(amount) >= 1000 else 2
    return f"{de_number(amount, decimals, minus=MINUS)} {currency}"


def de_count(value: float) -> str:
    """Format a count: whole number with thousands dots.

    >>> de_count(1533), de_count(2_000_000), de_count(-3)
    ('1.533', '2.000.000', '−3')
    """
    return de_number(value, 0, minus=MINUS)


def de_date(value) -> str:
    """Format a date (or a timestamp) as ``TT.MM.JJJJ``; a time of day other than midnight is added.

    >>> de_date(pd.Timestamp("2024-07-04")), de_date(_dt.date(2024, 12, 31))
    ('04.07.2024', '31.12.2024')
    >>> de_date(pd.Timestamp("2024-07-04 09:30"))
    '04.07.2024 09:30'
    """
    text = value.strftime("%d.%m.%Y")
    if isinstance(value, _dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
        text += value.strftime(" %H:%M")
    return text


def de_bool(value) -> str:
    """``ja`` or ``nein``.

    >>> de_bool(True), de_bool(False)
    ('ja', 'nein')
    """
    return "ja" if value else "nein"


def is_missing(value) -> bool:
    """True for None, NaN, NaT and pandas' NA – values shown as ``–``.

    >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, pd.NA, 0, "")]
    [True, True, True, True, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # not a single value
        return False
