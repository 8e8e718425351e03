"""import-annotations, backup and annotations --orphans, end to end."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import SAMPLE, Cli, Run, import_one, ok, one_line_error, run_cli

COUNTS = ("exact", "reanchored", "orphaned", "new", "updated", "unchanged", "relations")


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    default_db = tmp_path / "test.db"

    def call(*args: str | Path, db: Path | None = default_db, **env: str | None) -> Run:
        return run_cli(tmp_path, *args, db=db, **env)

    return call


def _demo_export(cli: Cli, tmp_path: Path) -> tuple[str, Path]:
    """Annotate the sample on a source database and export it; returns its W3C file."""
    source = tmp_path / "source.db"
    article = import_one(cli, SAMPLE, db=source)
    claim = ok(
        cli(
            "annotate",
            article,
            "--tag",
            "Claim",
            "--quote",
            "new, high level of alliance",
            db=source,
        )
    ).out.strip()
    source_ann = ok(
        cli("annotate", article, "--tag", "Source", "--quote", "media reported", db=source)
    ).out.strip()
    ok(cli("link", claim, source_ann, db=source))
    ok(cli("verdict", claim, "--rating", "Mostly true", db=source))
    out = tmp_path / "set.jsonld"
    ok(cli("export", article, "--format", "w3c", "-o", out, db=source))
    return article, out


def _fields(line: str) -> tuple[str, str, dict[str, int]]:
    article, title, counts = line.split("\t")
    parsed = dict(item.split("=") for item in counts.split(" "))
    assert tuple(parsed) == COUNTS
    return article, title, {k: int(v) for k, v in parsed.items()}


def test_import_annotations_prints_counts_and_is_idempotent(cli: Cli, tmp_path: Path) -> None:
    _, path = _demo_export(cli, tmp_path)
    article = import_one(cli, SAMPLE)
    dry = ok(cli("import-annotations", path, "--dry-run"))
    assert _fields(dry.lines[0])[2]["new"] == 2
    assert json.loads(ok(cli("annotations", article, "--json")).out) == []
    run = ok(cli("import-annotations", path))
    got_article, title, counts = _fields(run.lines[0])
    assert got_article == article and title.startswith("North Korea")
    assert counts == dict(
        exact=2, reanchored=0, orphaned=0, new=2, updated=0, unchanged=0, relations=1
    )
    again = _fields(ok(cli("import-annotations", path)).lines[0])[2]
    assert (again["new"], again["unchanged"], again["relations"]) == (0, 2, 0)
    assert len(json.loads(ok(cli("relations", article, "--json")).out)) == 1


def test_orphans_are_listed(cli: Cli, tmp_path: Path) -> None:
    _, path = _demo_export(cli, tmp_path)
    text = SAMPLE.read_text(encoding="utf-8").replace("media reported", "sources told us")
    edited = tmp_path / "edited.txt"
    edited.write_text(text, encoding="utf-8")
    article = import_one(cli, edited)
    counts = _fields(ok(cli("import-annotations", path, "--article", article)).lines[0])[2]
    assert (counts["exact"] + counts["reanchored"], counts["orphaned"]) == (1, 1)
    orphans = json.loads(ok(cli("annotations", article, "--orphans", "--json")).out)
    assert [(o["exact"], o["start"], o["end"]) for o in orphans] == [("media reported", None, None)]
    placed = json.loads(ok(cli("annotations", article, "--json")).out)
    assert [p["exact"] for p in placed] == ["new, high level of alliance"]
    plain = ok(cli("annotations", article, "--orphans")).lines
    assert len(plain) == 1 and "media reported" in plain[0]


def test_bad_sets_exit_2_and_change_nothing(cli: Cli, tmp_path: Path) -> None:
    _, path = _demo_export(cli, tmp_path)
    import_one(cli, SAMPLE)
    db = tmp_path / "test.db"
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["first"]["items"][:2]:
        if "selector" in json.dumps(item):
            item["target"]["selector"][1]["start"] = "zero"
    bad = tmp_path / "bad.jsonld"
    bad.write_text(json.dumps(data), encoding="utf-8")
    unknown_tag = json.loads(path.read_text(encoding="utf-8"))
    unknown_tag["first"]["items"][0]["body"][0]["value"] = "Rumour"
    rumour = tmp_path / "rumour.jsonld"
    rumour.write_text(json.dumps(unknown_tag), encoding="utf-8")
    nan = tmp_path / "nan.json"
    nan.write_text('{"type": "Annotation", "x": NaN}', encoding="utf-8")
    before = db.read_bytes()
    for file, words in (
        (bad, ["item 1 (urn:uuid:", "start is not an integer", "item 2"]),
        (rumour, ["Rumour", "--create-tags"]),
        (nan, ["NaN"]),
        (tmp_path / "missing.jsonld", ["cannot read"]),
    ):
        line = one_line_error(cli("import-annotations", file))
        for word in words:
            assert word in line, line
        assert db.read_bytes() == before
    # with --create-tags the unknown tag is added
    counts = _fields(ok(cli("import-annotations", rumour, "--create-tags")).lines[0])[2]
    assert counts["new"] == 2


def test_no_matching_article_is_refused(cli: Cli, tmp_path: Path) -> None:
    _, path = _demo_export(cli, tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("A different story altogether.\n", encoding="utf-8")
    import_one(cli, other)
    line = one_line_error(cli("import-annotations", path))
    assert "North Korea" in line and "--article" in line


def test_backup_copies_the_database(cli: Cli, tmp_path: Path) -> None:
    _demo_export(cli, tmp_path)
    source = tmp_path / "source.db"
    copy = tmp_path / "copy.db"
    run = ok(cli("backup", copy, db=source))
    assert run.out.strip() == str(copy)
    rows = {}
    for path in (source, copy):
        conn = sqlite3.connect(path)
        rows[path] = [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("articles", "annotations", "relations", "verdicts", "events")
        ]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert rows[source] == rows[copy]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    line = one_line_error(cli("backup", source, db=source))
    assert "open database" in line
    # the copy opens as a database of its own
    assert len(json.loads(ok(cli("articles", "--json", db=copy)).out)) == 1
