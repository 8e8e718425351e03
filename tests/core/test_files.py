"""Files written under a temporary name and renamed get the permissions a plain write
would have given them, not ``mkstemp``'s owner-only 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from annotator.core.files import write_atomic
from annotator.domain.errors import BadInput


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_export_is_readable_by_the_desk(tmp_path: Path, umask_022) -> None:
    target = write_atomic(tmp_path / "set.jsonld", b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert _mode(target) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["set.jsonld"]  # no temporary left


def test_the_umask_is_honoured(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        target = write_atomic(tmp_path / "private.csv", b"a,b\n")
    finally:
        os.umask(old)
    assert _mode(target) == 0o600


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path, umask_022) -> None:
    target = tmp_path / "board.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o640


def test_a_link_in_the_way_is_replaced_with_a_plain_file(tmp_path: Path, umask_022) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "set.jsonld"
    link.symlink_to(elsewhere)
    write_atomic(link, b"{}")
    assert not link.is_symlink() and _mode(link) == 0o644
    assert elsewhere.read_bytes() == b"keep"


def test_a_folder_or_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="is a folder"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(BadInput, match="no such folder"):
        write_atomic(tmp_path / "missing" / "x.json", b"x")
