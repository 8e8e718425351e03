"""Connector arcs between linked annotations, drawn over the article view.

For the selected annotation (and, while linking, from the source to the
candidate target) each link is an arc in the left margin from the line of one
span to the line of the other, with an arrow at the target; the linked spans
get a dashed outline so it is clear which passage on a line is meant. Arcs
never cross the text. The arc's colour is the source's tag colour and its
line style tells the relation type (the tooltip and the details panel name
it). A target out of view gets an arrow to the top or bottom edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView

STYLES = {
    "denies": Qt.PenStyle.DashLine,
    "attributed_to": Qt.PenStyle.DotLine,
    "supports": Qt.PenStyle.SolidLine,
    "contradicts": Qt.PenStyle.DashDotLine,
}


def _first_rect_y(view: ArticleView, annotation_id: str) -> tuple[float | None, int]:
    """The middle of an annotation's first visible line, or (None, -1 above / 1 below)."""
    index = view.layer_index
    a = index.by_id.get(annotation_id) if index else None
    if a is None:
        return None, 0
    rects = view.span_rects(a.start, a.end)
    if rects:
        return rects[0].center().y(), 0
    top = view.firstVisibleBlock().position()
    start_u16 = view.utf16.to_utf16(a.start) if view.utf16 else 0
    return None, -1 if start_u16 < top else 1


def _arrow(painter: QPainter, tip: QPointF, dx: float, dy: float, colour: QColor) -> None:
    length = max(1e-6, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    left = QPointF(tip.x() - 7 * ux + 3.5 * uy, tip.y() - 7 * uy - 3.5 * ux)
    right = QPointF(tip.x() - 7 * ux - 3.5 * uy, tip.y() - 7 * uy + 3.5 * ux)
    painter.setPen(QPen(colour, 1))
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, left, right]))


def paint_links(view: ArticleView, painter: QPainter) -> None:
    """Draw the arcs of the selected annotation's links (and the pending link)."""
    index = view.layer_index
    if index is None:
        return
    pairs: list[tuple[str, str, str, bool]] = []  # from, to, type, pending
    selected = view.selected_id
    if selected:
        for relation in view.relations_by_annotation.get(selected, []):
            pairs.append((relation.from_id, relation.to_id, relation.type, False))
    if view.link_source and view.link_candidate and view.link_candidate != view.link_source:
        pairs.append((view.link_source, view.link_candidate, "", True))
    if not pairs:
        return
    margin_x = view.document().documentMargin() + view.contentOffset().x() - 4
    height = view.viewport().height()
    for from_id, to_id, type_name, pending in pairs:
        source = index.by_id.get(from_id)
        target = index.by_id.get(to_id)
        if source is None or target is None:
            continue
        tag = view.highlighter.formats.tags.get(source.tag)
        colour = QColor(tag.colour if tag else "#888888")
        style = Qt.PenStyle.DashLine if pending else STYLES.get(type_name, Qt.PenStyle.SolidLine)
        other = target if from_id == selected or pending else source
        painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in view.span_rects(other.start, other.end):
            painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        y0, side0 = _first_rect_y(view, from_id)
        y1, side1 = _first_rect_y(view, to_id)
        if y0 is None and y1 is None:
            continue
        start_y = y0 if y0 is not None else (2.0 if side0 < 0 else height - 2.0)
        end_y = y1 if y1 is not None else (2.0 if side1 < 0 else height - 2.0)
        bulge = max(3.0, margin_x - min(margin_x - 3.0, 6 + abs(end_y - start_y) / 20))
        painter.setPen(QPen(colour, 2.0, style))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(margin_x, start_y))
        if abs(end_y - start_y) < 3:  # both on one line: a small loop in the margin
            path.cubicTo(
                QPointF(bulge, start_y - 9),
                QPointF(bulge, end_y + 9),
                QPointF(margin_x, end_y + 0.5),
            )
        else:
            path.cubicTo(QPointF(bulge, start_y), QPointF(bulge, end_y), QPointF(margin_x, end_y))
        painter.drawPath(path)
        if y1 is not None:
            _arrow(painter, QPointF(margin_x + 2, end_y), 1.0, 0.0, colour)
        else:
            _arrow(painter, QPointF(bulge, end_y), 0.0, -1.0 if side1 < 0 else 1.0, colour)
