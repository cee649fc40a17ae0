"""Lesson 5.6 "Warum Bullshit allein keine kundenorientierten Mitarbeiter erzeugt": customer focus.

Of the book's story the course knows only the title (Hafner 2019, Kap. 5). Its
theme, customer-oriented staff, the course takes up with Schüller (Customer
Touchpoint Management, Teil I): customer-focused instead of process-fixated;
rigid service norms turn staff into robots; customer focus needs room to act
and departments linked across their silos, because the customer sees the
company as one whole.

Two parts, both pure functions:

1. **Touchpoints by department.** Which department answers for which
   touchpoint is data: a table ``touchpoint; abteilung; quelle`` (shipped as
   ``data/touchpoint_abteilungen.csv``, the *Zuordnung des Kurses*, replaceable
   by a trainer). :func:`department_map` joins it with the learner's contacts:
   per department its touchpoints, contacts and mean rating, per customer the
   number of departments met. Touchpoints without a department count as
   :data:`UNASSIGNED` and are named.
2. **Rigid norms vs room to act** – a **course model**, not a finding of a
   study: every request is standard or special (the share of special requests
   is the learner's). The quality of a solution is normal on a scale 0–10; a
   customer is satisfied above :attr:`NormAssumptions.threshold`. A rigid script
   (room 0) solves standard requests well and special ones badly, with little
   spread; full room (1) solves special requests much better, but every result
   spreads more. Between the two the course interpolates linearly. All figures
   are assumptions of the course (:class:`NormAssumptions`), adjustable.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.data.german_csv import read_csv
from kundenkit.errors import KundenkitError
from kundenkit.validation import cell_error, check_columns, check_ratings, shown_value

UNASSIGNED = "nicht zugeordnet"
ASSIGNMENT_COLUMNS = ("touchpoint", "abteilung")
ASSIGNMENT_FILE = "touchpoint_abteilungen.csv"
ASSIGNMENT_TITLE = "Zuordnung des Kurses"
_COURSE = "Kurs (Zuordnung des Kurses)"

# The course's assignment of every touchpoint of the sample data (all sectors) to a department.
# A choice of the course for teaching, not a finding; a trainer replaces data/touchpoint_abteilungen.csv.
DEFAULT_ASSIGNMENT: tuple[tuple[str, str], ...] = (
    # Handel
    ("Prospekt/Newsletter", "Marketing"),
    ("Online-Shop", "Digitale Kanäle"),
    ("Verkaufsraum", "Filialen"),
    ("Beratung im Laden", "Filialen"),
    ("Kasse", "Filialen"),
    ("Lieferung", "Logistik"),
    ("Kundenservice", "Kundenservice"),
    ("Reklamation/Umtausch", "Kundenservice"),
    # Bank
    ("Beratungsgespräch", "Vertrieb"),
    ("Online-Banking", "Digitale Kanäle"),
    ("Banking-App", "Digitale Kanäle"),
    ("Hotline", "Kundenservice"),
    ("Filiale/Schalter", "Filialen"),
    ("Kontoauszug/Post", "Innendienst"),
    ("Kreditentscheidung", "Kreditabteilung"),
    ("Beschwerde", "Beschwerdemanagement"),
    # Versicherung
    ("Beratung durch Vertreter", "Vertrieb"),
    ("Online-Tarifrechner", "Digitale Kanäle"),
    ("Antrag/Police", "Innendienst"),
    ("Beitragsrechnung", "Buchhaltung"),
    ("Schadenmeldung", "Schadenabteilung"),
    ("Schadenregulierung", "Schadenabteilung"),
    ("Kundenportal/App", "Digitale Kanäle"),
    # Telekommunikation
    ("Shop-Beratung", "Filialen"),
    ("Online-Bestellung", "Digitale Kanäle"),
    ("Rechnung", "Buchhaltung"),
    ("Störungsmeldung", "Technischer Service"),
    ("Techniker-Termin", "Technischer Service"),
    ("Kunden-App", "Digitale Kanäle"),
    ("Vertragsverlängerung", "Vertrieb"),
    # Maschinenbau
    ("Angebot", "Vertrieb"),
    ("Auftragsbestätigung", "Innendienst"),
    ("Inbetriebnahme", "Technischer Service"),
    ("Service-Einsatz", "Technischer Service"),
    ("Ersatzteilbestellung", "Innendienst"),
    ("Reklamation", "Qualitätsmanagement"),
)

MAP_COLUMNS = ["abteilung", "touchpoints", "anzahl_touchpoints", "kontakte", "anteil", "bewertung",
               "kunden_mit_kontakt"]
CELL_COLUMNS = ["touchpoint", "abteilung", "kontakte", "bewertung"]
SPREAD_COLUMNS = ["abteilungen", "kunden", "anteil_kunden"]


# --- part 1: touchpoints by department ------------------------------------------------------------

def default_assignment() -> pd.DataFrame:
    """The course's assignment of touchpoints to departments, as ``data/touchpoint_abteilungen.csv`` holds it.

    >>> a = default_assignment()
    >>> a.columns.tolist(), a.loc[a["touchpoint"] == "Hotline", "abteilung"].item()
    (['touchpoint', 'abteilung', 'quelle'], 'Kundenservice')
    """
    return pd.DataFrame([(tp, dep, _COURSE) for tp, dep in DEFAULT_ASSIGNMENT],
                        columns=[*ASSIGNMENT_COLUMNS, "quelle"])


def check_assignment(zuordnung: pd.DataFrame) -> pd.DataFrame:
    """The assignment checked: both columns, no empty cell, each touchpoint once; German errors naming the line.

    >>> check_assignment(pd.DataFrame({"touchpoint": [" Kasse "], "abteilung": ["Filialen"]}))
      touchpoint abteilung
    0      Kasse  Filialen
    >>> check_assignment(pd.DataFrame({"touchpoint": ["Kasse", "Kasse"], "abteilung": ["Filialen", "Vertrieb"]}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'touchpoint', Zeile 1: Der Touchpoint 'Kasse' kommt mehrfach vor.
        Ordnen Sie jeden Touchpoint genau einer Abteilung zu und löschen Sie die übrigen Zeilen.
    >>> check_assignment(pd.DataFrame({"touchpoint": ["Kasse"], "abteilung": [None]}))
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Spalte 'abteilung', Zeile 0: Die Abteilung fehlt. Tragen Sie ein, welche
        Abteilung für diesen Touchpoint zuständig ist.
    """
    check_columns(zuordnung, "zuordnung", {c: c for c in ASSIGNMENT_COLUMNS})
    if zuordnung.empty:
        raise KundenkitError("Die Zuordnung der Touchpoints zu Abteilungen ist leer. Tragen Sie mindestens eine "
                             "Zeile ein.", datei=zuordnung.attrs.get("datei"))
    out = zuordnung.copy()
    seen: set[str] = set()
    for column, what, tipp in (
            ("touchpoint", "Der Touchpoint", "Tragen Sie den Namen des Touchpoints ein, wie er in Ihren Kontakten "
                                             "steht."),
            ("abteilung", "Die Abteilung", "Tragen Sie ein, welche Abteilung für diesen Touchpoint zuständig ist.")):
        cleaned = []
        for row in out.index:
            value = out.at[row, column]
            text = "" if pd.isna(value) else str(value).strip()
            if not text:
                raise cell_error(out, row, column, f"{what} fehlt.", tipp)
            if column == "touchpoint":
                if text in seen:
                    raise cell_error(out, row, column, f"Der Touchpoint {shown_value(text)} kommt mehrfach vor.",
                                     "Ordnen Sie jeden Touchpoint genau einer Abteilung zu und löschen Sie die "
                                     "übrigen Zeilen.")
                seen.add(text)
            cleaned.append(text)
        out[column] = pd.array(cleaned, dtype="string")
    return out


def read_assignment(path) -> pd.DataFrame:
    """Read an assignment file (German CSV or Excel) and check it with :func:`check_assignment`.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kundenkit.data.german_csv import write_csv
    >>> path = write_csv(default_assignment(), Path(tempfile.mkdtemp()) / ASSIGNMENT_FILE)
    >>> read_assignment(path).shape
    (36, 3)
    """
    return check_assignment(read_csv(path, dtype={"touchpoint": "string", "abteilung": "string"}))


def assignment_title(zuordnung: pd.DataFrame) -> str:
    """"Zuordnung des Kurses" while the table is the course's, else "Ihre Zuordnung".

    >>> assignment_title(default_assignment()), assignment_title(default_assignment().iloc[:3])
    ('Zuordnung des Kurses', 'Ihre Zuordnung')
    """
    same = (len(zuordnung) == len(DEFAULT_ASSIGNMENT)
            and list(zip(zuordnung["touchpoint"], zuordnung["abteilung"], strict=True)) == list(DEFAULT_ASSIGNMENT))
    return ASSIGNMENT_TITLE if same else "Ihre Zuordnung"


@dataclass(frozen=True)
class DepartmentMap:
    """The learner's contacts by touchpoint and department.

    ``departments``: one row per department (most contacts first, :data:`UNASSIGNED`
    last) with :data:`MAP_COLUMNS`; ``cells``: one row per touchpoint with its
    department, contacts and mean rating; ``spread``: how many customers met how
    many departments; ``unassigned``: the learner's touchpoints the assignment does not know.
    """

    departments: pd.DataFrame
    cells: pd.DataFrame
    spread: pd.DataFrame
    unassigned: tuple[str, ...]
    customers: int

    @property
    def assigned_departments(self) -> list[str]:
        """The departments the customers met, without :data:`UNASSIGNED`."""
        return [d for d in self.departments["abteilung"] if d != UNASSIGNED]

    @property
    def mean_departments(self) -> float:
        """Mean number of departments a customer with contacts met (unassigned touchpoints count as one)."""
        s = self.spread
        total = int(s["kunden"].sum())
        return float((s["abteilungen"] * s["kunden"]).sum() / total) if total else 0.0

    @property
    def share_several(self) -> float:
        """Share of the customers with contacts who met two or more departments."""
        s = self.spread
        total = int(s["kunden"].sum())
        return float(s.loc[s["abteilungen"] >= 2, "kunden"].sum() / total) if total else 0.0

    def worst(self) -> str | None:
        """The assigned department with the lowest mean rating (None without ratings)."""
        d = self.departments[(self.departments["abteilung"] != UNASSIGNED) & self.departments["bewertung"].notna()]
        return None if d.empty else str(d.sort_values(["bewertung", "abteilung"])["abteilung"].iloc[0])

    def best(self) -> str | None:
        """The assigned department with the highest mean rating (None without ratings)."""
        d = self.departments[(self.departments["abteilung"] != UNASSIGNED) & self.departments["bewertung"].notna()]
        return None if d.empty else str(d.sort_values(["bewertung", "abteilung"],
                                                      ascending=[False, True])["abteilung"].iloc[0])


def department_map(kontakte: pd.DataFrame, zuordnung: pd.DataFrame | None = None, *,
                   touchpoint_col: str = "touchpoint", rating_col: str = "bewertung",
                   customer_col: str = "kunden_id") -> DepartmentMap:
    """Contacts and ratings per department, and how many departments each customer met.

    Ratings are on the scale 1–5; empty ratings count as contacts without a
    rating. Without ``customer_col`` in the table the spread per customer is empty.

    >>> k = pd.DataFrame({"kunden_id": ["K1", "K1", "K2", "K2"],
    ...                   "touchpoint": ["Kasse", "Hotline", "Kasse", "Brieftaube"], "bewertung": [4, 2, 5, 3]})
    >>> m = department_map(k)
    >>> m.departments[["abteilung", "touchpoints", "kontakte", "bewertung", "kunden_mit_kontakt"]]
              abteilung   touchpoints  kontakte  bewertung  kunden_mit_kontakt
    0         Filialen         Kasse         2        4.5                   2
    1    Kundenservice       Hotline         1        2.0                   1
    2  nicht zugeordnet  Brieftaube         1        3.0                   1
    >>> m.unassigned, m.mean_departments, m.share_several
    (('Brieftaube',), 2.0, 1.0)
    """
    zuordnung = check_assignment(default_assignment() if zuordnung is None else zuordnung)
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col, "rating_col": rating_col})
    ratings = check_ratings(kontakte, rating_col)
    tp = kontakte[touchpoint_col].astype("string").str.strip().fillna("unbekannt")
    lookup = dict(zip(zuordnung["touchpoint"], zuordnung["abteilung"], strict=True))
    # Group the (few) touchpoints first, then map them: fast on many contacts.
    frame = pd.DataFrame({"tp": tp.to_numpy(dtype=object), "r": ratings.to_numpy(dtype=float)})
    per_tp = frame.groupby("tp", sort=True)["r"].agg(kontakte="size", summe="sum", bewertet="count")
    per_tp["abteilung"] = [lookup.get(t, UNASSIGNED) for t in per_tp.index]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_tp["bewertung"] = np.round(per_tp["summe"] / per_tp["bewertet"].replace(0, np.nan), 2)
    cells = (per_tp.reset_index().rename(columns={"tp": "touchpoint"})[[*CELL_COLUMNS, "summe", "bewertet"]])
    total = max(int(cells["kontakte"].sum()), 1)
    per_dep = cells.groupby("abteilung", sort=False).agg(
        touchpoints=("touchpoint", lambda s: ", ".join(sorted(s))), anzahl_touchpoints=("touchpoint", "size"),
        kontakte=("kontakte", "sum"), summe=("summe", "sum"), bewertet=("bewertet", "sum"))
    per_dep["anteil"] = np.round(per_dep["kontakte"] / total, 4)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_dep["bewertung"] = np.round(per_dep["summe"] / per_dep["bewertet"].replace(0, np.nan), 2)
    dep_of_tp = dict(zip(cells["touchpoint"], cells["abteilung"], strict=True))
    if customer_col in kontakte.columns:
        pairs = pd.DataFrame({"k": kontakte[customer_col].to_numpy(),
                              "d": tp.map(dep_of_tp).to_numpy(dtype=object)}).drop_duplicates()
        reached = pairs.groupby("d").size()
        per_dep["kunden_mit_kontakt"] = reached.reindex(per_dep.index).fillna(0).astype("int64")
        counts = pairs.groupby("k").size().value_counts().sort_index()
        spread = pd.DataFrame({"abteilungen": counts.index.astype("int64"), "kunden": counts.to_numpy("int64")})
        customers = int(spread["kunden"].sum())
        spread["anteil_kunden"] = np.round(spread["kunden"] / max(customers, 1), 4)
    else:
        per_dep["kunden_mit_kontakt"] = pd.NA
        spread = pd.DataFrame({"abteilungen": pd.Series(dtype="int64"), "kunden": pd.Series(dtype="int64"),
                               "anteil_kunden": pd.Series(dtype=float)})
        customers = 0
    per_dep = per_dep.reset_index()
    per_dep["_last"] = per_dep["abteilung"] == UNASSIGNED
    per_dep = (per_dep.sort_values(["_last", "kontakte", "abteilung"], ascending=[True, False, True])
               .reset_index(drop=True)[MAP_COLUMNS])
    cells = cells.sort_values(["abteilung", "touchpoint"], ignore_index=True)[CELL_COLUMNS]
    unassigned = tuple(cells.loc[cells["abteilung"] == UNASSIGNED, "touchpoint"])
    return DepartmentMap(departments=per_dep, cells=cells, spread=spread, unassigned=unassigned,
                         customers=customers)


def assignment_for(kontakte: pd.DataFrame, zuordnung: pd.DataFrame | None = None, *,
                   touchpoint_col: str = "touchpoint") -> pd.DataFrame:
    """The rows of the assignment for the learner's touchpoints, with :data:`UNASSIGNED` where it knows none.

    >>> k = pd.DataFrame({"touchpoint": ["Kasse", "Brieftaube", "Kasse"]})
    >>> assignment_for(k)[["touchpoint", "abteilung"]]
       touchpoint         abteilung
    0  Brieftaube  nicht zugeordnet
    1       Kasse          Filialen
    """
    zuordnung = check_assignment(default_assignment() if zuordnung is None else zuordnung)
    check_columns(kontakte, "kontakte", {"touchpoint_col": touchpoint_col})
    names = sorted(kontakte[touchpoint_col].astype("string").str.strip().dropna().unique())
    known = zuordnung.set_index("touchpoint")
    rows = [(n, known.at[n, "abteilung"] if n in known.index else UNASSIGNED,
             known.at[n, "quelle"] if n in known.index and "quelle" in known.columns else "–") for n in names]
    return pd.DataFrame(rows, columns=["touchpoint", "abteilung", "quelle"])


# --- part 2: rigid norms vs room to act (course model) ---------------------------------------------

@dataclass(frozen=True)
class NormAssumptions:
    """The course's assumptions on the quality of a solution (scale 0–10); adjustable, not measured.

    ``*_script`` hold for a rigid script (room 0), ``*_free`` for full room (1);
    a customer is satisfied when the quality lies above ``threshold``.
    """

    standard_script: float = 8.0    # mean quality of a standard request, solved by the script
    standard_free: float = 8.0      # ... solved with full room (as good on average)
    special_script: float = 4.0     # mean quality of a special request, forced through the script
    special_free: float = 7.5       # ... solved with full room
    spread_script: float = 1.0      # spread (standard deviation) of every result under the script
    spread_free: float = 2.5        # ... with full room: people differ more
    threshold: float = 6.0          # satisfied above this quality

    def table(self) -> pd.DataFrame:
        """The assumptions as a table for the notebook.

        >>> NormAssumptions().table()["starres_skript"].tolist()
        [8.0, 4.0, 1.0, 6.0]
        """
        return pd.DataFrame({
            "annahme": ["mittlere Güte Standardanliegen", "mittlere Güte Sonderanliegen",
                        "Streuung jeder Lösung", "zufrieden ab Güte"],
            "starres_skript": [self.standard_script, self.special_script, self.spread_script, self.threshold],
            "voller_spielraum": [self.standard_free, self.special_free, self.spread_free, self.threshold]})


NORM_ASSUMPTIONS = NormAssumptions()
DEFAULT_SPECIAL_SHARE = 0.3   # share of special requests (course assumption; the learner sets their own)
DEFAULT_FREEDOM = 0.0         # the lesson starts at the rigid script
GRID = tuple(i / 20 for i in range(21))
CURVE_COLUMNS = ["spielraum", "zufrieden_standard", "zufrieden_sonder", "zufrieden_gesamt"]


def check_share(name: str, value) -> float:
    """A share from 0 to 1, checked.

    >>> check_share("special_share", 0.25)
    0.25
    >>> check_share("freedom", 1.5)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Der Parameter 'freedom' ist 1.5; erlaubt sind Anteile von 0 bis 1 (z. B. 0.3
        für 30 %).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise KundenkitError(f"Der Parameter '{name}' muss eine Zahl von 0 bis 1 sein, nicht {value!r}.",
                             parameter=name, wert=value)
    if not 0 <= float(value) <= 1:
        raise KundenkitError(f"Der Parameter '{name}' ist {value!r}; erlaubt sind Anteile von 0 bis 1 (z. B. 0.3 "
                             "für 30 %).", parameter=name, wert=value)
    return float(value)


def _normal_above(mean: np.ndarray, spread: np.ndarray, threshold: float) -> np.ndarray:
    z = (mean - threshold) / (spread * math.sqrt(2))
    return 0.5 * (1 + np.vectorize(math.erf)(z))


def satisfied(freedom, special_share: float, assumptions: NormAssumptions = NORM_ASSUMPTIONS) -> pd.DataFrame:
    """Share of satisfied customers for standard and special requests and all together (course model).

    ``freedom`` is the room to act from 0 (rigid script) to 1 (full room), one
    value or several.

    >>> satisfied([0, 1], 0.3)
       spielraum  zufrieden_standard  zufrieden_sonder  zufrieden_gesamt
    0        0.0              0.9772            0.0228            0.6909
    1        1.0              0.7881            0.7257            0.7694
    """
    special_share = check_share("special_share", special_share)
    f = np.atleast_1d(np.asarray(freedom, dtype=float))
    for value in f:
        check_share("freedom", float(value))
    a = assumptions
    if a.spread_script <= 0 or a.spread_free <= 0:
        raise KundenkitError("Die Streuung einer Lösung muss größer als 0 sein (spread_script, spread_free).",
                             parameter="assumptions")
    spread = a.spread_script + f * (a.spread_free - a.spread_script)
    standard = _normal_above(a.standard_script + f * (a.standard_free - a.standard_script), spread, a.threshold)
    special = _normal_above(a.special_script + f * (a.special_free - a.special_script), spread, a.threshold)
    overall = (1 - special_share) * standard + special_share * special
    return pd.DataFrame({"spielraum": f, "zufrieden_standard": np.round(standard, 4),
                         "zufrieden_sonder": np.round(special, 4), "zufrieden_gesamt": np.round(overall, 4)})


@dataclass(frozen=True)
class NormResult:
    """The model for one room to act and one share of special requests, with the curve over all rooms."""

    freedom: float
    special_share: float
    curve: pd.DataFrame          # CURVE_COLUMNS over GRID
    here: pd.Series              # the row for ``freedom``

    @property
    def satisfied(self) -> float:
        return float(self.here["zufrieden_gesamt"])

    @property
    def best_freedom(self) -> float:
        """The room on the grid with the most satisfied customers (the smallest such room on ties)."""
        c = self.curve
        return float(c.loc[c["zufrieden_gesamt"].idxmax(), "spielraum"])

    @property
    def best_satisfied(self) -> float:
        return float(self.curve["zufrieden_gesamt"].max())

    @property
    def script_satisfied(self) -> float:
        """Share of satisfied customers under the rigid script (room 0)."""
        return float(self.curve["zufrieden_gesamt"].iloc[0])


def norms_vs_freedom(freedom: float = DEFAULT_FREEDOM, special_share: float = DEFAULT_SPECIAL_SHARE,
                     assumptions: NormAssumptions = NORM_ASSUMPTIONS) -> NormResult:
    """The course model for one setting, with its curve over the room to act (0 %, 5 %, …, 100 %).

    >>> r = norms_vs_freedom(0.0, 0.1)
    >>> r.satisfied, r.best_freedom
    (0.8818, 0.0)
    >>> norms_vs_freedom(0.0, 0.6).best_freedom
    1.0
    """
    freedom = check_share("freedom", freedom)
    curve = satisfied(list(GRID), special_share, assumptions)
    here = satisfied([freedom], special_share, assumptions).iloc[0]
    return NormResult(freedom=freedom, special_share=float(special_share), curve=curve, here=here)


def break_even_share(assumptions: NormAssumptions = NORM_ASSUMPTIONS) -> float:
    """The share of special requests from which full room satisfies more customers than the rigid script.

    >>> round(break_even_share(), 3)
    0.212
    """
    two = satisfied([0.0, 1.0], 0.0, assumptions)
    std0, std1 = two["zufrieden_standard"]
    sp0, sp1 = two["zufrieden_sonder"]
    gain, loss = sp1 - sp0, std0 - std1
    if gain <= 0:
        return 1.0
    return float(min(max(loss / (loss + gain), 0.0), 1.0))

