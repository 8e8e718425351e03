"""The fast W3C export text (:mod:`annotator.formats.w3c_text`) is, byte for byte, what the
dicts of :mod:`annotator.formats.w3c` give through :func:`jsontext.lines`: every kind of
item, every optional body, characters JSON escapes, values of unusual types."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.exporting import export_to
from annotator.core.project import Project
from annotator.domain.exchange import ArticleExport, ExportData
from annotator.domain.model import ORPHAN, Review
from annotator.formats import jsontext, w3c, w3c_text
from annotator.formats.w3c import ExportError
from tests.formats.exchange_helpers import T0, Builder, demo_export

TEXT = (
    'The "United States" says North Korea supplied\tartillery — both Russia and North Korea '
    "deny that. Kim Jong Un 🚀 met Vladimir Putin in Vostochny \\ on the 13th.\n"
    "Ünïcode quotes: “claims” and ‘denials’; a control char \x01 stays escaped."
)


def both(data: ExportData, reset) -> tuple[bytes, bytes]:
    reset()
    slow = jsontext.lines(w3c.from_export(data)).encode("utf-8")
    reset()
    fast, count = w3c_text.utf8_lines(data)
    assert count == json.loads(fast)["total"]
    return slow, fast


def resetter(monkeypatch: pytest.MonkeyPatch):
    def reset() -> None:
        ids = iter(f"00000000-0000-4000-a000-{n:012d}" for n in range(1, 100))
        monkeypatch.setattr(w3c, "new_id", lambda: next(ids))
        monkeypatch.setattr(w3c, "now_iso", lambda: T0)

    return reset


def rich_data() -> ExportData:
    b = Builder(TEXT)
    claim = b.span("Claim", "North Korea supplied\tartillery", actor="United States")
    denial = b.span(
        "Denial", "deny that", actor='Russia "and" North Korea', note="line one\nline “two” 🚀"
    )
    quoted = b.span("Source", '"United States"')
    b.span("Evidence", "🚀 met")
    b.span("Claim", "\\ on", note="back\\slash")
    b.span("Claim", "control char \x01", actor="Ünïcode")
    b.link(denial, claim, "denies")
    b.link(claim, quoted, "attributed_to")
    b.rate(claim, "Mostly true", 'because "it" was — said')
    b.rate(quoted, "False")
    data = b.data()
    (export,) = data.articles
    orphan = replace(
        export.annotations[1],
        id="00000000-0000-4000-8000-000000000099",
        start=ORPHAN,
        end=ORPHAN,
        exact="a quote found nowhere",
    )
    deleted = replace(export.annotations[2], id="00000000-0000-4000-8000-000000000098")
    deleted = replace(deleted, deleted=T0)
    reviews = [
        Review("00000000-0000-4000-b000-000000000001", claim, "carol", "rejected", "no", T0),
        Review(
            "00000000-0000-4000-b000-000000000002",
            quoted,
            "carol",
            "suggested",
            "",
            T0,
            suggested_tag="Claim",
            suggested_start=1,
            suggested_end=5,
        ),
    ]
    export = replace(
        export,
        annotations=[*export.annotations, deleted],
        orphans=[orphan],
        reviews=reviews,
    )
    return replace(data, articles=[export])


def test_every_kind_of_item_is_written_as_the_dicts_write_it(monkeypatch) -> None:
    slow, fast = both(rich_data(), resetter(monkeypatch))
    assert fast == slow
    doc = json.loads(fast)
    kinds = [item["motivation"] for item in doc["first"]["items"]]
    assert kinds.count("classifying") == 7  # six placed, one orphan; the deleted one not
    assert kinds.count("linking") == 2 and kinds.count("assessing") == 2


def test_an_article_without_url_and_one_without_annotations(monkeypatch) -> None:
    data = rich_data()
    bare = replace(data.articles[0].article, url=None, id="00000000-0000-4000-8000-0000000000aa")
    empty = ArticleExport(bare, [], [], {})
    moved = replace(data.articles[0], article=bare)
    data = replace(data, articles=[moved, empty])
    slow, fast = both(data, resetter(monkeypatch))
    assert fast == slow
    assert b'"annotator:url"' not in fast


def test_values_of_other_types_are_written_as_json_dumps_writes_them(monkeypatch) -> None:
    data = rich_data()
    (export,) = data.articles
    odd = [
        replace(export.annotations[0], created=None, modified=None),  # type: ignore[arg-type]
        replace(export.annotations[1], note=7),  # type: ignore[arg-type]
        replace(export.annotations[3], annotator=None),  # type: ignore[arg-type]
    ]
    data = replace(data, articles=[replace(export, annotations=odd)])
    slow, fast = both(data, resetter(monkeypatch))
    assert fast == slow
    assert b'"created": null' in fast and b'"value": 7' in fast


def test_a_quote_that_does_not_match_its_text_is_refused_as_before() -> None:
    data = rich_data()
    (export,) = data.articles
    shifted = replace(export.annotations[0], start=export.annotations[0].start + 1)
    data = replace(data, articles=[replace(export, annotations=[shifted])])
    with pytest.raises(ExportError):
        w3c.from_export(data)
    with pytest.raises(ExportError):
        w3c_text.utf8_lines(data)


def test_the_demo_set_exported_to_a_file_is_the_dicts_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.open(tmp_path / "p.db", "alice")
    data, _ = demo_export(project)
    reset = resetter(monkeypatch)
    slow, fast = both(data, reset)
    assert fast == slow
    article = data.articles[0].article
    reset()
    out = tmp_path / "demo.jsonld"
    line = export_to(project, "w3c", out, article_refs=[article.id])
    reset()
    label = f"annotator export: {article.display_title}"
    want = jsontext.lines(w3c.from_export(project.export_data([article.id], label=label)))
    project.close()
    assert out.read_bytes() == want.encode("utf-8")
    assert line.startswith(f"{json.loads(want)['total']} annotations written")
