"""The actor registry: who makes a statement, with aliases, shared across articles.

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Change
from annotator.domain.errors import BadInput, NotFound
from annotator.domain.model import Actor
from annotator.store import actors as actor_rows
from annotator.store import events

if TYPE_CHECKING:
    from annotator.core.project import Project

# capitalised runs of words, allowing short joiners: "Kim Jong Un", "Democratic People's
# Republic of Korea", "RIA Novosti"
_NAME = re.compile(
    r"\b(?:[A-Z][\w’'.-]*[\w]|[A-Z]{2,})(?:\s+(?:of|the|de|al|bin|von|van)?\s*"
    r"(?:[A-Z][\w’'.-]*[\w]|[A-Z]{2,}))*"
)
_NOT_NAMES = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "It",
    "He",
    "She",
    "They",
    "We",
    "This",
    "That",
    "These",
    "Those",
    "Earlier",
    "Both",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Your",
    "Buildings",
    "Crowds",
    "Experts",
    "Content",
    "Leave",
    "Required",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}
_SAYING = re.compile(
    r"\b(says?|said|told|tells|reported|reports|according to|claims?|claimed|denies|denied|"
    r"quoted|insists?|insisted|added|stated|announced|as telling)\b.*",  # verbs: lower case
)
_LEADING = re.compile(r"^(the|a|an|according to)\s+", re.IGNORECASE)


def _clean(name: str) -> str:
    return " ".join(name.split())


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ic)$")


def _candidate(match: str) -> str | None:
    """A capitalised run as a possible actor name, or None (sentence starts, demonyms)."""
    words = match.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    if not words:
        return None
    words[-1] = re.sub(r"[’']s$", "", words[-1])
    name = " ".join(words)
    if len(name) < 3 or (len(words) == 1 and _DEMONYM.search(name)):
        return None
    if len(words) > 1 and _DEMONYM.search(words[-1]):
        return None  # "North Korean" describes, it does not name
    return name


class ActorActions:
    """Actors and their aliases (needs the rest of :class:`Project`)."""

    def actor(self: Project, ref: str) -> Actor:
        """The actor with id ``ref``, or called ``ref`` (name or alias, any case)."""
        found = actor_rows.get(self.store.db, ref) or actor_rows.find(self.store.db, _clean(ref))
        if found is None:
            raise NotFound(f"no actor called {ref!r}")
        return found

    def actor_usage(self: Project) -> dict[str, int]:
        return actor_rows.usage(self.store.db)

    def create_actor(self: Project, name: str, aliases: tuple[str, ...] = ()) -> Actor:
        name = _clean(name)
        if not name:
            raise BadInput("an actor needs a name")
        db = self.store.db
        for candidate in (name, *aliases):
            if actor_rows.find(db, candidate):
                raise BadInput(f"an actor called {candidate!r} already exists")
        with self.store.transaction():
            actor = actor_rows.create(db, name, tuple(_clean(a) for a in aliases if a.strip()))
            events.record(
                db,
                annotator=self.annotator,
                action="create",
                entity="actor",
                entity_id=actor.id,
                after={"name": name, "aliases": list(aliases)},
            )
        self._emit(Change("actors", None, (actor.id,)))
        return actor

    def update_actor(
        self: Project, ref: str, *, name: str | None = None, aliases: list[str] | None = None
    ) -> Actor:
        """Rename an actor or replace its aliases (names stay unique across actors)."""
        current = self.actor(ref)
        new_name = _clean(name) if name is not None else current.name
        new_aliases = tuple(
            dict.fromkeys(
                _clean(a)
                for a in (aliases if aliases is not None else current.aliases)
                if a.strip() and _clean(a).casefold() != new_name.casefold()
            )
        )
        if not new_name:
            raise BadInput("an actor needs a name")
        db = self.store.db
        for candidate in (new_name, *new_aliases):
            other = actor_rows.find(db, candidate)
            if other is not None and other.id != current.id:
                raise BadInput(
                    f"{candidate!r} already names another actor ({other.name}); "
                    "merge the two instead"
                )
        with self.store.transaction():
            actor_rows.update(db, current.id, name=new_name, aliases=new_aliases)
            events.record(
                db,
                annotator=self.annotator,
                action="update",
                entity="actor",
                entity_id=current.id,
                before={"name": current.name, "aliases": list(current.aliases)},
                after={"name": new_name, "aliases": list(new_aliases)},
            )
        self._emit(Change("actors", None, (current.id,)))
        return Actor(current.id, new_name, new_aliases)

    def merge_actors(self: Project, keep_ref: str, merge_ref: str) -> Actor:
        """Fold one actor into another: every reference moves, its names become aliases."""
        keep, gone = self.actor(keep_ref), self.actor(merge_ref)
        if keep.id == gone.id:
            raise BadInput("cannot merge an actor with itself")
        aliases = tuple(
            dict.fromkeys(
                a
                for a in (*keep.aliases, gone.name, *gone.aliases)
                if a.casefold() != keep.name.casefold()
            )
        )
        db = self.store.db
        with self.store.transaction():
            moved = actor_rows.reassign(db, gone.id, keep.id)
            actor_rows.delete(db, gone.id)
            actor_rows.update(db, keep.id, name=keep.name, aliases=aliases)
            events.record(
                db,
                annotator=self.annotator,
                action="merge",
                entity="actor",
                entity_id=keep.id,
                before={
                    "merged": {"id": gone.id, "name": gone.name, "aliases": list(gone.aliases)}
                },
                after={"aliases": list(aliases), "annotations_moved": moved},
            )
        self._emit(Change("actors", None, (keep.id, gone.id)))
        self._emit(Change("annotations", None, ()))
        return Actor(keep.id, keep.name, aliases)

    def suggest_actors(
        self: Project, article_id: str, limit: int = 12, scan_chars: int = 200_000
    ) -> list[str]:
        """Likely speakers: known actors named in the text, who the Source annotations
        name, then capitalised names the text repeats (in its first ``scan_chars``)."""
        article = self._article_text(self.article(article_id, count=False).id)
        text = article.text[:scan_chars]
        known = self.actors()
        found: dict[str, Any] = {}
        for actor in known:
            for name in (actor.name, *actor.aliases):
                if re.search(r"\b" + re.escape(name) + r"\b", text):
                    found.setdefault(actor.name, 0)
        # only the first ``limit`` names found are returned: stop looking once there are
        # that many (a long article has thousands of Source quotes)
        quotes = actor_rows.source_quotes(self.store.db, article.id, "source")
        for quote in quotes if len(found) < limit else ():
            speaker = _LEADING.sub("", _LEADING.sub("", quote.strip()))
            speaker = _SAYING.sub("", speaker).strip(" ,:;")
            if speaker and len(speaker.split()) <= 5:
                match = actor_rows.find(self.store.db, speaker)
                found.setdefault(match.name if match else speaker, 0)
                if len(found) >= limit:
                    break
        quotes.close()  # the rest of the query is not read
        if len(found) >= limit:
            return list(found)[:limit]
        counts = Counter(
            name for name in (_candidate(m.group(0)) for m in _NAME.finditer(text)) if name
        )
        for name, count in counts.most_common():
            if count < 2 or len(found) >= limit:
                break
            if not any(name.casefold() == f.casefold() for f in found):
                found[name] = count
        return list(found)[:limit]
