"""Lesson 4.9 "Weiterverbindung im Kundenservice – Nervt brutal, ist aber super!": solve it yourself or transfer?

Of Hafner's story the course knows only the title (Hafner 2019, Kap. 4). The
lesson builds on what is common ground in contact-centre practice, without
figures from outside: *first contact resolution* (FCR) is the share of requests
solved in the first contact; an unsolved request comes back as a repeat contact.
The first agent can try to solve everything (broad skills, longer handling) or
transfer to a specialist (the transfer costs waiting and, done badly, repeating
oneself – but the specialist solves more).

**Course model** (not the book's; every number is an assumption of the course or
comes from the learner's data). Per request, with the share ``t`` transferred::

    einfach  = Anteil, den die erste Person lösen kann (s);   schwierig = 1 − s
    weiter, schwierig = min(t, 1 − s)        weiter, einfach = max(t − (1 − s), 0)
    gelöst im ersten Kontakt = einfach selbst × 1 + schwierig selbst × Versuch + weiter × Spezialist
    Wiederholkontakte        = 1 − gelöst im ersten Kontakt     (jede ungelöste Anfrage kommt einmal wieder)
    Minuten = einfach selbst × Bearbeitung + schwierig selbst × Versuch (Minuten)
              + weiter × (Übergabe + Spezialist + warm × Übergabegespräch + kalt × Wiederholen)
              + Wiederholkontakte × Minuten je Wiederholkontakt
    Kosten  = Anfragen × Minuten × Kosten je Minute
    Bewertung = Ihre mittlere Bewertung − weiter × Abzug je Weiterverbindung − kalt × Abzug fürs Wiederholen
                − Wiederholkontakte × Abzug je Wiederholkontakt     (auf 1 bis 5 begrenzt)

- The first person transfers the difficult requests first ("gezielt"); only a
  share beyond the difficult ones also transfers simple requests.
- A request solved by the specialist in the same contact counts as solved in the
  first contact (a choice of the course).
- *Requests* are the learner's contacts at service touchpoints (by default every
  touchpoint whose name contains one of :data:`DEFAULT_KEYWORDS`; the learner can
  pick others), their mean rating is the starting point of the satisfaction.
- All shares, minutes, the cost per minute and the deductions are
  :class:`Assumptions` of the course, labelled and adjustable.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.validation import check_columns, check_scale, check_touchpoints

#: Touchpoints whose name contains one of these words count as service requests unless the learner names others.
DEFAULT_KEYWORDS = ("Kundenservice", "Hotline", "Beschwerde", "Reklamation", "Störung")
RATING_MIN, RATING_MAX = 1, 5
SELF, TARGETED, ALWAYS = "alles selbst lösen", "gezielt weiterverbinden", "immer weiterverbinden"
CURRENT = "Ihre Einstellung"
#: The three policies of the lesson, in this order.
POLICIES = (SELF, TARGETED, ALWAYS)
FROM_KEYWORDS = "Touchpoints mit „Kundenservice“, „Hotline“, „Beschwerde“, „Reklamation“ oder „Störung“ im Namen"
FROM_LEARNER = "von Ihnen gewählt"
TRANSFER_SHARE = 0.1   # the start value of the main control: share of requests transferred


def _number(name: str, value, *, low: float = 0.0, high: float | None = None) -> float:
    """A finite number in [low, high], else a German error naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl sein, nicht {value!r}.", parameter=name,
                             wert=value)
    if float(value) < low or (high is not None and float(value) > high):
        if high == 1:
            allowed = "Anteile von 0 % bis 100 % (0 bis 1)"
            tipp = "Schreiben Sie einen Anteil als Dezimalzahl, z. B. 0.25 für 25 %."
        else:
            allowed = f"Werte ab {low:g}" + (f" bis {high:g}" if high is not None else "")
            tipp = "Tragen Sie einen Wert in diesem Bereich ein."
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind {allowed}.", parameter=name,
                             wert=value, tipp=tipp)
    return float(value)


@dataclass(frozen=True)
class Assumptions:
    """The course's assumptions – no figures of a study; every one is adjustable.

    >>> Assumptions().simple_share, Assumptions(warm_share=1.0).warm_share
    (0.7, 1.0)
    >>> Assumptions(specialist_rate=1.2)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'specialist_rate' ist 1.2; erlaubt sind Anteile von 0 % ...
    """

    simple_share: float = 0.7        # share of requests the first person can solve
    attempt_rate: float = 0.4        # share of the difficult requests the first person solves when trying
    specialist_rate: float = 0.9     # share of the transferred requests the specialist solves
    warm_share: float = 0.5          # share of transfers made warm (handover of the case, nothing to repeat)
    cost_per_minute: float = 1.0     # € per minute of staff time (a placeholder)
    minutes_simple: float = 6.0      # first person solves a simple request
    minutes_attempt: float = 12.0    # first person tries a difficult request
    minutes_triage: float = 2.0      # first person until the transfer
    minutes_specialist: float = 8.0  # specialist's handling
    minutes_handover: float = 1.0    # warm transfer: the first person briefs the specialist
    minutes_repeat_story: float = 3.0  # cold transfer: the customer tells it all again
    minutes_repeat_contact: float = 10.0  # a repeat contact, all in
    minutes_wait: float = 2.0        # the customer waits during a transfer
    penalty_transfer: float = 0.15   # rating points lost per transfer
    penalty_repeat_story: float = 0.4  # … per cold transfer (repeating oneself)
    penalty_repeat_contact: float = 0.8  # … per repeat contact

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("simple_share", "attempt_rate", "specialist_rate", "warm_share"):
                _number(f.name, value, high=1)
            elif f.name.startswith("penalty"):
                _number(f.name, value, high=RATING_MAX - RATING_MIN)
            else:
                _number(f.name, value)

    @property
    def difficult_share(self) -> float:
        return 1 - self.simple_share


def outcome(t, a: Assumptions = Assumptions()) -> pd.DataFrame:
    """Per request, for each transfer share in ``t``: solved first time, repeat contacts, minutes, rating change.

    Columns ``anteil_weiter``, ``erstloesung`` (share solved in the first contact),
    ``wiederholkontakte`` (per request), ``minuten`` (staff minutes per request),
    ``wartezeit`` (customer minutes waiting per request) and ``abzug`` (rating
    points lost per request).

    >>> outcome([0.0, 0.3, 1.0]).round(4)
       anteil_weiter  erstloesung  wiederholkontakte  minuten  wartezeit  abzug
    0            0.0         0.82               0.18      9.6        0.0  0.144
    1            0.3         0.97               0.03      8.1        0.6  0.129
    2            1.0         0.90               0.10     13.0        2.0  0.430
    >>> outcome(1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Anteil weiterverbunden ist 1.5; erlaubt sind 0 bis 1 (0 % bis 100 %).
    """
    share = np.atleast_1d(np.asarray(t, dtype=float))
    if not np.all(np.isfinite(share)) or share.min(initial=0) < 0 or share.max(initial=0) > 1:
        bad = share[~(np.isfinite(share) & (share >= 0) & (share <= 1))][0]
        raise KundenkitError(f"Der Anteil weiterverbunden ist {float(bad):g}; erlaubt sind 0 bis 1 (0 % bis 100 %).",
                             parameter="transfer_share", wert=float(bad))
    h = a.difficult_share
    kept_simple = a.simple_share - np.maximum(share - h, 0)
    kept_difficult = h - np.minimum(share, h)
    solved = kept_simple + kept_difficult * a.attempt_rate + share * a.specialist_rate
    repeats = 1 - solved
    cold = share * (1 - a.warm_share)
    minutes = (kept_simple * a.minutes_simple + kept_difficult * a.minutes_attempt
               + share * (a.minutes_triage + a.minutes_specialist + a.warm_share * a.minutes_handover)
               + cold * a.minutes_repeat_story + repeats * a.minutes_repeat_contact)
    penalty = share * a.penalty_transfer + cold * a.penalty_repeat_story + repeats * a.penalty_repeat_contact
    return pd.DataFrame({"anteil_weiter": share, "erstloesung": solved + 0.0, "wiederholkontakte": repeats + 0.0,
                         "minuten": minutes + 0.0, "wartezeit": share * a.minutes_wait + 0.0,
                         "abzug": penalty + 0.0})


def policy_share(policy: str, a: Assumptions = Assumptions()) -> float:
    """The transfer share of a policy: none, exactly the difficult requests, all.

    >>> [round(policy_share(p), 2) for p in POLICIES]
    [0.0, 0.3, 1.0]
    """
    shares = {SELF: 0.0, TARGETED: a.difficult_share, ALWAYS: 1.0}
    if policy not in shares:
        raise KundenkitError(f"Die Strategie {policy!r} kennt der Kurs nicht.", parameter="policy", wert=policy,
                             tipp="Erlaubt sind: " + ", ".join(POLICIES) + ".")
    return float(shares[policy])


def transfer_pays_off(a: Assumptions = Assumptions()) -> dict[str, float]:
    """For one difficult request: what a transfer instead of a first attempt changes (rating points and minutes).

    Positive ``bewertung`` means the transfer leaves the customer more satisfied,
    negative ``minuten`` means it saves staff time. ``warm_ab`` is the share of
    warm transfers from which a transfer rates better (NaN if never, 0 if always).

    >>> {k: round(v, 3) for k, v in transfer_pays_off(Assumptions(warm_share=0.0)).items()}
    {'bewertung': -0.15, 'minuten': -4.0, 'warm_ab': 0.375}
    >>> round(transfer_pays_off(Assumptions(warm_share=1.0))["bewertung"], 3)
    0.25
    """
    gain_solved = a.specialist_rate - a.attempt_rate
    cold = 1 - a.warm_share
    rating = gain_solved * a.penalty_repeat_contact - a.penalty_transfer - cold * a.penalty_repeat_story
    minutes = (a.minutes_triage + a.minutes_specialist + a.warm_share * a.minutes_handover
               + cold * a.minutes_repeat_story - a.minutes_attempt - gain_solved * a.minutes_repeat_contact)
    warm_rating = gain_solved * a.penalty_repeat_contact - a.penalty_transfer   # with every transfer warm
    if warm_rating < 0:
        warm_from = math.nan
    elif a.penalty_repeat_story == 0 or warm_rating >= a.penalty_repeat_story:
        warm_from = 0.0
    else:
        warm_from = 1 - warm_rating / a.penalty_repeat_story
    return {"bewertung": float(rating), "minuten": float(minutes), "warm_ab": float(warm_from)}


def service_touchpoints(kontakte: pd.DataFrame, keywords=DEFAULT_KEYWORDS, *,
                        touchpoint_col: str = "touchpoint") -> tuple[str, ...]:
    """The touchpoints of ``kontakte`` whose name contains one of ``keywords`` (case ignored), sorted.

    >>> k = pd.DataFrame({"touchpoint": ["Kasse", "Hotline", "Störungsmeldung", "App"]})
    >>> service_touchpoints(k)
    ('Hotline', 'Störungsmeldung')
    """
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col})
    names = pd.unique(kontakte[touchpoint_col].dropna().astype(str))
    words = [str(w).casefold() for w in keywords]
    return tuple(sorted(n for n in names if any(w in n.casefold() for w in words)))


@dataclass(frozen=True)
class Requests:
    """The learner's service requests: how many and how they were rated."""

    touchpoints: tuple[str, ...]
    requests: int          # contacts at the service touchpoints
    rated: int             # … of them with a rating
    mean_rating: float     # mean rating of the rated ones (NaN without any)


@dataclass(frozen=True)
class TransferResult:
    """The model for one transfer share: the policies and the learner's setting, and the curve over the share."""

    requests: Requests
    assumptions: Assumptions
    transfer_share: float
    base_rating: float
    table: pd.DataFrame   # one row per policy and the learner's setting
    curve: pd.DataFrame   # transfer shares 0 … 100 % in steps of 5 %

    def row(self, name: str) -> pd.Series:
        return self.table[self.table["strategie"] == name].iloc[0]

    @property
    def current(self) -> pd.Series:
        return self.row(CURRENT)


def _totals(per_request: pd.DataFrame, n: int, a: Assumptions, base: float) -> pd.DataFrame:
    out = pd.DataFrame({
        "anteil_weiter": per_request["anteil_weiter"],
        "erstloesung": per_request["erstloesung"],
        "im_ersten_kontakt_geloest": per_request["erstloesung"] * n,
        "weiterverbunden": per_request["anteil_weiter"] * n,
        "wiederholkontakte": per_request["wiederholkontakte"] * n,
        "servicekosten": per_request["minuten"] * n * a.cost_per_minute,
        "kosten_je_anfrage": per_request["minuten"] * a.cost_per_minute,
        "wartezeit_stunden": per_request["wartezeit"] * n / 60,
        "bewertung_geschaetzt": np.clip(base - per_request["abzug"], RATING_MIN, RATING_MAX),
    })
    return out


def evaluate(requests: Requests, transfer_share: float = TRANSFER_SHARE,
             assumptions: Assumptions = Assumptions(), steps: int = 21) -> TransferResult:
    """The three policies and the learner's setting for these requests; the curve over the transfer share.

    The satisfaction starts from the mean rating of the requests (3 without any rating).

    >>> r = evaluate(Requests(("Hotline",), 1000, 800, 4.0), 0.3)
    >>> print(r.table[["strategie", "im_ersten_kontakt_geloest", "servicekosten", "bewertung_geschaetzt"]].to_string())
                     strategie  im_ersten_kontakt_geloest  servicekosten  bewertung_geschaetzt
    0       alles selbst lösen                      820.0         9600.0                 3.856
    1  gezielt weiterverbinden                      970.0         8100.0                 3.871
    2    immer weiterverbinden                      900.0        13000.0                 3.570
    3         Ihre Einstellung                      970.0         8100.0                 3.871
    >>> len(r.curve), float(r.curve["anteil_weiter"].iloc[-1])
    (21, 1.0)
    """
    share = _number("transfer_share", transfer_share, high=1)
    a = assumptions
    base = requests.mean_rating if requests.rated else (RATING_MIN + RATING_MAX) / 2
    shares = [policy_share(p, a) for p in POLICIES] + [share]
    table = _totals(outcome(shares, a), requests.requests, a, base)
    table.insert(0, "strategie", [*POLICIES, CURRENT])
    curve = _totals(outcome(np.linspace(0, 1, steps), a), requests.requests, a, base)
    return TransferResult(requests, a, share, float(base), table.round(6), curve.round(6))


@dataclass(frozen=True)
class ServiceModel:
    """The contacts of ``kontakte`` read once; :meth:`requests` only counts. Build it with :meth:`from_tables`."""

    touchpoint_names: tuple[str, ...]
    default_touchpoints: tuple[str, ...]
    counts: np.ndarray        # contacts per touchpoint (in the order of touchpoint_names)
    rated: np.ndarray         # rated contacts per touchpoint
    rating_sum: np.ndarray    # sum of the ratings per touchpoint

    @classmethod
    def from_tables(cls, kontakte: pd.DataFrame, keywords=DEFAULT_KEYWORDS, *, touchpoint_col: str = "touchpoint",
                    rating_col: str = "bewertung") -> ServiceModel:
        """Count the contacts and sum the ratings per touchpoint.

        >>> k = pd.DataFrame({"touchpoint": ["Hotline", "Hotline", "App"], "bewertung": [5, None, 2]})
        >>> m = ServiceModel.from_tables(k)
        >>> m.default_touchpoints, m.requests()
        (('Hotline',), Requests(touchpoints=('Hotline',), requests=2, rated=1, mean_rating=5.0))
        >>> m.requests(["Kasse"])
        Traceback (most recent call last):
        ...
        kundenkit.errors.KundenkitError: Den Touchpoint 'Kasse' gibt es in Ihrer Tabelle kontakte nicht.
            Vorhanden sind: App, Hotline.
        """
        check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col, "rating_col": rating_col})
        ratings = check_scale(kontakte, rating_col, low=RATING_MIN, high=RATING_MAX).to_numpy(dtype=float)
        tp = kontakte[touchpoint_col].astype("string").fillna("(ohne Touchpoint)")
        codes, names = pd.factorize(tp, sort=True)
        k = len(names)
        rated = ~np.isnan(ratings)
        return cls(touchpoint_names=tuple(str(n) for n in names),
                   default_touchpoints=service_touchpoints(kontakte, keywords, touchpoint_col=touchpoint_col),
                   counts=np.bincount(codes, minlength=k), rated=np.bincount(codes[rated], minlength=k),
                   rating_sum=np.bincount(codes[rated], weights=ratings[rated], minlength=k))

    def chosen_touchpoints(self, touchpoints=None) -> tuple[str, ...]:
        """``touchpoints`` checked against the data, or :attr:`default_touchpoints`."""
        return check_touchpoints(touchpoints, self.touchpoint_names, self.default_touchpoints)

    def touchpoint_source(self, touchpoints=None) -> str:
        return FROM_KEYWORDS if self.chosen_touchpoints(touchpoints) == self.default_touchpoints else FROM_LEARNER

    def requests(self, touchpoints=None) -> Requests:
        """The requests at ``touchpoints`` (default: :attr:`default_touchpoints`)."""
        chosen = self.chosen_touchpoints(touchpoints)
        idx = [self.touchpoint_names.index(t) for t in chosen]
        n, rated = int(self.counts[idx].sum()), int(self.rated[idx].sum())
        mean = float(self.rating_sum[idx].sum()) / rated if rated else math.nan
        return Requests(chosen, n, rated, mean)

    def table(self, touchpoints=None) -> pd.DataFrame:
        """One row per chosen touchpoint and a total: requests, rated, mean rating.

        >>> k = pd.DataFrame({"touchpoint": ["Hotline", "Hotline", "Beschwerde"], "bewertung": [5, 3, 2]})
        >>> ServiceModel.from_tables(k).table()
           touchpoint  anfragen  bewertet  bewertung_mittel
        0  Beschwerde         1         1            2.0000
        1     Hotline         2         2            4.0000
        2       Summe         3         3            3.3333
        """
        chosen = self.chosen_touchpoints(touchpoints)
        rows = []
        for name in chosen:
            i = self.touchpoint_names.index(name)
            rated = int(self.rated[i])
            rows.append({"touchpoint": name, "anfragen": int(self.counts[i]), "bewertet": rated,
                         "bewertung_mittel": round(float(self.rating_sum[i]) / rated, 4) if rated else math.nan})
        total = self.requests(chosen)
        rows.append({"touchpoint": "Summe", "anfragen": total.requests, "bewertet": total.rated,
                     "bewertung_mittel": round(total.mean_rating, 4)})
        return pd.DataFrame(rows)

    def evaluate(self, transfer_share: float = TRANSFER_SHARE, assumptions: Assumptions | None = None,
                 touchpoints=None, **changes) -> TransferResult:
        """:func:`evaluate` for the requests at ``touchpoints``; ``changes`` replace single assumptions."""
        a = assumptions or Assumptions()
        if changes:
            unknown = sorted(set(changes) - {f.name for f in fields(Assumptions)})
            if unknown:
                raise KundenkitError(f"Die Annahme {unknown[0]!r} kennt das Modell nicht.", parameter=unknown[0],
                                     tipp="Erlaubt sind: " + ", ".join(f.name for f in fields(Assumptions)) + ".")
            a = replace(a, **changes)
        return evaluate(self.requests(touchpoints), transfer_share, a)


def call_transfer(kontakte: pd.DataFrame, transfer_share: float = TRANSFER_SHARE, *, touchpoints=None,
                  **assumptions) -> TransferResult:
    """The course model on the learner's contacts in one call.

    >>> k = pd.DataFrame({"touchpoint": ["Hotline"] * 4 + ["Kasse"], "bewertung": [5, 4, 3, 4, 1]})
    >>> r = call_transfer(k, 0.3, warm_share=1.0)
    >>> r.requests.requests, r.base_rating, round(float(r.current["bewertung_geschaetzt"]), 3)
    (4, 4.0, 3.931)
    >>> call_transfer(k, 0.3, warm_anteil=1.0)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Annahme 'warm_anteil' kennt das Modell nicht.
        Erlaubt sind: ...
    """
    return ServiceModel.from_tables(kontakte).evaluate(transfer_share, touchpoints=touchpoints, **assumptions)
