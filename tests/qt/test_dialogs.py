"""The tag set editor and the actor registry, driven like a user on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
)

from annotator.core.project import Project
from annotator.qt.dialogs import ActorsDialog, TagSetEditor
from annotator.qt.dialogs.merge_dialog import MergeDialog
from annotator.qt.dialogs.tagset_rows import OKABE_ITO
from tests.conftest import make_draft

TEXT = "Washington says Pyongyang sent shells. Moscow denies it. The USA repeats it."
LEFT = Qt.MouseButton.LeftButton


class Recorder:
    """Stands in for the message boxes: records errors, answers questions."""

    def __init__(self, answer: bool = True) -> None:
        self.errors: list[str] = []
        self.questions: list[str] = []
        self.answer = answer

    def install(self, dialog: TagSetEditor | ActorsDialog) -> None:
        dialog.show_error = lambda title, text: self.errors.append(text)  # type: ignore[method-assign]
        dialog.confirm = self._confirm  # type: ignore[method-assign]

    def _confirm(self, title: str, text: str, action: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture
def editor(qtbot, project: Project):
    def make() -> tuple[TagSetEditor, Recorder]:
        dialog = TagSetEditor(project)
        qtbot.addWidget(dialog)
        recorder = Recorder()
        recorder.install(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog, recorder

    return make


@pytest.fixture
def actors_dialog(qtbot, project: Project):
    def make(article_id: str | None = None) -> tuple[ActorsDialog, Recorder]:
        dialog = ActorsDialog(project, article_id=article_id)
        qtbot.addWidget(dialog)
        recorder = Recorder()
        recorder.install(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog, recorder

    return make


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def click_item(qtbot, view, item, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    pos = view.visualItemRect(item).center()
    qtbot.mouseClick(view.viewport(), LEFT, modifier, pos)


def tick(qtbot, checklist, name: str) -> None:
    """Click the check box of ``name`` in a checkable list."""
    item = checklist.item_named(name)
    rect = checklist.visualItemRect(item)
    qtbot.mouseClick(checklist.viewport(), LEFT, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Checked


def choose(qtbot, combo, text: str) -> None:
    """Type the start of an entry into a closed combo box, as a user picks by keyboard."""
    qtbot.wait(QApplication.keyboardInputInterval() + 20)  # a fresh search, not a continued one
    qtbot.keyClicks(combo, text)


def retype(qtbot, edit, text: str) -> None:
    qtbot.mouseClick(edit, LEFT)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def row_of(dialog: TagSetEditor, name: str) -> int:
    return [r.name for r in dialog.tag_rows].index(name)


# --- the tag set editor ------------------------------------------------------------------


def test_add_tag_with_key_and_save(qtbot, editor, project: Project) -> None:
    dialog, recorder = editor()
    page = dialog.tags_page
    saved = []
    dialog.changed.connect(lambda: saved.append(True))
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.name.hasFocus() or page.name.selectedText() == "New tag"
    qtbot.keyClicks(page.name, "Quote")  # the new name is selected: typing replaces it
    choose(qtbot, page.key, "N")
    assert page.key.currentData() is None
    choose(qtbot, page.key, "5")
    qtbot.keyClicks(page.description, "Words reported verbatim")
    assert page.table.item(4, 0).text() == "Quote"
    assert page.table.item(4, 1).text() == "5"
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert recorder.errors == []
    assert dialog.result() == QDialog.DialogCode.Accepted and saved == [True]
    quote = project.tag("Quote")
    assert (quote.key, quote.description) == ("5", "Words reported verbatim")
    assert [t.name for t in project.tags()] == ["Claim", "Source", "Denial", "Evidence", "Quote"]
    assert project.tag_for_key("5") == quote


def test_rename_carries_annotations_and_relation_types(qtbot, editor, project) -> None:
    article = project.import_draft(make_draft(TEXT)).article
    a = project.annotate_quote(article.id, "Washington says", "Source")
    dialog, recorder = editor()
    page = dialog.tags_page
    click_row(qtbot, page.table, row_of(dialog, "Source"))
    assert page.name.text() == "Source"
    retype(qtbot, page.name, "Attribution")
    assert "Renamed from Source" in page.table.item(1, 0).toolTip()
    attributed = next(r for r in dialog.type_rows if r.key == "attributed_to")
    assert attributed.to_tags == ["Attribution"]  # the relation type follows as you type
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert recorder.errors == []
    assert project.annotation(a.id).tag == "Attribution"
    assert [t.name for t in project.tags()] == ["Claim", "Attribution", "Denial", "Evidence"]
    assert project.tag("Attribution").key == "2"
    assert project.relation_type("attributed_to").to_tags == ("Attribution",)


def test_removing_a_used_tag_is_refused(qtbot, editor, project) -> None:
    article = project.import_draft(make_draft(TEXT)).article
    project.annotate_quote(article.id, "Pyongyang sent shells", "Claim")
    before = project.tagset_json()
    dialog, recorder = editor()
    page = dialog.tags_page
    click_row(qtbot, page.table, row_of(dialog, "Claim"))
    qtbot.mouseClick(page.remove_button, LEFT)
    assert [r.name for r in dialog.tag_rows] == ["Source", "Denial", "Evidence"]
    qtbot.mouseClick(dialog.save_button, LEFT)
    [error] = recorder.errors
    assert "Claim" in error and "still used by annotations" in error
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert project.tagset_json() == before


def test_duplicate_key_empty_name_and_bad_colour_are_shown_before_saving(
    qtbot, editor, project
) -> None:
    dialog, recorder = editor()
    page = dialog.tags_page
    qtbot.mouseClick(page.add_button, LEFT)
    choose(qtbot, page.key, "1")
    assert page.key.currentData() == "1"
    assert dialog.problems_label.isVisible()
    assert "Key 1 is given to both “Claim” and “New tag”" in dialog.problems_label.text()
    assert "⚠" in page.table.item(0, 1).text()
    assert not dialog.save_button.isEnabled()
    choose(qtbot, page.key, "N")
    assert dialog.save_button.isEnabled() and not dialog.problems_label.isVisible()
    retype(qtbot, page.colour, "#12")
    assert "colour must look like #RRGGBB" in dialog.problems_label.text()
    retype(qtbot, page.colour, "#123abc")
    qtbot.mouseClick(page.name, LEFT)
    page.name.selectAll()
    qtbot.keyClick(page.name, Qt.Key.Key_Delete)
    assert "Tag 5 has no name" in dialog.problems_label.text()
    retype(qtbot, page.name, "claim")
    assert "Two tags are called “claim”" in dialog.problems_label.text()
    assert not dialog.save_button.isEnabled()
    retype(qtbot, page.name, "Context")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert project.tag("Context").colour == "#123ABC"


def test_colour_swatch_offers_okabe_ito_first(qtbot, editor, project, monkeypatch) -> None:
    dialog, _ = editor()
    page = dialog.tags_page
    actions = page.colour_button.menu().actions()
    assert [a.data() for a in actions[: len(OKABE_ITO)]] == [c for c, _ in OKABE_ITO]
    actions[2].trigger()  # Vermillion for Claim
    assert dialog.tag_rows[0].colour == "#D55E00" and page.colour.text() == "#D55E00"
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#336699"))
    page.colour_button.other_action.trigger()
    assert dialog.tag_rows[0].colour == "#336699"
    choose(qtbot, page.underline, "double")
    qtbot.mouseClick(dialog.save_button, LEFT)
    claim = project.tag("Claim")
    assert (claim.colour, claim.underline) == ("#336699", "double")


def test_add_relation_type(qtbot, editor, project) -> None:
    dialog, recorder = editor()
    tabs = dialog.tabs
    qtbot.mouseClick(tabs.tabBar(), LEFT, pos=tabs.tabBar().tabRect(1).center())
    page = dialog.types_page
    assert tabs.currentWidget() is page
    qtbot.mouseClick(page.add_button, LEFT)
    qtbot.keyClicks(page.name, "Quoted by")
    retype(qtbot, page.label, "quoted by")
    tick(qtbot, page.from_tags, "Claim")
    tick(qtbot, page.to_tags, "Source")
    qtbot.keyClicks(page.description, "Who repeats the claim")
    assert page.table.item(4, 0).text() == "quoted_by"
    assert page.table.item(4, 2).text() == "Claim"
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert recorder.errors == []
    quoted = project.relation_type("quoted by")
    assert (quoted.name, quoted.label, quoted.from_tags, quoted.to_tags) == (
        "quoted_by",
        "quoted by",
        ("Claim",),
        ("Source",),
    )
    assert quoted.description == "Who repeats the claim"
    assert len(project.relation_types()) == 5


def test_saved_relation_type_keeps_its_name(qtbot, editor, project) -> None:
    dialog, _ = editor()
    page = dialog.types_page
    click_row(qtbot, page.table, 0)
    assert page.name.isReadOnly() and page.name.text() == "denies"
    qtbot.mouseClick(page.remove_button, LEFT)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert [t.name for t in project.relation_types()] == [
        "attributed_to",
        "supports",
        "contradicts",
    ]


def test_import_bad_json_changes_nothing(qtbot, editor, project, tmp_path, monkeypatch) -> None:
    before = project.tagset_json()
    dialog, recorder = editor()
    bad = tmp_path / "bad.json"
    chosen = {"path": str(bad)}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen["path"], ""))
    bad.write_text('{"tags": [{"name": "Claim", "colour": "blue"}]}', encoding="utf-8")
    qtbot.mouseClick(dialog.import_button, LEFT)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    chosen["path"] = str(broken)
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert len(recorder.errors) == 2
    assert "bad.json" in recorder.errors[0] and "#RRGGBB" in recorder.errors[0]
    assert "broken.json" in recorder.errors[1] and "not valid JSON" in recorder.errors[1]
    assert all("not changed" in e for e in recorder.errors)
    assert project.tagset_json() == before
    assert [r.name for r in dialog.tag_rows] == ["Claim", "Source", "Denial", "Evidence"]


def test_export_writes_a_tag_set_that_imports(
    qtbot, editor, project, tmp_path, monkeypatch
) -> None:
    project.save_tagset(
        [*project.tags(), project.tag("Claim").__class__("Quote", "#E69F00", "5", "other")],
        project.relation_types(),
    )
    dialog, recorder = editor()
    target = tmp_path / "exported"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.export_button, LEFT)
    written = tmp_path / "exported.json"
    assert recorder.errors == [] and written.exists()
    data = json.loads(written.read_text("utf-8"))
    other = Project.open(tmp_path / "other.db", "bob")
    try:
        other.import_tagset(data)
        assert other.tags() == project.tags()
        assert other.relation_types() == project.relation_types()
        assert other.tag("Quote").key == "5"
    finally:
        other.close()
    # and back in through the dialog: accepted, shown, announced
    imported = []
    dialog.changed.connect(lambda: imported.append(True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(written), ""))
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert recorder.errors == [] and imported == [True]
    assert [r.name for r in dialog.tag_rows][-1] == "Quote"


def test_reset_to_defaults_and_cancel(qtbot, editor, project) -> None:
    dialog, recorder = editor()
    page = dialog.tags_page
    qtbot.mouseClick(page.add_button, LEFT)
    click_row(qtbot, page.table, 0)
    retype(qtbot, page.name, "Assertion")
    qtbot.mouseClick(dialog.reset_button, LEFT)
    assert [r.name for r in dialog.tag_rows] == ["Claim", "Source", "Denial", "Evidence"]
    assert all(not r.renamed for r in dialog.tag_rows)
    recorder.answer = False
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert dialog.isVisible()  # unsaved edits: asked, and told to stay
    recorder.answer = True
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert [t.name for t in project.tags()] == ["Claim", "Source", "Denial", "Evidence"]


# --- the actor registry --------------------------------------------------------------------


def test_create_actor_and_filter(qtbot, actors_dialog, project) -> None:
    project.create_actor("Russia")
    dialog, recorder = actors_dialog()
    changed = []
    dialog.changed.connect(lambda: changed.append(True))
    qtbot.keyClicks(dialog.new_name, "Ministry of  Defence")
    qtbot.mouseClick(dialog.new_button, LEFT)
    assert project.actor("Ministry of Defence").aliases == ()
    assert changed == [True] and dialog.new_name.text() == ""
    assert [i.text(0) for i in dialog.tree.selectedItems()] == ["Ministry of Defence"]
    qtbot.keyClicks(dialog.new_name, "russia")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert "already exists" in recorder.errors[0]
    qtbot.keyClicks(dialog.filter, "defen")
    visible = [
        dialog.tree.topLevelItem(i).text(0)
        for i in range(dialog.tree.topLevelItemCount())
        if not dialog.tree.topLevelItem(i).isHidden()
    ]
    assert visible == ["Ministry of Defence"]


def test_add_alias_and_collision(qtbot, actors_dialog, project) -> None:
    project.create_actor("United States")
    project.create_actor("USA")
    dialog, recorder = actors_dialog()
    click_item(qtbot, dialog.tree, dialog.item_named("United States"))
    assert dialog.name.text() == "United States"
    assert not dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.aliases, LEFT)
    qtbot.keyClicks(dialog.aliases, "US, Washington")
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert project.actor("US").name == "United States"
    assert project.actor("United States").aliases == ("US", "Washington")
    assert dialog.item_named("United States").text(1) == "US, Washington"
    qtbot.keyClicks(dialog.aliases, ", USA")
    qtbot.keyClick(dialog.aliases, Qt.Key.Key_Return)
    [error] = recorder.errors
    assert "USA" in error and "merge" in error
    assert project.actor("USA").name == "USA"
    assert dialog.isVisible()


def test_merge_actors_moves_every_reference(qtbot, actors_dialog, project, monkeypatch) -> None:
    article = project.import_draft(make_draft(TEXT)).article
    kept = project.annotate_quote(article.id, "Washington says", "Source", actor="United States")
    moved = [
        project.annotate_quote(article.id, "The USA repeats it", "Claim", actor="USA"),
        project.annotate_quote(article.id, "Pyongyang sent shells", "Claim", actor="USA"),
    ]
    dialog, recorder = actors_dialog()
    assert dialog.item_named("USA").text(2) == "2"
    assert not dialog.merge_button.isEnabled()
    click_item(qtbot, dialog.tree, dialog.item_named("United States"))
    click_item(qtbot, dialog.tree, dialog.item_named("USA"), Qt.KeyboardModifier.ControlModifier)
    assert dialog.tree.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert len(dialog.selected()) == 2 and dialog.merge_button.isEnabled()
    shown = []

    def choose_united_states(merge: MergeDialog) -> bool:
        merge.show()
        qtbot.waitExposed(merge)
        assert merge.keep().name == "USA"  # the most used is offered first
        radio = next(r for r in merge.radios if r.text().startswith("United States"))
        qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))  # on its circle
        shown.append(merge.summary.text())
        qtbot.mouseClick(merge.merge_button, LEFT)
        return merge.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog, "run_dialog", choose_united_states)
    qtbot.mouseClick(dialog.merge_button, LEFT)
    assert shown == [
        "2 annotations will move to “United States”, and “USA” will become an alias. "
        "Every reference is kept."
    ]
    assert recorder.errors == []
    assert [project.annotation(a.id).actor for a in moved] == ["United States"] * 2
    assert project.annotation(kept.id).actor == "United States"
    assert project.actor("USA").name == "United States"
    assert [a.name for a in project.actors()] == ["United States"]
    assert dialog.item_named("USA") is None
    assert dialog.item_named("United States").text(1) == "USA"
    assert dialog.item_named("United States").text(2) == "3"


def test_suggestions_from_the_sample_article(qtbot, actors_dialog, project) -> None:
    article = project.import_sample().article
    project.create_actor("Russia")
    dialog, recorder = actors_dialog(article.id)
    names = [dialog.suggestions.item(i).text() for i in range(dialog.suggestions.count())]
    assert "North Korea" in names and "Russia" not in names
    item = dialog.suggestions.findItems("North Korea", Qt.MatchFlag.MatchExactly)[0]
    click_item(qtbot, dialog.suggestions, item)
    qtbot.mouseClick(dialog.add_suggestion_button, LEFT)
    assert recorder.errors == []
    assert project.actor("North Korea").name == "North Korea"
    assert dialog.item_named("North Korea") is not None
    names = [dialog.suggestions.item(i).text() for i in range(dialog.suggestions.count())]
    assert "North Korea" not in names


def test_dialogs_open_non_modally(qtbot, project) -> None:
    for dialog in (TagSetEditor(project), ActorsDialog(project)):
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        assert dialog.isVisible()
        dialog.done(QDialog.DialogCode.Rejected)
        assert not dialog.isVisible()


def test_dialog_files_stay_small() -> None:
    folder = Path(__file__).resolve().parents[2] / "annotator" / "qt" / "dialogs"
    for path in folder.glob("*.py"):
        assert len(path.read_text("utf-8").splitlines()) < 400, path.name
