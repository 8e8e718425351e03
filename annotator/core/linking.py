"""Links between annotations (denies, attributed to, supports, contradicts …) and verdicts.

Mixed into :class:`~annotator.core.project.Project`; every action is one
transaction with an event, then a change record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.changes import Change
from annotator.core.conflicts import check_verdict
from annotator.core.refs import resolve
from annotator.domain.errors import BadInput, NotFound
from annotator.domain.model import (
    Annotation,
    Rating,
    Relation,
    RelationType,
    Verdict,
    new_id,
    now_iso,
)
from annotator.domain.tagset import relation_key, suggest_relation_type
from annotator.store import events
from annotator.store import relations as relation_rows
from annotator.store import tags as tag_rows
from annotator.store import verdicts as verdict_rows

if TYPE_CHECKING:
    from annotator.core.project import Project


class LinkingActions:
    """Relations and verdicts (needs the rest of :class:`Project`)."""

    # --- relation types -----------------------------------------------------------------

    def relation_types(self: Project) -> list[RelationType]:
        return tag_rows.relation_types(self.store.db)

    def relation_type(self: Project, name: str) -> RelationType:
        """The type called ``name`` ("denies", "attributed to", "attributed_to" …)."""
        key = relation_key(name)
        for t in self.relation_types():
            if t.name == key or relation_key(t.label) == key:
                return t
        known = ", ".join(t.name for t in self.relation_types())
        raise NotFound(f"unknown relation type {name!r} (known: {known})")

    def suggest_relation(self: Project, from_id: str, to_id: str) -> RelationType | None:
        """The likely type of a link between two annotations, from their tags."""
        a, b = self.annotation(from_id), self.annotation(to_id)
        return suggest_relation_type(self.relation_types(), a.tag, b.tag)

    # --- relations --------------------------------------------------------------------

    def relation(self: Project, ref: str) -> Relation:
        """The relation with id ``ref`` or a unique prefix of one."""
        db = self.store.db
        return resolve(
            ref,
            lambda i: relation_rows.get(db, i),
            lambda p: relation_rows.ids_with_prefix(db, p),
            "relation",
        )

    def relations(self: Project, article_id: str, *, with_orphans: bool = False) -> list[Relation]:
        """The article's live links; those with an orphan at one end only ``with_orphans``."""
        return relation_rows.for_article(self.store.db, article_id, with_orphans=with_orphans)

    def relations_of(self: Project, annotation_id: str) -> list[Relation]:
        return relation_rows.for_annotation(self.store.db, annotation_id)

    def link(self: Project, from_ref: str, to_ref: str, type_name: str | None = None) -> Relation:
        """Link two annotations of one article; without a type, the suggested one."""
        source, target = self.annotation(from_ref), self.annotation(to_ref)
        if source.deleted or target.deleted:
            raise BadInput("cannot link a deleted annotation")
        if source.id == target.id:
            raise BadInput("an annotation cannot be linked to itself")
        if source.article_id != target.article_id:
            raise BadInput("both annotations must belong to the same article")
        if type_name:
            kind = self.relation_type(type_name)
        else:
            suggested = suggest_relation_type(self.relation_types(), source.tag, target.tag)
            if suggested is None:
                raise BadInput(f"no relation type fits {source.tag} → {target.tag}; give --type")
            kind = suggested
        if not kind.allows(source.tag, target.tag):
            raise BadInput(
                f"“{kind.label}” links {'/'.join(kind.from_tags) or 'any'} → "
                f"{'/'.join(kind.to_tags) or 'any'}, not {source.tag} → {target.tag}"
            )
        db = self.store.db
        if relation_rows.find_live(db, source.id, target.id, kind.name):
            raise BadInput(f"these two annotations are already linked as “{kind.label}”")
        relation = Relation(new_id(), source.id, target.id, kind.name, self.annotator, now_iso())
        with self.store.transaction():
            relation_rows.insert(db, relation)
            events.record(
                db,
                annotator=self.annotator,
                action="create",
                entity="relation",
                entity_id=relation.id,
                article_id=source.article_id,
                after={"from": source.id, "to": target.id, "type": kind.name},
            )
        self._emit(Change("relations", source.article_id, (relation.id,)))
        return relation

    def unlink(self: Project, relation_id: str) -> Relation:
        """Soft-delete a link (restore it with :meth:`relink`)."""
        return self._set_relation_deleted(relation_id, deleted=True)

    def relink(self: Project, relation_id: str) -> Relation:
        return self._set_relation_deleted(relation_id, deleted=False)

    def _set_relation_deleted(self: Project, relation_id: str, *, deleted: bool) -> Relation:
        current = self.relation(relation_id)
        if bool(current.deleted) == deleted:
            return current
        source = self.annotation(current.from_id)
        if not deleted and (source.deleted or self.annotation(current.to_id).deleted):
            raise BadInput("restore the linked annotations first")
        stamp = now_iso() if deleted else None
        db = self.store.db
        with self.store.transaction():
            relation_rows.set_deleted(db, current.id, stamp)
            events.record(
                db,
                annotator=self.annotator,
                action="delete" if deleted else "restore",
                entity="relation",
                entity_id=current.id,
                article_id=source.article_id,
                before={"deleted": current.deleted},
                after={"deleted": stamp},
            )
        self._emit(Change("relations", source.article_id, (current.id,)))
        return Relation(
            current.id,
            current.from_id,
            current.to_id,
            current.type,
            current.annotator,
            current.created,
            stamp,
        )

    # --- verdicts ---------------------------------------------------------------------

    def ratings(self: Project) -> list[Rating]:
        return verdict_rows.ratings(self.store.db)

    def rating(self: Project, name: str) -> Rating:
        folded = name.strip().casefold()
        for rating in self.ratings():
            if rating.name.casefold() == folded:
                return rating
        known = ", ".join(r.name for r in self.ratings())
        raise NotFound(f"unknown rating {name!r} (the scale has: {known})")

    def verdict(self: Project, annotation_id: str) -> Verdict | None:
        return verdict_rows.get(self.store.db, annotation_id)

    def verdicts(self: Project, article_id: str) -> dict[str, Verdict]:
        return verdict_rows.for_article(self.store.db, article_id)

    def _claim(self: Project, ref: str) -> Annotation:
        annotation = self.annotation(ref)
        if annotation.deleted:
            raise BadInput("this annotation was deleted")
        if self.tag(annotation.tag).kind != "claim":
            raise BadInput(f"only claims carry a verdict; this one is a {annotation.tag}")
        return annotation

    def set_verdict(
        self: Project,
        annotation_ref: str,
        rating: str,
        explanation: str = "",
        *,
        expected: tuple[str, str] | None = None,
    ) -> Verdict:
        """Rate a claim on the verdict scale (replacing an earlier verdict).

        ``expected`` is the verdict the user's edit started from, ``(rating,
        explanation)`` or ``("", "")`` for none: if someone else changed it meanwhile,
        :class:`~annotator.domain.errors.Conflict` is raised and nothing is written.
        """
        claim = self._claim(annotation_ref)
        chosen = self.rating(rating)
        db = self.store.db
        explanation = explanation.strip()
        with self.store.transaction():  # read and write under one write lock
            before = verdict_rows.get(db, claim.id)
            if expected is not None:
                self._check_verdict(claim, before, expected, (chosen.name, explanation))
            stamp = now_iso()
            verdict = Verdict(
                claim.id,
                chosen.name,
                explanation,
                self.annotator,
                before.created if before else stamp,
                stamp,
            )
            verdict_rows.upsert(db, verdict)
            self._record_verdict(claim, before, verdict)
        self._emit(Change("verdicts", claim.article_id, (claim.id,)))
        return verdict

    def clear_verdict(
        self: Project, annotation_ref: str, *, expected: tuple[str, str] | None = None
    ) -> None:
        """Remove a claim's verdict (``expected`` as in :meth:`set_verdict`)."""
        claim = self.annotation(annotation_ref)
        db = self.store.db
        with self.store.transaction():
            before = verdict_rows.get(db, claim.id)
            if expected is not None:
                self._check_verdict(claim, before, expected, ("", ""))
            if before is None:
                return
            verdict_rows.delete(db, claim.id)
            self._record_verdict(claim, before, None)
        self._emit(Change("verdicts", claim.article_id, (claim.id,)))

    def _check_verdict(
        self: Project,
        claim: Annotation,
        current: Verdict | None,
        expected: tuple[str, str],
        mine: tuple[str, str],
    ) -> None:
        db = self.store.db
        check_verdict(
            lambda action: events.last(db, "annotation", claim.id, action),
            claim.id,
            current,
            expected,
            mine,
        )

    def _record_verdict(
        self: Project, claim: Annotation, before: Verdict | None, after: Verdict | None
    ) -> None:
        events.record(
            self.store.db,
            annotator=self.annotator,
            action="verdict",
            entity="annotation",
            entity_id=claim.id,
            article_id=claim.article_id,
            before=_verdict_dict(before),
            after=_verdict_dict(after),
        )


def _verdict_dict(verdict: Verdict | None) -> dict | None:
    if verdict is None:
        return None
    return {
        "rating": verdict.rating,
        "explanation": verdict.explanation,
        "annotator": verdict.annotator,
    }
