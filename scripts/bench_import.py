"""Import throughput: HTML pages per second through the sandbox, in-process, and
trafilatura alone.

Generates ``--pages`` news-like HTML pages (navigation, scripts, a comment section,
15–40 paragraphs each, every page different) in a temporary folder and reads them
three ways: ``trafilatura.extract`` on each page's bytes (the library alone), our
``load_file`` in this process (trafilatura plus our pruning, fallback and metadata),
and ``Sandbox.load`` (the same ``load_file`` in one child process with a time limit
and a memory cap, as the app and ``annotator import`` do). Prints pages/s and ratios.

Usage: python scripts/bench_import.py [--pages 200] [--runs 2] [--seed 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (
    "ministry officials said figures revised review regional data declined comment "
    "artillery rounds supplied according report agency statement denied claims evidence "
    "satellite images showed trains border crossing analysts estimate shipments months "
    "government spokesperson told reporters week sanctions treaty summit leaders"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + f" {rng.randint(1, 99999)}."


def make_page(rng: random.Random, number: int) -> str:
    paragraphs = "\n".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 5)))}</p>"
        for _ in range(rng.randint(15, 40))
    )
    menu = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(25))
    comments = "".join(f"<div class='comment'><p>{_sentence(rng)}</p></div>" for _ in range(8))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Report {number}: {_sentence(rng)[:60]}</title>
<meta name="author" content="Reporter {number % 17}">
<meta property="og:site_name" content="Example News">
<meta name="date" content="2024-06-{1 + number % 28:02d}">
<script>var tracking = {{"page": {number}}};</script>
<style>body {{ font-family: serif; }}</style></head>
<body><header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>Report {number}</h1><p class="byline">By Reporter {number % 17}</p>
{paragraphs}</article>
<section id="comments">{comments}</section></main>
<footer><p>© Example News. All rights reserved.</p></footer></body></html>"""


def _timed(label: str, paths: list[Path], read) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for path in paths:
        read(path)
    seconds = time.perf_counter() - started
    rate = len(paths) / seconds
    print(f"{label:<44} {seconds:6.2f} s  {rate:7.1f} pages/s", flush=True)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    import trafilatura

    from annotator.formats.importing import load_file
    from annotator.formats.sandbox import Sandbox

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n in range(args.pages):
            path = Path(tmp) / f"page-{n:04d}.html"
            path.write_text(make_page(rng, n), encoding="utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        print(f"{len(paths)} pages, {size:.0f} KB each on average, {args.runs} runs")
        alone, inproc, boxed = [], [], []
        for _ in range(args.runs):
            alone.append(
                _timed(
                    "trafilatura.extract alone",
                    paths,
                    lambda p: trafilatura.extract(p.read_bytes()),
                )
            )
            inproc.append(_timed("load_file in this process", paths, load_file))
            with Sandbox() as box:
                boxed.append(
                    _timed(
                        "Sandbox.load (one child, 30 s, 1.5 GB)", paths, lambda p: box.load(str(p))
                    )
                )
                starts = box.starts
        best = {k: statistics.median(v) for k, v in (("a", alone), ("i", inproc), ("b", boxed))}
        print(
            f"median pages/s: trafilatura alone {best['a']:.1f}, in-process {best['i']:.1f}, "
            f"sandbox {best['b']:.1f} (child starts per batch: {starts})"
        )
        print(
            f"sandbox / trafilatura alone: {best['b'] / best['a']:.2f}×; "
            f"sandbox / in-process: {best['b'] / best['i']:.2f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
