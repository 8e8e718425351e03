"""Undoable user actions, free of Qt.

Each command wraps :class:`~annotator.core.project.Project` methods; the GUI's
undo stack holds one ``QUndoCommand`` per command, and :class:`CommandStack`
gives the same behaviour headless (for tests and scripts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.project import UNSET, Project
from annotator.domain.model import Annotation


class Command:
    label: str = ""

    def do(self, project: Project) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def undo(self, project: Project) -> None:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class CreateAnnotation(Command):
    """Tag a span. Undo deletes it; redo restores the very same annotation (same id)."""

    article_id: str
    start: int
    end: int
    tag: str
    actor: str | None = None
    note: str = ""
    created: Annotation | None = field(default=None, init=False)

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"Tag as {self.tag}"

    def do(self, project: Project) -> None:
        if self.created is None:
            self.created = project.create_annotation(
                self.article_id, self.start, self.end, self.tag, actor=self.actor, note=self.note
            )
        else:
            project.restore_annotation(self.created.id)

    def undo(self, project: Project) -> None:
        assert self.created is not None
        project.delete_annotation(self.created.id)


@dataclass
class DeleteAnnotation(Command):
    annotation_id: str
    label: str = "Delete annotation"

    def do(self, project: Project) -> None:
        project.delete_annotation(self.annotation_id)

    def undo(self, project: Project) -> None:
        project.restore_annotation(self.annotation_id)


_FIELD_LABELS = {
    "tag": "Retag",
    "start": "Resize",
    "end": "Resize",
    "note": "Edit note",
    "actor": "Set actor",
}


@dataclass
class UpdateAnnotation(Command):
    """Change fields of an annotation (tag, start, end, note, actor); undo puts them back."""

    annotation_id: str
    changes: dict[str, Any]
    #: the values the edit started from; checked on the first ``do`` only (a redo
    #: re-applies the user's own edit)
    expected: dict[str, Any] | None = None
    before: dict[str, Any] = field(default_factory=dict, init=False)

    @property
    def label(self) -> str:  # type: ignore[override]
        names = {_FIELD_LABELS.get(k, "Edit") for k in self.changes}
        return " + ".join(sorted(names)) if names else "Edit"

    def do(self, project: Project) -> None:
        current = project.annotation(self.annotation_id)
        first = not self.before
        if first:
            self.before = {k: getattr(current, k) for k in self.changes}
        expected = self.expected if first else None
        project.update_annotation(self.annotation_id, expected=expected, **self.changes)

    def undo(self, project: Project) -> None:
        project.update_annotation(self.annotation_id, **self.before)


class CommandStack:
    """A Qt-free undo stack with the same semantics as ``QUndoStack``."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> Command:
        # a new action ends the redo history even when it fails, as QUndoStack.push does
        # (the window's stack drops a failed command as obsolete after clearing it)
        self._undone.clear()
        command.do(self.project)
        self._done.append(command)
        return command

    def undo(self) -> Command | None:
        if not self._done:
            return None
        command = self._done.pop()
        command.undo(self.project)
        self._undone.append(command)
        return command

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        command.do(self.project)
        self._done.append(command)
        return command

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)


@dataclass
class Link(Command):
    """Link two annotations. Undo unlinks; redo restores the same relation (same id)."""

    from_id: str
    to_id: str
    type: str | None = None
    relation_id: str | None = field(default=None, init=False)
    label: str = "Link"

    def do(self, project: Project) -> None:
        if self.relation_id is None:
            relation = project.link(self.from_id, self.to_id, self.type)
            self.relation_id = relation.id
            self.label = f"Link: {project.relation_type(relation.type).label}"
        else:
            project.relink(self.relation_id)

    def undo(self, project: Project) -> None:
        assert self.relation_id is not None
        project.unlink(self.relation_id)


@dataclass
class Unlink(Command):
    relation_id: str
    label: str = "Remove link"

    def do(self, project: Project) -> None:
        project.unlink(self.relation_id)

    def undo(self, project: Project) -> None:
        project.relink(self.relation_id)


@dataclass
class SetVerdict(Command):
    """Rate a claim (``rating`` None clears); undo puts the earlier verdict back."""

    annotation_id: str
    rating: str | None
    explanation: str = ""
    #: the verdict the edit started from, ``(rating, explanation)`` or ``("", "")`` for
    #: none; checked on the first ``do`` only (a redo re-applies the user's own edit)
    expected: tuple[str, str] | None = None
    before: tuple[str, str] | None = field(default=None, init=False)
    captured: bool = field(default=False, init=False)

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"Verdict: {self.rating}" if self.rating else "Clear verdict"

    def do(self, project: Project) -> None:
        expected = None if self.captured else self.expected
        if not self.captured:
            old = project.verdict(self.annotation_id)
            self.before = (old.rating, old.explanation) if old else None
        if self.rating:
            project.set_verdict(
                self.annotation_id, self.rating, self.explanation, expected=expected
            )
        else:
            project.clear_verdict(self.annotation_id, expected=expected)
        self.captured = True

    def undo(self, project: Project) -> None:
        if self.before is None:
            project.clear_verdict(self.annotation_id)
        else:
            project.set_verdict(self.annotation_id, *self.before)


@dataclass
class Reattach(Command):
    """Place an orphan on ``text[start:end]``; undo makes it an orphan again with the quote
    and context it was imported with."""

    annotation_id: str
    start: int
    end: int
    label: str = "Attach orphan"
    before: Annotation | None = field(default=None, init=False)

    def do(self, project: Project) -> None:
        if self.before is None:
            self.before = project.annotation(self.annotation_id)
        project.reattach(self.annotation_id, self.start, self.end)

    def undo(self, project: Project) -> None:
        assert self.before is not None
        project.detach(
            self.annotation_id,
            exact=self.before.exact,
            prefix=self.before.prefix,
            suffix=self.before.suffix,
        )


_REVIEW_LABELS = {
    "accept": "Accept",
    "accepted": "Accept",
    "reject": "Reject",
    "rejected": "Reject",
    "comment": "Comment",
    "commented": "Comment",
}


@dataclass
class ReviewCommand(Command):
    """Accept, reject or comment on an annotation. Undo withdraws the review (it is my
    latest of that annotation); redo reviews again (a new review)."""

    annotation_id: str
    decision: str
    comment: str = ""
    reply_to: str | None = None
    review_id: str | None = field(default=None, init=False)

    @property
    def label(self) -> str:  # type: ignore[override]
        return _REVIEW_LABELS.get(self.decision.strip().casefold(), "Review")

    def do(self, project: Project) -> None:
        made = project.review(
            self.annotation_id, self.decision, self.comment, reply_to=self.reply_to
        )
        self.review_id = made.id

    def undo(self, project: Project) -> None:
        assert self.review_id is not None
        project.unreview(self.review_id)


__all__ = [
    "UNSET",
    "Command",
    "CommandStack",
    "CreateAnnotation",
    "DeleteAnnotation",
    "Link",
    "Reattach",
    "ReviewCommand",
    "SetVerdict",
    "Unlink",
    "UpdateAnnotation",
]
