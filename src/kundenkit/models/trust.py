"""Lesson 1.7 "Vertrauen ist der Anfang von allem": trust grows slowly and falls fast.

Of the book's stories "Vertrauen ist der Anfang von allem – Über die Kunst
partnerfähig zu sein" and "Kundenvertrauen nachhaltig (wieder)herstellen – Drei
wichtige Gedanken" (Hafner 2019, Kap. 1) only the titles are known to this
course. Everything below is the **course's own teaching model**, not the book's.

Research behind the model:

- Mayer, Davis & Schoorman (1995) describe trust as the willingness to be
  vulnerable to another party; it rests on the trustee's ability, benevolence
  and integrity.
- Morgan & Hunt (1994) put trust and commitment at the centre of successful
  relationship marketing.
- Slovic (1993) formulated the asymmetry principle: negative events weigh more
  on trust than positive ones; trust is easier to destroy than to build.

The model: trust is a number in [0, 1]. Every contact either keeps a promise
(trust rises by ``gain × (1 − trust)``) or breaks one. A broken promise counts
like ``asymmetry`` steps back, each taking the share ``gain`` of the present
trust: trust falls to ``trust × (1 − gain) ** asymmetry``, so
``loss = 1 − (1 − gain) ** asymmetry``. With ``asymmetry = 1`` a break weighs as
much as a kept promise; every larger factor weighs more, and the loss never
reaches 100 % (for ``gain < 1``). (An earlier version used
``min(1, asymmetry × gain)``: from ``asymmetry = 1 / gain`` on, the slider
changed nothing.) A contact rated ``kept_from`` or better (default 3 of 5)
counts as a kept promise. The start value, the gain, the asymmetry factor and
the rating threshold are assumptions of the course that a learner replaces
with their own.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_columns

KEPT, BROKEN, START = "gehalten", "gebrochen", "Start"
RATING_MIN, RATING_MAX = 1, 5
MAX_RECOVERY_STEPS = 100_000


def _check_number(name: str, value, minimum: float, maximum: float, *, open_min: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.")
    value = float(value)
    too_small = value <= minimum if open_min else value < minimum
    if too_small or value > maximum:
        lower = f"über {_de(minimum)}" if open_min else f"ab {_de(minimum)}"
        raise KundenkitError(f"Der Parameter '{name}' ist {_de(value)}. "
                             f"Erlaubt sind Zahlen {lower} bis {_de(maximum)}.")
    return value


def _de(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class TrustModel:
    """The course's trust model: how one kept or broken promise moves trust.

    Parameters
    ----------
    gain : float
        Share of the *missing* trust that a kept promise wins (0 < gain ≤ 1).
    asymmetry : float
        How many times heavier a broken promise weighs than a kept one (0 to 20):
        it counts like ``asymmetry`` steps back of ``gain`` each. The loss is
        ``1 − (1 − gain) ** asymmetry`` of the *present* trust.
    start : float
        Trust before the first contact (0 ≤ start < 1).

    All three defaults are assumptions of the course, not measured values.

    Examples
    --------
    >>> m = TrustModel()
    >>> m.loss
    0.488
    >>> float(m.step(0.5, kept=True)), float(m.step(0.5, kept=False))
    (0.6, 0.256)
    >>> [round(TrustModel(asymmetry=a).loss, 3) for a in (1, 5, 10)]   # rises over the whole range
    [0.2, 0.672, 0.893]
    >>> TrustModel(gain=0)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'gain' ist 0. Erlaubt sind Zahlen über 0 bis 1.
    """

    gain: float = 0.2
    asymmetry: float = 3.0
    start: float = 0.5

    def __post_init__(self):
        _check_number("gain", self.gain, 0, 1, open_min=True)
        _check_number("asymmetry", self.asymmetry, 0, 20)
        _check_number("start", self.start, 0, 0.999)

    @property
    def loss(self) -> float:
        """Share of the present trust that one broken promise destroys: ``asymmetry`` steps back of ``gain``."""
        return round(1.0 - (1.0 - self.gain) ** self.asymmetry, 12)

    def step(self, trust, kept):
        """Trust after one contact; ``trust`` and ``kept`` may be arrays."""
        trust = np.asarray(trust, dtype=float)
        return np.where(kept, trust + self.gain * (1.0 - trust), trust * (1.0 - self.loss))


def _as_outcomes(outcomes) -> np.ndarray:
    values = []
    for i, item in enumerate(outcomes):
        if isinstance(item, (bool, np.bool_)):
            values.append(bool(item))
        elif isinstance(item, str) and item.strip().casefold() in (KEPT, BROKEN):
            values.append(item.strip().casefold() == KEPT)
        else:
            raise KundenkitError(
                f"Ereignis Nr. {i + 1} ist {item!r}. Erlaubt sind True/'{KEPT}' (Versprechen gehalten) "
                f"und False/'{BROKEN}' (Versprechen gebrochen).")
    return np.array(values, dtype=bool)


def trust_path(outcomes, model: TrustModel = TrustModel()) -> pd.DataFrame:
    """Trust after each contact of one sequence of kept and broken promises.

    Parameters
    ----------
    outcomes : sequence of bool or str
        ``True``/``"gehalten"`` for a kept promise, ``False``/``"gebrochen"`` for a broken one.
    model : TrustModel

    Returns
    -------
    DataFrame with one row per step (step 0 is the start): ``kontakt``, ``ereignis``, ``vertrauen``.

    Examples
    --------
    >>> trust_path(["gehalten", "gebrochen", "gehalten"])
       kontakt   ereignis  vertrauen
    0        0      Start      0.500
    1        1   gehalten      0.600
    2        2  gebrochen      0.307
    3        3   gehalten      0.446
    """
    kept = _as_outcomes(outcomes)
    trust = np.empty(len(kept) + 1)
    trust[0] = model.start
    for i, k in enumerate(kept):
        trust[i + 1] = model.step(trust[i], k)
    return pd.DataFrame({
        "kontakt": np.arange(len(kept) + 1),
        "ereignis": [START] + [KEPT if k else BROKEN for k in kept],
        "vertrauen": trust.round(3),
    })


def recovery_steps(before: float, model: TrustModel = TrustModel(), *, target: float | None = None) -> int:
    """How many kept promises after one broken promise it takes to reach ``target`` again.

    ``before`` is the trust just before the broken promise; ``target`` defaults
    to ``before`` ("wieder auf dem alten Stand").

    Examples
    --------
    >>> recovery_steps(0.8)                      # 0.8 → 0.41 → … five kept promises
    5
    >>> recovery_steps(0.8, TrustModel(asymmetry=1))   # even without asymmetry: more than one
    3
    >>> recovery_steps(0.8, target=1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'target' ist 1,5. Erlaubt sind Zahlen ab 0 bis 1.

    A level counts as reached when the gap is below 10⁻¹², so even ``target=1`` ends.
    """
    before = _check_number("before", before, 0, 1)
    target = before if target is None else target
    target = _check_number("target", target, 0, 1)
    trust = float(model.step(before, kept=False))
    steps = 0
    while trust < target - 1e-12:
        trust = float(model.step(trust, kept=True))
        steps += 1
        if steps > MAX_RECOVERY_STEPS:  # pragma: no cover - unreachable for target < 1 and gain > 0
            raise KundenkitError("Das Ziel wird mit diesen Parametern praktisch nie erreicht.")
    return steps


@dataclass(frozen=True)
class BreakScenario:
    """Two paths over the same contacts: all promises kept vs one broken at contact ``break_at``."""

    path: pd.DataFrame        # long: szenario, kontakt, ereignis, vertrauen
    break_at: int
    before: float             # trust just before the break
    after_break: float        # trust right after the break
    recovery: int             # kept promises needed to be back at ``before``
    recovered_at: int | None  # contact number where the broken path is back (None: not within the contacts)
    final_kept: float
    final_broken: float
    model: TrustModel


WITHOUT, WITH = "ohne Bruch", "mit einem Bruch"


def break_scenario(model: TrustModel = TrustModel(), *, contacts: int = 20, break_at: int = 6) -> BreakScenario:
    """Compare ``contacts`` kept promises with the same contacts where promise ``break_at`` is broken.

    Examples
    --------
    >>> s = break_scenario(contacts=10, break_at=4)
    >>> round(s.before, 3), round(s.after_break, 3), s.recovery, s.recovered_at
    (0.744, 0.381, 4, 8)
    >>> s.path.groupby("szenario").size().to_dict()
    {'mit einem Bruch': 11, 'ohne Bruch': 11}
    """
    if isinstance(contacts, bool) or not isinstance(contacts, numbers.Integral) or not 1 <= contacts <= 1000:
        raise KundenkitError(f"Der Parameter 'contacts' ist {contacts!r}. Erlaubt sind ganze Zahlen von 1 bis 1000.")
    if isinstance(break_at, bool) or not isinstance(break_at, numbers.Integral) or not 1 <= break_at <= contacts:
        raise KundenkitError(f"Der Parameter 'break_at' ist {break_at!r}. Erlaubt sind ganze Zahlen von 1 bis "
                             f"{contacts} (der Bruch muss einer der Kontakte sein).")
    kept = [True] * contacts
    broken = [True] * contacts
    broken[break_at - 1] = False
    a, b = trust_path(kept, model), trust_path(broken, model)
    before = float(model.start)  # unrounded trust just before the break
    for _ in range(break_at - 1):
        before = float(model.step(before, True))
    recovery = recovery_steps(before, model)
    recovered_at = break_at + recovery if break_at + recovery <= contacts else None
    path = pd.concat([a.assign(szenario=WITHOUT), b.assign(szenario=WITH)], ignore_index=True)
    return BreakScenario(
        path=path[["szenario", "kontakt", "ereignis", "vertrauen"]], break_at=int(break_at), before=before,
        after_break=float(model.step(before, False)), recovery=recovery, recovered_at=recovered_at,
        final_kept=float(a["vertrauen"].iloc[-1]), final_broken=float(b["vertrauen"].iloc[-1]), model=model,
    )


def recovery_table(before: float = 0.8, model: TrustModel = TrustModel(),
                   asymmetries=(1, 2, 3, 4, 5)) -> pd.DataFrame:
    """Kept promises needed after one break, for several asymmetry factors.

    >>> recovery_table(0.8)
       asymmetrie  verlust  vertrauen_nach_bruch  gehaltene_versprechen
    0         1.0    0.200                 0.640                      3
    1         2.0    0.360                 0.512                      4
    2         3.0    0.488                 0.410                      5
    3         4.0    0.590                 0.328                      6
    4         5.0    0.672                 0.262                      6
    """
    rows = []
    for a in asymmetries:
        m = TrustModel(gain=model.gain, asymmetry=a, start=model.start)
        rows.append({"asymmetrie": float(a), "verlust": round(m.loss, 3),
                     "vertrauen_nach_bruch": round(float(m.step(before, False)), 3),
                     "gehaltene_versprechen": recovery_steps(before, m)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# The learner's contacts: one sequence of promises per customer
# ---------------------------------------------------------------------------

def _sorted_contacts(kontakte: pd.DataFrame, customer_col: str, date_col: str, rating_col: str,
                     kept_from: int) -> pd.DataFrame:
    check_columns(kontakte, "kontakte", {"customer_col": customer_col, "date_col": date_col, "rating_col": rating_col})
    if isinstance(kept_from, bool) or not isinstance(kept_from, numbers.Integral) \
            or not RATING_MIN < kept_from <= RATING_MAX:
        raise KundenkitError(f"Der Parameter 'kept_from' ist {kept_from!r}. Erlaubt sind ganze Zahlen von "
                             f"{RATING_MIN + 1} bis {RATING_MAX}: "
                             "ab dieser Bewertung gilt ein Versprechen als gehalten.")
    rating = pd.to_numeric(kontakte[rating_col], errors="coerce")
    bad = kontakte.index[rating.isna() | (rating < RATING_MIN) | (rating > RATING_MAX)]
    if len(bad):
        row = bad[0]
        raise KundenkitError(
            f"Spalte '{rating_col}', Zeile {row}: Der Wert {kontakte.at[row, rating_col]!r} ist keine Bewertung von "
            f"{RATING_MIN} bis {RATING_MAX}. Korrigieren Sie den Wert oder entfernen Sie die Zeile.")
    dates = kontakte[date_col]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce", dayfirst=True)
    bad = kontakte.index[dates.isna()]
    if len(bad):
        row = bad[0]
        raise KundenkitError(f"Spalte '{date_col}', Zeile {row}: {kontakte.at[row, date_col]!r} ist kein Datum. "
                             "Schreiben Sie das Datum als TT.MM.JJJJ.")
    customers = kontakte[customer_col]
    if customers.isna().any():
        row = kontakte.index[customers.isna()][0]
        raise KundenkitError(f"Spalte '{customer_col}', Zeile {row}: Die Kundennummer fehlt.")
    out = kontakte.assign(**{date_col: dates, rating_col: rating.astype("int64")})
    out["_order"] = np.arange(len(out))
    out = out.sort_values([customer_col, date_col, "_order"], kind="stable").drop(columns="_order")
    out["versprechen"] = np.where(out[rating_col] >= kept_from, KEPT, BROKEN)
    return out.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class PromiseHistory:
    """Every customer's promises in time order, stored for fast re-computation.

    Build it once with :func:`promise_history`; :meth:`final_trust` then
    evaluates any :class:`TrustModel` on all customers with one small numpy
    step per contact number (a few milliseconds for 100,000 customers).
    """

    contacts: pd.DataFrame       # the contacts, sorted by customer and date, with column "versprechen"
    customers: np.ndarray        # customer ids, most contacts first
    n_contacts: np.ndarray       # contacts per customer (same order)
    n_kept: np.ndarray           # kept promises per customer (same order)
    kept: np.ndarray             # bool, step-major: all first contacts, then all second contacts, …
    step_sizes: np.ndarray       # customers with at least j + 1 contacts, for each step j
    row_of: np.ndarray           # row in ``contacts`` of each step-major element
    customer_col: str

    def _run(self, model: TrustModel, record: bool = False):
        trust = np.full(len(self.customers), float(model.start))
        after = np.empty(len(self.kept)) if record else None
        gain, keep = model.gain, 1.0 - model.loss
        pos = 0
        for m in self.step_sizes:
            t = trust[:m]
            t[:] = np.where(self.kept[pos:pos + m], t + gain * (1.0 - t), t * keep)
            if after is not None:  # recording
                after[pos:pos + m] = t
            pos += m
        return trust, after

    def final_trust(self, model: TrustModel = TrustModel()) -> np.ndarray:
        """Trust after each customer's last contact, in the order of ``customers``."""
        return self._run(model)[0]

    def trust_after_contacts(self, model: TrustModel = TrustModel()) -> np.ndarray:
        """Trust after every contact, in the row order of ``contacts``."""
        after = self._run(model, record=True)[1]
        out = np.empty(len(after))
        out[self.row_of] = after
        return out


def promise_history(kontakte: pd.DataFrame, *, kept_from: int = 3, customer_col: str = "kunden_id",
                    date_col: str = "datum", rating_col: str = "bewertung") -> PromiseHistory:
    """Turn a contact table into one time-ordered sequence of promises per customer.

    A contact rated ``kept_from`` or better counts as a kept promise, a lower
    rating as a broken one (an assumption of the course). Contacts of the same
    customer on the same day keep the order of the table.

    >>> k = pd.DataFrame({"kunden_id": ["B", "A", "A", "A"], "bewertung": [5, 2, 4, 3],
    ...                   "datum": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-01-01", "2024-02-01"])})
    >>> h = promise_history(k)
    >>> h.customers.tolist(), h.n_contacts.tolist(), h.n_kept.tolist(), h.step_sizes.tolist()
    (['A', 'B'], [3, 1], [2, 1], [2, 1, 1])
    """
    contacts = _sorted_contacts(kontakte, customer_col, date_col, rating_col, kept_from)
    ids = contacts[customer_col].astype(str).to_numpy()
    kept_all = (contacts["versprechen"] == KEPT).to_numpy()
    customers, first, counts = np.unique(ids, return_index=True, return_counts=True)
    position = np.arange(len(ids)) - np.repeat(first, counts)
    rank_order = np.argsort(-counts, kind="stable")           # most contacts first, then by id
    rank = np.empty(len(customers), dtype=np.int64)
    rank[rank_order] = np.arange(len(customers))
    owner = np.repeat(np.arange(len(customers)), counts)
    row_of = np.lexsort((rank[owner], position))              # by step, then by rank
    max_len = int(counts.max()) if len(counts) else 0
    sorted_counts = counts[rank_order]
    # customers with more than j contacts, for every step j (counts are sorted descending)
    step_sizes = np.searchsorted(-sorted_counts, -np.arange(max_len), side="left").astype(np.int64)
    n_kept = np.bincount(owner, weights=kept_all, minlength=len(customers)).astype(np.int64)
    return PromiseHistory(
        contacts=contacts, customers=customers[rank_order], n_contacts=counts[rank_order],
        n_kept=n_kept[rank_order], kept=kept_all[row_of], step_sizes=step_sizes, row_of=row_of,
        customer_col=customer_col,
    )


def _history(kontakte, kept_from: int, columns: dict) -> PromiseHistory:
    if isinstance(kontakte, PromiseHistory):
        return kontakte
    return promise_history(kontakte, kept_from=kept_from, **columns)


def customer_trust(kontakte, model: TrustModel = TrustModel(), *, kept_from: int = 3,
                   customer_col: str = "kunden_id", date_col: str = "datum",
                   rating_col: str = "bewertung") -> pd.DataFrame:
    """Each customer's final trust after all their contacts (course model).

    ``kontakte`` is the contact table (or a :class:`PromiseHistory` built from it).
    Only customers with at least one contact appear.

    Returns
    -------
    DataFrame sorted by customer: ``kunden_id``, ``kontakte``, ``gehalten``,
    ``gebrochen``, ``endvertrauen``.

    >>> k = pd.DataFrame({"kunden_id": ["A", "A", "B"], "datum": ["01.02.2024", "01.03.2024", "05.01.2024"],
    ...                   "bewertung": [4, 1, 5]})
    >>> customer_trust(k)
      kunden_id  kontakte  gehalten  gebrochen  endvertrauen
    0         A         2         1          1         0.307
    1         B         1         1          0         0.600
    """
    history = _history(kontakte, kept_from, dict(customer_col=customer_col, date_col=date_col,
                                                 rating_col=rating_col))
    out = pd.DataFrame({
        history.customer_col: history.customers,
        "kontakte": history.n_contacts,
        "gehalten": history.n_kept,
        "gebrochen": history.n_contacts - history.n_kept,
        "endvertrauen": history.final_trust(model).round(3),
    })
    return out.sort_values(history.customer_col, kind="stable").reset_index(drop=True)


def contact_trust(kontakte, model: TrustModel = TrustModel(), *, kept_from: int = 3,
                  customer_col: str = "kunden_id", date_col: str = "datum",
                  rating_col: str = "bewertung") -> pd.DataFrame:
    """The contacts in time order per customer with the promise and the trust before and after.

    Adds ``versprechen`` (gehalten/gebrochen), ``vertrauen_vorher``, ``vertrauen_nachher``
    and ``veränderung`` (after − before).

    >>> k = pd.DataFrame({"kunden_id": ["A", "A"], "datum": ["01.03.2024", "01.02.2024"], "bewertung": [1, 4]})
    >>> contact_trust(k)[["datum", "versprechen", "vertrauen_vorher", "vertrauen_nachher", "veränderung"]]
           datum versprechen  vertrauen_vorher  vertrauen_nachher  veränderung
    0 2024-02-01    gehalten               0.5              0.600        0.100
    1 2024-03-01   gebrochen               0.6              0.307       -0.293
    """
    history = _history(kontakte, kept_from, dict(customer_col=customer_col, date_col=date_col,
                                                 rating_col=rating_col))
    out = history.contacts.copy()
    after = history.trust_after_contacts(model)
    first = ~out[history.customer_col].astype(str).duplicated().to_numpy()
    before = np.where(first, model.start, np.roll(after, 1))
    out["vertrauen_vorher"] = before.round(3)
    out["vertrauen_nachher"] = after.round(3)
    out["veränderung"] = (after - before).round(3)
    return out


def share_below(final_trust, level: float = 0.5) -> float:
    """Share of customers whose final trust lies below ``level``.

    >>> share_below([0.2, 0.4, 0.6, 0.9])
    0.5
    """
    level = _check_number("level", level, 0, 1)
    values = np.asarray(final_trust, dtype=float)
    if values.size == 0:
        raise KundenkitError("Es gibt keine Kunden mit Kontakten: Der Anteil lässt sich nicht berechnen.")
    return float((values < level).mean())


def trust_distribution(final_trust, level: float = 0.5, bins: int = 20) -> pd.DataFrame:
    """Histogram of final trust over customers (small: one row per bin).

    >>> trust_distribution([0.1, 0.12, 0.7], bins=4)
        von   bis  kunden  anteil  unter_schwelle
    0  0.00  0.25       2   0.667            True
    1  0.25  0.50       0   0.000            True
    2  0.50  0.75       1   0.333           False
    3  0.75  1.00       0   0.000           False
    """
    level = _check_number("level", level, 0, 1)
    values = np.asarray(final_trust, dtype=float)
    counts, edges = np.histogram(values, bins=bins, range=(0.0, 1.0))
    total = max(int(counts.sum()), 1)
    return pd.DataFrame({
        "von": edges[:-1].round(3), "bis": edges[1:].round(3), "kunden": counts,
        "anteil": (counts / total).round(3), "unter_schwelle": edges[:-1] < level - 1e-12,
    })


def summary(table: pd.DataFrame, level: float = 0.5) -> pd.DataFrame:
    """Key figures of :func:`customer_trust`'s table in one row.

    >>> t = pd.DataFrame({"kontakte": [2, 1], "gehalten": [1, 1], "gebrochen": [1, 0],
    ...                   "endvertrauen": [0.24, 0.6]})
    >>> summary(t).T
                                 0
    kunden                   2.000
    anteil_gebrochen         0.333
    mittleres_endvertrauen   0.420
    anteil_unter_schwelle    0.500
    """
    for col in ("kontakte", "gebrochen", "endvertrauen"):
        if col not in table.columns:
            raise KundenkitError(f"Die Spalte '{col}' fehlt. Berechnen Sie die Tabelle mit customer_trust(...).")
    return pd.DataFrame([{
        "kunden": len(table),
        "anteil_gebrochen": round(float(table["gebrochen"].sum() / max(table["kontakte"].sum(), 1)), 3),
        "mittleres_endvertrauen": round(float(table["endvertrauen"].mean()), 3),
        "anteil_unter_schwelle": round(share_below(table["endvertrauen"], level), 3),
    }])
