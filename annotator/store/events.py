"""The ``events`` log: who did what, when, with the values before and after."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from annotator.domain.model import Event, now_iso

#: the columns of an ``events`` row, in the order :data:`INSERT` takes them
COLUMNS = ("at", "annotator", "action", "entity", "entity_id", "article_id", "before", "after")
INSERT = "INSERT INTO events ({}) VALUES ({})".format(
    ", ".join(f'"{c}"' for c in COLUMNS), ", ".join("?" * len(COLUMNS))
)


def record(
    db: sqlite_utils.Database,
    *,
    annotator: str,
    action: str,
    entity: str,
    entity_id: str,
    article_id: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    # a plain statement: sqlite-utils' insert looks the table up again at every call
    db.conn.execute(
        INSERT,
        (
            now_iso(),
            annotator,
            action,
            entity,
            entity_id,
            article_id,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ),
    )


def _to_event(r: dict[str, Any]) -> Event:
    return Event(
        id=r["id"],
        at=r["at"],
        annotator=r["annotator"],
        action=r["action"],
        entity=r["entity"],
        entity_id=r["entity_id"],
        before=json.loads(r["before"]) if r["before"] else None,
        after=json.loads(r["after"]) if r["after"] else None,
    )


def history(db: sqlite_utils.Database, entity: str, entity_id: str) -> list[Event]:
    rows = db["events"].rows_where(
        "entity = ? AND entity_id = ?", [entity, entity_id], order_by="id"
    )
    return [_to_event(r) for r in rows]


def count(db: sqlite_utils.Database) -> int:
    return db["events"].count


def last(db: sqlite_utils.Database, entity: str, entity_id: str, action: str) -> Event | None:
    """The most recent event of ``action`` on one entity, or None."""
    rows = list(
        db["events"].rows_where(
            "entity = ? AND entity_id = ? AND action = ?",
            [entity, entity_id, action],
            order_by="id desc",
            limit=1,
        )
    )
    return _to_event(rows[0]) if rows else None


def last_of(db: sqlite_utils.Database, entity: str, action: str) -> Event | None:
    """The most recent event of ``action`` on any entity of a kind, or None."""
    rows = list(
        db["events"].rows_where(
            "entity = ? AND action = ?", [entity, action], order_by="id desc", limit=1
        )
    )
    return _to_event(rows[0]) if rows else None


def exists(
    db: sqlite_utils.Database, entity: str, entity_id: str, action: str, after: dict[str, Any]
) -> bool:
    """Whether this very event (same entity, action and values after) was recorded."""
    row = db.conn.execute(
        "SELECT 1 FROM events WHERE entity = ? AND entity_id = ? AND action = ? AND after = ?",
        [entity, entity_id, action, json.dumps(after, ensure_ascii=False)],
    ).fetchone()
    return row is not None
