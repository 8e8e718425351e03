"""Orphans: annotations an import could not place with certainty, kept and listed.

Select an orphan, select the passage in the text, and attach it there
(undoable); "Find its quote" searches the article for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Annotation
from annotator.qt.util import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OrphansBox(QGroupBox):
    #: attach the orphan to the current text selection
    attachRequested = Signal(str)
    #: look for the orphan's quote in the article
    findRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Orphans", parent)
        self.setObjectName("orphansBox")
        self.setToolTip(
            "Imported annotations whose place in this text was not certain. Nothing was "
            "dropped: select the passage in the text, then attach."
        )
        self.list = QListWidget()
        self.list.setObjectName("orphansList")
        self.list.setMaximumHeight(90)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.attach = QPushButton("Attach to selection")
        self.attach.setToolTip("Place the orphan on the text selected in the article")
        self.find = QPushButton("Find its quote")
        self.attach.clicked.connect(self._attach)
        self.find.clicked.connect(self._find)
        self.list.itemActivated.connect(lambda _item: self._find())
        buttons = QHBoxLayout()
        buttons.addWidget(self.find)
        buttons.addWidget(self.attach)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.orphans: dict[str, Annotation] = {}
        self.set_orphans([])

    def set_orphans(self, orphans: list[Annotation]) -> None:
        self.orphans = {a.id: a for a in orphans}
        self.list.clear()
        for a in orphans:
            quote = " ".join(a.exact.split())
            item = QListWidgetItem(f"[{a.tag}] “{quote}” — {a.annotator}")
            item.setData(ID_ROLE, a.id)
            item.setToolTip(plain_tooltip(f"{a.prefix}[{a.exact}]{a.suffix}"))
            self.list.addItem(item)
        self.setTitle(f"Orphans ({len(orphans)})")
        self.setVisible(bool(orphans))
        if orphans:
            self.list.setCurrentRow(0)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _attach(self) -> None:
        if self.current_id():
            self.attachRequested.emit(self.current_id())

    def _find(self) -> None:
        annotation = self.orphans.get(self.current_id() or "")
        if annotation is not None:
            self.findRequested.emit(" ".join(annotation.exact.split()))
