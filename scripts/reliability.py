"""``make reliability``: the reliability suite, with one summary table.

1. Crashes (``tests/reliability/crash.py``): children run the real write path (create,
   retag, note, link, review as another user, delete) on one database and are SIGKILLed
   after a random 20–200 ms; then every acknowledged action must be there, none half
   applied, SQLite's integrity and foreign key checks clean. Bulk imports of a W3C set and
   exports are killed at random moments too: an import is all or nothing, an export file
   is the previous or the new one, whole.
2. Hostile input (``python -m tests.reliability.hostile``): every case of the corpus through
   the real paths (sandboxed import in the GUI, set imports, exports), with a canary HTTP
   server on 127.0.0.1, a watch on files outside the import folder and a meter of the GUI
   event loop's stalls.

Prints the table; exit 1 if anything acknowledged was lost, half applied, damaged, or
a hostile input got through.

Usage: python scripts/reliability.py [--kills 300] [--imports 50] [--exports 50]
       [--seed 7] [--no-huge] [--skip-hostile]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CRASH = ROOT / "tests" / "reliability" / "crash.py"


def _last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def run_crashes(args: argparse.Namespace) -> dict:
    argv = [sys.executable, str(CRASH), "--kills", str(args.kills), "--seed", str(args.seed)]
    argv += ["--imports", str(args.imports), "--exports", str(args.exports)]
    argv += ["--set-size", str(args.set_size)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit("the crash test itself failed (see above)")
    return _last_json(done.stdout)


def run_hostile(args: argparse.Namespace) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="annotator-hostile-"))
    argv = [sys.executable, "-m", "tests.reliability.hostile", "--workdir", str(workdir)]
    if not args.no_huge:
        argv.append("--huge")
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT)
    try:
        figures = _last_json(done.stdout)
    except (ValueError, IndexError):
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit("the hostile-input run itself failed (see above)") from None
    figures["workdir"] = str(workdir)
    return figures


def table(crash: dict, hostile: dict | None, set_size: int) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("kills survived (write path, SIGKILL)", crash["kills"]),
        ("actions acknowledged", crash["acknowledged"]),
        ("acknowledged actions lost", crash["lost"]),
        ("partial actions", crash["partial"]),
        ("integrity failures", crash["integrity_failures"]),
        (f"bulk imports killed ({set_size} annotations)", crash["import_kills"]),
        (
            "  complete / absent after the kill",
            "{} / {}".format(crash["imports_complete"], crash["imports_absent"]),
        ),
        ("  partly there", crash["imports_partial"]),
        ("exports killed", crash["export_kills"]),
        ("  file damaged after the kill", crash["exports_damaged"]),
    ]
    if hostile is not None:
        rows += [
            ("hostile inputs tried", hostile["tried"]),
            ("  failures", len(hostile["failures"])),
            ("network requests made", hostile["network_requests"]),
            ("files read outside the import", len(hostile["outside_reads"])),
            ("GUI stalls over 200 ms", hostile["gui_stalls_over_200ms"]),
            ("  longest GUI stall while importing", f"{hostile['longest_gui_stall_ms']:.0f} ms"),
        ]
    return rows


def failed(crash: dict, hostile: dict | None) -> bool:
    bad = crash["lost"] or crash["partial"] or crash["integrity_failures"]
    bad = bad or crash["imports_partial"] or crash["exports_damaged"]
    if hostile is not None:
        bad = bad or hostile["failures"] or hostile["network_requests"]
        bad = bad or hostile["outside_reads"] or hostile["gui_stalls_over_200ms"]
    return bool(bad)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--imports", type=int, default=50)
    parser.add_argument("--exports", type=int, default=50)
    parser.add_argument("--set-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-huge", action="store_true", help="leave out the 45–60 MB cases")
    parser.add_argument("--skip-hostile", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    crash = run_crashes(args)
    hostile = None if args.skip_hostile else run_hostile(args)
    rows = table(crash, hostile, args.set_size)
    width = max(len(label) for label, _ in rows)
    print(f"{'figure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print(f"(seed {args.seed}, {time.monotonic() - started:.0f} s)")
    problems = crash["problems"] + (hostile["failures"] if hostile else [])
    for problem in problems[:40]:
        print(f"problem: {problem}")
    if hostile is not None:
        print(f"(every hostile case's outcome: {hostile['workdir']}/hostile-results.json)")
    return 1 if failed(crash, hostile) else 0


if __name__ == "__main__":
    sys.exit(main())
