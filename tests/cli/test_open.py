"""`annotator open`: files are read first (bad input exits 2), then the GUI gets them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main


def test_open_reads_files_then_starts_the_gui(tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(
        "annotator.app.run", lambda db, annotator, **kw: calls.append((db, annotator, kw)) or 0
    )
    article = tmp_path / "a.txt"
    article.write_text("A claim in an article.", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "x.db"), "--annotator", "ann", "open", str(article)]
    )
    assert result.exit_code == 0, result.output
    [(db, annotator, kw)] = calls
    assert (db, annotator) == (tmp_path / "x.db", "ann")
    assert [d.text for d in kw["drafts"]] == ["A claim in an article."]
    assert kw["ask_name"] is False  # the name was given


def test_open_with_a_bad_file_exits_2_without_a_window(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("annotator.app.run", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "open", str(empty)])
    assert result.exit_code == 2
    assert "empty.txt" in result.output
    assert not (tmp_path / "x.db").exists()


def test_no_command_asks_the_name_when_none_is_known(tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr("annotator.app.run", lambda db, annotator, **kw: calls.append(kw) or 0)
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert calls[0]["ask_name"] is True and calls[0]["drafts"] == []
