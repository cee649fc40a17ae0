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

from kundenkit.errors import KundenkitError
from kundenkit.exercises.answers import DECIMALS, accepted_numbers, read_answer
from kundenkit.exercises.exercise import Exercise
from kundenkit.formatting import de_number

_SALT = "kundenkit-1"


def variant_of(data) -> str:
    """The variant a data set belongs to: its seed and sector.

    >>> from kundenkit import generate_customers
    >>> variant_of(generate_customers(seed=7, n_customers=10, branche="Bank"))
    '7/Bank'
    """
    return f"{data.seed}/{data.branche}"


def normalise(exercise: Exercise, answer) -> str | None:
    """The canonical text of an answer, or None if it has the wrong form.

    A number keeps the precision it was given with: typed text at the decimals
    typed (at most two), a Python number at two decimals (a whole number at
    none). Text answers go through :func:`kundenkit.exercises.answers.read_answer`.

    >>> from kundenkit.exercises.catalog import get_exercise
    >>> rating = get_exercise("1.5-a")
    >>> normalise(rating, 4.7049), normalise(rating, "4,7"), normalise(rating, "4.7")
    ('4.70', '4.7', None)
    >>> normalise(get_exercise("1.5-b"), ["Kasse ", "beratung im Laden"])
    'beratung im laden|kasse'
    """
    try:
        return read_answer(exercise, answer).canonical
    except KundenkitError:
        return None


def answer_hash(exercise: Exercise, variant: str, canonical: str) -> str:
    """Salted hash of a canonical answer for one exercise and variant."""
    text = f"{_SALT}|{exercise.id}|{variant}|{canonical}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def accepted_hashes(exercise: Exercise, reference, variant: str) -> list[str]:
    """Hashes of every answer that counts as right.

    Numbers count at two decimals (one rounding step either way) and at every
    coarser rounding down to the one the course shows (``shown_decimals``).

    >>> from kundenkit.exercises.catalog import get_exercise
    >>> len(accepted_hashes(get_exercise("1.5-a"), 4.705, "1/Bank"))  # 4,69 4,70 4,71 and 4,7
    4
    """
    if exercise.kind != "zahl":
        canonical = normalise(exercise, reference)
        if canonical is None:  # a broken exercise: its key would accept no answer at all
            raise ValueError(f"The reference answer {reference!r} of exercise {exercise.id} has the wrong form")
        return [answer_hash(exercise, variant, canonical)]
    return [answer_hash(exercise, variant, text)
            for text in accepted_numbers(float(reference), exercise.shown_decimals)]


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
