"""Child-side measurements of figure 5: importing generated HTML news pages.

- ``floor``: ``trafilatura.extract`` on each page's bytes, one process, one by one;
- ``ours``: the command line's import path, in process: ``annotator --db … import
  PAGES…`` (every page read with ``load_source`` — by the reading sandbox's child
  processes, side by side, as the CLI does — then stored in one transaction);
- ``gui``: the real window's importer (``MainWindow.import_files`` → ``ImportJob``: pages
  read by the sandbox's children, stored by a worker thread 25 at a time) while a 5 ms
  timer on the GUI thread records the longest gap between its ticks and the progress
  dialog's values;
- ``gui_floor``: the same ticks while a plain ``QThread`` runs ``trafilatura.extract``
  over the same pages and nothing is stored (what the GIL alone costs the GUI thread).
"""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path
from typing import Any

TICK_MS = 5


def floor(p: dict[str, Any]) -> dict[str, Any]:
    import trafilatura

    pages = p["pages"]
    t = time.perf_counter()
    extracted = sum(1 for page in pages if trafilatura.extract(Path(page).read_bytes()))
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "pages": len(pages), "extracted": extracted}


def ours(p: dict[str, Any]) -> dict[str, Any]:
    # modules of this process are imported before timing, as the floor's trafilatura is
    # (the start of the reading sandbox's own process is part of the path, and timed)
    import annotator.core.project  # noqa: F401
    import annotator.formats.importing  # noqa: F401
    from annotator.cli import main

    pages = p["pages"]
    out = io.StringIO()
    t = time.perf_counter()
    with contextlib.redirect_stdout(out):
        main.main(
            args=["--db", p["db"], "--annotator", "bench", "import", *pages],
            prog_name="annotator",
            standalone_mode=False,
        )
    seconds = time.perf_counter() - t
    imported = len(out.getvalue().splitlines())
    if imported != len(pages):
        raise RuntimeError(f"imported {imported} of {len(pages)} pages")
    return {"seconds": seconds, "pages": len(pages)}


class _Ticks:
    """A precise 5 ms timer on the GUI thread: the longest gap between two ticks is the
    longest time the event loop could not answer (a click, a repaint)."""

    def __init__(self, sample: Any = None) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.last = time.perf_counter()
        self.longest = 0.0
        self.count = 0
        self.sample = sample
        self.samples: list[Any] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.count += 1
        if self.sample is not None:
            self.samples.append(self.sample())


def gui(p: dict[str, Any]) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    from benchsuite.desk import main_window

    window = main_window(p["db"])

    def progress() -> tuple[int, bool] | None:
        dialogs = window.findChildren(QProgressDialog)
        return (dialogs[0].value(), dialogs[0].isVisible()) if dialogs else None

    ticks = _Ticks(progress)
    loop = QEventLoop()
    result: dict[str, Any] = {}

    def finished(ids: list[str], errors: list[str]) -> None:
        result.update(imported=len(ids), errors=len(errors))
        loop.quit()

    window.import_finished.connect(finished)
    ticks.start()
    t = time.perf_counter()
    window.import_files(p["pages"])
    loop.exec()
    seconds = time.perf_counter() - t
    ticks.timer.stop()
    values = [s[0] for s in ticks.samples if s is not None]
    shown = any(s[1] for s in ticks.samples if s is not None)
    window.close()
    window.project.close()
    return {
        **result,
        "seconds": seconds,
        "longest_gap_ms": ticks.longest * 1000,
        "ticks": ticks.count,
        "progress_values": len(set(values)),
        "progress_max": max(values, default=0),
        "progress_shown": shown,
    }


def gui_floor(p: dict[str, Any]) -> dict[str, Any]:
    import trafilatura
    from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
    from PySide6.QtWidgets import QApplication, QMainWindow

    from benchsuite.desk import WINDOW

    class Worker(QObject):
        finished = Signal()

        @Slot()
        def run(self) -> None:
            for page in p["pages"]:
                trafilatura.extract(Path(page).read_bytes())
            self.finished.emit()

    app = QApplication.instance() or QApplication(["bench"])
    window = QMainWindow()
    window.resize(*WINDOW)
    window.show()
    app.processEvents()
    thread = QThread()
    worker = Worker()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    ticks = _Ticks()
    ticks.start()
    t = time.perf_counter()
    thread.start()
    loop.exec()
    seconds = time.perf_counter() - t
    ticks.timer.stop()
    thread.quit()
    thread.wait()
    return {"seconds": seconds, "longest_gap_ms": ticks.longest * 1000, "ticks": ticks.count}
