"""A save panel for transfer sheets that asks before it touches an existing file."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import ipywidgets as widgets

from kundenkit.errors import KundenkitError
from kundenkit.transfer import collect_transfers, save_transfer, transfer_sheet_markdown


_FIT = {"width": "auto"}  # buttons as wide as their German label


class TransferSaver(widgets.VBox):
    """Company name, a save button, and – if the file exists – the choice to append or overwrite.

    ``get_record`` returns the current record (a dict) of the lesson's widget.
    """

    def __init__(self, path, get_record: Callable[[], dict]):
        self.path = Path(path)
        self._get_record = get_record
        self.company = widgets.Text(description="Unternehmen", placeholder="Name Ihres Unternehmens",
                                    style={"description_width": "110px"})
        self.save_button = widgets.Button(description="Speichern", icon="save", button_style="primary", layout=_FIT)
        self.append_button = widgets.Button(description="Als neue Zeile anhängen", layout=_FIT)
        self.overwrite_button = widgets.Button(description="Überschreiben", button_style="danger", layout=_FIT)
        self.cancel_button = widgets.Button(description="Abbrechen", layout=_FIT)
        self.question = widgets.HBox([self.append_button, self.overwrite_button, self.cancel_button],
                                     layout={"display": "none"})
        self.message = widgets.HTML()
        self.save_button.on_click(lambda _: self.save("neu"))
        self.append_button.on_click(lambda _: self.save("anhängen"))
        self.overwrite_button.on_click(lambda _: self.save("überschreiben"))
        self.cancel_button.on_click(lambda _: self._ask(False, "Nichts gespeichert."))
        super().__init__([widgets.HBox([self.company, self.save_button]), self.question, self.message])

    def _ask(self, visible: bool, text: str) -> None:
        self.question.layout.display = "flex" if visible else "none"
        self.message.value = text

    def save(self, mode: str) -> Path | None:
        """Save with the given mode; returns the path, or None if the learner must choose first."""
        if not self.company.value.strip():
            self._ask(False, "⚠️ Bitte tragen Sie zuerst den Namen Ihres Unternehmens ein.")
            return None
        if mode == "neu" and self.path.exists():
            self._ask(True, f"Die Datei <code>{self.path}</code> gibt es schon. Was möchten Sie tun?")
            return None
        record = {"unternehmen": self.company.value.strip(), **self._get_record()}
        try:
            path = save_transfer(record, self.path, mode=mode)
        except KundenkitError as error:
            self._ask(False, f"⚠️ {error}")
            return None
        self._ask(False, f"✅ Gespeichert in <code>{path}</code>. Die Datei gehört Ihnen: "
                         "Sie können sie mit Excel öffnen.")
        return path


class TransferSheet(widgets.VBox):
    """The chapter's transfer sheet: every saved lesson answer in one table, saved as Markdown on request.

    Reads the learner's transfer files in ``folder`` (see
    :func:`kundenkit.transfer.collect_transfers`); the button writes
    ``kapitel_NN_transferblatt.md`` there and asks before replacing an existing sheet.
    """

    def __init__(self, folder, kapitel: int = 1):
        self.folder, self.kapitel = Path(folder), kapitel
        self.path = self.folder / f"kapitel_{kapitel:02d}_transferblatt.md"
        self.refresh_button = widgets.Button(description="Neu einlesen", icon="refresh", layout=_FIT)
        self.save_button = widgets.Button(description="Transferblatt speichern", icon="save",
                                          button_style="primary", layout=_FIT)
        self.overwrite_button = widgets.Button(description="Überschreiben", button_style="danger", layout=_FIT)
        self.cancel_button = widgets.Button(description="Abbrechen", layout=_FIT)
        self.question = widgets.HBox([self.overwrite_button, self.cancel_button], layout={"display": "none"})
        self.table_view, self.message = widgets.HTML(), widgets.HTML()
        self.refresh_button.on_click(lambda _: self.refresh())
        self.save_button.on_click(lambda _: self.save(overwrite=False))
        self.overwrite_button.on_click(lambda _: self.save(overwrite=True))
        self.cancel_button.on_click(lambda _: self._ask(False, "Nichts gespeichert."))
        super().__init__([self.table_view, widgets.HBox([self.refresh_button, self.save_button]),
                          self.question, self.message])
        self.add_class("kk-transfer-sheet")
        self.refresh()

    def _ask(self, visible: bool, text: str) -> None:
        self.question.layout.display = "flex" if visible else "none"
        self.message.value = text

    def refresh(self) -> None:
        """Read the transfer files again (after saving in a lesson notebook)."""
        self.table = collect_transfers(self.folder, self.kapitel)
        if self.table.empty:
            self.table_view.value = (f"<p>In <code>{self.folder}</code> liegen noch keine Transfer-Ergebnisse "
                                     f"zu Kapitel {self.kapitel}. Speichern Sie zuerst in den Lektionen.</p>")
        else:
            shown = self.table[["lektion", "unternehmen", "angabe", "wert"]].rename(columns=str.capitalize)
            self.table_view.value = shown.to_html(index=False, border=0)

    def save(self, overwrite: bool) -> Path | None:
        """Write the sheet as Markdown; returns the path, or None if nothing was written."""
        self.refresh()
        if self.table.empty:
            self._ask(False, "⚠️ Es gibt noch nichts zu speichern.")
            return None
        if self.path.exists() and not overwrite:
            self._ask(True, f"Die Datei <code>{self.path}</code> gibt es schon. Überschreiben?")
            return None
        self.path.write_text(transfer_sheet_markdown(self.table, f"Transferblatt Kapitel {self.kapitel}"),
                             encoding="utf-8")
        self._ask(False, f"✅ Gespeichert in <code>{self.path}</code>.")
        return self.path
