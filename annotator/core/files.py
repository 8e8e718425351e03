"""Writing output files safely: a temporary name in the same folder, then a rename."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.errors import BadInput
from annotator.formats.filemode import replace_file


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one."""
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"{target}: is a folder; give a file name")
    if not target.parent.exists():
        raise BadInput(f"{target.parent}: no such folder")
    replace_file(target, data)
    return target
