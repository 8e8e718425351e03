"""How the article view answers the user: keys, clicks, the context menu, tooltips,
and link mode (L, then a click or N/P and Enter).

A mixin of :class:`~annotator.qt.article_view.ArticleView`; it turns gestures
into the view's request signals and never writes anything itself.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolTip

from annotator.domain.model import Relation
from annotator.domain.text import (
    next_word_boundary,
    previous_word_boundary,
    snap_to_words,
    word_at,
)

if TYPE_CHECKING:
    from annotator.qt.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ViewInput(_Base):
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
            for r in self.relations_by_annotation.get(a.id, []):
                other = self.layer_index.by_id.get(r.to_id if r.from_id == a.id else r.from_id)
                if other is None:
                    continue
                label = self.relation_labels.get(r.type, r.type)
                quote = other.exact if len(other.exact) < 60 else other.exact[:59] + "…"
                arrow = f"{label} →" if r.from_id == a.id else f"← {label}:"
                lines.append(f"{html.escape(arrow)} “{html.escape(quote)}”")
            parts.append("<br>".join(lines))
        if len(layers) > 1:
            parts.append(
                f"<i>{len(layers)} overlapping — click again to cycle, right-click to pick</i>"
            )
        return "<p style='white-space:pre-wrap'>" + "<hr>".join(parts) + "</p>"

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and (self._pending_blocks or self._pending_overlays):
            self.flush_highlights()  # painted inside a batch (a dialog's event loop)
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
        layers = self.layer_index.at(cp) if (cp is not None and self.layer_index) else []
        if self.link_source is not None:
            targets = [a.id for a in layers if a.id != self.link_source]
            if targets:
                self.finish_link(targets[0])
            else:
                self.message.emit("Click another annotation to link to (Esc cancels)")
            return
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
        others = [a for a in layers if current is not None and a.id != current.id]
        if current is not None and others:
            menu.addSeparator()
            for a in others:
                excerpt = a.exact if len(a.exact) <= 30 else a.exact[:29] + "…"
                act = menu.addAction(f"Link selected → {a.tag}: “{excerpt}”")
                act.triggered.connect(
                    lambda _=False, src=current.id, dst=a.id: self.linkRequested.emit(src, dst)
                )
        if current is not None:
            menu.addSeparator()
            link = menu.addAction("Link selected to…\tL")
            link.triggered.connect(self.start_link)
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
        with self.batched_highlights():  # made, then selected: its blocks laid out once
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
                with self.batched_highlights():
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
        if self.link_source is not None and self._link_key(key, mods):
            return
        if mods == Qt.KeyboardModifier.NoModifier:
            text = event.text()
            if text.isdigit() and text != "0" and self.tag_by_key(text):
                return
            if key == Qt.Key.Key_L and not self.textCursor().hasSelection():
                self.start_link()
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
                with self.batched_highlights():
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

    def _link_key(self, key: int, mods: Qt.KeyboardModifier) -> bool:
        """Keys in link mode: N/P choose the target, Enter links, Esc cancels."""
        index = self.layer_index
        if key == Qt.Key.Key_Escape:
            self.cancel_link()
            self.message.emit("Linking cancelled")
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.link_candidate:
            self.finish_link(self.link_candidate)
            return True
        if mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_N, Qt.Key.Key_P):
            if index is None:
                return True
            current = self.link_candidate or self.link_source
            step = index.next_after if key == Qt.Key.Key_N else index.previous_before
            target = step(0, current)
            if target is not None and target.id == self.link_source:
                target = step(0, target.id)
            if target is not None:
                self.link_candidate = target.id
                self.scroll_to_annotation(target.id)
                self.viewport().update()
            return True
        return False

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
            with self.batched_highlights():
                self.resizeRequested.emit(a.id, start, end)

    # --- links --------------------------------------------------------------------------

    def set_relations(self, relations: list[Relation], labels: dict[str, str]) -> None:
        """The article's live links (shown for the selected annotation)."""
        by_annotation: dict[str, list[Relation]] = {}
        for relation in relations:
            by_annotation.setdefault(relation.from_id, []).append(relation)
            by_annotation.setdefault(relation.to_id, []).append(relation)
        self.relations_by_annotation = by_annotation
        self.relation_labels = labels
        self.viewport().update()

    def start_link(self) -> bool:
        """Link mode from the selected annotation: click a target, or N/P then Enter."""
        if self.selected_id is None:
            self.message.emit("Choose the annotation to link first, then press L")
            return False
        self.link_source = self.selected_id
        self.link_candidate = None
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.linkModeChanged.emit(True)
        self.message.emit(
            "Linking: click the target annotation, or N/P to choose and Enter; Esc cancels"
        )
        return True

    def cancel_link(self) -> None:
        if self.link_source is None:
            return
        self.link_source = None
        self.link_candidate = None
        self.viewport().unsetCursor()
        self.viewport().update()
        self.linkModeChanged.emit(False)

    def finish_link(self, target_id: str) -> None:
        source = self.link_source
        self.cancel_link()
        if source and target_id and target_id != source:
            self.linkRequested.emit(source, target_id)


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
