"""Lesson 1.3 widget: the dropdown and the slider change the result, the verdict and the chart."""
import html

import pandas as pd
import pytest

import kundenkit as kk
from kundenkit.widgets.association_rules import AssociationRulesExplorer, RuleCalculator, explorer


@pytest.fixture(scope="module")
def sales():
    return kk.load_course_data(n_kunden=600).transaktionen


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector(branche):
    sales = kk.load_course_data(branche=branche, n_kunden=400).transaktionen
    widget = explorer(sales)
    assert isinstance(widget, AssociationRulesExplorer)
    assert {"kk-explorer", "kk-association-rules"} <= set(widget._dom_classes)
    assert "kk-main-control" in widget.slider._dom_classes
    assert widget.dropdown.value in widget.dropdown.options
    assert (widget.result["wenn"] == widget.dropdown.value).all()
    assert "kauft" in widget.verdict.value or "keine Regel" in widget.verdict.value


def test_slider_filters_and_moves_the_threshold(sales):
    widget = AssociationRulesExplorer(sales, min_support=0.0)
    before, verdict = len(widget.result), widget.verdict.value
    best = widget.best
    for _ in range(3):
        widget.slider.value += 1
    assert widget.chart.params.min_support == pytest.approx(0.03)
    assert widget.verdict.value != verdict and "Mindest-Support 3 %" in widget.verdict.value
    assert (widget.result["support"] >= 0.03).all() and len(widget.result) <= before
    # The best rule vanishes once the minimum support passes its support.
    widget.slider.value = int(best["support"] * 100) + 1
    assert best["dann"] not in set(widget.result["dann"])


def test_dropdown_switches_the_product(sales):
    widget = AssociationRulesExplorer(sales)
    other = next(p for p in widget.dropdown.options if p != widget.dropdown.value)
    widget.dropdown.value = other
    assert (widget.result["wenn"] == other).all()
    assert widget.chart.params.produkt == other
    assert f"<b>{other}</b>" in widget.verdict.value


def test_chart_holds_all_rules_once(sales):
    widget = AssociationRulesExplorer(sales)
    spec_text = str(widget.chart.spec)
    for product in widget.dropdown.options:
        assert product in spec_text
    assert len(widget.rules) < 5000


def test_unknown_product_gets_a_german_error(sales):
    with pytest.raises(kk.KundenkitError, match="Das Produkt 'Bier'"):
        AssociationRulesExplorer(sales, product="Bier")


def test_record_of_the_explorer_is_flat(sales):
    widget = AssociationRulesExplorer(sales)
    record = widget.record()
    assert record["produkt"] == widget.dropdown.value and record["empfehlung"] == widget.best["dann"]
    assert all(not isinstance(v, (dict, list)) for v in record.values())


def test_calculator_recomputes_and_keeps_counts_consistent():
    widget = explorer()
    assert isinstance(widget, RuleCalculator)
    assert "kk-main-control" in widget.slider._dom_classes
    lift, verdict = widget.result["lift"].iloc[0], widget.verdict.value
    for _ in range(3):
        widget.slider.value += 1
    assert widget.result["lift"].iloc[0] > lift and widget.verdict.value != verdict
    widget.mit_a.value = 50
    assert widget.slider.max == 50 and widget.slider.value <= 50
    widget.kunden.value = 320                   # 50 with A and 300 with B: at least 30 have both
    assert widget.slider.min == 30 and widget.slider.value >= 30
    assert "Lift" in widget.verdict.value


def test_transfer_saves_the_calculator(tmp_path):
    path = tmp_path / "meine_arbeit" / "1_3.csv"
    widget = explorer(save_path=path)
    widget.wenn.value, widget.dann.value = "Kaffeemaschine", "Entkalker"
    widget.saver.company.value = "Muster AG"
    assert widget.saver.save("neu") == path
    table = kk.read_csv(path)
    assert table["produkt_a"].iloc[0] == "Kaffeemaschine" and table["kunden"].iloc[0] == 1000
    assert table["lift"].iloc[0] == pytest.approx(widget.result["lift"].iloc[0], abs=1e-3)


def test_explorer_with_save_path_has_a_saver(sales, tmp_path):
    widget = AssociationRulesExplorer(sales, save_path=tmp_path / "x.csv")
    assert widget.saver in widget.children


def test_calculator_counts_are_typed_the_german_way():
    widget = explorer()
    widget.kunden.text.value = "2.000"
    assert widget.kunden.value == 2000 and widget.kunden.text.value == "2.000"
    assert widget.record()["kunden"] == 2000
    widget.mit_a.text.value = "1,5"
    assert widget.mit_a.value == 200 and "keine ganze Zahl" in widget.mit_a.error


@pytest.mark.parametrize("a, b", [("Bekleidung", "Geschenkgutschein"), ("Girokonto", "Kreditkarte"),
                                  ("Wartungsvertrag", "Ersatzteile"), ("Produkt <A>", "B & C")])
def test_generated_sentence_is_grammatical_for_any_product_name(a, b):
    """No article is needed: the names stand in quotes after "mit"; no "Wer Bekleidung kauft, kauft …"."""
    from kundenkit.widgets.association_rules import sentence

    rule = pd.Series({"wenn": a, "dann": b, "konfidenz": 0.51, "support_dann": 0.34, "lift": 1.5})
    text = sentence(rule)
    plain = text.replace("<b>", "").replace("</b>", "")
    assert "Wer " not in text and ", kauft" not in text
    expected_a, expected_b = (html.escape(name) for name in (a, b))
    assert plain.startswith(f"Von den Kunden mit „{expected_a}“ haben 51 % auch „{expected_b}“ gekauft, "
                            "von allen Kunden 34 %")
    assert "Lift der Regel 1,5" in plain
    baskets = sentence(rule, "Warenkörbe").replace("<b>", "").replace("</b>", "")
    assert baskets.startswith(f"Von den Warenkörben mit „{expected_a}“ enthalten 51 % auch „{expected_b}“")
    weak = sentence(rule.copy().replace(1.5, 0.9)).replace("<b>", "").replace("</b>", "")
    assert "Lift der Regel 0,90 – nicht häufiger als bei allen" in weak


def test_lift_is_named_the_rules_lift_in_widget_and_chart():
    """Lesson 1.4 has another lift (im obersten Zehntel): 1.3 always says which one it means."""
    widget = explorer()
    assert "Lift der Regel" in widget.verdict.value
    spec = str(widget.chart.spec)
    assert "Lift der Regel" in spec and "'Lift'" not in spec
    from kundenkit.charts.association_rules import explorer_chart as rules_chart
    from kundenkit.models import association_rules as ar

    sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3"],
                          "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein"]})
    spec = str(rules_chart(ar.association_rules(ar.basket_matrix(sales)), product="Brot").to_dict())
    assert "Lift der Regel" in spec and "'Lift'" not in spec and "Wer kauft" not in spec


def test_calculator_refuses_counts_that_do_not_fit_instead_of_changing_them():
    calculator = kk.widgets.association_rules.explorer()
    calculator.mit_b.text.value = "1.500"                      # more than all 1.000 customers
    assert calculator.mit_b.value == 300 and "größte erlaubte Wert ist 1.000" in calculator.mit_b.message.value
    calculator.kunden.text.value = "150"                       # fewer than the 300 with B
    assert calculator.kunden.value == 1000 and "kleinste erlaubte Wert ist 300" in calculator.kunden.message.value
    calculator.kunden.text.value = "2.000"
    calculator.mit_b.text.value = "1500"
    assert (calculator.kunden.value, calculator.mit_b.value) == (2000, 1500)
