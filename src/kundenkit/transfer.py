"""The learner's transfer sheets: their own answers about their company, saved to a file they keep.

A transfer file is never overwritten silently: :func:`save_transfer` refuses an
existing file unless the caller chose to append a row or to overwrite it.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.errors import KundenkitError

MODES = ("neu", "anhängen", "überschreiben")


def save_transfer(record: dict, path, *, mode: str = "neu") -> Path:
    """Save one transfer record (a row) as German CSV and return the path.

    Parameters
    ----------
    record : dict
        Column name → value; a time stamp ``gespeichert_am`` is added.
    path : str or Path
        The learner's file; its folder is created if needed.
    mode : {"neu", "anhängen", "überschreiben"}
        ``"neu"`` refuses an existing file; ``"anhängen"`` adds a row to it;
        ``"überschreiben"`` replaces it.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> path = save_transfer({"unternehmen": "Muster AG", "wärme": 5.5}, folder / "t.csv")
    >>> save_transfer({"unternehmen": "Muster AG", "wärme": 6.0}, path)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Datei '...t.csv' gibt es schon. ...
    >>> len(read_csv(save_transfer({"unternehmen": "Muster AG", "wärme": 6.0}, path, mode="anhängen")))
    2
    """
    if mode not in MODES:
        raise KundenkitError(f"Unbekannter Modus {mode!r} für 'mode'. Erlaubt sind: {', '.join(MODES)}.")
    path = Path(path)
    row = pd.DataFrame([{**record, "gespeichert_am": datetime.now().replace(microsecond=0)}])
    if path.exists():
        if mode == "neu":
            raise KundenkitError(
                f"Die Datei '{path}' gibt es schon. Sie wird nicht überschrieben. Wählen Sie "
                "'anhängen' (neue Zeile) oder 'überschreiben', oder geben Sie einen anderen Dateinamen an."
            )
        if mode == "anhängen":
            row = pd.concat([read_csv(path), row], ignore_index=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_csv(row, path)
