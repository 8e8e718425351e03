"""Helpers shared by the stand-off exchange formats (brat, doccano, Label Studio, Hypothesis).

- :class:`NormalizedText`: a file's text as the file has it (``raw``), the same
  text after :func:`annotator.domain.text.normalize` (``text``, what would be
  stored), and the map from the file's code-point offsets to offsets in
  ``text``. A byte-order mark, ``\\r\\n`` or ``\\r`` counted by the file's
  offsets, and decomposed accents that NFC composes, are all mapped, so an
  annotation written against the raw text lands on the same characters.
- :func:`file_name`: a safe, de-duplicated file name from an article's title.
"""

from __future__ import annotations

import re
import unicodedata

from annotator.domain.model import Annotation, Article
from annotator.domain.text import normalize
from annotator.formats.w3c import ExportError


class NormalizedText:
    """The text of a file, normalised the way an import stores it, with an offset map."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = normalize(raw)
        self._map: list[int] | None = None

    @property
    def identical(self) -> bool:
        return self.text == self.raw

    def to_stored(self, offset: int) -> int:
        """The offset in :attr:`text` of code-point offset ``offset`` of :attr:`raw`."""
        if not 0 <= offset <= len(self.raw):
            raise ValueError(f"offset {offset} outside 0..{len(self.raw)}")
        if self.identical:
            return offset
        if self._map is None:
            self._map = _build_map(self.raw)
        return self._map[offset]


def _build_map(raw: str) -> list[int]:
    """For each offset 0..len(raw) of ``raw``, the offset in ``normalize(raw)``."""
    # step 1: byte-order mark and line ends
    step1: list[int] = []
    out = 0
    chars: list[str] = []
    i = 0
    if raw.startswith("\ufeff"):
        step1.append(0)
        i = 1
    while i < len(raw):
        ch = raw[i]
        step1.append(out)
        if ch == "\r":
            if i + 1 < len(raw) and raw[i + 1] == "\n":
                step1.append(out)
                i += 1
            chars.append("\n")
        else:
            chars.append(ch)
        out += 1
        i += 1
    step1.append(out)
    flat = "".join(chars)
    # step 2: NFC, paragraph by paragraph (a line feed never composes with anything)
    step2: list[int] = []
    done = 0
    for paragraph in flat.split("\n"):
        if unicodedata.is_normalized("NFC", paragraph):
            step2.extend(done + k for k in range(len(paragraph)))
            done += len(paragraph)
        else:
            step2.extend(
                done + len(unicodedata.normalize("NFC", paragraph[:k]))
                for k in range(len(paragraph))
            )
            done += len(unicodedata.normalize("NFC", paragraph))
        step2.append(done)  # the line feed (or the end)
        done += 1
    return [step2[k] for k in step1]


# --- small checks ----------------------------------------------------------------


def decode_utf8(data: bytes) -> str:
    """UTF-8 (a leading byte-order mark is dropped); raises ValueError naming the byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- names ---------------------------------------------------------------------------

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    "conin$",
    "conout$",
    *(f"com{i}" for i in (*range(10), "¹", "²", "³")),
    *(f"lpt{i}" for i in (*range(10), "¹", "²", "³")),
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u2028\u2029\u202a-\u202e\u2066-\u2069]+')
#: the most UTF-8 bytes of a name made by :func:`file_name` (file systems allow 255,
#: and a suffix and a counter come after it)
MAX_NAME_BYTES = 200


def reserved_name(name: str) -> bool:
    """Whether Windows takes a file called ``name`` for a device (``CON``, ``nul.txt``,
    ``AUX .txt``, ``COM1.tar.gz``), whatever the extension and trailing spaces or dots."""
    return name.split(".")[0].rstrip(" ").casefold() in _RESERVED


def file_name(title: str, taken: set[str], max_length: int = 80) -> str:
    """A file name (no extension) from ``title``: no path separators, ``..``, control
    or bidirectional-override characters or reserved device names, at most ``max_length``
    characters and :data:`MAX_NAME_BYTES` UTF-8 bytes, and not in ``taken`` (compared
    case-insensitively; the result is added to it)."""
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE.sub(" ", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = " ".join(name.split()).strip(" .")
    name = _shorter(name, max_length) or "article"
    if reserved_name(name):
        name = "_" + name
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f"-{n}"
        candidate = _shorter(name, max_length - len(suffix), MAX_NAME_BYTES - len(suffix)) + suffix
    taken.add(candidate.casefold())
    return candidate


def _shorter(name: str, length: int, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` cut to ``length`` characters and ``max_bytes`` UTF-8 bytes, without a
    trailing space or dot."""
    name = name[:length]
    while len(name.encode("utf-8")) > max_bytes:
        name = name[:-1]
    return name.rstrip(" .")


def placed(article: Article, annotations: list[Annotation]) -> list[Annotation]:
    """The live annotations with a place in the text, in text order (orphans left out)."""
    out = []
    for a in annotations:
        if a.deleted or a.start < 0:
            continue
        if article.text[a.start : a.end] != a.exact:
            raise ExportError(
                f"annotation {a.id} does not match the text at {a.start}..{a.end}; "
                "nothing was written"
            )
        out.append(a)
    return sorted(out, key=lambda a: (a.start, -a.end, a.id))
