"""The tag set kept in the database (``tags``)."""

from __future__ import annotations

import sqlite_utils

from annotator.domain.model import Tag


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
