"""Charts of lesson 1.3: which products go with a product (lift), and all rules by support and confidence.

"Lift" here is always the lift of a rule A → B, written "Lift der Regel" – not the
"Lift im obersten Zehntel" of lesson 1.4 (same idea: a share in a group ÷ the share
among all, but for a score instead of a product). Product names stand in German
quotes, so the texts stay grammatical for any name.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from kundenkit.charts.setup import PALETTE, layer
from kundenkit.formatting import de_number

STRONGER, WEAKER, TOO_RARE = "häufiger als bei allen", "nicht häufiger als bei allen", "unter Mindest-Support"
STATUS_COLOURS = alt.Scale(domain=[STRONGER, WEAKER, TOO_RARE], range=[PALETTE[0], PALETTE[1], "#c8c8c8"])
CHOSEN, OTHER = "Regeln des Produkts", "übrige Regeln"


def _status(min_support_expr: str) -> str:
    """Vega expression: the status of a rule for the minimum support given as an expression."""
    return (f"datum.support < {min_support_expr} ? '{TOO_RARE}' : "
            f"(datum.lift > 1 ? '{STRONGER}' : '{WEAKER}')")


def _tooltip(unit: str):
    return [
        alt.Tooltip("wenn:N", title="Produkt (wenn)"),
        alt.Tooltip("dann:N", title="Partnerprodukt (dann)"),
        alt.Tooltip("konfidenz:Q", title="Konfidenz", format=".0%"),
        alt.Tooltip("lift:Q", title="Lift der Regel", format=".2f"),
        alt.Tooltip("support:Q", title=f"Support: Anteil {unit} mit beiden", format=".1%"),
        alt.Tooltip("support_dann:Q", title=f"Anteil {unit} mit dem Partnerprodukt", format=".1%"),
        alt.Tooltip("anzahl:Q", title=f"{unit.capitalize()} mit beiden", format=",.0f"),
    ]


def partner_chart(rules: pd.DataFrame, *, product: str | alt.Parameter, min_support: float | alt.Parameter = 0.0,
                  unit: str = "Kunden", width: int = 420) -> alt.LayerChart:
    """Bars of the lift of every rule "product → partner", partners sorted by lift.

    ``product`` and ``min_support`` are values or Altair parameters (then the
    chart follows them without a new spec). Bars of rules below the minimum
    support turn grey; the labels give the confidence.

    >>> from kundenkit.models.association_rules import association_rules, basket_matrix
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein"]})
    >>> spec = partner_chart(association_rules(basket_matrix(sales)), product="Brot").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'text', 'rule']
    """
    product_expr = product.name if isinstance(product, alt.Parameter) else repr(str(product))
    support_expr = min_support.name if isinstance(min_support, alt.Parameter) else repr(float(min_support))
    n_partners = max(int(rules["dann"].nunique()) - 1, 1)
    base = alt.Chart(rules).transform_filter(f"datum.wenn == {product_expr}").transform_calculate(
        status=_status(support_expr), beschriftung="format(datum.konfidenz, '.0%')")
    y = alt.Y("dann:N", sort=alt.EncodingSortField("lift", op="max", order="descending"), title=None,
              axis=alt.Axis(labelLimit=240))
    x = alt.X("lift:Q", title="Lift der Regel: wie viel häufiger als bei allen (1 = gleich oft)",
              scale=alt.Scale(domainMin=0, nice=True))
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=x, y=y, color=alt.Color("status:N", scale=STATUS_COLOURS, title="Regel",
                                  legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=_tooltip(unit))
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="beschriftung:N")
    one = alt.Chart(pd.DataFrame({"lift": [1.0]})).mark_rule(strokeDash=[4, 3], color="black").encode(
        x="lift:Q")
    title = alt.Title("Was kaufen die Käufer dieses Produkts noch?",
                      subtitle="Balken: Lift der Regel · Zahl: Konfidenz (Anteil der Käufer, die auch das "
                               "Partnerprodukt kaufen)")
    return layer(bars, labels, one).properties(width=width, height=max(28 * n_partners, 120), title=title)


def rules_scatter(rules: pd.DataFrame, *, product: str | alt.Parameter | None = None,
                  min_support: float | alt.Parameter = 0.0, unit: str = "Kunden", width: int = 470,
                  height: int = 260) -> alt.LayerChart:
    """All rules as points: support across, confidence up, lift as size; a line marks the minimum support.

    Points left of the line are too rare and fade; the rules of ``product`` are coloured.

    >>> from kundenkit.models.association_rules import association_rules, basket_matrix
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein"]})
    >>> spec = rules_scatter(association_rules(basket_matrix(sales)), min_support=0.2).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'point', 'rule', 'text']
    """
    support_expr = min_support.name if isinstance(min_support, alt.Parameter) else repr(float(min_support))
    product_expr = (product.name if isinstance(product, alt.Parameter)
                    else "''" if product is None else repr(str(product)))
    top = float(max(rules["support"].max(), 0.05)) * 1.05
    x_scale = alt.Scale(domain=[0, top], nice=False)
    y_scale = alt.Scale(domain=[0, 1])
    shade = alt.Chart(pd.DataFrame({"von": [0.0]})).transform_calculate(bis=support_expr).mark_rect(
        color="#eeeeee").encode(x=alt.X("von:Q", scale=x_scale), x2="bis:Q")
    points = alt.Chart(rules).transform_calculate(
        gruppe=f"datum.wenn == {product_expr} ? '{CHOSEN}' : '{OTHER}'",
        sichtbar=f"datum.support >= {support_expr} ? 1 : 0",
    ).mark_point(filled=True, stroke="black", strokeWidth=0.5).encode(
        x=alt.X("support:Q", title=f"Support: Anteil {unit} mit beiden Produkten", scale=x_scale,
                axis=alt.Axis(format=".0%", tickCount=8)),
        y=alt.Y("konfidenz:Q", title="Konfidenz", scale=y_scale, axis=alt.Axis(format=".0%")),
        size=alt.Size("lift:Q", title="Lift der Regel", scale=alt.Scale(range=[20, 400]),
                      legend=alt.Legend(format=".1f")),
        color=alt.Color("gruppe:N", title=None, scale=alt.Scale(domain=[CHOSEN, OTHER],
                                                                range=[PALETTE[4], "#9a9a9a"])),
        opacity=alt.condition("datum.sichtbar == 1", alt.value(0.9), alt.value(0.15)),
        order=alt.Order("gruppe:N", sort="descending"),
        tooltip=_tooltip(unit),
    )
    marker = pd.DataFrame({"text": ["Mindest-Support"]})
    line = alt.Chart(marker).transform_calculate(x=support_expr).mark_rule(
        color=PALETTE[3], strokeWidth=2).encode(x=alt.X("x:Q", scale=x_scale))
    label = alt.Chart(marker).transform_calculate(x=support_expr).mark_text(
        align="left", dx=4, baseline="bottom", color=PALETTE[3], fontWeight="bold").encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.value(-3), text="text:N")
    title = alt.Title("Alle Regeln: Support, Konfidenz und Lift der Regel",
                      subtitle=["Links der roten Linie: zu selten für eine Empfehlung (blass)", " "])
    return layer(shade, points, line, label).properties(width=width, height=height, title=title)


def explorer_chart(rules: pd.DataFrame, *, product: str, min_support: float = 0.0,
                   unit: str = "Kunden") -> alt.VConcatChart:
    """Partner bars above, all rules below; driven by the chart parameters ``produkt`` and ``min_support``.

    A widget changes the product and the threshold by setting these parameters
    (``JupyterChart.params``), so the spec with the rules is sent only once.

    >>> from kundenkit.models.association_rules import association_rules, basket_matrix
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein"]})
    >>> spec = explorer_chart(association_rules(basket_matrix(sales)), product="Brot").to_dict()
    >>> sorted(p["name"] for p in spec["params"])
    ['min_support', 'produkt']
    """
    product_param = alt.param(name="produkt", value=str(product))
    support_param = alt.param(name="min_support", value=float(min_support))
    return alt.vconcat(
        partner_chart(rules, product=product_param, min_support=support_param, unit=unit),
        rules_scatter(rules, product=product_param, min_support=support_param, unit=unit),
        spacing=30,
    ).add_params(product_param, support_param).resolve_scale(color="independent", size="independent")


def lift_chart(rule: pd.DataFrame, *, unit: str = "Kunden", width: int = 420) -> alt.LayerChart:
    """Two bars for one rule A → B: the share with B among all and among the buyers of A.

    Their ratio is the lift. ``rule`` has one row, e.g. from
    :func:`kundenkit.models.association_rules.rule_from_counts`.

    >>> from kundenkit.models.association_rules import rule_from_counts
    >>> spec = lift_chart(rule_from_counts(1000, 200, 300, 120)).to_dict()
    >>> spec["layer"][0]["mark"]["type"]
    'bar'
    """
    row = rule.iloc[0]
    bars = pd.DataFrame({
        "gruppe": [f"alle {unit}", f"{unit} mit „{row['wenn']}“"],
        "anteil": [float(row["support_dann"]), float(row["konfidenz"])],
        "farbe": ["alle", "käufer"],
    })
    x = alt.X("anteil:Q", title=f"Anteil mit „{row['dann']}“", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format=".0%"))
    y = alt.Y("gruppe:N", title=None, sort=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart(bars)
    bar = base.mark_bar(height={"band": 0.6}).encode(
        x=x, y=y, color=alt.Color("farbe:N", scale=alt.Scale(domain=["alle", "käufer"],
                                                             range=["#9a9a9a", PALETTE[0]]), legend=None),
        tooltip=[alt.Tooltip("gruppe:N", title="Gruppe"), alt.Tooltip("anteil:Q", title="Anteil", format=".1%")])
    text = base.mark_text(align="left", dx=4, fontSize=13).encode(x=x, y=y, text=alt.Text("anteil:Q", format=".0%"))
    lift = float(row["lift"])
    title = alt.Title(f"Lift der Regel: {de_number(lift)}",
                      subtitle=f"Anteil mit „{row['dann']}“: bei {unit} mit „{row['wenn']}“ "
                               f"{de_number(lift, 1)}-mal so hoch wie bei allen {unit}")
    return layer(bar, text).properties(width=width, height=110, title=title)
