"""Reviewing, suggestions, the queue, history, curation and agreement (headless)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.changes import Change
from annotator.core.commands import CommandStack, ReviewCommand
from annotator.core.demo import B_BOUNDS, B_EXTRA, B_MISSING, B_RETAGGED, colleague_sets
from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.domain.model import GOLD
from annotator.formats import w3c
from annotator.formats.w3c_import import read_w3c

TEXT = "The ministry said the figures were wrong. Officials denied it. Reports say so."


@pytest.fixture
def desk(tmp_path: Path):
    """alice annotates; bob reviews (the same database)."""
    alice = Project.open(tmp_path / "desk.db", "alice")
    bob = Project(alice.store, "bob")
    from annotator_test_helpers import make_draft

    article = alice.import_draft(make_draft(TEXT, title="Desk")).article
    claim = alice.annotate_quote(article.id, "the figures were wrong", "Claim", actor="Ministry")
    source = alice.annotate_quote(article.id, "The ministry said", "Source")
    denial = alice.annotate_quote(article.id, "Officials denied it", "Denial")
    alice.link(claim.id, source.id)
    alice.link(denial.id, claim.id)
    yield alice, bob, article, {"claim": claim.id, "source": source.id, "denial": denial.id}
    alice.close()


def test_accept_reject_comment_and_reply(desk) -> None:
    alice, bob, article, ids = desk
    seen: list[Change] = []
    bob.subscribe(seen.append)
    accepted = bob.review(ids["claim"], "accept")
    assert (accepted.decision, accepted.reviewer, accepted.comment) == ("accepted", "bob", "")
    assert seen[-1] == Change("reviews", article.id, (ids["claim"],))
    with pytest.raises(BadInput, match="reason"):
        bob.review(ids["source"], "reject")
    with pytest.raises(BadInput, match="reason"):
        bob.review(ids["source"], "rejected", "   ")
    rejected = bob.review(ids["source"], "reject", "Not a source, a verb.")
    question = bob.review(ids["source"], "comment", "Who said it?")
    answer = alice.review(ids["source"], "comment", "The ministry.", reply_to=question.id[:8])
    assert answer.reply_to == question.id
    thread = alice.reviews_of(ids["source"])
    assert [r.id for r in thread] == [rejected.id, question.id, answer.id]
    with pytest.raises(BadInput):
        bob.review(ids["source"], "comment", "")
    with pytest.raises(BadInput, match="unknown review decision"):
        bob.review(ids["source"], "maybe", "x")
    with pytest.raises(BadInput, match="same annotation"):
        bob.review(ids["claim"], "comment", "x", reply_to=question.id)


def test_states_comments_do_not_change_them(desk) -> None:
    alice, bob, article, ids = desk
    assert bob.review_state(ids["claim"]) == "unreviewed"
    bob.review(ids["claim"], "accept")
    bob.review(ids["claim"], "comment", "Nice.")
    assert bob.review_state(ids["claim"]) == "accepted"
    alice.review(ids["claim"], "reject", "On second thoughts, too broad.")
    bob.suggest_change(ids["claim"], tag="Evidence")
    assert bob.review_state(ids["claim"]) == "rejected"
    states = bob.review_states(article.id)
    assert states == {
        ids["claim"]: "rejected",
        ids["source"]: "unreviewed",
        ids["denial"]: ("unreviewed"),
    }
    # the board and the exports see the same state
    from annotator.core.board import build_board

    (claim,) = build_board(bob, article.id)
    assert claim.review_state == "rejected"


def test_reviewing_a_deleted_annotation_is_refused(desk) -> None:
    alice, bob, _article, ids = desk
    alice.delete_annotation(ids["denial"])
    with pytest.raises(BadInput, match="deleted"):
        bob.review(ids["denial"], "accept")


def test_suggestion_accepted_by_the_author_applies_the_change(desk) -> None:
    alice, bob, _article, ids = desk
    claim = alice.annotation(ids["claim"])
    suggestion = bob.suggest_change(ids["claim"], start=claim.start + 4, comment="Leave out “the”.")
    assert (suggestion.decision, suggestion.suggested_start, suggestion.suggested_end) == (
        "suggested",
        claim.start + 4,
        claim.end,
    )
    assert suggestion.suggested_tag is None
    with pytest.raises(BadInput, match="only the annotation's author"):
        bob.resolve_suggestion(suggestion.id, accept=True)
    assert alice.annotation(ids["claim"]).start == claim.start  # nothing changed
    done = alice.resolve_suggestion(suggestion.id, accept=True)
    assert done.resolution == "accepted" and done.resolved
    changed = alice.annotation(ids["claim"])
    assert (changed.start, changed.exact) == (claim.start + 4, "figures were wrong")
    with pytest.raises(BadInput, match="already accepted"):
        alice.resolve_suggestion(suggestion.id, accept=False)


def test_suggestion_declined_and_bad_suggestions(desk) -> None:
    alice, bob, _article, ids = desk
    retag = bob.suggest_change(ids["source"], tag="evidence")
    assert retag.suggested_tag == "Evidence"
    done = alice.resolve_suggestion(retag.id, accept=False)
    assert done.resolution == "declined"
    assert alice.annotation(ids["source"]).tag == "Source"
    with pytest.raises(BadInput, match="changes nothing"):
        bob.suggest_change(ids["source"], tag="Source")
    with pytest.raises(BadInput, match="out of range"):
        bob.suggest_change(ids["source"], end=10_000)
    with pytest.raises(BadInput, match="not a suggestion"):
        alice.resolve_suggestion(bob.review(ids["source"], "accept").id, accept=True)


def test_queue_excludes_mine_reviewed_gold_and_deleted(desk, tmp_path: Path) -> None:
    alice, bob, article, ids = desk
    mine = bob.annotate_quote(article.id, "Reports say so", "Evidence")
    order = [a.id for a in alice.annotations(article.id) if a.annotator == "alice"]
    assert [a.id for a in bob.review_queue()] == order  # text order, not bob's own
    assert alice.review_queue(article.id[:8]) == [alice.annotation(mine.id)]
    bob.review(ids["source"], "comment", "Hm.")  # a comment is not a decision
    assert ids["source"] in [a.id for a in bob.review_queue()]
    bob.review(ids["source"], "reject", "No.")
    bob.review(ids["claim"], "accept")
    alice.delete_annotation(ids["denial"])
    assert bob.review_queue() == []
    # another reviewer's decision does not take it out of my queue
    carol = Project(alice.store, "carol")
    assert {a.id for a in carol.review_queue()} == {ids["claim"], ids["source"], mine.id}
    carol.curate(article.id)  # gold copies of the accepted claim: never in a queue
    assert {a.id for a in carol.review_queue()} == {ids["claim"], ids["source"], mine.id}


def test_gold_is_a_reserved_name(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="reserved"):
        Project.open(tmp_path / "g.db", "Gold")


def test_undo_withdraws_my_latest_review_and_redo_reviews_again(desk) -> None:
    alice, bob, _article, ids = desk
    stack = CommandStack(bob)
    command = stack.push(ReviewCommand(ids["claim"], "accept"))
    assert command.label == "Accept"
    assert bob.review_state(ids["claim"]) == "accepted"
    stack.undo()
    assert bob.review_state(ids["claim"]) == "unreviewed"
    assert bob.reviews_of(ids["claim"]) == []
    stack.redo()
    assert bob.review_state(ids["claim"]) == "accepted"
    # only my own, latest, unanswered review can be withdrawn
    first = bob.review(ids["source"], "comment", "One.")
    bob.review(ids["source"], "comment", "Two.")
    with pytest.raises(BadInput, match="latest"):
        bob.unreview(first.id)
    with pytest.raises(BadInput, match="only bob"):
        alice.unreview(first.id)
    question = bob.review(ids["denial"], "comment", "Sure?")
    alice.review(ids["denial"], "comment", "Yes.", reply_to=question.id)
    with pytest.raises(BadInput, match="answered"):
        bob.unreview(question.id)
    events = [e.action for e in bob.history(ids["claim"])]
    assert events.count("review") == 2 and events.count("unreview") == 1


class _FrozenClock:
    """``datetime`` whose ``now`` never moves: every action lands in the same millisecond."""

    @staticmethod
    def now(tz=None):
        from datetime import datetime

        return datetime(2099, 1, 1, 12, 0, tzinfo=tz)


@pytest.mark.parametrize("clock", ["real", "frozen"])
def test_history_entries(desk, clock, monkeypatch) -> None:
    """In the order done, even when it all happens within one millisecond."""
    alice, bob, _article, ids = desk
    if clock == "frozen":
        import annotator.domain.model

        monkeypatch.setattr(annotator.domain.model, "datetime", _FrozenClock)
    alice.update_annotation(ids["claim"], tag="Evidence")
    alice.update_annotation(ids["claim"], note="Checked.")
    bob.review(ids["claim"], "reject", "Evidence of what?")
    suggestion = bob.suggest_change(ids["claim"], tag="Claim")
    alice.resolve_suggestion(suggestion.id, accept=True)
    alice.delete_annotation(ids["claim"])
    alice.restore_annotation(ids["claim"])
    entries = alice.history_of(ids["claim"])
    assert [(e.who, e.what) for e in entries] == [
        ("alice", "created as Claim"),
        ("alice", "tag Claim → Evidence"),
        ("alice", "note edited"),
        ("bob", "rejected: Evidence of what?"),
        ("bob", "suggested tag Claim"),
        ("alice", "tag Evidence → Claim"),
        ("alice", "accepted the suggestion (tag Claim)"),
        ("alice", "deleted"),
        ("alice", "restored"),
    ]
    assert all(e.at.endswith("Z") for e in entries)
    assert [e.at for e in entries] == sorted(e.at for e in entries)


def test_curate_builds_the_agreed_set_idempotently_with_links(desk) -> None:
    alice, bob, article, ids = desk
    bob.set_verdict(ids["claim"], "Mostly false", "The figures hold up.")
    for key in ("claim", "source", "denial"):
        bob.review(ids[key], "accept")
    bob.review(ids["denial"], "reject", "Not a denial of this claim.")  # the latest counts
    report = bob.curate(article.id)
    assert (report.curator, report.added, report.kept, report.links) == ("bob", 2, 0, 1)
    gold = [a for a in bob.annotations(article.id) if a.annotator == GOLD]
    assert sorted(a.exact for a in gold) == ["The ministry said", "the figures were wrong"]
    claim = next(a for a in gold if a.tag == "Claim")
    assert claim.actor == "Ministry"
    assert bob.verdict(claim.id).rating == "Mostly false"
    (link,) = [r for r in bob.relations(article.id) if r.annotator == GOLD]
    assert link.from_id == claim.id and link.type == "attributed_to"
    # again: nothing new, everything kept
    again = bob.curate(article.id)
    assert (again.added, again.kept, again.links) == (0, 2, 0)
    # the denial accepted now: one more copy, and its link to the gold claim
    bob.review(ids["denial"], "accept")
    third = bob.curate(article.id)
    assert (third.added, third.kept, third.links) == (1, 2, 1)
    # the curator is recorded: on each copy's creation event and on the article
    created = bob.history(claim.id)[0]
    assert created.annotator == "bob" and created.after["curated_from"] == ids["claim"]
    assert [e.what for e in bob.history_of(claim.id)][0].startswith(
        "created as Claim in the agreed"
    )
    from annotator.store import events as event_rows

    logged = event_rows.history(bob.store.db, "article", article.id)
    assert [e.after["added"] for e in logged if e.action == "curate"] == [2, 0, 1]
    # exporting only the agreed set
    data = w3c.from_export(bob.export_data(annotators=[GOLD]))
    items = data["first"]["items"]
    assert {i["creator"]["name"] for i in items} == {GOLD}
    assert sum(i["motivation"] == "linking" for i in items) == 2


def _colleagues(tmp_path: Path) -> tuple[Project, str]:
    dana = Project.open(tmp_path / "dana.db", "Dana")
    min_jun = Project.open(tmp_path / "min.db", "Min-jun")
    lead = Project.open(tmp_path / "lead.db", "lead")
    try:
        art_a, art_b = dana.import_sample().article.id, min_jun.import_sample().article.id
        colleague_sets(dana, min_jun, art_a, art_b)
        article = lead.import_sample().article.id
        for project in (dana, min_jun):
            doc = json.dumps(w3c.from_export(project.export_data())).encode()
            lead.import_annotations(read_w3c(doc, "set.jsonld"))
    finally:
        dana.close()
        min_jun.close()
    return lead, article


def test_agreement_and_differences_of_two_imported_sets(tmp_path: Path) -> None:
    lead, article = _colleagues(tmp_path)
    try:
        kinds = [d.kind for d in lead.differences(article, "Dana", "Min-jun")]
        assert kinds.count("only_a") == 1  # the missing claim
        assert kinds.count("only_b") == 1  # the extra claim
        assert kinds.count("other_tag") == len(B_RETAGGED)
        assert kinds.count("other_bounds") == len(B_BOUNDS)
        assert B_MISSING and B_EXTRA
        result = lead.agreement("Dana", "Min-jun", article)
        a, b = result.a_count, result.b_count
        same = kinds.count("same")
        assert (a, b) == (28, 28)
        # exact: the "same" rows; overlap: those plus the shifted spans
        assert result.exact_f1 == pytest.approx(2 * same / (a + b))
        assert result.overlap_f1 == pytest.approx(2 * (same + len(B_BOUNDS)) / (a + b))
        assert result.per_tag["Denial"].kappa == pytest.approx(1.0)
        assert 0 < result.alpha < 1
        # the corpus is this one article: the same figures
        assert lead.agreement("Dana", "Min-jun") == result
        # the package and the stdlib formula agree
        from annotator.domain.agreement import Span, alpha_nominal, char_pairs

        text_len = len(lead.article(article).text)

        def spans(who: str) -> list[Span]:
            return [
                Span(x.start, x.end, x.tag, x.id)
                for x in lead.annotations(article)
                if x.annotator == who
            ]

        pairs = char_pairs(text_len, spans("Dana"), spans("Min-jun"))
        assert result.alpha == pytest.approx(alpha_nominal(pairs))
        with pytest.raises(BadInput, match="no annotations by 'Nobody'"):
            lead.agreement("Dana", "Nobody")
    finally:
        lead.close()
