"""Curation and agreement: the agreed (gold) set built from accepted annotations, the
differences between two annotators and their agreement figures (see
:mod:`annotator.domain.agreement` and the README, section *Agreement*).

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Change
from annotator.core.importing_write import public_fields
from annotator.domain.errors import BadInput
from annotator.domain.model import ACCEPTED, GOLD, Annotation, Relation, Verdict, new_id, now_iso
from annotator.store import annotations as annotation_rows
from annotator.store import events
from annotator.store import relations as relation_rows
from annotator.store import reviews as review_rows
from annotator.store import verdicts as verdict_rows

if TYPE_CHECKING:
    from annotator.core.project import Project
    from annotator.domain.agreement import Agreement, Category, Difference, Span


@dataclass(frozen=True)
class CurationReport:
    article_id: str
    #: who curated (recorded in the events)
    curator: str
    #: gold copies made now
    added: int
    #: accepted annotations whose copy was already in the agreed set
    kept: int
    #: links copied between gold copies now
    links: int


def package_alpha(pairs: dict[tuple[Category, Category], int]) -> float | None:
    """Krippendorff's alpha (nominal) of the per-character values, with the krippendorff
    package; None where it does not apply (fewer than two values in all)."""
    values = sorted({value for pair in pairs for value in pair})
    if len(values) < 2:
        return None
    import krippendorff
    import numpy as np

    code = {v: float(i) for i, v in enumerate(values)}
    counts = np.array(list(pairs.values()), dtype=np.int64)
    data = np.vstack(
        [
            np.repeat([code[x] for x, _ in pairs], counts),
            np.repeat([code[y] for _, y in pairs], counts),
        ]
    )
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


class CurationActions:
    # --- the agreed set -----------------------------------------------------------------

    def curate(self: Project, article_ref: str) -> CurationReport:
        """Copy every live annotation whose latest accept/reject decision is "accepted" into
        the agreed set (annotator ``gold``): tag, span, actor, note and verdict, and the
        links between accepted annotations. Again later adds only what is new; a copy is
        one per (start, end, tag, actor), and a gold copy deleted by hand stays deleted."""
        article = self.article(article_ref)
        db = self.store.db
        latest = review_rows.latest_decisions(db, article.id)
        everything = self.annotations(article.id, include_deleted=True)
        gold = {_key(a): a for a in everything if a.annotator == GOLD}
        accepted = [
            a
            for a in everything
            if not a.deleted and a.annotator != GOLD and latest.get(a.id) == ACCEPTED
        ]
        stamp = now_iso()
        copy_of: dict[str, Annotation] = {}
        added: list[tuple[Annotation, Annotation]] = []
        kept = 0
        for original in accepted:
            existing = gold.get(_key(original))
            if existing is not None:
                kept += 1
            else:
                existing = replace(
                    original, id=new_id(), annotator=GOLD, created=stamp, modified=stamp
                )
                gold[_key(original)] = existing
                added.append((existing, original))
            copy_of[original.id] = existing
        links = self._gold_links(article.id, copy_of, stamp)
        verdicts = self.verdicts(article.id)
        new_verdicts: dict[str, Verdict] = {}
        for original in accepted:
            copy = copy_of[original.id]
            if original.id in verdicts and copy.id not in verdicts and not copy.deleted:
                new_verdicts.setdefault(
                    copy.id, replace(verdicts[original.id], annotation_id=copy.id)
                )
        with self.store.transaction():
            for copy, original in added:
                annotation_rows.insert(db, copy, self._actor_id(copy.actor))
                after = {**public_fields(copy), "curated_from": original.id}
                after["curator"] = self.annotator
                self._event("create", "annotation", copy.id, article.id, after)
            for link in links:
                relation_rows.insert(db, link)
                after = {"from": link.from_id, "to": link.to_id, "type": link.type}
                self._event("create", "relation", link.id, article.id, after)
            for verdict in new_verdicts.values():
                verdict_rows.upsert(db, verdict)
                after = {"rating": verdict.rating, "explanation": verdict.explanation}
                self._event("verdict", "annotation", verdict.annotation_id, article.id, after)
            report = CurationReport(article.id, self.annotator, len(added), kept, len(links))
            after = {"curator": self.annotator, "added": len(added), "kept": kept}
            after["links"] = len(links)
            self._event("curate", "article", article.id, article.id, after)
        if added:
            self._emit(Change("annotations", article.id, tuple(c.id for c, _ in added)))
        if links:
            self._emit(Change("relations", article.id, tuple(r.id for r in links)))
        if new_verdicts:
            self._emit(Change("verdicts", article.id, tuple(new_verdicts)))
        return report

    def _gold_links(
        self: Project, article_id: str, copy_of: dict[str, Annotation], stamp: str
    ) -> list[Relation]:
        """The links between accepted annotations that their gold copies lack."""
        db = self.store.db
        planned: set[tuple[str, str, str]] = set()
        out: list[Relation] = []
        for r in self.relations(article_id):
            source, target = copy_of.get(r.from_id), copy_of.get(r.to_id)
            if source is None or target is None or source.deleted or target.deleted:
                continue
            triple = (source.id, target.id, r.type)
            if source.id == target.id or triple in planned:
                continue
            if relation_rows.find_live(db, *triple):
                continue
            planned.add(triple)
            out.append(Relation(new_id(), source.id, target.id, r.type, GOLD, stamp))
        return out

    def _event(
        self: Project,
        action: str,
        entity: str,
        entity_id: str,
        article_id: str,
        after: dict[str, Any],
    ) -> None:
        events.record(
            self.store.db,
            annotator=self.annotator,
            action=action,
            entity=entity,
            entity_id=entity_id,
            article_id=article_id,
            after=after,
        )

    # --- comparing two annotators -------------------------------------------------------

    def differences(self: Project, article_ref: str, a: str, b: str) -> list[Difference]:
        """The side-by-side comparison of A's and B's annotations of one article (each
        :class:`Span` carries its annotation id)."""
        from annotator.domain.agreement import compare  # with its figures: not at start

        article = self.article(article_ref)
        spans_a, spans_b = _spans(self.annotations(article.id), a, b, 0)
        return compare(spans_a, spans_b)

    def agreement(self: Project, a: str, b: str, article_ref: str | None = None) -> Agreement:
        """Agreement of annotators ``a`` and ``b`` over one article, or the corpus (every
        article, their texts one after the other: F1 counts add up, kappa and alpha run
        over all the characters)."""
        from annotator.domain.agreement import measure

        known = self.annotators()
        for name in (a, b):
            if name not in known:
                raise BadInput(
                    f"no annotations by {name!r} (annotators: {', '.join(known) or 'none'})"
                )
        articles = [self.article(article_ref)] if article_ref else self.articles()
        offset = 0
        spans_a: list[Span] = []
        spans_b: list[Span] = []
        for article in articles:
            got_a, got_b = _spans(self.annotations(article.id), a, b, offset)
            spans_a += got_a
            spans_b += got_b
            offset += len(self._article_text(article.id).text)
        tags = [t.name for t in self.tags()]
        return measure(offset, spans_a, spans_b, tags=tags, alpha=package_alpha)


def _key(a: Annotation) -> tuple[Any, ...]:
    return (a.start, a.end, a.tag, a.actor)


def _spans(
    annotations: list[Annotation], a: str, b: str, offset: int
) -> tuple[list[Span], list[Span]]:
    from annotator.domain.agreement import Span

    def of(name: str) -> list[Span]:
        return [
            Span(x.start + offset, x.end + offset, x.tag, x.id)
            for x in annotations
            if x.annotator == name and not x.deleted and not x.is_orphan
        ]

    return of(a), of(b)
