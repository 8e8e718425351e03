"""Render the README screenshots: the main window on the annotated sample (demo set).

Usage: python scripts/screenshots.py [OUT_DIR]   (default: docs)
Runs offscreen unless a display is set; writes screenshot-light.png,
screenshot-dark.png and screenshot-board.png at 1440×900 from a temporary database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.demo import annotate_sample, colleague_sets  # noqa: E402
from annotator.core.exporting import export_to  # noqa: E402
from annotator.core.project import Project  # noqa: E402
from annotator.formats.exchange_io import read_annotation_file  # noqa: E402
from annotator.qt.main_window import MainWindow  # noqa: E402
from annotator.settings import Settings  # noqa: E402


def render(out_dir: Path) -> list[Path]:
    """The window on the demo set of the sample article: light, dark, and with the board."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "screens.db", "Dana Reporter")
        article = project.import_sample().article
        ids = annotate_sample(project, article.id)
        shots = [("light", False), ("dark", False), ("light", True)]
        for theme, board in shots:
            window = MainWindow(
                project, Settings(annotator="Dana Reporter", theme=theme, font_size=13)
            )
            window.resize(1440, 900)
            window.open_article(article.id)
            window.show()
            if board:
                window.board_dock.show()
                window.resizeDocks([window.board_dock], [380], Qt.Orientation.Vertical)
            window.view.select_annotation(ids["us_weapons"], scroll=True)
            if board:
                tree = window.board.tree
                window.board.refresh()
                us = next(
                    tree.topLevelItem(i)
                    for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).text(0).startswith("United States")
                )
                tree.scrollToItem(us, tree.ScrollHint.PositionAtTop)
            for _ in range(5):
                app.processEvents()
            name = "screenshot-board.png" if board else f"screenshot-{theme}.png"
            target = out_dir / name
            window.grab().save(str(target))
            written.append(target)
            window.close()
        written.append(_search_shot(app, project, out_dir))
        project.close()
        written.append(_compare_shot(app, Path(tmp), out_dir))
    return written


OTHER_ARTICLES = (
    (
        "Seoul says North Korean troops are fighting in Kursk",
        "South Korea's intelligence service says North Korea has sent troops to Russia's "
        "Kursk region. Moscow and Pyongyang deny that any North Korean soldiers are there.",
    ),
    (
        "Artillery shells: what the satellite images show",
        "Satellite images show trains loaded with containers leaving Rajin for Russia. "
        "Analysts say the containers hold artillery shells; North Korea denies supplying "
        "weapons.",
    ),
)


def _search_shot(app: QApplication, project: Project, out_dir: Path) -> Path:
    """The library's search box with hits for "North Korea deny" across three articles."""
    from annotator.formats.draft import ArticleDraft

    for title, text in OTHER_ARTICLES:
        project.import_draft(
            ArticleDraft(
                text=text,
                source_format="txt",
                original=text.encode(),
                original_name=f"{title}.txt",
                media_type="text/plain",
                title=title,
            )
        )
    window = MainWindow(project, Settings(annotator="Dana Reporter", font_size=13))
    window.resize(1440, 900)
    window.open_article(project.articles()[0].id)
    window.show()
    box = window.library.search
    box.edit.setText("North Korea deny")
    box.run()
    box.results.setCurrentIndex(box.model.index(0, 0))
    for _ in range(5):
        app.processEvents()
    target = out_dir / "screenshot-search.png"
    window.grab().save(str(target))
    window.close()
    return target


def _compare_shot(app: QApplication, tmp: Path, out_dir: Path) -> Path:
    """Two colleagues annotate the sample in their own databases, export W3C sets; a
    reviewer imports both and compares them side by side."""
    sets = []
    for name in ("Dana", "Min-jun"):
        own = Project.open(tmp / f"{name}.db", name)
        own_article = own.import_sample().article
        sets.append((own, own_article.id))
    colleague_sets(sets[0][0], sets[1][0], sets[0][1], sets[1][1])
    files = []
    for own, _ in sets:
        target = tmp / f"{own.annotator}.jsonld"
        export_to(own, "w3c", target)
        files.append(target)
        own.close()
    reviewer = Project.open(tmp / "reviewer.db", "Sam Reviewer")
    article = reviewer.import_sample().article
    for target in files:
        reviewer.import_annotations(read_annotation_file(target))
    window = MainWindow(reviewer, Settings(annotator="Sam Reviewer", font_size=13))
    window.resize(1440, 900)
    window.open_article(article.id)
    window.show()
    window._refresh_people()
    window.compare_dock.show()
    window.resizeDocks([window.compare_dock], [380], Qt.Orientation.Vertical)
    window.compare.set_people(["Dana", "Min-jun"])
    window.compare_annotators("Dana", "Min-jun")
    first = window.compare.differences.item(0, 1)
    if first is not None:
        window.compare._activated(0, 1)
    for _ in range(5):
        app.processEvents()
    target = out_dir / "screenshot-compare.png"
    window.grab().save(str(target))
    window.close()
    reviewer.close()
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    for path in render(out):
        print(path)
