"""The result of every importer: an article not yet stored, with its provenance.

Importers are pure functions from bytes to an :class:`ArticleDraft`. They never
touch the database or the GUI; every problem a user can cause is reported as a
:class:`~annotator.domain.errors.BadInput` whose message starts with the name of
the file (or the URL) it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from annotator.domain.errors import BadInput

#: separator between paragraphs (blocks) in every importer that sees structure:
#: HTML blocks, DOCX paragraphs and table rows, PDF pages. Lines inside a block
#: (``<br>``, lines of a PDF page) are separated by a single ``\n``.
PARAGRAPH_SEP = "\n\n"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ArticleDraft:
    """An imported article before it is stored."""

    text: str  # already normalised with domain.text.normalize; never empty/whitespace-only
    source_format: str  # "txt" | "md" | "html" | "docx" | "pdf"
    original: bytes  # the bytes exactly as read/fetched (provenance)
    original_name: str  # file name, or the URL
    media_type: str  # e.g. "text/plain", "text/html", "application/pdf", ...
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD" when known
    language: str | None = None  # e.g. "en"
    fetched_at: str | None = None  # ISO-8601 UTC timestamp, only for URL imports


def bad(name: str, message: str) -> BadInput:
    """A :class:`BadInput` whose one-line message starts with ``name``."""
    return BadInput(one_line(f"{name}: {message}"))


def one_line(message: str) -> str:
    """``message`` with every run of white space (line breaks too) made one space."""
    return " ".join(message.split())


@contextmanager
def named(name: str) -> Iterator[None]:
    """Prefix the message of any :class:`BadInput` raised inside with ``name``."""
    try:
        yield
    except BadInput as exc:
        message = str(exc)
        if message.startswith(f"{name}: "):
            raise
        raise type(exc)(one_line(f"{name}: {message}")) from None


def clean_field(value: object, limit: int = 1000) -> str | None:
    """A metadata value as one trimmed line, or ``None`` when empty or not text."""
    if not isinstance(value, str):
        return None
    value = one_line(value)
    if not value:
        return None
    return value[:limit]


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from a date-like string (``2024-06-19T10:00Z`` too), else ``None``."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and year >= 1000):
        return None
    return match.group(0)


def language_tag(value: object) -> str | None:
    """The primary language subtag, lower case (``"en-GB"`` and ``"en_US"`` → ``"en"``)."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    return primary


def require_text(name: str, text: str) -> str:
    """``text`` unchanged, or :class:`BadInput` when it is empty or only white space."""
    if not text.strip():
        raise bad(name, "contains no text")
    return text
