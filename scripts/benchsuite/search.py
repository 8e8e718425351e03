"""Figure 7 in a child: corpus search, measured by ``scripts/bench_search.py``.

That script (written beside the search feature) exposes ``run(n_articles, runs) -> dict``
with ``"all": {"median_ms", "p95_ms", "floor_median_ms", …}`` over every timed query and
``"queries": {kind: {…, "median_ms"}}``. Everything it returns is kept in
bench-results.json. Without the script the figure says "not available yet".
"""

from __future__ import annotations

import importlib.util
from typing import Any

from benchsuite.common import row, run_child
from benchsuite.figures import Config, say, thousands

FLOOR_IS = "the same FTS5 MATCH queries through plain sqlite3 (no highlights, snippets, joins)"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def run(p: dict[str, Any]) -> dict[str, Any]:
    if importlib.util.find_spec("bench_search") is None:
        return {"available": False}
    import bench_search

    if not hasattr(bench_search, "run"):
        return {"available": False, "reason": "bench_search has no run()"}
    result = bench_search.run(p["n_articles"], p["runs"])
    overall = result.get("all") if isinstance(result.get("all"), dict) else result
    queries = result.get("queries") if isinstance(result.get("queries"), dict) else {}
    slowest = max(
        ((kind, _number(q.get("median_ms"))) for kind, q in queries.items()),
        key=lambda item: item[1] or 0.0,
        default=(None, None),
    )
    return {
        "available": True,
        "ours_ms": _number(overall.get("median_ms")),
        "floor_ms": _number(overall.get("floor_median_ms")),
        "p95_ms": _number(overall.get("p95_ms")),
        "slowest_kind": slowest[0],
        "slowest_median_ms": slowest[1],
        "floor_is": FLOOR_IS,
        "result": result,
    }


# --- the parent side -------------------------------------------------------------------


def figure7(cfg: Config) -> list[dict[str, Any]]:
    say(f"corpus search over {thousands(cfg.search_articles)} articles")
    result = run_child("search:run", {"n_articles": cfg.search_articles, "runs": cfg.runs})
    name = f"corpus search over {thousands(cfg.search_articles)} articles"
    if not result.get("available"):
        return [
            row(
                "7",
                name,
                ours=None,
                floor=None,
                unit="ms",
                goal="≤ 50 ms",
                met=None,
                floor_name="—",
                raw=result,
                note="not available yet (scripts/bench_search.py)",
            )
        ]
    o, f = result.get("ours_ms"), result.get("floor_ms")
    return [
        row(
            "7",
            name,
            ours=o,
            floor=f,
            unit="ms",
            goal="≤ 50 ms",
            met=o <= 50 if o is not None else None,
            floor_name=result.get("floor_is", "as scripts/bench_search.py defines it"),
            raw=result,
            note=_search_note(result),
        )
    ]


def _search_note(result: dict[str, Any]) -> str:
    if result.get("ours_ms") is None:
        return "bench_search.run gave no median"
    parts = ["median over every query"]
    if result.get("p95_ms") is not None:
        parts.append(f"p95 {result['p95_ms']:.1f} ms")
    if result.get("slowest_median_ms") is not None:
        parts.append(f"slowest: {result['slowest_kind']} {result['slowest_median_ms']:.1f} ms")
    return "; ".join(parts)
