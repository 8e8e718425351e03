"""``annotator export`` in the exchange formats (brat, doccano, Label Studio, CSV, the
HTML report), with --annotator-filter and --tag, end to end as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from annotator.core.demo import annotate_sample
from annotator.core.project import Project
from annotator.formats.brat import check_brat, read_brat
from annotator.formats.doccano import read_doccano
from annotator.formats.labelstudio import read_labelstudio
from tests.cli.test_cli import Run, ok, one_line_error, run_cli

DEMO_SPANS = 28


class Env:
    def __init__(self, home: Path, db: Path, article: str, ids: dict[str, str]) -> None:
        self.home, self.db, self.article, self.ids = home, db, article, ids

    def __call__(self, *args: str | Path) -> Run:
        return run_cli(self.home, *args, db=self.db)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """The demo set by "annotator demo", plus one claim by "bob", built once."""
    db = tmp_path_factory.mktemp("cli-formats") / "template.db"
    project = Project.open(db, "annotator demo")
    try:
        article = project.import_sample().article
        ids = annotate_sample(project, article.id)
    finally:
        project.close()
    project = Project.open(db, "bob")
    try:
        ids["bob"] = project.annotate_quote(article.id, "Putin thanked Kim", "Claim").id
    finally:
        project.close()
    return db, article.id, ids


@pytest.fixture
def env(template: tuple[Path, str, dict[str, str]], tmp_path: Path) -> Env:
    db, article, ids = template
    shutil.copyfile(db, tmp_path / "test.db")
    return Env(tmp_path, tmp_path / "test.db", article, ids)


def test_brat_writes_a_folder_that_passes_the_check(env: Env) -> None:
    out = env.home / "brat"
    run = ok(env("export", env.article, "--format", "brat", "-o", out))
    assert f"{DEMO_SPANS + 1} annotations written to {out} (3 files)" in run.stderr
    assert check_brat(out) == []
    assert read_brat(out).annotation_count == DEMO_SPANS + 1
    (env.home / "file.txt").write_text("x", "utf-8")
    message = one_line_error(
        env("export", env.article, "--format", "brat", "-o", env.home / "file.txt")
    )
    assert "brat writes a folder" in message


@pytest.mark.parametrize("fmt", ["doccano", "labelstudio"])
def test_doccano_and_labelstudio_read_back(env: Env, fmt: str) -> None:
    out = env.home / f"out.{fmt}"
    ok(env("export", "--all", "--format", fmt, "-o", out))
    reader = read_doccano if fmt == "doccano" else read_labelstudio
    got = reader(out.read_bytes(), out.name)
    assert got.annotation_count == DEMO_SPANS + 1
    assert {a.annotator for a in got.articles[0].annotations} == {"annotator demo", "bob"}


def test_filters_narrow_the_export(env: Env) -> None:
    out = env.home / "bob.csv"
    ok(env("export", env.article, "--format", "csv", "--annotator-filter", "bob", "-o", out))
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [r["annotation_id"] for r in rows] == [env.ids["bob"]]
    both = ("--annotator-filter", "annotator demo", "--annotator-filter", "bob")
    ok(
        env(
            "export",
            env.article,
            "--format",
            "csv",
            "--tag",
            "denial",
            "--tag",
            "Claim",
            *both,
            "-o",
            out,
        )
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert {r["tag"] for r in rows} == {"Claim", "Denial"} and len(rows) == 13 + 1 + 2
    denial = next(r for r in rows if r["annotation_id"] == env.ids["denial_russia"])
    assert f"denies → {env.ids['us_weapons']}" in denial["links"]
    w3c = env.home / "claims.jsonld"
    ok(env("export", env.article, "--format", "w3c", "--tag", "Claim", "-o", w3c))
    items = json.loads(w3c.read_text("utf-8"))["first"]["items"]
    assert len(items) == 14 and all(i["motivation"] == "classifying" for i in items)


def test_csv_excel(env: Env) -> None:
    out = env.home / "x.csv"
    ok(env("export", env.article, "--format", "csv", "--excel", "-o", out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfarticle_id,") and b"\r\n" in raw


def test_html_report(env: Env) -> None:
    out = env.home / "report.html"
    run = ok(env("export", env.article, "--format", "html", "-o", out))
    assert f"{DEMO_SPANS + 1} annotations written" in run.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "Content-Security-Policy" in page and "Claims board" in page
    ok(env("export", env.article, "--format", "html", "--annotator-filter", "bob", "-o", out))
    page = out.read_text("utf-8")
    assert page.count('class="claim"') == 1 and "Putin thanked Kim" in page


def test_filter_errors(env: Env) -> None:
    message = one_line_error(
        env("export", env.article, "--format", "board-md", "--tag", "Claim", "-o", "x")
    )
    assert "--annotator-filter and --tag go with" in message
    message = one_line_error(
        env("export", env.article, "--format", "csv", "--tag", "Rumour", "-o", "x")
    )
    assert "Rumour" in message
    assert not (env.home / "x").exists()
