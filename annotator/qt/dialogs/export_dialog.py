"""File → Export: a format, a scope (this article or all), annotators and tags, a place.

Runs the same core export as ``annotator export`` on the command line. The place is a
full path, shown as such: a bare name typed in goes into the dialog's folder (the
documents folder, or the one last chosen), never the process's working folder, and a
name that climbs out of it with ``..`` is refused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from annotator.core.exporting import FORMATS, export_to
from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.qt.util import plain_label
from annotator.settings import Settings


def _checklist(values: list[str], name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setMaximumHeight(96)
    for value in values:
        item = QListWidgetItem(value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> list[str] | None:
    """The checked values, or None when all are checked (no narrowing)."""
    items = [widget.item(i) for i in range(widget.count())]
    chosen = [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
    return None if len(chosen) == len(items) else chosen


class ExportDialog(QDialog):
    def __init__(
        self,
        project: Project,
        article_id: str | None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self.resize(560, 480)
        self.project = project
        self.article_id = article_id
        self.settings = settings or Settings()
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        #: where a bare file name goes
        self.folder = Path(documents) if documents else Path.home()
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for key, (label, _kind, _suffix) in FORMATS.items():
            self.format.addItem(label, key)
        self.scope = QComboBox()
        self.scope.setObjectName("exportScope")
        if article_id:
            self.scope.addItem("This article", "article")
        self.scope.addItem("All articles", "all")
        self.annotators = _checklist(project.annotators(), "exportAnnotators")
        self.tags = _checklist([t.name for t in project.tags()], "exportTags")
        self.excel = QCheckBox("Excel-friendly (byte-order mark, CRLF)")
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        self.status = plain_label()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run_export)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Scope", self.scope)
        form.addRow("Annotators", self.annotators)
        form.addRow("Tags", self.tags)
        form.addRow("", self.excel)
        form.addRow("Save to", row)
        form.addRow(self.status)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        key = self.format.currentData()
        _label, kind, suffix = FORMATS[key]
        self.excel.setVisible(key in ("csv", "board-csv"))
        current = self.path.text().strip()
        default = str(self.folder / "annotations")
        stem = current.rsplit(".", 1)[0] if current and kind == "file" else (current or default)
        self.path.setText(stem if kind == "folder" else f"{stem}{suffix}")

    def _browse(self) -> None:
        key = self.format.currentData()
        _label, kind, suffix = FORMATS[key]
        if kind == "folder":
            path = QFileDialog.getExistingDirectory(self, "Export into folder")
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), f"*{suffix}")
        if path:
            self.path.setText(path)
            self.folder = Path(path).parent

    def _target(self, text: str) -> Path | None:
        """The path ``text`` names (a bare name: in :attr:`folder`), or None, said why."""
        if not text:
            self.status.setText("Choose where to save the export")
            return None
        path = Path(text).expanduser()
        if path.is_absolute():
            return path
        if ".." in path.parts:
            self.status.setText(
                f"“{text}” would leave {self.folder}; give a file name or a full path (Choose…)"
            )
            return None
        return self.folder / path

    def run_export(self) -> None:
        target = self._target(self.path.text().strip())
        if target is None:
            return
        articles = [self.article_id] if self.scope.currentData() == "article" else None
        try:
            message = export_to(
                self.project,
                self.format.currentData(),
                target,
                article_refs=articles,
                annotators=_checked(self.annotators),
                tags=_checked(self.tags),
                excel=self.excel.isChecked(),
                organisation_name=self.settings.organisation,
                organisation_url=self.settings.organisation_url,
            )
        except (AnnotatorError, OSError) as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(message)
        self.accept()
