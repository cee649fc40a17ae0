"""Charts render offline, the chart library travels once per kernel, and a new kernel does not build it twice."""
import base64
import gzip
import json
import subprocess
import sys

import altair as alt
import pytest

from conftest import NOTEBOOKS, execute_notebook
from kundenkit.charts import setup

PROBE = """
import json, sys
import kundenkit.charts
import altair as alt
library = kundenkit.charts.setup.enable_offline_cached()
print(json.dumps({"offline": alt.JupyterChart._is_offline, "esm": alt.JupyterChart._esm,
                  "key": library.key, "bundle": library.bundle,
                  "rfc3987_syntax": sys.modules.get("rfc3987_syntax", "absent") is None,
                  "path": str(kundenkit.charts.setup.offline_bundle_path())}))
"""


def probe(cache_dir):
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env={"KUNDENKIT_CACHE": str(cache_dir), "PATH": ""})
    return json.loads(run.stdout)


def library_source(bundle: str) -> str:
    return gzip.decompress(base64.b64decode(bundle)).decode("utf-8")


def test_offline_bundle_is_built_once_and_then_read_from_the_cache(tmp_path):
    first = probe(tmp_path)
    cached = tmp_path / first["path"].rsplit("/", 1)[-1]
    assert first["offline"] and cached.exists()
    assert base64.b64decode(first["bundle"]) == cached.read_bytes()
    source = library_source(first["bundle"])
    assert len(source) > 100_000 and "export{__default as default}" in source
    assert "https://" not in source.split("export{__default")[-1]  # nothing left to fetch from a CDN
    stamp = cached.stat().st_mtime_ns
    second = probe(tmp_path)
    assert second["bundle"] == first["bundle"] and cached.stat().st_mtime_ns == stamp


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    path = tmp_path / probe(tmp_path)["path"].rsplit("/", 1)[-1]
    intact = path.read_bytes()
    path.write_bytes(intact[: len(intact) // 2])
    again = probe(tmp_path)
    assert len(library_source(again["bundle"])) > 100_000
    assert path.read_bytes() == intact


def test_every_chart_waits_for_the_one_library_instead_of_carrying_it(tmp_path):
    result = probe(tmp_path)
    assert len(result["esm"]) < 3_000
    assert f'const KEY = "{result["key"]}"' in result["esm"]
    assert result["key"] == f"kundenkit-charts-{result['path'].rsplit('-', 1)[-1].removesuffix('.js.gz')}"


def test_two_charts_share_the_kernels_single_library():
    library = setup.enable_offline_cached()
    charts = [alt.JupyterChart(alt.Chart().mark_point()) for _ in range(2)]
    assert setup.enable_offline_cached() is library
    assert [chart._esm for chart in charts] == [alt.JupyterChart._esm] * 2
    assert library.key in charts[0]._esm and len(library.bundle) > 100_000


def test_a_closed_library_is_opened_again():
    library = setup.enable_offline_cached()
    library.close()
    reopened = setup.enable_offline_cached()
    assert reopened is not library and reopened.comm is not None and reopened.bundle == library.bundle


def test_the_slow_optional_iri_format_checker_is_skipped(tmp_path):
    assert probe(tmp_path)["rfc3987_syntax"] is True


@pytest.mark.notebooks
def test_an_executed_lesson_with_three_charts_stays_under_one_megabyte(tmp_path):
    """papermill keeps every widget's state in the notebook; the chart library is in it once."""
    lesson = next(p for p in NOTEBOOKS if p.name.startswith("01_05"))
    executed = execute_notebook(lesson, tmp_path)
    state = executed.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    esm = [model["state"].get("_esm", "") for model in state.values()]
    assert sum(len(s) > 100_000 for s in esm) == 0  # no widget carries the whole bundle
    assert sum("bundle" in model["state"] for model in state.values()) == 1
    assert sum("const KEY" in s for s in esm) >= 3
    size = (tmp_path / f"notebooks-{lesson.name}").stat().st_size
    assert size < 1_000_000, f"{lesson.name}: {size / 1000:.0f} KB"
