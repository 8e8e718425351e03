"""Actors: who makes a statement (``actors``)."""

from __future__ import annotations

import json

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
