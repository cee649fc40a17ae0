"""What an exercise is: its id, the kind of answer it takes, and how its reference answer is computed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from kundenkit.data.synthetic import CustomerBase

KINDS = ("zahl", "text", "menge")


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id (``"1.5-a"``), the kind of answer, the reference and a hint.

    ``kind`` is ``"zahl"`` (a number, right to two decimals), ``"text"``
    (compared without regard to case, blanks and umlaut spelling) or ``"menge"``
    (a list whose order does not matter). ``reference`` computes the right
    answer from the learner's own data, so a check is right for every variant.
    """

    id: str
    title: str
    kind: str
    reference: Callable[[CustomerBase], Any]
    hint: str
