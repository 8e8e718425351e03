"""Links between annotations (``relations``), soft-deleted like annotations."""

from __future__ import annotations

import sqlite_utils

from annotator.domain.model import Relation
from annotator.store import annotations as annotation_rows

_COLUMNS = "r.id, r.from_id, r.to_id, r.type, r.annotator, r.created, r.deleted"


def _to_relation(row: tuple) -> Relation:
    return Relation(*row)


def insert(db: sqlite_utils.Database, relation: Relation) -> None:
    db["relations"].insert(
        {
            "id": relation.id,
            "from_id": relation.from_id,
            "to_id": relation.to_id,
            "type": relation.type,
            "annotator": relation.annotator,
            "created": relation.created,
            "deleted": relation.deleted,
        }
    )


def get(db: sqlite_utils.Database, relation_id: str) -> Relation | None:
    row = db.conn.execute(
        f"SELECT {_COLUMNS} FROM relations r WHERE r.id = ?", [relation_id]
    ).fetchone()
    return _to_relation(row) if row else None


def set_deleted(db: sqlite_utils.Database, relation_id: str, deleted: str | None) -> None:
    db["relations"].update(relation_id, {"deleted": deleted})


def for_article(
    db: sqlite_utils.Database,
    article_id: str,
    *,
    include_deleted: bool = False,
    with_orphans: bool = False,
) -> list[Relation]:
    """Links whose source annotation belongs to the article (live ones by default; only
    those between placed annotations unless ``with_orphans``)."""
    join = annotation_rows.join_from(db, "relations", article_id)
    sql = (
        f"SELECT {_COLUMNS} FROM relations r {join} annotations a ON a.id = r.from_id "
        f"{join} annotations b ON b.id = r.to_id WHERE a.article_id = ?"
    )
    if not include_deleted:  # a link shows only while both its ends are live
        sql += " AND r.deleted IS NULL AND a.deleted IS NULL AND b.deleted IS NULL"
    if not with_orphans:
        sql += " AND a.start IS NOT NULL AND b.start IS NOT NULL"
    return [
        _to_relation(r) for r in db.conn.execute(sql + " ORDER BY r.created, r.rowid", [article_id])
    ]


def for_annotation(
    db: sqlite_utils.Database, annotation_id: str, *, include_deleted: bool = False
) -> list[Relation]:
    """Links from or to the annotation; by default the live ones: not deleted, and the
    other end live (a link brought back with one end while the other was deleted stays
    hidden until that end is back too)."""
    sql = f"SELECT {_COLUMNS} FROM relations r WHERE (r.from_id = ? OR r.to_id = ?)"
    params = [annotation_id, annotation_id]
    if not include_deleted:
        sql += (
            " AND r.deleted IS NULL AND NOT EXISTS (SELECT 1 FROM annotations n"
            " WHERE n.id IN (r.from_id, r.to_id) AND n.id != ? AND n.deleted IS NOT NULL)"
        )
        params.append(annotation_id)
    rows = db.conn.execute(sql + " ORDER BY r.created, r.rowid", params)
    return [_to_relation(r) for r in rows]


def find_live(db: sqlite_utils.Database, from_id: str, to_id: str, type_: str) -> Relation | None:
    row = db.conn.execute(
        f"SELECT {_COLUMNS} FROM relations r WHERE r.from_id = ? AND r.to_id = ? AND r.type = ? "
        "AND r.deleted IS NULL",
        [from_id, to_id, type_],
    ).fetchone()
    return _to_relation(row) if row else None


def ids_with_prefix(db: sqlite_utils.Database, prefix: str) -> list[str]:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.conn.execute(
        "SELECT id FROM relations WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
        [escaped + "%"],
    )
    return [r[0] for r in rows]
