"""W3C Web Annotation export: an AnnotationCollection with its first page embedded.

Each annotation targets its article with a ``TextQuoteSelector`` (exact,
prefix, suffix) and a ``TextPositionSelector`` (code points, end exclusive).
The tag is a ``TextualBody`` with ``purpose: classifying``, the note one with
``purpose: commenting``, the actor one with ``purpose: identifying`` marked
``annotator:role: "actor"``. The article's SHA-256, title and URL travel in
the collection (``annotator:articles``) so an import can find its article.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.domain.errors import AnnotatorError
from annotator.domain.model import Annotation, Article, new_id, now_iso

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "https://w3id.org/annotator/ns#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"annotator": NS}]


class ExportError(AnnotatorError):
    """An annotation does not match its article's text (never written out)."""


def article_iri(article: Article) -> str:
    return f"urn:uuid:{article.id}"


def _agent(name: str) -> dict[str, Any]:
    return {"type": "Person", "name": name, "nickname": name}


def annotation_json(article: Article, annotation: Annotation) -> dict[str, Any]:
    if article.text[annotation.start : annotation.end] != annotation.exact:
        raise ExportError(
            f"annotation {annotation.id} does not match the text at "
            f"{annotation.start}..{annotation.end}; nothing was written"
        )
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "classifying", "value": annotation.tag}
    ]
    if annotation.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": annotation.note,
                "format": "text/plain",
            }
        )
    if annotation.actor:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "identifying",
                "value": annotation.actor,
                "annotator:role": "actor",
            }
        )
    target: dict[str, Any] = {
        "source": article_iri(article),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": annotation.exact,
                "prefix": annotation.prefix,
                "suffix": annotation.suffix,
            },
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
        ],
    }
    if article.url:
        target["annotator:url"] = article.url
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{annotation.id}",
        "type": "Annotation",
        "motivation": "classifying",
        "created": annotation.created,
        "modified": annotation.modified,
        "creator": _agent(annotation.annotator),
        "body": body,
        "target": target,
    }


def article_json(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {"id": article_iri(article), "annotator:sha256": article.sha256}
    for key in ("title", "byline", "outlet", "url", "published", "language"):
        value = getattr(article, key)
        if value:
            data[f"annotator:{key}"] = value
    return data


def collection(
    items: Iterable[tuple[Article, list[Annotation]]],
    *,
    label: str,
    generator: str = "annotator",
) -> dict[str, Any]:
    """The whole export as one JSON-ready dict."""
    articles: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for article, anns in items:
        articles.append(article_json(article))
        annotations.extend(annotation_json(article, a) for a in anns if not a.deleted)
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{new_id()}",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(annotations),
        "generated": now_iso(),
        "generator": {"type": "Software", "name": generator},
        "annotator:articles": articles,
        "first": {
            "id": f"urn:uuid:{new_id()}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": annotations,
        },
    }
