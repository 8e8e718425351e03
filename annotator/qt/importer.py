"""Importing files off the GUI thread, with progress and a per-file error list.

A worker thread hands each file (or URL) to a :class:`~annotator.formats.sandbox.Sandbox`:
one child process per batch reads and extracts it with a time limit and a memory cap,
so a hostile or enormous page can neither freeze nor exhaust the app. The worker stores
each draft through its own connection to the database, in its own transaction (one bad
file never stops the rest; writing a multi-megabyte article takes a few hundred
milliseconds the GUI thread does not wait for), and the window is told of each new
article. Stop (in the progress dialog) or closing the window kills the child and reaps it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.formats.sandbox import Cancelled, Sandbox, source_name


class _Worker(QObject):
    reading = Signal(str)
    stored = Signal(str, str)
    failed = Signal(str, str)
    finished = Signal()

    def __init__(self, sources: list[str], sandbox: Sandbox, db_path: str, annotator: str) -> None:
        super().__init__()
        self.sources = sources
        self.sandbox = sandbox
        self.db_path = db_path
        self.annotator = annotator
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        project: Project | None = None  # this thread's own connection, opened when needed
        try:
            for source in self.sources:
                if self.cancelled:
                    break
                self.reading.emit(source_name(source))
                try:
                    draft = self.sandbox.load(source)
                    project = project or Project.open(self.db_path, self.annotator)
                    self.stored.emit(source, project.import_draft(draft).article.id)
                except Cancelled:
                    break
                except AnnotatorError as exc:
                    self.failed.emit(source, str(exc))
                except Exception as exc:  # noqa: BLE001 - reported per file, never stops the rest
                    self.failed.emit(source, f"{source}: unexpected {type(exc).__name__}: {exc}")
        finally:
            if project is not None:
                project.close()
            self.sandbox.close()  # the child stops and is reaped before the job says done
            self.finished.emit()


class ImportJob(QObject):
    """One batch of imports. ``done`` carries (article ids imported or found, errors);
    ``item_done`` (source, article id or "", error or "") tells each source's fate.

    ``sandbox`` (default: the standard limits) reads the files; the job closes it.
    """

    done = Signal(list, list)
    item_done = Signal(str, str, str)

    def __init__(
        self,
        project: Project,
        sources: list[str],
        parent: QWidget,
        *,
        sandbox: Sandbox | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.sources = sources
        self.article_ids: list[str] = []
        self.errors: list[str] = []
        self._count = 0
        self._thread = QThread(self)
        self.sandbox = sandbox or Sandbox()
        self._worker = _Worker(sources, self.sandbox, project.path, project.annotator)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.reading.connect(self._reading)
        self._worker.stored.connect(self._stored)
        self._worker.failed.connect(self._failed)
        # the thread's loop ends from the worker itself, so wait() works while the GUI
        # thread is blocked (closing the window waits for the job)
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.finished.connect(self._finish)
        # shown when the batch takes longer than half a second; one slow file counts too
        self.progress = QProgressDialog("Importing…", "Stop", 0, len(sources), parent)
        self.progress.setWindowTitle("Import articles")
        self.progress.setMinimumDuration(500)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.canceled.connect(self._cancel)
        if len(sources) == 1:
            self.progress.setRange(0, 0)  # busy: one file has no steps to show

    def start(self) -> None:
        self._thread.start()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    def cancel(self) -> None:
        """Stop the batch: the file being read is abandoned (its reader killed)."""
        self._worker.cancelled = True
        self.sandbox.cancel()

    _cancel = cancel

    def _reading(self, name: str) -> None:
        self.progress.setLabelText(f"Reading {name}…")

    def _step(self, label: str) -> None:
        self._count += 1
        if self.progress.maximum():
            self.progress.setValue(self._count)

    def _stored(self, source: str, article_id: str) -> None:
        self.article_ids.append(article_id)
        self.project.imported_elsewhere(article_id)  # the library lists it now
        self.item_done.emit(source, article_id, "")
        self._step(source)

    def _failed(self, source: str, message: str) -> None:
        self.errors.append(message)
        self.item_done.emit(source, "", message)
        self._step(source)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.progress.canceled.disconnect(self._cancel)
        self.progress.close()
        self.progress.deleteLater()
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
