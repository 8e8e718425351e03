"""Strict JSON for annotation sets: valid UTF-8, no NaN or Infinity, no duplicate keys,
no lone surrogate escapes, size and nesting capped. A file that breaks a rule is refused
with :class:`SetError`.

The checks cost little beside the parse itself (a set of 100,000 annotations is 80 MB):

- nesting: measured on the bytes before parsing, at C speed — escapes and strings
  removed, then the innermost bracket pairs stripped once per level (exact for valid
  JSON; at most :data:`MAX_DEPTH` passes over the brackets alone);
- duplicate keys: ``object_pairs_hook`` compares the size of each object with its pairs;
- lone surrogates: only a file with a ``\\uD800``–``\\uDFFF`` escape can hold one (UTF-8
  cannot encode them), and only then are its strings walked;
- size: :func:`size_limit` — :data:`MAX_BYTES`, or less when the memory available would
  not hold the parsed set (about :data:`MEMORY_PER_BYTE` bytes per byte of file).
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any

from annotator.domain.exchange import SetError

#: the largest annotation set read on any machine: a desk's own exports of a few hundred
#: thousand annotations (100,000 W3C annotations are ~80 MB)
MAX_BYTES = 1_000_000_000
#: memory an import needs per byte of file, measured on W3C exports: the text as a Python
#: string (up to 4 bytes a character), the parsed objects and the import's own rows
MEMORY_PER_BYTE = 12
#: never refuse a set this small for want of memory (the estimate is rough)
MIN_LIMIT = 50_000_000
MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_STRING = re.compile(rb'"[^"]*"')
#: an escaped backslash or quote (``\n`` and the like change no string's end)
_ESCAPE = re.compile(rb'\\[\\"]')
_NOT_SHAPE = bytes(b for b in range(256) if b not in b'"[]{}')
#: objects and arrays alike: valid JSON closes each with its own kind
_SQUARE = bytes.maketrans(b"{}", b"[]")


class _Invalid(ValueError):
    pass


def available_memory() -> int | None:
    """Bytes of memory this machine can give without swapping, or None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    if sys.platform != "win32" and hasattr(os, "sysconf"):
        try:
            pages, size = os.sysconf("SC_AVPHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError):
            return None
        if pages > 0 and size > 0:
            return pages * size
    return None


def size_limit() -> int:
    """The largest set file this machine reads now: :data:`MAX_BYTES`, or less when the
    available memory would not hold it (never less than :data:`MIN_LIMIT`)."""
    memory = available_memory()
    if memory is None:
        return MAX_BYTES
    return min(MAX_BYTES, max(MIN_LIMIT, memory // MEMORY_PER_BYTE))


def too_large(size: int) -> str | None:
    """Why a file of ``size`` bytes is not read, or None when it may be."""
    if size <= min(MAX_BYTES, MIN_LIMIT):  # the common case: no need to ask the system
        return None
    limit = size_limit()
    if size <= limit:
        return None
    if limit < MAX_BYTES:
        return (
            f"larger than {_mb(limit)} MB, what this machine's free memory can import "
            f"(about {MEMORY_PER_BYTE} bytes for each byte of the file)"
        )
    return f"larger than {_mb(limit)} MB"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.0f}" if size >= 1_000_000 else f"{size / 1_000_000:g}"


def _no_constant(name: str) -> Any:
    raise _Invalid(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Invalid(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return out


def nesting_exceeds(data: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON in ``data`` nests deeper than ``limit`` levels. Exact for valid
    JSON; for invalid JSON any answer (the parser then says what is wrong).

    Every step is a C loop over bytes: escaped backslashes and quotes out (an escaped
    quote does not end a string), then everything but quotes and brackets; two adjacent
    quotes go (an empty string, or the end of one string and the start of the next with
    nothing but separators between: their contents merge), and what is left between
    quotes is the few strings that hold brackets. Then the innermost pairs, once per level
    (``bytes.replace`` does not look again at what a removal joins).
    """
    if _ESCAPE.search(data):  # (a search for both, at C speed: cheaper than two passes)
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    shape = data.translate(_SQUARE, _NOT_SHAPE).replace(b'""', b"")
    if b'"' in shape:
        shape = _STRING.sub(b"", shape)
    for _ in range(limit):
        if not shape:
            return False
        shape = shape.replace(b"[]", b"")
    return bool(shape)


def _check_text(value: Any) -> None:
    """:class:`_Invalid` for a string (or key) holding a lone surrogate, anywhere."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            _text(item)
        elif isinstance(item, dict):
            for key in item:
                _text(key)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _text(value: str) -> None:
    # a \ud800 escape without its pair decodes to a lone surrogate, which no file or
    # database can store as UTF-8
    if not value.isascii() and _SURROGATE.search(value):
        raise _Invalid(f"the string {value[:40]!r} contains a lone UTF-16 surrogate escape")


def load_json(data: bytes, name: str) -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys, size and nesting capped."""
    problem = too_large(len(data))
    if problem:
        raise SetError(name, [f"the file is {problem}"])
    deep = f"nested deeper than {MAX_DEPTH} levels"
    too_deep = nesting_exceeds(data)
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError:
        raise SetError(name, ["not UTF-8 text"]) from None
    except _Invalid as exc:
        raise SetError(name, [str(exc)]) from None
    except RecursionError:
        raise SetError(name, [deep]) from None
    except ValueError as exc:
        raise SetError(name, [f"not valid JSON ({exc})"]) from None
    if too_deep:
        raise SetError(name, [deep])
    if _SURROGATE_ESCAPE.search(data):
        try:
            _check_text(value)
        except _Invalid as exc:
            raise SetError(name, [str(exc)]) from None
    return value
