"""Instant self-checks: compare a learner's answer with the key for their own data."""
from __future__ import annotations

import numbers
from dataclasses import dataclass

from kundenkit.data.synthetic import CustomerBase
from kundenkit.exercises.catalog import get_exercise
from kundenkit.exercises.keys import accepted_hashes, is_accepted, variant_of

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

    def record(self) -> dict:
        """The machine-readable record a grader reads from the notebook's outputs."""
        return {"aufgabe": self.exercise_id, "beantwortet": self.answered, "richtig": self.correct,
                "antwort": _jsonable(self.answer)}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.message, "text/html": render_feedback(self), MIME_TYPE: self.record()}

    def __repr__(self) -> str:
        return self.message


_FEEDBACK_STYLE = {  # (border, background) of the three states; readable without colour too, by the words
    "richtig": ("#1b7837", "#e7f4e4"), "falsch": ("#b2182b", "#fbe9e7"), "offen": ("#777", "#f3f3f3")}


def render_feedback(result: CheckResult) -> str:
    """A check's message as a small box: the words say the verdict, the colour only repeats it.

    >>> print(render_feedback(CheckResult("1.1-a", True, True, "Richtig.")))
    <div class="kk-feedback kk-feedback-richtig"
        style="border-left:4px solid #1b7837;background:#e7f4e4;padding:6px 10px;margin:4px 0">Richtig.</div>
    """
    from html import escape

    state = "richtig" if result.correct else ("falsch" if result.answered else "offen")
    border, background = _FEEDBACK_STYLE[state]
    return (f'<div class="kk-feedback kk-feedback-{state}" style="border-left:4px solid {border};'
            f'background:{background};padding:6px 10px;margin:4px 0">{escape(result.message)}</div>')


def check_records(notebook) -> dict[str, dict]:
    """The self-check records (exercise id → record) in an executed notebook's outputs."""
    records = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME_TYPE)
            if isinstance(record, dict) and "aufgabe" in record:
                records[str(record["aufgabe"])] = record
    return records


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


def check_answer(exercise_id: str, answer, data: CustomerBase, key: dict | None = None) -> CheckResult:
    """Check ``answer`` to exercise ``exercise_id`` for the learner's own ``data``.

    ``key`` is the hashed answer key a trainer puts into a participant's
    notebook (``{"variante": ..., "aufgaben": {id: [hash, ...]}}``). Without
    one, the reference is computed from ``data`` – so the check is right for
    every seed, sector and own data set. Either way only hashes are compared.

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
    if key and exercise_id in key.get("aufgaben", {}):
        variant, accepted = key["variante"], key["aufgaben"][exercise_id]
    else:
        variant = variant_of(data)
        accepted = accepted_hashes(exercise, exercise.reference(data), variant)
    if is_accepted(exercise, answer, variant, accepted):
        return CheckResult(exercise_id, True, True, f"Richtig: Aufgabe {exercise_id} stimmt für Ihre Daten.", answer)
    return CheckResult(exercise_id, False, True,
                       f"Noch nicht richtig (Aufgabe {exercise_id}). Tipp: {exercise.hint}", answer)
