"""Reviews of annotations (``reviews``): decisions, comments, replies and suggestions,
kept as a history (a row is removed only when its author undoes it at once)."""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

import sqlite_utils

from annotator.domain.model import ACCEPTED, REJECTED, Review
from annotator.store import annotations as annotation_rows

_COLUMNS = (
    "id",
    "annotation_id",
    "reviewer",
    "decision",
    "comment",
    "created",
    "reply_to",
    "suggested_tag",
    "suggested_start",
    "suggested_end",
    "resolved",
    "resolution",
)
_SELECT = "SELECT " + ", ".join(f"r.{c}" for c in _COLUMNS) + " FROM reviews r "
_ORDER = " ORDER BY r.created, r.rowid"


def _to_review(row: tuple[Any, ...]) -> Review:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["comment"] = values["comment"] or ""
    return Review(**values)


def latest_decisions(db: sqlite_utils.Database, article_id: str) -> dict[str, str]:
    """The latest accept/reject decision per annotation of the article ("accepted" or
    "rejected"; comments and suggestions do not count; never decided: missing)."""
    join = annotation_rows.join_from(db, "reviews", article_id)
    rows = db.conn.execute(
        f"SELECT r.annotation_id, r.decision FROM reviews r {join} annotations a "
        "ON a.id = r.annotation_id WHERE a.article_id = ? AND r.decision IN (?, ?)" + _ORDER,
        [article_id, ACCEPTED, REJECTED],
    )
    return {annotation_id: decision for annotation_id, decision in rows}


def decided_by(db: sqlite_utils.Database, article_id: str, reviewer: str) -> set[str]:
    """The article's annotations that ``reviewer`` has accepted or rejected."""
    rows = db.conn.execute(
        "SELECT DISTINCT r.annotation_id FROM reviews r "
        "JOIN annotations a ON a.id = r.annotation_id "
        "WHERE a.article_id = ? AND r.reviewer = ? AND r.decision IN (?, ?)",
        [article_id, reviewer, ACCEPTED, REJECTED],
    )
    return {annotation_id for (annotation_id,) in rows}


def get(db: sqlite_utils.Database, review_id: str) -> Review | None:
    row = db.conn.execute(_SELECT + "WHERE r.id = ?", [review_id]).fetchone()
    return _to_review(row) if row else None


def ids_with_prefix(db: sqlite_utils.Database, prefix: str) -> list[str]:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.conn.execute(
        "SELECT id FROM reviews WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
        [escaped + "%"],
    )
    return [r[0] for r in rows]


def insert(db: sqlite_utils.Database, review: Review) -> None:
    db["reviews"].insert(dict(zip(_COLUMNS, astuple(review), strict=True)))


def delete(db: sqlite_utils.Database, review_id: str) -> None:
    db["reviews"].delete_where("id = ?", [review_id])


def set_resolved(
    db: sqlite_utils.Database, review_id: str, resolved: str | None, resolution: str | None
) -> None:
    db["reviews"].update(review_id, {"resolved": resolved, "resolution": resolution})


def same_review(
    db: sqlite_utils.Database,
    annotation_id: str,
    reviewer: str,
    decision: str,
    comment: str,
    created: str | None,
) -> bool:
    """Whether this review is stored (any time when ``created`` is None)."""
    sql = (
        "SELECT 1 FROM reviews WHERE annotation_id = ? AND reviewer = ? AND decision = ? "
        "AND coalesce(comment, '') = ?"
    )
    args = [annotation_id, reviewer, decision, comment]
    if created is not None:
        sql += " AND created = ?"
        args.append(created)
    return db.conn.execute(sql, args).fetchone() is not None


def for_annotation(db: sqlite_utils.Database, annotation_id: str) -> list[Review]:
    """The annotation's reviews, oldest first (the thread in the order it was written)."""
    rows = db.conn.execute(_SELECT + "WHERE r.annotation_id = ?" + _ORDER, [annotation_id])
    return [_to_review(r) for r in rows]


def replies_to(db: sqlite_utils.Database, review_id: str) -> list[Review]:
    rows = db.conn.execute(_SELECT + "WHERE r.reply_to = ?" + _ORDER, [review_id])
    return [_to_review(r) for r in rows]


def for_article(db: sqlite_utils.Database, article_id: str) -> list[Review]:
    """Every review of the article's annotations, oldest first."""
    join = annotation_rows.join_from(db, "reviews", article_id)
    rows = db.conn.execute(
        _SELECT + f"{join} annotations a ON a.id = r.annotation_id WHERE a.article_id = ?" + _ORDER,
        [article_id],
    )
    return [_to_review(r) for r in rows]
