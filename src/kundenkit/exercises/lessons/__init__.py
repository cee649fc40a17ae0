"""The exercises of each lesson, one module per lesson (named like the lesson's model).

Each module defines ``EXERCISES``, a list of :class:`~kundenkit.exercises.exercise.Exercise`.
The catalogue collects every module of this package.
"""
