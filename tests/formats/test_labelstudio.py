"""Label Studio JSON tasks: export, round trip, offsets (code points; UTF-16 from older
versions), documented exports, the labelling config, and strict reading."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from annotator.core.project import Project
from annotator.domain.exchange import SetError
from annotator.domain.tagset import default_ratings, default_relation_types, default_tagset
from annotator.domain.text import cp_to_utf16, normalize
from annotator.formats.labelstudio import labelstudio_config, read_labelstudio, to_labelstudio
from tests.conftest import FIXTURES
from tests.formats.exchange_helpers import Builder, assert_round_trip, by_quote, demo_export


def _read(value: object, name: str = "ls.json"):
    return read_labelstudio(json.dumps(value, ensure_ascii=False).encode("utf-8"), name)


# the shape of Label Studio's documented JSON export of a NER task
DOCUMENTED = [
    {
        "id": 1,
        "data": {"text": "💩This is an annotation."},
        "annotations": [
            {
                "id": 9,
                "completed_by": 1,
                "created_username": " annotator@example.com, 1",
                "result": [
                    {
                        "value": {"start": 12, "end": 22, "text": "annotation", "labels": ["Term"]},
                        "id": "gew3t9fgkg",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "origin": "manual",
                    }
                ],
                "was_cancelled": False,
                "ground_truth": False,
            }
        ],
        "predictions": [],
    }
]


def test_demo_set_round_trip(project: Project) -> None:
    data, ids = demo_export(project)
    exported = json.loads(to_labelstudio(data))
    (task,) = exported
    assert task["data"]["text"] == data.articles[0].article.text
    assert task["data"]["meta"]["sha256"] == data.articles[0].article.sha256
    (annotation,) = task["annotations"]
    assert annotation["created_username"] == "alice"
    kinds = {r["type"] for r in annotation["result"]}
    assert kinds == {"labels", "relation", "choices", "textarea"}
    back = _read(exported)
    assert back.source_format == "labelstudio"
    assert_round_trip(data, back, ids=True, annotators=True)
    ref = back.articles[0].ref
    assert ref.title == data.articles[0].article.title and ref.url == data.articles[0].article.url


def test_documented_export_reads() -> None:
    (article,) = _read(DOCUMENTED).articles
    (span,) = article.annotations
    assert (span.tag, span.exact, span.start, span.end) == ("Term", "annotation", 12, 22)
    assert span.annotator == "annotator@example.com" and span.key == "gew3t9fgkg"
    assert span.id is None  # not a UUID


def test_offsets_are_code_points_and_emoji_count_once() -> None:
    b = Builder((FIXTURES / "offsets-stress.txt").read_text("utf-8"))
    quotes = ("“routine” 👍🏽", "🇰🇵", "김정은 위원장", "قال المتحدث إن التقرير كاذب", "👨‍👩‍👧 and")
    for quote in quotes:
        b.span("Claim", quote)
    data = b.data()
    exported = json.loads(to_labelstudio(data))
    text = exported[0]["data"]["text"]
    for r in exported[0]["annotations"][0]["result"]:
        assert text[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]
    assert_round_trip(data, _read(exported), ids=True)


def test_utf16_offsets_of_older_versions_are_converted() -> None:
    text = (FIXTURES / "offsets-stress.txt").read_text("utf-8")
    quote = "the U.S. claims 1,000 containers"
    start = text.index(quote)
    u16 = cp_to_utf16(text, start)
    assert u16 > start  # astral characters come before it
    task = json.loads(json.dumps(DOCUMENTED[0]))
    task["data"]["text"] = text
    task["annotations"][0]["result"][0]["value"] = {
        "start": u16,
        "end": u16 + len(quote),
        "text": quote,
        "labels": ["Claim"],
    }
    (article,) = _read([task]).articles
    (span,) = article.annotations
    stored = normalize(text).index(quote)  # the fixture has a decomposed accent before it
    assert stored == start - 1 and article.ref.text == normalize(text)
    assert (span.start, span.end, span.exact) == (stored, stored + len(quote), quote)


def test_per_region_results_relations_direction_and_crlf() -> None:
    raw = "Head\r\nRussia denies that it shipped shells.\r\nThe US says it did."
    denial, claim = raw.index("Russia denies"), raw.index("The US says it did")
    task = {
        "id": 7,
        "data": {"text": raw, "meta": {"title": "T", "url": "https://x.example"}},
        "annotations": [
            {"was_cancelled": True, "result": [{"type": "labels", "id": "zz", "value": {}}]},
            {
                "completed_by": {"id": 3, "email": "bob@example.com"},
                "result": [
                    {"id": "d", "type": "labels", "from_name": "label", "to_name": "text",
                     "value": {"start": denial, "end": denial + 13, "labels": ["Denial"]},
                     "meta": {"text": ["checked"]}},
                    {"id": "c", "type": "labels", "from_name": "label", "to_name": "text",
                     "value": {"start": claim, "end": claim + 18, "text": "The US says it did",
                               "labels": ["Claim", "Source"]}},
                    {"id": "c", "type": "choices", "from_name": "verdict", "to_name": "text",
                     "value": {"start": claim, "end": claim + 18, "choices": ["False"]}},
                    {"id": "c", "type": "textarea", "from_name": "actor", "to_name": "text",
                     "value": {"start": claim, "end": claim + 18, "text": ["United States"]}},
                    {"type": "relation", "from_id": "c", "to_id": "d", "direction": "left",
                     "labels": ["denies"]},
                    {"id": "whole", "type": "choices", "from_name": "sentiment",
                     "to_name": "text", "value": {"choices": ["neutral"]}},
                ],
            },
        ],
    }  # fmt: skip
    got = _read([task])
    (article,) = got.articles
    assert article.ref.text == "Head\nRussia denies that it shipped shells.\nThe US says it did."
    assert (article.ref.title, article.ref.url, article.ref.key) == ("T", "https://x.example", "7")
    spans = by_quote(got)
    d = spans[("Denial", "Russia denies")]
    assert d.note == "checked" and d.annotator == "bob@example.com"
    c = spans[("Claim", "The US says it did")]
    assert c.verdict == "False" and c.actor == "United States" and c.key == "c"
    assert spans[("Source", "The US says it did")].key == "c#2"
    assert [(r.from_key, r.to_key, r.type) for r in article.relations] == [("d", "c", "denies")]
    assert article.ref.text[c.start : c.end] == c.exact


@pytest.mark.parametrize(
    ("tasks", "expected"),
    [
        ({"foo": 1}, 'task #1: not a task (an object with "data")'),
        ([{"id": 3, "data": {"a": 1}}], 'task 3: no "text" in its data'),
        ([{"id": 3, "data": {"text": "abc"}, "annotations": {}}], 'task 3: "annotations" is not'),
        (
            [{"id": 3, "data": {"text": "abc"}, "annotations": [{"result": [
                {"id": "r1", "type": "labels", "value": {"start": 0, "end": 2, "text": "xy",
                                                          "labels": ["C"]}}]}]}],
            "task 3: region r1: 'xy' is not at 0..2 (the text there: 'ab')",
        ),
        (
            [{"id": 3, "data": {"text": "abc"}, "annotations": [{"result": [
                {"id": "r1", "type": "labels", "value": {"start": "/p[1]", "end": "/p[1]",
                                                          "labels": ["C"]}}]}]}],
            "task 3: region r1: start and end must be whole numbers",
        ),
        (
            [{"id": 3, "data": {"text": "abc"}, "annotations": [{"result": [
                {"id": "r1", "type": "labels", "value": {"start": 0, "end": 9, "labels": ["C"]}}
            ]}]}],
            "task 3: region r1: offsets 0..9 outside the text (0..3)",
        ),
        (
            [{"id": 3, "data": {"text": "abc"}, "annotations": [{"result": [
                {"type": "relation", "from_id": "a", "to_id": "b", "labels": ["denies"]}]}]}],
            "task 3: relation a → b: no region a, b",
        ),
        (
            [{"id": 3, "data": {"text": "abc"}, "annotations": [{"result": [
                {"type": "relation", "from_id": "a", "to_id": "b"}]}]}],
            "task 3: relation a → b: no label (its type)",
        ),
        ([], "not a list of Label Studio tasks"),
    ],
)  # fmt: skip
def test_bad_tasks_are_named(tasks: object, expected: str) -> None:
    with pytest.raises(SetError) as caught:
        _read(tasks)
    assert any(p.startswith(expected) for p in caught.value.problems), caught.value.problems


def test_strict_json() -> None:
    with pytest.raises(SetError, match="appears twice"):
        read_labelstudio(b'[{"data": {"text": "a", "text": "b"}}]', "dup.json")
    with pytest.raises(SetError, match="NaN"):
        read_labelstudio(b'[{"data": {"text": "a"}, "id": NaN}]', "nan.json")


def test_config_is_xml_with_every_tag_relation_and_rating() -> None:
    config = labelstudio_config(default_tagset(), default_relation_types(), default_ratings())
    root = ET.fromstring(config)
    assert [e.get("value") for e in root.iter("Label")] == ["Claim", "Source", "Denial", "Evidence"]
    assert [e.get("value") for e in root.iter("Relation")] == [
        "denies", "attributed_to", "supports", "contradicts",
    ]  # fmt: skip
    assert "Mostly true" in [e.get("value") for e in root.iter("Choice")]
    assert {e.get("name") for e in root.iter("TextArea")} == {"actor", "note", "explanation"}
    assert root.find(".//Text").get("value") == "$text"
