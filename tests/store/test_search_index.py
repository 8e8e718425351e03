"""The full-text index (migration v5): FTS5 is there, a v4 database is backfilled, and the
triggers keep the index in step with articles and annotations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.domain.search import SearchError
from annotator.store import search as search_rows
from annotator.store.backup import automatic_backups
from annotator.store.database import connect, transaction
from annotator.store.migrations import MIGRATIONS, SCHEMA_VERSION
from annotator.store.store import Store


def _annotation(id_: str, exact: str, start: int, note: str = "", deleted=None) -> dict:
    return {
        "id": id_,
        "article_id": "art",
        "start": start,
        "end": start + len(exact),
        "exact": exact,
        "tag": "Claim",
        "annotator": "alice",
        "created": "t",
        "modified": "t",
        "note": note,
        "deleted": deleted,
    }


TEXT = "Pyongyang supplied artillery shells, the Pentagon said on Tuesday."


def _v4_database(path: Path) -> None:
    db = connect(path)
    with transaction(db):
        for step in MIGRATIONS[:4]:
            step(db)
        db.execute("PRAGMA user_version = 4")
        db["articles"].insert(
            {"id": "art", "title": "Shells for Moscow", "text": TEXT, "sha256": "x",
             "imported_at": "t"}
        )  # fmt: skip
        db["tags"].insert({"name": "Claim", "colour": "#000", "position": 0})
        db["annotations"].insert(_annotation("live", "artillery shells", 19, note="José checks"))
        db["annotations"].insert(_annotation("gone", "Pentagon", 41, note="zebra", deleted="t"))
    db.conn.close()


def _ids(store: Store, query: str) -> set[str]:
    db = store.db
    found = {row[0] for row in search_rows.article_hits(db, query, limit=50)}
    return found | {row[0] for row in search_rows.annotation_hits(db, query, limit=50)}


@pytest.fixture
def store(tmp_path: Path):
    path = tmp_path / "v4.db"
    _v4_database(path)
    opened = Store.open(path)
    yield opened
    opened.close()


def test_fts5_is_available_in_this_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    assert search_rows.fts5_available(conn)
    conn.close()


def test_a_v4_database_is_backed_up_migrated_and_backfilled(store: Store, tmp_path: Path) -> None:
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    [copy] = automatic_backups(tmp_path / "v4.db")
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()
    assert _ids(store, '"pyongyang"') == {"art"}
    assert _ids(store, '"moscow"') == {"art"}  # the title
    assert _ids(store, '"artillery"') == {"art", "live"}
    assert _ids(store, '"jose"') == {"live"}  # the note, without its accent
    assert _ids(store, '"zebra"') == set()  # the deleted annotation's note is not indexed


def test_triggers_follow_inserts_updates_and_soft_deletes(store: Store) -> None:
    db = store.db
    with transaction(db):
        db["annotations"].insert(_annotation("new", "Tuesday", 58, note="first draft"))
    assert _ids(store, '"draft"') == {"new"}
    with transaction(db):
        db["annotations"].update("new", {"note": "second version"})
    assert _ids(store, '"draft"') == set()
    assert _ids(store, '"version"') == {"new"}
    with transaction(db):
        db["annotations"].update("new", {"tag": "Claim", "modified": "u"})  # not indexed
    assert _ids(store, '"version"') == {"new"}
    with transaction(db):
        db["annotations"].update("new", {"deleted": "now"})
    assert _ids(store, '"version"') == set()
    with transaction(db):
        db["annotations"].update("new", {"deleted": None})
    assert _ids(store, '"version"') == {"new"}
    with transaction(db):
        db["annotations"].update("gone", {"deleted": None})  # restored: indexed again
    assert _ids(store, '"zebra"') == {"gone"}
    with transaction(db):
        db.execute("DELETE FROM annotations WHERE id = 'new'")
    assert _ids(store, '"version"') == set()
    index_rows = db.execute("SELECT count(*) FROM annotations_fts").fetchone()[0]
    assert index_rows == 2  # live and gone; nothing left behind


def test_triggers_follow_article_title_changes_and_deletes(store: Store) -> None:
    db = store.db
    with transaction(db):
        db["articles"].update("art", {"title": "Rounds for the front"})
    assert _ids(store, '"moscow"') == set()
    assert _ids(store, '"front"') == {"art"}
    with transaction(db):
        db["articles"].insert(
            {"id": "other", "title": "Other", "text": "Nothing here.", "sha256": "y",
             "imported_at": "t"}
        )  # fmt: skip
    assert _ids(store, '"nothing"') == {"other"}
    with transaction(db):
        db.execute("DELETE FROM articles WHERE id = 'other'")
    assert _ids(store, '"nothing"') == set()
    assert db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 1


def test_marker_characters_in_a_text_are_not_taken_for_matches(store: Store) -> None:
    db = store.db
    with transaction(db):
        db["articles"].insert(
            {"id": "ctl", "title": "", "text": "odd \x01 bytes \x02 here", "sha256": "z",
             "imported_at": "t"}
        )  # fmt: skip
    [row] = search_rows.article_hits(db, '"bytes"', limit=5)
    assert row[3] == "odd   \x01bytes\x02   here"  # same length as the stored text


def test_rebuild_fills_the_index_again(store: Store) -> None:
    db = store.db
    with transaction(db):
        db.execute("DELETE FROM articles_fts")
        search_rows.rebuild(db)
    assert _ids(store, '"artillery"') == {"art", "live"}


def test_a_query_fts5_rejects_is_a_search_error(store: Store) -> None:
    with pytest.raises(SearchError, match="cannot run this query"):
        search_rows.article_hits(store.db, "NOT AND (", limit=5)
