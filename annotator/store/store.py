"""The :class:`Store`: one open database file, migrated and ready."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.domain.model import Rating, RelationType, Tag
from annotator.store import tags as tag_rows
from annotator.store import verdicts as verdict_rows
from annotator.store.database import connect, transaction
from annotator.store.migrations import SCHEMA_VERSION, migrate, refuse_newer, schema_version


class Store:
    """An open annotator database. Use :meth:`open`."""

    def __init__(self, db: sqlite_utils.Database, path: str, *, created: bool) -> None:
        self.db = db
        self.path = path
        #: True when this open created the schema (a new database)
        self.created = created

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        default_tags: list[Tag] | None = None,
        default_relation_types: list[RelationType] | None = None,
        default_ratings: list[Rating] | None = None,
    ) -> Store:
        """Open (creating and migrating if needed); seed the defaults of empty tables."""
        db = connect(path, check=refuse_newer)
        try:
            version = schema_version(db)
            was_new = version == 0
            if 0 < version < SCHEMA_VERSION:  # an existing database about to be migrated
                from annotator.store.backup import automatic_backup

                automatic_backup(db)
            # only the process that applied the first migration counts as the creator
            created = migrate(db) > 0 and was_new
            with transaction(db):
                if default_tags and tag_rows.is_empty(db):
                    tag_rows.ensure(db, default_tags)
                if default_relation_types and db["relation_types"].count == 0:
                    tag_rows.ensure_relation_types(db, default_relation_types)
                if default_ratings and db["ratings"].count == 0:
                    verdict_rows.ensure_ratings(db, default_ratings)
        except BaseException:
            db.close()
            raise
        return cls(db, str(path), created=created)

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        with transaction(self.db) as db:
            yield db

    def integrity_problems(self) -> list[str]:
        """What ``integrity_check`` and ``foreign_key_check`` report (empty: all well)."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        problems = [p for p in problems if p != "ok"]
        problems += [
            f"foreign key: {r[0]} row {r[1]} -> {r[2]}"
            for r in self.db.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems

    def backup(self, target: str | Path) -> Path:
        """A consistent copy of this database at ``target`` (see :mod:`store.backup`)."""
        from annotator.store.backup import backup

        return backup(self.db, target)

    def automatic_backup(self) -> Path | None:
        """A copy in ``backups/`` next to the database before a bulk change; the newest five
        are kept (see :func:`store.backup.automatic_backup`)."""
        from annotator.store.backup import automatic_backup

        return automatic_backup(self.db)

    def backups(self) -> list:
        """The automatic backups that can be restored, newest first (``BackupInfo``)."""
        from annotator.store.restore import available

        return available(self.db)

    def restore(self, source: str | Path) -> Path | None:
        """Replace the content with a backup; returns the copy made of the state before."""
        from annotator.store.restore import restore

        return restore(self.db, source)

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: it changes when *another* connection commits."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])
