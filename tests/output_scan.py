"""Scan what a learner sees in an executed notebook for output that is not German.

Visible are the text and HTML of ``display_data``, ``execute_result`` and
``stream`` outputs. Not scanned: code, widget views (their state lives in the
widget model) and the kundenkit check record (read by the grader, not shown).

Found are English decimals (``0.6081``; ``1.533`` passes as a German thousands
group), English thousands (``209,215.56``), ISO dates (``2024-07-04``), Python
values (``True``, ``False``, ``nan``, ``NaT``), raw Python/numpy/pandas reprs
(``array([...])``, ``dtype:``), pandas' own HTML tables (with their index
column) and snake_case headings (in HTML ``<th>`` cells; in plain text that
comes without HTML, any snake_case word outside quotes). Version numbers after
"Version" and lesson or exercise numbers after "Lektion", "Kapitel",
"Aufgabe" (``1.1``, ``1.11-c``, also a list: "Lektionen 3.8, 3.9 und 3.10") are allowed.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

_NUMBER = re.compile(r"(?<![\w.,'])\d[\d.,]*\d(?![\w])")
_GERMAN_NUMBER = re.compile(r"^(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_GERMAN_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$")
# A number right after one of these words, or in a list after it ("Lektionen 3.8, 3.9 und 3.10").
_ALLOWED_BEFORE = re.compile(r"(?:Version|Lektion|Lektionen|Kapitel|Aufgabe|Abschnitt|Geschichte):?\s*"
                             r"(?:\d+(?:\.\d+)*(?:-[a-z])?(?:,\s*|\s+und\s+))*$")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_PYTHON_VALUE = re.compile(r"\b(?:True|False|NaN|nan|NaT)\b|<NA>")
_PYTHON_REPR = re.compile(r"\barray\(|\bnp\.\w+\(|\bdtype[:=(]|\bName: \w+, dtype")
_SNAKE = re.compile(r"(?<![\w/.\\-])[A-Za-zÄÖÜäöüß]+(?:_[A-Za-zÄÖÜäöüß0-9]+)+(?![\w/(])")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|„[^“\n]*“|`[^`\n]*`|«[^»\n]*»")
_HIDDEN = re.compile(r"<(style|script)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Finding:
    """One piece of non-German output: where it is, what is wrong, and the text around it."""

    notebook: str
    cell: str
    problem: str
    text: str

    def __str__(self) -> str:
        return f"{self.notebook}, Zelle {self.cell}: {self.problem}: …{self.text}…"


def html_text(markup: str) -> tuple[str, list[str]]:
    """The visible text of HTML, and the texts of its ``<th>`` headings.

    >>> html_text("<style>td {width: 0.5em}</style><table><tr><th>käufe_pro_jahr</th></tr>"
    ...           "<tr><td style='padding:0.5em'>1.234,5 &amp; mehr</td></tr></table>")
    (' käufe_pro_jahr 1.234,5 & mehr ', ['käufe_pro_jahr'])
    """
    visible = _HIDDEN.sub(" ", markup)
    headings = [html.unescape(_TAG.sub(" ", h)).strip() for h in _TH.findall(visible)]
    text = re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", visible)))
    return text, headings


def _around(text: str, start: int, end: int, width: int = 25) -> str:
    return text[max(0, start - width):end + width].replace("\n", " ⏎ ")


def text_problems(text: str, *, snake_words: bool) -> list[tuple[str, str]]:
    """(problem, text around it) for every non-German piece of ``text``.

    >>> [p for p, _ in text_problems("Gewinn 209215.56 · Anteil 0.6081 · 1.533 Kunden", snake_words=False)]
    ['englische Dezimalzahl 209215.56', 'englische Dezimalzahl 0.6081']
    >>> text_problems("Stichtag 04.07.2024, 1.234,56 €, Version: 0.1.0, Aufgabe 1.11-c", snake_words=True)
    []
    >>> [p for p, _ in text_problems("2024-07-04 True array([3. , 3.45]) 1,234.5", snake_words=False)]
    ['ISO-Datum 2024-07-04', 'Python-Wert True', 'Python-Darstellung array(', 'englische Dezimalzahl 3.45',
     'englische Dezimalzahl 1,234.5']
    >>> [p for p, _ in text_problems("käufe_pro_jahr, aber 'n_kunden' ist erlaubt", snake_words=True)]
    ['snake_case käufe_pro_jahr']
    """
    found = []
    for match in _ISO_DATE.finditer(text):
        found.append((f"ISO-Datum {match.group()}", _around(text, match.start(), match.end())))
    for match in _PYTHON_VALUE.finditer(text):
        found.append((f"Python-Wert {match.group()}", _around(text, match.start(), match.end())))
    for match in _PYTHON_REPR.finditer(text):
        found.append((f"Python-Darstellung {match.group()}", _around(text, match.start(), match.end())))
    dates = {m.span() for m in _ISO_DATE.finditer(text)}
    for match in _NUMBER.finditer(text):
        token = match.group()
        if "." not in token or _GERMAN_NUMBER.match(token) or _GERMAN_DATE.match(token):
            continue
        if any(s <= match.start() < e for s, e in dates):
            continue
        if _ALLOWED_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
            continue
        found.append((f"englische Dezimalzahl {token}", _around(text, match.start(), match.end())))
    if snake_words:
        unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), text)
        for match in _SNAKE.finditer(unquoted):
            found.append((f"snake_case {match.group()}", _around(text, match.start(), match.end())))
    return found


def output_problems(output: dict) -> list[tuple[str, str]]:
    """(problem, text) for one output of a code cell, as nbformat or nbval stores it.

    >>> output_problems({"output_type": "execute_result", "data": {
    ...     "text/plain": "   gruppe  kunden\\n0  Alle  1816",
    ...     "text/html": "<table class='dataframe'><tr><th></th><th>gruppe</th></tr></table>"}})[0][0]
    'pandas-Tabelle mit Index (kk.tabelle verwenden)'
    >>> output_problems({"output_type": "display_data", "data": {"text/plain": "VBox(value=0.5)",
    ...     "application/vnd.jupyter.widget-view+json": {}}})
    []
    >>> output_problems({"output_type": "stream", "name": "stdout", "text": "Support 0.161\\n"})[0][0]
    'englische Dezimalzahl 0.161'
    """
    kind = output.get("output_type")
    if kind == "stream":
        return text_problems(output.get("text", ""), snake_words=True)
    if kind not in ("display_data", "execute_result"):
        return []
    data = output.get("data", {})
    if WIDGET_MIME in data:
        return []
    found = []
    markup = data.get("text/html")
    if isinstance(markup, list):
        markup = "".join(markup)
    if markup:
        if re.search(r"class=[\"']dataframe[\"']", markup):
            found.append(("pandas-Tabelle mit Index (kk.tabelle verwenden)", markup[:60]))
        text, headings = html_text(markup)
        found += text_problems(text, snake_words=False)
        for heading in headings:
            found += [(f"Spaltenüberschrift {p}", t) for p, t in text_problems(heading, snake_words=True)
                      if p.startswith("snake_case")]
    plain = data.get("text/plain")
    if isinstance(plain, list):
        plain = "".join(plain)
    if plain:
        found += text_problems(plain, snake_words=not markup)
    return found


def notebook_findings(name: str, cells) -> list[Finding]:
    """Findings in executed cells: each item has a cell ``id`` and ``outputs`` (a notebook's cells fit)."""
    findings = []
    for cell in cells:
        for output in cell.get("outputs", []):
            for problem, text in output_problems(output):
                findings.append(Finding(name, str(cell.get("id")), problem, text))
    return findings
