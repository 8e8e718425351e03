"""Change records that a :class:`~annotator.core.project.Project` emits after each commit.

Views refresh what a change names, not everything (as Anki's ``OpChanges``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    #: what changed: "articles", "annotations", "orphans", "relations", "verdicts",
    #: "reviews" (ids: the reviewed annotations), "tags" or "actors"
    #: or "external": another window or process committed (re-read what is shown)
    kind: str
    #: the article concerned, when there is one
    article_id: str | None = None
    #: the ids of the changed rows
    ids: tuple[str, ...] = ()
