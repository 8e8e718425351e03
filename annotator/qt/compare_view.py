"""Comparing two annotators: their differences side by side and how far they agree.

Differences (only A, only B, same span with another tag, overlapping with
other boundaries) are listed and marked in the text; the agreement figures
(exact-span F1, overlap F1, character kappa per tag, Krippendorff's alpha)
are shown as a table and a bar chart per tag.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.qt.util import plain_label

KIND_LABELS = {
    "only_a": "only A",
    "only_b": "only B",
    "other_tag": "same span, other tag",
    "other_bounds": "overlap, other boundaries",
    "same": "same",
}
BAR_COLOURS = ("#0072B2", "#56B4E9", "#E69F00")  # exact F1, overlap F1, kappa


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class AgreementChart(QWidget):
    """Bars per tag: exact F1, overlap F1 and kappa, 0…1 (undefined: no bar, a dash)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, tuple[float | None, float | None, float | None]]] = []
        self.setMinimumHeight(120)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, 140)

    def set_rows(self, rows: list[tuple[str, tuple[float | None, ...]]]) -> None:
        self.rows = rows  # type: ignore[assignment]
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        metrics = painter.fontMetrics()
        label_w = max([metrics.horizontalAdvance(t) for t, _ in self.rows] + [60]) + 12
        width = max(10, self.width() - label_w - 48)
        y = 4.0
        bar_h = max(4.0, min(9.0, (self.height() - 24) / max(1, len(self.rows) * 3.6)))
        for tag, values in self.rows:
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, label_w - 6, bar_h * 3),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tag,
            )
            for i, value in enumerate(values):
                top = y + i * bar_h
                if value is None:
                    painter.setPen(QPen(text, 1, Qt.PenStyle.DotLine))
                    painter.drawLine(
                        int(label_w), int(top + bar_h / 2), int(label_w + 12), int(top + bar_h / 2)
                    )
                    continue
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(BAR_COLOURS[i]))
                length = max(1.0, width * max(0.0, min(1.0, value)))
                painter.drawRect(QRectF(label_w, top, length, bar_h - 1))
                painter.setPen(text)
                painter.drawText(
                    QRectF(label_w + length + 4, top - 2, 44, bar_h + 4),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{value:.2f}",
                )
            y += bar_h * 3 + bar_h * 0.6
        x = label_w
        legend_y = self.height() - metrics.height() - 2
        for colour, name in zip(BAR_COLOURS, ("exact F1", "overlap F1", "kappa"), strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(x, legend_y + 3, 10, metrics.height() - 6))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 14, legend_y, 90, metrics.height()), Qt.AlignmentFlag.AlignLeft, name
            )
            x += 24 + metrics.horizontalAdvance(name)
        painter.end()


class CompareView(QWidget):
    #: compare these two annotators (the window shows both and marks the differences)
    compareRequested = Signal(str, str)
    #: go to an annotation
    jumpRequested = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.article_id: str | None = None
        self.a = QComboBox()
        self.a.setObjectName("compareA")
        self.b = QComboBox()
        self.b.setObjectName("compareB")
        go = QPushButton("Compare")
        go.setObjectName("compareButton")
        go.clicked.connect(self._compare_clicked)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.differences = QTableWidget(0, 3)
        self.differences.setObjectName("compareDifferences")
        self.differences.setHorizontalHeaderLabels(["Difference", "A", "B"])
        self.differences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.differences.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.differences.verticalHeader().setVisible(False)
        header = self.differences.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.differences.cellActivated.connect(self._activated)
        self.differences.cellClicked.connect(self._activated)
        self.per_tag = QTableWidget(0, 4)
        self.per_tag.setObjectName("compareTags")
        self.per_tag.setHorizontalHeaderLabels(["Tag", "Exact F1", "Overlap F1", "Kappa"])
        self.per_tag.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.per_tag.verticalHeader().setVisible(False)
        self.per_tag.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_tag.setMaximumHeight(150)
        self.chart = AgreementChart()
        row = QHBoxLayout()
        row.addWidget(plain_label("A"))
        row.addWidget(self.a, 1)
        row.addWidget(plain_label("B"))
        row.addWidget(self.b, 1)
        row.addWidget(go)
        figures = QHBoxLayout()
        figures.addWidget(self.per_tag, 1)
        figures.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.differences, 1)
        layout.addLayout(figures)
        self._rows: list[Any] = []

    def set_people(self, names: list[str]) -> None:
        for box, pick in ((self.a, 0), (self.b, 1)):
            current = box.currentText()
            box.clear()
            box.addItems(names)
            index = box.findText(current)
            box.setCurrentIndex(index if index >= 0 else min(pick, len(names) - 1))

    def _compare_clicked(self) -> None:
        a, b = self.a.currentText(), self.b.currentText()
        if a and b and a != b:
            self.compareRequested.emit(a, b)
        else:
            self.summary.setText("Choose two different annotators")

    def show_comparison(
        self, article_id: str, a: str, b: str, differences: list[Any], by_id: dict[str, Any]
    ) -> None:
        """Fill the list of differences and the agreement figures."""
        self.article_id = article_id
        self._rows = [d for d in differences if getattr(d, "kind", "") != "same"]
        self.differences.setRowCount(len(self._rows))
        for r, d in enumerate(self._rows):
            cells = [KIND_LABELS.get(d.kind, d.kind)]
            for span in (d.a, d.b):
                ann = by_id.get(span.id) if span is not None else None
                cells.append(f"[{ann.tag}] “{' '.join(ann.exact.split())[:60]}”" if ann else "")
            for c, value in enumerate(cells):
                self.differences.setItem(r, c, QTableWidgetItem(value))
        try:
            result = self.project.agreement(a, b, article_id)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        same = sum(1 for d in differences if getattr(d, "kind", "") == "same")
        self.summary.setText(
            f"{a} (A) and {b} (B): {same} identical, {len(self._rows)} differences · "
            f"exact-span F1 {_fmt(result.exact_f1)} · overlap F1 {_fmt(result.overlap_f1)} · "
            f"Krippendorff's α {_fmt(result.alpha)}"
        )
        tags = sorted(result.per_tag)
        self.per_tag.setRowCount(len(tags))
        chart_rows = []
        for r, tag in enumerate(tags):
            t = result.per_tag[tag]
            values = (t.exact_f1, t.overlap_f1, t.kappa)
            for c, value in enumerate([tag, *map(_fmt, values)]):
                self.per_tag.setItem(r, c, QTableWidgetItem(value))
            chart_rows.append((tag, values))
        self.chart.set_rows(chart_rows)

    def _activated(self, row: int, column: int) -> None:
        d = self._rows[row] if 0 <= row < len(self._rows) else None
        if d is None:
            return
        a_id = d.a.id if d.a else None
        b_id = d.b.id if d.b else None
        target = (b_id if column == 2 else a_id) or a_id or b_id
        if target:
            self.jumpRequested.emit(target)
