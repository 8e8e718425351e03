"""The actor registry: names, aliases, renames, merges and suggestions."""

from __future__ import annotations

import pytest

from annotator.core.project import Project
from annotator.domain.errors import BadInput, NotFound
from annotator.store import events
from tests.conftest import make_draft

TEXT = "The US says Pyongyang sent shells. Washington repeated it. North Korea denies it."


@pytest.fixture
def article_id(project: Project) -> str:
    return project.import_draft(make_draft(TEXT)).article.id


def test_create_find_by_name_or_alias_any_case(project: Project) -> None:
    us = project.create_actor("  United   States ", ("US", "Washington"))
    assert us.name == "United States" and us.aliases == ("US", "Washington")
    assert project.actor("united states").id == us.id
    assert project.actor("washington").id == us.id
    assert project.actor(us.id).name == "United States"
    with pytest.raises(NotFound):
        project.actor("Moscow")
    with pytest.raises(BadInput, match="already exists"):
        project.create_actor("Washington")
    with pytest.raises(BadInput, match="name"):
        project.create_actor("   ")
    assert [a.name for a in project.actors()] == ["United States"]


def test_annotating_with_an_alias_uses_the_actor(project: Project, article_id: str) -> None:
    us = project.create_actor("United States", ("US",))
    made = project.annotate_quote(article_id, "The US says", "Source", actor="us")
    assert made.actor == "United States"
    assert project.actor_usage() == {us.id: 1}


def test_aliases_and_rename(project: Project) -> None:
    kim = project.create_actor("Kim Jong Un")
    project.create_actor("Vladimir Putin", ("Putin",))
    updated = project.update_actor("Kim Jong Un", aliases=["Kim", "kim jong un", " Kim "])
    assert updated.aliases == ("Kim",)  # the own name and repeats are dropped
    renamed = project.update_actor(kim.id, name="Kim Jong-un", aliases=["Kim", "Kim Jong Un"])
    assert renamed.name == "Kim Jong-un" and project.actor("Kim Jong Un").id == kim.id
    with pytest.raises(BadInput, match="another actor"):
        project.update_actor(kim.id, name="Putin")
    with pytest.raises(BadInput, match="another actor"):
        project.update_actor(kim.id, aliases=["Vladimir Putin"])
    assert project.actor(kim.id).name == "Kim Jong-un"
    history = events.history(project.store.db, "actor", kim.id)
    assert [e.action for e in history] == ["create", "update", "update"]


def test_merge_moves_every_reference_and_keeps_the_names(project: Project, article_id: str) -> None:
    project.create_actor("North Korea", ("DPRK",))
    dup = project.create_actor("Pyongyang", ("Kim regime",))
    a = project.annotate_quote(article_id, "Pyongyang sent shells", "Claim", actor="Pyongyang")
    b = project.annotate_quote(article_id, "North Korea denies it", "Denial", actor="Kim regime")
    c = project.annotate_quote(article_id, "Washington repeated it", "Claim", actor="Pyongyang")
    project.delete_annotation(c.id)  # deleted annotations move too
    kept = project.merge_actors("North Korea", "pyongyang")
    assert kept.name == "North Korea"
    assert set(kept.aliases) == {"DPRK", "Pyongyang", "Kim regime"}
    assert [x.name for x in project.actors()] == ["North Korea"]
    for annotation in (a, b, c):
        assert project.annotation(annotation.id).actor == "North Korea"
    assert project.actor("Kim regime").id == kept.id
    with pytest.raises(NotFound):
        project.actor(dup.id)
    assert project.actor_usage() == {kept.id: 2}
    with pytest.raises(BadInput, match="itself"):
        project.merge_actors("North Korea", "DPRK")
    (merge,) = [
        e for e in events.history(project.store.db, "actor", kept.id) if e.action == "merge"
    ]
    assert merge.before["merged"]["name"] == "Pyongyang"
    assert merge.after["annotations_moved"] == 3


def test_suggest_actors_on_the_sample(project: Project) -> None:
    article = project.import_sample().article
    project.create_actor("United States", ("US", "Washington"))
    project.annotate_quote(article.id, "AFP reported", "Source")
    suggested = project.suggest_actors(article.id)
    assert suggested[0] == "United States"  # a known actor named in the text comes first
    for name in ("Kim", "Putin", "North Korea", "Russia", "AFP"):
        assert name in suggested, suggested
    assert "The" not in suggested and "Wednesday" not in suggested
    assert "Russian" not in suggested  # a demonym describes, it does not name


def test_suggestions_stop_at_the_limit_with_the_same_names(project: Project) -> None:
    from annotator_test_helpers import make_draft

    speakers = [f"Agency{chr(65 + i)} Office" for i in range(26)]
    text = " ".join(f"{name} said it rained. Mayor Brown agrees." for name in speakers)
    article = project.import_draft(make_draft(text, title="Many sources")).article
    for name in speakers:
        project.annotate_quote(article.id, f"{name} said", "Source")
    everything = project.suggest_actors(article.id, limit=100)
    assert everything[:26] == speakers and "Mayor Brown" in everything
    for limit in (1, 12, 26, 27):
        assert project.suggest_actors(article.id, limit=limit) == everything[:limit]
