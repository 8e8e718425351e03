"""Reading W3C Web Annotations back: our own export round-trips; plain W3C from other
tools (the model's own examples) is read; every kind of bad input is refused with the
bad items named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.demo import annotate_sample
from annotator.core.project import Project
from annotator.domain.exchange import SetError
from annotator.formats import strict_json, w3c
from annotator.formats.exchange_io import read_annotation_file
from annotator.formats.w3c_import import read_w3c
from tests.conftest import make_draft

MODEL_EXAMPLE = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno23",
    "type": "Annotation",
    "creator": "http://example.org/user1",
    "created": "2015-01-28T12:00:00Z",
    "body": [
        {"type": "TextualBody", "purpose": "tagging", "value": "Claim"},
        {"type": "TextualBody", "purpose": "commenting", "value": "Check the source."},
    ],
    "target": {
        "source": "http://example.org/page1",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": "anotation",
                "prefix": "this is an ",
                "suffix": " that has some",
            },
            {"type": "TextPositionSelector", "start": 11, "end": 20},
        ],
    },
}
PAGE1 = "this is an anotation that has some typos in it."


def _normalised(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The items without what differs between two databases (the article's own id)."""
    items = []
    for item in data["first"]["items"]:
        item = json.loads(json.dumps(item))
        if isinstance(item.get("target"), dict):
            item["target"].pop("source")
        items.append(item)
    return sorted(items, key=lambda i: i["id"])


def test_export_import_export_gives_the_same_set(tmp_path: Path) -> None:
    source = Project.open(tmp_path / "a.db", "alice")
    article = source.import_sample().article
    annotate_sample(source, article.id)
    first = w3c.from_export(source.export_data())
    target = Project.open(tmp_path / "b.db", "bob")
    target.import_sample()
    (report,) = target.import_annotations(read_w3c(json.dumps(first).encode(), "demo.jsonld"))
    assert (report.exact, report.new, report.relations, report.verdicts) == (28, 28, 21, 2)
    second = w3c.from_export(target.export_data())
    assert _normalised(second) == _normalised(first)
    assert second["annotator:articles"][0]["annotator:sha256"] == article.sha256
    source.close()
    target.close()


def test_the_shipped_demo_set_is_read(tmp_path: Path) -> None:
    path = Path(w3c.__file__).parent.parent / "resources" / "samples"
    aset = read_annotation_file(path / "kim-putin-alliance.annotations.jsonld")
    assert aset.source_format == "w3c" and aset.annotation_count == 28
    (only,) = aset.articles
    assert only.ref.sha256 and only.ref.title
    assert len(only.relations) == 21
    assert sum(a.verdict is not None for a in only.annotations) == 2


def test_the_w3c_model_example_is_read_and_imported(tmp_path: Path) -> None:
    aset = read_w3c(json.dumps(MODEL_EXAMPLE).encode(), "anno23.json")
    (only,) = aset.articles
    assert only.ref.url == "http://example.org/page1"
    (a,) = only.annotations
    assert (a.tag, a.exact, a.start, a.end, a.note) == (
        "Claim",
        "anotation",
        11,
        20,
        "Check the source.",
    )
    assert (a.annotator, a.created, a.id) == (
        "http://example.org/user1",
        "2015-01-28T12:00:00Z",
        None,
    )
    project = Project.open(tmp_path / "p.db", "bob")
    project.import_draft(make_draft(PAGE1, url="http://example.org/page1"))
    (report,) = project.import_annotations(aset)
    assert (report.matched, report.exact, report.new) == ("url", 1, 1)
    assert project.import_annotations(aset)[0].unchanged == 1
    project.close()


def test_other_shapes_single_selector_refined_list_and_page() -> None:
    one = json.loads(json.dumps(MODEL_EXAMPLE))
    one["target"]["selector"] = {
        "type": "RangeSelector",
        "refinedBy": {"type": "TextQuoteSelector", "exact": "typos"},
    }
    one["body"] = {"type": "TextualBody", "purpose": "classifying", "value": "Evidence"}
    (a,) = read_w3c(json.dumps(one).encode(), "x").articles[0].annotations
    assert (a.tag, a.exact, a.start) == ("Evidence", "typos", None)
    as_list = read_w3c(json.dumps([MODEL_EXAMPLE, one]).encode(), "x")
    assert as_list.annotation_count == 2
    page = {"type": "AnnotationPage", "items": [MODEL_EXAMPLE, one]}
    assert read_w3c(json.dumps(page).encode(), "x").annotation_count == 2
    collection = {"type": "AnnotationCollection", "first": [page]}
    assert read_w3c(json.dumps(collection).encode(), "x").annotation_count == 2


def test_review_annotations_are_read() -> None:
    review = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:9b7f6f52-3c55-4d0e-9a7b-0d2b1f6c1a11",
        "type": "Annotation",
        "motivation": "assessing",
        "creator": {"type": "Person", "name": "carol"},
        "created": "2024-06-20T10:00:00Z",
        "body": [
            {"type": "TextualBody", "value": "accepted"},
            {"type": "TextualBody", "purpose": "commenting", "value": "fine"},
        ],
        "target": "http://example.org/anno23",
    }
    aset = read_w3c(json.dumps([MODEL_EXAMPLE, review]).encode(), "x")
    (r,) = aset.articles[0].reviews
    assert (r.annotation_key, r.reviewer, r.decision, r.comment) == (
        "http://example.org/anno23",
        "carol",
        "accepted",
        "fine",
    )


def _refused(data: bytes | str, *words: str) -> SetError:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(SetError) as caught:
        read_w3c(raw, "bad.jsonld")
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return caught.value


def _with(**changes: Any) -> dict[str, Any]:
    item = json.loads(json.dumps(MODEL_EXAMPLE))
    item["id"] = "urn:uuid:00000000-0000-4000-8000-000000000003"
    item["target"]["selector"][1].update(changes)
    return item


def test_bad_json_is_refused() -> None:
    _refused('{"start": NaN}', "NaN")
    _refused('{"start": Infinity}', "Infinity")
    _refused('{"id": "a", "id": "b"}', "twice")
    _refused("[" * 100 + "]" * 100, "nested")
    _refused("[" * 100_000 + "]" * 100_000, "nested")
    _refused("{not json", "not valid JSON")
    _refused(b"\xff\xfe\x00garbage", "UTF-8")


def test_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strict_json, "MAX_BYTES", 100)
    _refused(json.dumps(MODEL_EXAMPLE), "larger than")


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"start": "11"}, ["start is not an integer"]),
        ({"start": 11.5}, ["start is not an integer"]),
        ({"start": True}, ["start is not an integer"]),
        ({"start": -1}, ["start -1 is out of range"]),
        ({"end": 2**40}, ["out of range"]),
        ({"start": 20, "end": 20}, ["is not before end"]),
        ({"start": 30, "end": 20}, ["is not before end"]),
    ],
)
def test_bad_offsets_are_refused_with_the_item_named(changes: dict, words: list[str]) -> None:
    items = [MODEL_EXAMPLE, MODEL_EXAMPLE, _with(**changes)]
    error = _refused(
        json.dumps(items), "item 3 (urn:uuid:00000000-0000-4000-8000-000000000003)", *words
    )
    assert len(error.problems) == 1


def test_every_bad_item_is_listed() -> None:
    no_tag = _with()
    no_tag["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": "x"}]
    no_selector = _with()
    no_selector["target"] = "http://example.org/page1"
    wrong_types = _with()
    wrong_types["created"] = 2015
    wrong_types["body"][0]["value"] = ["Claim"]
    bad_quote = _with()
    bad_quote["target"]["selector"][0]["exact"] = 5
    items = [no_tag, MODEL_EXAMPLE, no_selector, wrong_types, 7, bad_quote, _with(start="x")]
    error = _refused(json.dumps(items), "item 1", "no tag", "item 3", "item 4")
    text = " | ".join(error.problems)
    assert "created is not a string" in text and "not a JSON object" in text
    assert "item 6" in text and "item 7" in text
    assert "more" in str(error)  # the message lists the first five and counts the rest


def test_out_of_range_offsets_with_a_quote_are_not_errors() -> None:
    far = _with(start=10_000, end=10_009)
    (a,) = read_w3c(json.dumps(far).encode(), "x").articles[0].annotations
    assert (a.start, a.exact) == (10_000, "anotation")


def test_detection_refuses_unknown_files(tmp_path: Path) -> None:
    from annotator.domain.errors import BadInput

    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(BadInput, match="W3C Web Annotation"):
        read_annotation_file(other)
    (tmp_path / "x.xml").write_text("<x/>", encoding="utf-8")
    with pytest.raises(BadInput, match="unknown annotation set format"):
        read_annotation_file(tmp_path / "x.xml")
    (tmp_path / "empty.json").write_bytes(b"")
    with pytest.raises(BadInput, match="empty"):
        read_annotation_file(tmp_path / "empty.json")
