"""Writing a planned import (inside the import's one transaction): the rows as the set gives
them — ids, annotators and times kept — and events that say who imported them.

Annotations, their events and links are written in batches (:mod:`annotator.store.bulk`),
in the order of the plan, with the events in the order they would have been recorded
one by one (an actor created on the way gets its event between them, as before)."""

from __future__ import annotations

from json.encoder import encode_basestring as _text
from typing import TYPE_CHECKING, Any

from annotator.domain.fastjson import dumps
from annotator.domain.model import Annotation, now_iso
from annotator.store import annotations as annotation_rows
from annotator.store import articles as article_rows
from annotator.store import bulk, events
from annotator.store import reviews as review_rows
from annotator.store import verdicts as verdict_rows

if TYPE_CHECKING:
    from annotator.core.import_plan import Plan
    from annotator.core.project import Project


def imported_after(a: Annotation, source_name: str) -> str:
    """The ``after`` of an annotation's import event: the JSON text of
    ``{**public_fields(a), "source": source_name}`` as ``json.dumps`` writes it, from a
    template (100,000 of them: 0.3 s through the dicts and the encoder, 0.1 s so)."""
    if type(a.start) is not int or type(a.end) is not int:
        return dumps({**public_fields(a), "source": source_name})
    start, end = (a.start, a.end) if a.start >= 0 else ("null", "null")
    try:
        return (
            f'{{"id": {_text(a.id)}, "start": {start}, "end": {end}, '
            f'"exact": {_text(a.exact)}, "tag": {_text(a.tag)}, '
            f'"actor": {"null" if a.actor is None else _text(a.actor)}, '
            f'"note": {_text(a.note)}, "annotator": {_text(a.annotator)}, '
            f'"created": {_text(a.created)}, "modified": {_text(a.modified)}, '
            f'"source": {_text(source_name)}}}'
        )
    except TypeError:  # a value of another type: json.dumps says how
        return dumps({**public_fields(a), "source": source_name})


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


class _Writer:
    """The plan's event rows, kept until written; actor ids by name."""

    def __init__(self, project: Project, article_id: str) -> None:
        self.project = project
        self.db = project.store.db
        self.who = project.annotator
        self.article_id = article_id
        self.at = now_iso()
        self.events: list[tuple[Any, ...]] = []
        self.actors: dict[str, str | None] = {}

    def event(self, action: str, entity: str, entity_id: str, **values: Any) -> None:
        self.events.append(
            bulk.event_row(self.at, self.who, action, entity, entity_id, self.article_id, **values)
        )

    def imported(self, annotation: Annotation, source_name: str) -> None:
        """The event of an annotation's import (as :meth:`event` would write it)."""
        after = imported_after(annotation, source_name)
        self.events.append(
            bulk.encoded_event_row(
                self.at,
                self.who,
                "import",
                "annotation",
                annotation.id,
                self.article_id,
                None,
                after,
            )
        )

    def flush(self) -> None:
        bulk.insert_events(self.db, self.events)
        self.events = []

    def actor_id(self, name: str | None) -> str | None:
        key = name or ""
        if key not in self.actors:
            self.flush()  # a new actor's event comes after the events before it
            self.actors[key] = self.project._actor_id(name or None)
        return self.actors[key]


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
    out = _Writer(project, article.id)
    _write_annotations(out, plan, source_name)
    _write_links(out, plan, source_name)
    out.flush()
    _write_rest(project, plan, source_name)


def _write_annotations(out: _Writer, plan: Plan, source_name: str) -> None:
    rows = []
    for annotation, actor in plan.inserts:
        rows.append(annotation_rows.annotation_row(annotation, out.actor_id(actor)))
        out.imported(annotation, source_name)
    bulk.insert_annotations(out.db, rows)
    rows = []
    for stored, new in plan.updates:
        rows.append(annotation_rows.annotation_row(_live(new), out.actor_id(new.actor)))
        out.event(
            "import-conflict",
            "annotation",
            stored.id,
            before=public_fields(stored),
            after={**public_fields(new), "kept": "imported", "source": source_name},
        )
    bulk.update_annotations(out.db, rows)
    out.flush()
    for stored, new in plan.kept:
        after = {**public_fields(new), "kept": "stored", "source": source_name}
        if not events.exists(out.db, "annotation", stored.id, "import-conflict", after):
            out.event(
                "import-conflict",
                "annotation",
                stored.id,
                before=public_fields(stored),
                after=after,
            )
            out.flush()  # the same conflict twice in one set is recorded once


def _write_links(out: _Writer, plan: Plan, source_name: str) -> None:
    bulk.insert_relations(out.db, plan.relations)
    for relation in plan.relations:
        out.event(
            "import",
            "relation",
            relation.id,
            after={"from": relation.from_id, "to": relation.to_id, "type": relation.type},
        )


def _live(annotation: Annotation) -> Annotation:
    if annotation.deleted is None:
        return annotation
    return Annotation(**{**annotation.__dict__, "deleted": None})


def _write_rest(project: Project, plan: Plan, source_name: str) -> None:
    db, who = project.store.db, project.annotator
    article = plan.article
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
