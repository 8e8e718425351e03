"""Hypothesis API answers: rows become annotations placed by their quote (the UTF-16
TextPositionSelector of the browser's text is dropped), grouped by page."""

from __future__ import annotations

import json

import pytest

from annotator.domain.exchange import SetError
from annotator.domain.text import cp_to_utf16, find_all
from annotator.formats.hypothesis import read_hypothesis
from tests.conftest import FIXTURES

PAGE = "https://news.example/kim-putin"
STRESS = (FIXTURES / "offsets-stress.txt").read_text("utf-8")


def _row(ident: str, exact: str, **kw) -> dict:
    """One annotation as the Hypothesis API documents it (GET /api/annotations/{id})."""
    text = kw.pop("page_text", STRESS)
    start = text.index(exact)
    return {
        "id": ident,
        "created": "2024-06-19T10:00:00.000000+00:00",
        "updated": "2024-06-19T10:05:00.000000+00:00",
        "user": kw.pop("user", "acct:jane_doe@hypothes.is"),
        "uri": kw.pop("uri", PAGE),
        "text": kw.pop("text", ""),
        "tags": kw.pop("tags", ["Claim"]),
        "group": "__world__",
        "permissions": {"read": ["group:__world__"], "admin": ["acct:jane_doe@hypothes.is"]},
        "target": [
            {
                "source": PAGE,
                "selector": [
                    {"type": "RangeSelector", "endOffset": 9, "startOffset": 0,
                     "endContainer": "/div[1]/p[2]", "startContainer": "/div[1]/p[2]"},
                    {"type": "TextPositionSelector",
                     "start": cp_to_utf16(text, start),
                     "end": cp_to_utf16(text, start + len(exact))},
                    {"type": "TextQuoteSelector", "exact": exact,
                     "prefix": text[max(0, start - 32) : start],
                     "suffix": text[start + len(exact) : start + len(exact) + 32]},
                ],
            }
        ],
        "document": {"title": ["Offsets under stress"]},
        "links": {"html": f"https://hypothes.is/a/{ident}", "incontext": f"https://hyp.is/{ident}"},
        "flagged": False,
        "hidden": False,
        "references": kw.pop("references", []),
        "user_info": {"display_name": "Jane Doe"},
        **kw,
    }  # fmt: skip


def _read(value: object, **kw):
    return read_hypothesis(json.dumps(value, ensure_ascii=False).encode("utf-8"), "h.json", **kw)


def test_search_answer_with_emoji_before_the_quote() -> None:
    quote = "the U.S. claims 1,000 containers were sent"
    rows = [
        _row("aB1", "called the report “fabricated” 🇰🇵", tags=["Denial", "north-korea", "kcna"],
             text="KCNA's **denial**."),
        _row("aB2", quote, user="acct:bob@hypothes.is"),
        _row("aB3", "Путин заявил", references=["aB1"], text="a reply"),
        {**_row("aB4", "Seoul"), "target": [{"source": PAGE}]},  # a page note
    ]  # fmt: skip
    got = _read({"total": 4, "rows": rows})
    assert got.source_format == "hypothesis"
    (article,) = got.articles
    assert article.ref.url == PAGE and article.ref.title == "Offsets under stress"
    assert article.ref.text is None and article.ref.key == PAGE
    denial, claim = article.annotations
    assert denial.tag == "Denial" and denial.key == "aB1" and denial.id is None
    assert denial.note == "KCNA's **denial**.\n\nOther tags: north-korea, kcna"
    assert denial.annotator == "jane_doe"
    assert denial.created.startswith("2024-06-19T10:00") and denial.modified.endswith("+00:00")
    assert claim.exact == quote and claim.annotator == "bob" and claim.note == ""
    # the UTF-16 position is not kept: emoji before the quote would shift it
    assert rows[1]["target"][0]["selector"][1]["start"] != STRESS.index(quote)
    assert (claim.start, claim.end) == (None, None)
    # the quote with its context is enough to place it
    assert len(find_all(STRESS, claim.exact)) == 1
    assert STRESS.index(claim.prefix + claim.exact + claim.suffix) >= 0


def test_single_annotation_and_list_forms_group_by_page() -> None:
    one = _row("x1", "Seoul")
    assert len(_read(one).articles[0].annotations) == 1
    other = _row("x2", "Moscow", uri="https://other.example/", document={"title": "Other"})
    got = _read([one, other, _row("x3", "RIA")])
    assert [a.ref.url for a in got.articles] == [PAGE, "https://other.example/"]
    assert [len(a.annotations) for a in got.articles] == [2, 1]
    assert got.articles[1].ref.title == "Other"


def test_decomposed_quote_is_normalised() -> None:
    decomposed = "Jose\u0301 Marti\u0301"
    row = _row("n1", decomposed, page_text=f"Decomposed accent: {decomposed}")
    (annotation,) = _read([row]).articles[0].annotations
    assert annotation.exact == "José Martí"


def test_untagged_rows_need_a_default_tag() -> None:
    rows = [_row("u1", "Seoul", tags=[]), _row("u2", "RIA", tags=["Source"])]
    with pytest.raises(SetError) as caught:
        _read(rows)
    assert caught.value.problems == [
        "row 1 (u1): no tag (tag it Claim, Source, Denial or Evidence)"
    ]
    got = _read(rows, default_tag="Evidence")
    assert [a.tag for a in got.articles[0].annotations] == ["Evidence", "Source"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("nope", "row 1: not an object"),
        ({**_row("b1", "Seoul"), "target": "x"}, "row 1 (b1): target is not a list"),
        ({**_row("b1", "Seoul"), "tags": "Claim"}, "row 1 (b1): tags is not a list of text"),
        ({**_row("b1", "Seoul"), "text": 5}, "row 1 (b1): text is not text"),
        ({**_row("b1", "Seoul"), "uri": "", "target": [{"selector": [
            {"type": "TextQuoteSelector", "exact": "Seoul"}]}]}, "row 1 (b1): no uri"),
        ({**_row("b1", "Seoul"), "target": [{"selector": [
            {"type": "TextQuoteSelector", "exact": " "}]}]},
         "row 1 (b1): TextQuoteSelector has no exact quote"),
        ({**_row("b1", "Seoul"), "target": [{"selector": [
            {"type": "TextQuoteSelector", "exact": "x", "prefix": 3}]}]},
         "row 1 (b1): TextQuoteSelector prefix is not text"),
    ],
)  # fmt: skip
def test_bad_rows_are_named(row: object, expected: str) -> None:
    with pytest.raises(SetError) as caught:
        _read([row])
    assert caught.value.problems == [expected]


def test_not_hypothesis_json() -> None:
    with pytest.raises(SetError, match="not a Hypothesis"):
        _read({"rows": {"a": 1}})
    with pytest.raises(SetError, match="appears twice"):
        read_hypothesis(b'{"rows": [], "rows": []}', "dup.json")
