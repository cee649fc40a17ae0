"""The learner's transfer: their own answers about their company, saved to files they keep, and a printable sheet.

A transfer file is never overwritten silently: :func:`save_transfer` refuses an
existing file unless the caller chose to append a row or to overwrite it. Each
row says where its figures come from (``datenquelle``): the learner's own
entries, their own data, or the course's sample data – and the sheet labels
sample data as "Beispieldaten" wherever it shows them.
"""
from __future__ import annotations

from datetime import date, datetime
from html import escape
from pathlib import Path

import pandas as pd

from kundenkit.course import LESSON_TITLES
from kundenkit.data.german_csv import read_csv, write_csv
from kundenkit.errors import KundenkitError

MODES = ("neu", "anhängen", "überschreiben")
SOURCE = "datenquelle"
OWN_ENTRIES = "Ihre Eingaben"
SAMPLE_DATA = "Beispieldaten"
_META = ("unternehmen", "gespeichert_am", SOURCE)

# Every value a lesson's transfer saves: its German label and how the sheet shows it (a display kind).
FIELDS: dict[str, tuple[str, str]] = {
    # 1.1
    "kundengruppe": ("Kundengruppe", "text"), "erkennungsrate": ("Erkennungsrate", "share:0"),
    "käufe_pro_jahr": ("Käufe je Kunde und Jahr", "number:1"),
    "halbwertszeit_jahre": ("Halbwertszeit der Beziehung (Jahre)", "number:1"),
    "preisaufschlag_bei_stärke_1": ("Preisaufschlag bei voller Stärke", "share:0"),
    "jahresumsatz_je_kunde": ("Jahresumsatz je Kunde", "money:2"),
    "kosten_je_kunde": ("Kosten des Wiedererkennens je Kunde und Jahr", "money:2"),
    "stärke_langfristig": ("Stärke der Beziehung auf Dauer", "number:2"),
    "preisaufschlag": ("Akzeptierter Preisaufschlag", "share:1"),
    "mehrerlös_je_kunde": ("Mehrerlös je Kunde und Jahr", "money:2"),
    "saldo_je_kunde": ("Saldo je Kunde und Jahr", "money:2"),
    "gewinnschwelle_erkennungsrate": ("Wiedererkennen lohnt sich ab", "share:0"),
    # 1.2
    "anteil_koenige": ("Anteil der Könige", "share:0"),
    "sonderwunsch_kosten_je_koenig": ("Kosten der Sonderwünsche je König und Jahr", "money:0"),
    "marge": ("Marge", "share:0"), "wert_je_promotor": ("Wert je Promotor und Jahr", "money:0"),
    "kunden": ("Kunden", "count"), "koenige": ("Könige", "count"),
    "gesamtgewinn_pro_jahr": ("Gesamtgewinn pro Jahr", "money:0"),
    "gesamtgewinn_ohne_koenige": ("Gesamtgewinn ohne Könige", "money:0"),
    "anteil_unprofitable_kunden": ("Anteil unprofitabler Kunden", "share:1"),
    "kipp_anteil_koenige": ("Gewinn kippt ab diesem Anteil an Königen", "share:0"),
    # 1.3
    "produkt": ("Produkt", "text"), "mindest_support": ("Mindest-Support", "share:0"),
    "empfehlung": ("Empfehlung", "text"), "support": ("Support", "share:1"),
    "konfidenz": ("Konfidenz", "share:1"), "lift": ("Lift der Regel", "number:2"),
    "produkt_a": ("Produkt A (wenn)", "text"), "produkt_b": ("Produkt B (dann)", "text"),
    "kunden_mit_a": ("Kunden mit Produkt A", "count"), "kunden_mit_b": ("Kunden mit Produkt B", "count"),
    "kunden_mit_beiden": ("Kunden mit beiden Produkten", "count"),
    # 1.4
    "stichtag": ("Stichtag", "date"), "horizont_tage": ("Blick zurück (Tage)", "count"),
    "blinker_schwelle": ("Blinker-Schwelle", "number:2"), "kunden_im_blick": ("Kunden im Blick", "count"),
    "spurwechsler": ("Spurwechsler", "count"), "treffer": ("Treffer", "count"),
    "fehlalarme": ("Fehlalarme", "count"), "verpasst": ("Verpasst", "count"),
    "precision": ("Trefferquote der Warnungen (Precision)", "share:0"),
    "recall": ("Erkannte Spurwechsler (Recall)", "share:0"),
    "lift_oberstes_zehntel": ("Lift im obersten Zehntel", "number:2"),
    "fehler_gemacht": ("Haben wir einen Fehler gemacht?", "yesno"),
    "vorteil_sicher": ("Ist unser Vorteil sicher?", "yesno"), "entscheidung": ("Entscheidung", "text"),
    # 1.5
    "freundlich": ("freundlich (1–7)", "count"), "ehrlich": ("ehrlich (1–7)", "count"),
    "hilfsbereit": ("hilfsbereit (1–7)", "count"), "wohlwollend": ("wohlwollend (1–7)", "count"),
    "fähig": ("fähig (1–7)", "count"), "kompetent": ("kompetent (1–7)", "count"),
    "zuverlässig": ("zuverlässig (1–7)", "count"), "effizient": ("effizient (1–7)", "count"),
    "wärme": ("Wärme", "number:2"), "kompetenz": ("Kompetenz", "number:2"), "quadrant": ("Quadrant", "text"),
    "kaufwahrscheinlichkeit_modell": ("Kaufwahrscheinlichkeit (Modell des Kurses)", "share:0"),
    # 1.7
    "zugewinn": ("Zugewinn je gehaltenem Versprechen", "share:0"), "asymmetrie": ("Asymmetrie", "number:1"),
    "verlust": ("Verlust je gebrochenem Versprechen", "share:0"), "startvertrauen": ("Vertrauen am Anfang", "share:0"),
    "kontakte": ("Kontakte", "count"), "bruch_bei_kontakt": ("Bruch bei Kontakt", "count"),
    "vertrauen_vor_bruch": ("Vertrauen vor dem Bruch", "share:0"),
    "vertrauen_nach_bruch": ("Vertrauen nach dem Bruch", "share:0"),
    "gehaltene_bis_zurück": ("Gehaltene Versprechen bis zurück", "count"),
    "endvertrauen_ohne_bruch": ("Vertrauen am Ende ohne Bruch", "share:0"),
    "endvertrauen_mit_bruch": ("Vertrauen am Ende mit Bruch", "share:0"),
    "anteil_kunden_unter_schwelle": ("Anteil Kunden mit wenig Vertrauen", "share:0"),
    # 1.11
    "erwartung": ("Erwartung", "number:1"), "toleranz": ("Toleranz", "number:1"),
    "gewöhnung": ("Gewöhnung", "share:0"), "touchpoints": ("Touchpoints", "count"),
    "enttäuschen": ("Touchpoints, die enttäuschen", "count"), "bestätigen": ("Touchpoints, die bestätigen", "count"),
    "begeistern": ("Touchpoints, die begeistern", "count"),
    "mittlere_abweichung": ("Mittlere Abweichung", "number:2"),
    "enttäuschende_touchpoints": ("Enttäuschende Touchpoints", "text"),
    "begeisternde_touchpoints": ("Begeisternde Touchpoints", "text"),
    # 2: recommendations and NPS
    "anteil_promotoren": ("Anteil Promotoren", "share:0"), "anteil_passive": ("Anteil Passive", "share:0"),
    "anteil_kritiker": ("Anteil Kritiker", "share:0"), "antworten": ("Antworten", "count"),
    "nps_wert": ("NPS", "number:0"), "nps_unten": ("NPS-Intervall von", "number:1"),
    "nps_oben": ("NPS-Intervall bis", "number:1"),
    "geprüfte_veränderung": ("Geprüfte Veränderung (Punkte)", "count"),
    "rauschgrenze": ("Rauschgrenze (Punkte)", "number:1"),
    "veränderung_ist_rauschen": ("Ist die Veränderung Rauschen?", "yesno"),
    "antworten_nötig": ("Nötige Antworten je Befragung", "count"),
    "vergleich_anteil_promotoren": ("Gleicher NPS: Promotoren", "share:0"),
    "vergleich_anteil_passive": ("Gleicher NPS: Passive", "share:0"),
    "vergleich_anteil_kritiker": ("Gleicher NPS: Kritiker", "share:0"),
    "gruppierung": ("NPS je", "text"), "gruppe_höchster_nps": ("Gruppe mit dem höchsten NPS", "text"),
    "gruppe_niedrigster_nps": ("Gruppe mit dem niedrigsten NPS", "text"),
    # 2: touchpoints that really touch (the course's criteria)
    "bewertete_touchpoints": ("Bewertete Touchpoints", "count"),
    "erinnerung_spitze_ende": ("Erinnerung (Spitze und Ende, −1 bis +1)", "number:2"),
    "durchschnitt_bewertung": ("Durchschnitt der Bewertungen (−1 bis +1)", "number:2"),
    "anzahl_begeisterung": ("Touchpoints mit Begeisterung", "count"),
    "anzahl_enttäuschung": ("Touchpoints mit Enttäuschung", "count"),
    "schlüssel_touchpoints": ("Schlüssel-Touchpoints", "text"),
    "enttäuschte_schlüssel_touchpoints": ("Enttäuschende Schlüssel-Touchpoints", "text"),
    "beziehung_gefährdet": ("Beziehung gefährdet (Modell des Kurses)", "yesno"),
    "zuerst_beheben": ("Zuerst beheben", "text"), "kriterien": ("Kriterien der Bewertung", "text"),
    # 3.11 voice analytics
    "gesprächsbasis": ("Gespräche aus", "text"), "analyse_ansatz": ("Ansatz der Voice Analytics", "text"),
    "warnschwelle": ("Schwelle für Warnung (Score 0–1)", "number:2"), "gespräche": ("Gespräche", "count"),
    "eskalierte_gespräche": ("Eskalierte Gespräche", "count"), "warnungen": ("Warnungen", "count"),
    "trefferquote": ("Trefferquote (erkannte Eskalationen)", "share:0"),
    "anteil_richtige_warnungen": ("Anteil richtiger Warnungen", "share:0"),
    "gewicht_pausen": ("Gewicht Pausen", "number:1"), "gewicht_tempo": ("Gewicht Sprechtempo", "number:1"),
    "gewicht_tonhöhe": ("Gewicht Tonhöhe und Betonung", "number:1"),
    "gewicht_unterbrechungen": ("Gewicht Unterbrechungen", "number:1"),
    "gewicht_lautstärke": ("Gewicht Lautstärkewechsel", "number:1"),
    "gewicht_negative_wörter": ("Gewicht negative Wörter", "number:1"),
    "gewicht_stimmung": ("Gewicht negative Stimmung im Text", "number:1"),
    # 4.12 complaints as a chance
    "beschwerde_touchpoints": ("Touchpoints der Beschwerden", "text"),
    "kunden_mit_beschwerde": ("Kunden mit Beschwerde", "count"),
    "zufrieden_ab": ("Zufrieden mit der Behandlung ab Bewertung", "number:0"),
    "anteil_beschwerdefuehrer": ("Annahme: Anteil der Unzufriedenen, die sich beschweren", "share:0"),
    "anteil_schnell_geloest": ("Anteil schnell gelöst (der zufriedenen Beschwerden)", "share:0"),
    "anteil_grosse_probleme": ("Annahme: Anteil großer Probleme", "share:0"),
    "umsatz_je_kunde": ("Umsatz je Kunde und Jahr", "money:0"), "umsatz_je_kunde_aus": ("Umsatz je Kunde aus", "text"),
    "unzufriedene_geschaetzt": ("Unzufriedene Kunden (geschätzt)", "number:0"),
    "kunden_bleiben": ("Unzufriedene, die bleiben", "number:0"),
    "umsatz_bleibt": ("Umsatz, der bleibt (Jahr)", "money:0"),
    "umsatz_verloren": ("Umsatz, der verloren geht (Jahr)", "money:0"),
    "wert_je_prozentpunkt_schnell": ("Wert je Prozentpunkt mehr schnell gelöst (Jahr)", "money:0"),
    "erster_hebel": ("Damit fangen wir an", "text"),
    # 3.10 strangers and barnacles
    "schwelle_dauer_jahre": ("Langjährig ab (Jahre)", "number:1"),
    "schwelle_gewinn": ("Profitabel ab (Gewinn je Kunde und Jahr)", "money:0"),
    "beginn_der_dauer": ("Dauer der Beziehung ab", "text"),
    "kunden_fremde": ("Fremde (Kunden)", "count"), "kunden_schmetterlinge": ("Schmetterlinge (Kunden)", "count"),
    "kunden_wahre_freunde": ("Wahre Freunde (Kunden)", "count"), "kunden_kletten": ("Kletten (Kunden)", "count"),
    "gewinnanteil_fremde": ("Fremde: Anteil am Gesamtgewinn", "share:1"),
    "gewinnanteil_schmetterlinge": ("Schmetterlinge: Anteil am Gesamtgewinn", "share:1"),
    "gewinnanteil_wahre_freunde": ("Wahre Freunde: Anteil am Gesamtgewinn", "share:1"),
    "gewinnanteil_kletten": ("Kletten: Anteil am Gesamtgewinn", "share:1"),
    "anteil_kletten_unter_langjährigen": ("Anteil Kletten unter den langjährigen Kunden", "share:1"),
    "erste_gruppe": ("Damit fangen wir an", "text"),
    "behandlung_erste_gruppe": ("Behandlung dieser Gruppe (nach Reinartz & Kumar 2002)", "text"),
    # 3.8 three dimensions of customer value
    "anteil_hoch": ("Anteil „hoch“ je Dimension", "share:0"), "bindungsrate": ("Bindungsrate r je Jahr", "share:0"),
    "abzinsung": ("Abzinsung d je Jahr", "share:0"), "wert_je_antwort": ("Wert einer Antwort", "money:2"),
    "margen_multiplikator": ("Multiplikator r / (1 + d − r)", "number:2"),
    "kundenwert_gesamt": ("Kundenwert aller Kunden", "money:0"),
    "kunden_anderes_segment": ("Kunden in anderem Segment als nach Umsatz allein", "count"),
    "anteil_anderes_segment": ("Anteil in anderem Segment als nach Umsatz allein", "share:0"),
    "top_kunden_verpasst": ("Wertvollste Kunden, die nach Umsatz nicht oben stehen", "count"),
    "groesstes_segment": ("Größtes Segment", "text"), "wertvollstes_segment": ("Wertvollstes Segment", "text"),
    # 3.9 next best action
    "kontaktgrenze": ("Kontakte je Kanal höchstens", "count"), "zeitfenster_tage": ("Zeitfenster (Tage)", "count"),
    "gewicht_angebote": ("Gewicht der Angebote", "number:1"),
    "gewicht_service": ("Gewicht der Service-Hinweise", "number:1"),
    "gewicht_dank": ("Gewicht des Dankeschöns", "number:1"),
    "kontakte_je_kunde": ("Kontakte je Kunde und Jahr (Modell des Kurses)", "number:1"),
    "wert_pro_kunde": ("Wert je Kunde und Jahr (Modell des Kurses)", "money:2"),
    "anteil_abgemeldet": ("Abgemeldet (Anteil der berechtigten Kunden)", "share:0"),
    "beste_kontaktgrenze": ("Beste Kontaktgrenze je Kanal", "count"),
    "wert_beste_grenze": ("Wert je Kunde bei der besten Grenze", "money:2"),
    "alles_senden_wert_pro_kunde": ("Alles senden: Wert je Kunde und Jahr", "money:2"),
    "alles_senden_anteil_abgemeldet": ("Alles senden: abgemeldet", "share:0"),
    # 4.5 sales pipeline
    "offene_chancen": ("Offene Chancen", "count"), "abgeschlossene_chancen": ("Abgeschlossene Chancen", "count"),
    **{f"gewinnchance_{whose}_{key}": (f"Gewinnchance ab {stage} ({label})", "share:0")
       for whose, label in (("ihre", "Ihre Einschätzung"), ("geschichte", "aus Ihrer Vergangenheit"))
       for stage, key in (("Erstkontakt", "erstkontakt"), ("Bedarf geklärt", "bedarf_geklärt"),
                          ("Angebot", "angebot"), ("Verhandlung", "verhandlung"))},
    "pipeline_ungewichtet": ("Pipeline ungewichtet (offene Chancen)", "money:0"),
    "pipeline_gewichtet_geschichte": ("Pipeline gewichtet mit Ihrer Vergangenheit", "money:0"),
    "pipeline_gewichtet_ihre": ("Pipeline gewichtet mit Ihren Gewinnchancen", "money:0"),
    "gewinnquote": ("Gewinnquote (gewonnen von abgeschlossen)", "share:1"),
    "pipeline_geschwindigkeit": ("Pipeline-Geschwindigkeit (€ pro Tag)", "money:0"),
    # 4.9 call transfer
    "service_touchpoints": ("Service-Touchpoints (Anfragen)", "text"), "anfragen": ("Anfragen", "count"),
    "anteil_weiter": ("Anteil weiterverbunden", "share:0"), "anteil_warm": ("Davon warm übergeben", "share:0"),
    "anteil_erste_person": ("Annahme: Anteil, den die erste Person löst", "share:0"),
    "anteil_versuch": ("Annahme: erste Person löst schwierige Anfragen (Versuch)", "share:0"),
    "anteil_spezialist": ("Annahme: Spezialist löst", "share:0"),
    "kosten_je_minute": ("Annahme: Kosten je Minute Arbeitszeit", "money:2"),
    "erstloesung": ("Im ersten Kontakt gelöst", "share:1"),
    "wiederholkontakte": ("Wiederholkontakte", "number:0"),
    "servicekosten": ("Kosten der Anfragen (Zeitraum Ihrer Daten)", "money:0"),
    "bewertung_geschaetzt": ("Bewertung geschätzt (1–5)", "number:2"),
    "erster_schritt": ("Erster Schritt", "text"),
    # 4.3 content and context
    "angebot_veraergert": ("Annahme: Ein Angebot im Problemfall verärgert", "share:0"),
    "kontext_bekannt": ("Kontext bekannt bei", "share:0"),
    "inhalt_fuer_alle": ("Gleicher Inhalt für alle", "text"),
    "netto_fuer_alle": ("Netto-Reaktionen, gleicher Inhalt für alle", "number:1"),
    "netto_nach_kontext": ("Netto-Reaktionen, Inhalt nach Kontext", "number:1"),
    "vorsprung_kontext": ("Vorsprung durch den Kontext", "number:1"),
    # 4.21 the human touchpoint
    "wert_je_bewertungspunkt": ("Ein Bewertungspunkt mehr je Kontakt ist wert (Annahme)", "money:0"),
    "branche_kosten": ("Kosten je Kontakt nach den Annahmen der Branche", "text"),
    "touchpoints_verglichen": ("Touchpoints mit Vergleich Mensch – digital", "count"),
    "unterschied_gesichert": ("davon mit gesichertem Unterschied", "count"),
    "mensch_behalten": ("Mensch behalten an", "text"), "automatisieren": ("Automatisieren an", "text"),
    "ohne_vergleich": ("Ohne Vergleich (nur Menschen oder zu wenige Kontakte)", "text"),
    "mehrkosten_mensch_behalten": ("Mehrkosten der behaltenen Menschen pro Jahr", "money:0"),
    "ersparnis_automatisieren": ("Ersparnis durch Automatisieren pro Jahr", "money:0"),
    # 4.6 repair or part
    "schwelle_kandidat": ("Kandidat unter (Gewinn je Kunde und Jahr)", "money:0"),
    "anteil_kanalwechsel": ("Reparieren: Anteil der Kontakte in den günstigen Kanal", "share:0"),
    "kosten_guenstiger_kanal": ("Kosten je Kontakt im günstigen Kanal", "money:2"),
    "entgelt_je_kontakt": ("Reparieren: Entgelt je übrigem Kontakt", "money:2"),
    "anteil_fixe_servicekosten": ("Trennen: Anteil der Servicekosten, der bleibt", "share:0"),
    "kandidaten": ("Kandidaten", "count"), "kunden_repariert": ("Kunden repariert", "count"),
    "kunden_getrennt": ("Kunden getrennt", "count"), "gewinn_heute": ("Gewinn heute pro Jahr", "money:0"),
    "gewinn_nachher": ("Gewinn nach Ihrer Regel pro Jahr", "money:0"),
    "umsatz_heute": ("Umsatz heute pro Jahr", "money:0"),
    "umsatz_nachher": ("Umsatz nach Ihrer Regel pro Jahr", "money:0"),
    "gewinn_nur_trennen": ("Gewinn, wenn Sie sich von allen Kandidaten trennen", "money:0"),
    "umsatz_nur_trennen": ("Umsatz, wenn Sie sich von allen Kandidaten trennen", "money:0"),
    # 4.7 service subscriptions vs points
    "abo_gebuehr": ("Jahresgebühr des Abos", "money:2"),
    "abo_nutzen_je_kauf": ("Abo: Nutzen je Kauf für den Kunden (Annahme)", "money:2"),
    "abo_anteil_abschluss": ("Abo: Anteil, der abschließt, wenn es sich lohnt (Annahme)", "share:0"),
    "abo_kosten_je_kauf": ("Abo: Servicekosten je Kauf (Annahme)", "money:2"),
    "abo_mehrkaeufe": ("Abo: Mehrkäufe der Abonnenten (Annahme)", "share:1"),
    "abo_weniger_abwanderung": ("Abo: weniger Abwanderung (Annahme)", "share:1"),
    "punkte_je_euro": ("Punkte je Euro Umsatz", "number:1"), "punkt_wert": ("Wert eines Punkts", "money:4"),
    "punkte_einloesequote": ("Punkte: Einlösequote (Annahme)", "share:0"),
    "punkte_anteil_mitglieder": ("Punkte: Anteil der Kunden im Programm (Annahme)", "share:0"),
    "punkte_kosten_je_mitglied": ("Punkte: Kosten je Mitglied und Jahr (Annahme)", "money:2"),
    "punkte_mehrkaeufe": ("Punkte: Mehrkäufe der Mitglieder (Annahme)", "share:1"),
    "abo_mitglieder": ("Abonnenten", "number:0"), "punkte_mitglieder": ("Mitglieder im Punkteprogramm", "number:0"),
    "abo_nettoeffekt": ("Nettoeffekt des Abos pro Jahr", "money:0"),
    "punkte_nettoeffekt": ("Nettoeffekt des Punkteprogramms pro Jahr", "money:0"),
    "abo_break_even_gebuehr": ("Break-even-Gebühr des Abos", "money:2"),
    "punkte_break_even_mehrkaeufe": ("Punkte: nötige Mehrkäufe für den Break-even", "share:1"),
    "besserer_weg": ("Mehr bringt", "text"),
    # 4.20 dunning: collect the debt or keep the customer
    "mahn_horizont_jahre": ("Horizont (Jahre)", "number:1"),
    "mahn_anteil_saeumig": ("Anteil der Kunden, die spät zahlen (Annahme)", "share:0"),
    "hart_anteil_geht": ("hart: Anteil der Säumigen, die gehen (Annahme)", "share:0"),
    "partner_anteil_geht": ("partnerschaftlich: Anteil der Säumigen, die gehen (Annahme)", "share:0"),
    "hart_eingetrieben_anteil": ("hart: eingetriebener Anteil (Annahme)", "share:0"),
    "partner_eingetrieben_anteil": ("partnerschaftlich: eingetriebener Anteil (Annahme)", "share:0"),
    "saeumige_kunden": ("Säumige Kunden", "count"),
    "hart_wert": ("Wert über den Horizont: hart", "money:0"),
    "partner_wert": ("Wert über den Horizont: partnerschaftlich", "money:0"),
    "partner_lohnt_ab_jahren": ("Partnerschaftlich lohnt sich ab (Jahren)", "number:1"),
    "besserer_mahnstil": ("Mehr bringt (Mahnstil)", "text"),
    # 5.8 the limits of CRM
    "hebel_kommunikation": ("Hebel Kommunikation", "share:0"), "hebel_wohlbefinden": ("Hebel Wohlbefinden", "share:0"),
    "hebel_prozesse": ("Hebel Prozesse", "share:0"),
    "hebel_beziehungsqualitaet": ("Hebel Beziehungsqualität", "share:0"),
    "mittlere_bewertung": ("Ø Bewertung Ihrer Kontakte (1–5)", "number:2"),
    "kapazitaet_kontakte": ("Annahme: Kapazität (Kontakte je Kunde und Jahr)", "number:1"),
    "startqualitaet": ("Beziehungsqualität am Start (0–1)", "number:2"),
    "startbelastung": ("Belastung am Start (0–1)", "number:2"),
    "endqualitaet": ("Beziehungsqualität nach 24 Monaten (Modell des Kurses)", "number:2"),
    "endbelastung": ("Belastung nach 24 Monaten (Modell des Kurses)", "number:2"),
    "schleife_kippt": ("Die Schleife kippt", "text"),
    "kipppunkt_wohlbefinden": ("Kipppunkt: Wohlbefinden ab", "share:0"),
    "kipppunkt_qualitaet": ("Kipppunkt der Beziehungsqualität (0–1)", "number:2"),
    # 5.6 customer focus
    "spielraum": ("Spielraum der Mitarbeitenden", "share:0"),
    "anteil_sonderanliegen": ("Anteil der Sonderanliegen (Annahme)", "share:0"),
    "zufrieden_gesamt": ("Zufriedene Kunden bei diesem Spielraum (Modell des Kurses)", "share:1"),
    "bester_spielraum": ("Spielraum mit den meisten zufriedenen Kunden", "share:0"),
    "zufrieden_bester_spielraum": ("Zufriedene Kunden beim besten Spielraum", "share:1"),
    "abteilungen_mit_kundenkontakt": ("Abteilungen mit Kundenkontakt", "count"),
    "abteilungen_je_kunde": ("Abteilungen je Kunde im Mittel", "number:1"),
    "schwaechste_abteilung": ("Abteilung mit der schlechtesten Bewertung", "text"),
    "nicht_zugeordnet": ("Touchpoints ohne Abteilung", "text"),
}


def data_source(data=None) -> str:
    """Where a transfer's figures come from, as the sheet says it.

    ``data`` is what the lesson's widget computed with: None (only the learner's
    entries), a :class:`~kundenkit.CustomerBase` or a table read from a file.

    >>> from kundenkit import generate_customers, write_csv, read_csv
    >>> data_source(), data_source(generate_customers(seed=1, n_customers=10))
    ('Ihre Eingaben', 'Beispieldaten')
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "kunden.csv"
    >>> table = read_csv(write_csv(generate_customers(seed=1, n_customers=10).kunden, path))
    >>> data_source(table)
    "Ihre Daten aus 'kunden.csv'"
    """
    if data is None:
        return OWN_ENTRIES
    source = getattr(data, "quelle", None)
    if source is None and isinstance(data, pd.DataFrame) and data.attrs.get("datei"):
        source = Path(str(data.attrs["datei"])).name
    return SAMPLE_DATA if source is None else f"Ihre Daten aus '{source}'"


def save_transfer(record: dict, path, *, mode: str = "neu", source: str | None = None) -> Path:
    """Save one transfer record (a row) as German CSV and return the path.

    Parameters
    ----------
    record : dict
        Column name → value; a time stamp ``gespeichert_am`` is added.
    path : str or Path
        The learner's file; its folder is created if needed.
    mode : {"neu", "anhängen", "überschreiben"}
        ``"neu"`` refuses an existing file; ``"anhängen"`` adds a row to it;
        ``"überschreiben"`` replaces it.
    source : str, optional
        Where the figures come from (see :func:`data_source`), saved as ``datenquelle``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> path = save_transfer({"unternehmen": "Muster AG", "wärme": 5.5}, folder / "t.csv")
    >>> save_transfer({"unternehmen": "Muster AG", "wärme": 6.0}, path)
    Traceback (most recent call last):
    ...
    kundenkit.errors.KundenkitError: Die Datei '...t.csv' gibt es schon. ...
    >>> len(read_csv(save_transfer({"unternehmen": "Muster AG", "wärme": 6.0}, path, mode="anhängen")))
    2
    """
    if mode not in MODES:
        raise KundenkitError(f"Unbekannter Modus {mode!r} für 'mode'. Erlaubt sind: {', '.join(MODES)}.")
    path = Path(path)
    extra = {} if source is None else {SOURCE: source}
    row = pd.DataFrame([{**record, **extra, "gespeichert_am": datetime.now().replace(microsecond=0)}])
    if path.exists():
        if mode == "neu":
            raise KundenkitError(
                f"Die Datei '{path}' gibt es schon. Sie wird nicht überschrieben. Wählen Sie "
                "'anhängen' (neue Zeile) oder 'überschreiben', oder geben Sie einen anderen Dateinamen an."
            )
        if mode == "anhängen":
            row = pd.concat([read_csv(path).reset_index(drop=True), row], ignore_index=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_csv(row, path)


def sheet_path(folder, kapitel: int) -> Path:
    """Where a chapter's printable transfer sheet is written.

    >>> sheet_path("transfer", 3).as_posix()
    'transfer/kapitel_03_transferblatt.html'
    """
    return Path(folder) / f"kapitel_{kapitel:02d}_transferblatt.html"


def action_path(folder, kapitel: int) -> Path:
    """Where the learner's action for the next four weeks is kept for a chapter.

    >>> action_path("transfer", 1).as_posix()
    'transfer/kapitel_01_massnahme.txt'
    """
    return Path(folder) / f"kapitel_{kapitel:02d}_massnahme.txt"


def chapter_action(folder, kapitel: int) -> str:
    """The learner's saved action for a chapter, or an empty text."""
    path = action_path(folder, kapitel)
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def _lesson_of(path: Path, kapitel: int) -> str:
    return f"{kapitel}.{int(path.name[3:5])}"


def collect_transfers(folder, kapitel: int = 1) -> pd.DataFrame:
    """The latest saved row of each transfer file of a chapter, as one long table for the sheet.

    Files are found by name: ``01_05_sympathisch_und_kompetent.csv`` is lesson 1.5.
    Returns the columns ``lektion``, ``titel``, ``unternehmen``, ``gespeichert_am``,
    ``datenquelle``, ``angabe`` and ``wert`` – labels and values in German, as the learner reads them.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = save_transfer({"unternehmen": "Muster AG", "wärme": 5.5, "quadrant": "Bewunderung"},
    ...                   folder / "01_05_sympathisch.csv")
    >>> collect_transfers(folder)[["lektion", "datenquelle", "angabe", "wert"]]
      lektion    datenquelle    angabe        wert
    0     1.5  Ihre Eingaben     Wärme        5,50
    1     1.5  Ihre Eingaben  Quadrant  Bewunderung
    >>> len(collect_transfers(folder / "leer"))
    0
    """
    from kundenkit.display import format_value, label

    columns = ["lektion", "titel", "unternehmen", "gespeichert_am", SOURCE, "angabe", "wert"]
    rows = []
    files = sorted(Path(folder).glob(f"{kapitel:02d}_[0-9][0-9]_*.csv"), key=lambda p: int(p.name[3:5]))
    for path in files:
        table = read_csv(path)
        if table.empty:
            continue
        latest = table.iloc[-1]
        lesson = _lesson_of(path, kapitel)
        saved = latest.get("gespeichert_am")
        common = {"lektion": lesson, "titel": LESSON_TITLES.get(lesson, ""),
                  "unternehmen": "" if pd.isna(latest.get("unternehmen")) else str(latest.get("unternehmen")),
                  "gespeichert_am": format_value(saved, "date") if saved is not None and not pd.isna(saved) else "",
                  SOURCE: str(latest.get(SOURCE)) if not pd.isna(latest.get(SOURCE, None)) else OWN_ENTRIES}
        for column, value in latest.items():
            if column in _META or pd.isna(value):
                continue
            name, kind = FIELDS.get(str(column), (label(column), "auto"))
            rows.append({**common, "angabe": name, "wert": format_value(value, kind)})
    return pd.DataFrame(rows, columns=columns)


_PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #222;
       max-width: 178mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; }
.kopf { color: #444; margin-bottom: 6mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm 0; border-bottom: 1px solid #888; padding-bottom: 1mm; }
section { break-inside: avoid; }
table { border-collapse: collapse; width: 100%; }
td { padding: 1.2mm 2mm; vertical-align: top; border-bottom: 1px solid #ddd; }
td.wert { text-align: right; white-space: nowrap; width: 35%; }
.quelle { font-size: 9pt; color: #555; margin: 0 0 1.5mm 0; }
.beispiel { display: inline-block; border: 1px solid #b35806; color: #b35806; padding: 0 1.5mm; font-weight: bold; }
.massnahme { border: 1.5px solid #333; padding: 3mm; min-height: 40mm; white-space: pre-wrap; break-inside: avoid; }
.leer { color: #777; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #666; }
"""
_PLAN_CSS = """
h2.kapitel { font-size: 13pt; margin-top: 9mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm 0; }
table.plan th { text-align: left; border-bottom: 1.5px solid #333; padding: 1.2mm 2mm; font-size: 9.5pt; }
table.plan td { height: 14mm; border: 1px solid #bbb; }
table.plan td:nth-child(n+4) { width: 16mm; }
"""


def _lesson_sections(table: pd.DataFrame, heading: str = "h2") -> list[str]:
    """One HTML section per lesson of a :func:`collect_transfers` table, sample data marked."""
    if table.empty:
        return ['<p class="leer">Noch keine Transfer-Ergebnisse gespeichert.</p>']
    sections = []
    for (lesson, lesson_title), part in table.groupby(["lektion", "titel"], sort=False):
        source = str(part[SOURCE].iloc[0])
        badge = (f'<span class="beispiel">{SAMPLE_DATA}</span> Diese Zahlen stammen aus den Beispieldaten des '
                 "Kurses, nicht aus Ihrem Unternehmen." if source == SAMPLE_DATA else escape(source))
        saved = part["gespeichert_am"].iloc[0]
        rows = "".join(f'<tr><td>{escape(row.angabe)}</td><td class="wert">{escape(row.wert)}</td></tr>'
                       for row in part.itertuples())
        sections.append(f"<section><{heading}>Lektion {lesson} – {escape(lesson_title)}</{heading}>"
                        f'<p class="quelle">Quelle: {badge}{" · gespeichert am " + escape(saved) if saved else ""}'
                        f"</p><table>{rows}</table></section>")
    return sections


_FOOTER = ("<footer>Erstellt mit dem Kurs „Die Kunst der Kundenbeziehung“ (kundenkit). Drucken: im Browser "
           "Strg+P (Mac: Cmd+P), als Ziel einen Drucker oder „Als PDF speichern“ wählen.</footer></body></html>")


def transfer_sheet_html(table: pd.DataFrame, *, kapitel: int, title: str, company: str = "", action: str = "",
                        on: date | None = None) -> str:
    """The chapter's transfer sheet as an HTML page that prints cleanly on A4.

    It names the company and the date, has one section per lesson with the
    lesson's title, marks figures from sample data as "Beispieldaten", and ends
    with the learner's action for the next four weeks (or room to write it).

    >>> table = collect_transfers(Path("nicht-da"))
    >>> page = transfer_sheet_html(table, kapitel=1, title="Wie Beziehungen zustande kommen",
    ...                            company="Muster AG", action="Stammkunden beim Namen nennen.", on=date(2026, 3, 2))
    >>> "Muster AG" in page, "02.03.2026" in page, "Stammkunden beim Namen nennen." in page, "size: A4" in page
    (True, True, True, True)
    """
    from kundenkit.formatting import de_date

    on = on or date.today()
    parts = [f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
             f"<title>Transferblatt Kapitel {kapitel}</title><style>{_PRINT_CSS}</style></head><body>",
             f"<h1>Transferblatt Kapitel {kapitel}: {escape(title)}</h1>",
             f'<div class="kopf">{escape(company) or "Ihr Unternehmen"} · {de_date(pd.Timestamp(on))}</div>']
    parts += _lesson_sections(table)
    action_text = escape(action.strip()) if action.strip() else '<span class="leer">(hier eintragen)</span>'
    parts += ["<section><h2>Meine Maßnahme für die nächsten vier Wochen</h2>"
              f'<div class="massnahme">{action_text}</div></section>', _FOOTER]
    return "\n".join(parts)


def plan_overview(folder) -> pd.DataFrame:
    """One row per chapter of the course: its title, the learner's action and how many lessons have a transfer.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = action_path(folder, 2).write_text("NPS je Filiale mit Intervall berichten.", encoding="utf-8")
    >>> _ = save_transfer({"unternehmen": "Muster AG", "wärme": 5.5}, folder / "01_05_sympathisch.csv")
    >>> plan_overview(folder)[["kapitel", "massnahme", "lektionen_mit_transfer"]].head(2)
       kapitel                                massnahme  lektionen_mit_transfer
    0        1                                                                1
    1        2  NPS je Filiale mit Intervall berichten.                       0
    """
    from kundenkit.course import CHAPTER_TITLES

    rows = []
    for kapitel, title in CHAPTER_TITLES.items():
        transfers = collect_transfers(folder, kapitel)
        rows.append({"kapitel": kapitel, "titel": title, "massnahme": chapter_action(folder, kapitel),
                     "lektionen_mit_transfer": int(transfers["lektion"].nunique())})
    return pd.DataFrame(rows, columns=["kapitel", "titel", "massnahme", "lektionen_mit_transfer"])


def action_plan_html(folder, *, company: str = "", on: date | None = None) -> str:
    """The learner's action plan ("Fahrplan"): every chapter's action and transfer results, printable on A4.

    First a plan to fill in by hand – one row per chapter with the action and
    empty columns for who, by when and done – then, per chapter, the lessons'
    saved results (sample data marked) as on the chapter's transfer sheet.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = action_path(folder, 1).write_text("Stammkunden beim Namen nennen.", encoding="utf-8")
    >>> page = action_plan_html(folder, company="Muster AG", on=date(2026, 3, 2))
    >>> "Ihr Fahrplan" in page, "Stammkunden beim Namen nennen." in page, "Bis wann?" in page, "size: A4" in page
    (True, True, True, True)
    """
    from kundenkit.course import CHAPTER_TITLES
    from kundenkit.formatting import de_date

    on = on or date.today()
    overview = plan_overview(folder)
    rows = "".join(
        f"<tr><td>{row.kapitel}</td><td>{escape(row.titel)}</td>"
        f"<td>{escape(row.massnahme) if row.massnahme else '<span class=leer>(noch keine Maßnahme)</span>'}</td>"
        "<td></td><td></td><td></td></tr>" for row in overview.itertuples())
    parts = [f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ihr Fahrplan</title>'
             f"<style>{_PRINT_CSS}{_PLAN_CSS}</style></head><body>",
             "<h1>Ihr Fahrplan – Die Kunst der Kundenbeziehung</h1>",
             f'<div class="kopf">{escape(company) or "Ihr Unternehmen"} · {de_date(pd.Timestamp(on))}</div>',
             '<section><h2>Ihre Maßnahmen</h2><table class="plan"><tr><th>Kapitel</th><th>Thema</th>'
             "<th>Maßnahme</th><th>Wer?</th><th>Bis wann?</th><th>Erledigt</th></tr>"
             f"{rows}</table></section>"]
    for kapitel, title in CHAPTER_TITLES.items():
        table = collect_transfers(folder, kapitel)
        if table.empty:
            continue
        parts.append(f'<h2 class="kapitel">Kapitel {kapitel}: {escape(title)}</h2>')
        parts += _lesson_sections(table, heading="h3")
    parts.append(_FOOTER)
    return "\n".join(parts)
