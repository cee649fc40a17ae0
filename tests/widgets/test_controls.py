"""German controls: the number field reads German input or refuses it; sliders show German readouts."""
import ipywidgets as widgets
import pytest

from kundenkit.errors import KundenkitError
from kundenkit.widgets.controls import GermanIntegerField, GermanNumberField, GermanSlider


class Changes:
    """Records the ``value`` changes a lesson's observer would see."""

    def __init__(self, field):
        self.seen = []
        field.observe(lambda change: self.seen.append(change["new"]), names="value")


@pytest.mark.parametrize(("typed", "value", "shown"), [
    ("1500,5", 1500.5, "1.500,50"),
    ("1.500,50", 1500.5, "1.500,50"),
    ("1 500", 1500.0, "1.500,00"),
    ("1.500 €", 1500.0, "1.500,00"),
    ("CHF 1'500.50", 1500.5, "1.500,50"),
    ("-1.234", -1234.0, "-1.234,00"),
    ("−5", -5.0, "-5,00"),
    ("1.234,5-", -1234.5, "-1.234,50"),
    ("0,125", 0.125, "0,125"),
])
def test_good_input_sets_the_value_and_is_shown_the_german_way(typed, value, shown):
    field = GermanNumberField(1000.0, description="Umsatz (€)")
    changes = Changes(field)
    field.text.value = typed
    assert field.value == value and changes.seen == [value]
    assert field.text.value == shown
    assert field.error == "" and field.message.layout.display == "none"


@pytest.mark.parametrize(("typed", "message"), [
    ("1.5", "„1.5“ ist nicht eindeutig. Meinen Sie 1,5? Schreiben Sie das Komma als Dezimalzeichen."),
    ("abc", "„abc“ ist keine Zahl"),
    ("", "Bitte geben Sie eine Zahl ein"),
    ("12 %", "Hier ist kein Prozentwert gefragt"),
    ("-5", "„-5“ ist zu klein. Der kleinste erlaubte Wert ist 0."),
    ("2.000.000", "„2.000.000“ ist zu groß. Der größte erlaubte Wert ist 1.000.000."),
])
def test_refused_input_keeps_the_old_value_and_says_why_next_to_the_field(typed, message):
    field = GermanNumberField(1000.0, min=0, max=1_000_000)
    changes = Changes(field)
    field.text.value = typed
    assert field.value == 1000.0 and changes.seen == []
    assert message in field.error
    assert field.message.layout.display != "none"
    assert message.replace("„", "").split("“")[0] in field.message.value.replace("„", "")
    assert "Es gilt weiter: 1.000,00." in field.message.value
    field.text.value = "2.500"                 # corrected: the message goes, the value is used
    assert field.value == 2500.0 and changes.seen == [2500.0]
    assert field.error == "" and field.message.layout.display == "none" and field.text.value == "2.500,00"


def test_the_same_number_typed_differently_is_shown_again_without_a_change():
    field = GermanNumberField(1500.0)
    changes = Changes(field)
    field.text.value = "1500"
    assert changes.seen == [] and field.text.value == "1.500,00"


def test_message_is_html_escaped():
    field = GermanNumberField(1.0)
    field.text.value = "<b>1"
    assert "<b>1" not in field.message.value and "&lt;b&gt;1" in field.message.value


def test_value_set_in_code_is_shown_and_checked_against_the_bounds():
    field = GermanNumberField(10.0, min=0, max=100, description="Kosten")
    field.value = 42.5
    assert field.text.value == "42,50"
    with pytest.raises(KundenkitError, match="Kosten: 120,00 ist zu groß. Der größte erlaubte Wert ist 100,00."):
        field.value = 120
    assert field.value == 42.5


def test_a_refused_value_then_a_value_set_in_code_clears_the_message():
    field = GermanNumberField(10.0)
    field.text.value = "1.5"
    assert field.error
    field.value = 3
    assert field.error == "" and field.text.value == "3,00"


def test_percent_field_holds_the_share():
    field = GermanNumberField(0.1, kind="percent", min=0, max=1, decimals=0)
    assert field.text.value == "10 %"
    field.text.value = "12,5"
    assert field.value == 0.125 and field.text.value == "12,5 %"
    field.text.value = "12,5 €"
    assert field.value == 0.125 and "Prozentwert gefragt" in field.error
    field.text.value = "150 %"
    assert field.value == 0.125 and "größte erlaubte Wert ist 100 %" in field.error


def test_integer_field_takes_whole_numbers_only():
    field = GermanIntegerField(1000, min=1, max=10**9)
    field.text.value = "2.500"
    assert field.value == 2500 and isinstance(field.value, int) and field.text.value == "2.500"
    field.text.value = "1,500"
    assert field.value == 2500 and "Für Tausend schreiben Sie 1.500." in field.error
    field.text.value = "0"
    assert field.value == 2500 and "kleinste erlaubte Wert ist 1" in field.error


def test_text_box_reads_on_enter_or_blur_only():
    assert GermanNumberField().text.continuous_update is False


@pytest.mark.parametrize(("slider", "options", "new", "readouts"), [
    (widgets.FloatSlider(value=0.5, min=0, max=1, step=0.05), {}, 0.75, ("0,50", "0,75")),
    (widgets.FloatSlider(value=0.6, min=0, max=1, step=0.05), {"percent": True}, 0.75, ("60 %", "75 %")),
    (widgets.FloatSlider(value=0.6, min=0, max=1, step=0.001), {"percent": True, "decimals": 1}, 0.125,
     ("60,0 %", "12,5 %")),
    (widgets.FloatSlider(value=3.5, min=1, max=10, step=0.5), {"decimals": 1}, 10, ("3,5", "10,0")),
    (widgets.IntSlider(value=1500, min=0, max=5000), {}, 2, ("1.500", "2")),
    (widgets.IntSlider(value=5, min=0, max=20), {"suffix": " %"}, 12, ("5 %", "12 %")),
])
def test_slider_readout_is_german_and_follows_the_slider(slider, options, new, readouts):
    pair = GermanSlider(slider, **options)
    assert slider.readout is False and pair.readout.value == readouts[0]
    slider.value = new
    assert pair.readout.value == readouts[1]


def test_slider_keeps_its_classes_and_its_total_width():
    slider = widgets.FloatSlider(layout={"width": "415px"}).add_class("kk-main-control")
    pair = GermanSlider(slider)
    assert "kk-main-control" in slider._dom_classes and "kk-slider" in pair._dom_classes
    assert "kk-readout" in pair.readout._dom_classes
    assert int(slider.layout.width[:-2]) + int(pair.readout.layout.width[:-2]) == 415
