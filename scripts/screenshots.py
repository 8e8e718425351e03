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

from annotator.core.demo import annotate_sample  # noqa: E402
from annotator.core.project import Project  # noqa: E402
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
        project.close()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    for path in render(out):
        print(path)
