"""Linking like a user: L, click or N/P + Enter, the type menu, unlink, undo, cascade."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.qt.conftest import click_at

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds.\n\n"
    "Both Russia and North Korea deny that.\n\n"
    "Satellite images show trains of containers crossing the border."
)


def _setup(open_window):
    window, project, article = open_window(TEXT)
    source = project.annotate_quote(article.id, "The United States says", "Source")
    claim = project.annotate_quote(
        article.id, "North Korea has supplied Russia", "Claim", actor="United States"
    )
    denial = project.annotate_quote(
        article.id, "Both Russia and North Korea deny that", "Denial", actor="Russia"
    )
    evidence = project.annotate_quote(article.id, "Satellite images show trains", "Evidence")
    return window, project, article, source, claim, denial, evidence


def test_l_then_click_links_a_denial_to_its_claim_and_undo(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    view = window.view
    click_at(qtbot, view, denial.start + 3)
    assert view.selected_id == denial.id
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert view.link_source == denial.id
    click_at(qtbot, view, claim.start + 3)
    [link] = project.relations(article.id)
    assert (link.from_id, link.to_id, link.type) == (denial.id, claim.id, "denies")
    assert view.link_source is None
    # the details panel lists it, the view knows it
    details = window.panel.details
    assert details.links.count() == 1
    assert details.links.item(0).text().startswith("denies: “North Korea has supplied")
    assert view.relations_by_annotation[claim.id][0].id == link.id
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.relations(article.id) == []
    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [r.id for r in project.relations(article.id)] == [link.id]


def test_keyboard_only_link_with_n_and_enter(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    view = window.view
    view.select_annotation(claim.id)
    qtbot.keyClick(view, Qt.Key.Key_L)
    qtbot.keyClick(view, Qt.Key.Key_P)  # the source comes before the claim
    assert view.link_candidate == source.id
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [link] = project.relations(article.id)
    assert (link.from_id, link.to_id, link.type) == (claim.id, source.id, "attributed_to")


def test_escape_cancels_linking(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    view = window.view
    view.select_annotation(denial.id)
    qtbot.keyClick(view, Qt.Key.Key_L)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    click_at(qtbot, view, claim.start + 3)
    assert project.relations(article.id) == []
    assert view.selected_id == claim.id  # an ordinary click again


def test_type_menu_offers_the_allowed_types(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, evidence = _setup(open_window)
    view = window.view
    seen = []

    def pick_second() -> None:
        menu = QApplication.activePopupWidget()
        seen.extend(a.text() for a in menu.actions())
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    view.select_annotation(evidence.id)
    qtbot.keyClick(view, Qt.Key.Key_L)
    QTimer.singleShot(100, pick_second)
    click_at(qtbot, view, claim.start + 3)
    assert seen == ["supports  (suggested)", "contradicts"]
    [link] = project.relations(article.id)
    assert link.type == "contradicts"


def test_a_pair_no_type_allows_is_refused(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    view = window.view
    view.select_annotation(source.id)
    qtbot.keyClick(view, Qt.Key.Key_L)
    click_at(qtbot, view, claim.start + 3)
    assert project.relations(article.id) == []
    assert "No relation type links Source → Claim" in window.statusBar().currentMessage()


def test_unlink_from_the_details_panel_and_undo(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    link = project.link(denial.id, claim.id)
    window.view.select_annotation(claim.id)
    details = window.panel.details
    assert details.links.item(0).text().startswith("← denies by Denial: “Both Russia")
    details.links.setFocus()
    details.links.setCurrentRow(0)
    qtbot.keyClick(details.links, Qt.Key.Key_Delete)
    assert project.relations(article.id) == []
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.id for r in project.relations(article.id)] == [link.id]


def test_enter_on_a_link_goes_to_the_other_end(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    project.link(denial.id, claim.id)
    window.view.select_annotation(denial.id)
    details = window.panel.details
    details.links.setFocus()
    details.links.setCurrentRow(0)
    qtbot.keyClick(details.links, Qt.Key.Key_Return)
    assert window.view.selected_id == claim.id


def test_deleting_an_annotation_removes_its_links_and_undo_restores(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    links = {project.link(denial.id, claim.id).id, project.link(claim.id, source.id).id}
    view = window.view
    click_at(qtbot, view, claim.start + 3)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert project.relations(article.id) == []
    assert view.relations_by_annotation == {}
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {r.id for r in project.relations(article.id)} == links


def test_verdict_on_a_claim_from_the_details_panel(qtbot, open_window) -> None:
    window, project, article, source, claim, denial, _ = _setup(open_window)
    details = window.panel.details
    window.view.select_annotation(denial.id)
    assert details.verdict_row.isHidden()  # only claims carry verdicts
    window.view.select_annotation(claim.id)
    assert not details.verdict_row.isHidden()
    details.explanation.setFocus()
    qtbot.keyClicks(details.explanation, "DIA and UN Panel of Experts reports")
    details.rating_box.setFocus()
    details.rating_box.setCurrentIndex(details.rating_box.findData("Mostly true"))
    details.rating_box.activated.emit(details.rating_box.currentIndex())
    verdict = project.verdict(claim.id)
    assert (verdict.rating, verdict.explanation) == (
        "Mostly true",
        "DIA and UN Panel of Experts reports",
    )
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.verdict(claim.id) is None


def test_a_long_explanation_is_never_saved_cut_short(qtbot, open_window) -> None:
    """An imported explanation longer than QLineEdit's default 32,767 characters stays
    whole when the rating is changed, and when it is added to."""
    window, project, article, source, claim, denial, _ = _setup(open_window)
    long = "Satellite images, trains and the UN panel's report. " * 1_000  # 52,000 characters
    project.set_verdict(claim.id, "Mostly true", long)
    long = long.strip()
    window.reload_article()
    window.view.select_annotation(claim.id)
    details = window.panel.details
    assert details.explanation.text() == long
    details.rating_box.setFocus()
    details.rating_box.setCurrentIndex(details.rating_box.findData("False"))
    details.rating_box.activated.emit(details.rating_box.currentIndex())
    verdict = project.verdict(claim.id)
    assert (verdict.rating, verdict.explanation) == ("False", long)
    details.explanation.setFocus()
    details.explanation.end(False)
    qtbot.keyClicks(details.explanation, " Both deny it.")
    qtbot.keyClick(details.explanation, Qt.Key.Key_Return)
    assert project.verdict(claim.id).explanation == long + " Both deny it."
