"""Tag names and descriptions come from imported annotation sets (--create-tags) and tag
set files: their tooltips show them literally. The tag palette put them in a tooltip
unescaped, so Qt took ``<img src='file:///…'>`` for rich text and read the file it names
(found by the hostile-input corpus, which watched the file being opened)."""

from __future__ import annotations

import json

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPushButton

from annotator.formats.w3c_import import read_w3c
from tests.reliability.hostile.sets import BASE_TEXT, w3c_doc, w3c_item

MARKUP = "<img src='file:///nonexistent/secret.txt'>"


def _shown(tip: str) -> str:
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_a_tag_named_with_markup_is_shown_literally_in_the_palette(qtbot, open_window) -> None:
    window, project, _ = open_window(BASE_TEXT)
    doc = w3c_doc([w3c_item(tag=MARKUP)])
    project.import_annotations(read_w3c(json.dumps(doc).encode(), "set.jsonld"), create_tags=True)
    tips = [b.toolTip() for b in window.findChildren(QPushButton) if b.objectName() == "tagButton"]
    [tip] = [t for t in tips if "secret.txt" in t]
    assert "<img" not in tip
    assert MARKUP in _shown(tip)
