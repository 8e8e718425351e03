"""``annotator check``: is the database whole? SQLite's integrity and foreign key checks,
every article text against its stored SHA-256, every annotation's quote against the text.
And putting a backup back when it is not."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.changes import Change
from annotator.domain.model import Event
from annotator.domain.text import sha256_text
from annotator.store import checks, events

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass
class CheckReport:
    """What :meth:`CheckActions.check` found; ``problems`` is empty when all is well."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    articles: int = 0
    texts_ok: int = 0
    anchors: int = 0
    anchors_ok: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (
            f"integrity={'ok' if not self.integrity else 'failed'} "
            f"foreign_keys={'ok' if not self.foreign_keys else 'failed'} "
            f"articles={self.articles} texts_ok={self.texts_ok} anchors_ok={self.anchors_ok}"
        )


class CheckActions:
    def check(self: Project) -> CheckReport:
        """Check the whole database (read only); one problem per line in ``problems``."""
        db = self.store.db
        report = CheckReport()
        report.integrity = checks.integrity_check(db)
        report.problems += [f"integrity: {p}" for p in report.integrity]
        report.foreign_keys = checks.foreign_key_check(db)
        report.problems += [f"foreign key: {p}" for p in report.foreign_keys]
        for article_id, text, stored in checks.article_texts(db):
            report.articles += 1
            if sha256_text(text) == stored:
                report.texts_ok += 1
            else:
                report.problems.append(
                    f"article {article_id}: its text does not match its stored SHA-256"
                )
            for row in checks.placed_annotations(db, article_id):
                report.anchors += 1
                start, end = row["start"], row["end"]
                if 0 <= start <= end <= len(text) and text[start:end] == row["exact"]:
                    report.anchors_ok += 1
                else:
                    report.problems.append(
                        f"annotation {row['id']}: text[{start}:{end}] is not its quote "
                        f"{row['exact'][:40]!r}"
                    )
        return report

    def backups(self: Project) -> list:
        """Automatic backups of this database that can be restored, newest first."""
        return self.store.backups()

    def restore_backup(self: Project, source: str | Path) -> Path | None:
        """Replace the whole database with the backup at ``source`` (checked first).

        The state before is copied to ``backups/`` first, so a restore can be
        undone by restoring that copy. Returns that copy's path.
        """
        safety = self.store.restore(source)
        self._tags = None
        self._texts.clear()
        with self.store.transaction():  # who restored what, for the log and other windows
            events.record(
                self.store.db,
                annotator=self.annotator,
                action="restore",
                entity="database",
                entity_id=Path(source).name,
                after={"source": str(source), "safety": str(safety) if safety else None},
            )
        self._data_version = self.store.data_version()
        self._emit(Change("external"))
        return safety

    def last_restore(self: Project) -> Event | None:
        """The latest restore from a backup (who, when, from what), or None: a window that
        sees it change knows its undo history no longer fits the database."""
        return events.last_of(self.store.db, "database", "restore")
