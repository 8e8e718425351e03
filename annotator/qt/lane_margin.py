"""The margin beside the text: one vertical bar per annotation, one lane per overlap depth.

Bars carry the tag's colour and its line style (solid, dashed, dotted …), so
overlapping layers stay visible and colour is never the only cue. Only the
visible blocks are painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView

LANE_WIDTH = 6
MAX_LANES = 10
PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "wave": Qt.PenStyle.DashDotLine,
    "dot": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
    "double": Qt.PenStyle.DashDotDotLine,
}


class LaneMargin(QWidget):
    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("laneMargin")
        self.setToolTip("Annotation layers: one bar per annotation, one lane per overlap")
        # the window's colour, as the window behind it paints it: an opaque margin is
        # scrolled by copying, and nothing behind it is painted again
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self._pens: dict[tuple[str, bool], QPen] = {}
        self._pens_for: object = None

    def lane_count(self) -> int:
        index = self.view.layer_index
        return min(MAX_LANES, max(1, index.lane_count if index else 1))

    def width_needed(self) -> int:
        return 10 + self.lane_count() * LANE_WIDTH

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.width_needed(), 0)

    def update_span(self, top: float, bottom: float) -> None:
        """Repaint the margin between two viewport heights (the lines of a change)."""
        if bottom >= 0 and top <= self.height():
            y = max(0, int(top) - 2)
            self.update(0, y, self.width(), int(bottom) + 3 - y)

    def _pen(self, tag_name: str, selected: bool) -> QPen:
        tags = self.view.highlighter.formats.tags
        if self._pens_for is not tags:  # the tag set (or a theme) changed: new pens
            self._pens.clear()
            self._pens_for = tags
        pen = self._pens.get((tag_name, selected))
        if pen is None:
            tag = tags.get(tag_name)
            pen = QPen(QColor(tag.colour if tag else "#888888"), 4 if selected else 3)
            pen.setStyle(PEN_STYLES.get(tag.underline if tag else "solid", Qt.PenStyle.SolidLine))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            self._pens[(tag_name, selected)] = pen
        return pen

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        view = self.view
        index, umap = view.layer_index, view.utf16
        if index is None or umap is None or not index.by_id:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        offset = view.contentOffset()
        block = view.firstVisibleBlock()
        area = event.rect()
        top_limit, bottom_limit = area.top() - 4, area.bottom()
        selected = view.selected_id
        lanes = index.lanes
        current = None
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            top = geometry.top()
            if top > bottom_limit:
                break
            if geometry.bottom() >= top_limit and block.isVisible():
                u0 = block.position()
                u1 = u0 + max(0, block.length() - 1)
                if u1 > u0:
                    cp0, cp1 = umap.to_codepoint(u0), umap.to_codepoint(u1)
                    layout = block.layout()
                    bottom = geometry.bottom()
                    for annotation in index.overlapping(cp0, cp1):
                        lane = lanes.get(annotation.id, 0)
                        if lane >= MAX_LANES:
                            continue
                        y0, y1 = top, bottom
                        if annotation.start > cp0:
                            line = layout.lineForTextPosition(umap.to_utf16(annotation.start) - u0)
                            if line.isValid():
                                y0 = top + line.y()
                        if annotation.end < cp1:
                            line = layout.lineForTextPosition(
                                umap.to_utf16(annotation.end) - u0 - 1
                            )
                            if line.isValid():
                                y1 = top + line.y() + line.height()
                        pen = self._pen(annotation.tag, annotation.id == selected)
                        if pen is not current:
                            painter.setPen(pen)
                            current = pen
                        x = 6 + lane * LANE_WIDTH
                        painter.drawLine(QPointF(x, y0 + 2), QPointF(x, y1 - 2))
            block = block.next()
        painter.end()
