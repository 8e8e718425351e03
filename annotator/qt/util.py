"""Small Qt helpers shared by the widgets."""

from __future__ import annotations

import html

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QWidget


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
