"""What every lesson's explorer shares: its CSS classes, the transfer panel on request, and reading its data."""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import ipywidgets as widgets
import pandas as pd

from kundenkit.data.synthetic import CustomerBase, generate_customers
from kundenkit.errors import KundenkitError
from kundenkit.transfer import data_source
from kundenkit.widgets.transfer import TransferSaver


class SalesTables(NamedTuple):
    """The tables an explorer of purchases computes with; only ``transaktionen`` is required."""

    transaktionen: pd.DataFrame
    kunden: pd.DataFrame | None
    kontakte: pd.DataFrame | None
    befragung: pd.DataFrame | None
    branche: str


def course_data(data, branche: str | None = None):
    """What an explorer computes with: the learner's data or table as given; for None the sample data of ``branche``.

    >>> course_data(None, "Bank").branche
    'Bank'
    """
    return generate_customers(branche=branche or "Handel") if data is None else data


def lesson_table(data, table: str) -> pd.DataFrame:
    """The table ``table`` of the learner's data (``kk.load_course_data(...)``), or the table itself if one is given.

    >>> len(lesson_table(generate_customers(seed=1, n_customers=20), "kontakte")) > 0
    True
    >>> lesson_table("kontakte.csv", "kontakte")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Das Widget braucht Ihre Daten (daten) oder die Tabelle kontakte, nicht str.
    """
    if isinstance(data, CustomerBase):
        return data.require(table)
    if isinstance(data, pd.DataFrame):
        return data
    raise KundenkitError(f"Das Widget braucht Ihre Daten (daten) oder die Tabelle {table}, "
                         f"nicht {type(data).__name__}.")


def sales_tables(data, *, kunden=None, kontakte=None, befragung=None, branche: str | None = None) -> SalesTables:
    """The purchases and the other tables from what a learner passes to an explorer.

    ``data`` is the learner's data (``kk.load_course_data(...)``) or a table of
    purchases (see :func:`course_data` for None). Tables passed by name win over
    those in ``data``; the sector defaults to the data's, else Handel.

    >>> tables = sales_tables(generate_customers(seed=1, n_customers=20, branche="Bank"), kontakte=None)
    >>> len(tables.transaktionen) > 0, tables.kontakte is not None, tables.branche
    (True, True, 'Bank')
    >>> sales_tables("transaktionen.csv")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Das Widget braucht Ihre Daten (daten) oder die Tabelle transaktionen, nicht str.
    """
    transaktionen = lesson_table(data, "transaktionen")
    if isinstance(data, CustomerBase):
        def own(table, name):
            return table if table is not None else getattr(data, name)
        return SalesTables(transaktionen, own(kunden, "kunden"), own(kontakte, "kontakte"),
                           own(befragung, "befragung"), branche or data.branche)
    return SalesTables(transaktionen, kunden, kontakte, befragung, branche or "Handel")


class LessonExplorer(widgets.VBox):
    """Base of each lesson's explorer widget.

    A subclass builds its controls, verdict and chart, then calls :meth:`_assemble`.
    With a ``save_path``, a :class:`TransferSaver` for the subclass's ``record()``
    is added below them; ``data``, what the explorer computes with (None for the
    learner's own entries only), tells the saved record where its figures come from.
    The CSS class ``kk-explorer`` and the lesson's own class let the browser tests
    and screenshots find the widget.
    """

    def _assemble(self, children: Iterable[widgets.Widget], css_class: str, save_path=None, data=None) -> None:
        children = list(children)
        if save_path is not None:
            self.saver = TransferSaver(save_path, self.record, data_source(data))
            children.append(self.saver)
        super().__init__(children)
        self.add_class("kk-explorer")
        self.add_class(css_class)

    def record(self) -> dict:
        """The learner's current settings and results as one flat record (for the transfer file)."""
        raise NotImplementedError
