"""The search box at the top of the library, driven like a user: type, see hits, Enter
opens the article with the match selected; Esc goes back to the article list."""

from __future__ import annotations

import inspect

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPainter, QTextCharFormat
from PySide6.QtWidgets import QApplication, QDialog, QStyleOptionViewItem

from annotator.domain.search import SearchHit
from annotator.qt import search_box
from annotator.qt.search_box import HIT_ROLE, HitDelegate, snippet_layout
from tests.conftest import make_draft

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds.\n\n"
    "Both Russia and North Korea deny that, and José Martínez doubts it."
)
OTHER = "A second report.\n\nShells and artillery were seen near the border crossing at dawn."


def _hits(box) -> list[SearchHit]:
    return [box.model.index(r).data(HIT_ROLE) for r in range(box.model.rowCount())]


def _type(qtbot, box, text: str) -> None:
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, text)
    qtbot.waitUntil(lambda: not box.timer.isActive() and box.status.isVisible(), timeout=3000)


def test_typing_shows_hits_and_enter_selects_the_matched_text(qtbot, open_window) -> None:
    window, project, first = open_window(TEXT)
    other = project.import_draft(make_draft(OTHER, title="Border report")).article
    box = window.library.search
    assert window.library.articles_box.isVisible() and not box.results.isVisible()
    _type(qtbot, box, "crossing")
    hits = _hits(box)
    assert [(h.article_id, h.kind) for h in hits] == [(other.id, "text")]
    assert box.results.isVisible() and not window.library.articles_box.isVisible()
    assert box.status.text() == "1 hit"
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert window.article.id == other.id
    start, end = window.view.cp_selection()
    assert other.text[start:end] == "crossing"
    assert window.view.hasFocus()


def test_quote_hits_select_their_annotation(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    claim = project.annotate_quote(article.id, "supplied Russia with artillery rounds", "Claim")
    project.update_annotation(claim.id, note="Verify with the Pentagon")
    project.import_draft(make_draft(OTHER, title="Border report"))
    window.open_article(project.articles()[-1].id)
    box = window.library.search
    _type(qtbot, box, "pentagon")
    [hit] = _hits(box)
    assert (hit.kind, hit.annotation_id) == ("note", claim.id)
    box.results.setFocus()
    qtbot.keyClick(box.results, Qt.Key.Key_Return)
    assert window.article.id == article.id
    assert window.view.selected_id == claim.id


def test_down_then_enter_opens_the_chosen_hit(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    other = project.import_draft(make_draft(OTHER, title="Border report")).article
    box = window.library.search
    _type(qtbot, box, "artillery")
    assert {h.article_id for h in _hits(box)} == {article.id, other.id}
    qtbot.keyClick(box.edit, Qt.Key.Key_Down)
    assert box.results.hasFocus()
    qtbot.keyClick(box.results, Qt.Key.Key_Down)
    chosen = box.results.currentIndex().data(HIT_ROLE)
    qtbot.keyClick(box.results, Qt.Key.Key_Return)
    assert window.article.id == chosen.article_id
    start, end = window.view.cp_selection()
    assert window.article.text[start:end].casefold() == "artillery"


def test_escape_clears_and_returns_to_the_article_list(qtbot, open_window) -> None:
    window, _, _ = open_window(TEXT)
    box = window.library.search
    _type(qtbot, box, "russia")
    assert box.results.isVisible()
    qtbot.keyClick(box.edit, Qt.Key.Key_Escape)
    assert box.edit.text() == ""
    assert not box.results.isVisible() and not box.status.isVisible()
    assert window.library.articles_box.isVisible()


def test_an_invalid_query_shows_its_error_in_the_panel(qtbot, open_window) -> None:
    window, _, _ = open_window(TEXT)
    box = window.library.search
    _type(qtbot, box, "korea NOT")
    assert "NOT needs a word on each side" in box.status.text()
    assert box.status.property("error") is True
    assert box.model.rowCount() == 0
    assert box.status.isVisible()
    assert not window.library.articles_box.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
    _type(qtbot, box, " north")
    assert box.status.property("error") is False


def test_diacritics_typed_without_accents(qtbot, open_window) -> None:
    window, _, article = open_window(TEXT)
    box = window.library.search
    _type(qtbot, box, "jose martinez")
    [hit] = _hits(box)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    start, end = window.view.cp_selection()
    assert article.text[start:end] == "José"
    assert [hit.snippet[s:e] for s, e in hit.ranges] == ["José", "Martínez"]


def test_ctrl_shift_f_focuses_the_search_box(qtbot, open_window) -> None:
    window, _, _ = open_window(TEXT)
    window.view.setFocus()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.library.search.edit.hasFocus()


def test_the_delegate_paints_plain_text_runs_never_rich_text(qtbot) -> None:
    source = inspect.getsource(search_box)
    for rich in ("setHtml", "QTextDocument", "RichText", "QLabel(", "toHtml"):
        assert rich not in source, rich
    snippet = '<img src="http://example.com/x.png"> <b>not bold</b> 😀 artillery'
    at = snippet.index("artillery")
    hit = SearchHit(
        article_id="a",
        article_title="<b>Title</b>",
        kind="text",
        annotation_id=None,
        snippet=snippet,
        ranges=((at, at + 9),),
        text_start=0,
        text_end=9,
        score=-1.0,
    )
    highlight = QTextCharFormat()
    highlight.setFontWeight(QFont.Weight.Bold)
    layout = snippet_layout(hit, QFont(), highlight)
    assert layout.text() == hit.snippet  # the markup is text, shown as it is
    [piece] = layout.formats()
    # 😀 is two UTF-16 units: the range moves one unit right in Qt's offsets
    assert (piece.start, piece.length) == (at + 1, 9)
    units = layout.text().encode("utf-16-le")
    assert units[2 * piece.start : 2 * (piece.start + piece.length)].decode("utf-16-le") == (
        "artillery"
    )
    from annotator.qt.search_box import SearchHitModel

    model = SearchHitModel()
    model.set_hits([hit])
    image = QImage(400, 80, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    option.font = QFont()
    option.fontMetrics = painter.fontMetrics()
    HitDelegate().paint(painter, option, model.index(0))
    painter.end()
    painted = {image.pixel(x, y) for x in range(0, 400, 3) for y in range(0, 80, 3)}
    assert len(painted) > 2  # text and the yellow match background were drawn


def test_hits_follow_a_deleted_annotation(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    claim = project.annotate_quote(article.id, "José Martínez doubts it", "Claim", note="zebra")
    box = window.library.search
    _type(qtbot, box, "zebra")
    assert [h.annotation_id for h in _hits(box)] == [claim.id]
    project.delete_annotation(claim.id)
    qtbot.waitUntil(lambda: box.model.rowCount() == 0, timeout=3000)
    assert box.status.text() == "No matches"


def test_double_click_opens_a_hit(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    other = project.import_draft(make_draft(OTHER, title="Border report")).article
    box = window.library.search
    _type(qtbot, box, "border")
    [hit] = _hits(box)
    assert hit.article_id == other.id
    rect = box.results.visualRect(box.model.index(0))
    viewport = box.results.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.article.id == article.id  # a single click only selects the hit
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.article.id == other.id
    start, end = window.view.cp_selection()
    assert other.text[start:end].casefold() == "border"
