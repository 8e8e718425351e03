"""Find in article (Ctrl+F): every match marked, next/previous, "n of m"."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from annotator.qt.util import plain_label

MAX_MARKS = 2000  # extra selections get slow beyond a few thousand (DESIGN.md §7)


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.matches: list[tuple[int, int]] = []  # code points
        self.current = -1
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.count = plain_label("")
        prev_button = QToolButton(text="▲")
        prev_button.setToolTip("Previous match (Shift+Enter)")
        next_button = QToolButton(text="▼")
        next_button.setToolTip("Next match (Enter)")
        close_button = QToolButton(text="✕")
        close_button.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(close_button)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.next)
        prev_button.clicked.connect(self.previous)
        next_button.clicked.connect(self.next)
        close_button.clicked.connect(self.close_bar)

    def open(self) -> None:
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 80:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.matches = []
        self.view.setExtraSelections([])
        self.hide()
        self.view.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.previous()
            return
        super().keyPressEvent(event)

    def search(self) -> None:
        query = self.edit.text()
        article = getattr(self.view, "article", None)
        umap = getattr(self.view, "utf16", None)
        self.matches = []
        self.current = -1
        if query and article is not None:
            pattern = re.compile(
                r"\s+".join(re.escape(w) for w in query.split()) or re.escape(query), re.IGNORECASE
            )
            self.matches = [m.span() for m in pattern.finditer(article.text) if m.end() > m.start()]
        marks = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 214, 0, 150))
        fmt.setForeground(QColor("#000000"))
        if umap is not None:
            for start, end in self.matches[:MAX_MARKS]:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.view.document())
                cursor.setPosition(umap.to_utf16(start))
                cursor.setPosition(umap.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = fmt
                marks.append(selection)
        self.view.setExtraSelections(marks)
        if self.matches:
            self.next()
        else:
            self.count.setText("No matches" if query else "")

    def _go(self, i: int) -> None:
        if not self.matches:
            return
        self.current = i % len(self.matches)
        start, end = self.matches[self.current]
        self.view.select_cp(start, end)  # type: ignore[attr-defined]
        self.view.centerCursor()
        self.count.setText(f"{self.current + 1} of {len(self.matches)}")

    def next(self) -> None:
        self._go(self.current + 1)

    def previous(self) -> None:
        self._go(self.current - 1 if self.current >= 0 else -1)
