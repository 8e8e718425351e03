"""PDF import: the text layer, metadata, scans, encryption and damaged files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.importing import load_file
from annotator.formats.pdf import load_pdf
from tests.formats.helpers import make_pdf


def test_pages_joined_by_blank_line_and_metadata(tmp_path: Path) -> None:
    data = make_pdf(
        [["Ministry figures (checked)", "4.1 million tonnes in April."], ["Page two: café – 5 €"]],
        title="Grain report",
        author="Northwire desk",
        lang="en-GB",
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    draft = load_file(path)
    assert draft.text == (
        "Ministry figures (checked)\n4.1 million tonnes in April.\n\nPage two: café – 5 €"
    )
    assert draft.source_format == "pdf"
    assert draft.media_type == "application/pdf"
    assert draft.title == "Grain report"
    assert draft.byline == "Northwire desk"
    assert draft.language == "en"
    assert draft.original == data


def test_empty_pages_are_skipped() -> None:
    data = make_pdf([["One"], [], ["Three"]])
    assert load_pdf(data, "gaps.pdf").text == "One\n\nThree"


def test_pdf_without_text_layer_is_bad_input() -> None:
    data = make_pdf([["ignored"], ["ignored"]], drawing_only=True)
    with pytest.raises(BadInput, match=r"^scan\.pdf: has no text layer \(scanned PDF\?\)"):
        load_pdf(data, "scan.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj garbage garbage\n%%EOF",
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"this is not a pdf at all",
    ],
)
def test_corrupt_pdf_is_bad_input(data: bytes) -> None:
    with pytest.raises(BadInput, match=r"^broken\.pdf: "):
        load_pdf(data, "broken.pdf")


def test_truncated_pdf_is_bad_input() -> None:
    data = make_pdf([["Some text on the page."]])[:200]
    with pytest.raises(BadInput, match=r"^cut\.pdf: "):
        load_pdf(data, "cut.pdf")


def _encrypted(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf([["Confidential text."]]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_password_protected_pdf_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^locked\.pdf: is encrypted \(password-protected\)"):
        load_pdf(_encrypted("secret"), "locked.pdf")


def test_pdf_encrypted_without_user_password_opens() -> None:
    assert load_pdf(_encrypted(""), "perm.pdf").text == "Confidential text."
