"""The Relation types page of the tag set editor: kinds of link between annotations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from annotator.qt.dialogs.common import CheckList, TablePage
from annotator.qt.dialogs.tagset_rows import TypeRow, new_type_row
from annotator.qt.util import plain_tooltip

COLUMNS = ("Name", "Label", "From", "To", "Description")
ANY = "any tag"
ENDS_HELP = "Tick the tags this end may have; none ticked allows any tag"


class RelationTypesPage(TablePage):
    """Edits ``rows`` in place; ``tag_names`` gives the tags of the set being edited."""

    edited = Signal()

    def __init__(
        self,
        rows: list[TypeRow],
        tag_names: Callable[[], list[str]],
        tag_icons: Callable[[], dict[str, QIcon]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = rows
        self._tag_names = tag_names
        self._tag_icons = tag_icons
        #: asked before a saved type is removed (the editor counts the links that use it)
        self.confirm_remove: Callable[[TypeRow], bool] = lambda _row: True
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("relationTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))

        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.add_button.setToolTip("Add a kind of link")
        self.remove_button.setToolTip("Remove the selected kind of link")
        self.add_button.clicked.connect(self.add_type)
        self.remove_button.clicked.connect(self.remove_type)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.name = QLineEdit()
        self.name.setObjectName("relationName")
        self.label = QLineEdit()
        self.label.setObjectName("relationLabel")
        self.label.setPlaceholderText("as shown in menus, e.g. “attributed to”")
        self.from_tags = CheckList()
        self.from_tags.setObjectName("relationFrom")
        self.to_tags = CheckList()
        self.to_tags.setObjectName("relationTo")
        for checks in (self.from_tags, self.to_tags):
            checks.setToolTip(ENDS_HELP)
            checks.setMaximumHeight(118)
        self.description = QLineEdit()
        self.description.setObjectName("relationDescription")
        self.form_box = QGroupBox("Selected relation type")
        form = QFormLayout(self.form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name)
        form.addRow("&Label", self.label)
        form.addRow("&From tags", self.from_tags)
        form.addRow("&To tags", self.to_tags)
        form.addRow("&Description", self.description)
        self.form_box.setMinimumWidth(330)

        self.name.textEdited.connect(lambda text: self._set("name", text))
        self.label.textEdited.connect(lambda text: self._set("label", text))
        self.description.textEdited.connect(lambda text: self._set("description", text))
        self.from_tags.changed.connect(lambda: self._set("from_tags", self.from_tags.checked()))
        self.to_tags.changed.connect(lambda: self._set("to_tags", self.to_tags.checked()))

        self._lay_out(buttons)

    def _fill(self, i: int) -> None:
        row = self.rows[i]
        cells = (
            row.key,
            row.label.strip() or row.key.replace("_", " "),
            ", ".join(row.from_tags) or ANY,
            ", ".join(row.to_tags) or ANY,
            row.description,
        )
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 4 and text:
                item.setToolTip(plain_tooltip(text))
            self.table.setItem(i, col, item)

    def _show(self, i: int) -> None:
        row = self.rows[i] if 0 <= i < len(self.rows) else None
        self.form_box.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        names, icons = self._tag_names(), self._tag_icons()
        if row is None:
            for edit in (self.name, self.label, self.description):
                edit.clear()
            self.from_tags.set_names(names, [], icons)
            self.to_tags.set_names(names, [], icons)
            return
        self.name.setText(row.name)
        # links already made store the type's name: a saved type keeps it, its label can change
        self.name.setReadOnly(row.original is not None)
        self.name.setToolTip(
            "Saved links refer to this name; change the label instead"
            if row.original is not None
            else "Written in lower case with underscores: “Attributed to” → attributed_to"
        )
        self.label.setText(row.label)
        self.from_tags.set_names(names, row.from_tags, icons)
        self.to_tags.set_names(names, row.to_tags, icons)
        self.description.setText(row.description)
        for edit in (self.name, self.label, self.description):
            edit.setCursorPosition(0)

    def _set(self, attr: str, value: object) -> None:
        i = self.current()
        if not 0 <= i < len(self.rows):
            return
        setattr(self.rows[i], attr, value)
        self._fill(i)
        self.edited.emit()

    # --- kept in step with the Tags page -------------------------------------------------

    def tag_renamed(self, old: str, new: str) -> None:
        for row in self.rows:
            row.from_tags = [new if t == old else t for t in row.from_tags]
            row.to_tags = [new if t == old else t for t in row.to_tags]
        self.reload(self.current())

    def tag_removed(self, name: str) -> list[str]:
        """Drop ``name`` from every type; returns the types that now allow any tag at an end."""
        widened = []
        for row in self.rows:
            for attr in ("from_tags", "to_tags"):
                tags = getattr(row, attr)
                if name in tags:
                    setattr(row, attr, [t for t in tags if t != name])
                    if not getattr(row, attr):
                        widened.append(row.key)
        self.reload(self.current())
        return widened

    # --- buttons ----------------------------------------------------------------------

    def add_type(self) -> None:
        self.rows.append(new_type_row(self.rows))
        self.reload(len(self.rows) - 1)
        self.edited.emit()
        self.name.setFocus()
        self.name.selectAll()

    def remove_type(self) -> None:
        i = self.current()
        if 0 <= i < len(self.rows) and self.confirm_remove(self.rows[i]):
            self.rows.pop(i)
            self.reload(i)
            self.edited.emit()
