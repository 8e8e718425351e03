"""The reviews table: migration v4 (threads, suggestions) on a v3 database, and the
latest accept/reject decision that the board reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.domain.model import Review
from annotator.store import reviews as review_rows
from annotator.store.database import connect, transaction
from annotator.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate


def _v3_database(path: Path) -> None:
    db = connect(path)
    with transaction(db):
        for step in MIGRATIONS[:3]:
            step(db)
        db.execute("PRAGMA user_version = 3")
        db["articles"].insert(
            {"id": "art", "text": "Some text here.", "sha256": "x", "imported_at": "t"}
        )
        db["tags"].insert({"name": "Claim", "colour": "#000", "position": 0})
        db["annotations"].insert(
            {
                "id": "ann",
                "article_id": "art",
                "start": 0,
                "end": 4,
                "exact": "Some",
                "tag": "Claim",
                "annotator": "alice",
                "created": "t",
                "modified": "t",
            }
        )
        db["reviews"].insert(
            {
                "id": "old",
                "annotation_id": "ann",
                "reviewer": "bob",
                "decision": "accepted",
                "comment": "",
                "created": "2024-01-01T00:00:00.000Z",
            }
        )
    db.conn.close()


def test_v4_adds_threads_and_suggestions_keeping_old_reviews(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    _v3_database(path)
    db = connect(path)
    assert migrate(db) == SCHEMA_VERSION - 3
    columns = {c.name for c in sqlite_utils.Database(db.conn)["reviews"].columns}
    assert {
        "reply_to",
        "suggested_tag",
        "suggested_start",
        "suggested_end",
        "resolved",
        "resolution",
    } <= columns
    indexes = [i.columns for i in db["reviews"].indexes]
    assert ["annotation_id"] in indexes
    old = review_rows.get(db, "old")
    assert old == Review("old", "ann", "bob", "accepted", "", "2024-01-01T00:00:00.000Z")
    with transaction(db):
        review_rows.insert(
            db, Review("c", "ann", "carol", "commented", "Hm.", "2024-03-01T00:00:00.000Z")
        )
        review_rows.insert(
            db,
            Review(
                "s",
                "ann",
                "carol",
                "suggested",
                "",
                "2024-04-01T00:00:00.000Z",
                suggested_start=0,
                suggested_end=9,
            ),
        )
    # comments and suggestions are not decisions: the latest decision is still bob's
    assert review_rows.latest_decisions(db, "art") == {"ann": "accepted"}
    assert [r.id for r in review_rows.for_annotation(db, "ann")] == ["old", "c", "s"]
    db.conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
