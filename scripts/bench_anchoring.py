"""Re-anchoring figures: how many annotations land in the right place after the article
changed, and how many land in a wrong one.

The sample article carries its demo set (28 annotations). Each run edits a copy of
the text with a seeded RNG — sentences inserted, deleted and moved, a word changed
(often inside a quote), white space changed — until the given share of the text has
changed, tracking where every original character went. Then every annotation is
re-anchored (:func:`annotator.core.anchoring.anchor`) on the new text.

- *survivors*: annotations whose quote is still there verbatim, character for character
  (the truth is where those characters went);
- *correct*: survivors placed exactly on the truth;
- *edited*: annotations whose two ends survive with something changed between them;
  *edited placed* counts those placed exactly on the new span;
- *misplaced*: placements (of any annotation) that do not overlap what is left of the
  annotation's own characters — the number that must stay 0.

Run: ``.venv/bin/python scripts/bench_anchoring.py`` (also part of
``tests/core/test_anchoring.py``, which asserts ≥ 99 % correct and 0 misplaced).
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from annotator.core.anchoring import anchor  # noqa: E402
from annotator.domain.exchange import SetAnnotation  # noqa: E402

SENTENCE = re.compile(r"[^.!?\n]*[.!?]+[”\"’)]*[ \t]*")
FILLER = (
    "officials said the talks would continue next week in the capital while analysts "
    "warned that the agreement could change the balance of power in the region and "
    "diplomats declined to comment on the details of the plan"
).split()


@dataclass
class Figures:
    annotations: int = 0
    survivors: int = 0
    correct: int = 0
    edited: int = 0
    edited_placed: int = 0
    orphaned: int = 0
    misplaced: int = 0
    seconds: float = 0.0

    def add(self, other: Figures) -> None:
        for key in self.__dataclass_fields__:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @property
    def correct_share(self) -> float:
        return self.correct / self.survivors if self.survivors else 1.0


class Edited:
    """A text being edited, every character remembering its original offset (-1: new)."""

    def __init__(self, text: str, rng: random.Random) -> None:
        self.chars = list(text)
        self.origin = list(range(len(text)))
        self.rng = rng
        self.changed = 0

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def _sentences(self) -> list[tuple[int, int]]:
        return [m.span() for m in SENTENCE.finditer(self.text) if m.end() > m.start() + 1]

    def _splice(self, start: int, end: int, new: list[str], origin: list[int]) -> None:
        self.chars[start:end] = new
        self.origin[start:end] = origin
        self.changed += max(end - start, sum(1 for o in origin if o < 0))

    def delete_sentence(self) -> None:
        s, e = self.rng.choice(self._sentences())
        self._splice(s, e, [], [])

    def insert_sentence(self) -> None:
        at = self.rng.choice(self._sentences())[0]
        words = self.rng.sample(FILLER, self.rng.randint(6, 14))
        new = list(" ".join(words).capitalize() + ". ")
        self._splice(at, at, new, [-1] * len(new))

    def move_sentence(self) -> None:
        sentences = self._sentences()
        s, e = self.rng.choice(sentences)
        chars, origin = self.chars[s:e], self.origin[s:e]
        del self.chars[s:e], self.origin[s:e]
        at = self.rng.choice(self._sentences())[0]
        self.chars[at:at] = chars
        self.origin[at:at] = origin
        self.changed += e - s

    def change_word(self, inside: tuple[int, int] | None = None) -> None:
        text = self.text
        words = [m.span() for m in re.finditer(r"[A-Za-z]{4,}", text)]
        if inside is not None:
            words = [w for w in words if inside[0] < w[0] and w[1] < inside[1]] or words
        s, e = self.rng.choice(words)
        new = list(self.rng.choice(FILLER) + "s")
        self._splice(s, e, new, [-1] * len(new))

    def change_space(self) -> None:
        spaces = [i for i, c in enumerate(self.chars) if c == " "]
        i = self.rng.choice(spaces)
        new = self.rng.choice([["\n"], [" ", " "], ["\u00a0"]])
        self._splice(i, i + 1, new, [-1] * len(new))


def edit(text: str, spans: list[tuple[int, int]], share: float, seed: int) -> Edited:
    rng = random.Random(seed)
    doc = Edited(text, rng)
    goal = share * len(text)
    while doc.changed < goal:
        op = rng.random()
        if op < 0.2:
            doc.delete_sentence()
        elif op < 0.4:
            doc.insert_sentence()
        elif op < 0.6:
            doc.move_sentence()
        elif op < 0.8:
            doc.change_word(rng.choice(spans) if spans and rng.random() < 0.7 else None)
        else:
            doc.change_space()
    return doc


def measure(text: str, annotations: list[SetAnnotation], doc: Edited) -> Figures:
    new_text = doc.text
    where = {o: i for i, o in enumerate(doc.origin) if o >= 0}
    figures = Figures(annotations=len(annotations))
    started = time.perf_counter()
    placements = [anchor(new_text, a) for a in annotations]
    figures.seconds = time.perf_counter() - started
    for a, place in zip(annotations, placements, strict=True):
        assert a.start is not None and a.end is not None
        first, last = where.get(a.start), where.get(a.end - 1)
        size = a.end - a.start
        verbatim = first is not None and doc.origin[first : first + size] == list(
            range(a.start, a.end)
        )
        left = [where[o] for o in range(a.start, a.end) if o in where]
        if place.kind == "orphan":
            figures.orphaned += 1
        elif not left or not any(place.start <= p < place.end for p in left):
            figures.misplaced += 1
        if verbatim:
            figures.survivors += 1
            assert first is not None
            figures.correct += (place.start, place.end) == (first, first + size)
        elif first is not None and last is not None and last > first:
            figures.edited += 1
            figures.edited_placed += (place.start, place.end) == (first, last + 1)
    return figures


def sample_set() -> tuple[str, list[SetAnnotation]]:
    """The sample article and its demo annotations, made on a temporary database."""
    from annotator.core.demo import annotate_sample
    from annotator.core.project import Project

    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(Path(folder) / "bench.db", "bench")
        try:
            article = project.import_sample().article
            annotate_sample(project, article.id)
            found = project.annotations(article.id)
        finally:
            project.close()
    return article.text, [_as_set(a) for a in found]


def _as_set(a) -> SetAnnotation:  # noqa: ANN001 - an Annotation
    return SetAnnotation(a.tag, a.exact, a.start, a.end, a.prefix, a.suffix, id=a.id)


def synthetic(size: int, count: int, seed: int = 7) -> tuple[str, list[SetAnnotation]]:
    """A text of ``size`` characters made of sentences of invented words, and ``count``
    annotations of 2-12 words inside its sentences."""
    from annotator.domain.text import quote_at

    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "pe", "da", "zu", "shi", "an"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(4000)]
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choices(vocabulary, k=rng.randint(8, 24))).capitalize() + ". "
        if rng.random() < 0.15:
            sentence += "\n\n"
        parts.append(sentence)
        length += len(sentence)
    text = "".join(parts)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    annotations = []
    for _ in range(count):
        i = rng.randrange(len(words) - 12)
        j = i + rng.randint(1, 11)
        s, e = words[i][0], words[j][1]
        quote = quote_at(text, s, e)
        annotations.append(SetAnnotation("Claim", quote.exact, s, e, quote.prefix, quote.suffix))
    return text, annotations


def run(shares: tuple[float, ...] = (0.02, 0.05, 0.10), seeds: int = 40) -> dict[str, Figures]:
    text, annotations = sample_set()
    spans = [(a.start or 0, a.end or 0) for a in annotations]
    table: dict[str, Figures] = {}
    for share in shares:
        total = Figures()
        for seed in range(seeds):
            total.add(measure(text, annotations, edit(text, spans, share, seed)))
        table[f"sample {share:.0%} × {seeds}"] = total
    big_text, big = synthetic(200_000, 2000)
    big_spans = [(a.start or 0, a.end or 0) for a in big]
    for share in (0.02, 0.10):
        table[f"200 KB, 2,000 ann., {share:.0%}"] = measure(
            big_text, big, edit(big_text, big_spans, share, 1)
        )
    return table


def format_table(table: dict[str, Figures]) -> str:
    head = (
        "| text, edited | annotations | survivors | correct | edited quotes (placed) "
        "| orphaned | misplaced | anchoring time |"
    )
    rows = [head, "|" + "---|" * 8]
    for name, f in table.items():
        rows.append(
            f"| {name} | {f.annotations} | {f.survivors} | {f.correct} ({f.correct_share:.1%}) "
            f"| {f.edited} ({f.edited_placed}) | {f.orphaned} | {f.misplaced} "
            f"| {f.seconds * 1000:.0f} ms |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(format_table(run()))
