"""doccano JSONL: export, round trip, the documented forms, and strict reading."""

from __future__ import annotations

import json

import pytest

from annotator.core.project import Project
from annotator.domain.exchange import SetError
from annotator.formats.doccano import read_doccano, to_doccano
from tests.conftest import FIXTURES
from tests.formats.exchange_helpers import Builder, assert_round_trip, by_quote, demo_export

# doccano's documented export of sequence labelling with relations
DOCUMENTED = (
    '{"id": 6400, "text": "Google was founded on September 4, 1998, by Larry Page.", '
    '"Comments": [], "entities": ['
    '{"id": 1662, "label": "ORG", "start_offset": 0, "end_offset": 6}, '
    '{"id": 1663, "label": "DATE", "start_offset": 22, "end_offset": 39}, '
    '{"id": 1664, "label": "PERSON", "start_offset": 44, "end_offset": 54}], '
    '"relations": [{"id": 273, "from_id": 1662, "to_id": 1663, "type": "founded_on"}, '
    '{"id": 274, "from_id": 1662, "to_id": 1664, "type": "founded_by"}]}\n'
)
OLDER = '{"text": "東京都渋谷区渋谷 2丁目", "label": [[0, 3, "LOC"], [3, 6, "LOC"]]}\n'


def test_demo_set_round_trip(project: Project) -> None:
    data, ids = demo_export(project)
    text = to_doccano(data)
    assert text.count("\n") == 1 and text.endswith("\n")
    line = json.loads(text)
    assert line["text"] == data.articles[0].article.text
    assert {"id", "text", "entities", "relations", "Comments", "meta"} <= set(line)
    entity = line["entities"][0]
    assert set(entity) == {"id", "label", "start_offset", "end_offset"}
    back = read_doccano(text.encode("utf-8"), "demo.jsonl")
    assert back.source_format == "doccano"
    assert_round_trip(data, back, ids=True, annotators=True)
    ref = back.articles[0].ref
    article = data.articles[0].article
    assert (ref.sha256, ref.title, ref.url) == (article.sha256, article.title, article.url)
    weapons = next(a for a in back.articles[0].annotations if a.id == ids["us_weapons"])
    assert weapons.verdict == "Mostly true" and weapons.verdict_annotator == "alice"
    assert {r.id for r in back.articles[0].relations} == {r.id for r in data.articles[0].relations}


def test_documented_example_reads() -> None:
    (article,) = read_doccano(DOCUMENTED.encode("utf-8"), "doc.jsonl").articles
    got = {a.tag: a for a in article.annotations}
    assert got["ORG"].exact == "Google" and got["ORG"].key == "1662"
    assert got["DATE"].exact == "September 4, 1998"
    assert got["PERSON"].exact == "Larry Page"
    assert [(r.from_key, r.to_key, r.type) for r in article.relations] == [
        ("1662", "1663", "founded_on"),
        ("1662", "1664", "founded_by"),
    ]
    assert article.ref.key == "6400" and article.ref.text.startswith("Google")


def test_older_label_form_reads() -> None:
    (article,) = read_doccano(OLDER.encode("utf-8"), "old.jsonl").articles
    assert [a.exact for a in article.annotations] == ["東京都", "渋谷区"]
    assert article.annotations[0].key == "1"


def test_stress_offsets_are_code_points() -> None:
    b = Builder((FIXTURES / "offsets-stress.txt").read_text("utf-8"))
    for quote in ("“routine” 👍🏽", "🇰🇵", "قال المتحدث", "朝鲜", "👨‍👩‍👧"):
        b.span("Claim", quote, actor="Ж")
    data = b.data()
    text = to_doccano(data)
    line = json.loads(text)
    flag = next(e for e in line["entities"] if line["text"][e["start_offset"] :].startswith("🇰🇵"))
    assert flag["end_offset"] - flag["start_offset"] == 2  # two regional indicators
    assert_round_trip(data, read_doccano(text.encode("utf-8"), "s.jsonl"))


def test_crlf_text_and_decomposed_accents_are_mapped() -> None:
    raw = "Title\r\nJose\u0301 says the shipment was routine."
    start = raw.index("the shipment")
    line = {"text": raw, "entities": [
        {"id": 1, "label": "Claim", "start_offset": start, "end_offset": len(raw) - 1},
        {"id": 2, "label": "Source", "start_offset": 7, "end_offset": 12},
    ]}  # fmt: skip
    got = by_quote(read_doccano(json.dumps(line).encode("utf-8"), "x.jsonl"))
    assert ("Claim", "the shipment was routine") in got
    assert ("Source", "José") in got


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "line 1: not valid JSON"),
        ('{"text": "abc", "entities": [], "entities": []}', "line 1: the key 'entities' appears"),
        ('{"text": "abc", "x": NaN}', "line 1: NaN is not"),
        ("[1, 2]", "line 1: not a JSON object"),
        ('{"text": 5}', 'line 1: no "text" string'),
        ('{"text": "abc", "entities": [{"id": 1, "label": "C", "start_offset": 0, '
         '"end_offset": 9}]}', "line 1: entity 1: offsets 0..9 outside the text (0..3)"),
        ('{"text": "abc", "entities": [{"id": 1, "label": "C", "start_offset": 0.5, '
         '"end_offset": 2}]}', "line 1: entity 1: offsets must be whole numbers"),
        ('{"text": "abc", "entities": [{"id": 1, "label": "C", "start_offset": true, '
         '"end_offset": 2}]}', "line 1: entity 1: offsets must be whole numbers"),
        ('{"text": "abc", "entities": [{"id": 1, "start_offset": 0, "end_offset": 2}]}',
         "line 1: entity 1: no label"),
        ('{"text": "abc", "entities": [], "relations": [{"id": 4, "from_id": 1, "to_id": 2, '
         '"type": "denies"}]}', "line 1: relation 4: no entity 1, 2 on this line"),
        ('{"text": "abc", "label": ["positive"]}', "line 1: label #1: not [start, end, label]"),
        ('{"text": "abc", "meta": {"annotations": []}}', 'line 1: "meta.annotations" is not'),
    ],
)  # fmt: skip
def test_bad_lines_are_named(line: str, expected: str) -> None:
    with pytest.raises(SetError) as caught:
        read_doccano(line.encode("utf-8"), "bad.jsonl")
    assert any(p.startswith(expected) for p in caught.value.problems), caught.value.problems


def test_every_bad_line_is_listed() -> None:
    good = '{"text": "fine"}'
    data = "\n".join([good, "{oops", good, '{"text": 1}', ""]).encode("utf-8")
    with pytest.raises(SetError) as caught:
        read_doccano(data, "mixed.jsonl")
    assert [p.split(":")[0] for p in caught.value.problems] == ["line 2", "line 4"]
    with pytest.raises(SetError, match="no lines"):
        read_doccano(b"\n\n", "empty.jsonl")
    with pytest.raises(SetError, match="not UTF-8"):
        read_doccano(b'{"text": "\xff"}', "latin.jsonl")
