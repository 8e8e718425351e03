"""Where the database lives: a network file system or a sync folder is risky for SQLite
(locks that do not hold, half-synced files), so the app warns about it."""

from __future__ import annotations

from pathlib import Path

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smbfs",
    "smb3",
    "fuse.sshfs",
    "9p",
    "afs",
    "fuse.rclone",
    "fuse.gcsfuse",
    "davfs",
    "fuse.davfs2",
}
SYNC_FOLDERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud",
    "nextcloud",
    "owncloud",
    "syncthing",
    "box sync",
    "mega",
)


def _mount_type(path: Path, mounts: str) -> str | None:
    best, kind = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (str(path) == point or str(path).startswith(point.rstrip("/") + "/")) and len(
            point
        ) > len(best):
            best, kind = point, parts[2]
    return kind


def storage_warning(path: str | Path, mounts: str | None = None) -> str | None:
    """A one-line warning when ``path`` is on a network file system or in a sync folder."""
    target = Path(path).expanduser().resolve()
    lowered = str(target).casefold()
    for name in SYNC_FOLDERS:
        if f"/{name}" in lowered or f"\\{name}" in lowered:
            return (
                f"The database is in a sync folder ({name}): syncing a live SQLite file can "
                "corrupt it. Keep it on a local disk and use File → Back up to share copies."
            )
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text()
        except OSError:
            return None
    kind = _mount_type(target, mounts)
    if kind in NETWORK_FS:
        return (
            f"The database is on a network file system ({kind}): SQLite's locks may not "
            "hold there. Keep it on a local disk."
        )
    return None
