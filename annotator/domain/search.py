"""Corpus search, the part without SQL: what a user types → a safe FTS5 query, and the
text SQLite marks up (``highlight()``) → a plain snippet with match ranges.

Query language (what the search box and ``annotator search`` accept):

- words are ANDed: ``north korea`` finds texts with both words;
- ``"north korea"`` is a phrase (an unterminated quote runs to the end);
- ``word*`` or ``"a phrase"*`` is a prefix search; the last word (or the last word of an
  unterminated phrase) is one too when it has at least :data:`AUTO_PREFIX_MIN` letters,
  so results follow the typing;
- ``OR``, ``NOT`` and ``AND`` (in capitals) between words: ``russia OR china``,
  ``korea NOT north``;
- case and diacritics do not matter (``jose`` finds *José*); punctuation separates words.

Every word reaches FTS5 as a quoted string, so nothing the user types can be read as
FTS5 syntax; misplaced operators are refused with a :class:`SearchError`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from annotator.domain.errors import BadInput

#: the markers SQLite's ``highlight()`` puts around each match. The indexed copies of the
#: texts have these two characters replaced by spaces (same length), so a marker in the
#: marked-up text is always one of ours.
OPEN = "\x01"
CLOSE = "\x02"

#: hit kinds
KINDS = ("title", "text", "quote", "note")

#: the last word becomes a prefix search from this many characters (shorter prefixes
#: match too many words to help)
AUTO_PREFIX_MIN = 3
#: an explicit prefix search (``word*``) needs this many characters
PREFIX_MIN = 2

OPERATORS = ("OR", "NOT", "AND")

#: snippet size: words of context before the first match, and words in all
BEFORE_WORDS = 5
SNIPPET_WORDS = 14
ELLIPSIS = "…"


class SearchError(BadInput):
    """A search query that cannot be run (the message says why); nothing changed."""


@dataclass(frozen=True)
class SearchHit:
    """One place where a search matched."""

    article_id: str
    article_title: str
    #: "title", "text" (the article), "quote" or "note" (an annotation)
    kind: str
    #: the annotation, for "quote" and "note" hits
    annotation_id: str | None
    #: plain text around the first match (about 10–15 words, "…" where it was cut)
    snippet: str
    #: the matches inside ``snippet``: (start, end) code points, end exclusive
    ranges: tuple[tuple[int, int], ...]
    #: for "text" and placed "quote" hits: the first match in the article text (code
    #: points, end exclusive); None otherwise
    text_start: int | None
    text_end: int | None
    #: bm25 rank (lower is better); hits come sorted by it
    score: float


# --- queries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    text: str
    prefix: bool
    phrase: bool


def _has_token(text: str) -> bool:
    """Whether SQLite's unicode61 tokenizer finds a token in ``text`` (letters, numbers,
    private-use characters; everything else separates words)."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def _last_word(text: str) -> str:
    """The last word of ``text`` as the tokenizer splits it (letters, numbers only) — what
    a ``*`` after it applies to."""
    word: list[str] = []
    for c in reversed(text):
        if _has_token(c):
            word.append(c)
        elif word:
            break
    return "".join(reversed(word))


def _tokens(query: str) -> list[_Term | str]:
    """Terms and operators, in order."""
    items: list[_Term | str] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c == '"':
            close = query.find('"', i + 1)
            terminated = close >= 0
            end = close if terminated else n
            text = query[i + 1 : end]
            i = end + 1 if terminated else n
            star = i < n and query[i] == "*"
            while i < n and query[i] == "*":
                i += 1
            items.append(_Term(text, prefix=star, phrase=True))
        else:
            match = re.compile(r'[^\s"]+').match(query, i)
            assert match is not None
            word = match.group()
            i = match.end()
            if word in OPERATORS:
                items.append(word)
                continue
            star = word.endswith("*")
            items.append(_Term(word.rstrip("*"), prefix=star, phrase=False))
    return items


def fts_query(query: str, *, auto_prefix: bool = True) -> str:
    """The FTS5 MATCH expression for what the user typed; :class:`SearchError` when it
    cannot be searched (nothing to search for, an operator without a word on each side)."""
    items = _tokens(query.replace("\x00", " "))
    # words and phrases without a letter or digit are separators only: nothing to find
    items = [t for t in items if not isinstance(t, _Term) or _has_token(t.text)]
    if not any(isinstance(t, _Term) for t in items):
        raise SearchError("nothing to search for: type a word")
    for index, item in enumerate(items):
        if isinstance(item, str):
            before = items[index - 1] if index > 0 else None
            after = items[index + 1] if index + 1 < len(items) else None
            if not isinstance(before, _Term) or not isinstance(after, _Term):
                example = '"korea NOT north"' if item == "NOT" else f'"russia {item} china"'
                raise SearchError(f"{item} needs a word on each side, as in {example}")
    for item in items:
        if isinstance(item, _Term) and item.prefix and len(_last_word(item.text)) < PREFIX_MIN:
            raise SearchError(
                f"a prefix search needs at least {PREFIX_MIN} letters before the *: "
                f"{_last_word(item.text) or item.text}*"
            )
    last = items[-1]
    assert isinstance(last, _Term)
    negated = len(items) > 1 and items[-2] == "NOT"  # a prefix would exclude more
    if (
        auto_prefix
        and not last.prefix
        and not negated
        and len(_last_word(last.text)) >= AUTO_PREFIX_MIN
    ):
        items[-1] = _Term(last.text, prefix=True, phrase=last.phrase)
    parts = []
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        else:
            parts.append('"' + item.text.replace('"', '""') + '"' + ("*" if item.prefix else ""))
    return " ".join(parts)


# --- marked-up text → snippets -------------------------------------------------------------

_MARKERS = re.compile(f"[{OPEN}{CLOSE}]")
_SPACES = re.compile(r"\s+")


def strip_marks(marked: str) -> str:
    """The text without the markers."""
    return marked.replace(OPEN, "").replace(CLOSE, "")


def first_match(marked: str) -> tuple[int, int] | None:
    """The (start, end) of the first match in the unmarked text, or None."""
    start = marked.find(OPEN)
    if start < 0:
        return None
    close = marked.find(CLOSE, start)
    if close < 0:
        close = len(marked)
    inner = marked[start + 1 : close]
    return start, start + len(inner) - inner.count(OPEN) - inner.count(CLOSE)


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text and the (start, end) ranges the markers enclosed."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    length, last, depth, opened = 0, 0, 0, 0
    for match in _MARKERS.finditer(marked):
        piece = marked[last : match.start()]
        plain.append(piece)
        length += len(piece)
        last = match.end()
        if match.group() == OPEN:
            if depth == 0:
                opened = length
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0 and length > opened:
                ranges.append((opened, length))
    plain.append(marked[last:])
    if depth > 0:
        ranges.append((opened, length + len(marked) - last))
    return "".join(plain), ranges


def _words_before(text: str, limit: int) -> int:
    """Where a context of at most ``limit`` whole words before the end of ``text`` starts."""
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    if not starts:
        return len(text)
    return starts[max(0, len(starts) - limit)]


def snippet(
    marked: str, *, before: int = BEFORE_WORDS, words: int = SNIPPET_WORDS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A plain snippet of about ``words`` words around the first match of ``marked`` (the
    whole text when it is short), white space collapsed, "…" where it was cut; and the
    ranges of the matches inside it."""
    first = marked.find(OPEN)
    if first < 0:
        first = 0
    window_start = max(0, first - 40 * before)
    head = marked[window_start:first]  # no markers before the first match
    cut = _words_before(head, before)
    if window_start > 0 and cut == 0 and head[:1].strip():
        # the window may have cut into a word: start at the next whole word
        cut = _words_before(head, max(1, before - 1))
    start = window_start + cut
    tail_len = 40 * words + 400
    plain, ranges = unmark(marked[start : first + tail_len])
    at_end = first + tail_len >= len(marked)
    # keep whole words: stop after ``words`` words in all, never inside a match
    word_ends = [m.end() for m in re.finditer(r"\S+", plain)]
    stop = len(plain)
    truncated = False
    if len(word_ends) > words:
        stop = word_ends[words - 1]
        for r_start, r_end in ranges:
            if r_start < stop < r_end:
                stop = r_end
        truncated = True
    elif not at_end and word_ends:
        stop = word_ends[-1]
        truncated = True
    text, out = _collapse(plain[:stop], [(s, min(e, stop)) for s, e in ranges if s < stop])
    lead = ELLIPSIS if start > 0 else ""
    trail = ELLIPSIS if truncated else ""
    text = text.rstrip()
    shift = len(lead)
    out = [(s + shift, min(e, len(text)) + shift) for s, e in out if s < len(text)]
    return lead + text + trail, tuple(out)


def _collapse(text: str, ranges: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Runs of white space become one space (leading space dropped), ranges kept in step."""
    pieces: list[str] = []
    new_of = [0] * (len(text) + 1)
    length = 0
    last = 0
    for match in _SPACES.finditer(text):
        pieces.append(text[last : match.start()])
        for i in range(last, match.start() + 1):
            new_of[i] = length + (i - last)
        length += match.start() - last
        keep = 0 if length == 0 else 1
        if keep:
            pieces.append(" ")
        for i in range(match.start() + 1, match.end() + 1):
            new_of[i] = length + keep
        length += keep
        last = match.end()
    pieces.append(text[last:])
    for i in range(last, len(text) + 1):
        new_of[i] = length + (i - last)
    return "".join(pieces), [(new_of[s], new_of[e]) for s, e in ranges if new_of[e] > new_of[s]]
