"""The tag set in the database: export/import, edits, renames, refusals."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest

from annotator.core.project import Project
from annotator.domain.errors import BadInput
from tests.conftest import make_draft


@pytest.fixture
def claim_id(project: Project) -> str:
    article = project.import_draft(make_draft("Officials say the bridge fell.")).article
    return project.annotate_quote(article.id, "the bridge fell", "Claim").id


def _snapshot(project: Project) -> tuple:
    return (project.tags(), project.relation_types(), project.ratings())


def test_export_import_round_trip(project: Project, tmp_path) -> None:
    exported = project.tagset_json()
    assert [t["name"] for t in exported["tags"]] == ["Claim", "Source", "Denial", "Evidence"]
    assert {t["kind"] for t in exported["tags"]} == {"claim", "source", "denial", "evidence"}
    assert {r["name"] for r in exported["relations"]} == {
        "denies",
        "attributed_to",
        "supports",
        "contradicts",
    }
    assert exported["ratings"][0]["name"] == "True"
    # through a file and into another database: the same tag set
    path = tmp_path / "tagset.json"
    path.write_text(json.dumps(exported), "utf-8")
    other = Project.open(tmp_path / "other.db", "bob")
    try:
        changed = copy.deepcopy(exported)
        changed["tags"][0]["colour"] = "#123456"
        changed["tags"].append({"name": "Quote", "colour": "#999999", "key": "5"})
        changed["ratings"].append({"name": "Satire", "value": 0})
        other.import_tagset(changed)
        assert other.tag("Claim").colour == "#123456"
        assert other.tag("quote").key == "5"
        assert other.ratings()[-1].name == "Satire"
        other.import_tagset(json.loads(path.read_text("utf-8")))
        assert other.tagset_json() == exported
    finally:
        other.close()


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"tags": []},
        {"tags": [{"name": "Claim"}]},
        {
            "tags": [
                {"name": "A", "colour": "#000000", "key": "1"},
                {"name": "a", "colour": "#111111"},
            ]
        },
        {"tags": [{"name": "A", "colour": "#000000"}], "relations": [{"name": "x", "from": ["B"]}]},
        {"tags": [{"name": "A", "colour": "#000000"}], "ratings": [{"name": "True", "value": "6"}]},
    ],
)
def test_a_bad_tag_set_is_refused_and_nothing_changes(project: Project, bad) -> None:
    before = _snapshot(project)
    with pytest.raises(BadInput):
        project.import_tagset(bad)
    assert _snapshot(project) == before


def test_importing_a_set_without_a_used_tag_is_refused(project: Project, claim_id: str) -> None:
    before = _snapshot(project)
    data = project.tagset_json()
    data["tags"] = [t for t in data["tags"] if t["name"] != "Claim"]
    data["relations"] = []
    with pytest.raises(BadInput, match="still in use"):
        project.import_tagset(data)
    assert _snapshot(project) == before
    project.set_verdict(claim_id, "False")
    data = project.tagset_json()
    data["ratings"] = [r for r in data["ratings"] if r["name"] != "False"]
    with pytest.raises(BadInput, match="still in use"):
        project.import_tagset(data)
    assert _snapshot(project) == before


def test_removing_a_used_tag_is_refused(project: Project, claim_id: str) -> None:
    before = _snapshot(project)
    tags = [t for t in project.tags() if t.name != "Claim"]
    types = [t for t in project.relation_types() if "Claim" not in (*t.from_tags, *t.to_tags)]
    with pytest.raises(BadInput, match="still used"):
        project.save_tagset(tags, types)
    assert _snapshot(project) == before
    assert project.annotation(claim_id).tag == "Claim"
    # an unused one can go
    unused = [t for t in project.tags() if t.name != "Evidence"]
    kept_types = [t for t in project.relation_types() if "Evidence" not in t.from_tags]
    project.save_tagset(unused, kept_types)
    assert [t.name for t in project.tags()] == ["Claim", "Source", "Denial"]


def test_rename_carries_annotations_and_the_board_still_works(
    project: Project, claim_id: str
) -> None:
    from annotator.core.board import build_board

    tags = [replace(t, name="Assertion") if t.name == "Claim" else t for t in project.tags()]
    types = [
        replace(
            t,
            from_tags=tuple("Assertion" if n == "Claim" else n for n in t.from_tags),
            to_tags=tuple("Assertion" if n == "Claim" else n for n in t.to_tags),
        )
        for t in project.relation_types()
    ]
    project.save_tagset(tags, types, renames={"Claim": "Assertion"})
    assert project.annotation(claim_id).tag == "Assertion"
    assert project.tag("Assertion").kind == "claim"
    with pytest.raises(BadInput):
        project.tag("Claim")
    (claim,) = build_board(project)
    assert claim.annotation_id == claim_id
    project.set_verdict(claim_id, "True")  # still a claim by its kind
