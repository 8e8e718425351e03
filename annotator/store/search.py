"""Full-text search over the corpus (SQLite FTS5): the index and its queries.

Two FTS5 tables, created by migration v5 and kept in step by triggers (see
:func:`create`): ``articles_fts`` (title, text) and ``annotations_fts`` (quote, note of
every annotation that is not deleted). Both use the ``unicode61 remove_diacritics 2``
tokenizer: case and diacritics do not matter. Their rows are numbered through
``search_keys`` (an INTEGER PRIMARY KEY, which no VACUUM renumbers), so a trigger finds
the index row of an article or annotation by its id without scanning.

The indexed copies have the two marker characters of :mod:`annotator.domain.search`
replaced by spaces (same length, both are word separators), so offsets in a marked-up
copy are offsets in the stored text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from annotator.domain.search import CLOSE, OPEN, SearchError

TOKENIZE = "unicode61 remove_diacritics 2"
#: prefix indexes: a 2- or 3-letter prefix (what typing in the search box sends first)
#: is answered from them instead of merging every word that starts so (10,000 articles:
#: "pre*" 90 → 14 ms; the index grows from 28 to 52 MB)
PREFIXES = "2 3"
#: column weights of bm25: a word in the title counts five times one in the text
ARTICLE_RANK = "bm25(5.0, 1.0)"
ANNOTATION_RANK = "bm25(2.0, 1.0)"


def _clean(column: str) -> str:
    return f"replace(replace(coalesce({column}, ''), char(1), ' '), char(2), ' ')"


def _key(entity: str, ref: str) -> str:
    return f"(SELECT id FROM search_keys WHERE entity = '{entity}' AND entity_id = {ref})"


def _insert_article(where: str) -> str:
    return f"""
INSERT INTO articles_fts (rowid, title, text, article_id)
SELECT k.id, {_clean("a.title")}, {_clean("a.text")}, a.id
FROM articles a JOIN search_keys k ON k.entity = 'article' AND k.entity_id = a.id
WHERE {where}"""


def _insert_annotation(where: str, source: str = "annotations") -> str:
    return f"""
INSERT INTO annotations_fts (rowid, exact, note, annotation_id, article_id)
SELECT k.id, {_clean("n.exact")}, {_clean("n.note")}, n.id, n.article_id
FROM {source} n JOIN search_keys k ON k.entity = 'annotation' AND k.entity_id = n.id
WHERE n.deleted IS NULL AND {where}"""


def _new_keys(entity: str, source: str, where: str = "1") -> str:
    """A ``search_keys`` row for each row of ``source`` that ``where`` picks, numbered in
    rowid order (rows that have one already keep it)."""
    return (
        "INSERT OR IGNORE INTO search_keys (entity, entity_id) "
        f"SELECT '{entity}', id FROM {source} WHERE {where} ORDER BY rowid"
    )


_TRIGGERS = [
    f"""CREATE TRIGGER search_article_insert AFTER INSERT ON articles BEGIN
  INSERT OR IGNORE INTO search_keys (entity, entity_id) VALUES ('article', new.id);
  {_insert_article("a.id = new.id")};
END""",
    f"""CREATE TRIGGER search_article_update AFTER UPDATE OF id, title, text ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = {_key("article", "old.id")};
  INSERT OR IGNORE INTO search_keys (entity, entity_id) VALUES ('article', new.id);
  {_insert_article("a.id = new.id")};
END""",
    f"""CREATE TRIGGER search_article_delete AFTER DELETE ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = {_key("article", "old.id")};
  DELETE FROM search_keys WHERE entity = 'article' AND entity_id = old.id;
END""",
    f"""CREATE TRIGGER search_annotation_insert AFTER INSERT ON annotations
WHEN new.deleted IS NULL BEGIN
  INSERT OR IGNORE INTO search_keys (entity, entity_id) VALUES ('annotation', new.id);
  {_insert_annotation("n.id = new.id")};
END""",
    f"""CREATE TRIGGER search_annotation_update
AFTER UPDATE OF id, article_id, exact, note, deleted ON annotations BEGIN
  DELETE FROM annotations_fts WHERE rowid = {_key("annotation", "old.id")};
  INSERT OR IGNORE INTO search_keys (entity, entity_id)
    SELECT 'annotation', new.id WHERE new.deleted IS NULL;
  {_insert_annotation("n.id = new.id")};
END""",
    f"""CREATE TRIGGER search_annotation_delete AFTER DELETE ON annotations BEGIN
  DELETE FROM annotations_fts WHERE rowid = {_key("annotation", "old.id")};
  DELETE FROM search_keys WHERE entity = 'annotation' AND entity_id = old.id;
END""",
]


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build has FTS5 (Python's usually has)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.fts5_probe")
    return True


def create(db: sqlite_utils.Database) -> None:
    """The search tables and triggers, filled from what is already there (migration v5)."""
    from annotator.store.database import StoreError

    if not fts5_available(db.conn):
        raise StoreError(
            f"this SQLite ({sqlite3.sqlite_version}) was built without FTS5, which search "
            "needs; use a Python whose sqlite3 module has it"
        )
    db.execute(
        "CREATE TABLE search_keys (id INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
        "entity_id TEXT NOT NULL, UNIQUE (entity, entity_id))"
    )
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        f"title, text, article_id UNINDEXED, tokenize = '{TOKENIZE}', prefix = '{PREFIXES}')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE annotations_fts USING fts5("
        "exact, note, annotation_id UNINDEXED, article_id UNINDEXED, "
        f"tokenize = '{TOKENIZE}', prefix = '{PREFIXES}')"
    )
    for trigger in _TRIGGERS:
        db.execute(trigger)
    rebuild(db)


def rebuild(db: sqlite_utils.Database) -> None:
    """Fill the index again from the articles and the live annotations (inside the caller's
    transaction): for a backfill, or a repair after a tool rebuilt a table."""
    db.execute("DELETE FROM articles_fts")
    db.execute("DELETE FROM annotations_fts")
    db.execute(_new_keys("article", "articles"))
    db.execute(_new_keys("annotation", "annotations", "deleted IS NULL"))
    # in rowid order: FTS5 then appends to its segments instead of flushing per row
    db.execute(_insert_article("1") + " ORDER BY k.id")
    db.execute(_insert_annotation("1") + " ORDER BY k.id")


#: the trigger that indexes each annotation inserted (see :func:`indexed_after`)
ANNOTATION_INSERT_TRIGGER = "search_annotation_insert"


@contextmanager
def indexed_after(db: sqlite_utils.Database, source: str) -> Iterator[None]:
    """Annotations inserted inside the block are indexed after it, all in two statements,
    instead of by the insert trigger row by row (100,000 annotations: 1.7 → 1.2 s, measured):
    ``source`` (a table with the columns of ``annotations``) holds the rows the block
    inserts, in their order. Inside the caller's transaction: the trigger is dropped for
    the block and made again from its own SQL after it, so a rollback (or a kill) leaves
    it as it was; the block must insert nothing but the rows of ``source``.

    The index then holds what the trigger would have put there: a ``search_keys`` row per
    live annotation, numbered in insert order, and its ``annotations_fts`` row.
    """
    conn = db.conn
    with _trigger_dropped(conn, ANNOTATION_INSERT_TRIGGER) as dropped:
        yield
        if dropped:
            conn.execute(_new_keys("annotation", source, "deleted IS NULL"))
            conn.execute(_insert_annotation("1", source) + " ORDER BY k.id")


@contextmanager
def _trigger_dropped(conn: sqlite3.Connection, name: str) -> Iterator[bool]:
    """The trigger ``name`` dropped inside the block (False: the database has no such
    trigger, no search index) and made again from its own SQL after it, unless an error
    that rolled all back has brought it back already."""
    found = _trigger_sql(conn, name)
    if found is None:
        yield False
        return
    conn.execute(f"DROP TRIGGER {name}")
    try:
        yield True
    finally:
        if _trigger_sql(conn, name) is None:
            conn.execute(found)


def _trigger_sql(conn: sqlite3.Connection, name: str) -> str | None:
    found = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]
    ).fetchone()
    return found[0] if found else None


#: the trigger that indexes each article inserted (see :func:`articles_indexed_after`)
ARTICLE_INSERT_TRIGGER = "search_article_insert"


@contextmanager
def articles_indexed_after(db: sqlite_utils.Database) -> Iterator[None]:
    """Articles inserted inside the block are indexed after it, in two statements, instead
    of by the insert trigger one at a time (1,000 news articles: 0.25 → 0.12 s, measured).
    Inside the caller's transaction: the trigger is dropped for the block and made again
    from its own SQL after it, so a rollback (or a kill) leaves it as it was. The block
    may insert articles and rows the index does not cover (their sources, events), and
    nothing else: no annotation, no update or delete of an article.

    The index then holds what the trigger would have put there: a ``search_keys`` row per
    new article, numbered in insert order, and its ``articles_fts`` row.
    """
    conn = db.conn
    (last,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
    with _trigger_dropped(conn, ARTICLE_INSERT_TRIGGER) as dropped:
        yield
        if dropped:
            conn.execute(_new_keys("article", "articles", "rowid > ?"), [last])
            conn.execute(_insert_article("a.rowid > ?") + " ORDER BY k.id", [last])


_ARTICLE_HITS = """
SELECT article_id, rank AS score,
       highlight(articles_fts, 0, :open, :close) AS title,
       highlight(articles_fts, 1, :open, :close) AS text
FROM articles_fts
WHERE articles_fts MATCH :query AND rank MATCH :rank {where}
ORDER BY rank LIMIT :limit
"""

_ANNOTATION_HITS = """
SELECT h.annotation_id, h.article_id, h.score, h.exact, h.note, n.start,
       a.title AS article_title, substr(a.text, 1, 200) AS article_start
FROM (
  SELECT annotation_id, article_id, rank AS score,
         highlight(annotations_fts, 0, :open, :close) AS exact,
         highlight(annotations_fts, 1, :open, :close) AS note
  FROM annotations_fts
  WHERE annotations_fts MATCH :query AND rank MATCH :rank {where}
  ORDER BY rank LIMIT :limit
) h
JOIN annotations n ON n.id = h.annotation_id
JOIN articles a ON a.id = h.article_id
ORDER BY h.score
"""


def _hits(
    db: sqlite_utils.Database, sql: str, rank: str, query: str, limit: int, article_id: str | None
) -> list[tuple]:
    where = "AND article_id = :article" if article_id else ""
    params = {
        "open": OPEN,
        "close": CLOSE,
        "query": query,
        "rank": rank,
        "limit": limit,
        "article": article_id,
    }
    try:
        return db.conn.execute(sql.format(where=where), params).fetchall()
    except sqlite3.OperationalError as exc:
        raise SearchError(f"the search index cannot run this query ({exc})") from None


def article_hits(
    db: sqlite_utils.Database, query: str, *, limit: int, article_id: str | None = None
) -> list[tuple]:
    """The best ``limit`` articles for the FTS5 ``query``, best first:
    (article_id, score, marked title, marked text)."""
    return _hits(db, _ARTICLE_HITS, ARTICLE_RANK, query, limit, article_id)


def annotation_hits(
    db: sqlite_utils.Database, query: str, *, limit: int, article_id: str | None = None
) -> list[tuple]:
    """The best ``limit`` live annotations for the FTS5 ``query``, best first:
    (annotation_id, article_id, score, marked quote, marked note, start or None,
    article title, the first 200 characters of its text)."""
    return _hits(db, _ANNOTATION_HITS, ANNOTATION_RANK, query, limit, article_id)
