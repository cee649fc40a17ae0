"""Answers as learners give them: typed German numbers, names, several names – read into one canonical form.

An answer field passes what the learner typed (``"2,46"``, ``"203.342 €"``,
``"42 %"``, ``"Kasse, App"``); a Python task passes a number or a list. Both
end up in the same canonical text, which the answer keys hash. A number keeps
the precision it was given with, so that a value read off a table that shows it
rounded counts as right at that rounding (see :func:`accepted_numbers`).
"""
from __future__ import annotations

import numbers
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from kundenkit.data.german_numbers import parse_number
from kundenkit.errors import KundenkitError
from kundenkit.exercises.exercise import Exercise

DECIMALS = 2          # the finest precision an answer is compared at
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SEPARATORS = re.compile(r"\s*[;,\n]\s*")
EXAMPLES = {"": "2,46", "%": "42 %", "€": "1.234 €"}  # an answer as typed, by unit


@dataclass(frozen=True)
class Answer:
    """A read answer: its canonical text (hashed by the keys) and how to show it back."""

    canonical: str
    shown: str


def normalise_text(value) -> str:
    """Text without regard to case, surrounding/multiple blanks and umlaut spelling.

    >>> normalise_text("  Ärger  im   Büro ") == normalise_text("aerger im buero")
    True
    """
    text = unicodedata.normalize("NFC", str(value)).casefold().translate(_UMLAUTS)
    return " ".join(text.split())


def _rounded(value: Decimal, places: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


def _typed_places(text: str, value: Decimal) -> int:
    """How many decimals the learner wrote: ``"2,50"`` → 2, ``"203.342"`` → 0 (a thousands point)."""
    digits = re.sub(r"\D", "", text)
    for places in range(len(digits) + 1):
        if Decimal(int(digits)).scaleb(-places) == abs(value):
            return places
    return DECIMALS


def _read_number(exercise: Exercise, answer) -> Answer:
    if isinstance(answer, str):
        kind = "percent" if exercise.unit == "%" else "number"
        try:
            value = Decimal(repr(parse_number(answer, kind=kind)))
        except KundenkitError as error:
            raise KundenkitError(f"{error} Beispiel einer Antwort: {EXAMPLES[exercise.unit]}.") from None
        if kind == "percent":
            value = value.scaleb(2)
        places = min(_typed_places(answer, value), DECIMALS)
    elif isinstance(answer, numbers.Real) and not isinstance(answer, bool) and answer == answer:
        value = Decimal(repr(float(answer)))
        places = DECIMALS
    else:
        raise KundenkitError(f"Hier ist eine Zahl gefragt, zum Beispiel {EXAMPLES[exercise.unit]}.")
    canonical = _rounded(value, places)
    return Answer(canonical, answer if isinstance(answer, str) else canonical.replace(".", ","))


def _items(answer) -> list[str]:
    if isinstance(answer, str):
        return [item for item in _SEPARATORS.split(answer.strip()) if item]
    if hasattr(answer, "__iter__"):
        return [str(item) for item in answer]
    raise KundenkitError("Hier sind Namen gefragt, durch Kommas getrennt, zum Beispiel: Kasse, Online-Shop.")


def read_answer(exercise: Exercise, answer) -> Answer:
    """Read an answer to ``exercise``; a German error says what form is expected.

    >>> from kundenkit.exercises.exercise import Exercise
    >>> share = Exercise("x", "Anteil", "zahl", len, (), unit="%")
    >>> read_answer(share, "42 %").canonical, read_answer(share, "42,3").canonical, read_answer(share, 42.345).canonical
    ('42', '42.3', '42.34')
    >>> money = Exercise("y", "Gewinn", "zahl", len, (), unit="€", shown_decimals=0)
    >>> read_answer(money, "203.342 €").canonical, read_answer(money, "203341,61").canonical
    ('203342', '203341.61')
    >>> read_answer(money, "0.05")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: „0.05“ ist nicht eindeutig. Meinen Sie 0,05? Schreiben Sie das Komma als
        Dezimalzeichen. Beispiel einer Antwort: 1.234 €.
    >>> names = Exercise("z", "Touchpoints", "menge", len, ())
    >>> read_answer(names, "Kasse; beratung im Laden").canonical
    'beratung im laden|kasse'
    """
    if exercise.kind == "zahl":
        return _read_number(exercise, answer)
    if exercise.kind == "text":
        if not isinstance(answer, str) or not answer.strip():
            raise KundenkitError("Hier ist ein Name gefragt, zum Beispiel der eines Touchpoints.")
        return Answer(normalise_text(answer), answer.strip())
    items = _items(answer)
    if not items:
        raise KundenkitError("Hier sind Namen gefragt, durch Kommas getrennt, zum Beispiel: Kasse, Online-Shop.")
    return Answer("|".join(sorted(normalise_text(item) for item in items)), ", ".join(items))


def as_typed(exercise: Exercise, value):
    """A model answer given in code (a number, a name or names), written as a learner would type it.

    Numbers at the rounding the course shows for this task.

    >>> from kundenkit.exercises.exercise import Exercise
    >>> money = Exercise("y", "Gewinn", "zahl", len, (), unit="€", shown_decimals=0)
    >>> share = Exercise("x", "Anteil", "zahl", len, (), unit="%", shown_decimals=1)
    >>> as_typed(money, 203341.61), as_typed(share, 42.34), as_typed(Exercise("z", "N", "menge", len, ()), ("A", "B"))
    ('203.342 €', '42,3 %', ['A', 'B'])
    """
    from kundenkit.formatting import de_number

    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = de_number(float(value), exercise.shown_decimals)
        return f"{text} {exercise.unit}" if exercise.unit else text
    if exercise.kind == "menge" and not isinstance(value, str):
        return [str(item) for item in value]
    return str(value)


def accepted_numbers(reference: float, shown_decimals: int) -> list[str]:
    """Canonical texts of the numbers that count as right for ``reference``.

    At two decimals, the reference and one step either way. At each coarser
    rounding down to ``shown_decimals``, the reference rounded as the course shows
    it (both neighbours where it lies on a rounding boundary). Coarser still only
    where nothing is lost: ``5,5`` for 5.50, ``202`` for 202.

    >>> accepted_numbers(203341.613, 0)
    ['203341.60', '203341.61', '203341.62', '203341.6', '203342']
    >>> accepted_numbers(2.455, 2), accepted_numbers(202, 2)
    (['2.45', '2.46', '2.47'], ['201.99', '202.00', '202.01', '202.0', '202'])
    """
    value = Decimal(repr(float(reference)))
    step = Decimal(1).scaleb(-DECIMALS)
    centre = Decimal(_rounded(value, DECIMALS))
    texts = [_rounded(centre + k * step, DECIMALS) for k in (-1, 0, 1)]
    tiny = Decimal("1e-9") * max(Decimal(1), abs(value))
    for places in range(DECIMALS - 1, -1, -1):
        if places >= shown_decimals:
            candidates = {_rounded(nearby, places) for nearby in (value - tiny, value, value + tiny)}
        elif Decimal(_rounded(centre, places)) == centre:
            candidates = {_rounded(centre, places)}
        else:
            continue
        texts += sorted(candidates - set(texts), key=Decimal)
    return texts
