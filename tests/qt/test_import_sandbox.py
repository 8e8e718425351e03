"""Importing in the window through the sandboxed reader: the progress dialog's Stop,
a file over the time limit, and closing the window mid-import leave no child behind."""

from __future__ import annotations

import os
import time

from PySide6.QtWidgets import QMessageBox, QPushButton

from annotator.formats.sandbox import Sandbox
from tests.formats.test_sandbox import _gone, _page

TEXT = "Moscow denies it. Washington says the opposite."


def _wait_reading(qtbot, job) -> int:
    """The child's pid, once it reads the first file."""
    qtbot.waitUntil(lambda: job.sandbox.pid is not None and "Reading" in job.progress.labelText())
    return job.sandbox.pid


def test_stop_in_the_progress_dialog_abandons_a_slow_file(
    qtbot, open_window, tmp_path, monkeypatch
):
    window, project, _ = open_window(TEXT)
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    slow = _page(tmp_path / "slow.html", 60_000)  # tens of seconds to read
    job = window.import_files([str(slow)])
    pid = _wait_reading(qtbot, job)
    qtbot.waitUntil(job.progress.isVisible, timeout=5000)  # a slow single file shows it
    assert job.progress.labelText() == "Reading slow.html…"
    stop = next(b for b in job.progress.findChildren(QPushButton) if b.text() == "Stop")
    started = time.monotonic()
    with qtbot.waitSignal(job.done, timeout=5000) as blocker:
        stop.click()
    assert time.monotonic() - started < 5  # reading the whole page takes tens of seconds
    assert blocker.args == [[], []]  # nothing imported, nothing to report
    assert len(project.articles()) == 1
    assert _gone(pid)


def test_a_file_over_the_time_limit_is_listed_and_the_rest_imported(
    qtbot, open_window, tmp_path, monkeypatch
):
    window, project, _ = open_window(TEXT)
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.detailedText()))
    slow = _page(tmp_path / "slow.html", 12_000)
    good = tmp_path / "good.txt"
    good.write_text("Good article\n\nA claim made here.", encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20000) as blocker:
        window.import_files([str(slow), str(good)], sandbox=Sandbox(timeout=0.5))
    ids, errors = blocker.args
    assert errors == ["slow.html: took longer than 0.5 s to read; not imported"]
    assert [project.article(i).title for i in ids] == ["Good article"]
    assert shown == ["slow.html: took longer than 0.5 s to read; not imported"]


def test_closing_the_window_mid_import_leaves_no_child(qtbot, open_window, tmp_path):
    window, project, _ = open_window(TEXT)
    slow = _page(tmp_path / "slow.html", 60_000)  # tens of seconds to read
    job = window.import_files([str(slow)])
    pid = _wait_reading(qtbot, job)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 5
    assert _gone(pid)
    assert os.getpid() != pid
