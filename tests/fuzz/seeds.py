"""Valid inputs of every importer, the starting points of the mutations.

Annotation sets are made by the project's own exporters from a small annotated article
(the offsets stress text: emoji, CJK, Arabic, combining marks), so every format's seed
is a file the importer must accept; articles come from the test helpers and fixtures.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

from annotator.core.project import Project
from annotator.domain.exchange import ExportData
from annotator.domain.text import cp_to_utf16
from annotator.formats import w3c
from annotator.formats.brat import write_brat
from annotator.formats.doccano import to_doccano
from annotator.formats.labelstudio import to_labelstudio
from tests.conftest import FIXTURES, make_draft
from tests.formats.helpers import make_docx, make_pdf

STRESS = (FIXTURES / "offsets-stress.txt").read_text("utf-8")
SAMPLES = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "samples"
TAGSET = SAMPLES.parent / "tagset-factcheck.json"


@functools.cache
def export_data() -> ExportData:
    """The stress text with spans, actors, notes, a verdict, links and a review."""
    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(Path(folder) / "seed.db", "alice")
        try:
            article = project.import_draft(
                make_draft(STRESS, title="Offsets under stress", url="https://news.example/s")
            ).article
            aid = article.id
            claim = project.annotate_quote(aid, "shipped shells", "Claim", actor="José Martí")
            denial = project.annotate_quote(
                aid, "called the report “fabricated” 🇰🇵", "Denial", actor="김정은", note="a\nb"
            )
            source = project.annotate_quote(aid, "according to RIA", "Source")
            evidence = project.annotate_quote(aid, "قال المتحدث إن التقرير كاذب", "Evidence")
            project.annotate_quote(aid, "👨‍👩‍👧", "Claim", note="emoji “quoted”")
            project.link(denial.id, claim.id)
            project.link(claim.id, source.id)
            project.link(evidence.id, claim.id, "contradicts")
            project.set_verdict(claim.id, "Mostly false", "Port records say otherwise.")
            project.review(denial.id, "comment", "Check the translation.")
            return project.export_data([aid], label="fuzz seed")
        finally:
            project.close()


@functools.cache
def w3c_seeds() -> tuple[bytes, ...]:
    own = json.dumps(w3c.from_export(export_data()), ensure_ascii=False).encode("utf-8")
    single = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno1",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Claim"}],
        "target": {
            "source": "https://news.example/s",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "routine", "prefix": "was “"},
                {"type": "TextPositionSelector", "start": 59, "end": 66},
            ],
        },
    }
    demo = (SAMPLES / "kim-putin-alliance.annotations.jsonld").read_bytes()
    return (own, json.dumps(single).encode("utf-8"), demo)


@functools.cache
def doccano_seeds() -> tuple[bytes, ...]:
    plain = {"text": STRESS, "label": [[0, 7, "Claim"], [20, 25, "Source"]]}
    return (
        to_doccano(export_data()).encode("utf-8"),
        (json.dumps(plain, ensure_ascii=False) + "\n" + json.dumps({"text": "x y"})).encode(),
    )


@functools.cache
def labelstudio_seeds() -> tuple[bytes, ...]:
    return (to_labelstudio(export_data()).encode("utf-8"),)


def _hypothesis_row(ident: str, exact: str, tags: list[str]) -> dict[str, Any]:
    start = STRESS.index(exact)
    end = start + len(exact)
    return {
        "id": ident,
        "created": "2024-06-19T10:00:00.000000+00:00",
        "updated": "2024-06-19T10:05:00.000000+00:00",
        "user": "acct:jane_doe@hypothes.is",
        "uri": "https://news.example/s",
        "text": "A **note**",
        "tags": tags,
        "target": [
            {
                "source": "https://news.example/s",
                "selector": [
                    {"type": "RangeSelector", "startContainer": "/p[2]", "startOffset": 0},
                    {
                        "type": "TextPositionSelector",
                        "start": cp_to_utf16(STRESS, start),
                        "end": cp_to_utf16(STRESS, end),
                    },
                    {
                        "type": "TextQuoteSelector",
                        "exact": exact,
                        "prefix": STRESS[max(0, start - 32) : start],
                        "suffix": STRESS[end : end + 32],
                    },
                ],
            }
        ],
        "document": {"title": ["Offsets under stress"]},
        "references": [],
    }


@functools.cache
def hypothesis_seeds() -> tuple[bytes, ...]:
    rows = [
        _hypothesis_row("a1", "routine", ["Claim", "check"]),
        _hypothesis_row("a2", "김정은 위원장", ["Source"]),
        _hypothesis_row("a3", "🇰🇵", ["Denial"]),
    ]
    answer = {"total": len(rows), "rows": rows}
    return (
        json.dumps(answer, ensure_ascii=False).encode("utf-8"),
        json.dumps(rows[:1]).encode("utf-8"),
    )


@functools.cache
def brat_seeds() -> tuple[tuple[bytes, bytes, bytes], ...]:
    """(.txt, .ann, annotation.conf) of the export, and a hand-written pair."""
    with tempfile.TemporaryDirectory() as folder:
        written = write_brat(export_data(), Path(folder))
        by_suffix = {p.suffix: p.read_bytes() for p in written}
    hand = (
        b"Kim said the US lied.\r\nRussia denies it.\n",
        b"T1\tClaim 0 20\tKim said the US lied\nT2\tDenial 23 39\tRussia denies it\n"
        b"R1\tdenies Arg1:T2 Arg2:T1\nA1\tVerdict T1 False\n#1\tAnnotatorNotes T1\tnote\n"
        b"N1\tReference T1 actor:Kim\tKim\n",
        b"",
    )
    return ((by_suffix[".txt"], by_suffix[".ann"], by_suffix[".conf"]), hand)


# --- articles --------------------------------------------------------------------------


@functools.cache
def text_seeds() -> tuple[bytes, ...]:
    latin = "Fünf Bälle für Jürgen – “quoted” façade.\n\nZweiter Absatz."
    return (
        STRESS.encode("utf-8"),
        b"\xef\xbb\xbf" + STRESS.encode("utf-8"),
        STRESS.encode("utf-16"),
        latin.encode("cp1252"),
        "東京で会議が開かれた。北朝鮮は否定した。".encode("shift_jis"),
        STRESS.replace("\n", "\r\n").encode("utf-8"),
    )


@functools.cache
def markdown_seeds() -> tuple[bytes, ...]:
    md = (
        "# Offsets under stress\n\nIntro *with* **marks** and `code`.\n\n"
        "Setext\n======\n\n```\n# not a title\n```\n\n- item 👍🏽\n- 김정은\n"
    )
    return (md.encode("utf-8"), STRESS.encode("utf-8"))


@functools.cache
def html_seeds() -> tuple[bytes, ...]:
    pages = tuple(p.read_bytes() for p in sorted((FIXTURES / "html").glob("*.html")))
    small = (
        "<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>T</title></head>"
        "<body><article><h1>제목</h1><p>첫 문단 👍🏽 &amp; “quotes”.</p>"
        "<table><tr><td>1,000</td><td>containers</td></tr></table></article></body></html>"
    ).encode()
    return (*pages, small)


@functools.cache
def xhtml_seeds() -> tuple[bytes, ...]:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar"><head><title>X</title></head>'
        "<body><p>قال المتحدث إن التقرير كاذب.</p><p>Second<br/>line.</p></body></html>"
    )
    return (page.encode("utf-8"),)


@functools.cache
def docx_seeds() -> tuple[bytes, ...]:
    return (
        make_docx(
            ["First paragraph 👍🏽.", "김정은 위원장", "قال المتحدث"],
            table=[["a", "b"], ["1,000", "containers"]],
            title="Docx seed",
            author="Jane",
            language="en-GB",
        ),
    )


@functools.cache
def pdf_seeds() -> tuple[bytes, ...]:
    return (
        make_pdf([["Port data contradict ministry", "Second line"], ["Page two"]], title="T"),
        make_pdf([["Fünf Bälle für Jürgen"]], author="A", lang="de-DE"),
    )


@functools.cache
def sidecar_seeds() -> tuple[bytes, ...]:
    meta = {
        "title": "Sidecar title",
        "byline": "Jane Doe",
        "outlet": "Example",
        "url": "https://news.example/s",
        "published": "2024-06-19T10:00:00Z",
        "language": "en-GB",
        "file": "article.txt",
    }
    return (json.dumps(meta).encode("utf-8"),)
