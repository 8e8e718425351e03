"""The main window's part for links, verdicts, actors and the tag set.

A mixin of :class:`~annotator.qt.main_window.MainWindow`: it connects the
view's and the details editor's link and verdict requests to undoable
commands, and refreshes what a "relations", "verdicts", "actors" or "tags"
change names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from annotator.core.changes import Change
from annotator.core.commands import Link, SetVerdict, Unlink
from annotator.domain.model import RelationType
from annotator.domain.tagset import suggest_relation_type
from annotator.qt.util import plain_tooltip

if TYPE_CHECKING:
    from annotator.qt.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


def _excerpt(text: str, n: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


class WindowClaims(_Base):
    def _connect_claims(self) -> None:
        v, d = self.view, self.panel.details
        v.linkRequested.connect(self.link_annotations)
        v.linkModeChanged.connect(
            lambda on: self.save_label.setText("Linking…" if on else self.save_label.text())
        )
        d.linkActivated.connect(lambda aid: v.select_annotation(aid, scroll=True, flash=True))
        d.unlinkRequested.connect(lambda rid: self._push(Unlink(rid)))
        d.linkStartRequested.connect(self._start_link_from_panel)
        d.verdictChanged.connect(
            lambda aid, rating, why: self._push(
                SetVerdict(aid, rating or None, why, expected=d.verdict_base())
            )
        )
        d.set_ratings(self.project.ratings())
        self.panel.orphans.attachRequested.connect(self.attach_orphan)
        self.panel.orphans.findRequested.connect(self.find_in_article)

    def _start_link_from_panel(self) -> None:
        self.view.setFocus()
        self.view.start_link()

    # --- linking ----------------------------------------------------------------------------

    def link_annotations(self, from_id: str, to_id: str) -> None:
        """Link two annotations with a type the tag set allows (asking when several do)."""
        a, b = self.project.annotation(from_id), self.project.annotation(to_id)
        types = [t for t in self.project.relation_types() if t.allows(a.tag, b.tag)]
        if not types:
            self.show_error(
                f"No relation type links {a.tag} → {b.tag}. Link the other way round, or add "
                "a type in Tools → Tag set."
            )
            return
        suggested = suggest_relation_type(types, a.tag, b.tag) or types[0]
        chosen = types[0] if len(types) == 1 else self.choose_relation_type(types, suggested, to_id)
        if chosen is not None:
            self._push(Link(from_id, to_id, chosen.name))
            self.view.select_annotation(from_id)

    def choose_relation_type(
        self, types: list[RelationType], suggested: RelationType, near_id: str
    ) -> RelationType | None:
        """A menu of the allowed types beside the target, the suggested one active."""
        menu = QMenu(self)
        menu.setObjectName("relationTypeMenu")
        ordered = [suggested] + [t for t in types if t.name != suggested.name]
        actions = {}
        for t in ordered:
            action = menu.addAction(t.label + ("  (suggested)" if t is suggested else ""))
            action.setToolTip(plain_tooltip(t.description) if t.description else "")
            actions[action] = t
        menu.setActiveAction(next(iter(actions)))
        index = self.view.layer_index
        target = index.by_id.get(near_id) if index else None
        rects = self.view.span_rects(target.start, target.end) if target else []
        local = rects[0].bottomLeft().toPoint() if rects else QPoint(40, 40)
        picked = menu.exec(self.view.viewport().mapToGlobal(local))
        return actions.get(picked) if picked is not None else None

    # --- what the details panel shows -------------------------------------------------------

    def show_claim_details(self, annotation_id: str | None) -> None:
        """Links and verdict of the selected annotation in the details editor."""
        details = self.panel.details
        if not annotation_id or self.article is None:
            details.set_links([])
            details.set_history([])
            details.review_tab.show_reviews(None, [], self.project.annotator)
            details.show_verdict(None, is_claim=False)
            return
        index = self.view.layer_index
        labels = self.view.relation_labels
        items = []
        for r in self.view.relations_by_annotation.get(annotation_id, []):
            outgoing = r.from_id == annotation_id
            other_id = r.to_id if outgoing else r.from_id
            other = index.by_id.get(other_id) if index else None
            if other is None:
                continue
            label = labels.get(r.type, r.type)
            who = f" ({other.actor})" if other.actor else ""
            text = (
                f"{label}: “{_excerpt(other.exact)}”{who}"
                if outgoing
                else f"← {label} by {other.tag}: “{_excerpt(other.exact)}”{who}"
            )
            items.append((r.id, text, other_id))
        details.set_links(items)
        details.set_history([(e.at, e.who, e.what) for e in self.project.history_of(annotation_id)])
        details.review_tab.show_reviews(
            self.view.layer_index.by_id.get(annotation_id) if self.view.layer_index else None,
            self.project.reviews_of(annotation_id),
            self.project.annotator,
        )
        annotation = index.by_id.get(annotation_id) if index else None
        is_claim = annotation is not None and self._tag_kind(annotation.tag) == "claim"
        details.show_verdict(
            self.project.verdict(annotation_id) if is_claim else None, is_claim=is_claim
        )

    def _tag_kind(self, tag_name: str) -> str:
        return next((t.kind for t in self.project.tags() if t.name == tag_name), "")

    def reload_relations(self) -> None:
        if self.article is None:
            self.view.set_relations([], {})
            return
        labels = {t.name: t.label for t in self.project.relation_types()}
        self.view.set_relations(self.project.relations(self.article.id), labels)

    def on_claims_change(self, change: Change) -> None:
        """Relations, verdicts, actors and tag-set changes."""
        current = self.article.id if self.article else None
        if change.kind == "relations" and change.article_id == current:
            self.reload_relations()
            self.show_claim_details(self.view.selected_id)
        elif change.kind == "verdicts" and change.article_id == current:
            if self.view.selected_id in change.ids:
                self.show_claim_details(self.view.selected_id)
        elif change.kind == "actors":
            self._refresh_people()
        elif change.kind == "tags":
            self.reload_tags()
        elif change.kind == "reviews":
            self.on_review_change()
        elif change.kind == "external":
            self.on_external_change()
        elif change.kind == "orphans" and change.article_id == current:
            for annotation_id in change.ids:  # e.g. an attach undone: no longer placed
                if self.project.annotation(annotation_id).is_orphan:
                    self.view.forget(annotation_id)
                    self.panel.forget(annotation_id)
            self.reload_orphans()
        self.refresh_board_later()

    def reload_tags(self) -> None:
        tags = self.project.tags()
        self.view.set_tags(tags)
        self.palette_bar.set_tags(tags)
        self.panel.set_tags(tags)
        self.panel.details.set_ratings(self.project.ratings())
        self.reload_article()  # renamed tags travel with their annotations
        self.view.rehighlight_all()

    def jump_to(self, article_id: str, annotation_id: str) -> None:
        """Show an annotation (opening its article first when needed) and flash it."""
        if self.article is None or self.article.id != article_id:
            self.open_article(article_id)
        self.view.select_annotation(annotation_id, scroll=True, flash=True)
        self.view.setFocus()

    def tagset_dialog(self) -> None:
        from annotator.qt.dialogs import TagSetEditor

        dialog = TagSetEditor(self.project, self)
        dialog.exec()

    def actors_dialog(self) -> None:
        from annotator.qt.dialogs import ActorsDialog

        dialog = ActorsDialog(
            self.project, self, article_id=self.article.id if self.article else None
        )
        dialog.exec()

    # --- orphans ----------------------------------------------------------------------------

    def reload_orphans(self) -> None:
        self.panel.orphans.set_orphans(
            self.project.orphans(self.article.id) if self.article else []
        )

    def attach_orphan(self, annotation_id: str) -> None:
        """Place an orphan on the selected text (undoable)."""
        from annotator.core.commands import Reattach

        span = self.view.cp_selection()
        if span is None:
            self.show_error("Select the passage in the text first, then attach the orphan")
            return
        self._push(Reattach(annotation_id, *span))

    def find_in_article(self, text: str) -> None:
        self.find_bar.open()
        self.find_bar.edit.setText(text)
