"""schema.org ClaimReview export: every field, with the right types."""

from __future__ import annotations

import json
import re

import pytest

from annotator.core.board import build_board, rated_claims
from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.formats import claimreview
from annotator.formats.claimreview import Organisation, actor_type
from tests.conftest import make_draft

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds. "
    "Kim Jong Un said relations were at an all-time high. Nobody said this."
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORG = Organisation("Desk Check", "https://check.example.org/reviews")


@pytest.fixture
def rated(project: Project):
    article = project.import_draft(
        make_draft(TEXT, title="Shells", url="https://news.example/a", published="2024-06-19")
    ).article
    us = project.annotate_quote(
        article.id, "North Korea has supplied Russia with artillery rounds", "Claim", actor="US"
    )
    project.create_actor("Kim Jong Un", ("Kim",))
    kim = project.annotate_quote(
        article.id, "relations were at an all-time high", "Claim", actor="Kim"
    )
    nobody = project.annotate_quote(article.id, "Nobody said this", "Claim")
    project.annotate_quote(article.id, "The United States says", "Source")
    project.set_verdict(us.id, "Mostly true", "Public reporting.")
    project.set_verdict(kim.id, "Unproven")
    project.set_verdict(nobody.id, "False")
    entries = rated_claims(project, build_board(project, article.id))
    return {"article": article, "us": us, "kim": kim, "nobody": nobody, "entries": entries}


def _doc(project: Project, rated, org: Organisation = ORG) -> dict:
    doc = claimreview.document(rated["entries"], project.ratings(), org)
    return json.loads(json.dumps(doc))


def test_every_field_with_its_type(project: Project, rated) -> None:
    doc = _doc(project, rated)
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    assert len(graph) == 3
    reviews = {r["claimReviewed"]: r for r in graph}
    us = reviews["North Korea has supplied Russia with artillery rounds"]
    assert us["@type"] == "ClaimReview"
    assert us["url"] == f"https://check.example.org/reviews#claim-{rated['us'].id}"
    assert isinstance(us["claimReviewed"], str)
    item = us["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "US"}
    assert item["appearance"] == [
        {"@type": "CreativeWork", "url": "https://news.example/a", "headline": "Shells"}
    ]
    assert item["datePublished"] == "2024-06-19"
    rating = us["reviewRating"]
    assert rating["@type"] == "Rating"
    for key in ("ratingValue", "bestRating", "worstRating"):
        assert isinstance(rating[key], int) and not isinstance(rating[key], bool)
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (5, 6, 1)
    assert rating["alternateName"] == "Mostly true"
    assert rating["ratingExplanation"] == "Public reporting."
    assert us["author"] == {
        "@type": "Organization",
        "name": "Desk Check",
        "url": "https://check.example.org/reviews",
    }
    assert DATE.match(us["datePublished"])
    assert us["datePublished"] == project.verdict(rated["us"].id).modified[:10]

    kim = reviews["relations were at an all-time high"]
    assert kim["itemReviewed"]["author"] == {"@type": "Person", "name": "Kim Jong Un"}
    assert "ratingExplanation" not in kim["reviewRating"]
    assert kim["reviewRating"]["ratingValue"] == 1
    assert "author" not in reviews["Nobody said this"]["itemReviewed"]


def test_no_article_url_no_org_url(project: Project) -> None:
    article = project.import_draft(make_draft("Russia says it won.")).article
    claim = project.annotate_quote(article.id, "it won", "Claim")
    project.set_verdict(claim.id, "False")
    entries = rated_claims(project, build_board(project))
    (review,) = claimreview.document(entries, project.ratings(), Organisation("Desk"))["@graph"]
    assert review["url"] == f"urn:uuid:{claim.id}"
    assert review["author"] == {"@type": "Organization", "name": "Desk"}
    (appearance,) = review["itemReviewed"]["appearance"]
    assert "url" not in appearance and appearance["headline"] == "Russia says it won."
    assert "datePublished" not in review["itemReviewed"]


def test_only_claims_with_a_verdict(project: Project, rated) -> None:
    project.clear_verdict(rated["nobody"].id)
    entries = rated_claims(project, build_board(project))
    assert len(claimreview.document(entries, project.ratings(), ORG)["@graph"]) == 2


def test_an_organisation_is_required(project: Project, rated) -> None:
    with pytest.raises(BadInput, match="--org-name"):
        claimreview.document(rated["entries"], project.ratings(), Organisation("  ", "https://x"))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kim Jong Un", "Person"),
        ("Vladimir Putin", "Person"),
        ("United States", "Organization"),
        ("North Korea", "Organization"),
        ("Russia", "Organization"),
        ("RIA Novosti", "Organization"),
        ("Ministry of Defence", "Organization"),
        ("analysts", "Organization"),
    ],
)
def test_actor_type(name: str, kind: str) -> None:
    assert actor_type(name) == kind


def test_actor_types_can_be_given(project: Project, rated) -> None:
    doc = claimreview.document(
        rated["entries"], project.ratings(), ORG, actor_types={"US": "Person"}
    )
    authors = [r["itemReviewed"].get("author", {}).get("@type") for r in doc["@graph"]]
    assert authors[0] == "Person"
