"""The main window's part for preferences: settings, theme, font size, shortcuts help.

A mixin of :class:`~annotator.qt.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.qt import theme as themes
from annotator.qt.util import message_box
from annotator.settings import Settings

if TYPE_CHECKING:
    from annotator.qt.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

SHORTCUTS = """\
Select text (mouse, double-click, Shift+arrows), then:
  1–9            tag the selection (1 Claim, 2 Source, 3 Denial, 4 Evidence)
With an annotation selected and no text selected:
  1–9            retag it
  Delete         delete it
  Shift+Alt+→/←  move its end one word right/left
  Shift+Alt+↑/↓  move its start one word left/right
  N / P          next / previous annotation
  L              link it: click the target (or N / P and Enter); Esc cancels
  Esc            clear the selection
Click a highlight to select it; click again on an overlap to cycle through
its layers, or right-click to pick one.
Ctrl+Z / Ctrl+Shift+Z   undo / redo      Ctrl+F   find
Ctrl+plus / Ctrl+minus  font size        Ctrl+O   import articles
Ctrl+B   claims board      Ctrl+E   export      Ctrl+Shift+I   import annotations
Ctrl+Shift+F   search all articles (Enter opens a hit, Esc back to the library)
Hold Alt while selecting to turn word snapping off for that selection."""


class WindowSettings(_Base):
    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            themes.apply_theme(app, settings.theme)
        c = themes.colours(settings.theme)
        self.view.set_theme_alphas(c["fill_alpha"], c["selected_alpha"])
        self.view.snap_to_words = settings.snap_to_words
        self.view.set_font_family(settings.font_family)
        with QSignalBlocker(self.view):
            self.view.set_font_size(settings.font_size)

    def settings_dialog(self) -> None:
        from annotator.qt.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            new = dialog.result_settings(self.settings)
            new.save()
            if new.annotator != self.project.annotator:
                self.project.annotator = new.annotator
            self.apply_settings(new)

    def _toggle_theme(self) -> None:
        self.settings.theme = "light" if self.settings.theme == "dark" else "dark"
        self.settings.save()
        self.apply_settings(self.settings)

    def _font_size_changed(self, points: int) -> None:
        if points != self.settings.font_size:
            self.settings.font_size = points
            self.settings.save()

    # --- articles -------------------------------------------------------------------------

    def _show_shortcuts(self) -> None:
        message_box(self, "Keyboard shortcuts", SHORTCUTS, icon=QMessageBox.Icon.NoIcon).open()
