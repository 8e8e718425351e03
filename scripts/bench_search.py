"""Benchmark of corpus search: ``Project.search`` over 10,000 generated news articles.

The articles (3–6 KB of news-like English each: a Zipf-distributed common vocabulary,
topic words, names with diacritics, a long tail of rarer words, quotes with their
speakers) go into a temporary database through the store, in one transaction, so the
real triggers build the index; about a third of them get 1–6 annotations (whole
sentences, some with a note). Each query kind — a common word, a single topic word, two
words, a phrase, prefixes (also the 2 and 3 letters a user has typed so far), a rare
word, a name typed without its accent, an OR — is timed ``runs`` times after one
warm-up, beside its floor: the same FTS5 MATCH expressions (articles and annotations,
``ORDER BY rank LIMIT 50``) run through plain ``sqlite3`` on the same file, without
highlights, snippets or joins.

Usage: ``python scripts/bench_search.py [--articles 10000] [--runs 7]``. A larger suite
imports :func:`run`. Goal: median ≤ 50 ms per query at 10,000 articles.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from annotator.core.project import Project  # noqa: E402
from annotator.domain import text as textrules  # noqa: E402
from annotator.domain.model import Annotation, Article, now_iso  # noqa: E402
from annotator.domain.search import fts_query  # noqa: E402
from annotator.store import annotations as annotation_rows  # noqa: E402
from annotator.store import articles as article_rows  # noqa: E402

COMMON = (
    "the of and to a in that is was for on with as by said at it from he his be have "
    "has an are were not this but which they had their its after been would who also "
    "more than will one two new about over all up when year last there could other "
    "into some out people into we can before because government officials told week "
    "president minister country state military forces city police report according "
    "during between under while since however including against first three percent"
).split()
TOPIC = (
    "missile missiles sanctions ministry foreign defence artillery ceasefire election "
    "parliament troops border drone drones satellite summit treaty negotiations "
    "shelling refugees embassy spokesperson intelligence ammunition convoy pipeline "
    "inflation tariffs budget court verdict investigation protest protesters energy "
    "grain shipment nuclear uranium alliance envoy diplomats delegation statement "
    "casualties humanitarian evacuation airstrike frontline referendum coalition"
).split()
NAMES = (
    "José Martínez|Recep Erdoğan|Volodymyr Zelenskyy|Kim Jong Un|Vladimir Putin|"
    "Angela Müller|Sergei Lavrov|Antony Blinken|Emmanuel Macron|Lula da Silva|"
    "Olaf Scholz|Fumio Kishida|Narendra Modi|Łukasz Kowalski|Zoë Brontë|Ana São João"
).split("|")
PLACES = (
    "Seoul Pyongyang Moscow Kyiv Washington Beijing Ankara Brussels São Paulo Kraków "
    "Geneva Tehran Kharkiv Vladivostok Hanoi Gaza Jerusalem Nairobi Bogotá Reykjavík"
).split()
SYLLABLES = "ka ro mi tu ven sal dor pre lin qua zet bor nim os ul tra fen gar hul ix".split()
RARE = "quasicrystal"
PHRASES = ("foreign ministry", "artillery rounds", "ceasefire talks", "humanitarian aid")


def _long_tail(rng: random.Random, n: int) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Writer:
    """Deterministic news-like text for a given seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        tail = _long_tail(self.rng, 20_000)
        self.words = COMMON + TOPIC + tail
        weights = [1.0 / (rank + 1) for rank in range(len(COMMON))]
        weights += [0.02] * len(TOPIC) + [0.0004] * len(tail)
        total = 0.0
        self.cum = []
        for weight in weights:
            total += weight
            self.cum.append(total)

    def sentence(self) -> str:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(10, 26))
        roll = rng.random()
        if roll < 0.25:
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        elif roll < 0.45:
            words.insert(rng.randrange(len(words)), rng.choice(PLACES))
        if rng.random() < 0.15:
            phrase = rng.choice(PHRASES)
            words.insert(rng.randrange(len(words)), phrase)
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.2:
            return f"“{text},” {rng.choice(NAMES)} said."
        return text + "."

    def article(self, index: int) -> tuple[str, str]:
        rng = self.rng
        title_words = rng.sample(TOPIC, 3) + [rng.choice(PLACES), rng.choice(NAMES)]
        rng.shuffle(title_words)
        title = " ".join(title_words).capitalize()
        target = rng.randint(3_000, 6_000)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            paragraph = " ".join(self.sentence() for _ in range(rng.randint(2, 5)))
            paragraphs.append(paragraph)
            size += len(paragraph.encode()) + 2
        if index % 3333 == 17:  # a rare word, in three articles of 10,000
            paragraphs[-1] += f" The {RARE} samples were sent to a laboratory."
        return title, "\n\n".join(paragraphs)


def build(path: Path, n_articles: int, seed: int = 7) -> dict:
    """A database of ``n_articles`` generated articles (and their annotations) at ``path``."""
    writer = Writer(seed)
    rng = random.Random(seed + 1)
    project = Project.open(path, "bench")
    db = project.store.db
    counts = {"articles": 0, "annotations": 0, "bytes": 0}
    t0 = time.perf_counter()
    with project.store.transaction():
        for index in range(n_articles):
            title, text = writer.article(index)
            stamp = now_iso()
            article = Article(
                id=f"bench-{index:06d}",
                text=text,
                sha256=textrules.sha256_text(text),
                title=title,
                source_format="txt",
                imported_at=stamp,
            )
            article_rows.insert(
                db,
                article,
                imported_by="bench",
                original=b"",
                original_name=f"bench-{index}.txt",
                media_type="text/plain",
            )
            counts["articles"] += 1
            counts["bytes"] += len(text.encode())
            if index % 3:
                continue
            for number in range(rng.randint(1, 6)):
                start = text.find(". ", rng.randrange(len(text) // 2)) + 2
                end = text.find(".", start) + 1
                if start < 2 or end <= start:
                    continue
                quote = textrules.quote_at(text, start, end)
                note = rng.choice(["", "", "Check the figures.", "Denied by José Martínez."])
                annotation_rows.insert(
                    db,
                    Annotation(
                        id=f"bench-{index:06d}-{number}",
                        article_id=article.id,
                        start=start,
                        end=end,
                        exact=quote.exact,
                        prefix=quote.prefix,
                        suffix=quote.suffix,
                        tag=rng.choice(["Claim", "Source", "Denial", "Evidence"]),
                        annotator="bench",
                        created=stamp,
                        modified=stamp,
                        note=note,
                    ),
                    None,
                )
                counts["annotations"] += 1
    counts["build_seconds"] = time.perf_counter() - t0
    project.close()
    return counts


#: the timed queries: (kind, what a user types)
QUERIES = [
    ("common word", "officials"),
    ("single word", "ceasefire"),
    ("two words", "missile sanctions"),
    ("phrase", '"foreign ministry"'),
    ("prefix", "evacu*"),
    ("typing: 2-letter prefix", "ev*"),
    ("typing: 3 letters", "tra"),
    ("rare word", RARE),
    ("no accent", "erdogan"),
    ("or", "uranium OR pipeline"),
]


def _floor(conn: sqlite3.Connection, match: str, limit: int) -> None:
    for table, column in (("articles_fts", "article_id"), ("annotations_fts", "annotation_id")):
        conn.execute(
            f"SELECT {column}, rank FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?",
            [match, limit],
        ).fetchall()


def _stats(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def run(n_articles: int = 10_000, runs: int = 7, *, limit: int = 50) -> dict:
    """Build the corpus in a temporary folder and time every query kind ``runs`` times.

    Returns ``{"articles", "annotations", "megabytes", "build_seconds", "db_megabytes",
    "queries": {kind: {"query", "hits", "median_ms", "p95_ms", "floor_median_ms",
    "floor_p95_ms", "ratio"}}, "all": {the same over every timed query}}``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search-bench.db"
        counts = build(path, n_articles)
        project = Project.open(path, "bench")
        conn = sqlite3.connect(path)
        results: dict = {}
        every, every_floor = [], []
        try:
            for kind, query in QUERIES:
                match = fts_query(query)
                hits = project.search(query, limit=limit)  # warm-up
                _floor(conn, match, limit)
                times, floors = [], []
                for _ in range(runs):
                    t = time.perf_counter()
                    project.search(query, limit=limit)
                    times.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    _floor(conn, match, limit)
                    floors.append(time.perf_counter() - t)
                ours, floor = _stats(times), _stats(floors)
                results[kind] = {
                    "query": query,
                    "hits": len(hits),
                    **ours,
                    "floor_median_ms": floor["median_ms"],
                    "floor_p95_ms": floor["p95_ms"],
                    "ratio": ours["median_ms"] / max(floor["median_ms"], 1e-6),
                }
                every += times
                every_floor += floors
        finally:
            conn.close()
            project.close()
        db_bytes = sum(p.stat().st_size for p in Path(tmp).glob("search-bench.db*"))
    ours, floor = _stats(every), _stats(every_floor)
    return {
        "articles": counts["articles"],
        "annotations": counts["annotations"],
        "megabytes": counts["bytes"] / 1e6,
        "build_seconds": counts["build_seconds"],
        "db_megabytes": db_bytes / 1e6,
        "queries": results,
        "all": {
            **ours,
            "floor_median_ms": floor["median_ms"],
            "floor_p95_ms": floor["p95_ms"],
            "ratio": ours["median_ms"] / max(floor["median_ms"], 1e-6),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.articles < 1 or args.runs < 1:
        parser.error("--articles and --runs must be at least 1")
    result = run(args.articles, args.runs)
    print(
        f"{result['articles']:,} articles ({result['megabytes']:.1f} MB of text), "
        f"{result['annotations']:,} annotations; built and indexed in "
        f"{result['build_seconds']:.1f} s; database {result['db_megabytes']:.0f} MB"
    )
    print(f"{args.runs} timed runs per query, limit 50; floor: the raw FTS5 MATCH queries")
    header = f"{'query':<40}{'hits':>5}{'median':>10}{'p95':>10}{'floor med':>11}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    rows = list(result["queries"].items()) + [("all queries", result["all"])]
    for kind, row in rows:
        label = f"{kind} ({row['query']})" if "query" in row else kind
        hits = str(row.get("hits", ""))
        print(
            f"{label:<40}{hits:>5}{row['median_ms']:>8.1f}ms{row['p95_ms']:>8.1f}ms"
            f"{row['floor_median_ms']:>9.1f}ms{row['ratio']:>7.1f}×"
        )
    verdict = "met" if result["all"]["median_ms"] <= 50 else "NOT met"
    print(f"goal: median ≤ 50 ms per query — {verdict}")


if __name__ == "__main__":
    main()
