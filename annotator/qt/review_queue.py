"""The review queue: colleagues' annotations I have not accepted or rejected yet.

Keyboard-driven: A accepts, R rejects (asking the reason), C comments, N / P
move to the next / previous one. The current item is shown in the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.domain.model import Annotation
from annotator.qt.util import plain_label, plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _excerpt(text: str, n: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


class QueueList(QListWidget):
    """The list of pending annotations; A/R/C/N/P act on the current one."""

    keyAction = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        keys = {
            Qt.Key.Key_A: "accept",
            Qt.Key.Key_R: "reject",
            Qt.Key.Key_C: "comment",
            Qt.Key.Key_N: "next",
            Qt.Key.Key_P: "previous",
        }
        action = keys.get(Qt.Key(event.key())) if mods == Qt.KeyboardModifier.NoModifier else None
        if action:
            self.keyAction.emit(action)
            return
        super().keyPressEvent(event)


class ReviewQueue(QWidget):
    #: show an annotation in the text: article id, annotation id
    showRequested = Signal(str, str)
    #: a review: annotation id, decision ("accept" | "reject" | "comment"), comment
    reviewRequested = Signal(str, str, str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.article_id: str | None = None
        self.items: list[Annotation] = []
        self.scope = QComboBox()
        self.scope.addItem("This article", "article")
        self.scope.addItem("All articles", "corpus")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.title = plain_label(name="panelTitle")
        self.list = QueueList()
        self.list.setObjectName("reviewQueue")
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._current_changed)
        self.list.keyAction.connect(self.act)
        self.thread = QListWidget()
        self.thread.setObjectName("reviewThread")
        self.thread.setMaximumHeight(90)
        self.reply = QLineEdit()
        self.reply.setPlaceholderText("Comment or reason (Enter adds a comment)")
        self.reply.returnPressed.connect(lambda: self.act("comment", self.reply.text()))
        buttons = QHBoxLayout()
        for label, action, tip in (
            ("Accept  A", "accept", "Accept this annotation"),
            ("Reject  R", "reject", "Reject it, with a reason"),
            ("Comment  C", "comment", "Add to its comment thread"),
            ("Next  N", "next", "Skip to the next one"),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, a=action: self.act(a))
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(plain_label("Thread", name="panelTitle"))
        layout.addWidget(self.thread)
        layout.addWidget(self.reply)
        layout.addLayout(buttons)

    def set_article(self, article_id: str | None) -> None:
        self.article_id = article_id
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()
        self.list.setFocus()

    def refresh(self) -> None:
        """Reload the queue, keeping the position."""
        row = max(0, self.list.currentRow())
        corpus = self.scope.currentData() == "corpus"
        self.items = (
            self.project.review_queue(None if corpus else self.article_id)
            if (corpus or self.article_id)
            else []
        )
        self.list.blockSignals(True)
        self.list.clear()
        for a in self.items:
            item = QListWidgetItem(f"[{a.tag}] “{_excerpt(a.exact)}” — {a.annotator}")
            item.setData(ID_ROLE, a.id)
            item.setToolTip(plain_tooltip(a.exact + (f"\n\nNote: {a.note}" if a.note else "")))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.title.setText(
            f"Review queue — {len(self.items)} to review"
            if self.items
            else "Review queue — nothing left to review"
        )
        if self.items:
            self.list.setCurrentRow(min(row, len(self.items) - 1))
            self._current_changed(self.list.currentRow())
        else:
            self.thread.clear()

    def current(self) -> Annotation | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _current_changed(self, row: int) -> None:
        a = self.current()
        self.thread.clear()
        if a is None:
            return
        for review in self.project.reviews_of(a.id):
            text = f"{review.reviewer}: {review.decision}"
            if review.comment:
                text += f" — {review.comment}"
            self.thread.addItem(text)
        self.showRequested.emit(a.article_id, a.id)
        self.list.setFocus()

    def act(self, action: str, comment: str | None = None) -> None:
        a = self.current()
        if a is None:
            return
        if action in ("next", "previous"):
            step = 1 if action == "next" else -1
            self.list.setCurrentRow(max(0, min(len(self.items) - 1, self.list.currentRow() + step)))
            return
        text = comment if comment is not None else self.reply.text().strip()
        if action in ("reject", "comment") and not text:
            text = self.ask(action)
            if not text:
                return
        self.reply.clear()
        self.reviewRequested.emit(a.id, action, text or "")

    def ask(self, action: str) -> str:
        """The reason for a rejection, or a comment (overridable in tests)."""
        label = "Why is it rejected?" if action == "reject" else "Comment:"
        text, ok = QInputDialog.getMultiLineText(self, "Review", label)
        return text.strip() if ok else ""
