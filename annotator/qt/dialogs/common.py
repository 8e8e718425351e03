"""Pieces the dialogs share: plain-text message boxes, a colour swatch, a checkable name list,
and the table-plus-form page of the tag set editor."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.qt.dialogs.tagset_rows import OKABE_ITO, is_colour
from annotator.qt.util import message_box


class MessagesMixin:
    """Message boxes that never render user text as rich text.

    Tests replace these methods (on the class or the instance); nothing else in
    the dialogs opens a QMessageBox.
    """

    def show_error(self, title: str, text: str) -> None:
        box = _box(self, QMessageBox.Icon.Warning, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def confirm(self, title: str, text: str, action: str) -> bool:
        """Ask before doing ``action`` (the label of the button that goes ahead)."""
        box = _box(self, QMessageBox.Icon.Question, title, text)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.exec()
        return box.clickedButton() is go

    def run_dialog(self, dialog: QDialog) -> bool:
        """Run a child dialog modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted


def _box(parent: object, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A plain-text message box (see :func:`~annotator.qt.util.message_box`)."""
    return message_box(parent if isinstance(parent, QWidget) else None, title, text, icon=icon)


def swatch(colour: str, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.setBrush(QColor(colour) if is_colour(colour) else QColor(0, 0, 0, 0))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class ColourButton(QToolButton):
    """A swatch; its menu offers the Okabe–Ito colours first, then any colour."""

    colourChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = OKABE_ITO[0][0]
        self.setObjectName("colourButton")
        self.setIconSize(QSize(28, 16))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip("Tag colour: the Okabe–Ito colours stay distinct for colour-blind readers")
        menu = QMenu(self)
        for colour, name in OKABE_ITO:
            action = menu.addAction(swatch(colour), f"{name}  {colour}")
            action.setData(colour)
            action.triggered.connect(lambda _=False, c=colour: self._choose(c))
        menu.addSeparator()
        self.other_action = menu.addAction("Other colour…")
        self.other_action.triggered.connect(self.pick_other)
        self.setMenu(menu)
        self.set_colour(self._colour)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = colour
        pixmap = QPixmap(28, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(QColor(0, 0, 0, 90))
        valid = is_colour(colour)
        painter.setBrush(QColor(colour) if valid else QColor(0, 0, 0, 0))
        painter.drawRoundedRect(0, 0, 27, 15, 3, 3)
        painter.end()
        self.setIcon(QIcon(pixmap))

    def pick_other(self) -> None:
        for i, (colour, _) in enumerate(OKABE_ITO):
            QColorDialog.setCustomColor(i, QColor(colour))
        start = QColor(self._colour) if is_colour(self._colour) else QColor("#0072B2")
        chosen = QColorDialog.getColor(start, self, "Tag colour")
        if chosen.isValid():
            self._choose(chosen.name().upper())

    def _choose(self, colour: str) -> None:
        self.set_colour(colour)
        self.colourChosen.emit(colour)


class CheckList(QListWidget):
    """Tag names with a check box each; nothing checked means “any tag”."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setUniformItemSizes(True)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_names(self, names: list[str], checked: list[str], icons: dict[str, QIcon]) -> None:
        self.blockSignals(True)
        self.clear()
        for name in names:
            item = QListWidgetItem(icons.get(name, QIcon()), name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked
            )
            self.addItem(item)
        self.blockSignals(False)

    def checked(self) -> list[str]:
        return [
            self.item(i).text()
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def item_named(self, name: str) -> QListWidgetItem | None:
        found = self.findItems(name, Qt.MatchFlag.MatchExactly)
        return found[0] if found else None


class TablePage(QWidget):
    """A list of rows in a table on the left, the selected row's form on the right.

    Subclasses set ``rows``, ``table`` and ``form_box`` and define ``_fill(i)``,
    ``_show(i)`` and, when the filled table needs a last touch, ``_after_fill()``.
    """

    rows: list
    table: QTableWidget
    form_box: QWidget

    def _lay_out(self, buttons: QLayout) -> None:
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.form_box, 0, Qt.AlignmentFlag.AlignTop)
        self.reload()

    def reload(self, select: int = 0) -> None:
        """Show ``rows`` afresh (after they were replaced)."""
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i in range(len(self.rows)):
            self._fill(i)
        self.table.blockSignals(False)
        self._after_fill()
        if self.rows:
            self.table.setCurrentCell(max(0, min(select, len(self.rows) - 1)), 0)
        self._show(self.current() if self.rows else -1)

    def current(self) -> int:
        return self.table.currentRow()

    def _after_fill(self) -> None:
        pass

    def _fill(self, i: int) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def _show(self, i: int) -> None:  # pragma: no cover - interface
        raise NotImplementedError
