"""Two people on one database editing the same annotation: the user is asked, never overwritten."""

from __future__ import annotations

from pathlib import Path

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


def _typing_while_bob_saves(qtbot, open_window, tmp_path: Path, answer: str, *, delete=False):
    """Alice types a note; before her idle save, Bob changes it (or deletes the annotation).
    Her save is refused and she is asked: ``answer`` is the button she presses."""
    db = tmp_path / "shared.db"
    window, project, article = open_window(TEXT, db=db)
    a = project.annotate_quote(article.id, "Pyongyang sent shells", "Claim")
    window.reload_article()
    window.view.select_annotation(a.id)
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Alice: see the UN panel")
    bob = Project.open(db, "Bob")
    if delete:
        bob.delete_annotation(a.id)
    else:
        bob.update_annotation(a.id, note="Bob: satellite images")
    seen = _answer(qtbot, answer)
    qtbot.waitUntil(lambda: bool(seen), timeout=4000)  # the idle save was refused: asked
    return window, project, bob, a, seen


def test_keep_mine_saves_over_theirs_after_asking(qtbot, open_window, tmp_path) -> None:
    window, project, bob, a, seen = _typing_while_bob_saves(
        qtbot, open_window, tmp_path, "Keep mine"
    )
    qtbot.waitUntil(lambda: project.annotation(a.id).note == "Alice: see the UN panel")
    assert "Bob changed the note" in seen[0]
    assert "Theirs: “Bob: satellite images”" in seen[0]
    assert "Yours: “Alice: see the UN panel”" in seen[0]
    notes = [e.after["note"] for e in project.history(a.id) if e.after and "note" in e.after]
    assert notes[-2:] == ["Bob: satellite images", "Alice: see the UN panel"]  # theirs kept
    window.view.setFocus()
    qtbot.wait(300)
    assert len(seen) == 1  # asked once
    bob.close()


def test_take_theirs_shows_theirs_and_drops_mine(qtbot, open_window, tmp_path) -> None:
    window, project, bob, a, seen = _typing_while_bob_saves(
        qtbot, open_window, tmp_path, "Take theirs"
    )
    details = window.panel.details
    qtbot.waitUntil(lambda: details.note.toPlainText() == "Bob: satellite images")
    assert project.annotation(a.id).note == "Bob: satellite images"
    assert Drafts().for_database(project.path) == {}
    window.view.setFocus()  # nothing left to save, nothing asked again
    qtbot.wait(300)
    assert len(seen) == 1 and project.annotation(a.id).note == "Bob: satellite images"
    bob.close()


def test_an_annotation_deleted_meanwhile_can_be_restored_with_my_change(
    qtbot, open_window, tmp_path
) -> None:
    window, project, bob, a, seen = _typing_while_bob_saves(
        qtbot, open_window, tmp_path, "Keep mine", delete=True
    )
    qtbot.waitUntil(lambda: not project.annotation(a.id).deleted)
    assert "Bob deleted this annotation" in seen[0]
    assert project.annotation(a.id).note == "Alice: see the UN panel"
    bob.close()


def test_bob_s_change_appears_but_alice_s_typing_stays(qtbot, open_window, tmp_path) -> None:
    db = tmp_path / "shared.db"
    window, project, article = open_window(TEXT, db=db)
    a = project.annotate_quote(article.id, "Pyongyang sent shells", "Claim")
    window.reload_article()
    window.view.select_annotation(a.id)
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Alice")
    details._note_timer.stop()  # still typing
    bob = Project.open(db, "Bob")
    bob.update_annotation(a.id, tag="Evidence")
    qtbot.waitUntil(lambda: details.current.tag == "Evidence", timeout=2500)
    assert details.note.toPlainText() == "Alice"
    details.flush_note()  # a different field: saved without a question
    assert project.annotation(a.id).note == "Alice"
    assert project.annotation(a.id).tag == "Evidence"
    bob.close()
