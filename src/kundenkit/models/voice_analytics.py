"""Lesson 3.11 "Voice Analytics – Was unsere Stimme über die Beziehung verrät": an escalation score for calls.

Of this story the course knows only the title (Hafner 2019, Kap. 3). What voice
analytics measures is told from research: two kinds of signals can be taken
from a recorded call –

* **acoustic** (how something is said): pauses, speaking rate, pitch and stress,
  interruptions, changes in loudness – for pitch, loudness, rate and pauses research
  uses fixed parameter sets such as the Geneva Minimalistic Acoustic Parameter Set
  (Eyben et al. 2016);
* **word-based** (what is said): the words of the transcript and their
  sentiment (Pang & Lee 2008).

Lee & Narayanan (2005) detected negative emotions in calls to a call-centre
application; acoustic and language information combined did best.

**Course model** (not from the book, not measured): the calls are the learner's
own phone contacts (table ``kontakte``, ``kanal == "Telefon"``; with fewer than
``min_calls`` phone contacts, all contacts). A call *escalated* when it was
rated poorly (``bewertung`` ≤ ``bad_rating``) or when the same customer's next
contact within ``follow_days`` days was rated poorly. The seven features of each
call are **drawn by the course** (:func:`simulate_features`): values from 0
(unremarkable) to 1 (very noticeable); escalated calls are, on average, more
noticeable – how much, and in which of the two kinds of signals, are
assumptions of the course (:data:`SIGNAL`, :data:`SHARE_HEARD`, ...). The
escalation score is a weighted mean of the features of one approach; a
threshold turns it into warnings, judged with :mod:`kundenkit.models.screening`.
A learner with measured features of their own (one row per call, the feature
columns 0–1 and ``eskaliert``) passes that table to :func:`escalation_scores`.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import de_number, de_percent
from kundenkit.models import screening
from kundenkit.validation import check_columns, check_int

# Defaults: assumptions of the course, not figures from a source.
CHANNEL = "Telefon"     # the contacts that count as calls
MIN_CALLS = 100         # with fewer phone contacts than this, all contacts are used
BAD_RATING = 2          # a contact rated 1 or 2 (of 5) counts as poor
FOLLOW_DAYS = 14        # a poor next contact within this many days: the call escalated
THRESHOLD = 0.4         # from this score on, a call raises a warning
SIGNAL = 0.5            # how much more noticeable the features of an escalated call are, at most
SHARE_HEARD = 0.6       # share of escalated calls whose voices show it (acoustic features raised)
SHARE_SAID = 0.6        # share of escalated calls whose words show it (word-based features raised)
SHARE_FALSE_CUE = 0.1   # share of calm calls that sound agitated / use negative words all the same
COURSE_SEED = 311       # mixed with the learner's seed, so that the drawn features differ by seed

ACOUSTIC = ("pausen", "tempo", "tonhöhe", "unterbrechungen", "lautstärke")
WORDS = ("negative_wörter", "stimmung")
FEATURES = ACOUSTIC + WORDS
FEATURE_LABELS = {"pausen": "Pausen", "tempo": "Sprechtempo", "tonhöhe": "Tonhöhe und Betonung",
                  "unterbrechungen": "Unterbrechungen", "lautstärke": "Lautstärkewechsel",
                  "negative_wörter": "negative Wörter", "stimmung": "negative Stimmung im Text"}
ACOUSTIC_APPROACH, WORD_APPROACH, COMBINED = "akustisch", "wortbasiert", "kombiniert"
APPROACHES = {ACOUSTIC_APPROACH: ACOUSTIC, WORD_APPROACH: WORDS, COMBINED: FEATURES}
ESCALATED, CALM = "eskaliert", "ruhig geblieben"
ROWS = ("eskaliert", "ruhig geblieben")             # observed: escalated, stayed calm
COLUMNS = ("Warnung", "keine Warnung")              # flagged, not flagged
ALL_CONTACTS = "alle Kontakte"


# ---------------------------------------------------------------------------
# The calls and what became of them
# ---------------------------------------------------------------------------

def _dates(values: pd.Series, col: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        dates = values
    else:
        text = values.astype("string").str.strip()
        dates = pd.to_datetime(text, errors="coerce", format="ISO8601").fillna(
            pd.to_datetime(text, errors="coerce", format="%d.%m.%Y"))
    bad = dates.isna().to_numpy()
    if bad.any():
        row = values.index[bad][0]
        raise KundenkitError(f"Tabelle kontakte, Spalte '{col}', Zeile {row}: {values.loc[row]!r} ist kein "
                             "Datum. Tragen Sie ein Datum wie 31.12.2024 ein oder löschen Sie die Zeile.",
                             datei="kontakte", zeile=row, spalte=col, wert=values.loc[row])
    return dates.astype("datetime64[us]")


def select_calls(kontakte: pd.DataFrame, *, channel: str = CHANNEL, min_calls: int = MIN_CALLS,
                 bad_rating: int = BAD_RATING, follow_days: int = FOLLOW_DAYS, customer_col: str = "kunden_id",
                 date_col: str = "datum", channel_col: str = "kanal", rating_col: str = "bewertung"
                 ) -> pd.DataFrame:
    """The calls of the contact table and whether each escalated (course model).

    Calls are the contacts with ``kanal == channel``; with fewer than
    ``min_calls`` of them, all contacts are taken (``attrs["basis"]`` says which).
    A call **escalated** when it was rated at most ``bad_rating`` or when the same
    customer's next contact (any channel) within ``follow_days`` days was. Contacts
    without a rating are left out as calls (``attrs["ohne_bewertung"]`` counts them).

    Returns one row per call, sorted by customer and date: ``kunden_id``, ``datum``,
    ``kanal``, ``bewertung``, ``folgekontakt_schlecht`` and ``eskaliert``.

    >>> k = pd.DataFrame({"kunden_id": ["A", "A", "B", "C"], "kanal": ["Telefon", "E-Mail", "Telefon", "Telefon"],
    ...                   "datum": ["2024-03-01", "2024-03-08", "2024-03-01", "2024-03-02"],
    ...                   "bewertung": [4, 1, 2, 5]})
    >>> calls = select_calls(k, min_calls=1)
    >>> calls[["kunden_id", "bewertung", "folgekontakt_schlecht", "eskaliert"]]
      kunden_id  bewertung  folgekontakt_schlecht  eskaliert
    0         A          4                   True       True
    1         B          2                  False       True
    2         C          5                  False      False
    >>> calls.attrs["basis"], select_calls(k, min_calls=10).attrs["basis"]
    ('Telefon', 'alle Kontakte')
    >>> select_calls(k.drop(columns="kanal"))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: In der Tabelle kontakte fehlt die Spalte 'kanal' (Parameter channel_col).
        Vorhanden sind: kunden_id, datum, bewertung. Benennen Sie Ihre Spalte um oder geben Sie ihren Namen
        mit channel_col=… an.
    """
    if not isinstance(kontakte, pd.DataFrame):
        raise KundenkitError("Übergeben Sie die Kontakttabelle (daten.kontakte), nicht "
                             f"{type(kontakte).__name__}.", parameter="kontakte")
    check_columns(kontakte, "kontakte", {"customer_col": customer_col, "date_col": date_col,
                                         "channel_col": channel_col, "rating_col": rating_col})
    min_calls = check_int("min_calls", min_calls, minimum=0)
    bad_rating = check_int("bad_rating", bad_rating, minimum=1, maximum=5)
    follow_days = check_int("follow_days", follow_days, minimum=0)
    if len(kontakte) == 0:
        raise KundenkitError("Die Tabelle kontakte ist leer. Die Lektion braucht Kontakte mit Datum, Kanal und "
                             "Bewertung.", datei="kontakte")
    frame = pd.DataFrame({
        "kunden_id": kontakte[customer_col].astype("string"),
        "datum": _dates(kontakte[date_col], date_col),
        "kanal": kontakte[channel_col].astype("string"),
        "bewertung": pd.to_numeric(kontakte[rating_col], errors="coerce"),
    })
    frame = frame.sort_values(["kunden_id", "datum"], kind="stable", ignore_index=True)
    same = frame["kunden_id"].shift(-1) == frame["kunden_id"]
    gap = (frame["datum"].shift(-1) - frame["datum"]).dt.days
    poor_next = (same & (gap <= follow_days) & (frame["bewertung"].shift(-1) <= bad_rating)).fillna(False)
    frame["folgekontakt_schlecht"] = poor_next.astype(bool)
    phone = frame["kanal"].fillna("").str.casefold() == str(channel).casefold()
    basis = channel if int(phone.sum()) >= min_calls else ALL_CONTACTS
    chosen = frame[phone.to_numpy()] if basis == channel else frame
    rated = chosen["bewertung"].notna().to_numpy()
    calls = chosen[rated].reset_index(drop=True)
    calls["bewertung"] = calls["bewertung"].astype("int64")
    calls["eskaliert"] = (calls["bewertung"] <= bad_rating) | calls["folgekontakt_schlecht"]
    if len(calls) == 0:
        raise KundenkitError("In der Tabelle kontakte gibt es keinen Kontakt mit Bewertung. Die Lektion braucht "
                             f"die Spalte '{rating_col}' mit Zahlen von 1 bis 5.", datei="kontakte",
                             spalte=rating_col)
    calls.attrs.update(basis=basis, telefon=int(phone.sum()), kontakte=len(frame),
                       ohne_bewertung=int((~rated).sum()), schlecht_bis=bad_rating, folgetage=follow_days)
    return calls


# ---------------------------------------------------------------------------
# The features: drawn by the course
# ---------------------------------------------------------------------------

def simulate_features(calls: pd.DataFrame, seed: int = 0, *, signal: float = SIGNAL,
                      share_heard: float = SHARE_HEARD, share_said: float = SHARE_SAID,
                      share_false_cue: float = SHARE_FALSE_CUE) -> pd.DataFrame:
    """Add the seven features of each call, **drawn by the course** (a simulation, not a measurement).

    Every feature starts from a random background value (Beta(2, 6), mean 0,25).
    Of the escalated calls, a share ``share_heard`` gets its acoustic features
    raised and, independently, a share ``share_said`` its word-based features – by
    up to ``signal`` (the same amount for the features of one kind, between 30 %
    and 100 % of ``signal``). Escalated calls raised in neither kind stay
    inconspicuous; of the calm calls, a share ``share_false_cue`` gets raised
    acoustic features and another such share raised word-based ones (a loud line,
    a customer who swears at the product but is helped). Values are cut to 0–1
    and rounded to two decimals. The same calls and seed give the same features.

    >>> calls = pd.DataFrame({"eskaliert": [True] * 500 + [False] * 500})
    >>> f = simulate_features(calls, seed=1)
    >>> list(f.columns[-7:]) == list(FEATURES), bool(f[list(FEATURES)].min().min() >= 0)
    (True, True)
    >>> means = f.groupby("eskaliert")[list(FEATURES)].mean().mean(axis=1)
    >>> bool(means[True] > means[False] + 0.1)
    True
    >>> simulate_features(calls, seed=1).equals(f)
    True
    """
    if "eskaliert" not in getattr(calls, "columns", ()):
        raise KundenkitError("Die Spalte 'eskaliert' fehlt. Wählen Sie die Gespräche zuerst mit "
                             "select_calls(daten.kontakte) aus.", parameter="calls")
    seed = check_int("seed", seed, minimum=0)
    signal = screening.check_share("signal", signal)
    shares = [screening.check_share(name, value) for name, value in
              (("share_heard", share_heard), ("share_said", share_said), ("share_false_cue", share_false_cue))]
    rng = np.random.default_rng([COURSE_SEED, seed])
    n = len(calls)
    escalated = calls["eskaliert"].to_numpy(dtype=bool)
    draw = rng.random((n, 4))
    heard = np.where(escalated, draw[:, 0] < shares[0], draw[:, 0] < shares[2])
    said = np.where(escalated, draw[:, 1] < shares[1], draw[:, 1] < shares[2])
    strength = signal * (0.3 + 0.7 * draw[:, 2:4])             # per call: acoustic, word-based
    values = rng.beta(2.0, 6.0, size=(n, len(FEATURES)))
    values[:, : len(ACOUSTIC)] += (heard * strength[:, 0])[:, None]
    values[:, len(ACOUSTIC):] += (said * strength[:, 1])[:, None]
    values = np.clip(values, 0.0, 1.0).round(2)
    out = calls.copy()
    for i, name in enumerate(FEATURES):
        out[name] = values[:, i]
    out.attrs.update(calls.attrs, simuliert=True, seed=seed)
    return out


# ---------------------------------------------------------------------------
# The escalation score
# ---------------------------------------------------------------------------

def check_weights(weights: Mapping[str, float] | None, approach: str = COMBINED) -> np.ndarray:
    """The weights of the seven features as an array; features outside ``approach`` get weight 0.

    Missing features get weight 1; all weights of the approach 0 is an error.

    >>> check_weights({"pausen": 2}, "akustisch").tolist()
    [2.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]
    >>> check_weights({"lautheit": 1})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Das Gewicht 'lautheit' gibt es nicht. Erlaubt sind: pausen, tempo, tonhöhe,
        unterbrechungen, lautstärke, negative_wörter, stimmung.
    >>> check_weights({"negative_wörter": 0, "stimmung": 0}, "wortbasiert")
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Im Ansatz 'wortbasiert' haben alle Merkmale das Gewicht 0. Geben Sie
        mindestens einem ein Gewicht über 0.
    """
    if approach not in APPROACHES:
        raise KundenkitError(f"Den Ansatz {approach!r} gibt es nicht. Erlaubt sind: {', '.join(APPROACHES)}.",
                             parameter="approach", wert=approach)
    weights = dict(weights or {})
    unknown = [name for name in weights if name not in FEATURES]
    if unknown:
        raise KundenkitError(f"Das Gewicht {unknown[0]!r} gibt es nicht. Erlaubt sind: {', '.join(FEATURES)}.",
                             parameter="weights", wert=unknown[0])
    out = np.zeros(len(FEATURES))
    for i, name in enumerate(FEATURES):
        if name not in APPROACHES[approach]:
            continue
        value = weights.get(name, 1.0)
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= float(value) <= 10:
            raise KundenkitError(f"Das Gewicht von '{name}' ist {value!r}; erlaubt sind Zahlen von 0 bis 10.",
                                 parameter="weights", wert=value)
        out[i] = float(value)
    if out.sum() == 0:
        raise KundenkitError(f"Im Ansatz {approach!r} haben alle Merkmale das Gewicht 0. Geben Sie mindestens "
                             "einem ein Gewicht über 0.", parameter="weights")
    return out


def feature_matrix(calls: pd.DataFrame) -> np.ndarray:
    """The seven feature columns as a float array (checked: all present, numbers from 0 to 1).

    >>> feature_matrix(pd.DataFrame({name: [0.5] for name in FEATURES})).shape
    (1, 7)
    """
    check_columns(calls, "gespräche", {name: name for name in FEATURES})
    matrix = calls[list(FEATURES)].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(matrix) | (matrix < 0) | (matrix > 1)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise KundenkitError(f"Tabelle gespräche, Spalte '{FEATURES[col]}', Zeile {calls.index[row]}: "
                             f"{calls.iloc[row, calls.columns.get_loc(FEATURES[col])]!r} ist kein Wert von 0 bis 1.",
                             datei="gespräche", zeile=calls.index[row], spalte=FEATURES[col],
                             tipp="Merkmale sind Werte von 0 (unauffällig) bis 1 (sehr auffällig).")
    return matrix


def score_array(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of the features per call, rounded to three decimals (0–1).

    >>> score_array(np.array([[1.0, 0.0], [0.5, 0.5]]), np.array([3.0, 1.0])).tolist()
    [0.75, 0.5]
    """
    return (matrix @ (weights / weights.sum())).round(3)


def escalation_scores(calls: pd.DataFrame, weights: Mapping[str, float] | None = None,
                      approach: str = COMBINED) -> pd.DataFrame:
    """The calls with their escalation score ``score`` (weighted mean of the approach's features, 0–1).

    >>> calls = pd.DataFrame({**{name: [0.8, 0.2] for name in ACOUSTIC},
    ...                       **{name: [0.1, 0.9] for name in WORDS}, "eskaliert": [True, False]})
    >>> escalation_scores(calls, approach="akustisch")["score"].tolist()
    [0.8, 0.2]
    >>> escalation_scores(calls)["score"].tolist()
    [0.6, 0.4]
    """
    out = calls.copy()
    out["score"] = score_array(feature_matrix(calls), check_weights(weights, approach))
    return out


def _truth(calls: pd.DataFrame) -> np.ndarray:
    if "eskaliert" not in calls.columns:
        raise KundenkitError("Die Spalte 'eskaliert' fehlt. Wählen Sie die Gespräche mit select_calls(...) aus.",
                             parameter="calls")
    return calls["eskaliert"].to_numpy(dtype=bool)


# ---------------------------------------------------------------------------
# Warnings at a threshold
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """Warnings at one threshold against what became of the calls.

    ``trefferquote`` (recall) = Treffer ÷ escalated calls; ``richtige_warnungen``
    (precision) = Treffer ÷ warnings (0 if there is none).
    """

    approach: str
    threshold: float
    counts: screening.Counts

    @property
    def gespraeche(self) -> int:
        return self.counts.population

    @property
    def eskaliert(self) -> int:
        return self.counts.positive

    @property
    def warnungen(self) -> int:
        return self.counts.markiert

    @property
    def treffer(self) -> int:
        return self.counts.treffer

    @property
    def fehlalarme(self) -> int:
        return self.counts.fehlalarme

    @property
    def verpasst(self) -> int:
        return self.counts.verpasst

    @property
    def korrekt_ruhig(self) -> int:
        return self.counts.korrekt_ruhig

    @property
    def trefferquote(self) -> float:
        return self.counts.recall

    @property
    def richtige_warnungen(self) -> float:
        return self.counts.precision

    def confusion(self) -> pd.DataFrame:
        """The 2×2 matrix in long form.

        >>> Result("kombiniert", 0.5, screening.Counts(3, 1, 2, 4)).confusion()["anzahl"].tolist()
        [3, 2, 1, 4]
        """
        return screening.confusion_frame(self.counts, ROWS, COLUMNS)

    def summary(self) -> pd.DataFrame:
        """The key figures as a small table (Kennzahl, Wert), German numbers.

        >>> Result("kombiniert", 0.5, screening.Counts(3, 1, 2, 4)).summary()
                                        Kennzahl  Wert
        0                              Gespräche    10
        1                         davon eskaliert     5
        2              Warnungen (Score ≥ Schwelle)     4
        3                                Treffer     3
        4                             Fehlalarme     1
        5                               verpasst     2
        6                          korrekt ruhig     4
        7     Trefferquote (Treffer ÷ eskaliert)  60 %
        8  richtige Warnungen (Treffer ÷ Warnungen)  75 %
        """
        rows = [("Gespräche", de_number(self.gespraeche, 0)), ("davon eskaliert", de_number(self.eskaliert, 0)),
                ("Warnungen (Score ≥ Schwelle)", de_number(self.warnungen, 0)),
                ("Treffer", de_number(self.treffer, 0)), ("Fehlalarme", de_number(self.fehlalarme, 0)),
                ("verpasst", de_number(self.verpasst, 0)), ("korrekt ruhig", de_number(self.korrekt_ruhig, 0)),
                ("Trefferquote (Treffer ÷ eskaliert)", de_percent(self.trefferquote)),
                ("richtige Warnungen (Treffer ÷ Warnungen)", de_percent(self.richtige_warnungen))]
        return pd.DataFrame(rows, columns=["Kennzahl", "Wert"])


def evaluate(scored: pd.DataFrame, threshold: float = THRESHOLD, approach: str = COMBINED) -> Result:
    """Warn for every call with ``score >= threshold`` and compare with ``eskaliert``.

    >>> t = pd.DataFrame({"score": [1.0, 0.8, 0.6, 0.2, 0.0], "eskaliert": [True, False, True, True, False]})
    >>> r = evaluate(t, 0.5)
    >>> r.treffer, r.fehlalarme, r.verpasst, r.korrekt_ruhig, round(r.trefferquote, 3)
    (2, 1, 1, 1, 0.667)
    >>> evaluate(t, 2)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'threshold' ist 2; erlaubt sind Zahlen von 0 bis 1.
    """
    if "score" not in scored.columns:
        raise KundenkitError("Die Spalte 'score' fehlt. Berechnen Sie sie zuerst mit escalation_scores(...).",
                             parameter="scored")
    return evaluate_arrays(scored["score"].to_numpy(dtype=float), _truth(scored), threshold, approach)


def evaluate_arrays(score: np.ndarray, truth: np.ndarray, threshold: float = THRESHOLD,
                    approach: str = COMBINED) -> Result:
    """:func:`evaluate` on arrays (for the widget: no table copied on every change).

    >>> evaluate_arrays(np.array([0.9, 0.1]), np.array([True, True]), 0.5).verpasst
    1
    """
    threshold = screening.check_share("threshold", threshold)
    return Result(approach, threshold, screening.count(score, truth, threshold))


def compare_approaches(calls: pd.DataFrame, threshold: float = THRESHOLD,
                       weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """The three approaches side by side at one threshold (weights of the features as given, default 1).

    Columns: ``ansatz``, ``gewarnt`` (warnings), ``erkannt`` (Treffer), ``fehlalarm`` (Fehlalarme),
    ``übersehen`` (verpasst), ``trefferquote``, ``richtige_warnungen``.

    >>> calls = pd.DataFrame({**{name: [0.9, 0.1, 0.1, 0.1] for name in ACOUSTIC},
    ...                       **{name: [0.1, 0.9, 0.9, 0.1] for name in WORDS},
    ...                       "eskaliert": [True, True, False, False]})
    >>> compare_approaches(calls, 0.5)[["ansatz", "erkannt", "fehlalarm", "übersehen"]]
            ansatz  erkannt  fehlalarm  übersehen
    0    akustisch        1           0         1
    1  wortbasiert        1           1         1
    2   kombiniert        1           0         1
    """
    matrix, truth = feature_matrix(calls), _truth(calls)
    rows = []
    for approach in APPROACHES:
        score = score_array(matrix, check_weights(weights, approach))
        r = Result(approach, screening.check_share("threshold", threshold), screening.count(score, truth, threshold))
        rows.append({"ansatz": approach, "gewarnt": r.warnungen, "erkannt": r.treffer,
                     "fehlalarm": r.fehlalarme, "übersehen": r.verpasst,
                     "trefferquote": round(r.trefferquote, 4), "richtige_warnungen": round(r.richtige_warnungen, 4)})
    return pd.DataFrame(rows)


def feature_means(calls: pd.DataFrame) -> pd.DataFrame:
    """Mean of each feature for escalated and calm calls – what the simulation built in.

    >>> calls = pd.DataFrame({**{name: [0.8, 0.2] for name in FEATURES}, "eskaliert": [True, False]})
    >>> feature_means(calls).head(2)
               merkmal       art  mittel_eskaliert  mittel_ruhig  abstand
    0           Pausen  akustisch               0.8           0.2      0.6
    1      Sprechtempo  akustisch               0.8           0.2      0.6
    """
    matrix, truth = feature_matrix(calls), _truth(calls)
    with np.errstate(invalid="ignore"):
        escalated = matrix[truth].mean(axis=0) if truth.any() else np.full(len(FEATURES), math.nan)
        calm = matrix[~truth].mean(axis=0) if (~truth).any() else np.full(len(FEATURES), math.nan)
    return pd.DataFrame({
        "merkmal": [FEATURE_LABELS[name] for name in FEATURES],
        "art": [ACOUSTIC_APPROACH if name in ACOUSTIC else WORD_APPROACH for name in FEATURES],
        "mittel_eskaliert": escalated.round(3), "mittel_ruhig": calm.round(3),
        "abstand": (escalated - calm).round(3),
    })


def score_histogram(scored: pd.DataFrame, bins: int = 20) -> pd.DataFrame:
    """Calls per score bin, separately for escalated and calm calls (empty bins left out).

    >>> t = pd.DataFrame({"score": [0.9, 0.12, 0.14, 0.6], "eskaliert": [True, False, False, True]})
    >>> score_histogram(t, bins=4)
           gespräch   von   bis  anzahl
    0     eskaliert  0.50  0.75       1
    1     eskaliert  0.75  1.00       1
    2  ruhig geblieben  0.00  0.25       2
    """
    return score_histogram_arrays(scored["score"].to_numpy(dtype=float), _truth(scored), bins)


def score_histogram_arrays(score: np.ndarray, truth: np.ndarray, bins: int = 20) -> pd.DataFrame:
    """:func:`score_histogram` on arrays.

    >>> score_histogram_arrays(np.array([0.9]), np.array([True]), 2)["anzahl"].tolist()
    [1]
    """
    bins = check_int("bins", bins, minimum=1, maximum=100)
    index = np.minimum((score * bins + screening.TOLERANCE).astype(np.int64), bins - 1) + bins * ~truth
    counts = np.bincount(index, minlength=2 * bins)       # escalated bins first, then calm ones
    used = np.flatnonzero(counts)
    edges = np.round(np.arange(bins + 1) / bins, 4)
    return pd.DataFrame({"gespräch": np.where(used < bins, ESCALATED, CALM), "von": edges[used % bins],
                         "bis": edges[used % bins + 1], "anzahl": counts[used]})


def confusion_grid(scored: pd.DataFrame, thresholds=None) -> pd.DataFrame:
    """The four fields for the thresholds 0, 0.05, …, 1 (long form), for the chart's threshold parameter.

    >>> t = pd.DataFrame({"score": [1.0, 0.6, 0.2], "eskaliert": [True, False, True]})
    >>> confusion_grid(t, [0.5])[["schwelle", "tatsächlich", "vorhersage", "anzahl"]]
       schwelle      tatsächlich     vorhersage  anzahl
    0       0.5        eskaliert        Warnung       1
    1       0.5        eskaliert  keine Warnung       1
    2       0.5  ruhig geblieben        Warnung       1
    3       0.5  ruhig geblieben  keine Warnung       0
    """
    return confusion_grid_arrays(scored["score"].to_numpy(dtype=float), _truth(scored), thresholds)


def confusion_grid_arrays(score: np.ndarray, truth: np.ndarray, thresholds=None) -> pd.DataFrame:
    """:func:`confusion_grid` on arrays.

    >>> len(confusion_grid_arrays(np.array([0.9]), np.array([True])))
    84
    """
    return screening.confusion_grid(score, truth, ROWS, COLUMNS, thresholds)
