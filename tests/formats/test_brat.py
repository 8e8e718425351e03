"""brat standoff: export, the brat consistency check, and reading sets back."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.domain.exchange import SetError
from annotator.formats.brat import (
    annotation_conf,
    check_brat,
    fragments,
    read_brat,
    write_brat,
)
from annotator.formats.standoff import file_name
from tests.conftest import FIXTURES
from tests.formats.exchange_helpers import Builder, assert_round_trip, by_quote, demo_export


def test_demo_set_exports_passes_the_check_and_reads_back(project: Project, tmp_path: Path):
    data, _ = demo_export(project)
    written = write_brat(data, tmp_path / "out")
    assert [p.name for p in written][0] == "annotation.conf" and len(written) == 3
    txt = next(p for p in written if p.suffix == ".txt")
    assert txt.read_bytes() == data.articles[0].article.text.encode("utf-8")
    assert check_brat(tmp_path / "out") == []
    back = read_brat(tmp_path / "out")
    assert back.source_format == "brat"
    assert_round_trip(data, back)
    ann = txt.with_suffix(".ann").read_text("utf-8")
    assert "\tdenies Arg1:T" in ann and "\tVerdict T" in ann and "Mostly_true" in ann
    assert "\tReference T" in ann and "actor:Kim_Jong_Un\tKim Jong Un" in ann


def test_annotation_conf_lists_tags_relations_and_the_verdict_scale(project: Project) -> None:
    conf = annotation_conf(
        project.tags(), project.relation_types(), [r.name for r in project.ratings()], ["Claim"]
    )
    sections = conf.split("[")
    assert "Claim\nSource\nDenial\nEvidence" in conf
    assert "denies\tArg1:Denial, Arg2:Claim" in conf
    assert "attributed_to\tArg1:Claim|Denial, Arg2:Source" in conf
    assert "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>" in conf
    assert (
        "Verdict\tArg:Claim, Value:True|Mostly_true|Half_true|Mostly_false|False|Unproven" in conf
    )
    assert [s.split("]")[0] for s in sections[1:]] == [
        "entities",
        "relations",
        "events",
        "attributes",
    ]


def test_span_across_lines_becomes_fragments(tmp_path: Path) -> None:
    b = Builder("Intro.\nThe ministry said\nit was routine.\n\nEnd.", title="Lines")
    start = b.text.index("ministry")
    end = b.text.index(" routine") + len(" routine")
    claim = b.span_at("Claim", start, end, note="two\nlines\tand a tab")
    b.rate(claim, "Half true", "line one\nline two")
    write_brat(b.data(), tmp_path)
    ann = (tmp_path / "Lines.ann").read_text("utf-8")
    first = ann.splitlines()[0]
    s2 = b.text.index("it was")
    assert first == f"T1\tClaim {start} {s2 - 1};{s2} {end}\tministry said it was routine"
    assert "#1\tAnnotatorNotes T1\ttwo lines and a tab" in ann
    assert "#2\tVerdictExplanation T1\tline one line two" in ann
    assert check_brat(tmp_path) == []
    (got,) = read_brat(tmp_path / "Lines.ann").articles[0].annotations
    assert (got.start, got.end, got.exact) == (start, end, b.text[start:end])
    assert got.verdict == "Half true" and got.verdict_explanation == "line one line two"
    assert got.note == "two lines and a tab"


def test_fragments_skip_blank_lines() -> None:
    text = "ab\n\ncd\u2028ef"
    assert fragments(text, 0, len(text)) == [(0, 2), (4, 6), (7, 9)]


def test_stress_text_offsets_are_code_points(tmp_path: Path) -> None:
    text = (FIXTURES / "offsets-stress.txt").read_text("utf-8")
    b = Builder(text, title="Stress")
    for quote, tag in (
        ("“routine” 👍🏽", "Claim"),
        ("김정은 위원장", "Source"),
        ("«Путин заявил, что поставок не было»", "Denial"),
        ("قال المتحدث إن التقرير كاذب", "Claim"),
        ("José Martí said 朝鲜 had shipped shells", "Claim"),
        ("👨‍👩‍👧", "Evidence"),
    ):
        b.span(tag, quote, actor="Ünïcode Actor")
    data = b.data()
    write_brat(data, tmp_path)
    assert check_brat(tmp_path) == []
    back = read_brat(tmp_path)
    assert_round_trip(data, back)
    ann = (tmp_path / "Stress.ann").read_text("utf-8")
    start = b.text.index("“routine”")
    assert f"Claim {start} {start + len('“routine” 👍🏽')}\t“routine” 👍🏽" in ann


def test_check_catches_a_corrupted_ann(project: Project, tmp_path: Path) -> None:
    data, _ = demo_export(project)
    written = write_brat(data, tmp_path)
    ann = next(p for p in written if p.suffix == ".ann")
    lines = ann.read_text("utf-8").splitlines()
    key, head, quote = lines[2].split("\t")
    tag, start, end = head.split()
    lines[2] = f"{key}\t{tag} {int(start) + 1} {int(end) + 1}\t{quote}"
    lines.append("R99\tdenies Arg1:T1 Arg2:T404")
    ann.write_text("\n".join(lines) + "\n", "utf-8")
    problems = check_brat(tmp_path)
    assert len(problems) == 2
    assert f"line 3: {key}: text" in problems[0] and "does not match the .txt" in problems[0]
    assert "T404" in problems[1]
    with pytest.raises(SetError) as caught:
        read_brat(tmp_path)
    assert caught.value.problems == problems


def test_hand_written_set_with_crlf_text_bom_and_decomposed_accents(tmp_path: Path) -> None:
    raw = '\ufeffHeadline\r\nJose\u0301 said the "shipment" was routine.\r\nRussia denies it.\r\n'
    (tmp_path / "doc.txt").write_bytes(raw.encode("utf-8"))
    claim_start = raw.index("the")
    claim_end = raw.index(" was routine") + len(" was routine")
    denial = raw.index("Russia denies it")
    ann = (
        f"T1\tClaim {claim_start} {claim_end}\t{raw[claim_start:claim_end]}\n"
        f"T2\tDenial {denial} {denial + 16}\tRussia denies it\n"
        f"T3\tSource {raw.index('Jose')} {raw.index(' said')}\tJose\u0301\n"
        "R1\tdenies Arg1:T2 Arg2:T1\t\n"
        "A1\tVerdict T1 Mostly_false\n"
        "A2\tNegated T2\n"
        "#1\tAnnotatorNotes T2\tactor: Russia\n"
        "#2\tAnnotatorNotes T1\tchecked with the ministry\n"
        "E1\tAttack:T1\n"
    )
    (tmp_path / "doc.ann").write_text(ann, "utf-8")
    assert check_brat(tmp_path) == []
    (article,) = read_brat(tmp_path).articles
    text = article.ref.text
    assert text == 'Headline\nJosé said the "shipment" was routine.\nRussia denies it.\n'
    assert article.ref.key == "doc"
    got = by_quote(read_brat(tmp_path))
    claim = got[("Claim", 'the "shipment" was routine')]
    assert text[claim.start : claim.end] == claim.exact
    assert claim.verdict == "Mostly false" and claim.note == "checked with the ministry"
    denial_set = got[("Denial", "Russia denies it")]
    assert denial_set.actor == "Russia" and denial_set.note == ""
    assert ("Source", "José") in got
    (relation,) = article.relations
    assert (relation.from_key, relation.to_key, relation.type) == ("T2", "T1", "denies")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("T1\tClaim 0 5\tWrong", "T1: text 'Wrong' does not match the .txt at 0 5 ('Hello')"),
        ("T1\tClaim 0 500\tHello", "T1: offsets 0 500 out of order or outside the text"),
        ("T1\tClaim zero five\tHello", "T1: expected"),
        ("T1\tClaim 0 2;4 5\tHe o", "T1: discontinuous span"),
        ("R1\tdenies Arg1:T1", "R1: a relation needs a type, Arg1 and Arg2"),
        ("X1\twhat", "X1: unknown kind of annotation"),
        ("A1\tVerdict T9 True", "verdict on unknown T9"),
    ],
)
def test_bad_lines_are_named(tmp_path: Path, line: str, expected: str) -> None:
    (tmp_path / "a.txt").write_text("Hello world", "utf-8")
    (tmp_path / "a.ann").write_text(line + "\n", "utf-8")
    with pytest.raises(SetError) as caught:
        read_brat(tmp_path / "a.ann")
    assert any(expected in p for p in caught.value.problems), caught.value.problems
    assert caught.value.problems[0].startswith("a.ann")


def test_missing_txt_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(SetError, match="no .ann files"):
        read_brat(tmp_path)
    (tmp_path / "lonely.ann").write_text("", "utf-8")
    assert check_brat(tmp_path) == ["lonely.ann: no lonely.txt beside it"]


def test_safe_file_names() -> None:
    taken: set[str] = set()
    assert file_name("../../etc/passwd", taken) == "etc passwd"
    assert file_name("CON", taken) == "_CON"
    assert file_name("a\x00b\tc\nd", taken) == "a b c d"
    assert file_name("Kim: Putin?", taken) == "Kim Putin"
    assert file_name("kim  putin", taken) == "kim putin-2"
    assert len(file_name("x" * 300, taken)) == 80
    assert file_name("...", taken) == "article"
    assert file_name("x" * 300, taken).endswith("-2")


def test_titles_that_collide_get_distinct_files(tmp_path: Path) -> None:
    one = Builder("First text.", title="Same/Title").data()
    two = Builder("Second text.", title="Same\\Title").data()
    both = type(one)([*one.articles, *two.articles], one.tags, one.relation_types, one.ratings)
    written = write_brat(both, tmp_path)
    assert sorted(p.name for p in written) == [
        "Same Title-2.ann",
        "Same Title-2.txt",
        "Same Title.ann",
        "Same Title.txt",
        "annotation.conf",
    ]
    assert (tmp_path / "Same Title-2.txt").read_text("utf-8") == "Second text."


def test_exported_files_are_readable_by_the_desk(project: Project, tmp_path: Path) -> None:
    """Written under a temporary name and renamed, as a plain write would make them:
    0666 less the umask, not mkstemp's owner-only 0600."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        written = write_brat(demo_export(project)[0], tmp_path / "out")
    finally:
        os.umask(old)
    assert written and {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}
