"""ipywidgets of the lessons: controls wired to a model and a chart, no computation of their own.

One module per lesson; ``kk.widgets.<lesson>`` imports it on first use. The German
controls (:mod:`kundenkit.widgets.controls`) are shared by all lessons.
"""
from kundenkit._lazy import submodule_getattr
from kundenkit.widgets.controls import GermanIntegerField, GermanNumberField, GermanSlider
from kundenkit.widgets.transfer import ActionPlan, TransferSaver, TransferSheet
from kundenkit.widgets.workspace import ResetPanel

__all__ = ["ActionPlan", "GermanIntegerField", "GermanNumberField", "GermanSlider", "ResetPanel", "TransferSaver",
           "TransferSheet"]
__getattr__ = submodule_getattr(__name__)
