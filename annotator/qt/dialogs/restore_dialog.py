"""File → Restore from a backup: pick one of the automatic backups (or any backup file),
see what it holds, confirm, and the database is put back to it.

The state before the restore is first copied to ``backups/``, so a restore can
itself be undone by restoring that copy; the dialog says where it went.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.qt.util import choose, plain_label

COLUMNS = ("Made", "Articles", "Annotations", "Size", "File")
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _when(path: Path) -> str:
    """The time in an automatic backup's name (``<db>.<UTC stamp>.db``), else the file's."""
    stamp = path.name.rsplit(".", 2)[-2] if path.name.count(".") >= 2 else ""
    try:
        made = datetime.strptime(stamp.split("-")[0], "%Y%m%dT%H%M%S.%fZ")
        return made.strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


class RestoreDialog(QDialog):
    """Lists the restorable backups, newest first; ``restored`` carries the safety copy."""

    restored = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Restore from a backup")
        self.resize(760, 380)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        self.status = plain_label(name="restoreStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        other = QPushButton("Other file…")
        other.clicked.connect(self.pick_file)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Automatic backups are made before a schema upgrade, a bulk import and a "
                "restore (the newest are kept in the “backups” folder next to the database). "
                "Restoring replaces everything in the database; the current state is copied "
                "first, so you can come back to it."
            )
        )
        layout.itemAt(0).widget().setWordWrap(True)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        infos = self.project.backups()
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            cells = (
                _when(info.path),
                str(info.articles),
                str(info.annotations),
                _size(info.size),
                info.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                item.setToolTip(str(info.path))
                if 0 < column < 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if infos:
            self.table.selectRow(0)
        else:
            self.status.setText(
                "No automatic backups yet: choose a backup file with “Other file…”."
            )
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))

    def selected_path(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(PATH_ROLE) if items else None

    def pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Restore from a backup file", "", "SQLite (*.db *.sqlite);;All files (*)"
        )
        if path:
            self.restore(path)

    def restore_selected(self) -> None:
        path = self.selected_path()
        if path:
            self.restore(path)

    def confirm(self, text: str) -> bool:
        """Ask before replacing the database (tests replace this)."""
        return choose(self, "Restore from a backup", text, ["Restore", "Cancel"]) == 0

    def restore(self, path: str) -> None:
        from annotator.store.restore import describe

        try:
            info = describe(path)
        except AnnotatorError as exc:
            self.status.setText(str(exc))
            return
        if not self.confirm(
            f"Replace everything in this database with the backup made {_when(info.path)}?\n\n"
            f"It holds {info.articles} articles and {info.annotations} annotations. "
            "The current state is copied to the backups folder first."
        ):
            return
        try:
            safety = self.project.restore_backup(path)
        except (AnnotatorError, OSError) as exc:
            self.status.setText(str(exc))
            return
        self.restored.emit(str(safety or ""))
        self.accept()
