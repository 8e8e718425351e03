"""What ``annotator check`` reads: SQLite's own checks, article texts, annotation quotes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlite_utils


def integrity_check(db: sqlite_utils.Database) -> list[str]:
    """The problems ``PRAGMA integrity_check`` reports (empty: ok)."""
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    return [r for r in rows if r != "ok"]


def foreign_key_check(db: sqlite_utils.Database) -> list[str]:
    """One line per row whose foreign key points nowhere (empty: ok)."""
    return [
        f"{r[0]} row {r[1]} refers to a missing {r[2]}"
        for r in db.execute("PRAGMA foreign_key_check").fetchall()
    ]


def article_texts(db: sqlite_utils.Database) -> Iterator[tuple[str, str, str]]:
    """(id, text, stored sha256) of every article, one at a time."""
    for row in db.execute("SELECT id, text, sha256 FROM articles ORDER BY rowid"):
        yield row[0], row[1], row[2]


def placed_annotations(db: sqlite_utils.Database, article_id: str) -> list[dict[str, Any]]:
    """The annotations of an article that have a place in its text (orphans have none)."""
    return list(
        db.query(
            'SELECT id, start, "end", exact FROM annotations '
            "WHERE article_id = ? AND start IS NOT NULL ORDER BY start, id",
            [article_id],
        )
    )
