"""load_file / load_source: dispatch, limits and every kind of bad input."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats import importing
from annotator.formats.importing import MAX_BYTES, SUPPORTED_SUFFIXES, load_file, load_source
from tests.formats.helpers import billion_laughs, make_docx, make_pdf


def _error(path: Path, **kwargs: int) -> str:
    with pytest.raises(BadInput) as info:
        load_file(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message, "messages are one line"
    assert message.startswith(f"{path.name}: "), message
    return message


def test_max_bytes_is_50_mb() -> None:
    assert MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("a.txt", b"Title\n\nbody\n", "txt"),
        ("a.TEXT", b"Title\n\nbody\n", "txt"),
        ("a.Md", b"# Title\n\nbody\n", "md"),
        ("a.markdown", b"# Title\n\nbody\n", "md"),
        ("a.HTML", b"<html><body><h1>Title</h1><p>body</p></body></html>", "html"),
        ("a.htm", b"<html><body><p>body</p></body></html>", "html"),
        ("a.xhtml", b"<html><body><p>body</p></body></html>", "html"),
    ],
)
def test_dispatch_on_suffix_case_insensitively(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    draft = load_file(path)
    assert draft.source_format == kind
    assert "body" in draft.text
    assert draft.original == content
    assert draft.original_name == name


def test_docx_and_pdf_dispatch(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(make_docx(["Word text."]))
    (tmp_path / "a.pdf").write_bytes(make_pdf([["PDF text."]]))
    assert load_file(tmp_path / "a.docx").text == "Word text."
    assert load_file(tmp_path / "a.pdf").text == "PDF text."


def test_load_source_with_a_path(tmp_path: Path) -> None:
    path = tmp_path / "local.txt"
    path.write_text("Local\n", encoding="utf-8")
    assert load_source(f"  {path}  ").text == "Local\n"


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "gone.txt")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "is a folder" in _error(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    try:
        assert "permission denied" in _error(path)
    finally:
        path.chmod(0o600)


def test_permission_error_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert _error(path).endswith("cannot be read (permission denied)")


@pytest.mark.parametrize("name", ["notes.rtf", "image.png", "README", "archive.tar.gz", "x.doc"])
def test_unknown_type_names_the_supported_ones(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("some text", encoding="utf-8")
    message = _error(path)
    assert "cannot be imported" in message
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message


def test_size_cap_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(Path, "open", no_open)
    message = _error(path, max_bytes=1000)
    assert "too large" in message and "4.9 KB" in message and "1000 bytes" in message


def test_size_cap_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.html"
    with path.open("wb") as handle:  # sparse: no 50 MB written
        handle.truncate(MAX_BYTES + 1)
    assert "too large (50.0 MB; the limit is 50.0 MB)" in _error(path)


def test_empty_file(tmp_path: Path) -> None:
    for name in ("e.txt", "e.md", "e.html", "e.docx", "e.pdf"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert _error(path).endswith(": is empty")


@pytest.mark.parametrize("name", ["w.txt", "w.md", "w.html"])
def test_whitespace_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b" \r\n\t\n   \n")
    assert "contains no text" in _error(path)


def test_whitespace_only_after_decoding(tmp_path: Path) -> None:
    path = tmp_path / "nbsp.txt"
    path.write_bytes("\ufeff\u00a0\u2003\n".encode())
    assert "contains no text" in _error(path)


def test_html_with_only_markup(tmp_path: Path) -> None:
    path = tmp_path / "markup.html"
    path.write_bytes(
        b"<html><head><title>T</title><script>x()</script></head><body> </body></html>"
    )
    assert "no text" in _error(path)


@pytest.mark.parametrize("name", ["bin.txt", "bin.md", "bin.html"])
def test_binary_content(tmp_path: Path, name: str) -> None:
    rng = random.Random(7)
    path = tmp_path / name
    path.write_bytes(b"\x00" + bytes(rng.randrange(256) for _ in range(2000)))
    assert "binary" in _error(path)


def test_undecodable_bytes(tmp_path: Path) -> None:
    rng = random.Random(3)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    assert "decode" in _error(path)


def test_corrupt_docx_and_pdf(tmp_path: Path) -> None:
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4 garbage")
    assert "not a valid zip" in _error(tmp_path / "c.docx")
    assert "damaged" in _error(tmp_path / "c.pdf")
    (tmp_path / "fake.pdf").write_bytes(b"Just text pretending to be a PDF.")
    assert "not a PDF" in _error(tmp_path / "fake.pdf")


def test_pdf_without_text_message(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([[]], drawing_only=True))
    assert _error(path).startswith("report.pdf: has no text layer (scanned PDF?)")


def test_billion_laughs_file(tmp_path: Path) -> None:
    path = tmp_path / "lol.html"
    path.write_text(billion_laughs() + "<html><body><p>&lol9; ok</p></body></html>")
    draft = load_file(path)
    assert len(draft.text) < 100


def test_sidecar_applies_to_every_type(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(make_pdf([["Text."]], title="PDF title"))
    (tmp_path / "doc.json").write_text('{"title": "Sidecar", "outlet": "Wire"}')
    draft = load_file(tmp_path / "doc.pdf")
    assert (draft.title, draft.outlet) == ("Sidecar", "Wire")


def test_module_exports() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".docx",
        ".pdf",
    }
    assert callable(importing.load_source)
