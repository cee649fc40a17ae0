"""Answer keys as salted hashes of normalised answers.

An answer is first normalised (numbers rounded, text without regard to case,
blanks and umlaut spelling, lists sorted), then hashed together with the
exercise id and the variant (seed and sector of the data). Learner notebooks
only ever hold such hashes, never a plain answer.

What this protects, and what not: nobody reads an answer off a notebook, its
metadata or its outputs, and a hash of one variant says nothing about another.
A small answer space (a quadrant, a handful of touchpoints) can still be
guessed by trying all values against the hash, and the course package itself
can compute every answer from the data – that is what makes the checks right
for any seed. Grading therefore never trusts a learner's notebook: it runs the
submission in isolation and compares its answers with the instructor's key.
"""
from __future__ import annotations

import hashlib
import numbers
import unicodedata

from kundenkit.exercises.exercise import Exercise
from kundenkit.formatting import de_number

DECIMALS = 2
_SALT = "kundenkit-1"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalise_text(value) -> str:
    """Text without regard to case, surrounding/multiple blanks and umlaut spelling.

    >>> normalise_text("  Ärger  im   Büro ") == normalise_text("aerger im buero")
    True
    """
    text = unicodedata.normalize("NFC", str(value)).casefold().translate(_UMLAUTS)
    return " ".join(text.split())


def variant_of(data) -> str:
    """The variant a data set belongs to: its seed and sector.

    >>> from kundenkit import generate_customers
    >>> variant_of(generate_customers(seed=7, n_customers=10, branche="Bank"))
    '7/Bank'
    """
    return f"{data.seed}/{data.branche}"


def normalise(exercise: Exercise, answer) -> str | None:
    """The canonical text of an answer, or None if it has the wrong form.

    >>> from kundenkit.exercises.catalog import get_exercise
    >>> normalise(get_exercise("1.5-a"), 4.7049), normalise(get_exercise("1.5-a"), "4,70")
    ('4.70', None)
    >>> normalise(get_exercise("1.5-b"), ["Kasse ", "beratung im Laden"])
    'beratung im laden|kasse'
    """
    if exercise.kind == "zahl":
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
            return None
        return f"{round(float(answer), DECIMALS):.{DECIMALS}f}"
    if exercise.kind == "text":
        return normalise_text(answer) if isinstance(answer, str) else None
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return None
    return "|".join(sorted(normalise_text(item) for item in answer))


def answer_hash(exercise: Exercise, variant: str, canonical: str) -> str:
    """Salted hash of a canonical answer for one exercise and variant."""
    text = f"{_SALT}|{exercise.id}|{variant}|{canonical}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def accepted_hashes(exercise: Exercise, reference, variant: str) -> list[str]:
    """Hashes of every answer that counts as right (numbers: one rounding step either way).

    >>> from kundenkit.exercises.catalog import get_exercise
    >>> len(accepted_hashes(get_exercise("1.5-a"), 4.705, "1/Bank"))
    3
    """
    canonical = normalise(exercise, reference)
    if exercise.kind != "zahl":
        return [answer_hash(exercise, variant, canonical)]
    step = 10 ** -DECIMALS
    centre = round(float(reference), DECIMALS)
    return [answer_hash(exercise, variant, f"{centre + k * step:.{DECIMALS}f}") for k in (-1, 0, 1)]


def is_accepted(exercise: Exercise, answer, variant: str, accepted) -> bool:
    """True if ``answer`` hashes to one of the ``accepted`` hashes."""
    canonical = normalise(exercise, answer)
    return canonical is not None and answer_hash(exercise, variant, canonical) in set(accepted)


def display_answer(exercise: Exercise, value) -> str:
    """An answer as a trainer reads it (German number format, lists comma-separated).

    >>> from kundenkit.exercises.catalog import get_exercise
    >>> display_answer(get_exercise("1.5-a"), 5.7619), display_answer(get_exercise("1.5-b"), ["Kasse", "App"])
    ('5,76', 'App, Kasse')
    >>> display_answer(get_exercise("1.5-b"), None)
    '–'
    """
    if value is None:
        return "–"
    if exercise.kind == "zahl" and isinstance(value, numbers.Real) and not isinstance(value, bool):
        return de_number(float(value), DECIMALS)
    if exercise.kind == "menge" and not isinstance(value, str) and hasattr(value, "__iter__"):
        return ", ".join(sorted(map(str, value)))
    return str(value)
