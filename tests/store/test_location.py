"""The warning for databases on network file systems or in sync folders."""

from __future__ import annotations

from annotator.store.location import storage_warning

MOUNTS = """/dev/vda / ext4 rw 0 0
server:/export /mnt/shared nfs4 rw 0 0
//nas/team /media/team\\040drive cifs rw 0 0
"""


def test_local_disk_is_fine() -> None:
    assert storage_warning("/home/ana/annotator.db", MOUNTS) is None


def test_network_file_systems_warn() -> None:
    assert "nfs4" in storage_warning("/mnt/shared/desk/annotator.db", MOUNTS)
    assert "cifs" in storage_warning("/media/team drive/a.db", MOUNTS)


def test_sync_folders_warn() -> None:
    warning = storage_warning("/home/ana/Dropbox/desk/annotator.db", MOUNTS)
    assert warning is not None and "sync folder" in warning
