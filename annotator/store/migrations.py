"""Versioned schema changes, kept in ``PRAGMA user_version``.

Each migration is a function that brings the schema from version N-1 to N.
A database whose version is higher than the newest known migration was
written by a newer annotator: it is refused, never touched.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from annotator.domain.errors import NewerSchema
from annotator.store.database import transaction


def _v1_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "text": str,
            "sha256": str,
            "title": str,
            "byline": str,
            "outlet": str,
            "url": str,
            "published": str,
            "language": str,
            "source_format": str,
            "imported_at": str,
            "fetched_at": str,
            "imported_by": str,
        },
        pk="id",
        not_null={"text", "sha256", "imported_at"},
    )
    db["articles"].create_index(["sha256"], unique=True)
    db.execute(
        "CREATE TRIGGER articles_text_immutable BEFORE UPDATE OF text, sha256 ON articles "
        "BEGIN SELECT RAISE(ABORT, 'the text of an article is immutable'); END"
    )
    db["article_sources"].create(
        {
            "id": int,
            "article_id": str,
            "original": bytes,
            "original_name": str,
            "media_type": str,
            "fetched_at": str,
            "imported_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "original", "imported_at"},
    )
    db["article_sources"].create_index(["article_id"])
    db["tags"].create(
        {
            "name": str,
            "colour": str,
            "key": str,
            "kind": str,
            "description": str,
            "underline": str,
            "position": int,
        },
        pk="name",
        not_null={"colour", "position"},
    )
    db["actors"].create(
        {"id": str, "name": str, "aliases": str, "created": str},
        pk="id",
        not_null={"name", "created"},
    )
    db.execute("CREATE UNIQUE INDEX idx_actors_name ON actors (name COLLATE NOCASE)")
    db["annotations"].create(
        {
            "id": str,
            "article_id": str,
            "start": int,
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "tag": str,
            "actor_id": str,
            "note": str,
            "annotator": str,
            "created": str,
            "modified": str,
            "deleted": str,
        },
        pk="id",
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("tag", "tags", "name"),
            ("actor_id", "actors", "id"),
        ],
        not_null={"article_id", "start", "end", "exact", "tag", "annotator", "created", "modified"},
        defaults={"note": "", "prefix": "", "suffix": ""},
    )
    db["annotations"].create_index(["article_id", "start"])
    db["relations"].create(
        {
            "id": str,
            "from_id": str,
            "to_id": str,
            "type": str,
            "annotator": str,
            "created": str,
            "deleted": str,
        },
        pk="id",
        foreign_keys=[("from_id", "annotations", "id"), ("to_id", "annotations", "id")],
        not_null={"from_id", "to_id", "type", "annotator", "created"},
    )
    db["reviews"].create(
        {
            "id": str,
            "annotation_id": str,
            "reviewer": str,
            "decision": str,
            "comment": str,
            "created": str,
        },
        pk="id",
        foreign_keys=[("annotation_id", "annotations", "id")],
        not_null={"annotation_id", "reviewer", "decision", "created"},
    )
    db["events"].create(
        {
            "id": int,
            "at": str,
            "annotator": str,
            "action": str,
            "entity": str,
            "entity_id": str,
            "article_id": str,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"at", "annotator", "action", "entity", "entity_id"},
    )
    db["events"].create_index(["entity", "entity_id"])


def _v2_relations_verdicts(db: sqlite_utils.Database) -> None:
    """Relation types and the verdict scale (part of the tag set), verdicts on claims."""
    db["relation_types"].create(
        {
            "name": str,
            "label": str,
            "from_tags": str,
            "to_tags": str,
            "description": str,
            "position": int,
        },
        pk="name",
        not_null={"label", "position"},
    )
    db["ratings"].create(
        {"name": str, "value": int, "description": str, "position": int},
        pk="name",
        not_null={"value", "position"},
    )
    db["verdicts"].create(
        {
            "annotation_id": str,
            "rating": str,
            "explanation": str,
            "annotator": str,
            "created": str,
            "modified": str,
        },
        pk="annotation_id",
        foreign_keys=[("annotation_id", "annotations", "id"), ("rating", "ratings", "name")],
        not_null={"rating", "annotator", "created", "modified"},
        defaults={"explanation": ""},
    )
    db["relations"].create_index(["from_id"])
    db["relations"].create_index(["to_id"])
    # the default tags learn their kind (what the claims board needs to know)
    for name in ("Claim", "Source", "Denial", "Evidence"):
        db.execute(
            "UPDATE tags SET kind = ? WHERE name = ? AND (kind IS NULL OR kind = 'span')",
            [name.lower(), name],
        )


def _v3_orphans(db: sqlite_utils.Database) -> None:
    """Orphans: an annotation imported from a set that could not be placed on the text keeps
    its quote, prefix and suffix with ``start`` and ``end`` NULL until it is re-attached.

    ``transform`` rebuilds the table inside the migration's transaction (foreign keys
    deferred, indexes kept); the tables that refer to ``annotations`` are untouched.
    """
    db["annotations"].transform(not_null={"start": False, "end": False})
    db["reviews"].create_index(["annotation_id"], if_not_exists=True)


def _v4_review_threads(db: sqlite_utils.Database) -> None:
    """Review threads and suggestions: a review may answer another (``reply_to``), suggest
    a new tag or boundaries (``suggested_*``) that the author later accepts or declines
    (``resolved``: when, ``resolution``: "accepted" or "declined")."""
    reviews = db["reviews"]
    reviews.add_column("reply_to", str)
    reviews.add_column("suggested_tag", str)
    reviews.add_column("suggested_start", int)
    reviews.add_column("suggested_end", int)
    reviews.add_column("resolved", str)
    reviews.add_column("resolution", str)
    reviews.create_index(["annotation_id"], if_not_exists=True)


def _v5_full_text_search(db: sqlite_utils.Database) -> None:
    """Corpus search: FTS5 tables over article titles and texts and over the quotes and notes
    of live annotations, kept in step by triggers and filled from the existing rows (see
    :mod:`annotator.store.search`). A later migration that rebuilds ``articles`` or
    ``annotations`` (``transform``) drops their triggers: it must create them again."""
    from annotator.store import search

    search.create(db)


#: the migrations, in order; index i brings the schema to version i + 1
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_relations_verdicts,
    _v3_orphans,
    _v4_review_threads,
    _v5_full_text_search,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(db: sqlite_utils.Database) -> None:
    """Raise :class:`NewerSchema` if a newer annotator wrote this database."""
    _refuse_newer(db, schema_version(db))


def _refuse_newer(db: sqlite_utils.Database, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"this database has schema version {version}, written by a newer annotator "
            f"(this one knows up to {SCHEMA_VERSION}); it was not opened or changed. "
            "Upgrade annotator to use it."
        )


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the schema up to date; return the number of migrations applied."""
    version = schema_version(db)
    _refuse_newer(db, version)
    if version == SCHEMA_VERSION:
        return 0
    with transaction(db):
        # read again under the write lock: another process may have migrated meanwhile
        version = schema_version(db)
        _refuse_newer(db, version)
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return SCHEMA_VERSION - version
