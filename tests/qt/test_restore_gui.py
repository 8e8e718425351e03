"""File → Restore from a backup: the list, the confirmation, the window afterwards."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.qt.dialogs.restore_dialog import RestoreDialog

TEXT = "Washington says Pyongyang sent shells to Moscow. Moscow denies it."


def test_restore_from_the_list_shows_the_restored_state(qtbot, open_window, monkeypatch) -> None:
    window, project, article = open_window(TEXT)
    claim = project.annotate_quote(article.id, "Pyongyang sent shells", "Claim")
    project.store.automatic_backup()
    window.reload_article()
    window.view.select_annotation(claim.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, "3")  # retag as Denial, on the undo stack
    assert project.annotation(claim.id).tag == "Denial"
    asked: list[str] = []
    monkeypatch.setattr(RestoreDialog, "confirm", lambda self, text: asked.append(text) or True)
    shown: list[RestoreDialog] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(30, drive)
            return
        shown.append(dialog)
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 1).text() == "1" and dialog.table.item(0, 2).text() == "1"
        dialog.restore_button.click()

    QTimer.singleShot(30, drive)
    window.restore_dialog()
    assert shown and "1 articles and 1 annotations" in asked[0]
    assert project.annotation(claim.id).tag == "Claim"  # the backup's state
    assert window.view.layer_index.by_id[claim.id].tag == "Claim"  # shown
    assert not window.undo_group.activeStack().canUndo()  # old history is gone
    assert "Restored. The state before was saved as" in window.statusBar().currentMessage()


def test_a_restore_in_another_window_clears_this_window_s_undo_history(
    qtbot, open_window, tmp_path
) -> None:
    from annotator.core.project import Project

    db = tmp_path / "shared.db"
    window, project, article = open_window(TEXT, db=db)
    claim = project.annotate_quote(article.id, "Pyongyang sent shells", "Claim")
    backup = project.store.automatic_backup()
    window.reload_article()
    window.view.select_annotation(claim.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, "3")  # retag as Denial, on this window's undo stack
    assert window.undo_group.activeStack().canUndo()
    other = Project.open(db, "Ben")
    other.restore_backup(backup)  # another window (or `annotator restore`) restores
    qtbot.waitUntil(lambda: not window.undo_group.activeStack().canUndo(), timeout=3000)
    assert "Ben restored the database from a backup" in window.statusBar().currentMessage()
    assert window.view.layer_index.by_id[claim.id].tag == "Claim"  # the backup's state
    qtbot.keyClick(window.view, "z", Qt.KeyboardModifier.ControlModifier)  # nothing to undo
    assert project.annotation(claim.id).tag == "Claim"
    other.close()


def test_a_bad_file_is_reported_in_the_dialog(qtbot, open_window, tmp_path) -> None:
    window, project, _article = open_window(TEXT)
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    dialog = RestoreDialog(project, window)
    qtbot.addWidget(dialog)
    dialog.restore(str(bad))
    assert "is not" in dialog.status.text() or "cannot" in dialog.status.text()
    assert dialog.result() == 0
