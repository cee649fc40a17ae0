"""Pure models of the lessons: pandas in, pandas out; no charts, no widgets.

One module per lesson; ``kk.models.<lesson>`` imports it on first use.
"""
from kundenkit._lazy import submodule_getattr

__getattr__ = submodule_getattr(__name__)
