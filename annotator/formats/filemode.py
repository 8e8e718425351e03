"""Writing a file under a temporary name and renaming it into place, with the
permissions a plain write would have given it.

``tempfile.mkstemp`` makes its file readable by its owner only (0600): renamed into
place, an export shared on a desk's folder would be unreadable by colleagues. A file
written that way gets instead what a plain ``open(path, "w")`` would have given it: the
old file's permissions when it replaces one, else 0666 less the process's umask.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path

_UMASK_LOCK = threading.Lock()


def mode_for(target: Path) -> int:
    """The permission bits for a file about to be written at ``target``."""
    try:
        found = target.lstat()
    except OSError:  # none there (or unreadable): a new file's
        return 0o666 & ~_umask()
    if stat.S_ISREG(found.st_mode):
        return stat.S_IMODE(found.st_mode)
    return 0o666 & ~_umask()  # a link is replaced, not followed: its bits mean nothing


def _umask() -> int:
    with _UMASK_LOCK:  # the only way to read it is to set it: no other thread between
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def replace_file(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``target`` under a temporary name in the same folder, then rename
    it over ``target``: the file is the old one or the new one, never a part; a link at
    ``target`` is replaced, never written through. ``durable``: synced to disk before the
    rename."""
    mode = mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, mode)  # as a plain open() would have made it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
