"""The nouns of the application, as frozen dataclasses (no Qt, no SQL)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


def new_id() -> str:
    """A new UUID (text), for everything that can leave the machine."""
    return str(uuid.uuid4())


def now_iso() -> str:
    """The current UTC time, ISO-8601 with milliseconds and a ``Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    sha256: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    source_format: str | None = None
    imported_at: str | None = None
    fetched_at: str | None = None
    annotation_count: int = 0

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        first = self.text.strip().split("\n", 1)[0]
        return first[:80] or "(untitled)"


@dataclass(frozen=True)
class Tag:
    name: str
    colour: str
    key: str | None = None
    kind: str = "span"
    description: str = ""
    underline: str = "solid"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


#: ``start`` and ``end`` of an orphan: an imported annotation that could not be placed
ORPHAN = -1


@dataclass(frozen=True)
class Annotation:
    """A tagged span. An orphan (``start == end == ORPHAN``) keeps its quote and context
    but has no place in the text; :meth:`Project.annotations` never returns one."""

    id: str
    article_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    tag: str
    annotator: str
    created: str
    modified: str
    actor: str | None = None
    note: str = ""
    deleted: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def is_orphan(self) -> bool:
        return self.start < 0

    def overlaps(self, other: Annotation) -> bool:
        return (
            self.article_id == other.article_id
            and self.start < other.end
            and other.start < self.end
        )


@dataclass(frozen=True)
class Event:
    id: int
    at: str
    annotator: str
    action: str
    entity: str
    entity_id: str
    before: dict | None = field(default=None)
    after: dict | None = field(default=None)


@dataclass(frozen=True)
class RelationType:
    """A kind of link, e.g. *denies* (Denial → Claim). Empty tag tuples allow any tag."""

    name: str
    label: str
    from_tags: tuple[str, ...] = ()
    to_tags: tuple[str, ...] = ()
    description: str = ""

    def allows(self, from_tag: str, to_tag: str) -> bool:
        return (not self.from_tags or from_tag in self.from_tags) and (
            not self.to_tags or to_tag in self.to_tags
        )


@dataclass(frozen=True)
class Relation:
    id: str
    from_id: str
    to_id: str
    type: str
    annotator: str
    created: str
    deleted: str | None = None


@dataclass(frozen=True)
class Rating:
    """One step of the verdict scale; higher values are truer."""

    name: str
    value: int
    description: str = ""


@dataclass(frozen=True)
class Verdict:
    annotation_id: str
    rating: str
    explanation: str
    annotator: str
    created: str
    modified: str


#: the annotator name of the agreed (gold) set that curation builds; reserved
GOLD = "gold"

#: what a review says: accept and reject decide the review state, a comment or a
#: suggestion does not
ACCEPTED, REJECTED, COMMENTED, SUGGESTED = "accepted", "rejected", "commented", "suggested"
DECISIONS = (ACCEPTED, REJECTED, COMMENTED, SUGGESTED)


@dataclass(frozen=True)
class Review:
    """A reviewer's word on an annotation, kept as a history (a thread with replies).

    A suggestion (``decision == "suggested"``) proposes a new tag and/or boundaries; the
    annotation's author accepts or declines it: ``resolved`` is when, ``resolution``
    ("accepted" or "declined") what they chose.
    """

    id: str
    annotation_id: str
    reviewer: str
    decision: str
    comment: str
    created: str
    reply_to: str | None = None
    suggested_tag: str | None = None
    suggested_start: int | None = None
    suggested_end: int | None = None
    resolved: str | None = None
    resolution: str | None = None
