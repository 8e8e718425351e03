"""One ``QUndoCommand`` per user action, wrapping a Qt-free core command."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.commands import Command
from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError


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
            self._fail(str(exc))

    def undo(self) -> None:
        try:
            self.command.undo(self.project)
        except AnnotatorError as exc:
            self._fail(str(exc))

    def _fail(self, message: str) -> None:
        self.failed = True
        self.setObsolete(True)
        if self.on_error is not None:
            self.on_error(message)
