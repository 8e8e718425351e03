"""Fuzz targets for every article importer (txt, md, html, xhtml, docx, pdf, a file with
its metadata sidecar, a URL): each input gives an article or the declared error — a
BadInput whose one-line message starts with the file name (or URL). Anything else is a
bug. See ``harness.py`` for the time box (``make fuzz``) and what counts as a failure."""

from __future__ import annotations

import gzip
import threading
import unicodedata
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from annotator.formats.docx import load_docx
from annotator.formats.draft import ArticleDraft
from annotator.formats.fetch import fetch_url
from annotator.formats.html import load_html
from annotator.formats.importing import load_file
from annotator.formats.pdf import load_pdf
from annotator.formats.plaintext import load_plaintext
from tests.fuzz import harness, seeds
from tests.fuzz.harness import declared_error, fuzz_target
from tests.fuzz.mutate import json_garbage, mutated_bytes, mutated_json
from tests.fuzz.mutate_docs import CHARSETS, markup, mutated_pdf, mutated_zip


def _checked(draft: Any) -> None:
    """What every importer promises of its result."""
    assert isinstance(draft, ArticleDraft)
    assert draft.text.strip(), "empty text accepted"
    assert "\r" not in draft.text, "a carriage return survived"
    assert unicodedata.is_normalized("NFC", draft.text), "the text is not NFC"
    for key in ("title", "byline", "outlet", "url", "published", "language"):
        value = getattr(draft, key)
        assert value is None or (isinstance(value, str) and "\n" not in value), key


def _encoded_text() -> st.SearchStrategy[bytes]:
    return st.builds(
        lambda text, codec: text.encode(codec, "replace"),
        st.text(min_size=1, max_size=200),
        st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "shift_jis", "gb18030"]),
    )


def _text_inputs(seed: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    return mutated_bytes(seed) | _encoded_text() | st.binary(max_size=2000)


@fuzz_target
def test_fuzz_txt() -> None:
    harness.run(
        "txt",
        _text_inputs(seeds.text_seeds()),
        lambda data: _checked(load_plaintext(data, "article.txt")),
        check_error=declared_error(("article.txt",)),
    )


@fuzz_target
def test_fuzz_markdown() -> None:
    harness.run(
        "md",
        _text_inputs(seeds.markdown_seeds()),
        lambda data: _checked(load_plaintext(data, "article.md", markdown=True)),
        check_error=declared_error(("article.md",)),
    )


@fuzz_target
def test_fuzz_html() -> None:
    harness.run(
        "html",
        mutated_bytes(seeds.html_seeds()) | markup() | st.binary(max_size=500),
        lambda data: _checked(load_html(data, "page.html")),
        check_error=declared_error(("page.html",)),
    )


@fuzz_target
def test_fuzz_xhtml() -> None:
    harness.run(
        "xhtml",
        mutated_bytes(seeds.xhtml_seeds()) | markup(),
        lambda data: _checked(load_html(data, "page.xhtml", media_type="application/xhtml+xml")),
        check_error=declared_error(("page.xhtml",)),
    )


@fuzz_target
def test_fuzz_docx() -> None:
    harness.run(
        "docx",
        mutated_zip(seeds.docx_seeds())
        | mutated_bytes(seeds.docx_seeds(), max_ops=3)
        | st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        lambda data: _checked(load_docx(data, "report.docx")),
        check_error=declared_error(("report.docx",)),
    )


@fuzz_target
def test_fuzz_pdf() -> None:
    harness.run(
        "pdf",
        mutated_pdf(seeds.pdf_seeds())
        | mutated_bytes(seeds.pdf_seeds())
        | st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
        lambda data: _checked(load_pdf(data, "report.pdf")),
        check_error=declared_error(("report.pdf",)),
    )


# --- a file with its sidecar, through load_file ---------------------------------------


def _sidecars() -> st.SearchStrategy[bytes]:
    parsed = tuple(__import__("json").loads(s) for s in seeds.sidecar_seeds())
    keys = ("title", "byline", "outlet", "url", "published", "language", "file")
    return (
        mutated_json(parsed)
        | mutated_bytes(seeds.sidecar_seeds())
        | json_garbage(keys)
        | st.integers(1, 100_000).map(lambda n: b"[" * n)
    )


@fuzz_target
def test_fuzz_file_with_sidecar(tmp_path: Path) -> None:
    folder = tmp_path

    def body(value: tuple[str, bytes, bytes]) -> None:
        suffix, data, sidecar = value
        path = folder / f"article{suffix}"
        path.write_bytes(data)
        path.with_suffix(".json").write_bytes(sidecar)
        _checked(load_file(path))

    harness.run(
        "file+sidecar",
        st.tuples(
            st.sampled_from([".txt", ".md", ".html"]),
            st.sampled_from(seeds.text_seeds() + seeds.html_seeds()[-1:]),
            _sidecars(),
        ),
        body,
        check_error=declared_error(("article.",)),
    )


# --- a URL, served by a local server ------------------------------------------------------


class _Reply:
    """What the local server answers next (set by the target before each fetch)."""

    headers: list[tuple[str, str]] = []
    body: bytes = b""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        for name, value in _Reply.headers:
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(_Reply.body)
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture()
def local_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/page"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


_TYPES = [
    None,
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",
    "image/png",
    "text/html; charset=",
    'text/html; charset="',
    "text/html;;;",
    "",
]


@st.composite
def _replies(draw: st.DrawFn) -> tuple[list[tuple[str, str]], bytes]:
    body = draw(
        mutated_bytes(seeds.html_seeds() + seeds.text_seeds() + seeds.pdf_seeds())
        | markup()
        | st.binary(max_size=300)
    )
    headers: list[tuple[str, str]] = []
    kind = draw(st.sampled_from(_TYPES))
    if kind is not None:
        if draw(st.booleans()):
            kind += f"; charset={draw(st.sampled_from(CHARSETS))}"
        headers.append(("Content-Type", kind))
    encoding = draw(st.sampled_from([None, "gzip", "deflate", "x-gzip", "br", "gzip, gzip"]))
    if encoding is not None:
        headers.append(("Content-Encoding", encoding))
        packed = draw(st.sampled_from(["gzip", "zlib", "raw", "truncated"]))
        if packed == "gzip":
            body = gzip.compress(body)
        elif packed == "zlib":
            body = zlib.compress(body)
        elif packed == "truncated":
            body = gzip.compress(body)[: draw(st.integers(0, 40))]
    length = draw(st.sampled_from([None, "exact", "-1", "abc", "99999999999", "0"]))
    if length is not None:
        headers.append(("Content-Length", str(len(body)) if length == "exact" else length))
    return headers, body


@fuzz_target
def test_fuzz_url(local_server: str) -> None:
    def body(value: tuple[list[tuple[str, str]], bytes]) -> None:
        _Reply.headers, _Reply.body = value
        _checked(fetch_url(local_server, timeout=10))

    harness.run("url", _replies(), body, check_error=declared_error((local_server,)))


def test_every_seed_is_imported() -> None:
    """The mutations start from valid files: each seed gives an article."""
    for data in seeds.text_seeds():
        _checked(load_plaintext(data, "a.txt"))
    for data in seeds.markdown_seeds():
        _checked(load_plaintext(data, "a.md", markdown=True))
    for data in seeds.html_seeds():
        _checked(load_html(data, "a.html"))
    for data in seeds.xhtml_seeds():
        _checked(load_html(data, "a.xhtml", media_type="application/xhtml+xml"))
    for data in seeds.docx_seeds():
        _checked(load_docx(data, "a.docx"))
    for data in seeds.pdf_seeds():
        _checked(load_pdf(data, "a.pdf"))
