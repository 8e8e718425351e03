"""Painting over the article text: the selected annotation's outline, the pending
link target's dashed outline, and (through :mod:`link_arcs`) the link arcs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.qt.link_arcs import paint_links

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView


def span_rects(view: ArticleView, start: int, end: int) -> list[QRectF]:
    """Viewport rectangles covering ``[start, end)`` on the visible lines."""
    if view.utf16 is None:
        return []
    u_start, u_end = view.utf16.to_utf16(start), view.utf16.to_utf16(end)
    rects: list[QRectF] = []
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    if block.position() < u_start:  # start at the span's own block when it is lower
        block = view.document().findBlock(u_start)
    height = view.viewport().height()
    while block.isValid() and block.position() <= u_end:
        geometry = view.blockBoundingGeometry(block).translated(offset)
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


def paint_overlays(view: ArticleView) -> None:
    """The selected annotation's outline (flashing when asked), the link candidate's
    dashed outline, the link arcs, and the badges (initials, review state)."""
    a = view.selected_annotation()
    candidate = (
        view.layer_index.by_id.get(view.link_candidate or "") if (view.layer_index) else None
    )
    if a is None and candidate is None and not view.badges:
        return
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if a is not None:
        tag = view.highlighter.formats.tags.get(a.tag)
        colour = QColor(tag.colour if tag else "#888888")
        painter.setPen(QPen(colour, 3 if view._flash_on else 1.5))
        if view._flash_on:
            fill = QColor(colour)
            fill.setAlpha(90)
            painter.setBrush(fill)
        for rect in span_rects(view, a.start, a.end):
            painter.drawRoundedRect(rect.adjusted(-1.5, -0.5, 1.5, 0.5), 3, 3)
    if candidate is not None:
        painter.setPen(QPen(view.palette().text().color(), 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in span_rects(view, candidate.start, candidate.end):
            painter.drawRoundedRect(rect.adjusted(-2.5, -1.5, 2.5, 1.5), 3, 3)
    paint_links(view, painter)
    paint_badges(view, painter)  # last: above outlines and arcs
    painter.end()


def _visible_range(view: ArticleView) -> tuple[int, int] | None:
    """Code points from the first to the last visible block."""
    if view.utf16 is None:
        return None
    first = view.firstVisibleBlock()
    bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    start = view.utf16.to_codepoint(first.position())
    end = view.utf16.to_codepoint(min(view.utf16.length_u16, bottom + 1))
    return (start, max(end, start + 1))


def paint_badges(view: ArticleView, painter: QPainter) -> None:
    """Small badges at the end of each visible annotation: the annotator's initials
    (when several people annotated the article) and the review state (✓ / ✗)."""
    index = view.layer_index
    if index is None or not view.badges:
        return
    visible = _visible_range(view)
    if visible is None:
        return
    font = painter.font()
    font.setPointSizeF(max(6.5, font.pointSizeF() * 0.62))
    font.setBold(True)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    paper = QColor(view.palette().base().color())
    paper.setAlpha(225)
    for a in index.overlapping(*visible):
        text = view.badges.get(a.id)
        if not text:
            continue
        rects = span_rects(view, a.start, a.end)
        if not rects:
            continue
        last = rects[-1]
        tag = view.highlighter.formats.tags.get(a.tag)
        colour = QColor(tag.colour if tag else "#888888")
        if text.endswith("✗"):
            colour = QColor("#C0392B")
        width = metrics.horizontalAdvance(text) + 6
        height = metrics.height()
        box = QRectF(last.right() - width + 2, last.top() - height * 0.55, width, height)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(paper)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
