"""Render the README screenshots: the main window on the tagged sample, both themes.

Usage: python scripts/screenshots.py [OUT_DIR]   (default: docs)
Runs offscreen unless a display is set; writes screenshot-light.png and
screenshot-dark.png at 1440×900 from a temporary database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.project import Project  # noqa: E402
from annotator.qt.main_window import MainWindow  # noqa: E402
from annotator.settings import Settings  # noqa: E402

# (quote, tag, actor, note)
TAGS = [
    (
        "North Korean leader Kim Jong Un hailed a “new, high level of alliance” with Russia",
        "Claim",
        "Kim Jong Un",
        "",
    ),
    ("media reported", "Source", "", "Which media? RIA Novosti and AFP are named below."),
    ("The United States says", "Source", "United States", ""),
    (
        "North Korea has supplied Russia with large amounts of weapons for its war in Ukraine, "
        "in particular artillery rounds and ballistic missiles",
        "Claim",
        "United States",
        "Check against the DIA and UN Panel of Experts reports.",
    ),
    (
        "artillery rounds and ballistic missiles",
        "Evidence",
        "",
        "Overlaps the claim: the specific materiel named.",
    ),
    ("both Russia and North Korea deny that", "Denial", "Russia", ""),
    (
        "North Korea is suspected of getting Russian technological assistance for its space "
        "program",
        "Claim",
        "",
        "",
    ),
    ("North Korea successfully placed a spy satellite into orbit", "Evidence", "", ""),
    ("according to a video of summit remarks released by media outlets", "Source", "", ""),
]


def render(out_dir: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "screens.db", "Dana Reporter")
        article = project.import_sample().article
        created = []
        for quote, tag, actor, note in TAGS:
            created.append(
                project.annotate_quote(article.id, quote, tag, actor=actor or None, note=note)
            )
        other = Project(project.store, "Min-jun Lee")
        other.annotate_quote(
            article.id,
            "Kim said the pact signed by the two leaders was historic",
            "Claim",
            actor="Kim Jong Un",
        )
        for theme in ("light", "dark"):
            window = MainWindow(
                project, Settings(annotator="Dana Reporter", theme=theme, font_size=13)
            )
            window.resize(1440, 900)
            window.open_article(article.id)
            window.show()
            window.view.select_annotation(created[3].id, scroll=True)
            for _ in range(5):
                app.processEvents()
            target = out_dir / f"screenshot-{theme}.png"
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
