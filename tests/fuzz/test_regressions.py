"""Bugs the fuzz targets and the state machine found, each pinned by the smallest input
that showed it. Every importer must give a result or its declared error (BadInput)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest

from annotator.core.commands import CommandStack, CreateAnnotation
from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.domain.exchange import SetError
from annotator.formats.brat import read_brat
from annotator.formats.charset import decode_bytes
from annotator.formats.docx import load_docx
from annotator.formats.html import load_html
from annotator.formats.importing import load_file
from annotator.formats.w3c_import import read_w3c
from tests.cli.test_cli import run_cli
from tests.conftest import make_draft

# --- article importers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "charset", ["hex", "base64", "zlib", "rot13", "undefined", "unicode_escape", "idna"]
)
def test_a_page_declaring_a_codec_that_is_no_charset_is_decoded_by_detection(
    charset: str,
) -> None:
    # was LookupError ('hex' is not a text encoding) or UnicodeError ('undefined')
    page = (
        f'<html><head><meta charset="{charset}"></head><body>'
        r"<p>Caf√© \x41 stays as written, and the page is imported.</p></body></html>"
    ).encode()
    draft = load_html(page, "page.html")
    assert draft.text == r"Caf√© \x41 stays as written, and the page is imported."


def test_a_declared_codec_that_is_no_charset_falls_back_to_utf8() -> None:
    assert decode_bytes("Grüße".encode(), "base64") == "Grüße"
    assert decode_bytes(b"a\\u0041", "unicode-escape") == "a\\u0041"


def test_control_characters_next_to_page_furniture_do_not_break_the_html_import() -> None:
    # was ValueError from lxml ("All strings must be XML compatible") when the comment
    # section was dropped and its tail (a vertical tab) moved into its parent
    page = (
        b'<html><body><div class="comments">x</div>\x0b<p>Real text of the article here, '
        b"long enough.</p>\x0c</body></html>"
    )
    assert load_html(page, "page.html").text == "Real text of the article here, long enough."


def test_a_docx_with_a_damaged_deflate_stream_is_refused_by_name() -> None:
    # was zlib.error ("invalid block type") from the container check
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "x" * 500 + "</w:document>")
    data = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    data[info.header_offset + 30 + len(info.filename) + len(info.extra)] = 0xFF
    with pytest.raises(BadInput, match=r"^report\.docx: is damaged"):
        load_docx(bytes(data), "report.docx")


def test_a_sidecar_nested_too_deep_is_ignored(tmp_path: Path) -> None:
    # was RecursionError from json.loads while reading the metadata sidecar
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "article.json").write_bytes(b"[" * 100_000)
    draft = load_file(article)
    assert draft.title == "Headline"


# --- annotation-set readers ----------------------------------------------------------------


def _w3c(item: dict) -> bytes:
    base = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno1",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Claim"}],
        "target": {
            "source": "https://news.example/s",
            "selector": [{"type": "TextQuoteSelector", "exact": "routine"}],
        },
    }
    return json.dumps({**base, **item}).encode()


@pytest.mark.parametrize("motivation", [{"x": 1}, [["classifying"]], [{}, "classifying"]])
def test_w3c_motivations_that_are_no_strings_are_ignored(motivation: object) -> None:
    # was TypeError: unhashable type: 'dict'
    aset = read_w3c(_w3c({"motivation": motivation}), "set.jsonld")
    assert [a.tag for s in aset.articles for a in s.annotations] == ["Claim"]


def test_a_w3c_body_purpose_that_is_no_string_is_ignored() -> None:
    # was TypeError: unhashable type: 'dict'; now the body is no tag, and the item has none
    body = [{"type": "TextualBody", "purpose": {}, "value": "Claim"}]
    with pytest.raises(SetError, match=r"^set\.jsonld: .*no tag"):
        read_w3c(_w3c({"body": body}), "set.jsonld")


@pytest.mark.parametrize("source", [1.5, ["https://news.example/s"], True])
def test_a_w3c_target_source_that_is_no_iri_is_read(source: object) -> None:
    # was AttributeError: 'float' object has no attribute 'get'
    target = {"source": source, "selector": [{"type": "TextQuoteSelector", "exact": "routine"}]}
    aset = read_w3c(_w3c({"target": target}), "set.jsonld")
    assert [a.exact for s in aset.articles for a in s.annotations] == ["routine"]


def test_a_set_error_is_one_line_whatever_the_file_holds() -> None:
    # an id with a line break went into the message as it was
    bad = _w3c({"id": "a\r\nb", "target": {"source": "x", "selector": [{"exact": 5}]}})
    with pytest.raises(SetError) as info:
        read_w3c(bad, "set.jsonld")
    assert len(str(info.value).splitlines()) == 1
    assert str(info.value).startswith("set.jsonld: cannot import this annotation set: item 1")


def test_a_brat_actor_normalization_without_a_name_is_read(tmp_path: Path) -> None:
    # was IndexError: "N1<TAB>Reference T1 actor" (no colon, no name) in a brat .ann
    (tmp_path / "doc.txt").write_text("Kim said the US lied.", encoding="utf-8")
    (tmp_path / "doc.ann").write_text(
        "T1\tClaim 0 20\tKim said the US lied\nN1\tReference T1 actor\n", encoding="utf-8"
    )
    aset = read_brat(tmp_path)
    [annotation] = aset.articles[0].annotations
    assert (annotation.tag, annotation.actor) == ("Claim", None)


# --- the state machine -----------------------------------------------------------------------


def test_a_white_space_annotation_at_its_exact_place_is_not_orphaned(project) -> None:
    # an annotation of "\n" (the CLI's --start/--end allows one), exported and imported by a
    # colleague on the very same text, became an orphan: white space was refused before
    # the exact position was even looked at
    article = project.import_draft(make_draft("First line.\nSecond line.\n")).article
    item = {
        "id": "urn:uuid:3f1d3b52-8c1e-4b8e-9d7a-0c2b6f3f1a10",
        "type": "Annotation",
        "motivation": "classifying",
        "creator": {"type": "Person", "name": "carol"},
        "body": [{"type": "TextualBody", "purpose": "classifying", "value": "Claim"}],
        "target": {
            "source": f"urn:uuid:{article.id}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "\n", "prefix": "First line."},
                {"type": "TextPositionSelector", "start": 11, "end": 12},
            ],
        },
    }
    doc = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "annotator:articles": [
            {"id": f"urn:uuid:{article.id}", "annotator:sha256": article.sha256}
        ],
        "first": {"type": "AnnotationPage", "items": [item]},
    }
    [report] = project.import_annotations(read_w3c(json.dumps(doc).encode(), "set.jsonld"))
    assert (report.exact, report.orphaned) == (1, 0)
    [placed] = project.annotations(article.id)
    assert (placed.start, placed.end, placed.exact) == (11, 12, "\n")


def _denial_and_claim(project) -> tuple[str, str, str]:
    article = project.import_draft(
        make_draft("Russia denies that North Korea sent shells.")
    ).article
    claim = project.create_annotation(article.id, 14, 43, "Claim")
    denial = project.create_annotation(article.id, 0, 13, "Denial")
    return article.id, denial.id, claim.id


def test_a_link_shows_only_while_both_its_ends_are_live(project) -> None:
    # alice deletes the denial (its link goes with it), bob deletes the claim, alice undoes:
    # the link came back live, pointing at the deleted claim. Now it stays hidden until
    # bob's undo brings the claim back too, and then both undos have restored it.
    article, denial, claim = _denial_and_claim(project)
    link = project.link(denial, claim)
    project.delete_annotation(denial)
    bob = Project.open(project.path, "bob")
    try:
        bob.delete_annotation(claim)
    finally:
        bob.close()
    project.restore_annotation(denial)
    assert project.relations(article) == []
    assert project.relations_of(denial) == []
    project.restore_annotation(claim)
    assert [r.id for r in project.relations(article)] == [link.id]
    assert [r.id for r in project.relations_of(denial)] == [link.id]


def _link_item(source: str, target: str) -> dict:
    return {
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "Annotation",
        "motivation": "linking",
        "target": f"urn:uuid:{source}",
        "body": [
            {"id": f"urn:uuid:{target}"},
            {"type": "TextualBody", "purpose": "tagging", "value": "denies"},
        ],
    }


def test_an_imported_link_to_a_deleted_annotation_is_skipped(project) -> None:
    # an imported set linked its denial to a claim deleted here: the link was made live
    article, denial, claim = _denial_and_claim(project)
    project.delete_annotation(claim)
    stored = project.article(article)
    doc = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "annotator:articles": [{"id": f"urn:uuid:{article}", "annotator:sha256": stored.sha256}],
        "first": {
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"urn:uuid:{denial}",
                    "type": "Annotation",
                    "body": [{"type": "TextualBody", "purpose": "classifying", "value": "Denial"}],
                    "target": {
                        "source": f"urn:uuid:{article}",
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "Russia denies"},
                            {"type": "TextPositionSelector", "start": 0, "end": 13},
                        ],
                    },
                },
                _link_item(denial, claim),
                _link_item(denial, denial),
            ],
        },
    }
    [report] = project.import_annotations(read_w3c(json.dumps(doc).encode(), "set.jsonld"))
    assert report.relations == 0
    assert any("deleted here" in p for p in report.problems)
    assert any("to itself" in p for p in report.problems)
    assert project.relations(article) == []


# --- tag sets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"[" * 100_000, "not valid JSON (nested too deeply)"),  # was RecursionError
        (b'{"tags": [{"name": "\\ud800", "colour": "#ffffff"}]}', "lone UTF-16 surrogate"),
        (b"\xff\xfe{}", "not UTF-8 text"),
    ],
)
def test_a_tag_set_file_that_is_no_json_text_is_refused_by_name(
    tmp_path: Path, raw: bytes, message: str
) -> None:
    # the CLI failed with "unexpected RecursionError" / "UnicodeEncodeError" (exit 1)
    path = tmp_path / "tags.json"
    path.write_bytes(raw)
    run = run_cli(tmp_path, "tagset", "import", str(path))
    assert run.code == 2, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"annotator: error: {path}: ") and message in line


def test_an_unknown_tag_name_in_a_relation_type_is_shown_on_one_line(project) -> None:
    data = project.tagset_json()
    data["relations"][0]["from"] = ["No\u2028such tag"]
    with pytest.raises(BadInput) as info:
        project.import_tagset(data)
    assert len(str(info.value).splitlines()) == 1 and "unknown tag(s)" in str(info.value)


def test_a_failed_push_ends_the_redo_history_as_qundostack_does(project) -> None:
    # CommandStack kept the redo history when a pushed command failed; the window's
    # QUndoStack clears it (and drops the failed command): the two now agree
    article = project.import_draft(
        make_draft("Russia denies that North Korea sent shells.")
    ).article
    stack = CommandStack(project)
    stack.push(CreateAnnotation(article.id, 0, 6, "Claim"))
    stack.undo()
    assert stack.can_redo()
    with pytest.raises(BadInput):
        stack.push(CreateAnnotation(article.id, 5, 3, "Claim"))
    assert not stack.can_redo() and not stack.can_undo()
    assert project.annotations(article.id) == []
