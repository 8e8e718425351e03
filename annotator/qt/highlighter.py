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

from bisect import insort
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout

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
    """One ``QTextCharFormat`` per combination of tags (and selection) seen.

    The colours of the tags are read once (:meth:`configure`), so a new combination
    costs a few additions, not a colour parse per tag.
    """

    def __init__(self) -> None:
        self.tags: dict[str, Tag] = {}
        self.fill_alpha = 70
        self.selected_alpha = 150
        self._cache: dict[tuple[tuple[str, ...], bool], QTextCharFormat] = {}
        self._looks: dict[tuple[int, int, int, int, str], QTextCharFormat] = {}
        self._rgb: dict[str, tuple[int, int, int]] = {}

    def configure(self, tags: list[Tag], fill_alpha: int, selected_alpha: int) -> None:
        self.tags = {t.name: t for t in tags}
        self.fill_alpha = fill_alpha
        self.selected_alpha = selected_alpha
        self._cache.clear()
        self._looks.clear()
        self._rgb.clear()

    def colour(self, tag_name: str) -> QColor:
        tag = self.tags.get(tag_name)
        return QColor(tag.colour if tag else "#888888")

    def _components(self, tag_name: str) -> tuple[int, int, int]:
        rgb = self._rgb.get(tag_name)
        if rgb is None:
            c = self.colour(tag_name)
            rgb = self._rgb[tag_name] = (c.red(), c.green(), c.blue())
        return rgb

    def format_for(self, covering: tuple[Annotation, ...], selected: bool) -> QTextCharFormat:
        return self.format_for_tags(tuple(a.tag for a in covering), selected)

    def format_for_tags(self, tag_names: tuple[str, ...], selected: bool) -> QTextCharFormat:
        """The format of a run covered by ``tag_names`` (outermost first)."""
        key = (tag_names, selected)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self._build(tag_names, selected)
        return fmt

    def _build(self, tag_names: tuple[str, ...], selected: bool) -> QTextCharFormat:
        r = g = b = 0
        for name in tag_names:
            cr, cg, cb = self._components(name)
            r, g, b = r + cr, g + cg, b + cb
        n = len(tag_names)
        alpha = (
            self.selected_alpha
            if selected
            else min(200, int(self.fill_alpha * (1 + 0.45 * (n - 1))))
        )
        innermost = tag_names[-1]
        # layers in another order, or other tags of the same mean colour, look the same:
        # one format for them all (each distinct format is one more the document keeps
        # and looks up whenever a block is laid out or painted)
        look = (r // n, g // n, b // n, alpha, innermost)
        fmt = self._looks.get(look)
        if fmt is not None:
            return fmt
        fill = QColor(r // n, g // n, b // n, alpha)
        fmt = QTextCharFormat()
        fmt.setBackground(fill)
        tag = self.tags.get(innermost)
        fmt.setUnderlineStyle(
            UNDERLINE_STYLES.get(
                tag.underline if tag else "solid", QTextCharFormat.UnderlineStyle.SingleUnderline
            )
        )
        fmt.setUnderlineColor(self.colour(innermost))
        self._looks[look] = fmt
        return fmt


def runs(
    annotations: Iterable[Annotation], start: int, end: int, selected: str | None
) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """``[start, end)`` cut into runs covered by the same annotations, in one sweep.

    Each run is ``(start, end, tags, selected)``: the tags of the annotations covering
    it, longest first (ties: earlier start, then id), and whether the selected one is
    among them; neighbours with the same tags and selection are one run (as
    ``QSyntaxHighlighter`` makes them). The same cuts as
    :meth:`~annotator.domain.layers.LayerIndex.segments`, without its comparison of
    every annotation with every cut.
    """
    items = []
    for a in annotations:
        s, e = a.start, a.end
        if s < end and e > start:
            items.append(
                (
                    s if s > start else start,
                    e if e < end else end,
                    (s - e, s, a.id),  # longest first, then earlier start, then id
                    a.tag,
                    a.id == selected,
                )
            )
    if not items:
        return []
    items.sort()
    points = sorted({i[0] for i in items} | {i[1] for i in items})
    out: list[tuple[int, int, tuple[str, ...], bool]] = []
    active: list[tuple[tuple[int, int, str], int, str, bool]] = []  # by key
    n, j = len(items), 0
    for left, right in zip(points, points[1:], strict=False):
        if active and min(x[1] for x in active) <= left:
            active = [x for x in active if x[1] > left]
        while j < n and items[j][0] == left:
            s, e, key, tag, sel = items[j]
            insort(active, (key, e, tag, sel))
            j += 1
        if not active:
            continue
        tags = tuple(x[2] for x in active)
        sel = any(x[3] for x in active)
        if out and out[-1][1] == left and out[-1][2] == tags and out[-1][3] == sel:
            out[-1] = (out[-1][0], right, tags, sel)
        else:
            out.append((left, right, tags, sel))
    return out


class BlockFormatsLayout(QPlainTextDocumentLayout):
    """The plain-text layout, told that a block whose formats changed is that block alone.

    New formats mark a block dirty as ``(position, length)`` chars removed and as many
    added; ``QPlainTextDocumentLayout`` takes removed + added as the extent of the
    change, which reaches into the next blocks: it would drop their layouts and repaint
    the whole view, for every block highlighted. :meth:`formats_changed` counts the added
    chars alone, so the block is laid out again and only it is repainted; a block not
    laid out yet is left alone (it is laid out with its formats when first measured or
    painted, once). Changes of the text are passed on as they are.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats: bool | None = None  # a text change, or formats (block laid out?)

    def formats_changed(self, block: QTextBlock, laid_out: bool) -> None:
        """After ``block.layout().setFormats(...)``: lay the block out again and repaint
        it if it was laid out before (``setFormats`` drops its lines)."""
        self._formats = laid_out
        try:
            self.document().markContentsDirty(block.position(), block.length())
        finally:
            self._formats = None

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802
        if self._formats is None:
            super().documentChanged(position, removed, added)
        elif self._formats:
            super().documentChanged(position, 0, added)


class AnnotationHighlighter:
    """Sets the annotation formats of a block on its layout (and has it laid out again)."""

    def __init__(self, layout: BlockFormatsLayout, view: ArticleView) -> None:
        self.layout = layout  # the layout of the view's document
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
        laid_out = layout.lineCount() > 0
        layout.setFormats(ranges)
        self.layout.formats_changed(block, laid_out)

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
        by_id, paragraphs = index.by_id, index.paragraphs
        numbers = index.paragraph_range(cp0, cp1)
        if len(numbers) == 1:
            ids: Iterable[str] = paragraphs.get(numbers[0], ())
        else:  # an annotation over several paragraphs is listed in each
            ids = dict.fromkeys(i for n in numbers for i in paragraphs.get(n, ()))
        pieces = runs([by_id[i] for i in ids], cp0, cp1, view.selected_id)
        format_for = self.formats.format_for_tags
        to_utf16 = umap.to_utf16
        ranges: list[QTextLayout.FormatRange] = []
        for start, end, tags, selected in pieces:
            piece = QTextLayout.FormatRange()
            piece.start = to_utf16(start) - u0
            piece.length = to_utf16(end) - u0 - piece.start
            piece.format = format_for(tags, selected)
            ranges.append(piece)
        return ranges
