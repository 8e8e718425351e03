"""Small Qt helpers shared by the widgets."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextOption
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


def plain_tooltip(text: str, limit: int = 600) -> str:
    """A tooltip that shows ``text`` literally.

    Qt renders a tooltip as HTML when it *looks* like HTML; article text and
    notes must never be rendered (nor any resource they name be loaded), so
    the text is escaped inside a fixed paragraph.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A label that never interprets its text as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def refilter(proxy: QSortFilterProxyModel) -> None:
    """Re-run a proxy's filter after its criteria changed (the Qt 6.10+ way when available)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        proxy.endFilterChange()
    else:  # pragma: no cover - Qt < 6.10
        proxy.invalidateFilter()


def paint_item_frame(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> tuple[bool, QColor, QColor]:
    """Paint a list item's background (selection, hover) as the style does, without its
    text, for a delegate that paints the text itself; return whether the item is
    selected, and the colours of its text and of its muted text."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = option.widget.style() if option.widget else None
    if style:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
    palette = option.palette
    if option.state & QStyle.StateFlag.State_Selected:
        highlighted = palette.color(QPalette.ColorRole.HighlightedText)
        return True, highlighted, highlighted
    text = palette.color(QPalette.ColorRole.Text)
    return False, text, palette.color(QPalette.ColorRole.PlaceholderText)


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> QMessageBox:
    """A message box that shows ``text`` literally (article text, notes, paths).

    ``QMessageBox``'s static helpers guess rich text from what the text looks
    like; imported text must never reach Qt's HTML renderer.
    """
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    """Show ``text`` (plain) with an OK button."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    message_box(parent, title, text, icon=icon).exec()


def choose(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int:
    """Ask with one button per choice (the first is the default, the last answers Esc);
    return the index of the button pressed."""
    box = message_box(parent, title, text, icon=QMessageBox.Icon.Question)
    buttons = [box.addButton(c, QMessageBox.ButtonRole.ActionRole) for c in choices]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(choices) - 1


#: the longest run without white space that text views wrap at word boundaries; a
#: paragraph with a longer one is wrapped anywhere, because Qt's word wrapping takes time
#: quadratic in the run (a 300,000-character "word" took 20 s to show, 3 MB many minutes)
LONG_WORD = 1000
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONG_WORD}}}")


def wrap_mode(text: str) -> QTextOption.WrapMode:
    """How a text view should wrap ``text``: at word boundaries, or anywhere when one of
    its paragraphs holds a run of more than :data:`LONG_WORD` characters without a space."""
    if len(text) > LONG_WORD:
        for line in text.split("\n"):
            if len(line) > LONG_WORD and _LONG_RUN.search(line):
                return QTextOption.WrapMode.WrapAnywhere
    return QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def set_plain_text(edit: QPlainTextEdit, text: str) -> None:
    """``edit.setPlainText(text)`` with the wrap mode :func:`wrap_mode` chooses."""
    mode = wrap_mode(text)
    if mode != edit.wordWrapMode():
        edit.setPlainText("")  # the old text is not laid out again in the new mode
        edit.setWordWrapMode(mode)
    edit.setPlainText(text)
