"""Tagging like a user: double-click, digits, undo/redo, overlaps, edits that persist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.project import Project
from tests.qt.conftest import click_at, double_click_word

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds.\n\n"
    "Both Russia and North Korea deny that, calling it “fabricated”."
)


def stored(project: Project, article_id: str):
    return project.annotations(article_id)


def test_double_click_and_1_makes_a_claim_then_undo_redo(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    view = window.view
    double_click_word(qtbot, view, TEXT, "supplied")
    assert view.textCursor().selectedText() == "supplied"
    qtbot.keyClick(view, Qt.Key.Key_1)
    [claim] = stored(project, article.id)
    assert (claim.tag, claim.exact) == ("Claim", "supplied")
    assert TEXT[claim.start : claim.end] == "supplied"
    assert window.panel.model.rowCount() == 1
    assert "Saved" in window.save_label.text()
    assert window.undo_action.text() == "&Undo Tag as Claim" or "Tag as Claim" in (
        window.undo_action.text()
    )

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(project, article.id) == []
    assert window.panel.model.rowCount() == 0
    assert view.textCursor().selectedText() == "supplied"  # ready to be tagged again

    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    [again] = stored(project, article.id)
    assert again.id == claim.id


def test_3_makes_a_denial_and_digit_retags_selected(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    view = window.view
    double_click_word(qtbot, view, TEXT, "deny")
    qtbot.keyClick(view, Qt.Key.Key_3)
    [denial] = stored(project, article.id)
    assert (denial.tag, denial.exact) == ("Denial", "deny")
    # the new annotation is selected and no text is: a digit retags it
    assert view.selected_id == denial.id and not view.textCursor().hasSelection()
    qtbot.keyClick(view, Qt.Key.Key_1)
    [retagged] = stored(project, article.id)
    assert (retagged.id, retagged.tag) == (denial.id, "Claim")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(project, article.id)[0].tag == "Denial"


def test_palette_button_tags_the_selection(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    double_click_word(qtbot, window.view, TEXT, "Russia", occurrence=2)
    qtbot.mouseClick(window.palette_bar.buttons["Source"], Qt.MouseButton.LeftButton)
    [source] = stored(project, article.id)
    assert source.tag == "Source" and source.start == TEXT.index("Russia", 50)


def test_delete_key_and_undo_restores_same_id(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    view = window.view
    a = project.annotate_quote(article.id, "North Korea has supplied Russia", "Claim")
    click_at(qtbot, view, a.start + 3)
    assert view.selected_id == a.id
    assert window.panel.details.current.id == a.id
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(project, article.id) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [x.id for x in stored(project, article.id)] == [a.id]


def test_overlaps_both_listed_and_reachable(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    view = window.view
    outer = project.annotate_quote(
        article.id, "The United States says North Korea has supplied", "Claim"
    )
    inner = project.annotate_quote(article.id, "The United States says", "Source")
    assert window.panel.model.rowCount() == 2
    click_at(qtbot, view, inner.start + 5)
    assert view.selected_id == inner.id  # innermost first
    click_at(qtbot, view, inner.start + 5)
    assert view.selected_id == outer.id  # clicking again cycles to the next layer
    # and the list reaches both
    for row in range(2):
        index = window.panel.proxy.index(row, 1)
        qtbot.mouseClick(
            window.panel.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=window.panel.table.visualRect(index).center(),
        )
        assert view.selected_id == window.panel.proxy.index(row, 0).data(
            Qt.ItemDataRole.UserRole + 1
        )
    # the lane margin gives each its own lane
    assert view.layer_index.lanes[outer.id] != view.layer_index.lanes[inner.id]


def test_next_previous_and_resize_by_word(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    view = window.view
    first = project.annotate_quote(article.id, "North Korea", "Claim")
    second = project.annotate_quote(article.id, "deny", "Denial")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.selected_id == first.id
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.selected_id == second.id
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert view.selected_id == first.id
    shift_alt = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, shift_alt)
    assert project.annotation(first.id).exact == "North Korea has"
    qtbot.keyClick(view, Qt.Key.Key_Up, shift_alt)
    assert project.annotation(first.id).exact == "says North Korea has"
    qtbot.keyClick(view, Qt.Key.Key_Left, shift_alt)
    assert project.annotation(first.id).exact == "says North Korea"
    qtbot.keyClick(view, Qt.Key.Key_Down, shift_alt)
    assert project.annotation(first.id).exact == "North Korea"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.annotation(first.id).exact == "says North Korea"


def test_edits_survive_reopening(qtbot, open_window, tmp_path: Path) -> None:
    db = tmp_path / "persist.db"
    window, project, article = open_window(TEXT, db=db)
    view = window.view
    keep = project.annotate_quote(article.id, "North Korea has supplied Russia", "Source")
    gone = project.annotate_quote(article.id, "fabricated", "Claim")
    click_at(qtbot, view, keep.start + 2)
    qtbot.keyClick(view, Qt.Key.Key_1)  # retag
    details = window.panel.details
    details.actor_box.setFocus()
    details.actor_box.lineEdit().clear()
    qtbot.keyClicks(details.actor_box.lineEdit(), "United States")
    qtbot.keyClick(details.actor_box.lineEdit(), Qt.Key.Key_Return)
    details.note.setFocus()
    qtbot.keyClicks(details.note, "Check the DIA report")
    view.setFocus()  # focus-out saves the note at once
    QApplication.processEvents()
    click_at(qtbot, view, gone.start + 2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    window.close()
    project.close()

    reopened = Project.open(db, "bob")
    [a] = reopened.annotations(article.id)
    assert (a.id, a.tag, a.actor, a.note) == (
        keep.id,
        "Claim",
        "United States",
        "Check the DIA report",
    )
    assert reopened.annotation(gone.id).deleted
    reopened.close()


def test_note_saved_after_a_second_idle(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    a = project.annotate_quote(article.id, "fabricated", "Claim")
    window.view.select_annotation(a.id)
    details = window.panel.details
    details.note.setFocus()
    qtbot.keyClicks(details.note, "typed")
    assert project.annotation(a.id).note == ""
    qtbot.waitUntil(lambda: project.annotation(a.id).note == "typed", timeout=3000)


def test_word_after_emoji_has_code_point_offsets(qtbot, open_window) -> None:
    text = "Family 👨‍👩‍👧 and 👍🏽 Pyongyang (평양) denied: “fabricated” 🇰🇵 today."
    window, project, article = open_window(text)
    view = window.view
    double_click_word(qtbot, view, text, "today")
    qtbot.keyClick(view, Qt.Key.Key_4)
    [evidence] = stored(project, article.id)
    assert evidence.exact == "today"
    assert (evidence.start, evidence.end) == (text.index("today"), text.index("today") + 5)
    double_click_word(qtbot, view, text, "Pyongyang")
    qtbot.keyClick(view, Qt.Key.Key_2)
    source = next(a for a in stored(project, article.id) if a.tag == "Source")
    assert source.start == text.index("Pyongyang") and source.exact == "Pyongyang"


def test_find_shows_all_matches(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "north korea")
    assert len(window.find_bar.matches) == 2
    assert len(window.view.extraSelections()) == 2
    assert window.find_bar.count.text() == "1 of 2"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == "2 of 2"
    assert window.view.cp_selection() == (
        TEXT.index("North Korea", 40),
        TEXT.index("North Korea", 40) + 11,
    )


def test_escape_clears_selection(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    double_click_word(qtbot, window.view, TEXT, "Russia")
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.view.textCursor().hasSelection()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert stored(project, article.id) == []


def test_double_click_selects_the_word_without_its_quotes(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    double_click_word(qtbot, window.view, TEXT, "fabricated")
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    [denial] = stored(project, article.id)
    assert denial.exact == "fabricated"


def test_the_list_keeps_its_selection_on_the_annotation_being_edited(qtbot, open_window) -> None:
    """A note, tag or boundaries changed in the details panel or with the keys: the list's
    selected row stays the edited annotation's (it used to pass to the next row)."""
    from annotator.qt.models import ID_ROLE

    window, project, article = open_window(TEXT)
    first = project.annotate_quote(article.id, article.text.split()[0], "Claim")
    project.annotate_quote(article.id, article.text.split()[-1], "Source")
    window.reload_article()
    window.view.select_annotation(first.id)
    panel = window.panel

    def selected() -> list[str]:
        return [r.data(ID_ROLE) for r in panel.table.selectionModel().selectedRows()]

    assert selected() == [first.id]
    panel.details.note.setFocus()
    qtbot.keyClicks(panel.details.note, "checked")
    panel.details.flush_note()
    assert project.annotation(first.id).note == "checked"
    assert selected() == [first.id]
    window.view.setFocus()
    qtbot.keyClick(window.view, "3")  # retag
    assert project.annotation(first.id).tag == "Denial" and selected() == [first.id]
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier,
    )  # one more word: a new row position
    assert project.annotation(first.id).end > first.end and selected() == [first.id]
