"""Tools → Tag set…: edit the tags and relation types kept in the database.

Edits stay in the dialog until Save, which hands the whole set to
:meth:`Project.save_tagset` in one transaction (renames carry annotations along).
Import replaces the stored set at once, Export writes the stored set.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.files import write_atomic
from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.domain.model import RelationType
from annotator.domain.tagset import default_relation_types, default_tagset, load_tagset_json
from annotator.qt.dialogs.common import MessagesMixin
from annotator.qt.dialogs.relation_types_page import RelationTypesPage
from annotator.qt.dialogs.tags_page import TagsPage
from annotator.qt.dialogs.tagset_rows import TagRow, TypeRow, is_colour, problems, rename_plan
from annotator.qt.tag_palette import tag_icon
from annotator.qt.util import plain_label

JSON_FILTER = "Tag sets (*.json);;All files (*)"


class TagSetEditor(MessagesMixin, QDialog):
    """The tag set editor. ``changed`` is emitted after the stored tag set changed
    (Save or Import), so the window can reload its palette."""

    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Tag set")
        self.setObjectName("tagSetEditor")
        self.tag_rows: list[TagRow] = []
        self.type_rows: list[TypeRow] = []
        self.stored: list[str] = []
        self.dirty = False

        self.tags_page = TagsPage(self.tag_rows)
        self.types_page = RelationTypesPage(self.type_rows, self._tag_names, self._tag_icons)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tags_page, "Tags")
        self.tabs.addTab(self.types_page, "Relation types")
        self.problems_label = plain_label(name="tagsetProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(
            "QLabel { color: #B34700; background: rgba(213, 94, 0, 28); "
            "border: 1px solid rgba(213, 94, 0, 90); border-radius: 4px; padding: 6px 8px; }"
        )
        self.problems_label.hide()

        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Replace the saved tag set with one from a JSON file")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Write the saved tag set to a JSON file")
        self.reset_button = QPushButton("Reset to defaults")
        self.reset_button.setToolTip(
            "Put the fact-check tags (Claim, Source, Denial, Evidence) and their links "
            "in the editor; nothing is saved until you press Save"
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.reset_button.clicked.connect(self.reset_to_defaults)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.tags_page.edited.connect(self._edited)
        self.tags_page.renamed.connect(self._tag_renamed)
        self.tags_page.removed.connect(self.types_page.tag_removed)
        self.types_page.edited.connect(self._edited)
        self.types_page.confirm_remove = self._confirm_remove_type

        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.reset_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(bottom)
        self.resize(920, 540)
        self.load()

    # --- state --------------------------------------------------------------------------

    def load(self) -> None:
        """Show the stored tag set (discarding edits)."""
        tags = self.project.tags()
        self.stored = [t.name for t in tags]
        self._replace([TagRow.from_tag(t) for t in tags], self.project.relation_types(), True)
        self.dirty = False
        self._validate()

    def _replace(self, tags: list[TagRow], types: list[RelationType], stored: bool) -> None:
        self.tag_rows[:] = tags
        stored_types = {t.name for t in self.project.relation_types()}
        self.type_rows[:] = [
            TypeRow.from_type(t, stored=stored or t.name in stored_types) for t in types
        ]
        self.tags_page.reload()
        self.types_page.reload()

    def _tag_names(self) -> list[str]:
        return [r.name.strip() for r in self.tag_rows if r.name.strip()]

    def _tag_icons(self) -> dict[str, QIcon]:
        return {r.name.strip(): tag_icon(r.to_tag()) for r in self.tag_rows if is_colour(r.colour)}

    def _tag_renamed(self, old: str, new: str) -> None:
        self.types_page.tag_renamed(old, new)
        self._validate()

    def _edited(self) -> None:
        self.dirty = True
        self._validate()

    def problems(self) -> list[str]:
        return problems(self.tag_rows, self.type_rows, self.stored)

    def _validate(self) -> bool:
        found = self.problems()
        self.problems_label.setText("\n".join(f"⚠ {p}" for p in found))
        self.problems_label.setVisible(bool(found))
        self.save_button.setEnabled(not found)
        self.save_button.setToolTip("Fix the problems listed above first" if found else "")
        return not found

    # --- save / cancel ----------------------------------------------------------------------

    def save(self) -> bool:
        """Store the edited set; on success emit ``changed`` and close. False if refused."""
        if not self._validate():
            return False
        renames, conflict = rename_plan(self.tag_rows, self.stored)
        if conflict:  # _validate has listed it already
            return False
        tags = [r.to_tag() for r in self.tag_rows]
        types = [r.to_type() for r in self.type_rows]
        try:
            self.project.save_tagset(tags, types, renames=renames)
        except BadInput as error:
            kept = {r.original for r in self.tag_rows}
            removed = [name for name in self.stored if name not in kept]
            lead = f"You removed {', '.join(removed)}. " if removed else ""
            self.show_error("Cannot save the tag set", f"{lead}{error}\n\nNothing was saved.")
            return False
        self.dirty = False
        self.changed.emit()
        self.accept()
        return True

    def reject(self) -> None:
        if self.dirty and not self.confirm(
            "Discard changes?",
            "The tag set has unsaved changes. Close the editor and discard them?",
            "Discard",
        ):
            return
        super().reject()

    # --- import / export / defaults -----------------------------------------------------

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import tag set", "", JSON_FILTER)
        if not path:
            return
        if self.dirty and not self.confirm(
            "Import tag set",
            "Importing replaces the saved tag set at once; your unsaved edits here are lost.",
            "Import",
        ):
            return
        try:
            data = load_tagset_json(Path(path).read_bytes())
            self.project.import_tagset(data)
        except (OSError, ValueError, BadInput) as error:
            reason = str(error) if isinstance(error, BadInput) else _read_error(error)
            self.show_error(
                "Cannot import the tag set",
                f"{Path(path).name}: {reason}\n\nThe tag set was not changed.",
            )
            return
        self.load()
        self.changed.emit()

    def export_file(self) -> None:
        if self.dirty and not self.confirm(
            "Export tag set",
            "Export writes the saved tag set; your unsaved edits here are not included.",
            "Export",
        ):
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export tag set", "tagset.json", JSON_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".json")
        data = json.dumps(self.project.tagset_json(), indent=2, ensure_ascii=False) + "\n"
        try:
            write_atomic(target, data.encode("utf-8"))
        except (OSError, BadInput) as error:
            self.show_error("Cannot export the tag set", f"{target}: {error}")

    def reset_to_defaults(self) -> None:
        if not self.confirm(
            "Reset to the fact-check defaults",
            "Put Claim, Source, Denial and Evidence and their relation types in the editor? "
            "Tags you added are dropped from the list. Nothing is saved until you press Save.",
            "Reset",
        ):
            return
        stored = set(self.stored)
        rows = [TagRow.from_tag(t, stored=t.name in stored) for t in default_tagset()]
        self._replace(rows, default_relation_types(), False)
        self._edited()

    def _confirm_remove_type(self, row: TypeRow) -> bool:
        if row.original is None:
            return True
        used = sum(
            1
            for article in self.project.articles()
            for link in self.project.relations(article.id)
            if link.type == row.original
        )
        if not used:
            return True
        return self.confirm(
            "Remove relation type",
            f"{used} link(s) between annotations are of type “{row.original}”. They stay, "
            "but their type will no longer be in the tag set. Remove it?",
            "Remove",
        )


def _read_error(error: Exception) -> str:
    """Why a tag set file could not be read or taken (its JSON is checked by
    :func:`~annotator.domain.tagset.load_tagset_json`, which says why itself)."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
