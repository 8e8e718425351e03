"""The main window's part for several annotators: whose annotations are shown, the
badges (initials, review state), the review queue and the comparison of two people.

A mixin of :class:`~annotator.qt.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox

from annotator.domain.model import Annotation

if TYPE_CHECKING:
    from annotator.qt.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

EVERYONE = ""
STATE_GLYPHS = {"accepted": "✓", "rejected": "✗"}


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper() if len(parts[0]) > 1 else parts[0].upper()
    return (parts[0][0] + parts[-1][0]).upper()


class WindowReview(_Base):
    #: whose annotations the view and the list show (empty: everyone)
    shown_annotators: set[str]

    def _build_show_filter(self) -> None:
        self.shown_annotators = set()
        self.show_box = QComboBox()
        self.show_box.setObjectName("showAnnotators")
        self.show_box.setToolTip("Whose annotations the text and the list show")
        self.show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_box.activated.connect(lambda _i: self._show_choice())

    def _fill_show_box(self) -> None:
        people = sorted(self._annotators | {self.project.annotator}, key=str.casefold)
        with QSignalBlocker(self.show_box):
            current = self.show_box.currentData()
            self.show_box.clear()
            self.show_box.addItem("Show: everyone", EVERYONE)
            self.show_box.addItem(f"Show: mine ({self.project.annotator})",
                                  self.project.annotator)
            for name in people:
                if name != self.project.annotator:
                    self.show_box.addItem(f"Show: {name}", name)
            index = self.show_box.findData(current if current is not None else EVERYONE)
            self.show_box.setCurrentIndex(max(0, index))

    def _show_choice(self) -> None:
        name = self.show_box.currentData()
        self.show_only({name} if name else set())

    def show_only(self, annotators: set[str]) -> None:
        """Show the annotations of these annotators only (an empty set: everyone's)."""
        self.shown_annotators = set(annotators)
        wanted = next(iter(annotators)) if len(annotators) == 1 else EVERYONE
        index = self.show_box.findData(wanted)
        if index >= 0:
            with QSignalBlocker(self.show_box):
                self.show_box.setCurrentIndex(index)
        if self.article is not None:
            self.reload_article()

    def shown(self, annotation: Annotation) -> bool:
        return not self.shown_annotators or annotation.annotator in self.shown_annotators

    def refresh_badges(self) -> None:
        """Initials when several people annotated the article; ✓ / ✗ once reviewed."""
        index = self.view.layer_index
        if self.article is None or index is None:
            self.view.badges = {}
            return
        authors = {a.annotator for a in index.by_id.values()}
        states = self.project.review_states(self.article.id) if hasattr(
            self.project, "review_states") else {}
        badges: dict[str, str] = {}
        for a in index.by_id.values():
            parts = []
            if len(authors) > 1:
                parts.append(initials(a.annotator))
            glyph = STATE_GLYPHS.get(states.get(a.id, ""))
            if glyph:
                parts.append(glyph)
            if parts:
                badges[a.id] = " ".join(parts)
        self.view.badges = badges
        self.view.viewport().update()
