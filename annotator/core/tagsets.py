"""The tag set kept in the database: tags, relation types and the verdict scale.

Mixed into :class:`~annotator.core.project.Project`. The exchangeable JSON
form is the one ``resources/tagset-factcheck.json`` ships in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.changes import Change
from annotator.domain.model import RelationType, Tag
from annotator.domain.tagset import parse_ratings, parse_relation_types, parse_tagset, tagset_json
from annotator.store import events
from annotator.store import tags as tag_rows
from annotator.store import verdicts as verdict_rows
from annotator.store.database import refusing_in_use

if TYPE_CHECKING:
    from annotator.core.project import Project


class TagSetActions:
    """Reading, editing and exchanging the tag set (needs the rest of :class:`Project`)."""

    def tagset_json(self: Project, name: str = "annotator tag set") -> dict[str, Any]:
        return tagset_json(self.tags(), self.relation_types(), self.ratings(), name)

    def save_tagset(
        self: Project,
        tags: list[Tag],
        relation_types: list[RelationType],
        renames: dict[str, str] | None = None,
    ) -> None:
        """Replace the tag set. ``renames`` (old → new) carries annotations along.

        Removing a tag that annotations still use is refused (nothing changes).
        """
        data = tagset_json(tags, relation_types, self.ratings())
        checked = parse_tagset(data)  # same validation as an imported file
        checked_types = parse_relation_types(data, checked)
        db = self.store.db
        before = self.tagset_json()
        removed = "a tag you removed is still used by annotations; retag or delete them first"
        with refusing_in_use(removed):
            with self.store.transaction():
                for old, new in (renames or {}).items():
                    if old != new:
                        tag_rows.rename_tag(db, old, new)
                tag_rows.replace_all(db, checked, checked_types)
                events.record(
                    db,
                    annotator=self.annotator,
                    action="update",
                    entity="tagset",
                    entity_id="tagset",
                    before=before,
                    after=tagset_json(checked, checked_types, self.ratings()),
                )
        self._tags = None
        self._emit(Change("tags", None, ()))

    def import_tagset(self: Project, data: object) -> None:
        """Take a tag set from its JSON form (tags, relation types, ratings)."""
        tags = parse_tagset(data)
        types = parse_relation_types(data, tags)
        ratings = parse_ratings(data)
        db = self.store.db
        dropped = "this tag set drops a tag or rating still in use; nothing was changed"
        with refusing_in_use(dropped):
            with self.store.transaction():
                tag_rows.replace_all(db, tags, types)
                if ratings:
                    verdict_rows.replace_ratings(db, ratings)
                events.record(
                    db,
                    annotator=self.annotator,
                    action="import",
                    entity="tagset",
                    entity_id="tagset",
                    after=data if isinstance(data, dict) else None,
                )
        self._tags = None
        self._emit(Change("tags", None, ()))
