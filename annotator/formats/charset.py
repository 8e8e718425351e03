"""Decoding imported bytes: byte-order mark, then the declared charset, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from annotator.domain.errors import BadInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, newline, carriage return and form feed
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# codecs Python knows that are not the charset of a document: they decode escapes or host
# names, or refuse everything (bytes-to-bytes codecs such as hex or zlib are excluded too)
_NOT_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode"})


def _codec_name(label: str) -> str | None:
    """The codec of a declared charset, or None when it is unknown or not a text charset."""
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: byte-order mark, then the declared charset, then detection.

    Raises :class:`BadInput` for binary data or bytes no charset explains.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise BadInput(f"cannot decode the text as {encoding}: {exc.reason}") from None
    if b"\x00" in data:
        raise BadInput("this looks like a binary file, not text (it contains NUL bytes)")
    if declared:
        name = _codec_name(declared)
        if name is not None:
            try:
                return _checked(data.decode(name))
            except UnicodeError:
                pass  # a wrong declaration is common on the web: fall through to detection
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise BadInput("cannot decode the text: no character encoding fits these bytes")
    # single-byte Latin charsets are often near-ties on chaos; among those close to the
    # least chaotic, take the most coherent for the language, and cp1252 (the web's
    # commonest legacy charset) on a tie
    least = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least + 0.05]
    best = max(close, key=lambda m: (round(m.coherence, 3), m.encoding == "cp1252"))
    return _checked(str(best))


def _checked(text: str) -> str:
    if len(_BAD_CONTROLS.findall(text[:65536])) > 8:
        raise BadInput("this looks like a binary file, not text (it is full of control characters)")
    return text
