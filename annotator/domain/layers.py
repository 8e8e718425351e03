"""Where annotations lie in a text: a paragraph index, overlap lanes and segments.

No all-pairs comparison anywhere: the index maps each paragraph (a run of text
between ``\\n``) to the annotations touching it, so a view asks only about the
paragraphs it shows, and adding one annotation touches only its paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.domain.model import Annotation


def paragraph_starts(text: str) -> list[int]:
    """Code-point offsets at which each ``\\n``-separated paragraph begins."""
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


@dataclass(frozen=True)
class Segment:
    """A run of characters ``[start, end)`` covered by the same annotations."""

    start: int
    end: int
    annotations: tuple[Annotation, ...]


class LayerIndex:
    """Annotations of one text, indexed by paragraph, with an overlap lane for each."""

    def __init__(self, text: str, annotations: Iterable[Annotation] = ()) -> None:
        self.text = text
        self.starts = paragraph_starts(text)
        self.by_id: dict[str, Annotation] = {}
        self.paragraphs: dict[int, list[str]] = {}
        self.lanes: dict[str, int] = {}
        self._lane_ends: list[int] = []
        self._ordered: list[Annotation] | None = None
        ordered = sorted(annotations, key=lambda a: (a.start, -a.end, a.id))
        self._building = True  # in start order, a lane whose end is past our start is taken
        for annotation in ordered:
            self._add(annotation)
        self._building = False

    # --- building ---------------------------------------------------------------------

    def paragraph_range(self, start: int, end: int) -> range:
        """The numbers of the paragraphs that ``[start, end)`` touches."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return range(first, last + 1)

    def _assign_lane(self, annotation: Annotation) -> None:
        # the lowest lane whose last span ended before this one starts (greedy colouring);
        # lanes stay stable as annotations are added one at a time at the end of editing
        for lane, lane_end in enumerate(self._lane_ends):
            if lane_end <= annotation.start:
                self._lane_ends[lane] = max(lane_end, annotation.end)
                self.lanes[annotation.id] = lane
                return
        for lane in range(0 if self._building else len(self._lane_ends)):
            if not self._lane_taken(lane, annotation):
                self._lane_ends[lane] = max(self._lane_ends[lane], annotation.end)
                self.lanes[annotation.id] = lane
                return
        self._lane_ends.append(annotation.end)
        self.lanes[annotation.id] = len(self._lane_ends) - 1

    def _lane_taken(self, lane: int, annotation: Annotation) -> bool:
        for other in self.overlapping(annotation.start, annotation.end):
            if other.id != annotation.id and self.lanes.get(other.id) == lane:
                return True
        return False

    def _add(self, annotation: Annotation) -> None:
        self._ordered = None
        self.by_id[annotation.id] = annotation
        for number in self.paragraph_range(annotation.start, annotation.end):
            self.paragraphs.setdefault(number, []).append(annotation.id)
        self._assign_lane(annotation)

    def add(self, annotation: Annotation) -> range:
        """Add (or replace) one annotation; returns the paragraphs to repaint."""
        touched = self.remove(annotation.id)
        self._add(annotation)
        new = self.paragraph_range(annotation.start, annotation.end)
        if not touched:
            return new
        return range(min(touched.start, new.start), max(touched.stop, new.stop))

    def remove(self, annotation_id: str) -> range:
        """Remove one annotation; returns the paragraphs to repaint (empty if unknown)."""
        old = self.by_id.pop(annotation_id, None)
        if old is None:
            return range(0)
        self._ordered = None
        touched = self.paragraph_range(old.start, old.end)
        for number in touched:
            ids = self.paragraphs.get(number)
            if ids is not None:
                ids.remove(annotation_id)
                if not ids:
                    del self.paragraphs[number]
        self.lanes.pop(annotation_id, None)
        return touched

    # --- queries ----------------------------------------------------------------------

    @property
    def lane_count(self) -> int:
        return max(self.lanes.values(), default=-1) + 1

    def in_paragraph(self, number: int) -> list[Annotation]:
        return [self.by_id[i] for i in self.paragraphs.get(number, ())]

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Annotations that share at least one character with ``[start, end)``."""
        seen: dict[str, Annotation] = {}
        for number in self.paragraph_range(start, max(end, start + 1)):
            for annotation in self.in_paragraph(number):
                if annotation.start < max(end, start + 1) and annotation.end > start:
                    seen[annotation.id] = annotation
        return sorted(seen.values(), key=lambda a: (a.start, a.end, a.id))

    def at(self, pos: int) -> list[Annotation]:
        """Annotations covering the character at ``pos``, shortest (innermost) first."""
        found = [a for a in self.overlapping(pos, pos + 1)]
        return sorted(found, key=lambda a: (a.length, a.start, a.id))

    def segments(self, start: int, end: int) -> list[Segment]:
        """``[start, end)`` cut into runs covered by the same set of annotations."""
        inside = self.overlapping(start, end)
        if not inside:
            return []
        points = {start, end}
        for annotation in inside:
            points.add(max(start, annotation.start))
            points.add(min(end, annotation.end))
        cuts = sorted(points)
        out: list[Segment] = []
        for left, right in zip(cuts, cuts[1:], strict=False):
            covering = tuple(
                sorted(
                    (a for a in inside if a.start <= left and a.end >= right),
                    key=lambda a: (-a.length, a.start, a.id),
                )
            )
            if covering:
                out.append(Segment(left, right, covering))
        return out

    def ordered(self) -> list[Annotation]:
        if self._ordered is None:
            self._ordered = sorted(self.by_id.values(), key=lambda a: (a.start, a.end, a.id))
        return self._ordered

    def next_after(self, pos: int, current: str | None = None) -> Annotation | None:
        ordered = self.ordered()
        keys = [(a.start, a.end, a.id) for a in ordered]
        if current and current in self.by_id:
            c = self.by_id[current]
            i = bisect_right(keys, (c.start, c.end, c.id))
        else:
            i = bisect_left(keys, (pos, -1, ""))
        return ordered[i] if i < len(ordered) else None

    def previous_before(self, pos: int, current: str | None = None) -> Annotation | None:
        ordered = self.ordered()
        keys = [(a.start, a.end, a.id) for a in ordered]
        if current and current in self.by_id:
            c = self.by_id[current]
            i = bisect_left(keys, (c.start, c.end, c.id)) - 1
        else:
            i = bisect_left(keys, (pos, -1, "")) - 1
        return ordered[i] if i >= 0 else None
