"""Strict JSON for annotation sets: valid UTF-8, no NaN or Infinity, no duplicate keys,
no lone surrogate escapes, size and nesting capped. A file that breaks a rule is refused
with :class:`SetError`."""

from __future__ import annotations

import json
import re
from typing import Any

from annotator.domain.exchange import SetError

MAX_BYTES = 50_000_000
MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Invalid(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _Invalid(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Invalid(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _check(value: Any) -> int:
    """The nesting depth of ``value``; :class:`_Invalid` for a string that is not text."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        if isinstance(item, str):
            _text(item)
        elif isinstance(item, dict):
            for key in item:
                _text(key)
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def _text(value: str) -> None:
    # a \ud800 escape without its pair decodes to a lone surrogate, which no file or
    # database can store as UTF-8
    if not value.isascii() and _SURROGATE.search(value):
        raise _Invalid(f"the string {value[:40]!r} contains a lone UTF-16 surrogate escape")


def load_json(data: bytes, name: str) -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys, size and nesting capped."""
    if len(data) > MAX_BYTES:
        raise SetError(name, [f"the file is larger than {MAX_BYTES // 1_000_000} MB"])
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError:
        raise SetError(name, ["not UTF-8 text"]) from None
    except _Invalid as exc:
        raise SetError(name, [str(exc)]) from None
    except RecursionError:
        raise SetError(name, [f"nested deeper than {MAX_DEPTH} levels"]) from None
    except ValueError as exc:
        raise SetError(name, [f"not valid JSON ({exc})"]) from None
    try:
        if _check(value) > MAX_DEPTH:
            raise SetError(name, [f"nested deeper than {MAX_DEPTH} levels"])
    except _Invalid as exc:
        raise SetError(name, [str(exc)]) from None
    return value
