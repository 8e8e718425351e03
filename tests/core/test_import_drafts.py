"""A batch of drafts (``Project.import_drafts``, what ``annotator import`` runs) indexes its
new articles for search after inserting them, in two statements, instead of through the
insert trigger one article at a time: the database ends as when each draft is imported on
its own — the same articles, sources and events, the same search keys in the same order,
the same index rows (those ``store.search.rebuild`` makes) and the same hits — and a
failed batch leaves nothing, with the trigger back in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from annotator_test_helpers import make_draft

from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.store import search as search_rows

DRAFTS = [
    make_draft(
        "Pyongyang supplied artillery shells to Moscow, the Pentagon said.",
        title="Shells \x01marked\x02 title",
        byline="Kim Lee",
    ),
    make_draft("José denies it: ÉLAN vital, he says.", title=None, language="es"),
    make_draft("Pyongyang supplied artillery shells to Moscow, the Pentagon said."),  # again
    make_draft("Trains crossed the border at night, satellite images show.", title="Trains"),
    make_draft("A third report: the \x02ministry\x01 declined to comment.", title="Ministry"),
]
QUERIES = ["pyongyang", "jose", "elan", "marked", "ministry", "tr*", "sa*", "pentagon OR trains"]


def _by_sha(project: Project) -> dict[str, str]:
    rows = project.store.db.execute("SELECT id, sha256 FROM articles").fetchall()
    return dict(rows)


def _state(project: Project) -> dict[str, Any]:
    """Everything the import writes, with the random article ids made their texts' digests."""
    db, sha = project.store.db, _by_sha(project)
    return {
        "articles": db.execute(
            "SELECT sha256, text, title, byline, outlet, url, published, language, "
            "source_format, imported_by FROM articles ORDER BY rowid"
        ).fetchall(),
        "sources": [
            (sha[r[0]], *r[1:])
            for r in db.execute(
                "SELECT article_id, original, original_name, media_type FROM article_sources "
                "ORDER BY rowid"
            )
        ],
        "events": [
            (sha[r[0]], *r[1:])
            for r in db.execute(
                "SELECT article_id, annotator, action, entity FROM events ORDER BY rowid"
            )
        ],
        "keys": [
            (r[0], r[1], sha.get(r[2], r[2]))
            for r in db.execute("SELECT id, entity, entity_id FROM search_keys ORDER BY id")
        ],
        "index": [
            (r[0], r[1], r[2], sha[r[3]])
            for r in db.execute(
                "SELECT rowid, title, text, article_id FROM articles_fts ORDER BY rowid"
            )
        ],
        "hits": {
            q: sorted(sha[r[0]] for r in search_rows.article_hits(db, q, limit=50)) for q in QUERIES
        },
    }


def _trigger(project: Project) -> str | None:
    row = project.store.db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        [search_rows.ARTICLE_INSERT_TRIGGER],
    ).fetchone()
    return row[0] if row else None


@pytest.fixture
def two(tmp_path: Path) -> Any:
    """Two databases holding the sample article (indexed by the trigger)."""
    projects = [Project.open(tmp_path / f"{name}.db", "alice") for name in ("batch", "single")]
    for p in projects:
        p.import_sample()
    yield projects
    for p in projects:
        p.close()


def test_a_batch_ends_as_the_drafts_imported_one_by_one(two: list[Project]) -> None:
    batch, single = two
    trigger = _trigger(batch)
    results = batch.import_drafts(DRAFTS)
    expected = [single.import_draft(d) for d in DRAFTS]

    assert (
        [r.created for r in results]
        == [r.created for r in expected]
        == [
            True,
            True,
            False,  # the same text as the first: found, not stored twice
            True,
            True,
        ]
    )
    assert results[2].article.id == results[0].article.id
    assert _state(batch) == _state(single)
    assert _state(batch)["hits"]["marked"]  # the index has the batch's articles in it
    assert _trigger(batch) == trigger  # the insert trigger is back, as it was


def test_the_index_of_a_batch_is_what_rebuild_makes(two: list[Project]) -> None:
    batch, _ = two
    batch.import_drafts(DRAFTS)
    before = _state(batch)
    with batch.store.transaction():
        search_rows.rebuild(batch.store.db)
    assert _state(batch) == before


def test_a_draft_already_stored_is_found_and_nothing_is_indexed_twice(
    two: list[Project],
) -> None:
    batch, single = two
    batch.import_draft(DRAFTS[3])
    single.import_draft(DRAFTS[3])
    results = batch.import_drafts(DRAFTS)
    for d in DRAFTS:
        single.import_draft(d)
    assert [r.created for r in results] == [True, True, False, False, True]
    assert _state(batch) == _state(single)


def test_a_failed_batch_leaves_nothing_and_the_trigger_in_place(two: list[Project]) -> None:
    batch, _ = two
    before, trigger = _state(batch), _trigger(batch)
    with pytest.raises(BadInput, match="empty.txt: no text to import"):
        batch.import_drafts([*DRAFTS[:2], make_draft(" \n ", original_name="empty.txt")])
    assert _state(batch) == before
    assert _trigger(batch) == trigger
    # and the trigger still indexes the next article imported on its own
    batch.import_draft(DRAFTS[3])
    sha = _by_sha(batch)
    hits = search_rows.article_hits(batch.store.db, "trains", limit=5)
    assert [sha[r[0]] for r in hits] == [batch.articles()[-1].sha256]
