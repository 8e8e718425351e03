"""Tools → Actors…: the registry of who makes statements, shared across articles.

Every action commits at once (there is no Save): create, rename, change aliases,
merge, and add a suggestion from the open article.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.domain.errors import BadInput, NotFound
from annotator.domain.model import Actor
from annotator.qt.dialogs.common import MessagesMixin
from annotator.qt.dialogs.merge_dialog import MergeDialog
from annotator.qt.util import plain_label, plain_tooltip

COLUMNS = ("Name", "Aliases", "Annotations")


def split_aliases(text: str) -> list[str]:
    return [" ".join(a.split()) for a in text.split(",") if a.strip()]


class _Item(QTreeWidgetItem):
    """A row that sorts its count column as a number."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        if column == 2:
            return int(self.text(2) or 0) < int(other.text(2) or 0)
        return self.text(column).casefold() < other.text(column).casefold()


class ActorsDialog(MessagesMixin, QDialog):
    """The actor registry. ``changed`` is emitted after every committed change."""

    changed = Signal()

    def __init__(
        self, project: Project, parent: QWidget | None = None, *, article_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.article_id = article_id
        self.actors: dict[str, Actor] = {}
        self.usage: dict[str, int] = {}
        self.setWindowTitle("Actors")
        self.setObjectName("actorsDialog")

        self.filter = QLineEdit()
        self.filter.setObjectName("actorFilter")
        self.filter.setPlaceholderText("Filter by name or alias")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("actorList")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 200)
        self.tree.headerItem().setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        self.tree.itemSelectionChanged.connect(self._selection_changed)

        self.new_name = QLineEdit()
        self.new_name.setObjectName("newActorName")
        self.new_name.setPlaceholderText("Name of a new actor")
        self.new_name.returnPressed.connect(self.create_actor)
        self.new_button = _button("Create", "Add this actor to the registry")
        self.new_button.clicked.connect(self.create_actor)
        self.merge_button = _button(
            "Merge…", "Select two or more actors (Ctrl+click) to fold them into one"
        )
        self.merge_button.clicked.connect(self.merge_selected)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_name, 1)
        new_row.addWidget(self.new_button)
        new_row.addWidget(self.merge_button)

        self.name = QLineEdit()
        self.name.setObjectName("actorName")
        self.aliases = QLineEdit()
        self.aliases.setObjectName("actorAliases")
        self.aliases.setPlaceholderText("Other names, separated by commas")
        self.aliases.setToolTip("Other names for this actor, e.g. “US, USA, Washington”")
        self.apply_button = _button("Save changes", "Store the name and aliases")
        self.apply_button.clicked.connect(self.apply_edit)
        for edit in (self.name, self.aliases):
            edit.textEdited.connect(self._form_edited)
            edit.returnPressed.connect(self.apply_edit)
        self.selection_note = plain_label(name="actorSelectionNote")
        self.selection_note.setWordWrap(True)
        self.edit_box = QGroupBox("Selected actor")
        form = QFormLayout(self.edit_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name)
        form.addRow("&Aliases", self.aliases)
        form.addRow(self.selection_note)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        apply_row.addWidget(self.apply_button)
        form.addRow(apply_row)

        right = QVBoxLayout()
        right.addWidget(self.edit_box)
        self.suggestions: QListWidget | None = None
        if article_id is not None:
            right.addWidget(self._suggestions_box())
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.tree, 1)
        left.addLayout(new_row)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close_button.setAutoDefault(False)  # Enter in a field acts on the field
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        self.resize(820, 520)
        self.reload()

    def _suggestions_box(self) -> QGroupBox:
        box = QGroupBox("Suggested from this article")
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("actorSuggestions")
        self.suggestions.setStyleSheet("QListView::item { padding: 2px; }")
        self.suggestions.setToolTip("Names the article repeats or its Source annotations give")
        self.suggestions.itemDoubleClicked.connect(lambda _item: self.add_suggestion())
        self.suggestions.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_suggestion_button = _button("Add", "Register the selected name as an actor")
        self.add_suggestion_button.clicked.connect(self.add_suggestion)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_suggestion_button)
        inner = QVBoxLayout(box)
        inner.addWidget(self.suggestions)
        inner.addLayout(buttons)
        return box

    # --- the list ---------------------------------------------------------------------

    def reload(self, select: list[str] | None = None) -> None:
        """Read the registry again, keeping (or setting) the selection by actor id."""
        keep = select if select is not None else self.selected_ids()
        self.actors = {a.id: a for a in self.project.actors()}
        self.usage = self.project.actor_usage()
        self.tree.blockSignals(True)
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        for actor in self.actors.values():
            item = _Item([actor.name, ", ".join(actor.aliases), str(self.usage.get(actor.id, 0))])
            item.setData(0, Qt.ItemDataRole.UserRole, actor.id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if actor.aliases:
                item.setToolTip(1, plain_tooltip(", ".join(actor.aliases)))
            self.tree.addTopLevelItem(item)
            item.setSelected(actor.id in keep)
        self.tree.setSortingEnabled(True)
        self.tree.blockSignals(False)
        chosen = self.tree.selectedItems()
        if chosen:
            index = self.tree.indexFromItem(chosen[0])
            flags = QItemSelectionModel.SelectionFlag.NoUpdate
            self.tree.selectionModel().setCurrentIndex(index, flags)
            self.tree.scrollToItem(chosen[0])
        self._apply_filter(self.filter.text())
        self._selection_changed()
        self._reload_suggestions()

    def selected_ids(self) -> list[str]:
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in self.tree.selectedItems()]

    def selected(self) -> list[Actor]:
        return [self.actors[i] for i in self.selected_ids() if i in self.actors]

    def item_named(self, name: str) -> QTreeWidgetItem | None:
        found = self.tree.findItems(name, Qt.MatchFlag.MatchExactly, 0)
        return found[0] if found else None

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            hay = f"{item.text(0)}\n{item.text(1)}".casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        one = chosen[0] if len(chosen) == 1 else None
        self.edit_box.setEnabled(one is not None)
        self.name.setText(one.name if one else "")
        self.aliases.setText(", ".join(one.aliases) if one else "")
        if one is not None:
            n = self.usage.get(one.id, 0)
            self.selection_note.setText(f"Named on {n} annotation{'s' if n != 1 else ''}.")
        elif len(chosen) > 1:
            self.selection_note.setText(f"{len(chosen)} actors selected: merge them into one.")
        else:
            self.selection_note.setText("Select an actor to edit its name and aliases.")
        self._update_buttons()

    def _form_edited(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        one = chosen[0] if len(chosen) == 1 else None
        self.merge_button.setEnabled(len(chosen) >= 2)
        dirty = one is not None and (
            " ".join(self.name.text().split()) != one.name
            or split_aliases(self.aliases.text()) != list(one.aliases)
        )
        self.apply_button.setEnabled(dirty)
        if self.suggestions is not None:
            self.add_suggestion_button.setEnabled(self.suggestions.currentItem() is not None)

    # --- actions ----------------------------------------------------------------------

    def create_actor(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            self.new_name.setFocus()
            return
        try:
            actor = self.project.create_actor(name)
        except BadInput as error:
            self.show_error("Cannot create the actor", str(error))
            return
        self.new_name.clear()
        self._committed([actor.id])

    def apply_edit(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or not self.apply_button.isEnabled():
            return
        try:
            actor = self.project.update_actor(
                chosen[0].id, name=self.name.text(), aliases=split_aliases(self.aliases.text())
            )
        except BadInput as error:
            self.show_error("Cannot change the actor", str(error))
            return
        self._committed([actor.id])

    def merge_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) < 2:
            return
        dialog = MergeDialog(chosen, self.usage, self)
        if not self.run_dialog(dialog):
            return
        keep = dialog.keep()
        try:
            for other in chosen:
                if other.id != keep.id:
                    self.project.merge_actors(keep.id, other.id)
        except BadInput as error:
            self.show_error("Cannot merge the actors", str(error))
        self._committed([keep.id])

    def add_suggestion(self) -> None:
        if self.suggestions is None or self.suggestions.currentItem() is None:
            return
        name = self.suggestions.currentItem().text()
        try:
            actor = self.project.create_actor(name)
        except BadInput as error:
            self.show_error("Cannot add the actor", str(error))
            return
        self._committed([actor.id])

    def _committed(self, select: list[str]) -> None:
        self.reload(select)
        self.changed.emit()

    # --- suggestions ------------------------------------------------------------------

    def _reload_suggestions(self) -> None:
        if self.suggestions is None or self.article_id is None:
            return
        row = max(0, self.suggestions.currentRow())
        self.suggestions.clear()
        try:
            names = self.project.suggest_actors(self.article_id)
        except NotFound:
            names = []
        for name in names:
            try:
                self.project.actor(name)  # registered (as a name or an alias): not suggested
            except NotFound:
                self.suggestions.addItem(name)
        if self.suggestions.count():
            self.suggestions.setCurrentRow(min(row, self.suggestions.count() - 1))
        self._update_buttons()


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button
