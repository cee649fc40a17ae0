"""ipywidgets of the lessons: controls wired to a model and a chart, no computation of their own."""
from kundenkit.widgets import overview, warmth_competence
from kundenkit.widgets.transfer import TransferSaver

__all__ = ["TransferSaver", "overview", "warmth_competence"]
