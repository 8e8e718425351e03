"""Importing a set writes its rows in batches (annotator.store.bulk): the database ends
exactly as when every row was written one by one — the same annotations, links, verdicts,
events in the same order, and the same search index rows — for new annotations, orphans,
updates (a deleted one revived), kept conflicts and a re-import that changes nothing."""

from __future__ import annotations

import shutil
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from annotator.core import importing_sets
from annotator.core.demo import annotate_sample
from annotator.core.import_plan import Plan
from annotator.core.importing_write import _write_rest as write_rest
from annotator.core.importing_write import public_fields
from annotator.core.project import Project
from annotator.domain.exchange import AnnotationSet, SetAnnotation
from annotator.formats.exchange_io import read_annotation_file
from annotator.store import annotations as annotation_rows
from annotator.store import bulk, events
from annotator.store import relations as relation_rows


def one_by_one(project: Project, plan: Plan, source_name: str) -> None:
    """The writes of a plan one row at a time (what the import did before batching);
    verdicts and reviews are written as they always were."""
    db, who, article = project.store.db, project.annotator, plan.article
    assert not plan.create_article
    for annotation, actor in plan.inserts:
        annotation_rows.insert(db, annotation, project._actor_id(actor or None))
        events.record(
            db,
            annotator=who,
            action="import",
            entity="annotation",
            entity_id=annotation.id,
            article_id=article.id,
            after={**public_fields(annotation), "source": source_name},
        )
    for stored, new in plan.updates:
        row = annotation_rows.row_of(new, project._actor_id(new.actor))
        row["deleted"] = None
        annotation_rows.update(db, stored.id, {k: v for k, v in row.items() if k != "id"})
        events.record(
            db,
            annotator=who,
            action="import-conflict",
            entity="annotation",
            entity_id=stored.id,
            article_id=article.id,
            before=public_fields(stored),
            after={**public_fields(new), "kept": "imported", "source": source_name},
        )
    for stored, new in plan.kept:
        after = {**public_fields(new), "kept": "stored", "source": source_name}
        if not events.exists(db, "annotation", stored.id, "import-conflict", after):
            events.record(
                db,
                annotator=who,
                action="import-conflict",
                entity="annotation",
                entity_id=stored.id,
                article_id=article.id,
                before=public_fields(stored),
                after=after,
            )
    for relation in plan.relations:
        relation_rows.insert(db, relation)
        events.record(
            db,
            annotator=who,
            action="import",
            entity="relation",
            entity_id=relation.id,
            article_id=article.id,
            after={"from": relation.from_id, "to": relation.to_id, "type": relation.type},
        )
    write_rest(project, plan, source_name)


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import writes, in table order; actors by name (their ids are random)
    and events without their time."""
    conn = sqlite3.connect(path)
    try:
        actors = dict(conn.execute("SELECT id, name FROM actors"))
        query = {
            "annotations": 'SELECT n.id, n.article_id, n.start, n."end", n.exact, n.prefix, '
            "n.suffix, n.tag, a.name, n.note, n.annotator, n.created, n.modified, n.deleted "
            "FROM annotations n LEFT JOIN actors a ON a.id = n.actor_id ORDER BY n.rowid",
            "actors": "SELECT name, aliases FROM actors ORDER BY name",
            "relations": "SELECT * FROM relations ORDER BY rowid",
            "verdicts": "SELECT * FROM verdicts ORDER BY annotation_id",
            "events": "SELECT annotator, action, entity, entity_id, article_id, before, after "
            "FROM events ORDER BY id",
            "search_keys": "SELECT * FROM search_keys ORDER BY id",
            "annotations_fts": "SELECT rowid, exact, note, annotation_id, article_id "
            "FROM annotations_fts ORDER BY rowid",
        }
        out = {name: conn.execute(sql).fetchall() for name, sql in query.items()}
        out["events"] = [
            (*e[:3], actors.get(e[3], e[3]) if e[2] == "actor" else e[3], *e[4:])
            for e in out["events"]
        ]
        # FTS5's own check that its index holds exactly the rows of its content
        conn.execute("INSERT INTO annotations_fts (annotations_fts) VALUES ('integrity-check')")
        return out
    finally:
        conn.close()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a few rows, so the demo set spans several of them."""
    monkeypatch.setattr(bulk, "CHUNK", 4)
    monkeypatch.setattr(bulk, "LOOKUP", 3)


def _with_orphan(aset: AnnotationSet) -> AnnotationSet:
    (only,) = aset.articles
    only.annotations.append(
        SetAnnotation(
            tag="Claim",
            exact="words this article never says",
            prefix="",
            suffix="",
            id=f"urn:uuid:{uuid.uuid4()}",
            key="orphan",
            actor="A new actor",
            note="kept as an orphan \u0001 with a marker character",
            annotator="carol",
            created="2024-06-19T10:00:00.000Z",
        )
    )
    return aset


def _import_both(
    base: Path, aset: AnnotationSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> tuple[Path, Path, list, list]:
    """Import ``aset`` into two copies of ``base``: in batches, and one row at a time."""
    batched, single = tmp_path / f"{name}-batched.db", tmp_path / f"{name}-single.db"
    shutil.copyfile(base, batched)
    shutil.copyfile(base, single)
    project = Project.open(batched, "bob")
    reports = project.import_annotations(aset)
    project.close()
    with monkeypatch.context() as patch:
        patch.setattr(importing_sets.ImportActions, "_apply", one_by_one)
        project = Project.open(single, "bob")
        reference = project.import_annotations(aset)
        project.close()
    return batched, single, reports, reference


def _export(project: Project, path: Path) -> AnnotationSet:
    from annotator.core.exporting import export_to

    export_to(project, "w3c", path)
    return read_annotation_file(path)


def test_a_batched_import_writes_what_one_by_one_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_batches: None
) -> None:
    source = Project.open(tmp_path / "source.db", "alice")
    article = source.import_sample().article
    ids = annotate_sample(source, article.id)
    base = tmp_path / "base.db"
    target = Project.open(base, "bob")
    target.import_sample()
    target.close()

    aset = _with_orphan(_export(source, tmp_path / "first.jsonld"))
    batched, single, reports, reference = _import_both(base, aset, tmp_path, monkeypatch, "one")
    (report,) = reports
    assert report == reference[0]
    assert (report.new, report.orphaned, report.relations) == (29, 1, 21)
    first = snapshot(batched)
    assert first == snapshot(single)
    assert len(first["annotations"]) == 29 and len(first["relations"]) == 21
    assert len(first["annotations_fts"]) == 29  # the orphan is found by its quote and note
    assert "A new actor" in {name for name, _ in first["actors"]}

    # round two: the source edits two annotations (one of them deleted here meanwhile) after
    # the target edited a third; the set is imported into two copies of that state
    claims = [a for a in source.annotations(article.id) if a.tag == "Claim"]
    edited, revived, kept = claims[0], claims[1], claims[2]
    source.update_annotation(kept.id, note="The source's later note")
    here = Project.open(batched, "bob")
    time.sleep(0.01)
    here.delete_annotation(revived.id)
    time.sleep(0.01)
    source.update_annotation(edited.id, note="Checked against the video.")
    source.update_annotation(revived.id, note="Still stands.")
    time.sleep(0.01)
    here.update_annotation(kept.id, note="Bob's own, newest")
    here.close()
    second = _export(source, tmp_path / "second.jsonld")
    source.close()
    batched2, single2, reports, reference = _import_both(
        batched, second, tmp_path, monkeypatch, "two"
    )
    (report,) = reports
    assert report == reference[0]
    assert (report.updated, report.conflicts, report.new) == (2, 1, 0)
    after = snapshot(batched2)
    assert after == snapshot(single2)
    rows = {r[0]: r for r in after["annotations"]}
    assert rows[revived.id][13] is None and rows[revived.id][9] == "Still stands."
    assert rows[kept.id][9] == "Bob's own, newest"
    indexed = {r[3]: r for r in after["annotations_fts"]}
    assert indexed[edited.id][2] == "Checked against the video." and revived.id in indexed

    # the same set again changes nothing
    project = Project.open(batched2, "bob")
    (again,) = project.import_annotations(second)
    project.close()
    assert (again.new, again.updated, again.unchanged) == (0, 0, 28)  # the source has no orphan
    assert snapshot(batched2) == after
    assert ids  # the demo set was made


def test_the_search_finds_what_a_batched_import_brought(
    tmp_path: Path, small_batches: None
) -> None:
    source = Project.open(tmp_path / "source.db", "alice")
    article = source.import_sample().article
    annotate_sample(source, article.id)
    aset = _with_orphan(_export(source, tmp_path / "set.jsonld"))
    source.close()
    target = Project.open(tmp_path / "target.db", "bob")
    article = target.import_sample().article
    target.import_annotations(aset)
    hits = target.search("orphan marker")
    assert [h.kind for h in hits] == ["note"]
    claim = next(a for a in target.annotations(article.id) if a.tag == "Claim")
    word = max(claim.exact.split(), key=len).strip(".,;:“”\"'’")
    found = {h.annotation_id for h in target.search(f'"{word}"', limit=200) if h.annotation_id}
    assert claim.id in found
    target.close()
