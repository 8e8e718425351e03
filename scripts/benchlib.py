"""Generated data shared by the benchmarks (scripts/bench_desk.py, scripts/bench.py).

Everything is deterministic for a given ``random.Random``: the same seed gives the same
article, the same spans and the same tags.
"""

from __future__ import annotations

import random
from pathlib import Path

from annotator.core.project import Project
from annotator.formats.draft import ArticleDraft

WORDS = (
    "North Korea Russia artillery rounds supplied says deny claim Kim Putin alliance "
    "the of and to in a that with for on was said officials report Pyongyang Moscow "
    "missiles satellite sanctions 😀 Ünïcode 평양"
).split()

TAGS = ("Claim", "Source", "Denial", "Evidence")

#: the size of the benchmark article: 1.5 MB of UTF-8, about 240,000 words
ARTICLE_BYTES = 1_500_000


def make_text(target_bytes: int, rng: random.Random) -> str:
    """Paragraphs of 40–120 words (emoji and Korean included) up to ``target_bytes``."""
    paragraphs, size = [], 0
    while size < target_bytes:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
        paragraph = " ".join(words) + "."
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def spans(text: str, n: int, rng: random.Random) -> list[tuple[int, int]]:
    """``n`` random spans of 5–160 code points; many of them overlap."""
    out = []
    for _ in range(n):
        start = rng.randrange(0, len(text) - 200)
        out.append((start, start + rng.randint(5, 160)))
    return out


def text_draft(text: str, title: str) -> ArticleDraft:
    return ArticleDraft(
        text=text,
        source_format="txt",
        original=text.encode(),
        original_name=f"{title.lower().replace(' ', '-')}.txt",
        media_type="text/plain",
        title=title,
    )


def add_annotations(project: Project, article_id: str, n: int, rng: random.Random) -> None:
    """Tag ``n`` random spans of the article (random tags) through the real core path,
    in one transaction."""
    text = project.article(article_id).text
    with project.store.transaction():
        for start, end in spans(text, n, rng):
            project.create_annotation(article_id, start, end, rng.choice(TAGS))


def build_databases(folder: Path, sizes: list[int], *, text_bytes: int = ARTICLE_BYTES) -> dict:
    """One database per size in ``sizes`` (and one with none), each holding a small
    warm-up article (10 annotations) and the generated article with that many annotations.

    Built incrementally (the spans of the smaller sets are kept in the larger ones) and
    copied with SQLite's backup API. Returns ``{"text": ..., "article_id": ...,
    "warmup_id": ..., "dbs": {size: path}}`` (size 0: the article without annotations).
    """
    rng = random.Random(42)
    text = make_text(text_bytes, rng)
    folder.mkdir(parents=True, exist_ok=True)
    project = Project.open(folder / "building.db", "bench")
    try:
        warmup = project.import_draft(text_draft(make_text(3_000, rng), "Warm-up")).article
        add_annotations(project, warmup.id, 10, rng)
        article = project.import_draft(text_draft(text, "Bench")).article
        dbs: dict[int, str] = {}
        have = 0
        for size in sorted({0, *sizes}):
            add_annotations(project, article.id, size - have, rng)
            have = size
            target = folder / f"bench-{size}.db"
            project.store.backup(target)
            dbs[size] = str(target)
    finally:
        project.close()
    return {"text": text, "article_id": article.id, "warmup_id": warmup.id, "dbs": dbs}
