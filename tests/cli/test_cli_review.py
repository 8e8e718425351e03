"""The reviewing and curation commands, end to end: review, suggest, resolve, reviews, queue,
history, curate, compare and agreement (bad input: exit 2, one line, nothing changed)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.core.demo import colleague_sets
from annotator.core.project import Project
from annotator.formats import w3c
from annotator.formats.w3c_import import read_w3c
from tests.cli.test_cli import Run, ok, one_line_error, run_cli

UUID_LEN = 36


@dataclass
class Env:
    home: Path
    db: Path
    article: str

    def __call__(self, *args: str | Path, who: str = "Min-jun") -> Run:
        return run_cli(self.home, "--annotator", who, *args, db=self.db)

    def json(self, *args: str | Path, who: str = "Min-jun") -> object:
        return json.loads(ok(self(*args, "--json", who=who)).out)

    def dump(self) -> str:
        conn = sqlite3.connect(self.db)
        try:
            return "\n".join(conn.iterdump())
        finally:
            conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample article with Dana's and Min-jun's sets imported (built once)."""
    home = tmp_path_factory.mktemp("cli-review")
    dana = Project.open(home / "dana.db", "Dana")
    min_jun = Project.open(home / "min.db", "Min-jun")
    lead = Project.open(home / "template.db", "lead")
    try:
        colleague_sets(
            dana, min_jun, dana.import_sample().article.id, min_jun.import_sample().article.id
        )
        article = lead.import_sample().article.id
        for project in (dana, min_jun):
            doc = json.dumps(w3c.from_export(project.export_data())).encode()
            lead.import_annotations(read_w3c(doc, "set.jsonld"))
    finally:
        for project in (dana, min_jun, lead):
            project.close()
    return home / "template.db", article


@pytest.fixture
def env(template: tuple[Path, str], tmp_path: Path) -> Env:
    db = tmp_path / "test.db"
    shutil.copyfile(template[0], db)
    return Env(tmp_path, db, template[1])


def test_review_queue_reviews_history(env: Env) -> None:
    queue = env.json("queue", env.article)
    assert len(queue) == 28 and {q["annotator"] for q in queue} == {"Dana"}
    assert [q["start"] for q in queue] == sorted(q["start"] for q in queue)
    first, second = queue[0]["id"], queue[1]["id"]
    accepted = ok(env("review", first[:8], "--accept")).out.strip()
    assert len(accepted) == UUID_LEN
    rejected = ok(env("review", second, "--reject", "--comment", "Not a source.")).out.strip()
    answer = ok(
        env("review", second, "--comment", "It is one.", "--reply-to", rejected[:8], who="Dana")
    ).out.strip()
    rows = env.json("reviews", env.article)
    assert [r["id"] for r in rows] == [accepted, rejected, answer]
    assert {"id", "annotation", "reviewer", "decision", "comment", "created", "reply_to"} <= set(
        rows[0]
    )
    assert [(r["reviewer"], r["decision"], r["comment"], r["reply_to"]) for r in rows] == [
        ("Min-jun", "accepted", "", None),
        ("Min-jun", "rejected", "Not a source.", None),
        ("Dana", "commented", "It is one.", rejected),
    ]
    plain = ok(env("reviews")).lines
    assert [line.split("\t")[3] for line in plain] == ["accepted", "rejected", "commented"]
    assert plain[2].split("\t")[6] == rejected
    assert len(env.json("queue")) == 26  # the two decided ones are gone from Min-jun's queue
    assert len(env.json("queue", who="Dana")) == 28  # Dana's queue: Min-jun's annotations
    history = ok(env("history", second)).lines
    assert [line.split("\t")[1:] for line in history][-2:] == [
        ["Min-jun", "rejected: Not a source."],
        ["Dana", "replied: It is one."],
    ]
    assert env.json("history", second)[0]["what"].startswith("created as ")


def test_suggest_and_resolve(env: Env) -> None:
    claim = next(a for a in env.json("queue", env.article) if a["tag"] == "Claim")
    suggestion = ok(env("suggest", claim["id"], "--tag", "Evidence", "--comment", "?")).out.strip()
    one_line_error(env("resolve", suggestion, "--accept"))  # Min-jun is not the author
    assert ok(env("resolve", suggestion, "--accept", who="Dana")).out.strip() == "accepted"
    annotations = env.json("annotations", env.article)
    assert next(a for a in annotations if a["id"] == claim["id"])["tag"] == "Evidence"
    history = [h["what"] for h in env.json("history", claim["id"])]
    assert history[-3:] == [
        "suggested tag Evidence: ?",
        "tag Claim → Evidence",
        "accepted the suggestion (tag Evidence)",
    ]


def test_curate_and_export_the_agreed_set(env: Env) -> None:
    queue = env.json("queue", env.article)
    for item in queue[:3]:
        ok(env("review", item["id"], "--accept"))
    assert ok(env("curate", env.article[:8])).out.strip() == "added=3 kept=0 links=1"
    assert ok(env("curate", env.article)).out.strip() == "added=0 kept=3 links=0"
    out = env.home / "gold.jsonld"
    ok(env("export", env.article, "-o", out, "--annotator-filter", "gold"))
    items = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    assert len(items) == 4 and {i["creator"]["name"] for i in items} == {"gold"}


def test_agreement_and_compare(env: Env) -> None:
    data = env.json("agreement", "--a", "Dana", "--b", "Min-jun", "--article", env.article)
    assert {"exact_f1", "overlap_f1", "per_tag", "alpha"} <= set(data)
    for figures in data["per_tag"].values():
        assert set(figures) == {"exact_f1", "overlap_f1", "kappa"}
    counts = data["counts"]
    assert data["exact_f1"] == pytest.approx(
        2 * counts["exact_matches"] / (counts["a"] + counts["b"])
    )
    assert data["per_tag"]["Denial"] == {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0}
    assert 0 < data["alpha"] < 1
    corpus = env.json("agreement", "--a", "Dana", "--b", "Min-jun")
    assert corpus["exact_f1"] == data["exact_f1"]
    plain = ok(env("agreement", "--a", "Dana", "--b", "Min-jun")).lines
    assert plain[0].startswith("all\texact_f1=0.8571\toverlap_f1=0.9286\talpha=")
    rows = env.json("compare", env.article, "--a", "Dana", "--b", "Min-jun")
    kinds = [r["kind"] for r in rows]
    assert (kinds.count("only_a"), kinds.count("only_b"), kinds.count("other_tag")) == (1, 1, 1)
    assert kinds.count("other_bounds") == 2


@pytest.mark.parametrize(
    "args",
    [
        ("review", "{first}", "--reject"),  # a rejection needs a reason
        ("review", "{first}", "--accept", "--reject"),
        (
            "review",
            "{first}",
        ),
        ("review", "nope", "--accept"),
        ("review", "{first}", "--comment", "x", "--reply-to", "nope"),
        ("suggest", "{first}"),
        ("suggest", "{first}", "--start", "0", "--end", "999999"),
        ("suggest", "{first}", "--tag", "Nope"),
        ("resolve", "nope", "--accept"),
        ("curate", "nope"),
        ("agreement", "--a", "Dana", "--b", "Nobody"),
        ("agreement", "--a", "Dana"),
        ("history", "nope"),
        ("queue", "nope"),
        ("reviews", "nope"),
    ],
)
def test_bad_input_exit_2_one_line_nothing_changed(env: Env, args: tuple[str, ...]) -> None:
    first = env.json("queue", env.article)[0]["id"]
    before = env.dump()
    one_line_error(env(*(a.format(first=first) for a in args)))
    assert env.dump() == before
