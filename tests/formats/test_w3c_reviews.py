"""Reviews in the W3C export (``assessing`` annotations) and back on import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.demo import annotate_sample
from annotator.core.project import Project
from annotator.domain.exchange import SetError
from annotator.formats import w3c
from annotator.formats.w3c_import import read_w3c
from tests.formats.test_w3c import collection_problems


@pytest.fixture
def reviewed(tmp_path: Path):
    """The demo set by alice, reviewed by bob (accept, reject, comment with a reply,
    a resolved suggestion, an open one)."""
    alice = Project.open(tmp_path / "a.db", "alice")
    bob = Project(alice.store, "bob")
    article = alice.import_sample().article
    ids = annotate_sample(alice, article.id)
    made = {
        "accept": bob.review(ids["us_weapons"], "accept"),
        "reject": bob.review(ids["media_reported"], "reject", "Too vague to be a source."),
        "question": bob.review(ids["kim_alliance"], "comment", "Whose words?"),
    }
    made["reply"] = alice.review(
        ids["kim_alliance"], "comment", "Kim’s, quoted.", reply_to=made["question"].id
    )
    made["bounds"] = bob.suggest_change(
        ids["us_artillery"], start=alice.annotation(ids["us_artillery"]).start - 3
    )
    made["retag"] = bob.suggest_change(ids["space_help"], tag="Evidence", comment="Hedged.")
    alice.resolve_suggestion(made["retag"].id, accept=False)
    yield alice, article, ids, made
    alice.close()


def _export(project: Project) -> dict:
    return json.loads(json.dumps(w3c.from_export(project.export_data()), ensure_ascii=False))


def test_reviews_are_assessing_annotations(reviewed) -> None:
    alice, article, ids, made = reviewed
    doc = _export(alice)
    texts = {w3c.article_iri(article): alice.article(article.id).text}
    assert collection_problems(doc, texts) == []
    items = {i["id"]: i for i in doc["first"]["items"]}
    reject = items[f"urn:uuid:{made['reject'].id}"]
    assert reject["motivation"] == "assessing"
    assert reject["target"] == f"urn:uuid:{ids['media_reported']}"
    assert reject["creator"]["name"] == "bob"
    assert reject["body"] == [
        {"type": "TextualBody", "purpose": "assessing", "value": "rejected"},
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "Too vague to be a source.",
            "format": "text/plain",
        },
    ]
    reply = items[f"urn:uuid:{made['reply'].id}"]
    assert reply["annotator:replyTo"] == f"urn:uuid:{made['question'].id}"
    bounds = items[f"urn:uuid:{made['bounds'].id}"]
    assert bounds["annotator:suggestedStart"] == made["bounds"].suggested_start
    assert "annotator:suggestedTag" not in bounds and "annotator:resolved" not in bounds
    retag = items[f"urn:uuid:{made['retag'].id}"]
    assert retag["annotator:suggestedTag"] == "Evidence"
    assert retag["annotator:resolution"] == "declined"
    assert retag["annotator:resolved"] == retag["modified"]
    assert doc["total"] == len(doc["first"]["items"])


def test_round_trip_keeps_every_review(reviewed, tmp_path: Path) -> None:
    alice, _article, ids, made = reviewed
    data = json.dumps(_export(alice)).encode()
    other = Project.open(tmp_path / "b.db", "carol")
    try:
        other.import_sample()
        (report,) = other.import_annotations(read_w3c(data, "set.jsonld"))
        assert report.reviews == len(made)
        for review in made.values():
            back = other.find_review(review.id)
            stored = alice.find_review(review.id)
            assert back == stored  # every field, times and ids included
        assert other.review_state(ids["us_weapons"]) == "accepted"
        assert other.review_state(ids["media_reported"]) == "rejected"
        # importing again changes nothing
        before = other.store.db["reviews"].count, other.store.db["events"].count
        (again,) = other.import_annotations(read_w3c(data, "set.jsonld"))
        assert again.reviews == 0
        assert (other.store.db["reviews"].count, other.store.db["events"].count) == before
    finally:
        other.close()


def test_a_suggestion_resolved_later_is_resolved_on_import(reviewed, tmp_path: Path) -> None:
    alice, _article, _ids, made = reviewed
    other = Project.open(tmp_path / "b.db", "carol")
    try:
        other.import_sample()
        other.import_annotations(read_w3c(json.dumps(_export(alice)).encode(), "one"))
        assert other.find_review(made["bounds"].id).resolved is None
        alice.resolve_suggestion(made["bounds"].id, accept=True)
        (report,) = other.import_annotations(read_w3c(json.dumps(_export(alice)).encode(), "two"))
        assert report.updated == 1  # the annotation itself, with its new boundaries
        back = other.find_review(made["bounds"].id)
        assert back.resolution == "accepted"
        assert back == alice.find_review(made["bounds"].id)
    finally:
        other.close()


def test_bad_review_fields_are_refused() -> None:
    review = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:9b7f6f52-3c55-4d0e-9a7b-0d2b1f6c1a11",
        "type": "Annotation",
        "motivation": "assessing",
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": "suggested"}],
        "target": "http://example.org/anno23",
        "annotator:suggestedStart": -1,
        "annotator:replyTo": 7,
    }
    with pytest.raises(SetError, match="suggestedStart") as caught:
        read_w3c(json.dumps([review]).encode(), "x")
    assert "replyTo is not a string" in str(caught.value)
