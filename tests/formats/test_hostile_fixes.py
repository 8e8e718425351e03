"""Regressions found by the hostile-input corpus (tests/reliability/hostile): each bug
the corpus found in an importer or exporter has its focused test here."""

from __future__ import annotations

import pytest

from annotator.domain.errors import BadInput
from annotator.domain.exchange import SetError
from annotator.formats.html import load_html
from annotator.formats.strict_json import load_json

PARAGRAPH = "<p>The ministry said on Tuesday that the figures were revised after a review.</p>"


def _nested(depth: int) -> bytes:
    """The article's paragraphs inside ``depth`` unclosed ``<div>``s."""
    deep = "".join(f"<p>Paragraph {i} of the report, deep inside the page.</p>" for i in range(5))
    return f"<html><body>{'<div>' * depth}{PARAGRAPH}{deep}</body></html>".encode()


def test_a_page_nested_deeper_than_libxml2_reads_is_refused_not_cut_short() -> None:
    # libxml2 silently dropped everything below depth 256: the article lost its end
    with pytest.raises(BadInput, match=r"^deep\.html: is nested more than 256 elements deep"):
        load_html(_nested(300), "deep.html")
    with pytest.raises(BadInput, match="nested more than 256"):
        load_html(b"<html><body>" + b"<b>" * 100_000 + b"text</body></html>", "deep.html")


def test_a_page_nested_within_the_limit_keeps_all_its_text() -> None:
    draft = load_html(_nested(200), "fine.html")
    assert "Paragraph 0 of the report" in draft.text and "Paragraph 4 of the report" in draft.text


def test_a_deeply_nested_json_ld_block_costs_only_the_language() -> None:
    script = "[" * 100_000 + "]" * 100_000
    page = (
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        f"<body><article>{PARAGRAPH * 3}</article></body></html>"
    ).encode()
    draft = load_html(page, "ld.html")
    assert draft.text.startswith("The ministry said on Tuesday")
    assert draft.language is None


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "x\\udc00y", "\\ud83d\\u0041"])
def test_a_lone_surrogate_escape_is_refused_by_strict_json(escape: str) -> None:
    # json.loads turns it into a str that SQLite (UTF-8) cannot store: the import failed
    # with UnicodeEncodeError instead of naming the bad string
    with pytest.raises(SetError, match="lone UTF-16 surrogate"):
        load_json(f'{{"note": "{escape}"}}'.encode(), "set.json")
    with pytest.raises(SetError, match="lone UTF-16 surrogate"):
        load_json(f'{{"{escape}": 1}}'.encode(), "set.json")


def test_a_surrogate_pair_escape_is_text() -> None:
    assert load_json(b'{"note": "\\ud83d\\ude00"}', "set.json") == {"note": "\U0001f600"}
