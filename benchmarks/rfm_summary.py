"""kundenkit's ``rfm_summary`` against lifetimes' ``summary_data_from_transaction_data`` on 1,000,000 purchases.

    .venv/bin/python benchmarks/rfm_summary.py [--transactions N] [--repeat N]

Both run on identical, seeded data (50,000 customers with text ids, two years of
purchase dates, amounts in cents) in the same run; the script checks that both give
the same numbers, bit for bit, and
prints the ratio of the best times. lifetimes 0.11.3 needs an older pandas than
kundenkit, so it runs in its own virtual environment in a subprocess: on the first
run the script creates ``benchmarks/.lifetimes-venv`` (``python3 -m venv`` and
``pip install "lifetimes==0.11.3" "pandas<2" "numpy<2" "scipy<1.12"``; takes a
minute, needs the package index). The goal of the course is at least 3 × faster.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "benchmarks" / ".lifetimes-venv"
REQUIREMENTS = ["lifetimes==0.11.3", "pandas<2", "numpy<2", "scipy<1.12"]
GOAL = 3.0

# Runs inside the lifetimes environment: read the arrays, time the summary, write it back.
LIFETIMES_RUN = r"""
import json, sys, time
import numpy as np, pandas as pd
from lifetimes.utils import summary_data_from_transaction_data
folder, repeat = sys.argv[1], int(sys.argv[2])
data = np.load(folder + "/transactions.npz")
frame = pd.DataFrame({"kunde": data["kunde"], "datum": data["datum"].astype("datetime64[ns]"),
                      "betrag": data["betrag"]})
times = []
for _ in range(repeat):
    start = time.perf_counter()
    summary = summary_data_from_transaction_data(frame, "kunde", "datum", monetary_value_col="betrag", freq="D")
    times.append(time.perf_counter() - start)
np.savez(folder + "/lifetimes.npz", kunde=summary.index.to_numpy().astype(str),
         **{c: summary[c].to_numpy() for c in ["frequency", "recency", "T", "monetary_value"]})
print(json.dumps({"times": times, "pandas": pd.__version__}))
"""


def lifetimes_python() -> Path:
    """The Python of the lifetimes environment; created with a progress note on first use."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"Lege die Umgebung für lifetimes an ({VENV.relative_to(ROOT)}, einmalig, etwa eine Minute) …",
              flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)
        print("Umgebung für lifetimes bereit.", flush=True)
    return python


def transactions(n: int, customers: int = 50_000, seed: int = 2024) -> pd.DataFrame:
    """``n`` seeded purchases: customer ``K000001``…, a date in 2023–2024, an amount in cents."""
    rng = np.random.default_rng(seed)
    weights = rng.gamma(0.7, size=customers)           # some customers buy much more often than others
    who = rng.choice(customers, size=n, p=weights / weights.sum())
    days = rng.integers(0, 731, size=n)
    return pd.DataFrame({
        "kunde": np.char.add("K", np.char.zfill((who + 1).astype(str), 6)),
        "datum": (np.datetime64("2023-01-01") + days.astype("timedelta64[D]")).astype("datetime64[ns]"),
        "betrag": np.round(rng.lognormal(3.0, 0.8, size=n), 2),
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best time counts")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from kundenkit.models.customer_value import rfm_summary

    frame = transactions(args.transactions)
    python = lifetimes_python()
    with tempfile.TemporaryDirectory() as tmp:
        np.savez(Path(tmp) / "transactions.npz", kunde=frame["kunde"].to_numpy().astype(str),
                 datum=frame["datum"].to_numpy(), betrag=frame["betrag"].to_numpy())
        run = subprocess.run([str(python), "-c", LIFETIMES_RUN, tmp, str(args.repeat)], check=True,
                             capture_output=True, text=True)
        theirs = json.loads(run.stdout.strip().splitlines()[-1])
        reference = dict(np.load(Path(tmp) / "lifetimes.npz"))

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        ours = rfm_summary(frame, "kunde", "datum", "betrag", time_unit="D")
        times.append(time.perf_counter() - start)

    assert ours["customer_id"].astype(str).tolist() == reference["kunde"].tolist(), "andere Kunden"
    for col in ("frequency", "recency", "T", "monetary_value"):  # bit-identical, not only close
        assert np.array_equal(ours[col].to_numpy(), reference[col]), f"{col} weicht ab"

    best_ours, best_theirs = min(times), min(theirs["times"])
    ratio = best_theirs / best_ours
    print(f"rfm_summary, {args.transactions:,} Käufe, {len(ours):,} Kunden (beste von {args.repeat} Läufen):")
    print(f"  lifetimes 0.11.3 (pandas {theirs['pandas']}): {best_theirs:.3f} s")
    print(f"  kundenkit (pandas {pd.__version__}):          {best_ours:.3f} s")
    print("  gleiche Zahlen: frequency, recency, T und monetary_value bitgleich")
    print(f"  kundenkit ist {ratio:.1f} × so schnell (Ziel: mindestens {GOAL:.0f} ×)")
    if ratio < GOAL:
        sys.exit(1)


if __name__ == "__main__":
    main()
