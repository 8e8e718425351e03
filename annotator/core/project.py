"""The application: one method per user action, over one open store.

Every action that writes runs in one short ``BEGIN IMMEDIATE`` transaction,
records an event, and only after the commit tells its listeners what
changed. The GUI and the CLI call the same methods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.actors import ActorActions
from annotator.core.articles import ArticleActions
from annotator.core.changes import Change
from annotator.core.checking import CheckActions
from annotator.core.conflicts import check_expected
from annotator.core.curation import CurationActions
from annotator.core.exchange import ExchangeActions
from annotator.core.history import HistoryActions
from annotator.core.importing_sets import ImportActions
from annotator.core.linking import LinkingActions
from annotator.core.orphans import OrphanActions
from annotator.core.refs import resolve
from annotator.core.reviews import ReviewActions
from annotator.core.search import SearchActions
from annotator.core.tagsets import TagSetActions
from annotator.domain import text as textrules
from annotator.domain.errors import BadInput, NotFound
from annotator.domain.model import GOLD, Actor, Annotation, Article, Tag, new_id, now_iso
from annotator.domain.rows import Row
from annotator.domain.tagset import default_ratings, default_relation_types, default_tagset
from annotator.store import actors as actor_rows
from annotator.store import annotations as annotation_rows
from annotator.store import events
from annotator.store import relations as relation_rows
from annotator.store import tags as tag_rows
from annotator.store.store import Store

Listener = Callable[[Change], None]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class Project(
    ArticleActions,
    LinkingActions,
    ActorActions,
    TagSetActions,
    ExchangeActions,
    ImportActions,
    OrphanActions,
    ReviewActions,
    HistoryActions,
    CurationActions,
    CheckActions,
    SearchActions,
):
    """An open annotator database and the person working in it."""

    def __init__(self, store: Store, annotator: str) -> None:
        if not annotator.strip():
            raise BadInput("the annotator name is empty")
        if annotator.strip().casefold() == GOLD:
            raise BadInput(f"{GOLD!r} is reserved for the agreed set; choose another name")
        self.store = store
        self.annotator = annotator.strip()
        self._listeners: list[Listener] = []
        self._tags: list[Tag] | None = None
        # article texts are immutable: keep the ones used, keyed by id
        self._texts: dict[str, Article] = {}

    @classmethod
    def open(cls, path: str | Path, annotator: str) -> Project:
        store = Store.open(
            path,
            default_tags=default_tagset(),
            default_relation_types=default_relation_types(),
            default_ratings=default_ratings(),
        )
        return cls(store, annotator)

    def close(self) -> None:
        self.store.close()

    @property
    def path(self) -> str:
        return self.store.path

    # --- change events ------------------------------------------------------------

    def storage_warning(self) -> str | None:
        """A warning when the database is on a network file system or in a sync folder."""
        from annotator.store.location import storage_warning

        return storage_warning(self.path)

    def poll_external(self) -> bool:
        """True (once) when another window or process has committed since the last poll;
        listeners then get a ``Change("external")`` to re-read what they show."""
        version = self.store.data_version()
        seen = getattr(self, "_data_version", None)
        self._data_version = version
        if seen is None or seen == version:
            return False
        self._tags = None
        self._emit(Change("external"))
        return True

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # --- tags and actors ----------------------------------------------------------

    def tags(self) -> list[Tag]:
        if self._tags is None:
            self._tags = tag_rows.all_tags(self.store.db)
        return self._tags

    def tag(self, name: str) -> Tag:
        folded = name.strip().casefold()
        for tag in self.tags():
            if tag.name.casefold() == folded:
                return tag
        known = ", ".join(t.name for t in self.tags())
        raise NotFound(f"unknown tag {name!r} (the tag set has: {known})")

    def tag_for_key(self, key: str) -> Tag | None:
        return next((t for t in self.tags() if t.key == key), None)

    def actors(self) -> list[Actor]:
        return actor_rows.all_actors(self.store.db)

    def annotators(self) -> list[str]:
        return annotation_rows.annotators(self.store.db)

    def _actor_id(self, name: str | None) -> str | None:
        """The id of the actor called ``name``, created when new (inside a transaction)."""
        if name is None or not name.strip():
            return None
        name = " ".join(name.split())
        db = self.store.db
        actor = actor_rows.find(db, name)
        if actor is None:
            actor = actor_rows.create(db, name)
            events.record(
                db,
                annotator=self.annotator,
                action="create",
                entity="actor",
                entity_id=actor.id,
                after={"name": name},
            )
        return actor.id

    # --- annotations --------------------------------------------------------------

    def annotations(self, article_id: str, *, include_deleted: bool = False) -> list[Annotation]:
        return annotation_rows.for_article(
            self.store.db, article_id, include_deleted=include_deleted
        )

    def placed_rows(self, article_id: str) -> list[Row]:
        """The article's live placed annotations as rows (:mod:`annotator.domain.rows`),
        in text order (start, then end): what the view and the list read to open one."""
        return annotation_rows.placed_rows(self.store.db, article_id)

    def annotation(self, ref: str) -> Annotation:
        """The annotation with id ``ref`` or a unique prefix of one (deleted ones included)."""
        db = self.store.db
        return resolve(
            ref,
            lambda i: annotation_rows.get(db, i),
            lambda p: annotation_rows.ids_with_prefix(db, p),
            "annotation",
        )

    def history(self, annotation_id: str) -> list[Any]:
        return events.history(self.store.db, "annotation", annotation_id)

    def create_annotation(
        self,
        article_id: str,
        start: int,
        end: int,
        tag: str,
        *,
        actor: str | None = None,
        note: str = "",
    ) -> Annotation:
        """Tag ``text[start:end]`` (code points) of the article with ``tag``."""
        article = (
            self._article_text(article_id)
            if article_id in self._texts
            else self.article(article_id, count=False)
        )
        self._texts[article.id] = article
        tag_name = self.tag(tag).name
        quote = textrules.quote_at(article.text, start, end)
        stamp = now_iso()
        annotation = Annotation(
            id=new_id(),
            article_id=article.id,
            start=start,
            end=end,
            exact=quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            tag=tag_name,
            annotator=self.annotator,
            created=stamp,
            modified=stamp,
            note=note,
        )
        db = self.store.db
        with self.store.transaction():
            actor_id = self._actor_id(actor)
            annotation_rows.insert(db, annotation, actor_id)
            stored = annotation_rows.get(db, annotation.id)
            assert stored is not None
            events.record(
                db,
                annotator=self.annotator,
                action="create",
                entity="annotation",
                entity_id=annotation.id,
                article_id=article.id,
                after=_public(stored),
            )
        self._emit(Change("annotations", article.id, (annotation.id,)))
        return stored

    def annotate_quote(
        self,
        article_id: str,
        quote: str,
        tag: str,
        *,
        occurrence: int = 1,
        actor: str | None = None,
        note: str = "",
    ) -> Annotation:
        """Tag the ``occurrence``-th place where ``quote`` appears (white space is flexible)."""
        article = self.article(article_id)
        self.tag(tag)
        start, end = textrules.find_quote(article.text, quote, occurrence)
        return self.create_annotation(article.id, start, end, tag, actor=actor, note=note)

    def update_annotation(
        self,
        annotation_id: str,
        *,
        tag: str = UNSET,
        start: int = UNSET,
        end: int = UNSET,
        note: str = UNSET,
        actor: str | None = UNSET,
        expected: dict[str, Any] | None = None,
    ) -> Annotation:
        """Change the tag, boundaries, note or actor of an annotation.

        ``expected`` holds the values the user's edit started from (field → value):
        if someone else changed one of them meanwhile, :class:`Conflict` is raised
        and nothing is written (see :mod:`annotator.core.conflicts`).
        """
        with self.store.transaction():  # read and write under one write lock
            current = self.annotation(annotation_id)
            if expected is not None:
                asked = {"tag": tag, "start": start, "end": end, "note": note, "actor": actor}
                mine = {k: v for k, v in asked.items() if v is not UNSET}
                check_expected(
                    lambda action: events.last(self.store.db, "annotation", current.id, action),
                    current,
                    expected,
                    mine,
                )
            after = self._apply_update(current, tag, start, end, note, actor)
        if after is not current:
            self._emit(Change("annotations", current.article_id, (current.id,)))
        return after

    def _apply_update(
        self, current: Annotation, tag: Any, start: Any, end: Any, note: Any, actor: Any
    ) -> Annotation:
        if current.deleted:
            raise BadInput("this annotation was deleted; restore it first")
        changes: dict[str, Any] = {}
        if tag is not UNSET and self.tag(tag).name != current.tag:
            changes["tag"] = self.tag(tag).name
        if start is not UNSET or end is not UNSET:
            new_start = current.start if start is UNSET else start
            new_end = current.end if end is UNSET else end
            if (new_start, new_end) != (current.start, current.end):
                article = self._article_text(current.article_id)
                quote = textrules.quote_at(article.text, new_start, new_end)
                changes.update(
                    start=new_start,
                    end=new_end,
                    exact=quote.exact,
                    prefix=quote.prefix,
                    suffix=quote.suffix,
                )
        if note is not UNSET and note != current.note:
            changes["note"] = note
        new_actor = UNSET
        if actor is not UNSET:
            new_actor = " ".join(actor.split()) if actor and actor.strip() else None
            if new_actor == current.actor:
                new_actor = UNSET
        if not changes and new_actor is UNSET:
            return current
        db = self.store.db
        if new_actor is not UNSET:
            changes["actor_id"] = self._actor_id(new_actor)
        changes["modified"] = now_iso()
        annotation_rows.update(db, current.id, changes)
        after = annotation_rows.get(db, current.id)
        assert after is not None
        before_pub, after_pub = _public(current), _public(after)
        changed = [k for k in after_pub if before_pub[k] != after_pub[k] and k != "modified"]
        events.record(
            db,
            annotator=self.annotator,
            action="update",
            entity="annotation",
            entity_id=current.id,
            article_id=current.article_id,
            before={k: before_pub[k] for k in changed},
            after={k: after_pub[k] for k in changed},
        )
        return after

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Soft-delete: the row stays, marked deleted, and can be restored with the same id."""
        return self._set_deleted(annotation_id, deleted=True)

    def restore_annotation(self, annotation_id: str) -> Annotation:
        return self._set_deleted(annotation_id, deleted=False)

    def _set_deleted(self, annotation_id: str, *, deleted: bool) -> Annotation:
        current = self.annotation(annotation_id)
        if bool(current.deleted) == deleted:
            return current
        db = self.store.db
        stamp = now_iso()
        with self.store.transaction():
            annotation_rows.update(
                db, current.id, {"deleted": stamp if deleted else None, "modified": stamp}
            )
            # its links go with it (stamped with the same time) and come back with it
            if deleted:
                links = relation_rows.for_annotation(db, current.id)
            else:  # exactly the links its deletion took (recorded in that event)
                last = events.last(db, "annotation", current.id, "delete")
                taken = set((last.after or {}).get("relations", [])) if last else set()
                links = [
                    r
                    for r in relation_rows.for_annotation(db, current.id, include_deleted=True)
                    if r.id in taken and r.deleted
                ]
            for link in links:
                relation_rows.set_deleted(db, link.id, stamp if deleted else None)
            events.record(
                db,
                annotator=self.annotator,
                action="delete" if deleted else "restore",
                entity="annotation",
                entity_id=current.id,
                article_id=current.article_id,
                before={"deleted": current.deleted},
                after={"deleted": stamp if deleted else None, "relations": [r.id for r in links]},
            )
        kind = "orphans" if current.is_orphan else "annotations"  # views never see orphans
        self._emit(Change(kind, current.article_id, (current.id,)))
        if links:
            self._emit(Change("relations", current.article_id, tuple(r.id for r in links)))
        return replace(current, deleted=stamp if deleted else None, modified=stamp)


def _public(annotation: Annotation) -> dict[str, Any]:
    """The annotation as a plain dict (for events and JSON output)."""
    return {
        "id": annotation.id,
        "article_id": annotation.article_id,
        "start": annotation.start,
        "end": annotation.end,
        "exact": annotation.exact,
        "tag": annotation.tag,
        "actor": annotation.actor,
        "note": annotation.note,
        "annotator": annotation.annotator,
        "created": annotation.created,
        "modified": annotation.modified,
    }


def annotation_dict(annotation: Annotation) -> dict[str, Any]:
    data = _public(annotation)
    data.update(prefix=annotation.prefix, suffix=annotation.suffix, deleted=annotation.deleted)
    return data
