"""Planning an import with reads only: where each annotation goes (re-anchoring), whether it
is new, the same, or a newer or older version of a stored one; its links, verdict and
reviews. :mod:`importing_sets` checks the set, finds the articles and writes the plan.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.core.anchoring import CONTEXT, anchor
from annotator.core.import_reviews import plan_reviews
from annotator.domain import text as textrules
from annotator.domain.exchange import ArticleSet, SetAnnotation
from annotator.domain.model import (
    ORPHAN,
    Annotation,
    Article,
    Relation,
    Review,
    Verdict,
    now_iso,
)
from annotator.domain.rows import from_row
from annotator.formats.w3c_span import uuid_of
from annotator.store import annotations as annotation_rows
from annotator.store import articles as article_rows
from annotator.store import bulk
from annotator.store import relations as relation_rows
from annotator.store import verdicts as verdict_rows

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass
class ImportReport:
    """What importing one article's annotations did (or, in a dry run, would do)."""

    article_id: str
    article_title: str
    #: how the article was found: "sha256", "url", "title", "chosen" or "text"
    matched: str
    #: True when the set's own text was imported as a new article
    created_article: bool = False
    exact: int = 0
    reanchored: int = 0
    orphaned: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    #: same id, different content, the stored version newer: kept, the other in the events
    conflicts: int = 0
    relations: int = 0
    verdicts: int = 0
    reviews: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The CLI's line: ``id<TAB>title<TAB>exact=N reanchored=N … relations=N``."""
        counts = " ".join(
            f"{k}={getattr(self, k)}"
            for k in ("exact", "reanchored", "orphaned", "new", "updated", "unchanged", "relations")
        )
        title = " ".join(self.article_title.split())
        return f"{self.article_id}\t{title}\t{counts}"


@dataclass
class Plan:
    report: ImportReport
    article: Article
    create_article: bool = False
    inserts: list[tuple[Annotation, str]] = field(default_factory=list)
    updates: list[tuple[Annotation, Annotation]] = field(default_factory=list)
    #: (stored version, incoming version) when the stored one is kept
    kept: list[tuple[Annotation, Annotation]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    verdicts: list[tuple[Verdict, Verdict | None]] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    #: (stored review, the same review now resolved) — a suggestion resolved elsewhere
    resolutions: list[tuple[Review, Review]] = field(default_factory=list)
    #: stored annotations read while planning, by id (None: not stored)
    stored: dict[str, Annotation | None] = field(default_factory=dict, repr=False)


#: a UUID as this app writes it (what :func:`plain_id` would return unchanged)


def plain_id(value: str | None) -> str | None:
    """The UUID in ``value`` ("urn:uuid:…" or bare, around white space), lower case; None
    when it is not one."""
    return uuid_of(value.strip()) if value else None


def _content(a: Annotation) -> tuple[Any, ...]:
    return (a.tag, a.start, a.end, a.exact, a.actor, a.note)


class PlanActions:
    def _plan(
        self: Project,
        s: ArticleSet,
        article: Article,
        how: str,
        tags: dict[str, str],
        fmt: str,
        fatal: list[str],
    ) -> Plan:
        db = self.store.db
        create = article_rows.get(db, article.id) is None
        if create:
            article = Article(**{**article.__dict__, "source_format": fmt})
        report = ImportReport(article.id, article.display_title, how, created_article=create)
        plan = Plan(report, article, create_article=create)
        source_text = textrules.normalize(s.ref.text) if s.ref.text else None
        keys: dict[str, str] = {}
        tag_of: dict[str, str] = {}
        seen: dict[tuple[Any, ...], str] = {}
        stamp = now_iso()
        plain = [plain_id(sa.id) for sa in s.annotations]
        ids = [i for i in plain if i]
        found = bulk.annotations_by_id(db, ids)  # one read for all, not one per annotation
        plan.stored.update({i: found.get(i) for i in ids})
        # what only annotations without ids (``seen``) and links or reviews (``keys``) read
        without_ids = len(ids) < len(plain)
        linked = bool(s.relations or s.reviews)
        for i, sa in enumerate(s.annotations):
            if not sa.exact.strip() and source_text is None:
                if how not in ("sha256", "text") or not _fits(article.text, sa):
                    fatal.append(
                        f"item {i + 1}{f' ({sa.key})' if sa.key else ''}: no quote, and its "
                        f"offsets {sa.start}..{sa.end} do not fit the text"
                        + ("" if how in ("sha256", "text") else " (a different version)")
                    )
                    continue
                sa = replace(sa, exact=article.text[sa.start : sa.end])  # type: ignore[index]
            ann_id = plain[i]
            incoming = self._placed(article, sa, source_text, tags, report, stamp, ann_id)
            # without ids, an annotation is the same when tag, place, quote, author and
            # actor agree (two actors' denials of the same words are two annotations)
            same = (
                (
                    incoming.tag,
                    incoming.start,
                    incoming.end,
                    incoming.exact,
                    incoming.annotator,
                    incoming.actor,
                )
                if without_ids
                else None
            )
            stored = plan.stored[ann_id] if ann_id else None
            if stored is not None and stored.article_id != article.id:
                report.problems.append(f"item {i + 1}: id {ann_id} belongs to another article")
                continue
            if stored is None and ann_id is None:
                match = seen.get(same) or getattr(
                    annotation_rows.same_span(
                        db,
                        article.id,
                        tag=incoming.tag,
                        start=incoming.start,
                        end=incoming.end,
                        exact=incoming.exact,
                        annotator=incoming.annotator,
                        actor=incoming.actor,
                    ),
                    "id",
                    None,
                )
                if match:
                    report.unchanged += 1
                    _remember(keys, sa, match)
                    tag_of[match] = incoming.tag
                    continue
            final = self._merge(plan, stored, incoming)
            if without_ids:
                seen[same] = final.id
            if linked:
                _remember(keys, sa, final.id)
            tag_of[final.id] = final.tag
            self._plan_verdict(plan, sa, final)
        self._plan_links(plan, s, keys, tag_of, stamp)
        return plan

    def _placed(
        self: Project,
        article: Article,
        sa: SetAnnotation,
        source_text: str | None,
        tags: dict[str, str],
        report: ImportReport,
        stamp: str,
        ann_id: str | None,
    ) -> Annotation:
        """The annotation ``sa`` as it goes in (``ann_id``: its :func:`plain_id`)."""
        text, start, end, exact = article.text, sa.start, sa.end, sa.exact
        if source_text is None and _in_place(text, sa):  # the usual case, without anchor()
            report.exact += 1
            prefix = text[max(0, start - CONTEXT) : start]
            suffix = text[end : end + CONTEXT]
        else:
            place = anchor(text, sa, source_text=source_text)
            counter = "orphaned" if place.kind == "orphan" else place.kind
            setattr(report, counter, getattr(report, counter) + 1)
            if place.kind == "orphan":
                prefix, suffix = sa.prefix, sa.suffix
                if source_text and not exact and start is not None and end is not None:
                    exact = source_text[start:end]
                start = end = ORPHAN
            else:
                quote = textrules.quote_at(text, place.start, place.end)
                exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
                start, end = place.start, place.end
        created = sa.created or stamp
        actor = " ".join(sa.actor.split()) if sa.actor and sa.actor.strip() else None
        return from_row(  # an Annotation, made without __init__ (see domain.rows)
            (
                ann_id or str(uuid.uuid4()),
                article.id,
                start,
                end,
                exact,
                prefix,
                suffix,
                tags[sa.tag.casefold()],
                actor,
                sa.note,
                (sa.annotator or "").strip() or self.annotator,
                created,
                sa.modified or created,
                None,
            )
        )

    def _merge(self: Project, plan: Plan, stored: Annotation | None, new: Annotation) -> Annotation:
        report = plan.report
        if stored is None:
            plan.inserts.append((new, new.actor or ""))
            report.new += 1
            return new
        if new.is_orphan and not stored.is_orphan:  # a place we have beats one we cannot find
            new = Annotation(
                **{
                    **new.__dict__,
                    **{
                        k: getattr(stored, k) for k in ("start", "end", "exact", "prefix", "suffix")
                    },
                }
            )
        if _content(stored) == _content(new) and not stored.deleted:
            report.unchanged += 1
            return stored
        if stored.deleted and stored.modified >= new.modified:
            report.unchanged += 1
            return stored
        if new.modified > stored.modified:
            plan.updates.append((stored, new))
            report.updated += 1
            return new
        plan.kept.append((stored, new))
        report.unchanged += 1
        report.conflicts += 1
        return stored

    def _plan_verdict(self: Project, plan: Plan, sa: SetAnnotation, final: Annotation) -> None:
        if sa.verdict is None:
            return
        kind = next((t.kind for t in self.tags() if t.name == final.tag), "span")
        if kind != "claim":
            plan.report.problems.append(f"verdict on a {final.tag}, not a claim: skipped")
            return
        verdict = Verdict(
            final.id,
            self.rating(sa.verdict).name,
            sa.verdict_explanation.strip(),
            sa.verdict_annotator or final.annotator,
            sa.verdict_created or sa.verdict_modified or final.modified,
            sa.verdict_modified or sa.verdict_created or final.modified,
        )
        stored = verdict_rows.get(self.store.db, final.id)
        if stored is not None and (stored.rating, stored.explanation) == (
            verdict.rating,
            verdict.explanation,
        ):
            return
        if stored is None or verdict.modified > stored.modified:
            plan.verdicts.append((verdict, stored))
            plan.report.verdicts += 1

    def _plan_links(
        self: Project,
        plan: Plan,
        s: ArticleSet,
        keys: dict[str, str],
        tag_of: dict[str, str],
        stamp: str,
    ) -> None:
        db, report = self.store.db, plan.report

        def resolve(key: str) -> str | None:
            if key in keys:
                return keys[key]
            known = plain_id(key)
            stored = _stored(db, plan, known) if known else None
            if stored is not None and stored.article_id == plan.article.id:
                tag_of[stored.id] = stored.tag
                return stored.id
            return None

        revived = {new.id for _, new in plan.updates}  # deleted here, live again with the set

        def deleted(ann_id: str) -> bool:
            stored = _stored(db, plan, ann_id)
            return stored is not None and stored.deleted is not None and ann_id not in revived

        planned: set[tuple[str, str, str]] = set()
        for r in s.relations:
            source, target = resolve(r.from_key), resolve(r.to_key)
            if source is None or target is None:
                report.problems.append(f"link {r.id or r.from_key}: an end is not in the set")
                continue
            if source == target:
                report.problems.append(f"link {r.id or r.from_key}: links an annotation to itself")
                continue
            if deleted(source) or deleted(target):
                report.problems.append(f"link {r.id or r.from_key}: an end was deleted here")
                continue
            kind = self.relation_type(r.type)
            if not kind.allows(tag_of[source], tag_of[target]):
                report.problems.append(
                    f"link {r.id or r.from_key}: “{kind.label}” does not fit "
                    f"{tag_of[source]} → {tag_of[target]}"
                )
                continue
            rel_id = plain_id(r.id)
            triple = (source, target, kind.name)
            if (
                (rel_id and relation_rows.get(db, rel_id))
                or relation_rows.find_live(db, *triple)
                or triple in planned
            ):
                continue
            planned.add(triple)
            who = (r.annotator or "").strip() or self.annotator
            plan.relations.append(
                Relation(
                    rel_id or str(uuid.uuid4()), source, target, kind.name, who, r.created or stamp
                )
            )
            report.relations += 1
        plan_reviews(self, plan, s, resolve)

    # --- writing -----------------------------------------------------------------------------


def _stored(db: Any, plan: Plan, annotation_id: str) -> Annotation | None:
    """The stored annotation (read once per plan; planning writes nothing)."""
    if annotation_id not in plan.stored:
        plan.stored[annotation_id] = annotation_rows.get(db, annotation_id)
    return plan.stored[annotation_id]


def _remember(keys: dict[str, str], sa: SetAnnotation, annotation_id: str) -> None:
    for key in (sa.key, sa.id, f"urn:uuid:{annotation_id}", annotation_id):
        if key:
            keys.setdefault(key, annotation_id)


def _fits(text: str, sa: SetAnnotation) -> bool:
    return sa.start is not None and sa.end is not None and 0 <= sa.start < sa.end <= len(text)


def _in_place(text: str, sa: SetAnnotation) -> bool:
    """Whether the quote of ``sa`` is where its offsets say: the first stage of
    :func:`anchor` (with no source text), which places every annotation of a set made on
    the same text — without the setup of the later stages."""
    return bool(sa.exact) and _fits(text, sa) and text[sa.start : sa.end] == sa.exact
