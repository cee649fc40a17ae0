"""The one error type of kundenkit: a German message that says what is wrong and how to fix it.

Inside Jupyter (IPython) these errors show as one short German box instead of
a traceback, and notes as a yellow box (see :mod:`kundenkit.notebook_errors`).
"""
from __future__ import annotations

import sys

_UNSET = object()


class KundenkitError(ValueError):
    """A problem with the learner's input, explained in German.

    The message names the file, line, column or parameter and says how to fix it.
    The place can also be given as fields; then ``str(error)`` starts with it,
    and the notebook box shows each field on its own line.

    Parameters
    ----------
    message : str
        What is wrong (and, if ``tipp`` is not given, what to do).
    datei : str or Path, optional
        The file, as the learner named it.
    zeile : int, optional
        The line as Excel numbers it: 1-based, title lines counted.
    spalte : str, optional
        The column name.
    wert : optional
        The offending value, as it stands in the file.
    tipp : str, optional
        What to do; appended to the message.
    parameter : str, optional
        The notebook parameter at fault (e.g. ``n_kunden``).

    Examples
    --------
    >>> raise KundenkitError("Der Parameter 'n_kunden' muss positiv sein.")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' muss positiv sein.
    >>> error = KundenkitError("Der Wert '2023/08/26' ist kein Datum.", datei="transaktionen.csv", zeile=262,
    ...                        spalte="datum", wert="2023/08/26", tipp="Schreiben Sie 26.08.2023.")
    >>> str(error)
    "In der Datei 'transaktionen.csv', Spalte 'datum', Zeile 262: Der Wert '2023/08/26' ist kein Datum.
     Schreiben Sie 26.08.2023."
    >>> error.zeile, error.wert, error.problem
    (262, '2023/08/26', "Der Wert '2023/08/26' ist kein Datum.")
    """

    # Set by kundenkit.notebook_errors once the German box is shown, so that it shows only once.
    _kundenkit_shown: bool = False

    def __init__(self, message: str, *, datei=None, zeile: int | None = None, spalte: str | None = None,
                 wert=_UNSET, tipp: str | None = None, parameter: str | None = None):
        self.problem = message
        self.datei = None if datei is None else str(datei)
        self.zeile = zeile
        self.spalte = spalte
        self.wert = wert
        self.tipp = tipp
        self.parameter = parameter
        super().__init__(self._full_message())

    @property
    def has_value(self) -> bool:
        """Whether the offending value is known (it may itself be ``None``)."""
        return self.wert is not _UNSET

    def place(self) -> str:
        """The place as German text, e.g. ``In der Datei 'a.csv', Spalte 'datum', Zeile 3``; may be empty.

        >>> KundenkitError("x", zeile=4, spalte="betrag").place()
        "Spalte 'betrag', Zeile 4"
        """
        parts = []
        if self.datei is not None:
            parts.append(f"In der Datei '{self.datei}'")
        if self.spalte is not None:  # column before line, as in the models' messages
            parts.append(f"Spalte '{self.spalte}'")
        if self.zeile is not None:
            parts.append(f"Zeile {self.zeile}")
        return ", ".join(parts)

    def _full_message(self) -> str:
        place = self.place()
        text = f"{place}: {self.problem}" if place else self.problem
        return f"{text} {self.tipp}" if self.tipp else text

    @property
    def _render_traceback_(self):
        """IPython's hook: a German box instead of the traceback (absent after ``notebook_errors.unregister()``)."""
        from kundenkit import notebook_errors

        if not notebook_errors.SHORT_ERRORS:
            raise AttributeError("_render_traceback_")
        return lambda: notebook_errors.render_traceback(self)

    def __reduce__(self):
        fields = {"datei": self.datei, "zeile": self.zeile, "spalte": self.spalte, "tipp": self.tipp,
                  "parameter": self.parameter}
        if self.has_value:
            fields["wert"] = self.wert
        return _rebuild, (type(self), self.problem, fields)


def _rebuild(cls, message, fields):
    return cls(message, **fields)


class KundenkitWarning(UserWarning):
    """A note for the learner in German, e.g. that a footer line ("Summe") was not read.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warnings.warn(KundenkitWarning("Zeile 262 ('Summe') wurde nicht eingelesen."))
    >>> str(caught[0].message)
    "Zeile 262 ('Summe') wurde nicht eingelesen."
    """


def _register_in_ipython() -> None:
    """Show kundenkit's notes as German boxes if this runs inside IPython (cheap otherwise)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:  # not inside IPython: never import it
        return
    shell = getattr(ipython, "get_ipython", lambda: None)()
    if shell is None:
        return
    from kundenkit.notebook_errors import register

    register(shell)


_register_in_ipython()
