"""Word (``.docx``) articles.

The text is the body of the document in reading order: each non-empty
paragraph is one block, each table row is one block with its cells separated
by a tab (a cell's own paragraphs joined by a space); blocks are separated by
``\\n\\n``. A line break inside a paragraph stays a single ``\\n``. Headers,
footers, footnotes and comments are not part of the article.

The core properties give title, author (byline), created date (published)
and language.

Before python-docx sees the file, the zip container is inspected with
:mod:`zipfile` and a parser that stops at the first element: too many members, too
much uncompressed data, an implausible compression ratio (zip bomb), or a DTD in any
part that is not an image (OOXML never has one; python-docx picks the parts it parses
by content type, not by name, and a DTD may follow any amount of comment) are refused.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import IO

import lxml.etree as etree

from annotator.domain.text import normalize
from annotator.formats.draft import (
    PARAGRAPH_SEP,
    ArticleDraft,
    bad,
    clean_field,
    language_tag,
    require_text,
)

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: the most uncompressed bytes all members of a .docx may hold together
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: the highest compression ratio accepted for a member bigger than RATIO_FLOOR
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
#: the most members a .docx may have
MAX_MEMBERS = 10_000
_XML_CHUNK = 64 * 1024


def load_docx(data: bytes, name: str) -> ArticleDraft:
    """An :class:`ArticleDraft` from the bytes of a ``.docx`` file."""
    check_container(data, name)
    import docx  # imported late: python-docx is slow to import and only needed here

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        props = document.core_properties
        title, author, created, lang = props.title, props.author, props.created, props.language
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise bad(name, f"cannot be read as a Word document ({type(exc).__name__})") from None
    text = require_text(name, normalize(PARAGRAPH_SEP.join(blocks)))
    return ArticleDraft(
        text=text,
        source_format="docx",
        original=data,
        original_name=name,
        media_type=MEDIA_TYPE,
        title=clean_field(title),
        byline=clean_field(author),
        published=created.date().isoformat() if created is not None else None,
        language=language_tag(lang),
    )


def check_container(data: bytes, name: str) -> None:
    """Refuse a ``.docx`` that is not a sane zip file (see module doc)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise bad(name, f"has {len(members)} parts, more than a Word document can have")
            total = 0
            for info in members:
                total += info.file_size
                if total > MAX_UNCOMPRESSED:
                    raise bad(name, "would unpack to more than 200 MB (a zip bomb?)")
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise bad(name, "is compressed implausibly well (a zip bomb?)")
            names = {info.filename for info in members}
            if "word/document.xml" not in names:
                raise bad(name, "is not a Word document (no word/document.xml inside)")
            images = _image_parts(archive)
            for info in members:
                if info.filename.lower() in images:
                    continue  # read as bytes by python-docx, never parsed as XML
                with archive.open(info) as part:
                    if _declares_dtd(part):
                        raise bad(name, "contains a DTD, which Word documents never have")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError):
        raise bad(name, "is damaged or not a Word document (not a valid zip file)") from None
    except NotImplementedError:
        raise bad(name, "uses a zip compression method that is not supported") from None
    except RuntimeError:
        raise bad(name, "is encrypted or password-protected") from None


class _Doctype(Exception):
    pass


class _Root(Exception):
    pass


class _UpToTheRoot:
    """A parser target that stops at the DOCTYPE (before its entities are read) or at
    the first element."""

    def doctype(self, *_args: object) -> None:
        raise _Doctype

    def start(self, *_args: object) -> None:
        raise _Root

    def end(self, *_args: object) -> None:
        pass

    def data(self, *_args: object) -> None:
        pass

    def close(self) -> None:
        return None


def _safe_parser(target: object | None = None) -> etree.XMLParser:
    return etree.XMLParser(
        target=target, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def _declares_dtd(part: IO[bytes]) -> bool:
    """Whether an XML part has a DOCTYPE anywhere before its root element (in whatever
    encoding XML allows); a part that is not XML has none."""
    parser = _safe_parser(_UpToTheRoot())
    try:
        while chunk := part.read(_XML_CHUNK):
            parser.feed(chunk)
        parser.close()
    except _Doctype:
        return True
    except (_Root, etree.XMLSyntaxError):
        return False
    return False


def _image_parts(archive: zipfile.ZipFile) -> set[str]:
    """The member names (lower case) whose content type is an image: python-docx keeps
    those as bytes. Every other part may be parsed as XML, whatever its name."""
    try:
        with archive.open("[Content_Types].xml") as part:
            if _declares_dtd(part):
                return set()
        root = etree.fromstring(archive.read("[Content_Types].xml"), _safe_parser())
    except (KeyError, etree.XMLSyntaxError):
        return set()
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for el in root:
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag == "Default":
            defaults[(el.get("Extension") or "").lower()] = el.get("ContentType") or ""
        elif tag == "Override":
            overrides[(el.get("PartName") or "").lower()] = el.get("ContentType") or ""
    images = set()
    for info in archive.infolist():
        member = info.filename.lower()
        kind = overrides.get(f"/{member}", defaults.get(member.rpartition(".")[2], ""))
        if kind.startswith("image/"):
            images.add(member)
    return images


def _blocks(document: object) -> list[str]:
    from docx.table import Table

    out: list[str] = []
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Table):
            out.extend(_table_rows(item))
        else:
            text = item.text
            if text.strip():
                out.append(text.strip())
    return out


def _table_rows(table: object) -> list[str]:
    rows: list[str] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # a merged cell repeats per grid column
                continue
            seen.append(cell._tc)
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text:
                cells.append(text)
        if cells:
            rows.append("\t".join(cells))
    return rows
