"""The short way of reading a span annotation (:func:`w3c_span.plain_span`) gives what the
long way (``w3c_import._span``) gives, or declines (None) and leaves the item to it: for
the shape this app writes, for every variation of it, and for whole sets."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from annotator.core.project import Project
from annotator.formats import w3c, w3c_import
from annotator.formats.w3c_import import read_w3c
from annotator.formats.w3c_span import plain_span
from tests.formats.exchange_helpers import demo_export

ID = "urn:uuid:3c01dcd6-64a8-4526-af3a-7217c36afca9"


def item() -> dict[str, Any]:
    return {
        "@context": w3c.CONTEXT,
        "id": ID,
        "type": "Annotation",
        "motivation": "classifying",
        "created": "2024-06-19T10:00:00.000Z",
        "modified": "2024-06-20T10:00:00.000Z",
        "creator": {"type": "Person", "name": " alice ", "nickname": "alice"},
        "body": [
            {"type": "TextualBody", "purpose": "classifying", "value": " Claim "},
            {"type": "TextualBody", "purpose": "commenting", "value": "one", "format": "text"},
            {"type": "TextualBody", "purpose": "commenting", "value": "two"},
            {"purpose": "identifying", "value": "US", "annotator:role": "actor"},
        ],
        "target": {
            "source": "urn:uuid:8d5a6bff-f595-4373-8296-26e857b8915a",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "d of Ü", "prefix": "p", "suffix": "s"},
                {"type": "TextPositionSelector", "start": 62, "end": 68},
            ],
        },
    }  # fmt: skip


def slow(entry: dict[str, Any]) -> tuple[tuple[str, Any], list[str]]:
    problems: list[str] = []  # (the long way empties the item's selector list: a copy)
    return w3c_import._span(copy.deepcopy(entry), "item 1", problems), problems


def same_or_declined(entry: dict[str, Any]) -> bool:
    """True when the short way read ``entry`` (and then as the long way does), False when it
    declined; fails when it read it differently."""
    fast = plain_span(entry)
    if fast is None:
        return False
    got, problems = slow(entry)
    assert problems == []
    assert fast == got
    assert fast[1].__dict__ == got[1].__dict__
    return True


def test_the_usual_shape_is_read_the_short_way_as_the_long_way_reads_it() -> None:
    assert same_or_declined(item())
    key, annotation = plain_span(item())  # type: ignore[misc]
    assert key == "urn:uuid:8d5a6bff-f595-4373-8296-26e857b8915a"
    assert (annotation.tag, annotation.actor, annotation.note) == ("Claim", "US", "one\n\ntwo")
    assert (annotation.annotator, annotation.start, annotation.end) == ("alice", 62, 68)
    assert annotation.id == ID.removeprefix("urn:uuid:") and annotation.key == ID


def _variants() -> list[tuple[str, Any]]:
    """(path, new value) changes of the usual item; None as a value removes the key."""
    return [
        ("target", None), ("target", "urn:x"), ("target", [item()["target"]]),
        ("target.source", None), ("target.source", ""), ("target.source", {"id": "urn:a"}),
        ("target.selector", None), ("target.selector", {"type": "TextQuoteSelector"}),
        ("target.selector.0.type", "TextPositionSelector"), ("target.selector.0.type", None),
        ("target.selector.0.type", ["TextQuoteSelector"]), ("target.selector.0.@type", "X"),
        ("target.selector.0.exact", None), ("target.selector.0.exact", 3),
        ("target.selector.0.exact", ""), ("target.selector.0.prefix", None),
        ("target.selector.0.prefix", 5), ("target.selector.0.suffix", None),
        ("target.selector.0.suffix", ["s"]), ("target.selector.0.refinedBy", {"type": "X"}),
        ("target.selector.1.type", "TextQuoteSelector"), ("target.selector.1.start", 68),
        ("target.selector.1.start", -1), ("target.selector.1.start", True),
        ("target.selector.1.start", 1.0), ("target.selector.1.end", 2**31),
        ("target.selector.1.end", 2**31 - 1), ("target.selector.1.start", 0),
        ("target.selector.1.end", None), ("target.selector.1.refinedBy", {"type": "X"}),
        ("body", None), ("body", {"purpose": "classifying", "value": "Claim"}), ("body", []),
        ("body.0.purpose", "tagging"), ("body.0.purpose", ["classifying"]),
        ("body.0.purpose", None), ("body.0.value", "  "), ("body.0.value", None),
        ("body.0.value", 7), ("body.0.annotator:role", "verdict"),
        ("body.0.annotator:role", "actor"), ("body.0.annotator:role", "other"),
        ("body.1.purpose", "assessing"), ("body.1.purpose", "describing"),
        ("body.1.purpose", "identifying"), ("body.1.purpose", "classifying"),
        ("body.2.purpose", "tagging"), ("body.3.annotator:role", None),
        ("body.3.purpose", "commenting"), ("body.3", "text"), ("bodyValue", "a note"),
        ("creator", None), ("creator", "bob"), ("creator", [{"name": "bob"}]),
        ("creator.name", None), ("creator.name", "  "), ("creator.name", 4),
        ("id", None), ("id", "urn:uuid:3C01DCD6-64A8-4526-AF3A-7217C36AFCA9"), ("id", "x1"),
        ("id", 12), ("id", "3c01dcd6-64a8-4526-af3a-7217c36afca9"),
        ("created", None), ("created", 5), ("modified", None), ("modified", ["t"]),
    ]  # fmt: skip


def _apply(entry: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(entry)
    *parents, last = path.split(".")
    node: Any = changed
    for step in parents:
        node = node[int(step)] if isinstance(node, list) else node[step]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return changed


@pytest.mark.parametrize(("path", "value"), _variants())
def test_each_variation_is_read_as_the_long_way_reads_it_or_left_to_it(path, value) -> None:
    same_or_declined(_apply(item(), path, value))


def test_a_tagging_body_with_and_without_a_classifying_one() -> None:
    assert same_or_declined(_apply(item(), "body.2.purpose", "tagging"))  # classifying first
    only = _apply(item(), "body.0.purpose", "tagging")
    assert same_or_declined(only) and plain_span(only)[1].tag == "Claim"  # type: ignore[index]


def test_random_combinations_of_variations() -> None:
    rng = random.Random(6)
    variants = _variants()
    read = 0
    for _ in range(600):
        entry = item()
        for path, value in rng.sample(variants, rng.randint(1, 4)):
            try:
                entry = _apply(entry, path, value)
            except (AttributeError, KeyError, IndexError, TypeError, ValueError):
                continue  # a change to a part an earlier change removed
        read += same_or_declined(entry)
    assert read > 20  # the short way was taken for some of them


def test_whole_sets_read_the_same_with_and_without_the_short_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.open(tmp_path / "p.db", "alice")
    data, _ = demo_export(project)
    project.close()
    raw = json.dumps(w3c.from_export(data), ensure_ascii=False).encode("utf-8")
    fast = read_w3c(raw, "demo.jsonld")
    monkeypatch.setattr(w3c_import, "plain_span", lambda entry: None)
    assert read_w3c(raw, "demo.jsonld") == fast
    assert sum(len(s.annotations) for s in fast.articles) == 28
