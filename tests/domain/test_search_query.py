"""The search query language (what a user types → a safe FTS5 expression) and the
snippets cut from SQLite's marked-up text."""

from __future__ import annotations

import pytest

from annotator.domain.errors import AnnotatorError
from annotator.domain.search import (
    CLOSE,
    OPEN,
    SearchError,
    first_match,
    fts_query,
    snippet,
    strip_marks,
    unmark,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("korea", '"korea"*'),
        ("north korea", '"north" "korea"*'),
        ("ab", '"ab"'),  # too short to become a prefix by itself
        ("artil*", '"artil"*'),
        ("ab*", '"ab"*'),
        ('"north korea"', '"north korea"*'),
        ('"north korea" deny', '"north korea" "deny"*'),
        ('"north kor', '"north kor"*'),  # unterminated: a phrase to the end
        ('"kim hails"* x', '"kim hails"* "x"'),
        ("russia OR china", '"russia" OR "china"*'),
        ("korea NOT north", '"korea" NOT "north"'),  # no prefix after NOT
        ("korea AND deny", '"korea" AND "deny"*'),
        ("or not and", '"or" "not" "and"*'),  # operators only in capitals
        ('say"hi', '"say" "hi"'),
        ("U.S.", '"U.S."'),
        ("José", '"José"*'),
        ("a -- b", '"a" "b"'),  # punctuation alone is no word
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("title:kim", '"title:kim"*'),
    ],
)
def test_typed_queries_become_quoted_fts5_terms(typed: str, expected: str) -> None:
    assert fts_query(typed) == expected


def test_auto_prefix_can_be_turned_off() -> None:
    assert fts_query("north korea", auto_prefix=False) == '"north" "korea"'


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "nothing to search for"),
        ("   ", "nothing to search for"),
        ("— ... !", "nothing to search for"),
        ('""', "nothing to search for"),
        ("OR", "nothing to search for"),
        ("OR korea", "OR needs a word on each side"),
        ("korea NOT", "NOT needs a word on each side"),
        ("korea OR OR china", "OR needs a word on each side"),
        ("korea AND", "AND needs a word on each side"),
        ("a*", "at least 2 letters"),
        ('"north k"*', "at least 2 letters"),
    ],
)
def test_bad_queries_are_refused_with_a_clear_error(typed: str, message: str) -> None:
    with pytest.raises(SearchError, match=message) as caught:
        fts_query(typed)
    assert isinstance(caught.value, AnnotatorError)


def m(text: str) -> str:
    """``[x]`` → the markers SQLite's highlight() writes."""
    return text.replace("[", OPEN).replace("]", CLOSE)


def test_unmark_gives_the_plain_text_and_ranges() -> None:
    plain, ranges = unmark(m("North [Korea] and [South Korea] met"))
    assert plain == "North Korea and South Korea met"
    assert [plain[s:e] for s, e in ranges] == ["Korea", "South Korea"]
    assert strip_marks(m("a [b] c")) == "a b c"
    assert first_match(m("one [two] three [four]")) == (4, 7)
    assert first_match("nothing marked") is None


def test_snippet_of_a_short_text_is_the_whole_text() -> None:
    text, ranges = snippet(m("Check the [Pentagon] figures"))
    assert text == "Check the Pentagon figures"
    assert [text[s:e] for s, e in ranges] == ["Pentagon"]


def test_snippet_keeps_some_words_before_and_is_cut_with_ellipses() -> None:
    words = [f"w{i}" for i in range(200)]
    words[100] = "[target]"
    words[104] = "[target]"
    text, ranges = snippet(m(" ".join(words)))
    assert text.startswith("…w95 w96 w97 w98 w99 target")
    assert text.endswith("…")
    assert 10 <= len(text.strip("…").split()) <= 15
    assert [text[s:e] for s, e in ranges] == ["target", "target"]


def test_snippet_collapses_white_space_and_keeps_ranges_in_step() -> None:
    text, ranges = snippet(m("Title\n\nFirst   paragraph\tabout [José\u00a0Martínez] today."))
    assert text == "Title First paragraph about José Martínez today."
    assert [text[s:e] for s, e in ranges] == ["José Martínez"]


def test_snippet_never_cuts_inside_a_match() -> None:
    marked = m("a b c [d e f g h i j k l m n o p q r s t u v] w x y z")
    text, ranges = snippet(marked, before=1, words=5)
    ((start, end),) = ranges
    assert text[start:end] == "d e f g h i j k l m n o p q r s t u v"
