"""Reviewing annotations: accept, reject (with a reason), comment and reply, suggest a new
tag or boundaries that the author accepts or declines; review states and the queue.

Reviews are a history: every action adds a row (and two events: one on the review, one
``review`` event on the annotation, so the annotation's history shows it). Only the undo
of one's own latest review of an annotation removes a row (:meth:`unreview`).

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Change
from annotator.core.refs import resolve
from annotator.domain.errors import BadInput
from annotator.domain.model import (
    ACCEPTED,
    COMMENTED,
    GOLD,
    REJECTED,
    SUGGESTED,
    Annotation,
    Review,
    new_id,
    now_iso,
)
from annotator.store import events
from annotator.store import reviews as review_rows

if TYPE_CHECKING:
    from annotator.core.project import Project

UNREVIEWED = "unreviewed"

#: what :meth:`ReviewActions.review` accepts for each decision
_DECISIONS = {
    "accept": ACCEPTED,
    "accepted": ACCEPTED,
    "reject": REJECTED,
    "rejected": REJECTED,
    "comment": COMMENTED,
    "commented": COMMENTED,
}


def review_dict(review: Review) -> dict[str, Any]:
    """The review as a plain dict (events, JSON output); ``annotation`` is its annotation."""
    data = asdict(review)
    return {"id": data.pop("id"), "annotation": data.pop("annotation_id"), **data}


class ReviewActions:
    """Reviews, suggestions, review states and the review queue."""

    # --- reading ------------------------------------------------------------------------

    def find_review(self: Project, ref: str) -> Review:
        """The review with id ``ref`` or a unique prefix of one."""
        db = self.store.db
        return resolve(
            ref,
            lambda i: review_rows.get(db, i),
            lambda p: review_rows.ids_with_prefix(db, p),
            "review",
        )

    def reviews_of(self: Project, annotation_id: str) -> list[Review]:
        """The annotation's reviews in the order they were written (the thread)."""
        return review_rows.for_annotation(self.store.db, self.annotation(annotation_id).id)

    def reviews_in(self: Project, article_id: str) -> list[Review]:
        """Every review of the article's annotations, oldest first."""
        return review_rows.for_article(self.store.db, self.article(article_id).id)

    def review_state(self: Project, annotation_id: str) -> str:
        """ "accepted" or "rejected" (the latest of those decisions, by anyone), else
        "unreviewed"; comments and suggestions do not change it."""
        decided = [r for r in self.reviews_of(annotation_id) if r.decision in (ACCEPTED, REJECTED)]
        return decided[-1].decision if decided else UNREVIEWED

    def review_states(self: Project, article_id: str) -> dict[str, str]:
        """The review state of every live annotation of the article, by id."""
        latest = review_rows.latest_decisions(self.store.db, article_id)
        return {a.id: latest.get(a.id, UNREVIEWED) for a in self.annotations(article_id)}

    def review_decisions(self: Project, article_id: str) -> dict[str, str]:
        """The latest accept/reject decision of the article's reviewed annotations only
        (cheap: unreviewed annotations are not read)."""
        return review_rows.latest_decisions(self.store.db, article_id)

    def review_queue(self: Project, article_id: str | None = None) -> list[Annotation]:
        """The live annotations by others (not mine, not the agreed set) that I have not
        accepted or rejected yet: text order, articles in library order."""
        articles = [self.article(article_id)] if article_id else self.articles()
        out: list[Annotation] = []
        for article in articles:
            done = review_rows.decided_by(self.store.db, article.id, self.annotator)
            out.extend(
                a
                for a in self.annotations(article.id)
                if a.annotator not in (self.annotator, GOLD) and a.id not in done
            )
        return out

    # --- writing ------------------------------------------------------------------------

    def review(
        self: Project,
        annotation_ref: str,
        decision: str,
        comment: str = "",
        *,
        reply_to: str | None = None,
    ) -> Review:
        """Accept, reject (a reason is required) or comment on an annotation; ``reply_to``
        (a review of the same annotation) makes it an answer in the thread."""
        annotation = self._reviewable(annotation_ref)
        chosen = _DECISIONS.get(decision.strip().casefold())
        if chosen is None:
            raise BadInput(f"unknown review decision {decision!r} (accept, reject or comment)")
        comment = comment.strip()
        if chosen == REJECTED and not comment:
            raise BadInput("a rejection needs a reason: give a comment")
        if chosen == COMMENTED and not comment:
            raise BadInput("the comment is empty")
        parent = None
        if reply_to:
            parent = self.find_review(reply_to)
            if parent.annotation_id != annotation.id:
                raise BadInput("a reply must be on the same annotation as the review it answers")
        made = Review(
            new_id(),
            annotation.id,
            self.annotator,
            chosen,
            comment,
            now_iso(),
            reply_to=parent.id if parent else None,
        )
        self._add_review(annotation, made)
        return made

    def suggest_change(
        self: Project,
        annotation_ref: str,
        *,
        tag: str | None = None,
        start: int | None = None,
        end: int | None = None,
        comment: str = "",
    ) -> Review:
        """Suggest another tag and/or boundaries; the author accepts or declines it."""
        annotation = self._reviewable(annotation_ref)
        new_tag = self.tag(tag).name if tag else None
        if new_tag == annotation.tag:
            new_tag = None
        bounds: tuple[int, int] | None = None
        if start is not None or end is not None:
            if annotation.is_orphan:
                raise BadInput("this annotation has no place in the text yet; attach it first")
            span = (
                annotation.start if start is None else start,
                annotation.end if end is None else end,
            )
            length = len(self._article_text(annotation.article_id).text)
            if not 0 <= span[0] < span[1] <= length:
                raise BadInput(
                    f"offsets {span[0]}..{span[1]} are out of range (0..{length}, start < end)"
                )
            bounds = None if span == (annotation.start, annotation.end) else span
        if new_tag is None and bounds is None:
            raise BadInput("the suggestion changes nothing: give another tag or other offsets")
        made = Review(
            new_id(),
            annotation.id,
            self.annotator,
            SUGGESTED,
            comment.strip(),
            now_iso(),
            suggested_tag=new_tag,
            suggested_start=bounds[0] if bounds else None,
            suggested_end=bounds[1] if bounds else None,
        )
        self._add_review(annotation, made)
        return made

    def resolve_suggestion(self: Project, review_id: str, *, accept: bool) -> Review:
        """The author accepts (the change is applied) or declines a suggestion."""
        suggestion = self.find_review(review_id)
        if suggestion.decision != SUGGESTED:
            raise BadInput("this review is not a suggestion")
        if suggestion.resolved:
            raise BadInput(f"this suggestion was already {suggestion.resolution or 'resolved'}")
        annotation = self.annotation(suggestion.annotation_id)
        if self.annotator != annotation.annotator:
            raise BadInput(
                f"only the annotation's author ({annotation.annotator}) can accept or decline "
                "a suggestion"
            )
        if annotation.deleted:
            raise BadInput("this annotation was deleted; restore it first")
        resolution = "accepted" if accept else "declined"
        db = self.store.db
        with self._changes_after_commit(), self.store.transaction():
            if accept:
                changes: dict[str, Any] = {}
                if suggestion.suggested_tag:
                    changes["tag"] = suggestion.suggested_tag
                if suggestion.suggested_start is not None:
                    changes.update(start=suggestion.suggested_start, end=suggestion.suggested_end)
                self.update_annotation(annotation.id, **changes)
            done = replace(suggestion, resolved=now_iso(), resolution=resolution)  # after it
            review_rows.set_resolved(db, done.id, done.resolved, resolution)
            self._record(annotation, done, "resolve", before={"resolved": None})
            self._emit(Change("reviews", annotation.article_id, (annotation.id,)))
        return done

    def unreview(self: Project, review_id: str) -> Review:
        """Withdraw my latest review of an annotation (the undo of :meth:`review`): the row
        is removed, an event keeps what it said."""
        found = self.find_review(review_id)
        if found.reviewer != self.annotator:
            raise BadInput(f"only {found.reviewer} can withdraw this review")
        mine = [r for r in self.reviews_of(found.annotation_id) if r.reviewer == self.annotator]
        if mine[-1].id != found.id:
            raise BadInput("only your latest review of an annotation can be withdrawn")
        if found.resolved or review_rows.replies_to(self.store.db, found.id):
            raise BadInput("this review has been answered or resolved; it stays in the history")
        annotation = self.annotation(found.annotation_id)
        with self.store.transaction():
            review_rows.delete(self.store.db, found.id)
            self._record(annotation, found, "unreview", before=review_dict(found))
        self._emit(Change("reviews", annotation.article_id, (annotation.id,)))
        return found

    # --- helpers ------------------------------------------------------------------------

    def _reviewable(self: Project, ref: str) -> Annotation:
        annotation = self.annotation(ref)
        if annotation.deleted:
            raise BadInput("this annotation was deleted; restore it first")
        return annotation

    def _add_review(self: Project, annotation: Annotation, review: Review) -> None:
        with self.store.transaction():
            review_rows.insert(self.store.db, review)
            self._record(annotation, review, "review")
        self._emit(Change("reviews", annotation.article_id, (annotation.id,)))

    def _record(
        self: Project,
        annotation: Annotation,
        review: Review,
        action: str,
        *,
        before: dict[str, Any] | None = None,
    ) -> None:
        """Two events: on the review itself, and on the annotation (for its history)."""
        db = self.store.db
        after = None if action == "unreview" else review_dict(review)
        review_action = {"review": "create", "resolve": "resolve", "unreview": "delete"}[action]
        events.record(
            db,
            annotator=self.annotator,
            action=review_action,
            entity="review",
            entity_id=review.id,
            article_id=annotation.article_id,
            before=before,
            after=after,
        )
        events.record(
            db,
            annotator=self.annotator,
            action=action,
            entity="annotation",
            entity_id=annotation.id,
            article_id=annotation.article_id,
            before=before,
            after={"review_id": review.id, **(after or {"decision": review.decision})},
        )

    @contextmanager
    def _changes_after_commit(self: Project) -> Iterator[None]:
        """Hold the change records of the actions inside until the block ends (wrap it
        around a transaction: they are sent after its commit, dropped on failure)."""
        held: list[Change] = []
        self._emit = held.append  # type: ignore[method-assign]
        try:
            yield
        finally:
            del self._emit
        for change in held:
            self._emit(change)
