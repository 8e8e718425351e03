"""Annotation sets as they travel between tools, independent of any one format.

Readers in ``annotator.formats`` turn a file into an :class:`AnnotationSet`
(validating strictly: a set that cannot be read is refused as a whole with
:class:`SetError` listing the bad items); the core places it on stored
articles (re-anchoring) and merges it. Writers take an :class:`ExportData`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.domain.errors import BadInput
from annotator.domain.model import (
    Annotation,
    Article,
    Rating,
    Relation,
    RelationType,
    Review,
    Tag,
    Verdict,
)


class SetError(BadInput):
    """An annotation set that cannot be read; nothing was imported."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + (
            f"; … {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        message = f"{source}: cannot import this annotation set: {shown}"
        super().__init__(" ".join(message.splitlines()))  # one line, whatever the file held


@dataclass(frozen=True)
class SetAnnotation:
    """One annotation as the file gives it. Offsets are code points of *that* file's text."""

    tag: str
    exact: str
    start: int | None = None
    end: int | None = None
    prefix: str = ""
    suffix: str = ""
    #: a UUID kept across exchanges; None when the format has no stable id
    id: str | None = None
    #: the id the file uses for it (brat "T3", doccano 17 …), for relations inside the file
    key: str | None = None
    actor: str | None = None
    note: str = ""
    annotator: str | None = None
    created: str | None = None
    modified: str | None = None
    verdict: str | None = None
    verdict_explanation: str = ""
    #: who gave the verdict and when (default: the annotation's annotator and times)
    verdict_annotator: str | None = None
    verdict_created: str | None = None
    verdict_modified: str | None = None


@dataclass(frozen=True)
class SetRelation:
    #: keys (or ids) of the two annotations within the set
    from_key: str
    to_key: str
    type: str
    id: str | None = None
    annotator: str | None = None
    created: str | None = None


@dataclass(frozen=True)
class SetReview:
    annotation_key: str
    reviewer: str
    decision: str
    comment: str = ""
    id: str | None = None
    created: str | None = None
    #: the id (or IRI) of the review this one answers
    reply_to: str | None = None
    suggested_tag: str | None = None
    suggested_start: int | None = None
    suggested_end: int | None = None
    #: when the author accepted or declined the suggestion, and which
    resolved: str | None = None
    resolution: str | None = None


@dataclass(frozen=True)
class ArticleRef:
    """How the file names its article; any of these may be missing."""

    sha256: str | None = None
    url: str | None = None
    title: str | None = None
    #: the full text, when the format carries it (brat, doccano, Label Studio)
    text: str | None = None
    #: the file's own name for the article (a urn:uuid, a task id, a file name)
    key: str | None = None


@dataclass
class ArticleSet:
    ref: ArticleRef
    annotations: list[SetAnnotation] = field(default_factory=list)
    relations: list[SetRelation] = field(default_factory=list)
    reviews: list[SetReview] = field(default_factory=list)


@dataclass
class AnnotationSet:
    source_format: str
    source_name: str
    articles: list[ArticleSet] = field(default_factory=list)

    @property
    def annotation_count(self) -> int:
        return sum(len(a.annotations) for a in self.articles)


@dataclass(frozen=True)
class ArticleExport:
    article: Article
    annotations: list[Annotation]
    relations: list[Relation]
    verdicts: dict[str, Verdict]
    #: the latest review decision per annotation id ("accepted", "rejected" …)
    review_states: dict[str, str] = field(default_factory=dict)
    #: annotations that could not be placed (no offsets), exported with their quote only
    orphans: list[Annotation] = field(default_factory=list)
    #: every review of the exported annotations (decisions, comments, replies, suggestions)
    reviews: list[Review] = field(default_factory=list)


@dataclass(frozen=True)
class ExportData:
    """What every writer receives: the chosen articles with their annotations."""

    articles: list[ArticleExport]
    tags: list[Tag]
    relation_types: list[RelationType]
    ratings: list[Rating]
    label: str = "annotator export"
