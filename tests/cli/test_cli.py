"""The command line, end to end: the contract scripts and checks rely on.

Most tests run ``python -m annotator`` as a real subprocess (with its own user
folders under ``tmp_path``); a few use click's ``CliRunner`` in-process.
Exit status: 0 success, 2 bad input or usage (one line on stderr, no
traceback, nothing changed), 1 otherwise.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.formats.importing import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
STRESS = ROOT / "tests" / "fixtures" / "offsets-stress.txt"
SAMPLE = ROOT / "annotator" / "resources" / "samples" / "kim-putin-alliance.txt"

ARTICLE_KEYS = {"id", "title", "byline", "outlet", "url", "published", "language", "annotations"}


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: str

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def _env(home: Path, **extra: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("ANNOTATOR_NAME", "ANNOTATOR_DB", "ANNOTATOR_DEBUG"):
        env.pop(key, None)
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_cli(home: Path, *args: str | Path, db: Path | None = None, **env: str | None) -> Run:
    """``python -m annotator [--db DB] ARGS`` with user folders under ``home``."""
    argv = [sys.executable, "-m", "annotator"]
    if db is not None:
        argv += ["--db", str(db)]
    argv += [str(a) for a in args]
    done = subprocess.run(
        argv, capture_output=True, env=_env(home, **env), cwd=home, timeout=120, check=False
    )
    return Run(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


Cli = Callable[..., Run]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """``cli(*args, db=..., **env)`` runs the CLI on ``tmp_path/test.db`` by default."""
    default_db = tmp_path / "test.db"

    def call(*args: str | Path, db: Path | None = default_db, **env: str | None) -> Run:
        return run_cli(tmp_path, *args, db=db, **env)

    return call


def ok(run: Run) -> Run:
    assert run.code == 0, f"exit {run.code}: {run.stderr}"
    assert "Traceback" not in run.stderr
    return run


def one_line_error(run: Run, code: int = 2) -> str:
    assert run.code == code, f"exit {run.code} (wanted {code}); stderr: {run.stderr!r}"
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, f"wanted one line on stderr, got: {run.stderr!r}"
    assert lines[0].strip(), "the error line is empty"
    assert run.stdout == b"", run.stdout
    return lines[0]


def import_one(cli: Cli, path: Path, **kw) -> str:
    run = ok(cli("import", path, **kw))
    assert len(run.lines) == 1, run.out
    article_id, _, title = run.lines[0].partition("\t")
    assert title, run.out
    return article_id


def stored_text(cli: Cli, article: str, **kw) -> str:
    return ok(cli("text", article, **kw)).stdout.decode("utf-8")


# --- success paths -------------------------------------------------------------------


def test_import_prints_id_and_title_and_reimport_gives_same_id(cli: Cli) -> None:
    run = ok(cli("import", SAMPLE, STRESS))
    assert len(run.lines) == 2
    rows = [line.split("\t") for line in run.lines]
    assert all(len(r) == 2 for r in rows), run.lines
    (sample_id, sample_title), (stress_id, stress_title) = rows
    assert sample_title.startswith("North Korea")
    assert stress_title == "Offsets under stress"
    assert sample_id != stress_id
    # the same text again: the same ids, in the order given
    again = ok(cli("import", STRESS, SAMPLE))
    assert [line.split("\t")[0] for line in again.lines] == [stress_id, sample_id]
    assert len(json.loads(ok(cli("articles", "--json")).out)) == 2


def test_articles_plain_and_json(cli: Cli) -> None:
    sample_id = import_one(cli, SAMPLE)
    stress_id = import_one(cli, STRESS)
    ok(cli("annotate", sample_id, "--tag", "Claim", "--quote", "Kim"))
    rows = json.loads(ok(cli("articles", "--json")).out)
    assert isinstance(rows, list) and len(rows) == 2
    for row in rows:
        assert set(row) == ARTICLE_KEYS
    by_id = {r["id"]: r for r in rows}
    sample = by_id[sample_id]
    assert sample["title"].startswith("North Korea")
    assert sample["byline"] == "Taejun Kang"
    assert sample["outlet"] == "Radio Free Asia"
    assert sample["published"] == "2024-06-19"
    assert sample["language"] == "en"
    assert sample["annotations"] == 1
    assert by_id[stress_id]["annotations"] == 0
    assert by_id[stress_id]["byline"] is None

    plain = ok(cli("articles")).lines
    assert len(plain) == 2
    cells = {line.split("\t")[0]: line.split("\t") for line in plain}
    assert len(cells[sample_id]) == 8
    assert cells[sample_id][2] == "Taejun Kang"
    assert cells[sample_id][-1] == "1"
    assert cells[stress_id][-1] == "0"


def test_text_is_the_stored_normalised_text_exactly(cli: Cli) -> None:
    raw = STRESS.read_bytes()
    assert b"\r\n" in raw, "the fixture keeps its CRLF line ends"
    article = import_one(cli, STRESS)
    out = ok(cli("text", article)).stdout
    expected = unicodedata.normalize("NFC", raw.decode("utf-8").replace("\r\n", "\n"))
    assert out == expected.encode("utf-8")
    text = out.decode("utf-8")
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert "José" in text and "Jose\u0301" not in text
    # an id prefix works as well as the id
    assert ok(cli("text", article[:8])).stdout == out


def test_stress_fixture_annotate_export_roundtrip(cli: Cli, tmp_path: Path) -> None:
    article = import_one(cli, STRESS)
    text = stored_text(cli, article)

    typed = {
        "emoji": "“routine” 👍🏽",
        "arabic": "قال المتحدث إن التقرير كاذب",
        "korean": "김정은 위원장",
        "cjk": "朝鲜",
        "flag": "🇰🇵",
        "family": "👨\u200d👩\u200d👧",
        "decomposed": "Jose\u0301 Martí",  # typed decomposed; stored NFC
        "us": "U.S. claims",
        "nbsp": "Seoul — The ministry",  # plain space; the text has a no-break space
        "russian": "«Путин заявил, что поставок не было»",
    }
    expected = {
        "emoji": "“routine” 👍🏽",
        "arabic": "قال المتحدث إن التقرير كاذب",
        "korean": "김정은 위원장",
        "cjk": "朝鲜",
        "flag": "🇰🇵",
        "family": "👨\u200d👩\u200d👧",
        "decomposed": "José Martí",
        "us": "U.S. claims",
        "nbsp": "Seoul\u00a0— The ministry",
        "russian": "«Путин заявил, что поставок не было»",
    }
    extra = {
        "us": ["--actor", "United States", "--note", "Attributed to the US; check the count."],
        "russian": ["--actor", "Vladimir Putin"],
        "korean": ["--actor", "Kim Jong Un", "--note", "직함 포함"],
    }
    ids = {}
    for key, quote in typed.items():
        tag = "Source" if key == "us" else "Claim"
        run = ok(cli("annotate", article, "--tag", tag, "--quote", quote, *extra.get(key, [])))
        ids[key] = run.out.strip()
        assert len(ids[key]) == 36 and "\n" not in ids[key], run.out

    # by offsets (code points): the word "ministry"
    start = text.index("ministry")
    run = ok(cli("annotate", article, "--tag", "Evidence", "--start", start, "--end", start + 8))
    ids["offsets"] = run.out.strip()
    expected["offsets"] = "ministry"

    listed = json.loads(ok(cli("annotations", article, "--json")).out)
    assert len(listed) == len(expected)
    by_id = {a["id"]: a for a in listed}
    for key, annotation_id in ids.items():
        row = by_id[annotation_id]
        assert row["exact"] == expected[key], key
        assert text[row["start"] : row["end"]] == row["exact"], key
        # offsets are code points: the stored slice is where Python finds it
        assert row["start"] == text.index(expected[key]), key
        assert row["end"] - row["start"] == len(expected[key]), key
    assert by_id[ids["nbsp"]]["exact"] != typed["nbsp"]  # the stored slice, not the typed quote
    assert by_id[ids["us"]]["actor"] == "United States"
    assert by_id[ids["us"]]["tag"] == "Source"
    assert by_id[ids["us"]]["note"].startswith("Attributed")
    assert by_id[ids["russian"]]["actor"] == "Vladimir Putin"

    plain = ok(cli("annotations", article)).lines
    assert len(plain) == len(expected)
    assert all(line.split("\t")[0] in by_id for line in plain)

    out = tmp_path / "export.json"
    run = ok(cli("export", article, "--format", "w3c", "-o", out))
    assert run.stdout == b""
    data = json.loads(out.read_text("utf-8"))
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(expected)
    # recompute from the text as the CLI gives it
    text_again = stored_text(cli, article)
    assert text_again == text
    for item in items:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position = selectors["TextPositionSelector"]
        quote = selectors["TextQuoteSelector"]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        assert item["id"].removeprefix("urn:uuid:") in by_id
    exported = {i["id"].removeprefix("urn:uuid:"): i for i in items}
    bodies = {b["purpose"]: b for b in exported[ids["us"]]["body"]}
    assert bodies["classifying"]["value"] == "Source"
    assert bodies["commenting"]["value"].startswith("Attributed")


def test_export_all_and_occurrence(cli: Cli, tmp_path: Path) -> None:
    sample = import_one(cli, SAMPLE)
    stress = import_one(cli, STRESS)
    text = stored_text(cli, sample)
    first = text.index("Putin")
    second = text.index("Putin", first + 1)
    a = json.loads(ok(cli("annotations", sample, "--json")).out)
    assert a == []
    ok(cli("annotate", sample, "--tag", "Source", "--quote", "Putin", "--occurrence", "2"))
    ok(cli("annotate", stress, "--tag", "Claim", "--quote", "the"))
    rows = json.loads(ok(cli("annotations", sample, "--json")).out)
    assert [(r["start"], r["end"]) for r in rows] == [(second, second + 5)]

    out = tmp_path / "all.json"
    ok(cli("export", "--all", "-o", out))
    data = json.loads(out.read_text("utf-8"))
    assert data["total"] == 2
    sources = {i["target"]["source"] for i in data["first"]["items"]}
    assert sources == {f"urn:uuid:{sample}", f"urn:uuid:{stress}"}


# --- who and where -------------------------------------------------------------------


def _annotator_of(cli: Cli, article: str, **env: str | None) -> str:
    rows = json.loads(ok(cli("annotations", article, "--json", **env)).out)
    return rows[-1]["annotator"]


def test_annotator_from_option_env_settings_and_os_user(cli: Cli, tmp_path: Path) -> None:
    article = import_one(cli, STRESS)
    quote = ["--tag", "Claim", "--quote", "Moscow"]
    ok(cli("--annotator", "Zoë Option", "annotate", article, *quote))
    assert _annotator_of(cli, article) == "Zoë Option"

    ok(cli("annotate", article, *quote, ANNOTATOR_NAME="Yann Env"))
    assert _annotator_of(cli, article) == "Yann Env"

    # the option wins over the environment
    ok(cli("--annotator", "Opt Wins", "annotate", article, *quote, ANNOTATOR_NAME="Env Loses"))
    assert _annotator_of(cli, article) == "Opt Wins"

    settings = tmp_path / "config" / "annotator" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"annotator": "Carol Settings"}), "utf-8")
    ok(cli("annotate", article, *quote))
    assert _annotator_of(cli, article) == "Carol Settings"
    settings.unlink()

    ok(cli("annotate", article, *quote, LOGNAME="osuser", USER="osuser", LNAME=None, USERNAME=None))
    assert _annotator_of(cli, article) == "osuser"
    names = [r["annotator"] for r in json.loads(ok(cli("annotations", article, "--json")).out)]
    assert sorted(names) == sorted(
        ["Zoë Option", "Yann Env", "Opt Wins", "Carol Settings", "osuser"]
    )


def test_annotator_db_env_and_default_location(cli: Cli, tmp_path: Path) -> None:
    env_db = tmp_path / "elsewhere" / "env.db"
    default_db = tmp_path / "data" / "annotator" / "annotator.db"

    article = import_one(cli, STRESS, db=None, ANNOTATOR_DB=str(env_db))
    assert env_db.is_file()
    assert not default_db.exists()
    rows = json.loads(ok(cli("articles", "--json", db=None, ANNOTATOR_DB=str(env_db))).out)
    assert [r["id"] for r in rows] == [article]

    # --db wins over ANNOTATOR_DB
    explicit = tmp_path / "explicit.db"
    ok(cli("import", SAMPLE, db=explicit, ANNOTATOR_DB=str(env_db)))
    assert explicit.is_file()
    assert (
        len(json.loads(ok(cli("articles", "--json", db=None, ANNOTATOR_DB=str(env_db))).out)) == 1
    )

    # neither: annotator.db in the user data folder (XDG_DATA_HOME)
    ok(cli("import", SAMPLE, db=None))
    assert default_db.is_file()
    rows = json.loads(ok(cli("articles", "--json", db=None)).out)
    assert len(rows) == 1 and rows[0]["title"].startswith("North Korea")


# --- bad input: exit 2, one line, nothing changed -----------------------------------


@dataclass
class Prepared:
    home: Path
    db: Path
    stress: str
    sample: str
    ambiguous: str
    files: Path


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    """A database with the two articles, 17 more (so two ids share a first character),
    one annotation, and a folder of bad files; built once, copied per test."""
    home = tmp_path_factory.mktemp("cli-prepared")
    db = home / "template.db"
    files = home / "files"
    files.mkdir()
    fillers = []
    for i in range(17):
        path = files / f"filler-{i:02d}.txt"
        path.write_text(f"Filler article number {i}\n\nSome words {i}.\n", "utf-8")
        fillers.append(path)
    run = run_cli(home, "import", SAMPLE, STRESS, *fillers, db=db)
    assert run.code == 0, run.stderr
    ids = [line.split("\t")[0] for line in run.stdout.decode().splitlines()]
    sample, stress = ids[0], ids[1]
    by_first: dict[str, list[str]] = {}
    for article_id in ids:
        by_first.setdefault(article_id[0], []).append(article_id)
    shared = next(k for k, v in sorted(by_first.items()) if len(v) > 1)  # pigeonhole: 19 > 16
    assert run_cli(home, "annotate", stress, "--tag", "Claim", "--quote", "U.S.", db=db).code == 0

    (files / "empty.txt").write_bytes(b"")
    (files / "blank.md").write_bytes(b"  \r\n\t\n")
    (files / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (files / "notes.rtf").write_text("{\\rtf1 some text}", "utf-8")
    (files / "undecodable.txt").write_bytes(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe broken")
    with (files / "huge.txt").open("wb") as handle:  # sparse: nothing is written
        handle.truncate(MAX_BYTES + 1024 * 1024)
    (files / "good.txt").write_text("A good new article\n\nIt would import alone.\n", "utf-8")
    (files / "folder.txt").mkdir()
    return Prepared(home, db, stress, sample, shared, files)


def _bad_cases() -> list[tuple[str, Callable[[Prepared], list[str]], str]]:
    """(name, argv builder, a word the message must contain)."""
    return [
        ("empty file", lambda p: ["import", f"{p.files}/empty.txt"], "empty"),
        ("blank file", lambda p: ["import", f"{p.files}/blank.md"], "no text"),
        ("binary file", lambda p: ["import", f"{p.files}/binary.txt"], "binary"),
        ("unknown suffix", lambda p: ["import", f"{p.files}/notes.rtf"], "cannot be imported"),
        ("missing file", lambda p: ["import", f"{p.files}/missing.txt"], "no such file"),
        ("folder", lambda p: ["import", f"{p.files}/folder.txt"], "folder"),
        ("undecodable", lambda p: ["import", f"{p.files}/undecodable.txt"], "decode"),
        ("over size cap", lambda p: ["import", f"{p.files}/huge.txt"], "too large"),
        (
            "one bad among good ones",
            lambda p: ["import", f"{p.files}/good.txt", f"{p.files}/empty.txt"],
            "empty.txt",
        ),
        ("unsupported URL scheme", lambda p: ["import", "ftp://example.org/a.txt"], "ftp"),
        ("unknown article id", lambda p: ["text", "zzzz-no-such-id"], "no article"),
        ("unknown id in annotations", lambda p: ["annotations", "zzzz", "--json"], "no article"),
        ("ambiguous prefix", lambda p: ["text", p.ambiguous], "more than one"),
        (
            "unknown tag",
            lambda p: ["annotate", p.stress, "--tag", "Rumour", "--quote", "Moscow"],
            "unknown tag",
        ),
        (
            "quote not found",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--quote", "Pyongyang said no"],
            "not found",
        ),
        (
            "empty quote",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--quote", "  "],
            "empty",
        ),
        (
            "end beyond the text",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--start", "0", "--end", "99999"],
            "out of range",
        ),
        (
            "negative start",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--start", "-1", "--end", "4"],
            "out of range",
        ),
        (
            "empty span",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--start", "5", "--end", "5"],
            "out of range",
        ),
        (
            "occurrence 0",
            lambda p: [
                *("annotate", p.stress, "--tag", "Claim", "--quote", "the", "--occurrence", "0")
            ],
            "occurrence",
        ),
        (
            "occurrence past the last",
            lambda p: [
                *("annotate", p.stress, "--tag", "Claim", "--quote", "RIA", "--occurrence", "2")
            ],
            "occurrence",
        ),
        (
            "both --quote and --start",
            lambda p: [
                *("annotate", p.stress, "--tag", "Claim", "--quote", "RIA"),
                *("--start", "0", "--end", "3"),
            ],
            "not both",
        ),
        (
            "neither --quote nor offsets",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--start", "3"],
            "--quote",
        ),
        ("missing --tag", lambda p: ["annotate", p.stress, "--quote", "RIA"], "--tag"),
        (
            "bad --occurrence value",
            lambda p: ["annotate", p.stress, "--tag", "Claim", "--quote", "a", "--occurrence", "x"],
            "occurrence",
        ),
        (
            "export without ARTICLE or --all",
            lambda p: ["export", "--format", "w3c", "-o", f"{p.home}/out.json"],
            "--all",
        ),
        (
            "export with ARTICLE and --all",
            lambda p: ["export", p.stress, "--all", "-o", f"{p.home}/out.json"],
            "--all",
        ),
        ("export without -o", lambda p: ["export", p.stress], "output"),
        ("unknown format", lambda p: ["export", p.stress, "--format", "xml", "-o", "x"], "format"),
        (
            "export into a missing folder",
            lambda p: ["export", p.stress, "-o", f"{p.home}/no/such/dir/out.json"],
            "no such folder",
        ),
        ("unknown command", lambda p: ["frobnicate"], "frobnicate"),
        ("unknown option", lambda p: ["--colour", "articles"], "--colour"),
    ]


@pytest.mark.parametrize(
    "build, word", [c[1:] for c in _bad_cases()], ids=[c[0] for c in _bad_cases()]
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    prepared: Prepared, tmp_path: Path, build: Callable[[Prepared], list[str]], word: str
) -> None:
    db = tmp_path / "bad.db"
    shutil.copyfile(prepared.db, db)
    assert not Path(f"{prepared.db}-wal").exists(), "the template was closed cleanly"
    before = db.read_bytes()
    run = run_cli(tmp_path, *build(prepared), db=db)
    message = one_line_error(run, 2)
    assert word.lower() in message.lower(), message
    assert db.read_bytes() == before, "the database file changed"
    assert not (prepared.home / "out.json").exists()


def test_newer_schema_is_refused_and_left_untouched(cli: Cli, tmp_path: Path) -> None:
    # a database this annotator made (WAL), then "upgraded" by a newer one
    made = tmp_path / "made.db"
    article = import_one(cli, STRESS, db=made)
    with sqlite3.connect(made) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    # a database in rollback-journal mode: switching it to WAL would rewrite its header
    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    conn.close()

    for db in (made, plain):
        before = db.read_bytes()
        for args in (
            ["articles"],
            ["import", SAMPLE],
            ["text", article],
            ["annotate", article, "--tag", "Claim", "--quote", "Moscow"],
            ["export", "--all", "-o", tmp_path / "never.json"],
        ):
            message = one_line_error(cli(*args, db=db), 2)
            assert "newer" in message, message
            assert db.read_bytes() == before, f"{db.name} changed by {args[0]}"
            assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
        assert not (tmp_path / "never.json").exists()


def test_export_of_a_damaged_annotation_exits_1_and_writes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    db = tmp_path / "damaged.db"
    article = import_one(cli, STRESS, db=db)
    ok(cli("annotate", article, "--tag", "Claim", "--quote", "RIA", db=db))
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE annotations SET exact = 'something else'")
    conn.close()
    out = tmp_path / "out.json"
    out.write_text("old", "utf-8")
    message = one_line_error(cli("export", article, "-o", out, db=db), 1)
    assert "does not match" in message
    assert out.read_text("utf-8") == "old"


# --- in-process (click's CliRunner) -------------------------------------------------


def test_in_process_roundtrip(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "in.db")
    result = runner.invoke(main, ["--db", db, "import", str(STRESS)])
    assert result.exit_code == 0, result.output
    article = result.stdout.split("\t")[0]
    result = runner.invoke(
        main,
        ["--db", db, "--annotator", "ines", "annotate", article[:6], "--tag", "denial"]
        + ["--quote", "denied"],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["--db", db, "annotations", article, "--json"])
    rows = json.loads(result.stdout)
    assert [(r["tag"], r["exact"], r["annotator"]) for r in rows] == [("Denial", "denied", "ines")]
    result = runner.invoke(main, ["--db", db, "text", article])
    assert result.stdout_bytes.decode("utf-8").startswith("Offsets under stress\n\nSeoul\u00a0")


def test_in_process_usage_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "in.db")
    result = runner.invoke(main, ["--db", db, "annotate"])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "ARTICLE" in result.stderr
    result = runner.invoke(main, ["--db", db, "text", "nope"])
    assert result.exit_code == 2
    assert result.stderr.startswith("annotator: error: ") and "nope" in result.stderr


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("import", "articles", "text", "annotate", "annotations", "export"):
        assert command in result.output
