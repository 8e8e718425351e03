"""Fetching from a local http.server: pages, redirects, limits, errors, no side fetches."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.fetch import fetch_url
from annotator.formats.importing import load_source
from tests.formats.helpers import make_pdf

HTML = Path(__file__).parent.parent / "fixtures" / "html"

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Port data contradict ministry | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="2024-02-01T10:00:00Z">
<meta name="author" content="Ines Duarte">
<link rel="stylesheet" href="/style.css"><link rel="icon" href="/favicon.ico">
<link rel="preload" href="/font.woff2" as="font">
<script src="/app.js"></script>
</head><body>
<nav><a href="/news">News</a> <a href="/about">About</a></nav>
<article><h1>Port data contradict ministry</h1>
<img src="/photo.jpg" srcset="/photo-2x.jpg 2x" alt="Cranes">
<p>The ministry said on Monday that container traffic rose by a third last year, a figure
it has repeated in three press releases since December.</p>
<p>Port authority records show an increase of eleven percent, and the authority said it had
not been asked for its data before the ministry published the figure.</p>
<iframe src="/embed"></iframe><video src="/clip.mp4" poster="/poster.jpg"></video>
<p>A ministry spokesperson said the figure included transshipment, which the port counts
separately, and promised to publish the calculation.</p>
</article>
<div style="background-image:url(/bg.png)">Footer text</div>
<img src="/pixel.gif" width="1" height="1">
</body></html>"""


@dataclass
class Server:
    base: str
    paths: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, code: int, body: bytes, ctype: str | None, length: bool = True) -> None:
            self.send_response(code)
            if ctype:
                self.send_header("Content-Type", ctype)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, location: str, code: int = 302) -> None:
            self.send_response(code)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            server.paths.append(self.path)
            path = self.path
            if path == "/article":
                self._send(200, PAGE.encode(), "text/html; charset=utf-8")
            elif path == "/gazette":
                body = (HTML / "gazette-cp1252.html").read_bytes()
                self._send(200, body, "text/html")  # charset only in the page's <meta>
            elif path == "/latin":
                body = "<html><body><p>Fünf Bälle für Jürgen – “quoted”.</p></body></html>"
                self._send(200, body.encode("cp1252"), "text/html; charset=windows-1252")
            elif path == "/r1":
                self._redirect("/r2", 301)
            elif path == "/r2":
                self._redirect(server.url("/article"), 307)
            elif path.startswith("/loop/"):
                self._redirect(f"/loop/{int(path.rsplit('/', 1)[1]) + 1}")
            elif path == "/to-file":
                self._redirect("file:///etc/passwd")
            elif path == "/to-ftp":
                self._redirect("ftp://127.0.0.1/secret.txt")
            elif path == "/plain":
                self._send(200, b"Plain headline\r\n\r\nPlain body.\r\n", "text/plain")
            elif path == "/doc.pdf":
                self._send(200, make_pdf([["PDF over HTTP."]]), "application/pdf")
            elif path == "/untyped":
                self._send(200, make_pdf([["Sniffed PDF."]]), None)
            elif path == "/image":
                self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
            elif path == "/big":
                self._send(200, b"<p>" + b"x" * 100_000 + b"</p>", "text/html")
            elif path == "/big-unsized":
                self._send(200, b"<p>" + b"x" * 100_000 + b"</p>", "text/html", length=False)
            elif path == "/slow":
                time.sleep(3)
                self._send(200, b"<p>late</p>", "text/html")
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"<p>drip</p>")
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass
            elif path == "/caf%C3%A9":
                self._send(200, "Café ☕\n".encode(), "text/plain; charset=utf-8")
            elif path == "/empty":
                self._send(200, b"", "text/html")
            else:
                self._send(404, b"not found", "text/plain")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout, size limit) breaks the pipe: expected


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    state = Server(base="")
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_html_page_is_imported_with_one_request_only(server: Server) -> None:
    url = server.url("/article")
    draft = fetch_url(url)
    assert server.paths == ["/article"]  # no image, style, script, frame, font fetched
    assert draft.source_format == "html"
    assert draft.original_name == url
    assert draft.url == url
    assert draft.original == PAGE.encode()
    assert draft.title == "Port data contradict ministry"
    assert draft.byline == "Ines Duarte"
    assert draft.outlet == "Harbour Post"
    assert draft.published == "2024-02-01"
    assert draft.language == "en"
    assert draft.fetched_at is not None and draft.fetched_at.endswith("Z")
    assert "container traffic rose by a third" in draft.text
    assert "promised to publish the calculation" in draft.text
    assert "About" not in draft.text


def test_charset_from_meta_and_from_header(server: Server) -> None:
    gazette = fetch_url(server.url("/gazette"))
    assert "L’œuvre de rénovation" in gazette.text
    latin = fetch_url(server.url("/latin"))
    assert latin.text == "Fünf Bälle für Jürgen – “quoted”."


def test_redirect_chain_is_followed_and_final_url_kept(server: Server) -> None:
    draft = fetch_url(server.url("/r1"))
    assert server.paths == ["/r1", "/r2", "/article"]
    assert draft.original_name == server.url("/r1")
    assert draft.title == "Port data contradict ministry"


def test_too_many_redirects(server: Server) -> None:
    url = server.url("/loop/0")
    with pytest.raises(BadInput, match=r"redirects more than 3 times") as info:
        fetch_url(url, max_redirects=3)
    assert str(info.value).startswith(url + ": ")
    assert len(server.paths) == 4


@pytest.mark.parametrize("path, scheme", [("/to-file", "file"), ("/to-ftp", "ftp")])
def test_redirect_to_other_scheme_is_refused(server: Server, path: str, scheme: str) -> None:
    with pytest.raises(BadInput, match=rf"redirects to a {scheme}: address"):
        fetch_url(server.url(path))


def test_http_404(server: Server) -> None:
    url = server.url("/nothing-here")
    with pytest.raises(BadInput, match=r"HTTP 404") as info:
        fetch_url(url)
    assert str(info.value).startswith(url + ": ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_oversize_body(server: Server, path: str) -> None:
    with pytest.raises(BadInput, match=r"too large"):
        fetch_url(server.url(path), max_bytes=10_000)


def test_slow_server_times_out(server: Server) -> None:
    # the server answers after 3 s: an error at all means the timeout cut it short
    with pytest.raises(BadInput, match=r"timed out after 0.5 seconds"):
        fetch_url(server.url("/slow"), timeout=0.5)


def test_dripping_server_hits_the_total_time_limit(server: Server) -> None:
    # every chunk comes within 0.1 s, for 10 s: only the limit on the whole time stops it
    with pytest.raises(BadInput, match=r"timed out"):
        fetch_url(server.url("/drip"), timeout=0.6)


def test_plain_text_and_pdf_by_content_type(server: Server) -> None:
    plain = fetch_url(server.url("/plain"))
    assert plain.source_format == "txt"
    assert plain.text == "Plain headline\n\nPlain body.\n"
    assert plain.title == "Plain headline"
    assert plain.url == server.url("/plain")
    pdf = fetch_url(server.url("/doc.pdf"))
    assert pdf.source_format == "pdf" and pdf.text == "PDF over HTTP."
    sniffed = fetch_url(server.url("/untyped"))
    assert sniffed.source_format == "pdf" and sniffed.text == "Sniffed PDF."


def test_unsupported_content_type_and_empty_body(server: Server) -> None:
    with pytest.raises(BadInput, match=r"image/png, which cannot be imported"):
        fetch_url(server.url("/image"))
    with pytest.raises(BadInput, match=r"no text"):
        fetch_url(server.url("/empty"))


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/file.txt", "javascript:alert(1)", "http://", "data:,x"],
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(BadInput, match=r"only http:// and https://"):
        fetch_url(url)


def test_non_ascii_url_is_percent_encoded(server: Server) -> None:
    url = server.url("/café")
    draft = fetch_url(url)
    assert draft.text == "Café ☕\n"
    assert draft.original_name == url
    assert server.paths == ["/caf%C3%A9"]


def test_load_source_routes_urls(server: Server) -> None:
    assert load_source(server.url("/plain")).source_format == "txt"
    with pytest.raises(BadInput, match=r"^file:///etc/passwd: only http"):
        load_source("file:///etc/passwd")


def test_connection_refused_is_bad_input() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(BadInput, match=r"cannot connect"):
        fetch_url(f"http://127.0.0.1:{port}/x", timeout=2)
