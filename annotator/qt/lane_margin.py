"""The margin beside the text: one vertical bar per annotation, one lane per overlap depth.

Bars carry the tag's colour and its line style (solid, dashed, dotted …), so
overlapping layers stay visible and colour is never the only cue. Only the
visible blocks are painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QTextBlock
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView

#: a bar: lane x, top and bottom from its block's top, tag name, annotation id
Bar = tuple[int, float, float, str, str]
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
        #: block number → (what its layout was, its bars)
        self._bars: dict[int, tuple[tuple, list[Bar]]] = {}

    def lane_count(self) -> int:
        index = self.view.layer_index
        return min(MAX_LANES, max(1, index.lane_count if index else 1))

    def width_needed(self) -> int:
        return 10 + self.lane_count() * LANE_WIDTH

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.width_needed(), 0)

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

    def forget_block(self, number: int) -> None:
        """The annotations on block ``number`` changed: its bars are measured again."""
        self._bars.pop(number, None)

    def forget_all(self) -> None:
        """The text was laid out again (width, font) or replaced."""
        self._bars.clear()

    def _block_bars(self, block: QTextBlock, height: float, key: tuple) -> list[Bar]:
        """The bars of a block, measured once per layout of it: lane x, top and bottom
        (from the block's top), tag and annotation, in drawing order."""
        number = block.blockNumber()
        cached = self._bars.get(number)
        if cached is not None and cached[0] == key:
            return cached[1]
        view = self.view
        index, umap = view.layer_index, view.utf16
        bars: list[Bar] = []
        u0 = block.position()
        u1 = u0 + max(0, block.length() - 1)
        if index is not None and umap is not None and u1 > u0:
            cp0, cp1 = umap.to_codepoint(u0), umap.to_codepoint(u1)
            layout = block.layout()
            lanes = index.lanes
            for annotation in index.overlapping(cp0, cp1):
                lane = lanes.get(annotation.id, 0)
                if lane >= MAX_LANES:
                    continue
                y0, y1 = 0.0, height
                if annotation.start > cp0:
                    line = layout.lineForTextPosition(umap.to_utf16(annotation.start) - u0)
                    if line.isValid():
                        y0 = line.y()
                if annotation.end < cp1:
                    line = layout.lineForTextPosition(umap.to_utf16(annotation.end) - u0 - 1)
                    if line.isValid():
                        y1 = line.y() + line.height()
                bars.append((6 + lane * LANE_WIDTH, y0, y1, annotation.tag, annotation.id))
        if len(self._bars) > 1024:  # the blocks seen lately
            self._bars.clear()
        self._bars[number] = (key, bars)
        return bars

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
        width = view.viewport().width()
        current = None
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            top = geometry.top()
            if top > bottom_limit:
                break
            if geometry.bottom() >= top_limit and block.isVisible():
                height = geometry.height()
                key = (id(index), width, block.layout().lineCount(), height)
                for x, y0, y1, tag, annotation_id in self._block_bars(block, height, key):
                    pen = self._pen(tag, annotation_id == selected)
                    if pen is not current:
                        painter.setPen(pen)
                        current = pen
                    painter.drawLine(QPointF(x, top + y0 + 2), QPointF(x, top + y1 - 2))
            block = block.next()
        painter.end()
