"""A bulk insert of annotations indexes them for search after the insert, in two
statements, instead of through the insert trigger row by row: the index it leaves is the
one the trigger leaves (same keys, same rows, same hits), the trigger is back after it,
and a failed batch leaves the index and the trigger as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator.store import bulk
from annotator.store import search as search_rows
from annotator.store.database import transaction
from annotator.store.store import Store

TEXT = "Pyongyang supplied artillery shells to Moscow, the Pentagon said; José denies it."


def _row(n: int, exact: str, note: str = "", deleted: str | None = None) -> tuple[Any, ...]:
    start = TEXT.index(exact) if exact in TEXT else 0
    return (
        f"00000000-0000-4000-8000-{n:012d}",
        "art",
        start,
        start + len(exact),
        exact,
        "",
        "",
        "Claim",
        None,
        note,
        "alice",
        "2024-06-19T10:00:00.000Z",
        "2024-06-19T10:00:00.000Z",
        deleted,
    )


ROWS = [
    _row(1, "artillery shells", note="first \x01marked\x02 note"),
    _row(2, "Pentagon", note="zebra", deleted="2024-06-20T10:00:00.000Z"),  # not indexed
    _row(3, "José denies", note="ÉLAN vital"),
    _row(4, "Moscow"),
    _row(5, "Pyongyang supplied", note="Tuesday's draft"),
]


def _as_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(bulk.ANNOTATION_COLUMNS, row, strict=True))


def _store(path: Path) -> Store:
    store = Store.open(path)
    with transaction(store.db):
        store.db["articles"].insert(
            {"id": "art", "title": "Shells", "text": TEXT, "sha256": "x", "imported_at": "t"}
        )
        store.db["tags"].insert({"name": "Claim", "colour": "#000", "position": 0}, replace=True)
        # one annotation before the batch, through the trigger
        store.db["annotations"].insert(_as_dict(_row(9, "said")))
    return store


def _index(store: Store) -> dict[str, list[tuple]]:
    db = store.db
    return {
        "keys": db.execute("SELECT id, entity, entity_id FROM search_keys ORDER BY id").fetchall(),
        "rows": db.execute(
            "SELECT rowid, exact, note, annotation_id, article_id FROM annotations_fts "
            "ORDER BY rowid"
        ).fetchall(),
    }


def _hits(store: Store, query: str) -> list[str]:
    return sorted(r[0] for r in search_rows.annotation_hits(store.db, query, limit=50))


def _trigger(store: Store) -> str | None:
    found = store.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", [search_rows.ANNOTATION_INSERT_TRIGGER]
    ).fetchone()
    return found[0] if found else None


@pytest.fixture
def pair(tmp_path: Path):
    bulked, one_by_one = _store(tmp_path / "bulk.db"), _store(tmp_path / "rows.db")
    yield bulked, one_by_one
    bulked.close()
    one_by_one.close()


def test_the_batch_leaves_the_index_the_trigger_leaves(pair: tuple[Store, Store]) -> None:
    bulked, one_by_one = pair
    trigger = _trigger(bulked)
    assert trigger is not None
    with bulk.roomy_cache(bulked.db), transaction(bulked.db):
        assert bulk.insert_annotations(bulked.db, iter(ROWS)) == len(ROWS)
    marks = ", ".join("?" * len(bulk.ANNOTATION_COLUMNS))
    with transaction(one_by_one.db):
        for row in ROWS:  # one statement per row: the trigger indexes each
            one_by_one.db.execute(f"INSERT INTO annotations VALUES ({marks})", list(row))
    assert _index(bulked) == _index(one_by_one)
    assert len(_index(bulked)["rows"]) == 5  # four live ones of the batch and the first
    assert _trigger(bulked) == trigger  # back, as it was
    for query in ('"artillery"', '"jose"', '"elan"', '"zebra"', '"marked"', '"said"', "draf*"):
        assert _hits(bulked, query) == _hits(one_by_one, query)
    assert _hits(bulked, '"jose"') == ["00000000-0000-4000-8000-000000000003"]
    # a rebuild from the tables gives the same index
    before = _index(bulked)
    with transaction(bulked.db):
        search_rows.rebuild(bulked.db)
    assert _index(bulked) == before


def test_later_inserts_are_indexed_by_the_trigger_again(pair: tuple[Store, Store]) -> None:
    bulked, _ = pair
    with transaction(bulked.db):
        bulk.insert_annotations(bulked.db, ROWS[:2])
    with transaction(bulked.db):
        bulked.db["annotations"].insert(_as_dict(_row(7, "Moscow", note="quarantine")))
    assert _hits(bulked, '"quarantine"') == ["00000000-0000-4000-8000-000000000007"]


def test_a_failed_batch_changes_neither_the_index_nor_the_trigger(
    pair: tuple[Store, Store],
) -> None:
    bulked, _ = pair
    trigger, before = _trigger(bulked), _index(bulked)
    duplicate = [*ROWS, _row(3, "Moscow")]  # the id of the third row again
    with pytest.raises(sqlite3.IntegrityError), transaction(bulked.db):
        bulk.insert_annotations(bulked.db, duplicate)
    assert _trigger(bulked) == trigger
    assert _index(bulked) == before
    assert bulked.db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    # the trigger works: a failed batch inside a transaction that goes on is undone too
    with transaction(bulked.db):
        with pytest.raises(sqlite3.IntegrityError):
            bulk.insert_annotations(bulked.db, duplicate)
        assert _trigger(bulked) == trigger
        bulked.db["annotations"].insert(_as_dict(ROWS[0]))
    assert _hits(bulked, '"artillery"') == ["00000000-0000-4000-8000-000000000001"]
