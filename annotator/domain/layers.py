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
from annotator.domain.rows import END, ID, START, AnnotationMap, Row


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
    """Annotations of one text, indexed by paragraph, with an overlap lane for each.

    ``by_id`` maps ids to annotations; built :meth:`from_rows`, it keeps the rows the
    store read and makes an ``Annotation`` of one only when it is read (the view reads
    those it paints).
    """

    def __init__(self, text: str, annotations: Iterable[Annotation] = ()) -> None:
        self.text = text
        self.starts = paragraph_starts(text)
        self.by_id: AnnotationMap = AnnotationMap()
        self.paragraphs: dict[int, list[str]] = {}
        self.lanes: dict[str, int] = {}
        self._lane_ends: list[int] = []
        self._lane_sizes: list[int] = []  # annotations per lane
        self._keys: list[tuple[int, int, str]] | None = None  # (start, end, id), sorted
        spans = []
        for annotation in annotations:
            self.by_id[annotation.id] = annotation
            spans.append((annotation.start, -annotation.end, annotation.id))
        self._build(spans)

    @classmethod
    def from_rows(cls, text: str, rows: Iterable[Row]) -> LayerIndex:
        """The index of annotations given as rows (see :mod:`annotator.domain.rows`)."""
        rows = rows if isinstance(rows, list) else list(rows)
        index = cls(text)
        index.by_id = AnnotationMap(rows)
        index._build([(row[START], -row[END], row[ID]) for row in rows])
        return index

    def _build(self, spans: list[tuple[int, int, str]]) -> None:
        """Index ``(start, -end, id)`` spans at once, in one pass in start order (longest
        first): each goes to the lowest lane whose last span has ended (greedy colouring,
        as :meth:`add` would give them one by one), with no overlap queries."""
        spans.sort()
        starts, paragraphs, lanes = self.starts, self.paragraphs, self.lanes
        lane_ends, sizes = self._lane_ends, self._lane_sizes
        count, beyond = len(starts), len(self.text) + 1
        number, next_start = 0, starts[1] if count > 1 else beyond
        ids = paragraphs[0] = []
        for start, negative_end, annotation_id in spans:
            end = -negative_end
            if start >= next_start:  # the paragraph of the start moves on
                number = bisect_right(starts, start) - 1
                next_start = starts[number + 1] if number + 1 < count else beyond
                ids = paragraphs.setdefault(number, [])
            ids.append(annotation_id)
            if end > next_start:  # reaches into the next paragraphs
                for later in range(number + 1, bisect_right(starts, end - 1)):
                    paragraphs.setdefault(later, []).append(annotation_id)
            for lane, lane_end in enumerate(lane_ends):
                if lane_end <= start:
                    lane_ends[lane] = lane_end if lane_end > end else end
                    sizes[lane] += 1
                    break
            else:
                lane = len(lane_ends)
                lane_ends.append(end)
                sizes.append(1)
            lanes[annotation_id] = lane
        if not paragraphs[0]:
            del paragraphs[0]

    # --- one at a time ----------------------------------------------------------------

    def paragraph_range(self, start: int, end: int) -> range:
        """The numbers of the paragraphs that ``[start, end)`` touches."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return range(first, last + 1)

    def _assign_lane(self, annotation: Annotation) -> None:
        # the lowest lane whose last span ended before this one starts, else the lowest
        # lane none of its overlaps uses: lanes stay stable as annotations are added one
        # at a time at the end of editing
        lane = next(
            (i for i, lane_end in enumerate(self._lane_ends) if lane_end <= annotation.start),
            None,
        )
        if lane is None:
            lane = next(
                (i for i in range(len(self._lane_ends)) if not self._lane_taken(i, annotation)),
                None,
            )
        if lane is None:
            lane = len(self._lane_ends)
            self._lane_ends.append(annotation.end)
            self._lane_sizes.append(0)
        else:
            self._lane_ends[lane] = max(self._lane_ends[lane], annotation.end)
        self._lane_sizes[lane] += 1
        self.lanes[annotation.id] = lane

    def _lane_taken(self, lane: int, annotation: Annotation) -> bool:
        for other in self.overlapping(annotation.start, annotation.end):
            if other.id != annotation.id and self.lanes.get(other.id) == lane:
                return True
        return False

    def _add(self, annotation: Annotation) -> None:
        self._keys = None
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
        self._keys = None
        touched = self.paragraph_range(old.start, old.end)
        for number in touched:
            ids = self.paragraphs.get(number)
            if ids is not None:
                ids.remove(annotation_id)
                if not ids:
                    del self.paragraphs[number]
        lane = self.lanes.pop(annotation_id, None)
        if lane is not None:
            self._lane_sizes[lane] -= 1
        return touched

    # --- queries ----------------------------------------------------------------------

    @property
    def lane_count(self) -> int:
        """The number of lanes in use (one more than the highest lane of an annotation)."""
        sizes = self._lane_sizes
        count = len(sizes)
        while count and not sizes[count - 1]:
            count -= 1
        return count

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

    def _sorted_keys(self) -> list[tuple[int, int, str]]:
        """``(start, end, id)`` of every annotation in text order (no ``Annotation`` made)."""
        if self._keys is None:
            by_id = self.by_id
            self._keys = sorted(zip(by_id.column(START), by_id.column(END), by_id, strict=True))
        return self._keys

    def ordered(self) -> list[Annotation]:
        """Every annotation in text order."""
        return [self.by_id[key[2]] for key in self._sorted_keys()]

    def _key(self, annotation_id: str) -> tuple[int, int, str]:
        a = self.by_id[annotation_id]
        return (a.start, a.end, a.id)

    def next_after(self, pos: int, current: str | None = None) -> Annotation | None:
        keys = self._sorted_keys()
        if current and current in self.by_id:
            i = bisect_right(keys, self._key(current))
        else:
            i = bisect_left(keys, (pos, -1, ""))
        return self.by_id[keys[i][2]] if i < len(keys) else None

    def previous_before(self, pos: int, current: str | None = None) -> Annotation | None:
        keys = self._sorted_keys()
        if current and current in self.by_id:
            i = bisect_left(keys, self._key(current)) - 1
        else:
            i = bisect_left(keys, (pos, -1, "")) - 1
        return self.by_id[keys[i][2]] if i >= 0 else None
