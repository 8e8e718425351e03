"""The tag set being edited: plain rows, the checks made before saving, the rename plan.

No widgets here: the editor keeps a list of :class:`TagRow` and :class:`TypeRow`,
and :func:`problems` says what would stop a save (shown inline, live).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotator.domain.model import RelationType, Tag
from annotator.domain.tagset import UNDERLINES, relation_key

#: Okabe–Ito: distinguishable with the common forms of colour blindness
OKABE_ITO = (
    ("#0072B2", "Blue"),
    ("#009E73", "Bluish green"),
    ("#D55E00", "Vermillion"),
    ("#CC79A7", "Reddish purple"),
    ("#E69F00", "Orange"),
    ("#56B4E9", "Sky blue"),
    ("#F0E442", "Yellow"),
    ("#000000", "Black"),
)
KINDS = ("claim", "source", "denial", "evidence", "other")
KEYS = tuple(str(k) for k in range(1, 10))
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_colour(text: str) -> bool:
    """True for the colours a tag set accepts: ``#RRGGBB``."""
    return bool(_COLOUR.match(text.strip()))


@dataclass
class TagRow:
    """One tag as edited; ``original`` is its name in the database (None when new)."""

    name: str
    colour: str
    key: str | None = None
    underline: str = "solid"
    kind: str = "other"
    description: str = ""
    original: str | None = None

    @classmethod
    def from_tag(cls, tag: Tag, *, stored: bool = True) -> TagRow:
        return cls(
            tag.name,
            tag.colour,
            tag.key,
            tag.underline,
            tag.kind,
            tag.description,
            tag.name if stored else None,
        )

    def to_tag(self) -> Tag:
        return Tag(
            name=self.name.strip(),
            colour=self.colour.strip().upper(),
            key=self.key,
            kind=self.kind,
            description=self.description.strip(),
            underline=self.underline,
        )

    @property
    def renamed(self) -> bool:
        return self.original is not None and self.original != self.name.strip()


@dataclass
class TypeRow:
    """One relation type as edited; empty tag lists allow any tag."""

    name: str
    label: str = ""
    from_tags: list[str] = field(default_factory=list)
    to_tags: list[str] = field(default_factory=list)
    description: str = ""
    original: str | None = None

    @classmethod
    def from_type(cls, rtype: RelationType, *, stored: bool = True) -> TypeRow:
        return cls(
            rtype.name,
            rtype.label,
            list(rtype.from_tags),
            list(rtype.to_tags),
            rtype.description,
            rtype.name if stored else None,
        )

    @property
    def key(self) -> str:
        return relation_key(self.name)

    def to_type(self) -> RelationType:
        label = self.label.strip() or self.key.replace("_", " ")
        return RelationType(
            self.key, label, tuple(self.from_tags), tuple(self.to_tags), self.description.strip()
        )


def new_tag_row(rows: list[TagRow]) -> TagRow:
    """A fresh tag with an unused name, colour, key and underline where there is one."""
    names = {r.name.strip().casefold() for r in rows}
    name, n = "New tag", 2
    while name.casefold() in names:
        name, n = f"New tag {n}", n + 1
    used_colours = {r.colour.upper() for r in rows}
    colour = next((c for c, _ in OKABE_ITO if c not in used_colours), OKABE_ITO[0][0])
    used_keys = {r.key for r in rows}
    key = next((k for k in KEYS if k not in used_keys), None)
    used_lines = {r.underline for r in rows}
    underline = next((u for u in UNDERLINES if u not in used_lines), "solid")
    return TagRow(name, colour, key, underline, "other")


def new_type_row(rows: list[TypeRow]) -> TypeRow:
    keys = {r.key for r in rows}
    name, n = "new link", 2
    while relation_key(name) in keys:
        name, n = f"new link {n}", n + 1
    return TypeRow(name, name)


def rename_plan(rows: list[TagRow], stored: list[str]) -> tuple[dict[str, str], str | None]:
    """The renames (old → new) in an order the database can apply one by one.

    A rename cannot take a name the database still holds (a tag being removed,
    or one renamed in a cycle); then the second value explains what to do.
    """
    pending = {r.original: r.name.strip() for r in rows if r.renamed and r.original}
    occupied = set(stored) | {r.original for r in rows if r.original}
    ordered: dict[str, str] = {}
    while pending:
        ready = [old for old, new in pending.items() if new not in occupied or new == old]
        if not ready:
            old, new = next(iter(pending.items()))
            return ordered, (
                f"“{old}” cannot be renamed to “{new}” while a saved tag still has that name: "
                "save the other change first, then rename"
            )
        for old in ready:
            new = pending.pop(old)
            ordered[old] = new
            occupied.discard(old)
            occupied.add(new)
    return ordered, None


def problems(tags: list[TagRow], types: list[TypeRow], stored: list[str]) -> list[str]:
    """What stops the tag set from being saved, one line each (empty when it can be).

    ``stored`` lists the tag names the database holds now: a new tag may not take
    one that is being removed in the same save.
    """
    out: list[str] = []
    if not tags:
        out.append("Keep at least one tag.")
    seen: dict[str, str] = {}
    keys: dict[str, str] = {}
    for i, row in enumerate(tags):
        name = row.name.strip()
        if not name:
            out.append(f"Tag {i + 1} has no name.")
            continue
        if name.casefold() in seen:
            out.append(f"Two tags are called “{name}”.")
        seen.setdefault(name.casefold(), name)
        if not is_colour(row.colour):
            out.append(f"“{name}”: the colour must look like #RRGGBB.")
        if row.key is not None:
            if row.key in keys:
                out.append(f"Key {row.key} is given to both “{keys[row.key]}” and “{name}”.")
            keys.setdefault(row.key, name)
    new_names = {r.name.strip() for r in tags if r.original is None}
    kept = {r.original for r in tags if r.original}
    for name in sorted(new_names & (set(stored) - kept)):
        out.append(f"“{name}” is a saved tag being removed: save the removal first.")
    _, conflict = rename_plan(tags, stored)
    if conflict:
        out.append(conflict + ".")
    type_keys: set[str] = set()
    names = {r.name.strip() for r in tags}
    for i, row in enumerate(types):
        key = row.key
        if not key:
            out.append(f"Relation type {i + 1} has no name.")
            continue
        if key in type_keys:
            out.append(f"Two relation types are called “{key}”.")
        type_keys.add(key)
        unknown = [t for t in (*row.from_tags, *row.to_tags) if t not in names]
        if unknown:
            out.append(f"Relation type “{key}” names unknown tag(s): {', '.join(unknown)}.")
    return out


def duplicate_keys(tags: list[TagRow]) -> set[str]:
    counts: dict[str, int] = {}
    for row in tags:
        if row.key is not None:
            counts[row.key] = counts.get(row.key, 0) + 1
    return {k for k, n in counts.items() if n > 1}
