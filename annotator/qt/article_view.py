"""The article view: read-only text made for reading, selection, keys and highlights.

The view never writes: it turns the user's gestures into requests (signals)
in code points, and the main window turns those into undoable core actions.
Offsets cross from Qt's UTF-16 into code points only through
:class:`~annotator.domain.text.Utf16Map`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from annotator.domain.layers import LayerIndex
from annotator.domain.model import Annotation, Article, Relation, Tag
from annotator.domain.rows import Row
from annotator.domain.text import (
    Utf16Map,
)
from annotator.qt.highlighter import AnnotationHighlighter, BlockFormatsLayout
from annotator.qt.lane_margin import LaneMargin
from annotator.qt.util import set_plain_text
from annotator.qt.view_highlight import ViewHighlights
from annotator.qt.view_input import ViewInput
from annotator.qt.view_paint import overlay_region, paint_overlays, span_rects

READING_COLUMN_CHARS = 78
MIN_FONT, MAX_FONT = 8, 36


class ArticleView(ViewInput, ViewHighlights, QPlainTextEdit):
    #: a new annotation: code-point start, end, tag name
    tagRequested = Signal(int, int, str)
    #: retag the selected annotation: id, tag name
    retagRequested = Signal(str, str)
    deleteRequested = Signal(str)
    #: new boundaries for an annotation: id, start, end
    resizeRequested = Signal(str, int, int)
    #: the selected annotation changed ("" for none)
    annotationSelected = Signal(str)
    #: the reading font size changed (points)
    fontSizeChanged = Signal(int)
    #: something to tell the user (status bar)
    message = Signal(str)
    #: link two annotations: from id, to id (the window asks for the type)
    linkRequested = Signal(str, str)
    #: link mode started (True) or ended (False)
    linkModeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)  # laid out so that a highlighted block repaints alone
        layout = BlockFormatsLayout(document)
        document.setDocumentLayout(layout)
        self.setDocument(document)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.document().setDocumentMargin(24)
        # QPlainTextEdit applies one text option to every block and ignores block alignment;
        # with AlignJustify, Qt lays a right-to-left paragraph out from the right (and
        # justifies full lines, leaving each paragraph's last line ragged)
        option = self.document().defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignJustify)
        self.document().setDefaultTextOption(option)
        self.article: Article | None = None
        self.layer_index: LayerIndex | None = None
        self.utf16: Utf16Map | None = None
        self.selected_id: str | None = None
        self.tags: list[Tag] = []
        self.snap_to_words = True
        self._raw_selection = False  # the selection was made with Alt held: no snapping
        self._flash_on = False
        self._flash_ticks = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(140)
        self._flash_timer.timeout.connect(self._flash_step)
        self._init_highlights()
        self.highlighter = AnnotationHighlighter(layout, self)
        self.margin = LaneMargin(self)
        self.verticalScrollBar().valueChanged.connect(self.highlight_visible)
        self.updateRequest.connect(self._on_update_request)
        self.find_marks: list[QTextEdit.ExtraSelection] = []
        self._margins = (0, 0, 0, 0)
        #: links of the current article, by annotation id (both ends), and type labels
        self.relations_by_annotation: dict[str, list[Relation]] = {}
        self.relation_labels: dict[str, str] = {}
        #: while linking: the annotation the link starts from, and the target in view
        self.link_source: str | None = None
        #: small badges drawn at the end of annotations: initials, review state (✓ ✗)
        self.badges: dict[str, str] = {}
        self.link_candidate: str | None = None
        self.set_font_size(13)

    # --- content ----------------------------------------------------------------------

    def set_theme_alphas(self, fill_alpha: int, selected_alpha: int) -> None:
        self.highlighter.formats.configure(self.tags, fill_alpha, selected_alpha)
        self.rehighlight_all()

    def set_tags(self, tags: list[Tag]) -> None:
        self.tags = tags
        f = self.highlighter.formats
        f.configure(tags, f.fill_alpha, f.selected_alpha)

    def set_article(
        self, article: Article | None, annotations: Sequence[Annotation] | Sequence[Row]
    ) -> None:
        """Show ``article`` with its annotations (objects, or rows as the store reads them:
        see :mod:`annotator.domain.rows`); only the blocks in view are highlighted now."""
        self.article = article
        self.selected_id = None
        self.find_marks = []
        self.setExtraSelections([])
        if article is None:
            self.layer_index, self.utf16 = None, None
            self.setPlainText("")
            self._update_margins()
            return
        self.utf16 = Utf16Map(article.text)
        if annotations and type(annotations[0]) is tuple:
            self.layer_index = LayerIndex.from_rows(article.text, annotations)  # type: ignore[arg-type]
        else:
            self.layer_index = LayerIndex(article.text, annotations)  # type: ignore[arg-type]
        self.highlight_enabled = False  # the old text's blocks are not worth highlighting
        self._update_margins()  # the lanes are known: wrap the text once, at its width
        set_plain_text(self, article.text)  # a huge "word" is wrapped anywhere (fast)
        self.highlight_enabled = True
        self.highlighted_blocks.clear()
        self._visible_key = ()
        self.highlight_visible()

    def annotation_changed(self, annotation: Annotation) -> None:
        """Add or update one annotation (deleted ones are removed).

        Only what changed is repainted: the blocks it covered and covers (their lines of
        the lane margin follow through ``updateRequest``) and its overlays there."""
        if self.layer_index is None or annotation.article_id != (self.article and self.article.id):
            return
        lanes_before = self.layer_index.lane_count
        region = overlay_region(self, annotation.id)  # where it was
        if annotation.deleted:
            touched = self.layer_index.remove(annotation.id)
            if self.selected_id == annotation.id:
                self.select_annotation(None)
        else:
            touched = self.layer_index.add(annotation)
        self._rehighlight_paragraphs(touched)
        if self.layer_index.lane_count != lanes_before:
            self._update_margins()
            self.margin.update()
        self._update_region(region)
        self._update_overlays(annotation.id)  # where it is now

    def forget(self, annotation_id: str) -> None:
        """Drop an annotation that is no longer placed (deleted, or made an orphan)."""
        if self.layer_index is None or annotation_id not in self.layer_index.by_id:
            return
        region = overlay_region(self, annotation_id)
        if self.selected_id == annotation_id:
            self.select_annotation(None)
        lanes_before = self.layer_index.lane_count
        self._rehighlight_paragraphs(self.layer_index.remove(annotation_id))
        if self.layer_index.lane_count != lanes_before:
            self._update_margins()
            self.margin.update()
        self._update_region(region)

    def _update_region(self, region: QRegion) -> None:
        if not region.isEmpty():
            self.viewport().update(region)

    def _update_overlays(self, *annotation_ids: str | None) -> None:
        """Repaint where these annotations' overlays are (in a batch: where they are when
        it ends, measured once)."""
        if self._batch_depth:
            self._pending_overlays.update(annotation_ids)
            return
        region = QRegion()
        for annotation_id in annotation_ids:
            region += overlay_region(self, annotation_id)
        self._update_region(region)

    # --- offsets ----------------------------------------------------------------------

    def cp_selection(self) -> tuple[int, int] | None:
        """The selected text as code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.utf16 is None:
            return None
        start = self.utf16.to_codepoint(cursor.selectionStart())
        end = self.utf16.to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_cp(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) as if the user had."""
        if self.utf16 is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(self.utf16.to_utf16(start))
        cursor.setPosition(self.utf16.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cp_at(self, pos: QPoint) -> int | None:
        """The code point under a viewport position, or None past the text."""
        if self.utf16 is None or not self.article or not self.article.text:
            return None
        cursor = self.cursorForPosition(pos)
        u16 = cursor.position()
        rect = self.cursorRect(cursor)
        if pos.x() < rect.x() and u16 > 0:
            u16 -= 1
        block = cursor.block()
        if u16 >= block.position() + block.length() - 1:
            return None  # right of the end of the line
        return self.utf16.to_codepoint(min(u16, self.utf16.length_u16 - 1))

    # --- selection of annotations -----------------------------------------------------

    def select_annotation(
        self, annotation_id: str | None, *, scroll: bool = False, flash: bool = False
    ) -> None:
        index = self.layer_index
        previous = self.selected_id
        if annotation_id is not None and (index is None or annotation_id not in index.by_id):
            annotation_id = None
        self.selected_id = annotation_id
        if index is not None:
            for aid in {previous, annotation_id} - {None}:
                if aid in index.by_id:
                    a = index.by_id[aid]
                    self._rehighlight_paragraphs(index.paragraph_range(a.start, a.end))
        if annotation_id is not None and scroll:
            self.scroll_to_annotation(annotation_id)
        if flash and annotation_id is not None:
            self._flash_ticks = 6
            self._flash_timer.start()
        # the rehighlighted blocks repaint themselves and their lane-margin lines; the
        # outlines, badges and link arcs of the two annotations go or come
        self._update_overlays(previous, annotation_id)
        if previous != annotation_id:
            self.annotationSelected.emit(annotation_id or "")

    def selected_annotation(self) -> Annotation | None:
        if self.layer_index is None or self.selected_id is None:
            return None
        return self.layer_index.by_id.get(self.selected_id)

    def scroll_to_annotation(self, annotation_id: str) -> None:
        a = self.layer_index.by_id.get(annotation_id) if self.layer_index else None
        if a is None or self.utf16 is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.utf16.to_utf16(a.end))
        self.setTextCursor(cursor)
        cursor.setPosition(self.utf16.to_utf16(a.start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def _flash_step(self) -> None:
        self._flash_ticks -= 1
        self._flash_on = self._flash_ticks % 2 == 1
        if self._flash_ticks <= 0:
            self._flash_timer.stop()
            self._flash_on = False
        self._update_overlays(self.selected_id)

    # --- geometry: a comfortable reading column ----------------------------------------

    def set_font_size(self, points: int) -> None:
        points = max(MIN_FONT, min(MAX_FONT, points))
        font = QFont(self.font())
        font.setPointSize(points)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._update_margins()
        self._text_rewrapped()
        self.fontSizeChanged.emit(points)

    def set_font_family(self, family: str) -> None:
        if family:
            font = QFont(self.font())
            font.setFamily(family)
            self.setFont(font)
            self.document().setDefaultFont(font)
            self._update_margins()
            self._text_rewrapped()

    def _text_rewrapped(self) -> None:
        """Other blocks are in view now: highlight them (the scroll bar may not move)."""
        self._visible_key = ()
        self.highlight_visible()

    def font_size(self) -> int:
        return self.font().pointSize()

    def _update_margins(self) -> None:
        self.margin.forget_all()  # the text is wrapped anew, or its lanes changed
        gutter = self.margin.width_needed()
        column = self.fontMetrics().averageCharWidth() * READING_COLUMN_CHARS + 48
        spare = max(0, self.width() - self.verticalScrollBar().sizeHint().width() - gutter - column)
        left = gutter + spare // 2
        margins = (left, 0, spare - spare // 2, 0)
        if margins != self._margins:
            self._margins = margins
            self.setViewportMargins(*margins)
            # QPlainTextEdit re-wraps only on its own resize: give it one for the new viewport
            QPlainTextEdit.resizeEvent(self, QResizeEvent(self.size(), QSize(-1, -1)))
        cr = self.contentsRect()
        self.margin.setGeometry(QRect(cr.left() + left - gutter, cr.top(), gutter, cr.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_margins()
        self.highlight_visible()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self.margin.scroll(0, dy)
        else:
            self.margin.update(0, rect.y(), self.margin.width(), rect.height())

    # --- painting over the text: outlines and link arcs ---------------------------------

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering ``[start, end)`` on the visible lines."""
        return span_rects(self, start, end)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        paint_overlays(self)
