"""The claims board: who claims what, who denies it, on what sources and evidence."""

from __future__ import annotations

import json

import pytest

from annotator.core.board import (
    UNATTRIBUTED,
    BoardClaim,
    board_json,
    build_board,
    group_by_actor,
)
from annotator.core.project import Project
from tests.conftest import make_draft

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds. "
    "Moscow denied it, the Kremlin said. Pyongyang also rejected the claim, KCNA reported. "
    "Satellite images show trains at the border. Officials found no shells. "
    "Analysts think the trade will grow."
)


@pytest.fixture
def case(project: Project) -> dict[str, str]:
    article = project.import_draft(make_draft(TEXT, title="Shells")).article
    a = article.id

    def q(quote: str, tag: str, actor: str | None = None) -> str:
        return project.annotate_quote(a, quote, tag, actor=actor).id

    ids = {
        "article": a,
        "us_source": q("The United States says", "Source", "United States"),
        "claim": q("North Korea has supplied Russia with artillery rounds", "Claim"),
        "ru_denial": q("Moscow denied it", "Denial", "Russia"),
        "ru_source": q("the Kremlin said", "Source", "Kremlin"),
        "nk_denial": q("Pyongyang also rejected the claim", "Denial"),
        "nk_source": q("KCNA reported", "Source", "North Korea"),
        "images": q("Satellite images show trains at the border", "Evidence"),
        "no_shells": q("Officials found no shells", "Evidence"),
        "analysts": q("Analysts think the trade will grow", "Claim", "Analysts"),
        "orphan": q("trains", "Claim"),
    }
    link = project.link
    link(ids["claim"], ids["us_source"])
    link(ids["ru_denial"], ids["claim"])
    link(ids["ru_denial"], ids["ru_source"])
    link(ids["nk_denial"], ids["claim"])
    link(ids["nk_denial"], ids["nk_source"])
    link(ids["images"], ids["claim"], "supports")
    link(ids["no_shells"], ids["claim"], "contradicts")
    project.set_verdict(ids["claim"], "Mostly true", "Shipping records and images.")
    return ids


def _by_id(claims: list[BoardClaim]) -> dict[str, BoardClaim]:
    return {c.annotation_id: c for c in claims}


def test_the_us_claim_with_its_denials_sources_and_evidence(project: Project, case) -> None:
    claims = build_board(project, case["article"])
    assert [c.annotation_id for c in claims] == [case["claim"], case["orphan"], case["analysts"]]
    claim = _by_id(claims)[case["claim"]]
    assert claim.quote == "North Korea has supplied Russia with artillery rounds"
    assert claim.actor == "United States"  # from its source: the claim itself has none
    assert claim.article_title == "Shells" and claim.article_id == case["article"]
    assert (claim.verdict, claim.explanation) == ("Mostly true", "Shipping records and images.")
    assert claim.review_state == "unreviewed"
    assert [(s.quote, s.actor, s.relation) for s in claim.sources] == [
        ("The United States says", "United States", "attributed_to")
    ]
    denials = [(d.quote, d.actor, d.relation) for d in claim.denials]
    assert denials == [
        ("Moscow denied it", "Russia", "denies"),
        ("Pyongyang also rejected the claim", "North Korea", "denies"),  # from KCNA's actor
    ]
    assert [[(s.quote, s.actor) for s in d.sources] for d in claim.denials] == [
        [("the Kremlin said", "Kremlin")],
        [("KCNA reported", "North Korea")],
    ]
    assert [(e.quote, e.relation) for e in claim.evidence] == [
        ("Satellite images show trains at the border", "supports"),
        ("Officials found no shells", "contradicts"),
    ]
    orphan = _by_id(claims)[case["orphan"]]
    assert orphan.actor is None and orphan.verdict is None
    assert orphan.denials == orphan.sources == orphan.evidence == []


def test_deleted_annotations_and_links_are_left_out(project: Project, case) -> None:
    project.delete_annotation(case["ru_denial"])
    nk_link = next(r for r in project.relations_of(case["nk_denial"]) if r.type == "denies")
    project.unlink(nk_link.id)
    project.delete_annotation(case["analysts"])
    claims = _by_id(build_board(project, case["article"]))
    assert case["analysts"] not in claims
    assert claims[case["claim"]].denials == []
    project.restore_annotation(case["ru_denial"])
    (denial,) = build_board(project, case["article"])[0].denials
    assert denial.actor == "Russia"


def test_the_latest_review_decision_shows(project: Project, case) -> None:
    rows = [
        ("r1", "accepted", "2024-01-01T00:00:00.000Z"),
        ("r2", "rejected", "2024-02-01T00:00:00.000Z"),
    ]
    for rid, decision, created in rows:
        project.store.db["reviews"].insert(
            {
                "id": rid,
                "annotation_id": case["claim"],
                "reviewer": "bob",
                "decision": decision,
                "comment": "",
                "created": created,
            }
        )
    claims = _by_id(build_board(project, case["article"]))
    assert claims[case["claim"]].review_state == "rejected"
    assert claims[case["orphan"]].review_state == "unreviewed"


def test_group_by_actor_unattributed_last(project: Project, case) -> None:
    groups = group_by_actor(build_board(project, case["article"]))
    assert [name for name, _ in groups] == ["Analysts", "United States", UNATTRIBUTED]
    assert [c.annotation_id for c in groups[1][1]] == [case["claim"]]
    assert group_by_actor([]) == []


def test_renamed_tags_still_make_a_board(project: Project, case) -> None:
    from dataclasses import replace

    tags = [replace(t, name="Rejection") if t.name == "Denial" else t for t in project.tags()]
    types = [
        replace(t, from_tags=tuple("Rejection" if n == "Denial" else n for n in t.from_tags))
        for t in project.relation_types()
    ]
    project.save_tagset(tags, types, renames={"Denial": "Rejection"})
    claim = _by_id(build_board(project, case["article"]))[case["claim"]]
    assert [d.tag for d in claim.denials] == ["Rejection", "Rejection"]


def test_corpus_wide_board(project: Project, case) -> None:
    other = project.import_draft(make_draft("Nobody knows. Russia says it won.")).article
    claim = project.annotate_quote(other.id, "it won", "Claim", actor="Russia")
    claims = build_board(project)
    assert {c.article_id for c in claims} == {case["article"], other.id}
    assert len(claims) == 4
    mine = _by_id(claims)[claim.id]
    assert mine.article_title == "Nobody knows. Russia says it won."  # untitled: first line
    assert _by_id(claims)[case["claim"]].denials  # the other article's links are kept
    assert build_board(project, other.id[:8])[0].annotation_id == claim.id


def test_board_json(project: Project, case) -> None:
    data = json.loads(json.dumps(board_json(build_board(project, case["article"]))))
    first = data[0]
    assert {"id", "quote", "actor", "verdict", "denials", "sources", "evidence"} <= set(first)
    assert first["actor"] == "United States" and first["verdict"] == "Mostly true"
    assert first["explanation"] and first["review_state"] == "unreviewed"
    assert all(
        {"quote", "actor"} <= set(x) for k in ("denials", "sources", "evidence") for x in first[k]
    )
    assert [s["actor"] for d in first["denials"] for s in d["sources"]] == [
        "Kremlin",
        "North Korea",
    ]
    assert [e["relation"] for e in first["evidence"]] == ["supports", "contradicts"]
    assert data[-1]["denials"] == [] and data[-1]["verdict"] is None


def test_one_pass_per_article(project: Project, case, monkeypatch) -> None:
    calls: dict[str, int] = {}
    for name in ("annotations", "relations", "verdicts", "annotation", "relations_of", "verdict"):
        original = getattr(project, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(project, name, counted)
    build_board(project, case["article"])
    assert calls == {"annotations": 1, "relations": 1, "verdicts": 1}
