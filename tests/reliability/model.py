"""A simple in-memory model of a project's annotations and links, for the state machine.

It knows what each user action should do — and when the core must refuse it — without
SQL, events or timestamps: annotations (id → tag, span, note, actor, annotator), the
deleted ones, live and removed links, which links each deletion took (its undo brings
back exactly those), and the actor registry (names matched as SQLite's NOCASE does:
ASCII letters only). A link shows (:meth:`Model.visible`) only while both its ends are
live: one brought back while its other end is deleted stays hidden until that end is
back too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from hypothesis import strategies as st

from annotator.domain.exchange import AnnotationSet
from annotator.domain.model import RelationType
from annotator.domain.tagset import default_relation_types, relation_key, suggest_relation_type

TAGS = ("Claim", "Source", "Denial", "Evidence")
TYPES: list[RelationType] = default_relation_types()
#: what the state machine draws actor names, notes and link types from
ACTORS = st.sampled_from(
    [None, "", "  ", "United States", "united  states ", "Россия", "россия", "김정은",
     "ß", "SS", "İstanbul", "istanbul", "Kim\tJong Un"]
)  # fmt: skip
NOTES = st.sampled_from(["", "a note", "  ", "line 1\nline 2", "“quoted” 👍🏽"]) | st.text(
    max_size=20
)
TYPE_NAMES = st.sampled_from(
    [None, None, "denies", "Attributed to", "attributed-to", "supports", "contradicts"]
)


class Refused(Exception):
    """The core must refuse this action (a BadInput or another AnnotatorError)."""


@dataclass(frozen=True)
class Ann:
    id: str
    article: str
    tag: str
    start: int
    end: int
    note: str
    actor: str | None
    annotator: str


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    type: str


def nocase(name: str) -> str:
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in name)


def relation_type(name: str) -> RelationType:
    key = relation_key(name)
    for t in TYPES:
        if t.name == key or relation_key(t.label) == key:
            return t
    raise Refused(f"unknown relation type {name!r}")


class Model:
    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.live: dict[str, Ann] = {}
        self.deleted: dict[str, Ann] = {}
        self.links: dict[str, Link] = {}
        self.dead_links: dict[str, Link] = {}
        self.taken: dict[str, set[str]] = {}
        self.actors: dict[str, str] = {}

    # --- reading ------------------------------------------------------------------------

    def any(self, ann_id: str) -> Ann | None:
        return self.live.get(ann_id) or self.deleted.get(ann_id)

    def visible(self) -> dict[str, Link]:
        """The links the project shows: not removed, both ends live."""
        return {
            rid: link
            for rid, link in self.links.items()
            if link.source in self.live and link.target in self.live
        }

    def fields(self, ann_id: str, names: Any) -> dict[str, Any]:
        ann = self.live[ann_id]
        return {k: getattr(ann, k) for k in names}

    # --- rules ----------------------------------------------------------------------------

    def _actor(self, name: str | None) -> str | None:
        """The registry's name for ``name`` (registered when new), None for no actor."""
        if name is None or not name.strip():
            return None
        name = " ".join(name.split())
        return self.actors.setdefault(nocase(name), name)

    def _span(self, article: str, start: Any, end: Any) -> None:
        text = self.texts[article]
        if not (isinstance(start, int) and isinstance(end, int)):
            raise Refused("offsets must be whole numbers")
        if start < 0 or end > len(text) or start >= end:
            raise Refused(f"offsets {start}..{end} out of range")

    def create(self, ann_id: str | None, article: str, tag: str, start: int, end: int, *,
               note: str = "", actor: str | None = None, annotator: str) -> None:  # fmt: skip
        if tag not in TAGS:
            raise Refused(f"unknown tag {tag!r}")
        self._span(article, start, end)
        assert ann_id is not None, "the core created an annotation the model refuses"
        self.live[ann_id] = Ann(
            ann_id, article, tag, start, end, note, self._actor(actor), annotator
        )

    def update(self, ann_id: str, changes: dict[str, Any]) -> None:
        current = self.live.get(ann_id)
        if current is None:
            raise Refused("this annotation was deleted")
        if "tag" in changes and changes["tag"] not in TAGS:
            raise Refused(f"unknown tag {changes['tag']!r}")
        start, end = changes.get("start", current.start), changes.get("end", current.end)
        if (start, end) != (current.start, current.end):
            self._span(current.article, start, end)
        new = replace(current, start=start, end=end)
        if "tag" in changes:
            new = replace(new, tag=changes["tag"])
        if "note" in changes:
            new = replace(new, note=changes["note"])
        if "actor" in changes:
            asked = changes["actor"]
            normal = " ".join(asked.split()) if asked and asked.strip() else None
            if normal != current.actor:  # the same name as shown changes nothing
                new = replace(new, actor=self._actor(normal))
        self.live[ann_id] = new

    def delete(self, ann_id: str) -> None:
        ann = self.live.pop(ann_id, None)
        if ann is None:  # deleting a deleted annotation changes nothing
            return
        taken = {
            rid for rid, link in self.visible().items() if ann_id in (link.source, link.target)
        }
        self.deleted[ann_id] = ann
        for rid in taken:
            self.dead_links[rid] = self.links.pop(rid)
        self.taken[ann_id] = taken

    def restore(self, ann_id: str) -> None:
        ann = self.deleted.pop(ann_id, None)
        if ann is None:
            return
        self.live[ann_id] = ann
        for rid in self.taken.get(ann_id, ()):
            if rid in self.dead_links:
                self.links[rid] = self.dead_links.pop(rid)

    def check_link(self, source: str, target: str, type_name: str | None) -> Link:
        a, b = self.any(source), self.any(target)
        assert a is not None and b is not None
        if source in self.deleted or target in self.deleted:
            raise Refused("cannot link a deleted annotation")
        if source == target:
            raise Refused("an annotation cannot be linked to itself")
        if a.article != b.article:
            raise Refused("both annotations must belong to the same article")
        if type_name:
            kind = relation_type(type_name)
        else:
            suggested = suggest_relation_type(TYPES, a.tag, b.tag)
            if suggested is None:
                raise Refused(f"no relation type fits {a.tag} → {b.tag}")
            kind = suggested
        if not kind.allows(a.tag, b.tag):
            raise Refused(f"{kind.name} does not fit {a.tag} → {b.tag}")
        link = Link(source, target, kind.name)
        if link in self.links.values():
            raise Refused("already linked")
        return link

    def link(self, rid: str | None, source: str, target: str, type_name: str | None) -> None:
        link = self.check_link(source, target, type_name)
        assert rid is not None, "the core made a link the model refuses"
        self.links[rid] = link

    def unlink(self, rid: str) -> None:
        if rid in self.links:
            self.dead_links[rid] = self.links.pop(rid)

    def relink(self, rid: str) -> None:
        link = self.dead_links.get(rid)
        if link is None:  # already live
            return
        if link.source in self.deleted or link.target in self.deleted:
            raise Refused("restore the linked annotations first")
        self.links[rid] = self.dead_links.pop(rid)

    # --- importing a set --------------------------------------------------------------------

    def import_set(self, aset: AnnotationSet, article: str, annotator: str) -> None:
        """A W3C set of one article whose new annotations sit exactly on the text: new ids
        are inserted; an id already stored (live or deleted) changes nothing, its stored
        version being at least as new; links are added unless an end is unknown, deleted
        or the same, the type does not fit, the id is stored or the link exists."""
        from annotator.core.import_plan import plain_id

        if any(a.tag not in TAGS for s in aset.articles for a in s.annotations):
            raise Refused("tags not in the tag set")
        for s in aset.articles:
            for r in s.relations:
                relation_type(r.type)
        new: dict[str, Ann] = {}
        for s in aset.articles:
            for sa in s.annotations:
                ann_id = plain_id(sa.id)
                assert ann_id is not None and sa.start is not None and sa.end is not None
                if self.any(ann_id) is None and ann_id not in new:
                    new[ann_id] = Ann(
                        ann_id, article, sa.tag, sa.start, sa.end, sa.note, sa.actor,
                        (sa.annotator or "").strip() or annotator,
                    )  # fmt: skip
        for ann in new.values():
            self.live[ann.id] = replace(ann, actor=self._actor(ann.actor))
        planned: set[Link] = set()
        for s in aset.articles:
            for r in s.relations:
                source, target = plain_id(r.from_key), plain_id(r.to_key)
                a = self.any(source) if source else None
                b = self.any(target) if target else None
                rid = plain_id(r.id)
                if a is None or b is None or a.article != article or b.article != article:
                    continue
                if source in self.deleted or target in self.deleted or source == target:
                    continue
                kind = relation_type(r.type)
                link = Link(a.id, b.id, kind.name)
                stored = rid is not None and (rid in self.links or rid in self.dead_links)
                if not kind.allows(a.tag, b.tag) or stored or link in self.links.values():
                    continue
                if link in planned:
                    continue
                planned.add(link)
                assert rid is not None, "the model's sets give every link an id"
                self.links[rid] = link
