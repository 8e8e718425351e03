"""Restoring a backup: checked first, the state before kept, every window told."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.store.backup import automatic_backups
from tests.cli.test_cli import ok, one_line_error, run_cli
from tests.conftest import make_draft

TEXT = "Washington says Pyongyang sent shells to Moscow. Moscow denies it."


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def desk(tmp_path: Path):
    """A database with one article and a claim, an automatic backup of it, then more work."""
    path = tmp_path / "desk.db"
    project = Project.open(path, "Ana")
    article = project.import_draft(make_draft(TEXT, title="Shells")).article
    claim = project.annotate_quote(article.id, "Pyongyang sent shells", "Claim")
    backup = project.store.automatic_backup()
    denial = project.annotate_quote(article.id, "Moscow denies it", "Denial")
    project.delete_annotation(claim.id)
    yield project, backup, claim.id, denial.id
    project.close()


def test_restore_puts_the_backup_back_and_keeps_the_state_before(desk) -> None:
    project, backup, claim, denial = desk
    other = Project.open(project.path, "Ben")  # another window on the same file
    other.poll_external()
    safety = project.restore_backup(backup)
    live = {a.id: a for a in project.annotations(project.articles()[0].id)}
    assert claim in live and not live[claim].deleted and denial not in live
    assert project.check().ok
    assert other.poll_external()  # the other window is told, and sees it
    assert [a.id for a in other.annotations(other.articles()[0].id)] == [claim]
    other.close()
    # the state before the restore is a backup of its own: restoring it undoes the restore
    assert safety is not None and safety in automatic_backups(Path(project.path))
    project.restore_backup(safety)
    assert [a.id for a in project.annotations(project.articles()[0].id)] == [denial]
    mode = project.store.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_restore_is_logged_with_who_and_from_what(desk) -> None:
    project, backup, _claim, _denial = desk
    assert project.last_restore() is None
    other = Project.open(project.path, "Ben")
    safety = other.restore_backup(backup)
    event = project.last_restore()  # every window can see that it happened, and who did it
    assert event is not None and event.annotator == "Ben" and event.entity_id == backup.name
    assert event.after == {"source": str(backup), "safety": str(safety)}
    other.close()
    project.restore_backup(safety)
    assert project.last_restore().annotator == "Ana"  # the latest one
    assert project.last_restore().id != event.id or project.last_restore().at != event.at


def test_the_oldest_kept_backup_can_be_restored(desk) -> None:
    project, backup, claim, _denial = desk
    for _ in range(4):
        project.store.automatic_backup()  # five kept: the first is the oldest
    assert automatic_backups(Path(project.path))[0] == backup
    project.restore_backup(backup)  # its safety copy must not prune the backup being read
    assert project.annotation(claim).deleted is None
    assert len(automatic_backups(Path(project.path))) == 6


def test_listed_backups_say_what_they_hold(desk) -> None:
    project, backup, _claim, _denial = desk
    [info] = project.backups()
    assert (info.path, info.articles, info.annotations) == (backup, 1, 1)


@pytest.mark.parametrize(
    "kind", ["text", "foreign", "newer", "damaged", "missing", "itself", "trigger", "altered"]
)
def test_a_bad_backup_is_refused_and_nothing_changes(desk, tmp_path: Path, kind: str) -> None:
    project, backup, _claim, _denial = desk
    bad = tmp_path / f"{kind}.db"
    if kind == "text":
        bad.write_text("not a database\n" * 100)
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE notes (x)")
        conn.close()
    elif kind == "newer":
        bad.write_bytes(backup.read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    elif kind == "damaged":
        data = bytearray(backup.read_bytes())
        for at in range(4096 * 2, len(data), 97):  # scribble over pages after the header
            data[at] = (data[at] + 0x55) % 256
        bad.write_bytes(bytes(data))
    elif kind == "itself":
        bad = Path(project.path)
    elif kind in ("trigger", "altered"):  # a crafted file that would run its own SQL
        bad.write_bytes(backup.read_bytes())
        conn = sqlite3.connect(bad)
        if kind == "trigger":
            conn.execute(
                "CREATE TRIGGER spy AFTER INSERT ON annotations BEGIN DELETE FROM events; END"
            )
        else:
            [(name, sql)] = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' LIMIT 1"
            ).fetchall()
            conn.execute(f"DROP TRIGGER {name}")
            conn.execute(sql.replace("BEGIN", "BEGIN DELETE FROM events;", 1))
        conn.commit()
        conn.close()
    before = _dump(Path(project.path))
    backups_before = automatic_backups(Path(project.path))
    with pytest.raises(BadInput) as caught:
        project.restore_backup(bad)
    assert str(caught.value).startswith(str(bad))
    assert _dump(Path(project.path)) == before
    assert automatic_backups(Path(project.path)) == backups_before  # no copy made either


def test_cli_lists_and_restores(desk, tmp_path: Path) -> None:
    project, backup, claim, _denial = desk
    db = Path(project.path)
    listed = ok(run_cli(tmp_path, "backups", db=db)).stdout.decode()
    assert listed.split("\t")[:3] == [str(backup), "1", "1"]
    done = ok(run_cli(tmp_path, "restore", backup, "--yes", db=db)).stdout.decode()
    assert done.startswith(f"restored {backup}; the state before is in ")
    assert project.annotation(claim).deleted is None
    one_line_error(run_cli(tmp_path, "restore", tmp_path / "nothing.db", "--yes", db=db))
    refused = run_cli(tmp_path, "restore", backup, db=db)  # asks; no answer: nothing done
    assert refused.code == 1 and "Traceback" not in refused.stderr


def test_an_older_backup_is_restored_and_brought_up_to_date(tmp_path: Path) -> None:
    from annotator.store.migrations import SCHEMA_VERSION
    from tests.reliability.test_backups import _old_database

    old = tmp_path / "old.db"
    _old_database(old, SCHEMA_VERSION - 1)
    project = Project.open(tmp_path / "now.db", "Ana")
    project.import_draft(make_draft(TEXT, title="Shells"))
    project.restore_backup(old)
    assert project.articles() == []  # the old, empty database
    version = project.store.db.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION and project.check().ok
    project.import_draft(make_draft(TEXT, title="Shells"))
    assert project.search("denies")  # the newer schema's parts (the search index) work
    project.close()
