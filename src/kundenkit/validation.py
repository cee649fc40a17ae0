"""Checks of user-given values with German messages that name the parameter and what is allowed."""
from __future__ import annotations

import numbers

from kundenkit.errors import KundenkitError


def _de_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def check_int(name: str, value, *, minimum: int, maximum: int | None = None) -> int:
    """``value`` as an int if it is a whole number within the bounds, else a German error.

    >>> check_int("n_kunden", 5, minimum=1, maximum=10)
    5
    >>> check_int("n_kunden", 2.5, minimum=1, maximum=1_000_000)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' muss eine ganze Zahl sein, nicht 2.5. Erlaubt sind ganze Zahlen von 1 bis 1.000.000.
    """
    allowed = (f"Erlaubt sind ganze Zahlen ab {_de_int(minimum)}." if maximum is None
               else f"Erlaubt sind ganze Zahlen von {_de_int(minimum)} bis {_de_int(maximum)}.")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise KundenkitError(f"Der Parameter '{name}' muss eine ganze Zahl sein, nicht {value!r}. {allowed}")
    if value < minimum or (maximum is not None and value > maximum):
        raise KundenkitError(f"Der Parameter '{name}' ist {_de_int(int(value))}. {allowed}")
    return int(value)


def check_choice(name: str, value, allowed, what: str) -> str:
    """The allowed spelling of ``value`` (case and surrounding blanks ignored), else a German error.

    >>> check_choice("branche", " bank", ("Handel", "Bank"), "Branche")
    'Bank'
    """
    if isinstance(value, str):
        for option in allowed:
            if value.strip().casefold() == option.casefold():
                return option
    raise KundenkitError(f"Unbekannte {what} {value!r} im Parameter '{name}'. Erlaubt sind: {', '.join(allowed)}.")
