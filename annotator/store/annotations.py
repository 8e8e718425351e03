"""Annotations (``annotations``), soft-deleted, never removed."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

import sqlite_utils

from annotator.domain.model import ORPHAN, Annotation
from annotator.domain.rows import FIELDS, from_row

_SELECT = """
SELECT n.id, n.article_id, n.start, n."end", n.exact, n.prefix, n.suffix, n.tag,
       a.name AS actor, n.note, n.annotator, n.created, n.modified, n.deleted
FROM annotations n LEFT JOIN actors a ON a.id = n.actor_id
"""


def _to_annotation(row: dict[str, Any]) -> Annotation:
    return Annotation(
        id=row["id"],
        article_id=row["article_id"],
        start=ORPHAN if row["start"] is None else row["start"],
        end=ORPHAN if row["end"] is None else row["end"],
        exact=row["exact"],
        prefix=row["prefix"] or "",
        suffix=row["suffix"] or "",
        tag=row["tag"],
        annotator=row["annotator"],
        created=row["created"],
        modified=row["modified"],
        actor=row["actor"],
        note=row["note"] or "",
        deleted=row["deleted"],
    )


#: the columns of an ``annotations`` row, in the order of :func:`annotation_row`
COLUMNS = (
    "id",
    "article_id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "tag",
    "actor_id",
    "note",
    "annotator",
    "created",
    "modified",
    "deleted",
)


def annotation_row(annotation: Annotation, actor_id: str | None) -> tuple[Any, ...]:
    """The row of ``annotation`` in :data:`COLUMNS` order."""
    orphan = annotation.start < 0
    return (
        annotation.id,
        annotation.article_id,
        None if orphan else annotation.start,
        None if orphan else annotation.end,
        annotation.exact,
        annotation.prefix,
        annotation.suffix,
        annotation.tag,
        actor_id,
        annotation.note,
        annotation.annotator,
        annotation.created,
        annotation.modified,
        annotation.deleted,
    )


def row_of(annotation: Annotation, actor_id: str | None) -> dict[str, Any]:
    return dict(zip(COLUMNS, annotation_row(annotation, actor_id), strict=True))


def insert(db: sqlite_utils.Database, annotation: Annotation, actor_id: str | None) -> None:
    db["annotations"].insert(row_of(annotation, actor_id))


def update(db: sqlite_utils.Database, annotation_id: str, changes: dict[str, Any]) -> None:
    db["annotations"].update(annotation_id, changes)


def get(db: sqlite_utils.Database, annotation_id: str) -> Annotation | None:
    rows = list(db.query(_SELECT + " WHERE n.id = ?", [annotation_id]))
    return _to_annotation(rows[0]) if rows else None


def for_article(
    db: sqlite_utils.Database,
    article_id: str,
    *,
    include_deleted: bool = False,
    orphans: bool = False,
) -> list[Annotation]:
    """The article's placed annotations in text order (start, end, created, then the order
    they were stored in), or (``orphans``) its orphans in creation order.

    A hot path (an export of 100,000 annotations): the rows are read in rowid order (see
    :data:`_ARTICLE_ROWS`), sorted by stable sorts on single columns and made into objects
    by :func:`annotator.domain.rows.from_row` — 0.55 s for the SQL ``ORDER BY`` alone at
    100,000, 0.4 s for all of this (measured).
    """
    where = "start IS NULL" if orphans else "start IS NOT NULL"
    live = "" if include_deleted else " AND n.deleted IS NULL"
    rows = db.conn.execute(_ARTICLE_ROWS.format(where=where, live=live), [article_id]).fetchall()
    rows.sort(key=itemgetter(11))  # created (the rows are in rowid order already)
    rows.sort(key=itemgetter(3))  # end
    rows.sort(key=itemgetter(2))  # start
    return [from_row(r) for r in rows]


#: the rows of :mod:`annotator.domain.rows` (an orphan's start and end are ``ORPHAN``).
#: The rowids come from the (article_id, start) index alone; the rows are then read in
#: rowid order, so the table's pages are read one after the other, each once (in start
#: order they would be read at random, a page per row: a third slower at 50,000)
_ARTICLE_ROWS = f"""
SELECT n.id, n.article_id, IFNULL(n.start, {ORPHAN}),
       CASE WHEN n.start IS NULL THEN {ORPHAN} ELSE n."end" END, n.exact,
       IFNULL(n.prefix, ''), IFNULL(n.suffix, ''), n.tag, a.name, IFNULL(n.note, ''),
       n.annotator, n.created, n.modified, n.deleted
FROM annotations n LEFT JOIN actors a ON a.id = n.actor_id
WHERE n.rowid IN (SELECT rowid FROM annotations WHERE article_id = ? AND {{where}}){{live}}
ORDER BY n.rowid
"""


def placed_rows(db: sqlite_utils.Database, article_id: str) -> list[tuple]:
    """The article's live placed annotations as rows (:mod:`annotator.domain.rows`), in
    text order: by start, then end (two stable sorts on numbers are four times faster
    than one on (start, end) tuples)."""
    sql = _ARTICLE_ROWS.format(where="start IS NOT NULL", live=" AND n.deleted IS NULL")
    rows = db.conn.execute(sql, [article_id]).fetchall()
    rows.sort(key=itemgetter(3))  # end
    rows.sort(key=itemgetter(2))  # start
    return rows


def walk_from(db: sqlite_utils.Database, table: str, article_id: str) -> bool:
    """Whether a join of ``table`` (``relations``, ``reviews``, ``verdicts``) with the article's
    annotations should walk ``table`` and look each annotation up by id, rather than walk
    the article's annotations: true when ``table`` has fewer rows than the article has
    annotations. Both counts are cheap (``max(rowid)``, never below the number of rows,
    is one step down a b-tree; the count reads one index)."""
    assert table in ("relations", "reviews", "verdicts")
    (top,) = db.conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()
    if not top:
        return True
    (count,) = db.conn.execute(
        "SELECT count(*) FROM annotations WHERE article_id = ?", [article_id]
    ).fetchone()
    return top < count


def join_from(db: sqlite_utils.Database, table: str, article_id: str) -> str:
    """How to join ``table`` with the article's annotations: ``CROSS JOIN``, which keeps
    SQLite from reordering, to walk ``table`` when it has the fewer rows
    (:func:`walk_from`), else a plain ``JOIN``."""
    return "CROSS JOIN" if walk_from(db, table, article_id) else "JOIN"


def _fast_annotation(row: tuple) -> Annotation:
    """An :class:`Annotation` from a row in the order of ``_SELECT``, without ``__init__``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``,
    which costs ~8 µs per row; filling ``__dict__`` builds the same object in ~1 µs,
    and opening a long article reads tens of thousands of rows.
    """
    annotation = object.__new__(Annotation)
    values = dict(zip(FIELDS, row, strict=True))
    for key in ("prefix", "suffix", "note"):
        if values[key] is None:
            values[key] = ""
    if values["start"] is None:
        values["start"] = values["end"] = ORPHAN
    annotation.__dict__.update(values)
    return annotation


def ids_with_prefix(db: sqlite_utils.Database, prefix: str) -> list[str]:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [
        r["id"]
        for r in db.query(
            "SELECT id FROM annotations WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
            [escaped + "%"],
        )
    ]


def annotators(db: sqlite_utils.Database) -> list[str]:
    return [
        r["annotator"]
        for r in db.query("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")
    ]


def same_span(
    db: sqlite_utils.Database,
    article_id: str,
    *,
    tag: str,
    start: int,
    end: int,
    exact: str,
    annotator: str,
    actor: str | None = None,
) -> Annotation | None:
    """A live annotation with this tag, place, quote, annotator and actor (placed or orphan)."""
    where = (
        " WHERE n.article_id = ? AND n.tag = ? AND n.exact = ? AND n.annotator = ?"
        " AND a.name IS ? AND n.deleted IS NULL AND "
    )
    args: list[Any] = [article_id, tag, exact, annotator, actor]
    if start < 0:
        where += "n.start IS NULL"
    else:
        where += 'n.start = ? AND n."end" = ?'
        args += [start, end]
    rows = list(db.query(_SELECT + where + " ORDER BY n.rowid LIMIT 1", args))
    return _to_annotation(rows[0]) if rows else None


def count(db: sqlite_utils.Database) -> int:
    return db["annotations"].count
