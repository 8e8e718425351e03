"""The paragraph index behind the article view: overlaps, lanes, segments."""

from __future__ import annotations

import random

from annotator.domain.layers import LayerIndex, paragraph_starts
from annotator.domain.model import Annotation

TEXT = "first paragraph here\nsecond one, longer than the first\nthird"


def ann(i: str, start: int, end: int, tag: str = "Claim") -> Annotation:
    return Annotation(
        id=i,
        article_id="a",
        start=start,
        end=end,
        exact=TEXT[start:end],
        prefix="",
        suffix="",
        tag=tag,
        annotator="x",
        created="t",
        modified="t",
    )


def test_paragraph_starts() -> None:
    assert paragraph_starts(TEXT) == [0, 21, 55]


def test_overlaps_lanes_and_segments() -> None:
    a, b, c = ann("a", 0, 15), ann("b", 6, 30), ann("c", 16, 20)
    index = LayerIndex(TEXT, [a, b, c])
    assert index.lanes["a"] != index.lanes["b"]
    assert index.lanes["c"] != index.lanes["b"]
    assert {x.id for x in index.at(8)} == {"a", "b"}
    assert [x.id for x in index.at(17)] == ["c", "b"]  # innermost first
    segments = index.segments(0, 21)
    assert [(s.start, s.end, [x.id for x in s.annotations]) for s in segments] == [
        (0, 6, ["a"]),
        (6, 15, ["b", "a"]),
        (15, 16, ["b"]),
        (16, 20, ["b", "c"]),
        (20, 21, ["b"]),
    ]
    assert [x.id for x in index.in_paragraph(1)] == ["b"]
    assert index.in_paragraph(2) == []


def test_add_and_remove_report_paragraphs() -> None:
    index = LayerIndex(TEXT)
    assert index.add(ann("x", 25, 58)) == range(1, 3)
    assert index.remove("x") == range(1, 3)
    assert index.remove("x") == range(0)
    assert index.paragraphs == {}


def test_next_and_previous() -> None:
    index = LayerIndex(TEXT, [ann("a", 0, 5), ann("b", 6, 15), ann("c", 22, 30)])
    assert index.next_after(0, "a").id == "b"
    assert index.next_after(16).id == "c"
    assert index.previous_before(0, "b").id == "a"
    assert index.next_after(0, "c") is None


def test_lanes_never_collide_on_random_spans() -> None:
    rng = random.Random(7)
    spans = []
    for i in range(300):
        s = rng.randrange(0, len(TEXT) - 1)
        spans.append(ann(str(i), s, rng.randrange(s + 1, len(TEXT) + 1)))
    index = LayerIndex(TEXT, spans[:200])
    for extra in spans[200:]:
        index.add(extra)
    for x in spans:
        for y in index.overlapping(x.start, x.end):
            if y.id != x.id:
                assert index.lanes[x.id] != index.lanes[y.id]
