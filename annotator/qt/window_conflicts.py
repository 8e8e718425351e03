"""Edits of the details panel, checked against what others changed meanwhile.

Each edit carries the value it started from; when another window or person
changed that field (or deleted the annotation) in between, the core refuses
the edit and the user chooses: keep mine (saved over theirs; theirs stays in
the history) or take theirs (my unsaved edit is dropped). Nothing is ever
overwritten silently.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer

from annotator.core.commands import UpdateAnnotation
from annotator.domain.errors import AnnotatorError, Conflict
from annotator.qt.util import choose

KEEP_MINE, TAKE_THEIRS = 0, 1


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    text = " ".join(str(value).split())
    return f"“{text[:300]}{'…' if len(text) > 300 else ''}”"


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

    def _edit_detail(self, annotation_id: str, field: str, value: str) -> None:
        base = self.panel.details.base(field)
        self._push(UpdateAnnotation(annotation_id, {field: value}, expected={field: base}))

    def conflict_found(self, conflict: Conflict, command: UpdateAnnotation) -> None:
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
            body = f"Theirs: {_shown(conflict.theirs)}\nYours: {_shown(conflict.mine)}"
            choices = ["Keep mine", "Take theirs"]
        text = (
            f"{head}\n\n{body}\n\nNothing was saved yet. Keep mine saves yours over theirs "
            "(theirs stays in the History tab); Take theirs discards yours."
        )
        return choose(self, "Edited by someone else", text, choices)  # type: ignore[arg-type]

    def resolve_conflict(self, conflict: Conflict, command: UpdateAnnotation) -> None:
        choice = self.ask_conflict(conflict)
        try:
            if choice == KEEP_MINE:
                if conflict.field == "deleted":
                    self.project.restore_annotation(conflict.annotation_id)
                self._push(UpdateAnnotation(conflict.annotation_id, dict(command.changes)))
                self.statusBar().showMessage("Your change was saved over theirs", 6000)  # type: ignore[attr-defined]
                return
            annotation = self.project.annotation(conflict.annotation_id)
        except AnnotatorError as exc:
            self.show_error(str(exc))  # type: ignore[attr-defined]
            return
        self.drafts.drop(self.project.path, conflict.annotation_id)  # type: ignore[attr-defined]
        if annotation.deleted:
            self.view.select_annotation(None)
        else:
            self.panel.details.take_theirs(annotation)
        self.statusBar().showMessage("Their change was kept; yours was dropped", 6000)  # type: ignore[attr-defined]
