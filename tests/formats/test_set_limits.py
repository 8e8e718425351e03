"""What annotation set files are read: a desk's own large exports, not hostile ones.

The size limit is 1 GB, lower when the machine's free memory would not hold the parsed
set; nesting is measured on the bytes before anything is parsed (exact for valid JSON);
an export is written one annotation per line and reads back as it was."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from annotator.core.project import Project
from annotator.domain.errors import BadInput
from annotator.domain.exchange import SetError
from annotator.domain.model import Annotation, now_iso
from annotator.formats import jsontext, strict_json, w3c
from annotator.formats.exchange_io import read_annotation_file
from annotator.formats.strict_json import MAX_BYTES, MAX_DEPTH, load_json, nesting_exceeds
from tests.conftest import make_draft

WORDS = "the ministry said on Tuesday that figures were revised after review".split()


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _random_json(rng: random.Random, levels: int) -> Any:
    """Nested lists and objects whose strings and keys hold brackets, quotes and
    backslashes: what the nesting measure must not be fooled by."""
    pieces = ["[", "]", "{", "}", '"', "\\", "\\\\", '\\"', "a", " ", "é", "😀"]

    def text() -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))

    if levels == 0 or rng.random() < 0.2:
        return rng.choice([text(), rng.randint(-5, 5), None, True, 1.5])
    if rng.random() < 0.5:
        return [_random_json(rng, levels - 1) for _ in range(rng.randint(0, 3))]
    return {f"{text()}{i}": _random_json(rng, levels - 1) for i in range(rng.randint(0, 3))}


def test_nesting_is_measured_exactly_on_the_bytes() -> None:
    rng = random.Random(8)
    for _ in range(3000):
        value = _random_json(rng, rng.randint(0, 8))
        data = json.dumps(
            value, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1])
        ).encode("utf-8")
        depth = _depth(value)
        for limit in (depth - 1, depth, depth + 1):
            if limit >= 0:
                assert nesting_exceeds(data, limit) == (depth > limit), (data, depth, limit)


def test_nesting_up_to_the_limit_is_read_and_one_more_level_is_refused() -> None:
    inner: Any = "x"
    for i in range(MAX_DEPTH):
        inner = [inner] if i % 2 else {"k": inner}
    assert load_json(json.dumps(inner).encode(), "ok.json") == inner
    with pytest.raises(SetError, match="nested deeper than 64 levels"):
        load_json(json.dumps([inner]).encode(), "deep.json")
    brackets_in_strings = json.dumps({"note": "[[[[{{{{" * 100, "k": '\\]\\}\\"]]'})
    assert load_json(brackets_in_strings.encode(), "strings.json")["note"].startswith("[[[[")


def test_a_hostile_deep_file_is_refused_as_deep_not_as_broken(tmp_path: Path) -> None:
    for name, text in (
        ("deep_list.jsonld", "[" * 100_000 + "1" + "]" * 100_000),
        ("deep_object.jsonld", '{"a":' * 100_000 + "1" + "}" * 100_000),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SetError, match="nested deeper than 64 levels"):
            read_annotation_file(path)
    truncated = tmp_path / "truncated.jsonld"
    truncated.write_text('{"a": [[[[1, 2', encoding="utf-8")
    with pytest.raises(SetError, match="not valid JSON"):
        read_annotation_file(truncated)


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.jsonld"
    with huge.open("wb") as handle:  # sparse: nothing is written
        handle.truncate(MAX_BYTES + 1)

    def never(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(strict_json, "available_memory", lambda: None)
    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(BadInput, match=r"huge\.jsonld: larger than 1,000 MB; not imported"):
        read_annotation_file(huge)


def test_the_limit_follows_the_free_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strict_json, "available_memory", lambda: 1_200_000_000)
    assert strict_json.size_limit() == 1_200_000_000 // strict_json.MEMORY_PER_BYTE
    big = tmp_path / "big.jsonld"
    with big.open("wb") as handle:
        handle.truncate(150_000_000)
    with pytest.raises(BadInput, match="what this machine's free memory can import"):
        read_annotation_file(big)
    monkeypatch.setattr(strict_json, "available_memory", lambda: 100_000_000)
    assert strict_json.size_limit() == strict_json.MIN_LIMIT  # never below 50 MB
    monkeypatch.setattr(strict_json, "available_memory", lambda: 10**13)
    assert strict_json.size_limit() == MAX_BYTES
    assert strict_json.too_large(1_000) is None


def test_the_export_layout_is_one_annotation_per_line_and_reads_back() -> None:
    article_text = "The ministry said on Tuesday. Ünïcode 😀 and “quotes” [in brackets].\n"
    doc = w3c.collection([(_article(article_text), _annotations(article_text, 3))], label="t")
    text = jsontext.lines(doc)
    assert json.loads(text) == doc
    assert text == jsontext.lines(doc)  # deterministic
    lines = text.splitlines()
    items = [line for line in lines if line.startswith('   {"@context"')]
    assert len(items) == 3 == doc["total"]
    assert all(json.loads(line.rstrip(",")) in doc["first"]["items"] for line in items)
    assert "😀" in text and "\\ud83d" not in text  # characters as they are, not escapes
    assert jsontext.lines({"items": []}) == '{"items": []}\n'


def _article(text: str):
    from annotator.domain import text as textrules
    from annotator.domain.model import Article

    return Article(
        id="5f0c6f1e-6d6b-4c59-9a55-0c1a5b8a7e11",
        text=text,
        sha256=textrules.sha256_text(text),
        title="Limits",
        imported_at=now_iso(),
    )


def _annotations(text: str, count: int, note_chars: int = 0) -> list[Annotation]:
    from annotator.domain import text as textrules

    rng = random.Random(count)
    out = []
    stamp = now_iso()
    words = " ".join(WORDS * (note_chars // 40 + 2))
    for i in range(count):
        start = rng.randrange(0, 20)
        end = start + rng.randint(3, 12)
        quote = textrules.quote_at(text, start, end)
        note = words[i % 40 : i % 40 + note_chars] if note_chars else ""
        out.append(
            Annotation(
                id=f"00000000-0000-4000-8000-{i:012d}",
                article_id="5f0c6f1e-6d6b-4c59-9a55-0c1a5b8a7e11",
                start=start,
                end=end,
                exact=quote.exact,
                prefix=quote.prefix,
                suffix=quote.suffix,
                tag="Claim",
                annotator="desk",
                created=stamp,
                modified=stamp,
                note=note,
            )
        )
    return out


def test_a_60_mb_export_of_the_desk_imports(tmp_path: Path) -> None:
    # notes near the 100,000-character limit make a 60 MB set of 700 annotations (a set of
    # 75,000 plain ones is as large; the bench imports 100,000 of those)
    project = Project.open(tmp_path / "desk.db", "desk")
    text = "The ministry said on Tuesday that the figures were revised after a review.\n"
    article = project.import_draft(make_draft(text)).article
    annotations = _annotations(text, 700, note_chars=90_000)
    doc = w3c.collection([(project.article(article.id), annotations)], label="desk export")
    path = tmp_path / "desk-export.jsonld"
    path.write_text(jsontext.lines(doc), encoding="utf-8")
    assert path.stat().st_size > 60_000_000  # over the 50 MB that used to be refused
    (report,) = project.import_annotations(read_annotation_file(path))
    assert (report.new, report.exact) == (700, 700)
    stored = {a.id: a for a in project.annotations(article.id)}
    assert len(stored) == 700
    assert stored[annotations[-1].id].note == annotations[-1].note
    project.close()
