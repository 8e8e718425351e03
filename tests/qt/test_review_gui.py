"""Reviewing by keyboard in the queue, badges, history, and two annotators compared."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.project import Project

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds.\n\n"
    "Both Russia and North Korea deny that, calling it fabricated."
)


def _colleague(project: Project, article_id: str) -> list:
    bob = Project(project.store, "bob")
    return [
        bob.annotate_quote(article_id, "North Korea has supplied Russia", "Claim"),
        bob.annotate_quote(article_id, "Both Russia and North Korea deny that", "Denial"),
        bob.annotate_quote(article_id, "fabricated", "Claim"),
    ]


def test_queue_accept_reject_comment_by_keyboard(qtbot, open_window, monkeypatch) -> None:
    window, project, article = open_window(TEXT)  # I am "alice"
    mine = project.annotate_quote(article.id, "The United States says", "Source")
    claim, denial, extra = _colleague(project, article.id)
    window.reload_article()
    qtbot.keyClick(window.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    queue = window.queue
    assert window.queue_dock.isVisible()
    ids = [a.id for a in queue.items]
    assert ids == [claim.id, denial.id, extra.id] and mine.id not in ids  # not mine
    assert window.view.selected_id == claim.id  # the current one is shown in the text
    qtbot.keyClick(queue.list, Qt.Key.Key_A)
    assert project.review_state(claim.id) == "accepted"
    assert [a.id for a in queue.items] == [denial.id, extra.id]
    qtbot.keyClick(queue.list, Qt.Key.Key_N)
    assert queue.current().id == extra.id
    monkeypatch.setattr(queue, "ask", lambda action: "Not a claim: a label")
    qtbot.keyClick(queue.list, Qt.Key.Key_R)
    assert project.review_state(extra.id) == "rejected"
    assert project.reviews_of(extra.id)[-1].comment == "Not a claim: a label"
    monkeypatch.setattr(queue, "ask", lambda action: "Whose denial is this?")
    qtbot.keyClick(queue.list, Qt.Key.Key_C)
    [comment] = project.reviews_of(denial.id)
    assert (comment.decision, comment.comment) == ("commented", "Whose denial is this?")
    assert project.review_state(denial.id) == "unreviewed"  # a comment is not a decision
    # badges: initials (two people) and the review state
    assert window.view.badges[claim.id].endswith("✓")
    assert window.view.badges[extra.id].endswith("✗")
    # undo withdraws the last review
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.reviews_of(denial.id) == []
    # the history of a reviewed annotation shows who did what
    window.view.select_annotation(claim.id)
    history = window.panel.details.history
    texts = [history.item(i).text() for i in range(history.count())]
    assert any("bob" in t and "created" in t for t in texts)
    assert any("alice" in t and "accepted" in t for t in texts)


def test_compare_two_annotators_marks_differences(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    project.annotate_quote(article.id, "North Korea has supplied Russia", "Claim")
    project.annotate_quote(article.id, "Both Russia and North Korea deny that", "Claim")
    project.annotate_quote(article.id, "The United States says", "Source")
    _colleague(project, article.id)
    window.reload_article()
    window._refresh_people()
    window.compare_dock.show()
    compare = window.compare
    compare.a.setCurrentText("alice")
    compare.b.setCurrentText("bob")
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(compare.findChild(QPushButton, "compareButton"), Qt.MouseButton.LeftButton)
    kinds = sorted(
        compare.differences.item(r, 0).text() for r in range(compare.differences.rowCount())
    )
    assert kinds == ["only A", "only B", "same span, other tag"]
    assert "exact-span F1 0.33" in compare.summary.text()
    assert compare.per_tag.rowCount() >= 2
    # the text shows only the two people's annotations, differences badged
    shown = {a.annotator for a in window.view.layer_index.by_id.values()}
    assert shown == {"alice", "bob"}
    assert any("≠ tag" in b for b in window.view.badges.values())
    compare.differences.setCurrentCell(0, 1)
    compare._activated(0, 1)
    assert window.view.selected_id is not None


def test_suggestion_from_the_review_tab_accepted_by_the_author(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)  # alice
    mine = project.annotate_quote(article.id, "North Korea has supplied", "Claim")
    window.reload_article()
    # bob suggests new boundaries and a tag from his own window on the same database
    bob = Project(project.store, "bob")
    start = TEXT.index("North Korea has supplied Russia")
    bob.suggest_change(
        mine.id,
        tag="Evidence",
        start=start,
        end=start + len("North Korea has supplied Russia"),
        comment="wider",
    )
    window.view.select_annotation(mine.id)
    tab = window.panel.details.review_tab
    assert tab.thread.count() == 1 and "tag → Evidence" in tab.thread.item(0).text()
    tab.thread.setCurrentRow(0)
    assert tab.accept_suggestion.isEnabled()  # alice is the author
    qtbot.mouseClick(tab.accept_suggestion, Qt.MouseButton.LeftButton)
    changed = project.annotation(mine.id)
    assert (changed.tag, changed.exact) == ("Evidence", "North Korea has supplied Russia")


def test_reject_needs_a_reason_and_comment_replies(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    theirs = _colleague(project, article.id)[0]
    window.reload_article()
    window.view.select_annotation(theirs.id)
    tab = window.panel.details.review_tab
    tab._review("reject")  # no reason typed
    assert project.reviews_of(theirs.id) == []
    assert "reason" in window.statusBar().currentMessage().lower() or (
        "comment" in window.statusBar().currentMessage().lower()
    )
    qtbot.keyClicks(tab.comment, "Source is unnamed")
    qtbot.keyClick(tab.comment, Qt.Key.Key_Return)  # a comment
    tab.thread.setCurrentRow(0)
    qtbot.keyClicks(tab.comment, "Which source?")
    qtbot.keyClick(tab.comment, Qt.Key.Key_Return)  # a reply to it
    first, reply = project.reviews_of(theirs.id)
    assert reply.reply_to == first.id


def test_curate_builds_the_gold_set_from_accepted(qtbot, open_window, monkeypatch) -> None:
    window, project, article = open_window(TEXT)
    claim, denial, extra = _colleague(project, article.id)
    project.review(claim.id, "accept")
    project.review(denial.id, "accept")
    project.review(extra.id, "reject", "not a claim")
    told = []
    monkeypatch.setattr("annotator.qt.window_review.tell", lambda *a, **k: told.append(a[2]))
    window.curate_dialog()
    assert "2 added" in told[0]
    gold = [a for a in project.annotations(article.id) if a.annotator == "gold"]
    assert sorted(a.exact for a in gold) == sorted([claim.exact, denial.exact])
    assert window.show_box.findData("gold") >= 0
