"""Fetching an article from an http(s) URL, with the standard library only.

One GET for the page itself, nothing else: the importers never fetch what a
page names (images, styles, scripts). Limits: a total time budget, a size
cap enforced while streaming, a redirect count, and redirects only to http(s).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from annotator.formats.docx import MEDIA_TYPE as DOCX_TYPE
from annotator.formats.docx import load_docx
from annotator.formats.draft import ArticleDraft, bad
from annotator.formats.html import load_html
from annotator.formats.pdf import load_pdf
from annotator.formats.plaintext import load_plaintext

USER_AGENT = "annotator/0.1 (fact-checking workbench; +https://example.invalid/annotator)"
_CHUNK = 64 * 1024
_URL_SAFE = "/%:@!$&'()*+,;=?~-._"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}


def fetch_url(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 50 * 1024 * 1024,
    max_redirects: int = 5,
) -> ArticleDraft:
    """Fetch ``url`` (http or https only) and import what it returns.

    ``timeout`` (seconds) bounds the whole fetch; ``max_bytes`` the body.
    Every problem is a :class:`BadInput` whose message starts with the URL.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise bad(url, "only http:// and https:// addresses can be imported")
    address = _ascii_url(url)
    deadline = time.monotonic() + timeout
    opener = _opener(url, max_redirects, deadline)
    request = urllib.request.Request(
        address,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            headers = response.headers
            body = _read_body(url, response, max_bytes, deadline, timeout)
    except urllib.error.HTTPError as exc:
        raise bad(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise bad(url, f"timed out after {timeout:g} seconds") from None
        if isinstance(reason, ssl.SSLError):
            raise bad(url, f"the secure connection failed ({reason})") from None
        raise bad(url, f"cannot connect ({reason})") from None
    except TimeoutError:
        raise bad(url, f"timed out after {timeout:g} seconds") from None
    except ValueError as exc:  # http.client.InvalidURL and friends
        raise bad(url, f"is not a valid web address ({exc})") from None
    except (http.client.HTTPException, OSError) as exc:
        raise bad(url, f"the connection failed ({type(exc).__name__}: {exc})") from None

    if (headers.get("Content-Encoding") or "identity").lower() in ("gzip", "x-gzip", "deflate"):
        body = _inflate(url, body, max_bytes)
    draft = _import(url, final_url, body, headers)
    return replace(
        draft,
        original=body,
        original_name=url,
        url=draft.url or final_url,
        fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _import(
    url: str, final_url: str, body: bytes, headers: http.client.HTTPMessage
) -> ArticleDraft:
    declared = headers.get("Content-Type")
    media_type = headers.get_content_type() if declared else _sniff(body)
    charset = headers.get_content_charset() if declared else None
    if media_type in _HTML_TYPES:
        return load_html(body, url, charset=charset, url=final_url, media_type=media_type)
    if media_type in _TEXT_TYPES:
        markdown = media_type != "text/plain" or final_url.lower().endswith((".md", ".markdown"))
        draft = load_plaintext(body, url, markdown=markdown, charset=charset, media_type=media_type)
        return replace(draft, url=final_url)
    if media_type == "application/pdf":
        return replace(load_pdf(body, url), url=final_url)
    if media_type == DOCX_TYPE:
        return replace(load_docx(body, url), url=final_url)
    if media_type == "application/octet-stream":
        sniffed = _sniff(body)
        if sniffed != media_type:
            headers.replace_header("Content-Type", sniffed)
            return _import(url, final_url, body, headers)
    raise bad(url, f"the server sent {media_type}, which cannot be imported as an article")


def _ascii_url(url: str) -> str:
    """``url`` with an internationalised host name and non-ASCII path percent-encoded."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
        if parts.port:
            netloc += f":{parts.port}"
        if parts.username:
            netloc = f"{quote(parts.username)}:{quote(parts.password or '')}@{netloc}"
    except (UnicodeError, ValueError):
        raise bad(url, "is not a valid web address") from None
    path, query, fragment = (quote(p, safe=_URL_SAFE) for p in parts[2:])
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def _sniff(body: bytes) -> str:
    head = body[:1024].lstrip().lower()
    if b"%pdf-" in head:
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "text/html"
    return "application/octet-stream"


def _read_body(
    url: str, response: http.client.HTTPResponse, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise bad(url, f"is too large ({int(length):,} bytes; the limit is {max_bytes:,})")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise bad(url, f"timed out after {timeout:g} seconds")
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise bad(url, f"is too large (more than {max_bytes:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _inflate(url: str, body: bytes, max_bytes: int) -> bytes:
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        raise bad(url, "the server sent a damaged compressed body") from None
    if len(data) > max_bytes or inflater.unconsumed_tail:
        raise bad(url, f"is too large (more than {max_bytes:,} bytes unpacked)")
    return data


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, only to http(s), within the deadline."""

    def __init__(self, name: str, limit: int, deadline: float) -> None:
        self.name, self.limit, self.deadline, self.count = name, limit, deadline, 0
        # the base class's own loop detection would report a confusing HTTP error first
        self.max_redirections = self.max_repeats = limit + 1

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        location = headers.get("Location") or headers.get("URI")
        if location:
            scheme = urlsplit(urljoin(req.full_url, location)).scheme.lower()
            if scheme not in ("http", "https"):
                fp.close()
                raise bad(self.name, f"redirects to a {scheme}: address, which is not fetched")
        self.count += 1
        if self.count > self.limit:
            fp.close()
            raise bad(self.name, f"redirects more than {self.limit} times")
        if time.monotonic() > self.deadline:
            fp.close()
            raise bad(self.name, "timed out while following redirects")
        req.timeout = max(0.1, self.deadline - time.monotonic())  # the budget is shared
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(name: str, max_redirects: int, deadline: float) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(name, max_redirects, deadline),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener
