"""Hostile annotation sets in every format the app imports (W3C JSON-LD, doccano JSONL,
Label Studio, Hypothesis, brat): NaN and Infinity, 1e400 and 10^400, duplicate keys,
wrong types, offsets out of range, 100,000-deep nesting, huge strings, lone surrogates,
and markup in every field. A refused set must leave the database exactly as it was."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.formats.draft import ArticleDraft
from tests.reliability.hostile.cases import IMPORTED, REFUSED, Case, Context

BASE_TEXT = (
    "The United States says North Korea supplied artillery rounds to Russia. "
    "Both Russia and North Korea deny that. Satellite images showed trains at the border."
)
BASE_TITLE = "Hostile base article"
SHA = hashlib.sha256(BASE_TEXT.encode("utf-8")).hexdigest()
SOURCE = "urn:uuid:5b0e8f52-7c1e-4d2a-9b1e-2f4f6d1c0a11"
MARK = 987654  # a number in a valid set that a mutation replaces with something hostile


def base_draft(**meta: Any) -> ArticleDraft:
    """The article every set is imported into (``meta`` adds fields)."""
    return ArticleDraft(
        text=BASE_TEXT,
        source_format="txt",
        original=BASE_TEXT.encode(),
        original_name="base.txt",
        media_type="text/plain",
        title=BASE_TITLE,
        **meta,
    )


def _folder(ctx: Context) -> Path:
    folder = ctx.imports / "sets"
    folder.mkdir(exist_ok=True)
    return folder


def _write(ctx: Context, name: str, text: str | bytes) -> Path:
    path = _folder(ctx) / name
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return path


# --- W3C ---------------------------------------------------------------------------------


def _quote(start: object, end: object) -> str:
    fits = isinstance(start, int) and isinstance(end, int) and 0 <= start < end < len(BASE_TEXT)
    return BASE_TEXT[start:end] if fits else "United States"  # type: ignore[misc]


def w3c_item(**change: Any) -> dict[str, Any]:
    start, end = change.pop("start", 4), change.pop("end", 17)
    item: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "Annotation",
        "motivation": "classifying",
        "created": "2024-06-19T10:00:00Z",
        "modified": "2024-06-19T10:00:00Z",
        "creator": {"type": "Person", "name": change.pop("creator", "mallory")},
        "body": [
            {"type": "TextualBody", "purpose": "classifying", "value": change.pop("tag", "Claim")},
            {"type": "TextualBody", "purpose": "commenting", "value": change.pop("note", "n")},
        ],
        "target": {
            "source": SOURCE,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": change.pop("exact", _quote(start, end)),
                    "prefix": "The ",
                    "suffix": " says North",
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }
    for key, value in change.items():
        item[key] = value
    return item


def w3c_doc(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": [
            "http://www.w3.org/ns/anno.jsonld",
            {"annotator": "https://w3id.org/annotator/ns#"},
        ],
        "type": "AnnotationCollection",
        "annotator:articles": [
            {"id": SOURCE, "annotator:sha256": SHA, "annotator:title": BASE_TITLE}
        ],
        "first": {"type": "AnnotationPage", "items": items},
    }


def _w3c(name: str, text: Callable[[Context], str]) -> Callable[[Context], Path]:
    return lambda ctx: _write(ctx, f"{name}.jsonld", text(ctx))


def _marked(replacement: str, **change: Any) -> Callable[[Context], str]:
    """A valid W3C set whose start offset is replaced, as JSON text, by ``replacement``."""
    return lambda ctx: json.dumps(w3c_doc([w3c_item(start=MARK, end=MARK + 1, **change)])).replace(
        f'"start": {MARK}', f'"start": {replacement}'
    )


def _deep(open_: str, close: str, middle: str = "1") -> str:
    return open_ * 100_000 + middle + close * 100_000


def _wrong_types(ctx: Context) -> str:
    items = [
        w3c_item(start="4", end="17"),
        w3c_item(exact=5),
        w3c_item(note=["a", "list"]),
        w3c_item(created=20240619),
        w3c_item(target=3),
    ]
    return json.dumps(w3c_doc(items))


def _markup(ctx: Context) -> str:
    img = f"<img src='{ctx.secret_url}'><img src='{ctx.canary}/tip.gif'>"
    item = w3c_item(
        start=4, end=17, note=f"<b>note</b>{img}", creator=f"<i>who</i>{img}", tag="<b>T</b>"
    )
    item["body"].append(
        {"type": "TextualBody", "purpose": "identifying", "value": f"<u>actor</u>{img}"}
    )
    item["body"].append(
        {
            "type": "TextualBody",
            "purpose": "assessing",
            "annotator:role": "verdict",
            "value": "True",
            "annotator:explanation": f"<s>why</s>{img}",
        }
    )
    # a tag name has at most 100 characters: the canary's address is short enough (Qt
    # never fetches http in a tooltip, but an unescaped <img> there is caught as markup)
    second = w3c_item(start=73, end=111, tag=f"<img src='{ctx.canary}/t.gif'>", note="markup")
    return json.dumps(w3c_doc([item, second]))


def _w3c_cases() -> list[Case]:
    def w3c(name: str, text: Callable[[Context], str], message: str, **kw: Any) -> Case:
        return Case(name, "set", REFUSED, _w3c(name, text), message, **kw)

    item = w3c_item
    return [
        w3c("w3c_nan", _marked("NaN"), "NaN is not a number"),
        w3c("w3c_infinity", _marked("-Infinity"), "Infinity is not a number"),
        w3c("w3c_float_1e400", _marked("1e400"), "not an integer"),
        w3c("w3c_int_10e400", _marked("1" + "0" * 400), "out of range"),
        w3c("w3c_int_5000_digits", _marked("9" * 5000), "not valid JSON"),
        w3c(
            "w3c_duplicate_keys",
            lambda ctx: json.dumps(w3c_doc([item()])).replace(
                '"motivation": "classifying"', '"motivation": "classifying", "motivation": "x"'
            ),
            "appears twice",
        ),
        w3c("w3c_wrong_types", _wrong_types, "not an integer"),
        w3c("w3c_bool_offset", _marked("true"), "not an integer"),
        w3c(
            "w3c_offsets_reversed",
            lambda c: json.dumps(w3c_doc([item(start=17, end=4)])),
            "not before",
        ),
        w3c("w3c_offsets_negative", _marked("-5"), "out of range"),
        Case(  # a quote the text does not hold: kept as an orphan, never placed wrongly
            "w3c_offsets_beyond_text",
            "set",
            IMPORTED,
            _w3c(
                "w3c_beyond",
                lambda c: json.dumps(
                    w3c_doc([item(start=5000, end=5010, exact="not in the text")])
                ),
            ),
        ),
        w3c("w3c_deep_list", lambda c: _deep("[", "]"), "nested deeper"),
        w3c("w3c_deep_object", lambda c: _deep('{"a":', "}"), "nested deeper"),
        w3c(
            "w3c_lone_surrogate", lambda c: json.dumps(w3c_doc([item(note="\ud800")])), "surrogate"
        ),
        w3c(
            "w3c_huge_tag",
            lambda c: json.dumps(w3c_doc([item(tag="T" * 5_000_000)])),
            "tag name",
            options={"create_tags": True},
        ),
        w3c(
            "w3c_control_tag",
            lambda c: json.dumps(w3c_doc([item(tag="Cl\u0000aim\nEvil")])),
            "tag name",
            options={"create_tags": True},
        ),
        w3c(
            "w3c_huge_note",
            lambda c: json.dumps(w3c_doc([item(note="N" * 20_000_000)])),
            "note is longer than 100,000 characters",
        ),
        w3c(
            "w3c_huge_actor",
            lambda c: json.dumps(w3c_doc([item(creator="A" * 3_000_000)])),
            "annotator is longer than 200 characters",
        ),
        Case(
            "w3c_markup_everywhere",
            "set",
            IMPORTED,
            _w3c("w3c_markup", _markup),
            options={"create_tags": True},
        ),
    ]


# --- doccano, Label Studio, Hypothesis ---------------------------------------------------


def doccano_line(**entity: Any) -> dict[str, Any]:
    value = {"id": 1, "label": "Claim", "start_offset": 4, "end_offset": 17, **entity}
    return {"id": 1, "text": BASE_TEXT, "entities": [value], "relations": []}


def _jsonl(name: str, line: Callable[[], str]) -> Callable[[Context], Path]:
    return lambda ctx: _write(
        ctx, f"{name}.jsonl", line() + "\n" + json.dumps(doccano_line()) + "\n"
    )


def ls_task(**value: Any) -> list[dict[str, Any]]:
    region = {"start": 4, "end": 17, "text": "United States", "labels": ["Claim"], **value}
    result = [
        {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": region}
    ]
    return [{"id": 1, "data": {"text": BASE_TEXT}, "annotations": [{"id": 1, "result": result}]}]


def hypothesis_rows(**row: Any) -> dict[str, Any]:
    selector = [
        {"type": "TextQuoteSelector", "exact": "United States", "prefix": "The ", "suffix": " says"}
    ]
    base = {
        "id": "h1",
        "uri": "https://example.org/base",
        "user": "acct:mallory@hypothes.is",
        "tags": ["Claim"],
        "text": "note",
        "target": [{"source": "https://example.org/base", "selector": selector}],
    }
    return {"total": 1, "rows": [{**base, **row}]}


def _json(name: str, value: Callable[[], str]) -> Callable[[Context], Path]:
    return lambda ctx: _write(ctx, f"{name}.json", value())


def _doccano(name: str, **entity: Any) -> Callable[[Context], Path]:
    return _jsonl(name, lambda: json.dumps(doccano_line(**entity)))


def _doccano_text(name: str, old: str, new: str, **entity: Any) -> Callable[[Context], Path]:
    return _jsonl(name, lambda: json.dumps(doccano_line(**entity)).replace(old, new, 1))


def _ls(name: str, old: str = "", new: str = "", **value: Any) -> Callable[[Context], Path]:
    return _json(name, lambda: json.dumps(ls_task(**value)).replace(old, new, 1))


def _hyp(name: str, old: str = "", new: str = "", **row: Any) -> Callable[[Context], Path]:
    return _json(name, lambda: json.dumps(hypothesis_rows(**row)).replace(old, new, 1))


def _raw(name: str, text: str) -> Callable[[Context], Path]:
    return lambda ctx: _write(ctx, name, text)


def _other_cases() -> list[Case]:
    def refused(name: str, build: Callable[[Context], Path], message: str) -> Case:
        return Case(name, "set", REFUSED, build, message)

    d_mark, ls_mark = f'"start_offset": {MARK}', f'"start": {MARK}'
    deep = _deep("[", "]", "")
    return [
        refused(
            "doccano_nan",
            _doccano_text("d_nan", d_mark, '"start_offset": NaN', start_offset=MARK),
            "NaN is not a number",
        ),
        refused(
            "doccano_bool_offset",
            _doccano_text("d_bool", d_mark, '"start_offset": true', start_offset=MARK),
            "whole numbers",
        ),
        refused(
            "doccano_duplicate_keys",
            _doccano_text("d_dup", '"id": 1,', '"id": 1, "id": 2,'),
            "twice",
        ),
        refused("doccano_wrong_types", _doccano("d_types", start_offset="4"), "whole numbers"),
        refused("doccano_out_of_range", _doccano("d_range", end_offset=10**6), "outside the text"),
        refused("doccano_huge_int", _doccano("d_huge", end_offset=10**400), "outside the text"),
        refused(
            "doccano_deep",
            _raw("d_deep.jsonl", '{"text": "x", "entities": ' + deep + "}"),
            "nested deeper",
        ),
        refused(
            "labelstudio_nan",
            _ls("ls_nan", ls_mark, '"start": NaN', start=MARK),
            "NaN is not a number",
        ),
        refused(
            "labelstudio_duplicate_keys",
            _ls("ls_dup", '"end": 17', '"end": 17, "end": 18'),
            "twice",
        ),
        refused("labelstudio_wrong_types", _ls("ls_types", start="4"), "whole numbers"),
        refused("labelstudio_out_of_range", _ls("ls_range", end=10**7), "is not at"),
        refused(
            "labelstudio_deep",
            _raw("ls_deep.json", '[{"data": {"text": "x"}, "annotations": ' + deep + "}]"),
            "nested deeper",
        ),
        refused(
            "hypothesis_nan", _hyp("h_nan", '"total": 1', '"total": NaN'), "NaN is not a number"
        ),
        refused(
            "hypothesis_duplicate_keys",
            _hyp("h_dup", '"text": "note"', '"text": "a", "text": "b"'),
            "twice",
        ),
        refused(
            "hypothesis_wrong_types", _hyp("h_types", tags="Claim", text=5), "is not a list of text"
        ),
        refused(
            "hypothesis_deep",
            _raw("h_deep.json", '{"total": 1, "rows": ' + deep + "}"),
            "nested deeper",
        ),
    ]


# --- brat ----------------------------------------------------------------------------------


def _brat(name: str, ann: bytes, text: bytes | None = None) -> Callable[[Context], Path]:
    def build(ctx: Context) -> Path:
        folder = _folder(ctx) / name
        folder.mkdir()
        (folder / "base.txt").write_bytes(BASE_TEXT.encode() if text is None else text)
        (folder / "base.ann").write_bytes(ann)
        return folder

    return build


def _brat_cases() -> list[Case]:
    def refused(name: str, ann: bytes, message: str, text: bytes | None = None) -> Case:
        return Case(name, "set", REFUSED, _brat(name, ann, text), message)

    huge = b"1" + b"0" * 400
    return [
        refused("brat_out_of_range", b"T1\tClaim 4 99999\tUnited States\n", "outside the text"),
        refused("brat_huge_offset", b"T1\tClaim 4 " + huge + b"\tUS\n", "outside the text"),
        refused("brat_not_numbers", b"T1\tClaim four 17\tUnited States\n", "expected 'T1"),
        refused("brat_reversed", b"T1\tClaim 17 4\tUnited States\n", "out of order"),
        refused("brat_invalid_utf8", b"T1\tClaim 4 17\tUnited \xff\xfe States\n", "not UTF-8"),
        refused("brat_text_not_utf8", b"T1\tClaim 4 17\tUS\n", "not UTF-8", b"\xff\xfe\xfd" * 40),
        refused("brat_wrong_quote", b"T1\tClaim 4 17\tSomething else\n", "does not match"),
        refused("brat_nul_bytes", b"T1\tClaim 4 17\tUnited\x00States\n", "does not match"),
    ]


SET_CASES = _w3c_cases() + _other_cases() + _brat_cases()
