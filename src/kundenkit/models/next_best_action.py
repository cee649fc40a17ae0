"""Lesson 3.9: "Man kann eine Beziehung auch totquatschen – Warum „next best action“ sinnvoll ist".

Story title from Hafner (2019), Kap. 3; the book's story text is not among the
course's sources. In chapter 1 ("Profitabler Partner – nicht König!") Hafner
writes that customers react only to relevant communication and that a
relationship can be talked to death.

What real next-best-action systems do (Pega Customer Decision Hub, product
documentation on engagement policies, contact policies and prioritization):

1. **Engagement policies** filter the actions per customer: *eligibility* (the
   customer qualifies at all), *applicability* (the action is relevant now),
   *suitability* (the action is in the customer's interest).
2. **Contact policies** suppress actions: here at most ``k`` contacts per
   channel in any sliding window of ``W`` days, and a pause of ``D`` days after
   ``N`` ignored impressions of an action.
3. **Arbitration** ranks what is left by priority = propensity × value × business
   weight; the top action is chosen (one action or none per customer).

:func:`next_best_action` does exactly these three steps on tidy tables and says
why in German. :func:`course_setup` builds customers, actions and propensities
from the learner's ``transaktionen`` (a *model of the course*, see
:class:`CourseAssumptions`), and :func:`simulate_year` plays a year of contacts
with a fatigue model of the course (:class:`FatigueModel`): "send every eligible
offer" against "top-1 next best action under the contact cap". Its curve of value
over contact frequency is an inverted U – the shape Godfrey, Seiders & Voss (2011,
Journal of Marketing 75(4)) found for repurchase over relational communication.
The course model is *not* fitted to their data: its numbers come from the
learner's transactions and from the labelled assumptions.
"""
from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_date, de_number
from kundenkit.validation import check_columns

OFFER, SERVICE, THANKS = "Angebot", "Service", "Dank"
KINDS = (OFFER, SERVICE, THANKS)
SERVICE_ACTION, THANKS_ACTION = "Service-Hinweis", "Dankeschön"
CHOSEN = "höchste Priorität"
NOT_ELIGIBLE, NOT_APPLICABLE, NOT_SUITABLE = "nicht berechtigt", "nicht anwendbar", "nicht geeignet"
NO_ACTION = "keine passende Aktion"
FREE = "frei"
# How a count of contacts over a channel is written in a reason ("2 E-Mails in 7 Tagen").
CHANNEL_WORDS = {"E-Mail": ("E-Mail", "E-Mails"), "Telefon": ("Anruf", "Anrufe"), "Brief": ("Brief", "Briefe"),
                 "SMS": ("SMS", "SMS")}
DECISION_COLUMNS = ("aktion", "art", "kanal", "neigung", "aktionswert", "gewicht", "priorität", "grund")


# ---------------------------------------------------------------------------
# The contact policy
# ---------------------------------------------------------------------------

def _whole(name: str, value, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not minimum <= int(value) <= maximum:
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}. Erlaubt sind ganze Zahlen von {minimum} bis "
                             f"{maximum}.", parameter=name, wert=value)
    return int(value)


@dataclass(frozen=True)
class ContactPolicy:
    """The contact rules: a cap per channel in a sliding window, and a pause after ignored contacts.

    Parameters
    ----------
    max_contacts : int
        At most this many contacts per customer and channel in any window of ``window_days`` days (k).
    window_days : int
        Length of the sliding window in days (W).
    pause_after : int
        After this many ignored contacts of an action in a row (N) …
    pause_days : int
        … the action pauses for this many days (D).

    Examples
    --------
    >>> ContactPolicy(max_contacts=2, window_days=7)
    ContactPolicy(max_contacts=2, window_days=7, pause_after=3, pause_days=30)
    >>> ContactPolicy(max_contacts=-1)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'max_contacts' ist -1. Erlaubt sind ganze Zahlen von 0 bis 1000.
    >>> ContactPolicy(window_days=2.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'window_days' ist 2.5. Erlaubt sind ganze Zahlen von 1 bis 3660.
    """

    max_contacts: int = 2
    window_days: int = 7
    pause_after: int = 3
    pause_days: int = 30

    def __post_init__(self):
        _whole("max_contacts", self.max_contacts, 0, 1000)
        _whole("window_days", self.window_days, 1, 3660)
        _whole("pause_after", self.pause_after, 1, 1000)
        _whole("pause_days", self.pause_days, 0, 3660)


def contacts_text(count: int, channel: str, window_days: int) -> str:
    """How many contacts over a channel in how many days, in German.

    >>> contacts_text(2, "E-Mail", 7), contacts_text(1, "Telefon", 30), contacts_text(3, "Chat", 14)
    ('2 E-Mails in 7 Tagen', '1 Anruf in 30 Tagen', '3 Kontakte über Chat in 14 Tagen')
    """
    days = f"{window_days} Tag" if window_days == 1 else f"{window_days} Tagen"
    if channel in CHANNEL_WORDS:
        one, many = CHANNEL_WORDS[channel]
        return f"{count} {one if count == 1 else many} in {days}"
    return f"{count} Kontakt{'' if count == 1 else 'e'} über {channel} in {days}"


# ---------------------------------------------------------------------------
# Evaluating every customer × action pair, then choosing
# ---------------------------------------------------------------------------

def _bool_column(frame: pd.DataFrame, column: str, table: str, parameter: str) -> np.ndarray:
    values = frame[column]
    if values.isna().any() or not values.map(lambda v: isinstance(v, (bool, np.bool_))).all():
        bad = values[values.isna() | ~values.map(lambda v: isinstance(v, (bool, np.bool_)))].iloc[0]
        raise KundenkitError(f"In der Tabelle {table} (Parameter {parameter}) enthält die Spalte '{column}' den "
                             f"Wert {bad!r}. Erlaubt sind nur ja/nein (True/False).", spalte=column, wert=bad)
    return values.to_numpy(dtype=bool)


def _today(value) -> pd.Timestamp:
    try:
        today = pd.Timestamp(value)
    except (TypeError, ValueError):
        today = pd.NaT
    if pd.isna(today):
        raise KundenkitError(f"Der Parameter 'today' ist {value!r}. Geben Sie ein Datum an, zum Beispiel "
                             "\"2025-01-15\".", parameter="today", wert=value)
    return today.normalize()


def evaluate_actions(customers: pd.DataFrame, actions: pd.DataFrame, policy: ContactPolicy, *,
                     propensities: pd.DataFrame | None = None, history: pd.DataFrame | None = None,
                     today=None, customer_col: str = "kunden_id", action_col: str = "aktion",
                     channel_col: str = "kanal", value_col: str = "aktionswert", weight_col: str = "gewicht",
                     kind_col: str = "art", propensity_col: str = "neigung", eligible_col: str = "berechtigt",
                     applicable_col: str = "anwendbar", suitable_col: str = "geeignet", date_col: str = "datum",
                     response_col: str = "reagiert") -> pd.DataFrame:
    """Every customer × action pair with its priority and status: the three filters and the contact policy.

    The status of a pair is the first that applies: ``nicht berechtigt`` (the
    customer's ``eligible_col`` is False), ``nicht anwendbar``, ``nicht geeignet``
    (the pair's ``applicable_col`` / ``suitable_col`` in ``propensities`` is False;
    a pair missing there is not applicable), ``pausiert bis …`` (after
    ``policy.pause_after`` ignored contacts in a row the action pauses for
    ``policy.pause_days`` days; a response starts the count anew),
    ``Kontaktgrenze erreicht: …`` (the window of the last ``policy.window_days``
    days up to ``today`` holds ``policy.max_contacts`` contacts over the action's
    channel already), else ``frei``. Parameters as in :func:`next_best_action`.

    Returns
    -------
    DataFrame with one row per pair, customers in their order and actions in theirs:
    ``customer_col``, ``aktion``, ``art``, ``kanal``, ``neigung``, ``aktionswert``,
    ``gewicht``, ``priorität`` (neigung × aktionswert × gewicht), ``status``,
    ``pausiert_bis`` (last paused day or NaT) and ``kontakte_im_fenster``.

    Examples
    --------
    >>> kunden = pd.DataFrame({"kunden_id": ["K1", "K2"], "berechtigt": [True, False]})
    >>> aktionen = pd.DataFrame({"aktion": ["Angebot A", "Service-Hinweis"], "kanal": ["E-Mail", "Telefon"],
    ...                          "aktionswert": [20.0, 2.0], "neigung": [0.1, 0.5]})
    >>> evaluate_actions(kunden, aktionen, ContactPolicy(), today="2025-01-15")[
    ...     ["kunden_id", "aktion", "priorität", "status"]]
      kunden_id           aktion  priorität            status
    0        K1        Angebot A        2.0              frei
    1        K1  Service-Hinweis        1.0              frei
    2        K2        Angebot A        2.0  nicht berechtigt
    3        K2  Service-Hinweis        1.0  nicht berechtigt
    """
    check_columns(customers, "kunden", {"customer_col": customer_col})
    check_columns(actions, "aktionen", {"action_col": action_col, "channel_col": channel_col,
                                        "value_col": value_col})
    if not isinstance(policy, ContactPolicy):
        raise KundenkitError(f"Der Parameter 'policy' muss eine ContactPolicy sein, nicht {type(policy).__name__}. "
                             "Schreiben Sie zum Beispiel ContactPolicy(max_contacts=2, window_days=7).",
                             parameter="policy")
    if actions[action_col].duplicated().any():
        twice = actions.loc[actions[action_col].duplicated(), action_col].iloc[0]
        raise KundenkitError(f"Die Aktion '{twice}' steht zweimal in der Tabelle aktionen (Spalte '{action_col}'). "
                             "Geben Sie jeder Aktion einen eigenen Namen.", spalte=action_col, wert=twice)
    ids = customers[customer_col].astype(str).to_numpy()
    names = actions[action_col].astype(str).to_numpy()
    n, a = len(ids), len(names)
    value = pd.to_numeric(actions[value_col], errors="coerce").to_numpy(dtype=float)
    weight = (pd.to_numeric(actions[weight_col], errors="coerce").to_numpy(dtype=float)
              if weight_col in actions.columns else np.ones(a))
    for column, numbers_ in ((value_col, value), (weight_col, weight)):
        if np.isnan(numbers_).any() or (numbers_ < 0).any():
            raise KundenkitError(f"In der Tabelle aktionen hat die Spalte '{column}' einen leeren oder negativen "
                                 "Wert. Tragen Sie für jede Aktion eine Zahl ab 0 ein.", spalte=column)
    kind = (actions[kind_col].astype(str).to_numpy() if kind_col in actions.columns else np.full(a, OFFER))
    channel = actions[channel_col].astype(str).to_numpy()
    eligible = (_bool_column(customers, eligible_col, "kunden", "eligible_col")
                if eligible_col in customers.columns else np.ones(n, dtype=bool))

    # Propensity, applicability and suitability of each pair.
    if propensities is None:
        if propensity_col not in actions.columns:
            raise KundenkitError(f"Es fehlt die Neigung: Geben Sie propensities=… an (eine Zeile je Kunde und "
                                 f"Aktion) oder eine Spalte '{propensity_col}' in der Tabelle aktionen.",
                                 parameter="propensities")
        prop = np.tile(pd.to_numeric(actions[propensity_col]).to_numpy(dtype=float), (n, 1))
        applicable = np.ones((n, a), dtype=bool)
        suitable = np.ones((n, a), dtype=bool)
    else:
        check_columns(propensities, "neigungen", {"customer_col": customer_col, "action_col": action_col,
                                                  "propensity_col": propensity_col})
        row = pd.Index(ids).get_indexer(propensities[customer_col].astype(str))
        col = pd.Index(names).get_indexer(propensities[action_col].astype(str))
        keep = (row >= 0) & (col >= 0)
        row, col = row[keep], col[keep]
        prop = np.zeros((n, a))
        prop[row, col] = pd.to_numeric(propensities[propensity_col]).to_numpy(dtype=float)[keep]
        known = np.zeros((n, a), dtype=bool)
        known[row, col] = True
        applicable, suitable = known.copy(), np.ones((n, a), dtype=bool)
        if applicable_col in propensities.columns:
            applicable[row, col] = _bool_column(propensities, applicable_col, "neigungen", "applicable_col")[keep]
        if suitable_col in propensities.columns:
            suitable[row, col] = _bool_column(propensities, suitable_col, "neigungen", "suitable_col")[keep]
    if np.isnan(prop).any() or (prop < 0).any() or (prop > 1).any():
        raise KundenkitError(f"Eine Neigung (Spalte '{propensity_col}') ist leer oder liegt nicht zwischen 0 und 1. "
                             "Die Neigung ist eine Wahrscheinlichkeit: 0,12 für 12 %.", spalte=propensity_col)

    today = _today(today if today is not None else pd.Timestamp.today())
    paused_until = np.full((n, a), np.datetime64("NaT"), dtype="datetime64[us]")
    in_window = np.zeros((n, a), dtype=np.int64)
    if history is not None and len(history):
        paused_until, in_window = _contact_state(history, ids, names, channel, policy, today,
                                                 customer_col=customer_col, action_col=action_col,
                                                 channel_col=channel_col, date_col=date_col,
                                                 response_col=response_col)
    paused = ~np.isnat(paused_until) & (paused_until >= np.datetime64(today, "us"))
    capped = in_window >= policy.max_contacts

    status = np.full((n, a), FREE, dtype=object)
    cap_text = np.array([[f"Kontaktgrenze erreicht: {contacts_text(c, channel[j], policy.window_days)}"
                          for j, c in enumerate(r)] for r in in_window], dtype=object).reshape(n, a) if capped.any() \
        else np.full((n, a), "", dtype=object)
    status = np.where(capped, cap_text, status)
    if paused.any():
        pause_text = np.array([f"pausiert bis {de_date(pd.Timestamp(d))}" if not np.isnat(d) else ""
                               for d in paused_until.ravel()], dtype=object).reshape(n, a)
        status = np.where(paused, pause_text, status)
    status = np.where(~suitable, NOT_SUITABLE, status)
    status = np.where(~applicable, NOT_APPLICABLE, status)
    status = np.where(~eligible[:, None], NOT_ELIGIBLE, status)
    return pd.DataFrame({
        customer_col: np.repeat(ids, a), "aktion": np.tile(names, n), "art": np.tile(kind, n),
        "kanal": np.tile(channel, n), "neigung": prop.ravel(), "aktionswert": np.tile(value, n),
        "gewicht": np.tile(weight, n), "priorität": (prop * value[None, :] * weight[None, :]).ravel(),
        "status": status.ravel(), "pausiert_bis": pd.to_datetime(paused_until.ravel()),
        "kontakte_im_fenster": in_window.ravel(),
    })


def _contact_state(history: pd.DataFrame, ids, names, channel, policy: ContactPolicy, today: pd.Timestamp, *,
                   customer_col: str, action_col: str, channel_col: str, date_col: str, response_col: str):
    """Last paused day of each pair and contacts in today's window over each pair's channel (from the history)."""
    check_columns(history, "kontakthistorie", {"customer_col": customer_col, "action_col": action_col,
                                               "date_col": date_col, "response_col": response_col})
    n, a = len(ids), len(names)
    dates = pd.to_datetime(history[date_col], errors="coerce").dt.normalize()
    if dates.isna().any():
        bad = history.loc[dates.isna(), date_col].iloc[0]
        raise KundenkitError(f"In der Kontakthistorie ist '{bad}' kein Datum (Spalte '{date_col}').",
                             spalte=date_col, wert=bad)
    if (dates > today).any():
        late = dates[dates > today].iloc[0]
        raise KundenkitError(f"Die Kontakthistorie enthält einen Kontakt am {de_date(late)}, nach dem Stichtag "
                             f"{de_date(today)}. Geben Sie als today den Tag der Entscheidung an oder lassen Sie "
                             "spätere Kontakte weg.", parameter="today", wert=de_date(late))
    responded = _bool_column(history, response_col, "kontakthistorie", "response_col")
    row = pd.Index(ids).get_indexer(history[customer_col].astype(str))
    col = pd.Index(names).get_indexer(history[action_col].astype(str))
    hist_channel = (history[channel_col].astype(str).to_numpy() if channel_col in history.columns
                    else np.where(col >= 0, channel[np.maximum(col, 0)], ""))
    frame = pd.DataFrame({"row": row, "col": col, "kanal": hist_channel, "datum": dates.to_numpy(),
                          "reagiert": responded})
    frame = frame[frame["row"] >= 0]

    # Contacts over each channel in the window (today − W, today].
    start = today - pd.Timedelta(days=policy.window_days - 1)
    recent = frame[frame["datum"] >= start]
    counts = recent.groupby(["row", "kanal"]).size()
    in_window = np.zeros((n, a), dtype=np.int64)
    channel_index = {c: j for j, c in enumerate(pd.unique(channel))}
    per_channel = np.zeros((n, len(channel_index)), dtype=np.int64)
    for (r, c), count in counts.items():
        if c in channel_index:
            per_channel[r, channel_index[c]] = count
    in_window[:, :] = per_channel[:, [channel_index[c] for c in channel]]

    # Pauses: ignored contacts of a pair since its last response, counted in blocks of N.
    paused_until = np.full((n, a), np.datetime64("NaT"), dtype="datetime64[us]")
    pairs = frame[frame["col"] >= 0].sort_values(["row", "col", "datum", "reagiert"], kind="stable")
    if len(pairs) and policy.pause_days > 0:
        last_response = pairs[pairs["reagiert"]].groupby(["row", "col"])["datum"].max()
        since = pairs.join(last_response.rename("antwort"), on=["row", "col"])
        ignored = since[~since["reagiert"] & (since["antwort"].isna() | (since["datum"] > since["antwort"]))]
        number = ignored.groupby(["row", "col"]).cumcount() + 1
        anchors = ignored[number % policy.pause_after == 0].groupby(["row", "col"])["datum"].max()
        if len(anchors):
            r = anchors.index.get_level_values(0).to_numpy()
            c = anchors.index.get_level_values(1).to_numpy()
            paused_until[r, c] = (anchors.to_numpy() + np.timedelta64(policy.pause_days, "D")).astype(
                "datetime64[us]")
    return paused_until, in_window


def next_best_action(customers: pd.DataFrame, actions: pd.DataFrame, policy: ContactPolicy | None = None, *,
                     propensities: pd.DataFrame | None = None, history: pd.DataFrame | None = None,
                     today=None, customer_col: str = "kunden_id", action_col: str = "aktion",
                     channel_col: str = "kanal", value_col: str = "aktionswert", weight_col: str = "gewicht",
                     kind_col: str = "art", propensity_col: str = "neigung", eligible_col: str = "berechtigt",
                     applicable_col: str = "anwendbar", suitable_col: str = "geeignet", date_col: str = "datum",
                     response_col: str = "reagiert") -> pd.DataFrame:
    """One action or none per customer: filter, apply the contact policy, rank by priority – with the reason.

    Parameters
    ----------
    customers : DataFrame
        One row per customer: ``customer_col`` and optionally ``eligible_col``
        (True/False; missing: every customer is eligible).
    actions : DataFrame
        One row per action: ``action_col``, ``channel_col``, ``value_col`` (€ per
        response), optionally ``weight_col`` (business weight, default 1),
        ``kind_col`` (Angebot/Service/Dank) and ``propensity_col`` (the same
        propensity for every customer, if ``propensities`` is not given).
    policy : ContactPolicy
        The contact rules (default: ``ContactPolicy()``).
    propensities : DataFrame, optional
        One row per customer and action: ``propensity_col`` (0–1), optionally
        ``applicable_col`` and ``suitable_col`` (True/False). Missing pairs are not applicable.
    history : DataFrame, optional
        Past contacts: ``customer_col``, ``action_col``, ``date_col``,
        ``response_col`` (True if the customer responded), optionally ``channel_col``
        (else the action's channel). No contact may lie after ``today``.
    today : date, optional
        Day of the decision (default: today).

    Returns
    -------
    DataFrame, one row per customer in their order: ``customer_col``, ``aktion``,
    ``art``, ``kanal``, ``neigung``, ``aktionswert``, ``gewicht``, ``priorität``
    and ``grund``. Without an action the action columns are empty and ``grund``
    says why: ``nicht berechtigt``, ``keine passende Aktion`` (nothing passes the
    filters or has a priority above 0), or what blocks the action with the highest
    priority (``Kontaktgrenze erreicht: 2 E-Mails in 7 Tagen``, ``pausiert bis …``).
    Ties in priority go to the action listed first.

    Examples
    --------
    >>> kunden = pd.DataFrame({"kunden_id": ["K1", "K2", "K3"], "berechtigt": [True, True, False]})
    >>> aktionen = pd.DataFrame({"aktion": ["Angebot A", "Service-Hinweis"], "kanal": ["E-Mail", "Telefon"],
    ...                          "aktionswert": [20.0, 2.0], "gewicht": [1.0, 1.0]})
    >>> neigung = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K2"], "aktion": ["Angebot A", "Service-Hinweis"] * 2,
    ...                         "neigung": [0.10, 0.0, 0.02, 0.5]})
    >>> historie = pd.DataFrame({"kunden_id": ["K1", "K1"], "aktion": ["Angebot A", "Angebot A"],
    ...                          "datum": ["2025-01-10", "2025-01-13"], "reagiert": [False, False]})
    >>> regeln = ContactPolicy(max_contacts=2, window_days=7)
    >>> nba = next_best_action(kunden, aktionen, regeln, propensities=neigung, history=historie, today="2025-01-15")
    >>> nba[["kunden_id", "aktion", "grund"]]
      kunden_id           aktion                                         grund
    0        K1             <NA>  Kontaktgrenze erreicht: 2 E-Mails in 7 Tagen
    1        K2  Service-Hinweis                             höchste Priorität
    2        K3             <NA>                              nicht berechtigt

    K2's offer has the priority 0,02 × 20 × 1 = 0,4, the service hint 0,5 × 2 × 1 = 1,0. For K1 the
    two e-mails lie more than 7 days back on 20 January – and after a third ignored e-mail the offer pauses:

    >>> next_best_action(kunden, aktionen, regeln, propensities=neigung, history=historie,
    ...                  today="2025-01-20").loc[0, ["aktion", "grund"]].tolist()
    ['Angebot A', 'höchste Priorität']
    >>> dritte = pd.concat([historie, pd.DataFrame({"kunden_id": ["K1"], "aktion": ["Angebot A"],
    ...                                             "datum": ["2025-01-20"], "reagiert": [False]})])
    >>> next_best_action(kunden, aktionen, regeln, propensities=neigung, history=dritte,
    ...                  today="2025-02-01").loc[0, "grund"]
    'pausiert bis 19.02.2025'
    """
    policy = ContactPolicy() if policy is None else policy
    pairs = evaluate_actions(customers, actions, policy, propensities=propensities, history=history, today=today,
                             customer_col=customer_col, action_col=action_col, channel_col=channel_col,
                             value_col=value_col, weight_col=weight_col, kind_col=kind_col,
                             propensity_col=propensity_col, eligible_col=eligible_col,
                             applicable_col=applicable_col, suitable_col=suitable_col, date_col=date_col,
                             response_col=response_col)
    return choose(pairs, customer_col=customer_col)


def choose(pairs: pd.DataFrame, *, customer_col: str = "kunden_id") -> pd.DataFrame:
    """The decision per customer from :func:`evaluate_actions`: the free action with the highest priority.

    >>> pairs = pd.DataFrame({"kunden_id": ["K1", "K1"], "aktion": ["A", "B"], "art": ["Angebot"] * 2,
    ...                       "kanal": ["E-Mail"] * 2, "neigung": [0.1, 0.2], "aktionswert": [10.0, 10.0],
    ...                       "gewicht": [1.0, 1.0], "priorität": [1.0, 2.0],
    ...                       "status": ["frei", "pausiert bis 01.02.2025"]})
    >>> choose(pairs)[["aktion", "grund"]]
      aktion              grund
    0      A  höchste Priorität
    """
    ids = pd.unique(pairs[customer_col])
    n = len(ids)
    a = len(pairs) // n if n else 0
    status = pairs["status"].to_numpy().reshape(n, a)
    prio = pairs["priorität"].to_numpy(dtype=float).reshape(n, a)
    worth = prio > 0
    free = (status == FREE) & worth
    candidate = ~np.isin(status, [NOT_ELIGIBLE, NOT_APPLICABLE, NOT_SUITABLE]) & worth
    rows = np.arange(n)
    best_free = np.where(free, prio, -np.inf).argmax(axis=1) if a else np.zeros(n, dtype=int)
    best_blocked = np.where(candidate, prio, -np.inf).argmax(axis=1) if a else np.zeros(n, dtype=int)
    has = free.any(axis=1) if a else np.zeros(n, dtype=bool)
    reason = np.where(has, CHOSEN, NO_ACTION).astype(object)
    blocked = ~has & candidate.any(axis=1) if a else np.zeros(n, dtype=bool)
    if a:
        reason[blocked] = status[rows[blocked], best_blocked[blocked]]
        reason[(status == NOT_ELIGIBLE).all(axis=1) & ~has] = NOT_ELIGIBLE
    pick = rows * a + best_free
    out = pd.DataFrame({customer_col: ids})
    for column in DECISION_COLUMNS[:-1]:
        values = pairs[column].to_numpy()[pick] if n and a else np.array([], dtype=object)
        out[column] = pd.Series(values).where(has)
        if column in ("aktion", "art", "kanal"):
            out[column] = out[column].astype("string")
        else:
            out[column] = out[column].astype(float)
    out["grund"] = pd.Series(reason, dtype="string")
    return out


def decision_summary(decisions: pd.DataFrame) -> pd.DataFrame:
    """How many customers get which action, and why others get none (the rows of :func:`next_best_action`).

    >>> d = pd.DataFrame({"aktion": ["A", "A", None, None], "grund": ["höchste Priorität"] * 2
    ...                   + ["nicht berechtigt", "pausiert bis 01.02.2025"]})
    >>> decision_summary(d)
                            ergebnis  kunden  anteil
    0                      Aktion: A       2    0.50
    1  ohne Aktion: nicht berechtigt       1    0.25
    2          ohne Aktion: pausiert       1    0.25
    """
    label = np.where(decisions["aktion"].notna(), "Aktion: " + decisions["aktion"].astype(str),
                     "ohne Aktion: " + decisions["grund"].astype(str).str.replace(r" bis .*$", "", regex=True)
                     .str.replace(r": .*$", "", regex=True))
    counts = pd.Series(label).value_counts(sort=False)
    table = pd.DataFrame({"ergebnis": counts.index.astype(str), "kunden": counts.to_numpy()})
    table["anteil"] = table["kunden"] / max(len(decisions), 1)
    table["ohne"] = table["ergebnis"].str.startswith("ohne")
    return (table.sort_values(["ohne", "kunden", "ergebnis"], ascending=[True, False, True], kind="stable")
            .drop(columns="ohne").reset_index(drop=True))


# ---------------------------------------------------------------------------
# Customers, actions and propensities from the learner's transactions (model of the course)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CourseAssumptions:
    """Assumptions of the course model that turns transactions into actions and propensities.

    None of these numbers comes from the book or from a study; each is a simple,
    adjustable choice of the course.

    Attributes
    ----------
    margin : float
        Contribution margin per euro of revenue: the value of a response to an
        offer is the category's mean amount × ``margin``.
    max_response : float
        Propensity of a customer who buys only this category; others get it in
        proportion to their (smoothed) share of purchases in the category.
    smoothing : float
        Smoothing: each customer's purchases are topped up with this many
        purchases spread like those of all customers (few purchases, little certainty).
    active_days : int
        Eligible are customers with a purchase in the last ``active_days`` days.
    recent_days : int
        An offer is not applicable within ``recent_days`` days after a purchase in
        its category; a thank-you only within ``recent_days`` days after a purchase.
    budget_factor : float
        An offer is suitable if the category's typical amount is at most
        ``budget_factor`` × the customer's typical purchase (median).
    service_value, thanks_value : float
        Value of a positive response to a service hint or a thank-you, as a share
        of the mean value of the offers.
    relation_response : float
        Propensity to take up a service hint or a thank-you.
    """

    margin: float = 0.20
    max_response: float = 0.20
    smoothing: float = 5.0
    active_days: int = 365
    recent_days: int = 30
    budget_factor: float = 3.0
    service_value: float = 0.10
    thanks_value: float = 0.05
    relation_response: float = 0.30

    def __post_init__(self):
        for name in ("margin", "max_response", "service_value", "thanks_value", "relation_response"):
            _share(name, getattr(self, name))
        for name in ("smoothing", "budget_factor"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 1000:
                raise KundenkitError(f"Der Parameter '{name}' ist {value!r}. Erlaubt sind Zahlen von 0 bis 1000.",
                                     parameter=name, wert=value)
        _whole("active_days", self.active_days, 1, 3660)
        _whole("recent_days", self.recent_days, 0, 3660)


def _share(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= float(value) <= 1:
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}. Erlaubt sind Anteile von 0 bis 1 "
                             "(0.2 für 20 %).", parameter=name, wert=value)
    return float(value)


@dataclass(frozen=True, eq=False)
class CourseSetup:
    """Customers, actions and propensities of the course model, as tables and as arrays for the simulation.

    Built by :func:`course_setup`. ``customers`` has ``kunden_id``, ``berechtigt``,
    ``letzter_kauf``, ``käufe`` and ``typischer_einkauf``; ``actions`` has
    ``aktion``, ``art``, ``kategorie``, ``kanal``, ``aktionswert``, ``gewicht`` and
    ``typischer_betrag``. The arrays have one row per customer and one column per action.
    """

    customers: pd.DataFrame
    actions: pd.DataFrame
    today: pd.Timestamp
    assumptions: CourseAssumptions
    propensity: np.ndarray = field(repr=False)      # customers × actions
    applicable: np.ndarray = field(repr=False)
    suitable: np.ndarray = field(repr=False)
    days_since_category: np.ndarray = field(repr=False)   # days since the last purchase of the action's category
    days_since_purchase: np.ndarray = field(repr=False)   # per customer

    @property
    def propensities(self) -> pd.DataFrame:
        """The long table for :func:`next_best_action`: ``kunden_id``, ``aktion``, ``neigung``, ``anwendbar``,
        ``geeignet``."""
        n, a = self.propensity.shape
        return pd.DataFrame({
            "kunden_id": np.repeat(self.customers["kunden_id"].to_numpy(), a),
            "aktion": np.tile(self.actions["aktion"].to_numpy(), n),
            "neigung": self.propensity.ravel(), "anwendbar": self.applicable.ravel(),
            "geeignet": self.suitable.ravel(),
        })

    def decide(self, policy: ContactPolicy | None = None, *, history: pd.DataFrame | None = None,
               weights: Mapping[str, float] | None = None, today=None) -> pd.DataFrame:
        """:func:`next_best_action` for these customers, actions and propensities (weights by kind or action)."""
        return next_best_action(self.customers, weighted_actions(self.actions, weights), policy,
                                propensities=self.propensities, history=history,
                                today=self.today if today is None else today)


def weighted_actions(actions: pd.DataFrame, weights: Mapping[str, float] | None) -> pd.DataFrame:
    """The actions with business weights set by kind (``Angebot``, ``Service``, ``Dank``) or by action name.

    >>> a = pd.DataFrame({"aktion": ["Angebot Mode", "Dankeschön"], "art": ["Angebot", "Dank"], "gewicht": 1.0})
    >>> weighted_actions(a, {"Dank": 2.0, "Angebot Mode": 0.5})["gewicht"].tolist()
    [0.5, 2.0]
    >>> weighted_actions(a, {"Rabatt": 2.0})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Ein Gewicht für 'Rabatt' passt zu keiner Aktion und keiner Art. Erlaubt sind:
        Angebot, Service, Dank, Angebot Mode, Dankeschön.
    """
    out = actions.copy()
    if not weights:
        return out
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 100:
            raise KundenkitError(f"Das Gewicht für '{key}' ist {value!r}. Erlaubt sind Zahlen von 0 bis 100 "
                                 "(1 heißt: unverändert).", parameter="weights", wert=value)
        if key in KINDS:
            out.loc[out["art"] == key, "gewicht"] = float(value)
        elif key in set(out["aktion"]):
            out.loc[out["aktion"] == key, "gewicht"] = float(value)
        else:
            raise KundenkitError(f"Ein Gewicht für '{key}' passt zu keiner Aktion und keiner Art. Erlaubt sind: "
                                 f"{', '.join([*KINDS, *map(str, out['aktion'])])}.", parameter="weights", wert=key)
    return out


def course_setup(transaktionen: pd.DataFrame, *, assumptions: CourseAssumptions | None = None, today=None,
                 customer_col: str = "kunden_id", date_col: str = "datum", amount_col: str = "betrag",
                 category_col: str = "kategorie") -> CourseSetup:
    """Customers, actions and propensities from the learner's transactions – the model of the course.

    One offer per product category (``Angebot <Kategorie>``, by e-mail; value =
    the category's mean amount × margin), a ``Service-Hinweis`` (by phone) and a
    ``Dankeschön`` (by letter). Propensity of an offer: ``max_response`` × the
    customer's smoothed share of purchases in its category. Eligible: a purchase in
    the last ``active_days`` days. Applicable: an offer not within ``recent_days``
    after a purchase in its category, a thank-you only then. Suitable: the
    category's typical amount at most ``budget_factor`` × the customer's typical
    purchase. ``today`` defaults to the day after the last purchase.

    Examples
    --------
    >>> t = pd.DataFrame({"kunden_id": ["K1", "K1", "K1", "K2"],
    ...                   "datum": pd.to_datetime(["2024-11-02", "2024-12-20", "2024-12-28", "2023-05-01"]),
    ...                   "betrag": [40.0, 60.0, 50.0, 500.0], "kategorie": ["Mode", "Mode", "Haushalt", "Haushalt"]})
    >>> s = course_setup(t)
    >>> s.today.date()
    datetime.date(2024, 12, 29)
    >>> s.actions[["aktion", "kanal", "aktionswert"]].round(2)        # (50 + 500) / 2 × 20 % = 55
                 aktion    kanal  aktionswert
    0  Angebot Haushalt   E-Mail        55.00
    1      Angebot Mode   E-Mail        10.00
    2   Service-Hinweis  Telefon         3.25
    3        Dankeschön    Brief         1.62
    >>> s.customers[["kunden_id", "berechtigt", "käufe"]]
      kunden_id  berechtigt  käufe
    0        K1        True      3
    1        K2       False      1
    >>> s.propensities.head(4).round(3)     # Haushalt: 0,2 × (1 + 5 × 2/4) / (3 + 5); Mode: bought 9 days ago
      kunden_id            aktion  neigung  anwendbar  geeignet
    0        K1  Angebot Haushalt    0.088      False     False
    1        K1      Angebot Mode    0.112      False      True
    2        K1   Service-Hinweis    0.300       True      True
    3        K1        Dankeschön    0.300       True      True
    """
    assumptions = CourseAssumptions() if assumptions is None else assumptions
    check_columns(transaktionen, "transaktionen", {"customer_col": customer_col, "date_col": date_col,
                                                   "amount_col": amount_col, "category_col": category_col})
    frame = pd.DataFrame({
        "kunde": transaktionen[customer_col].astype(str).to_numpy(),
        "datum": pd.to_datetime(transaktionen[date_col], errors="coerce").dt.normalize().to_numpy(),
        "betrag": pd.to_numeric(transaktionen[amount_col], errors="coerce").to_numpy(dtype=float),
        "kategorie": transaktionen[category_col].astype("string").to_numpy(),
    }).dropna()
    if frame.empty:
        raise KundenkitError("Die Tabelle transaktionen enthält keinen Kauf mit Kunden-Nr., Datum, Betrag und "
                             "Kategorie. Prüfen Sie die Datei transaktionen.csv.")
    today = (frame["datum"].max() + pd.Timedelta(days=1)) if today is None else _today(today)
    frame = frame[frame["datum"] < today]
    frame["kategorie"] = frame["kategorie"].astype(str)

    by_category = frame.groupby("kategorie", sort=True)["betrag"]
    counts_total = by_category.size()
    categories = counts_total.sort_values(ascending=False, kind="stable").index.to_numpy()
    mean_amount = by_category.mean().reindex(categories).to_numpy()
    typical_amount = by_category.median().reindex(categories).to_numpy()
    offer_value = mean_amount * assumptions.margin
    relation_base = float(offer_value.mean())

    ids, customer = np.unique(frame["kunde"].to_numpy(), return_inverse=True)
    cat = pd.Index(categories).get_indexer(frame["kategorie"].to_numpy())
    n, c = len(ids), len(categories)
    counts = np.zeros((n, c))
    np.add.at(counts, (customer, cat), 1.0)
    days = ((today - frame["datum"]).dt.days).to_numpy()
    since_cat = np.full((n, c), np.inf)
    np.minimum.at(since_cat, (customer, cat), days.astype(float))
    since_any = since_cat.min(axis=1)
    purchases = counts.sum(axis=1)
    typical_purchase = frame.groupby(customer)["betrag"].median().to_numpy()

    share = counts_total.reindex(categories).to_numpy(dtype=float) / len(frame)
    m = assumptions.smoothing
    offer_prop = assumptions.max_response * (counts + m * share[None, :]) / (purchases[:, None] + m)
    offer_applicable = since_cat > assumptions.recent_days
    offer_suitable = typical_amount[None, :] <= assumptions.budget_factor * typical_purchase[:, None]

    names = [f"Angebot {k}" for k in categories] + [SERVICE_ACTION, THANKS_ACTION]
    actions = pd.DataFrame({
        "aktion": pd.array(names, dtype="string"),
        "art": pd.array([OFFER] * c + [SERVICE, THANKS], dtype="string"),
        "kategorie": pd.array([*categories, None, None], dtype="string"),
        "kanal": pd.array(["E-Mail"] * c + ["Telefon", "Brief"], dtype="string"),
        "aktionswert": np.concatenate([offer_value, [assumptions.service_value * relation_base,
                                                     assumptions.thanks_value * relation_base]]),
        "gewicht": 1.0,
        "typischer_betrag": np.concatenate([typical_amount, [np.nan, np.nan]]),
    })
    relation = np.full((n, 1), assumptions.relation_response)
    propensity = np.hstack([offer_prop, relation, relation])
    applicable = np.hstack([offer_applicable, np.ones((n, 1), dtype=bool),
                            (since_any <= assumptions.recent_days)[:, None]])
    suitable = np.hstack([offer_suitable, np.ones((n, 2), dtype=bool)])
    customers = pd.DataFrame({
        "kunden_id": pd.array(ids, dtype="string"),
        "berechtigt": since_any <= assumptions.active_days,
        "letzter_kauf": (today - pd.to_timedelta(since_any, unit="D")).astype("datetime64[us]"),
        "käufe": purchases.astype(np.int64),
        "typischer_einkauf": typical_purchase,
    })
    days_since = np.hstack([since_cat, np.full((n, 2), np.inf)])
    return CourseSetup(customers, actions, today, assumptions, propensity, applicable, suitable, days_since,
                       since_any)


# ---------------------------------------------------------------------------
# A year of contacts: send everything vs. next best action under the cap (model of the course)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FatigueModel:
    """How customers tire of contacts – the assumptions of the course's simulation (not from a study).

    Every contact raises a customer's fatigue by 1, a contact over another channel
    than the previous one by ``1 + channel_surcharge``; fatigue halves every
    ``half_life_days`` days. A customer responds to a contact with the action's
    propensity × e^(−fatigue / ``scale``), and opts out after it with the
    probability ``optout`` × fatigue (then no more contacts that year).

    Attributes
    ----------
    half_life_days : float
        Days until fatigue has halved.
    scale : float
        Fatigue at which the response has fallen to e^−1 ≈ 37 % of the propensity.
    optout : float
        Probability of opting out after a contact, per unit of fatigue.
    channel_surcharge : float
        Extra fatigue of a contact over another channel than the previous one.
    """

    half_life_days: float = 10.0
    scale: float = 3.0
    optout: float = 0.0005
    channel_surcharge: float = 0.5

    def __post_init__(self):
        for name, low, high in (("half_life_days", 0.1, 3660), ("scale", 0.01, 1000), ("optout", 0, 1),
                                ("channel_surcharge", 0, 100)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low <= value <= high:
                raise KundenkitError(f"Der Parameter '{name}' ist {value!r}. Erlaubt sind Zahlen von "
                                     f"{de_number(low, 2 if low < 1 else 0)} bis {de_number(high, 0)}.",
                                     parameter=name, wert=value)


# The windows and business weightings the lesson offers (choices of the course, simulated together once).
WINDOWS = (7, 14, 30, 60, 90)
WEIGHTINGS: dict[str, dict[str, float]] = {
    "alle gleich": {OFFER: 1.0, SERVICE: 1.0, THANKS: 1.0},
    "Angebote doppelt": {OFFER: 2.0, SERVICE: 1.0, THANKS: 1.0},
    "Service und Dank doppelt": {OFFER: 1.0, SERVICE: 2.0, THANKS: 2.0},
}
CURVE_COLUMNS = ("kontaktgrenze", "kontakte_je_kunde", "antworten_je_kunde", "anteil_abgemeldet", "wert_pro_kunde")
BLAST, NBA = "Alles senden", "Nächste beste Aktion"


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """A simulated year: one row per contact cap (``curve``) and the figures of sending everything (``blast``).

    ``curve`` and ``blast`` have the columns of :data:`CURVE_COLUMNS` (per customer
    of the sample and year; ``anteil_abgemeldet`` of the eligible customers);
    ``blast`` has one row with ``kontaktgrenze`` empty. ``log_action``,
    ``log_response`` (days × caps × customers; action index or −1) and ``channels``
    of the actions let tests check every window and pause.
    """

    curve: pd.DataFrame
    blast: pd.DataFrame
    window_days: int
    sample: np.ndarray = field(repr=False)
    log_action: np.ndarray = field(repr=False)
    log_response: np.ndarray = field(repr=False)
    action_channel: np.ndarray = field(repr=False)

    def best_cap(self) -> int:
        """The cap with the highest value per customer (the smallest of equal ones)."""
        values = self.curve["wert_pro_kunde"].to_numpy()
        return int(self.curve["kontaktgrenze"].iloc[int(np.argmax(values))])

    def row(self, cap: int) -> pd.Series:
        """The figures of one cap."""
        return self.curve.set_index("kontaktgrenze").loc[cap]

    def comparison(self, cap: int) -> pd.DataFrame:
        """Send everything vs. next best action at this cap: one row each (``strategie`` and the figures)."""
        nba = self.curve[self.curve["kontaktgrenze"] == cap]
        table = pd.concat([self.blast, nba], ignore_index=True)
        table.insert(0, "strategie", [BLAST, f"{NBA} (höchstens {cap} je Kanal in {self.window_days} Tagen)"])
        return table.drop(columns="kontaktgrenze")


def simulation_sample(n_customers: int, sample: int, seed: int = 0) -> np.ndarray:
    """The fixed sample of customers the simulation uses: ``sample`` of ``n_customers`` rows, seeded, sorted.

    >>> simulation_sample(10, 4, seed=1).tolist(), len(simulation_sample(3, 500))
    ([3, 4, 6, 9], 3)
    """
    if n_customers <= sample:
        return np.arange(n_customers)
    return np.sort(np.random.default_rng(seed).choice(n_customers, size=sample, replace=False))


def simulate_year(setup: CourseSetup, *, caps: Sequence[int] = tuple(range(0, 11)), window_days: int = 30,
                  weights: Mapping[str, float] | None = None, pause_after: int = 3, pause_days: int = 30,
                  fatigue: FatigueModel | None = None, sample: int = 500, seed: int = 0,
                  days: int = 365, blast_every_days: int = 14) -> SimulationResult:
    """Simulate a year of contacts for a fixed sample of customers (vectorised with numpy; model of the course).

    **Next best action:** every day each customer gets the free action with the
    highest priority, or none – after the three filters, at most ``cap`` contacts
    per channel in any ``window_days`` days, and a pause of ``pause_days`` days after
    ``pause_after`` ignored contacts of an action. All caps run side by side with
    the same random numbers, so their differences come from the cap alone.
    **Send everything** ("blast"): every ``blast_every_days`` days every action goes
    to every eligible customer still subscribed, whatever the filters and pauses say. Customers respond, tire and opt
    out by :class:`FatigueModel`. A response to an offer is a purchase: its
    category is then not applicable for ``recent_days`` days, and a thank-you is.

    :func:`simulate_grid` runs several windows and weightings side by side with the
    same random numbers; this is its result for one window and one weighting.

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> t = pd.DataFrame({"kunden_id": [f"K{i % 40}" for i in range(400)],
    ...                   "datum": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(400) % 360, unit="D"),
    ...                   "betrag": 20.0 + np.arange(400) % 7, "kategorie": ["A", "B", "C", "D"] * 100})
    >>> result = simulate_year(course_setup(t), caps=(0, 1, 4, 10), sample=40)
    >>> result.curve[["kontaktgrenze", "kontakte_je_kunde"]].round(0)
       kontaktgrenze  kontakte_je_kunde
    0              0                0.0
    1              1               26.0
    2              4               76.0
    3             10              116.0
    >>> float(result.curve["wert_pro_kunde"].iloc[0]), result.best_cap() in (1, 4, 10)
    (0.0, True)
    """
    return simulate_grid(setup, caps=caps, windows=(window_days,), weightings={"": weights},
                         pause_after=pause_after, pause_days=pause_days, fatigue=fatigue, sample=sample, seed=seed,
                         days=days, blast_every_days=blast_every_days)[(_whole("window_days", window_days, 1, 365), "")]


def simulate_grid(setup: CourseSetup, *, caps: Sequence[int] = tuple(range(0, 11)), windows: Sequence[int] = (30,),
                  weightings: Mapping[str, Mapping[str, float] | None] | None = None, pause_after: int = 3,
                  pause_days: int = 30, fatigue: FatigueModel | None = None, sample: int = 500, seed: int = 0,
                  days: int = 365, blast_every_days: int = 14) -> dict[tuple[int, str], SimulationResult]:
    """:func:`simulate_year` for every window and every named weighting at once (one pass over the days).

    All settings use the same sample and the same random numbers, so each result is
    exactly what :func:`simulate_year` returns for that window and weighting; the
    days are looped over once for all of them (a widget can then switch between
    them without waiting).

    Returns
    -------
    dict
        ``(window, name of the weighting)`` → :class:`SimulationResult`.

    Examples
    --------
    >>> t = pd.DataFrame({"kunden_id": [f"K{i % 40}" for i in range(400)],
    ...                   "datum": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(400) % 360, unit="D"),
    ...                   "betrag": 20.0 + np.arange(400) % 7, "kategorie": ["A", "B", "C", "D"] * 100})
    >>> s = course_setup(t)
    >>> grid = simulate_grid(s, caps=(1, 4), windows=(7, 30), weightings={"gleich": None, "Dank": {"Dank": 3.0}},
    ...                      sample=40)
    >>> sorted(grid)
    [(7, 'Dank'), (7, 'gleich'), (30, 'Dank'), (30, 'gleich')]
    >>> one = simulate_year(s, caps=(1, 4), window_days=7, weights={"Dank": 3.0}, sample=40)
    >>> one.curve.equals(grid[(7, "Dank")].curve)
    True
    """
    fatigue = FatigueModel() if fatigue is None else fatigue
    window_list = list(dict.fromkeys(_whole("window_days", w, 1, 365) for w in windows))
    weightings = {"": None} if not weightings else dict(weightings)
    pause_after = _whole("pause_after", pause_after, 1, 1000)
    pause_days = _whole("pause_days", pause_days, 0, 3660)
    days = _whole("days", days, 1, 3660)
    cap_list = [_whole("caps", c, 0, 1000) for c in caps]
    if not cap_list or not window_list:
        raise KundenkitError("Der Parameter 'caps' oder 'windows' ist leer. Geben Sie mindestens eine "
                             "Kontaktgrenze und ein Zeitfenster an, zum Beispiel caps=(1, 2, 3).", parameter="caps")
    rng = np.random.default_rng(seed)
    idx = simulation_sample(len(setup.customers), _whole("sample", sample, 1, 1_000_000), seed)
    prop = setup.propensity[idx]
    value = setup.actions["aktionswert"].to_numpy(dtype=float)
    prios = [prop * value[None, :] * weighted_actions(setup.actions, w)["gewicht"].to_numpy(dtype=float)[None, :]
             for w in weightings.values()]
    eligible = setup.customers["berechtigt"].to_numpy(dtype=bool)[idx]
    kind = setup.actions["art"].astype(str).to_numpy()
    offer, thanks = kind == OFFER, kind == THANKS
    channels, channel = np.unique(setup.actions["kanal"].astype(str).to_numpy(), return_inverse=True)
    recent = setup.assumptions.recent_days
    n, a, k, c = len(idx), len(value), len(channels), len(cap_list)
    decay = 0.5 ** (1.0 / fatigue.half_life_days)
    u_response, u_optout = rng.random((days, n)), rng.random((days, n))
    every = _whole("blast_every_days", blast_every_days, 1, 365)
    u_blast = rng.random(((days + every - 1) // every, n, a))

    # Days are counted from 0 (= today); the past is negative. All settings (window × weighting × cap) and
    # customers share one axis of rows, so that each day costs a few array operations for all of them.
    start_cat = np.where(np.isinf(setup.days_since_category[idx]), -10 ** 6,
                         -setup.days_since_category[idx]).astype(np.int64)
    start_any = np.where(np.isinf(setup.days_since_purchase[idx]), -10 ** 6,
                         -setup.days_since_purchase[idx]).astype(np.int64)
    settings = [(w, g) for w in window_list for g in range(len(prios))]
    s_count = len(settings) * c
    m = s_count * n
    rows = np.arange(m)
    cap_row = np.repeat(np.tile(np.array(cap_list, dtype=np.int64), len(settings)), n)
    blocks = [(w, slice(i * len(prios) * c * n, (i + 1) * len(prios) * c * n)) for i, w in enumerate(window_list)]
    prio_m = np.concatenate([np.tile(prios[g], (c, 1)) for _, g in settings])
    static_m = np.tile(eligible[:, None] & setup.suitable[idx], (s_count, 1)) & (prio_m > 0)
    prop_m = np.tile(prop, (s_count, 1))
    # First day on which an action is free again: after a pause (paused until day p → p + 1) and, for an
    # offer, after ``recent`` days since a purchase in its category (bought on day b → b + recent + 1).
    release = np.tile(np.where(offer[None, :], start_cat + recent + 1, 0), (s_count, 1))
    alive = np.tile(eligible, s_count)
    fatigue_now = np.zeros(m)
    last_channel = np.full(m, -1)
    window_count = np.zeros((m, k), dtype=np.int64)
    streak = np.zeros((m, a), dtype=np.int64)
    last_purchase = np.tile(start_any, s_count)
    thanked = np.zeros(m, dtype=bool)
    log_action = np.full((days, m), -1, dtype=np.int16)
    log_response = np.zeros((days, m), dtype=bool)
    contacts, responses, total = np.zeros(m), np.zeros(m), np.zeros(m)
    thanks_col = np.flatnonzero(thanks)
    surcharge, scale = fatigue.channel_surcharge, fatigue.scale

    for t in range(days):
        for w, block in blocks:                     # the contacts of day t − w leave the window of w days
            if t >= w:
                old = log_action[t - w, block]
                gone = np.flatnonzero(old >= 0)
                window_count[block.start + gone, channel[old[gone]]] -= 1
        avail = static_m & (window_count < cap_row[:, None])[:, channel] & (release <= t)
        if len(thanks_col):
            avail[:, thanks_col] &= (((t - last_purchase) <= recent) & ~thanked)[:, None]
        best = np.where(avail, prio_m, -1.0).argmax(axis=1)
        send = alive & avail.any(axis=1)
        chosen_channel = channel[best]
        switch = send & (last_channel >= 0) & (chosen_channel != last_channel)
        fatigue_now = fatigue_now * decay + send * (1.0 + surcharge * switch)
        p = prop_m[rows, best] * np.exp(-fatigue_now / scale)
        respond = send & (u_response[t] < p.reshape(s_count, n)).ravel()
        alive &= ~(send & (u_optout[t] < fatigue.optout * fatigue_now.reshape(s_count, n)).ravel())
        contacts += send
        responses += respond
        total += np.where(respond, value[best], 0.0)

        sr = np.flatnonzero(send)
        sa = best[sr]
        r = respond[sr]
        new_streak = np.where(r, 0, streak[sr, sa] + 1)
        hit = new_streak >= pause_after
        new_streak[hit] = 0
        streak[sr, sa] = new_streak
        release[sr[hit], sa[hit]] = np.maximum(release[sr[hit], sa[hit]], t + pause_days + 1)
        bought = r & offer[sa]
        release[sr[bought], sa[bought]] = np.maximum(release[sr[bought], sa[bought]], t + recent + 1)
        last_purchase[sr[bought]] = t
        thanked[sr[bought]] = False
        thanked |= send & thanks[best]
        window_count[sr, chosen_channel[sr]] += 1
        last_channel[sr] = chosen_channel[sr]
        log_action[t, sr] = sa
        log_response[t] = respond

    shape = (len(settings), c, n)
    alive_s, contacts_s, responses_s, total_s = (x.reshape(shape) for x in (alive, contacts, responses, total))
    actions_log, responses_log = log_action.reshape(days, *shape), log_response.reshape(days, *shape)
    n_eligible = max(int(eligible.sum()), 1)
    blast = _blast(prop, value, eligible, channel, fatigue, decay, u_blast, u_optout, days, n_eligible, every)
    names = list(weightings)
    out = {}
    for i, (w, g) in enumerate(settings):
        curve = pd.DataFrame({
            "kontaktgrenze": cap_list, "kontakte_je_kunde": contacts_s[i].mean(axis=1),
            "antworten_je_kunde": responses_s[i].mean(axis=1),
            "anteil_abgemeldet": (eligible[None, :] & ~alive_s[i]).sum(axis=1) / n_eligible,
            "wert_pro_kunde": total_s[i].mean(axis=1),
        })
        out[(w, names[g])] = SimulationResult(curve, blast.copy(), w, idx, actions_log[:, i], responses_log[:, i],
                                              channel)
    return out


def _blast(prop, value, eligible, channel, fatigue: FatigueModel, decay: float, u_blast, u_optout, days: int,
           n_eligible: int, every: int) -> pd.DataFrame:
    """Every ``every`` days every action to every eligible customer still subscribed."""
    n, a = prop.shape
    alive = eligible.copy()
    level = np.zeros(n)
    last_channel = np.full(n, -1)
    order = np.argsort(channel, kind="stable")
    switches_in_batch = len(np.unique(channel)) - 1
    contacts, responses, total = np.zeros(n), np.zeros(n), np.zeros(n)
    for week, t in enumerate(range(0, days, every)):
        if t:
            level = level * decay ** every
        send = alive
        first_switch = (last_channel >= 0) & (last_channel != channel[order[0]])
        level = level + send * (a + fatigue.channel_surcharge * (switches_in_batch + first_switch))
        p = prop * np.exp(-level / fatigue.scale)[:, None]
        respond = send[:, None] & (u_blast[week] < p)
        contacts += send * a
        responses += respond.sum(axis=1)
        total += (respond * value[None, :]).sum(axis=1)
        q = np.minimum(fatigue.optout * level, 1.0)
        alive = alive & ~(send & (u_optout[t] < 1 - (1 - q) ** a))
        last_channel = np.where(send, channel[order[-1]], last_channel)
    return pd.DataFrame({"kontaktgrenze": [pd.NA], "kontakte_je_kunde": [contacts.mean()],
                         "antworten_je_kunde": [responses.mean()],
                         "anteil_abgemeldet": [(eligible & ~alive).sum() / n_eligible],
                         "wert_pro_kunde": [total.mean()]})
