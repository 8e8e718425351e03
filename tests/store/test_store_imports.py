"""Starting the app does not pay for numpy: sqlite-utils would import it only to name its
number types, which the store never uses; it still imports where it is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import annotator.store.database
import annotator.core.project
print("numpy" in sys.modules)
import sqlite_utils.db
print(sqlite_utils.db.np is None)
import numpy  # still there for those who need it
print(float(numpy.float64(0.5)))
"""


def test_the_store_does_not_import_numpy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "0.5"]
