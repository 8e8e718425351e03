"""The state machine's exchange rules (a mixin of ``ProjectMachine``): export to W3C and
compare with the model, import the project's own export, an earlier export, and a
generated colleague's set (each twice: the second import changes nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from annotator.core.exporting import export_to
from annotator.core.import_plan import plain_id
from annotator.core.project import Project
from annotator.domain.model import new_id, now_iso
from annotator.domain.text import sha256_text
from annotator.formats.w3c_import import read_w3c
from tests.reliability.model import ACTORS, NOTES, TAGS, TYPES, Model


class ExchangeRules:
    """Needs ``alice``, ``model``, ``folder``, ``articles``, ``sets``, ``_both`` and
    ``_span`` from the machine."""

    alice: Project
    model: Model
    folder: Path
    articles: list[str]
    sets: list[tuple[bytes, str]]

    def _export(self) -> bytes:
        out = self.folder / "export.jsonld"
        export_to(self.alice, "w3c", out)
        return out.read_bytes()

    @rule()
    def export(self) -> None:
        """The W3C export, read back, holds exactly the model's live annotations and links."""
        data = self._export()
        aset = read_w3c(data, "export.jsonld")
        got = {}
        links = {}
        for s in aset.articles:
            for a in s.annotations:
                got[plain_id(a.id)] = (a.tag, a.start, a.end, a.exact, a.note, a.actor)
            for r in s.relations:
                links[plain_id(r.id)] = (plain_id(r.from_key), plain_id(r.to_key), r.type)
        want = {
            a.id: (a.tag, a.start, a.end, self._quote(a.id), a.note, a.actor)
            for a in self.model.live.values()
        }
        assert got == want
        assert links == {r: (k.source, k.target, k.type) for r, k in self.model.visible().items()}
        self.sets = [*self.sets[-3:], (data, "")]

    def _quote(self, ann_id: str) -> str:
        a = self.model.live[ann_id]
        return self.model.texts[a.article][a.start : a.end]

    def _import(self, data: bytes, article: str) -> None:
        aset = read_w3c(data, "set.jsonld")
        if article:
            self._both(
                lambda: self.alice.import_annotations(aset),
                lambda _: self.model.import_set(aset, article, "alice"),
            )
        else:  # an export of this project: everything in it is stored already
            reports = self.alice.import_annotations(aset)
            assert all(r.new == r.updated == r.relations == 0 for r in reports), reports

    @rule()
    def import_own_export(self) -> None:
        self._import(self._export(), "")

    @precondition(lambda self: self.sets)
    @rule(data=st.data())
    def import_earlier_set(self, data: st.DataObject) -> None:
        self._import(*data.draw(st.sampled_from(self.sets)))

    @rule(data=st.data())
    def import_generated_set(self, data: st.DataObject) -> None:
        """A colleague's set: new annotations placed exactly, links among them and to the
        project's annotations (deleted ones, itself and unfitting types included)."""
        article = data.draw(st.sampled_from(self.articles))
        text, stamp = self.model.texts[article], now_iso()
        items: list[dict[str, Any]] = []
        ids: list[str] = []
        for _ in range(data.draw(st.integers(1, 3))):
            start, end = self._span(data, article)
            if not 0 <= start < end <= len(text):
                start, end = 0, 1
            ids.append(new_id())
            tag = data.draw(st.sampled_from(TAGS) | st.just("Rumour"))
            items.append(_w3c_span(ids[-1], article, text, start, end, tag, data, stamp))
        stored = [
            a.id
            for a in [*self.model.live.values(), *self.model.deleted.values()]
            if a.article == article
        ]
        for _ in range(data.draw(st.integers(0, 3))):
            ends = st.sampled_from(ids + stored)
            kind = data.draw(st.sampled_from([t.name for t in TYPES]))
            items.append(_w3c_link(data.draw(ends), data.draw(ends), kind, stamp))
        doc = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "annotator:articles": [
                {"id": f"urn:uuid:{article}", "annotator:sha256": sha256_text(text)}
            ],
            "first": {"type": "AnnotationPage", "items": items},
        }
        raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        self._import(raw, article)
        self._import(raw, article)  # again: nothing changes
        self.sets = [*self.sets[-3:], (raw, article)]


def _w3c_span(
    ident: str,
    article: str,
    text: str,
    start: int,
    end: int,
    tag: str,
    data: st.DataObject,
    stamp: str,
) -> dict[str, Any]:
    body = [{"type": "TextualBody", "purpose": "classifying", "value": tag}]
    note, actor = data.draw(NOTES), data.draw(ACTORS)
    if note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": note})
    if actor:
        body.append({"type": "TextualBody", "purpose": "identifying", "value": actor})
    return {
        "id": f"urn:uuid:{ident}",
        "type": "Annotation",
        "motivation": "classifying",
        "creator": {"type": "Person", "name": "carol"},
        "created": stamp,
        "modified": stamp,
        "body": body,
        "target": {
            "source": f"urn:uuid:{article}",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[start:end],
                    "prefix": text[max(0, start - 32) : start],
                    "suffix": text[end : end + 32],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def _w3c_link(source: str, target: str, kind: str, stamp: str) -> dict[str, Any]:
    return {
        "id": f"urn:uuid:{new_id()}",
        "type": "Annotation",
        "motivation": "linking",
        "creator": {"type": "Person", "name": "carol"},
        "created": stamp,
        "target": f"urn:uuid:{source}",
        "body": [
            {"id": f"urn:uuid:{target}"},
            {"type": "TextualBody", "purpose": "tagging", "value": kind},
        ],
    }
