"""Benchmark of the desk: open, tag and scroll a 1.5 MB article with many annotations.

Usage: python scripts/bench_desk.py [--annotations 10000] [--runs 7] [--phases]
Prints each figure (median of runs) beside its floor measured in the same run, the open
until the event loop is idle again (the work deferred past the first paint done), and
the peak memory of the process; ``--phases`` adds where the open's time goes.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from annotator.core.project import Project  # noqa: E402
from annotator.qt.main_window import MainWindow  # noqa: E402
from annotator.settings import Settings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import add_annotations, make_text, text_draft  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


#: the steps of opening an article, timed with ``--phases`` (those this version has)
PHASES = (
    ("annotator.core.project", "Project", "article", "read the article (text, metadata)"),
    ("annotator.core.project", "Project", "placed_rows", "read the annotation rows"),
    ("annotator.core.project", "Project", "annotations", "read the annotations (objects)"),
    ("annotator.domain.text", "Utf16Map", "__init__", "UTF-16 offset map"),
    ("annotator.domain.layers", "LayerIndex", "from_rows", "layer index (from rows)"),
    ("annotator.domain.layers", "LayerIndex", "__init__", "layer index (from objects)"),
    ("annotator.qt.article_view", "ArticleView", "setPlainText", "setPlainText"),
    ("annotator.qt.main_window", "MainWindow", "reload_relations", "links"),
    ("annotator.qt.annotation_panel", "AnnotationPanel", "reset", "the annotation list"),
    ("annotator.qt.main_window", "MainWindow", "refresh_badges", "badges (review decisions)"),
    ("annotator.qt.main_window", "MainWindow", "open_article", "open_article in all"),
)


def time_phases(enabled: list[bool]) -> dict[str, float]:
    """Wrap the :data:`PHASES` methods this version has; while ``enabled[0]``, the time
    spent in each adds up in the returned dict (the empty index ``from_rows`` starts
    from is not counted as an index built from objects)."""
    import importlib

    spent: dict[str, float] = {}
    in_from_rows = [False]
    for module, cls_name, name, label in PHASES:
        cls = getattr(importlib.import_module(module), cls_name)
        if not hasattr(cls, name):
            continue
        inner = vars(cls)[name].__func__ if name == "from_rows" else getattr(cls, name)

        def timed(*a, _inner=inner, _label=label, **k):
            if in_from_rows[0]:
                return _inner(*a, **k)
            in_from_rows[0] = _label == "layer index (from rows)"
            t = time.perf_counter()
            try:
                return _inner(*a, **k)
            finally:
                in_from_rows[0] = False
                if enabled[0]:
                    spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - t

        functools.update_wrapper(timed, inner)
        setattr(cls, name, classmethod(timed) if name == "from_rows" else timed)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--phases", action="store_true", help="where the open's time goes")
    args = parser.parse_args()
    timing = [False]
    spent = time_phases(timing) if args.phases else {}
    phases: dict[str, list[float]] = {}
    rng = random.Random(42)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    text = make_text(1_500_000, rng)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        project = Project.open(db, "bench")
        article = project.import_draft(text_draft(text, "Bench")).article
        t0 = time.perf_counter()
        add_annotations(project, article.id, args.annotations, rng)
        setup = time.perf_counter() - t0
        window = MainWindow(project, Settings(annotator="bench"))
        window.resize(1440, 900)
        window.show()
        app.processEvents()

        # 1. open the article to the first painted frame, against the floor
        opens, idles, floors = [], [], []
        for _ in range(args.runs):
            window.open_article(window.project.articles()[0].id)  # warm caches equally
            app.processEvents()
            timing[0] = True
            t = time.perf_counter()
            window.open_article(article.id)
            window.view.viewport().repaint()
            opens.append(time.perf_counter() - t)
            timing[0] = False
            if spent:
                spent["paint (the rest)"] = opens[-1] - spent.get("open_article in all", 0)
            for label, seconds in spent.items():
                phases.setdefault(label, []).append(seconds)
            spent.clear()
            app.processEvents()  # what was left for after the first paint
            app.processEvents()
            idles.append(time.perf_counter() - t)
            plain = QPlainTextEdit()
            plain.resize(700, 800)
            plain.show()
            t = time.perf_counter()
            conn = sqlite3.connect(db)
            conn.execute(
                "SELECT * FROM annotations WHERE article_id = ? AND deleted IS NULL", [article.id]
            ).fetchall()
            conn.close()
            plain.setPlainText(text)
            plain.viewport().repaint()
            floors.append(time.perf_counter() - t)
            plain.close()
            plain.deleteLater()
            app.processEvents()

        # 2. tag one more span: key press -> committed, listed and repainted
        view = window.view
        tags = []
        for i in range(max(30, args.runs)):
            start = rng.randrange(0, len(text) - 100)
            view.select_cp(start, start + 12)
            view.centerCursor()
            app.processEvents()
            t = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_1)
            view.viewport().repaint()
            tags.append(time.perf_counter() - t)
            assert view.selected_id is not None and not view.textCursor().hasSelection(), i

        # 3. scroll to a page not seen yet: highlight its blocks and repaint
        scrolls = []
        bar = view.verticalScrollBar()
        for i in range(40):
            t = time.perf_counter()
            bar.setValue(int(bar.maximum() * (i + 1) / 41))
            view.viewport().repaint()
            view.margin.repaint()
            scrolls.append(time.perf_counter() - t)
        window.close()
        project.close()

    p95 = sorted(tags)[int(len(tags) * 0.95) - 1]
    print(
        f"article: {len(text.encode()) / 1e6:.2f} MB, {len(text.split()):,} words, "
        f"{args.annotations:,} annotations (inserted in {setup:.1f} s)"
    )
    print(f"{'measure':44} {'median':>11} {'floor':>11} {'ratio':>6}")
    o, f = statistics.median(opens), statistics.median(floors)
    print(f"{'open article to first paint':44} {ms(o)} {ms(f)} {o / f:6.2f}")
    print(
        f"{'tag one span (key -> committed + repaint)':44} {ms(statistics.median(tags))}"
        f"   p95 {ms(p95).strip()}"
    )
    print(f"{'open article until idle again':44} {ms(statistics.median(idles))}")
    print(
        f"{'scroll a new page: highlight + repaint':44} {ms(statistics.median(scrolls))}"
        f"   max {ms(max(scrolls)).strip()}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process (max RSS)':44} {peak:8.1f} MB")
    if phases:
        print("where the open's time goes (median per open):")
        for label, seconds in phases.items():
            print(f"  {label:42} {ms(statistics.median(seconds))}")


if __name__ == "__main__":
    main()
