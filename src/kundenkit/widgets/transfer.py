"""The transfer panels: save a lesson's answer about one's own company, print the chapter's sheet and the plan.

Both ask before they touch an existing file.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from kundenkit.course import CHAPTER_TITLES, manager_view_link, own_data_instruction
from kundenkit.errors import KundenkitError
from kundenkit.transfer import (
    OWN_ENTRIES,
    SAMPLE_DATA,
    action_path,
    action_plan_html,
    chapter_action,
    collect_transfers,
    plan_overview,
    save_transfer,
    sheet_path,
    transfer_sheet_html,
)
from kundenkit.widgets.controls import FIT

_OK, _WARN = "color:#1b7837", "color:#b2182b"


def _message(text: str, style: str = "") -> str:
    return f'<span style="{style}">{text}</span>' if style else text


class TransferSaver(widgets.VBox):
    """Company name, a save button, and – if the file exists – the choice to append or overwrite.

    ``get_record`` returns the current record (a dict) of the lesson's widget;
    ``source`` says where its figures come from (see :func:`kundenkit.transfer.data_source`).
    """

    def __init__(self, path, get_record: Callable[[], dict], source: str = OWN_ENTRIES):
        self.path = Path(path)
        self.source = source
        self._get_record = get_record
        self.company = widgets.Text(description="Unternehmen", placeholder="Name Ihres Unternehmens",
                                    style={"description_width": "110px"})
        self.save_button = widgets.Button(description="Speichern", icon="save", button_style="primary", layout=FIT)
        self.append_button = widgets.Button(description="Als neue Zeile anhängen", layout=FIT)
        self.overwrite_button = widgets.Button(description="Überschreiben", button_style="danger", layout=FIT)
        self.cancel_button = widgets.Button(description="Abbrechen", layout=FIT)
        self.question = widgets.HBox([self.append_button, self.overwrite_button, self.cancel_button],
                                     layout={"display": "none"})
        self.message = widgets.HTML()
        self.save_button.on_click(lambda _: self.save("neu"))
        self.append_button.on_click(lambda _: self.save("anhängen"))
        self.overwrite_button.on_click(lambda _: self.save("überschreiben"))
        self.cancel_button.on_click(lambda _: self._ask(False, "Nichts gespeichert."))
        children = [widgets.HBox([self.company, self.save_button]), self.question, self.message]
        if source == SAMPLE_DATA:
            children.insert(0, widgets.HTML(
                f"<b>{SAMPLE_DATA}:</b> Die Zahlen dieses Widgets stammen aus den Beispieldaten des Kurses. Sie "
                f"werden so gekennzeichnet gespeichert. Für Zahlen Ihres Unternehmens {own_data_instruction()}."))
        super().__init__(children)

    def _ask(self, visible: bool, text: str) -> None:
        self.question.layout.display = "flex" if visible else "none"
        self.message.value = text

    def save(self, mode: str) -> Path | None:
        """Save with the given mode; returns the path, or None if the learner must choose first."""
        if not self.company.value.strip():
            self._ask(False, _message("Bitte tragen Sie zuerst den Namen Ihres Unternehmens ein.", _WARN))
            return None
        if mode == "neu" and self.path.exists():
            self._ask(True, f"Die Datei <code>{self.path}</code> gibt es schon. Was möchten Sie tun?")
            return None
        record = {"unternehmen": self.company.value.strip(), **self._get_record()}
        try:
            path = save_transfer(record, self.path, mode=mode, source=self.source)
        except KundenkitError as error:
            self._ask(False, _message(str(error), _WARN))
            return None
        self._ask(False, _message(f"Gespeichert in <code>{path}</code>. Die Datei gehört Ihnen: "
                                  "Sie können sie mit Excel öffnen.", _OK))
        return path


class _PrintablePage(widgets.VBox):
    """A page the learner prints: a company field, a save button, and a question before replacing the file.

    A subclass sets ``self.path``, builds its own widgets above the buttons and
    implements :meth:`refresh` and :meth:`page` (the HTML to write).
    """

    def __init__(self, top: list[widgets.Widget], bottom: list[widgets.Widget], save_label: str):
        self.company = widgets.Text(description="Unternehmen", placeholder="Name Ihres Unternehmens",
                                    style={"description_width": "110px"}, layout={"width": "460px"})
        self.refresh_button = widgets.Button(description="Neu einlesen", icon="refresh", layout=FIT)
        self.save_button = widgets.Button(description=save_label, icon="save", button_style="primary", layout=FIT)
        self.overwrite_button = widgets.Button(description="Überschreiben", button_style="danger", layout=FIT)
        self.cancel_button = widgets.Button(description="Abbrechen", layout=FIT)
        self.question = widgets.HBox([self.overwrite_button, self.cancel_button], layout={"display": "none"})
        self.message = widgets.HTML()
        self.refresh_button.on_click(lambda _: self.refresh())
        self.save_button.on_click(lambda _: self.save(overwrite=False))
        self.overwrite_button.on_click(lambda _: self.save(overwrite=True))
        self.cancel_button.on_click(lambda _: self._ask(False, "Nichts gespeichert."))
        super().__init__([*top, self.company, *bottom, widgets.HBox([self.refresh_button, self.save_button]),
                          self.question, self.message])

    path: Path

    def _ask(self, visible: bool, text: str) -> None:
        self.question.layout.display = "flex" if visible else "none"
        self.message.value = text

    def _fill_company(self, companies) -> None:
        if not self.company.value.strip():
            named = [c for c in companies if c]
            self.company.value = named[-1] if named else ""

    def refresh(self) -> None:
        raise NotImplementedError

    def page(self) -> str | None:
        """The HTML page to write, or None if there is nothing to write yet (after saying so)."""
        raise NotImplementedError

    def save(self, overwrite: bool) -> Path | None:
        """Write the page as printable HTML; returns the path, or None if nothing was written."""
        self.refresh()
        page = self.page()
        if page is None:
            return None
        if self.path.exists() and not overwrite:
            self._ask(True, f"Die Datei <code>{self.path}</code> gibt es schon. Überschreiben?")
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(page, encoding="utf-8")
        link = manager_view_link(self.path)
        how = (f'<a href="{link}" target="_blank" rel="noopener">Zum Drucken öffnen</a> (in einem neuen Tab) und '
               "mit Strg+P drucken (auch als PDF)." if link else
               "Zum Drucken: Öffnen Sie die Datei im Dateibrowser links mit Rechtsklick → „In neuem Tab öffnen“ "
               "und drucken Sie mit Strg+P (auch als PDF).")
        self._ask(False, _message(f"Gespeichert in <code>{self.path}</code>. {how}", _OK))
        return self.path


class TransferSheet(_PrintablePage):
    """The chapter's transfer sheet: every saved lesson answer, the learner's action, printable as HTML.

    Reads the learner's transfer files in ``folder`` (see
    :func:`kundenkit.transfer.collect_transfers`). The button writes
    ``kapitel_NN_transferblatt.html`` there – a page that prints on A4 – and asks
    before replacing an existing sheet. The action for the next four weeks is
    kept in ``kapitel_NN_massnahme.txt`` and shown again next time.
    """

    def __init__(self, folder, kapitel: int = 1):
        self.folder, self.kapitel = Path(folder), kapitel
        self.path = sheet_path(self.folder, kapitel)
        self.action_path = action_path(self.folder, kapitel)
        self.action = widgets.Textarea(
            placeholder="Was tun Sie in den nächsten vier Wochen? Wer, was, bis wann?",
            layout={"width": "100%", "height": "90px"})
        self.table_view = widgets.HTML()
        heading = widgets.HTML("<b>Meine Maßnahme für die nächsten vier Wochen</b>")
        super().__init__([self.table_view], [heading, self.action], "Transferblatt speichern")
        self.add_class("kk-transfer-sheet")
        self.action.value = chapter_action(self.folder, kapitel)
        self.refresh()

    def refresh(self) -> None:
        """Read the transfer files again (after saving in a lesson notebook)."""
        from kundenkit.display import render_table

        self.table = collect_transfers(self.folder, self.kapitel)
        if self.table.empty:
            self.table_view.value = (f"<p>In <code>{self.folder}</code> liegen noch keine Transfer-Ergebnisse "
                                     f"zu Kapitel {self.kapitel}. Speichern Sie zuerst in den Lektionen.</p>")
            return
        self._fill_company(self.table["unternehmen"])
        shown = self.table[["lektion", "angabe", "wert", "datenquelle"]]
        self.table_view.value = render_table(
            shown, kinds=dict.fromkeys(shown.columns, "text"),
            labels={"lektion": "Lektion", "angabe": "Angabe", "wert": "Wert", "datenquelle": "Quelle"},
            max_rows=200)

    def page(self) -> str | None:
        if self.table.empty and not self.action.value.strip():
            self._ask(False, _message("Es gibt noch nichts zu speichern.", _WARN))
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        self.action_path.write_text(self.action.value, encoding="utf-8")
        return transfer_sheet_html(self.table, kapitel=self.kapitel, title=CHAPTER_TITLES.get(self.kapitel, ""),
                                   company=self.company.value.strip(), action=self.action.value)


class ActionPlan(_PrintablePage):
    """The learner's action plan ("Fahrplan") of the whole course: every chapter's action and results, printable.

    Reads the actions saved with each chapter's :class:`TransferSheet` and all
    transfer files in ``folder``; the button writes ``fahrplan.html`` there (an A4
    page with a plan to fill in: who, by when, done) and asks before replacing it.
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.path = self.folder / "fahrplan.html"
        self.overview_view = widgets.HTML()
        super().__init__([self.overview_view], [], "Fahrplan speichern")
        self.add_class("kk-action-plan")
        self.refresh()

    def refresh(self) -> None:
        """Read the chapters' actions and transfer files again."""
        from kundenkit.display import render_table

        self.overview = plan_overview(self.folder)
        companies = [c for k in self.overview["kapitel"] for c in collect_transfers(self.folder, k)["unternehmen"]]
        self._fill_company(companies)
        shown = self.overview.assign(massnahme=self.overview["massnahme"].replace("", "(noch keine Maßnahme)"))
        self.overview_view.value = render_table(
            shown, kinds={"kapitel": "text", "lektionen_mit_transfer": "count"},
            labels={"kapitel": "Kapitel", "titel": "Thema", "massnahme": "Ihre Maßnahme",
                    "lektionen_mit_transfer": "Lektionen mit Transfer"}, max_rows=None)

    def page(self) -> str | None:
        if not self.overview["massnahme"].str.len().any() and not self.overview["lektionen_mit_transfer"].any():
            self._ask(False, _message("Es gibt noch nichts zu speichern: Tragen Sie zuerst in den Überblicken der "
                                      "Kapitel Ihre Maßnahmen ein, oder speichern Sie Transfers in den Lektionen.",
                                      _WARN))
            return None
        return action_plan_html(self.folder, company=self.company.value.strip())
