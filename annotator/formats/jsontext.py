"""JSON text for large exports: written by the C encoder, one record per line.

``json.dumps(value, indent=2)`` goes through the pure-Python encoder (an indent turns the
C one off): four fifths of the time of a W3C export of 100,000 annotations. :func:`lines`
writes the outer levels one member per line and everything below them compact on one line
with the C encoder — a collection with one annotation per line: still readable, diffable
line by line, and deterministic (keys in the order given).
"""

from __future__ import annotations

from typing import Any

from annotator.domain.fastjson import dumps


def lines(value: Any, levels: int = 3) -> str:
    """``value`` as JSON text (with a final newline): an object that holds a list of objects
    within ``levels`` levels, and such a list itself, is written one member per line; any
    other value — and every value ``levels`` down — on one line."""
    out: list[str] = []
    _write(value, levels, "", out)
    out.append("\n")
    return "".join(out)


def _spread(value: Any, levels: int) -> bool:
    """Whether ``value`` is written one member per line."""
    if levels <= 0 or not value:
        return False
    if isinstance(value, list):
        return all(isinstance(v, dict) for v in value)
    if isinstance(value, dict):
        return any(_spread(v, levels - 1) for v in value.values() if isinstance(v, (dict, list)))
    return False


def _write(value: Any, levels: int, indent: str, out: list[str]) -> None:
    if not _spread(value, levels):
        out.append(dumps(value))
        return
    inner = indent + " "
    if isinstance(value, dict):
        out.append("{")
        for i, (key, member) in enumerate(value.items()):
            out.append(("\n" if i == 0 else ",\n") + inner + dumps(key) + ": ")
            _write(member, levels - 1, inner, out)
        out.append("\n" + indent + "}")
        return
    out.append("[")
    for i, member in enumerate(value):
        out.append(("\n" if i == 0 else ",\n") + inner)
        _write(member, levels - 1, inner, out)
    out.append("\n" + indent + "]")
