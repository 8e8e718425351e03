"""The SQLite file: settings, migrations, refusal of a newer schema, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput, NewerSchema
from annotator.domain.tagset import default_tagset
from annotator.store.database import transaction
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.store import Store


def test_durable_settings(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.db", default_tags=default_tagset())
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 5000
    assert pragma("user_version") == SCHEMA_VERSION
    store.close()


def test_tables_readable_by_any_sqlite_tool(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db", default_tags=default_tagset()).close()
    conn = sqlite3.connect(tmp_path / "a.db")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "articles",
        "article_sources",
        "actors",
        "tags",
        "annotations",
        "relations",
        "reviews",
        "events",
    } <= names
    tags = [r[0] for r in conn.execute("SELECT name FROM tags ORDER BY position")]
    assert tags == ["Claim", "Source", "Denial", "Evidence"]
    conn.close()


def test_created_only_once(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "a.db")
    assert first.created
    first.close()
    again = Store.open(tmp_path / "a.db")
    assert not again.created
    again.close()


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchema, match="newer annotator"):
        Store.open(path)
    assert path.read_bytes() == before


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(BadInput, match="cannot open"):
        Store.open(path)
    assert path.read_bytes() == b"this is not a database, just some text " * 100


def test_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="folder"):
        Store.open(tmp_path)


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.db", default_tags=default_tagset())
    with pytest.raises(RuntimeError), transaction(store.db):
        store.db["actors"].insert({"id": "x", "name": "US", "aliases": "[]", "created": "now"})
        raise RuntimeError("boom")
    assert store.db["actors"].count == 0
    store.close()


def test_article_text_is_immutable(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.db")
    store.db["articles"].insert({"id": "a", "text": "t", "sha256": "s", "imported_at": "now"})
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.db["articles"].update("a", {"text": "changed"})
    store.close()


def test_foreign_keys_enforced(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.db", default_tags=default_tagset())
    with pytest.raises(sqlite3.IntegrityError):
        store.db["annotations"].insert(
            {
                "id": "n",
                "article_id": "missing",
                "start": 0,
                "end": 1,
                "exact": "x",
                "tag": "Claim",
                "annotator": "a",
                "created": "t",
                "modified": "t",
            }
        )
    store.close()


def test_two_opens_of_a_new_database_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    a = Store.open(path, default_tags=default_tagset())
    b = Store.open(path, default_tags=default_tagset())
    assert b.db["tags"].count == 4
    a.close()
    b.close()
