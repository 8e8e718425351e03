"""Automatic backups: before a migration and before a bulk import, the newest five kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotator.core.project import Project
from annotator.formats import w3c
from annotator.formats.exchange_io import read_annotation_file
from annotator.store.backup import automatic_backups
from annotator.store.database import connect
from annotator.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.cli.test_cli import SAMPLE, run_cli


def _old_database(path: Path, version: int) -> None:
    """A database as an annotator with only the first ``version`` migrations left it."""
    db = connect(path)
    for step in MIGRATIONS[:version]:
        step(db)
    db.execute(f"PRAGMA user_version = {version}")
    db.close()


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_a_migration_is_preceded_by_a_backup_with_the_old_schema(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _old_database(db, SCHEMA_VERSION - 1)
    project = Project.open(db, "kim")
    project.close()
    [copy] = automatic_backups(db)
    assert copy.parent == tmp_path / "backups"
    assert copy.name.startswith("old.db.") and copy.suffix == ".db"
    assert _version(copy) == SCHEMA_VERSION - 1
    assert _version(db) == SCHEMA_VERSION
    Project.open(db, "kim").close()  # up to date: no second backup
    assert automatic_backups(db) == [copy]


def test_a_new_database_gets_no_backup(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Project.open(db, "kim").close()
    assert automatic_backups(db) == []
    assert not (tmp_path / "backups").exists()


def _w3c_set(tmp_path: Path, index: int) -> Path:
    source = Project.open(tmp_path / f"source{index}.db", "alice")
    try:
        article = source.import_sample().article
        source.annotate_quote(article.id, "alliance", "Claim", note=f"round {index}")
        path = tmp_path / f"set{index}.json"
        data = w3c.from_export(source.export_data([article.id], label="set"))
        path.write_text(json.dumps(data), encoding="utf-8")
        return path
    finally:
        source.close()


def test_six_imports_keep_the_newest_five_backups(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    project = Project.open(db, "kim")
    try:
        project.import_sample()
        sets = [_w3c_set(tmp_path, i) for i in range(6)]
        project.import_annotations(read_annotation_file(sets[0]), dry_run=True)
        assert automatic_backups(db) == []  # a dry run writes nothing, not even a copy
        made = []
        for path in sets:
            project.import_annotations(read_annotation_file(path))
            made.append(automatic_backups(db)[-1])
    finally:
        project.close()
    kept = automatic_backups(db)
    assert kept == made[1:]
    assert len(set(kept)) == 5


def test_the_cli_import_of_several_files_backs_up_first(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    other = tmp_path / "other.txt"
    other.write_text("A second article. It says something else entirely.", encoding="utf-8")
    run = run_cli(tmp_path, "import", SAMPLE, db=db)  # one file: no backup
    assert run.code == 0, run.stderr
    assert automatic_backups(db) == []
    run = run_cli(tmp_path, "import", other, tmp_path / "missing.txt", db=db)
    assert run.code == 2  # refused while reading: nothing written, no copy either
    assert automatic_backups(db) == []
    third = tmp_path / "third.txt"
    third.write_text("A third article, short.", encoding="utf-8")
    run = run_cli(tmp_path, "import", other, third, db=db)
    assert run.code == 0, run.stderr
    [copy] = automatic_backups(db)
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    finally:
        conn.close()
