"""Widget of the introduction: pick a sector, see how its customer base looks."""
from __future__ import annotations

import altair as alt
import ipywidgets as widgets

from kundenkit.charts.overview import sector_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.data.synthetic import BRANCHEN, generate_customers
from kundenkit.formatting import de_number
from kundenkit.models.overview import contacts_by_channel, revenue_by_category

# The overview shows the shape of a sector; a sample of this size shows it as well as the full
# data and keeps a change of sector well within a tenth of a second.
MAX_CUSTOMERS = 5000


class SectorOverview(widgets.VBox):
    """A dropdown of sectors; on change it shows that sector's data as two bar charts.

    Each sector's tables are computed once, from at most :data:`MAX_CUSTOMERS`
    customers. ``result`` holds the current ``(revenue, channels)`` tables.
    """

    def __init__(self, *, seed: int = 42, n_customers: int = 2000, branche: str = BRANCHEN[0]):
        self.seed, self.n_customers = seed, min(n_customers, MAX_CUSTOMERS)
        self._cache: dict[str, tuple] = {}
        self.dropdown = widgets.Dropdown(options=BRANCHEN, value=branche, description="Branche")
        self.summary = widgets.HTML()
        self.result = self._compute()
        self.chart = alt.JupyterChart(self._draw(), embed_options=EMBED_OPTIONS)
        self.dropdown.observe(self._on_change, names="value")
        super().__init__([self.dropdown, self.summary, self.chart])

    def _compute(self):
        branche = self.dropdown.value
        if branche not in self._cache:
            base = generate_customers(seed=self.seed, n_customers=self.n_customers, branche=branche)
            revenue, channels = revenue_by_category(base), contacts_by_channel(base)
            summary = (f"{de_number(len(base.kunden), 0)} Kunden · {de_number(len(base.transaktionen), 0)} Käufe · "
                       f"Umsatz {de_number(revenue['umsatz'].sum(), 0)} € · "
                       f"{de_number(len(base.kontakte), 0)} Kontakte")
            self._cache[branche] = (revenue, channels, summary)
        revenue, channels, self.summary.value = self._cache[branche]
        return revenue, channels

    def _draw(self):
        return sector_chart(*self.result, title=f"Beispieldaten: {self.dropdown.value}")

    def _on_change(self, _change=None) -> None:
        self.result = self._compute()
        self.chart.chart = self._draw()


def sector_overview(**kwargs) -> SectorOverview:
    """The introduction's widget (see :class:`SectorOverview`)."""
    return SectorOverview(**kwargs)
