"""The annotation panel: the current article's annotations, filters and a details editor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Annotation, Tag
from annotator.qt.models import ID_ROLE, AnnotationFilter, AnnotationModel
from annotator.qt.util import plain_label

NOTE_IDLE_MS = 1000
ALL = "All"


class DetailsEditor(QGroupBox):
    """Tag, actor and note of the selected annotation; edits become requests."""

    tagChanged = Signal(str, str)
    actorChanged = Signal(str, str)
    noteChanged = Signal(str, str)
    notePending = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Selected annotation", parent)
        self.current: Annotation | None = None
        self.quote = plain_label(name="detailsQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = plain_label(name="articleMeta")
        self.tag_box = QComboBox()
        self.tag_box.setObjectName("detailsTag")
        self.actor_box = QComboBox()
        self.actor_box.setObjectName("detailsActor")
        self.actor_box.setEditable(True)
        self.actor_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor_box.lineEdit().setPlaceholderText("Who says it? (type a new name to add)")
        completer = QCompleter(self.actor_box.model(), self.actor_box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.actor_box.setCompleter(completer)
        self.note = QPlainTextEdit()
        self.note.setObjectName("detailsNote")
        self.note.setPlaceholderText("Note (saved as you type)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(120)
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow(self.meta)
        form.addRow("Tag", self.tag_box)
        form.addRow("Actor", self.actor_box)
        form.addRow("Note", self.note)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_IDLE_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._note_typed)
        self.note.installEventFilter(self)
        self.actor_box.lineEdit().editingFinished.connect(self._actor_edited)
        self.actor_box.activated.connect(lambda _i: self._actor_edited())
        self.tag_box.activated.connect(self._tag_picked)
        self.show_annotation(None)

    def set_tags(self, tags: list[Tag]) -> None:
        with QSignalBlocker(self.tag_box):
            self.tag_box.clear()
            for tag in tags:
                self.tag_box.addItem(f"{tag.name}  ({tag.key})" if tag.key else tag.name, tag.name)

    def set_actors(self, names: list[str]) -> None:
        with QSignalBlocker(self.actor_box):
            text = self.actor_box.currentText()
            self.actor_box.clear()
            self.actor_box.addItems(names)
            self.actor_box.setEditText(text)

    def show_annotation(self, annotation: Annotation | None) -> None:
        if self.current is not None and (annotation is None or annotation.id != self.current.id):
            self.flush_note()
        same = (
            annotation is not None
            and self.current is not None
            and (annotation.id == self.current.id)
        )
        self.current = annotation
        self.setEnabled(annotation is not None)
        if annotation is None:
            self.quote.setText("Select an annotation in the text or the list.")
            self.meta.setText("")
            with QSignalBlocker(self.note):
                self.note.setPlainText("")
            self.actor_box.setEditText("")
            return
        q = " ".join(annotation.exact.split())
        self.quote.setText(f"“{q if len(q) < 280 else q[:279] + '…'}”")
        self.meta.setText(
            f"{annotation.annotator} · {annotation.modified[:16].replace('T', ' ')}"
            f" · {annotation.start}–{annotation.end}"
        )
        with QSignalBlocker(self.tag_box):
            self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(annotation.tag)))
        if not self.actor_box.lineEdit().hasFocus() or not same:
            with QSignalBlocker(self.actor_box):
                self.actor_box.setEditText(annotation.actor or "")
        if not (same and self.note.hasFocus()) and self.note.toPlainText() != annotation.note:
            with QSignalBlocker(self.note):
                self.note.setPlainText(annotation.note)

    def _tag_picked(self, index: int) -> None:
        name = self.tag_box.itemData(index)
        if self.current is not None and name and name != self.current.tag:
            self.tagChanged.emit(self.current.id, name)

    def _actor_edited(self) -> None:
        if self.current is None:
            return
        name = " ".join(self.actor_box.currentText().split())
        if name != (self.current.actor or ""):
            self.actorChanged.emit(self.current.id, name)

    def _note_typed(self) -> None:
        self.notePending.emit(True)
        self._note_timer.start()

    def flush_note(self) -> None:
        """Save the note now if it differs from the stored one."""
        self._note_timer.stop()
        if self.current is not None and self.note.toPlainText() != self.current.note:
            self.noteChanged.emit(self.current.id, self.note.toPlainText())
        self.notePending.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        return super().eventFilter(watched, event)


class AnnotationPanel(QWidget):
    """List, filters and details of the current article's annotations."""

    annotationClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationModel()
        self.proxy = AnnotationFilter()
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
        layout.addWidget(self.details, 0)

    def set_tags(self, tags: list[Tag]) -> None:
        self.model.set_tags(tags)
        self.details.set_tags(tags)
        self._fill(self.tag_filter, [t.name for t in tags])

    def set_people(self, actors: list[str], annotators: list[str]) -> None:
        self._fill(self.actor_filter, actors)
        self._fill(self.annotator_filter, annotators)
        self.details.set_actors(actors)

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
        self.proxy.set_filters(
            tag=self.tag_filter.currentData() or "",
            actor=self.actor_filter.currentData() or "",
            annotator=self.annotator_filter.currentData() or "",
            text=self.search.text(),
        )
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
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid():
            self.table.selectRow(proxy_index.row())
            self.table.scrollTo(proxy_index)
        self.details.show_annotation(self.model.annotation(row))
