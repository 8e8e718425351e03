"""Hostile exports: file names made from data (article titles with ``../``, absolute
paths, reserved device names, NUL bytes, slashes, names too long for the file system),
a folder that already holds a link pointing out of it, output names that are Windows
devices or hold a NUL byte, and CSV cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from contextlib import closing
from pathlib import Path

from annotator.core.exporting import export_to
from annotator.core.project import Project
from annotator.formats.draft import ArticleDraft
from annotator.formats.standoff import _RESERVED
from tests.reliability.hostile.cases import REFUSED, WRITTEN, Case, Context

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def hostile_titles(ctx: Context) -> list[str]:
    return [
        "../../outside/escaped",
        "..",
        ".",
        "...",
        "",
        "   ",
        str(ctx.root / "abs" / "escaped"),
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "\\\\127.0.0.1\\share\\x",
        "CON",
        "con",
        "NUL.txt",
        "COM1",
        "LPT9.ann",
        "AUX .txt",
        "PRN.",
        "a\x00b",
        "slash/inside\\both",
        "name:stream",
        "trailing dot.",
        ".hidden",
        "-rf",
        "\u202egnp.exe",
        "\U0001d54f" * 100,  # 100 letters of 4 UTF-8 bytes each
        "x" * 300,
        "Report",
        "report",
    ]


def _project(ctx: Context, name: str, titles: list[str]) -> Project:
    folder = ctx.root / "db"
    folder.mkdir(exist_ok=True)
    project = Project.open(folder / f"{name}.db", "exporter")
    for i, title in enumerate(titles):
        text = f"Article {i}: the United States says North Korea supplied artillery rounds."
        draft = ArticleDraft(
            text=text,
            source_format="txt",
            original=text.encode(),
            original_name=f"a{i}.txt",
            media_type="text/plain",
            title=title or None,
        )
        article = project.import_draft(draft).article
        project.create_annotation(article.id, 13, 26, "Claim")
    return project


def _chosen(ctx: Context, name: str) -> Path:
    folder = ctx.root / "exports" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def brat_titles(ctx: Context) -> Path:
    folder = _chosen(ctx, "brat_titles")
    with closing(_project(ctx, "titles", hostile_titles(ctx))) as project:
        export_to(project, "brat", folder)
    return folder


def brat_link_in_folder(ctx: Context) -> Path:
    """The chosen folder already holds ``Report.ann`` and ``Report.txt``, links to a file
    outside it: writing must replace the links, never write through them."""
    folder = _chosen(ctx, "brat_links")
    victim = ctx.root / "exports" / "victim.txt"
    victim.write_text("VICTIM UNCHANGED\n", encoding="utf-8")
    for leaf in ("Report.ann", "Report.txt"):
        (folder / leaf).symlink_to(victim)
    with closing(_project(ctx, "report", ["Report"])) as project:
        export_to(project, "brat", folder)
    return folder


def _output_name(name: str) -> Case:
    def build(ctx: Context) -> Path:
        folder = _chosen(ctx, f"name_{abs(hash(name))}")
        with closing(_project(ctx, "one", ["One article"])) as project:
            export_to(project, "w3c", folder / name)
        return folder

    return Case(
        f"export_name_{name.encode('unicode_escape').decode()}", "export", REFUSED, build, ""
    )


def csv_formulas(ctx: Context) -> Path:
    """Cells that start with = + - @ tab or CR, in every CSV the app writes."""
    folder = _chosen(ctx, "csv")
    db = ctx.root / "db" / "csv.db"
    db.parent.mkdir(exist_ok=True)
    payloads = [
        '=HYPERLINK("http://127.0.0.1/x","click")',
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ]
    text = "Quotes: " + " | ".join(p.replace("\r", " ").replace("\t", " ") for p in payloads) + "."
    with closing(Project.open(db, payloads[0])) as project:
        draft = ArticleDraft(
            text=text,
            source_format="txt",
            original=text.encode(),
            original_name="formulas.txt",
            media_type="text/plain",
            title=payloads[1],
        )
        article = project.import_draft(draft).article
        for p in payloads:
            quoted = p.replace("\r", " ").replace("\t", " ")
            start = text.index(quoted)
            claim = project.create_annotation(
                article.id, start, start + len(quoted), "Claim", actor=p.strip() or "x", note=p
            )
            project.set_verdict(claim.id, "True", p)
        for fmt, excel in (
            ("csv", False),
            ("csv", True),
            ("board-csv", False),
            ("board-csv", True),
        ):
            export_to(project, fmt, folder / f"{fmt}{'-excel' if excel else ''}.csv", excel=excel)
    return folder


def formula_cells(folder: Path) -> list[str]:
    """Every cell of the CSV files in ``folder`` that a spreadsheet would run."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        text = path.read_text("utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline="")):
            found.extend(
                f"{path.name}: {cell[:40]!r}" for cell in row if cell.startswith(FORMULA_START)
            )
    return found


def reserved_names(folder: Path) -> list[str]:
    """Files in ``folder`` named like a Windows device, or too long for a file system."""
    bad = []
    for path in folder.rglob("*"):
        stem = path.name.split(".")[0].rstrip(" ").casefold()
        if stem in _RESERVED or len(path.name.encode()) > 255 or path.is_symlink():
            bad.append(path.name)
    return bad


EXPORT_CASES = [
    Case("export_brat_hostile_titles", "export", WRITTEN, brat_titles),
    Case("export_brat_links_in_folder", "export", WRITTEN, brat_link_in_folder),
    Case("csv_formula_injection", "csv", WRITTEN, csv_formulas),
    *(
        _output_name(n)
        for n in ("CON", "nul.txt", "COM1.jsonld", "LPT9.csv", "AUX .txt", "PRN.", "a\x00b.jsonld")
    ),
]
