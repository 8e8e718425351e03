"""Hypothesis strategies for fuzzing: mutated valid files and structured garbage.

- :func:`mutated_bytes`: a seed with bytes flipped, set, deleted, inserted (interesting
  tokens too), duplicated, truncated or spliced with another seed;
- :func:`mutated_json`: a parsed seed with values replaced by wrong types, huge numbers,
  NaN, lone surrogates, deep nesting…, keys dropped, containers wrapped or repeated;
- :func:`json_garbage`: JSON built from the format's own keys and hostile values.

Documents (markup, .docx, PDF) are in :mod:`tests.fuzz.mutate_docs`.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from hypothesis import strategies as st

#: the most bytes a mutation may grow an input to
MAX_SIZE = 200_000

TOKENS = (
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00\x00\xfe\xff",
    b"\xed\xa0\x80",
    b"\xc3",
    b"\xe2\x80\xa8",
    b"\r",
    b"\r\n",
    b"\t",
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"-1",
    b"99999999999999999999999",
    b'"',
    b"\\",
    b"\\ud800",
    b"\\u0000",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&#x110000;",
    b"&#xD800;",
    b"&nbsp;",
    b"&undefined;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    b'<meta charset="hex">',
    b'<meta charset="utf-16">',
    b'<?xml version="1.0" encoding="utf-32"?>',
    b"<html>",
    b"</body>",
    b"%PDF-1.7",
    b" 0 obj",
    b"endobj",
    b"stream\n",
    b"endstream",
    b" 0 R",
    b"<<",
    b">>",
    b"/Length 99999999",
    b"xref",
    b"trailer",
    b"%%EOF",
    b"PK\x03\x04",
    b"T1\tClaim 0 5\t",
    b"R1\tdenies Arg1:T1 Arg2:T9",
    b" ; ",
)

_INTERESTING = (0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x22, 0x3C, 0x5C, 0x7B)


@st.composite
def mutated_bytes(draw: st.DrawFn, seeds: tuple[bytes, ...], max_ops: int = 6) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(_BYTE_OPS))
        data = op(draw, data, seeds)
        if len(data) > MAX_SIZE:
            del data[MAX_SIZE:]
    return bytes(data)


def _at(draw: st.DrawFn, data: bytearray) -> int:
    return draw(st.integers(0, 2**20)) % (len(data) + 1)


def _flip(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    if data:
        i = _at(draw, data) % len(data)
        data[i] ^= 1 << draw(st.integers(0, 7))
    return data


def _set(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    if data:
        i = _at(draw, data) % len(data)
        data[i] = draw(st.sampled_from(_INTERESTING) | st.integers(0, 255))
    return data


def _delete(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    i = _at(draw, data)
    del data[i : i + draw(st.integers(1, 64))]
    return data


def _insert(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    i = _at(draw, data)
    data[i:i] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=16))
    return data


def _duplicate(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    i = _at(draw, data)
    chunk = bytes(data[i : i + draw(st.integers(1, 256))])
    data[i:i] = chunk * draw(st.integers(1, 64))
    return data


def _truncate(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    return data[: _at(draw, data)]


def _splice(draw: st.DrawFn, data: bytearray, seeds: tuple[bytes, ...]) -> bytearray:
    other = draw(st.sampled_from(seeds))
    j = draw(st.integers(0, 2**20)) % (len(other) + 1)
    return data[: _at(draw, data)] + other[j:]


_BYTE_OPS = (_flip, _set, _delete, _insert, _duplicate, _truncate, _splice)


# --- JSON -------------------------------------------------------------------------------


def _deep(depth: int, kind: str) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


HOSTILE = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        1.5,
        -0.0,
        2**31,
        2**63,
        -(2**63),
        10**30,
        float("nan"),
        float("inf"),
        float("-inf"),
        1e308,
        "",
        " ",
        "\x00",
        "\ud800",
        "\udfff",
        "\r\n",
        "x" * 5000,
        "👍🏽",
        "urn:uuid:00000000-0000-0000-0000-000000000000",
        "urn:uuid:",
        "NaN",
        "-1",
        [],
        {},
        [None],
        {"": None},
        {"type": ["TextualBody"]},
        [[[]]],
    ]
).map(copy.deepcopy)  # mutations change containers in place: never hand out the originals


def hostile_values() -> st.SearchStrategy[Any]:
    return (
        HOSTILE
        | st.integers()
        | st.floats()
        | st.text(max_size=20)
        | st.builds(_deep, st.integers(10, 200), st.sampled_from(["list", "dict"]))
        | st.lists(HOSTILE, max_size=3)
        | st.dictionaries(st.text(max_size=5), HOSTILE, max_size=3)
    )


def _slots(value: Any, out: list[tuple[Any, Any]], depth: int = 0) -> None:
    """(container, key) of every value inside ``value``."""
    if depth > 40:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            out.append((value, key))
            _slots(item, out, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.append((value, index))
            _slots(item, out, depth + 1)


@st.composite
def mutated_json(draw: st.DrawFn, seeds: tuple[Any, ...], lines: bool = False) -> bytes:
    """A parsed seed (a JSON value, or a list of lines when ``lines``) changed in place."""
    doc = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        slots: list[tuple[Any, Any]] = []
        _slots(doc, slots)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(("replace", "replace", "delete", "wrap", "repeat", "type")))
        if action == "replace":
            container[key] = draw(hostile_values())
        elif action == "delete":
            del container[key]
        elif action == "wrap":
            container[key] = draw(st.sampled_from(([container[key]], {"id": container[key]})))
        elif action == "repeat" and isinstance(container, list):
            times = draw(st.integers(1, 20))
            container[key:key] = [copy.deepcopy(container[key]) for _ in range(times)]
        elif action == "type":
            container[key] = _retype(container[key])
    ascii_only = draw(st.booleans())
    if lines and isinstance(doc, list):
        text = "\n".join(json.dumps(x, ensure_ascii=ascii_only) for x in doc)
    else:
        text = json.dumps(doc, ensure_ascii=ascii_only)
    if draw(st.integers(0, 9)) == 0:  # a duplicate key, which json.dumps cannot write
        text = re.sub(r'\{"([^"]{1,20})": ', r'{"\1": 1, "\1": ', text, count=1)
    return text.encode("utf-8", "surrogatepass")


def _retype(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return int(value) if value.isdigit() and len(value) < 100 else [value]
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    if isinstance(value, dict):
        return list(value.values())
    return value


def json_garbage(keys: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """JSON made of the format's keys (also as values) and hostile values, a few levels deep."""
    leaf = hostile_values() | st.sampled_from(keys)
    key = st.sampled_from(keys) | st.text(max_size=6)
    tree = st.recursive(
        leaf,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=6),
        max_leaves=30,
    )
    return st.builds(
        lambda value, ascii_only: json.dumps(value, ensure_ascii=ascii_only).encode(
            "utf-8", "surrogatepass"
        ),
        tree,
        st.booleans(),
    )
