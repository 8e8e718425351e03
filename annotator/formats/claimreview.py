"""schema.org ClaimReview export: one ClaimReview per claim that has a verdict.

The output is one JSON-LD document ``{"@context": "https://schema.org",
"@graph": [ClaimReview, …]}`` (a single object, so a page can embed it in one
``<script type="application/ld+json">``). Each ClaimReview::

    {"@type": "ClaimReview",
     "url": "<org url>#claim-<annotation id>"   (no org url: "urn:uuid:<annotation id>"),
     "claimReviewed": "<the claim's quote>",
     "itemReviewed": {"@type": "Claim",
                      "author": {"@type": "Person" | "Organization", "name": "<actor>"},
                      "appearance": [{"@type": "CreativeWork", "url": "<article url>",
                                      "headline": "<article title>"}],
                      "datePublished": "<article's published date>"},
     "reviewRating": {"@type": "Rating", "ratingValue": 5, "bestRating": 6, "worstRating": 1,
                      "alternateName": "Mostly true", "ratingExplanation": "<explanation>"},
     "author": {"@type": "Organization", "name": "<org name>", "url": "<org url>"},
     "datePublished": "<the verdict's date, YYYY-MM-DD>"}

``author`` of the claim is left out when the claim has no actor, the
appearance's ``url`` when the article has none, ``datePublished`` of the claim
when the article has no date, ``ratingExplanation`` when there is none and the
organisation's ``url`` when it has none. The rating values come from the
verdict scale (best and worst are its highest and lowest values).

Whether an actor is a Person or an Organization is guessed from the name (see
:func:`actor_type`); pass ``actor_types`` to say it outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.domain.board import BoardClaim
from annotator.domain.errors import BadInput
from annotator.domain.model import Article, Rating, Verdict

SCHEMA_CONTEXT = "https://schema.org"

#: words that make a name an organisation, a country or a group, not a person
_GROUP_WORDS = {
    "agency",
    "analysts",
    "army",
    "association",
    "bank",
    "council",
    "committee",
    "company",
    "corporation",
    "court",
    "department",
    "experts",
    "federation",
    "forces",
    "government",
    "group",
    "inc",
    "institute",
    "kingdom",
    "korea",
    "league",
    "ltd",
    "media",
    "ministry",
    "nations",
    "news",
    "novosti",
    "office",
    "organisation",
    "organization",
    "party",
    "police",
    "post",
    "press",
    "republic",
    "service",
    "states",
    "times",
    "union",
    "university",
    "north",
    "south",
    "east",
    "west",
}


@dataclass(frozen=True)
class Organisation:
    """Who publishes the reviews (the fact-checking organisation)."""

    name: str
    url: str = ""


def actor_type(name: str) -> str:
    """ "Person" for a name of two to four capitalised words with no organisation or
    place word in it (Kim Jong Un, Vladimir Putin), else "Organization"."""
    words = re.findall(r"[\w’'.-]+", name)
    if not 2 <= len(words) <= 4:
        return "Organization"
    if any(not w[:1].isupper() for w in words):
        return "Organization"
    if any(w.casefold().strip(".") in _GROUP_WORDS for w in words):
        return "Organization"
    return "Person"


def _date(stamp: str) -> str:
    return stamp[:10]


def claim_review(
    claim: BoardClaim,
    article: Article,
    verdict: Verdict,
    ratings: list[Rating],
    organisation: Organisation,
    *,
    actor_types: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The ClaimReview of one rated claim."""
    if not organisation.name.strip():
        raise BadInput("set your organisation in Settings or pass --org-name")
    rating = next((r for r in ratings if r.name == verdict.rating), None)
    if rating is None:
        raise BadInput(f"the verdict {verdict.rating!r} is not on the rating scale")
    values = [r.value for r in ratings]
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.actor:
        kind = (actor_types or {}).get(claim.actor) or actor_type(claim.actor)
        item["author"] = {"@type": kind, "name": claim.actor}
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        appearance["url"] = article.url
    appearance["headline"] = article.title or claim.article_title
    item["appearance"] = [appearance]
    if article.published:
        item["datePublished"] = article.published
    review_rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": rating.value,
        "bestRating": max(values),
        "worstRating": min(values),
        "alternateName": rating.name,
    }
    if verdict.explanation:
        review_rating["ratingExplanation"] = verdict.explanation
    author: dict[str, Any] = {"@type": "Organization", "name": organisation.name.strip()}
    url = organisation.url.strip()
    if url:
        author["url"] = url
    return {
        "@type": "ClaimReview",
        "url": f"{url}#claim-{claim.annotation_id}" if url else f"urn:uuid:{claim.annotation_id}",
        "claimReviewed": claim.quote,
        "itemReviewed": item,
        "reviewRating": review_rating,
        "author": author,
        "datePublished": _date(verdict.modified),
    }


def document(
    entries: Iterable[tuple[BoardClaim, Article, Verdict]],
    ratings: list[Rating],
    organisation: Organisation,
    *,
    actor_types: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """All the reviews as one JSON-LD document with an ``@graph``."""
    if not organisation.name.strip():
        raise BadInput("set your organisation in Settings or pass --org-name")
    graph = [
        claim_review(c, a, v, ratings, organisation, actor_types=actor_types) for c, a, v in entries
    ]
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}
