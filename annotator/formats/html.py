"""HTML articles (saved pages and fetched pages).

The main text and metadata come from trafilatura (precision over recall, no
comments, no links or images); when it finds nothing, a plain lxml pass over
the page without scripts, styles and page furniture takes over. Blocks
(paragraphs, headings, list items, quotes, table rows) are separated by
``\\n\\n``; a ``<br>`` inside a block is a single ``\\n``; table cells in a row
are separated by a tab.

Safety: nothing named in a page is ever fetched (trafilatura is only given
a parsed tree, never a URL). The page is parsed by our own lxml HTML parser
with ``no_network=True`` and ``huge_tree=False``; libxml2's HTML parser never
expands entities declared in a DTD, and the XML declaration and DOCTYPE
(with any internal subset) are removed before parsing anyway, so entity
bombs ("billion laughs") stay inert text.
"""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import urlsplit

import lxml.etree as etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner
from trafilatura.metadata import extract_metadata

from annotator.domain.text import decode_bytes, normalize
from annotator.formats.draft import (
    PARAGRAPH_SEP,
    ArticleDraft,
    bad,
    clean_field,
    iso_date,
    language_tag,
    named,
    require_text,
)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_PROLOG = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>)?",
    re.I | re.S,
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_WS = re.compile(r"[ \t\f\v\r\n\u00a0]+")
# latin-1 and ASCII labels mean windows-1252 on the web (WHATWG Encoding Standard)
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                "ascii": "cp1252", "us-ascii": "cp1252", "iso8859-1": "cp1252"}
# containers of reader comments and consent banners trafilatura may miss
_FURNITURE = re.compile(r"comment|reaction|disqus|cookie|consent|gdpr", re.I)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
               "figcaption", "td", "th")

_CLEANER = Cleaner(
    scripts=True, javascript=True, comments=True, style=True, inline_style=True, links=True,
    meta=True, page_structure=False, processing_instructions=True, embedded=True, frames=True,
    forms=True, annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=False,
    kill_tags=["nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg",
               "button", "select", "template"],
)


def load_html(
    data: bytes,
    name: str,
    *,
    charset: str | None = None,
    url: str | None = None,
    media_type: str = "text/html",
) -> ArticleDraft:
    """An :class:`ArticleDraft` from the bytes of an HTML page.

    ``charset`` is the transport's declaration (the HTTP ``Content-Type``); it
    wins over the page's own ``<meta charset>``. ``url`` is where the page was
    fetched from: the article's URL falls back to it.
    """
    with named(name):
        declared = _web_charset(charset or sniff_charset(data))
        source = normalize(decode_bytes(data, declared))
        tree = parse_html(source, name)
        url = url or _saved_from(source)
        text, meta = _extract(tree, url)
        text = require_text(name, normalize(text))
    page_url = clean_field(meta.get("url")) or url
    return ArticleDraft(
        text=text,
        source_format="html",
        original=data,
        original_name=name,
        media_type=media_type,
        title=clean_field(meta.get("title")) or _title_tag(tree),
        byline=clean_field(meta.get("author")),
        outlet=clean_field(meta.get("sitename")) or clean_field(meta.get("hostname"))
        or _hostname(page_url),
        url=page_url if page_url and page_url.startswith(("http://", "https://")) else None,
        published=iso_date(meta.get("date")),
        language=page_language(tree),
    )


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta>`` or XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _web_charset(label: str | None) -> str | None:
    if label is None:
        return None
    label = label.strip().lower()
    if label.startswith("utf-16"):
        return None  # a page that can declare itself in ASCII is not UTF-16 (WHATWG)
    return _WEB_ALIASES.get(label, label)


def parse_html(source: str, name: str) -> HtmlElement:
    """Parse decoded HTML safely: no network, no huge trees, no DTD (see module doc)."""
    source = _PROLOG.sub("", source, count=1)
    parser = lxml.html.HTMLParser(
        no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
        default_doctype=False, collect_ids=False,
    )
    try:
        tree = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise bad(name, "contains no text (the HTML page is empty)") from None
    if tree is None:
        raise bad(name, "contains no text (the HTML page is empty)")
    return tree


def _extract(tree: HtmlElement, url: str | None) -> tuple[str, dict[str, str | None]]:
    pruned = copy.deepcopy(tree)
    _prune_furniture(pruned)
    doc = trafilatura.bare_extraction(
        pruned, url=url, favor_precision=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        with_metadata=True, deduplicate=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = ""
    if doc is not None:
        body = getattr(doc, "body", None)
        text = PARAGRAPH_SEP.join(_blocks(body)) if body is not None else ""
        if not text.strip():
            text = _split_lines(doc.text or "")
    if doc is None or not text.strip():
        text = fallback_text(tree)
        doc = extract_metadata(copy.deepcopy(tree), default_url=url)
    meta = {key: getattr(doc, key, None)
            for key in ("title", "author", "sitename", "hostname", "date", "url")}
    return text, meta


def _prune_furniture(tree: HtmlElement) -> None:
    """Drop comment sections and consent banners (never an element holding the article)."""
    doomed = []
    for el in tree.iter(tag=etree.Element):
        if el.tag in ("html", "body", "main", "article"):
            continue
        label = f"{el.get('id') or ''} {el.get('class') or ''}"
        if label.strip() and _FURNITURE.search(label):
            if next(el.iter("h1", "article", "main"), None) is None:
                doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


# --- trafilatura's XML body → paragraphs ----------------------------------------------

_TEXT_BLOCKS = {"p", "head", "code", "item", "cell", "quote", "list", "table", "row"}


def _blocks(el: etree._Element) -> list[str]:
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag in ("list", "table", "row", "quote", "div", "cell", "item") and _has_blocks(child):
            out.extend(_blocks(child))
        elif tag == "row":
            cells = [_inline(cell) for cell in child]
            line = "\t".join(cell for cell in cells if cell)
            if line:
                out.append(line)
        elif tag == "code":
            code = "".join(child.itertext()).strip("\n")
            if code.strip():
                out.append(code)
        else:
            line = _inline(child)
            if line:
                out.append(line)
    return out


def _has_blocks(el: etree._Element) -> bool:
    return any(child.tag in _TEXT_BLOCKS for child in el)


def _inline(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _split_lines(text: str) -> str:
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return PARAGRAPH_SEP.join(line for line in lines if line)


# --- fallback without trafilatura ------------------------------------------------------


def fallback_text(tree: HtmlElement) -> str:
    """Paragraph text of a page after removing scripts, styles and page furniture."""
    try:
        cleaned = _CLEANER.clean_html(copy.deepcopy(tree))
    except (etree.ParserError, ValueError):
        return ""
    blocks = [el for el in cleaned.iter(*_BLOCK_TAGS)
              if not any(anc.tag in _BLOCK_TAGS for anc in el.iterancestors())]
    if not blocks:
        return _split_lines(cleaned.text_content())
    paragraphs = []
    for el in blocks:
        for br in el.iter("br"):
            br.tail = "\n" + (br.tail or "")
        lines = (_WS.sub(" ", line).strip() for line in el.text_content().split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return PARAGRAPH_SEP.join(paragraphs)


# --- metadata trafilatura does not give ------------------------------------------------


def page_language(tree: HtmlElement) -> str | None:
    """The page's language: ``<html lang>``, ``content-language``, ``og:locale``, JSON-LD."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates.append(_json_ld_language(script.text))
    for candidate in candidates:
        tag = language_tag(candidate)
        if tag:
            return tag
    return None


def _json_ld_language(source: str) -> str | None:
    try:
        data = json.loads(source)
    except ValueError:
        return None
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("inLanguage"), str):
            return item["inLanguage"]
    return None


def _title_tag(tree: HtmlElement) -> str | None:
    title = tree.find(".//title")
    return clean_field(title.text_content()) if title is not None else None


def _saved_from(source: str) -> str | None:
    match = _SAVED_FROM.search(source[:4096])
    return match.group(1) if match else None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None
