"""Finding a row by its id or a unique prefix of one (what users type and paste)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from annotator.domain.errors import Ambiguous, BadInput, NotFound

T = TypeVar("T")


def resolve(
    ref: str,
    get: Callable[[str], T | None],
    ids_with_prefix: Callable[[str], list[str]],
    noun: str,
) -> T:
    """The row with id ``ref``, else the only one whose id starts with ``ref``."""
    ref = ref.strip()
    if not ref:
        raise BadInput(f"no {noun} id given")
    found = get(ref)
    if found is not None:
        return found
    ids = ids_with_prefix(ref)
    if not ids:
        raise NotFound(f"no {noun} with id {ref!r}")
    if len(ids) > 1:
        raise Ambiguous(f"the id prefix {ref!r} matches more than one {noun}")
    found = get(ids[0])
    assert found is not None
    return found
