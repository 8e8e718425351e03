"""Builders for small test documents (PDF by hand, DOCX with python-docx, zips)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def make_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    lang: str | None = None,
    drawing_only: bool = False,
) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string, one page per list."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        if drawing_only:
            stream = b"0 0 m 200 200 l S 10 10 100 50 re f"
        else:
            ops = [b"BT /F1 12 Tf 14 TL 72 720 Td"]
            for i, line in enumerate(lines):
                ops.append((b"T* " if i else b"") + _pdf_string(line) + b" Tj")
            ops.append(b"ET")
            stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, font, content)
            )
        )
    lang_entry = b" /Lang " + _pdf_string(lang) if lang else b""
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_obj, lang_entry)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info_parts = []
    if title:
        info_parts.append(b"/Title " + _pdf_string(title))
    if author:
        info_parts.append(b"/Author " + _pdf_string(author))
    info = add(b"<< " + b" ".join(info_parts) + b" >>")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


def make_docx(
    paragraphs: list[str],
    *,
    table: list[list[str]] | None = None,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    language: str | None = None,
) -> bytes:
    """A .docx made with python-docx: a heading, paragraphs, then an optional table."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    props.language = language or ""
    if created is not None:
        props.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_in_zip(data: bytes, member: str, content: bytes) -> bytes:
    """``data`` (a zip) with ``member`` replaced by ``content``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = content if info.filename == member else src.read(info.filename)
            dst.writestr(info.filename, body)
    return buffer.getvalue()


def billion_laughs(root: str = "html", depth: int = 10) -> str:
    """The classic entity bomb: ``&lol9;`` expands to 10**9 "lol"s."""
    decls = ['<!ENTITY lol0 "lol">']
    for level in range(1, depth):
        decls.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">')
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n' + "\n".join(decls) + "\n]>\n"
