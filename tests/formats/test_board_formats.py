"""Board exports: CSV (formula-safe), Markdown and one self-contained HTML file."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from annotator.domain.board import BoardClaim, BoardItem
from annotator.formats.board import CSV_COLUMNS, safe_cell, to_csv, to_html, to_markdown


def _item(quote: str, actor: str | None, relation: str, **kw) -> BoardItem:
    return BoardItem(
        f"id-{quote[:6]}", "art-1", quote, actor, kw.pop("tag", "Source"), relation, **kw
    )


def _claims() -> list[BoardClaim]:
    us = BoardClaim(
        annotation_id="c-1",
        article_id="art-1",
        article_title="Kim <hails> & Putin",
        quote="North Korea has supplied Russia with artillery rounds",
        actor="United States",
        verdict="Mostly true",
        explanation='=HYPERLINK("http://evil") public reporting',
        review_state="unreviewed",
        denials=[
            _item(
                "both Russia and North Korea deny that",
                "Russia",
                "denies",
                tag="Denial",
                sources=(_item("the Kremlin said", "Kremlin", "attributed_to"),),
            ),
            _item("both Russia and North Korea deny that", "North Korea", "denies", tag="Denial"),
        ],
        sources=[_item("The United States says", "United States", "attributed_to")],
        evidence=[
            _item("Satellite images", None, "supports", tag="Evidence"),
            _item("-no shells found", None, "contradicts", tag="Evidence"),
        ],
        start=10,
    )
    injected = BoardClaim(
        annotation_id="c-2",
        article_id="art-1",
        article_title="Kim <hails> & Putin",
        quote='@SUM(1+1) <script>alert("x")</script> *bold* [link](http://x)',
        actor="+Evil",
        verdict=None,
        explanation="",
        review_state="unreviewed",
        start=20,
    )
    nobody = BoardClaim("c-3", "art-1", "T", "\tTabbed claim", None, "Unproven", "", "accepted")
    return [us, injected, nobody]


# --- CSV -----------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_cell_neutralises_formulas(start: str) -> None:
    assert safe_cell(start + "1+2") == "'" + start + "1+2"
    assert safe_cell("1+2") == "1+2" and safe_cell(None) == "" and safe_cell(3) == "3"


def test_csv_rows_and_injection() -> None:
    text = to_csv(_claims())
    assert not text.startswith("\ufeff") and "\r\n" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 3
    us, injected, nobody = rows
    assert us["claim"] == "North Korea has supplied Russia with artillery rounds"
    assert us["actor"] == "United States" and us["verdict"] == "Mostly true"
    assert us["explanation"].startswith("'=HYPERLINK")
    assert (
        "Russia: “both Russia and North Korea deny that” (Kremlin: “the Kremlin said”)"
        in (us["denials"])
    )
    assert "North Korea: “both Russia and North Korea deny that”" in us["denials"]
    assert us["sources"] == "United States: “The United States says”"
    assert us["evidence"] == "supports: “Satellite images” | contradicts: “-no shells found”"
    assert injected["claim"].startswith("'@SUM") and injected["actor"] == "'+Evil"
    assert nobody["claim"] == "'\tTabbed claim" and nobody["review_state"] == "accepted"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_csv_for_excel_has_bom_and_crlf() -> None:
    text = to_csv(_claims(), excel=True)
    assert text.startswith("\ufeffid,")
    assert text.count("\r\n") == 4 and "\n" not in text.replace("\r\n", "")
    assert to_csv([]) == ",".join(CSV_COLUMNS) + "\n"


# --- Markdown ------------------------------------------------------------------------


def test_markdown_groups_by_actor_and_escapes() -> None:
    text = to_markdown(_claims(), "Board *of* claims")
    assert text.startswith("# Board \\*of\\* claims\n")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["+Evil", "United States", "Unattributed"]
    assert "- Verdict: Mostly true" in text
    assert "- Source: **United States**: “The United States says”" in text
    assert "- Denied by **Russia**: “both Russia and North Korea deny that”" in text
    assert "  - Source: **Kremlin**: “the Kremlin said”" in text
    assert "- Evidence (contradicts): “-no shells found”" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\*bold\\*" in text and "\\[link\\]" in text
    assert "No claims." in to_markdown([], "Empty")


# --- HTML ----------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_escaped_and_grouped() -> None:
    page = to_html(_claims(), "Claims <board> & more")
    parser = _Collect()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert "iframe" not in names and "object" not in names
    for _, attrs in parser.tags:
        for key, value in attrs.items():
            assert not key.startswith("on")
            assert not (value or "").strip().lower().startswith(("http", "//", "javascript"))
    assert "url(" not in page and "@import" not in page
    assert "<style>" in page and "@media print" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Claims &lt;board&gt; &amp; more" in page
    text = "".join(parser.text)
    assert 'alert("x")' in text  # shown as text
    headings = re.findall(r"<h2>(.*?) <small>", page)
    assert headings == ["+Evil", "United States", "Unattributed"]
    assert 'class="badge v-mostly-true">Mostly true<' in page
    assert 'class="badge v-none">no verdict<' in page
    assert "the Kremlin said" in text and "contradicts" in text
    assert page.count('class="claim"') == 3


def test_csv_keeps_a_lone_carriage_return_inside_its_cell() -> None:
    import csv
    import io

    from annotator.domain.board import BoardClaim
    from annotator.formats.board import to_csv

    claim = BoardClaim("i", "a", "T", "line\rbreak", "Actor", None, "\rcarriage", "unreviewed")
    for excel in (False, True):
        rows = list(
            csv.reader(io.StringIO(to_csv([claim], excel=excel).lstrip("\ufeff"), newline=""))
        )
        assert len(rows) == 2
        assert rows[1][4] == "line\rbreak"
        assert rows[1][6] == "'\rcarriage"  # formula-safe: a leading CR gets an apostrophe
