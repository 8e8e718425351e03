"""Writing a planned import (inside the import's one transaction): the rows as the set gives
them — ids, annotators and times kept — and events that say who imported them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.domain.model import Annotation
from annotator.store import annotations as annotation_rows
from annotator.store import articles as article_rows
from annotator.store import events
from annotator.store import relations as relation_rows
from annotator.store import reviews as review_rows
from annotator.store import verdicts as verdict_rows

if TYPE_CHECKING:
    from annotator.core.import_plan import Plan
    from annotator.core.project import Project


def public_fields(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "start": None if a.is_orphan else a.start,
        "end": None if a.is_orphan else a.end,
        "exact": a.exact,
        "tag": a.tag,
        "actor": a.actor,
        "note": a.note,
        "annotator": a.annotator,
        "created": a.created,
        "modified": a.modified,
    }


def apply_plan(project: Project, plan: Plan, source_name: str) -> None:
    db, who = project.store.db, project.annotator
    article = plan.article
    if plan.create_article:
        article_rows.insert(
            db,
            article,
            imported_by=who,
            original=article.text.encode("utf-8"),
            original_name=source_name,
            media_type="text/plain",
        )
        events.record(
            db,
            annotator=who,
            action="import",
            entity="article",
            entity_id=article.id,
            article_id=article.id,
            after={"title": article.title, "sha256": article.sha256, "source": source_name},
        )
    for annotation, actor in plan.inserts:
        annotation_rows.insert(db, annotation, project._actor_id(actor or None))
        events.record(
            db,
            annotator=who,
            action="import",
            entity="annotation",
            entity_id=annotation.id,
            article_id=article.id,
            after={**public_fields(annotation), "source": source_name},
        )
    for stored, new in plan.updates:
        row = annotation_rows.row_of(new, project._actor_id(new.actor))
        row["deleted"] = None
        annotation_rows.update(db, stored.id, {k: v for k, v in row.items() if k != "id"})
        events.record(
            db,
            annotator=who,
            action="import-conflict",
            entity="annotation",
            entity_id=stored.id,
            article_id=article.id,
            before=public_fields(stored),
            after={**public_fields(new), "kept": "imported", "source": source_name},
        )
    for stored, new in plan.kept:
        after = {**public_fields(new), "kept": "stored", "source": source_name}
        if not events.exists(db, "annotation", stored.id, "import-conflict", after):
            events.record(
                db,
                annotator=who,
                action="import-conflict",
                entity="annotation",
                entity_id=stored.id,
                article_id=article.id,
                before=public_fields(stored),
                after=after,
            )
    for relation in plan.relations:
        relation_rows.insert(db, relation)
        events.record(
            db,
            annotator=who,
            action="import",
            entity="relation",
            entity_id=relation.id,
            article_id=article.id,
            after={"from": relation.from_id, "to": relation.to_id, "type": relation.type},
        )
    for verdict, before in plan.verdicts:
        verdict_rows.upsert(db, verdict)
        events.record(
            db,
            annotator=who,
            action="verdict",
            entity="annotation",
            entity_id=verdict.annotation_id,
            article_id=article.id,
            before=None if before is None else {"rating": before.rating},
            after={
                "rating": verdict.rating,
                "explanation": verdict.explanation,
                "source": source_name,
            },
        )
    for review in plan.reviews:
        review_rows.insert(db, review)
        events.record(
            db,
            annotator=who,
            action="import",
            entity="review",
            entity_id=review.id,
            article_id=article.id,
            after={
                "annotation_id": review.annotation_id,
                "reviewer": review.reviewer,
                "decision": review.decision,
                "source": source_name,
            },
        )
    for stored, resolved in plan.resolutions:
        review_rows.set_resolved(db, stored.id, resolved.resolved, resolved.resolution)
        events.record(
            db,
            annotator=who,
            action="import-resolve",
            entity="review",
            entity_id=stored.id,
            article_id=article.id,
            before={"resolved": None},
            after={
                "resolved": resolved.resolved,
                "resolution": resolved.resolution,
                "source": source_name,
            },
        )
