"""SIGKILL at random moments loses nothing acknowledged and leaves nothing half applied.

The parent (``tests/reliability/crash.py``, run as a subprocess: it forks the children, and
this pytest process has Qt threads) kills a child running the real write path 100 times on
one database (``ANNOTATOR_CRASH_KILLS`` raises the count), and kills bulk imports of 500
annotations. The summary is printed: see it with ``pytest -s``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CRASH = Path(__file__).with_name("crash.py")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _run(tmp_path: Path, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(CRASH), "--folder", str(tmp_path), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.splitlines()[-1])
    print(
        f"\ncrash: kills={summary['kills']} acknowledged={summary['acknowledged']} "
        f"lost={summary['lost']} partial={summary['partial']} "
        f"integrity_failures={summary['integrity_failures']} "
        f"import_kills={summary['import_kills']} complete={summary['imports_complete']} "
        f"absent={summary['imports_absent']} half={summary['imports_partial']}"
    )
    return summary


def test_killed_writes_lose_nothing_acknowledged(tmp_path: Path) -> None:
    kills = int(os.environ.get("ANNOTATOR_CRASH_KILLS", "100"))
    summary = _run(tmp_path, "--kills", str(kills), "--seed", "20240619")
    assert summary["problems"] == []
    assert summary["kills"] == kills
    assert summary["acknowledged"] > kills  # the children got work done before dying
    assert (summary["lost"], summary["partial"], summary["integrity_failures"]) == (0, 0, 0)


def test_a_killed_bulk_import_is_all_or_nothing(tmp_path: Path) -> None:
    summary = _run(tmp_path, "--kills", "0", "--imports", "6", "--set-size", "500", "--seed", "3")
    assert summary["problems"] == []
    assert summary["import_kills"] == 6
    assert summary["imports_partial"] == 0 and summary["integrity_failures"] == 0
    assert summary["imports_complete"] + summary["imports_absent"] == 6


def test_a_killed_export_leaves_a_whole_file(tmp_path: Path) -> None:
    summary = _run(tmp_path, "--kills", "0", "--exports", "30", "--set-size", "500", "--seed", "5")
    assert summary["problems"] == []
    assert summary["export_kills"] == 30
    assert (summary["exports_whole"], summary["exports_damaged"]) == (30, 0)


def test_the_checks_see_a_lost_action_and_a_half_applied_one(tmp_path: Path) -> None:
    from annotator.core.project import Project
    from tests.reliability.crash import Summary, _check_whole, _lost

    project = Project.open(tmp_path / "seen.db", "kim")
    try:
        article = project.import_sample().article
        made = project.annotate_quote(article.id, "alliance", "Claim")
        assert _lost(project, {"op": "create", "id": made.id, "tag": "Claim"}) is None
        assert _lost(project, {"op": "create", "id": "gone", "tag": "Claim"})
        assert _lost(project, {"op": "retag", "id": made.id, "tag": "Denial"})
        assert _lost(project, {"op": "delete", "id": made.id})
        with project.store.transaction():  # an annotation without its create event
            project.store.db.execute("DELETE FROM events WHERE entity_id = ?", [made.id])
        summary = Summary()
        _check_whole(project, summary, set())
        assert summary.partial == 1 and "no create event" in summary.problems[0]
    finally:
        project.close()
