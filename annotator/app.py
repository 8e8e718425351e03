"""GUI start: the QApplication, the project, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from annotator.core.project import Project
from annotator.formats.draft import ArticleDraft
from annotator.settings import Settings


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
    from annotator.qt.settings_dialog import ask_annotator_name
    from annotator.qt.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setOrganizationName("annotator")
    settings = Settings.load()
    apply_theme(app, settings.theme)
    if ask_name and not settings.annotator:
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
    try:
        return app.exec()
    finally:
        project.close()
