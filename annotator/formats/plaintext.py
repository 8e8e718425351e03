"""Plain text (``.txt``) and Markdown (``.md``) articles.

The text is what the user reads: it is decoded and normalised, never otherwise
changed (Markdown is not rendered or stripped). The title is metadata only:
for Markdown the first ``# heading``, for plain text the first non-empty line
when it is short. A sidecar ``foo.json`` beside ``foo.txt`` may supply
title/byline/outlet/url/published/language; its values win.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from pathlib import Path

from annotator.domain.text import normalize
from annotator.formats.charset import decode_bytes
from annotator.formats.draft import (
    ArticleDraft,
    clean_field,
    iso_date,
    language_tag,
    named,
    require_text,
)

log = logging.getLogger(__name__)

#: the longest first line of a .txt that is taken as its title
MAX_TITLE_CHARS = 200
#: the largest sidecar metadata file read
MAX_SIDECAR_BYTES = 1024 * 1024
SIDECAR_KEYS = ("title", "byline", "outlet", "url", "published", "language")

_ATX_H1 = re.compile(r"^ {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def load_plaintext(
    data: bytes,
    name: str,
    *,
    markdown: bool = False,
    charset: str | None = None,
    media_type: str | None = None,
) -> ArticleDraft:
    """An :class:`ArticleDraft` from the bytes of a plain-text or Markdown file."""
    with named(name):
        text = require_text(name, normalize(decode_bytes(data, charset)))
    title = markdown_title(text) if markdown else first_line_title(text)
    return ArticleDraft(
        text=text,
        source_format="md" if markdown else "txt",
        original=data,
        original_name=name,
        media_type=media_type or ("text/markdown" if markdown else "text/plain"),
        title=title,
    )


def first_line_title(text: str) -> str | None:
    """The first non-empty line, when it has at most :data:`MAX_TITLE_CHARS` characters."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


def markdown_title(text: str) -> str | None:
    """The text of the first level-1 heading (ATX ``# T`` or setext ``T`` over ``===``)."""
    in_fence = False
    previous = ""
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            previous = ""
            continue
        if in_fence:
            continue
        match = _ATX_H1.match(line)
        if match and match.group(1) and match.group(1).strip():
            return clean_field(match.group(1))
        if _SETEXT_H1.match(line) and previous.strip():
            return clean_field(previous)
        previous = line
    return None


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata from ``path.with_suffix(".json")``, if that file exists and is usable.

    The sidecar is a JSON object; only the keys in :data:`SIDECAR_KEYS` are
    used, and only string values. If it names its article with a ``"file"`` key
    that differs from ``path.name`` it is about another file and is ignored. A
    broken sidecar is ignored (and logged): it must not stop the import. A sidecar
    that is a symbolic link is not read.
    """
    sidecar = path.with_suffix(".json")
    if sidecar == path:
        return {}
    try:
        # a link is never followed: the user chose the article, not what a link beside
        # it points at (which may be anywhere)
        if sidecar.is_symlink() or not sidecar.is_file():
            return {}
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return {}
        raw = json.loads(sidecar.read_bytes())
    except (OSError, ValueError, RecursionError) as exc:  # deep nesting: RecursionError
        log.warning("ignoring the metadata file %s: %s", sidecar, exc)
        return {}
    if not isinstance(raw, dict):
        return {}
    named_file = raw.get("file")
    if isinstance(named_file, str) and named_file != path.name:
        return {}
    found: dict[str, str] = {}
    for key in SIDECAR_KEYS:
        value = clean_field(raw.get(key))
        if key == "published":
            value = iso_date(value)
        elif key == "language":
            value = language_tag(value)
        if value is not None:
            found[key] = value
    return found


def with_metadata(draft: ArticleDraft, metadata: dict[str, str]) -> ArticleDraft:
    """``draft`` with the fields in ``metadata`` (from :func:`read_sidecar`) replaced."""
    fields = {key: value for key, value in metadata.items() if key in SIDECAR_KEYS}
    return replace(draft, **fields) if fields else draft
