"""Figure 7 in a child: corpus search, measured by ``scripts/bench_search.py``.

That script (written beside the search feature) exposes ``run(n_articles, runs) -> dict``
with ``"all": {"median_ms", "p95_ms", "floor_median_ms", …}`` over every timed query and
``"queries": {kind: {…, "median_ms"}}``. Everything it returns is kept in
bench-results.json.
"""

from __future__ import annotations

from typing import Any

from benchsuite.common import row, run_child
from benchsuite.figures import Config, say, thousands

FLOOR_IS = "the same FTS5 MATCH queries through plain sqlite3 (no highlights, snippets, joins)"


def run(p: dict[str, Any]) -> dict[str, Any]:
    import bench_search

    result = bench_search.run(p["n_articles"], p["runs"])
    overall = result["all"]
    slowest = max(result["queries"].items(), key=lambda item: item[1]["median_ms"])
    return {
        "ours_ms": overall["median_ms"],
        "floor_ms": overall["floor_median_ms"],
        "p95_ms": overall["p95_ms"],
        "slowest_kind": slowest[0],
        "slowest_median_ms": slowest[1]["median_ms"],
        "result": result,
    }


# --- the parent side -------------------------------------------------------------------


def figure7(cfg: Config) -> list[dict[str, Any]]:
    say(f"corpus search over {thousands(cfg.search_articles)} articles")
    result = run_child("search:run", {"n_articles": cfg.search_articles, "runs": cfg.runs})
    o = result["ours_ms"]
    return [
        row(
            "7",
            f"corpus search over {thousands(cfg.search_articles)} articles",
            ours=o,
            floor=result["floor_ms"],
            unit="ms",
            goal="≤ 50 ms",
            met=o <= 50,
            floor_name=FLOOR_IS,
            raw=result,
            note=f"median over every query; p95 {result['p95_ms']:.1f} ms; slowest: "
            f"{result['slowest_kind']} {result['slowest_median_ms']:.1f} ms",
        )
    ]
