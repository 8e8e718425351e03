"""Articles: import (files, URLs, drafts, the sample), listing, finding by id prefix.

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Change
from annotator.core.refs import resolve
from annotator.domain import text as textrules
from annotator.domain.errors import BadInput
from annotator.domain.model import Article, new_id, now_iso
from annotator.store import articles as article_rows
from annotator.store import events
from annotator.store import search as search_rows

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool


class ArticleActions:
    """Articles (needs the rest of :class:`Project`)."""

    def import_source(self: Project, source: str | Path) -> ImportResult:
        """Import a file or an http(s) URL; the same text again returns the existing article."""
        from annotator.formats.importing import load_source

        return self.import_draft(load_source(str(source)))

    def import_draft(self: Project, draft: Any) -> ImportResult:
        text = textrules.normalize(draft.text)
        if not text.strip():
            raise BadInput(f"{draft.original_name}: no text to import")
        digest = textrules.sha256_text(text)
        db = self.store.db
        with self.store.transaction():
            existing = article_rows.by_sha256(db, digest)
            if existing is not None:
                return ImportResult(existing, False)
            article = Article(
                id=new_id(),
                text=text,
                sha256=digest,
                title=draft.title,
                byline=draft.byline,
                outlet=draft.outlet,
                url=draft.url,
                published=draft.published,
                language=draft.language,
                source_format=draft.source_format,
                imported_at=now_iso(),
                fetched_at=draft.fetched_at,
            )
            article_rows.insert(
                db,
                article,
                imported_by=self.annotator,
                original=draft.original,
                original_name=draft.original_name,
                media_type=draft.media_type,
            )
            events.record(
                db,
                annotator=self.annotator,
                action="import",
                entity="article",
                entity_id=article.id,
                article_id=article.id,
                after={"title": article.title, "sha256": digest, "source": draft.original_name},
            )
        self._emit(Change("articles", article.id, (article.id,)))
        return ImportResult(article, True)

    def import_drafts(self: Project, drafts: Sequence[Any]) -> list[ImportResult]:
        """:meth:`import_draft` of each draft, in order, all in one transaction (all of them
        or none); the new articles are indexed for search after them, in two statements."""
        with self.store.transaction(), search_rows.articles_indexed_after(self.store.db):
            return [self.import_draft(draft) for draft in drafts]

    def imported_elsewhere(self: Project, *article_ids: str) -> None:
        """Tell the listeners of articles that another connection of this process stored
        (the GUI's import thread), as :meth:`import_draft` would have: one change for all
        of them (its ``article_id`` is the article when there is only one)."""
        if article_ids:
            only = article_ids[0] if len(article_ids) == 1 else None
            self._emit(Change("articles", only, tuple(article_ids)))

    def import_sample(self: Project) -> ImportResult:
        """Import the sample article that ships in ``resources/samples``."""
        from annotator.formats.importing import load_file

        sample = Path(__file__).resolve().parent.parent / "resources" / "samples"
        return self.import_draft(load_file(sample / "kim-putin-alliance.txt"))

    def articles(self: Project) -> list[Article]:
        return article_rows.all_articles(self.store.db, with_text=False)

    def articles_with_ids(self: Project, ids: tuple[str, ...]) -> list[Article]:
        """The articles with these ids as :meth:`articles` lists them (no texts)."""
        return article_rows.with_ids(self.store.db, ids)

    def _article_text(self: Project, article_id: str) -> Article:
        """The article (text and metadata, no counts) from the cache of immutable texts."""
        cached = self._texts.get(article_id)
        if cached is None:
            cached = self.article(article_id, count=False)
            self._texts[article_id] = cached
        return cached

    def article(self: Project, ref: str, *, count: bool = True) -> Article:
        """The article with id ``ref`` or a unique prefix of one; ``count=False`` leaves
        its ``annotation_count`` 0 (counting reads every annotation of the article)."""
        db = self.store.db
        return resolve(
            ref,
            lambda i: article_rows.get(db, i, count=count),
            lambda p: article_rows.ids_with_prefix(db, p),
            "article",
        )

    def article_sources(self: Project, article_id: str) -> list[dict[str, Any]]:
        return article_rows.sources(self.store.db, article_id)
