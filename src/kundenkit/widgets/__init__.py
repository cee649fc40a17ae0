"""ipywidgets of the lessons: controls wired to a model and a chart, no computation of their own.

One module per lesson; ``kk.widgets.<lesson>`` imports it on first use.
"""
from kundenkit._lazy import submodule_getattr
from kundenkit.widgets.transfer import TransferSaver, TransferSheet

__all__ = ["TransferSaver", "TransferSheet"]
__getattr__ = submodule_getattr(__name__)
