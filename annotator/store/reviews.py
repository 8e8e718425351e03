"""Reviews of annotations (``reviews``): a reviewer's decision, kept as a history."""

from __future__ import annotations

from typing import Any

import sqlite_utils


def latest_decisions(db: sqlite_utils.Database, article_id: str) -> dict[str, str]:
    """The latest review decision per annotation of the article (annotations never
    reviewed are missing)."""
    rows = db.conn.execute(
        "SELECT r.annotation_id, r.decision FROM reviews r "
        "JOIN annotations a ON a.id = r.annotation_id "
        "WHERE a.article_id = ? ORDER BY r.created, r.rowid",
        [article_id],
    )
    return {annotation_id: decision for annotation_id, decision in rows}


def get(db: sqlite_utils.Database, review_id: str) -> dict[str, Any] | None:
    rows = list(db["reviews"].rows_where("id = ?", [review_id]))
    return rows[0] if rows else None


def insert(db: sqlite_utils.Database, review: dict[str, Any]) -> None:
    """A review row: id, annotation_id, reviewer, decision, comment, created."""
    db["reviews"].insert(review)


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


def for_article(db: sqlite_utils.Database, article_id: str) -> list[dict[str, Any]]:
    """Every review of the article's annotations, oldest first."""
    rows = db.query(
        "SELECT r.* FROM reviews r JOIN annotations a ON a.id = r.annotation_id "
        "WHERE a.article_id = ? ORDER BY r.created, r.rowid",
        [article_id],
    )
    return list(rows)
