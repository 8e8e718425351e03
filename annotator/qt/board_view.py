"""The claims board: what each side claims, who denies it, on what it rests, the verdict.

Claims grouped by actor; under each claim its denials (with their actors and
sources), its sources and its supporting or contradicting evidence. For the
current article or the whole corpus, filterable, exportable; Enter or a
double-click jumps to the passage.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.board import build_board, group_by_actor
from annotator.core.project import Project
from annotator.domain.board import BoardClaim, BoardItem
from annotator.domain.errors import AnnotatorError
from annotator.qt.util import plain_label, plain_tooltip, tell

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1  # (article id, annotation id)
VERDICT_COLOURS = {  # Okabe–Ito, truest first; the text always names the verdict too
    6: "#009E73",
    5: "#56B4E9",
    4: "#E69F00",
    3: "#D55E00",
    2: "#CC0000",
    1: "#888888",
}
RELATION_WORDS = {
    "denies": "denied by",
    "attributed_to": "source",
    "supports": "supported by",
    "contradicts": "contradicted by",
}


def _excerpt(text: str, n: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


class BoardView(QWidget):
    #: jump to an annotation: article id, annotation id
    jumpRequested = Signal(str, str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.article_id: str | None = None
        self.claims: list[BoardClaim] = []
        self.scope = QComboBox()
        self.scope.setObjectName("boardScope")
        self.scope.addItem("This article", "article")
        self.scope.addItem("All articles", "corpus")
        self.scope.currentIndexChanged.connect(self.refresh)
        self.filter = QLineEdit()
        self.filter.setObjectName("boardFilter")
        self.filter.setPlaceholderText("Filter claims, actors, denials, sources…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._fill)
        self.verdict_filter = QComboBox()
        self.verdict_filter.addItem("Any verdict", "")
        self.verdict_filter.addItem("No verdict yet", "-")
        self.verdict_filter.currentIndexChanged.connect(self._fill)
        self.summary = plain_label(name="articleMeta")
        export = QPushButton("Export…")
        export.setToolTip("Save the board as CSV, Markdown or HTML")
        export.clicked.connect(self.export_dialog)
        self.tree = QTreeWidget()
        self.tree.setObjectName("boardTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Claim / linked passage", "Actor", "Verdict", "Review"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activated)
        bar = QHBoxLayout()
        bar.addWidget(self.scope)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.verdict_filter)
        bar.addWidget(export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self._ratings = {r.name: r.value for r in project.ratings()}

    # --- data ---------------------------------------------------------------------------

    def set_article(self, article_id: str | None) -> None:
        self.article_id = article_id
        self.refresh_later()

    def refresh_later(self) -> None:
        """Coalesce bursts of changes into one rebuild (only while the board is shown)."""
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._ratings = {r.name: r.value for r in self.project.ratings()}
        corpus = self.scope.currentData() == "corpus"
        with_verdict = {self.verdict_filter.itemData(i) for i in range(self.verdict_filter.count())}
        for rating in self.project.ratings():
            if rating.name not in with_verdict:
                self.verdict_filter.addItem(rating.name, rating.name)
        try:
            if corpus:
                self.claims = build_board(self.project)
            elif self.article_id:
                self.claims = build_board(self.project, self.article_id)
            else:
                self.claims = []
        except AnnotatorError:
            self.claims = []
        self._fill()

    def _matches(self, claim: BoardClaim) -> bool:
        wanted = self.verdict_filter.currentData() or ""
        if wanted == "-" and claim.verdict:
            return False
        if wanted not in ("", "-") and claim.verdict != wanted:
            return False
        needle = self.filter.text().casefold().strip()
        if not needle:
            return True
        parts = [claim.quote, claim.actor or "", claim.verdict or "", claim.article_title]
        for item in (*claim.denials, *claim.sources, *claim.evidence):
            parts += [item.quote, item.actor or ""]
        return needle in " ".join(parts).casefold()

    # --- the tree -----------------------------------------------------------------------

    def _fill(self) -> None:
        self.tree.clear()
        shown = [c for c in self.claims if self._matches(c)]
        corpus = self.scope.currentData() == "corpus"
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for actor, claims in group_by_actor(shown):
            group = QTreeWidgetItem(
                [f"{actor} — {len(claims)} claim" + ("" if len(claims) == 1 else "s")]
            )
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            for claim in claims:
                self._add_claim(group, claim, corpus)
            group.setExpanded(True)
        denied = sum(1 for c in shown if c.denials)
        rated = sum(1 for c in shown if c.verdict)
        self.summary.setText(
            f"{len(shown)} claims · {denied} denied · {rated} with a verdict"
            + (
                f" · {len(self.claims) - len(shown)} hidden by the filter"
                if len(shown) != len(self.claims)
                else ""
            )
        )

    def _add_claim(self, parent: QTreeWidgetItem, claim: BoardClaim, corpus: bool) -> None:
        text = f"“{_excerpt(claim.quote)}”"
        if corpus:
            text += f"  — {_excerpt(claim.article_title, 40)}"
        row = QTreeWidgetItem([text, claim.actor or "", claim.verdict or "—", claim.review_state])
        row.setData(0, TARGET_ROLE, (claim.article_id, claim.annotation_id))
        row.setToolTip(
            0,
            plain_tooltip(
                claim.quote
                + (f"\n\nVerdict: {claim.verdict} — {claim.explanation}" if claim.verdict else "")
            ),
        )
        if claim.verdict:
            colour = VERDICT_COLOURS.get(self._ratings.get(claim.verdict, 0))
            if colour:
                row.setForeground(2, QBrush(QColor(colour)))
        parent.addChild(row)
        for denial in claim.denials:
            child = self._add_item(row, denial, claim.article_id)
            for source in denial.sources:
                self._add_item(child, source, claim.article_id)
            child.setExpanded(True)
        for item in (*claim.sources, *claim.evidence):
            self._add_item(row, item, claim.article_id)
        row.setExpanded(True)

    def _add_item(
        self, parent: QTreeWidgetItem, item: BoardItem, article_id: str
    ) -> QTreeWidgetItem:
        word = RELATION_WORDS.get(item.relation, item.relation.replace("_", " "))
        who = f" ({item.actor})" if item.actor else ""
        child = QTreeWidgetItem(
            [f"{word}{who}: “{_excerpt(item.quote, 90)}”", item.actor or "", "", ""]
        )
        child.setData(0, TARGET_ROLE, (item.article_id or article_id, item.annotation_id))
        child.setToolTip(0, plain_tooltip(item.quote))
        parent.addChild(child)
        return child

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, TARGET_ROLE)
        if target:
            self.jumpRequested.emit(*target)

    # --- export -------------------------------------------------------------------------

    def export_dialog(self) -> None:
        from annotator.core.files import write_atomic
        from annotator.formats import board as board_formats

        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Export the claims board",
            "claims-board.html",
            "HTML report (*.html);;Markdown (*.md);;CSV for spreadsheets (*.csv)",
        )
        if not path:
            return
        claims = [c for c in self.claims if self._matches(c)]
        title = "Claims board"
        if path.endswith(".csv") or "CSV" in chosen:
            data = board_formats.to_csv(claims, excel=True).encode("utf-8")
        elif path.endswith(".md") or "Markdown" in chosen:
            data = board_formats.to_markdown(claims, title).encode("utf-8")
        else:
            data = board_formats.to_html(claims, title).encode("utf-8")
        try:
            write_atomic(path, data)
        except (AnnotatorError, OSError) as exc:
            tell(self, "Export", str(exc), warning=True)
