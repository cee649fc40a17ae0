"""Lesson 1.3 "Irgendwas mit Marketing": market-basket association rules A → B.

Customer management asks what a customer would want if he knew what he needed,
and answers from data: "customers who bought this also bought …" (cross- and
up-selling; Hafner 2019, Kap. 1). The course computes this with association
rules after Agrawal, Imieliński & Swami (1993), who defined support and
confidence, and the lift measure that Brin, Motwani & Silverstein (1997) call
"interest":

- support(A → B)   = share of baskets that hold A and B,
- confidence(A → B) = support(A → B) / support(A): share of the baskets with A that also hold B,
- lift(A → B)      = confidence(A → B) / support(B): how many times more often
  B is in a basket with A than in a basket at all (1 = no connection).

Texts for learners call it "Lift der Regel": lesson 1.4 has another lift, the
"Lift im obersten Zehntel" of a score (same idea – a share in a group ÷ the share
among all – but the group is the top 10 % by score, not the buyers of A).

A **basket** is, by default, everything one customer bought in the period
(``date_col=None``): the question of cross-selling is what a customer buys in
addition, not only at the same till. With ``date_col`` a basket is what one
customer bought on one day (a visit). Rules have one product on each side.

This is a course model for teaching: it looks at pairs of products only and
does not test whether a rule could be chance.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError

RULE_COLUMNS = ("wenn", "dann", "anzahl", "support", "support_wenn", "support_dann", "konfidenz", "lift")


def _check_frame(table, what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise KundenkitError(
            f"Erwartet wird {what} als Tabelle (pandas DataFrame), nicht {type(table).__name__}. "
            "Lesen Sie Ihre Datei zum Beispiel mit kk.read_csv(...) ein."
        )


def basket_matrix(transactions: pd.DataFrame, *, customer_col: str = "kunden_id", product_col: str = "produkt",
                  date_col: str | None = None) -> pd.DataFrame:
    """One row per basket, one column per product: ``True`` if the basket holds the product.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase; only the customer and the product column are needed.
    customer_col, product_col : str
        Names of the customer and product columns.
    date_col : str, optional
        Without it, a basket is everything a customer bought (the course's
        default). With it, a basket is what a customer bought on one day.

    Rows without customer or product are ignored. A product bought twice
    counts once per basket.

    Returns
    -------
    DataFrame of booleans, indexed by customer (or customer and day), with the
    products as columns in alphabetical order.

    Examples
    --------
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3", "K3"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein", "Käse"]})
    >>> basket_matrix(sales)
    produkt    Brot   Käse   Wein
    kunden_id
    K1         True   True  False
    K2         True  False  False
    K3         True   True   True
    >>> basket_matrix(sales.rename(columns={"produkt": "artikel"}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Spalte 'produkt' (Parameter product_col) fehlt in der Tabelle der
        Transaktionen. Vorhanden sind: kunden_id, artikel. Geben Sie den Namen Ihrer Spalte an, z. B.
        product_col='artikel'.
    """
    _check_frame(transactions, "die Tabelle der Transaktionen")
    wanted = {"customer_col": customer_col, "product_col": product_col}
    if date_col is not None:
        wanted["date_col"] = date_col
    for parameter, column in wanted.items():
        if column not in transactions.columns:
            others = [str(c) for c in transactions.columns if c not in wanted.values()]
            example = f" Geben Sie den Namen Ihrer Spalte an, z. B. {parameter}={others[0]!r}." if others else ""
            raise KundenkitError(
                f"Die Spalte {column!r} (Parameter {parameter}) fehlt in der Tabelle der Transaktionen. "
                f"Vorhanden sind: {', '.join(map(str, transactions.columns))}.{example}"
            )
    keys = [customer_col] + ([date_col] if date_col is not None else [])
    frame = transactions[keys + [product_col]].dropna()
    frame = frame.assign(**{product_col: frame[product_col].astype(str).str.strip(),
                            customer_col: frame[customer_col].astype(str).str.strip()})
    frame = frame[(frame[product_col] != "") & (frame[customer_col] != "")]
    if date_col is not None:
        with warnings.catch_warnings():  # mixed formats are parsed one by one; that is fine here
            warnings.simplefilter("ignore", UserWarning)
            days = pd.to_datetime(frame[date_col], errors="coerce", dayfirst=True)
        if days.isna().any():
            row = days.index[days.isna()][0]
            raise KundenkitError(
                f"Spalte {date_col!r}, Zeile {row}: {transactions.at[row, date_col]!r} ist kein Datum. "
                "Korrigieren Sie den Wert oder lassen Sie date_col weg (dann zählt jeder Kunde als ein Korb)."
            )
        frame = frame.assign(**{date_col: days.dt.normalize()})
    if frame.empty:
        raise KundenkitError(
            f"Die Tabelle der Transaktionen enthält keine Zeile mit Kunde ({customer_col!r}) und "
            f"Produkt ({product_col!r}). Prüfen Sie, ob die Spalten gefüllt sind."
        )
    basket = frame.groupby(keys, sort=True).ngroup().to_numpy()
    codes, products = pd.factorize(frame[product_col], sort=True)
    matrix = np.zeros((basket.max() + 1, len(products)), dtype=bool)
    matrix[basket, codes] = True
    labels = frame[keys].drop_duplicates().sort_values(keys)
    index = (pd.Index(labels[customer_col].to_numpy(), name=customer_col) if date_col is None
             else pd.MultiIndex.from_frame(labels.reset_index(drop=True)))
    return pd.DataFrame(matrix, index=index, columns=pd.Index(list(products), name=product_col))


def _check_baskets(baskets) -> np.ndarray:
    _check_frame(baskets, "die Korb-Tabelle aus basket_matrix(...)")
    if baskets.shape[0] == 0:
        raise KundenkitError("Die Korb-Tabelle ist leer: Es gibt keinen einzigen Warenkorb.")
    values = baskets.to_numpy()
    if values.dtype != bool:
        numeric = pd.DataFrame(baskets).apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        if np.isnan(numeric).any() or not np.isin(numeric, (0, 1)).all():
            raise KundenkitError(
                "Die Korb-Tabelle darf nur True/False oder 0/1 enthalten. "
                "Berechnen Sie sie mit basket_matrix(transaktionen)."
            )
        values = numeric.astype(bool)
    return values


def association_rules(baskets: pd.DataFrame, *, max_products: int | None = None) -> pd.DataFrame:
    """All rules A → B between two different products, with support, confidence and lift.

    The co-occurrence matrix is computed once; filtering (see :func:`filter_rules`)
    then only selects rows. Products that no basket holds have no rules.

    Parameters
    ----------
    baskets : DataFrame
        Output of :func:`basket_matrix` (booleans or 0/1, one column per product).
    max_products : int, optional
        Keep only this many products, those in the most baskets (for very large
        assortments; k products give k·(k−1) rules).

    Returns
    -------
    DataFrame with the columns ``wenn`` (A), ``dann`` (B), ``anzahl`` (baskets
    with A and B), ``support``, ``support_wenn`` (of A), ``support_dann`` (of B),
    ``konfidenz`` and ``lift``; sorted by lift, then support (both descending).

    Examples
    --------
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3", "K3", "K4"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein", "Käse", "Wein"]})
    >>> rules = association_rules(basket_matrix(sales))
    >>> print(rules.round(2).to_string())
       wenn  dann  anzahl  support  support_wenn  support_dann  konfidenz  lift
    0  Brot  Käse       2     0.50          0.75          0.50       0.67  1.33
    1  Käse  Brot       2     0.50          0.50          0.75       1.00  1.33
    2  Käse  Wein       1     0.25          0.50          0.50       0.50  1.00
    3  Wein  Käse       1     0.25          0.50          0.50       0.50  1.00
    4  Brot  Wein       1     0.25          0.75          0.50       0.33  0.67
    5  Wein  Brot       1     0.25          0.50          0.75       0.50  0.67
    """
    values = _check_baskets(baskets)
    products = np.asarray([str(c) for c in baskets.columns], dtype=object)
    counts = values.sum(axis=0)
    keep = counts > 0
    if max_products is not None:
        if isinstance(max_products, bool) or not isinstance(max_products, (int, np.integer)) or max_products < 2:
            raise KundenkitError(f"Der Parameter 'max_products' ist {max_products!r}; erlaubt sind ganze Zahlen ab 2.")
        order = np.lexsort((products, -counts))
        keep &= np.isin(np.arange(len(products)), order[:max_products])
    if keep.sum() < 2:
        raise KundenkitError(
            "Für Regeln braucht es mindestens zwei verschiedene Produkte, die gekauft wurden. "
            f"In Ihren Daten sind es {int(keep.sum())}."
        )
    values, products, counts = values[:, keep], products[keep], counts[keep]
    n = values.shape[0]
    as_float = values.astype(np.float64)
    together = np.rint(as_float.T @ as_float).astype(np.int64)
    a, b = np.nonzero(~np.eye(len(products), dtype=bool))
    both = together[a, b]
    support = both / n
    support_a, support_b = counts[a] / n, counts[b] / n
    confidence = both / counts[a]
    rules = pd.DataFrame({
        "wenn": products[a], "dann": products[b], "anzahl": both, "support": support,
        "support_wenn": support_a, "support_dann": support_b, "konfidenz": confidence,
        # both·n / (count A · count B): the same number for A → B and B → A, also in floating point.
        "lift": both * n / (counts[a] * counts[b]).astype(np.float64),
    })
    rules = rules.sort_values(["lift", "support", "wenn", "dann"], ascending=[False, False, True, True],
                              kind="stable")
    return rules.astype({"wenn": "string", "dann": "string"}).reset_index(drop=True)


def _check_rules(rules) -> None:
    _check_frame(rules, "die Regel-Tabelle aus association_rules(...)")
    missing = [c for c in RULE_COLUMNS if c not in rules.columns]
    if missing:
        raise KundenkitError(
            f"In der Regel-Tabelle fehlen die Spalten {', '.join(missing)}. "
            "Berechnen Sie sie mit association_rules(basket_matrix(transaktionen))."
        )


def _check_share(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0 <= value <= 1:
        raise KundenkitError(
            f"Der Parameter {name!r} ist {value!r}; erlaubt ist ein Anteil von 0 bis 1 (z. B. 0.05 für 5 %)."
        )
    return float(value)


def _check_product(rules: pd.DataFrame, product) -> str:
    names = sorted(set(rules["wenn"].astype(str)))
    if product not in names:
        raise KundenkitError(
            f"Das Produkt {product!r} kommt in den Regeln nicht vor. Vorhanden sind: {', '.join(names)}."
        )
    return str(product)


def filter_rules(rules: pd.DataFrame, *, min_support: float = 0.0, min_confidence: float = 0.0,
                 min_lift: float = 0.0, product: str | None = None) -> pd.DataFrame:
    """The rules that reach every threshold; with ``product`` only the rules "wenn product → …".

    Raising a threshold never adds a rule: the result is a subset of the
    result for a lower threshold.

    Examples
    --------
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3", "K3", "K4"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein", "Käse", "Wein"]})
    >>> rules = association_rules(basket_matrix(sales))
    >>> filter_rules(rules, min_support=0.5)[["wenn", "dann", "support"]]
       wenn  dann  support
    0  Brot  Käse      0.5
    1  Käse  Brot      0.5
    >>> filter_rules(rules, product="Wein", min_lift=1)[["wenn", "dann", "lift"]]
       wenn  dann  lift
    0  Wein  Käse   1.0
    >>> filter_rules(rules, min_support=5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'min_support' ist 5; erlaubt ist ein Anteil von 0 bis 1 (z. B. 0.05
        für 5 %).
    """
    _check_rules(rules)
    min_support = _check_share("min_support", min_support)
    min_confidence = _check_share("min_confidence", min_confidence)
    if isinstance(min_lift, bool) or not isinstance(min_lift, (int, float, np.integer, np.floating)) \
            or not min_lift >= 0:
        raise KundenkitError(f"Der Parameter 'min_lift' ist {min_lift!r}; erlaubt ist eine Zahl ab 0.")
    keep = (rules["support"] >= min_support) & (rules["konfidenz"] >= min_confidence) & (rules["lift"] >= min_lift)
    if product is not None:
        keep &= rules["wenn"] == _check_product(rules, product)
    return rules[keep].reset_index(drop=True)


def best_partner(rules: pd.DataFrame, product: str, *, min_support: float = 0.0) -> pd.Series | None:
    """The rule "product → B" with the highest lift (ties: higher support, then B's name).

    Returns ``None`` if no rule of the product reaches ``min_support``.

    Examples
    --------
    >>> sales = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K3", "K3", "K3", "K4"],
    ...                       "produkt": ["Brot", "Käse", "Brot", "Brot", "Wein", "Käse", "Wein"]})
    >>> rules = association_rules(basket_matrix(sales))
    >>> rule = best_partner(rules, "Brot")
    >>> rule["dann"], round(float(rule["konfidenz"]), 2), round(float(rule["lift"]), 2)
    ('Käse', 0.67, 1.33)
    >>> best_partner(rules, "Brot", min_support=0.6) is None
    True
    """
    partners = filter_rules(rules, product=product, min_support=min_support)
    if partners.empty:
        return None
    order = partners.sort_values(["lift", "support", "dann"], ascending=[False, False, True], kind="stable")
    return order.iloc[0]


def rule_from_counts(baskets: int, with_a: int, with_b: int, with_both: int, *,
                     wenn: str = "A", dann: str = "B") -> pd.DataFrame:
    """One rule A → B from four counts, e.g. the learner's own company's numbers.

    Parameters
    ----------
    baskets : int
        Number of customers (or baskets) in all.
    with_a, with_b, with_both : int
        How many of them hold A, B, and both.

    Examples
    --------
    >>> print(rule_from_counts(1000, 200, 300, 120, wenn="Kaffeemaschine", dann="Entkalker").round(2).to_string())
                 wenn       dann  anzahl  support  support_wenn  support_dann  konfidenz  lift
    0  Kaffeemaschine  Entkalker     120     0.12           0.2           0.3        0.6   2.0
    >>> rule_from_counts(100, 10, 20, 30)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Es können nicht mehr Kunden beide Produkte haben (30) als A (10) oder B (20).
    """
    for name, value in (("baskets", baskets), ("with_a", with_a), ("with_b", with_b), ("with_both", with_both)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise KundenkitError(f"Der Parameter {name!r} muss eine ganze Zahl ab 0 sein, nicht {value!r}.")
    if baskets < 1 or with_a < 1 or with_b < 1:
        raise KundenkitError("Es braucht mindestens einen Kunden insgesamt und je einen mit A und mit B.")
    if with_a > baskets or with_b > baskets:
        raise KundenkitError(
            f"Es können nicht mehr Kunden A ({with_a}) oder B ({with_b}) haben, als es Kunden gibt ({baskets})."
        )
    if with_both > min(with_a, with_b):
        raise KundenkitError(
            f"Es können nicht mehr Kunden beide Produkte haben ({with_both}) als A ({with_a}) oder B ({with_b})."
        )
    if with_a + with_b - with_both > baskets:
        raise KundenkitError(
            f"Mit A oder B wären es {with_a + with_b - with_both} Kunden, mehr als alle ({baskets}). "
            "Erhöhen Sie die Zahl der Kunden mit beiden Produkten."
        )
    support_a, support_b = with_a / baskets, with_b / baskets
    confidence = with_both / with_a
    return pd.DataFrame({
        "wenn": pd.array([wenn], dtype="string"), "dann": pd.array([dann], dtype="string"),
        "anzahl": [int(with_both)], "support": [with_both / baskets], "support_wenn": [support_a],
        "support_dann": [support_b], "konfidenz": [confidence], "lift": [confidence / support_b],
    })
