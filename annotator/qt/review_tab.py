"""The Review tab of the details panel: the annotation's review thread and actions.

Accept, reject (with a reason), comment or reply, suggest another tag or the
selected text as new boundaries; the author accepts or declines a suggestion.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Annotation, Review, Tag
from annotator.qt.util import plain_tooltip

REVIEW_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewTab(QWidget):
    #: annotation id, decision ("accept" | "reject" | "comment"), comment, reply-to review id
    reviewRequested = Signal(str, str, str, str)
    #: annotation id, suggested tag ("" for none), use the text selection as boundaries
    suggestRequested = Signal(str, str, bool, str)
    #: review id, accept?
    resolveRequested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: Annotation | None = None
        self.me = ""
        self.thread = QListWidget()
        self.thread.setObjectName("reviewThreadDetails")
        self.thread.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.comment = QLineEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setPlaceholderText("Comment, reply (select a line) or reason to reject")
        self.comment.returnPressed.connect(lambda: self._review("comment"))
        accept = QPushButton("Accept")
        reject = QPushButton("Reject")
        accept.clicked.connect(lambda: self._review("accept"))
        reject.clicked.connect(lambda: self._review("reject"))
        self.suggest_tag = QComboBox()
        self.suggest_tag.setToolTip("Suggest another tag to the author")
        suggest = QPushButton("Suggest")
        suggest.setToolTip(
            "Suggest the chosen tag and/or the text selected in the article as "
            "the new boundaries; the author accepts or declines"
        )
        suggest.clicked.connect(self._suggest)
        self.accept_suggestion = QPushButton("Accept suggestion")
        self.decline_suggestion = QPushButton("Decline")
        self.accept_suggestion.clicked.connect(lambda: self._resolve(True))
        self.decline_suggestion.clicked.connect(lambda: self._resolve(False))
        row1 = QHBoxLayout()
        row1.addWidget(accept)
        row1.addWidget(reject)
        row1.addWidget(self.suggest_tag)
        row1.addWidget(suggest)
        row2 = QHBoxLayout()
        row2.addWidget(self.accept_suggestion)
        row2.addWidget(self.decline_suggestion)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.thread, 1)
        layout.addWidget(self.comment)
        layout.addLayout(row1)
        layout.addLayout(row2)
        self.thread.currentItemChanged.connect(lambda *_: self._update_buttons())

    def set_tags(self, tags: list[Tag]) -> None:
        self.suggest_tag.clear()
        self.suggest_tag.addItem("(same tag)", "")
        for tag in tags:
            self.suggest_tag.addItem(tag.name, tag.name)

    def show_reviews(self, annotation: Annotation | None, reviews: list[Review], me: str) -> None:
        self.current, self.me = annotation, me
        self.thread.clear()
        for r in reviews:
            text = f"{r.reviewer}: {r.decision}"
            if r.decision == "suggested":
                parts = []
                if r.suggested_tag:
                    parts.append(f"tag → {r.suggested_tag}")
                if r.suggested_start is not None:
                    parts.append(f"span → {r.suggested_start}–{r.suggested_end}")
                text += f" ({', '.join(parts)})"
                if r.resolved:
                    text += f" [{getattr(r, 'resolution', None) or 'resolved'}]"
            if r.comment:
                text += f" — {r.comment}"
            if r.reply_to:
                text = "  ↳ " + text
            item = QListWidgetItem(text)
            item.setData(REVIEW_ROLE, r)
            item.setToolTip(plain_tooltip(text))
            self.thread.addItem(item)
        self._update_buttons()

    def _selected_review(self) -> Review | None:
        item = self.thread.currentItem()
        return item.data(REVIEW_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        r = self._selected_review()
        can_resolve = bool(
            r is not None
            and r.decision == "suggested"
            and not r.resolved
            and self.current is not None
            and self.current.annotator == self.me
        )
        self.accept_suggestion.setEnabled(can_resolve)
        self.decline_suggestion.setEnabled(can_resolve)

    def _review(self, decision: str) -> None:
        if self.current is None:
            return
        selected = self._selected_review()
        reply_to = selected.id if (selected is not None and decision == "comment") else ""
        self.reviewRequested.emit(self.current.id, decision, self.comment.text().strip(), reply_to)
        self.comment.clear()

    def _suggest(self) -> None:
        if self.current is None:
            return
        self.suggestRequested.emit(
            self.current.id, self.suggest_tag.currentData() or "", True, self.comment.text().strip()
        )
        self.comment.clear()

    def _resolve(self, accept: bool) -> None:
        r = self._selected_review()
        if r is not None:
            self.resolveRequested.emit(r.id, accept)
