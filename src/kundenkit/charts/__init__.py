"""Altair charts of the lessons: DataFrame in, ``alt.Chart`` out.

Importing this package sets up Altair once for the whole course: charts render
offline (the JavaScript comes from vl-convert, not from a CDN), numbers are
formatted the German way, and the look is shared by every lesson.
"""
from kundenkit.charts.setup import setup_altair

setup_altair()

from kundenkit.charts import overview, warmth_competence  # noqa: E402  (after the set-up on purpose)

__all__ = ["overview", "setup_altair", "warmth_competence"]
