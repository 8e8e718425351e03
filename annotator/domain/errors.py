"""Errors the application reports to the user.

Every error a user can cause is a :class:`BadInput`: its message is one clear
line, and raising it guarantees nothing was changed.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base class of the errors the application knows about."""


class BadInput(AnnotatorError):
    """The user's input cannot be used (file, URL, offsets, tag, id …).

    The message is a single line meant for the user. Nothing was changed.
    """


class NotFound(BadInput):
    """An id, prefix, tag or quote that does not exist."""


class Ambiguous(BadInput):
    """A prefix that matches more than one id."""


class NewerSchema(AnnotatorError):
    """The database was written by a newer version of annotator."""


class Busy(AnnotatorError):
    """Another program held the database's write lock for too long; nothing was changed."""


class Conflict(AnnotatorError):
    """Someone else changed what the user was editing since they began.

    Nothing was changed. ``theirs`` is the other person's value (``None`` when
    they deleted the annotation), ``mine`` the value the user wanted to save,
    ``base`` the value the user started from.
    """

    def __init__(
        self,
        annotation_id: str,
        field: str,
        *,
        base: object,
        mine: object,
        theirs: object,
        by: str | None,
        at: str | None,
    ) -> None:
        what = "deleted this annotation" if field == "deleted" else f"changed its {field}"
        who = by or "someone else"
        super().__init__(f"{who} {what} while you were editing it; nothing was saved")
        self.annotation_id = annotation_id
        self.field = field
        self.base = base
        self.mine = mine
        self.theirs = theirs
        self.by = by
        self.at = at
