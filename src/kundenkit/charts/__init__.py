"""Altair charts of the lessons: DataFrame in, ``alt.Chart`` out.

Importing this package sets up Altair once for the whole course: charts render
offline (the JavaScript comes from vl-convert, not from a CDN), numbers are
formatted the German way, and the look is shared by every lesson.
One module per lesson; ``kk.charts.<lesson>`` imports it on first use.
"""
from kundenkit._lazy import submodule_getattr
from kundenkit.charts.setup import setup_altair

setup_altair()

__getattr__ = submodule_getattr(__name__)
