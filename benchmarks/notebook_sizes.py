"""Size of every executed notebook, against the per-chart offline bundle of before.

    .venv/bin/python benchmarks/notebook_sizes.py [NOTEBOOK ...]

Each notebook in notebooks/ is executed with papermill (which keeps every widget's state in
the notebook, as a trainer's executed copy does). "vorher" is the same executed notebook with
the old layout of that state, rebuilt from it: every chart widget carries the whole offline
bundle, and there is no shared chart library. Only the chart scripts differ between the two,
so the ratio is exact for this run.
"""
from __future__ import annotations

import argparse
import base64
import gzip
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BUDGET_KB = 1000
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
LIBRARY_ID = "kundenkit.charts.setup.ChartLibrary"
CHART_ID = "altair.jupyter.jupyter_chart.JupyterChart"


def per_chart_layout(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook as the per-chart bundle wrote it: the library's bundle in every chart."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    libraries = [k for k, m in state.items() if m["state"].get("_anywidget_id") == LIBRARY_ID]
    if not libraries:
        return notebook
    bundle = gzip.decompress(base64.b64decode(state[libraries[0]]["state"]["bundle"])).decode("utf-8")
    for key in libraries:
        del state[key]
    for model in state.values():
        if model["state"].get("_anywidget_id") == CHART_ID:
            model["state"]["_esm"] = bundle
    return notebook


def main() -> int:
    parser = argparse.ArgumentParser(description="Größe jedes ausgeführten Notebooks gegen die frühere Ablage der "
                                                 f"Diagramme; Grenze {BUDGET_KB} KB je Notebook.")
    parser.add_argument("notebooks", nargs="*", type=Path, help="nur diese Notebooks (Standard: alle in notebooks/)")
    paths = [p.resolve() for p in parser.parse_args().notebooks] or NOTEBOOKS
    print(f"Ausgeführte Notebooks (papermill, mit Widget-Zustand), Grenze {BUDGET_KB} KB:")
    print(f"    {'Notebook':<42} {'jetzt':>8} {'vorher':>8}  Verhältnis")
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            out = Path(tmp) / path.name
            papermill.execute_notebook(str(path), str(out), cwd=str(path.parent), kernel_name="python3",
                                       progress_bar=False, log_output=False)
            before = Path(tmp) / f"vorher-{path.name}"
            nbformat.write(per_chart_layout(nbformat.read(out, as_version=4)), before)
            now_kb, before_kb = out.stat().st_size / 1000, before.stat().st_size / 1000
            if now_kb >= BUDGET_KB:
                over.append(path.name)
            print(f"    {path.name:<42} {now_kb:6.0f} KB {before_kb:5.0f} KB  {now_kb / before_kb:5.2f}"
                  + ("  ÜBER DER GRENZE" if now_kb >= BUDGET_KB else ""))
    if over:
        print(f"Über {BUDGET_KB} KB: {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
