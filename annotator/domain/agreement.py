"""Comparing two annotators' spans and measuring their agreement (stdlib only).

A span is ``(start, end, tag, id)``: code points of the article's text, end exclusive.
The definitions (also in the README, section *Agreement*):

- **exact-span F1**: a match is a span of A and a span of B with the same start, end and
  tag, counted one to one (two identical spans of A and one of B make one match).
  ``F1 = 2·matches / (|A| + |B|)``; undefined (None) when both sets are empty.
- **overlap F1**: a match is a pair of same-tag spans that share at least one code point;
  the pairs are a *maximum* one-to-one matching (the largest number of disjoint pairs,
  so the figure does not depend on the order of the spans).
  ``F1 = 2·matches / (|A| + |B|)``; None when both are empty.
- **character kappa per tag**: every code point ``0 <= i < n`` of the text is *in* or
  *out* of a span of that tag, for A and for B. With ``pₒ`` the share of code points
  where A and B agree, ``p_A``, ``p_B`` the shares that are *in*,
  ``pₑ = p_A·p_B + (1 − p_A)(1 − p_B)`` and ``κ = (pₒ − pₑ) / (1 − pₑ)``; None when
  ``pₑ = 1`` (both mark every code point, or neither marks any) or the text is empty.
- **Krippendorff's alpha (nominal) over characters**: every code point is a unit with
  two values, one per annotator: the sorted tuple of the tags whose spans cover it
  (``()`` — "none" — when none do). Nominal distance; with two coders and no missing
  values, from the coincidence matrix ``o`` (each unit adds (a, b) and (b, a)),
  ``n_c = Σ_k o_ck``, ``n = 2·N``:
  ``α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k``; None when only one value occurs
  (no expected disagreement) or the text is empty.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

#: the kinds of :class:`Difference`, in the order the comparison pairs them
KINDS = ("same", "other_tag", "other_bounds", "only_a", "only_b")
SAME, OTHER_TAG, OTHER_BOUNDS, ONLY_A, ONLY_B = KINDS

#: a character's value for alpha: the sorted tags covering it (``()`` for none)
Category = tuple[str, ...]
#: alpha from the (A's category, B's category) → code points table
AlphaFunction = Callable[[dict[tuple[Category, Category], int]], float | None]


class Span(NamedTuple):
    start: int
    end: int
    tag: str
    id: str = ""


@dataclass(frozen=True)
class Difference:
    """One row of a comparison: a pair (same, other_tag, other_bounds) or a lone span."""

    kind: str
    a: Span | None = None
    b: Span | None = None

    @property
    def start(self) -> int:
        return min(s.start for s in (self.a, self.b) if s is not None)

    @property
    def end(self) -> int:
        return max(s.end for s in (self.a, self.b) if s is not None)


@dataclass(frozen=True)
class TagAgreement:
    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None
    a_count: int = 0
    b_count: int = 0
    exact_matches: int = 0
    overlap_matches: int = 0


@dataclass(frozen=True)
class Agreement:
    """Agreement of annotators A and B over a text of ``characters`` code points."""

    exact_f1: float | None
    overlap_f1: float | None
    alpha: float | None
    per_tag: dict[str, TagAgreement] = field(default_factory=dict)
    a_count: int = 0
    b_count: int = 0
    exact_matches: int = 0
    overlap_matches: int = 0
    characters: int = 0


def _key(s: Span) -> tuple[int, int, str, str]:
    return (s.start, s.end, s.tag, s.id)


def _of_tag(spans: Iterable[Span], tag: str | None) -> list[Span]:
    return sorted((Span(*s) for s in spans if tag is None or s[2] == tag), key=_key)


def f1(matches: int, a_count: int, b_count: int) -> float | None:
    """``2·matches / (a_count + b_count)``; None when both counts are 0."""
    total = a_count + b_count
    return None if total == 0 else 2 * matches / total


# --- exact and overlap matching -----------------------------------------------------------


def exact_matches(a: Iterable[Span], b: Iterable[Span], tag: str | None = None) -> int:
    """Spans of A and B with the same start, end and tag, paired one to one."""
    count_a = Counter((s.start, s.end, s.tag) for s in _of_tag(a, tag))
    count_b = Counter((s.start, s.end, s.tag) for s in _of_tag(b, tag))
    return sum(min(n, count_b[k]) for k, n in count_a.items())


def exact_f1(a: Sequence[Span], b: Sequence[Span], tag: str | None = None) -> float | None:
    a_, b_ = _of_tag(a, tag), _of_tag(b, tag)
    return f1(exact_matches(a_, b_), len(a_), len(b_))


def _overlap(x: Span, y: Span) -> int:
    return max(0, min(x.end, y.end) - max(x.start, y.start))


def _candidates(a: list[Span], b: list[Span]) -> list[list[int]]:
    """For each span of A, the indexes of the same-tag spans of B it overlaps, the largest
    overlap first (then B's text order)."""
    by_tag: dict[str, list[int]] = defaultdict(list)
    for j, y in enumerate(b):
        by_tag[y.tag].append(j)
    out: list[list[int]] = []
    for x in a:
        found = [j for j in by_tag.get(x.tag, []) if _overlap(x, b[j]) > 0]
        found.sort(key=lambda j: (-_overlap(x, b[j]), abs(b[j].start - x.start), j))
        out.append(found)
    return out


def max_matching(a: list[Span], b: list[Span]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of same-tag overlapping spans, as (i, j) index pairs.

    Deterministic: it starts from the greedy pairing by largest overlap (A in text order)
    and then augments (Kuhn's algorithm, iteratively) until no pair can be added, so its
    size is the maximum and the pairs it keeps are the large overlaps.
    """
    adj = _candidates(a, b)
    match_b: dict[int, int] = {}
    match_a: dict[int, int] = {}
    pairs = sorted(
        ((i, j) for i, js in enumerate(adj) for j in js),
        key=lambda p: (-_overlap(a[p[0]], b[p[1]]), p[0], p[1]),
    )
    for i, j in pairs:  # greedy seed
        if i not in match_a and j not in match_b:
            match_a[i], match_b[j] = j, i
    for root in range(len(a)):
        if root in match_a or not adj[root]:
            continue
        # breadth-first search for an augmenting path from ``root``
        parent: dict[int, int] = {}  # b index -> the a index that reached it
        queue, seen_b, found = [root], set(), None
        while queue and found is None:
            nxt: list[int] = []
            for i in queue:
                for j in adj[i]:
                    if j in seen_b:
                        continue
                    seen_b.add(j)
                    parent[j] = i
                    if j not in match_b:
                        found = j
                        break
                    nxt.append(match_b[j])
                if found is not None:
                    break
            queue = nxt
        j = found
        while j is not None:  # flip the path
            i = parent[j]
            previous = match_a.get(i)
            match_a[i], match_b[j] = j, i
            j = previous
    return sorted(match_a.items())


def overlap_f1(a: Sequence[Span], b: Sequence[Span], tag: str | None = None) -> float | None:
    a_, b_ = _of_tag(a, tag), _of_tag(b, tag)
    return f1(len(max_matching(a_, b_)), len(a_), len(b_))


# --- the side-by-side comparison ----------------------------------------------------------


def compare(a: Sequence[Span], b: Sequence[Span]) -> list[Difference]:
    """Every span of A and B in exactly one :class:`Difference`, in text order.

    Pairs are one to one and made in this order: the same start, end and tag ("same");
    then the same start and end with another tag ("other_tag"); then same-tag spans that
    overlap with other boundaries ("other_bounds", a maximum matching preferring the
    largest overlaps). What is left is "only_a" or "only_b".
    """
    left, right = _of_tag(a, None), _of_tag(b, None)
    out: list[Difference] = []

    def pair_by(key_fn, kind: str) -> None:
        nonlocal left, right
        waiting: dict[tuple, list[Span]] = defaultdict(list)
        for y in right:
            waiting[key_fn(y)].append(y)
        used: set[int] = set()
        rest_a: list[Span] = []
        for x in left:
            options = [y for y in waiting.get(key_fn(x), []) if id(y) not in used]
            if kind == OTHER_TAG:
                options = [y for y in options if y.tag != x.tag]
            if options:
                used.add(id(options[0]))
                out.append(Difference(kind, x, options[0]))
            else:
                rest_a.append(x)
        left, right = rest_a, [y for y in right if id(y) not in used]

    pair_by(lambda s: (s.start, s.end, s.tag), SAME)
    pair_by(lambda s: (s.start, s.end), OTHER_TAG)
    matched = max_matching(left, right)
    out.extend(Difference(OTHER_BOUNDS, left[i], right[j]) for i, j in matched)
    taken_a, taken_b = {i for i, _ in matched}, {j for _, j in matched}
    out.extend(Difference(ONLY_A, x, None) for i, x in enumerate(left) if i not in taken_a)
    out.extend(Difference(ONLY_B, None, y) for j, y in enumerate(right) if j not in taken_b)
    out.sort(key=_difference_order)
    return out


def _difference_order(d: Difference) -> tuple:
    first = d.a if d.a is not None else d.b
    assert first is not None
    return (d.start, d.end, KINDS.index(d.kind), _key(first))


# --- character-level measures -------------------------------------------------------------


def _union(spans: Iterable[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """The spans clipped to ``[0, n)`` and merged: sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((max(0, s), min(n, e)) for s, e in spans):
        if s >= e:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _length(intervals: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in intervals)


def _intersection(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(x) and j < len(y):
        total += max(0, min(x[i][1], y[j][1]) - max(x[i][0], y[j][0]))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return total


def char_kappa(text_len: int, a: Sequence[Span], b: Sequence[Span], tag: str) -> float | None:
    """Cohen's kappa of in/out-of-``tag`` over the code points ``0 .. text_len - 1``."""
    n = text_len
    if n <= 0:
        return None
    in_a = _union(((s[0], s[1]) for s in a if s[2] == tag), n)
    in_b = _union(((s[0], s[1]) for s in b if s[2] == tag), n)
    count_a, count_b, both = _length(in_a), _length(in_b), _intersection(in_a, in_b)
    if count_a == count_b and count_a in (0, n):  # pₑ = 1: kappa is undefined
        return None
    agree = n - count_a - count_b + 2 * both
    p_o = agree / n
    p_a, p_b = count_a / n, count_b / n
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    return (p_o - p_e) / (1 - p_e)


def char_pairs(
    text_len: int, a: Sequence[Span], b: Sequence[Span]
) -> dict[tuple[Category, Category], int]:
    """How many code points have each (A's category, B's category) — alpha's input.

    A category is the sorted tuple of the tags covering the code point (``()``: none).
    """
    n = max(0, text_len)
    points = {0, n}
    for s in (*a, *b):
        points.update((min(max(s[0], 0), n), min(max(s[1], 0), n)))
    cuts = sorted(points)
    out: Counter[tuple[Category, Category]] = Counter()

    def cover(spans: Sequence[Span]) -> list[Category]:
        index = {p: k for k, p in enumerate(cuts)}
        delta: dict[int, Counter[str]] = defaultdict(Counter)
        for s in spans:
            lo, hi = min(max(s[0], 0), n), min(max(s[1], 0), n)
            if lo < hi:
                delta[index[lo]][s[2]] += 1
                delta[index[hi]][s[2]] -= 1
        running: Counter[str] = Counter()
        cats: list[Category] = []
        for k in range(len(cuts) - 1):
            running.update(delta.get(k, Counter()))
            cats.append(tuple(sorted(t for t, c in running.items() if c > 0)))
        return cats

    cats_a, cats_b = cover(a), cover(b)
    for k in range(len(cuts) - 1):
        width = cuts[k + 1] - cuts[k]
        if width > 0:
            out[(cats_a[k], cats_b[k])] += width
    return dict(out)


def alpha_nominal(pairs: dict[tuple[Category, Category], int]) -> float | None:
    """Krippendorff's alpha, nominal, two coders, no missing values, from the counts of
    (A's value, B's value) per unit; None when fewer than two values occur."""
    coincidence: Counter[tuple[Category, Category]] = Counter()
    for (x, y), count in pairs.items():
        coincidence[(x, y)] += count
        coincidence[(y, x)] += count
    totals: Counter[Category] = Counter()
    for (x, _), count in coincidence.items():
        totals[x] += count
    n = sum(totals.values())
    if len([v for v in totals.values() if v > 0]) < 2:
        return None
    observed = sum(c for (x, y), c in coincidence.items() if x != y)
    expected = n * n - sum(v * v for v in totals.values())
    return 1 - (n - 1) * observed / expected


# --- all of it ----------------------------------------------------------------------------


def measure(
    text_len: int,
    a: Sequence[Span],
    b: Sequence[Span],
    *,
    tags: Sequence[str] = (),
    alpha: AlphaFunction | None = None,
) -> Agreement:
    """Every figure for A and B over a text of ``text_len`` code points.

    ``per_tag`` lists the tags that A or B uses, in the order of ``tags`` first (e.g. the
    tag set's), then by name. ``alpha`` computes alpha from :func:`char_pairs` (default
    :func:`alpha_nominal`; the core passes one that uses the krippendorff package).
    """
    a_, b_ = _of_tag(a, None), _of_tag(b, None)
    used = {s.tag for s in (*a_, *b_)}
    order = [t for t in tags if t in used] + sorted(used - set(tags))
    per_tag: dict[str, TagAgreement] = {}
    for tag in order:
        ta, tb = _of_tag(a_, tag), _of_tag(b_, tag)
        exact, overlap = exact_matches(ta, tb), len(max_matching(ta, tb))
        per_tag[tag] = TagAgreement(
            exact_f1=f1(exact, len(ta), len(tb)),
            overlap_f1=f1(overlap, len(ta), len(tb)),
            kappa=char_kappa(text_len, ta, tb, tag),
            a_count=len(ta),
            b_count=len(tb),
            exact_matches=exact,
            overlap_matches=overlap,
        )
    exact = sum(t.exact_matches for t in per_tag.values())
    overlap = sum(t.overlap_matches for t in per_tag.values())
    alpha_of = alpha or alpha_nominal
    alpha_value = alpha_of(char_pairs(text_len, a_, b_)) if text_len > 0 else None
    return Agreement(
        exact_f1=f1(exact, len(a_), len(b_)),
        overlap_f1=f1(overlap, len(a_), len(b_)),
        alpha=alpha_value,
        per_tag=per_tag,
        a_count=len(a_),
        b_count=len(b_),
        exact_matches=exact,
        overlap_matches=overlap,
        characters=max(0, text_len),
    )
