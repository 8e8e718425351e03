"""Label Studio JSON tasks (the "JSON" export), and a labelling config to go with them.

One task per article: ``{"id", "data": {"text", "meta": {article_id, sha256,
title, url …}}, "annotations": [...]}``, one Label Studio annotation per
annotator (``created_username`` names them; ``completed_by`` is a number, as
Label Studio has its own users). Each span is a ``labels`` region whose id is
the annotation's UUID; what belongs to it rides on per-region results with the
same id, as Label Studio writes ``perRegion`` controls::

    {"id": "<uuid>", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 12, "end": 45, "text": "…", "labels": ["Claim"]}}
    {"id": "<uuid>", "from_name": "verdict", "to_name": "text", "type": "choices",
     "value": {"start": 12, "end": 45, "choices": ["Mostly true"]}}
    {"id": "<uuid>", "from_name": "explanation" | "actor" | "note", "to_name": "text",
     "type": "textarea", "value": {"start": 12, "end": 45, "text": ["…"]}}
    {"type": "relation", "from_id": "<uuid>", "to_id": "<uuid>", "direction": "right",
     "labels": ["denies"]}

:func:`labelstudio_config` writes the matching ``<View>`` (Labels, Relations,
and per-region Choices/TextAreas).

**Offsets.** Label Studio's ``Text`` tag counts code points: its front end was
changed (label-studio-frontend PR 308, 2022) to store code points instead of
JavaScript string (UTF-16) indices, and its own tests check that emoji count
as one. Exports therefore write code points. On reading, a region whose
``value.text`` does not match the code-point slice but matches the UTF-16 one
(an export of an older Label Studio) is converted with
:class:`~annotator.domain.text.Utf16Map`; one that matches neither is a
problem. Label Studio counts ``\\r\\n`` as two characters; the text is
normalised as an import stores it and the offsets mapped onto it.

Not carried: relation ids and creators, times of single spans, review states.
Cancelled annotations and model ``predictions`` are not read; relations with
``direction: "left"`` are turned round, ``"bi"`` ones read left to right; a
region with several labels becomes one annotation per label.
"""

from __future__ import annotations

import html
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
from annotator.domain.model import Rating, RelationType, Tag
from annotator.domain.text import Utf16Map, sha256_text
from annotator.formats.standoff import NormalizedText, is_int, opt_str, placed, short
from annotator.formats.strict_json import load_json

TEXTAREAS = ("actor", "note", "explanation")


def _region(uid: str, name: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": uid, "from_name": name, "to_name": "text", "type": kind, "value": value}


def tasks(data: ExportData) -> list[dict[str, Any]]:
    """The JSON-ready task list."""
    out: list[dict[str, Any]] = []
    users: dict[str, int] = {}
    for number, export in enumerate(data.articles, start=1):
        article = export.article
        by_user: dict[str, list[dict[str, Any]]] = {}
        times: dict[str, list[str]] = {}
        owner: dict[str, str] = {}
        for a in placed(article, export.annotations):
            owner[a.id] = a.annotator
            times.setdefault(a.annotator, []).extend([a.created, a.modified])
            span = {"start": a.start, "end": a.end}
            results = by_user.setdefault(a.annotator, [])
            results.append(
                _region(a.id, "label", "labels", {**span, "text": a.exact, "labels": [a.tag]})
                | {"origin": "manual"}
            )
            verdict = export.verdicts.get(a.id)
            if verdict is not None:
                results.append(
                    _region(a.id, "verdict", "choices", {**span, "choices": [verdict.rating]})
                )
            fields = {
                "actor": a.actor or "",
                "note": a.note,
                "explanation": verdict.explanation if verdict else "",
            }
            for name, value in fields.items():
                if value:
                    results.append(_region(a.id, name, "textarea", {**span, "text": [value]}))
        for r in export.relations:
            if not r.deleted and r.from_id in owner and r.to_id in owner:
                by_user[owner[r.from_id]].append(
                    {
                        "from_id": r.from_id,
                        "to_id": r.to_id,
                        "type": "relation",
                        "direction": "right",
                        "labels": [r.type],
                    }
                )
        annotations = []
        for user, results in by_user.items():
            user_id = users.setdefault(user, len(users) + 1)
            annotations.append(
                {
                    "id": len(annotations) + 1 + 1000 * number,
                    "completed_by": user_id,
                    "created_username": user,
                    "created_at": min(times[user]),
                    "updated_at": max(times[user]),
                    "was_cancelled": False,
                    "ground_truth": False,
                    "result": results,
                }
            )
        meta: dict[str, Any] = {"article_id": article.id, "sha256": article.sha256}
        for key in ("title", "url", "byline", "outlet", "published", "language"):
            value = getattr(article, key)
            if value:
                meta[key] = value
        out.append(
            {
                "id": number,
                "data": {"text": article.text, "meta": meta},
                "annotations": annotations,
                "predictions": [],
            }
        )
    return out


def to_labelstudio(data: ExportData) -> str:
    return json.dumps(tasks(data), ensure_ascii=False, indent=1) + "\n"


def write_labelstudio(data: ExportData, path: Path) -> Path:
    path.write_bytes(to_labelstudio(data).encode("utf-8"))
    return path


def labelstudio_config(
    tags: list[Tag], relation_types: list[RelationType], ratings: list[Rating]
) -> str:
    """A Label Studio labelling config (XML) for these tags, links and verdict scale."""

    def attr(value: str) -> str:
        return html.escape(value, quote=True)

    lines = ["<View>", "  <Relations>"]
    lines += [f'    <Relation value="{attr(r.name)}"/>' for r in relation_types]
    lines += ["  </Relations>", '  <Labels name="label" toName="text">']
    lines += [f'    <Label value="{attr(t.name)}" background="{attr(t.colour)}"/>' for t in tags]
    lines += ["  </Labels>", '  <Text name="text" value="$text" granularity="symbol"/>']
    lines += ['  <View visibleWhen="region-selected">', '    <Header value="Verdict"/>']
    lines.append('    <Choices name="verdict" toName="text" perRegion="true" choice="single">')
    lines += [f'      <Choice value="{attr(r.name)}"/>' for r in ratings]
    lines.append("    </Choices>")
    for name in TEXTAREAS:
        lines.append(f'    <Header value="{name.capitalize()}"/>')
        lines.append(
            f'    <TextArea name="{name}" toName="text" perRegion="true" editable="true" '
            'maxSubmissions="1" rows="2"/>'
        )
    lines += ["  </View>", "</View>"]
    return "\n".join(lines) + "\n"


# --- reading -------------------------------------------------------------------------


def _user(annotation: dict[str, Any]) -> str | None:
    name = annotation.get("created_username")
    if isinstance(name, str) and name.strip():
        name = name.strip()
        head, _, tail = name.rpartition(",")
        return head.strip() if head and tail.strip().isdigit() else name
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return opt_str(who.get("email")) or opt_str(who.get("username"))
    return None


class _Task:
    def __init__(self, number: int, task: object) -> None:
        self.number = number
        self.problems: list[str] = []
        self.result: ArticleSet | None = None
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            self.problem('not a task (an object with "data")')
            return
        self.name = f"task {task['id']}" if is_int(task.get("id")) else f"task #{number}"
        data = task["data"]
        texts = [k for k, v in data.items() if isinstance(v, str)]
        key = "text" if isinstance(data.get("text"), str) else (texts[0] if len(texts) == 1 else "")
        if not key:
            self.problem('no "text" in its data')
            return
        self.doc = NormalizedText(data[key])
        self.u16: Utf16Map | None = None
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        annotations = task.get("annotations", task.get("completions", []))
        if not isinstance(annotations, list):
            self.problem('"annotations" is not a list')
            return
        spans: list[SetAnnotation] = []
        relations: list[SetRelation] = []
        for i, annotation in enumerate(annotations, start=1):
            if not isinstance(annotation, dict) or not isinstance(annotation.get("result"), list):
                self.problem(f"annotation #{i}: no result list")
            elif not annotation.get("was_cancelled"):
                self._results(annotation, spans, relations)
        keys = {s.key for s in spans}
        for r in relations:
            missing = [k for k in (r.from_key, r.to_key) if k not in keys]
            if missing:
                self.problem(f"relation {r.from_key} → {r.to_key}: no region {', '.join(missing)}")
        if self.problems:
            return
        text = self.doc.text
        ref = ArticleRef(
            sha256=sha256_text(text),
            url=opt_str(meta.get("url")),
            title=opt_str(meta.get("title")),
            text=text,
            key=str(task.get("id", number)),
        )
        self.result = ArticleSet(ref, spans, relations)

    def problem(self, message: str) -> None:
        where = getattr(self, "name", f"task #{self.number}")
        self.problems.append(f"{where}: {message}")

    def _offsets(self, rid: str, value: dict[str, Any]) -> tuple[int, int] | None:
        raw = self.doc.raw
        start, end, quote = value.get("start"), value.get("end"), value.get("text")
        if not (is_int(start) and is_int(end)):
            self.problem(f"region {rid}: start and end must be whole numbers (a Text region)")
            return None
        assert isinstance(start, int) and isinstance(end, int)
        if quote is not None and not isinstance(quote, str):
            self.problem(f"region {rid}: its text is not a string")
            return None
        if 0 <= start < end <= len(raw) and (quote is None or raw[start:end] == quote):
            return start, end
        if self.u16 is None:
            self.u16 = Utf16Map(raw)
        if quote is not None and 0 <= start < end <= self.u16.length_u16:
            s, e = self.u16.to_codepoint(start), self.u16.to_codepoint(end)
            if raw[s:e] == quote:
                return s, e
        if quote is None:
            self.problem(f"region {rid}: offsets {start}..{end} outside the text (0..{len(raw)})")
        else:
            self.problem(
                f"region {rid}: {short(quote)!r} is not at {start}..{end} "
                f"(the text there: {short(raw[start:end])!r})"
            )
        return None

    def _results(
        self, annotation: dict[str, Any], spans: list[SetAnnotation], relations: list[SetRelation]
    ) -> None:
        user = _user(annotation)
        regions: dict[str, tuple[list[str], int, int]] = {}
        extra: dict[str, dict[str, str]] = {}
        for n, item in enumerate(annotation["result"], start=1):
            if not isinstance(item, dict):
                self.problem(f"result #{n}: not an object")
                continue
            kind, rid, value = item.get("type"), item.get("id"), item.get("value")
            if kind == "relation":
                self._relation(n, item, relations)
                continue
            if not isinstance(rid, str | int) or not isinstance(value, dict):
                continue  # not about a region (e.g. a choice for the whole task)
            rid = str(rid)
            control = str(item.get("from_name", "")).casefold()
            if kind == "labels":
                labels = value.get("labels")
                if not isinstance(labels, list) or not labels:
                    self.problem(f"region {rid}: no labels")
                    continue
                if not all(isinstance(x, str) and x.strip() for x in labels):
                    self.problem(f"region {rid}: labels must be text")
                    continue
                found = self._offsets(rid, value)
                if found:
                    regions[rid] = (labels, *found)
                meta = item.get("meta")
                if isinstance(meta, dict) and isinstance(meta.get("text"), list):
                    extra.setdefault(rid, {}).setdefault("note", "\n".join(map(str, meta["text"])))
            elif kind == "choices" and control == "verdict":
                choices = value.get("choices")
                if isinstance(choices, list) and choices and isinstance(choices[0], str):
                    extra.setdefault(rid, {})["verdict"] = choices[0]
            elif kind == "textarea" and control in TEXTAREAS:
                lines = value.get("text")
                if isinstance(lines, list) and all(isinstance(x, str) for x in lines):
                    extra.setdefault(rid, {})[control] = "\n".join(lines)
        text = self.doc.text
        for rid, (labels, raw_start, raw_end) in regions.items():
            s, e = self.doc.to_stored(raw_start), self.doc.to_stored(raw_end)
            info = extra.get(rid, {})
            for k, label in enumerate(labels):
                spans.append(
                    SetAnnotation(
                        tag=label.strip(),
                        exact=text[s:e],
                        start=s,
                        end=e,
                        prefix=text[max(0, s - 32) : s],
                        suffix=text[e : e + 32],
                        id=rid if k == 0 and len(rid) == 36 else None,
                        key=rid if k == 0 else f"{rid}#{k + 1}",
                        actor=info.get("actor") or None,
                        note=info.get("note", ""),
                        annotator=user,
                        verdict=info.get("verdict"),
                        verdict_explanation=info.get("explanation", ""),
                    )
                )

    def _relation(self, n: int, item: dict[str, Any], relations: list[SetRelation]) -> None:
        ends = item.get("from_id"), item.get("to_id")
        labels = item.get("labels") or []
        if not all(isinstance(x, str | int) for x in ends):
            self.problem(f"result #{n}: a relation needs from_id and to_id")
        elif not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            self.problem(f"result #{n}: relation labels must be text")
        elif not labels:
            self.problem(f"relation {ends[0]} → {ends[1]}: no label (its type)")
        else:
            a, b = str(ends[0]), str(ends[1])
            if item.get("direction") == "left":
                a, b = b, a
            relations.extend(SetRelation(a, b, label.strip()) for label in labels)


def read_labelstudio(data: bytes, name: str, *, document: Any = None) -> AnnotationSet:
    """The annotation set of a Label Studio JSON export; raises :class:`SetError`
    listing every bad task, region and relation. ``document``: ``data`` already parsed
    by :func:`load_json` (not parsed twice)."""
    value = load_json(data, name) if document is None else document
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not value:
        raise SetError(name, ["not a list of Label Studio tasks"])
    problems: list[str] = []
    articles: list[ArticleSet] = []
    for number, task in enumerate(value, start=1):
        parsed = _Task(number, task)
        problems.extend(parsed.problems)
        if parsed.result is not None:
            articles.append(parsed.result)
    if problems:
        raise SetError(name, problems)
    return AnnotationSet("labelstudio", name, articles)
