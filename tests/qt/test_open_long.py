"""Opening an article with many annotations: the first frame shows the highlights of the
text in view, blocks scrolled into view are highlighted, the list filters, and a theme
applied again repolishes nothing."""

from __future__ import annotations

import gc
import random
from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel

from annotator.qt.theme import apply_theme
from tests.conftest import make_draft

WORDS = "North Korea 😀 supplied Russia deny artillery rounds says officials 평양".split()


def long_text(rng: random.Random, paragraphs: int = 160) -> str:
    return "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))) for _ in range(paragraphs)
    )


def annotate(project, article_id: str, text: str, rng: random.Random, n: int) -> None:
    tags = ["Claim", "Source", "Denial", "Evidence"]
    with project.store.transaction():
        for _ in range(n):
            start = rng.randrange(0, len(text) - 90)
            end = start + rng.randint(1, 90)  # some reach into the next paragraph
            project.create_annotation(article_id, start, end, rng.choice(tags))


def visible_blocks(view):
    block, offset = view.firstVisibleBlock(), view.contentOffset()
    while block.isValid():
        if view.blockBoundingGeometry(block).translated(offset).top() > view.viewport().height():
            return
        yield block
        block = block.next()


def check_highlights(window, project, article_id: str) -> int:
    """Every character of the blocks in view carries the underline of its innermost
    annotation (the tag's colour), and none without an annotation is formatted."""
    view = window.view
    colours = {t.name: t.colour.lower() for t in project.tags()}
    placed = project.annotations(article_id)
    checked = 0
    for block in visible_blocks(view):
        shown = {}
        for piece in block.layout().formats():
            for unit in range(piece.start, piece.start + piece.length):
                shown[unit] = piece.format.underlineColor().name()
        u0 = block.position()
        first = view.utf16.to_codepoint(u0)
        last = view.utf16.to_codepoint(u0 + block.length() - 1)
        for cp in range(first, last):
            covering = [a for a in placed if a.start <= cp < a.end]
            unit = view.utf16.to_utf16(cp) - u0
            if not covering:
                assert unit not in shown, (block.blockNumber(), cp)
                continue
            innermost = max(covering, key=lambda a: (-a.length, a.start, a.id))
            assert shown.get(unit) == colours[innermost.tag], (block.blockNumber(), cp)
            checked += 1
    return checked


def test_first_frame_and_scrolled_blocks_show_their_highlights(qtbot, open_window) -> None:
    rng = random.Random(5)
    text = long_text(rng)
    window, project, article = open_window(text)
    annotate(project, article.id, text, rng, 600)
    short = project.import_draft(make_draft("A short one.", title="Short")).article
    window.open_article(short.id)
    qtbot.waitUntil(gc.isenabled, timeout=1000)
    window.open_article(article.id)  # the open path, with everything already stored
    assert not gc.isenabled()  # no collection in the middle of the rows
    window.view.viewport().repaint()
    assert check_highlights(window, project, article.id) > 50
    qtbot.waitUntil(gc.isenabled, timeout=1000)  # collections resume after the first paint
    assert window.panel.model.rowCount() == 600
    bar = window.view.verticalScrollBar()
    for fraction in (0.5, 0.97):
        bar.setValue(int(bar.maximum() * fraction))
        QApplication.processEvents()
        assert check_highlights(window, project, article.id) > 50
    # a new tag on text in view is painted at once
    block = next(visible_blocks(window.view))
    start = window.view.utf16.to_codepoint(block.position())
    window.view.select_cp(start, start + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.view.selected_id is not None
    assert check_highlights(window, project, article.id) > 50
    assert window.panel.model.tag_counts == Counter(a.tag for a in project.annotations(article.id))
    # and a deleted one disappears (only its own highlight)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert check_highlights(window, project, article.id) > 50
    assert window.panel.model.tag_counts == Counter(a.tag for a in project.annotations(article.id))
    assert window.panel.model.rowCount() == 600


def test_list_filters_and_keeps_the_selection(qtbot, open_window) -> None:
    rng = random.Random(8)
    text = long_text(rng, 40)
    window, project, article = open_window(text)
    annotate(project, article.id, text, rng, 120)
    noted = project.annotations(article.id)[7]
    project.update_annotation(noted.id, note="zebra crossing")
    window.open_article(article.id)
    panel = window.panel
    denials = sum(a.tag == "Denial" for a in project.annotations(article.id))
    window.view.select_annotation(noted.id, scroll=True)
    assert panel.proxy.rowCount() == 120 and panel.title.text() == "Annotations (120)"
    panel.search.setText("ZEBRA")
    assert panel.proxy.rowCount() == 1 and panel.title.text() == "Annotations (1 of 120)"
    [selected] = panel.table.selectionModel().selectedRows()
    assert selected.data(Qt.ItemDataRole.UserRole + 1) == noted.id  # still selected
    panel.search.setText("")
    assert panel.proxy.rowCount() == 120
    [selected] = panel.table.selectionModel().selectedRows()
    assert selected.data(Qt.ItemDataRole.UserRole + 1) == noted.id
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("Denial"))
    assert panel.proxy.rowCount() == denials
    assert panel.title.text() == f"Annotations ({denials} of 120)"
    assert {panel.proxy.index(r, 0).data() for r in range(denials)} == {"Denial"}
    panel.tag_filter.setCurrentIndex(0)
    assert panel.proxy.rowCount() == 120
    # clicking a row of the list selects its annotation in the text
    index = panel.proxy.index(3, 1)
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(index).center(),
    )
    assert window.view.selected_id == panel.proxy.index(3, 0).data(Qt.ItemDataRole.UserRole + 1)


class _StyleEvents(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self.count += 1
        return False


def test_a_theme_applied_again_repolishes_nothing(qtbot) -> None:
    app = QApplication.instance()
    apply_theme(app, "light")
    label = QLabel("x")
    qtbot.addWidget(label)
    label.show()
    events = _StyleEvents()
    label.installEventFilter(events)
    apply_theme(app, "light")
    QApplication.processEvents()
    assert events.count == 0
    apply_theme(app, "dark")
    QApplication.processEvents()
    assert events.count > 0 and app.palette().window().color().name() == "#1e2227"
    apply_theme(app, "light")
