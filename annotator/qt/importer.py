"""Importing files off the GUI thread, with progress and a per-file error list.

A worker thread hands the files (or URLs) to a :class:`~annotator.formats.sandbox.Sandbox`:
a few child processes read and extract them side by side with a time limit and a memory
cap, so a hostile or enormous page can neither freeze nor exhaust the app. The worker
stores the drafts through its own connection to the database, a group at a time (up to
:data:`GROUP_ARTICLES` articles, :data:`GROUP_SECONDS` after the first of them was read,
or :data:`GROUP_BYTES` of text, whichever comes first) in one transaction, so a thousand
pages are not a thousand waits for the disk; a group that fails is rolled back and its
articles stored one by one, so one bad article never stops the rest, and a file that
cannot be read is never stored. Each file's fate is signalled once it is committed or
refused; the library is told of new articles a few times a second, not once per article.
Stop (in the progress dialog) or closing the window kills the children and reaps them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.formats.draft import ArticleDraft
from annotator.formats.sandbox import Cancelled, Outcome, Sandbox, source_name
from annotator.qt.util import message_box

#: the most articles stored in one transaction
GROUP_ARTICLES = 25
#: the longest an article read waits for its group to be stored (seconds)
GROUP_SECONDS = 0.25
#: the most text stored in one transaction (characters)
GROUP_BYTES = 4_000_000
#: how often the window is told of the new articles while a batch is stored (ms)
ANNOUNCE_MS = 500


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
        self._project: Project | None = None  # this thread's own connection, when needed
        self._group: list[tuple[str, ArticleDraft]] = []
        self._group_since = 0.0
        self._group_size = 0
        self._told: set[int] = set()  # sources whose fate was signalled

    @Slot()
    def run(self) -> None:
        try:
            self.sandbox.load_all(
                self.sources,
                self._read,
                started=lambda _index, name: self.reading.emit(name),
                idle=self._store_if_due,
            )
        except Cancelled:
            pass
        except AnnotatorError as exc:  # no reader could be started: every file left is told
            self._fail_untold(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported, never a silent end
            self._fail_untold(f"unexpected {type(exc).__name__}: {exc}")
        finally:
            try:
                self._store()  # what was read before the batch ended (or was stopped)
            finally:
                if self._project is not None:
                    self._project.close()
                self.sandbox.close()  # the children stop and are reaped before done
                self.finished.emit()

    def _fail_untold(self, why: str) -> None:
        for index, source in enumerate(self.sources):
            if index not in self._told:
                self._told.add(index)
                self.failed.emit(source, f"{source_name(source)}: {why}")

    def _read(self, index: int, outcome: Outcome) -> None:
        source = self.sources[index]
        if self.cancelled:
            return
        if not isinstance(outcome, ArticleDraft):  # not read: told at once, never stored
            self._told.add(index)
            self.failed.emit(source, str(outcome))
            return
        if not self._group:
            self._group_since = time.monotonic()
        self._group.append((source, outcome))
        self._group_size += len(outcome.text)
        self._told.add(index)
        if len(self._group) >= GROUP_ARTICLES or self._group_size >= GROUP_BYTES:
            self._store()
        else:
            self._store_if_due()

    def _store_if_due(self) -> None:
        if self._group and time.monotonic() - self._group_since >= GROUP_SECONDS:
            self._store()

    def _store(self) -> None:
        group, self._group, self._group_size = self._group, [], 0
        if group:
            self._store_group(group)

    def _store_group(self, group: list[tuple[str, ArticleDraft]]) -> None:
        """Store ``group`` in one transaction; when that fails, each article on its own."""
        try:
            if self._project is None:
                self._project = Project.open(self.db_path, self.annotator)
            project = self._project
            ids = [r.article.id for r in project.import_drafts([draft for _, draft in group])]
        except Exception as exc:  # noqa: BLE001 - rolled back; told per article below
            if len(group) > 1:
                for item in group:
                    self._store_group([item])
                return
            source = group[0][0]
            if isinstance(exc, AnnotatorError):
                self.failed.emit(source, str(exc))
            else:
                self.failed.emit(source, f"{source}: unexpected {type(exc).__name__}: {exc}")
            return
        for (source, _), article_id in zip(group, ids, strict=True):
            self.stored.emit(source, article_id)


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
        self._fresh: list[str] = []  # stored, not yet announced to the window
        self._announce = QTimer(self)
        self._announce.setSingleShot(True)
        self._announce.setInterval(ANNOUNCE_MS)
        self._announce.timeout.connect(self._announce_fresh)
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
        self._fresh.append(article_id)
        if not self._announce.isActive():  # the first at once, then a few times a second
            self._announce_fresh()
        self.item_done.emit(source, article_id, "")
        self._step(source)

    def _announce_fresh(self) -> None:
        """Tell the window of the articles stored since it was last told (the library
        re-reads its list once for all of them)."""
        fresh, self._fresh = self._fresh, []
        if fresh:
            self.project.imported_elsewhere(*fresh)
            self._announce.start()

    def _failed(self, source: str, message: str) -> None:
        self.errors.append(message)
        self.item_done.emit(source, "", message)
        self._step(source)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self._announce.stop()
        self._announce_fresh()
        self._announce.stop()
        self.progress.canceled.disconnect(self._cancel)
        self.progress.close()
        self.progress.deleteLater()
        self.done.emit(self.article_ids, self.errors)


def report_errors(parent: QWidget, imported: int, errors: list[str]) -> None:
    if not errors:
        return
    box = message_box(
        parent,
        "Import",
        f"{imported} imported, {len(errors)} could not be imported.",
        icon=QMessageBox.Icon.Warning,
    )
    box.setDetailedText("\n".join(errors))
    box.setInformativeText(errors[0])
    box.open()
