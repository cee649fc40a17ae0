"""One place for Altair's set-up: offline rendering, German number format, shared look."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import altair as alt
import platformdirs

# d3-format / d3-time-format locales for German, given inline so that nothing is fetched.
FORMAT_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " €"]}
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

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#009E73", "#E69F00", "#56B4E9", "#D55E00", "#0072B2", "#CC79A7", "#F0E442", "#000000")


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
    charts show in JupyterLab without internet access.
    """
    alt.theme.register("kundenkit", enable=True)(_theme)
    enable_offline_cached()
    if alt.renderers.active != "jupyter":
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)


def offline_bundle_path() -> Path:
    """Where the offline JavaScript bundle of this Altair and vl-convert version is cached.

    The file name carries a hash of both versions and of Altair's widget source, so an
    upgrade never picks up a stale bundle. ``KUNDENKIT_CACHE`` overrides the folder.
    """
    import vl_convert as vlc
    from altair.jupyter.jupyter_chart import load_js_src

    key = hashlib.sha256(f"{alt.__version__}|{vlc.__version__}|{load_js_src()}".encode()).hexdigest()[:16]
    folder = os.environ.get("KUNDENKIT_CACHE") or platformdirs.user_cache_dir("kundenkit", appauthor=False)
    return Path(folder) / f"jupyterchart-offline-{key}.js"


def enable_offline_cached() -> None:
    """``alt.JupyterChart.enable_offline()``, with its bundle cached on disk.

    vl-convert builds the same JavaScript bundle (about 1.3 s) in every new kernel.
    The first kernel stores it; later kernels read it. Without a writable cache
    folder, every kernel builds it again – slower, but still offline.
    """
    chart = alt.JupyterChart
    if getattr(chart, "_is_offline", False):
        return
    path = offline_bundle_path()
    try:
        bundle = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        bundle = ""
    if bundle:
        # The same two attributes that JupyterChart.enable_offline() sets.
        chart._esm, chart._is_offline = bundle, True
        return
    chart.enable_offline(True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(chart._esm, encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass


def dataset_rows(frame) -> list[dict]:
    """A DataFrame as JSON-ready rows (plain Python values) for a chart's named dataset.

    Widgets that only swap data put these rows into ``JupyterChart.spec["datasets"]``.

    >>> import pandas as pd
    >>> dataset_rows(pd.DataFrame({"x": [1], "y": [0.5]}))
    [{'x': 1, 'y': 0.5}]
    """
    return [{key: (value.item() if hasattr(value, "item") else value) for key, value in row.items()}
            for row in frame.to_dict("records")]
