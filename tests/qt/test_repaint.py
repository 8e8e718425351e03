"""What a change repaints: the highlighter's runs, and a window painted piece by piece
that must look exactly as if it were painted afresh."""

from __future__ import annotations

import random

from annotator.domain.layers import LayerIndex
from annotator.domain.model import Annotation
from annotator.qt.highlighter import runs

WORDS = "North Korea 😀 supplied Russia deny artillery rounds says officials 평양".split()


def _annotation(i: int, start: int, end: int, tag: str) -> Annotation:
    return Annotation(
        id=f"a{i:04d}",
        article_id="x",
        start=start,
        end=end,
        exact="",
        prefix="",
        suffix="",
        tag=tag,
        annotator="alice",
        created="",
        modified="",
    )


def _reference(index: LayerIndex, start: int, end: int, selected: str | None) -> list[tuple]:
    """The runs as the layer index's segments give them, neighbours of one format joined."""
    out: list[tuple] = []
    for segment in index.segments(start, end):
        tags = tuple(a.tag for a in segment.annotations)
        chosen = any(a.id == selected for a in segment.annotations)
        if out and out[-1][1] == segment.start and out[-1][2:] == (tags, chosen):
            out[-1] = (out[-1][0], segment.end, tags, chosen)
        else:
            out.append((segment.start, segment.end, tags, chosen))
    return out


def test_runs_are_the_layer_index_segments() -> None:
    rng = random.Random(3)
    text = "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))) for _ in range(80)
    )
    annotations = []
    for i in range(900):
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.choice([1, 2, rng.randint(1, 200)])
        annotations.append(_annotation(i, start, end, rng.choice("ABCD")))
    # ties: the same span twice, and spans sharing a start or an end
    annotations.append(_annotation(900, annotations[0].start, annotations[0].end, "B"))
    annotations.append(_annotation(901, annotations[1].start, annotations[1].end + 7, "C"))
    annotations.append(_annotation(902, annotations[2].start - 3, annotations[2].end, "D"))
    index = LayerIndex(text, annotations)
    compared = 0
    for trial in range(300):
        start = rng.randrange(0, len(text) - 50)
        end = start + rng.randint(1, 600)
        selected = rng.choice(annotations).id if trial % 3 else None
        expected = _reference(index, start, end, selected)
        assert runs(index.overlapping(start, end), start, end, selected) == expected
        compared += len(expected)
    assert compared > 1000
    assert runs([], 0, 10, None) == []
    assert runs(annotations[:1], annotations[0].end, annotations[0].end + 5, None) == []
