"""Shared fixtures. Qt runs offscreen unless a display is given."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never read or write the real user's settings or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    monkeypatch.delenv("ANNOTATOR_NAME", raising=False)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def project(tmp_path: Path):
    from annotator.core.project import Project

    p = Project.open(tmp_path / "test.db", "alice")
    yield p
    p.close()


def make_draft(text: str, **meta):
    from annotator.formats.draft import ArticleDraft

    return ArticleDraft(
        text=text,
        source_format=meta.pop("source_format", "txt"),
        original=meta.pop("original", text.encode("utf-8")),
        original_name=meta.pop("original_name", "test.txt"),
        media_type=meta.pop("media_type", "text/plain"),
        **meta,
    )


sys.modules.setdefault("annotator_test_helpers", sys.modules[__name__])
