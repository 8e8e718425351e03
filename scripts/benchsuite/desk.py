"""Child-side measurements of the desk (figures 1, 2, 3 and 8), each in its own process.

Every function takes the parameters the parent sent (database path, article ids, sizes)
and returns plain numbers. "Ours" drives the real MainWindow; the floors use a plain
``QPlainTextEdit`` and ``sqlite3`` on the same database.
"""

from __future__ import annotations

import random
import resource
import sqlite3
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QApplication, QPlainTextEdit, QWidget

from benchsuite.common import floor_table

#: the main window's size in every measurement
WINDOW = (1440, 900)


def _app() -> QApplication:
    app = QApplication.instance() or QApplication(["bench"])
    assert isinstance(app, QApplication)
    return app


def main_window(db: str) -> Any:
    from annotator.core.project import Project
    from annotator.qt.main_window import MainWindow
    from annotator.settings import Settings

    _app()
    project = Project.open(db, "bench")
    window = MainWindow(project, Settings(annotator="bench"))
    window.resize(*WINDOW)
    window.show()
    _app().processEvents()
    return window


def _plain(size: list[int] | None) -> QPlainTextEdit:
    _app()
    plain = QPlainTextEdit()
    plain.resize(*(size or (700, 800)))
    plain.show()
    plain.setPlainText("warm-up")
    plain.viewport().repaint()
    _app().processEvents()
    return plain


def _read_floor(db: str, article_id: str) -> tuple[str, list[tuple]]:
    """The article's text and its live annotation rows, with plain ``sqlite3``."""
    conn = sqlite3.connect(db)
    try:
        (text,) = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        rows = conn.execute(
            "SELECT * FROM annotations WHERE article_id = ? AND deleted IS NULL", [article_id]
        ).fetchall()
    finally:
        conn.close()
    return text, rows


def _settle(seconds: float = 0.2) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        _app().processEvents()


def open_ours(p: dict[str, Any]) -> dict[str, Any]:
    """Figure 1: open the article in the real window (after a warm-up article, so code
    paths are warm but nothing of the measured article is cached) to the first paint."""
    window = main_window(p["db"])
    window.open_article(p["warmup_id"])
    window.view.viewport().repaint()
    _settle(0.1)
    t = time.perf_counter()
    window.open_article(p["article_id"])
    window.view.viewport().repaint()
    seconds = time.perf_counter() - t
    size = [window.view.width(), window.view.height()]
    window.close()
    window.project.close()
    return {"seconds": seconds, "view_size": size}


def open_floor(p: dict[str, Any]) -> dict[str, Any]:
    """Figure 1's floor: read the text and the rows with sqlite3, setPlainText, paint."""
    plain = _plain(p.get("view_size"))
    t = time.perf_counter()
    text, rows = _read_floor(p["db"], p["article_id"])
    plain.setPlainText(text)
    plain.viewport().repaint()
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "rows": len(rows)}


def _page_steps(view: QPlainTextEdit, extra: list[QWidget], stops: int, steps: int) -> list[float]:
    """Jump to ``stops`` places spread over the text, then time ``steps`` Page Down each:
    the scroll and the repaint of the text (and of ``extra``, e.g. the lane margin)."""
    bar = view.verticalScrollBar()
    out = []
    for k in range(stops):
        bar.setValue(int(bar.maximum() * (k + 0.5) / (stops + 1)))
        view.viewport().repaint()
        _app().processEvents()
        for _ in range(steps):
            t = time.perf_counter()
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
            view.viewport().repaint()
            for widget in extra:
                widget.repaint()
            out.append(time.perf_counter() - t)
            _app().processEvents()
    return out


def interact_ours(p: dict[str, Any]) -> dict[str, Any]:
    """Figures 2 and 3 on a copy of the database: tag spans by key press (committed,
    listed and repainted), then Page Down through the text."""
    rng = random.Random(7)
    window = main_window(p["db"])
    window.open_article(p["article_id"])
    view = window.view
    length = len(window.article.text)
    tags = []
    for i in range(p["tags"]):
        start = rng.randrange(0, length - 100)
        view.select_cp(start, start + 12)
        view.centerCursor()
        _app().processEvents()
        t = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_1)
        view.viewport().repaint()
        tags.append(time.perf_counter() - t)
        if view.selected_id is None or view.textCursor().hasSelection():
            raise RuntimeError(f"tag {i} did not commit")
    scrolls = _page_steps(view, [view.margin], p["stops"], p["steps"])
    size = [view.width(), view.height()]
    window.close()
    window.project.close()
    return {"tags": tags, "scrolls": scrolls, "view_size": size}


def interact_floor(p: dict[str, Any]) -> dict[str, Any]:
    """Floors of figures 2 and 3 on the same text: one durable sqlite3 insert of an
    annotation row (WAL, synchronous=FULL, its own transaction, into a table of the same
    columns) plus ``mergeCharFormat`` of the span and a repaint; and Page Down with a
    repaint of a plain ``QPlainTextEdit``."""
    rng = random.Random(7)
    text, rows = _read_floor(p["db"], p["article_id"])
    names = [r[1] for r in sqlite3.connect(p["db"]).execute("PRAGMA table_info(annotations)")]
    conn, insert = floor_table(p["scratch_db"], names)
    template = list(rows[0]) if rows else [None] * len(names)
    plain = _plain(p.get("view_size"))
    plain.setPlainText(text)
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#ffe08a"))
    tags = []
    for i in range(p["tags"]):
        start = rng.randrange(0, len(text) - 100)
        cursor = plain.textCursor()
        cursor.setPosition(start)
        plain.setTextCursor(cursor)
        plain.centerCursor()
        _app().processEvents()
        t = time.perf_counter()
        values = list(template)
        values[0] = f"floor-{i}"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(insert, values)
        conn.execute("COMMIT")
        cursor.setPosition(start + 12, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
        plain.viewport().repaint()
        tags.append(time.perf_counter() - t)
    conn.close()
    scrolls = _page_steps(plain, [], p["stops"], p["steps"])
    return {"tags": tags, "scrolls": scrolls}


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory_ours(p: dict[str, Any]) -> dict[str, Any]:
    """Figure 8: peak RSS of a process that opens the article in the main window and
    paints (then lets the event loop run its deferred work)."""
    window = main_window(p["db"])
    window.open_article(p["article_id"])
    window.view.viewport().repaint()
    _settle(0.3)
    return {"max_rss_mb": _max_rss_mb()}


def memory_floor(p: dict[str, Any]) -> dict[str, Any]:
    """Figure 8's floor: the same text and rows in a plain QPlainTextEdit, painted."""
    plain = _plain(p.get("view_size"))
    text, rows = _read_floor(p["db"], p["article_id"])
    plain.setPlainText(text)
    plain.viewport().repaint()
    _settle(0.3)
    return {"max_rss_mb": _max_rss_mb(), "rows": len(rows)}
