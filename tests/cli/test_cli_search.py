"""``annotator search``, end to end: text and JSON output, --limit, --article, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import SAMPLE, Cli, Run, import_one, ok, one_line_error, run_cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    def call(*args: str | Path) -> Run:
        return run_cli(tmp_path, *args, db=tmp_path / "search.db")

    return call


@pytest.fixture
def sample(cli: Cli) -> tuple[str, str]:
    article = import_one(cli, SAMPLE)
    annotation = ok(
        cli(
            "annotate",
            article,
            "--tag",
            "Claim",
            "--quote",
            "artillery rounds",
            "--note",
            "Pentagon figures, per José",
        )  # fmt: skip
    ).out.strip()
    return article, annotation


def test_text_output_marks_the_matches(cli: Cli, sample: tuple[str, str]) -> None:
    run = ok(cli("search", "artillery rounds"))
    rows = [line.split("\t") for line in run.lines]
    assert {len(r) for r in rows} == {3}
    kinds = [r[1] for r in rows]
    assert "text" in kinds and "quote" in kinds
    title = rows[0][0]
    assert title.startswith("North Korea")
    quote_row = rows[kinds.index("quote")]
    assert quote_row[2] == "«artillery» «rounds»"
    text_row = rows[kinds.index("text")]
    assert "«artillery» «rounds»" in text_row[2]


def test_json_has_every_field(cli: Cli, sample: tuple[str, str]) -> None:
    article, annotation = sample
    hits = json.loads(ok(cli("search", "jose", "--json")).out)
    note = next(h for h in hits if h["kind"] == "note")
    assert set(note) == {
        "article_id",
        "article_title",
        "kind",
        "annotation_id",
        "snippet",
        "ranges",
        "text_start",
        "text_end",
        "score",
    }
    assert (note["article_id"], note["annotation_id"]) == (article, annotation)
    assert note["snippet"] == "Pentagon figures, per José"
    assert [note["snippet"][s:e] for s, e in note["ranges"]] == ["José"]
    assert note["text_start"] is None
    text = ok(cli("text", article)).out
    hits = json.loads(ok(cli("search", '"artillery rounds"', "--json")).out)
    for hit in hits:
        assert text[hit["text_start"] : hit["text_end"]] == "artillery rounds"


def test_limit_and_article(cli: Cli, sample: tuple[str, str], tmp_path: Path) -> None:
    article, _ = sample
    other = tmp_path / "other.txt"
    other.write_text("Artillery was heard near the border.\n", encoding="utf-8")
    second = import_one(cli, other)
    assert len(ok(cli("search", "artillery", "--limit", "1")).lines) == 1
    hits = json.loads(ok(cli("search", "artillery", "--article", second[:8], "--json")).out)
    assert {h["article_id"] for h in hits} == {second}
    everywhere = json.loads(ok(cli("search", "artillery", "--json")).out)
    assert {h["article_id"] for h in everywhere} == {article, second}
    assert ok(cli("search", "nonexistentword")).out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "OR"), "nothing to search for"),
        (("search", "korea NOT"), "NOT needs a word"),
        (("search", "k*"), "at least 2 letters"),
        (("search", "korea", "--limit", "0"), "limit"),
        (("search", "korea", "--article", "nope"), "no article"),
    ],
)
def test_bad_input_exit_2_one_line(
    cli: Cli,
    sample: tuple[str, str],
    args: tuple[str, ...],
    message: str,
) -> None:
    assert message in one_line_error(cli(*args))
