"""A real main window on a temporary database, driven like a user."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core.project import Project
from annotator.settings import Settings
from tests.conftest import make_draft


@pytest.fixture
def open_window(qtbot, tmp_path: Path):
    """``open_window(text)`` → (window, project, article) with the article shown."""
    created = []

    def make(text: str, db: Path | None = None, annotator: str = "alice"):
        from annotator.qt.main_window import MainWindow

        project = Project.open(db or tmp_path / "gui.db", annotator)
        article = project.import_draft(make_draft(text, title="Test article")).article
        window = MainWindow(project, Settings(annotator=annotator))
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.open_article(article.id)
        with qtbot.waitActive(window):
            window.activateWindow()
        window.view.setFocus()
        created.append((window, project))
        return window, project, project.article(article.id)

    yield make
    for window, project in created:
        window.close()
        project.close()


def point_of(view, cp: int) -> QPoint:
    """The viewport position of the middle of the character at code point ``cp``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.utf16.to_utf16(cp))
    left = view.cursorRect(cursor)
    cursor.setPosition(view.utf16.to_utf16(cp + 1))
    right = view.cursorRect(cursor)
    x = (left.x() + right.x()) // 2 if right.y() == left.y() else left.x() + 2
    return QPoint(x, left.center().y())


def double_click_word(qtbot, view, text: str, word: str, occurrence: int = 1) -> None:
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    view.centerCursor()
    pos = point_of(view, start + len(word) // 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def click_at(qtbot, view, cp: int) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, cp))
