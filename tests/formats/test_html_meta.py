"""article_metadata gives what trafilatura's own extract_metadata gives for the fields an
article keeps, on the test pages and on pages that take each of its branches."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from trafilatura.metadata import extract_metadata

from annotator.domain.text import normalize
from annotator.formats.charset import decode_bytes
from annotator.formats.html import parse_html, sniff_charset
from annotator.formats.html_meta import DATE_PARAMS, article_metadata

HTML = Path(__file__).parent.parent / "fixtures" / "html"
KEPT = ("title", "author", "sitename", "hostname", "date", "url")

PAGES = {
    "json-ld and a handle as site": (
        "<html><head><meta name='twitter:site' content='@ledger'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From JSON",'
        ' "author": {"@type": "Person", "name": "Ada Byron"}, "datePublished": "2021-02-03"}'
        "</script></head><body><article><p>Body text of the article.</p></article></body></html>"
    ),
    "title from h1, author from byline, canonical relative": (
        "<html><head><link rel=canonical href='/news/a'>"
        "<meta property='og:url' content='https://site.example/other'></head><body>"
        "<h1>Only heading</h1><p class='byline'>By Jane Roe</p><p>Text.</p></body></html>"
    ),
    "one-word author dropped, site from the URL": (
        "<html><head><meta name=author content=admin><title>Page title</title></head>"
        "<body><p>Text with a date 12 March 2020 in it.</p></body></html>"
    ),
    "nothing at all": "<html><body><p>Plain.</p></body></html>",
}


def _tree(data: bytes):  # type: ignore[no-untyped-def]
    return parse_html(normalize(decode_bytes(data, sniff_charset(data))), "page.html")


def _fields(doc: object) -> dict[str, object]:
    return {key: getattr(doc, key, None) for key in KEPT}


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda p: p.name)
def test_fixture_pages_as_trafilatura(path: Path) -> None:
    tree = _tree(path.read_bytes())
    theirs = extract_metadata(copy.deepcopy(tree), None, DATE_PARAMS)
    ours = article_metadata(tree, None)
    assert _fields(ours) == _fields(theirs)
    assert ours.title  # the fixtures have all of them
    assert ours.date


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("url", [None, "https://www.example.org/news/1"])
def test_branches_as_trafilatura(name: str, url: str | None) -> None:
    tree = _tree(PAGES[name].encode())
    theirs = extract_metadata(copy.deepcopy(tree), url, DATE_PARAMS)
    assert _fields(article_metadata(tree, url)) == _fields(theirs)


def test_the_tree_is_left_as_it_is() -> None:
    tree = _tree((HTML / "daily-ledger-water.html").read_bytes())
    before = copy.deepcopy(tree)
    article_metadata(tree, None)
    assert etree.tostring(tree) == etree.tostring(before)
