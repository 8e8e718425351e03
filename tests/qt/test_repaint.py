"""What a change repaints: the highlighter's runs, and a window painted piece by piece
that must look exactly as if it were painted afresh."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QAbstractSlider, QApplication, QWidget

from annotator.domain.layers import LayerIndex
from annotator.domain.model import Annotation, Tag, Verdict
from annotator.qt.details_editor import DetailsEditor
from annotator.qt.highlighter import runs
from annotator.qt.models import ID_ROLE, SORT_ROLE, AnnotationModel
from annotator.qt.util import plain_tooltip
from tests.qt.conftest import click_at
from tests.qt.test_open_long import check_highlights

WORDS = "North Korea 😀 supplied Russia deny artillery rounds says officials 평양".split()


def _annotation(i: int, start: int, end: int, tag: str) -> Annotation:
    return Annotation(
        id=f"a{i:04d}",
        article_id="x",
        start=start,
        end=end,
        exact="",
        prefix="",
        suffix="",
        tag=tag,
        annotator="alice",
        created="",
        modified="",
    )


def _reference(index: LayerIndex, start: int, end: int, selected: str | None) -> list[tuple]:
    """The runs as the layer index's segments give them, neighbours of one format joined."""
    out: list[tuple] = []
    for segment in index.segments(start, end):
        tags = tuple(a.tag for a in segment.annotations)
        chosen = any(a.id == selected for a in segment.annotations)
        if out and out[-1][1] == segment.start and out[-1][2:] == (tags, chosen):
            out[-1] = (out[-1][0], segment.end, tags, chosen)
        else:
            out.append((segment.start, segment.end, tags, chosen))
    return out


def test_runs_are_the_layer_index_segments() -> None:
    rng = random.Random(3)
    text = "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))) for _ in range(80)
    )
    annotations = []
    for i in range(900):
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.choice([1, 2, rng.randint(1, 200)])
        annotations.append(_annotation(i, start, end, rng.choice("ABCD")))
    # ties: the same span twice, and spans sharing a start or an end
    annotations.append(_annotation(900, annotations[0].start, annotations[0].end, "B"))
    annotations.append(_annotation(901, annotations[1].start, annotations[1].end + 7, "C"))
    annotations.append(_annotation(902, annotations[2].start - 3, annotations[2].end, "D"))
    index = LayerIndex(text, annotations)
    compared = 0
    for trial in range(300):
        start = rng.randrange(0, len(text) - 50)
        end = start + rng.randint(1, 600)
        selected = rng.choice(annotations).id if trial % 3 else None
        expected = _reference(index, start, end, selected)
        assert runs(index.overlapping(start, end), start, end, selected) == expected
        compared += len(expected)
    assert compared > 1000
    assert runs([], 0, 10, None) == []
    assert runs(annotations[:1], annotations[0].end, annotations[0].end + 5, None) == []


# --- the window, painted piece by piece -------------------------------------------------


def long_text(rng: random.Random, paragraphs: int = 120) -> str:
    return "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 70))) for _ in range(paragraphs)
    )


def annotated_window(open_window, rng: random.Random, n: int = 400):
    """The main window on a long article with ``n`` overlapping annotations (linked in
    pairs here and there), scrolled to its middle."""
    text = long_text(rng)
    window, project, article = open_window(text)
    tags = ["Claim", "Source", "Denial", "Evidence"]
    with project.store.transaction():
        for _ in range(n):
            start = rng.randrange(0, len(text) - 90)
            project.create_annotation(
                article.id, start, start + rng.randint(1, 90), rng.choice(tags)
            )
    made = project.annotations(article.id)
    for a, b in zip(made[::37], made[1::37], strict=False):
        if (a.tag, b.tag) == ("Denial", "Claim"):
            project.link(a.id, b.id, "denies")
    window.open_article(article.id)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()
    return window, project, article, text


def _settle(window) -> None:
    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))


def _shown(window) -> QImage:
    """The window as it is on the (offscreen) screen: what was painted, piece by piece."""
    _settle(window)
    return QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()


def _afresh(window) -> QImage:
    """The window with every widget painted again (the lane margin measuring anew)."""
    window.view.margin.forget_all()
    window.update()
    for widget in window.findChildren(QWidget):
        widget.update()
    return _shown(window)


def _in_view(view) -> list:
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    first, last = view.utf16.to_codepoint(top), view.utf16.to_codepoint(bottom)
    return [
        a for a in view.layer_index.overlapping(first, last) if first + 80 < a.start < last - 80
    ]


def test_each_change_repaints_all_it_changes(qtbot, open_window) -> None:
    """After each gesture the screen shows exactly what painting everything again shows:
    repainting only the changed blocks, rows, labels and overlays leaves nothing stale."""
    if QGuiApplication.platformName() != "offscreen":
        pytest.skip("reads the offscreen backing store")
    rng = random.Random(9)
    window, project, article, text = annotated_window(open_window, rng)
    view = window.view
    bar = view.verticalScrollBar()
    steps = 0

    def check(what: str) -> None:
        nonlocal steps
        painted = _shown(window)
        assert painted == _afresh(window), what
        steps += 1

    check("opened")
    for key in (Qt.Key.Key_1, Qt.Key.Key_3):  # tag text in view, twice
        a = _in_view(view)[0]
        view.select_cp(a.end + 1, a.end + 12)
        qtbot.keyClick(view, key)
        check(f"tagged {key}")
    qtbot.keyClick(view, Qt.Key.Key_2)
    check("retagged")
    keys = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, keys)
    check("end moved a word on")
    for a in _in_view(view)[::7][:4]:  # clicks on highlights: no scrolling
        click_at(qtbot, view, a.start)
        check("clicked")
    linked = next(iter(view.relations_by_annotation), None)
    if linked is not None:
        view.select_annotation(linked, scroll=True)
        check("a linked one selected")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    check("deleted")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    check("undone")
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_N)
        check("next")
    for action in (
        QAbstractSlider.SliderAction.SliderPageStepAdd,
        QAbstractSlider.SliderAction.SliderSingleStepAdd,
        QAbstractSlider.SliderAction.SliderPageStepSub,
    ):
        bar.triggerAction(action)
        check(f"scrolled {action}")
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    check("zoomed")
    a = _in_view(view)[0]
    view.select_cp(a.end + 1, a.end + 12)
    qtbot.keyClick(view, Qt.Key.Key_4)
    check("tagged after zooming")
    window.resize(1000, 800)
    check("narrower")
    assert steps >= 18


class _Paints(QObject):
    """Paint events of some widgets: how many and how much of them."""

    def __init__(self, widgets: dict[str, QWidget]) -> None:
        super().__init__()
        self.names = {id(w): name for name, w in widgets.items()}
        self.area: dict[str, int] = dict.fromkeys(widgets, 0)
        self.count: dict[str, int] = dict.fromkeys(widgets, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        name = self.names.get(id(watched))
        if name is not None and event.type() == QEvent.Type.Paint:
            self.count[name] += 1
            self.area[name] += sum(r.width() * r.height() for r in event.region())
        return False


def test_a_tag_repaints_its_block_and_row_not_the_window(qtbot, open_window) -> None:
    rng = random.Random(4)
    window, project, article, text = annotated_window(open_window, rng)
    view, details = window.view, window.panel.details
    a = _in_view(view)[0]
    view.select_cp(a.end + 1, a.end + 12)
    qtbot.keyClick(view, Qt.Key.Key_2)  # something selected, its details shown
    b = _in_view(view)[-1]
    view.select_cp(b.end + 1, b.end + 12)
    _settle(window)
    widgets = {
        "text": view.viewport(),
        "margin": view.margin,
        "list": window.panel.table.viewport(),
        "tabs": details.tabs,
        "links": details.links.viewport(),
        "note": details.note.viewport(),
    }
    paints = _Paints(widgets)
    app = QApplication.instance()
    app.installEventFilter(paints)
    try:
        qtbot.keyClick(view, Qt.Key.Key_4)  # of the same kind: the same rows of details
        _settle(window)
    finally:
        app.removeEventFilter(paints)
    assert view.selected_annotation().tag == "Evidence"
    text_area = view.viewport().width() * view.viewport().height()
    assert 0 < paints.area["text"] < text_area / 2  # the new tag's block (and outlines)
    assert 0 < paints.area["margin"] < view.margin.width() * view.margin.height() / 2
    assert paints.count["list"] >= 1  # its new row
    # nothing the tag did not change: no tabs, no links (none before, none now), no note
    assert paints.count["tabs"] == paints.count["links"] == paints.count["note"] == 0


def test_a_tag_lays_its_block_out_once_and_changes_out_of_view_wait(qtbot, open_window) -> None:
    rng = random.Random(6)
    window, project, article, text = annotated_window(open_window, rng)
    view = window.view
    layout = view.document().documentLayout()
    laid: list[int] = []
    formats_changed = layout.formats_changed

    def counting(block, laid_out):  # type: ignore[no-untyped-def]
        laid.append(block.blockNumber())
        formats_changed(block, laid_out)

    layout.formats_changed = counting
    a = _in_view(view)[0]
    view.select_cp(a.end + 1, a.end + 6)
    qtbot.keyClick(view, Qt.Key.Key_1)  # made, listed, selected: its block laid out once
    new = view.selected_annotation()
    assert new is not None
    assert laid == [view.document().findBlock(view.utf16.to_utf16(new.start)).blockNumber()]
    # a change far below the view: its block is highlighted when it comes into view
    far = len(text) - 300
    block = view.document().findBlock(view.utf16.to_utf16(far)).blockNumber()
    bar = view.verticalScrollBar()
    middle = bar.value()
    bar.setValue(bar.maximum())  # seen once, so highlighted
    bar.setValue(middle)
    QApplication.processEvents()
    assert block in view.highlighted_blocks
    laid.clear()
    project.create_annotation(article.id, far, far + 40, "Denial")
    assert laid == [] and block not in view.highlighted_blocks
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    assert block in laid and block in view.highlighted_blocks
    assert check_highlights(window, project, article.id) > 50


def test_the_details_editor_sets_only_what_changed(qtbot) -> None:
    details = DetailsEditor()
    qtbot.addWidget(details)
    links = [("r1", "denies: “North Korea has supplied…”", "a2")]
    details.set_links(links)
    item = details.links.item(0)
    details.set_links(list(links))  # the same links: the same item, nothing laid out again
    assert details.links.item(0) is item and details.links.count() == 1
    details.set_links([])
    assert details.links.count() == 1 and details.links.item(0) is not item  # placeholder
    history = [("2024-05-01T10:00:00", "alice", "created")]
    details.set_history(history)
    shown = details.history.item(0)
    details.set_history(list(history))
    assert details.history.item(0) is shown and details.tabs.tabText(1) == "History (1)"
    verdict = Verdict("a1", "False", "No such shipments", "alice", "2024", "2024")
    details.show_verdict(verdict, is_claim=True)
    details.explanation.setCursorPosition(3)
    details.show_verdict(verdict, is_claim=True)  # the same text is not set again
    assert details.explanation.cursorPosition() == 3
    details.show_verdict(None, is_claim=True)
    assert details.explanation.text() == "" and details.explanation.toolTip() == ""


def test_the_list_answers_each_role(qtbot) -> None:
    model = AnnotationModel()
    model.set_tags([Tag(name="Claim", colour="#0072B2", key="1")])
    a = _annotation(1, 3, 9, "Claim")
    noted = replace(a, exact="North   Korea\nsupplied", note="see p. 4", actor="US")
    model.reset([noted])
    cell = model.index(0, 1)
    assert [model.index(0, c).data() for c in range(5)] == [
        "Claim",
        "North Korea supplied",
        "US",
        "alice",
        "see p. 4",
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).name() == "#0072b2"
    assert model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is None
    assert cell.data(ID_ROLE) == noted.id
    assert cell.data(SORT_ROLE) == (3, 9)
    assert model.index(0, 2).data(SORT_ROLE) == "us"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(noted.exact)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole):
        assert cell.data(role) is None
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None
    assert model.data(QModelIndex(), ID_ROLE) is None
    model.upsert(replace(noted, actor="Russia", modified="later"))  # the row's texts anew
    assert model.index(0, 2).data() == "Russia"
