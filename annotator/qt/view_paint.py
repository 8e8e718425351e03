"""Painting over the article text: the selected annotation's outline, the pending
link target's dashed outline, and (through :mod:`link_arcs`) the link arcs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QRegion

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


#: the widest badge a region leaves room for (two initials and a review state)
BADGE_SAMPLE = "WW ✗"


def badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(6.5, font.pointSizeF() * 0.62))
    font.setBold(True)
    return font


_metrics: dict[str, QFontMetricsF] = {}


def _badge_metrics(base: QFont) -> QFontMetricsF:
    """The metrics of the badges' font for a view's font (made once per font)."""
    key = base.key()
    metrics = _metrics.get(key)
    if metrics is None:
        metrics = _metrics[key] = QFontMetricsF(badge_font(base))
    return metrics


def badge_box(last: QRectF, width: float, height: float) -> QRectF:
    """Where a badge ``width`` wide goes: over the end of the annotation's last line."""
    return QRectF(last.right() - width + 2, last.top() - height * 0.55, width, height)


def overlay_region(view: ArticleView, annotation_id: str | None) -> QRegion:
    """The part of the viewport an annotation's overlays may cover: its outline and its
    badge (room for one even if it has none yet), and when it has links, the outlines of
    the annotations at their other ends and the margin strip of the arcs. Repainting
    this (and the changed blocks) is enough when it is selected or no longer is."""
    region = QRegion()
    index = view.layer_index
    a = index.by_id.get(annotation_id) if (index is not None and annotation_id) else None
    if a is None:
        return region
    rects = span_rects(view, a.start, a.end)
    for rect in rects:
        region += rect.adjusted(-4, -3, 4, 3).toAlignedRect()
    if rects:
        metrics = _badge_metrics(view.viewport().font())
        text = max(view.badges.get(a.id, ""), BADGE_SAMPLE, key=metrics.horizontalAdvance)
        box = badge_box(rects[-1], metrics.horizontalAdvance(text) + 6, metrics.height())
        region += box.adjusted(-3, -3, 3, 3).toAlignedRect()
    relations = view.relations_by_annotation.get(a.id)
    if relations:
        strip = view.document().documentMargin() + view.contentOffset().x() + 6
        region += QRect(0, 0, int(strip) + 1, view.viewport().height())
        for relation in relations:
            other_id = relation.to_id if relation.from_id == a.id else relation.from_id
            other = index.by_id.get(other_id)
            if other is not None:
                for rect in span_rects(view, other.start, other.end):
                    region += rect.adjusted(-4, -3, 4, 3).toAlignedRect()
    return region


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
    painter.setFont(badge_font(painter.font()))
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
        box = badge_box(last, metrics.horizontalAdvance(text) + 6, metrics.height())
        painter.setPen(QPen(colour, 1))
        painter.setBrush(paper)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
