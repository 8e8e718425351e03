"""Corpus search: words in article titles and texts, annotation quotes and notes.

Mixed into :class:`~annotator.core.project.Project`. The query language is described in
:mod:`annotator.domain.search`; the index lives in :mod:`annotator.store.search`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.errors import BadInput
from annotator.domain.model import Article
from annotator.domain.search import SearchHit, first_match, fts_query, snippet, strip_marks
from annotator.store import search as search_rows

if TYPE_CHECKING:
    from annotator.core.project import Project

#: the most hits one search returns
MAX_LIMIT = 1000


def _title(title: str | None, text_start: str) -> str:
    return Article(id="", text=text_start or "", sha256="", title=title).display_title


class SearchActions:
    """Full-text search (needs the rest of :class:`Project`)."""

    def search(
        self: Project, query: str, *, limit: int = 50, article_id: str | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` places where ``query`` matches, best first (bm25): in article
        titles and texts, and in the quotes and notes of annotations that are not deleted;
        only in the article ``article_id`` (an id or a unique prefix) when given.

        One hit per article or annotation: a "text" hit when its text matches, else
        "title"; a "quote" hit when the quote matches, else "note". Raises
        :class:`~annotator.domain.search.SearchError` for a query that cannot be searched.
        """
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise BadInput(f"the limit must be a whole number from 1 to {MAX_LIMIT}")
        match = fts_query(query)
        if article_id is not None:
            article_id = self.article(article_id).id
        db = self.store.db
        hits = [
            _article_hit(row)
            for row in search_rows.article_hits(db, match, limit=limit, article_id=article_id)
        ]
        hits += [
            _annotation_hit(row)
            for row in search_rows.annotation_hits(db, match, limit=limit, article_id=article_id)
        ]
        hits.sort(key=lambda h: h.score)
        return hits[:limit]


def _article_hit(row: tuple) -> SearchHit:
    article_id, score, marked_title, marked_text = row
    title_plain = strip_marks(marked_title)
    span = first_match(marked_text)
    if span is not None:
        kind, (text, ranges) = "text", snippet(marked_text)
    else:
        kind, (text, ranges) = "title", snippet(marked_title, words=60)
    head = "" if title_plain else strip_marks(marked_text[:200])
    return SearchHit(
        article_id=article_id,
        article_title=_title(title_plain, head),
        kind=kind,
        annotation_id=None,
        snippet=text,
        ranges=ranges,
        text_start=span[0] if span else None,
        text_end=span[1] if span else None,
        score=score,
    )


def _annotation_hit(row: tuple) -> SearchHit:
    annotation_id, article_id, score, marked_quote, marked_note, start, title, head = row
    span = first_match(marked_quote)
    if span is not None:
        kind, (text, ranges) = "quote", snippet(marked_quote)
    else:
        kind, (text, ranges) = "note", snippet(marked_note)
    placed = span is not None and start is not None
    return SearchHit(
        article_id=article_id,
        article_title=_title(title, head),
        kind=kind,
        annotation_id=annotation_id,
        snippet=text,
        ranges=ranges,
        text_start=start + span[0] if placed and span else None,
        text_end=start + span[1] if placed and span else None,
        score=score,
    )
