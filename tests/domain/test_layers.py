"""The paragraph index behind the article view: overlaps, lanes, segments."""

from __future__ import annotations

import random

from annotator.domain.layers import LayerIndex, paragraph_starts
from annotator.domain.model import Annotation
from annotator.domain.rows import FIELDS

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


def _as_row(a: Annotation) -> tuple:
    return tuple(getattr(a, name) for name in FIELDS)


def _random_spans(rng: random.Random, text: str, n: int) -> list[Annotation]:
    spans = []
    for i in range(n):
        s = rng.randrange(0, len(text) - 1)
        e = rng.randrange(s + 1, min(len(text), s + 40) + 1)
        if spans and rng.random() < 0.1:  # the same span twice (two annotators)
            s, e = spans[-1].start, spans[-1].end
        spans.append(ann(f"{rng.randrange(10**6):06d}-{i}", s, e, rng.choice("ABCD")))
    return spans


def _depth(spans: list[Annotation]) -> int:
    events = sorted([(a.start, 1) for a in spans] + [(a.end, -1) for a in spans])
    depth = best = 0
    for _, step in events:  # an end sorts before a start at the same place
        depth += step
        best = max(best, depth)
    return best


def test_built_from_rows_as_from_annotations() -> None:
    rng = random.Random(11)
    text = "\n".join("word " * rng.randint(0, 30) for _ in range(40))
    spans = _random_spans(rng, text, 400)
    rows = [_as_row(a) for a in reversed(spans)]  # any order
    from_objects, from_rows = LayerIndex(text, spans), LayerIndex.from_rows(text, rows)
    # building made no Annotation; asking about a place makes only those found there
    assert all(type(item) is tuple for item in from_rows.by_id._items.values())
    found = {a.id for a in from_rows.overlapping(0, 30)}
    made = {i for i, item in from_rows.by_id._items.items() if type(item) is not tuple}
    near = {a.id for p in from_rows.paragraph_range(0, 30) for a in from_rows.in_paragraph(p)}
    assert found and found <= made <= near and len(made) < len(spans)
    assert from_rows.lanes == from_objects.lanes
    assert from_rows.paragraphs == from_objects.paragraphs
    # greedy colouring in start order needs exactly as many lanes as spans overlap
    assert from_rows.lane_count == from_objects.lane_count == _depth(spans)
    for pos in range(0, len(text), 7):
        assert from_rows.overlapping(pos, pos + 30) == from_objects.overlapping(pos, pos + 30)
        assert from_rows.segments(pos, pos + 30) == from_objects.segments(pos, pos + 30)
        assert from_rows.next_after(pos) == from_objects.next_after(pos)
        assert from_rows.previous_before(pos) == from_objects.previous_before(pos)


def test_lane_count_follows_adds_and_removes() -> None:
    index = LayerIndex.from_rows(TEXT, [_as_row(ann("a", 0, 15)), _as_row(ann("b", 6, 30))])
    assert index.lane_count == 2
    index.add(ann("c", 8, 12))
    assert index.lane_count == 3
    index.remove("c")
    index.remove("b")
    assert index.lane_count == 1
    index.remove("a")
    assert index.lane_count == 0 and index.paragraphs == {}


def test_next_and_previous_follow_changes() -> None:
    index = LayerIndex.from_rows(TEXT, [_as_row(ann("a", 0, 5)), _as_row(ann("c", 22, 30))])
    assert index.next_after(0, "a").id == "c"
    index.add(ann("b", 6, 15))
    assert index.next_after(0, "a").id == "b"
    assert [a.id for a in index.ordered()] == ["a", "b", "c"]
    index.remove("b")
    assert index.previous_before(0, "c").id == "a"
