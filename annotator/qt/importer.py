"""Importing files off the GUI thread, with progress and a per-file error list.

Files are read and extracted in a worker thread (pure functions from
``annotator.formats``); each finished draft is stored on the GUI thread in
its own transaction, so one bad file never stops the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.formats.importing import load_source


class _Worker(QObject):
    loaded = Signal(object)
    failed = Signal(str, str)
    finished = Signal()

    def __init__(self, sources: list[str]) -> None:
        super().__init__()
        self.sources = sources
        self.cancelled = False

    @Slot()
    def run(self) -> None:

        for source in self.sources:
            if self.cancelled:
                break
            try:
                self.loaded.emit(load_source(source))
            except AnnotatorError as exc:
                self.failed.emit(source, str(exc))
            except Exception as exc:  # noqa: BLE001 - reported per file, never stops the rest
                self.failed.emit(source, f"{source}: unexpected {type(exc).__name__}: {exc}")
        self.finished.emit()


class ImportJob(QObject):
    """One batch of imports. ``done`` carries (article ids imported or found, errors)."""

    done = Signal(list, list)

    def __init__(self, project: Project, sources: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.project = project
        self.sources = sources
        self.article_ids: list[str] = []
        self.errors: list[str] = []
        self._count = 0
        self._thread = QThread(self)
        self._worker = _Worker(sources)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.loaded.connect(self._store)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._finish)
        self._progress: QProgressDialog | None = None
        if len(sources) > 1:
            self._progress = QProgressDialog("Importing…", "Stop", 0, len(sources), parent)
            self._progress.setWindowTitle("Import articles")
            self._progress.setMinimumDuration(300)
            self._progress.canceled.connect(self._cancel)

    def start(self) -> None:
        self._thread.start()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    def _cancel(self) -> None:
        self._worker.cancelled = True

    def _step(self, label: str) -> None:
        self._count += 1
        if self._progress is not None:
            self._progress.setValue(self._count)
            self._progress.setLabelText(label)

    def _store(self, draft: object) -> None:
        try:
            result = self.project.import_draft(draft)
            self.article_ids.append(result.article.id)
        except AnnotatorError as exc:
            self.errors.append(str(exc))
        self._step(getattr(draft, "original_name", ""))

    def _failed(self, source: str, message: str) -> None:
        self.errors.append(message)
        self._step(source)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self._progress is not None:
            self._progress.reset()
        self.done.emit(self.article_ids, self.errors)


def report_errors(parent: QWidget, imported: int, errors: list[str]) -> None:
    if not errors:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Import")
    box.setTextFormat(box.textFormat().PlainText)
    box.setText(f"{imported} imported, {len(errors)} could not be imported.")
    box.setDetailedText("\n".join(errors))
    box.setInformativeText(errors[0])
    box.open()
