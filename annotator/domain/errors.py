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
