"""Additional text of chapter 2 (not a story of the book): how emotional are customer relationships?

Two kinds of content live here, kept apart on purpose:

* :data:`FINDINGS` – the figures of the Strativity Group's *Corporate Love Meter
  2013* as Helmer & Hendrickson (2013, Buljan & Partners) cite them, one row per
  figure with its source. Nothing here is computed, except the one share marked
  as the course's own arithmetic (the rest to 100 %).
* :data:`QUESTIONS` and :func:`place` – a short self-test. Its questions, points
  and thresholds are the **course's own model**; the study did not publish a
  test. It only borrows the study's relationship statuses as its categories.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from kundenkit.errors import KundenkitError

STUDY = "Strativity Group: Corporate Love Meter 2013"
CITED_IN = ("Helmer, D.; Hendrickson, M. (2013): Emotionale Kundenbeziehungen könnten weitaus besser sein. "
            "Buljan & Partners")
SOURCE_ARTICLE = f"{STUDY}, zitiert nach {CITED_IN}"
SOURCE_ORIGINAL = f"{STUDY} (Originalstudie), Aufschlüsselung wie im Kurs-Briefing geprüft"
COURSE_ARITHMETIC = "Rest zu 100 % aus den 74 % der Studie, vom Kurs errechnet"
RESPONDENTS = 402   # executives in the US and the UK [original study]

OPEN_MARRIAGE = "Offene Ehe"
ON_OFF = "On-off-Beziehung"
ONE_NIGHT = "One-Night-Stand"
BETTER = "Besser als offene Ehe"
#: The relationship statuses from best to worst. BETTER is the study's rest, not one of its categories.
STATUSES = (BETTER, OPEN_MARRIAGE, ON_OFF, ONE_NIGHT)


@dataclass(frozen=True)
class Finding:
    """One figure of the study: its share of the respondents, what it says, where it comes from."""

    key: str
    share: float
    text: str
    source: str


FINDINGS: tuple[Finding, ...] = (
    Finding("offene_ehe_oder_schlimmer", 0.74,
            "beschreiben ihre Kundenbeziehung als offene Ehe oder schlimmer", SOURCE_ARTICLE),
    Finding("offene_ehe", 0.59, "nennen sie eine offene Ehe", SOURCE_ORIGINAL),
    Finding("on_off", 0.10, "nennen sie eine On-off-Beziehung", SOURCE_ORIGINAL),
    Finding("one_night_stand", 0.05, "nennen sie einen One-Night-Stand", SOURCE_ORIGINAL),
    Finding("emotionale_verbindung", 0.29, "sagen, sie hätten eine emotionale Verbindung zu ihren Kunden",
            SOURCE_ARTICLE),
    Finding("nur_im_streit", 0.25, "sprechen mit ihren Kunden nur, wenn es Streit gibt", SOURCE_ARTICLE),
    Finding("lebendige_beziehung", 0.23, "bemühen sich um eine lebendige Kundenbeziehung", SOURCE_ARTICLE),
    Finding("herzen_erobern", 0.52, "wollen die Herzen ihrer Kunden gewinnen (Ziel der Geschäftsführer für 2013)",
            SOURCE_ARTICLE),
)


def findings() -> pd.DataFrame:
    """The study's figures as a table: ``befund``, ``anteil`` (0..1), ``aussage``, ``quelle``.

    >>> table = findings()
    >>> table.set_index("befund").loc["emotionale_verbindung", "anteil"]
    np.float64(0.29)
    >>> bool(table["quelle"].str.contains("Corporate Love Meter 2013").all())
    True
    """
    return pd.DataFrame([{"befund": f.key, "anteil": f.share, "aussage": f.text, "quelle": f.source}
                         for f in FINDINGS])


def statuses() -> pd.DataFrame:
    """The relationship statuses with the study's shares, best first: ``status``, ``anteil``, ``quelle``.

    The three named statuses add up to the study's 74 % "open marriage or worse";
    the rest is the course's arithmetic and says so in ``quelle``.

    >>> table = statuses()
    >>> list(table["status"])
    ['Besser als offene Ehe', 'Offene Ehe', 'On-off-Beziehung', 'One-Night-Stand']
    >>> round(float(table["anteil"].sum()), 10), round(float(table["anteil"].iloc[1:].sum()), 10)
    (1.0, 0.74)
    """
    share = {f.key: f for f in FINDINGS}
    named = [(OPEN_MARRIAGE, share["offene_ehe"]), (ON_OFF, share["on_off"]), (ONE_NIGHT, share["one_night_stand"])]
    rest = round(1 - share["offene_ehe_oder_schlimmer"].share, 10)
    rows = [{"status": BETTER, "anteil": rest, "quelle": COURSE_ARITHMETIC}]
    rows += [{"status": name, "anteil": f.share, "quelle": f.source} for name, f in named]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Question:
    """A question of the self-test: its German text and answers with points (3 = best, 0 = worst)."""

    key: str
    text: str
    answers: tuple[tuple[str, int], ...]


#: The self-test (course's own model): four questions, 0 to 3 points each.
QUESTIONS: tuple[Question, ...] = (
    Question("kontakt", "Wann sprechen Sie mit Ihren Kunden?", (
        ("Regelmäßig, auch ohne Anlass", 3),
        ("Vor allem, wenn wir etwas verkaufen wollen", 2),
        ("Meist nur, wenn sich ein Kunde beschwert", 1),
        ("Nach dem Kauf kaum noch", 0),
    )),
    Question("kaufgrund", "Warum kaufen Ihre Kunden bei Ihnen?", (
        ("Sie fühlen sich bei uns gut aufgehoben", 3),
        ("Aus Gewohnheit und weil es bequem ist", 2),
        ("Wenn wir gerade ein gutes Angebot haben", 1),
        ("Nur wegen des niedrigsten Preises", 0),
    )),
    Question("treue", "Kaufen Ihre Kunden auch bei der Konkurrenz?", (
        ("Selten", 3),
        ("Ja, regelmäßig neben uns", 2),
        ("Sie kommen und gehen", 1),
        ("Die meisten kaufen nur ein einziges Mal", 0),
    )),
    Question("gefuehl", "Haben Sie eine emotionale Verbindung zu Ihren Kunden?", (
        ("Ja, das sagen uns die Kunden auch", 3),
        ("Zu einem Teil der Kunden", 2),
        ("Eher nicht", 1),
        ("Nein", 0),
    )),
)
#: Lowest total points for each status (course's own thresholds; maximum 12 points).
THRESHOLDS: tuple[tuple[str, int], ...] = ((BETTER, 10), (OPEN_MARRIAGE, 6), (ON_OFF, 3), (ONE_NIGHT, 0))
MAX_POINTS = 3 * len(QUESTIONS)


@dataclass(frozen=True)
class Placement:
    """Result of the self-test: total points (0..12) and the relationship status they place the company in."""

    points: int
    status: str


def place(answers: Mapping[str, str]) -> Placement:
    """Place a company into one of the study's relationship statuses (course's own model).

    ``answers`` maps each question's key to the text of the chosen answer. The
    points are added up; :data:`THRESHOLDS` turn the total into a status.

    >>> best = {q.key: q.answers[0][0] for q in QUESTIONS}
    >>> place(best)
    Placement(points=12, status='Besser als offene Ehe')
    >>> place({q.key: q.answers[1][0] for q in QUESTIONS}).status
    'Offene Ehe'
    >>> place({q.key: q.answers[-1][0] for q in QUESTIONS})
    Placement(points=0, status='One-Night-Stand')
    >>> place({"kontakt": "Nie"})
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Selbsttest: Die Antwort 'Nie' passt nicht zur Frage „Wann sprechen Sie mit
    Ihren Kunden?“. Wählen Sie eine dieser Antworten: Regelmäßig, auch ohne Anlass; ...; Nach dem Kauf kaum noch.
    """
    points = 0
    for question in QUESTIONS:
        if question.key not in answers:
            raise KundenkitError(f"Selbsttest: Zur Frage „{question.text}“ (Schlüssel '{question.key}') fehlt die "
                                 "Antwort. Beantworten Sie alle Fragen.")
        choice = dict(question.answers).get(answers[question.key])
        if choice is None:
            allowed = "; ".join(text for text, _ in question.answers)
            raise KundenkitError(f"Selbsttest: Die Antwort {answers[question.key]!r} passt nicht zur Frage "
                                 f"„{question.text}“. Wählen Sie eine dieser Antworten: {allowed}.")
        points += choice
    unknown = sorted(set(answers) - {q.key for q in QUESTIONS})
    if unknown:
        raise KundenkitError(f"Selbsttest: Unbekannte Frage(n) {unknown}. Erlaubt sind: "
                             f"{', '.join(q.key for q in QUESTIONS)}.")
    status = next(name for name, minimum in THRESHOLDS if points >= minimum)
    return Placement(points, status)
