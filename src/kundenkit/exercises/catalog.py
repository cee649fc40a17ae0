"""Every exercise of the course, collected from the lesson modules in ``kundenkit.exercises.lessons``."""
from __future__ import annotations

import pkgutil
import re
from importlib import import_module

from kundenkit.errors import KundenkitError
from kundenkit.exercises import lessons
from kundenkit.exercises.exercise import KINDS, Exercise

__all__ = ["EXERCISES", "KINDS", "Exercise", "get_exercise"]


def _natural_key(exercise_id: str):
    """Sort "1.5-a" before "1.11-a": numbers as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", exercise_id)]


def _collect() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for info in pkgutil.iter_modules(lessons.__path__):
        for exercise in import_module(f"{lessons.__name__}.{info.name}").EXERCISES:
            if exercise.id in found:
                raise KundenkitError(f"Die Aufgabe '{exercise.id}' ist doppelt definiert (in '{info.name}').")
            if exercise.kind not in KINDS:
                raise KundenkitError(f"Aufgabe '{exercise.id}': Art '{exercise.kind}' gibt es nicht, "
                                     f"erlaubt sind {', '.join(KINDS)}.")
            found[exercise.id] = exercise
    return {key: found[key] for key in sorted(found, key=_natural_key)}


EXERCISES: dict[str, Exercise] = _collect()


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, or a German error listing the ids that exist.

    >>> get_exercise("1.5-a").kind
    'zahl'
    >>> get_exercise("9.9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Aufgabe '9.9' gibt es nicht. Vorhanden sind: ...
    """
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        raise KundenkitError(
            f"Die Aufgabe '{exercise_id}' gibt es nicht. Vorhanden sind: {', '.join(EXERCISES)}."
        ) from None
