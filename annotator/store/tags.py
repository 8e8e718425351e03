"""The tag set kept in the database (``tags``)."""

from __future__ import annotations

import json

import sqlite_utils

from annotator.domain.model import RelationType, Tag


def all_tags(db: sqlite_utils.Database) -> list[Tag]:
    return [
        Tag(
            name=r["name"],
            colour=r["colour"],
            key=r["key"],
            kind=r["kind"] or "span",
            description=r["description"] or "",
            underline=r["underline"] or "solid",
        )
        for r in db["tags"].rows_where(order_by="position")
    ]


def ensure(db: sqlite_utils.Database, tags: list[Tag]) -> None:
    """Insert the tags that are missing (existing ones are left as the user edited them)."""
    position = db["tags"].count
    for tag in tags:
        db["tags"].insert(
            {
                "name": tag.name,
                "colour": tag.colour,
                "key": tag.key,
                "kind": tag.kind,
                "description": tag.description,
                "underline": tag.underline,
                "position": position,
            },
            ignore=True,
        )
        position += 1


def is_empty(db: sqlite_utils.Database) -> bool:
    return db["tags"].count == 0


def relation_types(db: sqlite_utils.Database) -> list[RelationType]:
    rows = db.conn.execute(
        "SELECT name, label, from_tags, to_tags, description FROM relation_types ORDER BY position"
    )
    return [
        RelationType(
            r[0], r[1], tuple(json.loads(r[2] or "[]")), tuple(json.loads(r[3] or "[]")), r[4] or ""
        )
        for r in rows
    ]


def ensure_relation_types(db: sqlite_utils.Database, types: list[RelationType]) -> None:
    position = db["relation_types"].count
    for t in types:
        db["relation_types"].insert(
            {
                "name": t.name,
                "label": t.label,
                "from_tags": json.dumps(list(t.from_tags)),
                "to_tags": json.dumps(list(t.to_tags)),
                "description": t.description,
                "position": position,
            },
            ignore=True,
        )
        position += 1


def replace_all(db: sqlite_utils.Database, tags: list[Tag], types: list[RelationType]) -> None:
    """Make the stored tag set exactly ``tags`` and ``types`` (inside a transaction).

    A tag still used by an annotation cannot be removed: the foreign key refuses it.
    """
    names = [t.name for t in tags]
    for position, tag in enumerate(tags):
        db["tags"].upsert(
            {
                "name": tag.name,
                "colour": tag.colour,
                "key": tag.key,
                "kind": tag.kind,
                "description": tag.description,
                "underline": tag.underline,
                "position": position,
            },
            pk="name",
        )
    placeholders = ",".join("?" for _ in names)
    db.execute(f"DELETE FROM tags WHERE name NOT IN ({placeholders})", names)
    db.execute("DELETE FROM relation_types")
    ensure_relation_types(db, types)


def rename_tag(db: sqlite_utils.Database, old: str, new: str) -> None:
    """Rename a tag everywhere it is used (inside a transaction)."""
    row = db.conn.execute("SELECT * FROM tags WHERE name = ?", [old]).fetchone()
    if row is None:
        return
    db.execute(
        "INSERT INTO tags (name, colour, key, kind, description, underline, position) "
        "SELECT ?, colour, key, kind, description, underline, position FROM tags "
        "WHERE name = ?",
        [new, old],
    )
    db.execute("UPDATE annotations SET tag = ? WHERE tag = ?", [new, old])
    db.execute("DELETE FROM tags WHERE name = ?", [old])
