"""The annotation panel: the current article's annotations, filters and a details editor."""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Annotation, Tag
from annotator.qt.details_editor import DetailsEditor
from annotator.qt.models import ID_ROLE, AnnotationFilter, AnnotationModel
from annotator.qt.orphans_box import OrphansBox
from annotator.qt.util import plain_label

NOTE_IDLE_MS = 1000
ALL = "All"


class AnnotationPanel(QWidget):
    """List, filters and details of the current article's annotations."""

    annotationClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationModel()
        #: the filter (a Python test per row) sits over the model only while one is set:
        #: listing an article's 50,000 annotations then calls no Python per row
        self.filter = AnnotationFilter()
        #: what the table shows: the model, or the filter over it
        self.proxy = QIdentityProxyModel()
        self.proxy.setSourceModel(self.model)
        self.title = plain_label("Annotations", name="panelTitle")
        self.search = QLineEdit()
        self.search.setObjectName("annotationSearch")
        self.search.setPlaceholderText("Filter quotes and notes…")
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.actor_filter = QComboBox()
        self.annotator_filter = QComboBox()
        for box, tip in (
            (self.tag_filter, "Tag"),
            (self.actor_filter, "Actor"),
            (self.annotator_filter, "Annotator"),
        ):
            box.setToolTip(f"Show only this {tip.lower()}")
            box.addItem(f"{tip}: {ALL}", "")
            box.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.table = QTableView()
        self.table.setObjectName("annotationTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setColumnWidth(0, 92)
        self.table.setColumnWidth(2, 90)
        self.table.setColumnWidth(3, 64)
        self.table.setColumnWidth(4, 70)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.details = DetailsEditor()
        filters = QHBoxLayout()
        filters.addWidget(self.tag_filter)
        filters.addWidget(self.actor_filter)
        filters.addWidget(self.annotator_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 3)
        self.orphans = OrphansBox()
        layout.addWidget(self.orphans, 0)
        layout.addWidget(self.details, 0)

    def set_tags(self, tags: list[Tag]) -> None:
        self.model.set_tags(tags)
        self.details.set_tags(tags)
        self._fill(self.tag_filter, [t.name for t in tags])

    def set_people(
        self, actors: list[str], annotators: list[str], suggestions: list[str] = ()
    ) -> None:
        self._fill(self.actor_filter, actors)
        self._fill(self.annotator_filter, annotators)
        self.details.set_actors(actors, suggestions)

    @staticmethod
    def _fill(box: QComboBox, values: list[str]) -> None:
        with QSignalBlocker(box):
            current = box.currentData()
            label = box.itemText(0)
            box.clear()
            box.addItem(label, "")
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(0, box.findData(current)))

    def _apply_filters(self) -> None:
        f = self.filter
        f.set_filters(
            tag=self.tag_filter.currentData() or "",
            actor=self.actor_filter.currentData() or "",
            annotator=self.annotator_filter.currentData() or "",
            text=self.search.text(),
        )
        filtering = bool(f.tag or f.actor or f.annotator or f.text)
        if filtering != (self.proxy.sourceModel() is f):
            selected = [i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]
            if filtering:
                f.setSourceModel(self.model)
            self.proxy.setSourceModel(f if filtering else self.model)
            if not filtering:
                f.setSourceModel(None)
            if selected:  # the table was reset: keep its selected row
                self._mark_row(self.model.row_of(selected[0]))
        self._update_title()

    def _update_title(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.title.setText(
            f"Annotations ({total})" if shown == total else f"Annotations ({shown} of {total})"
        )

    def reset(self, annotations: list[Annotation]) -> None:
        self.model.reset(annotations)
        self._update_title()

    def upsert(self, annotation: Annotation) -> None:
        self.model.upsert(annotation)
        self._update_title()
        if self.details.current is not None and self.details.current.id == annotation.id:
            self.details.show_annotation(None if annotation.deleted else annotation)
            if not annotation.deleted:  # moved (new boundaries): its row is marked again
                self._mark_row(self.model.row_of(annotation.id))

    def forget(self, annotation_id: str) -> None:
        """Remove the row of an annotation that is no longer placed."""
        self.model.remove(annotation_id)
        self._update_title()
        if self.details.current is not None and self.details.current.id == annotation_id:
            self.details.show_annotation(None)

    def _clicked(self, index: QModelIndex) -> None:
        annotation_id = index.data(ID_ROLE)
        if annotation_id:
            self.annotationClicked.emit(annotation_id)

    def select(self, annotation_id: str | None) -> None:
        """Mark the row of ``annotation_id`` (no signal) and show its details."""
        if not annotation_id:
            self.table.clearSelection()
            self.details.show_annotation(None)
            return
        row = self.model.row_of(annotation_id)
        if row < 0:
            self.details.show_annotation(None)
            return
        self._mark_row(row)
        self.details.show_annotation(self.model.annotation(row))

    def _mark_row(self, row: int) -> None:
        """Select and show the table row of the model's ``row`` (if it passes the filter)."""
        if row < 0:
            return
        index = self.model.index(row, 0)
        if self.proxy.sourceModel() is self.filter:
            index = self.filter.mapFromSource(index)
        view_index = self.proxy.mapFromSource(index)
        if view_index.isValid():
            self.table.selectRow(view_index.row())
            self.table.scrollTo(view_index)
