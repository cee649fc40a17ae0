"""What an exercise is: its id, the kind of answer it takes, and how its reference answer is computed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kundenkit.data.synthetic import CustomerBase

KINDS = ("zahl", "text", "menge")
UNITS = ("", "%", "€")


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id (``"1.5-a"``), the kind of answer, the reference and hints in words.

    ``kind`` is ``"zahl"`` (a number), ``"text"`` (compared without regard to
    case, blanks and umlaut spelling) or ``"menge"`` (several names, in any
    order). ``reference`` computes the right answer from the learner's own data,
    so a check is right for every variant.

    A number is typed as a German types it (``2,46``, ``203.342 €``, ``42 %``).
    ``unit`` says what it is: ``"%"`` (the reference is in percent, 42.0 for 42 %),
    ``"€"`` or nothing. ``shown_decimals`` is the rounding at which the course
    shows the value in its tables and widgets: an answer read off there at that
    rounding counts as right, as does a more precise one (up to two decimals).

    ``choices``, if given, lists the possible answers for the learner's data
    (e.g. all touchpoints); the answer field then offers them to pick from.
    ``hints`` say in words what to look at, first what the question means, then
    the way to the answer in the lesson's widgets and tables. An ``optional``
    task ("Mit Python (für Fortgeschrittene)") is graded and fed back, but its
    points do not count towards the grade.
    """

    id: str
    title: str
    kind: str
    reference: Callable[[CustomerBase], Any]
    hints: tuple[str, ...]
    unit: str = ""
    shown_decimals: int = 2
    choices: Callable[[CustomerBase], list[str]] | None = None
    optional: bool = False

    @property
    def hint(self) -> str:
        """All hints as one text, in the order they are given.

        >>> Exercise("x", "X", "zahl", len, ("Erst das.", "Dann das.")).hint
        'Erst das. Dann das.'
        """
        return " ".join(self.hints)
