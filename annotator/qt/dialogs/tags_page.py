"""The Tags page of the tag set editor: the list of tags and the form of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from annotator.domain.tagset import UNDERLINES
from annotator.qt.dialogs.common import ColourButton, TablePage
from annotator.qt.dialogs.tagset_rows import (
    KEYS,
    KINDS,
    TagRow,
    duplicate_keys,
    is_colour,
    new_tag_row,
)
from annotator.qt.tag_palette import tag_icon
from annotator.qt.util import plain_tooltip

KIND_HELP = (
    "What the tag means to annotator. The claims board groups annotations by kind: "
    "claims are listed with the sources, denials and evidence linked to them. "
    "Use “other” for tags the board should leave alone."
)
UNDERLINE_HELP = "How the tag is underlined in the text, so that colour is never the only cue"
COLUMNS = ("Tag", "Key", "Underline", "Kind", "Description")


class TagsPage(TablePage):
    """Edits ``rows`` in place; says so with ``edited`` (and ``renamed``/``removed``)."""

    edited = Signal()
    renamed = Signal(str, str)  # old name, new name (as typed so far)
    removed = Signal(str)

    def __init__(self, rows: list[TagRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("tagTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setIconSize(QSize(16, 16))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for col in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(col, mode)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(3).setToolTip(KIND_HELP)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))

        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.add_button.setToolTip("Add a tag")
        self.remove_button.setToolTip(
            "Remove the selected tag (saving is refused while annotations use it)"
        )
        self.up_button.setToolTip("Earlier in the palette")
        self.down_button.setToolTip("Later in the palette")
        self.add_button.clicked.connect(self.add_tag)
        self.remove_button.clicked.connect(self.remove_tag)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.name = QLineEdit()
        self.name.setObjectName("tagName")
        self.name.setToolTip("Renaming a saved tag carries its annotations along")
        self.colour_button = ColourButton()
        self.colour = QLineEdit()
        self.colour.setObjectName("tagColour")
        self.colour.setPlaceholderText("#RRGGBB")
        self.colour.setMaxLength(7)
        self.colour.setToolTip("The colour as #RRGGBB (or pick one from the swatch)")
        colour_row = QHBoxLayout()
        colour_row.setSpacing(6)
        colour_row.addWidget(self.colour_button)
        colour_row.addWidget(self.colour, 1)
        self.key = QComboBox()
        self.key.setObjectName("tagKey")
        self.key.addItem("None", None)
        for key in KEYS:
            self.key.addItem(key, key)
        self.key.setToolTip("Press this digit with text selected to tag it")
        self.underline = QComboBox()
        self.underline.setObjectName("tagUnderline")
        self.underline.setIconSize(QSize(16, 16))
        for style in UNDERLINES:
            self.underline.addItem(style, style)
        self.underline.setToolTip(UNDERLINE_HELP)
        self.kind = QComboBox()
        self.kind.setObjectName("tagKind")
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.kind.setToolTip(KIND_HELP)
        self.description = QLineEdit()
        self.description.setObjectName("tagDescription")
        self.description.setPlaceholderText("Shown in the palette's tooltip")

        self.form_box = QGroupBox("Selected tag")
        form = QFormLayout(self.form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name)
        colour_label = QLabel("&Colour")
        colour_label.setBuddy(self.colour)
        form.addRow(colour_label, colour_row)
        form.addRow("&Key", self.key)
        form.addRow("&Underline", self.underline)
        form.addRow("K&ind", self.kind)
        form.addRow("&Description", self.description)
        self.form_box.setMinimumWidth(330)

        self.name.textEdited.connect(self._name_edited)
        self.colour.textEdited.connect(self._colour_typed)
        self.colour_button.colourChosen.connect(self._colour_chosen)
        self.key.activated.connect(lambda _i: self._set("key", self.key.currentData()))
        self.underline.activated.connect(
            lambda _i: self._set("underline", self.underline.currentData())
        )
        self.kind.activated.connect(lambda _i: self._set("kind", self.kind.currentData()))
        self.description.textEdited.connect(lambda text: self._set("description", text))

        self._lay_out(buttons)

    # --- the list ---------------------------------------------------------------------

    def _after_fill(self) -> None:
        self._mark_keys()

    def current_row(self) -> TagRow | None:
        i = self.current()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def select_name(self, name: str) -> None:
        for i, row in enumerate(self.rows):
            if row.name == name:
                self.table.setCurrentCell(i, 0)
                return

    def _fill(self, i: int) -> None:
        row = self.rows[i]
        tag = row.to_tag()
        name = QTableWidgetItem(row.name)
        if is_colour(row.colour):
            name.setIcon(tag_icon(tag))
        if row.renamed:
            name.setToolTip(plain_tooltip(f"Renamed from {row.original}"))
        elif row.original is None:
            name.setToolTip("New tag (not saved yet)")
        cells = (name, row.key or "—", row.underline, row.kind, row.description)
        for col, value in enumerate(cells):
            item = value if isinstance(value, QTableWidgetItem) else QTableWidgetItem(value)
            if col == 4:
                item.setToolTip(plain_tooltip(row.description) if row.description else "")
            self.table.setItem(i, col, item)

    def _mark_keys(self) -> None:
        clashes = duplicate_keys(self.rows)
        for i, row in enumerate(self.rows):
            item = self.table.item(i, 1)
            if item is None:
                continue
            clash = row.key in clashes
            item.setForeground(QBrush(QColor("#D55E00")) if clash else QBrush())
            item.setText(f"{row.key} ⚠" if clash else row.key or "—")
            item.setToolTip(f"Key {row.key} is used by another tag" if clash else "")

    # --- the form ---------------------------------------------------------------------

    def _show(self, i: int) -> None:
        row = self.rows[i] if 0 <= i < len(self.rows) else None
        self.form_box.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and i > 0)
        self.down_button.setEnabled(row is not None and i < len(self.rows) - 1)
        if row is None:
            for edit in (self.name, self.colour, self.description):
                edit.clear()
            return
        self.name.setText(row.name)
        self.colour.setText(row.colour)
        self.colour_button.set_colour(row.colour)
        self.key.setCurrentIndex(max(0, self.key.findData(row.key)))
        self.underline.setCurrentIndex(max(0, self.underline.findData(row.underline)))
        # a kind outside the list (older tag sets say "span") shows as "other" and is kept
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)) if row.kind in KINDS else 4)
        self.description.setText(row.description)
        for edit in (self.name, self.colour, self.description):
            edit.setCursorPosition(0)
        self._underline_icons(row)

    def _underline_icons(self, row: TagRow) -> None:
        colour = row.colour if is_colour(row.colour) else "#57606A"
        for i, style in enumerate(UNDERLINES):
            sample = TagRow(row.name, colour, underline=style).to_tag()
            self.underline.setItemIcon(i, tag_icon(sample))

    def _set(self, attr: str, value: object) -> None:
        i = self.current()
        if not 0 <= i < len(self.rows):
            return
        setattr(self.rows[i], attr, value)
        self._fill(i)
        self._mark_keys()
        if attr in ("colour", "underline"):
            self._underline_icons(self.rows[i])
        self.edited.emit()

    def _name_edited(self, text: str) -> None:
        row = self.current_row()
        if row is None:
            return
        old = row.name.strip()
        self._set("name", text)
        if old != text.strip():
            self.renamed.emit(old, text.strip())

    def _colour_typed(self, text: str) -> None:
        text = text.strip()
        if is_colour(text):
            self.colour_button.set_colour(text)
        self._set("colour", text.upper())

    def _colour_chosen(self, colour: str) -> None:
        self.colour.setText(colour)
        self._set("colour", colour)

    # --- buttons ----------------------------------------------------------------------

    def add_tag(self) -> None:
        self.rows.append(new_tag_row(self.rows))
        self.reload(len(self.rows) - 1)
        self.edited.emit()
        self.name.setFocus()
        self.name.selectAll()

    def remove_tag(self) -> None:
        i = self.current()
        if not 0 <= i < len(self.rows):
            return
        gone = self.rows.pop(i)
        self.reload(i)
        self.removed.emit(gone.name)
        self.edited.emit()

    def move(self, step: int) -> None:
        i = self.current()
        j = i + step
        if not (0 <= i < len(self.rows) and 0 <= j < len(self.rows)):
            return
        self.rows[i], self.rows[j] = self.rows[j], self.rows[i]
        self.reload(j)
        self.edited.emit()
