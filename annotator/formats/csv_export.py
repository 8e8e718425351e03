"""Annotations as CSV: one row per annotation, safe to open in a spreadsheet.

Columns: :data:`COLUMNS`. ``start``/``end`` are code points of the stored text
(end exclusive), empty for an annotation that could not be placed (an orphan,
written with its quote only). ``links`` lists the annotation's links both
ways: ``denies → <id>`` for a link from it, ``denies ← <id>`` for one to it,
joined with ``"; "``. ``review_state`` is the latest review decision, else
``unreviewed``.

Every cell goes through :func:`annotator.formats.board.safe_cell`: a cell
starting with ``= + - @``, a tab or a carriage return gets a leading
apostrophe, so no spreadsheet runs it as a formula. ``excel=True`` adds a
UTF-8 byte-order mark (so Excel reads UTF-8) and CRLF line ends; no ``sep=,``
line, because Excel then ignores the byte-order mark and other tools read it
as a data row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from annotator.domain.exchange import ExportData
from annotator.formats.board import safe_cell

COLUMNS = (
    "article_id",
    "article_title",
    "tag",
    "quote",
    "actor",
    "note",
    "annotator",
    "verdict",
    "verdict_explanation",
    "review_state",
    "start",
    "end",
    "created",
    "modified",
    "annotation_id",
    "links",
)


def csv_line(cells: Iterable[object]) -> str:
    """One CSV record without its line end.

    Written with CRLF as the terminator so that a cell holding a lone carriage
    return is quoted too (Python 3.11's writer quotes only the terminator's
    characters); the caller then joins records with the line end it wants.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2]


def write_csv(data: ExportData, *, excel: bool = False) -> str:
    """The annotations of ``data`` as CSV text (see :data:`COLUMNS`)."""
    lines = [csv_line(COLUMNS)]
    for export in data.articles:
        article = export.article
        links: dict[str, list[str]] = {}
        for r in export.relations:
            if not r.deleted:
                links.setdefault(r.from_id, []).append(f"{r.type} → {r.to_id}")
                links.setdefault(r.to_id, []).append(f"{r.type} ← {r.from_id}")
        placed = sorted(
            (a for a in export.annotations if not a.deleted and a.start >= 0),
            key=lambda a: (a.start, -a.end, a.id),
        )
        orphans = [a for a in export.orphans if not a.deleted]
        for a in [*placed, *orphans]:
            verdict = export.verdicts.get(a.id)
            row = (
                article.id,
                article.display_title,
                a.tag,
                a.exact,
                a.actor or "",
                a.note,
                a.annotator,
                verdict.rating if verdict else "",
                verdict.explanation if verdict else "",
                export.review_states.get(a.id, "unreviewed"),
                a.start if a.start >= 0 else "",
                a.end if a.start >= 0 else "",
                a.created,
                a.modified,
                a.id,
                "; ".join(links.get(a.id, ())),
            )
            lines.append(csv_line(safe_cell(v) for v in row))
    end = "\r\n" if excel else "\n"
    return ("\ufeff" if excel else "") + "".join(line + end for line in lines)
