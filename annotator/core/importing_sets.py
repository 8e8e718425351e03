"""Importing annotation sets: find each set's article, place its annotations (re-anchoring
where the text differs), and merge them without duplicates.

The import is planned with reads only (what ``dry_run`` reports), then written in one
transaction: all of it or nothing. Importing the same set again changes nothing.

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from annotator.core.changes import Change
from annotator.core.import_plan import ImportReport, Plan, PlanActions, plain_id
from annotator.core.importing_write import apply_plan
from annotator.domain import text as textrules
from annotator.domain.errors import BadInput, NotFound
from annotator.domain.exchange import AnnotationSet, ArticleSet, SetError
from annotator.domain.gc_pause import paused_gc
from annotator.domain.model import Article, Tag, now_iso
from annotator.domain.tagset import shown_name, tag_name_problem
from annotator.store import articles as article_rows
from annotator.store import bulk
from annotator.store import tags as tag_rows

if TYPE_CHECKING:
    from annotator.core.project import Project

#: the longest values an imported set may carry (characters): a note, explanation or
#: comment; a quote; its context; a name or a time. A 20 MB note took the note editor
#: seconds to show; nobody writes one.
MAX_NOTE = 100_000
MAX_QUOTE = 1_000_000
MAX_CONTEXT = 10_000
MAX_NAME = 200
_LIMITS = (
    ("note", MAX_NOTE),
    ("verdict_explanation", MAX_NOTE),
    ("exact", MAX_QUOTE),
    ("prefix", MAX_CONTEXT),
    ("suffix", MAX_CONTEXT),
    ("actor", MAX_NAME),
    ("annotator", MAX_NAME),
    ("verdict_annotator", MAX_NAME),
    ("created", MAX_NAME),
    ("modified", MAX_NAME),
    ("verdict_created", MAX_NAME),
    ("verdict_modified", MAX_NAME),
)

NEW_TAG_COLOURS = ("#8e6c8a", "#5b8c85", "#b5835a", "#6c7a96", "#9a9a52", "#a35d6a")

__all__ = ["ImportActions", "ImportReport", "plain_id"]


class ImportActions(PlanActions):
    @paused_gc()  # a large set is millions of objects (see domain.gc_pause)
    def import_annotations(
        self: Project,
        aset: AnnotationSet,
        *,
        article: str | None = None,
        dry_run: bool = False,
        create_tags: bool = False,
    ) -> list[ImportReport]:
        """Import ``aset``; one report per article. ``article`` (an id or prefix) is the
        target when the set has one article that matches none by SHA-256, URL or title.
        Refused as a whole (BadInput, nothing written) for tags not in the tag set (unless
        ``create_tags``), unknown relation types or ratings, or an article not found."""
        too_long = _too_long(aset)
        if too_long:
            raise SetError(aset.source_name, too_long)
        tag_map, new_tags = self._set_tags(aset, create_tags)
        self._check_vocabulary(aset)
        if article is not None and len(aset.articles) != 1:
            raise BadInput(
                f"--article applies to a set of one article; this one has {len(aset.articles)}"
            )
        targets = [self._target(s, article) for s in aset.articles]
        missing = [_ref_name(s) for s, t in zip(aset.articles, targets, strict=True) if t is None]
        if missing:
            raise BadInput(
                f"{aset.source_name}: no stored article matches "
                f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}; "
                "import the article first or name it with --article"
            )
        fatal: list[str] = []
        plans = [
            self._plan(s, *t, tag_map, aset.source_format, fatal)  # type: ignore[misc]
            for s, t in zip(aset.articles, targets, strict=True)
        ]
        if fatal:
            raise SetError(aset.source_name, fatal)
        if dry_run:
            return [p.report for p in plans]
        self.store.automatic_backup()  # a bulk change: a copy first (the newest five kept)
        with bulk.roomy_cache(self.store.db), self.store.transaction():
            if new_tags:
                tag_rows.ensure(self.store.db, new_tags)
                self._tags = None
            for plan in plans:
                self._apply(plan, aset.source_name)
        if new_tags:
            self._emit(Change("tags"))
        for plan in plans:
            self._emit_plan(plan)
        return [p.report for p in plans]

    # --- checks (nothing written) ------------------------------------------------------------

    def _set_tags(self: Project, aset: AnnotationSet, create: bool) -> tuple[dict[str, str], list]:
        known = {t.name.casefold(): t.name for t in self.tags()}
        unknown: dict[str, str] = {}
        for s in aset.articles:
            for a in s.annotations:
                if a.tag.casefold() not in known:
                    unknown.setdefault(a.tag.casefold(), a.tag)
        bad_names = [f"{shown_name(n)} {p}" for n in unknown.values() if (p := tag_name_problem(n))]
        if bad_names:
            more = f" … {len(bad_names) - 5} more" if len(bad_names) > 5 else ""
            raise BadInput(
                f"{aset.source_name}: tag names that cannot be tags: {'; '.join(bad_names[:5])}"
                f"{more}; nothing was imported"
            )
        if unknown and not create:
            raise BadInput(
                f"{aset.source_name}: tags not in the tag set: {', '.join(unknown.values())} "
                "(add them to the tag set, or import with --create-tags)"
            )
        new_tags = [
            Tag(name, NEW_TAG_COLOURS[i % len(NEW_TAG_COLOURS)], kind=_kind(name))
            for i, name in enumerate(unknown.values())
        ]
        known.update({t.name.casefold(): t.name for t in new_tags})
        return known, new_tags

    def _check_vocabulary(self: Project, aset: AnnotationSet) -> None:
        bad_types: set[str] = set()
        bad_ratings: set[str] = set()
        for s in aset.articles:
            for r in s.relations:
                try:
                    self.relation_type(r.type)
                except NotFound:
                    bad_types.add(r.type)
            for a in s.annotations:
                if a.verdict is not None:
                    try:
                        self.rating(a.verdict)
                    except NotFound:
                        bad_ratings.add(a.verdict)
        problems = []
        if bad_types:
            problems.append(f"unknown relation types: {', '.join(sorted(bad_types))}")
        if bad_ratings:
            problems.append(f"unknown ratings: {', '.join(sorted(bad_ratings))}")
        if problems:
            raise BadInput(f"{aset.source_name}: {'; '.join(problems)}; nothing was imported")

    def _target(self: Project, s: ArticleSet, chosen: str | None) -> tuple[Article, str] | None:
        db, ref = self.store.db, s.ref
        if ref.sha256:
            found = article_rows.by_sha256(db, ref.sha256.strip().lower())
            if found is not None:
                return self._article_text(found.id), "sha256"
        for value, lookup, how in (
            (ref.url, article_rows.by_url, "url"),
            (ref.title, article_rows.by_title, "title"),
        ):
            if value:
                rows = lookup(db, value)
                if len(rows) == 1:
                    return self._article_text(rows[0].id), how
        if chosen is not None:
            return self._article_text(self.article(chosen).id), "chosen"
        if ref.text and ref.text.strip():
            text = textrules.normalize(ref.text)
            found = article_rows.by_sha256(db, textrules.sha256_text(text))
            if found is not None:
                return self._article_text(found.id), "text"
            return _new_article(text, s), "text"
        return None

    # --- planning (reads only) ---------------------------------------------------------------

    def _apply(self: Project, plan: Plan, source_name: str) -> None:
        apply_plan(self, plan, source_name)

    def _emit_plan(self: Project, plan: Plan) -> None:
        article_id = plan.article.id
        if plan.create_article:
            self._emit(Change("articles", article_id, (article_id,)))
        changed = [a for a, _ in plan.inserts] + [a for _, a in plan.updates]
        placed = tuple(a.id for a in changed if not a.is_orphan)
        orphans = tuple(a.id for a in changed if a.is_orphan)
        if placed:
            self._emit(Change("annotations", article_id, placed))
        if orphans:
            self._emit(Change("orphans", article_id, orphans))
        if plan.relations:
            self._emit(Change("relations", article_id, tuple(r.id for r in plan.relations)))
        if plan.verdicts:
            self._emit(
                Change("verdicts", article_id, tuple(v.annotation_id for v, _ in plan.verdicts))
            )
        reviewed = {r.annotation_id for r in plan.reviews}
        reviewed |= {r.annotation_id for r, _ in plan.resolutions}
        if reviewed:
            self._emit(Change("reviews", article_id, tuple(sorted(reviewed))))


def _kind(name: str) -> str:
    folded = name.casefold()
    return folded if folded in ("claim", "source", "denial", "evidence") else "span"


def _ref_name(s: ArticleSet) -> str:
    ref = s.ref
    name = ref.title or ref.url or ref.key or (ref.sha256 and f"sha256 {ref.sha256[:12]}…")
    return repr(name or "an unnamed article")


def _new_article(text: str, s: ArticleSet) -> Article:
    return Article(
        id=str(uuid.uuid4()),
        text=text,
        sha256=textrules.sha256_text(text),
        title=s.ref.title or s.ref.key,
        url=s.ref.url,
        imported_at=now_iso(),
    )


def _too_long(aset: AnnotationSet) -> list[str]:
    """The values of ``aset`` over the limits above, named by their item."""
    problems: list[str] = []
    for s in aset.articles:
        for i, a in enumerate(s.annotations, 1):
            for field, limit in _LIMITS:
                value = getattr(a, field)
                if value and len(value) > limit:
                    where = f"annotation {str(a.key or a.id or i)[:60]}"
                    label = field.replace("_", " ")
                    problems.append(f"{where}: {label} is longer than {limit:,} characters")
        for r in s.reviews:
            where = f"review {str(r.id or r.annotation_key)[:60]}"
            if len(r.comment) > MAX_NOTE:
                problems.append(f"{where}: comment is longer than {MAX_NOTE:,} characters")
            if len(r.reviewer) > MAX_NAME:
                problems.append(f"{where}: reviewer is longer than {MAX_NAME:,} characters")
        for link in s.relations:
            if len(link.annotator or "") > MAX_NAME:
                where = f"link {str(link.id or link.from_key)[:60]}"
                problems.append(f"{where}: annotator is longer than {MAX_NAME:,} characters")
    return problems
