"""The permissions of a file written under a temporary name and renamed into place.

``tempfile.mkstemp`` makes its file readable by its owner only (0600): renamed into
place, an export shared on a desk's folder would be unreadable by colleagues. A file
written that way gets instead what a plain ``open(path, "w")`` would have given it: the
old file's permissions when it replaces one, else 0666 less the process's umask.
"""

from __future__ import annotations

import os
import stat
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
