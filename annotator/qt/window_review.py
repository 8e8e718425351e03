"""The main window's part for several annotators: whose annotations are shown, the
badges (initials, review state), the review queue and the comparison of two people.

A mixin of :class:`~annotator.qt.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox

from annotator.domain.model import Annotation, Event
from annotator.domain.rows import ANNOTATOR
from annotator.qt.util import choose, tell

if TYPE_CHECKING:
    from annotator.qt.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

EVERYONE = ""
PAIR = "\x00pair"  # the combo entry for the two annotators being compared
STATE_GLYPHS = {"accepted": "✓", "rejected": "✗"}


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper() if len(parts[0]) > 1 else parts[0].upper()
    return (parts[0][0] + parts[-1][0]).upper()


class WindowReview(_Base):
    #: whose annotations the view and the list show (empty: everyone)
    shown_annotators: set[str]

    def _build_show_filter(self) -> None:
        self.shown_annotators = set()
        self.show_box = QComboBox()
        self.show_box.setObjectName("showAnnotators")
        self.show_box.setToolTip("Whose annotations the text and the list show")
        self.show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_box.activated.connect(lambda _i: self._show_choice())

    def _fill_show_box(self) -> None:
        people = sorted(self._annotators | {self.project.annotator}, key=str.casefold)
        with QSignalBlocker(self.show_box):
            current = self.show_box.currentData()
            self.show_box.clear()
            self.show_box.addItem("Show: everyone", EVERYONE)
            self.show_box.addItem(f"Show: mine ({self.project.annotator})", self.project.annotator)
            for name in people:
                if name != self.project.annotator:
                    self.show_box.addItem(f"Show: {name}", name)
            index = self.show_box.findData(current if current is not None else EVERYONE)
            self.show_box.setCurrentIndex(max(0, index))

    def _show_choice(self) -> None:
        name = self.show_box.currentData()
        if name == PAIR:
            return
        self.show_only({name} if name else set())

    def show_only(self, annotators: set[str]) -> None:
        """Show the annotations of these annotators only (an empty set: everyone's)."""
        self.shown_annotators = set(annotators)
        if len(annotators) != 2:
            self.comparing = None
        with QSignalBlocker(self.show_box):
            pair = self.show_box.findData(PAIR)
            if pair >= 0:
                self.show_box.removeItem(pair)
            if len(annotators) > 1:
                names = " + ".join(sorted(annotators, key=str.casefold))
                self.show_box.addItem(f"Show: {names}", PAIR)
                self.show_box.setCurrentIndex(self.show_box.count() - 1)
            else:
                wanted = next(iter(annotators)) if annotators else EVERYONE
                self.show_box.setCurrentIndex(max(0, self.show_box.findData(wanted)))
        if self.article is not None:
            self.reload_article()

    def shown(self, annotation: Annotation) -> bool:
        return not self.shown_annotators or annotation.annotator in self.shown_annotators

    def refresh_badges(self) -> None:
        """Initials when several people annotated the article; ✓ / ✗ once reviewed."""
        if getattr(self, "comparing", None) and self.article is not None:
            self._mark_differences(*self.comparing)  # keep the differences marked
            return
        index = self.view.layer_index
        if self.article is None or index is None:
            self.view.badges = {}
            return
        # read from the rows: no Annotation is made for this
        annotators = index.by_id.column(ANNOTATOR)
        self._authors = set(annotators)
        self._decisions = self.project.review_decisions(self.article.id)
        several = len(self._authors) > 1
        if several:
            people = list(zip(index.by_id, annotators, strict=True))
        else:
            people = [(i, index.by_id[i].annotator) for i in self._decisions if i in index.by_id]
        badges: dict[str, str] = {}
        for annotation_id, annotator in people:
            text = self._badge_text(annotation_id, annotator, several)
            if text:
                badges[annotation_id] = text
        self.view.badges = badges
        self.view.viewport().update()

    def _badge_text(self, annotation_id: str, annotator: str, several: bool) -> str:
        parts = [initials(annotator)] if several else []
        glyph = STATE_GLYPHS.get(self._decisions.get(annotation_id, ""))
        if glyph:
            parts.append(glyph)
        return " ".join(parts)

    def update_badges(self, annotations: list[Annotation]) -> None:
        """Badges of a few changed annotations (all of them when a new author appears)."""
        if getattr(self, "comparing", None) or any(
            a.annotator not in getattr(self, "_authors", set()) for a in annotations
        ):
            self.refresh_badges()
            return
        several = len(self._authors) > 1
        for a in annotations:
            text = self._badge_text(a.id, a.annotator, several) if not a.deleted else ""
            if text:
                self.view.badges[a.id] = text
            else:
                self.view.badges.pop(a.id, None)

    # --- the review queue --------------------------------------------------------------------

    def _show_queued(self, article_id: str, annotation_id: str) -> None:
        """Show the queue's current annotation in the text, leaving the keys to the queue."""
        if self.article is None or self.article.id != article_id:
            self.open_article(article_id)
        if annotation_id not in (self.view.layer_index.by_id if self.view.layer_index else {}):
            self.show_only(set())  # hidden by the "show" filter: show everyone
        self.view.select_annotation(annotation_id, scroll=True, flash=True)
        self.queue.list.setFocus()

    def review_annotation(self, annotation_id: str, decision: str, comment: str = "") -> None:
        """Accept, reject or comment (undoable)."""
        from annotator.core.commands import ReviewCommand

        self._push(ReviewCommand(annotation_id, decision, comment))

    def _connect_review_tab(self) -> None:
        tab = self.panel.details.review_tab
        tab.reviewRequested.connect(
            lambda aid, decision, comment, reply: self._push_review(aid, decision, comment, reply)
        )
        tab.suggestRequested.connect(self.suggest_change)
        tab.resolveRequested.connect(self.resolve_suggestion)

    def _push_review(self, annotation_id: str, decision: str, comment: str, reply: str) -> None:
        from annotator.core.commands import ReviewCommand

        self._push(ReviewCommand(annotation_id, decision, comment, reply or None))

    def suggest_change(
        self, annotation_id: str, tag: str, use_selection: bool, comment: str
    ) -> None:
        """Suggest a tag and/or the selected text as new boundaries to the author."""
        from annotator.domain.errors import AnnotatorError

        span = self.view.cp_selection() if use_selection else None
        try:
            self.project.suggest_change(
                annotation_id,
                tag=tag or None,
                start=span[0] if span else None,
                end=span[1] if span else None,
                comment=comment,
            )
        except AnnotatorError as exc:
            self.show_error(str(exc))

    def resolve_suggestion(self, review_id: str, accept: bool) -> None:
        from annotator.domain.errors import AnnotatorError

        try:
            self.project.resolve_suggestion(review_id, accept=accept)
        except AnnotatorError as exc:
            self.show_error(str(exc))

    def curate_dialog(self) -> None:
        """Build the agreed (gold) set of this article from accepted annotations."""
        from annotator.domain.errors import AnnotatorError

        if self.article is None:
            return
        try:
            report = self.project.curate(self.article.id)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self._refresh_people()
        tell(
            self,
            "Agreed set",
            f"Agreed (gold) set of this article, curated by {report.curator}: "
            f"{report.added} added, {report.kept} already there, {report.links} links. "
            "Show it with “Show: gold”; export it with File → Export, annotator “gold”.",
        )

    def on_review_change(self) -> None:
        self.refresh_badges()
        if self.queue_dock.isVisible():
            self.queue.refresh()
        self.show_claim_details(self.view.selected_id)

    # --- comparing two annotators ------------------------------------------------------------

    def compare_annotators(self, a: str, b: str) -> None:
        """Show only A's and B's annotations, mark their differences, give the figures."""
        if self.article is None:
            return
        if self.shown_annotators != {a, b}:
            self.show_only({a, b})
        self.comparing = (a, b)
        self._mark_differences(a, b)

    def _mark_differences(self, a: str, b: str) -> None:
        if self.article is None:
            return
        index = self.view.layer_index
        differences = self.project.differences(self.article.id, a, b)
        self.compare.show_comparison(
            self.article.id, a, b, differences, index.by_id if index else {}
        )
        marks = {"only_a": "only", "only_b": "only", "other_tag": "≠ tag", "other_bounds": "≠ span"}
        badges = {}
        for d in differences:
            for side in (d.a.id if d.a else None, d.b.id if d.b else None):
                if side and index and side in index.by_id:
                    who = initials(index.by_id[side].annotator)
                    mark = marks.get(d.kind)
                    badges[side] = f"{who} {mark}" if mark else who
        self.view.badges = badges
        self.view.viewport().update()

    # --- another window or process on the same database ----------------------------------

    def _start_external_watch(self) -> None:
        """Poll ``PRAGMA data_version`` every second: changes made elsewhere appear here."""
        from PySide6.QtCore import QTimer

        self._restore_seen = _marker(self.project.last_restore())
        self.project.poll_external()  # remember the current version (may announce a change)
        self._external_timer = QTimer(self)
        self._external_timer.setInterval(1000)
        self._external_timer.timeout.connect(self._poll_external)
        self._external_timer.start()

    def _poll_external(self) -> None:
        # a closed window's project may be closed too; while an import thread writes,
        # its commits are not news (each article is announced), so the one re-read of
        # everything waits until the batch is done
        if self.isVisible() and not self._jobs:
            self.project.poll_external()

    def on_external_change(self) -> None:
        """Re-read the library and the open article, keeping selection, scroll, focus and
        what the user is typing."""
        message = "Updated with changes saved by another window"
        restored = _marker(self.project.last_restore())
        if restored != self._restore_seen:  # the undo history describes another database
            self._restore_seen = restored
            for stack in self._stacks.values():
                stack.clear()
            message = (
                f"{restored[2]} restored the database from a backup: the undo history was cleared"
            )
        self.refresh_library()
        if self.article is not None:
            self._refresh_people()
            self.show_current_or_first()
        self.refresh_board_later()
        if self.queue_dock.isVisible():
            self.queue.refresh()
        self.statusBar().showMessage(message, 8000)

    def warn_about_storage(self) -> None:
        """A database on a network or sync folder: say so once, in the status bar."""
        warning = self.project.storage_warning()
        if warning:
            self.statusBar().showMessage(warning, 30000)

    # --- drafts of notes being typed ----------------------------------------------------------

    def _start_drafts(self) -> None:
        from annotator.settings import Drafts

        self.drafts = Drafts()
        details = self.panel.details
        details.draftTyped.connect(lambda aid, text: self.drafts.put(self.project.path, aid, text))
        details.noteChanged.connect(lambda aid, _text: self.drafts.drop(self.project.path, aid))

    def offer_drafts(self) -> None:
        """Notes typed but never saved (the app was killed): offer them back."""
        from annotator.core.commands import UpdateAnnotation
        from annotator.domain.errors import AnnotatorError

        for annotation_id, text in self.drafts.for_database(self.project.path).items():
            try:
                annotation = self.project.annotation(annotation_id)
            except AnnotatorError:
                self.drafts.drop(self.project.path, annotation_id)
                continue
            if annotation.note == text or annotation.deleted:
                self.drafts.drop(self.project.path, annotation_id)
                continue
            quote = " ".join(annotation.exact.split())[:80]
            saved = (
                f"\n\nThe note saved now reads:\n\n{annotation.note[:500]}\n\n"
                "Restoring replaces it (it stays in the History tab)."
                if annotation.note
                else ""
            )
            answer = choose(
                self,
                "Unsaved note",
                f"A note typed on “{quote}” was not saved before annotator closed:\n\n"
                f"{text[:500]}{saved}\n\nRestore it?",
                ["Restore it", "Discard it"],
            )
            if answer == 0:
                if self.article is None or self.article.id != annotation.article_id:
                    self.open_article(annotation.article_id)
                self._push(UpdateAnnotation(annotation_id, {"note": text}))
            self.drafts.drop(self.project.path, annotation_id)


def _marker(event: Event | None) -> tuple[int, str, str] | None:
    """A restore event as (id, time, who) — compared, not just the id: a restored events
    table may hand out an id again."""
    return (event.id, event.at, event.annotator) if event is not None else None
