"""doccano JSONL: sequence labelling with relations (doccano 1.6+), one article a line.

Each line is one JSON object::

    {"id": 1, "text": "…",
     "entities": [{"id": 1, "label": "Claim", "start_offset": 12, "end_offset": 45}],
     "relations": [{"id": 1, "from_id": 3, "to_id": 1, "type": "denies"}],
     "Comments": [],
     "meta": {"article_id": "…", "sha256": "…", "title": "…", "url": "…",
              "annotations": {"1": {"id": "<uuid>", "actor": "…", "note": "…",
                                    "annotator": "…", "created": "…", "modified": "…",
                                    "verdict": "…", "verdict_explanation": "…"}},
              "relations": {"1": {"id": "<uuid>", "annotator": "…", "created": "…"}}}}

Offsets are Python string indices (code points) of ``text``, end exclusive —
doccano's own (its backend is Python). Entity and relation ids are whole
numbers unique in the file. What doccano has no field for (ids, actors,
notes, annotators, times, verdicts) travels in ``meta``, keyed by entity and
relation id; doccano keeps unknown keys of an imported line as the example's
metadata and writes them back on export. Review states are not carried.

Reading (:func:`read_doccano`) is strict: every line must be a JSON object
(no NaN/Infinity, no duplicate keys) with a string ``text``; offsets must be
whole numbers inside it; relations must name entities of the same line;
every problem is reported with its line number. The older form ``"label":
[[start, end, "Claim"], …]`` (or ``"labels"``) is read too. The text is
normalised as an import stores it, offsets mapped onto it (``\\r\\n`` counted
by the file's offsets, decomposed accents), and the SHA-256 in the
:class:`ArticleRef` is the one of that normalised text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.domain.exchange import (
    AnnotationSet,
    ArticleRef,
    ArticleSet,
    ExportData,
    SetAnnotation,
    SetError,
    SetRelation,
)
from annotator.domain.text import sha256_text
from annotator.formats.standoff import (
    NormalizedText,
    decode_utf8,
    is_int,
    opt_str,
    placed,
)
from annotator.formats.strict_json import load_json

_ANNOTATION_FIELDS = (
    "id",
    "actor",
    "note",
    "annotator",
    "created",
    "modified",
    "verdict",
    "verdict_explanation",
    "verdict_annotator",
    "verdict_created",
    "verdict_modified",
)


def doccano_lines(data: ExportData) -> list[dict[str, Any]]:
    """One JSON-ready object per article."""
    lines: list[dict[str, Any]] = []
    entity_id = relation_id = 0
    for number, export in enumerate(data.articles, start=1):
        article = export.article
        entities: list[dict[str, Any]] = []
        extra: dict[str, dict[str, Any]] = {}
        ids: dict[str, int] = {}
        for a in placed(article, export.annotations):
            entity_id += 1
            ids[a.id] = entity_id
            entities.append(
                {"id": entity_id, "label": a.tag, "start_offset": a.start, "end_offset": a.end}
            )
            info: dict[str, Any] = {
                "id": a.id,
                "annotator": a.annotator,
                "created": a.created,
                "modified": a.modified,
            }
            if a.actor:
                info["actor"] = a.actor
            if a.note:
                info["note"] = a.note
            verdict = export.verdicts.get(a.id)
            if verdict is not None:
                info.update(
                    verdict=verdict.rating,
                    verdict_explanation=verdict.explanation,
                    verdict_annotator=verdict.annotator,
                    verdict_created=verdict.created,
                    verdict_modified=verdict.modified,
                )
            extra[str(entity_id)] = info
        relations: list[dict[str, Any]] = []
        relation_extra: dict[str, dict[str, Any]] = {}
        for r in export.relations:
            if r.deleted or r.from_id not in ids or r.to_id not in ids:
                continue
            relation_id += 1
            relations.append(
                {
                    "id": relation_id,
                    "from_id": ids[r.from_id],
                    "to_id": ids[r.to_id],
                    "type": r.type,
                }
            )
            relation_extra[str(relation_id)] = {
                "id": r.id,
                "annotator": r.annotator,
                "created": r.created,
            }
        meta: dict[str, Any] = {"article_id": article.id, "sha256": article.sha256}
        for key in ("title", "url", "byline", "outlet", "published", "language"):
            value = getattr(article, key)
            if value:
                meta[key] = value
        meta.update(annotations=extra, relations=relation_extra)
        lines.append(
            {
                "id": number,
                "text": article.text,
                "entities": entities,
                "relations": relations,
                "Comments": [],
                "meta": meta,
            }
        )
    return lines


def to_doccano(data: ExportData) -> str:
    """The JSONL text: one compact JSON object a line, each line ending in ``\\n``."""
    return "".join(
        json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
        for line in doccano_lines(data)
    )


def write_doccano(data: ExportData, path: Path) -> Path:
    path.write_bytes(to_doccano(data).encode("utf-8"))
    return path


# --- reading -------------------------------------------------------------------------


class _Line:
    def __init__(self, number: int, obj: object) -> None:
        self.number = number
        self.problems: list[str] = []
        self.result: ArticleSet | None = None
        if not isinstance(obj, dict):
            self.problem("not a JSON object")
            return
        raw = obj.get("text")
        if not isinstance(raw, str):
            self.problem('no "text" string')
            return
        self.doc = NormalizedText(raw)
        meta = obj.get("meta", {})
        if not isinstance(meta, dict):
            self.problem('"meta" is not an object')
            meta = {}
        self.meta = meta
        extra = self._table(meta, "annotations")
        spans = self._entities(obj, extra)
        relations = self._relations(obj, spans, self._table(meta, "relations"))
        if self.problems:
            return
        text = self.doc.text
        title = opt_str(meta.get("title")) or opt_str(obj.get("title"))
        url = opt_str(meta.get("url")) or opt_str(obj.get("url"))
        key = obj.get("id")
        ref = ArticleRef(
            sha256=sha256_text(text),
            url=url,
            title=title,
            text=text,
            key=str(key) if is_int(key) or isinstance(key, str) else f"line {number}",
        )
        self.result = ArticleSet(ref, list(spans.values()), relations)

    def problem(self, message: str) -> None:
        self.problems.append(f"line {self.number}: {message}")

    def _table(self, meta: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
        table = meta.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            self.problem(f'"meta.{name}" is not an object of objects')
            return {}
        return table

    def _entities(
        self, obj: dict[str, Any], extra: dict[str, dict[str, Any]]
    ) -> dict[str, SetAnnotation]:
        found: list[tuple[str, object, object, object]] = []
        if "entities" in obj:
            entities = obj["entities"]
            if not isinstance(entities, list):
                self.problem('"entities" is not a list')
                return {}
            for i, e in enumerate(entities, start=1):
                if not isinstance(e, dict) or not (
                    is_int(e.get("id")) or isinstance(e.get("id"), str)
                ):
                    self.problem(f"entity #{i}: not an object with an id")
                    continue
                found.append(
                    (str(e["id"]), e.get("label"), e.get("start_offset"), e.get("end_offset"))
                )
        else:
            old = obj.get("label", obj.get("labels", []))
            if not isinstance(old, list):
                self.problem('"label" is not a list of [start, end, label]')
                return {}
            for i, item in enumerate(old, start=1):
                if not isinstance(item, list) or len(item) != 3:
                    self.problem(f"label #{i}: not [start, end, label]")
                    continue
                found.append((str(i), item[2], item[0], item[1]))
        spans: dict[str, SetAnnotation] = {}
        for key, label, start, end in found:
            made = self._span(key, label, start, end, extra.get(key, {}))
            if key in spans:
                self.problem(f"entity {key}: the id is used twice")
            elif made is not None:
                spans[key] = made
        return spans

    def _span(
        self, key: str, label: object, start: object, end: object, info: dict[str, Any]
    ) -> SetAnnotation | None:
        raw = self.doc.raw
        if not isinstance(label, str) or not label.strip():
            self.problem(f"entity {key}: no label")
            return None
        if not (is_int(start) and is_int(end)):
            self.problem(f"entity {key}: offsets must be whole numbers")
            return None
        assert isinstance(start, int) and isinstance(end, int)
        if not 0 <= start < end <= len(raw):
            self.problem(f"entity {key}: offsets {start}..{end} outside the text (0..{len(raw)})")
            return None
        bad = [k for k in _ANNOTATION_FIELDS if k in info and not isinstance(info[k], str)]
        if bad:
            self.problem(f"entity {key}: meta {', '.join(bad)} must be text")
            return None
        s, e = self.doc.to_stored(start), self.doc.to_stored(end)
        text = self.doc.text
        return SetAnnotation(
            tag=label.strip(),
            exact=text[s:e],
            start=s,
            end=e,
            prefix=text[max(0, s - 32) : s],
            suffix=text[e : e + 32],
            id=opt_str(info.get("id")),
            key=key,
            actor=opt_str(info.get("actor")),
            note=info.get("note", ""),
            annotator=opt_str(info.get("annotator")),
            created=opt_str(info.get("created")),
            modified=opt_str(info.get("modified")),
            verdict=opt_str(info.get("verdict")),
            verdict_explanation=info.get("verdict_explanation", ""),
            verdict_annotator=opt_str(info.get("verdict_annotator")),
            verdict_created=opt_str(info.get("verdict_created")),
            verdict_modified=opt_str(info.get("verdict_modified")),
        )

    def _relations(
        self,
        obj: dict[str, Any],
        spans: dict[str, SetAnnotation],
        extra: dict[str, dict[str, Any]],
    ) -> list[SetRelation]:
        relations = obj.get("relations", [])
        if not isinstance(relations, list):
            self.problem('"relations" is not a list')
            return []
        out: list[SetRelation] = []
        for i, r in enumerate(relations, start=1):
            if not isinstance(r, dict):
                self.problem(f"relation #{i}: not an object")
                continue
            name = f"relation {r['id']}" if is_int(r.get("id")) else f"relation #{i}"
            ends = [r.get("from_id"), r.get("to_id")]
            kind = r.get("type")
            if not all(is_int(x) or isinstance(x, str) for x in ends):
                self.problem(f"{name}: from_id and to_id must name entities")
            elif not isinstance(kind, str) or not kind.strip():
                self.problem(f"{name}: no type")
            elif any(str(x) not in spans for x in ends):
                missing = [str(x) for x in ends if str(x) not in spans]
                self.problem(f"{name}: no entity {', '.join(missing)} on this line")
            else:
                info = extra.get(str(r.get("id")), {})
                out.append(
                    SetRelation(
                        str(ends[0]),
                        str(ends[1]),
                        kind.strip(),
                        id=opt_str(info.get("id")),
                        annotator=opt_str(info.get("annotator")),
                        created=opt_str(info.get("created")),
                    )
                )
        return out


def read_doccano(data: bytes, name: str) -> AnnotationSet:
    """The annotation set of a doccano JSONL file; raises :class:`SetError` listing
    every bad line and item."""
    try:
        text = decode_utf8(data)
    except ValueError as exc:
        raise SetError(name, [str(exc)]) from None
    problems: list[str] = []
    articles: list[ArticleSet] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            obj = load_json(line.encode("utf-8"), name)
        except SetError as exc:
            problems.extend(f"line {number}: {p}" for p in exc.problems)
            continue
        parsed = _Line(number, obj)
        problems.extend(parsed.problems)
        if parsed.result is not None:
            articles.append(parsed.result)
    if not problems and not articles:
        problems.append("no lines with a text")
    if problems:
        raise SetError(name, problems)
    return AnnotationSet("doccano", name, articles)
