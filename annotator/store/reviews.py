"""Reviews of annotations (``reviews``): a reviewer's decision, kept as a history."""

from __future__ import annotations

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
