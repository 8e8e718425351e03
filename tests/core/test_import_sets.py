"""Importing annotation sets into a project: matching the article, re-anchoring, merging
without duplicates, newer edits winning, orphans, dry runs, all or nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.commands import CommandStack, Reattach
from annotator.core.demo import annotate_sample
from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.domain.exchange import AnnotationSet, ArticleRef, ArticleSet, SetAnnotation, SetError
from annotator.formats import w3c
from annotator.formats.w3c_import import read_w3c
from annotator.store import events
from tests.conftest import make_draft

SAMPLE = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "samples"


@pytest.fixture
def source(tmp_path: Path):
    p = Project.open(tmp_path / "source.db", "alice")
    article = p.import_sample().article
    annotate_sample(p, article.id)
    yield p
    p.close()


@pytest.fixture
def target(tmp_path: Path):
    p = Project.open(tmp_path / "target.db", "bob")
    yield p
    p.close()


def exported(project: Project) -> AnnotationSet:
    data = w3c.from_export(project.export_data())
    return read_w3c(json.dumps(data).encode("utf-8"), "demo.jsonld")


def counts(project: Project) -> dict[str, int]:
    db = project.store.db
    return {t: db[t].count for t in ("annotations", "relations", "verdicts", "reviews", "events")}


def test_import_then_again_changes_nothing(source: Project, target: Project) -> None:
    article = target.import_sample().article
    aset = exported(source)
    (first,) = target.import_annotations(aset)
    assert (first.matched, first.article_id) == ("sha256", article.id)
    assert (first.exact, first.new, first.relations, first.verdicts) == (28, 28, 21, 2)
    assert first.problems == []
    before = counts(target)
    (second,) = target.import_annotations(aset)
    assert (second.new, second.updated, second.unchanged, second.relations) == (0, 0, 28, 0)
    assert second.verdicts == 0
    assert counts(target) == before
    # ids, annotators and times are kept; the event says who imported
    stored = {a.id: a for a in target.annotations(article.id)}
    for a in source.annotations(source.articles()[0].id):
        got = stored[a.id]
        assert (got.annotator, got.created, got.modified, got.start, got.end) == (
            "alice",
            a.created,
            a.modified,
            a.start,
            a.end,
        )
        assert (got.tag, got.actor, got.note, got.exact) == (a.tag, a.actor, a.note, a.exact)
    history = target.history(next(iter(stored)))
    assert [(e.action, e.annotator) for e in history] == [("import", "bob")]


def test_newer_edit_wins_and_the_other_goes_to_history(source: Project, target: Project) -> None:
    target.import_sample()
    target.import_annotations(exported(source))
    claim = source.annotations(source.articles()[0].id)[0]
    source.update_annotation(claim.id, note="Checked against the video.")
    (report,) = target.import_annotations(exported(source))
    assert (report.updated, report.unchanged) == (1, 27)
    assert target.annotation(claim.id).note == "Checked against the video."
    conflict = target.history(claim.id)[-1]
    assert conflict.action == "import-conflict"
    assert conflict.before["note"] == "" and conflict.after["note"] == "Checked against the video."
    # the stored version is newer: kept; the imported one recorded once, however often imported
    target.update_annotation(claim.id, note="Bob's own note")
    stale = exported(source)
    (report,) = target.import_annotations(stale)
    assert (report.updated, report.conflicts) == (0, 1)
    assert target.annotation(claim.id).note == "Bob's own note"
    n = counts(target)["events"]
    target.import_annotations(stale)
    assert counts(target)["events"] == n


def _single(aset: AnnotationSet, **ref) -> AnnotationSet:
    (only,) = aset.articles
    return AnnotationSet(
        aset.source_format,
        aset.source_name,
        [ArticleSet(replace(only.ref, **ref), only.annotations, only.relations, only.reviews)],
    )


def test_article_matched_by_url_title_or_choice(source: Project, target: Project) -> None:
    text = source.articles()[0]
    article = target.import_draft(
        make_draft(
            source.article(text.id).text + "\n\nA correction was appended.",
            title="Kim hails alliance",
            url="https://example.org/kim",
        )
    ).article
    aset = exported(source)
    by_url = _single(aset, sha256="0" * 64, url="https://example.org/kim", title=None)
    assert target.import_annotations(by_url, dry_run=True)[0].matched == "url"
    by_title = _single(aset, sha256=None, url=None, title="Kim hails alliance")
    assert target.import_annotations(by_title, dry_run=True)[0].matched == "title"
    nothing = _single(aset, sha256=None, url=None, title="Another story")
    with pytest.raises(BadInput, match="Another story"):
        target.import_annotations(nothing)
    (chosen,) = target.import_annotations(nothing, article=article.id[:8])
    assert (chosen.matched, chosen.article_id, chosen.exact) == ("chosen", article.id, 28)


def test_a_set_carrying_its_text_creates_the_article(target: Project) -> None:
    text = "Officials said the rounds were delivered. Moscow denied it."
    s = ArticleSet(
        ArticleRef(text=text, title="Doc 1"),
        [SetAnnotation("Denial", "", start=42, end=58, key="T1")],
    )
    aset = AnnotationSet("doccano", "tasks.jsonl", [s])
    (report,) = target.import_annotations(aset)
    assert (report.matched, report.created_article, report.exact) == ("text", True, 1)
    article = target.article(report.article_id)
    assert article.source_format == "doccano" and article.title == "Doc 1"
    assert [a.exact for a in target.annotations(article.id)] == ["Moscow denied it"]
    (again,) = target.import_annotations(aset)
    assert (again.created_article, again.new, again.unchanged) == (False, 0, 1)


def test_orphans_are_kept_listed_exported_and_reattached(source: Project, target: Project) -> None:
    text = source.article(source.articles()[0].id).text
    assert text.count("media reported") == 1
    changed = text.replace("media reported", "he told reporters")
    article = target.import_draft(make_draft(changed, title="Edited")).article
    (report,) = target.import_annotations(exported(source), article=article.id)
    assert report.orphaned >= 1 and report.exact + report.reanchored + report.orphaned == 28
    orphans = target.orphans(article.id)
    assert len(orphans) == report.orphaned
    placed = {a.id for a in target.annotations(article.id)}
    assert not placed & {o.id for o in orphans}
    assert all(a.start >= 0 for a in target.annotations(article.id))
    # an orphan travels with its quote only
    data = w3c.from_export(target.export_data([article.id]))
    item = next(i for i in data["first"]["items"] if i["id"] == f"urn:uuid:{orphans[0].id}")
    assert [s["type"] for s in item["target"]["selector"]] == ["TextQuoteSelector"]
    # placing it by hand, and undo
    orphan = orphans[0]
    stack = CommandStack(target)
    spot = changed.index("he told reporters")
    stack.push(Reattach(orphan.id, spot, spot + len("he told reporters")))
    assert target.annotation(orphan.id).exact == "he told reporters"
    assert orphan.id not in {o.id for o in target.orphans(article.id)}
    stack.undo()
    back = target.annotation(orphan.id)
    assert back.is_orphan and back.exact == orphan.exact and back.prefix == orphan.prefix
    stack.redo()
    assert not target.annotation(orphan.id).is_orphan


def test_dry_run_writes_nothing(source: Project, target: Project, tmp_path: Path) -> None:
    target.import_sample()
    files = [tmp_path / "target.db", tmp_path / "target.db-wal"]
    before = [f.read_bytes() if f.exists() else b"" for f in files]
    (report,) = target.import_annotations(exported(source), dry_run=True)
    assert report.new == 28
    assert [f.read_bytes() if f.exists() else b"" for f in files] == before
    assert target.annotations(report.article_id) == []


def test_unknown_tags_are_refused_unless_created(source: Project, target: Project) -> None:
    article = target.import_sample().article
    aset = exported(source)
    (only,) = aset.articles
    renamed = [replace(a, tag="Rumour") if a.tag == "Evidence" else a for a in only.annotations]
    odd = AnnotationSet("w3c", "odd.jsonld", [ArticleSet(only.ref, renamed, only.relations)])
    n = counts(target)
    with pytest.raises(BadInput, match="Rumour"):
        target.import_annotations(odd)
    assert counts(target) == n
    changes = []
    target.subscribe(changes.append)
    (report,) = target.import_annotations(odd, create_tags=True)
    assert "Rumour" in [t.name for t in target.tags()]
    assert report.new == 28
    assert {c.kind for c in changes} >= {"tags", "annotations", "relations", "verdicts"}
    assert all(c.article_id == article.id for c in changes if c.kind == "annotations")


def test_unknown_relation_types_and_ratings_are_refused(source: Project, target: Project) -> None:
    target.import_sample()
    aset = exported(source)
    (only,) = aset.articles
    bad_link = [replace(only.relations[0], type="refutes"), *only.relations[1:]]
    bad_rating = [replace(a, verdict="Pants on fire") if a.verdict else a for a in only.annotations]
    for spans, relations, word in (
        (only.annotations, bad_link, "refutes"),
        (bad_rating, only.relations, "Pants on fire"),
    ):
        odd = AnnotationSet("w3c", "x", [ArticleSet(only.ref, spans, relations)])
        with pytest.raises(BadInput, match=word):
            target.import_annotations(odd)
    assert counts(target)["annotations"] == 0


def test_offsets_without_a_quote_must_fit(target: Project) -> None:
    article = target.import_sample().article
    ref = ArticleRef(sha256=article.sha256)
    ok = AnnotationSet("x", "x", [ArticleSet(ref, [SetAnnotation("Claim", "", start=0, end=5)])])
    assert target.import_annotations(ok, dry_run=True)[0].exact == 1
    bad = AnnotationSet(
        "x", "x", [ArticleSet(ref, [SetAnnotation("Claim", "", start=0, end=10**6, key="T9")])]
    )
    with pytest.raises(SetError, match="T9"):
        target.import_annotations(bad)


def test_reviews_are_stored_once(source: Project, target: Project) -> None:
    from annotator.domain.exchange import SetReview

    target.import_sample()
    aset = exported(source)
    (only,) = aset.articles
    key = only.annotations[0].key
    reviewed = ArticleSet(
        only.ref,
        only.annotations,
        only.relations,
        [SetReview(key or "", "carol", "accepted", "fine", created="2024-06-20T10:00:00.000Z")],
    )
    aset = AnnotationSet("w3c", "r", [reviewed])
    assert target.import_annotations(aset)[0].reviews == 1
    assert target.import_annotations(aset)[0].reviews == 0
    assert target.store.db["reviews"].count == 1
    assert events.count(target.store.db) > 0


def test_schema_allows_orphans_and_keeps_the_text_trigger(target: Project) -> None:
    db = target.store.db
    columns = {c.name: c for c in db["annotations"].columns}
    assert not columns["start"].notnull and not columns["end"].notnull
    triggers = {t.name for t in db.triggers}
    assert "articles_text_immutable" in triggers
    assert target.store.integrity_problems() == []
