"""Import throughput: HTML pages per second through the sandbox, in-process, and
trafilatura alone.

Generates ``--pages`` news-like HTML pages (navigation, scripts, a comment section,
15–40 paragraphs each, every page different) in a temporary folder and reads them
several ways: ``trafilatura.extract`` on each page's bytes (the library alone, text
only), ``trafilatura.bare_extraction`` with the options and metadata ``load_html`` asks
for (trafilatura's own parse of the bytes instead of ours), our ``load_file`` in this
process (trafilatura plus decoding, pruning, fallback and metadata), ``Sandbox.load``
(the same ``load_file`` in one child process with a time limit and a memory cap), with
and without the child's start, and ``Sandbox.load_all`` (the pool of children reading
side by side, as the app and ``annotator import`` do), the children's start included.
Prints pages/s per run, medians and ratios.

Usage: python scripts/bench_import.py [--pages 200] [--runs 3] [--seed 3]
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
    print(f"{label:<52} {seconds:6.2f} s  {rate:7.1f} pages/s", flush=True)
    return rate


def _bare(path: Path) -> object:
    """What load_html asks of trafilatura: its parse of the page, the extraction with the
    same options and the metadata as ``html_meta.article_metadata`` reads it."""
    import trafilatura
    from trafilatura.utils import load_html

    from annotator.formats.html_meta import article_metadata

    tree = load_html(path.read_bytes())
    doc = trafilatura.bare_extraction(
        tree,
        favor_precision=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        output_format="txt",
    )
    return doc, article_metadata(tree, None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    import trafilatura

    from annotator.formats.importing import load_file
    from annotator.formats.sandbox import Sandbox, default_readers

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n in range(args.pages):
            path = Path(tmp) / f"page-{n:04d}.html"
            path.write_text(make_page(rng, n), encoding="utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        print(f"{len(paths)} pages, {size:.0f} KB each on average, {args.runs} runs")
        keys = ("text", "bare", "in", "box", "warm", "pool")
        figures: dict[str, list[float]] = {k: [] for k in keys}
        readers = default_readers()  # at most; fewer when the machine is busy
        used: list[int] = []
        starts = []
        for _ in range(args.runs):
            figures["text"].append(
                _timed(
                    "trafilatura.extract (text only)",
                    paths,
                    lambda p: trafilatura.extract(p.read_bytes()),
                )
            )
            figures["bare"].append(
                _timed("trafilatura.bare_extraction (as load_html asks)", paths, _bare)
            )
            figures["in"].append(_timed("load_file in this process", paths, load_file))
            started = time.perf_counter()
            with Sandbox() as box:
                box.load(str(paths[0]))
                starts.append(time.perf_counter() - started)
                rest = _timed(
                    "  Sandbox.load after the first page", paths[1:], lambda p: box.load(str(p))
                )
                figures["warm"].append(rest)
            whole = len(paths) / (time.perf_counter() - started)
            label = "Sandbox batch, the child's start included"
            print(f"{label:<52} {len(paths) / whole:6.2f} s  {whole:7.1f} pages/s")
            figures["box"].append(whole)
            started = time.perf_counter()
            with Sandbox() as box:
                box.load_all([str(p) for p in paths], lambda _i, _outcome: None)
                used.append(box.starts)
            pool = len(paths) / (time.perf_counter() - started)
            label = f"Sandbox.load_all, {box.starts} of {readers} readers, start included"
            print(f"{label:<52} {len(paths) / pool:6.2f} s  {pool:7.1f} pages/s", flush=True)
            figures["pool"].append(pool)
        m = {k: statistics.median(v) for k, v in figures.items()}
        print(
            f"medians, pages/s: trafilatura text only {m['text']:.1f}, trafilatura as asked "
            f"{m['bare']:.1f}, load_file in process {m['in']:.1f}, sandbox batch {m['box']:.1f}, "
            f"sandbox after its start {m['warm']:.1f}, pool ({used} readers) {m['pool']:.1f}; "
            f"child start {statistics.median(starts):.2f} s"
        )
        print(
            f"sandbox batch / trafilatura as asked: {m['box'] / m['bare']:.2f}x; "
            f"/ load_file in process: {m['box'] / m['in']:.2f}x; "
            f"after its start / in process: {m['warm'] / m['in']:.2f}x; "
            f"pool / trafilatura text only: {m['pool'] / m['text']:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
