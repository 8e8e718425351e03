"""Normalisation, code-point offsets, quotes and the UTF-16 boundary."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain import text as T
from annotator.domain.errors import BadInput, NotFound

STRESS = (
    "Seoul\u00a0— “routine” 👍🏽 and 👨\u200d👩\u200d👧, Jose\u0301, 朝鲜, "
    "قال المتحدث\r\nnext\rline"
)


def test_normalize_newlines_and_nfc() -> None:
    out = T.normalize("a\r\nb\rc\nJose\u0301")
    assert out == "a\nb\nc\nJos\u00e9"
    assert unicodedata.is_normalized("NFC", out)


def test_normalize_strips_bom_character() -> None:
    assert T.normalize("\ufeffHello") == "Hello"


def test_sha256_is_of_utf8() -> None:
    assert T.sha256_text("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_quote_context_is_32_characters() -> None:
    text = "x" * 40 + "CLAIM" + "y" * 40
    q = T.quote_at(text, 40, 45)
    assert q.exact == "CLAIM" and q.prefix == "x" * 32 and q.suffix == "y" * 32
    q0 = T.quote_at(text, 0, 3)
    assert q0.prefix == "" and q0.exact == "xxx"


@pytest.mark.parametrize("span", [(-1, 2), (2, 2), (3, 1), (0, 99)])
def test_bad_spans_rejected(span: tuple[int, int]) -> None:
    with pytest.raises(BadInput, match="out of range"):
        T.quote_at("short text", *span)


def test_utf16_known_values() -> None:
    text = T.normalize(STRESS)
    thumbs = text.index("👍")
    m = T.Utf16Map(text)
    assert m.to_utf16(thumbs) == thumbs
    assert m.to_utf16(thumbs + 1) == thumbs + 2  # 👍 is two UTF-16 units
    assert m.to_utf16(thumbs + 2) == thumbs + 4  # skin tone modifier too
    assert m.to_codepoint(thumbs + 4) == thumbs + 2
    assert m.to_codepoint(thumbs + 1) == thumbs  # inside the pair -> start of the character
    assert m.length_u16 == len(text.encode("utf-16-le")) // 2


def test_utf16_out_of_range() -> None:
    with pytest.raises(ValueError):
        T.cp_to_utf16("abc", 4)
    with pytest.raises(ValueError):
        T.utf16_to_cp("a😀", 4)


@given(st.text(min_size=1), st.data())
def test_utf16_round_trip(text: str, data: st.DataObject) -> None:
    cp = data.draw(st.integers(0, len(text)))
    u16 = T.cp_to_utf16(text, cp)
    assert u16 == len(text[:cp].encode("utf-16-le")) // 2
    assert T.utf16_to_cp(text, u16) == cp


@given(st.text(min_size=1), st.data())
def test_quote_round_trip(text: str, data: st.DataObject) -> None:
    text = T.normalize(text)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    q = T.quote_at(text, start, end)
    assert text[start:end] == q.exact
    assert (q.prefix + q.exact + q.suffix) in text
    assert text[start - len(q.prefix) : end + len(q.suffix)] == q.prefix + q.exact + q.suffix


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1))
def test_normalize_is_idempotent(text: str) -> None:
    once = T.normalize(text)
    assert T.normalize(once) == once
    assert "\r" not in once


def test_find_quote_exact_and_occurrence() -> None:
    text = "deny that. They deny that again."
    assert T.find_quote(text, "deny that") == (0, 9)
    assert T.find_quote(text, "deny that", 2) == (16, 25)
    with pytest.raises(NotFound, match="occurs 2 time"):
        T.find_quote(text, "deny that", 3)
    with pytest.raises(NotFound, match="not found"):
        T.find_quote(text, "admit")


def test_find_quote_flexible_white_space_and_apostrophes() -> None:
    text = "Seoul\u00a0— North Korea’s\nleader said"
    start, end = T.find_quote(text, "Seoul — North Korea's leader")
    assert text[start:end] == "Seoul\u00a0— North Korea’s\nleader"


def test_find_quote_nfc_input() -> None:
    text = T.normalize("José Martí said")
    start, end = T.find_quote(text, "Jose\u0301 Martí")
    assert text[start:end] == "José Martí"


def test_snap_to_words() -> None:
    text = "North Korea has supplied Russia"
    assert T.snap_to_words(text, 8, 14) == (6, 15)  # "orea ha" -> "Korea has"
    assert T.snap_to_words(text, 5, 6) == (5, 6)  # only a space: unchanged
    assert T.snap_to_words(text, 0, 3) == (0, 5)
    assert T.next_word_boundary(text, 0) == 5
    assert T.previous_word_boundary(text, 11) == 6


def test_word_at_excludes_quotes_and_trailing_apostrophes() -> None:
    text = "a “new, high level of alliance” with Korea’s leader’ 👍🏽 ok"
    i = text.index("alliance")
    assert T.word_at(text, i + 3) == (i, i + len("alliance"))
    k = text.index("Korea’s")
    assert text[slice(*T.word_at(text, k))] == "Korea’s"
    lead = text.index("leader")
    assert text[slice(*T.word_at(text, lead))] == "leader"
    assert T.word_at(text, text.index("“")) == (text.index("“"), text.index("“") + 1)
    assert T.snap_to_words(text, i + 2, i + 6) == (i, i + 8)
