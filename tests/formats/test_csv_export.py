"""CSV of annotations: one row per annotation, no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io

from annotator.core.project import Project
from annotator.formats.csv_export import COLUMNS, write_csv
from tests.formats.exchange_helpers import Builder, demo_export

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_demo_set_one_row_per_annotation(project: Project) -> None:
    data, ids = demo_export(project)
    rows = _rows(write_csv(data))
    export = data.articles[0]
    assert len(rows) == len(export.annotations)
    assert list(rows[0]) == list(COLUMNS)
    by_id = {r["annotation_id"]: r for r in rows}
    weapons = by_id[ids["us_weapons"]]
    assert weapons["tag"] == "Claim" and weapons["actor"] == "United States"
    assert weapons["verdict"] == "Mostly true" and weapons["verdict_explanation"]
    assert weapons["review_state"] == "unreviewed"
    assert weapons["annotator"] == "alice"
    start, end = int(weapons["start"]), int(weapons["end"])
    assert export.article.text[start:end] == weapons["quote"]
    assert f"attributed_to → {ids['us_says']}" in weapons["links"]
    assert f"denies ← {ids['denial_russia']}" in weapons["links"]
    assert by_id[ids["media_reported"]]["note"] == "Unnamed media."
    starts = [int(r["start"]) for r in rows]
    assert starts == sorted(starts)


def test_no_cell_starts_a_formula() -> None:
    b = Builder("=1+1 is what +cmd said; -1+1 and @SUM(A1) too.\n\tTabbed.")
    notes = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+1"]
    for quote, note in zip(("=1+1", "+cmd", "-1+1", "@SUM(A1)"), notes, strict=True):
        claim = b.span("Claim", quote, note=note, actor=note)
        b.rate(claim, "False", note)
    b.span_at("Evidence", b.text.index("\t"), len(b.text), note="\rcarriage")
    # a lone carriage return inside a cell must not end the record
    text = write_csv(b.data())
    rows = _rows(text)
    assert len(rows) == 5
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell)
    assert rows[0]["note"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["quote"] == "'=1+1"
    assert rows[-1]["quote"] == "'\tTabbed."


def test_excel_variant_has_bom_and_crlf() -> None:
    b = Builder("Käse says “hello” — 👍🏽 done.")
    b.span("Claim", "“hello” — 👍🏽")
    text = write_csv(b.data(), excel=True)
    assert text.startswith("\ufeffarticle_id,")
    assert text.count("\r\n") == 2 and "\n" not in text.replace("\r\n", "")
    assert _rows(text)[0]["quote"] == "“hello” — 👍🏽"
    assert not write_csv(b.data()).startswith("\ufeff")


def test_multi_line_note_stays_in_one_cell() -> None:
    b = Builder("One claim here.")
    b.span("Claim", "One claim", note="line 1\nline 2, with a comma")
    (row,) = _rows(write_csv(b.data()))
    assert row["note"] == "line 1\nline 2, with a comma"
