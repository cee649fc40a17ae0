"""Exercises: the catalogue of answers, instant self-checks, and the builder of learner versions."""
from kundenkit.exercises.catalog import EXERCISES, Exercise
from kundenkit.exercises.checks import CheckResult, check_answer

__all__ = ["EXERCISES", "CheckResult", "Exercise", "check_answer"]
