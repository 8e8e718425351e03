"""Text rules: decoding, normalisation, code-point offsets, quotes.

The stored text of an article is normalised once, on import, and is then
immutable. Offsets are Unicode code points into that text, end exclusive, as
in Python ``str`` and the W3C Web Annotation model. Qt counts UTF-16 code
units: :class:`Utf16Map` (and the two convenience functions beside it) is the
only place where the two are converted.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from annotator.domain.errors import BadInput, NotFound

#: characters of context kept on each side of an annotation's quote
CONTEXT_CHARS = 32


def normalize(text: str) -> str:
    """The one normalisation applied on import: newlines to ``\\n``, then NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def sha256_text(text: str) -> str:
    """The SHA-256 (hex) of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_span(text: str, start: int, end: int) -> None:
    """Raise :class:`BadInput` unless ``0 <= start < end <= len(text)``."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise BadInput("offsets must be whole numbers")
    if start < 0 or end > len(text) or start >= end:
        raise BadInput(
            f"offsets {start}..{end} are out of range: the text has {len(text)} characters "
            "and a span needs 0 <= start < end <= length"
        )


@dataclass(frozen=True)
class Quote:
    """A W3C TextQuoteSelector: the quoted text and its context."""

    exact: str
    prefix: str
    suffix: str


def quote_at(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Quote:
    """The quote of ``text[start:end]`` with ``context`` characters of prefix/suffix."""
    check_span(text, start, end)
    return Quote(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


# --- finding a typed quote ----------------------------------------------------------

_FOLD = {
    "'": "'‘’ʼ′`´",
    '"': '"“”„«»″',
    "-": "-‐‑‒–—−",
}
for _key, _chars in list(_FOLD.items()):
    for _c in _chars:
        _FOLD.setdefault(_c, _chars)


def _loose_pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for word in quote.split():
        chars = []
        for ch in word:
            folded = _FOLD.get(ch)
            chars.append("[" + re.escape(folded) + "]" if folded else re.escape(ch))
        parts.append("".join(chars))
    return re.compile(r"\s+".join(parts))


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every non-overlapping place ``quote`` occurs in ``text``.

    Exact matches first; when there is none, any run of white space in the
    quote matches any other (no-break spaces, line breaks) and straight
    quotes, apostrophes and hyphens match their typographic forms.
    """
    quote = unicodedata.normalize("NFC", quote)
    if not quote.strip():
        return []
    found: list[tuple[int, int]] = []
    pos = text.find(quote)
    while pos != -1:
        found.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + len(quote))
    if found:
        return found
    return [m.span() for m in _loose_pattern(quote.strip()).finditer(text)]


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th (from 1) match of ``quote`` in ``text``."""
    if occurrence < 1:
        raise BadInput("--occurrence counts from 1")
    if not quote.strip():
        raise BadInput("the quote is empty")
    found = find_all(text, quote)
    if not found:
        raise NotFound(f"quote not found in the article: {_short(quote)!r}")
    if occurrence > len(found):
        raise NotFound(
            f"the quote occurs {len(found)} time(s), so occurrence {occurrence} does not exist"
        )
    return found[occurrence - 1]


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# --- code points and UTF-16 -------------------------------------------------------


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets between code points and UTF-16 code units for one text.

    Built once per text (O(n)); each conversion is O(log k) for k characters
    outside the Basic Multilingual Plane, and O(1) when there are none.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "length_cp", "length_u16")

    def __init__(self, text: str) -> None:
        astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._astral_cp = astral
        self._astral_u16 = [cp + k for k, cp in enumerate(astral)]
        self.length_cp = len(text)
        self.length_u16 = len(text) + len(astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset ``cp`` (0 ≤ cp ≤ len(text))."""
        if not 0 <= cp <= self.length_cp:
            raise ValueError(f"code-point offset {cp} outside 0..{self.length_cp}")
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset ``u16``.

        An offset inside a surrogate pair maps to the start of that character.
        """
        if not 0 <= u16 <= self.length_u16:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self.length_u16}")
        if not self._astral_u16:
            return u16
        return u16 - bisect_left(self._astral_u16, u16)


def cp_to_utf16(text: str, cp: int) -> int:
    """UTF-16 offset of code-point offset ``cp`` in ``text``."""
    return Utf16Map(text).to_utf16(cp)


def utf16_to_cp(text: str, u16: int) -> int:
    """Code-point offset of UTF-16 offset ``u16`` in ``text``."""
    return Utf16Map(text).to_codepoint(u16)


# --- words -------------------------------------------------------------------------


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or ch in "_'’-‐\u200d" or cat == "Sk" or cat == "So"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and trim surrounding white space.

    Returns the span unchanged when it would become empty.
    """
    s, e = max(0, start), min(len(text), end)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e:
        return start, end
    while s > 0 and _is_word_char(text[s - 1]) and _is_word_char(text[s]):
        s -= 1
    while e < len(text) and _is_word_char(text[e]) and _is_word_char(text[e - 1]):
        e += 1
    return _trim_joiners(text, s, e)


_JOINERS = "'’-‐\u200d"


def _trim_joiners(text: str, s: int, e: int) -> tuple[int, int]:
    """A word never begins or ends with an apostrophe, hyphen or joiner."""
    while s < e - 1 and text[s] in _JOINERS:
        s += 1
    while e > s + 1 and text[e - 1] in _JOINERS:
        e -= 1
    return s, e


def word_at(text: str, pos: int) -> tuple[int, int]:
    """The word containing the character at ``pos`` (or that one character if it is none)."""
    if not 0 <= pos < len(text):
        raise ValueError(f"position {pos} outside the text")
    if not _is_word_char(text[pos]) or text[pos] in _JOINERS:
        return pos, pos + 1
    s, e = pos, pos + 1
    while s > 0 and _is_word_char(text[s - 1]):
        s -= 1
    while e < len(text) and _is_word_char(text[e]):
        e += 1
    return _trim_joiners(text, s, e)


def next_word_boundary(text: str, pos: int) -> int:
    """The end of the word at or after ``pos``."""
    n = len(text)
    while pos < n and not _is_word_char(text[pos]):
        pos += 1
    while pos < n and _is_word_char(text[pos]):
        pos += 1
    return pos


def previous_word_boundary(text: str, pos: int) -> int:
    """The start of the word at or before ``pos``."""
    while pos > 0 and not _is_word_char(text[pos - 1]):
        pos -= 1
    while pos > 0 and _is_word_char(text[pos - 1]):
        pos -= 1
    return pos
