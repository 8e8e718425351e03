"""Links between annotations and verdicts on claims: core actions, undo, events."""

from __future__ import annotations

import pytest

from annotator.core.changes import Change
from annotator.core.commands import CommandStack, Link, SetVerdict, Unlink
from annotator.core.project import Project
from annotator.domain.errors import BadInput, NotFound
from annotator.store import events
from tests.conftest import make_draft

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds, "
    "although both Russia and North Korea deny that. Satellite images show trains."
)


@pytest.fixture
def spans(project: Project) -> dict[str, str]:
    article = project.import_draft(make_draft(TEXT, title="Shells")).article
    made = {
        "source": project.annotate_quote(article.id, "The United States says", "Source"),
        "claim": project.annotate_quote(
            article.id, "North Korea has supplied Russia with artillery rounds", "Claim"
        ),
        "denial": project.annotate_quote(
            article.id, "both Russia and North Korea deny that", "Denial", actor="Russia"
        ),
        "evidence": project.annotate_quote(article.id, "Satellite images show trains", "Evidence"),
    }
    return {k: v.id for k, v in made.items()} | {"article": article.id}


def test_link_with_the_suggested_type_and_unlink_relink(project: Project, spans) -> None:
    relation = project.link(spans["denial"], spans["claim"])
    assert relation.type == "denies"
    assert relation.annotator == "alice"
    assert [r.id for r in project.relations(spans["article"])] == [relation.id]
    assert [r.id for r in project.relations_of(spans["claim"])] == [relation.id]
    project.unlink(relation.id)
    assert project.relations(spans["article"]) == []
    assert project.relation(relation.id).deleted
    again = project.relink(relation.id[:8])  # a prefix will do
    assert again.id == relation.id and again.deleted is None
    assert [r.id for r in project.relations(spans["article"])] == [relation.id]


@pytest.mark.parametrize(
    ("pair", "wanted"),
    [
        (("claim", "source"), "attributed_to"),
        (("denial", "source"), "attributed_to"),
        (("denial", "claim"), "denies"),
        (("evidence", "claim"), "supports"),
    ],
)
def test_suggested_types(project: Project, spans, pair, wanted) -> None:
    suggested = project.suggest_relation(spans[pair[0]], spans[pair[1]])
    assert suggested is not None and suggested.name == wanted
    assert project.suggest_relation(spans["source"], spans["evidence"]) is None


@pytest.mark.parametrize("name", ["attributed to", "attributed_to", "Attributed-To"])
def test_type_names_in_any_spelling(project: Project, spans, name: str) -> None:
    assert project.link(spans["claim"], spans["source"], name).type == "attributed_to"


def test_contradicts_given_explicitly(project: Project, spans) -> None:
    assert project.link(spans["evidence"], spans["claim"], "contradicts").type == "contradicts"


def test_refused_links_change_nothing(project: Project, spans) -> None:
    before = events.count(project.store.db)
    with pytest.raises(BadInput, match="not Claim → Denial"):
        project.link(spans["claim"], spans["denial"], "denies")
    with pytest.raises(BadInput, match="no relation type fits"):
        project.link(spans["source"], spans["evidence"])
    with pytest.raises(NotFound, match="unknown relation type"):
        project.link(spans["denial"], spans["claim"], "refutes")
    with pytest.raises(BadInput, match="itself"):
        project.link(spans["claim"], spans["claim"], "denies")
    with pytest.raises(NotFound):
        project.link("no-such-id", spans["claim"])
    project.link(spans["denial"], spans["claim"])
    with pytest.raises(BadInput, match="already linked"):
        project.link(spans["denial"], spans["claim"])
    assert len(project.relations(spans["article"])) == 1
    assert events.count(project.store.db) == before + 1


def test_links_stay_inside_one_article(project: Project, spans) -> None:
    other = project.import_draft(make_draft("Moscow denies it.", title="Other")).article
    denial = project.annotate_quote(other.id, "Moscow denies it", "Denial")
    with pytest.raises(BadInput, match="same article"):
        project.link(denial.id, spans["claim"])
    assert project.relations(spans["article"]) == [] and project.relations(other.id) == []


def test_deleting_an_annotation_takes_its_links_and_restoring_brings_them_back(
    project: Project, spans
) -> None:
    denies = project.link(spans["denial"], spans["claim"])
    source = project.link(spans["claim"], spans["source"])
    kept = project.link(spans["denial"], spans["source"])
    earlier = project.link(spans["evidence"], spans["claim"])
    project.unlink(earlier.id)  # removed before: must stay removed
    project.delete_annotation(spans["claim"])
    assert [r.id for r in project.relations(spans["article"])] == [kept.id]
    with pytest.raises(BadInput, match="deleted"):
        project.link(spans["evidence"], spans["claim"])
    with pytest.raises(BadInput, match="restore"):
        project.relink(denies.id)
    project.restore_annotation(spans["claim"])
    live = {r.id for r in project.relations(spans["article"])}
    assert live == {denies.id, source.id, kept.id}


def test_link_unlink_commands_undo_and_redo_with_the_same_id(project: Project, spans) -> None:
    stack = CommandStack(project)
    command = stack.push(Link(spans["denial"], spans["claim"]))
    assert isinstance(command, Link) and command.relation_id
    rid = command.relation_id
    assert command.label == "Link: denies"
    stack.undo()
    assert project.relations(spans["article"]) == []
    stack.redo()
    assert [r.id for r in project.relations(spans["article"])] == [rid]
    stack.push(Unlink(rid))
    assert project.relations(spans["article"]) == []
    stack.undo()
    assert [r.id for r in project.relations(spans["article"])] == [rid]
    actions = [e.action for e in events.history(project.store.db, "relation", rid)]
    assert actions == ["create", "delete", "restore", "delete", "restore"]


def test_verdicts_set_replace_clear(project: Project, spans) -> None:
    verdict = project.set_verdict(spans["claim"], "mostly TRUE", "  Shipping records.  ")
    assert (verdict.rating, verdict.explanation, verdict.annotator) == (
        "Mostly true",
        "Shipping records.",
        "alice",
    )
    again = project.set_verdict(spans["claim"], "False")
    assert again.created == verdict.created and again.rating == "False"
    assert project.verdicts(spans["article"])[spans["claim"]].rating == "False"
    project.clear_verdict(spans["claim"])
    assert project.verdict(spans["claim"]) is None
    assert project.verdicts(spans["article"]) == {}
    history = [e for e in project.history(spans["claim"]) if e.action == "verdict"]
    assert [(e.before and e.before["rating"], e.after and e.after["rating"]) for e in history] == [
        (None, "Mostly true"),
        ("Mostly true", "False"),
        ("False", None),
    ]


def test_verdicts_only_on_live_claims_and_known_ratings(project: Project, spans) -> None:
    with pytest.raises(BadInput, match="only claims"):
        project.set_verdict(spans["denial"], "False")
    with pytest.raises(NotFound, match="unknown rating"):
        project.set_verdict(spans["claim"], "Pants on fire")
    project.delete_annotation(spans["claim"])
    with pytest.raises(BadInput, match="deleted"):
        project.set_verdict(spans["claim"], "False")
    assert project.verdicts(spans["article"]) == {}


def test_set_verdict_command_undo_redo(project: Project, spans) -> None:
    stack = CommandStack(project)
    project.set_verdict(spans["claim"], "Half true", "first look")
    stack.push(SetVerdict(spans["claim"], "True", "checked"))
    assert project.verdict(spans["claim"]).rating == "True"
    stack.undo()
    earlier = project.verdict(spans["claim"])
    assert (earlier.rating, earlier.explanation) == ("Half true", "first look")
    stack.redo()
    assert project.verdict(spans["claim"]).rating == "True"
    stack.push(SetVerdict(spans["claim"], None))
    assert project.verdict(spans["claim"]) is None
    stack.undo()
    assert project.verdict(spans["claim"]).rating == "True"


def test_changes_are_announced(project: Project, spans) -> None:
    seen: list[Change] = []
    project.subscribe(seen.append)
    relation = project.link(spans["denial"], spans["claim"])
    project.set_verdict(spans["claim"], "True")
    assert seen == [
        Change("relations", spans["article"], (relation.id,)),
        Change("verdicts", spans["article"], (spans["claim"],)),
    ]
