"""Figure 4: start the app to an interactive window, against starting an empty Qt window.

Both sides are fresh processes timed from just before the spawn (CLOCK_MONOTONIC, one
clock for every process) to the moment the process reports that its window has painted
and its event loop is idle: a zero timer started at the first paint has fired.

- ours: the ``annotator`` console script (what ``make run`` starts) on a database that
  holds the sample article, with ``ANNOTATOR_STARTUP_PROBE=1`` (see annotator/app.py);
- floor: ``python -c`` importing PySide6.QtWidgets, showing an empty QMainWindow of the
  same size and waiting the same way.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchsuite.common import ChildFailed, child_env, median, monotonic, row

FLOOR = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()

def report():
    print(f"annotator-startup-idle {time.clock_gettime(time.CLOCK_MONOTONIC):.6f}", flush=True)
    app.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

window.installEventFilter(FirstPaint(app))
window.resize(1440, 900)
window.show()
app.exec()
"""

MARK = "annotator-startup-idle "


def _annotator_command(db: Path) -> list[str]:
    script = Path(sys.executable).with_name("annotator")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "annotator"]
    return [*entry, "--db", str(db), "--annotator", "bench"]


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = monotonic()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return float(line[len(MARK) :]) - start
    tail = "\n".join(proc.stderr.strip().splitlines()[-10:])
    raise ChildFailed(f"{command[0]} never reported its first idle paint:\n{tail}")


def figure4(runs: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = child_env(Path(tmp))
        env["ANNOTATOR_STARTUP_PROBE"] = "1"
        db = Path(tmp) / "startup.db"
        ours_cmd = _annotator_command(db)
        floor_cmd = [sys.executable, "-c", FLOOR]
        # one untimed start each: creates the database with the sample, warms the OS cache
        _timed(ours_cmd, env)
        _timed(floor_cmd, env)
        ours, floor = [], []
        for _ in range(runs):  # interleaved, so both see the same load on the machine
            floor.append(_timed(floor_cmd, env))
            ours.append(_timed(ours_cmd, env))
    o, f = median(ours) * 1000, median(floor) * 1000
    return [
        row(
            "4",
            "start the app with the sample to an idle, painted window",
            ours=o,
            floor=f,
            unit="ms",
            goal="≤ 2× floor",
            met=o <= 2 * f,
            floor_name="python -c: import PySide6.QtWidgets, show an empty QMainWindow, "
            "first paint + idle",
            raw={"ours_s": ours, "floor_s": floor},
        )
    ]
