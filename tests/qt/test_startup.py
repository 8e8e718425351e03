"""The app's start: it imports and builds only what its first window shows.

The hidden docks (claims board, review queue, comparison) make their content when first
shown or asked for; the CLI's subcommands, the dialogs, the import machinery and what
only they need are not imported; the style sheet is set once the window is built. What
the start costs is measured by ``make bench`` (figure 4), not here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.qt.theme import apply_theme, colours, style_sheet
from annotator.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "The United States says that North Korea has supplied Russia with artillery rounds, "
    "although both Russia and North Korea deny that."
)

#: modules the start must not import (prefixes: a package and everything under it)
NOT_AT_START = (
    "annotator.cli_",
    "annotator.qt.board_view",
    "annotator.qt.compare_view",
    "annotator.qt.review_queue",
    "annotator.qt.importer",
    "annotator.qt.settings_dialog",
    "annotator.qt.dialogs",
    "annotator.formats.sandbox",
    "multiprocessing",
    "rapidfuzz",
    "importlib.metadata",
    "dateutil.parser._parser",
    "numpy",
)


def _start(tmp_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """``python -X importtime -m annotator`` on ``db`` with the start-up probe: it quits
    once its window has painted and its event loop is idle."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ANNOTATOR_STARTUP_PROBE="1",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "annotator", "--db", str(db)]
        + ["--annotator", "tester"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "annotator-startup-idle " in done.stdout, done.stdout
    return done


def test_the_start_imports_nothing_its_first_window_does_not_use(tmp_path: Path) -> None:
    db = tmp_path / "start.db"
    _start(tmp_path, db)  # creates the database with the sample article
    done = _start(tmp_path, db)
    imported = set(re.findall(r"^import time:.*\|\s*(\S+)$", done.stderr, re.MULTILINE))
    assert "annotator.qt.main_window" in imported and "annotator.core.project" in imported
    unwanted = sorted(m for m in imported if m.startswith(NOT_AT_START))
    assert unwanted == []


def test_docks_make_their_content_when_first_shown(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    docks = (window.board_dock, window.queue_dock, window.compare_dock)
    assert [d.built for d in docks] == [False, False, False]
    assert [d.widget() for d in docks] == [None, None, None]
    claim = project.annotate_quote(article.id, "North Korea has supplied Russia", "Claim")
    # Ctrl+B (the View menu's action) shows the board, made now for the open article
    qtbot.keyClick(window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.board_dock.built and window.board_dock.isVisible()
    assert window.board_dock.widget() is window.board
    assert window.board.article_id == article.id
    assert window.board.tree.topLevelItemCount() == 1
    assert [window.queue_dock.built, window.compare_dock.built] == [False, False]
    # asked for in code: made hidden, following the article
    queue = window.queue
    assert window.queue_dock.built and not window.queue_dock.isVisible()
    assert queue.article_id == article.id and window.queue is queue
    # a later change reaches the board that now exists
    project.delete_annotation(claim.id)
    qtbot.waitUntil(lambda: window.board.tree.topLevelItemCount() == 0)
    window.board_dock.hide()  # the comparison shares its tab group
    window.compare_dock.show()
    assert window.compare_dock.widget() is window.compare
    assert window.compare.a.count() == 1  # filled with the annotators when shown


def test_the_style_sheet_comes_with_the_built_window(qtbot, tmp_path: Path) -> None:
    from annotator.core.project import Project
    from annotator.qt.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet("")
    project = Project.open(tmp_path / "sheet.db", "alice")
    try:
        apply_theme(app, "dark", sheet=False)  # what the start does before the window
        assert app.styleSheet() == ""
        assert app.palette().window().color().name() == colours("dark")["window"].lower()
        window = MainWindow(project, Settings(annotator="alice", theme="dark"))
        qtbot.addWidget(window)
        assert app.styleSheet() == style_sheet(colours("dark"))
        window.show()
        qtbot.waitExposed(window)
        assert window.title_label.font().pointSize() == 20  # QLabel#articleTitle's rule
        window.close()
    finally:
        project.close()
        apply_theme(app, "light")
        app.setStyleSheet(before)
