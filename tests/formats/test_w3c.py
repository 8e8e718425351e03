"""The W3C Web Annotation export, checked by a small structural validator of our own.

The validator follows the Web Annotation Data Model's MUSTs for the parts we
write (collection, embedded page, annotation, target, selectors, bodies); the
full W3C test-suite check lives outside the project (``check_w3c.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from annotator.domain.model import Annotation, Article
from annotator.formats import w3c
from annotator.formats.w3c import ANNO_CONTEXT, ExportError
from tests.conftest import make_draft

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
URN_UUID = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
STRESS = Path(__file__).resolve().parents[1] / "fixtures" / "offsets-stress.txt"


def _iso_datetime(value: Any) -> bool:
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _has_context(obj: dict[str, Any]) -> bool:
    context = obj.get("@context")
    return context == ANNO_CONTEXT or (isinstance(context, list) and context[:1] == [ANNO_CONTEXT])


def _has_creator(creator: Any) -> bool:
    return (isinstance(creator, str) and bool(IRI.match(creator))) or (
        isinstance(creator, dict) and bool(creator.get("name") or creator.get("id"))
    )


def linking_problems(item: dict[str, Any], spans: set[str] | None, need) -> None:
    """A link: target the source annotation's IRI, body the linked annotation's IRI plus
    one tagging TextualBody naming the relation type."""
    target = item.get("target")
    need(isinstance(target, str) and bool(URN_UUID.match(target)), "link target is not a urn:uuid")
    bodies = _as_list(item.get("body"))
    linked = [b for b in bodies if isinstance(b, dict) and set(b) == {"id"}]
    tags = [b for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
    need(len(bodies) == 2 and len(linked) == 1 and len(tags) == 1, "link body is not [id, tag]")
    if linked:
        need(bool(URN_UUID.match(str(linked[0]["id"]))), "linked body id is not a urn:uuid")
        need(linked[0]["id"] != target, "a link points to itself")
    for tag in tags:
        need(tag.get("type") == "TextualBody", "the link's tag is not a TextualBody")
        need(isinstance(tag.get("value"), str) and bool(tag["value"]), "the link has no type")
    if spans is not None and linked:
        need(target in spans, "link target is not an exported annotation")
        need(linked[0]["id"] in spans, "linked annotation is not exported")


REVIEW_DECISIONS = {"accepted", "rejected", "commented", "suggested"}


def assessing_problems(item: dict[str, Any], spans: set[str] | None, need) -> None:
    """A review: target the reviewed annotation's IRI, one assessing TextualBody with the
    decision, at most one commenting body; the annotator: extras typed."""
    target = item.get("target")
    need(isinstance(target, str) and bool(URN_UUID.match(target)), "review target not urn:uuid")
    bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    purposes = [b.get("purpose") for b in bodies]
    need(purposes.count("assessing") == 1, "a review needs one assessing body")
    need(purposes.count("commenting") <= 1, "more than one comment on a review")
    need(set(purposes) <= {"assessing", "commenting"}, "a review body purpose?")
    for body in bodies:
        need(body.get("type") == "TextualBody", "a review body is not a TextualBody")
        need(isinstance(body.get("value"), str) and bool(body["value"]), "a body has no value")
        if body.get("purpose") == "assessing":
            need(body.get("value") in REVIEW_DECISIONS, "unknown review decision")
    reply = item.get("annotator:replyTo")
    need(reply is None or bool(URN_UUID.match(str(reply))), "replyTo is not a urn:uuid")
    for key in ("annotator:suggestedStart", "annotator:suggestedEnd"):
        value = item.get(key)
        need(value is None or (isinstance(value, int) and value >= 0), f"{key} not an offset")
    resolved = item.get("annotator:resolved")
    need(resolved is None or _iso_datetime(resolved), "resolved is not a date-time")
    need(item.get("annotator:resolution") in (None, "accepted", "declined"), "resolution?")
    if spans is not None:
        need(target in spans, "review target is not an exported annotation")


def annotation_problems(
    item: Any, texts: dict[str, str] | None = None, spans: set[str] | None = None
) -> list[str]:
    """What is wrong with one exported annotation (empty: nothing). ``spans``: the ids of
    the exported span annotations, which links must point to."""
    if not isinstance(item, dict):
        return ["an item is not an object"]
    where = f"annotation {item.get('id', '?')}"
    out: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            out.append(f"{where}: {message}")

    need(_has_context(item), "@context is not the anno.jsonld context")
    need(isinstance(item.get("id"), str) and bool(IRI.match(item["id"])), "id is not an IRI")
    need(bool(URN_UUID.match(str(item.get("id", "")))), "id is not a urn:uuid")
    need(item.get("type") == "Annotation", "type is not Annotation")
    need(_iso_datetime(item.get("created")), "created is not an ISO-8601 date-time")
    need(_iso_datetime(item.get("modified")), "modified is not an ISO-8601 date-time")
    need(_has_creator(item.get("creator")), "creator is missing")
    if item.get("motivation") == "linking":
        linking_problems(item, spans, need)
        return out
    if item.get("motivation") == "assessing":
        assessing_problems(item, spans, need)
        return out
    need(item.get("motivation") == "classifying", "motivation is not classifying or linking")

    bodies = _as_list(item.get("body"))
    need(bool(bodies) and all(isinstance(b, dict) for b in bodies), "body is missing")
    bodies = [b for b in bodies if isinstance(b, dict)]
    for body in bodies:
        need(body.get("type") == "TextualBody", "a body is not a TextualBody")
        need(isinstance(body.get("value"), str) and bool(body["value"]), "a body has no value")
    purposes = [b.get("purpose") for b in bodies]
    need(purposes.count("classifying") == 1, "no (single) classifying body for the tag")
    need(purposes.count("commenting") <= 1, "more than one commenting body")
    need(purposes.count("assessing") <= 1, "more than one verdict")
    need(set(purposes) <= {"classifying", "commenting", "identifying", "assessing"}, "a purpose?")
    for verdict in (b for b in bodies if b.get("purpose") == "assessing"):
        need(verdict.get("annotator:role") == "verdict", "an assessing body is not a verdict")
        need(_has_creator(verdict.get("creator")), "a verdict has no creator")
        for key in ("created", "modified"):
            need(_iso_datetime(verdict.get(key)), f"a verdict's {key} is not a date-time")
        explanation = verdict.get("annotator:explanation", "")
        need(isinstance(explanation, str), "a verdict's explanation is not text")

    target = item.get("target")
    need(isinstance(target, dict), "target is not an object")
    if not isinstance(target, dict):
        return out
    source = target.get("source")
    need(isinstance(source, str) and bool(IRI.match(source)), "target source is not an IRI")
    selectors = _as_list(target.get("selector"))
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    quote, position = by_type.get("TextQuoteSelector"), by_type.get("TextPositionSelector")
    need(quote is not None, "no TextQuoteSelector")
    need(position is not None, "no TextPositionSelector")
    if quote is not None:
        need(isinstance(quote.get("exact"), str) and bool(quote["exact"]), "exact is empty")
        for key in ("prefix", "suffix"):
            need(isinstance(quote.get(key), str), f"{key} is not a string")
    if position is not None:
        start, end = position.get("start"), position.get("end")
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
        need(ints, "start/end are not integers")
        if ints:
            need(0 <= start < end, f"0 <= start < end fails ({start}, {end})")
    if texts is not None and quote and position and isinstance(source, str):
        text = texts.get(source)
        need(text is not None, f"target source {source} is not an exported article")
        if text is not None and not out:
            s, e = position["start"], position["end"]
            need(text[s:e] == quote["exact"], "text[start:end] != exact")
            need(text[:s].endswith(quote["prefix"]), "prefix does not precede the quote")
            need(text[e:].startswith(quote["suffix"]), "suffix does not follow the quote")
    return out


def collection_problems(doc: Any, texts: dict[str, str] | None = None) -> list[str]:
    """What is wrong with an exported AnnotationCollection (empty: nothing)."""
    if not isinstance(doc, dict):
        return ["the export is not a JSON object"]
    out: list[str] = []
    if not _has_context(doc):
        out.append("collection: @context is not the anno.jsonld context")
    if not (isinstance(doc.get("id"), str) and IRI.match(doc["id"])):
        out.append("collection: id is not an IRI")
    if doc.get("type") != "AnnotationCollection":
        out.append("collection: type is not AnnotationCollection")
    first = doc.get("first")
    if not isinstance(first, dict):
        return [*out, "collection: first is not an embedded page"]
    if first.get("type") != "AnnotationPage":
        out.append("page: type is not AnnotationPage")
    if not (isinstance(first.get("id"), str) and IRI.match(first["id"])):
        out.append("page: id is not an IRI")
    items = first.get("items")
    if not isinstance(items, list):
        return [*out, "page: items is not a list"]
    if doc.get("total") != len(items):
        out.append(f"collection: total {doc.get('total')} != {len(items)} items")
    ids = [i.get("id") for i in items if isinstance(i, dict)]
    if len(set(ids)) != len(ids):
        out.append("page: annotation ids repeat")
    spans = {
        i["id"]
        for i in items
        if isinstance(i, dict)
        and i.get("motivation") not in ("linking", "assessing")
        and isinstance(i.get("id"), str)
    }
    for item in items:
        out.extend(annotation_problems(item, texts, spans))
    return out


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture
def stress(project) -> Article:
    raw = STRESS.read_bytes()
    draft = make_draft(raw.decode("utf-8"), title="Offsets under stress", url="https://e.org/a")
    return project.import_draft(draft).article


def _annotate(project, article: Article) -> list[Annotation]:
    made = [
        project.annotate_quote(article.id, "Seoul — The ministry", "Claim", note="No-break space."),
        project.annotate_quote(article.id, "김정은 위원장", "Source", actor="Kim Jong Un"),
        project.annotate_quote(article.id, "Jose\u0301 Martí", "Source"),
        project.annotate_quote(article.id, "👨\u200d👩\u200d👧", "Evidence"),
        project.annotate_quote(article.id, "قال المتحدث إن التقرير كاذب", "Denial"),
        project.annotate_quote(
            article.id, "U.S. claims", "Claim", actor="United States", note="Who counted?"
        ),
    ]
    return made


def _export(project, *articles: Article) -> dict[str, Any]:
    data = w3c.collection(
        ((project.article(a.id), project.annotations(a.id)) for a in articles), label="test"
    )
    # what the CLI writes: it must survive a JSON round trip unchanged
    return json.loads(json.dumps(data, ensure_ascii=False))


def _texts(project, *articles: Article) -> dict[str, str]:
    return {w3c.article_iri(a): project.article(a.id).text for a in articles}


# --- tests ---------------------------------------------------------------------------


def test_export_has_the_web_annotation_shape(project, stress: Article) -> None:
    made = _annotate(project, stress)
    data = _export(project, stress)
    assert collection_problems(data, _texts(project, stress)) == []
    assert data["@context"] == ANNO_CONTEXT or data["@context"][0] == ANNO_CONTEXT
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == len(made) == len(data["first"]["items"])
    assert data["first"]["type"] == "AnnotationPage"
    assert {i["id"] for i in data["first"]["items"]} == {f"urn:uuid:{a.id}" for a in made}


def test_bodies_selectors_and_creator(project, stress: Article) -> None:
    made = {a.exact: a for a in _annotate(project, stress)}
    items = {
        i["id"].removeprefix("urn:uuid:"): i for i in _export(project, stress)["first"]["items"]
    }
    us = items[made["U.S. claims"].id]
    bodies = {b["purpose"]: b for b in us["body"]}
    assert bodies["classifying"] == {**bodies["classifying"], "value": "Claim"}
    assert bodies["commenting"]["value"] == "Who counted?"
    assert any(b.get("value") == "United States" for b in us["body"])
    assert us["creator"]["name"] == "alice"
    assert us["target"]["source"] == w3c.article_iri(stress)

    family = items[made["👨\u200d👩\u200d👧"].id]
    assert [b["purpose"] for b in family["body"]] == ["classifying"]  # no note, no actor
    selectors = {s["type"]: s for s in family["target"]["selector"]}
    text = project.article(stress.id).text
    position = selectors["TextPositionSelector"]
    assert position["start"] == text.index("👨")  # code points, not UTF-16 units
    assert position["end"] - position["start"] == 5
    assert selectors["TextQuoteSelector"]["exact"] == "👨\u200d👩\u200d👧"

    nbsp = items[made["Seoul\u00a0— The ministry"].id]
    quote = {s["type"]: s for s in nbsp["target"]["selector"]}["TextQuoteSelector"]
    assert quote["exact"] == "Seoul\u00a0— The ministry"
    assert quote["prefix"] == "Offsets under stress\n\n"


def test_several_articles_and_empty_export(project, stress: Article) -> None:
    other = project.import_draft(make_draft("Another text, another claim.\n")).article
    project.annotate_quote(other.id, "another claim", "Claim")
    _annotate(project, stress)
    data = _export(project, stress, other)
    assert collection_problems(data, _texts(project, stress, other)) == []
    assert data["total"] == 7
    assert {i["target"]["source"] for i in data["first"]["items"]} == {
        w3c.article_iri(stress),
        w3c.article_iri(other),
    }
    empty = _export(project, project.import_draft(make_draft("Nothing tagged.\n")).article)
    assert collection_problems(empty) == []
    assert empty["total"] == 0 and empty["first"]["items"] == []


def test_deleted_annotations_are_not_exported(project, stress: Article) -> None:
    made = _annotate(project, stress)
    project.delete_annotation(made[0].id)
    project.delete_annotation(made[3].id)
    everything = project.annotations(stress.id, include_deleted=True)
    assert len(everything) == len(made)
    data = w3c.collection([(project.article(stress.id), everything)], label="with deleted")
    ids = {i["id"] for i in data["first"]["items"]}
    assert data["total"] == len(made) - 2 == len(ids)
    assert f"urn:uuid:{made[0].id}" not in ids and f"urn:uuid:{made[3].id}" not in ids
    project.restore_annotation(made[0].id)
    assert _export(project, stress)["total"] == len(made) - 1


def test_an_annotation_that_does_not_match_the_text_fails_the_export(
    project, stress: Article
) -> None:
    made = _annotate(project, stress)
    article = project.article(stress.id)
    broken = replace(made[1], exact="something else")
    with pytest.raises(ExportError, match=made[1].id):
        w3c.collection([(article, [made[0], broken])], label="broken")
    shifted = replace(made[2], start=made[2].start + 1, end=made[2].end + 1)
    with pytest.raises(ExportError):
        w3c.annotation_json(article, shifted)


def test_the_validator_catches_what_it_should(project, stress: Article) -> None:
    _annotate(project, stress)
    good = _export(project, stress)
    texts = _texts(project, stress)

    def broken(change) -> list[str]:
        doc = json.loads(json.dumps(good))
        change(doc)
        return collection_problems(doc, texts)

    def item(doc):
        return doc["first"]["items"][0]

    def selectors(doc):
        return item(doc)["target"]["selector"]

    assert broken(lambda d: d.update({"@context": "http://www.w3.org/ns/oa.jsonld"}))
    assert broken(lambda d: d.update({"total": 99}))
    assert broken(lambda d: d.update({"first": [d["first"]]}))
    assert broken(lambda d: item(d).update({"id": "not an iri"}))
    assert broken(lambda d: item(d).update({"type": "Note"}))
    assert broken(lambda d: item(d).update({"created": "yesterday"}))
    assert broken(lambda d: item(d).update({"modified": "2024-01-01"}))
    assert broken(lambda d: item(d).pop("creator"))
    assert broken(lambda d: item(d).update({"body": []}))
    assert broken(lambda d: item(d)["body"][0].update({"purpose": "tagging"}))
    assert broken(lambda d: selectors(d).pop(1))
    assert broken(lambda d: selectors(d).pop(0))
    assert broken(lambda d: selectors(d)[1].update({"start": "3"}))
    assert broken(lambda d: selectors(d)[1].update({"end": selectors(d)[1]["start"]}))
    assert broken(lambda d: selectors(d)[0].update({"exact": selectors(d)[0]["exact"] + "x"}))
    assert broken(lambda d: selectors(d)[0].update({"prefix": "nowhere"}))
    assert broken(lambda d: item(d)["target"].update({"source": "urn:uuid:elsewhere"}))


# --- links and verdicts --------------------------------------------------------------


def _linked(project, article: Article) -> dict[str, Any]:
    made = {a.exact: a for a in _annotate(project, article)}
    claim, source = made["U.S. claims"], made["김정은 위원장"]
    denial = made["قال المتحدث إن التقرير كاذب"]
    evidence = made["👨\u200d👩\u200d👧"]
    links = [
        project.link(claim.id, source.id, "attributed to"),
        project.link(denial.id, claim.id),
        project.link(evidence.id, claim.id, "contradicts"),
    ]
    project.set_verdict(claim.id, "Mostly false", "Counted twice.")
    return {"made": made, "links": links, "claim": claim, "denial": denial}


def _full_export(project, article: Article) -> dict[str, Any]:
    data = w3c.collection(
        [(project.article(article.id), project.annotations(article.id))],
        label="with links",
        relations=project.relations(article.id),
        verdicts=project.verdicts(article.id),
    )
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_links_are_linking_annotations(project, stress: Article) -> None:
    case = _linked(project, stress)
    data = _full_export(project, stress)
    assert collection_problems(data, _texts(project, stress)) == []
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(case["made"]) + 3
    links = {i["id"]: i for i in items if i["motivation"] == "linking"}
    assert list(links) == [f"urn:uuid:{r.id}" for r in case["links"]]
    denies = links[f"urn:uuid:{case['links'][1].id}"]
    assert denies["target"] == f"urn:uuid:{case['denial'].id}"
    assert denies["body"] == [
        {"id": f"urn:uuid:{case['claim'].id}"},
        {"type": "TextualBody", "purpose": "tagging", "value": "denies"},
    ]
    assert denies["creator"]["name"] == "alice"
    assert [i["body"][1]["value"] for i in links.values()] == [
        "attributed_to",
        "denies",
        "contradicts",
    ]
    # without relations and verdicts: the spans only, as before
    assert _export(project, stress)["total"] == len(case["made"])


def test_a_verdict_is_an_assessing_body(project, stress: Article) -> None:
    case = _linked(project, stress)
    items = {i["id"]: i for i in _full_export(project, stress)["first"]["items"]}
    claim = items[f"urn:uuid:{case['claim'].id}"]
    (verdict,) = [b for b in claim["body"] if b["purpose"] == "assessing"]
    stored = project.verdict(case["claim"].id)
    assert verdict == {
        "type": "TextualBody",
        "purpose": "assessing",
        "value": "Mostly false",
        "annotator:role": "verdict",
        "annotator:explanation": "Counted twice.",
        "creator": {"type": "Person", "name": "alice", "nickname": "alice"},
        "created": stored.created,
        "modified": stored.modified,
    }
    denial = items[f"urn:uuid:{case['denial'].id}"]
    assert all(b["purpose"] != "assessing" for b in denial["body"])


def test_links_to_deleted_or_unexported_annotations_are_left_out(project, stress) -> None:
    case = _linked(project, stress)
    project.delete_annotation(case["denial"].id)
    data = _full_export(project, stress)
    assert collection_problems(data, _texts(project, stress)) == []
    assert sum(i["motivation"] == "linking" for i in data["first"]["items"]) == 2
    # links given for annotations that are not in the export are not written
    relations = project.relations(stress.id)
    only = [a for a in project.annotations(stress.id) if a.id != case["claim"].id]
    partial = w3c.collection([(project.article(stress.id), only)], label="x", relations=relations)
    assert all(i["motivation"] != "linking" for i in partial["first"]["items"])


def test_the_validator_catches_broken_links(project, stress: Article) -> None:
    _linked(project, stress)
    good = _full_export(project, stress)
    texts = _texts(project, stress)

    def broken(change) -> list[str]:
        doc = json.loads(json.dumps(good))
        link = next(i for i in doc["first"]["items"] if i["motivation"] == "linking")
        claim = next(
            i for i in doc["first"]["items"] if any(b["purpose"] == "assessing" for b in i["body"])
        )
        change(link, claim)
        return collection_problems(doc, texts)

    assert broken(lambda link, claim: None) == []
    assert broken(lambda link, claim: link.update({"target": "urn:uuid:" + "0" * 8 + "-0000"}))
    assert broken(lambda link, claim: link["body"][0].update({"id": f"urn:uuid:{uuid4()}"}))
    assert broken(lambda link, claim: link["body"].pop(1))
    assert broken(lambda link, claim: link["body"][1].update({"value": ""}))
    assert broken(lambda link, claim: link.update({"target": link["body"][0]["id"]}))
    assert broken(lambda link, claim: link.pop("creator"))
    verdict = lambda claim: next(b for b in claim["body"] if b["purpose"] == "assessing")  # noqa: E731
    assert broken(lambda link, claim: verdict(claim).pop("annotator:role"))
    assert broken(lambda link, claim: verdict(claim).update({"modified": "today"}))
    assert broken(lambda link, claim: claim["body"].append(dict(verdict(claim))))
