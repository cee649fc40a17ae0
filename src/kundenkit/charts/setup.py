"""One place for Altair's set-up: offline rendering, German number format, shared look."""
from __future__ import annotations

import altair as alt

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
    if alt.renderers.active != "jupyter":
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
    alt.JupyterChart.enable_offline(True)
