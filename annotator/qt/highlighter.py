"""Painting annotations into the text: translucent fills, one underline style per tag.

Each block's formats are set on its layout, as ``QSyntaxHighlighter`` does, but
only for the blocks the view asks for (those scrolled into view, those a change
touches): a ``QSyntaxHighlighter`` would also be called for every block of the
text whenever the text is set, with the block's text converted for Python each
time. A block asks the :class:`~annotator.domain.layers.LayerIndex` for the
segments it contains, so work is proportional to what is on the block.
Overlaps blend their colours; the innermost annotation gives the underline, and
the lane margin shows every layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from annotator.domain.model import Annotation, Tag

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView

UNDERLINE_STYLES = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "dashdot": QTextCharFormat.UnderlineStyle.DashDotLine,
    "double": QTextCharFormat.UnderlineStyle.DashDotDotLine,
}


class FormatCache:
    """One ``QTextCharFormat`` per combination of tags (and selection) seen."""

    def __init__(self) -> None:
        self.tags: dict[str, Tag] = {}
        self.fill_alpha = 70
        self.selected_alpha = 150
        self._cache: dict[tuple[tuple[str, ...], bool], QTextCharFormat] = {}

    def configure(self, tags: list[Tag], fill_alpha: int, selected_alpha: int) -> None:
        self.tags = {t.name: t for t in tags}
        self.fill_alpha = fill_alpha
        self.selected_alpha = selected_alpha
        self._cache.clear()

    def colour(self, tag_name: str) -> QColor:
        tag = self.tags.get(tag_name)
        return QColor(tag.colour if tag else "#888888")

    def format_for(self, covering: tuple[Annotation, ...], selected: bool) -> QTextCharFormat:
        key = (tuple(a.tag for a in covering), selected)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._build(key[0], selected)
            self._cache[key] = fmt
        return fmt

    def _build(self, tag_names: tuple[str, ...], selected: bool) -> QTextCharFormat:
        r = g = b = 0
        for name in tag_names:
            c = self.colour(name)
            r, g, b = r + c.red(), g + c.green(), b + c.blue()
        n = len(tag_names)
        alpha = (
            self.selected_alpha
            if selected
            else min(200, int(self.fill_alpha * (1 + 0.45 * (n - 1))))
        )
        fill = QColor(r // n, g // n, b // n, alpha)
        fmt = QTextCharFormat()
        fmt.setBackground(fill)
        innermost = tag_names[-1]
        tag = self.tags.get(innermost)
        fmt.setUnderlineStyle(
            UNDERLINE_STYLES.get(
                tag.underline if tag else "solid", QTextCharFormat.UnderlineStyle.SingleUnderline
            )
        )
        fmt.setUnderlineColor(self.colour(innermost))
        return fmt


class AnnotationHighlighter:
    """Sets the annotation formats of a block on its layout (and has it laid out again)."""

    def __init__(self, document: QTextDocument, view: ArticleView) -> None:
        self.document = document
        self.view = view
        self.formats = FormatCache()

    def rehighlightBlock(self, block: QTextBlock) -> None:  # noqa: N802 - QSyntaxHighlighter's name
        """Give ``block`` the formats of the annotations on it (none: clear them)."""
        if not block.isValid():
            return
        ranges = self._ranges(block)
        layout = block.layout()
        if not ranges and not layout.formats():
            return  # nothing shown, nothing to show: no new layout needed
        layout.setFormats(ranges)
        self.document.markContentsDirty(block.position(), block.length())

    def _ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        view = self.view
        index, umap = view.layer_index, view.utf16
        if not view.highlight_enabled or index is None or umap is None or not index.by_id:
            return []
        view.highlighted_blocks.add(block.blockNumber())
        u0 = block.position()
        u1 = u0 + max(0, block.length() - 1)
        if u1 <= u0 or u1 > umap.length_u16:
            return []
        cp0, cp1 = umap.to_codepoint(u0), umap.to_codepoint(u1)
        selected = view.selected_id
        ranges: list[QTextLayout.FormatRange] = []
        last_format, last_end = None, -1
        for segment in index.segments(cp0, cp1):
            is_selected = selected is not None and any(
                a.id == selected for a in segment.annotations
            )
            fmt = self.formats.format_for(segment.annotations, is_selected)
            start = umap.to_utf16(segment.start) - u0
            end = umap.to_utf16(segment.end) - u0
            if fmt is last_format and start == last_end:  # one run, as QSyntaxHighlighter makes
                ranges[-1].length = end - ranges[-1].start
            else:
                piece = QTextLayout.FormatRange()
                piece.start, piece.length, piece.format = start, end - start, fmt
                ranges.append(piece)
            last_format, last_end = fmt, end
        return ranges
