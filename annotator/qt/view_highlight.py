"""Which blocks of the article view carry their highlights, and when they get them.

A mixin of :class:`~annotator.qt.article_view.ArticleView`. Highlighting is lazy:
the blocks in view (and one screen below) are highlighted as they come into view; a
change highlights its blocks again only while they are in view (the others when they
come back); inside :meth:`batched_highlights` each block is highlighted once, at the
end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ViewHighlights(_Base):
    def _init_highlights(self) -> None:
        #: highlighting is lazy: blocks are highlighted when they come into view
        self.highlight_enabled = True
        self.highlighted_blocks: set[int] = set()
        self._visible_key: tuple = ()
        #: the blocks the last pass looked at (first in view, last one screen below)
        self._window = (0, -1)
        #: inside :meth:`batched_highlights`: how deep, the blocks to highlight and the
        #: annotations whose overlays (outline, badge, links) to repaint
        self._batch_depth = 0
        self._pending_blocks: set[int] = set()
        self._pending_overlays: set[str | None] = set()

    def rehighlight_all(self) -> None:
        """Repaint highlights everywhere: now for the blocks in view, later for the rest."""
        doc = self.document()
        done = sorted(self.highlighted_blocks)
        self.highlighted_blocks.clear()
        self._visible_key = ()
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
        if not self.highlight_enabled or self.layer_index is None or not self.layer_index.by_id:
            return
        block = self.firstVisibleBlock()
        if self._view_key(block.blockNumber()) == self._visible_key:
            return  # nothing scrolled in since the last pass (blocks leave the set only
            # out of view, or all at once with the key reset)
        offset = self.contentOffset()
        limit = self.viewport().height() * 2
        first_number = last_number = block.blockNumber()
        highlighted = self.highlighted_blocks
        while block.isValid():
            number = block.blockNumber()
            if number not in highlighted and not block.layout().lineCount():
                # formats first: the block is then laid out once, with them
                self.highlighter.rehighlightBlock(block)
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > limit:
                break
            last_number = number
            if number not in highlighted:
                self.highlighter.rehighlightBlock(block)
            block = block.next()
        self._window = (first_number, last_number)
        self._visible_key = self._view_key(self.firstVisibleBlock().blockNumber())

    def _view_key(self, first_block: int) -> tuple:
        """What decides which blocks are in view: a pass with the same key has nothing to do."""
        return (
            first_block,
            self.verticalScrollBar().value(),
            self.viewport().height(),
            id(self.layer_index),
        )

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
        low, high = self._window
        while block.isValid() and block.position() <= end_u16:
            number = block.blockNumber()
            self.margin.forget_block(number)
            if number in self.highlighted_blocks:
                if not low <= number <= high:  # highlighted again when it comes into view
                    self.highlighted_blocks.discard(number)
                elif self._batch_depth:
                    self._pending_blocks.add(number)
                else:
                    self.highlighter.rehighlightBlock(block)
            block = block.next()
        if not self._batch_depth:
            self.highlight_visible()

    @contextmanager
    def batched_highlights(self) -> Iterator[None]:
        """Blocks changed inside are highlighted once, when it ends (a new annotation
        is added, then selected: its blocks are laid out once, not twice)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                self.flush_highlights()

    def flush_highlights(self) -> None:
        """Highlight the blocks a batch left pending (those still in view), and repaint
        the overlays it changed."""
        pending, self._pending_blocks = self._pending_blocks, set()
        overlays, self._pending_overlays = self._pending_overlays, set()
        doc = self.document()
        low, high = self._window
        for number in sorted(pending):
            if number not in self.highlighted_blocks:
                continue
            if low <= number <= high:
                self.highlighter.rehighlightBlock(doc.findBlockByNumber(number))
            else:
                self.highlighted_blocks.discard(number)
        self.highlight_visible()
        if overlays:
            self._update_overlays(*overlays)
