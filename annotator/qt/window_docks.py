"""The main window's docks: the claims board, the review queue and the comparison of two
annotators. Each dock is added at start, hidden, and its content is made the first time
the dock is shown or the content is asked for (``window.board``, ``window.queue``,
``window.compare``): a start builds none of them.

A mixin of :class:`~annotator.qt.main_window.MainWindow`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

if TYPE_CHECKING:
    from annotator.qt.board_view import BoardView
    from annotator.qt.compare_view import CompareView
    from annotator.qt.main_window import MainWindow
    from annotator.qt.review_queue import ReviewQueue

    _Base = MainWindow
else:
    _Base = object


class LazyDock(QDockWidget):
    """A dock whose content widget is made by ``build`` when it is first needed: the dock
    shown (its View menu action, ``show()``) or :meth:`content` called."""

    def __init__(
        self, title: str, name: str, parent: QMainWindow, build: Callable[[], QWidget]
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._build = build
        self._content: QWidget | None = None

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._build()
            self.setWidget(self._content)
        return self._content

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt override (show, hide)
        if visible:
            self.content()
        super().setVisible(visible)


class WindowDocks(_Base):
    def _build_docks(self) -> None:
        self.board_dock = LazyDock("Claims board", "boardDock", self, self._make_board)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.board_dock)
        self.board_dock.hide()
        self.queue_dock = LazyDock("Review queue", "queueDock", self, self._make_queue)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.queue_dock)
        self.queue_dock.hide()
        self.compare_dock = LazyDock("Compare annotators", "compareDock", self, self._make_compare)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.compare_dock)
        self.tabifyDockWidget(self.board_dock, self.compare_dock)
        self.compare_dock.hide()
        self.compare_dock.visibilityChanged.connect(
            lambda shown: (
                shown and self.compare.set_people(sorted(self._annotators, key=str.casefold))
            )
        )
        self.comparing: tuple[str, str] | None = None

    def _add_dock_actions(self, view_menu: QMenu) -> None:
        for dock, text, keys in (
            (self.board_dock, "Claims &board", "Ctrl+B"),
            (self.queue_dock, "&Review queue", "Ctrl+R"),
            (self.compare_dock, "&Compare annotators", "Ctrl+Shift+C"),
        ):
            action = dock.toggleViewAction()
            action.setText(text)
            action.setShortcut(QKeySequence(keys))
            view_menu.addAction(action)

    @property
    def board(self) -> BoardView:
        return cast("BoardView", self.board_dock.content())

    @property
    def queue(self) -> ReviewQueue:
        return cast("ReviewQueue", self.queue_dock.content())

    @property
    def compare(self) -> CompareView:
        return cast("CompareView", self.compare_dock.content())

    def _make_board(self) -> QWidget:
        from annotator.qt.board_view import BoardView

        board = BoardView(self.project)
        board.jumpRequested.connect(self.jump_to)
        board.set_article(self.article.id if self.article else None)
        return board

    def _make_queue(self) -> QWidget:
        from annotator.qt.review_queue import ReviewQueue

        queue = ReviewQueue(self.project)
        queue.showRequested.connect(self._show_queued)
        queue.reviewRequested.connect(self.review_annotation)
        queue.set_article(self.article.id if self.article else None)
        return queue

    def _make_compare(self) -> QWidget:
        from annotator.qt.compare_view import CompareView

        compare = CompareView(self.project)
        compare.compareRequested.connect(self.compare_annotators)
        compare.jumpRequested.connect(
            lambda aid: self.view.select_annotation(aid, scroll=True, flash=True)
        )
        return compare

    def docks_show_article(self, article_id: str) -> None:
        """The board and the queue follow the open article (once they exist)."""
        if self.board_dock.built:
            self.board.set_article(article_id)
        if self.queue_dock.built:
            self.queue.set_article(article_id)

    def refresh_board_later(self) -> None:
        """A change the board may show: rebuilt soon if it is shown (see BoardView)."""
        if self.board_dock.built:
            self.board.refresh_later()
