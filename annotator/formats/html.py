"""HTML articles (saved pages and fetched pages).

The main text and metadata come from trafilatura (precision over recall, no
comments, no links or images); when it finds nothing, a plain lxml pass over
the page without scripts, styles and page furniture takes over. Blocks
(paragraphs, headings, list items, quotes, table rows) are separated by
``\\n\\n``; a ``<br>`` inside a block is a single ``\\n``; table cells in a row
are separated by a tab.

Safety: nothing named in a page is fetched (trafilatura only gets a parsed
tree, never a URL). Our own lxml HTML parser has ``no_network=True`` and
``huge_tree=False``; libxml2's HTML parser never expands DTD entities, and the
DOCTYPE (internal subset included) is cut off before parsing anyway, so
entity bombs ("billion laughs") stay inert.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from urllib.parse import urlsplit

import lxml.etree as etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt

from annotator.domain.text import normalize
from annotator.formats.charset import decode_bytes
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
from annotator.formats.html_meta import article_metadata

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_PROLOG = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>)?",
    re.I | re.S,
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
# a run of white space that is not one plain space (one space stays as it is: most runs)
_WS = re.compile(r"[\t\n\v\f\r][ \t\n\v\f\r]*| [ \t\n\v\f\r]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# latin-1 and ASCII labels mean windows-1252 on the web (WHATWG Encoding Standard)
_WEB_ALIASES = dict.fromkeys(
    ("iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii"), "cp1252"
)
# containers of reader comments and consent banners trafilatura may miss
_FURNITURE = re.compile(
    r"(?<![a-z])(comments?|commentaires?|reactions?|disqus|cookies?|consent|gdpr)(?![a-z])", re.I
)
_NAMED = etree.XPath("//*[@id or @class]")  # the elements a furniture name can be on
_BODY_TEXT = "boolean(//body//text()[normalize-space()][not(ancestor::script or ancestor::style)])"
#: libxml2's element depth limit without XML_PARSE_HUGE (deeper pages are refused)
MAX_DEPTH = 256
_BLOCK_TAGS = tuple("p h1 h2 h3 h4 h5 h6 li blockquote pre dd dt figcaption td th".split())
_KILL_TAGS = "nav header footer aside form noscript iframe svg button select template".split()

# the defaults already remove scripts, javascript, comments, links, meta, PIs, embeds, frames
_CLEANER = Cleaner(
    style=True,
    page_structure=False,
    remove_unknown_tags=False,
    safe_attrs_only=False,
    kill_tags=_KILL_TAGS,
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

    ``charset`` (the HTTP ``Content-Type``'s) wins over the page's ``<meta charset>``;
    ``url`` is where the page came from, the article's URL falls back to it.
    """
    with named(name):
        declared = _web_charset(charset or sniff_charset(data))
        source = normalize(decode_bytes(data, declared))
        tree = parse_html(source, name)
        if not tree.xpath(_BODY_TEXT):
            raise bad(name, "contains no text (the page body is empty)")
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
        outlet=clean_field(meta.get("sitename"))
        or clean_field(meta.get("hostname"))
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
    label = (label or "").strip().lower()
    if not label or label.startswith("utf-16"):  # a page that declares UTF-16 in ASCII is not
        return None
    return _WEB_ALIASES.get(label, label)


def parse_html(source: str, name: str) -> HtmlElement:
    """Parse decoded HTML safely: no network, no huge trees, no DTD (see module doc)."""
    source = _PROLOG.sub("", source, count=1)
    # C0 controls are not XML characters: lxml would keep them in the tree and then refuse
    # them when the tree is edited (ValueError); HTML renders none of them anyway
    source = _CONTROLS.sub(lambda m: " " if m.group() == "\f" else "", source)
    parser = lxml.html.HTMLParser(
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        default_doctype=False,
        collect_ids=False,
    )
    try:
        tree = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        tree = None
    # libxml2 stops at its depth limit and drops the rest of the page without failing:
    # a page cut short must not become a shorter article
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise bad(name, f"is nested more than {MAX_DEPTH} elements deep; not imported")
    if tree is None:
        raise bad(name, "contains no text (the HTML page is empty)")
    return tree


def _extract(tree: HtmlElement, url: str | None) -> tuple[str, dict[str, str | None]]:
    pruned = copy.deepcopy(tree)
    _prune_furniture(pruned)
    # The body comes as trafilatura's XML tree, its text is made only when the body has
    # no blocks; the metadata is read from the same pruned tree (trafilatura copies it)
    doc = trafilatura.bare_extraction(pruned, options=_options(url))
    text = ""
    if doc is not None:
        body = getattr(doc, "body", None)
        text = PARAGRAPH_SEP.join(_blocks(body)) if body is not None else ""
        if not text.strip() and body is not None:
            text = _tidy(xmltotxt(body, False), PARAGRAPH_SEP)
    if doc is not None and text.strip():
        try:
            doc = article_metadata(pruned, url)
        except (TypeError, ValueError):  # as bare_extraction: the page is given up
            doc = None
    if doc is None or not text.strip():
        text = fallback_text(tree)
        doc = extract_metadata(copy.deepcopy(tree), default_url=url)
    keys = ("title", "author", "sitename", "hostname", "date", "url")
    return text, {key: getattr(doc, key, None) for key in keys}


@functools.lru_cache(maxsize=4)
def _options(url: str | None) -> Extractor:
    """trafilatura's options for a page from ``url``: tables in (figures in tables matter
    to fact-checkers), precision over recall, no comments, links or images. Made once and
    shared (trafilatura reads its settings anew for each set it makes, and never changes
    a set it is given)."""
    return Extractor(
        output_format="txt", precision=True, comments=False, images=False, links=False, url=url
    )


def _prune_furniture(tree: HtmlElement) -> None:
    """Drop comment sections and consent banners (never an element holding the article)."""
    doomed = [
        el
        for el in _NAMED(tree)
        if el.tag not in ("html", "body", "main", "article")
        and _FURNITURE.search(f"{el.get('id') or ''} {el.get('class') or ''}")
        and next(el.iter("h1", "article", "main"), None) is None
    ]
    for el in doomed:
        el.drop_tree()


# --- trafilatura's XML body → paragraphs ----------------------------------------------

_BLOCKY = {"p", "head", "code", "list", "quote", "table"}


def _blocks(el: etree._Element) -> list[str]:
    out: list[str] = []
    for child in el:
        tag, text = child.tag, ""
        if tag in ("list", "table") or (
            tag in ("row", "cell", "item", "quote", "div")
            and any(d.tag in _BLOCKY for d in child.iterdescendants())
        ):
            out.extend(_blocks(child))
        elif tag == "row":
            text = "\t".join(filter(None, (_inline(cell) for cell in child)))
        elif tag == "code":
            text = "".join(child.itertext()).strip("\n")
        else:
            text = _inline(child)
        if text.strip():
            out.append(text)
    return out


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
    return _tidy("".join(parts))


def _tidy(text: str, sep: str = "\n") -> str:
    """Runs of white space inside each line made one space; empty lines dropped."""
    if "\n" not in text:  # one line (most paragraphs)
        if "  " not in text and text.isprintable():  # no tab, line break or double space
            return text.strip()
        return _WS.sub(" ", text).strip()
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return sep.join(line for line in lines if line)


# --- fallback without trafilatura ------------------------------------------------------


def fallback_text(tree: HtmlElement) -> str:
    """Paragraph text of a page after removing scripts, styles and page furniture."""
    try:
        cleaned = _CLEANER.clean_html(copy.deepcopy(tree))
    except (etree.ParserError, ValueError):
        return ""
    blocks = [
        el
        for el in cleaned.iter(*_BLOCK_TAGS)
        if not any(anc.tag in _BLOCK_TAGS for anc in el.iterancestors())
    ]
    if not blocks:
        return _tidy(cleaned.text_content(), PARAGRAPH_SEP)
    paragraphs = []
    for el in blocks:
        for br in el.iter("br"):
            br.tail = "\n" + (br.tail or "")
        paragraph = _tidy(el.text_content())
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
    return next((tag for tag in map(language_tag, candidates) if tag), None)


def _json_ld_language(source: str) -> str | None:
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):  # a nested JSON-LD block only costs the language
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
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    return host or None
