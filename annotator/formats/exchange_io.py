"""Reading any annotation set file: detect its format, then hand it to its reader.

- ``.json`` / ``.jsonld``: W3C Web Annotations (``@context`` anno.jsonld or an
  Annotation / AnnotationPage / AnnotationCollection type); a Hypothesis API answer
  (``rows``, or annotations with ``uri`` and ``target`` / ``document``); Label Studio
  tasks (a list of objects with ``data`` and ``annotations``);
- ``.jsonl``: doccano;
- a folder or an ``.ann`` file: brat standoff.

The readers of other formats are imported when needed, so this module works before
they exist (the format is then "not supported yet").
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.errors import BadInput
from annotator.domain.exchange import AnnotationSet
from annotator.domain.gc_pause import paused_gc
from annotator.formats.strict_json import load_json, too_large

SUPPORTED = (
    "W3C Web Annotation (.json, .jsonld), Hypothesis (.json), Label Studio (.json), "
    "doccano (.jsonl), brat (.ann or a folder)"
)


def _reader(module: str, function: str, label: str) -> Callable[..., AnnotationSet]:
    try:
        found = importlib.import_module(f"annotator.formats.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"annotator.formats.{module}":
            raise
        raise BadInput(f"format {label} is not supported yet") from None
    reader = getattr(found, function, None)
    if reader is None:
        raise BadInput(f"format {label} is not supported yet")
    return reader


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        problem = too_large(size)
        if problem:
            raise BadInput(f"{path}: {problem}; not imported")
        if size == 0:
            raise BadInput(f"{path}: the file is empty")
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror or exc})") from None


def json_format(value: Any) -> str | None:
    """The format of parsed JSON: "w3c", "hypothesis", "labelstudio", or None."""
    from annotator.formats.w3c_import import looks_like_w3c

    if looks_like_w3c(value):
        return "w3c"
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(value, dict) and isinstance(value.get("rows"), list):
        return "hypothesis"
    if isinstance(first, dict):
        if "uri" in first and ("target" in first or "document" in first):
            return "hypothesis"
        if "data" in first and ("annotations" in first or "predictions" in first):
            return "labelstudio"
    return None


def _sniff(data: bytes) -> str:
    """ ".json" for one JSON document, ".jsonl" for JSON lines, "" for neither."""
    head = data.lstrip()[:1]
    if head not in (b"{", b"["):
        return ""
    lines = [line for line in data.splitlines() if line.strip()]
    if (
        head == b"{"
        and len(lines) > 1
        and all(line.lstrip().startswith(b"{") and line.rstrip().endswith(b"}") for line in lines)
    ):
        return ".jsonl"
    return ".json"


def read_annotation_file(path: Path) -> AnnotationSet:
    """The annotation set in ``path`` (any supported format), or BadInput / SetError."""
    with paused_gc():  # a large set is millions of objects (see domain.gc_pause)
        return _read_annotation_file(Path(path))


def _read_annotation_file(path: Path) -> AnnotationSet:
    name = path.name or str(path)
    if path.is_dir():
        return _reader("brat", "read_brat", "brat")(path)
    suffix = path.suffix.lower()
    if suffix == ".ann":
        return _reader("brat", "read_brat", "brat")(path)
    data = _read_bytes(path)
    if suffix not in (".json", ".jsonld", ".jsonl"):
        suffix = _sniff(data)  # an unfamiliar name: tell the format by the content
    if suffix == ".jsonl":
        return _reader("doccano", "read_doccano", "doccano")(data, name)
    if suffix in (".json", ".jsonld"):
        document = load_json(data, name)
        if (
            isinstance(document, dict)
            and "text" in document
            and ("entities" in document or "label" in document)
        ):
            return _reader("doccano", "read_doccano", "doccano")(data, name)  # one-line JSONL
        kind = json_format(document)
        if kind == "w3c":
            from annotator.formats.w3c_import import read_w3c

            return read_w3c(data, name, document=document)
        if kind == "hypothesis":
            return _reader("hypothesis", "read_hypothesis", "Hypothesis")(
                data, name, document=document
            )
        if kind == "labelstudio":
            return _reader("labelstudio", "read_labelstudio", "Label Studio")(
                data, name, document=document
            )
        raise BadInput(f"{name}: not an annotation set this app reads ({SUPPORTED})")
    raise BadInput(f"{name}: unknown annotation set format; supported: {SUPPORTED}")
