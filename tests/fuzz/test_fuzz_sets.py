"""Fuzz targets for every annotation-set importer (W3C, Hypothesis, Label Studio, doccano,
brat, and the format detection in front of them). A set that is read is then planned
against a project holding its article (a dry run of the import, nothing written): every
input must give a set (and a plan) or the declared error — a BadInput (SetError) with a
one-line message that names the file. Anything else is a bug."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from annotator.core.project import Project
from annotator.domain.exchange import AnnotationSet
from annotator.domain.tagset import load_tagset_json
from annotator.formats.brat import read_brat
from annotator.formats.doccano import read_doccano
from annotator.formats.exchange_io import read_annotation_file
from annotator.formats.hypothesis import read_hypothesis
from annotator.formats.labelstudio import read_labelstudio
from annotator.formats.w3c_import import read_w3c
from tests.conftest import make_draft
from tests.fuzz import harness, seeds
from tests.fuzz.harness import declared_error, fuzz_target
from tests.fuzz.mutate import json_garbage, mutated_bytes, mutated_json

W3C_KEYS = (
    "@context id type motivation body target source selector exact prefix suffix start end "
    "purpose value creator created modified first items next refinedBy bodyValue name "
    "annotator:articles annotator:sha256 annotator:title annotator:url annotator:role "
    "annotator:explanation annotator:replyTo annotator:suggestedTag annotator:suggestedStart "
    "annotator:suggestedEnd annotator:resolved annotator:resolution AnnotationCollection "
    "Annotation AnnotationPage TextQuoteSelector TextPositionSelector TextualBody "
    "classifying tagging linking assessing commenting identifying verdict actor Claim Denial "
    "http://www.w3.org/ns/anno.jsonld urn:uuid:00000000-0000-4000-8000-000000000001"
).split()
HYPOTHESIS_KEYS = (
    "total rows id uri target source selector type exact prefix suffix start end tags text "
    "user created updated document title references TextQuoteSelector TextPositionSelector "
    "RangeSelector Claim acct:jane@hypothes.is"
).split()
LABELSTUDIO_KEYS = (
    "id data text meta annotations completions predictions result value start end labels "
    "choices from_name to_name type from_id to_id direction was_cancelled completed_by "
    "email username relation textarea verdict actor note explanation title url Claim"
).split()
DOCCANO_KEYS = (
    "id text label entities relations meta start_offset end_offset from_id to_id type "
    "annotations title url sha256 actor note annotator created modified verdict Claim"
).split()


def _json_inputs(raw: tuple[bytes, ...], keys: list[str]) -> st.SearchStrategy[bytes]:
    parsed = tuple(json.loads(r) for r in raw)
    return mutated_json(parsed) | mutated_bytes(raw) | json_garbage(tuple(keys))


@pytest.fixture(scope="module")
def planner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A project holding the articles the seeds are about: sets are planned against it."""
    project = Project.open(tmp_path_factory.mktemp("fuzz-sets") / "plan.db", "fuzz")
    project.import_draft(
        make_draft(seeds.STRESS, title="Offsets under stress", url="https://news.example/s")
    )
    project.import_sample()
    yield project
    project.close()


def _checked(aset: Any) -> None:
    """What every reader promises of the set it returns."""
    assert isinstance(aset, AnnotationSet)
    for article in aset.articles:
        text = article.ref.text
        for a in article.annotations:
            assert isinstance(a.tag, str) and isinstance(a.exact, str), a
            if a.start is not None or a.end is not None:
                assert isinstance(a.start, int) and isinstance(a.end, int), a
                assert 0 <= a.start < a.end, a
                if text is not None:
                    assert a.end <= len(text) and text[a.start : a.end] == a.exact, a


def _read_and_plan(project: Project, read: Callable[[Any], AnnotationSet]) -> Callable[[Any], None]:
    def body(value: Any) -> None:
        aset = read(value)
        _checked(aset)
        project.import_annotations(aset, dry_run=True, create_tags=True)

    return body


@fuzz_target
def test_fuzz_w3c(planner: Project) -> None:
    harness.run(
        "w3c",
        _json_inputs(seeds.w3c_seeds(), W3C_KEYS),
        _read_and_plan(planner, lambda data: read_w3c(data, "set.jsonld")),
        check_error=declared_error(("set.jsonld",)),
    )


@fuzz_target
def test_fuzz_hypothesis(planner: Project) -> None:
    harness.run(
        "hypothesis",
        _json_inputs(seeds.hypothesis_seeds(), HYPOTHESIS_KEYS),
        _read_and_plan(planner, lambda data: read_hypothesis(data, "h.json")),
        check_error=declared_error(("h.json",)),
    )


@fuzz_target
def test_fuzz_labelstudio(planner: Project) -> None:
    harness.run(
        "labelstudio",
        _json_inputs(seeds.labelstudio_seeds(), LABELSTUDIO_KEYS),
        _read_and_plan(planner, lambda data: read_labelstudio(data, "tasks.json")),
        check_error=declared_error(("tasks.json",)),
    )


def _doccano_inputs() -> st.SearchStrategy[bytes]:
    raw = seeds.doccano_seeds()
    lines = tuple([json.loads(line) for line in r.splitlines() if line.strip()] for r in raw)
    garbage_line = json_garbage(tuple(DOCCANO_KEYS))
    return (
        mutated_json(lines, lines=True)
        | mutated_bytes(raw)
        | st.lists(garbage_line, min_size=1, max_size=4).map(b"\n".join)
    )


@fuzz_target
def test_fuzz_doccano(planner: Project) -> None:
    harness.run(
        "doccano",
        _doccano_inputs(),
        _read_and_plan(planner, lambda data: read_doccano(data, "set.jsonl")),
        check_error=declared_error(("set.jsonl",)),
    )


# --- brat: a folder with a .txt, its .ann and annotation.conf -------------------------------

_BRAT_KEYS = st.sampled_from(["T1", "T2", "T9", "R1", "A1", "M1", "N1", "#1", "E1", "*", "X1", ""])
_BRAT_FIELD = st.sampled_from(
    [
        "Claim 0 5",
        "Claim 5 0",
        "Denial 0 3;4 9",
        "Claim -1 4",
        "Claim 0 99999999999999999999",
        "Claim ١ ٥",
        "Claim 0 5;",
        "Claim",
        "denies Arg1:T2 Arg2:T1",
        "denies Arg1:T1",
        "Verdict T1 Mostly_true",
        "Verdict T1",
        "Reference T1 actor:Kim_Jong_Un",
        "AnnotatorNotes T1",
        "VerdictExplanation T1",
    ]
)


@st.composite
def _ann_garbage(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        parts = [draw(_BRAT_KEYS), draw(_BRAT_FIELD | st.text(max_size=10))]
        parts += draw(st.lists(st.text(max_size=12), max_size=2))
        lines.append("\t".join(parts))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _brat_inputs() -> st.SearchStrategy[tuple[bytes, bytes, bytes]]:
    pairs = seeds.brat_seeds()
    texts = tuple(p[0] for p in pairs)
    anns = tuple(p[1] for p in pairs)
    confs = tuple(p[2] for p in pairs if p[2])
    mutated = st.tuples(
        st.sampled_from(texts) | mutated_bytes(texts, max_ops=2),
        mutated_bytes(anns) | _ann_garbage(),
        st.sampled_from(confs) | mutated_bytes(confs, max_ops=2),
    )
    return (
        st.sampled_from(pairs).flatmap(
            lambda pair: st.tuples(
                st.just(pair[0]) | mutated_bytes((pair[0],), max_ops=2),
                mutated_bytes((pair[1],)) | _ann_garbage(),
                st.just(pair[2]),
            )
        )
        | mutated
    )


@fuzz_target
def test_fuzz_brat(planner: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat-set"
    folder.mkdir()

    def read(value: tuple[bytes, bytes, bytes]) -> AnnotationSet:
        txt, ann, conf = value
        (folder / "doc.txt").write_bytes(txt)
        (folder / "doc.ann").write_bytes(ann)
        (folder / "annotation.conf").write_bytes(conf)
        one = read_brat(folder / "doc.ann")
        _checked(one)
        return read_brat(folder)

    harness.run(
        "brat",
        _brat_inputs(),
        _read_and_plan(planner, read),
        check_error=declared_error(("brat-set", "doc.ann")),
    )


# --- the format detection in front of the readers ------------------------------------------


@fuzz_target
def test_fuzz_detect_format(planner: Project, tmp_path: Path) -> None:
    raw = (
        seeds.w3c_seeds()[:2]
        + seeds.hypothesis_seeds()
        + seeds.labelstudio_seeds()
        + seeds.doccano_seeds()
    )
    inputs = st.tuples(
        st.sampled_from([".json", ".jsonld", ".jsonl", ".txt", ".csv", ""]),
        mutated_bytes(raw) | json_garbage(tuple(W3C_KEYS + DOCCANO_KEYS)),
    )

    def read(value: tuple[str, bytes]) -> AnnotationSet:
        suffix, data = value
        path = tmp_path / f"set{suffix}"
        path.write_bytes(data)
        try:
            return read_annotation_file(path)
        finally:
            path.unlink()

    harness.run(
        "detect",
        inputs,
        _read_and_plan(planner, read),
        check_error=declared_error(("set", str(tmp_path))),
    )


# --- tag sets (tagset import, Tools → Tag set → Import) ------------------------------------

TAGSET_KEYS = (
    "tags relations ratings name colour key kind underline description label from to value "
    "claim source denial evidence span solid wave Claim Denial #ff0000 1"
).split()


@fuzz_target
def test_fuzz_tagset(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "tagset.db", "fuzz")
    raw = (seeds.TAGSET.read_bytes(), json.dumps(project.tagset_json()).encode())

    def body(data: bytes) -> None:
        project.import_tagset(load_tagset_json(data))

    try:
        harness.run(
            "tagset",
            _json_inputs(raw, TAGSET_KEYS),
            body,
            check_error=declared_error(()),
        )
    finally:
        project.close()


def test_every_seed_is_read_and_planned(planner: Project, tmp_path: Path) -> None:
    """The mutations start from valid files: each seed is read and planned without error."""
    for data in seeds.w3c_seeds():
        planner.import_annotations(read_w3c(data, "s.jsonld"), dry_run=True, create_tags=True)
    for data in seeds.hypothesis_seeds():
        planner.import_annotations(read_hypothesis(data, "h.json"), dry_run=True)
    for data in seeds.labelstudio_seeds():
        planner.import_annotations(read_labelstudio(data, "t.json"), dry_run=True)
    for data in seeds.doccano_seeds():
        planner.import_annotations(read_doccano(data, "d.jsonl"), dry_run=True, create_tags=True)
    for i, (txt, ann, conf) in enumerate(seeds.brat_seeds()):
        folder = tmp_path / f"b{i}"
        folder.mkdir()
        (folder / "doc.txt").write_bytes(txt)
        (folder / "doc.ann").write_bytes(ann)
        (folder / "annotation.conf").write_bytes(conf)
        aset = read_brat(folder)
        assert aset.articles[0].annotations
        planner.import_annotations(aset, dry_run=True)
