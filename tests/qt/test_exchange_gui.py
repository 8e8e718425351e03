"""File → Export and File → Import annotations, and orphans attached by hand."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.project import Project
from annotator.qt.dialogs.export_dialog import ExportDialog
from annotator.qt.dialogs.import_dialog import ImportAnnotationsDialog

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds.\n\n"
    "Both Russia and North Korea deny that, calling it fabricated."
)


def _annotate(project: Project, article_id: str) -> None:
    claim = project.annotate_quote(
        article_id, "North Korea has supplied Russia", "Claim", actor="United States", note="check"
    )
    denial = project.annotate_quote(
        article_id, "Both Russia and North Korea deny that", "Denial", actor="Russia"
    )
    project.link(denial.id, claim.id)
    project.set_verdict(claim.id, "Mostly true", "reports")


def test_export_dialog_writes_w3c_and_import_dialog_previews_then_imports(
    qtbot, open_window, tmp_path: Path
) -> None:
    window, project, article = open_window(TEXT)
    _annotate(project, article.id)
    dialog = ExportDialog(project, article.id, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("w3c"))
    target = tmp_path / "set.jsonld"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    data = json.loads(target.read_text("utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 3  # 2 spans + 1 link

    # a colleague's empty database with the same article: preview, then import
    other = Project.open(tmp_path / "colleague.db", "bob")
    other.import_draft(__import__("tests.conftest", fromlist=["make_draft"]).make_draft(TEXT))
    importer = ImportAnnotationsDialog(other, window, path=str(target))
    qtbot.addWidget(importer)
    assert importer.table.rowCount() == 1
    row = {
        importer.table.horizontalHeaderItem(c).text(): importer.table.item(0, c).text()
        for c in range(importer.table.columnCount())
    }
    assert (row["Found by"], row["Exact"], row["New"], row["Links"]) == ("sha256", "2", "2", "1")
    assert other.annotations(other.articles()[0].id) == []  # the preview wrote nothing
    qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    imported = other.annotations(other.articles()[0].id)
    assert sorted(a.tag for a in imported) == ["Claim", "Denial"]
    assert {a.annotator for a in imported} == {"alice"}  # kept from the set
    assert len(other.relations(other.articles()[0].id)) == 1
    other.close()


def test_a_bad_set_shows_its_problems_and_imports_nothing(qtbot, open_window, tmp_path) -> None:
    window, project, article = open_window(TEXT)
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"type": "Annotation", "target": {"selector": {"type": '
        '"TextPositionSelector", "start": NaN, "end": 3}}}',
        encoding="utf-8",
    )
    importer = ImportAnnotationsDialog(project, window, path=str(bad))
    qtbot.addWidget(importer)
    assert not importer.import_button.isEnabled()
    assert "cannot" in importer.summary.text().lower() or importer.problems.toPlainText()
    assert project.annotations(article.id) == []


def test_orphans_listed_and_attached_by_hand_with_undo(qtbot, open_window, tmp_path) -> None:
    window, project, article = open_window(TEXT)
    edited = tmp_path / "edited.jsonld"
    # a set made on another version of the article: its quote is nowhere in this text
    donor = Project.open(tmp_path / "donor.db", "carol")
    donor_text = TEXT.replace("artillery rounds", "shells and rockets")
    from tests.conftest import make_draft

    donor_article = donor.import_draft(make_draft(donor_text)).article
    donor.annotate_quote(donor_article.id, "shells and rockets", "Evidence")
    from annotator.core.exporting import export_to

    export_to(donor, "w3c", edited)
    donor.close()
    importer = ImportAnnotationsDialog(project, window, path=str(edited))
    qtbot.addWidget(importer)
    importer.article.setCurrentIndex(importer.article.findData(article.id))
    qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    box = window.panel.orphans
    qtbot.waitUntil(lambda: box.isVisible(), timeout=2000)
    assert box.list.count() == 1 and "shells and rockets" in box.list.item(0).text()
    start = TEXT.index("artillery rounds")
    window.view.select_cp(start, start + len("artillery rounds"))
    qtbot.mouseClick(box.attach, Qt.MouseButton.LeftButton)
    [placed] = project.annotations(article.id)
    assert (placed.tag, placed.exact) == ("Evidence", "artillery rounds")
    assert project.orphans(article.id) == []
    assert not box.isVisible()
    assert placed.id in window.view.layer_index.by_id
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [o.id for o in project.orphans(article.id)] == [placed.id]
    assert placed.id not in window.view.layer_index.by_id
    assert box.isVisible()
