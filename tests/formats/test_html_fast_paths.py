"""The short ways of load_html give what the long ones gave: white space tidied without a
regular expression when a line has nothing to tidy (and with one that leaves single spaces
alone), and trafilatura's options made once instead of from keywords at every page."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from annotator.formats import html
from annotator.formats.html import _options, _tidy, load_html

HTML = Path(__file__).parent.parent / "fixtures" / "html"
_PLAIN_WS = re.compile(r"[ \t\f\v\r\n]+")  # what _tidy used: every run, one space too


def _tidy_long(text: str, sep: str = "\n") -> str:
    if "\n" not in text:
        return _PLAIN_WS.sub(" ", text).strip()
    lines = (_PLAIN_WS.sub(" ", line).strip() for line in text.split("\n"))
    return sep.join(line for line in lines if line)


def test_tidy_is_the_plain_regular_expression() -> None:
    rng = random.Random(11)
    alphabet = [" ", "  ", "\t", "\n", "\r", "\v", "\f", "\xa0", "\u2003", "\x1c", "é", "a", "bc"]
    texts = ["", " ", "one line", " lead and trail ", "tab\there", "a\xa0 b", "x \u2003y"]
    texts += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(20000)
    ]
    for text in texts:
        for sep in ("\n", "\n\n"):
            assert _tidy(text, sep) == _tidy_long(text, sep), repr(text)


def _slots(options: Extractor) -> dict[str, object]:
    return {name: getattr(options, name) for name in Extractor.__slots__}


@pytest.mark.parametrize("url", [None, "https://www.example.org/news/1"])
def test_the_options_made_once_are_those_the_keywords_made(url: str | None) -> None:
    # what bare_extraction makes of the keywords load_html gave it before
    keywords = Extractor(
        output_format="txt",
        fast=False,
        precision=True,
        recall=False,
        comments=False,
        formatting=None,
        links=False,
        images=False,
        tables=True,
        dedup=False,
        lang=None,
        url=url,
        with_metadata=False,
        only_with_metadata=False,
        author_blacklist=None,
        url_blacklist=None,
        date_params=None,
    )
    assert _slots(_options(url)) == _slots(keywords)
    assert _options(url) is _options(url)  # made once


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda p: p.name)
def test_trafilatura_reads_a_page_alike_with_either(path: Path) -> None:
    tree = html.parse_html(path.read_text(encoding="utf-8", errors="replace"), path.name)
    long = trafilatura.bare_extraction(
        html.copy.deepcopy(tree),
        favor_precision=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        output_format="txt",
    )
    short = trafilatura.bare_extraction(html.copy.deepcopy(tree), options=_options(None))
    assert etree.tostring(short.body) == etree.tostring(long.body)
    assert load_html(path.read_bytes(), path.name).text  # and the page is read
