"""The article view: read-only text made for reading, selection, keys and highlights.

The view never writes: it turns the user's gestures into requests (signals)
in code points, and the main window turns those into undoable core actions.
Offsets cross from Qt's UTF-16 into code points only through
:class:`~annotator.domain.text.Utf16Map`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.domain.layers import LayerIndex
from annotator.domain.model import Annotation, Article, Tag
from annotator.domain.text import (
    Utf16Map,
    next_word_boundary,
    previous_word_boundary,
    snap_to_words,
    word_at,
)
from annotator.qt.highlighter import AnnotationHighlighter
from annotator.qt.lane_margin import LaneMargin

READING_COLUMN_CHARS = 78
MIN_FONT, MAX_FONT = 8, 36


class ArticleView(QPlainTextEdit):
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        #: highlighting is lazy: blocks are highlighted when they come into view
        self.highlight_enabled = True
        self.highlighted_blocks: set[int] = set()
        self.highlighter = AnnotationHighlighter(self.document(), self)
        self.margin = LaneMargin(self)
        self.verticalScrollBar().valueChanged.connect(self.highlight_visible)
        self.updateRequest.connect(self._on_update_request)
        self.find_marks: list[QTextEdit.ExtraSelection] = []
        self._margins = (0, 0, 0, 0)
        self.set_font_size(13)

    # --- content ----------------------------------------------------------------------

    def set_theme_alphas(self, fill_alpha: int, selected_alpha: int) -> None:
        self.highlighter.formats.configure(self.tags, fill_alpha, selected_alpha)
        self.rehighlight_all()

    def rehighlight_all(self) -> None:
        """Repaint highlights everywhere: now for the blocks in view, later for the rest."""
        doc = self.document()
        done = sorted(self.highlighted_blocks)
        self.highlighted_blocks.clear()
        self.highlight_enabled = False
        for number in done:  # clear old formats cheaply; they are redone when seen
            block = doc.findBlockByNumber(number)
            if block.isValid():
                block.layout().clearFormats()
        self.highlight_enabled = True
        self.viewport().update()
        self.highlight_visible()

    def highlight_visible(self) -> None:
        """Highlight the blocks in view (and one screen below) not highlighted yet."""
        if self.layer_index is None or not self.layer_index.by_id:
            return
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        limit = self.viewport().height() * 2
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > limit:
                break
            if block.blockNumber() not in self.highlighted_blocks:
                self.highlighter.rehighlightBlock(block)
            block = block.next()

    def set_tags(self, tags: list[Tag]) -> None:
        self.tags = tags
        f = self.highlighter.formats
        f.configure(tags, f.fill_alpha, f.selected_alpha)

    def set_article(self, article: Article | None, annotations: list[Annotation]) -> None:
        """Show ``article``; the index is built before the text so it is highlighted once."""
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
        self.layer_index = LayerIndex(article.text, annotations)
        self.highlighted_blocks.clear()
        self.highlight_enabled = False  # Qt would highlight every block of the text now
        self.setPlainText(article.text)
        self.highlight_enabled = True
        self._update_margins()
        self.highlight_visible()

    def annotation_changed(self, annotation: Annotation) -> None:
        """Add or update one annotation (deleted ones are removed)."""
        if self.layer_index is None or annotation.article_id != (self.article and self.article.id):
            return
        lanes_before = self.layer_index.lane_count
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

    def _rehighlight_paragraphs(self, paragraphs: range) -> None:
        index, umap = self.layer_index, self.utf16
        if index is None or umap is None or not paragraphs:
            return
        first = index.starts[paragraphs.start]
        last_para = paragraphs.stop - 1
        end_cp = (
            (index.starts[last_para + 1] - 1)
            if last_para + 1 < len(index.starts)
            else len(index.text)
        )
        doc = self.document()
        block = doc.findBlock(umap.to_utf16(first))
        end_u16 = umap.to_utf16(end_cp)
        while block.isValid() and block.position() <= end_u16:
            if block.blockNumber() in self.highlighted_blocks:
                self.highlighter.rehighlightBlock(block)
            block = block.next()
        self.highlight_visible()

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
        self.margin.update()
        self.viewport().update()
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
        self.viewport().update()

    # --- geometry: a comfortable reading column ----------------------------------------

    def set_font_size(self, points: int) -> None:
        points = max(MIN_FONT, min(MAX_FONT, points))
        font = QFont(self.font())
        font.setPointSize(points)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._update_margins()
        self.fontSizeChanged.emit(points)

    def set_font_family(self, family: str) -> None:
        if family:
            font = QFont(self.font())
            font.setFamily(family)
            self.setFont(font)
            self.document().setDefaultFont(font)
            self._update_margins()

    def font_size(self) -> int:
        return self.font().pointSize()

    def _update_margins(self) -> None:
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

    # --- painting the selected annotation's outline -------------------------------------

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering ``[start, end)`` on the visible lines."""
        if self.utf16 is None:
            return []
        u_start, u_end = self.utf16.to_utf16(start), self.utf16.to_utf16(end)
        rects: list[QRectF] = []
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            b0 = block.position()
            b1 = b0 + block.length() - 1
            if b1 >= u_start and b0 <= u_end and block.isVisible():
                layout = block.layout()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    l0 = b0 + line.textStart()
                    l1 = l0 + line.textLength()
                    s, e = max(l0, u_start), min(l1, u_end)
                    if s >= e:
                        continue
                    x0, _ = line.cursorToX(s - b0)
                    x1, _ = line.cursorToX(e - b0)
                    left, right = sorted((x0, x1))
                    rects.append(
                        QRectF(
                            geometry.left() + left,
                            geometry.top() + line.y(),
                            right - left,
                            line.height(),
                        )
                    )
            block = block.next()
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        a = self.selected_annotation()
        if a is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tag = self.highlighter.formats.tags.get(a.tag)
        colour = QColor(tag.colour if tag else "#888888")
        painter.setPen(QPen(colour, 3 if self._flash_on else 1.5))
        if self._flash_on:
            fill = QColor(colour)
            fill.setAlpha(90)
            painter.setBrush(fill)
        for rect in self.span_rects(a.start, a.end):
            painter.drawRoundedRect(rect.adjusted(-1.5, -0.5, 1.5, 0.5), 3, 3)
        painter.end()

    # --- tooltips ---------------------------------------------------------------------

    def tooltip_for(self, cp: int) -> str | None:
        if self.layer_index is None:
            return None
        layers = self.layer_index.at(cp)
        if not layers:
            return None
        parts = []
        for a in layers:
            lines = [f"<b>{html.escape(a.tag)}</b>"]
            if a.actor:
                lines.append(f"Actor: {html.escape(a.actor)}")
            lines.append(f"By: {html.escape(a.annotator)}")
            if a.note:
                note = a.note if len(a.note) < 300 else a.note[:299] + "…"
                lines.append(f"Note: {html.escape(note)}")
            parts.append("<br>".join(lines))
        if len(layers) > 1:
            parts.append(
                f"<i>{len(layers)} overlapping — click again to cycle, right-click to pick</i>"
            )
        return "<p style='white-space:pre-wrap'>" + "<hr>".join(parts) + "</p>"

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            cp = self.cp_at(pos)
            tip = self.tooltip_for(cp) if cp is not None else None
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # --- mouse ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._raw_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Select the word under the pointer, by our word rules (no quotes or punctuation)."""
        super().mouseDoubleClickEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.article is None:
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._raw_selection = True
            return
        cp = self.cp_at(event.position().toPoint())
        if cp is not None:
            self.select_cp(*word_at(self.article.text, cp))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._raw_selection = True
        span = self.cp_selection()
        if span is not None:
            if self.snap_to_words and not self._raw_selection and self.article:
                snapped = snap_to_words(self.article.text, *span)
                if snapped != span:
                    self.select_cp(*snapped)
            return
        cp = self.cp_at(event.position().toPoint())
        if cp is None or self.layer_index is None:
            self.select_annotation(None)
            return
        layers = self.layer_index.at(cp)
        if not layers:
            self.select_annotation(None)
            return
        ids = [a.id for a in layers]
        if self.selected_id in ids:  # clicking an overlap again cycles through its layers
            chosen = ids[(ids.index(self.selected_id) + 1) % len(ids)]
        else:
            chosen = ids[0]
        self.select_annotation(chosen)
        if len(ids) > 1:
            self.message.emit(
                f"{len(ids)} overlapping annotations here: click again for the "
                "next, right-click to pick"
            )

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        cp = self.cp_at(self.viewport().mapFromGlobal(event.globalPos()))
        layers = self.layer_index.at(cp) if (cp is not None and self.layer_index) else []
        for a in layers:
            excerpt = a.exact if len(a.exact) <= 40 else a.exact[:39] + "…"
            action = menu.addAction(f"Select {a.tag}: “{excerpt}”")
            action.triggered.connect(lambda _=False, aid=a.id: self.select_annotation(aid))
        span = self.cp_selection()
        if span is not None:
            if layers:
                menu.addSeparator()
            tag_menu = menu.addMenu("Tag selection as")
            for tag in self.tags:
                act = tag_menu.addAction(f"{tag.name}\t{tag.key or ''}")
                act.triggered.connect(lambda _=False, t=tag.name: self._tag_selection(t))
        current = self.selected_annotation()
        if current is not None:
            menu.addSeparator()
            retag = menu.addMenu("Retag selected annotation")
            for tag in self.tags:
                act = retag.addAction(tag.name)
                act.setEnabled(tag.name != current.tag)
                act.triggered.connect(
                    lambda _=False, t=tag.name, aid=current.id: self.retagRequested.emit(aid, t)
                )
            delete = menu.addAction("Delete selected annotation\tDel")
            delete.triggered.connect(lambda: self.deleteRequested.emit(current.id))
        menu.addSeparator()
        copy = menu.addAction("Copy\tCtrl+C")
        copy.setEnabled(span is not None)
        copy.triggered.connect(self.copy)
        menu.exec(event.globalPos())

    # --- keys -------------------------------------------------------------------------

    def _tag_selection(self, tag_name: str) -> None:
        span = self.cp_selection()
        if span is None or self.article is None:
            return
        if self.snap_to_words and not self._raw_selection:
            span = snap_to_words(self.article.text, *span)
        self.tagRequested.emit(span[0], span[1], tag_name)

    def tag_by_key(self, key: str) -> bool:
        """Digit pressed or palette clicked: a new annotation, or a retag of the selected."""
        tag = next((t for t in self.tags if t.key == key), None)
        if tag is None:
            return False
        self.apply_tag(tag.name)
        return True

    def apply_tag(self, tag_name: str) -> None:
        if self.cp_selection() is not None:
            self._tag_selection(tag_name)
        elif self.selected_id is not None:
            current = self.selected_annotation()
            if current is not None and current.tag != tag_name:
                self.retagRequested.emit(current.id, tag_name)
        else:
            self.message.emit("Select some text first (double-click a word, or drag)")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift_alt = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
        if mods == shift_alt and key in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self._resize_selected(key)
            return
        if mods == Qt.KeyboardModifier.NoModifier:
            text = event.text()
            if text.isdigit() and text != "0" and self.tag_by_key(text):
                return
            if key == Qt.Key.Key_Escape:
                cursor = self.textCursor()
                if cursor.hasSelection():
                    cursor.clearSelection()
                    self.setTextCursor(cursor)
                else:
                    self.select_annotation(None)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_id:
                self.deleteRequested.emit(self.selected_id)
                return
            if key in (Qt.Key.Key_N, Qt.Key.Key_P):
                self._jump(forward=key == Qt.Key.Key_N)
                return
        if mods == Qt.KeyboardModifier.ControlModifier and key in (
            Qt.Key.Key_Plus,
            Qt.Key.Key_Equal,
            Qt.Key.Key_Minus,
            Qt.Key.Key_0,
        ):
            step = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Equal: 1, Qt.Key.Key_Minus: -1}.get(key)
            self.set_font_size(self.font_size() + step if step else 13)
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._raw_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().keyPressEvent(event)

    def _jump(self, *, forward: bool) -> None:
        index = self.layer_index
        if index is None or self.utf16 is None:
            return
        pos = self.utf16.to_codepoint(self.textCursor().position())
        target = (
            index.next_after(pos, self.selected_id)
            if forward
            else index.previous_before(pos, self.selected_id)
        )
        if target is None:
            self.message.emit("No more annotations " + ("below" if forward else "above"))
            return
        self.select_annotation(target.id, scroll=True)

    def _resize_selected(self, key: int) -> None:
        a = self.selected_annotation()
        if a is None or self.article is None:
            self.message.emit("Select an annotation to move its boundaries")
            return
        text = self.article.text
        start, end = a.start, a.end
        if key == Qt.Key.Key_Right:
            end = next_word_boundary(text, end)
        elif key == Qt.Key.Key_Left:
            end = max(start + 1, _end_of_previous_word(text, end, start))
        elif key == Qt.Key.Key_Up:
            start = previous_word_boundary(text, start)
        else:
            start = min(end - 1, _start_of_next_word(text, start, end))
        if (start, end) != (a.start, a.end):
            self.resizeRequested.emit(a.id, start, end)


def _end_of_previous_word(text: str, end: int, floor: int) -> int:
    """Shrink ``end`` by one word (never below ``floor + 1``)."""
    pos = previous_word_boundary(text, end)
    if pos <= floor:
        return end
    while pos > floor and text[pos - 1].isspace():
        pos -= 1
    return pos


def _start_of_next_word(text: str, start: int, ceiling: int) -> int:
    """Shrink ``start`` by one word (never past ``ceiling - 1``)."""
    pos = next_word_boundary(text, start)
    while pos < ceiling and text[pos].isspace():
        pos += 1
    return pos if pos < ceiling else start
