"""A pytest plugin for the nbval run in ``test_notebooks.py``: keeps the outputs of every executed cell.

nbval executes each notebook once; other tests (the scan for non-German output)
read the outputs from the file named by ``KUNDENKIT_OUTPUTS_FILE`` instead of
executing the notebooks a second time. Loaded with ``-p nbval_capture``.
"""
from __future__ import annotations

import json
import os

_OUTPUTS: dict[str, list[dict]] = {}


def pytest_runtest_teardown(item, nextitem):
    cell, outputs = getattr(item, "cell", None), getattr(item, "test_outputs", None)
    if cell is not None and outputs is not None:
        _OUTPUTS.setdefault(str(item.path), []).append({"id": cell.get("id"), "outputs": list(outputs)})


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("KUNDENKIT_OUTPUTS_FILE")
    if target:
        with open(target, "w", encoding="utf-8") as file:
            json.dump(_OUTPUTS, file, ensure_ascii=False, default=str)
