"""Widget of the introduction: pick a sector, see how its customer base looks."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets

from kundenkit.charts.overview import sector_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import BRANCHEN, generate_customers
from kundenkit.formatting import de_number
from kundenkit.models.overview import contacts_by_channel, revenue_by_category


class SectorOverview(widgets.VBox):
    """A dropdown of sectors; on change it generates that sector's data and redraws two bar charts.

    ``result`` holds the current ``(revenue, channels)`` tables.
    """

    def __init__(self, *, seed: int = 42, n_customers: int = 2000, branche: str = BRANCHEN[0]):
        self.seed, self.n_customers = seed, n_customers
        self.dropdown = widgets.Dropdown(options=BRANCHEN, value=branche, description="Branche")
        self.summary = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        self.dropdown.observe(self._on_change, names="value")
        super().__init__([self.dropdown, self.summary, self.chart])

    def _compute(self):
        base = generate_customers(seed=self.seed, n_customers=self.n_customers, branche=self.dropdown.value)
        revenue, channels = revenue_by_category(base), contacts_by_channel(base)
        self.summary.value = (
            f"{de_number(len(base.kunden), 0)} Kunden · {de_number(len(base.transaktionen), 0)} Käufe · "
            f"Umsatz {de_number(revenue['umsatz'].sum(), 0)} € · {de_number(len(base.kontakte), 0)} Kontakte"
        )
        return revenue, channels

    def _draw(self):
        return sector_chart(*self.result, title=f"Beispieldaten: {self.dropdown.value}")

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self.chart.chart = self._draw()


def sector_overview(**kwargs) -> SectorOverview:
    """The introduction's widget (see :class:`SectorOverview`)."""
    return SectorOverview(**kwargs)
