"""Hypothesis strategies for fuzzing: mutated valid files and structured garbage.

- :func:`mutated_bytes`: a seed with bytes flipped, set, deleted, inserted (interesting
  tokens too), duplicated, truncated or spliced with another seed;
- :func:`mutated_json`: a parsed seed with values replaced by wrong types, huge numbers,
  NaN, lone surrogates, deep nesting…, keys dropped, containers wrapped or repeated;
- :func:`json_garbage`: JSON built from the format's own keys and hostile values;
- :func:`markup`: tag soup (HTML/XML) with entities, DTDs, charsets, deep nesting;
- :func:`mutated_zip` (a .docx) and :func:`mutated_pdf` work on the container.
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
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


# --- markup -----------------------------------------------------------------------------

_TAGS = (
    "html head body title meta p div span br table tr td th ul li h1 article main section "
    "script style pre code blockquote nav footer aside form iframe svg math template noscript "
    "a img wbr x:y w:p w:r w:t w:body w:document"
).split()
CHARSETS = (
    "utf-8 utf-16 utf-16le utf-32 hex rot13 base64 zlib idna punycode utf-7 unicode_escape "
    "raw_unicode_escape undefined x-user-defined cp1252 latin1 ascii shift_jis euc-kr "
    "gb18030 koi8-r iso-2022-jp utf-8-sig mbcs bogus"
).split()
_TEXT = st.sampled_from(
    [
        "text",
        "Port data contradict ministry, 1,000 containers.",
        "김정은 위원장",
        "قال المتحدث",
        "👨‍👩‍👧",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&#xD800;",
        "&bogus;",
        "&a;",
        "\x00",
        "\r\n",
        "]]>",
        "\u202e",
    ]
) | st.text(max_size=12)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = ""
    for _ in range(draw(st.integers(0, 2))):
        name = draw(st.sampled_from(["id", "class", "lang", "charset", "style", "xml:lang", "x"]))
        value = draw(st.sampled_from(CHARSETS) | _TEXT)
        attrs += f' {name}="{value}"'
    if depth > 3 or draw(st.integers(0, 3)) == 0:
        inner = draw(_TEXT)
    else:
        parts = draw(st.lists(_element(depth + 1) | _TEXT, max_size=4))
        inner = "".join(parts)
    close = "" if draw(st.integers(0, 5)) == 0 else f"</{tag}>"
    return f"<{tag}{attrs}>{inner}{close}"


@st.composite
def markup(draw: st.DrawFn) -> bytes:
    """Tag soup: an optional prolog (XML declaration, DTD with entities, charset), elements,
    sometimes nested thousands deep; encoded in one of several charsets."""
    prolog = draw(
        st.sampled_from(
            [
                "",
                "<!DOCTYPE html>",
                '<?xml version="1.0" encoding="{cs}"?>',
                '<!DOCTYPE html [<!ENTITY a "{big}">]>',
                '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
                "<!DOCTYPE html><!-- saved from url=(0023)https://news.example/ -->",
            ]
        )
    ).format(cs=draw(st.sampled_from(CHARSETS)), big="a" * draw(st.integers(0, 3000)))
    head = ""
    if draw(st.booleans()):
        head = f'<head><meta charset="{draw(st.sampled_from(CHARSETS))}"><title>T</title></head>'
    body = "".join(draw(st.lists(_element(), min_size=1, max_size=5)))
    depth = draw(st.sampled_from([0, 0, 0, 100, 300, 3000]))
    body = "<div>" * depth + body + "</div>" * draw(st.integers(0, depth))
    page = f"{prolog}<html>{head}<body>{body}</body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "shift_jis", "utf-8-sig"]))
    return page.encode(encoding, "replace")


# --- containers -------------------------------------------------------------------------


@st.composite
def mutated_zip(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """A .docx with members replaced (mutated or tag soup), dropped, added or renamed;
    sometimes the zip bytes themselves are mutated afterwards."""
    source = zipfile.ZipFile(io.BytesIO(draw(st.sampled_from(seeds))))
    members = {info.filename: source.read(info.filename) for info in source.infolist()}
    names = sorted(members)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(names))
        action = draw(st.sampled_from(("mutate", "mutate", "soup", "drop", "add", "rename")))
        if action == "mutate" and name in members:
            members[name] = draw(mutated_bytes((members[name],), max_ops=4))
        elif action == "soup":
            members[name] = draw(markup())
        elif action == "drop":
            members.pop(name, None)
        elif action == "add":
            members[draw(st.sampled_from(["word/extra.xml", "../evil.xml", "x" * 300]))] = draw(
                markup()
            )
        elif action == "rename" and name in members:
            members[name.upper()] = members.pop(name)
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    with zipfile.ZipFile(buffer, "w", method) as out:
        for name, body in members.items():
            out.writestr(name, body)
    data = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:
        data = draw(mutated_bytes((data,), max_ops=3))
    return data


_NUMBER = re.compile(rb"(?<![A-Za-z/])\d+")


@st.composite
def mutated_pdf(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """A PDF whose numbers (lengths, offsets, object numbers, counts) are changed, or
    whose references point at themselves or nowhere; then maybe byte-mutated."""
    data = draw(st.sampled_from(seeds))
    spots = [m.span() for m in _NUMBER.finditer(data)]
    for _ in range(draw(st.integers(1, 4))):
        if not spots:
            break
        start, end = draw(st.sampled_from(spots))
        value = draw(st.sampled_from([b"0", b"1", b"2", b"-1", b"999999999", b"4294967296"]))
        data = data[:start] + value.ljust(end - start) + data[end:]
    if draw(st.booleans()):
        data = data.replace(b"/Parent 2 0 R", b"/Parent 3 0 R").replace(
            b"/Kids [", b"/Kids [2 0 R "
        )
    if draw(st.booleans()):
        data = draw(mutated_bytes((data,), max_ops=3))
    return data
