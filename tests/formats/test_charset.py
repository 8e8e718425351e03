"""Decoding imported bytes: BOM, declared charset, detection, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.charset import decode_bytes


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"],
)
def test_decode_with_bom(encoding: str) -> None:
    data = "Kim’s “alliance” 👍".encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data) == "Kim’s “alliance” 👍"


def test_decode_declared_charset_then_detection() -> None:
    data = "Café déjà vu – “quoted”".encode("cp1252")
    assert decode_bytes(data, declared="windows-1252") == "Café déjà vu – “quoted”"
    # no declaration: not UTF-8, so detection has to find a single-byte charset
    assert "Caf" in decode_bytes(data)


def test_wrong_declaration_falls_back_to_utf8() -> None:
    assert decode_bytes("Ünïcode".encode(), declared="ascii") == "Ünïcode"


def test_decode_rejects_binary() -> None:
    with pytest.raises(BadInput, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BadInput, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 20)
