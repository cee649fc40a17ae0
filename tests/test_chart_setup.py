"""Charts render offline, and a new kernel does not pay twice for the same set-up work."""
import json
import subprocess
import sys

PROBE = """
import json, sys, time
start = time.perf_counter()
import kundenkit.charts
import altair as alt
print(json.dumps({"offline": alt.JupyterChart._is_offline, "esm": len(alt.JupyterChart._esm),
                  "rfc3987_syntax": sys.modules.get("rfc3987_syntax", "absent") is None,
                  "path": str(kundenkit.charts.setup.offline_bundle_path())}))
"""


def probe(cache_dir):
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env={"KUNDENKIT_CACHE": str(cache_dir), "PATH": ""})
    return json.loads(run.stdout)


def test_offline_bundle_is_built_once_and_then_read_from_the_cache(tmp_path):
    first = probe(tmp_path)
    cached = tmp_path / first["path"].rsplit("/", 1)[-1]
    assert first["offline"] and cached.exists()
    assert first["esm"] == len(cached.read_text(encoding="utf-8")) > 100_000
    second = probe(tmp_path)
    assert second["offline"] and second["esm"] == first["esm"]


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    path = tmp_path / probe(tmp_path)["path"].rsplit("/", 1)[-1]
    path.write_text("", encoding="utf-8")
    again = probe(tmp_path)
    assert again["offline"] and again["esm"] > 100_000
    assert len(path.read_text(encoding="utf-8")) == again["esm"]


def test_the_slow_optional_iri_format_checker_is_skipped(tmp_path):
    assert probe(tmp_path)["rfc3987_syntax"] is True
