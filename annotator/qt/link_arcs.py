"""Connector arcs between linked annotations, drawn over the article view.

For the selected annotation (and, while linking, from the source to the
candidate target) each link is a curve from one span to the other with an
arrow at the target and the relation's label. A target out of view gets an
arrow to the top or bottom edge, labelled with its quote, so the link is
never silently hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView


def _anchor(view: ArticleView, annotation_id: str) -> tuple[QPointF | None, int]:
    """The left middle of an annotation's first visible line; else (None, -1 above / 1 below)."""
    index = view.layer_index
    a = index.by_id.get(annotation_id) if index else None
    if a is None:
        return None, 0
    rects = view.span_rects(a.start, a.end)
    if rects:
        first = rects[0]
        return QPointF(first.left() - 2, first.center().y()), 0
    top = view.firstVisibleBlock().position()
    start_u16 = view.utf16.to_utf16(a.start) if view.utf16 else 0
    return None, -1 if start_u16 < top else 1


def _excerpt(text: str, n: int = 32) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _arrow(painter: QPainter, tip: QPointF, direction: QPointF, colour: QColor) -> None:
    length = max(1e-6, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
    ux, uy = direction.x() / length, direction.y() / length
    left = QPointF(tip.x() - 8 * ux + 4 * uy, tip.y() - 8 * uy - 4 * ux)
    right = QPointF(tip.x() - 8 * ux - 4 * uy, tip.y() - 8 * uy + 4 * ux)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, left, right]))


def _label(painter: QPainter, at: QPointF, text: str, colour: QColor, paper: QColor) -> None:
    metrics = QFontMetricsF(painter.font())
    width = metrics.horizontalAdvance(text) + 10
    box = QRectF(at.x() - width / 2, at.y() - metrics.height() / 2 - 1, width, metrics.height() + 2)
    painter.setPen(QPen(colour, 1))
    painter.setBrush(paper)
    painter.drawRoundedRect(box, 4, 4)
    painter.setPen(colour)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def paint_links(view: ArticleView, painter: QPainter) -> None:
    """Draw the arcs of the selected annotation's links (and the pending link)."""
    index = view.layer_index
    if index is None:
        return
    pairs: list[tuple[str, str, str, bool]] = []  # from, to, label, pending
    selected = view.selected_id
    if selected:
        for relation in view.relations_by_annotation.get(selected, []):
            label = view.relation_labels.get(relation.type, relation.type)
            pairs.append((relation.from_id, relation.to_id, label, False))
    if view.link_source and view.link_candidate and view.link_candidate != view.link_source:
        pairs.append((view.link_source, view.link_candidate, "link to…", True))
    if not pairs:
        return
    paper = view.palette().base().color()
    font = painter.font()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
    painter.setFont(font)
    height = view.viewport().height()
    for from_id, to_id, label, pending in pairs:
        source = index.by_id.get(from_id)
        target = index.by_id.get(to_id)
        if source is None or target is None:
            continue
        tag = view.highlighter.formats.tags.get(source.tag)
        colour = QColor(tag.colour if tag else "#888888")
        pen = QPen(colour, 1.6, Qt.PenStyle.DashLine if pending else Qt.PenStyle.SolidLine)
        start, _ = _anchor(view, from_id)
        end, side = _anchor(view, to_id)
        if start is None and end is None:
            continue
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if start is not None and end is not None:
            bulge = 28 + min(60, abs(end.y() - start.y()) / 6)
            path = QPainterPath(start)
            c1 = QPointF(start.x() - bulge, start.y())
            c2 = QPointF(end.x() - bulge, end.y())
            path.cubicTo(c1, c2, end)
            painter.drawPath(path)
            painter.setPen(QPen(colour, 1))
            _arrow(painter, end, QPointF(end.x() - c2.x(), end.y() - c2.y()), colour)
            middle = path.pointAtPercent(0.5)
            _label(painter, QPointF(max(middle.x(), 40.0), middle.y()), label, colour, paper)
            continue
        # one end is out of view: an arrow towards it along the edge, with its quote
        anchor = start if start is not None else end
        assert anchor is not None
        other = target if start is not None else source
        if start is None:
            _, side = _anchor(view, from_id)
        edge_y = 6.0 if side < 0 else height - 6.0
        tip = QPointF(anchor.x() - 20, edge_y)
        path = QPainterPath(anchor)
        path.quadTo(QPointF(anchor.x() - 24, anchor.y()), tip)
        painter.drawPath(path)
        painter.setPen(QPen(colour, 1))
        _arrow(painter, tip, QPointF(0, -1 if side < 0 else 1), colour)
        text = f"{label} {'↑' if side < 0 else '↓'} “{_excerpt(other.exact)}”"
        _label(
            painter, QPointF(tip.x() + 90, edge_y + (10 if side < 0 else -10)), text, colour, paper
        )
