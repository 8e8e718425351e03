"""Reading W3C Web Annotations: what :mod:`annotator.formats.w3c` writes, and plain W3C
from other tools (one Annotation, a list, an AnnotationPage or an AnnotationCollection).

Strict: the JSON must be valid (no NaN or Infinity, no duplicate keys, bounded size and
nesting), every item must have the right types, offsets must be whole numbers with
``0 <= start < end``. Every problem is collected and the set is refused as a whole
with :class:`SetError` naming the bad items. Offsets that do not fit the stored text
are not an error here: the import re-anchors by the quote.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.domain.exchange import (
    AnnotationSet,
    ArticleRef,
    ArticleSet,
    SetAnnotation,
    SetError,
    SetRelation,
    SetReview,
)
from annotator.formats.strict_json import load_json
from annotator.formats.w3c_span import MAX_OFFSET, plain_span, uuid_of

TAG_PURPOSES = ("classifying", "tagging")


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("type", obj.get("@type"))
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str)}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _strings(value: Any) -> set[str]:
    """The strings of a value that may be one string or a list (anything else ignored)."""
    return {v for v in _as_list(value) if isinstance(v, str)}


def looks_like_w3c(value: Any) -> bool:
    """Whether parsed JSON looks like Web Annotations (for format detection)."""
    first = value[0] if isinstance(value, list) and value else value
    if not isinstance(first, dict):
        return False
    context = json.dumps(first.get("@context", ""))
    kinds = _types(first)
    return "ns/anno.jsonld" in context or bool(
        kinds & {"Annotation", "AnnotationPage", "AnnotationCollection"}
    )


def _items(doc: Any, problems: list[str]) -> list[Any]:
    """The annotations of a collection (first page embedded, or pages as a list), a page,
    a list, or a single annotation."""
    if isinstance(doc, list):
        out: list[Any] = []
        for entry in doc:
            is_page = isinstance(entry, dict) and "AnnotationPage" in _types(entry)
            out.extend(_items(entry, problems) if is_page else [entry])
        return out
    if not isinstance(doc, dict):
        problems.append("the file is neither a JSON object nor a list")
        return []
    kinds = _types(doc)
    if "AnnotationCollection" in kinds:
        first = doc.get("first")
        if isinstance(first, (dict, list)):
            return _items(first, problems)
        if "items" in doc:
            return _items(doc["items"], problems)
        problems.append("the collection embeds no page (first) and no items")
        return []
    if "AnnotationPage" in kinds or ("items" in doc and "Annotation" not in kinds):
        items = doc.get("items")
        if not isinstance(items, list):
            problems.append("the page's items is not a list")
            return []
        nxt = doc.get("next")
        return items + (_items(nxt, problems) if isinstance(nxt, dict) else [])
    return [doc]


def _str(obj: dict[str, Any], key: str, where: str, problems: list[str]) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{where}: {key} is not a string")
        return None
    return value


def _agent(value: Any) -> str | None:
    for entry in _as_list(value):
        if isinstance(entry, str) and entry.strip():
            return entry.strip()
        if isinstance(entry, dict):
            for key in ("name", "nickname", "id"):
                if isinstance(entry.get(key), str) and entry[key].strip():
                    return entry[key].strip()
    return None


def _selectors(selector: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = _as_list(selector)
    while stack:
        entry = stack.pop(0)
        if isinstance(entry, dict):
            out.append(entry)
            stack.extend(_as_list(entry.get("refinedBy")))
    return out


def _offset(value: Any, what: str, where: str, problems: list[str]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"{where}: TextPositionSelector {what} is not an integer")
        return None
    if value < 0 or value > MAX_OFFSET:
        problems.append(f"{where}: TextPositionSelector {what} {value} is out of range")
        return None
    return value


def _target(item: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any] | None:
    for target in _as_list(item.get("target")):
        if isinstance(target, dict) and ("selector" in target or "source" in target):
            return target
    problems.append(f"{where}: no target with a source and a selector")
    return None


def _span(item: dict[str, Any], where: str, problems: list[str]) -> tuple[str, SetAnnotation]:
    """(article key, annotation) of a span annotation; problems are appended."""
    before = len(problems)
    target = _target(item, where, problems) or {}
    source = target.get("source")
    key = _iri(source) or ""
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for sel in _selectors(target.get("selector")):
        kinds = _types(sel)
        if "TextQuoteSelector" in kinds and quote is None:
            quote = sel
        elif "TextPositionSelector" in kinds and position is None:
            position = sel
    start = end = None
    if position is not None:
        start = _offset(position.get("start"), "start", where, problems)
        end = _offset(position.get("end"), "end", where, problems)
        if start is not None and end is not None and start >= end:
            problems.append(f"{where}: TextPositionSelector start {start} is not before end {end}")
    exact = prefix = suffix = ""
    if quote is not None:
        for field in ("exact", "prefix", "suffix"):
            if _str(quote, field, f"{where}: TextQuoteSelector", problems) is None and (
                field == "exact"
            ):
                problems.append(f"{where}: TextQuoteSelector has no exact text")
        exact = quote.get("exact") if isinstance(quote.get("exact"), str) else ""
        prefix = quote.get("prefix") if isinstance(quote.get("prefix"), str) else ""
        suffix = quote.get("suffix") if isinstance(quote.get("suffix"), str) else ""
    if quote is None and position is None and target:
        problems.append(f"{where}: no TextQuoteSelector or TextPositionSelector")
    fields = _bodies(item, where, problems)
    if "tag" not in fields:
        problems.append(f"{where}: no tag (a TextualBody with purpose classifying or tagging)")
    ok = len(problems) == before
    return str(key or ""), SetAnnotation(
        tag=fields.get("tag", ""),
        exact=exact,
        start=start if ok else None,
        end=end if ok else None,
        prefix=prefix,
        suffix=suffix,
        id=uuid_of(_str(item, "id", where, problems)),
        key=item.get("id") if isinstance(item.get("id"), str) else None,
        actor=fields.get("actor"),
        note=fields.get("note", ""),
        annotator=_agent(item.get("creator")),
        created=_str(item, "created", where, problems),
        modified=_str(item, "modified", where, problems),
        verdict=fields.get("verdict"),
        verdict_explanation=fields.get("explanation", ""),
        verdict_annotator=fields.get("verdict_annotator"),
        verdict_created=fields.get("verdict_created"),
        verdict_modified=fields.get("verdict_modified"),
    )


def _bodies(item: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any]:
    """tag, note, actor and verdict (with its explanation, creator, times) from the bodies."""
    out: dict[str, Any] = {}
    notes: list[str] = []
    tags: dict[str, str] = {}
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict) or "value" not in body:
            continue
        value, purposes = body["value"], _strings(body.get("purpose"))
        if not isinstance(value, str):
            problems.append(f"{where}: a body's value is not a string")
            continue
        role = body.get("annotator:role")
        if role == "verdict" or ("assessing" in purposes and role is None and "verdict" not in out):
            out["verdict"] = value
            explanation = body.get("annotator:explanation", "")
            out["explanation"] = explanation if isinstance(explanation, str) else ""
            out["verdict_annotator"] = _agent(body.get("creator"))
            for key in ("created", "modified"):
                if isinstance(body.get(key), str):
                    out[f"verdict_{key}"] = body[key]
        elif role == "actor" or "identifying" in purposes:
            out.setdefault("actor", value)
        elif "commenting" in purposes or not purposes:
            notes.append(value)
        else:
            for purpose in TAG_PURPOSES:
                if purpose in purposes and value.strip():
                    tags.setdefault(purpose, value.strip())
    for purpose in TAG_PURPOSES:
        if purpose in tags:
            out["tag"] = tags[purpose]
            break
    if notes:
        out["note"] = "\n\n".join(notes)
    return out


def _iri(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return None


def _link(item: dict[str, Any], where: str, problems: list[str]) -> SetRelation | None:
    source = _iri(_as_list(item.get("target"))[0] if _as_list(item.get("target")) else None)
    linked = kind = None
    for body in _as_list(item.get("body")):
        if isinstance(body, dict) and "value" in body:
            if isinstance(body["value"], str) and body["value"].strip():
                kind = body["value"].strip()
        elif _iri(body):
            linked = _iri(body)
    if not source or not linked or not kind:
        problems.append(f"{where}: a link needs a target IRI, a linked IRI and a type")
        return None
    return SetRelation(
        source,
        linked,
        kind,
        id=_str(item, "id", where, problems),
        annotator=_agent(item.get("creator")),
        created=_str(item, "created", where, problems),
    )


def _review(item: dict[str, Any], where: str, problems: list[str]) -> SetReview | None:
    target = _iri(_as_list(item.get("target"))[0] if _as_list(item.get("target")) else None)
    decision, comments = None, []
    for body in _as_list(item.get("body")):
        if isinstance(body, dict) and isinstance(body.get("value"), str):
            if "commenting" in _as_list(body.get("purpose")):
                comments.append(body["value"])
            elif decision is None:
                decision = body["value"].strip()
    if not target or not decision:
        problems.append(f"{where}: a review needs a target annotation IRI and a decision")
        return None
    offsets: dict[str, int] = {}
    for key in ("suggestedStart", "suggestedEnd"):
        value = item.get(f"annotator:{key}")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
            problems.append(f"{where}: annotator:{key} is not a whole number in range")
        else:
            offsets[key] = value
    return SetReview(
        target,
        _agent(item.get("creator")) or "",
        decision,
        "\n\n".join(comments),
        id=_str(item, "id", where, problems),
        created=_str(item, "created", where, problems),
        reply_to=_str(item, "annotator:replyTo", where, problems),
        suggested_tag=_str(item, "annotator:suggestedTag", where, problems),
        suggested_start=offsets.get("suggestedStart"),
        suggested_end=offsets.get("suggestedEnd"),
        resolved=_str(item, "annotator:resolved", where, problems),
        resolution=_str(item, "annotator:resolution", where, problems),
    )


def read_w3c(data: bytes, name: str, *, document: Any = None) -> AnnotationSet:
    """The annotation set in ``data`` (a file called ``name``), or :class:`SetError`.
    ``document``: ``data`` already parsed by :func:`load_json` (not parsed twice)."""
    doc = load_json(data, name) if document is None else document
    problems: list[str] = []
    items = _items(doc, problems)
    refs: dict[str, ArticleRef] = {}
    meta = doc.get("annotator:articles") if isinstance(doc, dict) else None
    for entry in _as_list(meta):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            got = {k: entry.get(f"annotator:{k}") for k in ("sha256", "title", "url")}
            got = {k: v if isinstance(v, str) else None for k, v in got.items()}
            refs[entry["id"]] = ArticleRef(key=entry["id"], **got)
    spans: dict[str, list[SetAnnotation]] = {}
    links: list[SetRelation] = []
    reviews: list[SetReview] = []
    for i, item in enumerate(items, 1):
        # the usual span annotation the short way (w3c_span), any other item the long one
        if type(item) is dict and item.get("motivation") == "classifying":
            if plain := plain_span(item):
                spans.setdefault(plain[0], []).append(plain[1])
                continue
        ident = item.get("id") if isinstance(item, dict) else None
        where = f"item {i}" + (f" ({ident})" if isinstance(ident, str) else "")
        if not isinstance(item, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        motivations = _strings(item.get("motivation"))
        target = _as_list(item.get("target"))
        if "linking" in motivations:
            link = _link(item, where, problems)
            links.extend([link] if link else [])
        elif (
            "assessing" in motivations
            and target
            and _iri(target[0])
            and "selector" not in (target[0] if isinstance(target[0], dict) else {})
        ):
            review = _review(item, where, problems)
            reviews.extend([review] if review else [])
        else:
            key, annotation = _span(item, where, problems)
            spans.setdefault(key, []).append(annotation)
    if problems:
        raise SetError(name, problems)
    return _assemble(name, refs, spans, links, reviews)


def _assemble(
    name: str,
    refs: dict[str, ArticleRef],
    spans: dict[str, list[SetAnnotation]],
    links: list[SetRelation],
    reviews: list[SetReview],
) -> AnnotationSet:
    sets: dict[str, ArticleSet] = {}
    owner: dict[str, str] = {}
    for key, found in spans.items():
        ref = refs.get(key) or ArticleRef(
            key=key or None, url=key if key.startswith(("http://", "https://")) else None
        )
        sets[key] = ArticleSet(ref, list(found))
        for a in found:
            if a.key:
                owner[a.key] = key
    fallback = next(iter(sets)) if len(sets) == 1 else None
    problems: list[str] = []
    for link in links:
        key = owner.get(link.from_key) or owner.get(link.to_key) or fallback
        if key is None:
            problems.append(f"link {link.id or link.from_key}: its annotations are not in the set")
            continue
        sets[key].relations.append(link)
    for review in reviews:
        key = owner.get(review.annotation_key) or fallback
        if key is None:
            problems.append(f"review {review.id or review.annotation_key}: annotation not in set")
            continue
        sets[key].reviews.append(review)
    if problems:
        raise SetError(name, problems)
    return AnnotationSet("w3c", name, list(sets.values()))
