"""Export data for the exchange-format tests: the demo set, or small hand-made sets."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.demo import annotate_sample
from annotator.core.project import Project
from annotator.domain.exchange import AnnotationSet, ArticleExport, ExportData
from annotator.domain.model import Annotation, Article, Relation, Verdict
from annotator.domain.tagset import default_ratings, default_relation_types, default_tagset
from annotator.domain.text import normalize, quote_at, sha256_text

T0 = "2024-06-19T10:00:00.000Z"


def demo_export(project: Project) -> tuple[ExportData, dict[str, str]]:
    """The sample article with the demo set, exported; and the annotation ids by demo key."""
    article = project.import_sample().article
    ids = annotate_sample(project, article.id)
    return project.export_data([article.id], label="demo"), ids


@dataclass
class Builder:
    """A hand-made export of one article: ``span`` / ``link`` / ``rate`` then ``data()``."""

    text: str
    title: str = "Test article"
    url: str | None = "https://news.example/a"
    annotator: str = "alice"
    annotations: list[Annotation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = normalize(self.text)
        self.article = Article(
            id="00000000-0000-4000-8000-000000000001",
            text=self.text,
            sha256=sha256_text(self.text),
            title=self.title,
            byline="By Jane Doe",
            outlet="The Example Times",
            url=self.url,
            published="2024-06-19",
        )

    def span(
        self, tag: str, quote: str, *, occurrence: int = 1, actor: str | None = None, note=""
    ) -> str:
        start = -1
        for _ in range(occurrence):
            start = self.text.index(quote, start + 1)
        return self.span_at(tag, start, start + len(quote), actor=actor, note=note)

    def span_at(
        self, tag: str, start: int, end: int, *, actor: str | None = None, note: str = ""
    ) -> str:
        q = quote_at(self.text, start, end)
        n = len(self.annotations) + 1
        ident = f"00000000-0000-4000-8000-{n:012d}"
        self.annotations.append(
            Annotation(
                ident, self.article.id, start, end, q.exact, q.prefix, q.suffix, tag,
                self.annotator, T0, T0, actor=actor, note=note,
            )
        )  # fmt: skip
        return ident

    def link(self, from_id: str, to_id: str, kind: str) -> str:
        ident = f"00000000-0000-4000-9000-{len(self.relations) + 1:012d}"
        self.relations.append(Relation(ident, from_id, to_id, kind, self.annotator, T0))
        return ident

    def rate(self, annotation_id: str, rating: str, explanation: str = "") -> None:
        self.verdicts[annotation_id] = Verdict(
            annotation_id, rating, explanation, self.annotator, T0, T0
        )

    def data(self) -> ExportData:
        export = ArticleExport(self.article, self.annotations, self.relations, self.verdicts)
        return ExportData(
            [export], default_tagset(), default_relation_types(), default_ratings(), "test"
        )


def by_quote(annotation_set: AnnotationSet) -> dict[tuple[str, str], object]:
    """The set's annotations of its first article by (tag, exact)."""
    return {(a.tag, a.exact): a for a in annotation_set.articles[0].annotations}


def assert_round_trip(
    data: ExportData,
    annotation_set: AnnotationSet,
    *,
    ids: bool = False,
    annotators: bool = False,
    notes: bool = True,
    verdicts: bool = True,
    explanations: bool = True,
    actors: bool = True,
) -> None:
    """The read-back set carries what ``data`` had, as far as the flags say the format does."""
    assert len(annotation_set.articles) == len(data.articles)
    for export, got in zip(data.articles, annotation_set.articles, strict=True):
        text = export.article.text
        if got.ref.text is not None:
            assert got.ref.text == text
        want = sorted(export.annotations, key=lambda a: (a.start, -a.end, a.id))
        have = sorted(got.annotations, key=lambda a: (a.start or 0, -(a.end or 0)))
        assert len(have) == len(want)
        key_of: dict[str, str] = {}
        for w, h in zip(want, have, strict=True):
            assert (h.tag, h.start, h.end, h.exact) == (w.tag, w.start, w.end, w.exact)
            if h.start is not None:
                assert text[h.start : h.end] == h.exact
            if actors:
                assert h.actor == w.actor
            if notes:
                assert h.note == " ".join(w.note.split())
            if ids:
                assert h.id == w.id
            if annotators:
                assert h.annotator == w.annotator
            verdict = export.verdicts.get(w.id)
            if verdicts:
                assert h.verdict == (verdict.rating if verdict else None)
            if explanations:
                assert h.verdict_explanation == (verdict.explanation if verdict else "")
            key_of[w.id] = h.key or h.id or ""
        links = {(key_of[r.from_id], key_of[r.to_id], r.type) for r in export.relations}
        assert {(r.from_key, r.to_key, r.type) for r in got.relations} == links
