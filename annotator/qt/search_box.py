"""Search across the corpus, at the top of the library: a box, its hits, their delegate.

Typing searches after a short pause (:data:`DEBOUNCE_MS`); the hits replace the article
list until the box is cleared (Esc). Each hit shows its article's title, its kind and a
snippet with the matched words highlighted. The snippet is imported text, so it is
painted as plain text runs with :class:`QTextLayout` formats — never as rich text: Qt's
HTML renderer must never see it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QShortcut,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.errors import AnnotatorError
from annotator.domain.search import SearchHit
from annotator.domain.text import Utf16Map
from annotator.qt.util import paint_item_frame, plain_label, plain_tooltip

#: the pause after the last keystroke before a search runs
DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole + 11
#: how a match is marked in a snippet (with the palette's text colour)
MATCH_BACKGROUND = QColor(255, 214, 0, 130)
#: the colour of a query's error message (readable on the light and the dark theme)
ERROR_COLOUR = "#d9423a"

Searcher = Callable[[str], list[SearchHit]]
Index = QModelIndex | QPersistentModelIndex


class SearchHitModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.article_title} — {hit.kind}: {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{hit.article_title}\n{hit.kind}: {hit.snippet}")
        return None


def snippet_layout(hit: SearchHit, font: QFont, highlight: QTextCharFormat) -> QTextLayout:
    """The snippet as one plain-text layout, the matches given ``highlight`` (code points
    converted to Qt's UTF-16 offsets)."""
    layout = QTextLayout(hit.snippet, font)
    umap = Utf16Map(hit.snippet)
    ranges = []
    for start, end in hit.ranges:
        piece = QTextLayout.FormatRange()
        piece.start = umap.to_utf16(start)
        piece.length = umap.to_utf16(end) - piece.start
        piece.format = highlight
        ranges.append(piece)
    layout.setFormats(ranges)
    return layout


class HitDelegate(QStyledItemDelegate):
    """Title and kind on the first line, then up to two lines of snippet with the matched
    words bold on a yellow background — plain text runs, no rich text."""

    SNIPPET_LINES = 2

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        line = option.fontMetrics.height()
        return QSize(option.rect.width(), line * (1 + self.SNIPPET_LINES) + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE)
        if hit is None:
            return
        selected, text, muted = paint_item_frame(self, painter, option, index)
        rect = option.rect.adjusted(8, 5, -8, -5)
        metrics = option.fontMetrics
        line = metrics.height()
        painter.save()
        painter.setClipRect(option.rect)
        kind = hit.kind
        kind_width = metrics.horizontalAdvance(kind) + 8
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text)
        title_width = max(0, rect.width() - kind_width)
        title = painter.fontMetrics().elidedText(
            hit.article_title, Qt.TextElideMode.ElideRight, title_width
        )
        painter.drawText(
            QRect(rect.left(), rect.top(), title_width, line), Qt.TextFlag.TextSingleLine, title
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.right() - kind_width + 8, rect.top(), kind_width, line),
            Qt.TextFlag.TextSingleLine,
            kind,
        )
        highlight = QTextCharFormat()
        highlight.setFontWeight(QFont.Weight.Bold)
        if not selected:
            highlight.setBackground(MATCH_BACKGROUND)
            highlight.setForeground(QColor("#000000"))
        layout = snippet_layout(hit, option.font, highlight)
        layout.beginLayout()
        y = 0.0
        for _ in range(self.SNIPPET_LINES):
            text_line = layout.createLine()
            if not text_line.isValid():
                break
            text_line.setLineWidth(rect.width())
            text_line.setPosition(QPointF(0, y))
            y += text_line.height()
        layout.endLayout()
        painter.setPen(text)
        layout.draw(painter, QPointF(rect.left(), rect.top() + line + 2))
        painter.restore()


class _Results(QListView):
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)  # Enter emits ``activated``


class _Edit(QLineEdit):
    escaped = Signal()
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class SearchBox(QWidget):
    """The search field, a status line (hit count or the query's error) and the hits."""

    #: a hit was chosen (Enter or double-click): open its article there
    hitChosen = Signal(object)
    #: True when hits (or a message about the query) replace the article list
    activeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._searcher: Searcher | None = None
        self._active = False
        self._keep_row = False
        self.edit = _Edit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText("Search all articles (Ctrl+Shift+F)")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            plain_tooltip(
                'Words in titles, texts, quotes and notes. "a phrase", word* for a prefix, '
                "OR / NOT between words. Enter opens the first hit, Esc clears."
            )
        )
        self.status = plain_label("", name="searchStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("error", False)
        self.status.hide()
        self.setStyleSheet(f'QLabel#searchStatus[error="true"] {{ color: {ERROR_COLOUR}; }}')
        self.model = SearchHitModel()
        self.results = _Results()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.edit.textChanged.connect(self._typed)
        self.edit.returnPressed.connect(self._open_current)
        self.edit.escaped.connect(self.clear)
        self.edit.down.connect(self._to_results)
        self.results.escaped.connect(self.clear)
        self.results.activated.connect(self._chosen)
        self.shortcut = QShortcut(QKeySequence("Ctrl+Shift+F"), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.focus_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def set_searcher(self, searcher: Searcher) -> None:
        self._searcher = searcher

    @property
    def active(self) -> bool:
        return self._active

    def focus_edit(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def clear(self) -> None:
        """Esc: no query, no hits, back to the article list."""
        self.timer.stop()
        self.edit.clear()
        self._show([], "")

    def refresh(self) -> None:
        """Search again (the corpus changed) when hits are shown."""
        if self._active and self.edit.text().strip():
            self._keep_row = True  # the same query: stay on the same hit
            self.timer.start()

    def _typed(self, text: str) -> None:
        self._keep_row = False
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self._show([], "")

    def run(self) -> None:
        """Search for the box's text now."""
        query = self.edit.text()
        if not query.strip() or self._searcher is None:
            self._show([], "")
            return
        try:
            hits = self._searcher(query)
        except AnnotatorError as exc:
            self._show([], str(exc), error=True)
            return
        if not hits:
            message = "No matches"
        else:
            message = f"{len(hits)} hit" + ("" if len(hits) == 1 else "s")
        self._show(hits, message)

    def _show(self, hits: list[SearchHit], message: str, *, error: bool = False) -> None:
        previous = self.results.currentIndex().row() if self._keep_row else 0
        self._keep_row = False
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(min(max(previous, 0), len(hits) - 1)))
        self.status.setText(message)
        if self.status.property("error") != error:
            self.status.setProperty("error", error)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)
        active = bool(message)
        self.status.setVisible(active)
        self.results.setVisible(active)  # empty under an error: the layout stays put
        if active != self._active:
            self._active = active
            self.activeChanged.emit(active)

    def _to_results(self) -> None:
        if self.model.hits:
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))

    def _open_current(self) -> None:
        if self.timer.isActive():  # Enter before the pause ended: search first
            self.timer.stop()
            self.run()
        index = self.results.currentIndex()
        if not index.isValid() and self.model.hits:
            index = self.model.index(0)
        if index.isValid():
            self._chosen(index)

    def _chosen(self, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hitChosen.emit(hit)
