"""The rest of the window: importing (drop, progress, per-file errors), library, settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.qt.conftest import double_click_word

TEXT = "Moscow denies it. Washington says the opposite."


def _files(tmp_path: Path) -> list[str]:
    good = tmp_path / "one.txt"
    good.write_text("First article\n\nSome claim is made here.", encoding="utf-8")
    also = tmp_path / "two.md"
    also.write_text("# Second article\n\nAnother claim.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    unknown = tmp_path / "sheet.xlsx"
    unknown.write_bytes(b"PK\x03\x04")
    return [str(good), str(empty), str(binary), str(unknown), str(also)]


def test_drop_imports_good_files_and_lists_errors(qtbot, open_window, tmp_path, monkeypatch):
    window, project, article = open_window(TEXT)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "open", lambda self: shown.append((self.text(), self.detailedText()))
    )
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(p) for p in _files(tmp_path)])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.library.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QTest cannot run a real drag: deliver the drop the way Qt's drag manager would
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        window.library.dropEvent(event)
    titles = {a.title for a in project.articles()}
    assert {"First article", "Second article", "Test article"} <= titles
    assert len(project.articles()) == 3
    assert window.library.model.rowCount() == 3
    [(summary, details)] = shown
    assert summary.startswith("2 imported, 3 could not be imported")
    assert "empty.txt" in details and "photo.txt" in details and "sheet.xlsx" in details
    assert window.article.title == "First article"  # the first import is opened


def test_library_filter_and_open(qtbot, open_window, tmp_path) -> None:
    window, project, article = open_window(TEXT)
    other = tmp_path / "kim.txt"
    other.write_text("Kim hails alliance\n\nKim said the pact was historic.", encoding="utf-8")
    project.import_source(str(other))
    assert window.library.model.rowCount() == 2
    qtbot.keyClicks(window.library.filter, "kim hails")
    assert window.library.proxy.rowCount() == 1
    index = window.library.proxy.index(0, 0)
    qtbot.mouseClick(
        window.library.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.library.list.visualRect(index).center(),
    )
    assert window.article.title == "Kim hails alliance"
    assert window.view.toPlainText().startswith("Kim hails alliance")


def test_undo_is_per_article(qtbot, open_window, tmp_path) -> None:
    window, project, article = open_window(TEXT)
    double_click_word(qtbot, window.view, TEXT, "denies")
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    other = tmp_path / "other.txt"
    other.write_text("Another article entirely.", encoding="utf-8")
    second = project.import_source(str(other)).article
    window.open_article(second.id)
    assert not window.undo_action.isEnabled()
    window.open_article(article.id)
    assert window.undo_action.isEnabled()
    assert "Tag as Denial" in window.undo_action.text()


def test_font_size_keys_and_theme(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    size = window.view.font_size()
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_size() == size + 1
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_size() == size - 1
    window._toggle_theme()
    assert window.settings.theme == "dark"
    assert QApplication.palette().base().color().lightness() < 100
    window._toggle_theme()
    assert QApplication.palette().base().color().lightness() > 200


def test_header_shows_metadata_as_plain_text(qtbot, open_window) -> None:
    window, project, article = open_window("<b>not bold</b> <img src='file:///etc/passwd'>")
    assert window.title_label.textFormat() == Qt.TextFormat.PlainText
    assert window.view.toPlainText() == "<b>not bold</b> <img src='file:///etc/passwd'>"
    tip = window.view.tooltip_for(0)
    assert tip is None
    a = project.create_annotation(article.id, 0, 8, "Claim", note="<img src=x>")
    tip = window.view.tooltip_for(a.start + 1)
    assert "&lt;img src=x&gt;" in tip and "<img" not in tip


def test_right_to_left_paragraphs_are_laid_out_from_the_right(qtbot, open_window) -> None:
    from PySide6.QtGui import QTextCursor

    text = "An English paragraph.\nقال المتحدث إن التقرير كاذب\nEnd."
    window, project, article = open_window(text)
    view = window.view
    rtl_start = QTextCursor(view.document())
    rtl_start.setPosition(view.utf16.to_utf16(text.index("قال")))
    ltr_start = QTextCursor(view.document())
    ltr_start.setPosition(0)
    width = view.viewport().width()
    assert view.cursorRect(ltr_start).x() < width * 0.2
    assert view.cursorRect(rtl_start).x() > width * 0.8  # its first letter is at the right
    assert view.horizontalScrollBar().maximum() == 0  # wrapped to the reading column


def test_settings_dialog_applies_and_persists(qtbot, open_window) -> None:
    from PySide6.QtCore import QTimer

    from annotator.qt.settings_dialog import SettingsDialog
    from annotator.settings import Settings

    window, project, article = open_window(TEXT)

    def fill_and_accept() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SettingsDialog) and w.isVisible()
        )
        dialog.name.setText("Dana  Reporter")
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.snap.setChecked(False)
        dialog.font_size.setValue(16)
        dialog.accept()

    QTimer.singleShot(50, fill_and_accept)
    window.settings_dialog()
    assert project.annotator == "Dana Reporter"
    assert window.view.snap_to_words is False
    assert window.view.font_size() == 16
    saved = Settings.load()
    assert (saved.annotator, saved.theme, saved.snap_to_words) == ("Dana Reporter", "dark", False)
    a = project.create_annotation(article.id, 0, 6, "Claim")
    assert a.annotator == "Dana Reporter"


def test_changes_from_another_window_appear_within_two_seconds(qtbot, open_window, tmp_path):
    from annotator.core.project import Project

    db = tmp_path / "shared.db"
    window, project, article = open_window(TEXT, db=db)
    other = Project.open(db, "bob")  # another process or window on the same file
    made = other.annotate_quote(article.id, "Washington says", "Source")
    qtbot.waitUntil(lambda: window.panel.model.row_of(made.id) >= 0, timeout=2500)
    assert made.id in window.view.layer_index.by_id
    other.close()


def test_the_cli_writing_while_the_window_is_open_both_keep_working(qtbot, open_window, tmp_path):
    import subprocess
    import sys

    db = tmp_path / "shared.db"
    window, project, article = open_window(TEXT, db=db)
    window.view.select_cp(0, 10)
    qtbot.keyClick(window.view, "1")  # the window writes
    argv = [sys.executable, "-m", "annotator", "--db", str(db), "--annotator", "cli"]
    done = subprocess.run(
        [*argv, "annotate", article.id, "--quote", "Moscow denies it", "--tag", "Denial"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    made = done.stdout.split()[0]
    qtbot.waitUntil(lambda: made in window.view.layer_index.by_id, timeout=2500)
    qtbot.keyClick(window.view, "2")  # and the window goes on writing
    assert len(project.annotations(article.id)) == 2
    listed = subprocess.run(
        [*argv, "annotations", article.id], capture_output=True, text=True, timeout=60
    )
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2


def test_a_note_typed_before_a_crash_is_offered_back(qtbot, open_window, tmp_path, monkeypatch):
    from annotator.qt.main_window import MainWindow
    from annotator.settings import Drafts, Settings

    db = tmp_path / "drafts.db"
    window, project, article = open_window(TEXT, db=db)
    a = project.annotate_quote(article.id, "Moscow denies it", "Denial")
    window.reload_article()
    window.view.select_annotation(a.id)
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Check TASS")
    assert Drafts().for_database(str(db)) == {a.id: "Check TASS"}  # written as typed
    assert project.annotation(a.id).note == ""  # the idle save has not happened yet
    details._note_timer.stop()  # "crash": the second never passes, nothing flushes
    # the next start, on the same database
    asked = []
    monkeypatch.setattr(
        "annotator.qt.window_review.choose", lambda *args: asked.append(args[2]) or 0
    )
    second = MainWindow(project, Settings(annotator="alice"))
    qtbot.addWidget(second)
    second.open_article(article.id)
    second.offer_drafts()
    assert project.annotation(a.id).note == "Check TASS"
    assert "Check TASS" in asked[0] and "Moscow denies it" in asked[0]
    assert Drafts().for_database(str(db)) == {}
    second._external_timer.stop()


def test_a_draft_offered_back_shows_the_note_saved_since(qtbot, open_window, tmp_path, monkeypatch):
    from annotator.core.project import Project
    from annotator.qt.main_window import MainWindow
    from annotator.settings import Drafts, Settings

    db = tmp_path / "drafts.db"
    window, project, article = open_window(TEXT, db=db)
    a = project.annotate_quote(article.id, "Moscow denies it", "Denial")
    Drafts().put(str(db), a.id, "Check TASS")  # typed, then annotator was killed
    bob = Project.open(db, "bob")
    bob.update_annotation(a.id, note="Bob: RIA carried the denial")
    asked = []
    monkeypatch.setattr(
        "annotator.qt.window_review.choose", lambda *args: asked.append(args[2]) or 1
    )
    second = MainWindow(project, Settings(annotator="alice"))
    qtbot.addWidget(second)
    second.open_article(article.id)
    second.offer_drafts()
    assert "Check TASS" in asked[0]
    assert "The note saved now reads:\n\nBob: RIA carried the denial" in asked[0]
    assert project.annotation(a.id).note == "Bob: RIA carried the denial"  # discarded
    assert Drafts().for_database(str(db)) == {}
    second._external_timer.stop()
    bob.close()
