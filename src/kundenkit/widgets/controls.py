"""Controls that speak German: a number field that reads German input and sliders with German readouts.

ipywidgets' own number fields read ``1500,5`` as 15005 and their slider
readouts use d3-format without a locale (``0.50``). :class:`GermanNumberField`
parses what the learner types with :func:`kundenkit.data.german_numbers.parse_number`
and refuses what is unclear; :class:`GermanSlider` hides a slider's readout and
shows a German one next to it.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import traitlets

from kundenkit.data.german_numbers import format_number, parse_number
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent

FIT = {"width": "auto"}  # a button as wide as its German label

READOUT_WIDTH = 64  # px; about what ipywidgets' own readout takes
# Sliders with long German labels (the course's assumptions): the label column and the whole slider.
WIDE_LABEL = {"description_width": "300px"}
WIDE_SLIDER = {"width": "600px"}


def assumption_slider(value: float, high: float, step: float, description: str) -> widgets.FloatSlider:
    """A slider from 0 to ``high`` for one of the course's assumptions, starting at ``value`` (at most ``high``).

    >>> s = assumption_slider(1.4, 1, 0.05, "Anteil, der geht")
    >>> s.value, s.max, s.continuous_update
    (1.0, 1.0, False)
    """
    return widgets.FloatSlider(value=min(value, high), min=0, max=high, step=step, continuous_update=False,
                               description=description, style=WIDE_LABEL, layout=WIDE_SLIDER)


class GermanNumberField(widgets.VBox):
    """A text field for one number, typed the German way; ``value`` holds the number.

    The field reads its text when the learner presses Enter or leaves it
    (``1500,5``, ``1.500,50``, ``1 500``, ``1.500 €``, ``CHF 1'500.50``, for
    percentages ``12,5 %``), shows the number back in German format
    (``1.500,50``) and sets ``value``. Unclear or invalid input and values
    outside ``min``/``max`` are refused: a short German message appears below
    the field and ``value`` keeps its old number. Observe ``value`` as with
    ipywidgets' ``FloatText``.

    Parameters
    ----------
    value : float
        The starting number (for ``kind="percent"`` the share, 0.125 for 12,5 %).
    min, max : float, optional
        Bounds of ``value``.
    kind : {"number", "integer", "percent"}
        See :func:`kundenkit.data.german_numbers.parse_number`.
    decimals : int
        Decimals shown at least (more if the value has them).
    description, tooltip, placeholder, style, layout
        Passed to the ``Text`` widget.

    Attributes
    ----------
    text : ipywidgets.Text
        The input box (``continuous_update=False``).
    message : ipywidgets.HTML
        The German message after refused input; empty otherwise.

    Examples
    --------
    >>> field = GermanNumberField(1000, min=0, description="Umsatz (€)")
    >>> field.text.value = "1500,5"
    >>> field.value, field.text.value, field.message.value
    (1500.5, '1.500,50', '')
    >>> field.text.value = "1.5"
    >>> field.value, field.error
    (1500.5, '„1.5“ ist nicht eindeutig. Meinen Sie 1,5? Schreiben Sie das Komma als Dezimalzeichen.')
    """

    value = traitlets.Float()
    min = traitlets.Float(None, allow_none=True)
    max = traitlets.Float(None, allow_none=True)
    error = traitlets.Unicode("")

    def __init__(self, value: float = 0.0, *, min: float | None = None, max: float | None = None,
                 kind: str = "number", decimals: int = 2, description: str = "", tooltip: str | None = None,
                 placeholder: str = "", style=None, layout=None):
        self.kind, self.decimals = kind, (0 if kind == "integer" else decimals)
        self.text = widgets.Text(description=description, tooltip=tooltip, placeholder=placeholder,
                                 continuous_update=False, style=style or {}, layout=layout or {})
        self.text.add_class("kk-number-input")
        width = self.text.layout.width   # the message wraps below the field, no wider than it
        self.message = widgets.HTML(layout={"display": "none", "max_width": width}).add_class("kk-field-message")
        super().__init__([self.text, self.message])
        self.add_class("kk-number-field")
        self.min, self.max = min, max
        self.value = value
        self._show(self.value)
        self.text.observe(self._on_text, names="value")

    @property
    def description(self) -> str:
        return self.text.description

    def shown(self, value: float | None = None) -> str:
        """``value`` (default: the current one) as the field writes it."""
        return format_number(self.value if value is None else value, self.kind, self.decimals)

    @traitlets.validate("value")
    def _check_value(self, proposal):
        value = proposal["value"]
        too_low = self.min is not None and value < self.min
        too_high = self.max is not None and value > self.max
        if too_low or too_high:
            bound = self.min if too_low else self.max
            raise KundenkitError(
                f"{self.description or 'Der Wert'}: {self.shown(value)} ist zu {'klein' if too_low else 'groß'}. "
                f"Der {'kleinste' if too_low else 'größte'} erlaubte Wert ist {self.shown(bound)}.")
        return value

    @traitlets.observe("value")
    def _on_value(self, change) -> None:
        self._show(change["new"])

    def _show(self, value: float) -> None:
        """Write ``value`` into the box and clear the message."""
        self.error = ""
        self.message.value, self.message.layout.display = "", "none"
        self.text.value = self.shown(value)

    def _on_text(self, change) -> None:
        typed = change["new"]
        if typed == self.shown():
            self._show(self.value)      # our own writing, or the learner typed the same number
            return
        try:
            number = parse_number(typed, kind=self.kind, minimum=self.min, maximum=self.max)
        except KundenkitError as problem:
            self.error = str(problem)
            self.message.value = (f"<span style='color:#b2182b'>{html.escape(self.error)} "
                                  f"Es gilt weiter: {html.escape(self.shown())}.</span>")
            self.message.layout.display = ""
            return
        if number == self.value:
            self._show(number)          # same number, written differently: show it the German way
        else:
            self.value = number         # _on_value shows it


class GermanIntegerField(GermanNumberField):
    """:class:`GermanNumberField` for whole numbers (counts): ``value`` is an ``int``.

    >>> field = GermanIntegerField(1000, min=1, description="Kunden")
    >>> field.text.value = "2.500"
    >>> field.value, field.text.value
    (2500, '2.500')
    >>> field.text.value = "2,5"
    >>> field.value, "keine ganze Zahl" in field.error
    (2500, True)
    """

    value = traitlets.Int()

    def __init__(self, value: int = 0, **kwargs):
        super().__init__(value, kind="integer", **kwargs)


class GermanSlider(widgets.HBox):
    """A slider whose readout is German: ``0,50``, ``12 %``, ``1.000``.

    The slider itself stays the control (observe its ``value``); its own
    readout is switched off and a German one (CSS class ``kk-readout``) follows
    it on every change. A slider width given in px is reduced by the readout's
    width, so that the pair is as wide as the slider was.

    Parameters
    ----------
    slider : ipywidgets.FloatSlider or IntSlider
        The slider; it keeps its CSS classes (e.g. ``kk-main-control``).
    decimals : int, optional
        Decimals of the readout; default 0 for an ``IntSlider`` and for percentages, else 2.
    percent : bool
        Show the value (a share) in percent: ``0.125`` → ``12,5 %`` (with ``decimals=1``).
    suffix : str
        Text after the number, e.g. ``" %"`` for a slider in percent points or ``" €"``.

    Examples
    --------
    >>> pair = GermanSlider(widgets.FloatSlider(value=0.5, min=0, max=1, step=0.05), decimals=2)
    >>> pair.readout.value
    '0,50'
    >>> pair.slider.value = 0.75
    >>> pair.readout.value, pair.slider.readout
    ('0,75', False)
    >>> GermanSlider(widgets.FloatSlider(value=0.6, max=1), percent=True).readout.value
    '60 %'
    >>> GermanSlider(widgets.IntSlider(value=1500, max=5000)).readout.value
    '1.500'
    """

    def __init__(self, slider: widgets.FloatSlider | widgets.IntSlider, *,
                 decimals: int | None = None, percent: bool = False, suffix: str = ""):
        self.slider = slider
        if decimals is None:
            decimals = 0 if percent or isinstance(slider, widgets.IntSlider) else 2
        self.decimals = decimals
        self.percent, self.suffix = percent, suffix
        slider.readout = False
        width = str(slider.layout.width or "")
        if width.endswith("px") and width[:-2].isdigit():
            slider.layout.width = f"{int(width[:-2]) - READOUT_WIDTH}px"
        self.readout = widgets.HTML(layout={"width": f"{READOUT_WIDTH}px", "margin": "0 0 0 4px"})
        self.readout.add_class("kk-readout")
        super().__init__([slider, self.readout], layout={"align_items": "center"})
        self.add_class("kk-slider")
        self._show()
        slider.observe(self._show, names="value")

    def text(self, value: float | None = None) -> str:
        """``value`` (default: the slider's) as the readout writes it."""
        value = self.slider.value if value is None else value
        if self.percent:
            return de_percent(value, self.decimals)
        return de_number(value, self.decimals) + self.suffix

    def _show(self, _change=None) -> None:
        self.readout.value = self.text()
