"""A button to reset a lesson in the learner's own folder, after asking and after a backup."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from kundenkit.course import LESSON_TITLES
from kundenkit.errors import KundenkitError
from kundenkit.widgets.controls import FIT
from kundenkit.workspace import find_workspace, reset_lesson


class ResetPanel(widgets.VBox):
    """Pick a lesson, press "Zurücksetzen", confirm: its notebook and exercises return to the course's version.

    Works in the learner's folder made by ``kundenkit start``; the learner's
    copies are first saved in ``sicherungen/``. In the course's own folder it
    says so and does nothing.
    """

    def __init__(self, start="."):
        self.found = find_workspace(start)
        self.lesson = widgets.Dropdown(options=[(f"{n} {t}", n) for n, t in LESSON_TITLES.items()],
                                       description="Lektion", layout={"width": "520px"})
        self.reset_button = widgets.Button(description="Zurücksetzen", icon="undo", layout=FIT)
        self.yes_button = widgets.Button(description="Ja, zurücksetzen", button_style="danger", layout=FIT)
        self.cancel_button = widgets.Button(description="Abbrechen", layout=FIT)
        self.question = widgets.HBox([self.yes_button, self.cancel_button], layout={"display": "none"})
        self.message = widgets.HTML()
        self.reset_button.on_click(lambda _: self.ask())
        self.yes_button.on_click(lambda _: self.reset())
        self.cancel_button.on_click(lambda _: self._show(False, "Nichts geändert."))
        super().__init__([widgets.HBox([self.lesson, self.reset_button]), self.question, self.message])
        self.add_class("kk-reset-panel")
        if self.found is None:
            self.reset_button.disabled = True
            self.message.value = ("Zurücksetzen geht in Ihrem eigenen Arbeitsordner, den <code>make start</code> "
                                  "anlegt (<code>meine_arbeit/</code>). Hier sind Sie im Ordner des Kurses.")

    def _show(self, asking: bool, text: str) -> None:
        self.question.layout.display = "flex" if asking else "none"
        self.message.value = text

    def ask(self) -> None:
        """Ask before anything changes."""
        self._show(True, f"Lektion {self.lesson.value} und ihre Übungen auf die Fassung des Kurses zurücksetzen? "
                         "Ihre bisherige Fassung wird im Ordner <code>sicherungen/</code> gesichert.")

    def reset(self) -> list[tuple[str, Path | None]]:
        """Reset the chosen lesson; returns what was reset and where each backup lies."""
        if self.found is None:
            return []
        workspace, course = self.found
        try:
            done = reset_lesson(course, workspace, self.lesson.value)
        except (KundenkitError, OSError) as error:
            self._show(False, f"Das ging nicht: {error}")
            return []
        backups = [f"<code>{backup.relative_to(workspace)}</code>" for _, backup in done if backup]
        saved = f" Ihre bisherige Fassung: {', '.join(backups)}." if backups else ""
        self._show(False, f"Zurückgesetzt: {', '.join(name for name, _ in done)}.{saved} Ist die Lektion gerade "
                          "geöffnet, laden Sie sie neu: Menü Datei → Notebook von der Festplatte neu laden.")
        return done
