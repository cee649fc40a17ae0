"""kundenkit's errors and notes in Jupyter: one short German box, no traceback.

IPython lets an exception render its own traceback (``_render_traceback_``).
:class:`~kundenkit.errors.KundenkitError` uses this hook to show a box with
what is wrong, the file, the line as Excel numbers it, the column, the
offending value and what to do, and to return a one-line "traceback": the cell
still counts as failed (papermill and nbclient see an error output with
``ename`` ``KundenkitError`` and the full German message as ``evalue``), but no
Python call stack is shown. Unlike ``InteractiveShell.set_custom_exc`` this needs
no registration and does not compete with other packages' handlers.

Importing kundenkit inside IPython also calls :func:`register`, which shows
notes (:class:`~kundenkit.errors.KundenkitWarning`) as a yellow box.

Other exceptions keep IPython's normal traceback. :func:`unregister` restores
the plain tracebacks, e.g. to debug kundenkit itself.
"""
from __future__ import annotations

import html
import warnings

from kundenkit.errors import KundenkitError, KundenkitWarning
from kundenkit.validation import german_value

# Whether KundenkitError shows as a box instead of a traceback inside IPython (see unregister).
SHORT_ERRORS = True

STOPPED = "Die Zelle wurde angehalten: Beheben Sie das Problem im Kasten oben und führen Sie die Zelle noch einmal aus."

_ERROR_STYLE = ("border-left:5px solid #b3261e;background:#fdecea;color:#1f1f1f;padding:0.6em 1em;"
                "margin:0.3em 0;border-radius:4px;font-family:sans-serif;line-height:1.45;max-width:62em")
_NOTE_STYLE = ("border-left:5px solid #a86b00;background:#fff4d6;color:#1f1f1f;padding:0.5em 1em;"
               "margin:0.3em 0;border-radius:4px;font-family:sans-serif;line-height:1.45;max-width:62em")


def _fields(error: KundenkitError) -> list[tuple[str, str]]:
    rows = []
    if error.parameter is not None:
        rows.append(("Parameter", error.parameter))
    if error.datei is not None:
        rows.append(("Datei", error.datei))
    if error.zeile is not None:
        rows.append(("Zeile", f"{error.zeile} (so nummeriert Excel die Zeilen)"))
    if error.spalte is not None:
        rows.append(("Spalte", error.spalte))
    if error.has_value:
        rows.append(("Wert", "(leer)" if error.wert is None or error.wert == "" else f"„{german_value(error.wert)}“"))
    return rows


def _title(error: KundenkitError) -> str:
    if error.datei is not None or error.zeile is not None:
        return "Problem in Ihren Daten"
    if error.parameter is not None:
        return "Problem mit einem Parameter"
    return "Das hat nicht geklappt"


def error_text(error: KundenkitError) -> str:
    """The box as plain text (for text-only front ends and logs).

    >>> print(error_text(KundenkitError("Der Wert '2023/08/26' ist kein Datum.", datei="transaktionen.csv",
    ...       zeile=262, spalte="datum", wert="2023/08/26", tipp="Schreiben Sie 26.08.2023.")))
    Problem in Ihren Daten
    Der Wert '2023/08/26' ist kein Datum.
      Datei:  transaktionen.csv
      Zeile:  262 (so nummeriert Excel die Zeilen)
      Spalte: datum
      Wert:   „2023/08/26“
    Was tun: Schreiben Sie 26.08.2023.
    >>> print(error_text(KundenkitError("Unbekannte Branche 'Bäckerei'.")))
    Das hat nicht geklappt
    Unbekannte Branche 'Bäckerei'.
    """
    fields = _fields(error)
    width = max((len(label) for label, _ in fields), default=0) + 1
    lines = [_title(error), error.problem]
    lines += [f"  {label + ':':<{width}} {value}" for label, value in fields]
    if error.tipp:
        lines.append(f"Was tun: {error.tipp}")
    return "\n".join(lines)


def error_html(error: KundenkitError) -> str:
    """The box as HTML: title, what is wrong, the place and value, what to do.

    >>> box = error_html(KundenkitError("Kein Datum.", zeile=262, wert="<b>"))
    >>> "Zeile" in box and "262" in box and "&lt;b&gt;" in box and "Traceback" not in box
    True
    """
    esc = html.escape
    rows = "".join(
        f"<tr><th style='text-align:left;padding:0 1em 0 0;font-weight:600'>{esc(label)}</th>"
        f"<td style='text-align:left'>{esc(value)}</td></tr>"
        for label, value in _fields(error)
    )
    table = f"<table style='border-collapse:collapse;margin:0.4em 0'>{rows}</table>" if rows else ""
    tipp = f"<div><strong>Was tun:</strong> {esc(error.tipp)}</div>" if error.tipp else ""
    return (f"<div class='kk-fehler' role='alert' style=\"{_ERROR_STYLE}\">"
            f"<div style='font-weight:700;margin-bottom:0.2em'>{esc(_title(error))}</div>"
            f"<div>{esc(error.problem)}</div>{table}{tipp}</div>")


def note_html(message: str) -> str:
    """A note as a yellow HTML box.

    >>> "Hinweis" in note_html("Zeile 262 wurde nicht eingelesen.")
    True
    """
    return (f"<div class='kk-hinweis' style=\"{_NOTE_STYLE}\"><strong>Hinweis:</strong> "
            f"{html.escape(message)}</div>")


def render_traceback(error: KundenkitError) -> list[str]:
    """Show the box and return IPython's "traceback": one German line instead of the call stack.

    Called by IPython through ``KundenkitError._render_traceback_``. The cell
    still fails: the kernel sends an error with ``ename`` ``KundenkitError``,
    the full message as ``evalue`` and this one line as ``traceback``.
    """
    if getattr(error, "_kundenkit_shown", False):  # IPython asks again to store the error in its history
        return [STOPPED]
    try:
        from IPython.display import display

        display({"text/html": error_html(error), "text/plain": error_text(error)}, raw=True)
        error._kundenkit_shown = True
    except Exception:  # a display problem must never hide the error itself
        return [f"{type(error).__name__}: {error}"]
    return [STOPPED]


def _show_warning(original):
    def show(message, category, filename, lineno, file=None, line=None):
        if isinstance(category, type) and issubclass(category, KundenkitWarning):
            try:
                from IPython.display import display

                text = str(message)
                display({"text/html": note_html(text), "text/plain": f"Hinweis: {text}"}, raw=True)
                return
            except Exception:
                pass
        original(message, category, filename, lineno, file, line)

    show._kundenkit = True
    show._original = original
    return show


def register(shell=None) -> None:
    """Show kundenkit's errors and notes as German boxes (the default inside IPython).

    Errors need no registration (``KundenkitError._render_traceback_`` does it);
    this switches the short boxes back on after :func:`unregister` and shows
    :class:`KundenkitWarning` notes as yellow boxes instead of warning lines.
    """
    global SHORT_ERRORS
    SHORT_ERRORS = True
    if not getattr(warnings.showwarning, "_kundenkit", False):
        warnings.showwarning = _show_warning(warnings.showwarning)


def unregister(shell=None) -> None:
    """Back to IPython's plain tracebacks and warning lines (e.g. to debug kundenkit itself)."""
    global SHORT_ERRORS
    SHORT_ERRORS = False
    original = getattr(warnings.showwarning, "_original", None)  # set by _show_warning with _kundenkit
    if getattr(warnings.showwarning, "_kundenkit", False) and original is not None:
        warnings.showwarning = original
