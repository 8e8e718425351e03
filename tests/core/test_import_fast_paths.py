"""An import takes short ways for the usual case — a span annotation of the usual shape read
by ``w3c_span.plain_span``, a quote found where its offsets say placed without
``anchor()``, the search index written after the rows instead of by the insert trigger —
and gives exactly what the long ways give: the same annotations, events, links, verdicts,
reports and search rows, whether the selectors agree with the text, the quote moved, the
position is wrong, only the quote is given, the text was edited (orphans), the set is
imported again, or a newer edit of it arrives."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from annotator.core import import_plan, importing_write
from annotator.core.demo import annotate_sample
from annotator.core.exporting import export_to
from annotator.core.project import Project
from annotator.domain.model import ORPHAN, Annotation
from annotator.formats import w3c_import
from annotator.formats.exchange_io import read_annotation_file
from annotator.store import search
from tests.conftest import make_draft

PREFACE = "An editor's note was added at the top of this article.\n\n"


@contextmanager
def _trigger_indexes(db: Any, source: str) -> Iterator[None]:
    yield  # the insert trigger stays, and indexes each row as it goes in


def _dict_after(a: Annotation, source_name: str) -> str:
    return json.dumps(
        {**importing_write.public_fields(a), "source": source_name}, ensure_ascii=False
    )


def long_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(w3c_import, "plain_span", lambda item: None)
    monkeypatch.setattr(import_plan, "_in_place", lambda text, sa: False)
    monkeypatch.setattr(search, "indexed_after", _trigger_indexes)
    monkeypatch.setattr(importing_write, "imported_after", _dict_after)


def state(project: Project) -> dict[str, list[tuple]]:
    """Everything an import writes, but the times the events were written at (and the ids
    of actors it creates: new ones each time, named by their name here)."""
    db = project.store.db
    queries = {
        "annotations": 'SELECT n.id, n.article_id, n.start, n."end", n.exact, n.prefix, '
        "n.suffix, n.tag, a.name, n.note, n.annotator, n.created, n.modified, n.deleted "
        "FROM annotations n LEFT JOIN actors a ON a.id = n.actor_id ORDER BY n.rowid",
        "events": "SELECT id, annotator, action, entity, entity_id, article_id, before, after "
        "FROM events ORDER BY id",
        "relations": "SELECT * FROM relations ORDER BY rowid",
        "verdicts": "SELECT * FROM verdicts ORDER BY rowid",
        "reviews": "SELECT * FROM reviews ORDER BY rowid",
        "actors": "SELECT name, aliases FROM actors ORDER BY rowid",
        "search_keys": "SELECT * FROM search_keys ORDER BY id",
        "search_rows": "SELECT rowid, exact, note, annotation_id, article_id "
        "FROM annotations_fts ORDER BY rowid",
    }
    got = {name: db.execute(sql).fetchall() for name, sql in queries.items()}
    names = dict(db.execute("SELECT id, name FROM actors").fetchall())  # (ids are new)
    got["events"] = [(*e[:4], names.get(e[4], e[4]), *e[5:]) for e in got["events"]]
    return got


def _edit_set(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    for item in doc["first"]["items"]:
        if item.get("motivation") == "classifying":
            change(item)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _shift(item: dict[str, Any]) -> None:
    for selector in item["target"]["selector"]:
        if selector["type"] == "TextPositionSelector":
            selector["start"] += 3
            selector["end"] += 3


def _quote_only(item: dict[str, Any]) -> None:
    item["target"]["selector"] = item["target"]["selector"][:1]


SCENARIOS = {
    "agreeing": ("same", None),
    "moved quotes": ("preface", None),
    "wrong positions": ("same", _shift),
    "quote selectors only": ("same", _quote_only),
    "edited text (orphans)": ("edited", None),
}


@pytest.fixture
def made(tmp_path: Path) -> Callable[[str, Callable | None], tuple[Path, Path, str]]:
    """(set file, target database, article id) for a scenario; the target holds the
    article (as the scenario wants its text) and nothing else."""

    def make(text_kind: str, change: Callable | None) -> tuple[Path, Path, str]:
        source = Project.open(tmp_path / "source.db", "alice")
        article = source.import_sample().article
        annotate_sample(source, article.id)
        text = source.article(article.id).text
        out = tmp_path / "set.jsonld"
        export_to(source, "w3c", out, article_refs=[article.id])
        source.close()
        if change is not None:
            _edit_set(out, change)
        target = Project.open(tmp_path / "target.db", "bob")
        if text_kind == "same":
            target_id = target.import_sample().article.id
        else:
            if text_kind == "preface":
                changed = PREFACE + text
            else:
                assert text.count("media reported") == 1
                changed = text.replace("media reported", "he told reporters")
            target_id = target.import_draft(make_draft(changed, title="Edited")).article.id
        target.close()
        return out, tmp_path / "target.db", target_id

    return make


def _run(db: Path, files: list[Path], article: str) -> tuple[list[dict], dict[str, list]]:
    project = Project.open(db, "bob")
    reports = []
    for path in files:
        found = project.import_annotations(read_annotation_file(path), article=article)
        reports.append([asdict(r) for r in found])
    got = state(project)
    project.close()
    return reports, got


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_short_ways_give_what_the_long_ways_give(
    scenario: str, made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_file, target_db, article = made(*SCENARIOS[scenario])
    twin = tmp_path / "twin.db"
    shutil.copyfile(target_db, twin)
    files = [set_file, set_file]  # the second import adds nothing
    in_place = import_plan._in_place
    taken: list[bool] = []
    with monkeypatch.context() as patch:
        patch.setattr(
            import_plan, "_in_place", lambda t, sa: taken.append(in_place(t, sa)) or taken[-1]
        )
        short = _run(target_db, files, article)
    with monkeypatch.context() as patch:
        long_ways(patch)
        long = _run(twin, files, article)
    assert short == long
    reports, got = short
    first, again = reports[0][0], reports[1][0]
    assert first["new"] == 28 and again["new"] == 0 and again["unchanged"] == 28
    assert len(got["search_rows"]) == 28  # every live annotation indexed, once
    # the short way placed what was in place (twice: the second import plans them too)
    assert sum(taken) == 2 * first["exact"]
    if scenario == "agreeing":
        assert first["exact"] == 28
    elif scenario == "edited text (orphans)":
        assert first["orphaned"] >= 1
    else:
        assert first["reanchored"] >= 20


def test_a_newer_edit_and_a_stale_one_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Project.open(tmp_path / "source.db", "alice")
    article = source.import_sample().article
    annotate_sample(source, article.id)
    first, newer = tmp_path / "first.jsonld", tmp_path / "newer.jsonld"
    export_to(source, "w3c", first, article_refs=[article.id])
    claim = source.annotations(article.id)[0]
    source.update_annotation(claim.id, note="Checked against the video.")
    export_to(source, "w3c", newer, article_refs=[article.id])
    source.close()
    target = Project.open(tmp_path / "target.db", "bob")
    target_id = target.import_sample().article.id
    target.close()
    twin = tmp_path / "twin.db"
    shutil.copyfile(tmp_path / "target.db", twin)
    files = [first, newer, first]  # new, then updated, then the stale one kept in events
    short = _run(tmp_path / "target.db", files, target_id)
    with monkeypatch.context() as patch:
        long_ways(patch)
        long = _run(twin, files, target_id)
    assert short == long
    reports, got = short
    assert [r[0]["updated"] for r in reports] == [0, 1, 0]
    assert reports[2][0]["conflicts"] == 1
    assert any(e[2] == "import-conflict" for e in got["events"])
    assert sum("video" in (row[2] or "") for row in got["search_rows"]) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"actor": None},
        {"start": ORPHAN, "end": ORPHAN, "note": "line\nbreak “quoted” \\ 🚀 \x01"},
        {"actor": 'Ünïcode "name"', "exact": "tab\there"},
        {"created": None, "modified": None},  # other types: what json.dumps writes
        {"note": 7, "actor": ["a"]},
        {"start": True},
    ],
)
def test_the_import_event_is_the_text_json_dumps_writes(changes: dict[str, Any]) -> None:
    base = Annotation(
        "00000000-0000-4000-8000-000000000001", "art", 3, 9, "quote", "pre", "suf", "Claim",
        "alice", "2024-06-19T10:00:00.000Z", "2024-06-19T10:00:00.000Z", actor="US", note="n",
    )  # fmt: skip
    changed = Annotation(**{**base.__dict__, **changes})
    assert importing_write.imported_after(changed, "set “1”.jsonld") == _dict_after(
        changed, "set “1”.jsonld"
    )
