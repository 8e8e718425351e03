"""The main window's part for files: importing articles (menu, URL, drag-and-drop),
exporting and importing annotation sets, backing up the database, and re-reading the
open article after a change made elsewhere.

A mixin of :class:`~annotator.qt.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.errors import AnnotatorError
from annotator.qt.util import tell

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from annotator.formats.sandbox import Sandbox
    from annotator.qt.importer import ImportJob
    from annotator.qt.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

IMPORT_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.xhtml *.docx *.pdf);;All files (*)"


class WindowFiles(_Base):
    def import_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        sandbox = _warm_sandbox()  # its reader loads its parsers while the user picks
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", IMPORT_FILTER)
        if files:
            self.import_files(files, sandbox=sandbox)
        else:
            sandbox.close()

    def import_url_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        sandbox = _warm_sandbox()
        url, ok = QInputDialog.getText(
            self, "Import from URL", "Address of the article (http or https):"
        )
        if ok and url.strip():
            self.import_files([url.strip()], sandbox=sandbox)
        else:
            sandbox.close()

    def articles_added(self, ids: tuple[str, ...]) -> None:
        """New articles (imported here, by the import thread, or with an annotation set)
        join the library's list; it is read again whole only when one was listed."""
        rows = self.project.articles_with_ids(ids) if ids else []
        if len(rows) != len(ids) or not rows or not self.library.add_articles(rows):
            self.refresh_library()

    def import_files(self, sources: list[str], *, sandbox: Sandbox | None = None) -> ImportJob:
        """Import files or URLs off the GUI thread (``sandbox``: other limits than the default)."""
        from annotator.qt.importer import ImportJob, report_errors

        job = ImportJob(self.project, sources, self, sandbox=sandbox)
        self._jobs.append(job)

        def finished(ids: list[str], errors: list[str]) -> None:
            self._jobs.remove(job)
            if ids:
                self.open_article(ids[0])
            self.statusBar().showMessage(f"Imported {len(ids)} of {len(sources)}", 6000)
            report_errors(self, len(ids), errors)
            self.import_finished.emit(ids, errors)

        job.done.connect(finished)
        job.start()
        return job

    def export_dialog(self) -> None:
        from annotator.qt.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.project, self.article.id if self.article else None, self.settings, self
        )
        if dialog.exec():
            self.statusBar().showMessage(dialog.status.text(), 8000)

    def import_annotations_dialog(self, path: str | None = None) -> None:
        from annotator.qt.dialogs.import_dialog import ImportAnnotationsDialog

        dialog = ImportAnnotationsDialog(self.project, self, path=path)
        dialog.imported.connect(self._annotations_imported)
        dialog.exec()

    def _annotations_imported(self, reports: list) -> None:
        self.refresh_library()
        if reports and (self.article is None or reports[0].article_id != self.article.id):
            self.open_article(reports[0].article_id)
        else:
            self.reload_article()
        total = sum(r.new + r.updated for r in reports)
        orphaned = sum(r.orphaned for r in reports)
        self.statusBar().showMessage(
            f"Imported: {total} new or updated, {orphaned} orphaned (listed under Orphans)", 8000
        )

    def backup_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, "Back up the database", "annotator-backup.db", "SQLite (*.db)"
        )
        if not path:
            return
        try:
            written = self.project.store.backup(path)
        except (AnnotatorError, OSError) as exc:
            tell(self, "Backup", str(exc), warning=True)
            return
        self.statusBar().showMessage(f"Backed up to {written}", 8000)

    def restore_dialog(self) -> None:
        from annotator.qt.dialogs.restore_dialog import RestoreDialog

        self.panel.details.flush_note()
        dialog = RestoreDialog(self.project, self)
        dialog.restored.connect(self.after_restore)
        dialog.exec()

    def after_restore(self, safety: str) -> None:
        """The database was replaced: forget undo history, show what is there now (the
        restore's ``external`` change has re-read the library and the open article)."""
        for stack in self._stacks.values():
            stack.clear()
        if self.article is None:
            self.show_current_or_first()
        self.statusBar().showMessage(
            f"Restored. The state before was saved as {safety}" if safety else "Restored", 15000
        )

    def reload_article(self) -> None:
        """Re-read the current article, keeping the selection and the scroll position."""
        if self.article is None:
            return
        selected = self.view.selected_id
        scroll = self.view.verticalScrollBar().value()
        # what the user is typing (a note, a verdict) stays, with its focus and its base:
        # it is saved when they finish, checked against what changed meanwhile
        self.open_article(self.article.id, reloading=True)
        self.view.verticalScrollBar().setValue(scroll)
        if selected:
            self.view.select_annotation(selected)
        if self.view.selected_id is None:  # it is gone
            self.panel.select(None)
            self.show_claim_details(None)

    def show_current_or_first(self) -> None:
        """Re-read the open article, or open the first one when it is gone (a restore or
        another window removed it)."""
        ids = [a.id for a in self.project.articles()]
        if self.article is not None and self.article.id in ids:
            self.reload_article()
        elif ids:
            self.open_article(ids[0])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_files(paths)
            event.acceptProposedAction()


def _warm_sandbox() -> Sandbox:
    """A sandbox whose first reader starts now, so a single file does not wait for it."""
    from annotator.formats.sandbox import Sandbox

    sandbox = Sandbox()
    sandbox.start()
    return sandbox
