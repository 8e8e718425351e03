"""Putting a backup back: checked first, the current state saved, then copied in place.

The backup is opened read-only and checked (a SQLite file, ``integrity_check``
clean, an annotator schema this version knows). The current database is first
copied to ``backups/`` (so a restore can itself be undone), then SQLite's
online backup API copies the backup *into* the open connection: every other
window on the file sees the change through ``PRAGMA data_version``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlite_utils

from annotator.domain.errors import BadInput
from annotator.store.backup import automatic_backup, automatic_backups, database_file
from annotator.store.migrations import SCHEMA_VERSION, migrate

_TABLES = {"articles", "annotations", "events", "tags"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    schema: int
    articles: int
    annotations: int


def describe(path: str | Path) -> BackupInfo:
    """Check ``path`` is a usable annotator backup and count what it holds."""
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BadInput(f"{path}: cannot be opened as a backup ({exc})") from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not _TABLES <= tables:
            raise BadInput(f"{path}: is not an annotator database")
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if schema > SCHEMA_VERSION:
            raise BadInput(
                f"{path}: was written by a newer annotator (schema {schema}); not restored"
            )
        strange = _unknown_objects(conn)
        if strange:
            raise BadInput(
                f"{path}: holds objects annotator never makes ({', '.join(strange[:3])}); "
                "not restored"
            )
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BadInput(f"{path}: is damaged ({check}); not restored")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        annotations = conn.execute(
            "SELECT count(*) FROM annotations WHERE deleted IS NULL"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{path}: is not a usable backup ({exc})") from None
    finally:
        conn.close()
    return BackupInfo(path, path.stat().st_size, schema, articles, annotations)


@cache
def _reference_schema() -> dict[tuple[str, str], str | None]:
    """(type, name) → SQL of every object a database made by this version holds (made
    once per process: listing five backups must not build the schema five times)."""
    from annotator.store.database import connect

    reference = connect(":memory:")
    try:
        migrate(reference)
        rows = reference.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    finally:
        reference.close()
    return {(kind, name): sql for kind, name, sql in rows}


def _unknown_objects(conn: sqlite3.Connection) -> list[str]:
    """Tables, indexes, views or triggers a backup holds that annotator does not make
    (a trigger or view must also have exactly annotator's definition): a file crafted to
    run its own SQL on our writes is refused. Older schemas hold a subset."""
    reference = _reference_schema()
    strange = []
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if (kind, name) not in reference and not name.startswith("sqlite_"):
            strange.append(f"{kind} {name}")
        elif kind in ("trigger", "view") and sql != reference.get((kind, name)):
            strange.append(f"altered {kind} {name}")
    return strange


def available(db: sqlite_utils.Database) -> list[BackupInfo]:
    """The automatic backups of this database that can be restored, newest first."""
    own = database_file(db)
    if own is None:
        return []
    found = []
    for path in reversed(automatic_backups(own)):
        try:
            found.append(describe(path))
        except BadInput:
            continue
    return found


def restore(db: sqlite_utils.Database, source: str | Path) -> Path | None:
    """Replace the database's content with the backup at ``source``.

    Returns the copy of the state before the restore (None in memory).
    Nothing changes when the backup is refused.
    """
    info = describe(source)
    own = database_file(db)
    if own is not None and info.path.resolve() == own:
        raise BadInput(f"{source}: is the open database itself")
    # no pruning now: the backup being restored may be the oldest of the kept ones
    safety = automatic_backup(db, keep=10**6)
    src = sqlite3.connect(f"{info.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(db.conn)
    finally:
        src.close()
    db.conn.execute("PRAGMA journal_mode = WAL")
    migrate(db)  # an older backup is brought up to date
    return safety
