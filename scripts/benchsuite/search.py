"""Figure 7 in a child: corpus search, measured by ``scripts/bench_search.py``.

That script (written beside the search feature) exposes ``run(n_articles, runs) -> dict``
with ``"all": {"median_ms", "p95_ms", "floor_median_ms", …}`` over every timed query and
``"queries": {kind: {…, "median_ms"}}``. Everything it returns is kept in
bench-results.json. Without the script the figure says "not available yet".
"""

from __future__ import annotations

import importlib.util
from typing import Any

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
