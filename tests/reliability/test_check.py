"""``annotator check`` and ``Project.check``: a whole database passes, a corrupted one fails."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.project import Project
from tests.cli.test_cli import run_cli


def _annotated(db: Path) -> tuple[str, str]:
    project = Project.open(db, "kim")
    try:
        article = project.import_sample().article
        made = project.annotate_quote(article.id, "alliance", "Claim")
        project.annotate_quote(article.id, "deny", "Denial")
        return article.id, made.id
    finally:
        project.close()


def test_a_whole_database_passes(tmp_path: Path) -> None:
    db = tmp_path / "ok.db"
    _annotated(db)
    project = Project.open(db, "kim")
    try:
        report = project.check()
    finally:
        project.close()
    assert report.ok and report.problems == []
    assert report.summary() == "integrity=ok foreign_keys=ok articles=1 texts_ok=1 anchors_ok=2"
    run = run_cli(tmp_path, "check", db=db)
    assert run.code == 0, run.stderr
    assert run.lines == [report.summary()]


def test_a_text_changed_behind_the_trigger_is_found(tmp_path: Path) -> None:
    db = tmp_path / "bad-text.db"
    article_id, _ = _annotated(db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DROP TRIGGER articles_text_immutable")
        conn.execute("UPDATE articles SET text = text || ' (edited)' WHERE id = ?", [article_id])
    conn.close()
    run = run_cli(tmp_path, "check", db=db)
    assert run.code == 1
    assert run.lines == [
        f"article {article_id}: its text does not match its stored SHA-256",
        "integrity=ok foreign_keys=ok articles=1 texts_ok=0 anchors_ok=2",
    ]


def test_an_annotation_whose_quote_is_not_the_text_is_found(tmp_path: Path) -> None:
    db = tmp_path / "bad-quote.db"
    _, annotation_id = _annotated(db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE annotations SET exact = 'alliancf' WHERE id = ?", [annotation_id])
    conn.close()
    project = Project.open(db, "kim")
    try:
        report = project.check()
    finally:
        project.close()
    assert not report.ok
    assert len(report.problems) == 1 and report.problems[0].startswith(
        f"annotation {annotation_id}: text["
    )
    assert report.anchors_ok == 1
    run = run_cli(tmp_path, "check", db=db)
    assert run.code == 1
    assert run.lines[-1] == "integrity=ok foreign_keys=ok articles=1 texts_ok=1 anchors_ok=1"


def test_a_dangling_foreign_key_is_found(tmp_path: Path) -> None:
    db = tmp_path / "bad-fk.db"
    _, annotation_id = _annotated(db)
    conn = sqlite3.connect(db)  # foreign keys are off on a plain connection
    with conn:
        conn.execute(
            "INSERT INTO reviews (id, annotation_id, reviewer, decision, created) "
            "VALUES ('r1', 'nowhere', 'bob', 'accepted', '2024-01-01T00:00:00Z')"
        )
    conn.close()
    run = run_cli(tmp_path, "check", db=db)
    assert run.code == 1
    assert run.lines[0] == "foreign key: reviews row 1 refers to a missing annotations"
    assert run.lines[-1].startswith("integrity=ok foreign_keys=failed ")
