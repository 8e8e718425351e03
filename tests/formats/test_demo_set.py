"""The demo annotation set that ships with the sample article, and the function that
builds it (``annotator.core.demo``)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.board import build_board, group_by_actor
from annotator.core.demo import ACTORS, LINKS, SPANS, VERDICTS, annotate_sample
from annotator.core.project import Project
from annotator.formats import w3c
from tests.formats.test_w3c import collection_problems

SAMPLES = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "samples"
DEMO = SAMPLES / "kim-putin-alliance.annotations.jsonld"
TEXT = (SAMPLES / "kim-putin-alliance.txt").read_text("utf-8")


def test_the_shipped_demo_set_matches_the_sample_text() -> None:
    data = json.loads(DEMO.read_text("utf-8"))
    items = data["first"]["items"]
    (article,) = data["annotator:articles"]
    assert collection_problems(data, {article["id"]: TEXT}) == []
    links = [i for i in items if i["motivation"] == "linking"]
    spans = [i for i in items if i["motivation"] != "linking"]
    assert len(links) == len(LINKS) and len(spans) == len(SPANS)
    assert data["total"] == len(items)
    for item in spans:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position = selectors["TextPositionSelector"]
        exact = selectors["TextQuoteSelector"]["exact"]
        assert TEXT[position["start"] : position["end"]] == exact
        assert item["creator"]["name"] == "annotator demo"
    verdicts = [b for i in spans for b in i["body"] if b["purpose"] == "assessing"]
    assert {v["value"] for v in verdicts} == {rating for _, rating, _ in VERDICTS}
    assert {b["value"] for i in links for b in i["body"] if b.get("purpose") == "tagging"} == {
        "attributed_to",
        "denies",
        "supports",
        "contradicts",
    }


def test_annotate_sample_builds_the_board(project: Project) -> None:
    article = project.import_sample().article
    ids = annotate_sample(project, article.id)
    assert len(ids) == len(SPANS)
    assert {a.name: a.aliases for a in project.actors() if a.name in dict(ACTORS)} == dict(ACTORS)
    claims = {c.annotation_id: c for c in build_board(project, article.id)}
    weapons = claims[ids["us_weapons"]]
    assert weapons.actor == "United States" and weapons.verdict == "Mostly true"
    assert [d.actor for d in weapons.denials] == ["Russia", "North Korea"]
    assert [" ".join(s.quote.split()) for s in weapons.sources] == ["The United States says"]
    for key in ("us_artillery", "us_missiles"):
        assert len(claims[ids[key]].denials) == 2
    space = claims[ids["space_help"]]
    assert sorted(e.relation for e in space.evidence) == ["contradicts", "supports"]
    groups = dict(group_by_actor(list(claims.values())))
    assert {"United States", "Kim Jong Un", "Vladimir Putin"} <= set(groups)
    assert claims[ids["kim_all_time_high"]].verdict == "Unproven"
    # the export of what it built passes our own checks
    data = w3c.collection(
        [(project.article(article.id), project.annotations(article.id))],
        label="demo",
        relations=project.relations(article.id),
        verdicts=project.verdicts(article.id),
    )
    assert collection_problems(json.loads(json.dumps(data)), {w3c.article_iri(article): TEXT}) == []


def test_annotate_sample_keeps_existing_actors(project: Project) -> None:
    project.create_actor("Russia", ("Kremlin",))
    article = project.import_sample().article
    annotate_sample(project, article.id)
    assert project.actor("Russia").aliases == ("Kremlin", "Moscow")
