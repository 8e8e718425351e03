"""The metadata of an HTML article that trafilatura finds: title, author, date, site, URL.

:func:`article_metadata` is ``trafilatura.metadata.extract_metadata`` as
``bare_extraction(with_metadata=True)`` runs it for :func:`~annotator.formats.html.load_html`
(same steps, same order, same date parameters), without the three parts whose results
an article does not keep — categories, tags and licence — which search the whole page
and took half of the metadata's time. ``tests/formats/test_html_meta.py`` checks it
against trafilatura's own on the test pages.
"""

from __future__ import annotations

from typing import Any

from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

#: htmldate's parameters as load_html asks trafilatura for them
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


def article_metadata(tree: HtmlElement, url: str | None) -> Document:
    """Title, author, URL, hostname, date and site name of the page in ``tree`` (left
    as it is); ``url`` is where the page came from, if known."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001, S110 - as trafilatura: a JSON-LD bug costs only that
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    metadata.date = find_date(tree, **DATE_PARAMS, url=metadata.url)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        site = metadata.sitename.lstrip("@")  # a Twitter handle
        if site and "." not in site and not site[0].isupper():
            site = site.title()
        metadata.sitename = site
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata
