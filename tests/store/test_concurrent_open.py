"""Several processes starting on one new database at the same moment all succeed."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

PROCESSES = 6


def _start(path: str, name: str, barrier, results) -> None:
    from annotator.core.project import Project
    from tests.conftest import make_draft

    barrier.wait(30)
    try:
        project = Project.open(path, name)
        draft = make_draft(f"Text written by {name}.", title=name)
        article = project.import_draft(draft).article
        project.annotate_quote(article.id, name, "Claim")
        project.close()
        results.put((name, "ok"))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put((name, f"{type(exc).__name__}: {exc}"))


def test_processes_starting_at_once_on_a_new_database_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    children = [
        ctx.Process(target=_start, args=(str(path), f"person{i}", barrier, results))
        for i in range(PROCESSES)
    ]
    for child in children:
        child.start()
    outcomes = dict(results.get(timeout=120) for _ in children)
    for child in children:
        child.join(30)
    assert outcomes == {f"person{i}": "ok" for i in range(PROCESSES)}
    conn = sqlite3.connect(path)
    from annotator.domain.tagset import default_tagset
    from annotator.store.migrations import SCHEMA_VERSION

    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == len(default_tagset())
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == PROCESSES
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == PROCESSES
    conn.close()


def test_opening_starts_again_when_sqlite_answers_locked_at_once(
    tmp_path: Path, monkeypatch
) -> None:
    """SQLite answers "locked" without waiting when two new connections would deadlock
    switching the file to WAL; the opener starts again instead of failing."""
    from annotator.store import database

    real = database._open_once
    answers = iter([sqlite3.OperationalError("database is locked")] * 3)

    def flaky(target, check):
        failure = next(answers, None)
        if failure is not None:
            raise failure
        return real(target, check)

    monkeypatch.setattr(database, "_open_once", flaky)
    db = database.connect(tmp_path / "new.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_database_locked_past_the_timeout_gives_busy_not_locked(
    tmp_path: Path, monkeypatch
) -> None:
    import pytest

    from annotator.domain.errors import Busy
    from annotator.store import database

    def locked(target, check):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(database, "_open_once", locked)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    with pytest.raises(Busy) as caught:
        database.connect(tmp_path / "new.db")
    assert "busy" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert "database is locked" not in str(caught.value)
