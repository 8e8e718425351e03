"""File → Import annotations: read a set, preview where it lands, then import it whole.

The preview is a dry run of the same import (nothing is written): per article,
how the article was found and how many annotations match exactly, are
re-anchored or become orphans. Import runs it for real in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.qt.util import plain_label

COLUMNS = (
    "Article",
    "Found by",
    "Exact",
    "Re-anchored",
    "Orphaned",
    "New",
    "Updated",
    "Unchanged",
    "Links",
)
FIELDS = ("matched", "exact", "reanchored", "orphaned", "new", "updated", "unchanged", "relations")
SET_FILTER = (
    "Annotation sets (*.json *.jsonld *.jsonl *.ann);;W3C Web Annotation (*.json *.jsonld);;"
    "doccano (*.jsonl);;brat (*.ann);;All files (*)"
)


class ImportAnnotationsDialog(QDialog):
    #: the import happened: the reports
    imported = Signal(list)

    def __init__(
        self, project: Project, parent: QWidget | None = None, path: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import annotations")
        self.resize(860, 460)
        self.project = project
        self.aset: Any = None
        self.path = QLineEdit(path or "")
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText("A W3C, Hypothesis, brat, doccano or Label Studio file")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        self.path.returnPressed.connect(self.preview)
        self.article = QComboBox()
        self.article.setObjectName("importArticle")
        self.article.addItem("Found from the set (SHA-256, URL, title)", "")
        for a in project.articles():
            self.article.addItem(a.display_title, a.id)
        self.article.currentIndexChanged.connect(lambda _i: self.preview())
        self.create_tags = QCheckBox("Add tags the set uses that the tag set lacks")
        self.create_tags.toggled.connect(lambda _on: self.preview())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("importPreview")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(110)
        self.problems.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", row)
        form.addRow("Into article", self.article)
        form.addRow("", self.create_tags)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            plain_label("Preview — nothing is written until you import:", name="panelTitle")
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        if path:
            self.preview()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import annotations", "", SET_FILTER)
        if path:
            self.path.setText(path)
            self.preview()

    def _options(self) -> dict[str, Any]:
        return {
            "article": self.article.currentData() or None,
            "create_tags": self.create_tags.isChecked(),
        }

    def _show_error(self, message: str, problems: list[str] | None = None) -> None:
        self.import_button.setEnabled(False)
        self.table.setRowCount(0)
        self.summary.setText(message)
        self.problems.setPlainText("\n".join(problems or []))
        self.problems.setVisible(bool(problems))

    def preview(self) -> None:
        """Read the file and run the import as a dry run."""
        from annotator.formats.exchange_io import read_annotation_file

        text = self.path.text().strip()
        if not text:
            return
        try:
            self.aset = read_annotation_file(Path(text))
            reports = self.project.import_annotations(self.aset, dry_run=True, **self._options())
        except AnnotatorError as exc:
            self._show_error(str(exc), list(getattr(exc, "problems", []) or []))
            return
        self._show_reports(reports)
        self.import_button.setEnabled(True)

    def _show_reports(self, reports: list[Any]) -> None:
        self.table.setRowCount(len(reports))
        for row, report in enumerate(reports):
            title = getattr(report, "article_title", "") or getattr(report, "article_id", "")
            cells = [str(title)] + [str(getattr(report, f, "")) for f in FIELDS]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        total = {f: sum(int(getattr(r, f, 0) or 0) for r in reports) for f in FIELDS[1:]}
        problems = [p for r in reports for p in getattr(r, "problems", [])]
        self.summary.setText(
            f"{self.aset.annotation_count} annotations in {len(reports)} article(s): "
            f"{total['exact']} exact, {total['reanchored']} re-anchored, "
            f"{total['orphaned']} orphaned (kept, to attach by hand); {total['new']} new, "
            f"{total['updated']} updated, {total['unchanged']} already here."
        )
        self.problems.setPlainText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def run_import(self) -> None:
        if self.aset is None:
            return
        try:
            reports = self.project.import_annotations(self.aset, **self._options())
        except AnnotatorError as exc:
            self._show_error(str(exc), list(getattr(exc, "problems", []) or []))
            return
        self.imported.emit(reports)
        self.accept()
