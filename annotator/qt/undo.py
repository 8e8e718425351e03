"""One ``QUndoCommand`` per user action, wrapping a Qt-free core command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.core.commands import (
    Command,
    CreateAnnotation,
    DeleteAnnotation,
    SetVerdict,
    UpdateAnnotation,
)
from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError, Conflict


class CoreUndoCommand(QUndoCommand):
    """Runs ``command.do`` on redo (also the first push) and ``command.undo`` on undo.

    A failure (for example an edit refused by the core) is reported through
    ``on_error`` and marks the command obsolete, so the stack never holds an
    action that did not happen.
    """

    def __init__(
        self,
        project: Project,
        command: Command,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(command.label)
        self.project = project
        self.command = command
        self.on_error = on_error
        self.failed = False

    def redo(self) -> None:
        try:
            self.command.do(self.project)
        except AnnotatorError as exc:
            self._fail(exc)

    def undo(self) -> None:
        try:
            self.command.undo(self.project)
        except AnnotatorError as exc:
            self._fail(exc)

    def _fail(self, error: AnnotatorError) -> None:
        self.failed = True
        self.setObsolete(True)
        if self.on_error is not None:
            self.on_error(str(error))


class WindowCommand(CoreUndoCommand):
    """A core command on the window's undo stack, re-selecting what undo brings back."""

    def __init__(self, window: Any, command: Command) -> None:
        super().__init__(window.project, command, window.show_error)
        self.window = window

    def _fail(self, error: AnnotatorError) -> None:
        if isinstance(error, Conflict) and isinstance(self.command, UpdateAnnotation | SetVerdict):
            self.failed = True
            self.setObsolete(True)
            self.window.conflict_found(error, self.command)  # keep mine / take theirs
            return
        super()._fail(error)

    def redo(self) -> None:
        super().redo()
        c = self.command
        if not self.failed and isinstance(c, UpdateAnnotation | DeleteAnnotation):
            if isinstance(c, UpdateAnnotation):
                self.window.view.select_annotation(c.annotation_id)

    def undo(self) -> None:
        super().undo()
        c = self.command
        view = self.window.view
        if self.failed:
            return
        if isinstance(c, CreateAnnotation) and c.created is not None:
            view.select_cp(c.start, c.end)  # the text is selected again, ready for another tag
        elif isinstance(c, DeleteAnnotation | UpdateAnnotation):
            view.select_annotation(c.annotation_id, scroll=True)
