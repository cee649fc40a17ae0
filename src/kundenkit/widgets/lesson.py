"""What every lesson's explorer shares: its CSS classes and, on request, the transfer panel."""
from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from kundenkit.transfer import data_source
from kundenkit.widgets.transfer import TransferSaver


class LessonExplorer(widgets.VBox):
    """Base of each lesson's explorer widget.

    A subclass builds its controls, verdict and chart, then calls :meth:`_assemble`.
    With a ``save_path``, a :class:`TransferSaver` for the subclass's ``record()``
    is added below them; ``data``, what the explorer computes with (None for the
    learner's own entries only), tells the saved record where its figures come from.
    The CSS class ``kk-explorer`` and the lesson's own class let the browser tests
    and screenshots find the widget.
    """

    def _assemble(self, children: Iterable[widgets.Widget], css_class: str, save_path=None, data=None) -> None:
        children = list(children)
        if save_path is not None:
            self.saver = TransferSaver(save_path, self.record, data_source(data))
            children.append(self.saver)
        super().__init__(children)
        self.add_class("kk-explorer")
        self.add_class(css_class)

    def record(self) -> dict:
        """The learner's current settings and results as one flat record (for the transfer file)."""
        raise NotImplementedError
