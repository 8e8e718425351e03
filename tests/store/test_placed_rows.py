"""What opening an article reads: its placed annotations as rows, its links and review
decisions (the same answers whichever way the join walks), the article without a count."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.domain.rows import FIELDS, from_row
from annotator.store import annotations as annotation_rows

TEXT = "The ministry said the figures were wrong. Officials denied it. Reports say so."


@pytest.fixture
def desk(tmp_path: Path):
    """alice annotates two articles; bob reviews (the same database)."""
    from annotator_test_helpers import make_draft

    alice = Project.open(tmp_path / "desk.db", "alice")
    bob = Project(alice.store, "bob")
    article = alice.import_draft(make_draft(TEXT, title="Desk")).article
    other = alice.import_draft(make_draft(TEXT + " Again.", title="Other")).article
    claim = alice.annotate_quote(article.id, "the figures were wrong", "Claim", actor="Ministry")
    source = alice.annotate_quote(article.id, "The ministry said", "Source", note="who")
    denial = alice.annotate_quote(article.id, "Officials denied it", "Denial")
    gone = alice.annotate_quote(article.id, "Reports say so", "Evidence")
    alice.delete_annotation(gone.id)
    elsewhere = alice.annotate_quote(other.id, "Officials denied it", "Denial")
    alice.link(claim.id, source.id)
    alice.link(denial.id, claim.id)
    alice.link(elsewhere.id, alice.annotate_quote(other.id, "the figures", "Claim").id)
    bob.review(claim.id, "accept")
    bob.review(source.id, "reject", "Not a source.")
    bob.review(elsewhere.id, "accept")
    yield alice, article
    alice.close()


def test_rows_are_the_placed_live_annotations(desk) -> None:
    alice, article = desk
    rows = alice.placed_rows(article.id)
    text_order = [(r[FIELDS.index("start")], r[FIELDS.index("end")]) for r in rows]
    assert text_order == sorted(text_order)
    made = {a.id: a for a in map(from_row, rows)}
    assert made == {a.id: a for a in alice.annotations(article.id)}  # not the deleted one
    by_tag = {a.tag: a for a in made.values()}
    assert by_tag["Claim"].actor == "Ministry" and by_tag["Source"].note == "who"
    assert by_tag["Denial"].note == "" and by_tag["Denial"].prefix  # no None for ""
    assert alice.placed_rows("no-such-article") == []


def test_links_and_decisions_alike_whichever_table_is_walked(desk, monkeypatch) -> None:
    alice, article = desk
    answers = []
    for walk in (True, False):
        monkeypatch.setattr(annotation_rows, "walk_from", lambda *_a, w=walk: w)
        answers.append((alice.relations(article.id), alice.review_decisions(article.id)))
    assert answers[0] == answers[1]
    relations, decisions = answers[0]
    assert len(relations) == 2 and sorted(decisions.values()) == ["accepted", "rejected"]


def test_the_smaller_table_is_walked(desk) -> None:
    alice, article = desk
    db = alice.store.db
    # 4 annotations ever made on the article; 3 relations and 3 reviews in the database
    assert annotation_rows.walk_from(db, "relations", article.id)
    assert annotation_rows.walk_from(db, "reviews", article.id)
    assert not annotation_rows.walk_from(db, "relations", "no-such-article")


def test_an_article_read_without_its_count(desk) -> None:
    alice, article = desk
    counted, uncounted = alice.article(article.id), alice.article(article.id[:8], count=False)
    assert counted.annotation_count == 3 and uncounted.annotation_count == 0
    assert uncounted.text == counted.text and uncounted.title == counted.title == "Desk"
