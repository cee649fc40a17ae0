"""Overview of a customer base for the introduction: what is in the data, per sector."""
from __future__ import annotations

import pandas as pd

from kundenkit.data.synthetic import CustomerBase


def revenue_by_category(base: CustomerBase) -> pd.DataFrame:
    """Revenue, number and median amount of purchases per product category, largest first.

    >>> from kundenkit import generate_customers
    >>> table = revenue_by_category(generate_customers(seed=1, n_customers=200, branche="Bank"))
    >>> list(table.columns)
    ['kategorie', 'umsatz', 'käufe', 'median_betrag']
    """
    sales = base.require("transaktionen")
    grouped = sales.groupby("kategorie", observed=True)["betrag"]
    table = pd.DataFrame({"umsatz": grouped.sum().round(2), "käufe": grouped.size(),
                          "median_betrag": grouped.median().round(2)})
    return table.sort_values("umsatz", ascending=False).reset_index()


def contacts_by_channel(base: CustomerBase) -> pd.DataFrame:
    """Number of contacts and mean rating (1–5) per channel, most used first.

    >>> from kundenkit import generate_customers
    >>> table = contacts_by_channel(generate_customers(seed=1, n_customers=200))
    >>> list(table.columns), bool(table["kontakte"].is_monotonic_decreasing)
    (['kanal', 'kontakte', 'bewertung'], True)
    """
    contacts = base.require("kontakte")
    grouped = contacts.groupby("kanal", observed=True)["bewertung"]
    table = pd.DataFrame({"kontakte": grouped.size(), "bewertung": grouped.mean().round(2)})
    return table.sort_values(["kontakte", "bewertung"], ascending=False).reset_index()
