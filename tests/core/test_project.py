"""Core actions: import, annotate, update, delete/restore, events, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.commands import (
    CommandStack,
    CreateAnnotation,
    DeleteAnnotation,
    UpdateAnnotation,
)
from annotator.core.project import Project
from annotator.domain.errors import Ambiguous, BadInput, NotFound
from tests.conftest import make_draft

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds. "
    "Both Russia and North Korea deny that."
)


@pytest.fixture
def article(project: Project):
    return project.import_draft(make_draft(TEXT, title="Shells")).article


def test_import_is_idempotent(project: Project) -> None:
    first = project.import_draft(make_draft(TEXT))
    again = project.import_draft(make_draft(TEXT.replace("\n", "\r\n"), original_name="b.txt"))
    assert first.created and not again.created
    assert again.article.id == first.article.id
    assert len(project.articles()) == 1
    assert project.article_sources(first.article.id)[0]["original"] == TEXT.encode()


def test_import_normalises_once(project: Project) -> None:
    result = project.import_draft(make_draft("a\r\nJose\u0301\r"))
    assert project.article(result.article.id).text == "a\nJos\u00e9\n"


def test_empty_text_rejected(project: Project) -> None:
    with pytest.raises(BadInput):
        project.import_draft(make_draft("  \n\t "))
    assert project.articles() == []


def test_article_by_prefix(project: Project, monkeypatch) -> None:
    ids = iter(["abc10000-0000-4000-8000-000000000000", "abc20000-0000-4000-8000-000000000000"])
    monkeypatch.setattr("annotator.core.articles.new_id", lambda: next(ids))
    first = project.import_draft(make_draft(TEXT)).article
    project.import_draft(make_draft("another text"))
    assert project.article("abc1").id == first.id
    assert project.article(first.id).id == first.id
    with pytest.raises(Ambiguous, match="more than one"):
        project.article("abc")
    with pytest.raises(NotFound):
        project.article("zzzz")
    with pytest.raises(NotFound):
        project.article("abc_")  # LIKE wildcards are taken literally


def test_annotate_by_quote_and_offsets(project: Project, article) -> None:
    claim = project.annotate_quote(
        article.id, "North Korea has supplied Russia", "claim", actor="United States"
    )
    assert claim.tag == "Claim" and claim.actor == "United States"
    assert TEXT[claim.start : claim.end] == claim.exact
    denial = project.create_annotation(article.id, 78, 116, "Denial", actor="Russia")
    assert denial.exact == "Both Russia and North Korea deny that."
    assert [a.id for a in project.annotations(article.id)] == [claim.id, denial.id]
    assert project.article(article.id).annotation_count == 2


def test_unknown_tag_and_bad_offsets_change_nothing(project: Project, article) -> None:
    events_before = project.store.db["events"].count
    with pytest.raises(NotFound, match="unknown tag"):
        project.create_annotation(article.id, 0, 3, "Rumour")
    with pytest.raises(BadInput, match="out of range"):
        project.create_annotation(article.id, 10, 9999, "Claim")
    with pytest.raises(NotFound):
        project.annotate_quote(article.id, "not in the text", "Claim")
    assert project.annotations(article.id) == []
    assert project.store.db["events"].count == events_before


def test_failed_action_leaves_nothing_behind(project: Project, article, monkeypatch) -> None:
    from annotator.store import events

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(events, "record", broken)
    with pytest.raises(RuntimeError):
        project.create_annotation(article.id, 0, 3, "Claim", actor="Brand New Actor")
    monkeypatch.undo()
    assert project.annotations(article.id, include_deleted=True) == []
    assert project.actors() == []


def test_update_records_before_and_after(project: Project, article) -> None:
    a = project.create_annotation(article.id, 4, 17, "Source")
    b = project.update_annotation(a.id, tag="Claim", note="check this", actor="US", start=0)
    assert (b.tag, b.note, b.actor, b.start, b.exact) == (
        "Claim",
        "check this",
        "US",
        0,
        "The United States",
    )
    history = project.history(a.id)
    assert [e.action for e in history] == ["create", "update"]
    assert history[1].before["tag"] == "Source" and history[1].after["tag"] == "Claim"
    assert history[1].annotator == "alice"


def test_soft_delete_and_restore_keep_the_id(project: Project, article) -> None:
    a = project.create_annotation(article.id, 0, 3, "Claim")
    project.delete_annotation(a.id)
    assert project.annotations(article.id) == []
    assert project.annotations(article.id, include_deleted=True)[0].deleted
    restored = project.restore_annotation(a.id)
    assert restored.id == a.id and restored.deleted is None
    assert [e.action for e in project.history(a.id)] == ["create", "delete", "restore"]


def test_change_events_after_commit(project: Project, article) -> None:
    seen = []
    project.subscribe(lambda change: seen.append((change, project.annotations(article.id))))
    a = project.create_annotation(article.id, 0, 3, "Claim")
    change, visible = seen[-1]
    assert change.kind == "annotations" and change.ids == (a.id,)
    assert [x.id for x in visible] == [a.id]  # the listener sees the committed state


def test_command_stack_undo_redo(project: Project, article) -> None:
    stack = CommandStack(project)
    create = stack.push(CreateAnnotation(article.id, 4, 17, "Source"))
    created_id = create.created.id
    stack.push(UpdateAnnotation(created_id, {"tag": "Claim", "note": "n"}))
    assert project.annotation(created_id).tag == "Claim"
    stack.undo()
    assert (project.annotation(created_id).tag, project.annotation(created_id).note) == (
        "Source",
        "",
    )
    stack.undo()
    assert project.annotations(article.id) == []
    stack.redo()
    assert [a.id for a in project.annotations(article.id)] == [created_id]
    stack.push(DeleteAnnotation(created_id))
    assert project.annotations(article.id) == []
    stack.undo()
    assert project.annotations(article.id)[0].id == created_id


def test_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "reopen.db"
    p = Project.open(path, "bob")
    art = p.import_draft(make_draft(TEXT)).article
    a = p.create_annotation(art.id, 0, 3, "Claim", note="n", actor="US")
    p.close()
    q = Project.open(path, "carol")
    got = q.annotation(a.id)
    assert (got.tag, got.note, got.actor, got.annotator) == ("Claim", "n", "US", "bob")
    events = list(q.store.db["events"].rows)
    assert json.loads(events[-1]["after"])["tag"] == "Claim"
    q.close()
