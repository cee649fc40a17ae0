"""Pure models of the lessons: pandas in, pandas out; no charts, no widgets."""
from kundenkit.models import overview, warmth_competence

__all__ = ["overview", "warmth_competence"]
