"""The command line for links, actors, verdicts, the claims board, exports and the tag
set, end to end (``python -m annotator`` as a subprocess, as in ``test_cli.py``)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.demo import annotate_sample
from annotator.core.project import Project
from tests.cli.test_cli import Run, ok, one_line_error, run_cli

UUID_LEN = 36


@dataclass
class Template:
    db: Path
    article: str
    ids: dict[str, str]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """The sample article with the demo set, built once (closed cleanly), copied per test."""
    home = tmp_path_factory.mktemp("cli-claims")
    db = home / "template.db"
    project = Project.open(db, "annotator demo")
    try:
        article = project.import_sample().article
        ids = annotate_sample(project, article.id)
    finally:
        project.close()
    assert not Path(f"{db}-wal").exists()
    return Template(db, article.id, ids)


@dataclass
class Env:
    home: Path
    db: Path
    article: str
    ids: dict[str, str]

    def __call__(self, *args: str | Path, **env: str | None) -> Run:
        return run_cli(self.home, *args, db=self.db, **env)


@pytest.fixture
def env(template: Template, tmp_path: Path) -> Env:
    db = tmp_path / "test.db"
    shutil.copyfile(template.db, db)
    return Env(tmp_path, db, template.article, template.ids)


def _json(run: Run) -> object:
    return json.loads(ok(run).out)


# --- links ---------------------------------------------------------------------------


def test_link_relations_unlink(env: Env) -> None:
    ids = env.ids
    before = _json(env("relations", env.article, "--json"))
    assert isinstance(before, list) and len(before) == 21
    assert set(before[0]) >= {"id", "from", "to", "type"}
    # the suggested type, then a type given in three spellings
    made = ok(env("link", ids["kim_historic"], ids["kim_said"])).out.strip()
    assert len(made) == UUID_LEN
    for i, spelling in enumerate(["attributed to", "attributed_to", "Attributed-To"]):
        claim = ("putin_pact", "experts_claim", "analysts_claim")[i]
        source = ("said_putin", "media_reported", "afp")[i]
        ok(env("link", ids[claim], ids[source], "--type", spelling))
    rows = {r["id"]: r for r in _json(env("relations", env.article, "--json"))}
    assert len(rows) == 25
    assert rows[made] == {**rows[made], "from": ids["kim_historic"], "to": ids["kim_said"]}
    assert rows[made]["type"] == "attributed_to"
    assert ok(env("unlink", made[:10])).out == ""
    plain = ok(env("relations", env.article)).lines
    assert len(plain) == 24 and all(len(line.split("\t")) == 4 for line in plain)
    assert made not in ok(env("relations", env.article)).out


# --- actors --------------------------------------------------------------------------


def test_actors_alias_and_merge(env: Env) -> None:
    actors = {a["name"]: a for a in _json(env("actors", "--json"))}
    assert actors["United States"]["aliases"] == ["US", "Washington"]
    assert actors["United States"]["annotations"] == 5
    assert set(actors["Kim Jong Un"]) == {"id", "name", "aliases", "annotations"}
    line = next(x for x in ok(env("actors")).lines if "\tNorth Korea\t" in x)
    assert line.split("\t")[2:] == ["DPRK; Pyongyang", "1"]

    out = ok(env("actor-alias", "Russia", "Kremlin", "Russian Federation")).out
    assert out == "Russia\tMoscow; Kremlin; Russian Federation\n"
    assert ok(env("actor-merge", "russia", "Russian media")).out == "Russia\n"
    actors = {a["name"]: a for a in _json(env("actors", "--json"))}
    assert "Russian media" not in actors
    assert "Russian media" in actors["Russia"]["aliases"]
    assert actors["Russia"]["annotations"] == 2
    rows = _json(env("annotations", env.article, "--json"))
    moved = next(r for r in rows if r["id"] == env.ids["russian_media"])
    assert moved["actor"] == "Russia"


# --- verdicts ------------------------------------------------------------------------


def test_verdict_set_and_clear(env: Env) -> None:
    claim = env.ids["us_missiles"]
    out = ok(env("verdict", claim, "--rating", "half TRUE", "--explanation", "Some, not all."))
    assert out.out == "Half true\n"
    (row,) = [c for c in _json(env("board", "--format", "json")) if c["id"] == claim]
    assert (row["verdict"], row["explanation"]) == ("Half true", "Some, not all.")
    assert ok(env("verdict", claim[:12], "--clear")).out == ""
    (row,) = [c for c in _json(env("board")) if c["id"] == claim]
    assert row["verdict"] is None


# --- the board -----------------------------------------------------------------------


def test_board_formats_to_stdout_and_file(env: Env) -> None:
    board = _json(env("board", env.article))
    weapons = next(c for c in board if c["id"] == env.ids["us_weapons"])
    assert weapons["actor"] == "United States" and weapons["verdict"] == "Mostly true"
    assert [d["actor"] for d in weapons["denials"]] == ["Russia", "North Korea"]
    assert all({"quote", "actor"} <= set(s) for s in weapons["sources"])
    assert weapons["review_state"] == "unreviewed"
    space = next(c for c in board if c["id"] == env.ids["space_help"])
    assert {e["relation"] for e in space["evidence"]} == {"supports", "contradicts"}

    md = ok(env("board", env.article, "--format", "md")).out
    assert md.startswith("# Claims board: North Korea’s Kim") and "## United States" in md
    rows = list(csv.DictReader(io.StringIO(ok(env("board", "--format", "csv")).out)))
    assert len(rows) == len(board)
    out = env.home / "board.html"
    run = ok(env("board", "--format", "html", "-o", out))
    assert run.out == "" and "claims written" in run.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page


# --- exports -------------------------------------------------------------------------


def test_export_w3c_has_links_and_verdicts(env: Env) -> None:
    out = env.home / "out.jsonld"
    ok(env("export", env.article, "--format", "w3c", "-o", out))
    data = json.loads(out.read_text("utf-8"))
    items = data["first"]["items"]
    assert sum(i["motivation"] == "linking" for i in items) == 21
    assert data["total"] == len(items) == 21 + 28
    verdicts = [b for i in items for b in i["body"] if b.get("purpose") == "assessing"]
    assert {v["value"] for v in verdicts} == {"Mostly true", "Unproven"}


def test_export_claimreview_org_from_options_or_settings(env: Env) -> None:
    out = env.home / "reviews.json"
    message = one_line_error(env("export", env.article, "--format", "claimreview", "-o", out))
    assert "set your organisation in Settings or pass --org-name" in message
    assert not out.exists()
    run = ok(
        env(
            "export",
            "--all",
            "--format",
            "claimreview",
            "--org-name",
            "Desk Check",
            "--org-url",
            "https://check.example.org",
            "-o",
            out,
        )
    )
    assert "2 claim reviews" in run.stderr
    doc = json.loads(out.read_text("utf-8"))
    assert doc["@context"] == "https://schema.org"
    review = next(r for r in doc["@graph"] if r["reviewRating"]["alternateName"] == "Mostly true")
    assert review["url"] == f"https://check.example.org#claim-{env.ids['us_weapons']}"
    assert review["author"]["name"] == "Desk Check"
    assert review["itemReviewed"]["datePublished"] == "2024-06-19"
    # from the settings, with the options overriding them
    settings = env.home / "config" / "annotator" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"organisation": "From Settings"}), "utf-8")
    ok(env("export", env.article, "--format", "claimreview", "-o", out))
    doc = json.loads(out.read_text("utf-8"))
    assert {r["author"]["name"] for r in doc["@graph"]} == {"From Settings"}
    assert doc["@graph"][0]["url"].startswith("urn:uuid:")
    ok(env("export", env.article, "--format", "claimreview", "--org-name", "Other", "-o", out))
    assert json.loads(out.read_text("utf-8"))["@graph"][0]["author"]["name"] == "Other"


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("board-csv", lambda text: text.startswith("id,article_id,")),
        ("board-md", lambda text: text.startswith("# Claims board: ")),
        ("board-html", lambda text: "<h2>United States <small>" in text),
    ],
)
def test_export_board_formats(env: Env, fmt: str, check: Callable[[str], bool]) -> None:
    out = env.home / f"board.{fmt}"
    ok(env("export", env.article, "--format", fmt, "-o", out))
    assert check(out.read_text("utf-8"))


# --- the tag set ---------------------------------------------------------------------


def test_tagset_export_and_import(env: Env) -> None:
    out = env.home / "tagset.json"
    ok(env("tagset", "export", "-o", out))
    data = json.loads(out.read_text("utf-8"))
    assert [t["name"] for t in data["tags"]] == ["Claim", "Source", "Denial", "Evidence"]
    assert json.loads(ok(env("tagset", "export")).out) == data
    data["tags"][0]["colour"] = "#112233"
    out.write_text(json.dumps(data), "utf-8")
    run = ok(env("tagset", "import", out))
    assert run.out == "" and "4 tags" in run.stderr
    assert json.loads(ok(env("tagset", "export")).out)["tags"][0]["colour"] == "#112233"


# --- bad input: exit 2, one line, nothing changed -------------------------------------


def _bad_cases(home: Path, ids: dict[str, str], article: str) -> list[tuple[str, list[str], str]]:
    bad_json = home / "bad.json"
    bad_json.write_text("{not json", "utf-8")
    drops = home / "drops.json"
    drops.write_text(json.dumps({"tags": [{"name": "Claim", "colour": "#000000"}]}), "utf-8")
    invalid = home / "invalid.json"
    invalid.write_text(json.dumps({"tags": [{"name": "X", "colour": "red"}]}), "utf-8")
    return [
        ("link: unknown annotation", ["link", "nope", ids["us_weapons"]], "nope"),
        (
            "link: unknown type",
            ["link", ids["denial_russia"], ids["us_weapons"], "--type", "x"],
            "x",
        ),
        (
            "link: wrong tags for the type",
            ["link", ids["us_weapons"], ids["denial_russia"], "--type", "denies"],
            "denies",
        ),
        ("link: no type fits", ["link", ids["us_says"], ids["afp"]], "--type"),
        ("link: duplicate", ["link", ids["denial_russia"], ids["us_weapons"]], "already"),
        ("link: itself", ["link", ids["us_weapons"], ids["us_weapons"]], "itself"),
        ("unlink: unknown relation", ["unlink", "nope"], "nope"),
        ("actor-merge: unknown", ["actor-merge", "Russia", "Atlantis"], "Atlantis"),
        ("actor-merge: itself", ["actor-merge", "Russia", "Moscow"], "itself"),
        ("actor-alias: taken", ["actor-alias", "Russia", "Putin"], "Putin"),
        ("actor-alias: no alias", ["actor-alias", "Russia"], "alias"),
        ("verdict: not a claim", ["verdict", ids["us_says"], "--rating", "True"], "claims"),
        ("verdict: unknown rating", ["verdict", ids["us_weapons"], "--rating", "Meh"], "Meh"),
        ("verdict: neither", ["verdict", ids["us_weapons"]], "--rating"),
        ("verdict: both", ["verdict", ids["us_weapons"], "--rating", "True", "--clear"], "--clear"),
        ("board: unknown article", ["board", "nope"], "nope"),
        ("board: unknown format", ["board", "--format", "pdf"], "format"),
        ("export: unknown format", ["export", article, "--format", "xml", "-o", "x"], "format"),
        ("export: no org", ["export", article, "--format", "claimreview", "-o", "x"], "--org-name"),
        (
            "export: bad org url",
            ["export", article, "--format", "claimreview", "--org-name", "A", "--org-url", "x.org"]
            + ["-o", "x"],
            "http",
        ),
        ("relations: unknown article", ["relations", "nope"], "nope"),
        ("tagset import: missing file", ["tagset", "import", str(home / "none.json")], "none"),
        ("tagset import: not JSON", ["tagset", "import", str(bad_json)], "JSON"),
        ("tagset import: invalid", ["tagset", "import", str(invalid)], "colour"),
        ("tagset import: drops used tags", ["tagset", "import", str(drops)], "in use"),
        ("tagset: no subcommand action", ["tagset", "frobnicate"], "frobnicate"),
    ]


def test_bad_input_exits_2_with_one_line_and_changes_nothing(env: Env) -> None:
    before = env.db.read_bytes()
    for name, args, word in _bad_cases(env.home, env.ids, env.article):
        run = env(*args)
        message = one_line_error(run, 2)
        assert word.lower() in message.lower(), (name, message)
        assert env.db.read_bytes() == before, f"{name}: the database changed"
    assert not (env.home / "x").exists()


def test_help_lists_the_new_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in (
        "link",
        "unlink",
        "relations",
        "actors",
        "actor-merge",
        "actor-alias",
        "verdict",
        "board",
        "tagset",
    ):
        assert command in result.output
    sub = CliRunner().invoke(main, ["tagset", "--help"])
    assert "export" in sub.output and "import" in sub.output
