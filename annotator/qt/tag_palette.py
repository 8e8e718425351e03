"""The tag palette: one button per tag, with its colour, line style and key."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from annotator.domain.model import Tag
from annotator.qt.lane_margin import PEN_STYLES
from annotator.qt.util import plain_label, plain_tooltip


def tag_icon(tag: Tag, size: int = 16) -> QIcon:
    """A chip in the tag's colour with its line style underneath (colour is never the only cue)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(tag.colour)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(1, 1, size - 2, size - 6, 3, 3)
    pen = QPen(colour, 2)
    pen.setStyle(PEN_STYLES.get(tag.underline, Qt.PenStyle.SolidLine))
    painter.setPen(pen)
    painter.drawLine(1, size - 2, size - 1, size - 2)
    painter.end()
    return QIcon(pixmap)


class TagPalette(QWidget):
    tagChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagPalette")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}

    def set_tags(self, tags: list[Tag]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.buttons.clear()
        self._layout.addWidget(plain_label("Tag:", name="panelTitle"))
        for tag in tags:
            label = f"{tag.key}  {tag.name}" if tag.key else tag.name
            button = QPushButton(tag_icon(tag), label)
            button.setObjectName("tagButton")
            button.setIconSize(QSize(16, 16))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the selection in the text
            # tag names and descriptions come from imported sets and tag set files: shown
            # literally, never as rich text (which would load what an <img> names)
            button.setToolTip(
                plain_tooltip(
                    f"{tag.name}: {tag.description}" + (f" — press {tag.key}" if tag.key else "")
                )
            )
            button.clicked.connect(lambda _=False, name=tag.name: self.tagChosen.emit(name))
            self._layout.addWidget(button)
            self.buttons[tag.name] = button
        self._layout.addStretch(1)
