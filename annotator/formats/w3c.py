"""W3C Web Annotation export: an AnnotationCollection with its first page embedded.

Each annotation targets its article with a ``TextQuoteSelector`` (exact,
prefix, suffix) and a ``TextPositionSelector`` (code points, end exclusive).
The tag is a ``TextualBody`` with ``purpose: classifying``, the note one with
``purpose: commenting``, the actor one with ``purpose: identifying`` marked
``annotator:role: "actor"``. The article's SHA-256, title and URL travel in
the collection (``annotator:articles``) so an import can find its article.

A verdict on a claim is one more body of the claim's annotation::

    {"type": "TextualBody", "purpose": "assessing", "value": "Mostly true",
     "annotator:role": "verdict", "annotator:explanation": "…",
     "creator": {"type": "Person", "name": …, "nickname": …},
     "created": "…Z", "modified": "…Z"}

(``annotator:explanation`` only when there is one). A link between two
annotations is an annotation of its own, after the model's linking example::

    {"id": "urn:uuid:<relation id>", "type": "Annotation", "motivation": "linking",
     "target": "urn:uuid:<from annotation id>",
     "body": [{"id": "urn:uuid:<to annotation id>"},
              {"type": "TextualBody", "purpose": "tagging", "value": "denies"}],
     "creator": …, "created": …, "modified": …}

The tagging body's value is the relation type's name (``denies``,
``attributed_to``, ``supports``, ``contradicts`` …). Links come after all the
span annotations; only links whose two ends are exported are written.
``total`` counts every item of the page, links included.

An orphan (an imported annotation that could not be placed) is written with its
``TextQuoteSelector`` only, no ``TextPositionSelector``.

A review is an annotation of its own with ``motivation: assessing`` whose target is the
reviewed annotation's IRI (no selector)::

    {"id": "urn:uuid:<review id>", "type": "Annotation", "motivation": "assessing",
     "target": "urn:uuid:<annotation id>",
     "body": [{"type": "TextualBody", "purpose": "assessing", "value": "rejected"},
              {"type": "TextualBody", "purpose": "commenting", "value": "…",
               "format": "text/plain"}],
     "annotator:replyTo": "urn:uuid:<review id>",
     "annotator:suggestedTag": "Denial", "annotator:suggestedStart": 12,
     "annotator:suggestedEnd": 40, "annotator:resolved": "…Z",
     "annotator:resolution": "accepted",
     "creator": …, "created": …, "modified": …}

The decision is ``accepted``, ``rejected``, ``commented`` or ``suggested``; the comment
body and each ``annotator:`` key only when there is a value. Reviews come last, and only
those of exported annotations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from annotator.domain.errors import AnnotatorError
from annotator.domain.exchange import ExportData
from annotator.domain.model import Annotation, Article, Relation, Review, Verdict, new_id, now_iso

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "https://w3id.org/annotator/ns#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"annotator": NS}]


class ExportError(AnnotatorError):
    """An annotation does not match its article's text (never written out)."""


def article_iri(article: Article) -> str:
    return f"urn:uuid:{article.id}"


def _agent(name: str) -> dict[str, Any]:
    return {"type": "Person", "name": name, "nickname": name}


def annotation_iri(annotation_id: str) -> str:
    return f"urn:uuid:{annotation_id}"


def verdict_body(verdict: Verdict) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "TextualBody",
        "purpose": "assessing",
        "value": verdict.rating,
        "annotator:role": "verdict",
    }
    if verdict.explanation:
        body["annotator:explanation"] = verdict.explanation
    body.update(
        creator=_agent(verdict.annotator), created=verdict.created, modified=verdict.modified
    )
    return body


def relation_json(relation: Relation) -> dict[str, Any]:
    """A link as a ``linking`` annotation: target the source, body the linked annotation."""
    return {
        "@context": CONTEXT,
        "id": annotation_iri(relation.id),
        "type": "Annotation",
        "motivation": "linking",
        "created": relation.created,
        "modified": relation.created,
        "creator": _agent(relation.annotator),
        "body": [
            {"id": annotation_iri(relation.to_id)},
            {"type": "TextualBody", "purpose": "tagging", "value": relation.type},
        ],
        "target": annotation_iri(relation.from_id),
    }


def review_json(review: Review) -> dict[str, Any]:
    """A review as an ``assessing`` annotation that targets the reviewed annotation."""
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "assessing", "value": review.decision}
    ]
    if review.comment:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": review.comment,
                "format": "text/plain",
            }
        )
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_iri(review.id),
        "type": "Annotation",
        "motivation": "assessing",
        "created": review.created,
        "modified": review.resolved or review.created,
        "creator": _agent(review.reviewer),
        "body": body,
        "target": annotation_iri(review.annotation_id),
    }
    extras = {
        "annotator:replyTo": annotation_iri(review.reply_to) if review.reply_to else None,
        "annotator:suggestedTag": review.suggested_tag,
        "annotator:suggestedStart": review.suggested_start,
        "annotator:suggestedEnd": review.suggested_end,
        "annotator:resolved": review.resolved,
        "annotator:resolution": review.resolution,
    }
    data.update({k: v for k, v in extras.items() if v is not None})
    return data


def annotation_json(
    article: Article, annotation: Annotation, verdict: Verdict | None = None
) -> dict[str, Any]:
    if (
        not annotation.is_orphan
        and article.text[annotation.start : annotation.end] != annotation.exact
    ):
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
    if verdict is not None:
        body.append(verdict_body(verdict))
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": annotation.exact,
            "prefix": annotation.prefix,
            "suffix": annotation.suffix,
        }
    ]
    if not annotation.is_orphan:  # an orphan has no place in the text: its quote only
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
    target: dict[str, Any] = {"source": article_iri(article), "selector": selectors}
    if article.url:
        target["annotator:url"] = article.url
    return {
        "@context": CONTEXT,
        "id": annotation_iri(annotation.id),
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
    relations: Iterable[Relation] = (),
    verdicts: Mapping[str, Verdict] | None = None,
    reviews: Iterable[Review] = (),
) -> dict[str, Any]:
    """The whole export as one JSON-ready dict.

    ``relations`` (links between the exported annotations), ``verdicts`` (by
    annotation id) and ``reviews`` are optional; without them the export holds the spans
    only.
    """
    articles: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    exported: set[str] = set()
    verdicts = verdicts or {}
    for article, anns in items:
        articles.append(article_json(article))
        for a in anns:
            if not a.deleted:
                annotations.append(annotation_json(article, a, verdicts.get(a.id)))
                exported.add(a.id)
    annotations.extend(
        relation_json(r)
        for r in relations
        if not r.deleted and r.from_id in exported and r.to_id in exported
    )
    annotations.extend(review_json(r) for r in reviews if r.annotation_id in exported)
    return envelope(articles, annotations, label=label, generator=generator)


def envelope(
    articles: list[dict[str, Any]], items: list[Any], *, label: str, generator: str
) -> dict[str, Any]:
    """The collection around its articles (:func:`article_json`) and items."""
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{new_id()}",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "generated": now_iso(),
        "generator": {"type": "Software", "name": generator},
        "annotator:articles": articles,
        "first": {
            "id": f"urn:uuid:{new_id()}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def gathered(data: ExportData) -> tuple[dict[str, Verdict], list[Relation], list[Review]]:
    """The verdicts (by annotation id), links and reviews of every article of ``data``."""
    verdicts: dict[str, Verdict] = {}
    relations: list[Relation] = []
    reviews: list[Review] = []
    for item in data.articles:
        verdicts.update(item.verdicts)
        relations.extend(item.relations)
        reviews.extend(item.reviews)
    return verdicts, relations, reviews


def from_export(data: ExportData, *, generator: str = "annotator") -> dict[str, Any]:
    """The collection of an :class:`ExportData`: placed annotations, orphans, links,
    verdicts and reviews."""
    verdicts, relations, reviews = gathered(data)
    return collection(
        ((item.article, [*item.annotations, *item.orphans]) for item in data.articles),
        label=data.label,
        generator=generator,
        relations=relations,
        verdicts=verdicts,
        reviews=reviews,
    )
