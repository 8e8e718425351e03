"""Running measurements in fresh child processes, and the statistics of their runs.

A child is ``python scripts/bench.py --child MODULE:FUNCTION``: it reads its parameters
as JSON on stdin, calls ``benchsuite.MODULE.FUNCTION(params)`` and prints the returned
dict as one ``BENCH-RESULT {json}`` line. Children get their own empty config and data
folders (XDG_*), so the user's settings and drafts are never read or written, the
offscreen Qt platform unless the caller set another one, and may write bytecode caches
(``__pycache__``) as a user's Python does, whatever PYTHONDONTWRITEBYTECODE says here.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parents[1]
ROOT = SCRIPTS.parent
BENCH = SCRIPTS / "bench.py"
MARK = "BENCH-RESULT "


class ChildFailed(RuntimeError):
    """A measuring child exited with an error; the message carries its stderr's tail."""


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env.pop("ANNOTATOR_DB", None)
    env.pop("ANNOTATOR_NAME", None)
    # a user's Python caches compiled modules; without it every start compiles annotator
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(SCRIPTS), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    return env


def run_child(target: str, params: dict[str, Any], *, timeout: float = 1800) -> dict[str, Any]:
    """Run ``benchsuite.<target>`` (``module:function``) in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix="bench-child-") as home:
        proc = subprocess.run(
            [sys.executable, str(BENCH), "--child", target],
            input=json.dumps(params),
            capture_output=True,
            text=True,
            env=child_env(Path(home)),
            timeout=timeout,
            cwd=ROOT,
        )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
    raise ChildFailed(f"{target} exited with {proc.returncode}:\n{tail}")


def child_main(target: str) -> None:
    """The child side: parameters from stdin, one result line on stdout."""
    module_name, function_name = target.split(":")
    module = importlib.import_module(f"benchsuite.{module_name}")
    params = json.loads(sys.stdin.read() or "{}")
    result = getattr(module, function_name)(params)
    sys.stdout.write(MARK + json.dumps(result, default=str) + "\n")
    sys.stdout.flush()


def floor_table(path: str | Path, names: list[str]) -> tuple[sqlite3.Connection, str]:
    """A floor's own database at ``path``, durable as the store's (WAL, synchronous=FULL,
    explicit transactions), with an ``annotations`` table of the columns ``names``;
    returns the connection and the INSERT of one row."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"CREATE TABLE annotations ({', '.join(f'[{n}]' for n in names)})")
    return conn, f"INSERT INTO annotations VALUES ({', '.join('?' * len(names))})"


def monotonic() -> float:
    """CLOCK_MONOTONIC in seconds: one clock for every process on the machine."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """The 95th percentile by nearest rank (of 30 values: the 29th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ratio(ours: float | None, floor: float | None) -> float | None:
    if ours is None or not floor:
        return None
    return ours / floor


def row(
    figure: str,
    name: str,
    *,
    ours: float | None,
    floor: float | None,
    unit: str,
    goal: str,
    met: bool | None,
    floor_name: str,
    raw: dict[str, Any],
    ratio_value: float | None = None,
    note: str = "",
) -> dict[str, Any]:
    """One line of the table (and of bench-results.json)."""
    return {
        "figure": figure,
        "name": name,
        "ours": ours,
        "floor": floor,
        "ratio": ratio_value if ratio_value is not None else ratio(ours, floor),
        "unit": unit,
        "goal": goal,
        "met": met,
        "floor_is": floor_name,
        "note": note,
        "raw": raw,
    }
