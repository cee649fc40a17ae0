"""Checks of user-given values with German messages that name the parameter and what is allowed."""
from __future__ import annotations

import math
import numbers

from kundenkit.errors import KundenkitError


def _de_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _de_float(value: float) -> str:
    """A float as Python read it, in German notation: 2.0 → '2,0', 2.5 → '2,5'."""
    return repr(float(value)).replace(".", ",")


def check_int(name: str, value, *, minimum: int, maximum: int | None = None) -> int:
    """``value`` as an int if it is a whole number within the bounds, else a German error.

    A German writes 2000 as ``2.000``; Python reads that as the float 2.0. The
    error then says so and gives the number to write.

    >>> check_int("n_kunden", 5, minimum=1, maximum=10)
    5
    >>> check_int("n_kunden", 2.000, minimum=1, maximum=1_000_000)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' muss eine ganze Zahl sein. Sie haben 2.000 geschrieben;
        Python liest das als 2,0. Schreiben Sie 2000 ohne Punkt.
    >>> check_int("n_kunden", 2.5, minimum=1, maximum=1_000_000)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' muss eine ganze Zahl sein, nicht 2,5. Erlaubt sind ganze
        Zahlen von 1 bis 1.000.000. Wenn Sie 2.500 meinen: Schreiben Sie 2500 ohne Punkt.
    >>> check_int("n_kunden", "2000", minimum=1, maximum=1_000_000)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' muss eine Zahl sein, kein Text. Schreiben Sie sie ohne
        Anführungszeichen: n_kunden = 2000
    """
    allowed = (f"Erlaubt sind ganze Zahlen ab {_de_int(minimum)}." if maximum is None
               else f"Erlaubt sind ganze Zahlen von {_de_int(minimum)} bis {_de_int(maximum)}.")
    if isinstance(value, float) and math.isfinite(value):
        thousands = value * 1000
        # The whole number a German meant with a thousands point (2.000 → 2000), if it is allowed.
        meant = int(round(thousands)) if abs(thousands - round(thousands)) < 1e-6 else None
        if meant is not None and (meant < minimum or (maximum is not None and meant > maximum)):
            meant = None
        if meant is not None and value == int(value):
            raise KundenkitError(
                f"Der Parameter '{name}' muss eine ganze Zahl sein. Sie haben {_de_int(meant)} geschrieben; "
                f"Python liest das als {_de_float(value)}. Schreiben Sie {meant} ohne Punkt.",
                parameter=name, wert=value)
        hint = f" Wenn Sie {_de_int(meant)} meinen: Schreiben Sie {meant} ohne Punkt." if meant is not None else ""
        raise KundenkitError(
            f"Der Parameter '{name}' muss eine ganze Zahl sein, nicht {_de_float(value)}. {allowed}{hint}",
            parameter=name, wert=value)
    if isinstance(value, str) and value.strip().replace(".", "").isdigit():
        raise KundenkitError(
            f"Der Parameter '{name}' muss eine Zahl sein, kein Text. Schreiben Sie sie ohne Anführungszeichen: "
            f"{name} = {value.strip().replace('.', '')}", parameter=name, wert=value)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise KundenkitError(f"Der Parameter '{name}' muss eine ganze Zahl sein, nicht {value!r}. {allowed}",
                             parameter=name, wert=value)
    whole = int(value)
    if whole < minimum or (maximum is not None and whole > maximum):
        raise KundenkitError(f"Der Parameter '{name}' ist {_de_int(whole)}. {allowed}", parameter=name,
                             wert=value)
    return whole


def check_number(name: str, value, low: float, high: float | None = None) -> float:
    """``value`` as a float if it is a finite number from ``low`` to ``high``, else a German error naming it.

    >>> check_number("horizont", 3, 0, 10)
    3.0
    >>> check_number("marge", "hoch", 0, 1)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'marge' muss eine Zahl sein, nicht 'hoch'.
    >>> check_number("kosten", -2.5, 0)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'kosten' ist -2.5; erlaubt sind Werte ab 0.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.", parameter=name,
                             wert=value)
    value = float(value)
    if value < low or (high is not None and value > high):
        allowed = f"von {low:g} bis {high:g}" if high is not None else f"ab {low:g}"
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Werte {allowed}.",
                             parameter=name, wert=value)
    return value


def check_touchpoints(touchpoints, known, default: tuple[str, ...]) -> tuple[str, ...]:
    """The touchpoints a learner chose (a name or several), sorted and checked against ``known``; None: ``default``.

    >>> check_touchpoints("Hotline", ("Hotline", "Kasse"), ())
    ('Hotline',)
    >>> check_touchpoints(None, ("Hotline", "Kasse"), ("Kasse",))
    ('Kasse',)
    >>> check_touchpoints(["Kasse", "Fax"], ("Hotline", "Kasse"), ())
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Den Touchpoint 'Fax' gibt es in Ihrer Tabelle kontakte nicht. Vorhanden sind:
        Hotline, Kasse.
    """
    if touchpoints is None:
        return default
    if isinstance(touchpoints, str):
        touchpoints = (touchpoints,)
    chosen = tuple(sorted({str(t) for t in touchpoints}))
    unknown = [t for t in chosen if t not in known]
    if unknown:
        raise KundenkitError(
            f"Den Touchpoint {unknown[0]!r} gibt es in Ihrer Tabelle kontakte nicht.", parameter="touchpoints",
            wert=unknown[0], tipp="Vorhanden sind: " + ", ".join(known) + ".")
    return chosen


def check_choice(name: str, value, allowed, what: str) -> str:
    """The allowed spelling of ``value`` (case and surrounding blanks ignored), else a German error.

    >>> check_choice("branche", " bank", ("Handel", "Bank"), "Branche")
    'Bank'
    """
    if isinstance(value, str):
        for option in allowed:
            if value.strip().casefold() == option.casefold():
                return option
    raise KundenkitError(f"Unbekannte {what} {value!r} im Parameter '{name}'. Erlaubt sind: {', '.join(allowed)}.",
                         parameter=name, wert=value)


def shown_value(value) -> str:
    """A cell's value as the learner typed it, for messages: text in quotes, numbers plain, missing as 'leer'.

    >>> shown_value("abc"), shown_value(12.5), shown_value(2.0), shown_value(None), shown_value(float("nan"))
    ("'abc'", '12,5', '2,0', 'leer', 'leer')
    """
    import pandas as pd

    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return "leer"
    if hasattr(value, "item"):
        value = value.item()
    return repr(value) if isinstance(value, str) else german_value(value)


def german_value(value) -> str:
    """A value for a German message; a float (``2.000`` typed in Python is 2.0) the German way.

    >>> german_value(2.0), german_value("2023/08/26"), german_value(-5)
    ('2,0', '2023/08/26', '-5')
    """
    from kundenkit.data.german_numbers import format_number

    return format_number(value, decimals=1) if isinstance(value, float) else str(value)


def cell_error(frame, row, column: str, problem: str, tipp: str | None = None) -> KundenkitError:
    """A :class:`KundenkitError` for one cell: the file, the line, the column and the value.

    ``row`` is an index label of ``frame``. A frame read with
    :func:`kundenkit.read_csv` is indexed by the line as Excel numbers it and
    knows its file (``frame.attrs["datei"]``), so the error names both; for
    other frames the line is the index label.

    >>> import pandas as pd
    >>> print(cell_error(pd.DataFrame({"betrag": [1.0, None]}), 1, "betrag", "Der Betrag fehlt."))
    Spalte 'betrag', Zeile 1: Der Betrag fehlt.
    """
    value = frame.at[row, column]
    if hasattr(value, "item"):
        value = value.item()
    line = int(row) if isinstance(row, numbers.Integral) else row
    return KundenkitError(problem, datei=frame.attrs.get("datei"), zeile=line, spalte=column,
                          wert=None if shown_value(value) == "leer" else value, tipp=tipp)


def check_scale(frame, column: str, *, low: float, high: float):
    """The column as numbers if every filled value lies on the scale ``low``–``high``, else a German error.

    Empty cells stay empty (NaN); the error names the column, the row and the value
    (and the file and its line as Excel numbers it, for a frame from :func:`kundenkit.read_csv`).

    >>> import pandas as pd
    >>> check_scale(pd.DataFrame({"bewertung": [1, 5, None]}), "bewertung", low=1, high=5).tolist()
    [1.0, 5.0, nan]
    >>> check_scale(pd.DataFrame({"bewertung": [3, 9]}), "bewertung", low=1, high=5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'bewertung', Zeile 1: Der Wert 9 liegt nicht auf der Skala 1 bis 5.
        Korrigieren Sie den Wert oder lassen Sie das Feld leer.
    """
    import pandas as pd

    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.index[(values.isna() & frame[column].notna()) | (values < low) | (values > high)]
    if len(bad):
        row = bad[0]
        raise cell_error(frame, row, column,
                         f"Der Wert {shown_value(frame.at[row, column])} "
                         f"liegt nicht auf der Skala {low:g} bis {high:g}.",
                         "Korrigieren Sie den Wert oder lassen Sie das Feld leer.")
    return values


def check_ratings(frame, column: str, table: str = "kontakte"):
    """The ratings of ``table`` as numbers if every filled one is a rating from 1 to 5, else a German error.

    >>> import pandas as pd
    >>> check_ratings(pd.DataFrame({"bewertung": [1, 5, None]}), "bewertung").tolist()
    [1.0, 5.0, nan]
    >>> check_ratings(pd.DataFrame({"bewertung": [3, "7"]}), "bewertung")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'bewertung': Tabelle 'kontakte', Spalte 'bewertung', Zeile 1: '7' ist
        keine Bewertung von 1 bis 5. Korrigieren Sie den Wert oder lassen Sie das Feld leer.
    """
    import pandas as pd

    ratings = pd.to_numeric(frame[column], errors="coerce")
    bad = (ratings.isna() & frame[column].notna()) | (ratings < 1) | (ratings > 5)
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        value = frame.at[row, column]
        raise KundenkitError(
            f"Tabelle '{table}', Spalte '{column}', Zeile {row}: {str(value)!r} ist keine Bewertung von 1 "
            "bis 5. Korrigieren Sie den Wert oder lassen Sie das Feld leer.", spalte=column, wert=value)
    return ratings


def check_columns(frame, table: str, columns: dict[str, str]) -> None:
    """A German error unless ``frame`` is a DataFrame with every column; ``columns`` maps parameter → column.

    The message names the table, the missing column and the parameter that sets its name.

    >>> import pandas as pd
    >>> check_columns(pd.DataFrame({"kunden_id": [1]}), "transaktionen", {"customer_col": "kunden_id"})
    >>> check_columns(pd.DataFrame({"Datum": [1]}), "transaktionen", {"date_col": "datum"})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle transaktionen fehlt die Spalte 'datum' (Parameter date_col).
        Vorhanden sind: Datum. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen mit date_col=… an.
    >>> check_columns([1, 2], "kontakte", {})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Tabelle kontakte muss ein DataFrame sein, nicht list. Übergeben Sie zum
        Beispiel daten.require("kontakte").
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
