"""The details editor: tag, actor, note, links and verdict of the selected annotation.

Edits become request signals; the main window turns them into undoable
commands. The note is saved when the field loses focus or after a second
without typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Annotation, Rating, Tag, Verdict
from annotator.qt.review_tab import ReviewTab
from annotator.qt.util import plain_label, plain_tooltip, set_plain_text

NOTE_IDLE_MS = 1000
LINK_ROLE = Qt.ItemDataRole.UserRole + 1
OTHER_ROLE = Qt.ItemDataRole.UserRole + 2


#: the longest verdict explanation the field holds (longer ones are shown read-only)
EXPLANATION_MAX = 1_000_000


class DetailsEditor(QGroupBox):
    """Tag, actor and note of the selected annotation; edits become requests."""

    tagChanged = Signal(str, str)
    actorChanged = Signal(str, str)
    noteChanged = Signal(str, str)
    notePending = Signal(bool)
    #: a note being typed, not yet saved: annotation id, text
    draftTyped = Signal(str, str)
    #: go to the annotation at the other end of a link
    linkActivated = Signal(str)
    unlinkRequested = Signal(str)
    linkStartRequested = Signal()
    #: annotation id, rating name ("" clears), explanation
    verdictChanged = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Selected annotation", parent)
        self.current: Annotation | None = None
        #: the stored values each edit started from (field → value), so a save can
        #: be refused when someone else changed the field meanwhile
        self._base: dict[str, object] = {}
        self.quote = plain_label(name="detailsQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = plain_label(name="articleMeta")
        self.tag_box = QComboBox()
        self.tag_box.setObjectName("detailsTag")
        self.actor_box = QComboBox()
        self.actor_box.setObjectName("detailsActor")
        self.actor_box.setEditable(True)
        self.actor_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor_box.lineEdit().setPlaceholderText("Who says it? (type a new name to add)")
        completer = QCompleter(self.actor_box.model(), self.actor_box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.actor_box.setCompleter(completer)
        self.note = QPlainTextEdit()
        self.note.setObjectName("detailsNote")
        self.note.setPlaceholderText("Note (saved as you type)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(72)
        self.links = QListWidget()
        self.links.setObjectName("detailsLinks")
        self.links.setMaximumHeight(84)
        self.links.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.links.setToolTip("Links: Enter or double-click goes there, Delete removes the link")
        self.links.itemActivated.connect(
            lambda item: self.linkActivated.emit(item.data(OTHER_ROLE))
        )
        self.links.installEventFilter(self)
        link_button = QPushButton("Link…")
        link_button.setToolTip("Link this annotation to another (L in the text)")
        link_button.clicked.connect(self.linkStartRequested)
        unlink_button = QPushButton("Remove link")
        unlink_button.clicked.connect(self._unlink_current)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(link_button)
        link_buttons.addWidget(unlink_button)
        link_buttons.addStretch(1)
        self.rating_box = QComboBox()
        self.rating_box.setObjectName("detailsRating")
        self.explanation = QLineEdit()
        self.explanation.setObjectName("detailsExplanation")
        self.explanation.setPlaceholderText("Why this verdict (sources, reasoning)")
        # QLineEdit cuts text at 32,767 characters by default; an imported explanation may
        # hold up to 100,000 (importing_sets.MAX_NOTE), and a cut one must never be saved
        self.explanation.setMaxLength(EXPLANATION_MAX)
        self.rating_box.activated.connect(lambda _i: self._verdict_edited())
        self.explanation.editingFinished.connect(self._verdict_edited)
        self.verdict_row = QWidget()
        verdict_layout = QHBoxLayout(self.verdict_row)
        verdict_layout.setContentsMargins(0, 0, 0, 0)
        verdict_layout.addWidget(self.rating_box, 1)
        verdict_layout.addWidget(self.explanation, 2)
        self._verdict: Verdict | None = None
        #: the verdict the user's edit started from, and whose it is
        self._verdict_base: tuple[str, str] = ("", "")
        self._verdict_base_id: str | None = None
        #: what the links and history lists show (None: not filled yet)
        self._links_shown: list[tuple[str, str, str]] | None = None
        self._history_shown: list[tuple[str, str, str]] | None = None
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow(self.meta)
        form.addRow("Tag", self.tag_box)
        form.addRow("Actor", self.actor_box)
        form.addRow("Verdict", self.verdict_row)
        self._form = form
        form.addRow("Note", self.note)
        links_page = QWidget()
        links_layout = QVBoxLayout(links_page)
        links_layout.setContentsMargins(0, 4, 0, 0)
        links_layout.addWidget(self.links)
        links_layout.addLayout(link_buttons)
        self.history = QListWidget()
        self.history.setObjectName("detailsHistory")
        self.history.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailsTabs")
        self.tabs.addTab(links_page, "Links")
        self.tabs.addTab(self.history, "History")
        self.review_tab = ReviewTab()
        self.tabs.addTab(self.review_tab, "Review")
        self.tabs.setMaximumHeight(170)
        form.addRow(self.tabs)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_IDLE_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._note_typed)
        self.note.installEventFilter(self)
        self.actor_box.lineEdit().editingFinished.connect(self._actor_edited)
        self.actor_box.activated.connect(lambda _i: self._actor_edited())
        self.tag_box.activated.connect(self._tag_picked)
        self.show_annotation(None)

    def set_tags(self, tags: list[Tag]) -> None:
        self.review_tab.set_tags(tags)
        with QSignalBlocker(self.tag_box):
            self.tag_box.clear()
            for tag in tags:
                self.tag_box.addItem(f"{tag.name}  ({tag.key})" if tag.key else tag.name, tag.name)

    def set_actors(self, names: list[str], suggestions: list[str] = ()) -> None:
        """Registered actors first, then names suggested by the article (new on pick)."""
        known = {n.casefold() for n in names}
        extra = [s for s in suggestions if s.casefold() not in known]
        with QSignalBlocker(self.actor_box):
            text = self.actor_box.currentText()
            self.actor_box.clear()
            self.actor_box.addItems(names)
            if extra:
                self.actor_box.insertSeparator(self.actor_box.count())
                for name in extra:
                    self.actor_box.addItem(name)
                    self.actor_box.setItemData(
                        self.actor_box.count() - 1,
                        "Suggested from this article",
                        Qt.ItemDataRole.ToolTipRole,
                    )
            self.actor_box.setEditText(text)

    def show_annotation(self, annotation: Annotation | None) -> None:
        if self.current is not None and (annotation is None or annotation.id != self.current.id):
            self.flush_note()
        same = (
            annotation is not None
            and self.current is not None
            and (annotation.id == self.current.id)
        )
        self.current = annotation
        self.setEnabled(annotation is not None)
        if annotation is not None:
            self._base["tag"] = annotation.tag
            if not same:
                self._base.update(actor=annotation.actor, note=annotation.note)
        if annotation is None:
            self.quote.setText("Select an annotation in the text or the list.")
            self.meta.setText("")
            if self.note.toPlainText():
                with QSignalBlocker(self.note):
                    self.note.setPlainText("")
            if self.actor_box.currentText():
                self.actor_box.setEditText("")
            return
        q = " ".join(annotation.exact.split())
        self.quote.setText(f"“{q if len(q) < 280 else q[:279] + '…'}”")
        self.meta.setText(
            f"{annotation.annotator} · {annotation.modified[:16].replace('T', ' ')}"
            f" · {annotation.start}–{annotation.end}"
        )
        with QSignalBlocker(self.tag_box):
            self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(annotation.tag)))
        if not self.actor_box.lineEdit().hasFocus() or not same:
            if self.actor_box.currentText() != (annotation.actor or ""):
                with QSignalBlocker(self.actor_box):
                    self.actor_box.setEditText(annotation.actor or "")
            self._base["actor"] = annotation.actor
        if not (same and self.note.hasFocus()) and self.note.toPlainText() != annotation.note:
            with QSignalBlocker(self.note):
                set_plain_text(self.note, annotation.note)
        if self.note.toPlainText() == annotation.note:
            self._base["note"] = annotation.note

    def base(self, field: str) -> object:
        """The stored value of ``field`` the user's current edit started from."""
        return self._base.get(field)

    def take_theirs(self, annotation: Annotation) -> None:
        """Drop the user's unsaved edit and show what is stored (after a conflict)."""
        self._note_timer.stop()
        self.current = None
        self.show_annotation(annotation)
        with QSignalBlocker(self.note):
            set_plain_text(self.note, annotation.note)
        self._base.update(actor=annotation.actor, note=annotation.note, tag=annotation.tag)
        self.notePending.emit(False)

    def _tag_picked(self, index: int) -> None:
        name = self.tag_box.itemData(index)
        if self.current is not None and name and name != self.current.tag:
            self.tagChanged.emit(self.current.id, name)
            self._base["tag"] = name

    def _actor_edited(self) -> None:
        if self.current is None:
            return
        name = " ".join(self.actor_box.currentText().split())
        if name != (self.current.actor or ""):
            self.actorChanged.emit(self.current.id, name)
            self._base["actor"] = name or None

    def _note_typed(self) -> None:
        self.notePending.emit(True)
        self._note_timer.start()
        if self.current is not None:
            self.draftTyped.emit(self.current.id, self.note.toPlainText())

    def flush_note(self) -> None:
        """Save the note now if it differs from the stored one."""
        self._note_timer.stop()
        if self.current is not None and self.note.toPlainText() != self.current.note:
            text = self.note.toPlainText()
            self.noteChanged.emit(self.current.id, text)
            self._base["note"] = text
        self.notePending.emit(False)

    # --- links and verdict ------------------------------------------------------------------

    def set_links(self, items: list[tuple[str, str, str]]) -> None:
        """Show links as (relation id, text, id of the annotation at the other end)."""
        if items == self._links_shown:
            return  # the same list: nothing is laid out or painted again
        self._links_shown = list(items)
        self.links.clear()
        for relation_id, text, other_id in items:
            item = QListWidgetItem(text)
            item.setData(LINK_ROLE, relation_id)
            item.setData(OTHER_ROLE, other_id)
            item.setToolTip(plain_tooltip(text))
            self.links.addItem(item)
        if not items:
            placeholder = QListWidgetItem("No links — press L in the text to add one")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.links.addItem(placeholder)

    def set_history(self, entries: list[tuple[str, str, str]]) -> None:
        """Show (when, who, what) entries, oldest first."""
        if entries == self._history_shown:
            return
        self._history_shown = list(entries)
        self.history.clear()
        for at, who, what in entries:
            item = QListWidgetItem(f"{at[:16].replace('T', ' ')}  {who}: {what}")
            item.setToolTip(plain_tooltip(f"{at}\n{who}\n{what}"))
            self.history.addItem(item)
        title = f"History ({len(entries)})" if entries else "History"
        if self.tabs.tabText(1) != title:  # a new title lays the tab bar out again
            self.tabs.setTabText(1, title)

    def _unlink_current(self) -> None:
        item = self.links.currentItem()
        if item is not None and item.data(LINK_ROLE):
            self.unlinkRequested.emit(item.data(LINK_ROLE))

    def set_ratings(self, ratings: list[Rating]) -> None:
        with QSignalBlocker(self.rating_box):
            self.rating_box.clear()
            self.rating_box.addItem("— no verdict —", "")
            for rating in ratings:
                self.rating_box.addItem(rating.name, rating.name)
                self.rating_box.setItemData(
                    self.rating_box.count() - 1,
                    plain_tooltip(rating.description) if rating.description else "",
                    Qt.ItemDataRole.ToolTipRole,
                )

    def show_verdict(self, verdict: Verdict | None, *, is_claim: bool) -> None:
        self._verdict = verdict
        shown_id = self.current.id if self.current is not None else None
        editing = (
            self.explanation.hasFocus()
            and self.explanation.isModified()  # typed into since it was last set or saved
            and self._verdict_base_id == shown_id
        )
        self._form.setRowVisible(self.verdict_row, is_claim)
        if editing:
            # the verdict being edited stays as the user sees it, and so does its base:
            # a save is checked against what they began from
            return
        self._verdict_base = _verdict_value(verdict)
        self._verdict_base_id = shown_id
        with QSignalBlocker(self.rating_box):
            self.rating_box.setCurrentIndex(
                max(0, self.rating_box.findData(verdict.rating if verdict else ""))
            )
        text = verdict.explanation if verdict else ""
        if self.explanation.text() != text:  # setText repaints even the same text
            self.explanation.setText(text)
            self.explanation.setCursorPosition(0)
        self.explanation.setReadOnly(len(text) > EXPLANATION_MAX)  # never saved cut short
        tip = plain_tooltip(verdict.explanation) if verdict else ""
        if self.explanation.toolTip() != tip:
            self.explanation.setToolTip(tip)

    def _verdict_edited(self) -> None:
        if self.current is None:
            return
        rating = self.rating_box.currentData() or ""
        old = self._verdict
        if old is not None and not self.explanation.isModified():
            explanation = old.explanation  # a new rating keeps the whole stored explanation
        else:
            explanation = self.explanation.text().strip()
        if (old.rating if old else "", old.explanation if old else "") == (
            rating,
            explanation if rating else "",
        ) or (not rating and old is None):
            self.explanation.setModified(False)  # nothing to save: no edit under way
            return
        self.verdictChanged.emit(self.current.id, rating, explanation)
        self._verdict_base = (rating, explanation) if rating else ("", "")
        self.explanation.setModified(False)

    def verdict_base(self) -> tuple[str, str]:
        """The stored verdict ``(rating, explanation)`` the user's edit started from
        (``("", "")``: none)."""
        return self._verdict_base

    def take_theirs_verdict(self, verdict: Verdict | None) -> None:
        """Drop the user's unsaved verdict edit and show the stored one (after a conflict)."""
        self._verdict_base_id = None
        self.explanation.setModified(False)
        self.show_verdict(verdict, is_claim=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        if (
            watched is self.links
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):  # type: ignore[attr-defined]
            self._unlink_current()
            return True
        return super().eventFilter(watched, event)


def _verdict_value(verdict: Verdict | None) -> tuple[str, str]:
    return (verdict.rating, verdict.explanation) if verdict is not None else ("", "")
