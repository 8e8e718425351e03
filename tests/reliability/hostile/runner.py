"""Run the hostile corpus through the real paths and say what went wrong.

:func:`run_hostile` writes every case into a work folder, starts a canary HTTP server on
127.0.0.1, watches the folder holding a secret file (inotify: any process, C code
included) and records, with Python audit hooks in this process and in the sandboxed
reader, every file and socket opened. Then:

- annotation sets are imported into a copy of a database (the real reader and the real
  ``Project.import_annotations``); a refused set must leave the copy's logical dump as
  it was;
- exports write into a chosen folder (brat names from hostile titles, output names that
  are devices or hold NUL, CSV cells a spreadsheet would run);
- the article cases are imported through the main window (sandboxed, in a worker
  thread) while a 10 ms timer measures how long the event loop is ever blocked; every
  imported article is opened and painted with the sets imported into it, every
  annotation selected and every tooltip shown; the export dialog gets hostile names.

A failure is an outcome other than the case expects, an exception other than the
declared import error (BadInput), a refusal without a clear one-line message, a changed
database after a refusal, a request to the canary (or any socket the app's Python code
opened), a read of the secret or of any file outside the import folder that is not part
of Python, Qt or the database, an event loop blocked over 200 ms while an import runs, an
export outside its folder, or a CSV cell a spreadsheet would run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.reliability.hostile.cases import EITHER, IMPORTED, REFUSED, WRITTEN, Case, Context
from tests.reliability.hostile.documents import DOCUMENT_CASES
from tests.reliability.hostile.exports import EXPORT_CASES, formula_cells, reserved_names
from tests.reliability.hostile.gui import STALL_LIMIT_MS, GuiReport, run_gui
from tests.reliability.hostile.pages import PAGE_CASES
from tests.reliability.hostile.sets import SET_CASES, base_draft
from tests.reliability.hostile.watch import (
    AuditLog,
    CanaryServer,
    FolderWatch,
    outside,
    read_child_log,
)

ROOT = Path(__file__).resolve().parents[3]
ARTICLE_CASES = PAGE_CASES + DOCUMENT_CASES
ALL_CASES = ARTICLE_CASES + SET_CASES + EXPORT_CASES
#: what a message of the sandbox or the import job says when a reader itself broke
_BROKEN = ("the reader failed", "made the reader crash", "made the reader stop", "unexpected ")


def cases(*, huge: bool = False) -> list[Case]:
    """The cases of a run: the fast ones, and the huge ones too when ``huge``."""
    return [c for c in ALL_CASES if huge or not c.huge]


def run_hostile(
    workdir: Path, *, huge: bool = False, log: Callable[[str], None] = lambda line: None
) -> dict[str, Any]:
    """Run every case (the huge ones too when ``huge``) in ``workdir`` (created, and left
    in place for inspection); returns the figures (see :func:`summary_lines`). ``log``
    gets a line per step."""
    started = time.monotonic()
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    server = CanaryServer().start()
    ctx = Context(workdir, server.base, f"HOSTILE-SECRET-{uuid.uuid4()}")
    (workdir / "db").mkdir(exist_ok=True)
    chosen = cases(huge=huge)
    articles = [c for c in chosen if c.group == "article"]
    sets = [c for c in chosen if c.group == "set"]
    exports = [c for c in chosen if c.group in ("export", "csv")]
    paths = {c.name: c.build(ctx) for c in articles + sets}  # built before anything watches
    log(f"{len(paths)} inputs written in {time.monotonic() - started:.1f} s")
    base = _base_database(workdir / "db" / "base.db")
    watch = FolderWatch(ctx.outside)
    child_log = workdir / "db" / "reader-audit.log"
    results: list[dict[str, Any]] = []
    AuditLog.start()
    try:
        results += [_run_set(ctx, c, paths[c.name], base) for c in sets]
        log(f"{len(sets)} annotation sets tried")
        results += [_run_export(ctx, c) for c in exports]
        log(f"{len(exports)} exports tried")
        imported_sets = [(c, paths[c.name]) for c in sets if c.expect == IMPORTED]
        gui = run_gui(
            ctx,
            articles,
            paths,
            imported_sets,
            child_log,
            import_timeout=900.0 if huge else 300.0,
            log=log,
        )
        results += [_judge_article(ctx, c, paths[c.name], gui) for c in articles]
        results.append(_judge_dialog(gui))
    finally:
        AuditLog.stop()
        server.stop()
    return _summary(ctx, results, gui, watch, server, child_log, started, huge)


# --- sets --------------------------------------------------------------------------------


def _base_database(path: Path) -> Path:
    from annotator.core.project import Project

    project = Project.open(path, "setup")
    project.import_draft(base_draft(url="https://example.org/base"))
    project.close()
    return path


def logical_dump(db: Path) -> str:
    """A digest of every row of every table (what a refused import must leave as it was)."""
    connection = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def _run_set(ctx: Context, case: Case, path: Path, base: Path) -> dict[str, Any]:
    from annotator.core.project import Project
    from annotator.domain.errors import BadInput
    from annotator.formats.exchange_io import read_annotation_file

    db = ctx.root / "db" / f"set-{case.name}.db"
    shutil.copyfile(base, db)
    before = logical_dump(db)
    started = time.monotonic()
    project = Project.open(db, "hostile")
    kind, message = IMPORTED, ""
    try:
        project.import_annotations(read_annotation_file(path), **case.options)  # type: ignore[arg-type]
    except BadInput as exc:
        kind, message = REFUSED, str(exc)
    except Exception as exc:  # noqa: BLE001 - any other exception is a finding
        kind, message = "error", f"unexpected {type(exc).__name__}: {exc}"
    finally:
        project.close()
    seconds = time.monotonic() - started
    problems = _expected(case, kind, message)
    if kind != IMPORTED and logical_dump(db) != before:
        problems.append("the database changed although the set was refused")
    return _record(case, kind, message, seconds, problems)


# --- exports ------------------------------------------------------------------------------


def _tree(ctx: Context) -> set[str]:
    """Every path under the work folder but the secret's (listing it would be us)."""
    found: set[str] = set()
    for folder, names, files in os.walk(ctx.root):
        if Path(folder) == ctx.root and ctx.outside.name in names:
            names.remove(ctx.outside.name)
        found.update(os.path.join(folder, n) for n in names + files)
    return found | {str(p) for p in ctx.root.parent.iterdir()}


def _run_export(ctx: Context, case: Case) -> dict[str, Any]:
    from annotator.domain.errors import BadInput

    before = _tree(ctx)
    started = time.monotonic()
    kind, message, folder = WRITTEN, "", None
    try:
        folder = case.build(ctx)
    except BadInput as exc:
        kind, message = REFUSED, str(exc)
    except Exception as exc:  # noqa: BLE001 - any other exception is a finding
        kind, message = "error", f"unexpected {type(exc).__name__}: {exc}"
    seconds = time.monotonic() - started
    problems = _expected(case, kind, message)
    victim = ctx.root / "exports" / "victim.txt"  # the case's own, outside its folder
    allowed = [str(ctx.root / "db")] + ([str(folder)] if folder is not None else [])
    for path in sorted(_tree(ctx) - before):
        if Path(path).is_dir() or path == str(victim):
            continue
        if not any(path == a or path.startswith(a + os.sep) for a in allowed):
            problems.append(f"a file landed outside the chosen folder: {path}")
    if folder is not None:
        problems += [
            f"a device name, a link or an over-long name: {n!r}" for n in reserved_names(folder)
        ]
        problems += [f"a cell a spreadsheet would run: {c}" for c in formula_cells(folder)]
    if victim.exists() and victim.read_text(encoding="utf-8") != "VICTIM UNCHANGED\n":
        problems.append("the export wrote through a link into a file outside its folder")
    return _record(case, kind, message, seconds, problems)


# --- articles (through the window) ----------------------------------------------------------


def _judge_article(ctx: Context, case: Case, path: Path, gui: GuiReport) -> dict[str, Any]:
    article_id, error = gui.outcomes.get(str(path), ("", "not reported by the import job"))
    kind = IMPORTED if article_id else REFUSED
    problems = _expected(case, kind, error)
    if article_id:
        text = gui.texts.get(article_id, "")
        problems += [f"the text lacks {m!r}" for m in case.must_have if m not in text]
        problems += [f"the text holds {m!r}" for m in case.must_not if m in text]
        if ctx.token in text:
            problems.append("the text holds the secret file's content")
    return _record(case, kind, error, 0.0, problems)


def _judge_dialog(gui: GuiReport) -> dict[str, Any]:
    problems = []
    for r in gui.dialog_results:
        if r["error"]:
            problems.append(f"typed {r['typed']!r}: {r['error']} escaped the dialog")
        elif r["expect"] == "written" and not r["accepted"]:
            problems.append(f"typed {r['typed']!r}: not written ({r['status']})")
        elif r["expect"] == "refused" and r["accepted"]:
            problems.append(f"typed {r['typed']!r}: written, should be refused")
    if "annotations.jsonld" not in (gui.dialog_results[0]["files"] if gui.dialog_results else []):
        problems.append("a bare name typed in the export dialog did not land in its folder")
    case = Case("export_dialog_typed_names", "export", WRITTEN, lambda ctx: ctx.root)
    return _record(case, WRITTEN if not problems else "error", "", 0.0, problems)


# --- judging --------------------------------------------------------------------------------


def _expected(case: Case, kind: str, message: str) -> list[str]:
    if kind == "error" or any(m in message for m in _BROKEN):
        return [f"an unexpected failure: {message[:300]}"]
    refused = kind == REFUSED
    if case.expect in (IMPORTED, WRITTEN) and refused:
        return [f"refused, expected {case.expect}: {message[:300]}"]
    if case.expect == REFUSED and not refused:
        return [f"{kind}, expected a refusal containing {case.message!r}"]
    if refused:
        if not message.strip() or "\n" in message:
            return [f"a refusal without a clear one-line message: {message[:300]!r}"]
        if case.expect in (REFUSED, EITHER) and not case.refusal_ok(message):
            return [
                f"refused with {message[:300]!r}, expected a message containing {case.message!r}"
            ]
    return []


def _record(
    case: Case, kind: str, message: str, seconds: float, problems: list[str]
) -> dict[str, Any]:
    return {
        "case": case.name,
        "group": case.group,
        "expected": case.expect + (f" ({case.message})" if case.message else ""),
        "outcome": kind,
        "message": message[:300],
        "seconds": round(seconds, 2),
        "problems": problems,
    }


def _summary(
    ctx: Context,
    results: list[dict[str, Any]],
    gui: GuiReport,
    watch: FolderWatch,
    server: CanaryServer,
    child_log: Path,
    started: float,
    huge: bool,
) -> dict[str, Any]:
    child_opened, child_network = read_child_log(child_log)
    allowed = _allowed(ctx)
    outside_reads = outside(AuditLog.opened + child_opened, allowed)
    secret_reads = list(watch.drain())
    watch.close()
    network = max(server.connections, len(server.requests))
    failures = [f"{r['case']}: {p}" for r in results for p in r["problems"]]
    failures += [f"GUI: {p}" for p in gui.problems]
    failures += [f"tooltip rendered as rich text with data markup: {t}" for t in gui.rich_tooltips]
    failures += [f"the secret folder was touched: {e}" for e in secret_reads]
    failures += [f"a file outside the import folder was read: {p}" for p in outside_reads]
    failures += [f"the canary was asked: {r}" for r in server.requests]
    failures += [f"a socket was used: {n}" for n in AuditLog.network + child_network]
    if gui.stalls:
        failures.append(
            f"the GUI event loop was blocked {len(gui.stalls)} time(s) over "
            f"{STALL_LIMIT_MS:.0f} ms while importing (longest {gui.longest_stall_ms:.0f} ms)"
        )
    return {
        "tried": len(results),
        "passed": sum(1 for r in results if not r["problems"]),
        "failures": failures,
        "network_requests": network + len(AuditLog.network) + len(child_network),
        "outside_reads": outside_reads + secret_reads,
        "longest_gui_stall_ms": round(gui.longest_stall_ms, 1),
        "gui_stalls_over_200ms": len(gui.stalls),
        "gui_import_seconds": round(gui.import_seconds, 1),
        "longest_open_ms": round(gui.longest_open_ms, 1),
        "tooltips_shown": gui.tooltips_shown,
        "files_opened_by_reader": len(child_opened),
        "huge": huge,
        "seconds": round(time.monotonic() - started, 1),
        "workdir": str(ctx.root),
        "pid": os.getpid(),
        "cases": results,
    }


def _allowed(ctx: Context) -> list[Path]:
    """Where the app may read: the import folder, its own database and export folders,
    Python and its packages, this repository, the settings folders, and /proc (the
    mount table, to warn about a database on a network file system)."""
    folders = [
        Path("/proc"),
        ctx.imports,
        ctx.root / "db",
        ctx.root / "exports",
        ROOT,
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(sys.exec_prefix),
        Path(tempfile.gettempdir()) / f"runtime-{os.getuid()}",
    ]
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        if os.environ.get(variable):
            folders.append(Path(os.environ[variable]))
    return folders


def summary_lines(figures: dict[str, Any]) -> list[str]:
    """The figures as the lines ``make reliability`` prints."""
    lines = [
        f"hostile inputs tried                   {figures['tried']}",
        f"  handled as expected                  {figures['passed']}",
        f"  failures                             {len(figures['failures'])}",
        f"network requests made                  {figures['network_requests']}",
        f"files read outside the import          {len(figures['outside_reads'])}",
        f"GUI stalls over 200 ms (importing)     {figures['gui_stalls_over_200ms']}",
        f"  longest GUI stall while importing    {figures['longest_gui_stall_ms']:.0f} ms",
        f"  longest open + paint of an article   {figures['longest_open_ms']:.0f} ms",
    ]
    return lines + [f"failure: {f}" for f in figures["failures"][:40]]
