"""Articles and their original bytes (``articles``, ``article_sources``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils

from annotator.domain.model import Article
from annotator.store import bulk

_COLUMNS = (
    "id",
    "text",
    "sha256",
    "title",
    "byline",
    "outlet",
    "url",
    "published",
    "language",
    "source_format",
    "imported_at",
    "fetched_at",
)
_COUNT = """(SELECT count(*) FROM annotations n
         WHERE n.article_id = a.id AND n.deleted IS NULL) AS annotation_count"""
_LIST_SQL = f"""
SELECT a.id, a.text, a.sha256, a.title, a.byline, a.outlet, a.url, a.published,
       a.language, a.source_format, a.imported_at, a.fetched_at,
       {_COUNT}
FROM articles a
"""


def _to_article(row: dict[str, Any]) -> Article:
    return Article(**{k: row[k] for k in (*_COLUMNS, "annotation_count") if k in row})


_ARTICLE_COLUMNS = ", ".join(f'"{c}"' for c in (*_COLUMNS, "imported_by"))
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})"
)
_INSERT_SOURCE = (
    'INSERT INTO article_sources ("article_id", "original", "original_name", "media_type", '
    '"fetched_at", "imported_at") VALUES (?, ?, ?, ?, ?, ?)'
)


def insert(
    db: sqlite_utils.Database,
    article: Article,
    *,
    imported_by: str,
    original: bytes,
    original_name: str,
    media_type: str,
) -> None:
    """The article's row and its original bytes (plain statements: sqlite-utils' insert
    looks the table up again at every call, a fifth of an import's writing)."""
    db.conn.execute(_INSERT_ARTICLE, [*(getattr(article, k) for k in _COLUMNS), imported_by])
    db.conn.execute(
        _INSERT_SOURCE,
        (
            article.id,
            original,
            original_name,
            media_type,
            article.fetched_at,
            article.imported_at,
        ),
    )


def by_sha256(db: sqlite_utils.Database, sha256: str) -> Article | None:
    cursor = db.conn.execute(_LIST_SQL + " WHERE a.sha256 = ?", [sha256])
    row = cursor.fetchone()
    if row is None:
        return None
    return _to_article(dict(zip((d[0] for d in cursor.description), row, strict=True)))


def by_url(db: sqlite_utils.Database, url: str) -> list[Article]:
    return [_to_article(r) for r in db.query(_LIST_SQL + " WHERE a.url = ?", [url])]


def by_title(db: sqlite_utils.Database, title: str) -> list[Article]:
    return [_to_article(r) for r in db.query(_LIST_SQL + " WHERE a.title = ?", [title])]


def get(db: sqlite_utils.Database, article_id: str, *, count: bool = True) -> Article | None:
    """The article; without ``count`` its ``annotation_count`` is 0 and its annotations
    are not counted (a pass over all of them)."""
    sql = _LIST_SQL if count else _LIST_SQL.replace(_COUNT, "0 AS annotation_count")
    rows = list(db.query(sql + " WHERE a.id = ?", [article_id]))
    return _to_article(rows[0]) if rows else None


def ids_with_prefix(db: sqlite_utils.Database, prefix: str) -> list[str]:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [
        r["id"]
        for r in db.query(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
            [escaped + "%"],
        )
    ]


def all_articles(db: sqlite_utils.Database, *, with_text: bool = True) -> list[Article]:
    sql = _LIST_SQL if with_text else _LIST_SQL.replace("a.text,", "'' AS text,")
    return [_to_article(r) for r in db.query(sql + " ORDER BY a.imported_at, a.rowid")]


def with_ids(db: sqlite_utils.Database, ids: Sequence[str]) -> list[Article]:
    """The articles with these ids (their texts left out), in the library's order."""
    sql = _LIST_SQL.replace("a.text,", "'' AS text,").replace("SELECT", "SELECT a.rowid AS n,", 1)
    rows: list[dict[str, Any]] = []
    for chunk in bulk.chunks(ids, bulk.LOOKUP):
        rows += db.query(f"{sql} WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
    rows.sort(key=lambda r: (r["imported_at"], r["n"]))
    return [_to_article(r) for r in rows]


def sources(db: sqlite_utils.Database, article_id: str) -> list[dict[str, Any]]:
    return list(db["article_sources"].rows_where("article_id = ?", [article_id], order_by="id"))
