"""Optimistic checks for edits: refuse to overwrite what someone else changed meanwhile.

An editor remembers the values it showed when the user began an edit (the
*base*). When the edit is saved, each field the user changed is compared,
under the write lock, with what the database holds now: if another window or
person changed it to something else, :class:`~annotator.domain.errors.Conflict`
is raised and nothing is written, so the user can keep theirs or take the
other person's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from annotator.domain.errors import Conflict
from annotator.domain.model import Annotation, Event, Verdict


def check_expected(
    last_event: Callable[[str], Event | None],
    current: Annotation,
    expected: dict[str, Any],
    mine: dict[str, Any],
) -> None:
    """Raise :class:`Conflict` when a field in ``expected`` no longer holds its base value.

    ``last_event(action)`` gives the latest "update" or "delete" event of the
    annotation: who changed it, and when.
    """
    if current.deleted:
        mine_first = next(iter(mine.values()), None)
        raise _conflict(last_event("delete"), current.id, "deleted", None, mine_first, None)
    for field, base, theirs, wanted in _compared(current, expected, mine):
        if _same(theirs, base) or _same(theirs, wanted):
            continue
        raise _conflict(last_event("update"), current.id, field, base, wanted, theirs)


def _compared(
    current: Annotation, expected: dict[str, Any], mine: dict[str, Any]
) -> Iterator[tuple[str, Any, Any, Any]]:
    """(field, base, theirs, mine) of each field checked; ``start`` and ``end`` are one
    field, the boundaries, compared as a (start, end) pair."""
    for field, base in expected.items():
        if field not in ("start", "end"):
            yield field, base, getattr(current, field), mine.get(field, base)
    if "start" in expected or "end" in expected:
        base = (expected.get("start", current.start), expected.get("end", current.end))
        theirs = (current.start, current.end)
        wanted = (mine.get("start", base[0]), mine.get("end", base[1]))
        yield "boundaries", base, theirs, wanted


def check_verdict(
    last_event: Callable[[str], Event | None],
    annotation_id: str,
    current: Verdict | None,
    expected: tuple[str, str],
    mine: tuple[str, str],
) -> None:
    """Raise :class:`Conflict` when the verdict (rating and explanation, one field: they
    justify each other) is no longer the ``expected`` one the edit started from.

    A verdict is ``(rating, explanation)``; ``("", "")`` is no verdict.
    """
    theirs = (current.rating, current.explanation) if current else ("", "")
    if theirs in (expected, mine):
        return
    raise _conflict(last_event("verdict"), annotation_id, "verdict", expected, mine, theirs)


def _conflict(
    last: Event | None, annotation_id: str, field: str, base: Any, mine: Any, theirs: Any
) -> Conflict:
    """The :class:`Conflict` over ``field``, by whoever made the ``last`` change, then."""
    return Conflict(
        annotation_id,
        field,
        base=base,
        mine=mine,
        theirs=theirs,
        by=last.annotator if last else None,
        at=last.at if last else None,
    )


def _same(a: Any, b: Any) -> bool:
    """Equal, treating ``None`` and ``""`` alike (an empty actor or note)."""
    return (
        (a or "") == (b or "")
        if isinstance(a, str | None) and isinstance(b, str | None)
        else a == b
    )
