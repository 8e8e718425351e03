"""Bugs the fuzz targets and the state machine found, each pinned by the smallest input
that showed it. Every importer must give a result or its declared error (BadInput)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.charset import decode_bytes
from annotator.formats.docx import load_docx
from annotator.formats.html import load_html
from annotator.formats.importing import load_file

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
