"""Speed benchmarks of the course, printed as ratios against a baseline measured in the same run.

    make benchmark            (or: .venv/bin/python benchmarks/run.py [--repeat N])

(a) executing every notebook vs as many executions of an empty notebook (the kernel-start floor),
(b) widget callback times on 100,000 customers (p50/p95) against the 50 ms budget,
(c) ``import kundenkit`` vs ``import pandas`` in a fresh interpreter,
(d) reading a 100,000-row German Excel CSV with ``kk.read_csv`` vs plain ``pandas.read_csv`` told the format,
(e) a class of 30 participants with answer keys vs the naive way (one papermill run per participant and notebook),
(f) grading a class of 30 with every notebook of chapter 1, each sealed in its own sandbox vs the same run unsealed.
Medians are compared, since a kernel shutdown occasionally stalls for seconds.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
BUDGET_MS = 50.0


def _execute(path: Path, out_dir: Path) -> float:
    start = time.perf_counter()
    papermill.execute_notebook(str(path), str(out_dir / "out.ipynb"), cwd=str(path.parent), kernel_name="python3",
                               progress_bar=False, log_output=False)
    return time.perf_counter() - start


def notebooks_vs_kernel_floor(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "leer.ipynb"
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, empty)
        runs = {f"{path.parent.name}/{path.name}": [] for path in NOTEBOOKS}
        floor = []
        for _ in tqdm(range(repeat), desc="(a) Notebooks ausführen", unit="Runde"):
            for path in NOTEBOOKS:
                runs[f"{path.parent.name}/{path.name}"].append(_execute(path, tmp))
                floor.append(_execute(empty, tmp))
    floor_median = statistics.median(floor)
    print(f"\n(a) Kernel-Startboden (leeres Notebook): Median {floor_median:.2f} s")
    for name, times in runs.items():
        median = statistics.median(times)
        print(f"    {name:<50} Median {median:6.2f} s = {median / floor_median:4.1f} × Boden")
    total = sum(statistics.median(t) for t in runs.values())
    print(f"    alle {len(runs)} Notebooks: {total:.2f} s = {total / (floor_median * len(runs)):.1f} × "
          f"{len(runs)} leere Ausführungen")


def _percentiles(samples_ms):
    samples = sorted(samples_ms)
    return samples[len(samples) // 2], samples[int(len(samples) * 0.95) - 1]


# How each lesson's widget is built from the course data (the same calls as in the notebooks).
LESSON_WIDGETS = {
    "1.1": lambda kk, d: kk.widgets.relationship.explorer(d.transaktionen, d.kunden),
    "1.2": lambda kk, d: kk.widgets.customer_profit.explorer(d),
    "1.3": lambda kk, d: kk.widgets.association_rules.explorer(d.transaktionen),
    "1.4": lambda kk, d: kk.widgets.lane_change.explorer(d.transaktionen, d.kontakte, kunden=d.kunden),
    "1.5": lambda kk, d: kk.widgets.warmth_competence.explorer(d.befragung),
    "1.7": lambda kk, d: kk.widgets.trust.explorer(d.kontakte),
    "1.11": lambda kk, d: kk.widgets.expectations.explorer(d.kontakte),
    "2.7": lambda kk, d: kk.widgets.nps.explorer(d),
    "3.8": lambda kk, d: kk.widgets.customer_value.explorer(d),
    "3.9": lambda kk, d: kk.widgets.next_best_action.explorer(d),
    "3.10": lambda kk, d: kk.widgets.loyalty_profit.explorer(d),
    "3.11": lambda kk, d: kk.widgets.voice_analytics.explorer(d),
    "4.3": lambda kk, d: kk.widgets.content_context.explorer(d),
    "4.5": lambda kk, d: kk.widgets.sales_pipeline.explorer(d),
    "4.6": lambda kk, d: kk.widgets.customer_parting.explorer(d),
    "4.7": lambda kk, d: kk.widgets.service_subscription.explorer(d),
    "4.9": lambda kk, d: kk.widgets.call_transfer.explorer(d),
    "4.12": lambda kk, d: kk.widgets.complaints.explorer(d),
    "4.20": lambda kk, d: kk.widgets.dunning.explorer(d),
    "4.21": lambda kk, d: kk.widgets.human_touchpoint.explorer(d),
    "5.6": lambda kk, d: kk.widgets.customer_focus.explorer(d),
    "5.8": lambda kk, d: kk.widgets.relationship_levers.explorer(d),
}


def main_control(widget):
    """The slider a lesson marks as its main control (CSS class ``kk-main-control``)."""
    if "kk-main-control" in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        found = main_control(child)
        if found is not None:
            return found
    return None


def _slider_values(slider, count: int) -> list:
    """``count`` values that walk the slider up and down across its range."""
    if hasattr(slider, "options"):
        options = list(slider.options)
        values = [options[i % len(options)] for i in range(count)]
        return [v[1] if isinstance(v, tuple) else v for v in values]
    low, high = slider.min, slider.max
    step = (high - low) / 10
    return [low + step * (1 + i % 9) for i in range(count)]


def widget_callbacks(n_customers: int, repeat: int) -> None:
    import kundenkit as kk
    from kundenkit.widgets.overview import SectorOverview

    print(f"\n(b) Widget-Reaktionszeit mit {n_customers:,} Kunden (Budget {BUDGET_MS:.0f} ms)".replace(",", "."))
    start = time.perf_counter()
    data = kk.generate_customers(seed=42, n_customers=n_customers)
    print(f"    Daten erzeugen: {time.perf_counter() - start:.2f} s (einmalig, nicht im Budget)")
    for lesson, build in LESSON_WIDGETS.items():
        start = time.perf_counter()
        widget = build(kk, data)
        built = time.perf_counter() - start
        slider = main_control(widget)
        samples = []
        for value in tqdm(_slider_values(slider, repeat), desc=f"    {lesson} Regler bewegen", unit="Änderung",
                          leave=False):
            t0 = time.perf_counter()
            slider.value = type(slider.value)(value)
            samples.append((time.perf_counter() - t0) * 1000)
        p50, p95 = _percentiles(samples)
        print(f"    {lesson:>4} „{slider.description}“ → Modell → Diagramm: p50 {p50:5.1f} ms, p95 {p95:5.1f} ms "
              f"= {p95 / BUDGET_MS:.2f} × Budget (Aufbau des Widgets einmalig {built:.1f} s)")

    overview = SectorOverview(n_customers=n_customers)
    samples = []
    for branche in tqdm(kk.BRANCHEN[1:] + kk.BRANCHEN[:1], desc="    Branche wechseln", leave=False):
        t0 = time.perf_counter()
        overview.dropdown.value = branche
        samples.append((time.perf_counter() - t0) * 1000)
    p50, p95 = _percentiles(samples)
    print(f"    Einführung, Branche wechseln (erstmals, höchstens 5.000 Kunden): p50 {p50:.0f} ms, p95 {p95:.0f} ms "
          f"= {p95 / BUDGET_MS:.1f} × Budget")


def imports(repeat: int) -> None:
    def timed(statement):
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", statement], check=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    python = timed("pass")
    pandas = timed("import pandas") - python
    kundenkit = timed("import kundenkit") - python
    print(f"\n(c) Import (ohne Interpreter-Start {python * 1000:.0f} ms): pandas {pandas * 1000:.0f} ms, "
          f"kundenkit {kundenkit * 1000:.0f} ms = {kundenkit / pandas:.2f} × pandas")


def german_csv(rows: int = 100_000) -> None:
    import numpy as np
    import pandas as pd

    import kundenkit as kk

    rng = np.random.default_rng(0)
    table = pd.DataFrame({"kunden_id": [f"K{i:07d}" for i in range(rows)],
                          "datum": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 700, rows), unit="D"),
                          "betrag": rng.lognormal(4, 1, rows).round(2), "aktiv": rng.random(rows) < 0.5})
    with tempfile.TemporaryDirectory() as tmp:
        path = kk.write_csv(table, Path(tmp) / "gross.csv")
        ours = _median_time(lambda: kk.read_csv(path))
        plain = _median_time(lambda: pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig",
                                                 parse_dates=["datum"], dayfirst=True, dtype={"kunden_id": str}))
    count = f"{rows:,}".replace(",", ".")
    print(f"\n(d) {count} Zeilen deutsche CSV lesen: kk.read_csv {ours * 1000:.0f} ms, pandas.read_csv mit "
          f"bekanntem Format {plain * 1000:.0f} ms = {ours / plain:.1f} × pandas")


def _median_time(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def class_generation(participants: int) -> None:
    from kundenkit.data.files import save_customer_base
    from kundenkit.data.synthetic import generate_customers
    from kundenkit.exercises.checks import MIME_TYPE
    from kundenkit.exercises.classroom import (
        CLASS_FILE,
        TRAINER_DIR,
        chapter_notebooks,
        generate_class,
        read_participants,
    )

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        names = tmp / "liste.csv"
        names.write_text("Name\n" + "\n".join(f"Teilnehmerin {i:02d}" for i in range(participants)) + "\n",
                         encoding="utf-8")
        # One entry per chapter (not per file: that ran every notebook once per file of its chapter).
        chapters = sorted({int(p.name[:2]) for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")})
        t0 = time.perf_counter()
        generate_class(names, tmp / "schnell", branche="Bank", chapters=chapters, solutions_dir=ROOT / "solutions")
        fast = time.perf_counter() - t0
        keys = json.loads((tmp / "schnell" / TRAINER_DIR / CLASS_FILE).read_text(encoding="utf-8"))["schluessel"]
        fast_key = {(pid, task): hashes for pid, key in keys.items() for task, hashes in key["aufgaben"].items()}
        variants = {pid: key["variante"] for pid, key in keys.items()}

        from kundenkit.exercises.catalog import EXERCISES
        from kundenkit.exercises.keys import is_accepted
        naive_answers = {}
        t0 = time.perf_counter()
        for person in tqdm(read_participants(names, 1), desc="(e) naiv: papermill je Person", unit="Person"):
            folder = tmp / "naiv" / person.id
            save_customer_base(generate_customers(seed=person.seed, n_customers=2000, branche="Bank"), folder / "daten")
            for solution in chapter_notebooks(ROOT / "solutions", chapters):
                out = folder / solution.name
                papermill.execute_notebook(str(solution), str(out), cwd=str(folder), kernel_name="python3",
                                           progress_bar=False, log_output=False,
                                           parameters={"seed": person.seed, "branche": "Bank", "daten_pfad": "daten"})
                for cell in nbformat.read(out, as_version=4).cells:
                    for output in cell.get("outputs", []):
                        record = output.get("data", {}).get(MIME_TYPE)
                        if record:
                            naive_answers[(person.id, record["aufgabe"])] = record["antwort"]
        naive = time.perf_counter() - t0
        runs = sum(1 for _ in chapter_notebooks(ROOT / "solutions", chapters)) * participants
    # The same key: every answer of the solutions, run per person, is accepted by that person's hashed key.
    same = naive_answers.keys() == fast_key.keys() and all(
        is_accepted(EXERCISES[task], naive_answers[(pid, task)], variants[pid], hashes)
        for (pid, task), hashes in fast_key.items())
    print(f"\n(e) Klasse mit {participants} Teilnehmenden, Kapitel {chapters}: kundenkit klasse {fast:.1f} s, "
          f"naiv ({runs} papermill-Läufe, einer je Person und Notebook) {naive:.1f} s = {naive / fast:.0f} × "
          f"schneller; Schlüssel identisch: {'ja' if same else 'NEIN'}")


def grading(participants: int, workers: int = 2) -> None:
    """Grade a class sealed (bubblewrap) and unsealed; the sandbox's cost is the ratio of the two."""
    from kundenkit.exercises.classroom import generate_class
    from kundenkit.exercises.grading import grade_submissions
    from kundenkit.exercises.sandbox import Limits, sandbox_problem

    problem = sandbox_problem()
    if problem:
        print(f"\n(f) Bewerten: keine Sandbox möglich ({problem}); nicht gemessen.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        names = tmp / "liste.csv"
        names.write_text("Name\n" + "\n".join(f"Teilnehmerin {i:02d}" for i in range(participants)) + "\n",
                         encoding="utf-8")
        generate_class(names, tmp / "klasse", branche="Bank", chapters=[1], progress=False)
        # Everyone hands in their notebooks as generated: every cell runs, as in a real submission.
        inbox = tmp / "eingang"
        for folder in (tmp / "klasse").iterdir():
            if not folder.name.startswith("_"):
                for notebook in folder.glob("*.ipynb"):
                    (inbox / folder.name).mkdir(parents=True, exist_ok=True)
                    (inbox / folder.name / notebook.name).write_bytes(notebook.read_bytes())
        count = len(list(inbox.rglob("*.ipynb")))
        times = {}
        for sealed in (False, True):
            t0 = time.perf_counter()
            grades = grade_submissions(inbox, tmp / f"noten_{sealed}.csv", class_dir=tmp / "klasse",
                                       limits=Limits(), workers=workers, sealed=sealed, progress=True)
            times[sealed] = time.perf_counter() - t0
            assert grades.attrs["abgeschottet"] == sealed
    print(f"\n(f) Bewerten: {participants} Teilnehmende, {count} Notebooks (Kapitel 1), {workers} parallel: "
          f"abgeschottet {times[True]:.1f} s, ohne Sandbox {times[False]:.1f} s = "
          f"{times[True] / times[False]:.2f} × ({(times[True] / times[False] - 1) * 100:+.0f} %)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Wiederholungen je Notebook (Standard: 3)")
    parser.add_argument("--kunden", type=int, default=100_000, help="Kunden für (b) (Standard: 100000)")
    parser.add_argument("--teilnehmende", type=int, default=30, help="Teilnehmende für (e) (Standard: 30)")
    parser.add_argument("--bewerten", type=int, default=30, help="Teilnehmende für (f) (Standard: 30)")
    parser.add_argument("--nur", choices=["a", "b", "c", "d", "e", "f"], help="nur einen Teil messen")
    args = parser.parse_args(argv)
    if args.nur in (None, "c"):
        imports(max(args.repeat, 5))
    if args.nur in (None, "b"):
        widget_callbacks(args.kunden, repeat=200)
    if args.nur in (None, "d"):
        german_csv()
    if args.nur in (None, "e"):
        class_generation(args.teilnehmende)
    if args.nur in (None, "f"):
        grading(args.bewerten)
    if args.nur in (None, "a"):
        notebooks_vs_kernel_floor(args.repeat)


if __name__ == "__main__":
    main()
