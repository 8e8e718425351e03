"""Actors: who makes a statement (``actors``)."""

from __future__ import annotations

import json
from collections.abc import Generator

import sqlite_utils

from annotator.domain.model import Actor, new_id, now_iso


def _to_actor(row: dict) -> Actor:
    return Actor(id=row["id"], name=row["name"], aliases=tuple(json.loads(row["aliases"] or "[]")))


def all_actors(db: sqlite_utils.Database) -> list[Actor]:
    return [_to_actor(r) for r in db.query("SELECT * FROM actors ORDER BY name COLLATE NOCASE")]


def get(db: sqlite_utils.Database, actor_id: str) -> Actor | None:
    rows = list(db["actors"].rows_where("id = ?", [actor_id]))
    return _to_actor(rows[0]) if rows else None


def find(db: sqlite_utils.Database, name: str) -> Actor | None:
    """The actor called ``name`` or having it as an alias (case-insensitive)."""
    rows = list(db.query("SELECT * FROM actors WHERE name = ? COLLATE NOCASE", [name]))
    if rows:
        return _to_actor(rows[0])
    folded = name.casefold()
    for actor in all_actors(db):
        if any(alias.casefold() == folded for alias in actor.aliases):
            return actor
    return None


def create(db: sqlite_utils.Database, name: str, aliases: tuple[str, ...] = ()) -> Actor:
    actor = Actor(id=new_id(), name=name, aliases=aliases)
    db["actors"].insert(
        {"id": actor.id, "name": name, "aliases": json.dumps(list(aliases)), "created": now_iso()}
    )
    return actor


def update(
    db: sqlite_utils.Database, actor_id: str, *, name: str, aliases: tuple[str, ...]
) -> None:
    db["actors"].update(actor_id, {"name": name, "aliases": json.dumps(list(aliases))})


def reassign(db: sqlite_utils.Database, from_actor: str, to_actor: str) -> int:
    """Point every annotation of ``from_actor`` at ``to_actor``; returns how many."""
    cursor = db.execute(
        "UPDATE annotations SET actor_id = ? WHERE actor_id = ?", [to_actor, from_actor]
    )
    return cursor.rowcount


def delete(db: sqlite_utils.Database, actor_id: str) -> None:
    db["actors"].delete(actor_id)


def usage(db: sqlite_utils.Database) -> dict[str, int]:
    """Live annotations per actor id."""
    rows = db.conn.execute(
        "SELECT actor_id, count(*) FROM annotations WHERE actor_id IS NOT NULL "
        "AND deleted IS NULL GROUP BY actor_id"
    )
    return {r[0]: r[1] for r in rows}


def source_quotes(
    db: sqlite_utils.Database, article_id: str, kind: str
) -> Generator[str, None, None]:
    """The quotes of the article's live annotations whose tag has ``kind``, read as they
    are asked for (``close()`` the generator to stop the query early)."""
    rows = db.conn.execute(
        "SELECT a.exact FROM annotations a JOIN tags t ON t.name = a.tag "
        "WHERE a.article_id = ? AND a.deleted IS NULL AND t.kind = ?",
        [article_id, kind],
    )
    try:
        for (exact,) in rows:
            yield exact
    finally:
        rows.close()
