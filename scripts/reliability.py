"""Reliability figures: the real write path killed with SIGKILL at random moments.

Runs ``tests/reliability/crash.py`` (the same parent as ``tests/reliability/test_crash.py``,
larger counts): children create, retag, annotate, link, review and delete on one database
and are killed after a random 20–200 ms; bulk imports of a 500-annotation W3C set are
killed at a random moment. Prints a table; exit 1 if anything acknowledged was lost, half
applied, or SQLite's checks failed.

Usage: python scripts/reliability.py [--kills 300] [--imports 50] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CRASH = ROOT / "tests" / "reliability" / "crash.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--imports", type=int, default=50)
    parser.add_argument("--set-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            str(CRASH),
            "--kills",
            str(args.kills),
            "--imports",
            str(args.imports),
            "--set-size",
            str(args.set_size),
            "--seed",
            str(args.seed),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        return 1
    s = json.loads(done.stdout.splitlines()[-1])
    rows = [
        ("kills survived (write path)", s["kills"]),
        ("actions acknowledged", s["acknowledged"]),
        ("acknowledged actions lost", s["lost"]),
        ("partial actions", s["partial"]),
        ("integrity failures", s["integrity_failures"]),
        (f"bulk imports killed ({args.set_size} annotations)", s["import_kills"]),
        ("  complete after the kill", s["imports_complete"]),
        ("  absent after the kill", s["imports_absent"]),
        ("  partly there (must be 0)", s["imports_partial"]),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'figure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print(f"(seed {args.seed}, {time.monotonic() - started:.0f} s)")
    for problem in s["problems"][:20]:
        print(f"problem: {problem}")
    bad = s["lost"] or s["partial"] or s["integrity_failures"] or s["imports_partial"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
