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


def check_scale(frame, column: str, *, low: int, high: int):
    """The column as numbers if every filled value lies on the scale ``low``–``high``, else a German error.

    Empty cells stay empty (NaN); the error names the column, the row and the value.

    >>> import pandas as pd
    >>> check_scale(pd.DataFrame({"bewertung": [1, 5, None]}), "bewertung", low=1, high=5).tolist()
    [1.0, 5.0, nan]
    >>> check_scale(pd.DataFrame({"bewertung": [3, 9]}), "bewertung", low=1, high=5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'bewertung', Zeile 1: Der Wert 9 liegt nicht auf der Skala 1 bis 5. Korrigieren Sie den Wert oder lassen Sie das Feld leer.
    """
    import pandas as pd

    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.index[(values.isna() & frame[column].notna()) | (values < low) | (values > high)]
    if len(bad):
        row = bad[0]
        value = frame.at[row, column]
        shown = repr(value.item() if hasattr(value, "item") else value)
        raise KundenkitError(
            f"Spalte '{column}', Zeile {row}: Der Wert {shown} liegt nicht auf der Skala {low:g} bis {high:g}. "
            "Korrigieren Sie den Wert oder lassen Sie das Feld leer."
        )
    return values


def check_columns(frame, table: str, columns: dict[str, str]) -> None:
    """A German error unless ``frame`` is a DataFrame with every column; ``columns`` maps parameter → column.

    The message names the table, the missing column and the parameter that sets its name.

    >>> import pandas as pd
    >>> check_columns(pd.DataFrame({"kunden_id": [1]}), "transaktionen", {"customer_col": "kunden_id"})
    >>> check_columns(pd.DataFrame({"Datum": [1]}), "transaktionen", {"date_col": "datum"})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle transaktionen fehlt die Spalte 'datum' (Parameter date_col). Vorhanden sind: Datum. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen mit date_col=… an.
    >>> check_columns([1, 2], "kontakte", {})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Tabelle kontakte muss ein DataFrame sein, nicht list. Übergeben Sie zum Beispiel daten.require("kontakte").
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise KundenkitError(f"Die Tabelle {table} muss ein DataFrame sein, nicht {type(frame).__name__}. "
                             f"Übergeben Sie zum Beispiel daten.require(\"{table}\").")
    for parameter, column in columns.items():
        if column not in frame.columns:
            raise KundenkitError(
                f"In der Tabelle {table} fehlt die Spalte '{column}' (Parameter {parameter}). Vorhanden sind: "
                f"{', '.join(map(str, frame.columns))}. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen "
                f"mit {parameter}=… an."
            )
