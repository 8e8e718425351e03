"""GUI start: the QApplication, the project, the main window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.project import Project
from annotator.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from annotator.formats.draft import ArticleDraft

#: benchmark hook (``make bench``, figure 4): when this environment variable is set, the
#: app prints ``annotator-startup-idle <CLOCK_MONOTONIC seconds>`` once the article view
#: has painted and the event loop has gone idle, then quits
STARTUP_PROBE = "ANNOTATOR_STARTUP_PROBE"


def run(
    db: Path,
    annotator: str,
    *,
    article_id: str | None = None,
    drafts: Sequence[ArticleDraft] = (),
    ask_name: bool = False,
) -> int:
    """Open the desktop app on ``db``; returns the process exit status.

    ``drafts`` (articles the CLI has already read) are imported once the
    annotator's name is known, and the app opens on the first of them.
    """
    from PySide6.QtWidgets import QApplication

    from annotator.qt.main_window import MainWindow
    from annotator.qt.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setOrganizationName("annotator")
    settings = Settings.load()
    # the style sheet comes with the window (MainWindow.apply_settings), once it is built
    apply_theme(app, settings.theme, sheet=False)
    if ask_name and not settings.annotator:
        from annotator.qt.settings_dialog import ask_annotator_name

        apply_theme(app, settings.theme)
        name = ask_annotator_name()
        if name:
            settings.annotator = name
            settings.save()
            annotator = name
    project = Project.open(db, annotator)
    if drafts:
        with project.store.transaction():
            results = [project.import_draft(d) for d in drafts]
        article_id = results[0].article.id
    elif project.store.created and not project.articles():
        article_id = article_id or project.import_sample().article.id
    window = MainWindow(project, settings)
    chosen = article_id or next((a.id for a in project.articles()), None)
    if chosen:
        window.open_article(chosen)
    window.show()
    window.offer_drafts()
    if os.environ.get(STARTUP_PROBE):
        _quit_when_painted_and_idle(app, window.view.viewport())
    try:
        return app.exec()
    finally:
        project.close()


def _quit_when_painted_and_idle(app: QApplication, viewport: QWidget) -> None:
    """The :data:`STARTUP_PROBE` hook: wait for the first paint of ``viewport``, then a
    zero timer (it fires when the queued events are done), then print the time and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    def report() -> None:
        print(f"annotator-startup-idle {time.clock_gettime(time.CLOCK_MONOTONIC):.6f}", flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    viewport.installEventFilter(FirstPaint(app))
