"""Planning the reviews of an imported set (reads only): each review is stored once, by its
id (or, without one, by annotation, reviewer, decision, comment and time); a stored
suggestion that the set shows resolved is marked resolved too."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.domain.errors import NotFound
from annotator.domain.exchange import ArticleSet, SetReview
from annotator.domain.model import SUGGESTED, Review, now_iso
from annotator.store import reviews as review_rows

if TYPE_CHECKING:
    from annotator.core.import_plan import Plan
    from annotator.core.project import Project

#: the words a set may use for a decision, and what they mean here
DECISION_WORDS = {
    "accept": "accepted",
    "accepted": "accepted",
    "approve": "accepted",
    "approved": "accepted",
    "reject": "rejected",
    "rejected": "rejected",
    "comment": "commented",
    "commented": "commented",
    "commenting": "commented",
    "suggest": "suggested",
    "suggested": "suggested",
}
RESOLUTIONS = ("accepted", "declined")


def decision_of(word: str) -> str | None:
    """The decision ``word`` names ("accept", "Accepted" …), or None."""
    return DECISION_WORDS.get(word.strip().casefold())


def plan_reviews(
    project: Project, plan: Plan, s: ArticleSet, resolve: Callable[[str], str | None]
) -> None:
    from annotator.core.import_plan import plain_id  # (that module imports this one)

    db, report = project.store.db, plan.report
    stamp = now_iso()
    for rv in s.reviews:
        name = rv.id or rv.annotation_key
        annotation_id = resolve(rv.annotation_key)
        if annotation_id is None:
            report.problems.append(f"review {name}: not in the set")
            continue
        decision = decision_of(rv.decision)
        if decision is None:
            report.problems.append(f"review {name}: unknown decision {rv.decision!r}: skipped")
            continue
        problem = _suggestion_problem(project, plan, rv)
        if problem:
            report.problems.append(f"review {name}: {problem}: skipped")
            continue
        review_id = plain_id(rv.id)
        stored = review_rows.get(db, review_id) if review_id else None
        if stored is not None:
            if stored.resolved is None and rv.resolved and rv.resolution in RESOLUTIONS:
                plan.resolutions.append(
                    (stored, replace(stored, resolved=rv.resolved, resolution=rv.resolution))
                )
            continue
        if review_id is None and review_rows.same_review(
            db, annotation_id, rv.reviewer, decision, rv.comment, rv.created
        ):
            continue
        tag = project.tag(rv.suggested_tag).name if rv.suggested_tag else None
        plan.reviews.append(
            Review(
                id=review_id or str(uuid.uuid4()),
                annotation_id=annotation_id,
                reviewer=rv.reviewer,
                decision=decision,
                comment=rv.comment,
                created=rv.created or stamp,
                reply_to=plain_id(rv.reply_to),
                suggested_tag=tag if decision == SUGGESTED else None,
                suggested_start=rv.suggested_start if decision == SUGGESTED else None,
                suggested_end=rv.suggested_end if decision == SUGGESTED else None,
                resolved=rv.resolved if rv.resolution in RESOLUTIONS else None,
                resolution=rv.resolution if rv.resolution in RESOLUTIONS else None,
            )
        )
        report.reviews += 1


def _suggestion_problem(project: Project, plan: Plan, rv: SetReview) -> str | None:
    if rv.suggested_tag:
        try:
            project.tag(rv.suggested_tag)
        except NotFound:
            return f"suggests the unknown tag {rv.suggested_tag!r}"
    start, end = rv.suggested_start, rv.suggested_end
    if (start is None) != (end is None):
        return "a suggested start needs a suggested end"
    if start is not None and end is not None and not 0 <= start < end <= len(plan.article.text):
        return f"suggested offsets {start}..{end} do not fit the text"
    return None
