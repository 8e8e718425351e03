"""Qt item models over core data: the annotations of one article, the article library."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import islice
from operator import itemgetter, le
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.domain.model import Annotation, Article, Tag
from annotator.domain.rows import END, ID, START, TAG, Row, field, from_row
from annotator.qt.util import plain_tooltip, refilter

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: the roles as plain ints (a comparison with an enum member is a Python call)
_DISPLAY, _DECORATION, _TOOLTIP = (
    int(Qt.ItemDataRole.DisplayRole),
    int(Qt.ItemDataRole.DecorationRole),
    int(Qt.ItemDataRole.ToolTipRole),
)
_ID, _SORT = int(ID_ROLE), int(SORT_ROLE)


def excerpt(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _RowsModel(QAbstractTableModel):
    """A table over a Python list ``_rows`` with fixed ``COLUMNS``."""

    COLUMNS: tuple[str, ...] = ()
    _rows: list[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None


class AnnotationModel(_RowsModel):
    """The current article's annotations, in text order; one row each.

    Rows may be given as the store reads them (see :mod:`annotator.domain.rows`):
    a row becomes an ``Annotation`` when the list shows it or someone asks for it.
    """

    COLUMNS = ("Tag", "Quote", "Actor", "Annotator", "Note")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Annotation | Row] = []
        self._keys: list[tuple[int, int, str]] = []
        # made when first needed (a list of 50,000 is shown before anyone asks)
        self._key_of_ids: dict[str, tuple[int, int, str]] | None = {}
        #: how many annotations of each tag the list holds
        self.tag_counts: Counter[str] = Counter()
        self._tags: dict[str, Tag] = {}
        self._colours: dict[str, QColor] = {}
        #: annotation id → (the annotation, the texts of its row)
        self._shown: dict[str, tuple[Annotation, tuple[str, str, str, str, str]]] = {}

    def set_tags(self, tags: list[Tag]) -> None:
        self._tags = {t.name: t for t in tags}
        self._colours.clear()

    def reset(self, annotations: Sequence[Annotation] | Sequence[Row]) -> None:
        """Show these annotations. A list of rows already in text order (as
        :meth:`Project.placed_rows` reads them) is kept as it is, not copied."""
        self.beginResetModel()
        if annotations and type(annotations[0]) is tuple:
            rows: list[Any] = annotations if isinstance(annotations, list) else list(annotations)
            keys = list(map(itemgetter(START, END, ID), rows))
            self.tag_counts = Counter(map(itemgetter(TAG), rows))
        else:
            rows = list(annotations)
            keys = [(a.start, a.end, a.id) for a in rows]
            self.tag_counts = Counter(a.tag for a in rows)
        if not all(map(le, keys, islice(keys, 1, None))):  # not in text order yet
            order = sorted(range(len(keys)), key=keys.__getitem__)
            rows = [rows[i] for i in order]
            keys = [keys[i] for i in order]
        self._rows, self._keys, self._key_of_ids = rows, keys, None
        self._shown.clear()
        self.endResetModel()

    @property
    def rows(self) -> list[Annotation | Row]:
        """The rows as held, in text order: rows or the Annotations made of them (read
        only; :meth:`annotations` makes them all Annotations)."""
        return self._rows

    @property
    def _key_of(self) -> dict[str, tuple[int, int, str]]:
        if self._key_of_ids is None:
            self._key_of_ids = {key[2]: key for key in self._keys}
        return self._key_of_ids

    def row_of(self, annotation_id: str) -> int:
        """The row of an annotation (binary search on its text position), or -1."""
        key = self._key_of.get(annotation_id)
        if key is None:
            return -1
        row = bisect_left(self._keys, key)
        return row if row < len(self._keys) and self._keys[row] == key else -1

    def _drop(self, row: int, annotation_id: str) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self.tag_counts[field(self._rows[row], TAG)] -= 1
        del self._rows[row]
        del self._keys[row]
        del self._key_of[annotation_id]
        self.endRemoveRows()

    def remove(self, annotation_id: str) -> None:
        row = self.row_of(annotation_id)
        if row >= 0:
            self._drop(row, annotation_id)

    def upsert(self, annotation: Annotation) -> None:
        """Insert, update or (for a deleted one) remove a single row."""
        row = self.row_of(annotation.id)
        key = (annotation.start, annotation.end, annotation.id)
        if row >= 0 and not annotation.deleted and self._keys[row] == key:
            # changed in place (tag, note, actor): the row stays, and so does the
            # selection on it (a removed row would hand the selection to its neighbour)
            self.tag_counts[field(self._rows[row], TAG)] -= 1
            self.tag_counts[annotation.tag] += 1
            self._rows[row] = annotation
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            return
        if row >= 0:
            self._drop(row, annotation.id)
        if annotation.deleted:
            return
        self._key_of[annotation.id] = key
        at = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, annotation)
        self.tag_counts[annotation.tag] += 1
        self._keys.insert(at, key)
        self.endInsertRows()

    def annotation(self, row: int) -> Annotation:
        item = self._rows[row]
        if type(item) is tuple:
            item = self._rows[row] = from_row(item)
        return item  # type: ignore[return-value]

    def annotations(self) -> list[Annotation]:
        return [self.annotation(row) for row in range(len(self._rows))]

    def _texts(self, row: int) -> tuple[str, str, str, str, str]:
        """The five texts a row shows, made once per annotation (a repaint of the list
        asks for each of them again)."""
        a = self.annotation(row)
        hit = self._shown.get(a.id)
        if hit is not None and hit[0] is a:
            return hit[1]
        texts = (a.tag, excerpt(a.exact), a.actor or "", a.annotator, excerpt(a.note, 60))
        if len(self._shown) >= 4096:  # the rows seen lately, not all 50,000
            self._shown.clear()
        self._shown[a.id] = (a, texts)
        return texts

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # a view asks each cell for seven roles on every repaint: the five this model
        # does not answer return at once, and no comparison goes through an enum
        if role == _DISPLAY:
            return self._texts(index.row())[index.column()] if index.isValid() else None
        if role == _DECORATION:
            if index.column() != 0 or not index.isValid():
                return None
            name = self.annotation(index.row()).tag
            colour = self._colours.get(name)
            if colour is None:
                tag = self._tags.get(name)
                colour = self._colours[name] = QColor(tag.colour if tag else "#888888")
            return colour
        if role == _ID:
            return self.annotation(index.row()).id if index.isValid() else None
        if role == _TOOLTIP:
            col = index.column()
            if col not in (1, 4) or not index.isValid():
                return None
            a = self.annotation(index.row())
            return plain_tooltip(a.exact if col == 1 else a.note)
        if role == _SORT and index.isValid():
            if index.column() == 1:
                a = self.annotation(index.row())
                return (a.start, a.end)
            return self._texts(index.row())[index.column()].casefold()
        return None


class AnnotationFilter(QSortFilterProxyModel):
    """Filters by tag, actor, annotator and a free-text search."""

    def __init__(self) -> None:
        super().__init__()
        self.tag = ""
        self.actor = ""
        self.annotator = ""
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self, *, tag: str = "", actor: str = "", annotator: str = "", text: str = ""
    ) -> None:
        self.tag, self.actor, self.annotator, self.text = tag, actor, annotator, text.casefold()
        refilter(self)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not (self.tag or self.actor or self.annotator or self.text):
            return True
        model = self.sourceModel()
        assert isinstance(model, AnnotationModel)
        a = model.annotation(row)
        if self.tag and a.tag != self.tag:
            return False
        if self.actor and (a.actor or "") != self.actor:
            return False
        if self.annotator and a.annotator != self.annotator:
            return False
        if self.text and self.text not in a.exact.casefold() and self.text not in a.note.casefold():
            return False
        return True


class ArticleModel(_RowsModel):
    COLUMNS = ("Title", "Outlet", "Date", "Tags")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Article] = []

    def reset(self, articles: list[Article]) -> None:
        self.beginResetModel()
        self._rows = list(articles)
        self.endResetModel()

    def article(self, row: int) -> Article:
        return self._rows[row]

    def set_count(self, article_id: str, count: int) -> None:
        """Update one article's number of annotations (no reload of the library)."""
        row = self.row_of(article_id)
        if row >= 0 and self._rows[row].annotation_count != count:
            self._rows[row] = replace(self._rows[row], annotation_count=count)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def row_of(self, article_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == article_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        if role == ID_ROLE:
            return a.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (a.display_title, a.outlet or "", a.published or "", str(a.annotation_count))[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [a.display_title]
            if a.byline:
                lines.append(f"By {a.byline}")
            if a.url:
                lines.append(a.url)
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
