"""Lazy access to the lesson modules of a package: ``kk.models.trust`` imports ``kundenkit.models.trust``."""
from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec


def submodule_getattr(package: str):
    """A module-level ``__getattr__`` for ``package`` that imports its submodules on first access.

    >>> getattr_ = submodule_getattr("kundenkit.models")
    >>> getattr_("warmth_competence").__name__
    'kundenkit.models.warmth_competence'
    >>> getattr_("nothing_here")
    Traceback (most recent call last):
    ...
    AttributeError: module 'kundenkit.models' has no attribute 'nothing_here'
    """
    def __getattr__(name: str):
        if not name.startswith("_") and find_spec(f"{package}.{name}") is not None:
            return import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return __getattr__
