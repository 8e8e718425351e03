"""The standalone HTML report: inert, self-contained, every quote highlighted, marks
well-formed even when annotations overlap."""

from __future__ import annotations

from html.parser import HTMLParser

from annotator.core.board import build_board
from annotator.core.project import Project
from annotator.formats.report import write_report
from tests.conftest import FIXTURES
from tests.formats.exchange_helpers import Builder, demo_export

VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "poster", "data", "background"}


class Checker(HTMLParser):
    """Checks nesting, collects the text inside each numbered mark and every URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.marks: dict[str, str] = {}
        self.urls: list[tuple[str, str]] = []
        self.metas: list[dict[str, str | None]] = []
        self.tags: set[str] = set()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        self.urls.extend((k, v or "") for k, v in attrs if k in URL_ATTRIBUTES)
        if tag == "meta":
            self.metas.append(found)
        if tag not in VOID:
            self.stack.append((tag, found.get("data-n") if tag == "mark" else None))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for _, n in self.stack:
            if n is not None:
                self.marks[n] = self.marks.get(n, "") + data


def check(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert "<script" not in page.lower() and "script" not in checker.tags
    assert {"iframe", "img", "object", "embed", "link", "form"}.isdisjoint(checker.tags)
    assert all(k == "href" and v.startswith("#") for k, v in checker.urls), checker.urls
    assert "url(" not in page and "@import" not in page
    csp = [
        m for m in checker.metas if (m.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert csp and csp[0]["content"] == "default-src 'none'; style-src 'unsafe-inline'"
    return checker


def test_demo_report_is_inert_and_highlights_every_quote(project: Project) -> None:
    data, ids = demo_export(project)
    article = data.articles[0].article
    page = write_report(data, build_board(project, article.id))
    checker = check(page)
    live = sorted(data.articles[0].annotations, key=lambda a: (a.start, -a.end, a.id))
    assert len(checker.marks) == len(live)
    for n, a in enumerate(live, start=1):
        assert checker.marks[str(n)] == a.exact
    assert "Claims board" in page and "Mostly true" in page
    assert "print-color-adjust:exact" in page and "@media print" in page
    assert "Unnamed media." in page  # a note, as a footnote
    assert 'href="#a1-n1"' in page and 'id="a1-n1"' in page


def test_overlapping_annotations_nest_and_escape() -> None:
    b = Builder(
        "<script>alert(1)</script> Kim & Putin said: the pact is historic and binding.\n"
        "Second line with https://evil.example/x.png in it.",
        title="<b>Title</b>",
        url="https://news.example/a?x=1&y=<2>",
    )
    one = b.span("Claim", "Putin said: the pact is historic", note="<img src=x onerror=alert(1)>")
    b.span("Source", "Kim & Putin said")
    b.span("Evidence", "historic and binding.\nSecond line")
    b.span("Denial", "pact")
    b.rate(one, "False", "=cmd <i>why</i>")
    page = write_report(b.data())
    checker = check(page)
    live = sorted(b.annotations, key=lambda a: (a.start, -a.end, a.id))
    for n, a in enumerate(live, start=1):
        assert checker.marks[str(n)] == a.exact
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
    assert "https://news.example/a?x=1&amp;y=&lt;2&gt;" in page  # as text, not a link
    assert "&lt;i&gt;why&lt;/i&gt;" in page
    assert page.count("<mark") > len(live)  # overlaps are split into nested pieces
    assert "wavy" in page and "dotted" in page and "dashed" in page  # underline styles


def test_stress_text_and_unknown_tag() -> None:
    text = (FIXTURES / "offsets-stress.txt").read_text("utf-8")
    b = Builder(text)
    b.span("Claim", "“routine” 👍🏽")
    b.span("Rumour", "김정은 위원장")
    b.span("Claim", "قال المتحدث إن التقرير كاذب")
    page = write_report(b.data())
    checker = check(page)
    assert set(checker.marks.values()) == {
        "“routine” 👍🏽",
        "김정은 위원장",
        "قال المتحدث إن التقرير كاذب",
    }
    assert "Rumour" in page  # a tag outside the tag set still gets a style and a legend entry


def test_empty_export() -> None:
    data = Builder("Nothing marked.").data()
    page = write_report(data)
    assert check(page).marks == {}
    assert "Nothing marked." in page and "Claims board" not in page
