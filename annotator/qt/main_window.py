"""The main window: library, article with its palette, annotation panel; menus and undo."""

from __future__ import annotations

from time import strftime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Change
from annotator.core.commands import Command, CreateAnnotation, DeleteAnnotation
from annotator.core.project import Project
from annotator.domain.gc_pause import pause_gc
from annotator.domain.model import Article
from annotator.domain.rows import ANNOTATOR
from annotator.qt.annotation_panel import AnnotationPanel
from annotator.qt.article_view import ArticleView
from annotator.qt.find_bar import FindBar
from annotator.qt.library_panel import LibraryPanel
from annotator.qt.tag_palette import TagPalette
from annotator.qt.undo import WindowCommand
from annotator.qt.util import plain_label
from annotator.qt.window_claims import WindowClaims
from annotator.qt.window_conflicts import WindowConflicts
from annotator.qt.window_docks import WindowDocks
from annotator.qt.window_files import WindowFiles
from annotator.qt.window_review import WindowReview
from annotator.qt.window_search import connect_library
from annotator.qt.window_settings import WindowSettings
from annotator.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from annotator.qt.importer import ImportJob


class MainWindow(
    WindowClaims,
    WindowConflicts,
    WindowDocks,
    WindowFiles,
    WindowSettings,
    WindowReview,
    QMainWindow,
):
    #: an import batch finished: article ids imported (or found), error lines
    import_finished = Signal(list, list)

    def __init__(self, project: Project, settings: Settings | None = None) -> None:
        super().__init__()
        self.project = project
        self.settings = settings or Settings()
        self.article: Article | None = None
        self._word_count: int | None = 0
        self._word_counts: dict[str, int] = {}
        self._actors: set[str] = set()
        self._suggested: list[str] = []
        self._annotators: set[str] = set()
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._jobs: list[ImportJob] = []
        self.setWindowTitle("annotator")
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self._build_widgets()
        self._build_menus()
        self._connect()
        self._unsubscribe = project.subscribe(self._on_change)
        self.apply_settings(self.settings)
        self.refresh_library()
        self._start_external_watch()
        self._start_drafts()
        self.warn_about_storage()

    # --- building -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.library = LibraryPanel()
        self.view = ArticleView()
        self.palette_bar = TagPalette()
        self.find_bar = FindBar(self.view)
        self.find_bar.hide()
        self.panel = AnnotationPanel()
        header = QFrame()
        header.setObjectName("articleHeader")
        self.title_label = plain_label(name="articleTitle")
        self.title_label.setWordWrap(True)
        self.meta_label = plain_label(name="articleMeta")
        self.meta_label.setWordWrap(True)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(32, 16, 32, 12)
        header_layout.addWidget(self.title_label)
        header_layout.addWidget(self.meta_label)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        top_row = QWidget()
        top_layout = QHBoxLayout(top_row)
        top_layout.setContentsMargins(0, 0, 8, 0)
        top_layout.addWidget(self.palette_bar, 1)
        self._build_show_filter()
        top_layout.addWidget(self.show_box)
        centre_layout.addWidget(top_row)
        centre_layout.addWidget(header)
        centre_layout.addWidget(self.find_bar)
        centre_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 690, 500])
        self.setCentralWidget(self.splitter)
        self._build_docks()  # their content is made when first shown
        self._connect_review_tab()
        self.save_label = plain_label("Ready")
        self.stats_label = plain_label("")
        self.statusBar().addWidget(self.save_label, 1)
        self.statusBar().addPermanentWidget(self.stats_label)
        tags = self.project.tags()
        self.view.set_tags(tags)
        self.palette_bar.set_tags(tags)
        self.panel.set_tags(tags)
        self._refresh_people()

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Import files…", self.import_dialog, QKeySequence.StandardKey.Open)
        self._action(file_menu, "Import from &URL…", self.import_url_dialog)
        file_menu.addSeparator()
        self._action(
            file_menu,
            "Import &annotations…",
            self.import_annotations_dialog,
            QKeySequence("Ctrl+Shift+I"),
        )
        self._action(file_menu, "&Export…", self.export_dialog, QKeySequence("Ctrl+E"))
        self._action(file_menu, "&Back up the database…", self.backup_dialog)
        self._action(file_menu, "&Restore from a backup…", self.restore_dialog)
        file_menu.addSeparator()
        self._action(file_menu, "&Settings…", self.settings_dialog, QKeySequence("Ctrl+,"))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self._action(edit, "&Find in article…", self.find_bar.open, QKeySequence.StandardKey.Find)
        self._action(edit, "&Delete annotation", self._delete_selected)
        self._action(edit, "&Link selected annotation…\tL", self.view.start_link)
        view_menu = bar.addMenu("&View")
        self._action(
            view_menu,
            "Zoom &in",
            lambda: self.view.set_font_size(self.view.font_size() + 1),
            QKeySequence.StandardKey.ZoomIn,
        )
        self._action(
            view_menu,
            "Zoom &out",
            lambda: self.view.set_font_size(self.view.font_size() - 1),
            QKeySequence.StandardKey.ZoomOut,
        )
        view_menu.addSeparator()
        self._action(view_menu, "&Next annotation", lambda: self.view._jump(forward=True))
        self._action(view_menu, "&Previous annotation", lambda: self.view._jump(forward=False))
        view_menu.addSeparator()
        self._add_dock_actions(view_menu)
        view_menu.addSeparator()
        self._action(view_menu, "Toggle &dark theme", self._toggle_theme)
        tools = bar.addMenu("&Tools")
        self._action(tools, "&Tag set…", self.tagset_dialog)
        self._action(tools, "&Actors…", self.actors_dialog)
        tools.addSeparator()
        self._action(tools, "Build the agreed (&gold) set of this article", self.curate_dialog)
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self._show_shortcuts, QKeySequence("F1"))

    def _connect(self) -> None:
        v = self.view
        v.tagRequested.connect(self._create)
        self._connect_view_edits()
        v.deleteRequested.connect(lambda aid: self._push(DeleteAnnotation(aid)))
        v.annotationSelected.connect(self._view_selected)
        v.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        v.fontSizeChanged.connect(self._font_size_changed)
        self.palette_bar.tagChosen.connect(v.apply_tag)
        self.panel.annotationClicked.connect(
            lambda aid: v.select_annotation(aid, scroll=True, flash=True)
        )
        d = self.panel.details
        self._connect_detail_edits()
        d.notePending.connect(
            lambda pending: (
                pending and self.save_label.setText("Editing note… (saved after a second idle)")
            )
        )
        self._connect_claims()
        connect_library(self)  # and the search box

    # --- settings and theme ---------------------------------------------------------------

    def refresh_library(self) -> None:
        self.library.set_articles(
            self.project.articles(), self.article.id if self.article else None
        )

    def open_article(self, article_id: str, *, reloading: bool = False) -> None:
        resume_gc = pause_gc()  # tens of thousands of rows: no collection in the middle,
        # and the previous article's rows are freed after the first paint too (freeing
        # 50,000 rows takes about as long as reading them)
        previous = (self.view.layer_index, self.panel.model.rows)
        try:
            self._open_article(article_id, reloading)
        finally:
            QTimer.singleShot(0, lambda: (resume_gc(), previous))

    def _open_article(self, article_id: str, reloading: bool) -> None:
        if not reloading:
            self.panel.details.flush_note()
        article = self.project.article(article_id, count=False)
        # rows, not Annotation objects: the view and the list make those they show
        annotations = self.project.placed_rows(article.id)
        if self.shown_annotators:
            annotations = [r for r in annotations if r[ANNOTATOR] in self.shown_annotators]
        self.article = article
        self._word_count = self._word_counts.get(article.id)
        self.view.set_article(article, annotations)
        self.reload_relations()
        self.reload_orphans()
        self.docks_show_article(article.id)
        self._suggested = []
        QTimer.singleShot(0, lambda aid=article.id: self._suggest_actors(aid))
        self.panel.reset(annotations)
        if not reloading:
            self.panel.select(None)
            self.show_claim_details(None)
        self.title_label.setText(article.display_title)
        meta = [
            f"By {article.byline}" if article.byline else "",
            article.outlet or "",
            article.published or "",
            article.url or "",
        ]
        self.meta_label.setText("  ·  ".join(m for m in meta if m))
        self.setWindowTitle(f"{article.display_title} — annotator")
        stack = self._stacks.get(article.id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[article.id] = stack
        self.undo_group.setActiveStack(stack)
        self.library.mark_current(article.id)
        if self.find_bar.isVisible():
            self.find_bar.search()
        self._update_stats()
        self.refresh_badges()
        if not reloading:
            self.view.setFocus()

    # --- actions ----------------------------------------------------------------------------

    def _push(self, command: Command) -> None:
        stack = self.undo_group.activeStack()
        if stack is None or self.article is None:
            return
        # a command that fails marks itself obsolete, and QUndoStack then drops it
        stack.push(WindowCommand(self, command))

    def _create(self, start: int, end: int, tag: str) -> None:
        if self.article is None:
            return
        command = CreateAnnotation(self.article.id, start, end, tag)
        self._push(command)
        if command.created is not None:
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            self.view.select_annotation(command.created.id)

    def _delete_selected(self) -> None:
        if self.view.selected_id:
            self._push(DeleteAnnotation(self.view.selected_id))

    def show_error(self, message: str) -> None:
        QApplication.beep()
        self.statusBar().showMessage(message, 8000)

    def _view_selected(self, annotation_id: str) -> None:
        self.panel.select(annotation_id or None)
        self.show_claim_details(annotation_id or None)

    # --- change events ----------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind == "articles":
            self.articles_added(change.ids)
        elif change.kind == "annotations":
            if change.article_id is None and self.article is not None:
                self.reload_article()  # a change across articles (e.g. actors merged)
            elif self.article is not None and change.article_id == self.article.id:
                if self.panel.orphans.orphans:  # one of them may just have been attached
                    self.reload_orphans()
                new_people = False
                changed = []
                for annotation_id in change.ids:
                    annotation = self.project.annotation(annotation_id)
                    changed.append(annotation)
                    if not self.shown(annotation):
                        self.view.forget(annotation.id)
                        self.panel.forget(annotation.id)
                        continue
                    self.view.annotation_changed(annotation)
                    self.panel.upsert(annotation)
                    new_people |= annotation.annotator not in self._annotators or bool(
                        annotation.actor and annotation.actor not in self._actors
                    )
                self._update_stats()
                if new_people:
                    self._refresh_people()
                self.update_badges(changed)
                self.library.model.set_count(self.article.id, self.panel.model.rowCount())
                self.refresh_board_later()
            else:
                self.refresh_library()
        else:
            self.on_claims_change(change)
        self.save_label.setText(f"✓ Saved {strftime('%H:%M:%S')} — {self.project.path}")

    def _suggest_actors(self, article_id: str) -> None:
        """Actor suggestions and the word count of the article, after its first paint."""
        if self.article is not None and self.article.id == article_id:
            if self._word_count is None:
                self._word_count = len(self.article.text.split())
                self._word_counts[article_id] = self._word_count
                self._update_stats()
            self._suggested = self.project.suggest_actors(article_id)
            self._refresh_people()

    def _refresh_people(self) -> None:
        self._actors = {a.name for a in self.project.actors()}
        self._annotators = set(self.project.annotators())
        if hasattr(self, "show_box"):
            self._fill_show_box()
        self.panel.set_people(
            sorted(self._actors, key=str.casefold), sorted(self._annotators), self._suggested
        )

    def _update_stats(self) -> None:
        if self.article is None:
            self.stats_label.setText("")
            return
        counts = self.panel.model.tag_counts
        parts = [f"{self.panel.model.rowCount()} annotations"] + [
            f"{counts[t.name]} {t.name}" for t in self.project.tags() if counts[t.name]
        ]
        words = f"  ·  {self._word_count:,} words" if self._word_count is not None else ""
        self.stats_label.setText("  ·  ".join(parts) + words)

    # --- import and export ------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._external_timer.stop()
        self.panel.details.flush_note()
        for job in list(self._jobs):
            job._cancel()
            job.wait(5000)
        self._unsubscribe()
        super().closeEvent(event)
