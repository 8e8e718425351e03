"""Hypothesis strategies for documents: tag soup (:func:`markup`, HTML/XML with entities,
DTDs, charsets, deep nesting), a .docx with its members changed (:func:`mutated_zip`) and a
PDF with its numbers and references changed (:func:`mutated_pdf`)."""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import strategies as st

from tests.fuzz.mutate import mutated_bytes

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
