"""Compute lifetimes' RFM summaries of the CDNOW sample: the reference for ``kundenkit.rfm_summary``.

The tests compare kundenkit's :func:`kundenkit.models.customer_value.rfm_summary` with
the CSV files this script writes (``summary_*.csv`` next to it). The tests do not run
it: lifetimes 0.11.3 needs an older pandas than kundenkit, so it runs in a separate
virtual environment (the same one ``benchmarks/rfm_summary.py`` creates; git ignores it).
From the repository root::

    python3 -m venv benchmarks/.lifetimes-venv
    benchmarks/.lifetimes-venv/bin/pip install "lifetimes==0.11.3" "pandas<2" "numpy<2" "scipy<1.12"
    benchmarks/.lifetimes-venv/bin/python tests/data/cdnow/make_reference.py

Input: ``CDNOW_sample.txt`` (see README.md). Each variant below becomes one file
``summary_<name>.csv`` with the columns ``customer_id, frequency, recency, T``
and, with a monetary value, ``monetary_value`` – floats written with 17
significant digits so that they read back exactly.
"""
from pathlib import Path

import lifetimes
import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data

HERE = Path(__file__).resolve().parent

#: name → keyword arguments of summary_data_from_transaction_data
VARIANTS = {
    "daily": {"freq": "D"},
    "daily_monetary": {"freq": "D", "monetary_value_col": "amount"},
    "weekly": {"freq": "W"},
    "weekly_monetary": {"freq": "W", "monetary_value_col": "amount"},
    "daily_monetary_end_1997_09_30": {"freq": "D", "monetary_value_col": "amount",
                                      "observation_period_end": "1997-09-30"},
    # a Wednesday: the week of the end is kept whole, as lifetimes buckets before it truncates
    "weekly_monetary_end_1997_06_18": {"freq": "W", "monetary_value_col": "amount",
                                       "observation_period_end": "1997-06-18"},
}


def load_transactions() -> pd.DataFrame:
    """The CDNOW sample as transactions: customer, date, number of CDs, amount in US dollars."""
    frame = pd.read_csv(HERE / "CDNOW_sample.txt", sep=r"\s+", header=None,
                        names=["master_id", "customer_id", "date", "cds", "amount"],
                        dtype={"master_id": str, "customer_id": int, "date": str})
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d")
    return frame[["customer_id", "date", "amount"]]


def main() -> None:
    transactions = load_transactions()
    for name, kwargs in VARIANTS.items():
        summary = summary_data_from_transaction_data(transactions, "customer_id", "date", **kwargs)
        summary.reset_index().to_csv(HERE / f"summary_{name}.csv", index=False, float_format="%.17g")
        print(f"summary_{name}.csv: {len(summary)} customers")
    print(f"lifetimes {lifetimes.__version__}, pandas {pd.__version__}")


if __name__ == "__main__":
    main()
