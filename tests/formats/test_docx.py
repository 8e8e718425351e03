"""DOCX import: paragraphs and tables, core properties, zip bombs and damaged files."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.docx import load_docx
from annotator.formats.importing import load_file
from tests.formats.helpers import billion_laughs, make_docx, replace_in_zip


def test_paragraphs_tables_and_core_properties(tmp_path: Path) -> None:
    data = make_docx(
        ["First paragraph of the memo.", "", "Second paragraph, with “quotes” – and a dash."],
        table=[["Year", "Tonnes"], ["2023", "4.1 m"]],
        title="Ministry memo",
        author="Olena Marchenko",
        created=datetime(2024, 5, 2, 9, 30),
        language="uk-UA",
    )
    path = tmp_path / "Memo.DOCX"
    path.write_bytes(data)
    draft = load_file(path)
    assert draft.text == (
        "First paragraph of the memo.\n\n"
        "Second paragraph, with “quotes” – and a dash.\n\n"
        "Year\tTonnes\n\n"
        "2023\t4.1 m"
    )
    assert draft.source_format == "docx"
    assert draft.media_type.endswith("wordprocessingml.document")
    assert draft.title == "Ministry memo"
    assert draft.byline == "Olena Marchenko"
    assert draft.published == "2024-05-02"
    assert draft.language == "uk"
    assert draft.original == data
    assert draft.original_name == "Memo.DOCX"


def test_line_break_inside_paragraph_is_one_newline() -> None:
    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run("Line one")
    run.add_break()
    run.add_text("line two")
    buffer = io.BytesIO()
    document.save(buffer)
    assert load_docx(buffer.getvalue(), "br.docx").text == "Line one\nline two"


def test_empty_document_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^empty\.docx: contains no text"):
        load_docx(make_docx(["", "   "]), "empty.docx")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 this is not really a zip", b"hello world, plain text named .docx"],
)
def test_corrupt_docx_is_bad_input(data: bytes) -> None:
    with pytest.raises(BadInput, match=r"^broken\.docx: .*not a valid zip"):
        load_docx(data, "broken.docx")


def test_zip_without_document_part_is_bad_input() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(BadInput, match=r"^x\.docx: is not a Word document"):
        load_docx(buffer.getvalue(), "x.docx")


def test_damaged_document_xml_is_bad_input() -> None:
    data = replace_in_zip(make_docx(["ok"]), "word/document.xml", b"<w:document><unclosed")
    with pytest.raises(BadInput, match=r"^bad\.docx: cannot be read as a Word document"):
        load_docx(data, "bad.docx")


def _bomb(size_mb: int) -> bytes:
    """A zip whose word/document.xml unpacks to ``size_mb`` MB of zeros, written streaming."""
    buffer = io.BytesIO()
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(size_mb):
                part.write(zeros)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_python_docx_opens_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import docx

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx must not see a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    data = _bomb(300)

    def unpacked(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bomb must be refused from the sizes it declares, unopened")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpacked)
    assert len(data) < 5 * 1024 * 1024  # small on disk, 300 MB unpacked
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with pytest.raises(BadInput, match=r"^bomb\.docx: would unpack to more than 200 MB"):
        load_file(path)


def test_implausible_compression_ratio_is_refused() -> None:
    with pytest.raises(BadInput, match=r"^ratio\.docx: is compressed implausibly well"):
        load_docx(_bomb(5), "ratio.docx")


def test_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(10_001):
            archive.writestr(f"m/{i}", b"")
    with pytest.raises(BadInput, match=r"^many\.docx: has 10001 parts"):
        load_docx(buffer.getvalue(), "many.docx")


def test_entity_bomb_inside_docx_is_refused() -> None:
    bomb = billion_laughs("w:document") + "<w:document>&lol9;</w:document>"
    data = replace_in_zip(make_docx(["ok"]), "word/document.xml", bomb.encode())
    start = time.perf_counter()
    with pytest.raises(BadInput, match=r"^lol\.docx: contains a DTD"):
        load_docx(data, "lol.docx")
    assert time.perf_counter() - start < 30  # a guard against expanding it, not a speed goal
