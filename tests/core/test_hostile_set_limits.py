"""An imported set's notes, quotes, names and times have a length limit: a 20 MB note
took the note editor seconds to show each time its annotation was selected (found by the
hostile-input corpus). The set is refused whole, naming the item; nothing is written."""

from __future__ import annotations

import json

import pytest

from annotator.core.importing_sets import MAX_NAME, MAX_NOTE
from annotator.domain.exchange import SetError
from annotator.formats.w3c_import import read_w3c
from tests.conftest import make_draft
from tests.reliability.hostile.sets import BASE_TEXT, w3c_doc, w3c_item


def _import(project, **change):
    data = json.dumps(w3c_doc([w3c_item(**change)])).encode()
    return project.import_annotations(read_w3c(data, "set.jsonld"))


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"note": "N" * (MAX_NOTE + 1)}, "note is longer than 100,000 characters"),
        ({"creator": "A" * (MAX_NAME + 1)}, "annotator is longer than 200 characters"),
        ({"created": "2024" * 100}, "created is longer than 200 characters"),
    ],
)
def test_a_set_with_an_over_long_value_is_refused_whole(project, change, said) -> None:
    article = project.import_draft(make_draft(BASE_TEXT)).article
    with pytest.raises(SetError, match=said) as caught:
        _import(project, **change)
    assert len(str(caught.value)) < 400
    assert project.annotations(article.id) == []


def test_values_at_the_limits_are_imported(project) -> None:
    article = project.import_draft(make_draft(BASE_TEXT)).article
    [report] = _import(project, note="N" * MAX_NOTE, creator="A" * MAX_NAME)
    assert report.new == 1
    [a] = project.annotations(article.id)
    assert len(a.note) == MAX_NOTE and a.annotator == "A" * MAX_NAME
