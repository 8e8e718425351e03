"""Many rows at once: what an import of a large annotation set reads and writes, inside the
caller's transaction.

Annotations go in through a temporary table and one ``INSERT … SELECT``, indexed for
search after it in two statements (:func:`annotator.store.search.indexed_after`) rather
than by the insert trigger, row by row: FTS5 flushes its pending terms at the end of
each statement, and inserted one statement per row, 100,000 annotations made 100,000
tiny index segments to merge (9.5 s of CPU, measured); in one statement per 10,000 rows
with the trigger, 1.7 s; now 1.2 s. Events and links are plain ``executemany``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Any

import sqlite_utils

from annotator.domain.fastjson import dumps
from annotator.domain.model import Annotation, Relation
from annotator.store import events, search
from annotator.store.annotations import _SELECT, _fast_annotation
from annotator.store.annotations import COLUMNS as ANNOTATION_COLUMNS

#: rows per statement
CHUNK = 10_000
#: ids per ``IN (…)`` lookup (below every SQLite's limit of bound parameters)
LOOKUP = 500
#: the page cache while a large import writes (KiB; SQLite's default is 2,000): with the
#: default, the pages of 100,000 annotations, their index and events spill to the WAL and
#: are read back before the commit (measured: 2.7 → 2.0 s of CPU, 4.6 → 2.2 s in all)
BULK_CACHE_KIB = 131_072

_COLUMNS = ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
_MARKS = ", ".join("?" * len(ANNOTATION_COLUMNS))


@contextmanager
def roomy_cache(db: sqlite_utils.Database) -> Iterator[None]:
    """A page cache of :data:`BULK_CACHE_KIB` inside the block (memory is taken only as
    pages are used), the connection's own size again after it."""
    conn = db.conn
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


def chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``rows`` in lists of ``size`` (the last one shorter)."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_annotations(db: sqlite_utils.Database, rows: Iterable[Sequence[Any]]) -> int:
    """Insert annotation rows (:func:`annotator.store.annotations.annotation_row`) in their
    order, indexed for search; returns how many."""
    conn = db.conn
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS bulk_annotations ({_COLUMNS})")
    try:
        conn.execute("DELETE FROM temp.bulk_annotations")
        conn.executemany(f"INSERT INTO temp.bulk_annotations VALUES ({_MARKS})", rows)
        (count,) = conn.execute("SELECT count(*) FROM temp.bulk_annotations").fetchone()
        if count:
            with search.indexed_after(db, "temp.bulk_annotations"):
                conn.execute(
                    f"INSERT INTO main.annotations ({_COLUMNS}) "
                    f"SELECT {_COLUMNS} FROM temp.bulk_annotations ORDER BY rowid"
                )
    finally:
        with suppress(sqlite3.Error):  # the transaction's rollback removes it anyway
            conn.execute("DROP TABLE IF EXISTS temp.bulk_annotations")
    return count


def update_annotations(db: sqlite_utils.Database, rows: Iterable[Sequence[Any]]) -> int:
    """Replace every column but the id of the stored annotations with these ids
    (:func:`annotator.store.annotations.update` of each, one statement per chunk)."""
    conn, count = db.conn, 0
    changed = [c for c in ANNOTATION_COLUMNS if c != "id"]
    targets = ", ".join(f'"{c}"' for c in changed)
    values = ", ".join(f'b."{c}"' for c in changed)
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS bulk_annotations ({_COLUMNS})")
    try:
        conn.execute("DELETE FROM temp.bulk_annotations")
        for chunk in chunks(rows, CHUNK):
            conn.executemany(f"INSERT INTO temp.bulk_annotations VALUES ({_MARKS})", chunk)
            conn.execute(
                f"UPDATE main.annotations SET ({targets}) = "
                f"(SELECT {values} FROM temp.bulk_annotations b WHERE b.id = annotations.id) "
                "WHERE id IN (SELECT id FROM temp.bulk_annotations)"
            )
            conn.execute("DELETE FROM temp.bulk_annotations")
            count += len(chunk)
    finally:
        with suppress(sqlite3.Error):
            conn.execute("DROP TABLE IF EXISTS temp.bulk_annotations")
    return count


def annotations_by_id(db: sqlite_utils.Database, ids: Iterable[str]) -> dict[str, Annotation]:
    """The stored annotations (deleted ones too) with these ids, by id."""
    found: dict[str, Annotation] = {}
    for chunk in chunks(dict.fromkeys(ids), LOOKUP):
        marks = ", ".join("?" * len(chunk))
        for row in db.conn.execute(_SELECT + f" WHERE n.id IN ({marks})", chunk):
            annotation = _fast_annotation(row)
            found[annotation.id] = annotation
    return found


def event_row(
    at: str,
    annotator: str,
    action: str,
    entity: str,
    entity_id: str,
    article_id: str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> tuple[Any, ...]:
    """An ``events`` row (:data:`annotator.store.events.COLUMNS`), the values before and after as
    :func:`annotator.store.events.record` writes them (``json.dumps(…, ensure_ascii=False)``)."""
    return encoded_event_row(
        at,
        annotator,
        action,
        entity,
        entity_id,
        article_id,
        None if before is None else dumps(before),
        None if after is None else dumps(after),
    )


def encoded_event_row(
    at: str,
    annotator: str,
    action: str,
    entity: str,
    entity_id: str,
    article_id: str | None,
    before: str | None,
    after: str | None,
) -> tuple[Any, ...]:
    """An ``events`` row (:data:`annotator.store.events.COLUMNS`) whose values before and
    after are JSON text already."""
    return (at, annotator, action, entity, entity_id, article_id, before, after)


def insert_events(db: sqlite_utils.Database, rows: Iterable[Sequence[Any]]) -> None:
    """Append event rows (:func:`event_row`) in their order."""
    for chunk in chunks(rows, CHUNK):
        db.conn.executemany(events.INSERT, chunk)


def insert_relations(db: sqlite_utils.Database, relations: Iterable[Relation]) -> None:
    """Insert links (as :func:`annotator.store.relations.insert` does each)."""
    rows = (
        (r.id, r.from_id, r.to_id, r.type, r.annotator, r.created, r.deleted) for r in relations
    )
    for chunk in chunks(rows, CHUNK):
        db.conn.executemany(
            "INSERT INTO relations (id, from_id, to_id, type, annotator, created, deleted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            chunk,
        )
