"""Widget of lesson 1.3: pick a product and a minimum support → the products that go with it.

With transactions, :class:`AssociationRulesExplorer` computes all rules once;
the dropdown and the slider then only filter them and move the chart's
parameters. Without transactions, :class:`RuleCalculator` takes four counts of
the learner's own company and shows support, confidence and lift of one rule.
"""
from __future__ import annotations

import html
import math

import altair as alt
import ipywidgets as widgets
import pandas as pd

from kundenkit.charts.association_rules import explorer_chart, lift_chart
from kundenkit.charts.setup import EMBED_OPTIONS
from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import association_rules as model
from kundenkit.widgets.controls import GermanIntegerField, GermanSlider
from kundenkit.widgets.lesson import LessonExplorer

# Default counts of the calculator: an assumption of the course, to be replaced by the learner's numbers.
DEFAULT_COUNTS = {"kunden": 1000, "mit_a": 200, "mit_b": 300, "mit_beiden": 90}


def _name(product) -> str:
    """A product name in German quotes: grammatical whatever the name (no article needed)."""
    return f"„<b>{html.escape(str(product))}</b>“"


def sentence(rule: pd.Series, unit: str = "Kunden") -> str:
    """The rule A → B in one German sentence that works for any product name.

    >>> rule = pd.Series({"wenn": "Bekleidung", "dann": "Geschenkgutschein", "konfidenz": 0.51,
    ...                   "support_dann": 0.34, "lift": 1.5})
    >>> print(sentence(rule).replace("<b>", "").replace("</b>", ""))
    Von den Kunden mit „Bekleidung“ haben 51 % auch „Geschenkgutschein“ gekauft, von allen Kunden 34 %: Lift der Regel
        1,5 – 1,5-mal so häufig wie bei allen.
    >>> print(sentence(rule, "Warenkörbe").replace("<b>", "").replace("</b>", "").split(":")[0])
    Von den Warenkörben mit „Bekleidung“ enthalten 51 % auch „Geschenkgutschein“, von allen Warenkörben 34 %
    """
    a, b = _name(rule["wenn"]), _name(rule["dann"])
    confidence, overall = de_percent(rule["konfidenz"]), de_percent(rule["support_dann"])
    if unit == "Warenkörbe":
        facts = f"Von den Warenkörben mit {a} enthalten {confidence} auch {b}, von allen Warenkörben {overall}"
    else:
        facts = f"Von den {unit} mit {a} haben {confidence} auch {b} gekauft, von allen {unit} {overall}"
    if rule["lift"] > 1:
        lift = de_number(rule["lift"], 1)
        comparison = f"Lift der Regel {lift} – {lift}-mal so häufig wie bei allen"
    else:
        comparison = f"Lift der Regel {de_number(rule['lift'], 2)} – nicht häufiger als bei allen"
    return f"{facts}: {comparison}."


class AssociationRulesExplorer(LessonExplorer):
    """Product dropdown and minimum-support slider over the rules of a transactions table.

    Attributes
    ----------
    rules : DataFrame
        All rules A → B, computed once (see :func:`kundenkit.models.association_rules.association_rules`).
    dropdown : Dropdown
        The product A whose partners are shown.
    slider : IntSlider
        The minimum support in percent (the main control).
    result : DataFrame
        The current model result: the rules of the product that reach the minimum support.
    best : Series or None
        The rule of the product with the highest lift among them.
    chart : altair.JupyterChart
        The chart widget; product and threshold move through its parameters.
    """

    def __init__(self, transaktionen: pd.DataFrame, *, customer_col: str = "kunden_id",
                 product_col: str = "produkt", date_col: str | None = None, product: str | None = None,
                 min_support: float = 0.05, max_products: int = 40, save_path=None):
        self.unit = "Kunden" if date_col is None else "Warenkörbe"
        baskets = model.basket_matrix(transaktionen, customer_col=customer_col, product_col=product_col,
                                      date_col=date_col)
        self.rules = model.association_rules(baskets, max_products=max_products)
        self.n_baskets = len(baskets)
        products = sorted(set(self.rules["wenn"].astype(str)))
        if product is None:
            strong = model.filter_rules(self.rules, min_support=min_support)
            product = str((strong if len(strong) else self.rules).iloc[0]["wenn"])
        model.filter_rules(self.rules, product=product)  # a German error if the product is unknown
        top = min(100, math.ceil(float(self.rules["support"].max()) * 100) + 1)
        self.dropdown = widgets.Dropdown(options=products, value=str(product), description="Produkt",
                                         style={"description_width": "130px"}, layout={"width": "460px"})
        self.slider = widgets.IntSlider(value=min(round(min_support * 100), top), min=0, max=top, step=1,
                                        description="Mindest-Support %", style={"description_width": "130px"},
                                        layout={"width": "460px"}).add_class("kk-main-control")
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self._compute()
        self.chart = alt.JupyterChart(
            explorer_chart(self.rules, product=self.dropdown.value, min_support=self.min_support, unit=self.unit),
            embed_options=EMBED_OPTIONS)
        self.dropdown.observe(self._on_change, names="value")
        self.slider.observe(self._on_change, names="value")
        children = [self.dropdown, GermanSlider(self.slider, suffix=" %"), self.verdict, self.chart]
        self._assemble(children, "kk-association-rules", save_path, data=transaktionen)
        self._show_verdict()

    @property
    def min_support(self) -> float:
        return self.slider.value / 100

    def _compute(self) -> None:
        self.result = model.filter_rules(self.rules, product=self.dropdown.value, min_support=self.min_support)
        self.best = model.best_partner(self.rules, self.dropdown.value, min_support=self.min_support)

    def _show_verdict(self) -> None:
        product, unit = self.dropdown.value, self.unit
        all_left = int((self.rules["support"] >= self.min_support).sum())
        of_product = int((self.rules["wenn"] == product).sum())
        if self.best is None:
            main = (f"Bei {de_percent(self.min_support)} Mindest-Support bleibt für {_name(product)} keine Regel "
                    "übrig: Kein Partnerprodukt kommt oft genug zusammen mit ihm vor. Senken Sie den Regler.")
        elif self.best["lift"] <= 1:
            main = (f"{sentence(self.best, unit)}<br>Kein Partnerprodukt kommt bei {unit} mit {_name(product)} "
                    f"häufiger vor als bei allen {unit}: Eine Empfehlung hätte hier keine Grundlage.")
        else:
            main = (f"{sentence(self.best, unit)}<br>Beide zusammen: {de_percent(self.best['support'], 1)} aller "
                    f"{unit} (Support). Liegt der Mindest-Support darüber, verschwindet diese Empfehlung.")
        self.verdict.value = (
            f"<div style='font-size:1.1em;margin:8px 0'>{main}<br>"
            f"<span style='color:#444'>Mindest-Support {de_percent(self.min_support)}: Es bleiben "
            f"{len(self.result)} von {of_product} Regeln für {_name(product)} und {all_left} von {len(self.rules)} "
            f"Regeln insgesamt ({de_number(self.n_baskets, 0)} {unit}).</span></div>"
        )

    def _on_change(self, _change=None) -> None:
        self._compute()
        self._show_verdict()
        # Move product and threshold through the chart's parameters: the rules are sent only once.
        self.chart.params.set_trait("produkt", self.dropdown.value)
        self.chart.params.set_trait("min_support", self.min_support)

    def record(self) -> dict:
        """The current choice and its best recommendation as one flat record (for the transfer file)."""
        best = self.best
        return {"produkt": self.dropdown.value, "mindest_support": self.min_support,
                "empfehlung": None if best is None else str(best["dann"]),
                "support": None if best is None else round(float(best["support"]), 4),
                "konfidenz": None if best is None else round(float(best["konfidenz"]), 4),
                "lift": None if best is None else round(float(best["lift"]), 3)}


class RuleCalculator(LessonExplorer):
    """Support, confidence and lift of one rule from the learner's own four counts.

    The slider for the customers with both products is the main control; the
    default counts are an assumption of the course.
    """

    def __init__(self, *, wenn: str = "Produkt A", dann: str = "Produkt B", counts: dict | None = None,
                 save_path=None):
        counts = {**DEFAULT_COUNTS, **(counts or {})}
        if max(counts["mit_a"], counts["mit_b"]) > counts["kunden"]:
            raise KundenkitError("Kunden mit A und Kunden mit B können nicht mehr sein als Kunden insgesamt. "
                                 "Prüfen Sie die Zahlen in counts.")
        style, layout = {"description_width": "170px"}, {"width": "340px"}
        self.wenn = widgets.Text(value=wenn, description="Produkt A (wenn)", style=style, layout=layout)
        self.dann = widgets.Text(value=dann, description="Produkt B (dann)", style=style, layout=layout)
        self.kunden = GermanIntegerField(counts["kunden"], min=1, max=10**9, description="Kunden insgesamt",
                                         style=style, layout=layout)
        self.mit_a = GermanIntegerField(counts["mit_a"], min=1, max=10**9, description="Kunden mit A",
                                        style=style, layout=layout)
        self.mit_b = GermanIntegerField(counts["mit_b"], min=1, max=10**9, description="Kunden mit B",
                                        style=style, layout=layout)
        self.slider = widgets.IntSlider(value=counts["mit_beiden"], min=0, max=10**9,
                                        description="Kunden mit A und B", style=style,
                                        layout={"width": "520px"}).add_class("kk-main-control")
        self.verdict = widgets.HTML().add_class("kk-verdict")
        self._fit_slider()
        self.result = self._compute()
        self.chart = alt.JupyterChart(lift_chart(self.result), embed_options=EMBED_OPTIONS)
        for control in (self.wenn, self.dann, self.kunden, self.mit_a, self.mit_b, self.slider):
            control.observe(self._on_change, names="value")
        children = [widgets.HBox([widgets.VBox([self.wenn, self.dann]),
                                  widgets.VBox([self.kunden, self.mit_a, self.mit_b])]),
                    GermanSlider(self.slider), self.verdict, self.chart]
        self._assemble(children, "kk-association-rules", save_path)
        self._show_verdict()

    def _fit_slider(self) -> None:
        """Keep the counts consistent without changing what the learner typed.

        The fields refuse, with a German message, what does not fit: A and B
        above all customers, all customers below A or B. The slider of the
        customers with both stays between its possible bounds.
        """
        n = self.kunden.value
        self.mit_a.max = self.mit_b.max = n
        self.kunden.min = max(self.mit_a.value, self.mit_b.value)
        low = max(0, self.mit_a.value + self.mit_b.value - n)
        high = min(self.mit_a.value, self.mit_b.value)
        value = min(max(self.slider.value, low), high)
        # Widen before narrowing so that min never exceeds max on the way.
        self.slider.min, self.slider.max = 0, max(high, self.slider.max)
        self.slider.value = value
        self.slider.max, self.slider.min = high, low

    def _compute(self) -> pd.DataFrame:
        return model.rule_from_counts(self.kunden.value, self.mit_a.value, self.mit_b.value, self.slider.value,
                                      wenn=self.wenn.value.strip() or "A", dann=self.dann.value.strip() or "B")

    def _show_verdict(self) -> None:
        row = self.result.iloc[0]
        self.verdict.value = (
            f"<div style='font-size:1.1em;margin:8px 0'>{sentence(row, 'Kunden')}<br>"
            f"Support {de_percent(row['support'], 1)} · Konfidenz {de_percent(row['konfidenz'], 1)} · "
            f"Lift der Regel {de_number(row['lift'], 2)}</div>"
        )

    def _on_change(self, change=None) -> None:
        if change is not None and change["owner"] is not self.slider:
            self._fit_slider()
        self.result = self._compute()
        self._show_verdict()
        self.chart.chart = lift_chart(self.result)

    def record(self) -> dict:
        """The learner's counts and the rule's measures as one flat record (for the transfer file)."""
        row = self.result.iloc[0]
        return {"produkt_a": str(row["wenn"]), "produkt_b": str(row["dann"]), "kunden": self.kunden.value,
                "kunden_mit_a": self.mit_a.value, "kunden_mit_b": self.mit_b.value,
                "kunden_mit_beiden": self.slider.value, "support": round(float(row["support"]), 4),
                "konfidenz": round(float(row["konfidenz"]), 4), "lift": round(float(row["lift"]), 3)}


def explorer(transaktionen: pd.DataFrame | None = None, **kwargs) -> AssociationRulesExplorer | RuleCalculator:
    """The lesson's widget.

    With a transactions table: the product dropdown and the minimum-support
    slider over all rules of the data. Without one: the calculator for one rule
    from your own company's counts (for the transfer).
    """
    if transaktionen is None:
        return RuleCalculator(**kwargs)
    return AssociationRulesExplorer(transaktionen, **kwargs)
