"""Re-anchoring: placing an imported annotation on a stored text that may differ from the
text the annotation was made on.

Three stages, as DESIGN.md §2 and Hypothesis's client do it, tuned for precision over
recall (an annotation left as an orphan is shown and can be re-attached by hand; one put
in the wrong place silently says something the article does not):

1. **exact position** — ``text[start:end] == exact``;
2. **exact quote** — every occurrence of the quote (``str.find``; then with white space
   and typographic quotes flexible); the one whose prefix/suffix match the text around
   it, the nearest to the old position among equals; a quote whose context does not
   match anywhere is not trusted unless it is long and unique;
3. **fuzzy** — candidate regions come from cheap exact searches for pieces of the
   context and of the quote (and a window around the old position); in each,
   ``rapidfuzz`` aligns the quote, the boundaries are snapped to the surviving context,
   and the placement is accepted only with a high quote similarity, a matching context
   and a clear margin over the next best region.

Every stage costs ``str.find`` scans plus bounded windows: no O(n·m) work over the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from annotator.domain import text as textrules
from annotator.domain.exchange import SetAnnotation

CONTEXT = textrules.CONTEXT_CHARS
#: a side of the context "matches" at this similarity (0..1)
CONTEXT_OK = 0.75
#: a quote at least this long that occurs once is trusted without its context
LONG_QUOTE = 40
#: occurrences examined per searched piece; more means the piece tells nothing
MAX_HITS = 200
#: fuzzy placement: shortest quote, least similarity (short / long quotes), least margin
FUZZY_MIN_LEN = 12
FUZZY_MIN_SHORT = 0.9
FUZZY_MIN_LONG = 0.85
FUZZY_MARGIN = 0.1
WINDOW = 1500

Kind = Literal["exact", "reanchored", "orphan"]


@dataclass(frozen=True)
class Placement:
    kind: Kind
    start: int = -1
    end: int = -1
    #: confidence 0..1 (1: exact position)
    score: float = 0.0


ORPHANED = Placement("orphan")

#: ``rapidfuzz.fuzz``, imported by the first :func:`anchor` call (the helpers below run
#: only under it): importing it with this module would add ~10 ms to every app start
fuzz: Any = None


def anchor(text: str, a: SetAnnotation, *, source_text: str | None = None) -> Placement:
    """Where ``a`` belongs in ``text`` — or an orphan when that cannot be said with confidence.

    ``source_text`` is the text the set was made on, when the file carries it: the
    quote and its context are taken from it where the set gives none.
    """
    global fuzz
    if fuzz is None:
        from rapidfuzz import fuzz
    exact, prefix, suffix = a.exact, a.prefix, a.suffix
    start, end = a.start, a.end
    if source_text is not None and _valid(source_text, start, end):
        assert start is not None and end is not None
        exact = exact or source_text[start:end]
        prefix = prefix or source_text[max(0, start - CONTEXT) : start]
        suffix = suffix or source_text[end : end + CONTEXT]
    if exact and _valid(text, start, end) and text[start:end] == exact:  # type: ignore[index]
        return Placement("exact", start, end, 1.0)  # type: ignore[arg-type]
    if not exact.strip():  # white space alone cannot be searched for
        return ORPHANED
    expected = start if start is not None and start >= 0 else None
    spans = _occurrences(text, exact)
    if not spans:
        spans = textrules.find_all(text, exact)[:MAX_HITS]
    if spans:
        chosen = _choose(text, spans, exact, prefix, suffix, expected)
        if chosen is not None:
            return chosen
    return _fuzzy(text, exact, prefix, suffix, expected) or ORPHANED


def _valid(text: str, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and 0 <= start < end <= len(text)


def _occurrences(text: str, piece: str, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """Start and end of every occurrence of ``piece`` (overlapping ones too), up to ``limit``."""
    found: list[tuple[int, int]] = []
    pos = text.find(piece)
    while pos != -1 and len(found) < limit:
        found.append((pos, pos + len(piece)))
        pos = text.find(piece, pos + 1)
    return found


# --- context -------------------------------------------------------------------------


def _side(expected: str, actual: str, *, before: bool) -> float:
    """How well one side of the context matches: the share of it that is adjacent and
    identical, or its fuzzy similarity when higher."""
    if not expected:
        return 0.0
    n = 0
    if before:
        while n < min(len(expected), len(actual)) and expected[-1 - n] == actual[-1 - n]:
            n += 1
    else:
        while n < min(len(expected), len(actual)) and expected[n] == actual[n]:
            n += 1
    return max(n / len(expected), fuzz.ratio(expected, actual) / 100)


def _context(text: str, start: int, end: int, prefix: str, suffix: str) -> float | None:
    """The better-matching side of the context at ``start..end`` (None: no context known).

    The better side, not the mean: a moved sentence keeps the context inside it and
    loses the one outside.
    """
    sides = []
    if prefix.strip():
        sides.append(_side(prefix, text[max(0, start - len(prefix)) : start], before=True))
    if suffix.strip():
        sides.append(_side(suffix, text[end : end + len(suffix)], before=False))
    return max(sides) if sides else None


# --- stage 2: the exact quote elsewhere --------------------------------------------------


def _choose(
    text: str,
    spans: list[tuple[int, int]],
    exact: str,
    prefix: str,
    suffix: str,
    expected: int | None,
) -> Placement | None:
    scored = [(_context(text, s, e, prefix, suffix), s, e) for s, e in spans]
    if scored[0][0] is None:  # no context known: only a unique quote, or the nearest one
        if len(spans) == 1:
            s, e = spans[0]
            return Placement("reanchored", s, e, 0.8)
        return _nearest(spans, expected, 0.7)
    best = max(c or 0.0 for c, _, _ in scored)
    if best < CONTEXT_OK:
        if len(spans) == 1 and len(exact) >= LONG_QUOTE:
            s, e = spans[0]
            return Placement("reanchored", s, e, 0.8)
        return None
    tied = [(s, e) for c, s, e in scored if (c or 0.0) >= best - 0.05]
    if len(tied) == 1:
        s, e = tied[0]
        return Placement("reanchored", s, e, 0.85 + 0.1 * best)
    return _nearest(tied, expected, 0.8)


def _nearest(spans: list[tuple[int, int]], expected: int | None, score: float) -> Placement | None:
    """The span nearest ``expected`` when it is clearly the nearest (half the distance)."""
    if expected is None:
        return None
    ranked = sorted(spans, key=lambda span: abs(span[0] - expected))
    first, second = abs(ranked[0][0] - expected), abs(ranked[1][0] - expected)
    if first * 2 > second:
        return None
    return Placement("reanchored", ranked[0][0], ranked[0][1], score)


# --- stage 3: fuzzy ----------------------------------------------------------------------


def _regions(
    text: str, exact: str, prefix: str, suffix: str, expected: int | None
) -> list[tuple[int, int]]:
    """Bounded windows where the quote may be: after a surviving piece of the prefix or the
    quote's head, before one of the suffix or the quote's tail, around the old position."""
    n, size = len(text), len(exact)
    slack = max(8, size // 4)
    regions: list[tuple[int, int]] = []

    def hits(piece: str) -> list[int]:
        if len(piece.strip()) < 6:
            return []
        found = _occurrences(text, piece, MAX_HITS + 1)
        return [] if len(found) > 20 else [s for s, _ in found]

    for p in hits(prefix[-16:]):
        regions.append((p + len(prefix[-16:]), p + len(prefix[-16:]) + size + slack))
    for p in hits(exact[:16]):
        regions.append((p - slack, p + size + slack))
    for p in hits(exact[-16:]):
        tail_end = p + len(exact[-16:])
        regions.append((tail_end - size - slack, tail_end + slack))
    for p in hits(suffix[:16]):
        regions.append((p - size - slack, p))
    if expected is not None:
        regions.append((expected - WINDOW, expected + size + WINDOW))
    clamped = {(max(0, s), min(n, e)) for s, e in regions}
    return sorted((s, e) for s, e in clamped if e - s >= min(size, n))


def _snap(text: str, start: int, end: int, exact: str, prefix: str, suffix: str) -> tuple[int, int]:
    """Adjust the aligned boundaries: to the surviving context when it is right there,
    else to the best similarity one boundary at a time (a few characters either way)."""
    reach = max(3, len(exact) // 6)
    head = prefix[-8:]
    if len(head.strip()) >= 4:
        at = text.rfind(head, max(0, start - reach - len(head)), start + reach)
        if at != -1:
            start = at + len(head)
    else:
        start = max(
            range(max(0, start - reach), min(end - 1, start + reach) + 1),
            key=lambda s: (fuzz.ratio(exact, text[s:end]), -abs(s - start)),
        )
    tail = suffix[:8]
    if len(tail.strip()) >= 4:
        at = text.find(tail, max(start + 1, end - reach), end + reach + len(tail))
        if at != -1:
            end = at
    else:
        end = max(
            range(max(start + 1, end - reach), min(len(text), end + reach) + 1),
            key=lambda e: (fuzz.ratio(exact, text[start:e]), -abs(e - end)),
        )
    return start, end


def _fuzzy(
    text: str, exact: str, prefix: str, suffix: str, expected: int | None
) -> Placement | None:
    if len(exact.strip()) < FUZZY_MIN_LEN:
        return None
    candidates: dict[tuple[int, int], tuple[float, float]] = {}
    for rs, re_ in _regions(text, exact, prefix, suffix, expected):
        found = fuzz.partial_ratio_alignment(exact, text[rs:re_], score_cutoff=70)
        if found is None:
            continue
        s, e = _snap(text, rs + found.dest_start, rs + found.dest_end, exact, prefix, suffix)
        if s >= e or (s, e) in candidates:
            continue
        quote = fuzz.ratio(exact, text[s:e]) / 100
        context = _context(text, s, e, prefix, suffix)
        candidates[(s, e)] = (quote, context if context is not None else 0.0)
    if not candidates:
        return None
    ranked = sorted(candidates.items(), key=lambda kv: kv[1][0] + 0.5 * kv[1][1], reverse=True)
    (s, e), (quote, context) = ranked[0]
    least = FUZZY_MIN_LONG if len(exact) >= 30 else FUZZY_MIN_SHORT
    known_context = bool(prefix.strip() or suffix.strip())
    if quote < least or (known_context and context < CONTEXT_OK):
        return None
    if not known_context and quote < 0.95:
        return None
    combined = quote + 0.5 * context
    for (os_, oe), (oq, oc) in ranked[1:]:
        if os_ < e and s < oe:  # the same place, aligned a little differently
            continue
        if combined - (oq + 0.5 * oc) < FUZZY_MARGIN:
            return None
        break
    return Placement("reanchored", s, e, round(min(0.99, combined / 1.5), 3))
