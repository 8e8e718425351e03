"""Kill the real write path with SIGKILL and check that nothing acknowledged is lost.

Run as a script (``python tests/reliability/crash.py --kills 100``) it prints one JSON
summary line. It is the parent: for every kill it forks a child that opens a
:class:`Project` on one shared database and runs create / retag / note / link / review
(as "bob") / delete in a loop, writing one line per action to an acknowledgement file
*after* the call returned. The parent kills the child after a random 20–200 ms, opens the
database and checks every acknowledged action, that nothing is half applied, and SQLite's
integrity and foreign key checks. The children fork from a single-threaded parent that
holds no open database (the pytest process has Qt threads, so it runs this as a subprocess).

``--imports N`` adds N kills of a bulk import (a W3C set of ``--set-size`` annotations),
each on a fresh database: afterwards the set is there completely or not at all.
``--exports N`` adds N kills of an export (see ``crash_exports.py``): the file at the
chosen name is always one whole export.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from annotator.core.project import Project  # noqa: E402


@dataclass
class Summary:
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    partial: int = 0
    integrity_failures: int = 0
    import_kills: int = 0
    imports_complete: int = 0
    imports_absent: int = 0
    imports_partial: int = 0
    export_kills: int = 0
    exports_whole: int = 0
    exports_damaged: int = 0
    problems: list[str] = field(default_factory=list)


# --- the child -------------------------------------------------------------------------------


def _spans(text: str) -> list[tuple[int, int]]:
    words = [m.span() for m in re.finditer(r"\w+", text)]
    return [(words[i][0], words[i + 2][1]) for i in range(len(words) - 2)]


def _child(db: Path, ack: Path, seed: int) -> None:
    """Run the write path forever; one line in ``ack`` per action after it returned."""
    rng = random.Random(seed)
    fd = os.open(ack, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def done(**what: Any) -> None:
        os.write(fd, (json.dumps(what) + "\n").encode())

    project = Project.open(db, "kim")
    bob = Project(project.store, "bob")
    [article] = project.articles()
    spans = _spans(project.article(article.id).text)
    while True:
        a = project.create_annotation(article.id, *rng.choice(spans), "Claim")
        done(op="create", id=a.id, tag="Claim")
        b = project.create_annotation(article.id, *rng.choice(spans), "Source")
        done(op="create", id=b.id, tag="Source")
        project.update_annotation(a.id, tag="Denial")
        done(op="retag", id=a.id, tag="Denial")
        note = f"note {rng.randrange(10**6)}"
        project.update_annotation(a.id, note=note)
        done(op="note", id=a.id, note=note)
        link = project.link(a.id, b.id, "attributed_to")
        done(op="link", id=link.id, source=a.id, target=b.id)
        review = bob.review(a.id, "accept")
        done(op="review", id=review.id, annotation=a.id)
        c = project.create_annotation(article.id, *rng.choice(spans), "Evidence")
        done(op="create", id=c.id, tag="Evidence")
        project.delete_annotation(c.id)
        done(op="delete", id=c.id)


def _fork(target: Any, *args: Any) -> int:
    pid = os.fork()
    if pid == 0:  # the child never returns into the parent's code
        code = 0
        try:
            target(*args)
        except BaseException:  # noqa: BLE001 - reported through the exit status
            code = 3
        finally:
            os._exit(code)
    return pid


def _kill_after(pid: int, rng: random.Random, longest: float = 0.200) -> None:
    time.sleep(rng.uniform(0.020, longest))
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0:
        raise RuntimeError(f"the child failed before it was killed (exit {status >> 8})")


def _acknowledged(ack: Path) -> list[dict[str, Any]]:
    if not ack.exists():
        return []
    lines = ack.read_bytes().split(b"\n")
    return [json.loads(line) for line in lines[:-1]]  # the last piece: no newline, not told


# --- the parent's checks ------------------------------------------------------------------


def _check_whole(project: Project, summary: Summary, seen: set[str]) -> None:
    db = project.store.db
    problems = project.store.integrity_problems()
    if problems:
        summary.integrity_failures += 1
        summary.problems += problems[:3]
    half = [
        *(
            f"annotation {r[0]} has no create event"
            for r in db.execute(
                "SELECT id FROM annotations n WHERE NOT EXISTS (SELECT 1 FROM events e WHERE "
                "e.entity = 'annotation' AND e.entity_id = n.id AND e.action = 'create')"
            )
        ),
        *(
            f"annotation {r[0]} is deleted without a delete event"
            for r in db.execute(
                "SELECT id FROM annotations n WHERE deleted IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.entity = 'annotation' AND e.entity_id = n.id "
                "AND e.action = 'delete')"
            )
        ),
        *(
            f"relation {r[0]} has a missing end"
            for r in db.execute(
                "SELECT id FROM relations r WHERE NOT EXISTS (SELECT 1 FROM annotations a "
                "WHERE a.id = r.from_id) OR NOT EXISTS (SELECT 1 FROM annotations a "
                "WHERE a.id = r.to_id)"
            )
        ),
        *(
            f"relation {r[0]} has no create event"
            for r in db.execute(
                "SELECT id FROM relations r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE "
                "e.entity = 'relation' AND e.entity_id = r.id AND e.action = 'create')"
            )
        ),
        *(
            f"review {r[0]} is on a missing annotation"
            for r in db.execute(
                "SELECT id FROM reviews v WHERE NOT EXISTS "
                "(SELECT 1 FROM annotations a WHERE a.id = v.annotation_id)"
            )
        ),
    ]
    report = project.check()
    half += [p for p in report.problems if not p.startswith(("integrity", "foreign key"))]
    new = [p for p in half if p not in seen]
    seen.update(new)
    summary.partial += len(new)
    summary.problems += new[:3]


def _lost(project: Project, told: dict[str, Any]) -> str | None:
    """Why the acknowledged action ``told`` is not in the database (None: it is)."""
    db = project.store.db
    op = told["op"]
    if op in ("create", "retag", "note", "delete"):
        row = db.execute(
            "SELECT tag, note, deleted FROM annotations WHERE id = ?", [told["id"]]
        ).fetchone()
        if row is None:
            return f"{op} {told['id']}: the annotation is missing"
        tag, note, deleted = row
        if op == "create" and tag != told["tag"] and not (told["tag"], tag) == ("Claim", "Denial"):
            return f"create {told['id']}: tag {tag!r}, not {told['tag']!r}"
        if op == "retag" and tag != told["tag"]:
            return f"retag {told['id']}: tag {tag!r}, not {told['tag']!r}"
        if op == "note" and note != told["note"]:
            return f"note {told['id']}: note {note!r}, not {told['note']!r}"
        if op == "delete" and deleted is None:
            return f"delete {told['id']}: not marked deleted"
        return None
    if op == "link":
        row = db.execute(
            "SELECT from_id, to_id, deleted FROM relations WHERE id = ?", [told["id"]]
        ).fetchone()
        if row is None or tuple(row) != (told["source"], told["target"], None):
            return f"link {told['id']}: {'missing' if row is None else tuple(row)}"
        return None
    if op == "review":
        row = db.execute(
            "SELECT annotation_id, reviewer FROM reviews WHERE id = ?", [told["id"]]
        ).fetchone()
        if row is None or tuple(row) != (told["annotation"], "bob"):
            return f"review {told['id']}: {'missing' if row is None else tuple(row)}"
        return None
    return f"unknown acknowledgement {told!r}"


def run_kills(folder: Path, kills: int, seed: int) -> Summary:
    """``kills`` children killed on one database in ``folder``, each checked afterwards."""
    summary = Summary()
    rng = random.Random(seed)
    db = folder / "crash.db"
    project = Project.open(db, "kim")
    project.import_sample()
    project.close()
    told: list[dict[str, Any]] = []
    seen: set[str] = set()
    for round_ in range(kills):
        ack = folder / f"ack-{round_}.jsonl"
        _kill_after(_fork(_child, db, ack, rng.randrange(2**32)), rng)
        summary.kills += 1
        new = _acknowledged(ack)
        told += new
        # this round's acknowledgements now, all of them again after the last kill
        _check_round(db, new if round_ < kills - 1 else told, summary, seen)
    summary.acknowledged = len(told)
    return summary


def _check_round(db: Path, told: list[dict[str, Any]], summary: Summary, seen: set[str]) -> None:
    project = Project.open(db, "checker")
    try:
        _check_whole(project, summary, seen)
        for item in told:
            why = _lost(project, item)
            if why and why not in seen:
                seen.add(why)
                summary.lost += 1
                summary.problems.append(why)
    finally:
        project.close()


# --- killing a bulk import ------------------------------------------------------------------


def _make_set(folder: Path, size: int) -> Path:
    """A W3C set of ``size`` annotations on the sample article."""
    from annotator.formats import w3c

    source = Project.open(folder / "set-source.db", "alice")
    try:
        article = source.import_sample().article
        spans = _spans(source.article(article.id).text)
        rng = random.Random(size)
        with source.store.transaction():  # one commit: making the set is not under test
            for i in range(size):
                source.create_annotation(article.id, *rng.choice(spans), "Claim", note=f"#{i}")
        data = w3c.from_export(source.export_data([article.id], label="bulk"))
    finally:
        source.close()
    path = folder / "bulk-set.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _import_child(db: Path, path: Path, marker: Path) -> None:
    from annotator.formats.exchange_io import read_annotation_file

    project = Project.open(db, "kim")
    project.import_annotations(read_annotation_file(path))
    marker.touch()
    time.sleep(60)  # done: wait for the kill, like the others


def _import_duration(folder: Path, base: Path, path: Path) -> float:
    """How long a child takes to open the database and import the set (not killed)."""
    db, marker = folder / "import-timing.db", folder / "import-timing.done"
    shutil.copyfile(base, db)
    started = time.monotonic()
    pid = _fork(_import_child, db, path, marker)
    while not marker.exists() and time.monotonic() - started < 60:
        time.sleep(0.002)
    duration = time.monotonic() - started
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return duration


def run_import_kills(folder: Path, kills: int, seed: int, size: int) -> Summary:
    """``kills`` bulk imports of ``size`` annotations, each killed on a fresh database at a
    random moment between 20 ms and 1.5 times an unkilled import's duration."""
    summary = Summary()
    rng = random.Random(seed)
    path = _make_set(folder, size)
    base = folder / "import-base.db"
    project = Project.open(base, "kim")
    project.import_sample()
    project.close()
    # the import takes longer than 200 ms: kill anywhere from its start to a while after it
    longest = max(0.200, 1.5 * _import_duration(folder, base, path))
    for round_ in range(kills):
        db = folder / f"import-{round_}.db"
        shutil.copyfile(base, db)
        _kill_after(_fork(_import_child, db, path, folder / "import.done"), rng, longest)
        summary.import_kills += 1
        project = Project.open(db, "checker")
        try:
            [article] = project.articles()
            count = len(project.annotations(article.id))
            if count == size:
                summary.imports_complete += 1
            elif count == 0:
                summary.imports_absent += 1
            else:
                summary.imports_partial += 1
                summary.problems.append(f"import {round_}: {count} of {size} annotations")
            if project.store.integrity_problems():
                summary.integrity_failures += 1
        finally:
            project.close()
        for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            leftover.unlink(missing_ok=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--imports", type=int, default=0)
    parser.add_argument("--set-size", type=int, default=500)
    parser.add_argument("--exports", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="annotator-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    summary = run_kills(folder, args.kills, args.seed) if args.kills else Summary()
    if args.imports:
        bulk = run_import_kills(folder, args.imports, args.seed, args.set_size)
        summary.import_kills = bulk.import_kills
        summary.imports_complete = bulk.imports_complete
        summary.imports_absent = bulk.imports_absent
        summary.imports_partial = bulk.imports_partial
        summary.integrity_failures += bulk.integrity_failures
        summary.problems += bulk.problems
    if args.exports:
        from tests.reliability.crash_exports import run_export_kills

        exported = run_export_kills(folder, args.exports, args.seed, args.set_size * 4, _fork)
        summary.export_kills = exported["export_kills"]
        summary.exports_whole = exported["exports_whole"]
        summary.exports_damaged = exported["exports_damaged"]
        summary.problems += exported["problems"]
    print(json.dumps(asdict(summary)), flush=True)
    if args.folder is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
