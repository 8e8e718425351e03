"""Verdicts on claims (``verdicts``) and the rating scale (``ratings``)."""

from __future__ import annotations

import sqlite_utils

from annotator.domain.model import Rating, Verdict
from annotator.store import annotations as annotation_rows

_COLUMNS = "annotation_id, rating, explanation, annotator, created, modified"


def ratings(db: sqlite_utils.Database) -> list[Rating]:
    rows = db.conn.execute("SELECT name, value, description FROM ratings ORDER BY position")
    return [Rating(r[0], r[1], r[2] or "") for r in rows]


def ensure_ratings(db: sqlite_utils.Database, scale: list[Rating]) -> None:
    """Insert the ratings that are missing (existing ones stay as the user edited them)."""
    position = db["ratings"].count
    for rating in scale:
        db["ratings"].insert(
            {
                "name": rating.name,
                "value": rating.value,
                "description": rating.description,
                "position": position,
            },
            ignore=True,
        )
        position += 1


def get(db: sqlite_utils.Database, annotation_id: str) -> Verdict | None:
    row = db.conn.execute(
        f"SELECT {_COLUMNS} FROM verdicts WHERE annotation_id = ?", [annotation_id]
    ).fetchone()
    return Verdict(*row) if row else None


def for_article(db: sqlite_utils.Database, article_id: str) -> dict[str, Verdict]:
    join = annotation_rows.join_from(db, "verdicts", article_id)
    rows = db.conn.execute(
        f"SELECT v.{_COLUMNS.replace(', ', ', v.')} FROM verdicts v "
        f"{join} annotations a ON a.id = v.annotation_id WHERE a.article_id = ?",
        [article_id],
    )
    return {r[0]: Verdict(*r) for r in rows}


def upsert(db: sqlite_utils.Database, verdict: Verdict) -> None:
    db["verdicts"].upsert(
        {
            "annotation_id": verdict.annotation_id,
            "rating": verdict.rating,
            "explanation": verdict.explanation,
            "annotator": verdict.annotator,
            "created": verdict.created,
            "modified": verdict.modified,
        },
        pk="annotation_id",
    )


def delete(db: sqlite_utils.Database, annotation_id: str) -> None:
    db["verdicts"].delete_where("annotation_id = ?", [annotation_id])


def replace_ratings(db: sqlite_utils.Database, scale: list[Rating]) -> None:
    """Make the scale exactly ``scale`` (a rating still used by a verdict cannot go)."""
    for position, rating in enumerate(scale):
        db["ratings"].upsert(
            {
                "name": rating.name,
                "value": rating.value,
                "description": rating.description,
                "position": position,
            },
            pk="name",
        )
    names = [r.name for r in scale]
    db.execute(f"DELETE FROM ratings WHERE name NOT IN ({','.join('?' for _ in names)})", names)
