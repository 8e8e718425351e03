"""The performance benchmark suite (``make bench``).

On generated data (a 1.5 MB article of about 240,000 words with overlapping annotations;
1,000 HTML news pages) it measures the eight figures of issue 8, each the median of runs
and each beside its floor measured in the same run on the same data, prints a table with
the machine and writes ``bench-results.json`` with every number and the raw runs. With
figures 1 and 2 it also draws the scaling plot (open and tag time against 1k, 10k, 50k
and 100k annotations) to docs/bench-scaling.png.

Usage::

    python scripts/bench.py [--quick] [--only 1,2] [--runs N] [--out FILE]
                            [--plot FILE | --no-plot] [--keep]

``--quick`` uses smaller sizes (a 300 KB article, up to 5,000 annotations, 40 pages) and
3 runs, and draws no plot unless ``--plot`` is given. Measurements run in fresh child
processes (this script with ``--child``); see scripts/benchsuite/.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
for folder in (SCRIPTS, SCRIPTS.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from benchsuite import figures, report  # noqa: E402
from benchsuite.common import ROOT, ChildFailed, child_main, row  # noqa: E402

ALL = ("1", "2", "3", "4", "5", "6", "7", "8")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, 3 runs")
    parser.add_argument("--only", default=",".join(ALL), help="figures to run, e.g. 1,2")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--plot", type=Path, default=None, help="where the scaling plot goes")
    parser.add_argument("--no-plot", action="store_true", help="skip the scaling plot")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    chosen = {f.strip() for f in args.only.split(",") if f.strip()}
    unknown = chosen - set(ALL)
    if unknown or not chosen:
        parser.error(f"--only takes figures among {','.join(ALL)}; not {','.join(unknown)}")
    args.figures = chosen
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.child:
        child_main(args.child)
        return 0
    started = time.monotonic()
    host = report.machine()
    print(f"machine: {report.machine_line(host)}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    cfg = figures.Config.quick(work) if args.quick else figures.Config(work=work)
    if args.runs is not None:
        cfg.runs = args.runs
    plot_path = args.plot or (None if args.quick else ROOT / "docs" / "bench-scaling.png")
    want_plot = bool(plot_path) and not args.no_plot and bool({"1", "2"} & args.figures)
    chosen = args.figures
    rows: list[dict] = []
    series: dict = {}
    data: dict = {}
    try:
        sizes = set()
        if {"1", "2", "3"} & chosen:
            sizes |= {*cfg.open_sizes, cfg.tag_size, cfg.scroll_size}
            sizes |= set(cfg.plot_sizes) if want_plot else set()
        if "6" in chosen:
            sizes |= {cfg.exchange_size, cfg.exchange_fallback}
        if "8" in chosen:
            sizes.add(cfg.memory_size)
        if sizes:
            figures.say(f"building databases with {', '.join(f'{s:,}' for s in sorted(sizes))}")
            from benchlib import build_databases

            data = build_databases(work / "dbs", sorted(sizes), text_bytes=cfg.text_bytes)
        if {"1", "2", "3"} & chosen:

            def desk() -> list[dict]:
                desk_rows, desk_series = figures.desk(cfg, data, chosen, want_plot)
                series.update(desk_series)
                return desk_rows

            rows += _guarded(sorted({"1", "2", "3"} & chosen), desk)
        if "4" in chosen:
            from benchsuite.startup import figure4

            figures.say("starting the app and the empty-window floor")
            rows += _guarded(["4"], lambda: figure4(cfg.runs))
        if "5" in chosen:
            rows += _guarded(["5"], lambda: figures.imports(cfg))
        if "6" in chosen:
            from benchsuite.exchange import figure6

            rows += _guarded(["6"], lambda: figure6(cfg, data))
        if "7" in chosen:
            from benchsuite.search import figure7

            rows += _guarded(["7"], lambda: figure7(cfg))
        if "8" in chosen:
            rows += _guarded(["8"], lambda: figures.memory(cfg, data))
    finally:
        if args.keep:
            figures.say(f"generated data kept in {work}")
        else:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
    rows.sort(key=lambda r: r["figure"])
    plot_note = None
    if want_plot and series:
        runs = f"{cfg.runs} run" + ("s" if cfg.runs > 1 else "")
        title = f"annotator on {host['cpu']}, {host['cores']} cores, median of {runs}"
        plot_note = report.plot(plot_path, series, title)
        print(plot_note or f"scaling plot: {plot_path}", flush=True)
    elapsed = time.monotonic() - started
    print()
    print(report.table(rows))
    print()
    print(report.floors(rows))
    text = data.get("text", "")
    document = {
        "machine": host,
        "mode": "quick" if args.quick else "full",
        "runs": cfg.runs,
        "seconds": round(elapsed, 1),
        "article": {
            "bytes": len(text.encode()),
            "words": len(text.split()),
        },
        "config": {k: v for k, v in vars(cfg).items() if k != "work"},
        "figures": rows,
        "scaling": series,
        "plot": None if plot_note or not series else str(plot_path),
    }
    report.write_json(args.out, document)
    print(f"\nwritten {args.out} ({elapsed:.0f} s)")
    return 0


def _guarded(ids: list[str], measure: Callable[[], list[dict]]) -> list[dict]:
    """Run one figure's measurement; if a child fails, the figure is a row that says so
    (with the child's last lines) and the suite goes on."""
    try:
        return measure()
    except (ChildFailed, subprocess.TimeoutExpired) as exc:
        message = " ".join(str(exc).split())[-400:]
        figures.say(f"figure {','.join(ids)} failed: {message}")
        return [
            row(
                i,
                f"figure {i}",
                ours=None,
                floor=None,
                unit="",
                goal="—",
                met=False,
                floor_name="—",
                raw={"error": str(exc)},
                note=f"failed: {message}",
            )
            for i in ids
        ]


if __name__ == "__main__":
    sys.exit(main())
