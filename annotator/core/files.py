"""Writing output files safely: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from annotator.domain.errors import BadInput
from annotator.formats.filemode import mode_for


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one."""
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"{target}: is a folder; give a file name")
    if not target.parent.exists():
        raise BadInput(f"{target.parent}: no such folder")
    mode = mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp's 0600 would hide the export from the desk
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
