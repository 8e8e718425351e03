"""Kill an export at random moments: the file at the chosen name is always whole.

An export writes a temporary file beside the target and renames it over the target
(:func:`annotator.core.files.write_atomic`). A child exports a W3C set of many
annotations to one path in a loop, alternating two different selections so old and
new contents differ; it is SIGKILLed after a random moment. Afterwards the target
must parse and be exactly one of the two complete exports.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

from annotator.core.exporting import export_to
from annotator.core.project import Project


def _export_child(db: Path, target: Path, tags: list[list[str]], marker: Path) -> None:
    project = Project.open(db, "kim")
    round_ = 0
    while True:
        export_to(project, "w3c", target, tags=tags[round_ % 2])
        round_ += 1
        marker.touch()


def _items(path: Path) -> int | None:
    """The number of annotations in a W3C export file, None when it is not whole."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
    except (OSError, ValueError, LookupError, TypeError):
        return None
    return len(items) if isinstance(items, list) else None


def _make_db(folder: Path, size: int, seed: int) -> Path:
    """The sample article with ``size`` Claims and Denials (made in one commit)."""
    db = folder / "export-source.db"
    project = Project.open(db, "alice")
    try:
        article = project.import_sample().article
        text = project.article(article.id).text
        rng = random.Random(seed)
        with project.store.transaction():
            for i in range(size):
                start = rng.randrange(0, len(text) - 40)
                tag = "Claim" if i % 3 else "Denial"
                project.create_annotation(article.id, start, start + 30, tag, note=f"#{i}")
    finally:
        project.close()
    return db


def run_export_kills(folder: Path, kills: int, seed: int, size: int, fork) -> dict:
    """``kills`` exports of ``size`` annotations killed at random moments; ``fork(target,
    *args)`` starts a child running ``target`` and returns its pid."""
    rng = random.Random(seed)
    db = _make_db(folder, size, seed)
    target = folder / "export.jsonld"
    selections = [["Claim"], ["Claim", "Denial"]]
    project = Project.open(db, "kim")
    try:
        sizes = set()
        for tags in selections:  # the two complete exports the file may hold
            export_to(project, "w3c", target, tags=tags)
            sizes.add(_items(target))
    finally:
        project.close()
    started = time.monotonic()
    marker = folder / "export.done"
    pid = fork(_export_child, db, target, selections, marker)
    while not marker.exists() and time.monotonic() - started < 60:
        time.sleep(0.002)
    one = time.monotonic() - started
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    result = {"export_kills": 0, "exports_whole": 0, "exports_damaged": 0, "problems": []}
    for round_ in range(kills):
        pid = fork(_export_child, db, target, selections, marker)
        time.sleep(rng.uniform(0.010, max(0.05, 2.5 * one)))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        result["export_kills"] += 1
        found = _items(target)
        if found in sizes:
            result["exports_whole"] += 1
        else:
            result["exports_damaged"] += 1
            result["problems"].append(f"export {round_}: the file holds {found} items")
    return result
