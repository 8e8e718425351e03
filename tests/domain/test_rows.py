"""Annotation rows: an Annotation made from a row, and the map that makes them lazily."""

from __future__ import annotations

import pytest

from annotator.domain.model import Annotation
from annotator.domain.rows import (
    ANNOTATOR,
    END,
    FIELDS,
    START,
    TAG,
    AnnotationMap,
    field,
    from_row,
)


def row(i: str, start: int = 0, end: int = 5, tag: str = "Claim", who: str = "ann") -> tuple:
    values = {
        "id": i,
        "article_id": "art",
        "start": start,
        "end": end,
        "exact": "x" * (end - start),
        "prefix": "p",
        "suffix": "s",
        "tag": tag,
        "actor": None,
        "note": "",
        "annotator": who,
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-02T00:00:00.000Z",
        "deleted": None,
    }
    return tuple(values[name] for name in FIELDS)


def test_from_row_makes_the_same_annotation_as_the_constructor() -> None:
    made = from_row(row("a", 3, 9, "Source"))
    built = Annotation(**dict(zip(FIELDS, row("a", 3, 9, "Source"), strict=True)))
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert (made.start, made.end, made.length, made.tag) == (3, 9, 6, "Source")
    with pytest.raises(AttributeError):
        made.start = 4  # type: ignore[misc]  # still frozen


def test_a_row_becomes_an_annotation_once_when_read() -> None:
    rows = [row("a", 0, 5), row("b", 2, 8, "Denial", "bob")]
    by_id = AnnotationMap(rows)
    assert len(by_id) == 2 and "a" in by_id and "zz" not in by_id
    assert all(type(item) is tuple for item in by_id._items.values())  # nothing made yet
    first = by_id["a"]
    assert isinstance(first, Annotation) and by_id.get("a") is first  # made once
    assert type(by_id._items["b"]) is tuple  # the other one is still a row
    assert by_id.get("zz") is None and by_id.get("zz", 1) == 1
    assert sorted(by_id.column(TAG)) == ["Claim", "Denial"]
    assert type(by_id._items["b"]) is tuple  # reading a column makes nothing
    assert dict(zip(by_id, by_id.column(ANNOTATOR), strict=True)) == {"a": "ann", "b": "bob"}


def test_the_map_is_a_mutable_mapping_of_annotations() -> None:
    by_id = AnnotationMap([row("a"), row("b", 1, 4)])
    replacement = from_row(row("a", 7, 9))
    by_id["a"] = replacement
    assert by_id["a"] is replacement and by_id.column(START) == [7, 1]
    popped = by_id.pop("b")
    assert isinstance(popped, Annotation) and popped.end == 4 and "b" not in by_id
    assert by_id.pop("b", None) is None
    with pytest.raises(KeyError):
        by_id.pop("b")
    del by_id["a"]
    assert not by_id and list(by_id) == []


def test_field_reads_rows_and_annotations_alike() -> None:
    r = row("a", 2, 6)
    assert field(r, END) == 6 and field(from_row(r), END) == 6
    assert field(r, TAG) == field(from_row(r), TAG) == "Claim"
