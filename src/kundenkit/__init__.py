"""kundenkit – models, charts and widgets of the course "Die Kunst der Kundenbeziehung".

Imported as ``import kundenkit as kk``. The import stays cheap: Altair and
ipywidgets are loaded only when a chart or widget is first used.

>>> import kundenkit as kk
>>> "Bank" in kk.BRANCHEN
True
>>> kk.wert(0.125, "share:1"), kk.wert(-1234.5, "money")
('12,5 %', '−1.235 €')
"""
import sys
from importlib import import_module

# Altair imports jsonschema, and jsonschema eagerly imports its optional checker of the "iri"
# format, rfc3987_syntax, which compiles some 35 grammars on import (about 1.5 s in every
# kernel). No schema the course validates uses that format, so the optional checker is
# skipped; jsonschema handles the missing module as it is designed to. This has no effect
# if jsonschema was imported before kundenkit.
# A None entry in sys.modules makes the import raise ImportError; typeshed allows only modules there.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from kundenkit.course import CourseParameters, load_course_data, validate_parameters
from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.data.synthetic import BRANCHEN, CustomerBase, generate_customers
from kundenkit.errors import KundenkitError

__version__ = "0.1.0"

# Sub-packages that import Altair or ipywidgets are loaded on first access.
_LAZY_SUBMODULES = {"charts", "widgets", "models", "exercises", "display"}
_LAZY_ATTRIBUTES = {
    "check_answer": "kundenkit.exercises.checks",
    "next_best_action": "kundenkit.models.next_best_action",
    "rfm_summary": "kundenkit.models.customer_value",
    "save_transfer": "kundenkit.transfer",
}
# What learners call in the notebooks, under German names: kk.tabelle(...), kk.wert(...), kk.aufgabe(...).
_LAZY_ALIASES = {
    "tabelle": ("kundenkit.display", "table"),
    "wert": ("kundenkit.display", "format_value"),
    "aufgabe": ("kundenkit.widgets.answer_field", "task"),
    "aufgaben_vorbereiten": ("kundenkit.widgets.answer_field", "prepare_tasks"),
}

__all__ = [
    "BRANCHEN",
    "CourseParameters",
    "CustomerBase",
    "KundenkitError",
    "aufgabe",
    "aufgaben_vorbereiten",
    "check_answer",
    "generate_customers",
    "load_course_data",
    "next_best_action",
    "read_csv",
    "rfm_summary",
    "save_transfer",
    "tabelle",
    "validate_parameters",
    "wert",
    "write_csv",
]


def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        return import_module(f"kundenkit.{name}")
    if name in _LAZY_ATTRIBUTES:
        return getattr(import_module(_LAZY_ATTRIBUTES[name]), name)
    if name in _LAZY_ALIASES:
        module, attribute = _LAZY_ALIASES[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'kundenkit' has no attribute {name!r}")
