"""Lesson 2.10 "IMPACt als Daumenregel – Wie Touchpoints wirklich berühren": a customer journey, rated.

What the letters of Hafner's rule of thumb "IMPACt" stand for is not in the
course's sources. The course therefore does not spell it out and does not
claim any criterion for the book. The criteria of the evaluation are data: a
table ``kriterium; bezeichnung; frage; gewicht`` (shipped as
``data/touchpoint_kriterien.csv``, the *Kriterien des Kurses*) that a trainer
can replace with the book's. What the course builds on:

- Schüller (Customer Touchpoint Management): touchpoints are direct (sales
  visit, call, mailing) or indirect (review portal, press, word of mouth);
  one bad experience at a touchpoint that matters to the customer can end the
  relationship; the positive experiences must clearly outweigh the negative
  ones. Her method rates each touchpoint as Enttäuschung, OK or Begeisterung
  (after the Kano model), asks three test questions (does it build
  reputation, trigger repurchase, make fans and recommenders?), groups the
  touchpoints in the phases before, during and after the purchase plus
  recommendation, and starts with a few "Super-Touchpoints".
- Peak–end rule (Kahneman, Fredrickson, Schreiber & Redelmeier 1993): a
  remembered experience is judged by its peak and its end more than by its
  average or its duration.

Course model (assumptions of the course, not findings of a study):

- A rating is a value from −1 to +1: Enttäuschung −1, OK 0, Begeisterung +1
  (numbers in between are allowed; below −⅓ counts as Enttäuschung, above +⅓
  as Begeisterung).
- Criteria scores run from 0 (gar nicht) to 3 (stark). A touchpoint's
  importance (``bedeutung``, 0–1) is the weighted mean of its criteria scores
  divided by 3.
- The ``n_key`` most important touchpoints are the key touchpoints
  (Schlüssel-Touchpoints).
- Remembered score (peak–end): the mean of the peak – the strongest rating,
  good or bad; on a tie the bad one – and the last rated touchpoint of the
  journey. The plain average is shown beside it.
- Relationship at risk: a key touchpoint is rated Enttäuschung.
- Need for action (``handlungsbedarf``, 0–1) = importance × (1 − value) / 2.
  Touchpoints to fix first: need > 0, sorted by need, then importance, then
  journey order.
- Rating from the learner's contacts (:func:`rate_from_contacts`): a touchpoint
  of the journey that the contacts name gets its mean contact rating (1–5):
  below 2.5 Enttäuschung, above 4.0 Begeisterung, else OK. Both thresholds are
  assumptions of the course (4 means "satisfied" on a 1–5 scale; delight has
  to be more than that). The other touchpoints keep the example's rating.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.errors import KundenkitError
from kundenkit.formatting import MINUS, de_number
from kundenkit.validation import cell_error, check_columns, check_int, check_scale, shown_value

# --- the vocabulary of the lesson -------------------------------------------------------------

PHASES = ("vor dem Kauf", "während des Kaufs", "nach dem Kauf", "Empfehlung")
DIRECT, INDIRECT = "direkt", "indirekt"
KINDS = (DIRECT, INDIRECT)
DISAPPOINTMENT, OK, DELIGHT = "Enttäuschung", "OK", "Begeisterung"
RATINGS = (DISAPPOINTMENT, OK, DELIGHT)
NOT_RATED = "nicht bewertet"
RATING_VALUES = {DISAPPOINTMENT: -1.0, OK: 0.0, DELIGHT: 1.0}
VALUE_MIN, VALUE_MAX = -1.0, 1.0
THRESHOLD = 1 / 3            # |value| above this is Enttäuschung / Begeisterung (course model)
SCORE_MIN, SCORE_MAX = 0, 3  # criteria scores: 0 = gar nicht … 3 = stark
DEFAULT_KEY = 3              # a few "Super-Touchpoints" first (Schüller); the number is the course's choice
DEFAULT_FIX = 3

CRITERIA_COLUMNS = ("kriterium", "bezeichnung", "frage", "gewicht")
CRITERIA_FILE = "touchpoint_kriterien.csv"
CRITERIA_TITLE = "Kriterien des Kurses"
JOURNEY_COLUMNS = ("touchpoint", "phase", "art", "bewertung")
DISAPPOINTMENT_BELOW = 2.5  # mean contact rating (1–5) below this: Enttäuschung (course assumption)
DELIGHT_ABOVE = 4.0         # mean contact rating (1–5) above this: Begeisterung (course assumption)
CONTACT_MIN, CONTACT_MAX = 1, 5
FROM_CONTACTS, FROM_EXAMPLE = "Ihre Kontakte", "Beispielreise"
_RESERVED = frozenset(JOURNEY_COLUMNS) | {"wert", "urteil", "bedeutung", "schlüssel", "handlungsbedarf",
                                         "position", "quelle", "kontakte", "mittlere_bewertung"}
_IDENTIFIER = re.compile(r"^[a-zäöüß][a-zäöüß0-9_]*$")

# The course's own default criteria. Schüller's three test questions plus one criterion of the course.
# A trainer replaces them with the book's by replacing data/touchpoint_kriterien.csv.
_SCHUELLER = "Schüller, Customer Touchpoint Management (Testfrage)"
_COURSE = "Kurs (eigenes Kriterium)"
DEFAULT_CRITERIA = (
    ("ruf", "Ruf", "Stärkt dieser Touchpoint den Ruf des Unternehmens?", 1.0, _SCHUELLER),
    ("wiederkauf", "Wiederkauf", "Bringt dieser Touchpoint Kunden dazu, wieder zu kaufen?", 1.0, _SCHUELLER),
    ("fans", "Fans und Empfehler", "Macht dieser Touchpoint Kunden zu Fans, die Sie weiterempfehlen?", 1.0,
     _SCHUELLER),
    ("reichweite", "Reichweite", "Wie viele Ihrer Kunden erleben diesen Touchpoint?", 0.5, _COURSE),
)

# The course's example journeys, one per sector: (touchpoint, phase, kind, rating, ruf, wiederkauf, fans,
# reichweite). Invented for teaching: no figures of a study or of a company. Where the sample data of a
# sector knows a touchpoint, the example uses its name, so that rate_from_contacts can rate it from the contacts.
_V, _W, _N, _E = PHASES
_EXAMPLES: dict[str, tuple[tuple[str, str, str, str, int, int, int, int], ...]] = {
    "Handel": (
        ("Bewertungsportal", _V, INDIRECT, OK, 3, 1, 1, 2),
        ("Prospekt/Newsletter", _V, DIRECT, OK, 1, 2, 0, 3),
        ("Verkaufsraum", _W, DIRECT, OK, 2, 2, 1, 3),
        ("Beratung im Laden", _W, DIRECT, DELIGHT, 2, 3, 3, 1),
        ("Kasse", _W, DIRECT, DISAPPOINTMENT, 1, 2, 1, 3),
        ("Lieferung", _N, DIRECT, OK, 1, 2, 1, 2),
        ("Reklamation/Umtausch", _N, DIRECT, DISAPPOINTMENT, 3, 3, 2, 1),
        ("Mundpropaganda", _E, INDIRECT, OK, 3, 1, 3, 1),
    ),
    "Bank": (
        ("Presse und Vergleichsportale", _V, INDIRECT, OK, 3, 0, 1, 2),
        ("Beratungsgespräch", _V, DIRECT, DELIGHT, 3, 3, 3, 1),
        ("Kreditentscheidung", _W, DIRECT, DISAPPOINTMENT, 2, 3, 2, 1),
        ("Online-Banking", _N, DIRECT, OK, 1, 2, 1, 3),
        ("Banking-App", _N, DIRECT, DELIGHT, 1, 2, 2, 3),
        ("Hotline", _N, DIRECT, OK, 2, 2, 1, 2),
        ("Beschwerde", _N, DIRECT, DISAPPOINTMENT, 3, 3, 2, 1),
        ("Weiterempfehlung", _E, INDIRECT, OK, 3, 1, 3, 1),
    ),
    "Versicherung": (
        ("Vergleichsportal", _V, INDIRECT, OK, 2, 1, 1, 3),
        ("Beratung durch Vertreter", _V, DIRECT, DELIGHT, 3, 2, 3, 1),
        ("Antrag/Police", _W, DIRECT, OK, 1, 1, 0, 2),
        ("Beitragsrechnung", _N, DIRECT, OK, 0, 1, 0, 3),
        ("Schadenmeldung", _N, DIRECT, DISAPPOINTMENT, 3, 3, 3, 1),
        ("Schadenregulierung", _N, DIRECT, OK, 3, 3, 3, 1),
        ("Kundenportal/App", _N, DIRECT, OK, 1, 1, 1, 2),
        ("Bewertungen im Netz", _E, INDIRECT, OK, 3, 1, 2, 1),
    ),
    "Telekommunikation": (
        ("Werbung und Tarifvergleich", _V, INDIRECT, OK, 2, 0, 0, 3),
        ("Shop-Beratung", _W, DIRECT, DELIGHT, 2, 2, 2, 1),
        ("Online-Bestellung", _W, DIRECT, OK, 1, 2, 1, 2),
        ("Anschluss und Freischaltung", _W, DIRECT, DISAPPOINTMENT, 3, 2, 2, 2),
        ("Rechnung", _N, DIRECT, OK, 1, 2, 0, 3),
        ("Störungsmeldung", _N, DIRECT, DISAPPOINTMENT, 3, 3, 2, 1),
        ("Vertragsverlängerung", _N, DIRECT, OK, 1, 3, 1, 1),
        ("Forum und Bewertungen", _E, INDIRECT, OK, 3, 1, 2, 1),
    ),
    "Maschinenbau": (
        ("Messe", _V, DIRECT, DELIGHT, 3, 1, 2, 1),
        ("Fachpresse und Referenzen", _V, INDIRECT, OK, 3, 0, 2, 2),
        ("Angebot", _W, DIRECT, OK, 2, 2, 1, 1),
        ("Inbetriebnahme", _W, DIRECT, DISAPPOINTMENT, 3, 3, 3, 1),
        ("Schulung", _N, DIRECT, OK, 1, 2, 2, 1),
        ("Ersatzteilbestellung", _N, DIRECT, OK, 1, 3, 1, 2),
        ("Service-Einsatz", _N, DIRECT, DISAPPOINTMENT, 2, 3, 3, 1),
        ("Referenzbesuch", _E, INDIRECT, DELIGHT, 3, 1, 3, 1),
    ),
}
EXAMPLE_TITLE = "Beispielreise des Kurses"


# --- criteria ---------------------------------------------------------------------------------

def default_criteria() -> pd.DataFrame:
    """The course's own default criteria (*Kriterien des Kurses*), as ``data/touchpoint_kriterien.csv`` holds them.

    Three are Schüller's test questions, one (``reichweite``) is the course's
    own; the column ``quelle`` says which. They are not the criteria of the book.

    >>> default_criteria()[["kriterium", "gewicht"]]
        kriterium  gewicht
    0         ruf      1.0
    1  wiederkauf      1.0
    2        fans      1.0
    3  reichweite      0.5
    """
    return pd.DataFrame(list(DEFAULT_CRITERIA), columns=[*CRITERIA_COLUMNS, "quelle"])


def check_criteria(kriterien: pd.DataFrame) -> pd.DataFrame:
    """The criteria table checked: columns, names, weights; German errors that name line and column.

    Required columns: ``kriterium`` (a short name in lower case, used as the
    column of its scores in the journey), ``bezeichnung``, ``frage`` and
    ``gewicht`` (a number ≥ 0; at least one above 0). Further columns (e.g.
    ``quelle``) are kept.

    >>> check_criteria(default_criteria())["kriterium"].tolist()
    ['ruf', 'wiederkauf', 'fans', 'reichweite']
    >>> bad = default_criteria().assign(gewicht=["1", "viel", "1", "1"])
    >>> check_criteria(bad)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'gewicht', Zeile 1: Das Gewicht 'viel' ist keine Zahl.
        Tragen Sie eine Zahl ab 0 ein, z. B. 1 oder 0,5.
    >>> check_criteria(pd.concat([default_criteria(), default_criteria().iloc[:1]], ignore_index=True))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'kriterium', Zeile 4: Das Kriterium 'ruf' kommt mehrfach vor.
        Geben Sie jedem Kriterium einen eigenen Namen.
    """
    check_columns(kriterien, "kriterien", {c: c for c in CRITERIA_COLUMNS})
    if kriterien.empty:
        raise KundenkitError("Die Tabelle der Kriterien ist leer. Tragen Sie mindestens ein Kriterium ein.",
                             datei=kriterien.attrs.get("datei"))
    out = kriterien.copy()
    seen: set[str] = set()
    names = []
    for row in out.index:
        name = out.at[row, "kriterium"]
        text = "" if pd.isna(name) else str(name).strip()
        if not _IDENTIFIER.match(text):
            raise cell_error(out, row, "kriterium", f"Der Name {shown_value(name)} taugt nicht als Kriterium.",
                             "Schreiben Sie einen kurzen Namen in Kleinbuchstaben ohne Leerzeichen, z. B. ruf "
                             "oder wiederkauf.")
        if text in _RESERVED:
            raise cell_error(out, row, "kriterium", f"Der Name '{text}' ist schon eine Spalte der Reise.",
                             "Wählen Sie einen anderen Namen.")
        if text in seen:
            raise cell_error(out, row, "kriterium", f"Das Kriterium '{text}' kommt mehrfach vor.",
                             "Geben Sie jedem Kriterium einen eigenen Namen.")
        seen.add(text)
        names.append(text)
    out["kriterium"] = names
    weights = []
    for row in out.index:
        weights.append(_weight(out, row))
    if not any(w > 0 for w in weights):
        raise KundenkitError("Alle Gewichte sind 0. Geben Sie mindestens einem Kriterium ein Gewicht über 0.",
                             datei=kriterien.attrs.get("datei"), spalte="gewicht")
    out["gewicht"] = weights
    for column in ("bezeichnung", "frage"):
        out[column] = [name if pd.isna(value) or not str(value).strip() else str(value).strip()
                       for name, value in zip(names, out[column])]
    return out


def _weight(frame: pd.DataFrame, row) -> float:
    value = frame.at[row, "gewicht"]
    number = None
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    elif value is not None and not isinstance(value, bool) and not pd.isna(value):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
    tipp = "Tragen Sie eine Zahl ab 0 ein, z. B. 1 oder 0,5."
    if number is None:
        what = "fehlt" if shown_value(value) == "leer" else f"{shown_value(value)} ist keine Zahl"
        raise cell_error(frame, row, "gewicht", f"Das Gewicht {what}.", tipp)
    if not math.isfinite(number) or number < 0:
        raise cell_error(frame, row, "gewicht", f"Das Gewicht {shown_value(value)} ist negativ oder unendlich.",
                         tipp)
    return number


def read_criteria(path) -> pd.DataFrame:
    """Read a criteria file (German CSV or Excel) and check it with :func:`check_criteria`.

    >>> import tempfile
    >>> path = write_csv(default_criteria(), Path(tempfile.mkdtemp()) / CRITERIA_FILE)
    >>> read_criteria(path)["bezeichnung"].tolist()
    ['Ruf', 'Wiederkauf', 'Fans und Empfehler', 'Reichweite']
    """
    return check_criteria(read_csv(path, dtype={"kriterium": "string", "bezeichnung": "string",
                                                "frage": "string"}))


# --- the journey ------------------------------------------------------------------------------

def example_journey(branche: str = "Handel") -> pd.DataFrame:
    """The course's example journey of a sector (*Beispielreise des Kurses*): invented, not measured.

    One row per touchpoint with ``touchpoint``, ``phase``, ``art``,
    ``bewertung`` and a score 0–3 for each default criterion.

    >>> journey = example_journey()
    >>> journey.columns.tolist()
    ['touchpoint', 'phase', 'art', 'bewertung', 'ruf', 'wiederkauf', 'fans', 'reichweite']
    >>> journey[["touchpoint", "phase", "bewertung"]].head(3)
                touchpoint              phase bewertung
    0     Bewertungsportal       vor dem Kauf        OK
    1  Prospekt/Newsletter       vor dem Kauf        OK
    2         Verkaufsraum  während des Kaufs        OK
    """
    from kundenkit.validation import check_choice

    sector = check_choice("branche", branche, tuple(_EXAMPLES), "Branche")
    names = [c[0] for c in DEFAULT_CRITERIA]
    frame = pd.DataFrame(list(_EXAMPLES[sector]), columns=[*JOURNEY_COLUMNS, *names])
    frame.attrs["titel"] = f"{EXAMPLE_TITLE} ({sector})"
    return frame


def _choice(frame: pd.DataFrame, row, column: str, allowed: tuple[str, ...], what: str) -> str:
    value = frame.at[row, column]
    if isinstance(value, str):
        for option in allowed:
            if value.strip().casefold() == option.casefold():
                return option
    raise cell_error(frame, row, column, f"{shown_value(value)} ist keine erlaubte {what}.",
                     f"Erlaubt sind: {', '.join(allowed)}.")


def rating_value(rating) -> float:
    """The value (−1 … +1) of a rating: a label or a number; NaN if not rated.

    >>> rating_value("Begeisterung"), rating_value(" enttäuschung "), rating_value("0,5"), rating_value(None)
    (1.0, -1.0, 0.5, nan)
    """
    if rating is None or (not isinstance(rating, str) and pd.isna(rating)):
        return math.nan
    if isinstance(rating, str):
        text = rating.strip()
        if not text or text.casefold() in {NOT_RATED, "k.a.", "-", "–"}:
            return math.nan
        for label, value in RATING_VALUES.items():
            if text.casefold() == label.casefold():
                return value
        text = text.replace(MINUS, "-").replace(",", ".")
    else:
        text = str(rating)
    try:
        number = float(text)
    except ValueError:
        raise KundenkitError(f"{shown_value(rating)} ist keine Bewertung. Erlaubt sind: {', '.join(RATINGS)} "
                             f"oder eine Zahl von −1 bis 1.") from None
    if not VALUE_MIN <= number <= VALUE_MAX:
        raise KundenkitError(f"Die Bewertung {shown_value(rating)} liegt nicht zwischen −1 und 1. Erlaubt sind: "
                             f"{', '.join(RATINGS)} oder eine Zahl von −1 bis 1.")
    return number


def rating_label(value) -> str:
    """The rating a value stands for: below −⅓ Enttäuschung, above +⅓ Begeisterung, else OK.

    >>> [rating_label(v) for v in (-1, -0.2, 0.5, float("nan"))]
    ['Enttäuschung', 'OK', 'Begeisterung', 'nicht bewertet']
    """
    if value is None or pd.isna(value):
        return NOT_RATED
    return DISAPPOINTMENT if value < -THRESHOLD else DELIGHT if value > THRESHOLD else OK


def check_journey(reise: pd.DataFrame, kriterien: pd.DataFrame | None = None) -> pd.DataFrame:
    """The journey checked and put in order: phase by phase, within a phase in the order given.

    Parameters
    ----------
    reise : DataFrame
        One row per touchpoint: ``touchpoint`` (a unique name), ``phase`` (one
        of :data:`PHASES`), ``art`` (direkt / indirekt), ``bewertung``
        (Enttäuschung / OK / Begeisterung, a number from −1 to 1, or empty if
        not yet rated) and one column per criterion with a score from 0 to 3.
    kriterien : DataFrame, optional
        The criteria (default: :func:`default_criteria`).

    Returns
    -------
    DataFrame with the columns above (labels spelt as in :data:`PHASES`,
    :data:`KINDS`, :data:`RATINGS`; a number stays a number as text
    ``bewertung`` is then its label), plus ``wert`` (−1 … +1, NaN if not rated)
    and ``position`` (1, 2, … along the journey).

    Examples
    --------
    >>> check_journey(example_journey())[["touchpoint", "wert", "position"]].tail(2)
                 touchpoint  wert  position
    6  Reklamation/Umtausch  -1.0         7
    7        Mundpropaganda   0.0         8
    >>> check_journey(example_journey().drop(columns="fans"))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle reise fehlt die Spalte 'fans' (Kriterium 'Fans und
        Empfehler'). Ergänzen Sie diese Spalte mit einem Wert von 0 bis 3 je Touchpoint.
    """
    criteria = check_criteria(default_criteria() if kriterien is None else kriterien)
    check_columns(reise, "reise", {c: c for c in JOURNEY_COLUMNS})
    if reise.empty:
        raise KundenkitError("Die Reise hat keine Touchpoints. Tragen Sie mindestens einen Touchpoint ein.",
                             datei=reise.attrs.get("datei"))
    for name, label in zip(criteria["kriterium"], criteria["bezeichnung"]):
        if name not in reise.columns:
            raise KundenkitError(
                f"In der Tabelle reise fehlt die Spalte '{name}' (Kriterium '{label}'). Ergänzen Sie diese "
                f"Spalte mit einem Wert von {SCORE_MIN} bis {SCORE_MAX} je Touchpoint.",
                datei=reise.attrs.get("datei"))
    out = pd.DataFrame(index=reise.index)
    seen: dict[str, object] = {}
    names = []
    for row in reise.index:
        value = reise.at[row, "touchpoint"]
        text = "" if pd.isna(value) else str(value).strip()
        if not text:
            raise cell_error(reise, row, "touchpoint", "Der Name des Touchpoints fehlt.",
                             "Tragen Sie einen Namen ein oder löschen Sie die Zeile.")
        if text in seen:
            raise cell_error(reise, row, "touchpoint", f"Den Touchpoint '{text}' gibt es schon (Zeile {seen[text]}).",
                             "Geben Sie jedem Touchpoint einen eigenen Namen.")
        seen[text] = row
        names.append(text)
    out["touchpoint"] = names
    out["phase"] = [_choice(reise, row, "phase", PHASES, "Phase") for row in reise.index]
    out["art"] = [_choice(reise, row, "art", KINDS, "Art (direkt oder indirekt)") for row in reise.index]
    values = []
    for row in reise.index:
        try:
            values.append(rating_value(reise.at[row, "bewertung"]))
        except KundenkitError as error:
            raise cell_error(reise, row, "bewertung", error.problem) from None
    out["bewertung"] = [rating_label(v) for v in values]
    for name in criteria["kriterium"]:
        scores = pd.to_numeric(reise[name].astype("string").str.replace(",", ".", regex=False), errors="coerce")
        bad = reise.index[scores.isna() | (scores < SCORE_MIN) | (scores > SCORE_MAX)]
        if len(bad):
            shown = shown_value(reise.at[bad[0], name])
            raise cell_error(reise, bad[0], name,
                             "Der Wert fehlt." if shown == "leer" else
                             f"Der Wert {shown} liegt nicht auf der Skala {SCORE_MIN} bis {SCORE_MAX}.",
                             f"Tragen Sie ein, wie stark der Touchpoint das Kriterium erfüllt: {SCORE_MIN} = gar "
                             f"nicht, {SCORE_MAX} = stark.")
        out[name] = scores.to_numpy(dtype=float)
    out["wert"] = np.asarray(values, dtype=float)
    out["_phase"] = [PHASES.index(p) for p in out["phase"]]
    out = out.sort_values("_phase", kind="stable").drop(columns="_phase").reset_index(drop=True)
    out["position"] = np.arange(1, len(out) + 1)
    out.attrs = dict(reise.attrs)
    return out


# --- the scores -------------------------------------------------------------------------------

def importance(scores: pd.DataFrame, kriterien: pd.DataFrame) -> np.ndarray:
    """Weighted importance (0–1) of each row: Σ gewicht · score / (Σ gewicht · 3).

    >>> crit = pd.DataFrame({"kriterium": ["a", "b"], "bezeichnung": ["A", "B"], "frage": ["?", "?"],
    ...                      "gewicht": [2.0, 1.0]})
    >>> importance(pd.DataFrame({"a": [3, 0, 3], "b": [0, 3, 3]}), crit).round(4).tolist()
    [0.6667, 0.3333, 1.0]
    """
    weights = kriterien["gewicht"].to_numpy(dtype=float)
    matrix = scores[list(kriterien["kriterium"])].to_numpy(dtype=float)
    return matrix @ weights / (weights.sum() * SCORE_MAX)


def peak(values) -> float:
    """The peak of a journey: the strongest rating, good or bad; on a tie the bad one. NaN are skipped.

    >>> peak([0.0, 1.0, -0.5]), peak([0.5, -1.0, 1.0]), peak([0.3, -0.2])
    (1.0, -1.0, 0.3)
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    if v.size == 0:
        return math.nan
    high, low = float(v.max()), float(v.min())
    return high if high > -low else low


def peak_end(values) -> float:
    """Remembered score by the peak–end rule: the mean of the peak and the last rated value.

    After Kahneman et al. (1993); the choice of the peak for journeys with good
    and bad moments is the course's (see :func:`peak`). NaN values (not rated)
    are skipped; with none rated the result is NaN.

    >>> peak_end([0.0, 0.0, 1.0, 0.0, -1.0])
    -1.0
    >>> peak_end([-1.0, 0.0, 0.0, 1.0])
    0.0
    >>> peak_end([0.0, 1.0, 0.0, 0.0, 0.0])
    0.5
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    if v.size == 0:
        return math.nan
    return (peak(v) + float(v[-1])) / 2


def average(values) -> float:
    """The plain average of the rated values (NaN if none is rated).

    >>> average([0.0, 1.0, -1.0, float("nan"), 1.0])
    0.25
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    return float(v.mean()) if v.size else math.nan


def evaluate(reise: pd.DataFrame, kriterien: pd.DataFrame | None = None, *, n_key: int = DEFAULT_KEY
             ) -> pd.DataFrame:
    """Importance, key touchpoints and need for action per touchpoint of the journey.

    Parameters
    ----------
    reise : DataFrame
        The journey (see :func:`check_journey`).
    kriterien : DataFrame, optional
        The criteria (default: the course's, :func:`default_criteria`).
    n_key : int
        How many touchpoints count as key touchpoints: the most important ones
        (ties go to the earlier touchpoint of the journey).

    Returns
    -------
    The checked journey plus ``bedeutung`` (0–1), ``schlüssel`` (bool) and
    ``handlungsbedarf`` (0–1; importance × (1 − value) / 2, 0 if not rated).

    Examples
    --------
    >>> table = evaluate(example_journey())
    >>> table[table["schlüssel"]][["touchpoint", "bewertung", "bedeutung"]].round(3)
                 touchpoint     bewertung  bedeutung
    3     Beratung im Laden  Begeisterung      0.810
    6  Reklamation/Umtausch  Enttäuschung      0.810
    7        Mundpropaganda            OK      0.714
    """
    criteria = check_criteria(default_criteria() if kriterien is None else kriterien)
    n_key = check_int("n_key", n_key, minimum=0)
    out = check_journey(reise, criteria)
    weight = importance(out, criteria)
    out["bedeutung"] = weight.round(6)
    order = np.lexsort((out["position"].to_numpy(), -weight))
    key = np.zeros(len(out), dtype=bool)
    key[order[:n_key]] = True
    out["schlüssel"] = key
    need = weight * (1 - out["wert"].to_numpy(dtype=float)) / 2
    out["handlungsbedarf"] = np.where(np.isnan(need), 0.0, need).round(6)
    return out


def fix_first(bewertet: pd.DataFrame, n: int = DEFAULT_FIX) -> pd.DataFrame:
    """The touchpoints to fix first: need for action > 0, sorted by need, importance, journey order.

    >>> fix_first(evaluate(example_journey()))[["touchpoint", "bewertung", "handlungsbedarf"]].round(3)
                 touchpoint     bewertung  handlungsbedarf
    0  Reklamation/Umtausch  Enttäuschung            0.810
    1                 Kasse  Enttäuschung            0.524
    2        Mundpropaganda            OK            0.357
    """
    check_columns(bewertet, "bewertet", {"handlungsbedarf": "handlungsbedarf", "bedeutung": "bedeutung",
                                         "position": "position"})
    n = check_int("n", n, minimum=0)
    candidates = bewertet[bewertet["handlungsbedarf"] > 0]
    ranked = candidates.sort_values(["handlungsbedarf", "bedeutung", "position"], ascending=[False, False, True],
                                    kind="stable")
    return ranked.head(n).reset_index(drop=True)


# --- the summary ------------------------------------------------------------------------------

@dataclass(frozen=True)
class JourneySummary:
    """The remembered journey, the key touchpoints and whether the relationship is at risk."""

    touchpoints: int
    rated: int
    durchschnitt: float
    spitze: float
    ende: float
    erinnert: float
    key: tuple[str, ...]
    key_disappointing: tuple[str, ...]
    fix_first: tuple[str, ...]
    begeisterung: int
    enttäuschung: int

    @property
    def at_risk(self) -> bool:
        """Course rule: one disappointment at a key touchpoint can end the relationship."""
        return bool(self.key_disappointing)

    def sentence(self) -> str:
        """The verdict in words.

        >>> s = summarize(evaluate(example_journey()))
        >>> s.sentence()
        'In Erinnerung bleibt −0,50 (Spitze und Ende), der Durchschnitt ist −0,13. Ein Schlüssel-Touchpoint
         enttäuscht: Reklamation/Umtausch. Das kann die Beziehung beenden.'
        """
        if not self.rated:
            return "Bewerten Sie die Touchpoints: Noch ist keiner bewertet."
        start = (f"In Erinnerung bleibt {signed(self.erinnert)} (Spitze und Ende), "
                 f"der Durchschnitt ist {signed(self.durchschnitt)}.")
        if self.key_disappointing:
            n = len(self.key_disappointing)
            who = "Ein Schlüssel-Touchpoint enttäuscht" if n == 1 else f"{n} Schlüssel-Touchpoints enttäuschen"
            return f"{start} {who}: {', '.join(self.key_disappointing)}. Das kann die Beziehung beenden."
        return f"{start} Kein Schlüssel-Touchpoint enttäuscht."


def signed(value: float) -> str:
    """A value of the −1 … +1 scale with its sign, German: +0,50 / −0,13 / 0,00; '–' if missing.

    >>> signed(0.5), signed(-0.125), signed(0.0), signed(float("nan"))
    ('+0,50', '−0,13', '0,00', '–')
    """
    if value is None or pd.isna(value):
        return "–"
    text = de_number(abs(value))
    return text if text == de_number(0) else ("+" if value > 0 else MINUS) + text


def summarize(bewertet: pd.DataFrame, n_fix: int = DEFAULT_FIX) -> JourneySummary:
    """Averages, peak–end score, key touchpoints and the touchpoints to fix first of an evaluated journey.

    >>> s = summarize(evaluate(example_journey()))
    >>> s.erinnert, round(s.durchschnitt, 3), s.key_disappointing, s.at_risk
    (-0.5, -0.125, ('Reklamation/Umtausch',), True)
    """
    check_columns(bewertet, "bewertet", {"wert": "wert", "schlüssel": "schlüssel", "touchpoint": "touchpoint"})
    ordered = bewertet.sort_values("position", kind="stable") if "position" in bewertet.columns else bewertet
    values = ordered["wert"].to_numpy(dtype=float)
    rated = values[~np.isnan(values)]
    labels = ordered["bewertung"].astype(str) if "bewertung" in ordered.columns else \
        pd.Series([rating_label(v) for v in values], index=ordered.index)
    key = ordered["schlüssel"].astype(bool)
    return JourneySummary(
        touchpoints=len(ordered), rated=int(rated.size),
        durchschnitt=average(values), spitze=peak(values),
        ende=float(rated[-1]) if rated.size else math.nan, erinnert=peak_end(values),
        key=tuple(ordered.loc[key, "touchpoint"]),
        key_disappointing=tuple(ordered.loc[key & (labels == DISAPPOINTMENT), "touchpoint"]),
        fix_first=tuple(fix_first(ordered, n_fix)["touchpoint"]),
        begeisterung=int((labels == DELIGHT).sum()), enttäuschung=int((labels == DISAPPOINTMENT).sum()),
    )


# --- the learner's own journey ---------------------------------------------------------------

def read_journey(path, kriterien: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read your own journey from a German CSV (or Excel) file and check it like :func:`check_journey`.

    Errors name the file, the line as Excel numbers it, the column and the value.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> path = write_journey(example_journey(), folder / "meine_reise.csv")
    >>> read_journey(path)["touchpoint"].iloc[-1]
    'Mundpropaganda'
    >>> broken = example_journey().assign(phase=["vorher"] + list(PHASES[:1]) * 7)
    >>> read_journey(write_csv(broken, folder / "kaputt.csv"))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Datei '...kaputt.csv', Spalte 'phase', Zeile 2: 'vorher' ist keine
        erlaubte Phase. Erlaubt sind: vor dem Kauf, während des Kaufs, nach dem Kauf, Empfehlung.
    """
    frame = read_csv(path, dtype={"touchpoint": "string", "phase": "string", "art": "string"})
    return check_journey(frame, kriterien)


def write_journey(reise: pd.DataFrame, path, *, overwrite: bool = False,
                  kriterien: pd.DataFrame | None = None) -> Path:
    """Write a journey as German CSV (``;``, UTF-8 with BOM) that :func:`read_journey` reads back.

    Only the learner's columns are written: ``touchpoint``, ``phase``,
    ``art``, ``bewertung`` (as its label) and the criteria scores. An existing
    file is kept unless ``overwrite=True``.

    >>> import tempfile
    >>> path = write_journey(example_journey(), Path(tempfile.mkdtemp()) / "reise.csv")
    >>> path.read_bytes()[:3], path.read_text(encoding="utf-8-sig").splitlines()[0]
    (b'\\xef\\xbb\\xbf', 'touchpoint;phase;art;bewertung;ruf;wiederkauf;fans;reichweite')
    >>> write_journey(example_journey(), path)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Datei '...reise.csv' gibt es schon. Wählen Sie einen anderen Namen
        oder überschreiben Sie sie ausdrücklich (overwrite=True).
    """
    criteria = check_criteria(default_criteria() if kriterien is None else kriterien)
    checked = check_journey(reise, criteria)
    path = Path(path)
    if path.exists() and not overwrite:
        raise KundenkitError(f"Die Datei '{path}' gibt es schon. Wählen Sie einen anderen Namen oder "
                             "überschreiben Sie sie ausdrücklich (overwrite=True).")
    columns = [*JOURNEY_COLUMNS, *criteria["kriterium"]]
    out = checked[columns].copy()
    for name in criteria["kriterium"]:
        scores = out[name]
        if (scores == scores.round()).all():
            out[name] = scores.astype("int64")
    out["bewertung"] = pd.array([_rating_text(v) for v in checked["wert"]], dtype="string")
    return write_csv(out, path)


def _rating_text(value: float) -> str | None:
    """A value as the file keeps it: its label if it is one, else the number (German), empty if not rated.

    >>> _rating_text(1.0), _rating_text(-0.5), _rating_text(float("nan"))
    ('Begeisterung', '-0,5', None)
    """
    if pd.isna(value):
        return None
    for label, number in RATING_VALUES.items():
        if value == number:
            return label
    return repr(float(value)).replace(".", ",")


# --- the journey rated from the learner's contacts -------------------------------------------

def criteria_title(kriterien: pd.DataFrame) -> str:
    """The title of a criteria table: *Kriterien des Kurses* only if they are the course's own.

    >>> criteria_title(default_criteria())
    'Kriterien des Kurses'
    >>> criteria_title(default_criteria().iloc[:3])
    'Kriterien aus Ihrer Datei (nicht die des Kurses)'
    """
    own = check_criteria(kriterien)[["kriterium", "frage", "gewicht"]].reset_index(drop=True)
    course = default_criteria()[["kriterium", "frage", "gewicht"]]
    return CRITERIA_TITLE if own.equals(course) else "Kriterien aus Ihrer Datei (nicht die des Kurses)"


def _threshold(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not \
            CONTACT_MIN <= float(value) <= CONTACT_MAX:
        raise KundenkitError(f"Der Parameter '{name}' ist {shown_value(value)}. Geben Sie eine Zahl von "
                             f"{CONTACT_MIN} bis {CONTACT_MAX} an, z. B. {de_number(DISAPPOINTMENT_BELOW, 1)} "
                             f"oder {de_number(DELIGHT_ABOVE, 1)}.")
    return float(value)


def rating_from_mean(mean: float, *, disappointment_below: float = DISAPPOINTMENT_BELOW,
                     delight_above: float = DELIGHT_ABOVE) -> str:
    """The rating a mean contact rating (1–5) stands for (course thresholds); 'nicht bewertet' if missing.

    >>> [rating_from_mean(m) for m in (1.8, 2.5, 3.9, 4.0, 4.01, float("nan"))]
    ['Enttäuschung', 'OK', 'OK', 'OK', 'Begeisterung', 'nicht bewertet']
    """
    if mean is None or pd.isna(mean):
        return NOT_RATED
    return DISAPPOINTMENT if mean < disappointment_below else DELIGHT if mean > delight_above else OK


def rate_from_contacts(reise: pd.DataFrame, kontakte: pd.DataFrame, *, touchpoint_col: str = "touchpoint",
                       rating_col: str = "bewertung", disappointment_below: float = DISAPPOINTMENT_BELOW,
                       delight_above: float = DELIGHT_ABOVE) -> pd.DataFrame:
    """The journey rated from the customers' contacts where the touchpoint names match.

    A touchpoint of the journey that also appears in the contacts (same name,
    regardless of case and blanks) gets the rating its contacts' mean rating
    (1–5) stands for: below ``disappointment_below`` Enttäuschung, above
    ``delight_above`` Begeisterung, else OK (thresholds: assumptions of the
    course). Every other touchpoint keeps the journey's rating.

    Parameters
    ----------
    reise : DataFrame
        The journey (see :func:`check_journey`), e.g. :func:`example_journey`.
    kontakte : DataFrame
        One row per contact with a touchpoint and a rating from 1 to 5; rows
        without a rating are ignored.
    touchpoint_col, rating_col : str
        Names of the touchpoint and rating columns of ``kontakte``.
    disappointment_below, delight_above : float
        The thresholds on the 1–5 scale.

    Returns
    -------
    The journey's columns with ``bewertung`` replaced where the contacts rate
    it, plus ``kontakte`` (rated contacts at the touchpoint, 0 if none),
    ``mittlere_bewertung`` (their mean, 1–5; NaN if none) and ``quelle``
    ("Ihre Kontakte" or "Beispielreise": where the rating comes from).

    Examples
    --------
    >>> contacts = pd.DataFrame({"touchpoint": ["Kasse", "Kasse", "Kasse", " lieferung ", "Online-Shop"],
    ...                          "bewertung": [5, 4, 5, 2, 1]})
    >>> rated = rate_from_contacts(example_journey(), contacts)
    >>> rated[["touchpoint", "bewertung", "kontakte", "mittlere_bewertung", "quelle"]].iloc[3:6]
                 touchpoint     bewertung  kontakte  mittlere_bewertung         quelle
    3     Beratung im Laden  Begeisterung         0                 NaN  Beispielreise
    4                 Kasse  Begeisterung         3            4.666667  Ihre Kontakte
    5             Lieferung  Enttäuschung         1            2.000000  Ihre Kontakte
    >>> rate_from_contacts(example_journey(), contacts.assign(bewertung=[5, 4, 7, 2, 1]))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'bewertung', Zeile 2: Der Wert 7 liegt nicht auf der Skala 1 bis 5.
        Korrigieren Sie den Wert oder lassen Sie das Feld leer.
    >>> rate_from_contacts(example_journey(), contacts, disappointment_below=4.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Schwelle für Enttäuschung (4,5) liegt über der für Begeisterung (4,0).
        Wählen Sie disappointment_below kleiner oder gleich delight_above.
    """
    low = _threshold("disappointment_below", disappointment_below)
    high = _threshold("delight_above", delight_above)
    if low > high:
        raise KundenkitError(f"Die Schwelle für Enttäuschung ({de_number(low, 1)}) liegt über der für "
                             f"Begeisterung ({de_number(high, 1)}). Wählen Sie disappointment_below kleiner oder "
                             "gleich delight_above.")
    check_columns(reise, "reise", {c: c for c in JOURNEY_COLUMNS})
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col, "rating_col": rating_col})
    ratings = check_scale(kontakte, rating_col, low=CONTACT_MIN, high=CONTACT_MAX)
    names = kontakte[touchpoint_col].astype("string").str.strip().str.casefold()
    frame = pd.DataFrame({"name": names.to_numpy(), "wert": ratings.to_numpy(dtype=float)}).dropna()
    grouped = frame.groupby("name", sort=False)["wert"]
    counts, means = grouped.size(), grouped.mean()
    out = reise.copy()
    keys = out["touchpoint"].astype("string").str.strip().str.casefold()
    found = keys.isin(counts.index).fillna(False).to_numpy(dtype=bool)
    out["kontakte"] = [int(counts[k]) if hit else 0 for k, hit in zip(keys, found)]
    out["mittlere_bewertung"] = [float(means[k]) if hit else math.nan for k, hit in zip(keys, found)]
    new = [rating_from_mean(m, disappointment_below=low, delight_above=high) for m in out["mittlere_bewertung"]]
    out["bewertung"] = pd.Series([n if hit else old for n, old, hit in zip(new, out["bewertung"], found)],
                                 index=out.index, dtype=object)
    out["quelle"] = [FROM_CONTACTS if hit else FROM_EXAMPLE for hit in found]
    title = reise.attrs.get("titel")
    out.attrs = {**reise.attrs, "titel": f"{title or 'Reise'}, bewertet mit Ihren Kontakten"}
    return out


def contacts_note(bewertet: pd.DataFrame, kontakte: pd.DataFrame | None = None, *,
                  touchpoint_col: str = "touchpoint") -> str:
    """Which ratings of :func:`rate_from_contacts` come from the contacts, in one or two German sentences.

    With ``kontakte`` the note also names the contacts' touchpoints that the journey does not have.

    >>> contacts = pd.DataFrame({"touchpoint": ["Kasse", "Online-Shop"], "bewertung": [5, 1]})
    >>> rated = rate_from_contacts(example_journey(), contacts)
    >>> contacts_note(rated, contacts)
    '1 von 8 Touchpoints sind aus Ihren Kontakten bewertet (Kasse). Die übrigen 7 behalten die Bewertung der
     Beispielreise des Kurses. Ihre Kontakte nennen auch Touchpoints, die in der Reise fehlen: Online-Shop.'
    >>> contacts_note(rate_from_contacts(example_journey(), contacts.iloc[1:]))
    'Keiner der 8 Touchpoints der Reise kommt in Ihren Kontakten vor. Alle Bewertungen stammen aus der
     Beispielreise des Kurses.'
    """
    check_columns(bewertet, "bewertet", {"touchpoint": "touchpoint", "quelle": "quelle"})
    hits = bewertet.loc[bewertet["quelle"] == FROM_CONTACTS, "touchpoint"].astype(str).tolist()
    total = len(bewertet)
    if hits:
        text = (f"{len(hits)} von {total} Touchpoints sind aus Ihren Kontakten bewertet ({', '.join(hits)}). "
                f"Die übrigen {total - len(hits)} behalten die Bewertung der Beispielreise des Kurses.")
        if len(hits) == total:
            text = f"Alle {total} Touchpoints der Reise sind aus Ihren Kontakten bewertet."
    else:
        text = (f"Keiner der {total} Touchpoints der Reise kommt in Ihren Kontakten vor. Alle Bewertungen "
                "stammen aus der Beispielreise des Kurses.")
    if kontakte is not None:
        check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col})
        known = set(bewertet["touchpoint"].astype(str).str.strip().str.casefold())
        names = pd.Series(kontakte[touchpoint_col].dropna().astype(str).str.strip().unique())
        other = sorted(n for n in names if n and n.casefold() not in known)
        if other:
            text += f" Ihre Kontakte nennen auch Touchpoints, die in der Reise fehlen: {', '.join(other)}."
    return text


def own_journey(path, kriterien: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Your saved journey (see :func:`read_journey`) if the file exists; else None: start from the example.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> own_journey(folder / "reise.csv") is None
    True
    >>> own_journey(write_journey(example_journey("Bank"), folder / "reise.csv"))["touchpoint"].iloc[0]
    'Presse und Vergleichsportale'
    """
    path = Path(path)
    return read_journey(path, kriterien) if path.exists() else None
