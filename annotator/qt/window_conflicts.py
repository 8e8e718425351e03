"""Edits checked against what others changed meanwhile: the details panel (tag, actor,
note, verdict) and the keys that retag or resize the selected annotation in the text.

Each edit carries the value it started from (what the user saw); when another
window or person changed that field (or deleted the annotation) in between, the
core refuses the edit and the user chooses: keep mine (saved over theirs; theirs
stays in the history) or take theirs (my unsaved edit is dropped). Nothing is
ever overwritten silently.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer

from annotator.core.commands import SetVerdict, UpdateAnnotation
from annotator.domain.errors import AnnotatorError, Conflict
from annotator.qt.util import choose

KEEP_MINE, TAKE_THEIRS = 0, 1

#: an edit that can meet a conflict
Checked = UpdateAnnotation | SetVerdict


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    text = " ".join(str(value).split())
    return f"“{text[:300]}{'…' if len(text) > 300 else ''}”"


def _shown_value(field: str, value: object, text: str | None) -> str:
    """A conflicting value as the user knows it: a verdict as its rating and explanation,
    boundaries as the words they cover."""
    if field == "verdict" and isinstance(value, tuple):
        rating, explanation = value
        if not rating:
            return "(no verdict)"
        return f"{rating} — {_shown(explanation)}" if explanation else str(rating)
    if field == "boundaries" and isinstance(value, tuple):
        start, end = value
        words = _shown(text[start:end]) if text is not None else ""
        return f"{words} ({start}–{end})".strip()
    return _shown(value)


def _unchecked(command: Checked) -> Checked:
    """The same edit without its base: "keep mine" saves it over theirs."""
    if isinstance(command, SetVerdict):
        return SetVerdict(command.annotation_id, command.rating, command.explanation)
    return UpdateAnnotation(command.annotation_id, dict(command.changes))


def _local_time(stamp: str | None) -> str:
    """HH:MM:SS in the user's time zone of an event's UTC ISO time ("" when unknown)."""
    try:
        return (
            datetime.fromisoformat((stamp or "").replace("Z", "+00:00"))
            .astimezone()
            .strftime("%H:%M:%S")
        )
    except ValueError:
        return ""


class WindowConflicts:
    """Mixin of the main window: details edits with their base, and the conflict offer."""

    project: Any
    panel: Any
    view: Any

    def _connect_detail_edits(self) -> None:
        #: annotations whose conflict question is open (one question each)
        self._asking: set[str] = set()
        d = self.panel.details
        for signal, field in ((d.tagChanged, "tag"), (d.actorChanged, "actor")):
            signal.connect(lambda aid, value, f=field: self._edit_detail(aid, f, value))
        d.noteChanged.connect(lambda aid, text: self._edit_detail(aid, "note", text))

    def _connect_view_edits(self) -> None:
        """Retag and resize from the keyboard or the menu of the text, checked against the
        annotation as the view shows it."""
        v = self.view
        v.retagRequested.connect(lambda aid, tag: self._edit_shown(aid, {"tag": tag}))
        v.resizeRequested.connect(lambda aid, s, e: self._edit_shown(aid, {"start": s, "end": e}))

    def _edit_shown(self, annotation_id: str, changes: dict[str, Any]) -> None:
        index = self.view.layer_index
        shown = index.by_id.get(annotation_id) if index is not None else None
        expected = {k: getattr(shown, k) for k in changes} if shown is not None else None
        self._push(UpdateAnnotation(annotation_id, changes, expected=expected))

    def _edit_detail(self, annotation_id: str, field: str, value: str) -> None:
        base = self.panel.details.base(field)
        self._push(UpdateAnnotation(annotation_id, {field: value}, expected={field: base}))

    def conflict_found(self, conflict: Conflict, command: Checked) -> None:
        """Called by a refused command; the question waits until the push has returned.

        One question per annotation at a time: a save refused again while it is
        open (the note loses focus to the question) is answered by that question.
        """
        asking = self._asking
        if conflict.annotation_id in asking:
            return
        asking.add(conflict.annotation_id)

        def ask() -> None:
            try:
                self.resolve_conflict(conflict, command)
            finally:
                asking.discard(conflict.annotation_id)

        QTimer.singleShot(0, ask)

    def ask_conflict(self, conflict: Conflict) -> int:
        """KEEP_MINE or TAKE_THEIRS (tests replace this)."""
        when = _local_time(conflict.at)
        at = f" at {when}" if when else ""
        who = conflict.by or "Someone else"
        if conflict.field == "deleted":
            head = f"{who} deleted this annotation{at} while you were editing it."
            body = f"Your change: {_shown(conflict.mine)}"
            choices = ["Keep mine (restore it with my change)", "Take theirs (leave it deleted)"]
        else:
            head = f"{who} changed the {conflict.field}{at} while you were editing it."
            article = getattr(self, "article", None)
            text = article.text if article is not None else None
            theirs = _shown_value(conflict.field, conflict.theirs, text)
            mine = _shown_value(conflict.field, conflict.mine, text)
            body = f"Theirs: {theirs}\nYours: {mine}"
            choices = ["Keep mine", "Take theirs"]
        text = (
            f"{head}\n\n{body}\n\nNothing was saved yet. Keep mine saves yours over theirs "
            "(theirs stays in the History tab); Take theirs discards yours."
        )
        return choose(self, "Edited by someone else", text, choices)  # type: ignore[arg-type]

    def resolve_conflict(self, conflict: Conflict, command: Checked) -> None:
        choice = self.ask_conflict(conflict)
        try:
            if choice == KEEP_MINE:
                if conflict.field == "deleted":
                    self.project.restore_annotation(conflict.annotation_id)
                self._push(_unchecked(command))
                self.statusBar().showMessage("Your change was saved over theirs", 6000)  # type: ignore[attr-defined]
                return
            annotation = self.project.annotation(conflict.annotation_id)
        except AnnotatorError as exc:
            self.show_error(str(exc))  # type: ignore[attr-defined]
            return
        details = self.panel.details
        showing = details.current is not None and details.current.id == annotation.id
        if isinstance(command, SetVerdict):
            if showing and not annotation.deleted:
                details.take_theirs_verdict(self.project.verdict(annotation.id))
        else:
            self.drafts.drop(self.project.path, conflict.annotation_id)  # type: ignore[attr-defined]
            if annotation.deleted:
                self.view.select_annotation(None)
            elif showing:
                details.take_theirs(annotation)
        self.statusBar().showMessage("Their change was kept; yours was dropped", 6000)  # type: ignore[attr-defined]
