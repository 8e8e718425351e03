"""Opening the one SQLite file: WAL, synchronous=FULL, foreign keys, busy timeout."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.domain.errors import BadInput, Busy

BUSY_TIMEOUT_MS = 15_000


class StoreError(BadInput):
    """The database file cannot be used."""


class InUse(BadInput):
    """A row cannot be removed or renamed: other rows still refer to it (nothing changed)."""


@contextmanager
def refusing_in_use(message: str) -> Iterator[None]:
    """Turn a constraint failure (foreign key, unique name) into :class:`InUse`."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise InUse(message) from None


def connect(
    path: str | Path, *, check: Callable[[sqlite_utils.Database], None] | None = None
) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` with the durable settings.

    ``check`` runs before anything can change the file (switching to WAL
    rewrites the header): if it raises, the connection is closed untouched.
    The connection runs in autocommit mode: every write goes through
    :func:`transaction`, which takes the write lock up front.
    """
    target = Path(path)
    if str(path) != ":memory:":
        if target.is_dir():
            raise BadInput(f"{target}: is a folder, not a database file")
        target.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn, mode = _open_once(target, check)
            break
        except sqlite3.OperationalError as exc:
            # Two connections that both read the new file and then both want it exclusive
            # (to switch it to WAL) would wait for each other, so SQLite tells one of them
            # "locked" at once instead of calling the busy handler. Start again a moment
            # later: by then the other one has switched the file.
            if not _is_busy(exc):
                raise StoreError(f"{target}: cannot open the database ({exc})") from None
            if time.monotonic() >= deadline:
                raise Busy(
                    f"{target}: the database is busy: another program has held it for "
                    f"{BUSY_TIMEOUT_MS // 1000} s; nothing was changed, try again"
                ) from None
            time.sleep(random.uniform(0.005, 0.05))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{target}: cannot open the database ({exc})") from None
    if str(path) != ":memory:" and mode.lower() != "wal":
        conn.close()
        raise StoreError(f"{target}: cannot switch the database to WAL mode (got {mode})")
    return _database(conn)


def _open_once(
    target: Path, check: Callable[[sqlite_utils.Database], None] | None
) -> tuple[sqlite3.Connection, str]:
    """One attempt at :func:`connect`; the connection is closed if it fails."""
    conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if check is not None:
            check(_database(conn))
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn, mode


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """``conn`` wrapped by sqlite-utils, without sqlite-utils plugins: none is part of
    annotator, and looking for them reads the entry points of every installed
    distribution (~20 ms of every start of the app)."""
    return sqlite_utils.Database(conn, execute_plugins=False)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One short ``BEGIN IMMEDIATE`` transaction: all of it is committed, or none.

    Nested use joins the outer transaction.
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    begin(conn)
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def begin(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``, waiting for another writer up to the busy timeout.

    SQLite's busy handler already waits and retries; if the lock is still held
    after that, the user gets :class:`Busy` (one clear line), never
    "database is locked".
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if not _is_busy(exc):
            raise
        raise Busy(
            f"the database is busy: another program has been writing to it for "
            f"{BUSY_TIMEOUT_MS // 1000} s; nothing was changed, try again"
        ) from None
