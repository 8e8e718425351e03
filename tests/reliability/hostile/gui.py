"""The GUI part of the hostile run: the article cases are imported through the real
window (File → Import: the sandboxed reader in its worker thread) while a 10 ms timer
measures how long the event loop is ever blocked; then every imported article is opened
and painted, with the annotation sets imported into it, and every tooltip the window can
show is shown (a tooltip that Qt took for rich text would load what an ``<img>`` names)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.reliability.hostile.cases import Case, Context

#: how long the event loop may be blocked while an import runs
STALL_LIMIT_MS = 200.0
_LOADS = re.compile(r"<\s*(img|a|link|iframe|object|embed|style|image|svg)\b", re.I)


@dataclass
class GuiReport:
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # source → (id, error)
    texts: dict[str, str] = field(default_factory=dict)  # article id → text
    longest_stall_ms: float = 0.0
    stalls: list[float] = field(default_factory=list)  # blocked periods over the limit (ms)
    import_seconds: float = 0.0
    longest_open_ms: float = 0.0
    slowest_open: str = ""
    tooltips_shown: int = 0
    rich_tooltips: list[str] = field(default_factory=list)
    dialog_results: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class StallMeter:
    """A 10 ms timer on the GUI thread; the longest gap between two ticks is the longest
    time the event loop was blocked (minus the 10 ms)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps, self._last = [], time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self._tick()
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000.0)
        self._last = now

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)


def _wait(signal: Any, seconds: float) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired: list[bool] = []
    signal.connect(lambda *a: (fired.append(True), loop.quit()))
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    return bool(fired)


def run_gui(
    ctx: Context,
    article_cases: list[Case],
    paths: dict[str, Path],
    set_files: list[tuple[Case, Path]],
    child_log: Path,
    *,
    import_timeout: float,
    log: Callable[[str], None] = lambda line: None,
) -> GuiReport:
    from PySide6.QtWidgets import QApplication

    from annotator.core.project import Project
    from annotator.formats.sandbox import Sandbox
    from annotator.qt.main_window import MainWindow
    from annotator.settings import Settings
    from tests.reliability.hostile.watch import child_audit

    app = QApplication.instance() or QApplication([])
    report = GuiReport()
    project = Project.open(ctx.root / "db" / "gui.db", "hostile")
    window = MainWindow(project, Settings(annotator="hostile"))
    try:
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        sources = [str(paths[c.name]) for c in article_cases]
        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        sandbox = Sandbox(initializer=(child_audit, (str(child_log),)))
        job = window.import_files(sources, sandbox=sandbox)
        job.item_done.connect(lambda s, i, e: report.outcomes.__setitem__(s, (i, e)))
        finished = _wait(job.done, import_timeout)
        meter.stop()
        report.import_seconds = time.perf_counter() - started
        log(f"GUI import: {report.import_seconds:.1f} s, longest stall {meter.longest:.0f} ms")
        report.longest_stall_ms = meter.longest
        report.stalls = [g for g in meter.gaps if g > STALL_LIMIT_MS]
        if not finished:
            report.problems.append(f"the GUI import did not finish in {import_timeout:.0f} s")
            job.cancel()
            job.wait(10000)
        _close_message_boxes(app)
        _import_sets(project, set_files, report)
        log("sets imported into the window's database")
        for article_id in dict.fromkeys(i for i, _ in report.outcomes.values() if i):
            report.texts[article_id] = project.article(article_id).text
            shown = time.perf_counter()
            _show(app, window, article_id, report)
            log(f"shown {article_id[:8]} in {time.perf_counter() - shown:.1f} s")
        report.dialog_results = _export_dialog(ctx, project, window)
    finally:
        window.close()
        app.processEvents()
        project.close()
    return report


def _close_message_boxes(app: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    for widget in app.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()


def _import_sets(project: Any, set_files: list[tuple[Case, Path]], report: GuiReport) -> None:
    """The sets a user may import (the ones the corpus expects to be imported) go into
    the window's database, so their notes, actors and tags are shown too."""
    from annotator.domain.errors import BadInput
    from annotator.formats.exchange_io import read_annotation_file
    from tests.reliability.hostile.sets import base_draft

    base = project.import_draft(base_draft()).article
    report.outcomes["<base article>"] = (base.id, "")
    for case, path in set_files:
        try:
            project.import_annotations(read_annotation_file(path), **case.options)
        except BadInput as exc:
            report.problems.append(f"{case.name}: imported headless but not in the window: {exc}")


def _show(app: Any, window: Any, article_id: str, report: GuiReport) -> None:
    """Open the article, paint the window, select every annotation (the details panel
    shows its note, actor and verdict) and show every tooltip."""
    started = time.perf_counter()
    window.open_article(article_id)
    window.grab()
    app.processEvents()
    elapsed = (time.perf_counter() - started) * 1000.0
    if elapsed > report.longest_open_ms:
        report.longest_open_ms, report.slowest_open = elapsed, article_id
    for a in window.project.annotations(article_id)[:50]:
        if a.start < 0:
            continue
        window.jump_to(article_id, a.id)  # selected: the details panel shows it
        app.processEvents()
        tip = window.view.tooltip_for(a.start)
        if tip:
            _show_tooltip(app, window.view, tip, report, f"highlight {a.id[:8]}")
    window.grab()
    _all_tooltips(app, window, report)


def _show_tooltip(app: Any, widget: Any, tip: str, report: GuiReport, where: str) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import Qt  # mightBeRichText lives in QtGui's Qt namespace
    from PySide6.QtWidgets import QToolTip

    report.tooltips_shown += 1
    # the app's own tooltip markup never loads anything: markup that would is data
    if Qt.mightBeRichText(tip) and _LOADS.search(tip):
        report.rich_tooltips.append(f"{where}: {tip[:120]!r}")
    QToolTip.showText(widget.mapToGlobal(QPoint(4, 4)), tip, widget)
    app.processEvents()
    QToolTip.hideText()


def _all_tooltips(app: Any, window: Any, report: GuiReport) -> None:
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QAbstractItemView, QWidget

    for widget in window.findChildren(QWidget):
        try:
            tip = widget.toolTip()
        except RuntimeError:  # deleted meanwhile (a panel rebuilt its rows)
            continue
        if tip:
            _show_tooltip(
                app, widget, tip, report, f"{type(widget).__name__} {widget.objectName()}"
            )
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and _alive(widget):
            model = widget.model()
            root = QModelIndex()
            for row in range(min(model.rowCount(root), 100)):
                for column in range(16):  # columnCount is private on list models
                    index = model.index(row, column)
                    if not index.isValid():
                        break
                    value = model.data(index, Qt.ItemDataRole.ToolTipRole)
                    if isinstance(value, str) and value:
                        _show_tooltip(
                            app, widget, value, report, f"{type(model).__name__} row {row}"
                        )


def _alive(widget: Any) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True


def _export_dialog(ctx: Context, project: Any, window: Any) -> list[dict[str, Any]]:
    """The export dialog with typed names: a bare name lands in the dialog's folder; a
    name that climbs out of it, a device name or a NUL byte is refused in the dialog."""
    from annotator.qt.dialogs.export_dialog import ExportDialog

    folder = ctx.root / "exports" / "dialog"
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for typed, expect in (
        ("annotations.jsonld", "written"),
        ("../escaped.jsonld", "refused"),
        ("CON.jsonld", "refused"),
        ("bad\x00name.jsonld", "refused"),
    ):
        dialog = ExportDialog(project, None, window.settings, window)
        dialog.folder = folder
        dialog.path.setText(typed)
        try:
            dialog.run_export()
            error = ""
        except Exception as exc:  # noqa: BLE001 - an exception escaping the dialog is a finding
            error = f"{type(exc).__name__}: {exc}"
        results.append(
            {
                "typed": typed,
                "expect": expect,
                "accepted": dialog.result() == dialog.DialogCode.Accepted,
                "status": dialog.status.text(),
                "error": error,
                "files": sorted(p.name for p in folder.iterdir()),
            }
        )
        dialog.deleteLater()
    return results
