"""PDF articles: the text layer, read with pypdf.

Each page's text keeps its line breaks (single ``\\n``, trailing spaces
removed); pages are separated by ``\\n\\n`` and empty pages are skipped. The
document information gives title and author (byline); the catalogue's
``/Lang`` gives the language. A PDF without a text layer (a scan) is refused,
as is one that needs a password to open.
"""

from __future__ import annotations

import io
import logging

from annotator.domain.errors import BadInput
from annotator.domain.text import normalize
from annotator.formats.draft import (
    PARAGRAPH_SEP,
    ArticleDraft,
    bad,
    clean_field,
    language_tag,
)

MEDIA_TYPE = "application/pdf"


def load_pdf(data: bytes, name: str) -> ArticleDraft:
    """An :class:`ArticleDraft` from the bytes of a PDF file."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise bad(name, "is not a PDF file (no %PDF header)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise bad(
                    name, "is encrypted with a method this installation cannot read"
                ) from None
            if not opened:
                raise bad(name, "is encrypted (password-protected); save an unprotected copy")
        pages = reader.pages
        count = len(pages)
    except BadInput:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise bad(name, f"is damaged or not a PDF file ({type(exc).__name__})") from None
    texts: list[str] = []
    for number in range(count):
        try:
            raw = pages[number].extract_text() or ""
        except Exception as exc:  # pypdf raises many kinds on a damaged page
            raise bad(name, f"page {number + 1} cannot be read ({type(exc).__name__})") from None
        page = "\n".join(line.rstrip() for line in normalize(raw).split("\n")).strip("\n")
        if page.strip():
            texts.append(page)
    if not texts:
        raise bad(name, "has no text layer (scanned PDF?); run OCR on it first")
    title, author, language = _metadata(reader)
    return ArticleDraft(
        text=normalize(PARAGRAPH_SEP.join(texts)),
        source_format="pdf",
        original=data,
        original_name=name,
        media_type=MEDIA_TYPE,
        title=title,
        byline=author,
        language=language,
    )


def _metadata(reader: object) -> tuple[str | None, str | None, str | None]:
    title = author = language = None
    try:
        info = reader.metadata  # type: ignore[attr-defined]
        if info is not None:
            title, author = clean_field(info.title), clean_field(info.author)
    except Exception:  # damaged metadata never stops an import
        pass
    try:
        lang = reader.trailer["/Root"].get("/Lang")  # type: ignore[attr-defined]
        language = language_tag(str(lang)) if lang is not None else None
    except Exception:
        pass
    return title, author, language
