"""Exporting annotation sets: one function for the command line and the GUI.

:func:`export_to` writes any format: the ones written from
:meth:`Project.export_data` (W3C, brat, doccano, Label Studio, CSV, the HTML
report — narrowed by annotators and tags), schema.org ClaimReview and the
claims board (CSV, Markdown, HTML). Files are written to a temporary name and
renamed; brat writes a folder.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.domain.board import BoardClaim, board_json
from annotator.domain.errors import BadInput
from annotator.domain.gc_pause import paused_gc

if TYPE_CHECKING:
    from annotator.core.project import Project

#: the formats written from the export data (narrowed by --annotator-filter and --tag)
DATA_FORMATS = ("w3c", "brat", "doccano", "labelstudio", "csv", "html")

#: every format: key → (label, "file" or "folder", file suffix)
FORMATS: dict[str, tuple[str, str, str]] = {
    "w3c": ("W3C Web Annotation (JSON-LD)", "file", ".jsonld"),
    "html": ("HTML report (self-contained)", "file", ".html"),
    "csv": ("CSV, one row per annotation", "file", ".csv"),
    "brat": ("brat standoff (folder)", "folder", ""),
    "doccano": ("doccano JSONL", "file", ".jsonl"),
    "labelstudio": ("Label Studio tasks (JSON)", "file", ".json"),
    "claimreview": ("schema.org ClaimReview (JSON-LD)", "file", ".json"),
    "board-html": ("Claims board, HTML", "file", ".html"),
    "board-md": ("Claims board, Markdown", "file", ".md"),
    "board-csv": ("Claims board, CSV", "file", ".csv"),
}
ORG_MISSING = "set your organisation in Settings or pass --org-name"


def _narrow(claims: list[BoardClaim], ids: set[str]) -> list[BoardClaim]:
    """The board restricted to the exported annotations."""
    out = []
    for c in claims:
        if c.annotation_id not in ids:
            continue
        denials = [
            replace(d, sources=tuple(s for s in d.sources if s.annotation_id in ids))
            for d in c.denials
            if d.annotation_id in ids
        ]
        out.append(
            replace(
                c,
                denials=denials,
                sources=[s for s in c.sources if s.annotation_id in ids],
                evidence=[e for e in c.evidence if e.annotation_id in ids],
            )
        )
    return out


@paused_gc()  # a large export is millions of objects (see domain.gc_pause)
def write_export(
    project: Project,
    article_ids: list[str],
    fmt: str,
    output: Path,
    *,
    label: str,
    annotators: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    excel: bool = False,
) -> str:
    """Write the chosen articles in ``fmt`` to ``output``; returns the line to report."""
    from annotator.core.files import write_atomic

    data = project.export_data(
        article_ids, annotators=annotators or None, tags=tags or None, label=label
    )
    count = sum(len(a.annotations) + len(a.orphans) for a in data.articles)
    if fmt == "brat":
        from annotator.formats.brat import write_brat

        if output.exists() and not output.is_dir():
            raise BadInput(f"{output}: brat writes a folder, and this is a file")
        written = write_brat(data, output)
        return f"{count} annotations written to {output} ({len(written)} files)"
    if fmt == "w3c":
        from annotator.formats import w3c_text

        # one item per line: the text of jsontext.lines(w3c.from_export(data)), made faster
        raw, count = w3c_text.utf8_lines(data)
        write_atomic(output, raw)
        return f"{count} annotations written to {output}"
    if fmt == "doccano":
        from annotator.formats.doccano import to_doccano

        text = to_doccano(data)
    elif fmt == "labelstudio":
        from annotator.formats.labelstudio import to_labelstudio

        text = to_labelstudio(data)
    elif fmt == "csv":
        from annotator.formats.csv_export import write_csv

        text = write_csv(data, excel=excel)
    elif fmt == "html":
        from annotator.core.board import build_board
        from annotator.formats.report import write_report

        claims = [c for a in data.articles for c in build_board(project, a.article.id)]
        if annotators or tags:
            claims = _narrow(claims, {x.id for a in data.articles for x in a.annotations})
        text = write_report(data, claims)
    else:
        raise BadInput(f"unknown export format {fmt!r}")
    write_atomic(output, text.encode("utf-8"))
    return f"{count} annotations written to {output}"


def check_output(output: str | Path) -> Path:
    """``output`` as a path, or BadInput for a name no file should have: a NUL character,
    or a Windows device name (``CON``, ``nul.txt``, ``COM1.csv`` …), where the export
    would go to the device instead of a file."""
    from annotator.formats.standoff import reserved_name

    text = str(output)
    if "\x00" in text:
        raise BadInput(f"{text!r}: a file name cannot contain a NUL character")
    path = Path(text)
    if not path.name:
        raise BadInput(f"{text}: give a file or folder name to export to")
    if reserved_name(path.name):
        raise BadInput(f"{path.name}: a reserved device name on Windows; choose another name")
    return path


def organisation(name: str, url: str = "") -> Any:
    """The publishing organisation for ClaimReview (a name is required)."""
    from annotator.formats.claimreview import Organisation

    name, url = (name or "").strip(), (url or "").strip()
    if not name:
        raise BadInput(ORG_MISSING)
    if url and not url.startswith(("http://", "https://")):
        raise BadInput(f"the organisation URL must start with http:// or https:// (got {url!r})")
    return Organisation(name, url)


def board_text(claims: list[BoardClaim], fmt: str, title: str, *, excel: bool = False) -> str:
    """The claims board as json, md, csv or html."""
    from annotator.formats import board

    if fmt == "json":
        return json.dumps(board_json(claims), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return board.to_markdown(claims, title)
    if fmt == "csv":
        return board.to_csv(claims, excel=excel)
    return board.to_html(claims, title)


def export_to(
    project: Project,
    fmt: str,
    output: str | Path,
    *,
    article_refs: list[str] | None = None,
    annotators: list[str] | tuple[str, ...] | None = None,
    tags: list[str] | tuple[str, ...] | None = None,
    excel: bool = False,
    organisation_name: str = "",
    organisation_url: str = "",
) -> str:
    """Export the chosen articles (None: all) in ``fmt``; returns a line saying what it wrote."""
    from annotator.core.files import write_atomic

    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if (annotators or tags) and fmt not in DATA_FORMATS:
        raise BadInput(f"--annotator-filter and --tag go with {', '.join(DATA_FORMATS)}")
    output = check_output(output)
    org = organisation(organisation_name, organisation_url) if fmt == "claimreview" else None
    refs = article_refs if article_refs is not None else [a.id for a in project.articles()]
    chosen = [project.article(r, count=False) for r in refs]
    if article_refs is not None and len(chosen) == 1:
        label = f"annotator export: {chosen[0].display_title}"
    else:
        label = "annotator export: all articles"
    if fmt in DATA_FORMATS:
        return write_export(
            project,
            [a.id for a in chosen],
            fmt,
            output,
            label=label,
            annotators=tuple(annotators or ()),
            tags=tuple(tags or ()),
            excel=excel,
        )
    from annotator.core.board import build_board, rated_claims

    claims = [c for a in chosen for c in build_board(project, a.id)]
    if fmt == "claimreview":
        from annotator.formats import claimreview

        doc = claimreview.document(rated_claims(project, claims), project.ratings(), org)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        write_atomic(output, text.encode("utf-8"))
        return f"{len(doc['@graph'])} claim reviews written to {output}"
    title = label.replace("annotator export", "Claims board", 1)
    text = board_text(claims, fmt.removeprefix("board-"), title, excel=excel)
    write_atomic(output, text.encode("utf-8"))
    return f"{len(claims)} claims written to {output}"
