"""What opening the store costs an app's start: no sqlite-utils plugins are looked for or
run, and sqlite-utils' dateutil parser (for its command line's recipes) and numpy are
not imported with it, while the recipes still work."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import sqlite_utils
from sqlite_utils.plugins import pm

from annotator.store.store import Store

ROOT = Path(__file__).resolve().parents[2]


class _RecordingPlugin:
    def __init__(self) -> None:
        self.connections: list[sqlite3.Connection] = []

    @sqlite_utils.hookimpl
    def prepare_connection(self, conn: sqlite3.Connection) -> None:
        self.connections.append(conn)


def test_the_store_runs_no_sqlite_utils_plugin(tmp_path: Path) -> None:
    plugin = _RecordingPlugin()
    pm.register(plugin, name="recording-test-plugin")
    try:
        plain = sqlite3.connect(":memory:")
        sqlite_utils.Database(plain)  # sqlite-utils' default runs it
        assert plugin.connections == [plain]
        plain.close()
        store = Store.open(tmp_path / "x.db")
        try:
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            store.close()
        assert plugin.connections == [plain]  # not run on the store's connections
    finally:
        pm.unregister(name="recording-test-plugin")


def test_importing_the_store_leaves_dateutil_parser_and_numpy_out(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "import annotator.store\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('dateutil.parser', 'numpy')))\n"
        "from sqlite_utils import recipes\n"
        "parsed = [recipes.parsedate('5th October 2019'), recipes.parsedatetime('2019-10-05 "
        "10:30')]\n"
        "after = 'dateutil.parser._parser' in sys.modules\n"
        "print(json.dumps([loaded, parsed, after]))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded, parsed, after = json.loads(done.stdout)
    assert loaded == ["dateutil.parser"]  # in place, not run (numpy not at all)
    assert parsed == ["2019-10-05", "2019-10-05T10:30:00"]  # run once used
    assert after is True
