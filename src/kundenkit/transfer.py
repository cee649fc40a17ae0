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


def collect_transfers(folder, kapitel: int = 1) -> pd.DataFrame:
    """The latest saved row of each transfer file of a chapter, as one long table.

    Files are found by name: ``01_05_sympathisch_und_kompetent.csv`` is lesson 1.5.
    Returns the columns ``lektion``, ``datei``, ``unternehmen``, ``gespeichert_am``,
    ``angabe`` and ``wert`` (values as the learner sees them, German format).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = save_transfer({"unternehmen": "Muster AG", "wärme": 5.5}, folder / "01_05_sympathisch.csv")
    >>> collect_transfers(folder)[["lektion", "unternehmen", "angabe", "wert"]]
      lektion unternehmen angabe wert
    0     1.5   Muster AG  wärme  5,50
    >>> len(collect_transfers(folder / "leer"))
    0
    """
    from kundenkit.formatting import de_number

    rows = []
    for path in sorted(Path(folder).glob(f"{kapitel:02d}_[0-9][0-9]_*.csv"), key=lambda p: int(p.name[3:5])):
        table = read_csv(path)
        if table.empty:
            continue
        latest = table.iloc[-1]
        for column, value in latest.items():
            if column in ("unternehmen", "gespeichert_am") or pd.isna(value):
                continue
            shown = de_number(value) if isinstance(value, float) else str(value)
            rows.append({"lektion": f"{kapitel}.{int(path.name[3:5])}", "datei": path.name,
                         "unternehmen": latest.get("unternehmen", ""),
                         "gespeichert_am": latest.get("gespeichert_am"), "angabe": column, "wert": shown})
    return pd.DataFrame(rows, columns=["lektion", "datei", "unternehmen", "gespeichert_am", "angabe", "wert"])


def transfer_sheet_markdown(table: pd.DataFrame, title: str) -> str:
    """A readable Markdown sheet of :func:`collect_transfers`' table, one section per lesson.

    >>> table = pd.DataFrame({"lektion": ["1.5"], "datei": ["01_05_x.csv"], "unternehmen": ["Muster AG"],
    ...                       "gespeichert_am": [None], "angabe": ["wärme"], "wert": ["5,5"]})
    >>> print(transfer_sheet_markdown(table, "Kapitel 1"))
    # Kapitel 1
    <BLANKLINE>
    ## Lektion 1.5 – Muster AG
    <BLANKLINE>
    | Angabe | Wert |
    |---|---|
    | wärme | 5,5 |
    <BLANKLINE>
    """
    lines = [f"# {title}", ""]
    for (lesson, company), part in table.groupby(["lektion", "unternehmen"], sort=False):
        lines += [f"## Lektion {lesson} – {company}", "", "| Angabe | Wert |", "|---|---|"]
        lines += [f"| {row.angabe} | {row.wert} |" for row in part.itertuples()]
        lines.append("")
    return "\n".join(lines)
