"""Two people on one database editing the same annotation: the user is asked, never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.project import Project
from annotator.settings import Drafts

TEXT = "Washington says Pyongyang sent shells to Moscow. Moscow denies it."


def _answer(qtbot, button_prefix: str) -> list[str]:
    """Click the button starting with ``button_prefix`` in the next message box; its text."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            assert box.textFormat() == Qt.TextFormat.PlainText
            for button in box.buttons():
                if button.text().startswith(button_prefix):
                    button.click()
                    return
        QTimer.singleShot(30, look)

    QTimer.singleShot(30, look)
    return seen


@pytest.fixture
def shared(open_window, tmp_path: Path):
    """``shared(quote, verdict=None)`` → (window, project, article, annotation, bob): Alice's
    window with her claim on ``quote`` selected, and Bob on the same database."""
    bobs: list[Project] = []

    def make(quote: str = "Pyongyang sent shells", verdict: tuple[str, str] | None = None):
        db = tmp_path / "shared.db"
        window, project, article = open_window(TEXT, db=db)
        a = project.annotate_quote(article.id, quote, "Claim")
        if verdict is not None:
            project.set_verdict(a.id, *verdict)
        window.reload_article()
        window.view.select_annotation(a.id)
        bob = Project.open(db, "Bob")
        bobs.append(bob)
        return window, project, article, a, bob

    yield make
    for bob in bobs:
        bob.close()


def _typing_while_bob_saves(qtbot, shared, answer: str, *, delete=False):
    """Alice types a note; before her idle save, Bob changes it (or deletes the annotation).
    Her save is refused and she is asked: ``answer`` is the button she presses."""
    window, project, _article, a, bob = shared()
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Alice: see the UN panel")
    if delete:
        bob.delete_annotation(a.id)
    else:
        bob.update_annotation(a.id, note="Bob: satellite images")
    seen = _answer(qtbot, answer)
    qtbot.waitUntil(lambda: bool(seen), timeout=4000)  # the idle save was refused: asked
    return window, project, a, seen


def test_keep_mine_saves_over_theirs_after_asking(qtbot, shared) -> None:
    window, project, a, seen = _typing_while_bob_saves(qtbot, shared, "Keep mine")
    qtbot.waitUntil(lambda: project.annotation(a.id).note == "Alice: see the UN panel")
    assert "Bob changed the note" in seen[0]
    assert "Theirs: “Bob: satellite images”" in seen[0]
    assert "Yours: “Alice: see the UN panel”" in seen[0]
    notes = [e.after["note"] for e in project.history(a.id) if e.after and "note" in e.after]
    assert notes[-2:] == ["Bob: satellite images", "Alice: see the UN panel"]  # theirs kept
    window.view.setFocus()
    qtbot.wait(300)
    assert len(seen) == 1  # asked once


def test_take_theirs_shows_theirs_and_drops_mine(qtbot, shared) -> None:
    window, project, a, seen = _typing_while_bob_saves(qtbot, shared, "Take theirs")
    details = window.panel.details
    qtbot.waitUntil(lambda: details.note.toPlainText() == "Bob: satellite images")
    assert project.annotation(a.id).note == "Bob: satellite images"
    assert Drafts().for_database(project.path) == {}
    window.view.setFocus()  # nothing left to save, nothing asked again
    qtbot.wait(300)
    assert len(seen) == 1 and project.annotation(a.id).note == "Bob: satellite images"


def test_an_annotation_deleted_meanwhile_can_be_restored_with_my_change(qtbot, shared) -> None:
    _window, project, a, seen = _typing_while_bob_saves(qtbot, shared, "Keep mine", delete=True)
    qtbot.waitUntil(lambda: not project.annotation(a.id).deleted)
    assert "Bob deleted this annotation" in seen[0]
    assert project.annotation(a.id).note == "Alice: see the UN panel"


def test_bob_s_change_appears_but_alice_s_typing_stays(qtbot, shared) -> None:
    window, project, _article, a, bob = shared()
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Alice")
    details._note_timer.stop()  # still typing
    bob.update_annotation(a.id, tag="Evidence")
    qtbot.waitUntil(lambda: details.current.tag == "Evidence", timeout=2500)
    assert details.note.toPlainText() == "Alice"
    details.flush_note()  # a different field: saved without a question
    assert project.annotation(a.id).note == "Alice"
    assert project.annotation(a.id).tag == "Evidence"


def _editing_verdict_while_bob_rates(qtbot, shared, answer: str):
    """Alice rewrites her explanation; Bob gives another verdict; Alice presses Enter."""
    window, project, _article, claim, bob = shared(verdict=("False", "No shipments found."))
    details = window.panel.details
    details.explanation.setFocus()
    details.explanation.end(False)
    qtbot.keyClicks(details.explanation, " Both deny it.")
    bob.set_verdict(claim.id, "Mostly true", "Satellite images show the trains.")
    qtbot.waitUntil(lambda: details._verdict.rating == "Mostly true", timeout=3000)
    # what Alice is editing stays as she sees it
    assert details.explanation.text() == "No shipments found. Both deny it."
    assert details.rating_box.currentData() == "False"
    seen = _answer(qtbot, answer)
    qtbot.keyClick(details.explanation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=4000)
    return window, project, claim, seen


def test_a_verdict_changed_meanwhile_is_asked_and_keep_mine_saves_mine(qtbot, shared) -> None:
    _window, project, claim, seen = _editing_verdict_while_bob_rates(qtbot, shared, "Keep mine")
    assert "Bob changed the verdict" in seen[0]
    assert "Theirs: Mostly true — “Satellite images show the trains.”" in seen[0]
    assert "Yours: False — “No shipments found. Both deny it.”" in seen[0]
    qtbot.waitUntil(
        lambda: project.verdict(claim.id).explanation == "No shipments found. Both deny it."
    )
    assert project.verdict(claim.id).rating == "False"
    ratings = [e.after["rating"] for e in project.history(claim.id) if e.action == "verdict"]
    assert ratings == ["False", "Mostly true", "False"]  # theirs stays in the history


def test_a_verdict_changed_meanwhile_take_theirs_shows_theirs(qtbot, shared) -> None:
    window, project, claim, seen = _editing_verdict_while_bob_rates(qtbot, shared, "Take theirs")
    details = window.panel.details
    qtbot.waitUntil(lambda: details.explanation.text() == "Satellite images show the trains.")
    assert details.rating_box.currentData() == "Mostly true"
    verdict = project.verdict(claim.id)
    assert (verdict.rating, verdict.explanation) == (
        "Mostly true",
        "Satellite images show the trains.",
    )
    window.view.setFocus()  # leaving the field saves nothing and asks nothing
    qtbot.wait(300)
    assert len(seen) == 1 and project.verdict(claim.id).annotator == "Bob"


def test_a_verdict_field_only_focused_follows_the_other_window(qtbot, shared) -> None:
    window, project, _article, claim, bob = shared(verdict=("False", "No shipments found."))
    details = window.panel.details
    details.explanation.setFocus()  # focused, nothing typed
    bob.set_verdict(claim.id, "Mostly true", "Satellite images show the trains.")
    qtbot.waitUntil(
        lambda: details.explanation.text() == "Satellite images show the trains.", timeout=3000
    )
    assert details.rating_box.currentData() == "Mostly true"
    window.view.setFocus()
    qtbot.wait(300)
    assert project.verdict(claim.id).annotator == "Bob"  # nothing saved over it


def test_a_resize_from_the_keyboard_after_someone_moved_it_is_asked(qtbot, shared) -> None:
    window, project, _article, a, bob = shared()
    window.view.setFocus()
    bob.update_annotation(a.id, end=a.end - len(" shells"))  # "Pyongyang sent"
    seen = _answer(qtbot, "Take theirs")
    # before the window has seen Bob's change: Alice widens the start by a word
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Up,
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=4000)
    assert "Bob changed the boundaries" in seen[0]
    assert "Theirs: “Pyongyang sent”" in seen[0]
    assert "Yours: “says Pyongyang sent shells”" in seen[0]
    assert project.annotation(a.id).exact == "Pyongyang sent"  # theirs kept
    qtbot.waitUntil(lambda: window.view.selected_annotation().exact == "Pyongyang sent")


def test_a_retag_from_the_keyboard_after_someone_retagged_it_is_asked(qtbot, shared) -> None:
    window, project, _article, a, bob = shared("Moscow denies it")
    window.view.setFocus()
    bob.update_annotation(a.id, tag="Evidence")
    seen = _answer(qtbot, "Keep mine")
    denial_key = next(t.key for t in project.tags() if t.name == "Denial")
    qtbot.keyClicks(window.view, denial_key)
    qtbot.waitUntil(lambda: bool(seen), timeout=4000)
    assert "Bob changed the tag" in seen[0]
    assert "Theirs: “Evidence”" in seen[0] and "Yours: “Denial”" in seen[0]
    qtbot.waitUntil(lambda: project.annotation(a.id).tag == "Denial")
    tags = [e.after["tag"] for e in project.history(a.id) if e.after and "tag" in e.after]
    assert tags[-2:] == ["Evidence", "Denial"]


def test_typing_goes_on_where_it_was_while_another_window_saves(qtbot, shared) -> None:
    """Another window's change re-reads the article without taking the keyboard: the
    rest of the note goes into the note, not into the text as tag keys."""
    window, project, article, a, bob = shared()
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Alice")
    details._note_timer.stop()  # still typing
    made = bob.annotate_quote(article.id, "Moscow denies it", "Denial")
    qtbot.waitUntil(lambda: made.id in window.view.layer_index.by_id, timeout=2500)
    assert details.note.hasFocus() and details.current.id == a.id
    qtbot.keyClicks(details.note, " 3 sources")
    assert details.note.toPlainText() == "Alice 3 sources"
    details.flush_note()
    assert project.annotation(a.id).note == "Alice 3 sources"
    assert len(project.annotations(article.id)) == 2  # no tag made by the key 3
