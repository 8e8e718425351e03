"""The common case of a W3C span annotation, read fast: the shape this app writes.

:func:`plain_span` reads an item of exactly that shape — a ``classifying`` annotation whose
target has a string ``source`` and two selectors, a ``TextQuoteSelector`` with string
quote and context then a ``TextPositionSelector`` with whole numbers ``0 <= start < end``,
bodies that are tags, notes or the actor, a creator with a name, a ``urn:uuid`` id, string
times — and returns what :func:`annotator.formats.w3c_import._span` returns for it. Any
other item (a verdict, a refined selector, an odd type anywhere …) gets None and goes the
long way, which also names its problems. Reading 100,000 annotations took 1.0 s the
long way (its checks are written for any W3C a tool may send); 0.3 s this way.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from annotator.domain.exchange import SetAnnotation

MAX_OFFSET = 2**31 - 1
#: a UUID as this app writes it (what :func:`uuid_of` returns unchanged)
_CANONICAL = re.compile(r"(?:urn:uuid:)?([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})")
_new = object.__new__


def plain_span(item: dict[str, Any]) -> tuple[str, SetAnnotation] | None:
    """(article key, annotation) of a span annotation of the usual shape, or None."""
    target = item.get("target")
    if type(target) is not dict or "bodyValue" in item:
        return None
    source, selectors = target.get("source"), target.get("selector")
    if type(source) is not str or type(selectors) is not list or len(selectors) != 2:
        return None
    quote, position = selectors
    if (
        type(quote) is not dict
        or type(position) is not dict
        or quote.get("type") != "TextQuoteSelector"
        or position.get("type") != "TextPositionSelector"
        or "refinedBy" in quote
        or "refinedBy" in position
    ):
        return None
    start, end = position.get("start"), position.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= MAX_OFFSET:
        return None
    exact, prefix, suffix = quote.get("exact"), quote.get("prefix", ""), quote.get("suffix", "")
    if type(exact) is not str or not _text(prefix) or not _text(suffix):
        return None
    fields = _bodies(item.get("body"))
    annotator = _creator(item.get("creator"))
    ident, created, modified = item.get("id"), item.get("created"), item.get("modified")
    if fields is None or annotator is False or not (_text(created) and _text(modified)):
        return None
    canonical = _CANONICAL.fullmatch(ident) if type(ident) is str else None
    if canonical is None:
        return None
    tag, actor, note = fields
    annotation = _new(SetAnnotation)
    annotation.__dict__.update(
        tag=tag,
        exact=exact,
        start=start,
        end=end,
        prefix=prefix or "",
        suffix=suffix or "",
        id=canonical.group(1),
        key=ident,
        actor=actor,
        note=note,
        annotator=annotator,
        created=created,
        modified=modified,
        verdict=None,
        verdict_explanation="",
        verdict_annotator=None,
        verdict_created=None,
        verdict_modified=None,
    )
    return source, annotation


def _text(value: Any) -> bool:
    """Whether an optional string field is absent (None) or a string."""
    return value is None or type(value) is str


def _creator(value: Any) -> str | None | bool:
    """The creator's name; None without a creator; False for any other shape."""
    if value is None:
        return None
    if type(value) is dict:
        name = value.get("name")
        if type(name) is str and name.strip():
            return name.strip()
    return False


def _bodies(bodies: Any) -> tuple[str, str | None, str] | None:
    """(tag, actor, note) from bodies that are all tags, notes or the actor; else None."""
    if type(bodies) is not list:
        return None
    classifying = tagging = actor = None
    notes: list[str] = []
    for body in bodies:
        if type(body) is not dict:
            return None
        value, purpose, role = body.get("value"), body.get("purpose"), body.get("annotator:role")
        if type(value) is not str or type(purpose) is not str:
            return None
        if role is not None:
            if role != "actor":
                return None
            actor = value if actor is None else actor
        elif purpose == "identifying":
            actor = value if actor is None else actor
        elif purpose == "commenting":
            notes.append(value)
        elif purpose == "classifying":
            if classifying is None and value.strip():
                classifying = value.strip()
        elif purpose == "tagging":
            if tagging is None and value.strip():
                tagging = value.strip()
        else:
            return None
    tag = classifying if classifying is not None else tagging
    if tag is None:
        return None
    return tag, actor, "\n\n".join(notes)


def uuid_of(value: str | None) -> str | None:
    """The UUID of a ``urn:uuid:`` (or bare UUID) id; None for other ids (not stable)."""
    if not value:
        return None
    if canonical := _CANONICAL.fullmatch(value):  # the usual case: no UUID object made
        return canonical.group(1)
    raw = value[9:] if value.lower().startswith("urn:uuid:") else value
    try:
        return str(uuid.UUID(raw)) if len(raw) == 36 else None
    except ValueError:
        return None
