"""JSON text for large exports: written by the C encoder, one record per line.

``json.dumps(value, indent=2)`` goes through the pure-Python encoder (an indent turns the
C one off): four fifths of the time of a W3C export of 100,000 annotations. :func:`lines`
writes the outer levels one member per line and everything below them compact on one line
with the C encoder — a collection with one annotation per line: still readable, diffable
line by line, and deterministic (keys in the order given).

A list of items already written as JSON text in UTF-8 (:class:`Encoded`, one ``bytes``
per item) is written one item per line as it is: an export writes its items itself
(:mod:`annotator.formats.w3c_text`), and :func:`utf8_lines` joins bytes, never making
the whole text one ``str`` (with one character beyond U+FFFF in it, 100,000 annotations
are a 320 MB string, copied at every step: 0.5 s).
"""

from __future__ import annotations

from typing import Any

from annotator.domain.fastjson import dumps


class Encoded(list):
    """A list of JSON texts in UTF-8 (``bytes``), one per item: written as a JSON list,
    one item per line, each as it is."""


def lines(value: Any, levels: int = 3) -> str:
    """``value`` as JSON text (with a final newline): an object that holds a list of objects
    within ``levels`` levels, and such a list itself, is written one member per line; any
    other value — and every value ``levels`` down — on one line."""
    out: list[str | bytes] = []
    _write(value, levels, "", out)
    out.append("\n")
    return "".join(p if type(p) is str else p.decode("utf-8") for p in out)


def utf8_lines(value: Any, levels: int = 3) -> bytes:
    """:func:`lines` as UTF-8."""
    out: list[str | bytes] = []
    _write(value, levels, "", out)
    out.append("\n")
    return b"".join(p if type(p) is bytes else p.encode("utf-8") for p in out)


def _spread(value: Any, levels: int) -> bool:
    """Whether ``value`` is written one member per line."""
    if type(value) is Encoded:
        return bool(value)
    if levels <= 0 or not value:
        return False
    if isinstance(value, list):
        return all(isinstance(v, dict) for v in value)
    if isinstance(value, dict):
        return any(_spread(v, levels - 1) for v in value.values() if isinstance(v, (dict, list)))
    return False


def _write(value: Any, levels: int, indent: str, out: list[str | bytes]) -> None:
    if not _spread(value, levels):
        out.append(dumps(value))
        return
    inner = indent + " "
    if type(value) is Encoded:
        out.append("[\n" + inner)
        out.append((",\n" + inner).encode("utf-8").join(value))
        out.append("\n" + indent + "]")
        return
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
