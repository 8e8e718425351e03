"""The one entry point for importing an article from a file or a URL.

Every problem is a :class:`~annotator.domain.errors.BadInput` with a one-line
message that starts with the file name (or the URL), e.g.
``report.pdf: has no text layer (scanned PDF?)``. Nothing is changed when it
is raised.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

from annotator.formats.docx import load_docx
from annotator.formats.draft import ArticleDraft, bad
from annotator.formats.fetch import fetch_url
from annotator.formats.html import load_html
from annotator.formats.pdf import load_pdf
from annotator.formats.plaintext import load_plaintext, read_sidecar, with_metadata

#: the largest file imported (bytes)
MAX_BYTES = 50 * 1024 * 1024

_Loader = Callable[[bytes, str], ArticleDraft]

_LOADERS: dict[str, _Loader] = {
    ".txt": lambda data, name: load_plaintext(data, name),
    ".text": lambda data, name: load_plaintext(data, name),
    ".md": lambda data, name: load_plaintext(data, name, markdown=True),
    ".markdown": lambda data, name: load_plaintext(data, name, markdown=True),
    ".html": load_html,
    ".htm": load_html,
    ".xhtml": lambda data, name: load_html(data, name, media_type="application/xhtml+xml"),
    ".docx": load_docx,
    ".pdf": load_pdf,
}

#: the file name endings :func:`load_file` understands
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_LOADERS)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def load_source(source: str) -> ArticleDraft:
    """Import from a URL (``http://``, ``https://``) or else from a file path."""
    source = source.strip()
    if _URL.match(source):
        return fetch_url(source)  # refuses every scheme but http(s), naming the URL
    return load_file(Path(source).expanduser())


def load_file(path: Path, *, max_bytes: int = MAX_BYTES) -> ArticleDraft:
    """Import the article in ``path``, chosen by its suffix (case-insensitive).

    A sidecar ``<stem>.json`` beside the file, if present, supplies metadata
    (see :func:`annotator.formats.plaintext.read_sidecar`); its values win over
    what the file itself says.
    """
    path = Path(path)
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise bad(name, "no such file") from None
    except PermissionError:
        raise bad(name, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise bad(name, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise bad(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise bad(name, "is not a regular file")
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        kind = f"'{path.suffix}' files" if path.suffix else "files without a suffix"
        raise bad(name, f"{kind} cannot be imported; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    if info.st_size > max_bytes:
        raise bad(name, f"is too large ({_size(info.st_size)}; the limit is {_size(max_bytes)})")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise bad(name, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise bad(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # it grew since stat()
        raise bad(name, f"is too large (more than {_size(max_bytes)})")
    if not data.strip():
        raise bad(name, "is empty" if not data else "contains no text")
    draft = loader(data, name)
    return with_metadata(draft, read_sidecar(path))


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"
