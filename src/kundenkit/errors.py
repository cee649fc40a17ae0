"""The one error type of kundenkit: a German message that says what is wrong and how to fix it."""


class KundenkitError(ValueError):
    """A problem with the learner's input, explained in German.

    The message names the file, line, column or parameter and says how to fix it.

    >>> raise KundenkitError("Der Parameter 'n_kunden' muss positiv sein.")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'n_kunden' muss positiv sein.
    """
