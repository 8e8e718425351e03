"""``python -m tests.reliability.hostile [--huge] [--workdir DIR] [--json]``: run the
hostile corpus (see runner.py) and print its figures; the last line is the JSON summary.
Exit 1 when anything failed."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge", action="store_true", help="add the 45-60 MB and slow cases")
    parser.add_argument("--workdir", type=Path, help="where the corpus is written (kept)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hostile-"))
    # the run never touches the real user's settings or data
    for variable, folder in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        os.environ[variable] = str(workdir / "home" / folder)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tests.reliability.hostile.runner import run_hostile, summary_lines

    figures = run_hostile(workdir, huge=args.huge, log=lambda line: print(line, file=sys.stderr))
    for line in summary_lines(figures):
        print(line)
    results = workdir / "hostile-results.json"
    results.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(f"(every case in {results}; {figures['seconds']:.0f} s)")
    print(json.dumps({k: v for k, v in figures.items() if k != "cases"}))
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
