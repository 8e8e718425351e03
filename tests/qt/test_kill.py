"""Nothing the window showed as saved is lost when the process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator.core.project import Project

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from annotator.core.project import Project
    from annotator.qt.main_window import MainWindow
    from annotator.settings import Settings

    app = QApplication([])
    project = Project.open(sys.argv[1], "kim")
    article = project.import_sample().article
    window = MainWindow(project, Settings(annotator="kim"))
    window.show()
    window.open_article(article.id)
    view = window.view
    for word in ("alliance", "supplied", "deny"):
        start = article.text.index(word)
        view.select_cp(start, start + len(word))
        QTest.keyClick(view, Qt.Key.Key_1 if word != "deny" else Qt.Key.Key_3)
        assert window.save_label.text().startswith("✓ Saved"), window.save_label.text()
        print("SAVED", view.selected_id, flush=True)
    time.sleep(60)
    """
)


def test_killed_right_after_saved_keeps_every_tag(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True, env=env
    )
    saved = []
    try:
        assert child.stdout is not None
        while len(saved) < 3:
            line = child.stdout.readline()
            assert line, "the child stopped before saving"
            saved.append(line.split()[1])
        child.send_signal(signal.SIGKILL)  # no chance to flush or close anything
    finally:
        child.kill()
        child.wait()
    project = Project.open(db, "checker")
    try:
        [article] = project.articles()
        stored = {a.id: (a.tag, a.exact) for a in project.annotations(article.id)}
        assert set(saved) == set(stored)
        assert sorted(stored.values()) == [
            ("Claim", "alliance"),
            ("Claim", "supplied"),
            ("Denial", "deny"),
        ]
        assert project.store.integrity_problems() == []
    finally:
        project.close()
