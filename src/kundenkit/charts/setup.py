"""One place for Altair's set-up: offline rendering, German number format, shared look."""
from __future__ import annotations

import base64
import gzip
import hashlib
import os
import zlib
from pathlib import Path
from typing import Literal

import altair as alt
import anywidget
import platformdirs
import traitlets

# d3-format / d3-time-format locales for German, given inline so that nothing is fetched.
FORMAT_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"],
                 "percent": "\u00a0%", "minus": "\u2212"}  # German: "12,5 %", "−3"
TIME_FORMAT_LOCALE = {
    "dateTime": "%A, der %e. %B %Y, %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
               "September", "Oktober", "November", "Dezember"],
    "shortMonths": ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
}
EMBED_OPTIONS = {"formatLocale": FORMAT_LOCALE, "timeFormatLocale": TIME_FORMAT_LOCALE,
                 "actions": False, "renderer": "svg"}

# Text placement as Altair's mark_text takes it.
Align = Literal["left", "center", "right"]
Baseline = Literal["alphabetic", "top", "middle", "bottom", "line-top", "line-bottom"]

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#009E73", "#E69F00", "#56B4E9", "#D55E00", "#0072B2", "#CC79A7", "#F0E442", "#000000")


def layer(*charts: alt.Chart | alt.LayerChart) -> alt.LayerChart:
    """``alt.layer`` for the course's charts: always a LayerChart.

    Altair turns layers that share a facet encoding into a FacetChart; no chart of
    the course has one, so that would be a mistake here.

    >>> base = alt.Chart().mark_point()
    >>> type(layer(base, base.mark_line())).__name__
    'LayerChart'
    """
    chart = alt.layer(*charts)
    if not isinstance(chart, alt.LayerChart):
        raise TypeError("layer() got charts with facet encodings; facet the layered chart instead")
    return chart


def _theme():
    return alt.theme.ThemeConfig({
        "config": {
            "font": "sans-serif",
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "title": {"fontSize": 15, "anchor": "start"},
            "range": {"category": list(PALETTE)},
            "view": {"stroke": None},
        }
    })


def setup_altair() -> None:
    """Render charts offline with German number formats; safe to call repeatedly.

    ``alt.JupyterChart`` (anywidget) gets its JavaScript bundled by vl-convert, so
    charts show in JupyterLab without internet access. The bundle reaches the browser
    once per kernel (see :class:`ChartLibrary`), not once per chart.
    """
    alt.theme.register("kundenkit", enable=True)(_theme)
    enable_offline_cached()
    if alt.renderers.active != "jupyter":
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)


def offline_bundle_path() -> Path:
    """Where the gzip-compressed offline JavaScript bundle of this Altair and vl-convert version is cached.

    The file name carries a hash of both versions and of Altair's widget source, so an
    upgrade never picks up a stale bundle. ``KUNDENKIT_CACHE`` overrides the folder.
    """
    folder = os.environ.get("KUNDENKIT_CACHE") or platformdirs.user_cache_dir("kundenkit", appauthor=False)
    return Path(folder) / f"jupyterchart-offline-{_bundle_key()}.js.gz"


def _bundle_key() -> str:
    import vl_convert as vlc
    from altair.jupyter.jupyter_chart import load_js_src

    vl_version = vlc.__version__  # type: ignore[attr-defined]  # set by the module, missing in its type stub
    return hashlib.sha256(f"{alt.__version__}|{vl_version}|{load_js_src()}".encode()).hexdigest()[:16]


def offline_bundle() -> bytes:
    """The offline JavaScript bundle (vega-embed and Altair's widget code), gzip-compressed.

    vl-convert builds it in about 1.3 s. The first kernel stores it in
    :func:`offline_bundle_path`; later kernels read it. A damaged cache file is built
    again; without a writable cache folder, every kernel builds it – slower, but still offline.
    """
    path = offline_bundle_path()
    try:
        packed = path.read_bytes()
        if gzip.decompress(packed):
            return packed
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        pass
    packed = gzip.compress(_build_bundle().encode("utf-8"), compresslevel=9, mtime=0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(packed)
        partial.replace(path)
    except OSError:
        pass
    return packed


def _build_bundle() -> str:
    """Altair's own offline build (``JupyterChart.enable_offline``), without touching the class."""
    class Probe(alt.JupyterChart):
        _is_offline = False

    Probe.enable_offline(True)
    return Probe._esm


# Both scripts below find the library under one global key per bundle version, so several
# notebooks (kernels) in one JupyterLab page share it, and a stale page never mixes versions.
_SLOT_JS = """
function slot(key) {
  const name = Symbol.for(key);
  if (!globalThis[name]) {
    const entry = {};
    entry.module = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    globalThis[name] = entry;
  }
  return globalThis[name];
}
"""

_LIBRARY_ESM = _SLOT_JS + """
async function load(packed) {
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const source = await new Response(stream).text();
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export default {
  initialize({ model }) {
    const entry = slot(model.get("key"));
    if (!entry.loading) {
      entry.loading = true;
      load(model.get("bundle")).then(entry.resolve, entry.reject);
    }
  },
};
"""

# German text for the learner: shown only if the library does not arrive.
_CHART_ESM = _SLOT_JS + """
const KEY = "%(key)s";

export default {
  async render({ model, el }) {
    const hint = setTimeout(() => {
      el.textContent = "Das Diagramm lädt noch. Erscheint es nicht, starten Sie den Kernel neu "
        + "und führen Sie alle Zellen erneut aus.";
    }, 10000);
    let library;
    try {
      library = await slot(KEY).module;
    } catch (error) {
      el.textContent = "Das Diagramm konnte nicht geladen werden: " + error;
      return;
    } finally {
      clearTimeout(hint);
    }
    el.textContent = "";
    return library.default.render({ model, el });
  },
};
"""


class ChartLibrary(anywidget.AnyWidget):
    """The offline chart library, sent to the browser once per kernel.

    Every ``alt.JupyterChart`` carries only a small script that waits for this library;
    this never displayed widget carries the gzip-compressed bundle (``bundle``, base64).
    The browser loads it as soon as the widget model exists – anywidget loads a model's
    script on creation, not on display – and shares it among all charts of the page.
    A notebook executed by papermill keeps the library once in its widget state, so it
    still shows its charts offline.
    """

    _esm = _LIBRARY_ESM
    key = traitlets.Unicode().tag(sync=True)
    bundle = traitlets.Unicode().tag(sync=True)


_library: ChartLibrary | None = None


def enable_offline_cached() -> ChartLibrary:
    """Offline charts: ``alt.JupyterChart`` gets a small waiting script, the kernel one :class:`ChartLibrary`.

    The bundle comes from the disk cache (:func:`offline_bundle`). Idempotent: a kernel
    opens one library; a closed one is opened again.

    >>> enable_offline_cached() is enable_offline_cached()
    True
    >>> len(alt.JupyterChart._esm) < 2_000
    True
    """
    global _library
    if _library is None or _library.comm is None:
        key = _bundle_key()
        packed = base64.b64encode(offline_bundle()).decode("ascii")
        # The same two attributes that JupyterChart.enable_offline() sets.
        alt.JupyterChart._esm, alt.JupyterChart._is_offline = _CHART_ESM % {"key": f"kundenkit-charts-{key}"}, True
        _library = ChartLibrary(key=f"kundenkit-charts-{key}", bundle=packed)
    return _library


def dataset_rows(frame) -> list[dict]:
    """A DataFrame as JSON-ready rows (plain Python values) for a chart's named dataset.

    Widgets that only swap data put these rows into ``JupyterChart.spec["datasets"]``.

    >>> import pandas as pd
    >>> dataset_rows(pd.DataFrame({"x": [1], "y": [0.5]}))
    [{'x': 1, 'y': 0.5}]
    """
    return [{key: (value.item() if hasattr(value, "item") else value) for key, value in row.items()}
            for row in frame.to_dict("records")]
