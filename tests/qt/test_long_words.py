"""A paragraph holding a very long run without spaces (a pasted blob, a minified script
kept as text) is wrapped anywhere: Qt's word-boundary wrapping takes time quadratic in
the run, so a 3 MB "word" froze the window for many minutes when the article or a note
was shown (found by the hostile-input corpus)."""

from __future__ import annotations

from PySide6.QtGui import QTextOption

from annotator.qt.util import LONG_WORD, wrap_mode
from tests.conftest import make_draft

ANYWHERE = QTextOption.WrapMode.WrapAnywhere
WORDS = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_wrap_mode_looks_for_runs_longer_than_the_limit() -> None:
    prose = "The ministry said the figures were revised. " * 50_000
    assert wrap_mode(prose) == WORDS
    assert wrap_mode(("x" * (LONG_WORD - 1) + " ") * 2_000) == WORDS
    assert wrap_mode("Title\n\n" + "x" * (LONG_WORD + 1)) == ANYWHERE
    assert wrap_mode(prose + "\n" + "y" * 300_000 + "\nend") == ANYWHERE


def test_an_article_with_a_huge_word_is_wrapped_anywhere_and_shown(qtbot, open_window) -> None:
    window, project, article = open_window("An ordinary article with ordinary words.")
    assert window.view.wordWrapMode() == WORDS
    blob = "Title\n\n" + "x" * 300_000
    other = project.import_draft(make_draft(blob, title="Blob")).article
    window.open_article(other.id)
    assert window.view.wordWrapMode() == ANYWHERE
    assert window.view.toPlainText() == blob
    window.grab()
    window.open_article(article.id)
    assert window.view.wordWrapMode() == WORDS


def test_a_note_with_a_huge_word_is_wrapped_anywhere(qtbot, open_window) -> None:
    window, project, article = open_window("Moscow denies it. Washington says the opposite.")
    a = project.create_annotation(article.id, 0, 6, "Claim", note="n" * 300_000)
    window.jump_to(article.id, a.id)
    assert window.panel.details.note.toPlainText() == "n" * 300_000
    assert window.panel.details.note.wordWrapMode() == ANYWHERE
