"""A consistent copy of the open database (SQLite's online backup API)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from annotator.domain.errors import BadInput


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file of the main database (None in memory)."""
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).resolve() if row and row[2] else None


def backup(db: sqlite_utils.Database, target: str | Path) -> Path:
    """Copy the database to ``target``: a complete copy under a temporary name in the same
    folder, then renamed over ``target``. The open database itself is refused."""
    target = Path(target)
    if target.is_dir():
        raise BadInput(f"{target}: is a folder; give a file name")
    if not target.parent.exists():
        raise BadInput(f"{target.parent}: no such folder")
    own = database_file(db)
    if own is not None:
        resolved = target.resolve()
        if resolved in (own, Path(f"{own}-wal"), Path(f"{own}-shm")):
            raise BadInput(f"{target}: is the open database itself; choose another file")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        copy = sqlite3.connect(tmp)
        try:
            db.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


#: how many automatic backups are kept next to a database (the oldest are deleted)
KEEP_AUTOMATIC = 5


def automatic_backup(db: sqlite_utils.Database, *, keep: int = KEEP_AUTOMATIC) -> Path | None:
    """Before a migration or a bulk import: a copy in ``backups/`` next to the database,
    named ``<db name>.<UTC timestamp>.db``; only the newest ``keep`` are kept. None for a
    database in memory."""
    own = database_file(db)
    if own is None:
        return None
    folder = own.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = folder / f"{own.name}.{stamp}.db"
    serial = 1
    while target.exists():  # two in the same microsecond
        serial += 1
        target = folder / f"{own.name}.{stamp}-{serial}.db"
    backup(db, target)
    for old in automatic_backups(own)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def automatic_backups(database: Path) -> list[Path]:
    """The automatic backups of the database file ``database``, oldest first."""
    folder = database.parent / "backups"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{database.name}.*.db") if p.is_file())
