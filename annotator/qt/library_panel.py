"""The library: every article in the database, a filter box, import by drag-and-drop."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Article
from annotator.qt.models import ID_ROLE, ArticleModel
from annotator.qt.search_box import SearchBox
from annotator.qt.util import paint_item_frame, plain_label, refilter

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 3


class _ArticleFilter(QSortFilterProxyModel):
    needle = ""

    def set_needle(self, text: str) -> None:
        self.needle = text.casefold().strip()
        refilter(self)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        needle = self.needle
        if not needle:
            return True
        model = self.sourceModel()
        assert isinstance(model, ArticleModel)
        a = model.article(row)
        hay = " ".join(x or "" for x in (a.display_title, a.outlet, a.byline, a.published, a.url))
        return needle in hay.casefold()


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article: the title, then outlet · date · number of annotations."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(option.rect.width(), option.fontMetrics.height() * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        article: Article = index.data(ARTICLE_ROLE)
        _selected, text, muted = paint_item_frame(self, painter, option, index)
        rect = option.rect.adjusted(8, 5, -8, -5)
        line = option.fontMetrics.height()
        painter.save()
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text)
        title = option.fontMetrics.elidedText(
            article.display_title, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), line), Qt.TextFlag.TextSingleLine, title
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        count = f"{article.annotation_count} tag" + ("" if article.annotation_count == 1 else "s")
        meta = "  ·  ".join(x for x in (article.outlet, article.published, count) if x)
        meta = option.fontMetrics.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            QRect(rect.left(), rect.top() + line + 2, rect.width(), line),
            Qt.TextFlag.TextSingleLine,
            meta,
        )
        painter.restore()


class _LibraryModel(ArticleModel):
    def append(self, articles: list[Article]) -> None:
        """Add rows at the end, without resetting the list (its selection and scroll stay)."""
        if articles:
            end = self.rowCount()
            self.beginInsertRows(QModelIndex(), end, end + len(articles) - 1)
            self._rows.extend(articles)
            self.endInsertRows()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[override]
        if role == ARTICLE_ROLE and index.isValid():
            return self.article(index.row())
        return super().data(index, role)


class LibraryPanel(QWidget):
    """The search box (its hits replace the list while a search is on), then the articles
    with their filter and the import button."""

    articleChosen = Signal(str)
    filesDropped = Signal(list)
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.model = _LibraryModel()
        self.proxy = _ArticleFilter()
        self.proxy.setSourceModel(self.model)
        self.title = plain_label("Library", name="panelTitle")
        self.filter = QLineEdit()
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText("Filter by title, outlet, byline, date…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_needle)
        self.list = QListView()
        self.list.setObjectName("libraryList")
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(ArticleDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.clicked.connect(self._chosen)
        self.list.activated.connect(self._chosen)
        self.import_button = QPushButton("Import articles…")
        self.import_button.setToolTip(
            "Import articles (.txt .md .html .docx .pdf) — or drop files here"
        )
        self.import_button.clicked.connect(self.importRequested)
        self.search = SearchBox()
        self.search.activeChanged.connect(self._searching)
        self.articles_box = QWidget()
        articles = QVBoxLayout(self.articles_box)
        articles.setContentsMargins(0, 0, 0, 0)
        articles.addWidget(self.title)
        articles.addWidget(self.filter)
        articles.addWidget(self.list, 1)
        articles.addWidget(self.import_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.addWidget(self.search)
        self._layout.addWidget(self.articles_box, 1)

    def _searching(self, active: bool) -> None:
        """Hits (or the query's error) take the place of the article list while searching."""
        self.articles_box.setVisible(not active)
        self._layout.setStretchFactor(self.search, 1 if active else 0)

    def set_articles(self, articles: list[Article], current: str | None) -> None:
        self.model.reset(articles)
        self.title.setText(f"Library ({len(articles)})")
        self.mark_current(current)
        self.search.refresh()

    def add_articles(self, articles: list[Article]) -> bool:
        """List new articles after the others; False (nothing done) when one of them is
        listed already."""
        listed = {self.model.article(row).id for row in range(self.model.rowCount())}
        if any(a.id in listed for a in articles):
            return False
        self.model.append(articles)
        self.title.setText(f"Library ({self.model.rowCount()})")
        self.search.refresh()
        return True

    def mark_current(self, article_id: str | None) -> None:
        if not article_id:
            return
        row = self.model.row_of(article_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.list.setCurrentIndex(index)

    def _chosen(self, index: QModelIndex) -> None:
        article_id = index.data(ID_ROLE)
        if article_id:
            self.articleChosen.emit(article_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.filesDropped.emit(paths)
            event.acceptProposedAction()
