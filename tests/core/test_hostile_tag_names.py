"""Tag names from outside (an imported set with --create-tags, a tag set file) are one
line of at most 100 characters: a 5 MB or multi-line name made a palette button the GUI
could not lay out, and the refusal message repeated the whole name (found by the
hostile-input corpus)."""

from __future__ import annotations

import json

import pytest

from annotator.domain.errors import BadInput
from annotator.domain.tagset import MAX_TAG_NAME, parse_tagset, tag_name_problem
from annotator.formats.w3c_import import read_w3c
from tests.conftest import make_draft
from tests.reliability.hostile.sets import BASE_TEXT, w3c_doc, w3c_item


def _set(tag: str) -> bytes:
    return json.dumps(w3c_doc([w3c_item(tag=tag)])).encode()


@pytest.mark.parametrize("tag", ["T" * 5_000_000, "Cl\x00aim", "Claim\nEvil", "a\u2028b"])
def test_an_imported_set_with_a_bad_new_tag_name_is_refused_whole(project, tag) -> None:
    project.import_draft(make_draft(BASE_TEXT))
    tags = [t.name for t in project.tags()]
    with pytest.raises(BadInput, match="tag names that cannot be tags") as caught:
        project.import_annotations(read_w3c(_set(tag), "set.jsonld"), create_tags=True)
    assert len(str(caught.value)) < 300
    assert [t.name for t in project.tags()] == tags
    assert project.annotations(project.articles()[0].id) == []


def test_an_imported_set_with_a_long_unknown_tag_names_it_briefly(project) -> None:
    project.import_draft(make_draft(BASE_TEXT))
    with pytest.raises(BadInput) as caught:
        project.import_annotations(read_w3c(_set("T" * 5_000_000), "set.jsonld"))
    assert len(str(caught.value)) < 300


def test_a_tag_name_of_the_longest_length_is_a_tag(project) -> None:
    project.import_draft(make_draft(BASE_TEXT))
    name = "N" * MAX_TAG_NAME
    [report] = project.import_annotations(read_w3c(_set(name), "set.jsonld"), create_tags=True)
    assert report.new == 1
    assert name in [t.name for t in project.tags()]


def test_a_tag_set_file_with_a_bad_name_is_refused() -> None:
    good = {"name": "Claim", "colour": "#112233"}
    assert parse_tagset({"tags": [good]})[0].name == "Claim"
    for name in ("x" * (MAX_TAG_NAME + 1), "two\nlines", "tab\there"):
        with pytest.raises(BadInput, match="tag name"):
            parse_tagset({"tags": [{"name": name, "colour": "#112233"}]})
    assert tag_name_problem("Evidence (primary source)") is None
