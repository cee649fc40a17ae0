"""Instant self-checks: compare a learner's answer with the reference for their own data."""
from __future__ import annotations

import math
import numbers
import unicodedata
from dataclasses import dataclass

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.catalog import get_exercise

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalise_text(value) -> str:
    """Text without regard to case, surrounding/multiple blanks and umlaut spelling.

    >>> normalise_text("  Ärger  im   Büro ") == normalise_text("aerger im buero")
    True
    """
    text = unicodedata.normalize("NFC", str(value)).casefold().translate(_UMLAUTS)
    return " ".join(text.split())


MIME_TYPE = "application/vnd.kundenkit.check+json"


@dataclass(frozen=True)
class CheckResult:
    """Outcome of a self-check; shows itself as a German message in the notebook.

    Its display also carries a machine-readable record (exercise, the learner's
    answer, verdict) so that a grader can read the answers from an executed notebook.
    """

    exercise_id: str
    correct: bool
    answered: bool
    message: str
    answer: object = None

    def __bool__(self) -> bool:
        return self.correct

    def _repr_mimebundle_(self, include=None, exclude=None):
        colour = "#1b7837" if self.correct else ("#555" if not self.answered else "#b2182b")
        record = {"aufgabe": self.exercise_id, "beantwortet": self.answered, "richtig": self.correct,
                  "antwort": _jsonable(self.answer)}
        return {"text/plain": self.message,
                "text/html": f"<div style='color:{colour};font-weight:bold'>{self.message}</div>",
                MIME_TYPE: record}

    def __repr__(self) -> str:
        return self.message


def _jsonable(answer):
    if answer is None or answer is ...:
        return None
    if isinstance(answer, (bool, int, float, str)):
        return answer
    if isinstance(answer, numbers.Real):
        return float(answer)
    if hasattr(answer, "__iter__"):
        return [_jsonable(a) for a in answer]
    return str(answer)


def _same(kind: str, given, expected, tolerance: float) -> bool:
    if kind == "zahl":
        if isinstance(given, bool) or not isinstance(given, numbers.Real):
            return False
        return math.isclose(float(given), float(expected), abs_tol=tolerance)
    if kind == "text":
        return normalise_text(given) == normalise_text(expected)
    if isinstance(given, str) or not hasattr(given, "__iter__"):
        return False
    return sorted(map(normalise_text, given)) == sorted(map(normalise_text, expected))


def check_answer(exercise_id: str, answer, data: CustomerBase) -> CheckResult:
    """Check ``answer`` to exercise ``exercise_id`` against the learner's own ``data``.

    >>> from kundenkit import generate_customers
    >>> data = generate_customers(seed=3, n_customers=300, branche="Bank")
    >>> check_answer("1.5-a", ..., data)
    Noch keine Antwort: Ersetzen Sie ... durch Ihre Lösung.
    >>> check_answer("1.5-a", "viel", data).correct
    False
    """
    exercise = get_exercise(exercise_id)
    if answer is ... or answer is None:
        return CheckResult(exercise_id, False, False, "Noch keine Antwort: Ersetzen Sie ... durch Ihre Lösung.")
    expected = exercise.reference(data)
    if _same(exercise.kind, answer, expected, exercise.tolerance):
        return CheckResult(exercise_id, True, True, f"✅ Aufgabe {exercise_id}: Richtig!", answer)
    return CheckResult(exercise_id, False, True,
                       f"❌ Aufgabe {exercise_id}: Noch nicht richtig. Tipp: {exercise.hint}", answer)
