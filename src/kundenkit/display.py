"""One display layer: every table and value a learner sees, in German.

The models return plain pandas tables with stable snake_case column names
(exercises and tests rely on them). Before a learner sees a table, it goes
through :func:`table` (``kk.tabelle`` in the notebooks): German headings from
:data:`LABELS`, each column formatted by its kind – ``1.234,56``, ``12,5 %``,
``1.234 €`` (``−`` for losses), ``31.12.2024``, ``ja``/``nein`` – no index
column, no raw arrays. The result shows itself as an HTML table that fits a
notebook column of about 700 px (long texts wrap) and as German plain text.

Kinds of columns (``kinds={"spalte": "share:1"}``; the number after the colon is
the number of decimals):

=========  ======================================  ==================
kind       shows                                   default decimals
=========  ======================================  ==================
number     ``1.234,56``                            from the data (0–3)
share      a share 0..1 as ``12,5 %``              1
points     a change of a share in percentage points  1
money      ``1.234 €``, ``−9.506 €``, ``12,50 €``   0 from 1.000 €, else 2
count      ``1.533``                               0
date       ``31.12.2024``                          –
yesno      ``ja`` / ``nein``                       –
text       the text as it is                       –
=========  ======================================  ==================

A column without a declared kind gets the kind :data:`KINDS` lists for its
name, else one inferred from its values.

>>> import pandas as pd
>>> df = pd.DataFrame({"gruppe": ["Alle Kunden", "Premium"], "kunden": [1816, 205],
...                    "umsatz_pro_jahr": [201.17, 1089.15], "erkennungsrate": [0.95, 0.05]})
>>> print(table(df))
Gruppe       Kunden  Umsatz pro Jahr  Erkennungsrate
Alle Kunden   1.816            201 €            95 %
Premium         205          1.089 €             5 %
"""
from __future__ import annotations

import datetime as _dt
import html
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kundenkit.errors import KundenkitError
from kundenkit.formatting import (
    MINUS,
    MISSING,
    de_bool,
    de_count,
    de_date,
    de_money,
    de_number,
    is_missing,
)

KIND_NAMES = ("number", "share", "points", "money", "count", "date", "yesno", "text")
MAX_ROWS = 30          # longer tables show their first rows and say how many there are
MAX_WIDTH_PX = 700     # the notebook column the tables are made for

# German headings of the columns the course's data and models produce.
LABELS: dict[str, str] = {
    # the course data (kunden, transaktionen, kontakte, befragung, chancen)
    "kunden_id": "Kunden-Nr.", "name": "Name", "plz": "PLZ", "ort": "Ort", "land": "Land",
    "segment": "Segment", "kunde_seit": "Kunde seit", "datum": "Datum", "betrag": "Betrag",
    "produkt": "Produkt", "kategorie": "Kategorie", "kanal": "Kanal", "touchpoint": "Touchpoint",
    "bewertung": "Bewertung", "nps": "Weiterempfehlung (0–10)", "freundlich": "freundlich",
    "ehrlich": "ehrlich", "hilfsbereit": "hilfsbereit", "wohlwollend": "wohlwollend", "fähig": "fähig",
    "kompetent": "kompetent", "zuverlässig": "zuverlässig", "effizient": "effizient",
    # 4.5 the course data's sales opportunities (chancen; "phase" and "status" are labelled below)
    "chance_id": "Chancen-Nr.", "angelegt_am": "Angelegt am", "abgeschlossen_am": "Abgeschlossen am",
    # 1.1 relationship
    "gruppe": "Gruppe", "kunden": "Kunden", "käufe": "Käufe", "umsatz": "Umsatz",
    "käufe_pro_jahr": "Käufe pro Jahr", "umsatz_pro_jahr": "Umsatz pro Jahr", "fall": "Fall",
    "erkennungsrate": "Erkennungsrate", "stärke": "Stärke der Beziehung", "preisaufschlag": "Preisaufschlag",
    "mehrerlös": "Mehrerlös pro Jahr", "kosten": "Kosten pro Jahr", "saldo": "Saldo pro Jahr", "jahr": "Jahr",
    # 1.2 customer profit
    "annahme": "Annahme", "wert": "Wert", "deckungsbeitrag": "Deckungsbeitrag", "kontakte": "Kontakte",
    "servicekosten": "Servicekosten", "antworten": "Antworten", "informationswert": "Wert der Informationen",
    "promotor": "Promotor", "empfehlungswert": "Wert der Empfehlungen", "koenig_rang": "Rang nach Umsatz",
    "koenig": "König", "sonderwunschkosten": "Kosten der Sonderwünsche", "gewinn": "Gewinn",
    "posten": "Posten", "euro_pro_jahr": "Euro pro Jahr", "hinweis": "Hinweis",
    "kosten_je_kontakt": "Kosten je Kontakt", "anteil": "Anteil", "anteil_kunden": "Anteil der Kunden",
    "kumulierter_gewinn": "Gewinn bis hierher",
    # 1.3 association rules
    "wenn": "Wer kauft …", "dann": "… kauft auch", "anzahl": "Körbe mit beiden", "support": "Support",
    "support_wenn": "Support „wenn“", "support_dann": "Support „dann“", "konfidenz": "Konfidenz",
    "lift": "Lift",
    # 1.4 lane change
    "letzter_kauf": "Letzter Kauf", "käufe_vorher": "Käufe vorher", "käufe_zuletzt": "Käufe zuletzt",
    "erwartet_zuletzt": "Erwartet zuletzt", "kaufrückgang": "Kaufrückgang",
    "schlechter_kontakt": "Schlechter Kontakt", "blinker": "Blinker", "spurwechsel": "Spurwechsel",
    # 1.5 warmth and competence
    "wärme": "Wärme", "kompetenz": "Kompetenz", "quadrant": "Quadrant", "verhalten": "Verhalten",
    "kaufwahrscheinlichkeit": "Kaufwahrscheinlichkeit",
    # 1.7 trust
    "versprechen": "Versprechen", "vertrauen_vorher": "Vertrauen vorher",
    "vertrauen_nachher": "Vertrauen nachher", "veränderung": "Veränderung (Prozentpunkte)",
    "gehalten": "gehalten", "gebrochen": "gebrochen", "endvertrauen": "Vertrauen am Ende",
    "anteil_gebrochen": "Anteil gebrochener Versprechen", "mittleres_endvertrauen": "Mittleres Vertrauen am Ende",
    "anteil_unter_schwelle": "Anteil unter der Schwelle",
    # 1.11 expectations
    "erlebnis": "Erlebnis", "erwartung": "Erwartung", "abweichung": "Abweichung", "urteil": "Urteil",
    "zone_unten": "Toleranzzone von", "zone_oben": "Toleranzzone bis", "periode": "Zeitraum",
    "erwartung_heute": "Erwartung heute", "erfüllung": "Erfüllung", "zufriedenheit": "Zufriedenheit",
    "kontakt": "Kontakt",
    # 2.7 recommendations and NPS
    "keine_angabe": "ohne Angabe (k. A.)", "anteil_promotoren": "Promotoren", "anteil_passive": "Passive",
    "anteil_kritiker": "Kritiker", "nps_wert": "NPS", "nps_unten": "Intervall von", "nps_oben": "Intervall bis",
    "wenige_antworten": "wenige Antworten",
    # 3.6 data protection (chapter-3 overview)
    "tabelle": "Tabelle", "art_der_angabe": "Art der Angabe", "zeilen": "Zeilen",
    "spalten": "Spalten in der Datei", "bestimmt_person": "Spalten, die die Person bestimmen",
    "noetig_fuer": "Nötig für",
    # 2.10 touchpoints that really touch
    "phase": "Phase", "art": "Art", "bedeutung": "Bedeutung", "schlüssel": "Schlüssel-Touchpoint",
    "handlungsbedarf": "Handlungsbedarf", "position": "Nr.", "ruf": "Ruf", "wiederkauf": "Wiederkauf",
    "fans": "Fans und Empfehler", "reichweite": "Reichweite", "kriterium": "Kriterium",
    "bezeichnung": "Bezeichnung", "frage": "Frage", "gewicht": "Gewicht", "quelle": "Quelle",
    # 3.10 strangers and barnacles
    "gewinn_summe": "Gewinn pro Jahr, zusammen", "anteil_gewinn": "Anteil am Gesamtgewinn",
    "gewinn_je_kunde": "Gewinn je Kunde und Jahr", "dauer_jahre": "Dauer der Beziehung (Jahre)",
    "beginn": "Beginn der Beziehung", "erster_kauf": "Erster Kauf", "beginn_aus": "Beginn aus",
    "dauer": "Dauer", "gewinn_lage": "Gewinn", "behandlung": "Behandlung (nach Reinartz & Kumar 2002)",
    # 3.11 voice analytics
    "folgekontakt_schlecht": "Folgekontakt schlecht", "eskaliert": "eskaliert", "pausen": "Pausen",
    "tempo": "Sprechtempo", "tonhöhe": "Tonhöhe", "unterbrechungen": "Unterbrechungen",
    "lautstärke": "Lautstärke", "negative_wörter": "negative Wörter", "stimmung": "negative Stimmung",
    "score": "Eskalations-Score", "ansatz": "Ansatz", "trefferquote": "Trefferquote", "gewarnt": "Warnungen",
    "erkannt": "Treffer", "fehlalarm": "Fehlalarme", "übersehen": "verpasst",
    "richtige_warnungen": "Anteil richtiger Warnungen", "merkmal": "Merkmal",
    "mittel_eskaliert": "Mittel eskaliert", "mittel_ruhig": "Mittel ruhig", "abstand": "Abstand",
    # 3.8 three dimensions of customer value
    "customer_id": "Kunden-Nr.", "frequency": "Wiederkäufe (Perioden)", "recency": "Erster bis letzter Kauf",
    "T": "Erster Kauf bis Ende", "monetary_value": "Ø Wiederkauf", "seit_letztem_kauf": "Tage seit letztem Kauf",
    "r_score": "R", "f_score": "F", "m_score": "M", "rfm_code": "RFM-Code", "rfm_segment": "RFM-Segment",
    "rfm_bedeutung": "Bedeutung", "ertragswert": "Ertragswert", "info_wert": "Informationswert",
    "referenzwert": "Referenzwert", "kundenwert": "Kundenwert", "wert_je_kunde": "Kundenwert je Kunde",
    "wert_code": "Hoch auf", "kunden_nach_umsatz": "Kunden nach Umsatz allein",
    "segment_nach_umsatz": "Segment nach Umsatz allein", "behandlung_vorschlag": "Behandlung (Vorschlag des Kurses)",
    "dimension": "Dimension", "rang_umsatz": "Rang nach Umsatz", "rang_kundenwert": "Rang nach Kundenwert",
    # 3.9 next best action
    "aktion": "Aktion", "aktionswert": "Wert je Antwort", "neigung": "Neigung", "priorität": "Priorität",
    "grund": "Grund", "status": "Status", "berechtigt": "berechtigt", "anwendbar": "anwendbar",
    "geeignet": "geeignet", "typischer_einkauf": "Typischer Einkauf",
    "typischer_betrag": "Typischer Betrag", "pausiert_bis": "pausiert bis",
    "kontakte_im_fenster": "Kontakte im Zeitfenster", "reagiert": "reagiert", "ergebnis": "Ergebnis",
    "kontaktgrenze": "Kontakte je Kanal höchstens", "kontakte_je_kunde": "Kontakte je Kunde und Jahr",
    "antworten_je_kunde": "Antworten je Kunde und Jahr", "anteil_abgemeldet": "Abgemeldet",
    "wert_pro_kunde": "Wert je Kunde und Jahr", "strategie": "Strategie",
    # 4.5 sales pipeline
    "erreicht": "Erreicht (abgeschlossene Chancen)", "weiter": "Davon weiter", "weiterquote": "Weiterquote",
    "gewinnchance": "Gewinnchance", "offen": "Offen", "offen_betrag": "Offen, Betrag",
    "gewichtet": "Offen, gewichtet", "offene_chancen": "Offene Chancen", "gewinnquote": "Gewinnquote",
    "auftragswert": "Ø Auftragswert (gewonnen)", "zykluslaenge": "Ø Zykluslänge (Tage)",
    "geschwindigkeit": "Pipeline-Geschwindigkeit (€ pro Tag)",
    # 4.6 repair or part
    "repariert": "Kunden repariert", "getrennt": "Kunden getrennt", "aenderung_umsatz": "Änderung Umsatz",
    "aenderung_gewinn": "Änderung Gewinn", "massnahme": "Maßnahme", "gewinn_nachher": "Gewinn nachher",
    # 4.12 complaints as a chance
    "kunden_im_trichter": "Kunden", "anzahl_aus": "Anzahl aus", "bleiben_klein": "Bleiben, kleines Problem",
    "bleiben_gross": "Bleiben, großes Problem", "bleibequote": "Anteil, der bleibt", "bleiben": "Bleiben",
    "gehen": "Gehen", "umsatz_bleibt": "Umsatz, der bleibt (Jahr)", "umsatz_verloren": "Umsatz verloren (Jahr)",
    "anteil_schnell": "Anteil schnell gelöst",
    "beschwerde_touchpoints": "Beschwerde-Touchpoints", "kunden_mit_kontakt": "Kunden mit Kontakt",
    "beschwerde_kontakte": "Beschwerden", "kunden_mit_beschwerde": "Kunden mit Beschwerde",
    "anteil_beschwert": "Anteil beschwert", "zufrieden_behandelt": "Zufrieden behandelt",
    "anteil_zufrieden": "Anteil zufrieden",
    # 4.3 content and context
    "kontext": "Lage (Kontext)", "inhalt": "Inhalt", "positiv": "Positive Reaktionen",
    "veraergert": "Verärgerte Kontakte", "netto": "Netto (positiv − verärgert)",
    # 4.21 the human touchpoint
    "kontakte_mensch": "Kontakte Mensch", "kontakte_digital": "Kontakte digital",
    "bewertung_mensch": "Bewertung Mensch", "bewertung_digital": "Bewertung digital",
    "unterschied": "Unterschied (Punkte)", "unsicherheit": "± (95 %)", "gesichert": "gesichert",
    "kosten_mensch": "Kosten je Kontakt Mensch", "kosten_digital": "Kosten je Kontakt digital",
    "mehrkosten": "Mehrkosten je Kontakt", "wert_mensch": "Wert des Menschen je Kontakt",
    "lohnt_ab": "Mensch lohnt ab (€ je Punkt)", "entscheidung": "Entscheidung",
    "mehrkosten_pro_jahr": "Mehrkosten Mensch pro Jahr", "wert_pro_jahr": "Wert des Menschen pro Jahr",
    # 4.9 call transfer
    "anteil_weiter": "Anteil weiterverbunden", "erstloesung": "Im ersten Kontakt gelöst",
    "im_ersten_kontakt_geloest": "Anfragen im ersten Kontakt gelöst", "weiterverbunden": "Weiterverbunden",
    "wiederholkontakte": "Wiederholkontakte", "kosten_je_anfrage": "Kosten je Anfrage",
    "wartezeit_stunden": "Wartezeit der Kunden (Stunden)", "bewertung_geschaetzt": "Bewertung (geschätzt, 1–5)",
    "anfragen": "Anfragen", "bewertet": "Bewertet", "bewertung_mittel": "Ø Bewertung",
    # 4.7 service subscriptions vs points
    "option": "Weg", "mitglieder": "Mitglieder", "gebuehren": "Gebühren", "mehrmarge": "Mehrmarge",
    "nettoeffekt": "Nettoeffekt", "kosten_je_mitglied": "Kosten je Mitglied", "kaeufe_pro_jahr": "Käufe pro Jahr",
    "nutzen_abo": "Nutzen des Abos im Jahr", "abo_lohnt_sich": "Abo lohnt sich",
    "kanäle": "Kanäle",
    # 5.6 customer focus
    "abteilung": "Abteilung", "touchpoints": "Touchpoints", "anzahl_touchpoints": "Anzahl Touchpoints",
    "abteilungen": "Abteilungen", "starres_skript": "starres Skript", "voller_spielraum": "voller Spielraum",
    "spielraum": "Spielraum", "zufrieden_standard": "zufrieden (Standardanliegen)",
    "zufrieden_sonder": "zufrieden (Sonderanliegen)", "zufrieden_gesamt": "zufrieden (alle Kunden)",
    # 4.20 dunning: collect the debt or keep the customer
    "stil": "Mahnstil", "saeumige_kunden": "Säumige Kunden", "offener_betrag": "Offener Betrag",
    "eingetrieben": "Eingetrieben", "mahnkosten": "Mahnkosten", "kunden_bleiben": "Kunden bleiben",
    "marge_gehalten": "Gehaltene Marge", "wert_mahnstil": "Wert über den Horizont", "hart": "hart",
    "partnerschaftlich": "partnerschaftlich",
    # 5.8 the limits of CRM
    "mittlere_bewertung": "Ø Bewertung (1–5)", "kontakte_je_monat": "Kontakte je Monat",
    "kapazitaet_je_monat": "Kapazität je Monat (Annahme)", "startqualitaet": "Beziehungsqualität am Start",
    "startbelastung": "Belastung am Start", "monat": "Monat", "beziehungsqualitaet": "Beziehungsqualität",
    "belastung": "Belastung der Mitarbeitenden", "hebelwert": "Stufe des Hebels",
    "endqualitaet": "Beziehungsqualität am Ende",
}

# Kinds of the columns whose meaning the name tells; all others are inferred from their values.
KINDS: dict[str, str] = {
    **dict.fromkeys(("betrag", "umsatz", "umsatz_pro_jahr", "mehrerlös", "kosten", "saldo", "deckungsbeitrag",
                     "servicekosten", "informationswert", "empfehlungswert", "sonderwunschkosten", "gewinn",
                     "euro_pro_jahr", "kumulierter_gewinn"), "money"),
    "kosten_je_kontakt": "money:2",
    **dict.fromkeys(("erkennungsrate", "anteil_kunden", "kaufrückgang", "kaufwahrscheinlichkeit",
                     "vertrauen_vorher", "vertrauen_nachher", "endvertrauen", "erfüllung"), "share:0"),
    **dict.fromkeys(("preisaufschlag", "support", "support_wenn", "support_dann", "konfidenz", "anteil",
                     "anteil_gebrochen", "mittleres_endvertrauen", "anteil_unter_schwelle"), "share:1"),
    "veränderung": "points:1",
    **dict.fromkeys(("stärke", "lift", "blinker", "wärme", "kompetenz", "erlebnis", "erwartung",
                     "erwartung_heute", "abweichung", "zone_unten", "zone_oben", "zufriedenheit"), "number:2"),
    "erwartet_zuletzt": "number:1",
    **dict.fromkeys(("anteil_promotoren", "anteil_passive", "anteil_kritiker", "bedeutung", "handlungsbedarf"),
                    "share:0"),
    **dict.fromkeys(("nps_wert", "nps_unten", "nps_oben"), "number:1"),
    "keine_angabe": "count", "schlüssel": "yesno", "gewicht": "number:1",
    **dict.fromkeys(("ruf", "wiederkauf", "fans", "reichweite"), "number:0"),
    **dict.fromkeys(("kunde_seit", "datum", "letzter_kauf"), "date"),
    **dict.fromkeys(("kunden_id", "plz", "periode"), "text"),
    # 3.10 strangers and barnacles
    **dict.fromkeys(("gewinn_summe", "gewinn_je_kunde"), "money"), "anteil_gewinn": "share:1",
    "dauer_jahre": "number:1", **dict.fromkeys(("beginn", "erster_kauf"), "date"),
    # 3.11 voice analytics
    **dict.fromkeys(("pausen", "tempo", "tonhöhe", "unterbrechungen", "lautstärke", "negative_wörter", "stimmung",
                     "mittel_eskaliert", "mittel_ruhig", "abstand"), "number:2"),
    "score": "number:3", **dict.fromkeys(("trefferquote", "richtige_warnungen"), "share:0"),
    **dict.fromkeys(("gewarnt", "erkannt", "fehlalarm", "übersehen"), "count"),
    # 3.8 three dimensions of customer value
    **dict.fromkeys(("ertragswert", "info_wert", "referenzwert", "kundenwert", "wert_je_kunde"), "money"),
    "monetary_value": "money:2", **dict.fromkeys(("frequency", "recency", "T", "seit_letztem_kauf"), "number:0"),
    **dict.fromkeys(("r_score", "f_score", "m_score", "kunden_nach_umsatz", "rang_umsatz", "rang_kundenwert"),
                    "count"),
    **dict.fromkeys(("customer_id", "rfm_code", "wert_code"), "text"),
    # 3.9 next best action
    **dict.fromkeys(("aktionswert", "typischer_einkauf", "typischer_betrag", "wert_pro_kunde"), "money:2"),
    "neigung": "share:1", "priorität": "number:2", "anteil_abgemeldet": "share:0",
    **dict.fromkeys(("berechtigt", "anwendbar", "geeignet", "reagiert"), "yesno"),
    **dict.fromkeys(("käufe", "kontaktgrenze", "kontakte_im_fenster"), "count"),
    **dict.fromkeys(("kontakte_je_kunde", "antworten_je_kunde"), "number:1"), "pausiert_bis": "date",
    # 4.6 repair or part
    **dict.fromkeys(("aenderung_umsatz", "aenderung_gewinn", "gewinn_nachher"), "money"),
    **dict.fromkeys(("repariert", "getrennt"), "count"),
    # 4.12 complaints as a chance
    **dict.fromkeys(("kunden_im_trichter", "bleiben", "gehen"), "number:0"),
    **dict.fromkeys(("bleiben_klein", "bleiben_gross", "anteil_schnell"), "share:0"), "bleibequote": "share:1",
    **dict.fromkeys(("umsatz_bleibt", "umsatz_verloren"), "money"), "anzahl_aus": "text",
    **dict.fromkeys(("kunden_mit_kontakt", "beschwerde_kontakte", "kunden_mit_beschwerde", "zufrieden_behandelt"),
                    "count"),
    **dict.fromkeys(("anteil_beschwert", "anteil_zufrieden"), "share:1"), "beschwerde_touchpoints": "text",
    # 4.5 sales pipeline: the course data's opportunities
    **dict.fromkeys(("angelegt_am", "abgeschlossen_am"), "date"), "chance_id": "text",
    **dict.fromkeys(("erreicht", "weiter", "offen", "offene_chancen"), "count"),
    **dict.fromkeys(("weiterquote", "gewinnchance", "gewinnquote"), "share:1"),
    **dict.fromkeys(("offen_betrag", "gewichtet", "auftragswert", "geschwindigkeit"), "money"),
    "zykluslaenge": "number:1",
    # 4.3 content and context
    **dict.fromkeys(("positiv", "veraergert", "netto"), "number:1"),
    # 4.21 the human touchpoint
    **dict.fromkeys(("kontakte_mensch", "kontakte_digital"), "count"),
    **dict.fromkeys(("bewertung_mensch", "bewertung_digital", "unterschied", "unsicherheit"), "number:2"),
    "gesichert": "yesno",
    **dict.fromkeys(("kosten_mensch", "kosten_digital", "mehrkosten", "wert_mensch", "lohnt_ab"), "money:2"),
    **dict.fromkeys(("mehrkosten_pro_jahr", "wert_pro_jahr"), "money"),
    # 4.9 call transfer
    **dict.fromkeys(("anteil_weiter", "erstloesung"), "share:1"),
    **dict.fromkeys(("im_ersten_kontakt_geloest", "weiterverbunden", "wiederholkontakte", "wartezeit_stunden"),
                    "number:0"),
    **dict.fromkeys(("anfragen", "bewertet"), "count"), "kosten_je_anfrage": "money:2",
    **dict.fromkeys(("bewertung_geschaetzt", "bewertung_mittel"), "number:2"),
    # 4.7 service subscriptions vs points
    **dict.fromkeys(("gebuehren", "mehrmarge", "nettoeffekt"), "money"),
    **dict.fromkeys(("kosten_je_mitglied", "nutzen_abo"), "money:2"), "mitglieder": "number:0",
    "kaeufe_pro_jahr": "number:1", "abo_lohnt_sich": "yesno", "option": "text",
    # 5.6 customer focus
    **dict.fromkeys(("anzahl_touchpoints", "abteilungen"), "count"), "spielraum": "share:0",
    **dict.fromkeys(("zufrieden_standard", "zufrieden_sonder", "zufrieden_gesamt"), "share:1"),
    **dict.fromkeys(("starres_skript", "voller_spielraum"), "number:1"),
    # 4.20 dunning: collect the debt or keep the customer
    **dict.fromkeys(("offener_betrag", "eingetrieben", "mahnkosten", "marge_gehalten", "wert_mahnstil"), "money"),
    "saeumige_kunden": "count", "kunden_bleiben": "number:1", "stil": "text",
    **dict.fromkeys(("hart", "partnerschaftlich"), "number:1"),
    # 5.8 the limits of CRM
    **dict.fromkeys(("mittlere_bewertung", "startqualitaet", "startbelastung", "beziehungsqualitaet", "belastung",
                     "endqualitaet"), "number:2"),
    **dict.fromkeys(("kontakte_je_monat", "kapazitaet_je_monat"), "number:0"), "monat": "count",
    "hebelwert": "share:0",
}

_SNAKE = re.compile(r"_+")
_SHOWN_NUMBER = re.compile(r"^[−-]?\d[\d.]*(,\d+)?( ?(%|€))?$|^–$")  # texts that are numbers: right-aligned


@dataclass(frozen=True)
class Kind:
    """How a column is shown: one of :data:`KIND_NAMES` and, for numbers, the decimals (None: automatic)."""

    name: str
    decimals: int | None = None

    @classmethod
    def parse(cls, spec) -> Kind:
        """A kind from ``"share"``, ``"number:3"`` or a :class:`Kind`.

        >>> Kind.parse("number:3"), Kind.parse("date")
        (Kind(name='number', decimals=3), Kind(name='date', decimals=None))
        >>> Kind.parse("prozent")
        Traceback (most recent call last):
        ...
        kundenkit.errors.KundenkitError: Unbekannte Darstellung 'prozent'. Erlaubt sind: number, share, points, money,
            count, date, yesno, text – bei Zahlen mit Stellen, z. B. 'share:1'.
        """
        if isinstance(spec, Kind):
            return spec
        name, _, digits = str(spec).partition(":")
        if name not in KIND_NAMES or (digits and not digits.isdigit()):
            raise KundenkitError(
                f"Unbekannte Darstellung {spec!r}. Erlaubt sind: {', '.join(KIND_NAMES)} – "
                "bei Zahlen mit Stellen, z. B. 'share:1'."
            )
        return cls(name, int(digits) if digits else None)


def label(column) -> str:
    """The German heading of a column: from :data:`LABELS`, else the name without underscores.

    >>> label("käufe_pro_jahr"), label("Bekleidung"), label("anteil_neue_kunden"), label(3)
    ('Käufe pro Jahr', 'Bekleidung', 'Anteil neue kunden', '3')
    """
    name = str(column)
    if name in LABELS:
        return LABELS[name]
    if "_" not in name:
        return name
    text = _SNAKE.sub(" ", name).strip()
    return text[:1].upper() + text[1:]


def _number_decimals(values: np.ndarray) -> int:
    """The fewest decimals (up to 2, or 3 below 1) that show every value as precisely as 2 (or 3) would."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return 0
    most = 3 if np.abs(finite).max() < 1 else 2
    while most < 6 and np.any(finite != 0) and not np.any(np.round(finite, most) != 0):
        most += 1  # tiny values: enough decimals that they do not show as 0
    target = np.round(finite, most)
    return next(d for d in range(most + 1) if np.allclose(np.round(finite, d), target, rtol=0, atol=1e-9))


def infer_kind(values, name=None) -> Kind:
    """The kind of a column: from :data:`KINDS` by its name, else from its values.

    >>> import pandas as pd
    >>> infer_kind(pd.Series([0.2, 0.5]), "konfidenz"), infer_kind(pd.Series([True, False]))
    (Kind(name='share', decimals=1), Kind(name='yesno', decimals=None))
    >>> infer_kind(pd.Series([25.0, 250.0, 0.3])), infer_kind(pd.Series([3, 4]))
    (Kind(name='number', decimals=1), Kind(name='count', decimals=None))
    >>> infer_kind(pd.to_datetime(pd.Series(["2024-07-04"]))), infer_kind(pd.Series(["a", 1]))
    (Kind(name='date', decimals=None), Kind(name='text', decimals=None))
    """
    if name is not None and str(name) in KINDS:
        return Kind.parse(KINDS[str(name)])
    series = pd.Series(values)
    if pd.api.types.is_bool_dtype(series.dtype):
        return Kind("yesno")
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return Kind("date")
    if pd.api.types.is_integer_dtype(series.dtype):
        return Kind("count")
    if pd.api.types.is_float_dtype(series.dtype):
        return Kind("number", _number_decimals(series.to_numpy(dtype=float, na_value=np.nan)))
    present = [v for v in series if not is_missing(v)]
    if present and all(isinstance(v, (bool, np.bool_)) for v in present):
        return Kind("yesno")
    if present and all(isinstance(v, (_dt.date, np.datetime64)) for v in present):
        return Kind("date")
    if present and all(isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) for v in present):
        return Kind("count")
    if present and all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in present):
        return Kind("number", _number_decimals(np.asarray(present, dtype=float)))
    return Kind("text")


def _plain(value):
    """A Python scalar for a numpy or pandas one."""
    return value.item() if isinstance(value, np.generic) else value


def format_value(value, kind="auto") -> str:
    """One value in German, as :func:`table` shows it. ``kind``: a kind (see :class:`Kind`) or ``"auto"``.

    In the notebooks this is ``kk.wert``, for values inside a sentence.

    >>> format_value(0.6081, "share:1"), format_value(-9506.45, "money"), format_value(1533)
    ('60,8 %', '−9.506 €', '1.533')
    >>> format_value(209215.56), format_value(3.0), format_value(True), format_value(None), format_value(0.00012)
    ('209.215,56', '3', 'ja', '–', '0,0001')
    >>> import numpy as np, pandas as pd
    >>> format_value(np.array([3.0, 3.45, 3.765])), format_value(pd.Timestamp("2024-07-04"))
    ('3,00 · 3,45 · 3,77', '04.07.2024')
    """
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        if kind == "auto" and items:
            kind = infer_kind(pd.Series(items, dtype=object))
        return " · ".join(format_value(v, kind) for v in items)
    value = _plain(value)
    if isinstance(value, (np.dtype, pd.api.extensions.ExtensionDtype)):
        return type_name(value)
    if is_missing(value):
        return MISSING
    kind = Kind.parse(kind) if kind != "auto" else None
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    is_date = isinstance(value, (_dt.date, np.datetime64))
    if kind is None or (kind.name == "date" and not is_date) or (
            kind.name not in ("text", "yesno", "date") and not is_number):
        kind = infer_kind(pd.Series([value], dtype=object))
    if kind.name == "text" or isinstance(value, str):
        return str(value)
    if kind.name == "yesno":
        return de_bool(value)
    if kind.name == "date":
        return de_date(pd.Timestamp(value))
    if kind.name == "money":
        return de_money(float(value), kind.decimals)
    if kind.name == "share":
        return f"{de_number(float(value) * 100, 1 if kind.decimals is None else kind.decimals, minus=MINUS)} %"
    if kind.name == "points":
        return de_number(float(value) * 100, 1 if kind.decimals is None else kind.decimals, minus=MINUS)
    if kind.name == "count":
        return de_count(float(value))
    decimals = kind.decimals if kind.decimals is not None else _number_decimals(np.array([float(value)]))
    return de_number(float(value), decimals, minus=MINUS)


def type_name(dtype) -> str:
    """What a column holds, in words: the type pandas gave it after reading a file.

    >>> import pandas as pd
    >>> [type_name(pd.Series(v).dtype) for v in (["a"], [1], [1.5], [True], pd.to_datetime(["2024-01-02"]))]
    ['Text', 'ganze Zahl', 'Zahl', 'ja/nein', 'Datum']
    """
    if pd.api.types.is_bool_dtype(dtype):
        return "ja/nein"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "Datum"
    if pd.api.types.is_integer_dtype(dtype):
        return "ganze Zahl"
    if pd.api.types.is_numeric_dtype(dtype):
        return "Zahl"
    if isinstance(dtype, pd.CategoricalDtype):
        return "Text (Auswahl)"
    return "Text"


def column_overview(data: pd.DataFrame) -> Table:
    """How the course read a table: each column's heading in the file, what it holds, and a first value.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"plz": ["01067"], "kunde_seit": pd.to_datetime(["2023-04-11"]), "betrag": [12.5]})
    >>> print(column_overview(df))
    Spalte in der Datei  Überschrift im Kurs  erkannt als  erster Wert
    plz                  PLZ                  Text         01067
    kunde_seit           Kunde seit           Datum        11.04.2023
    betrag               Betrag               Zahl         12,50 €
    """
    rows = []
    for name in data.columns:
        values = data[name].dropna()
        first = format_value(values.iloc[0], _column_kind(values, name, None)) if len(values) else MISSING
        rows.append((str(name), label(name), type_name(data[name].dtype), first))
    return Table(("Spalte in der Datei", "Überschrift im Kurs", "erkannt als", "erster Wert"), tuple(rows),
                 ("left",) * 4)


def _column_kind(values: pd.Series, name, declared) -> Kind:
    kind = Kind.parse(declared) if declared is not None else infer_kind(values, name)
    if kind.name == "money" and kind.decimals is None:
        amounts = pd.to_numeric(values, errors="coerce").abs()
        kind = Kind("money", 0 if amounts.max() >= 1000 else 2)
    return kind


@dataclass(frozen=True)
class Table:
    """A table ready to show: German headings and texts, and each column's alignment (left, right, center).

    Build it with :func:`table`. In a notebook it shows itself as HTML; ``str()``
    gives the German plain text.
    """

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    title: str | None = None
    note: str | None = None

    def to_html(self) -> str:
        return render_html(self)

    def to_text(self) -> str:
        return render_text(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.to_text(), "text/html": self.to_html()}

    def __str__(self) -> str:
        return self.to_text()

    __repr__ = __str__


def _as_frame(obj, kinds: Mapping) -> tuple[pd.DataFrame, dict]:
    """A DataFrame for any tabular thing; plus kinds that come with it (for key/value lists)."""
    if isinstance(obj, pd.DataFrame):
        frame = obj
        if isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None:
            frame = frame.reset_index()
        return frame, {}
    if isinstance(obj, pd.Series):
        if obj.index.name is None and isinstance(obj.index, pd.RangeIndex):
            return obj.to_frame(obj.name if obj.name is not None else "Wert").reset_index(drop=True), {}
        return _key_values(obj.to_dict(), obj.index.name, obj.name, kinds)
    if isinstance(obj, Mapping):
        if obj and all(np.ndim(v) == 0 for v in obj.values()):
            return _key_values(dict(obj), None, None, kinds)
        return pd.DataFrame(dict(obj)), {}
    if isinstance(obj, np.ndarray) and obj.ndim == 2:
        return pd.DataFrame(obj), {}
    if isinstance(obj, (np.ndarray, list, tuple, pd.Index)):
        return pd.DataFrame({"Wert": list(obj)}), {}
    raise KundenkitError(
        f"Als Tabelle zeigt der Kurs Tabellen, Listen und Wörterbücher, nicht {type(obj).__name__}. "
        "Für einen einzelnen Wert nehmen Sie kk.wert(...)."
    )


def _key_values(values: dict, key_name, value_name, kinds: Mapping) -> tuple[pd.DataFrame, dict]:
    """A two-column table Kennzahl | Wert; each value formatted by the kind its key names."""
    default = kinds.get(value_name, KINDS.get(str(value_name), "auto"))  # a Series' name tells its kind
    texts = [format_value(v, kinds.get(k, KINDS.get(str(k), default))) for k, v in values.items()]
    frame = pd.DataFrame({
        label(key_name) if key_name is not None else "Kennzahl": [label(k) for k in values],
        label(value_name) if value_name is not None else "Wert": texts,
    })
    return frame, {"__right__": frame.columns[1]}


def table(data, kinds: Mapping | None = None, labels: Mapping | None = None, *, title: str | None = None,
          note: str | None = None, max_rows: int | None = MAX_ROWS, vertical: bool | None = None) -> Table:
    """Show a table (or a Series, a dict, a list) in German. In the notebooks: ``kk.tabelle(...)``.

    Parameters
    ----------
    data : DataFrame, Series, dict, list or array
        A DataFrame's default index is dropped; a named index becomes the first
        column. A dict of single values, or a Series with labels, becomes a list
        "Kennzahl | Wert".
    kinds : dict, optional
        Kind of a column by its name, e.g. ``{"stärke": "number:3"}`` (see the module text).
    labels : dict, optional
        Headings that replace those of :data:`LABELS`.
    title, note : str, optional
        A heading above and a note below the table.
    max_rows : int or None
        Longer tables show only their first rows and say so; None shows all.
    vertical : bool or None
        Show a one-row table as a list "Kennzahl | Wert"; None does so for one row with three or more columns.

    Examples
    --------
    >>> import pandas as pd
    >>> print(table({"kunden": 1507, "anteil_gebrochen": 0.261, "mittleres_endvertrauen": 0.492}))
    Kennzahl                        Wert
    Kunden                         1.507
    Anteil gebrochener Versprechen  26,1 %
    Mittleres Vertrauen am Ende     49,2 %
    >>> bridge = pd.DataFrame({"posten": ["Deckungsbeitrag", "− Servicekosten"],
    ...                        "euro_pro_jahr": [209215.56, -9506.45]})
    >>> print(table(bridge, title="Gewinnbrücke"))
    Gewinnbrücke
    Posten           Euro pro Jahr
    Deckungsbeitrag      209.216 €
    − Servicekosten       −9.506 €
    >>> print(table(pd.Series([True, False], index=pd.Index(["K1", "K2"], name="kunden_id"), name="promotor")))
    Kunden-Nr.  Promotor
    K1          ja
    K2          nein
    >>> print(table(pd.DataFrame({"x": range(3)}), max_rows=2))
    x
    0
    1
    (gezeigt: die ersten 2 von 3 Zeilen)
    """
    kinds = dict(kinds or {})
    labels = dict(labels or {})
    frame, extra = _as_frame(data, kinds)
    right_text = extra.get("__right__")
    if vertical is None:
        vertical = len(frame) == 1 and frame.shape[1] >= 3 and right_text is None
    if vertical and len(frame) == 1:
        frame, extra = _key_values(frame.iloc[0].to_dict(), None, None, kinds)
        right_text = extra["__right__"]
    shown = frame if max_rows is None or len(frame) <= max_rows else frame.head(max_rows)
    columns = []
    for position, name in enumerate(frame.columns):
        kind = _column_kind(frame.iloc[:, position], name, kinds.get(name))
        values = shown.iloc[:, position]
        texts = [format_value(v, kind) for v in values]
        if name == right_text or kind.name not in ("text", "yesno", "date") or (
                kind.name == "text" and name not in KINDS and name not in kinds and texts
                and all(_SHOWN_NUMBER.match(x) for x in texts)):
            align = "right"
        else:
            align = "center" if kind.name == "yesno" else "left"
        columns.append((labels.get(name, label(name)), texts, align))
    notes = [note] if note else []
    if len(shown) < len(frame):
        notes.append(f"(gezeigt: die ersten {de_count(len(shown))} von {de_count(len(frame))} Zeilen)")
    return Table(
        headings=tuple(c[0] for c in columns),
        rows=tuple(zip(*(c[1] for c in columns))) if columns else (),
        align=tuple(c[2] for c in columns),
        title=title,
        note=" ".join(notes) or None,
    )


def render_text(t: Table) -> str:
    """German plain text of a table: headings, then one line per row, numbers right-aligned.

    >>> print(render_text(Table(("Name", "Betrag"), (("Anna", "12,50 €"), ("Bernd", "1.200 €")), ("left", "right"))))
    Name   Betrag
    Anna   12,50 €
    Bernd  1.200 €
    """
    widths = [max([len(h)] + [len(r[i]) for r in t.rows]) for i, h in enumerate(t.headings)]

    def line(cells) -> str:
        parts = [c.rjust(w) if align == "right" else c.ljust(w) for c, w, align in zip(cells, widths, t.align)]
        return "  ".join(parts).rstrip()

    lines = ([t.title] if t.title else []) + [line(t.headings)] + [line(r) for r in t.rows]
    if t.note:
        lines.append(t.note)
    return "\n".join(lines)


# Inline styles: they survive JupyterLab's sanitiser, exported HTML and other notebook front ends alike.
_TABLE_STYLE = ("border-collapse:collapse;table-layout:auto;width:auto;max-width:100%;margin:4px 0 8px 0;"
                "font-size:13px;line-height:1.35;color:inherit;border:none")
_CELL = "padding:3px 7px;border:none;vertical-align:top;"
_TEXT_CELL = _CELL + "text-align:left;white-space:normal;overflow-wrap:break-word;max-width:18em"
_NUMBER_CELL = _CELL + "text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums"
_SHORT_CELL = _CELL + "text-align:center;white-space:nowrap"
_HEAD = ("padding:3px 7px;border:none;border-bottom:2px solid #888;vertical-align:bottom;font-weight:600;"
         "white-space:normal;overflow-wrap:break-word;hyphens:auto;max-width:10em;")


def render_html(t: Table) -> str:
    """HTML of a table: no index, zebra rows, numbers right-aligned, long texts wrapped, at most 700 px wide.

    >>> html_text = render_html(Table(("Name", "Betrag"), (("Anna & Co", "−12,50 €"),), ("left", "right")))
    >>> "Anna &amp; Co" in html_text, "−12,50 €" in html_text, "<th" in html_text
    (True, True, True)
    """
    cell_style = {"left": _TEXT_CELL, "right": _NUMBER_CELL, "center": _SHORT_CELL}
    head = "".join(f"<th style='{_HEAD}text-align:{align}'>{html.escape(h)}</th>"
                   for h, align in zip(t.headings, t.align))
    body = []
    for i, row in enumerate(t.rows):
        shade = "background:rgba(127,127,127,0.08)" if i % 2 else "background:transparent"
        cells = "".join(f"<td style='{cell_style[align]}'>{html.escape(c)}</td>" for c, align in zip(row, t.align))
        body.append(f"<tr style='{shade}'>{cells}</tr>")
    title = (f"<div style='font-weight:600;margin:4px 0 2px 0'>{html.escape(t.title)}</div>" if t.title else "")
    note = (f"<div style='font-size:12px;color:#555;margin-top:2px'>{html.escape(t.note)}</div>" if t.note else "")
    return (f"<div class='kundenkit-tabelle' lang='de' style='max-width:{MAX_WIDTH_PX}px;overflow-x:auto'>{title}"
            f"<table style='{_TABLE_STYLE}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"{note}</div>")


def render_table(data, kinds: Mapping | None = None, labels: Mapping | None = None, **options) -> str:
    """HTML of :func:`table` in one step – for widgets that show a table in an ``HTML`` control.

    >>> import pandas as pd
    >>> "<td" in render_table(pd.DataFrame({"blinker": [0.5]}))
    True
    """
    return render_html(table(data, kinds, labels, **options))
