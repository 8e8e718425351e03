"""Orphans: imported annotations that could not be placed on their article's text.

An orphan keeps its quote, prefix and suffix (``start == end == ORPHAN`` in the domain,
NULL in the store). :meth:`Project.annotations` never returns one, so the views never
see it; :meth:`orphans` lists them and :meth:`reattach` places one by hand.

Change records: placing one emits ``Change("annotations", …)`` (it is now an ordinary
annotation) and ``Change("orphans", …)``; making one an orphan again emits only
``Change("orphans", …)`` — a view showing it must drop it.

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.changes import Change
from annotator.domain import text as textrules
from annotator.domain.errors import BadInput
from annotator.domain.model import ORPHAN, Annotation, now_iso
from annotator.store import annotations as annotation_rows
from annotator.store import events

if TYPE_CHECKING:
    from annotator.core.project import Project


class OrphanActions:
    def orphans(self: Project, article_id: str) -> list[Annotation]:
        """The article's live orphans, oldest first."""
        return annotation_rows.for_article(self.store.db, article_id, orphans=True)

    def reattach(self: Project, annotation_id: str, start: int, end: int) -> Annotation:
        """Place the orphan ``annotation_id`` on ``text[start:end]``; its quote and context
        become that slice's (the event keeps the old ones). Undo: :meth:`detach`."""
        current = self.annotation(annotation_id)
        if not current.is_orphan:
            raise BadInput("this annotation is already placed in the text")
        if current.deleted:
            raise BadInput("this annotation was deleted; restore it first")
        article = self._article_text(current.article_id)
        quote = textrules.quote_at(article.text, start, end)
        changes = {
            "start": start,
            "end": end,
            "exact": quote.exact,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
            "modified": now_iso(),
        }
        placed = self._rewrite(current, changes, "reattach")
        self._emit(Change("annotations", current.article_id, (current.id,)))
        self._emit(Change("orphans", current.article_id, (current.id,)))
        return placed

    def detach(
        self: Project,
        annotation_id: str,
        *,
        exact: str | None = None,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> Annotation:
        """Make a placed annotation an orphan again (keeping its quote, or the one given:
        undoing :meth:`reattach` gives back the imported quote and context)."""
        current = self.annotation(annotation_id)
        if current.is_orphan:
            return current
        changes = {
            "start": None,
            "end": None,
            "exact": current.exact if exact is None else exact,
            "prefix": current.prefix if prefix is None else prefix,
            "suffix": current.suffix if suffix is None else suffix,
            "modified": now_iso(),
        }
        orphan = self._rewrite(current, changes, "detach")
        self._emit(Change("orphans", current.article_id, (current.id,)))
        return orphan

    def _rewrite(
        self: Project, current: Annotation, changes: dict[str, object], action: str
    ) -> Annotation:
        db = self.store.db
        with self.store.transaction():
            annotation_rows.update(db, current.id, changes)
            after = annotation_rows.get(db, current.id)
            assert after is not None
            events.record(
                db,
                annotator=self.annotator,
                action=action,
                entity="annotation",
                entity_id=current.id,
                article_id=current.article_id,
                before=_place(current),
                after=_place(after),
            )
        return after


def _place(a: Annotation) -> dict[str, object]:
    return {
        "start": None if a.start == ORPHAN else a.start,
        "end": None if a.end == ORPHAN else a.end,
        "exact": a.exact,
        "prefix": a.prefix,
        "suffix": a.suffix,
    }
